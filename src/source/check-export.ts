// A logs file must look like a Cloud Logging export from its first character: a JSON array
// (`gcloud logging read --format=json`) or JSON lines. Anything else (a README, a gzip, a CSV) is a
// usage mistake, stopped with a one-line reason (CLI exit 2) rather than counted as malformed lines.
import { InputError } from '../shared/errors.js';

const BOM = [0xef, 0xbb, 0xbf];
const OPEN_BRACE = 0x7b, OPEN_BRACKET = 0x5b;
const isBlank = (byte: number) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

export async function* checkExport(chunks: AsyncIterable<Buffer>, path: string): AsyncGenerator<Buffer> {
  // The leading bytes are held until the first one that is neither blank nor a byte order mark.
  let head: Buffer | null = Buffer.alloc(0);
  for await (const chunk of chunks) {
    if (head === null) {
      yield chunk;
      continue;
    }
    head = Buffer.concat([head, chunk]);
    const first = firstByte(head);
    if (first === null) continue;
    check(head.subarray(first), path);
    yield head;
    head = null;
  }
  if (head !== null && head.length > 0) yield head;
}

/** Where the content starts, or null while only blanks (or the start of a byte order mark) were read. */
function firstByte(head: Buffer): number | null {
  let i = 0;
  if (head[0] === BOM[0]) {
    if (head.length < BOM.length) return head.every((b, k) => b === BOM[k]) ? null : 0;
    if (head[1] === BOM[1] && head[2] === BOM[2]) i = 3;
  }
  while (i < head.length && isBlank(head[i]!)) i++;
  return i < head.length ? i : null;
}

function check(content: Buffer, path: string): void {
  const name = path === '-' ? 'standard input' : path;
  if (content[0] === 0x1f && (content.length < 2 || content[1] === 0x8b)) {
    throw new InputError(`${name} is gzip-compressed: decompress it first (gunzip -k ${path === '-' ? 'FILE' : path})`);
  }
  if (content[0] !== OPEN_BRACE && content[0] !== OPEN_BRACKET) {
    throw new InputError(`${name} is not a Cloud Logging export: it starts with ${JSON.stringify(firstLine(content.subarray(0, 200).toString('utf8')))}; expected a JSON array (gcloud logging read --format=json) or one JSON LogEntry per line`);
  }
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0]!.replace(/[^\x20-\x7e]/g, '?');
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}
