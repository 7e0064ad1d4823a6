// A file read in large chunks, for the streaming readers, as bytes (the JSON splitter decodes each
// entry on its own) or as text (plain lines); a file that cannot be read is an InputError with a
// one-line reason (CLI exit 2), never a stack trace.
import { createReadStream } from 'node:fs';
import { InputError } from '../shared/errors.js';

/** One entry bigger than this is skipped, not parsed (Cloud Logging's own limit is 256 KB). */
export const MAX_ENTRY_BYTES = 4 * 1024 * 1024;

const CHUNK_BYTES = 1 << 20;

const REASONS: Record<string, string> = { ENOENT: 'no such file', EISDIR: 'is a directory', EACCES: 'permission denied' };

/** `what` names the file in the error, e.g. `logs file x.jsonl`. The path `-` is standard input. */
export async function* readTextChunks(path: string, what: string): AsyncGenerator<string> {
  try {
    const stream = path === '-' ? process.stdin.setEncoding('utf8') : createReadStream(path, { encoding: 'utf8', highWaterMark: CHUNK_BYTES });
    for await (const chunk of stream) yield chunk as string;
  } catch (error) {
    throw unreadable(error, what);
  }
}

/** The same, undecoded. */
export async function* readByteChunks(path: string, what: string): AsyncGenerator<Buffer> {
  try {
    const stream = path === '-' ? process.stdin : createReadStream(path, { highWaterMark: CHUNK_BYTES });
    for await (const chunk of stream) yield typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
  } catch (error) {
    throw unreadable(error, what);
  }
}

function unreadable(error: unknown, what: string): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  return new InputError(`cannot read ${what}: ${(code && REASONS[code]) ?? code ?? 'read error'}`, { cause: error });
}
