// A logs file must look like a Cloud Logging export from its first character: a JSON array
// (`gcloud logging read --format=json`) or JSON lines. Anything else (a README, a gzip, a CSV) is a
// usage mistake, stopped with a one-line reason (CLI exit 2) rather than counted as malformed lines.
import { InputError } from '../shared/errors.js';

const GZIP = /^\u001f(\u008b|\ufffd)/; // gzip's magic bytes 1f 8b, as UTF-8 decoding leaves them

export async function* checkExport(chunks: AsyncIterable<string>, path: string): AsyncGenerator<string> {
  let checked = false;
  for await (const chunk of chunks) {
    if (!checked) {
      const text = chunk.replace(/^\ufeff/, '').trimStart();
      if (text === '') {
        yield chunk;
        continue;
      }
      checked = true;
      const name = path === '-' ? 'standard input' : path;
      if (GZIP.test(text)) throw new InputError(`${name} is gzip-compressed: decompress it first (gunzip -k ${path === '-' ? 'FILE' : path})`);
      if (text[0] !== '{' && text[0] !== '[') {
        throw new InputError(`${name} is not a Cloud Logging export: it starts with ${JSON.stringify(firstLine(text))}; expected a JSON array (gcloud logging read --format=json) or one JSON LogEntry per line`);
      }
    }
    yield chunk;
  }
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0]!.replace(/[^\x20-\x7e]/g, '?');
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}
