// A file read as text in large chunks, for the streaming readers; a file that cannot be read is an
// InputError with a one-line reason (CLI exit 2), never a stack trace.
import { createReadStream } from 'node:fs';
import { InputError } from '../shared/errors.js';

/** One entry bigger than this is skipped, not parsed (Cloud Logging's own limit is 256 KB). */
export const MAX_ENTRY_BYTES = 4 * 1024 * 1024;

const REASONS: Record<string, string> = { ENOENT: 'no such file', EISDIR: 'is a directory', EACCES: 'permission denied' };

/** `what` names the file in the error, e.g. `logs file x.jsonl`. The path `-` is standard input. */
export async function* readTextChunks(path: string, what: string): AsyncGenerator<string> {
  try {
    const stream = path === '-' ? process.stdin.setEncoding('utf8') : createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
    for await (const chunk of stream) yield chunk as string;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read ${what}: ${(code && REASONS[code]) ?? code ?? 'read error'}`, { cause: error });
  }
}
