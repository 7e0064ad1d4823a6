// `log-gardener classify`: one JSON line per input entry, in input order, with its final cluster id
// and template. Entries are only remembered as a cluster handle each, so memory stays small.
import { createClassifier } from '../classify/index.js';
import { normalizeEntry } from '../normalize/index.js';
import { MAX_ENTRY_BYTES, readTextChunks } from '../source/read-text-file.js';
import { splitJsonStream, type Piece } from '../source/split-json-stream.js';
import type { RawEntry } from '../shared/types.js';

export type InputFormat = 'gcp' | 'lines';

// A plain line has no timestamp of its own; any fixed time will do, the classifier only groups text.
const LINE_TIME = '1970-01-01T00:00:00Z';

export async function classifyFile(path: string, format: InputFormat, write: (line: string) => void): Promise<void> {
  const classifier = createClassifier();
  const handles: Array<number | string> = []; // a handle, or why the entry was skipped
  for await (const piece of pieces(path, format)) {
    const raw = toRaw(piece, format);
    if (typeof raw === 'string') {
      handles.push(raw);
      continue;
    }
    const entry = normalizeEntry(raw);
    handles.push('skip' in entry ? entry.skip : classifier.add(entry));
  }
  handles.forEach((handle, index) => {
    if (typeof handle === 'string') {
      write(JSON.stringify({ index, cluster: null, template: null, skipped: handle }));
    } else {
      const { id, template } = classifier.resolve(handle);
      write(JSON.stringify({ index, cluster: id, template }));
    }
  });
}

function toRaw(piece: Piece, format: InputFormat): RawEntry | string {
  if ('skip' in piece) return piece.skip;
  if (format === 'lines') return { timestamp: LINE_TIME, textPayload: piece.json };
  try {
    const value: unknown = JSON.parse(piece.json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as RawEntry) : 'not a LogEntry object';
  } catch {
    return 'malformed JSON';
  }
}

async function* pieces(path: string, format: InputFormat): AsyncGenerator<Piece> {
  const chunks = readTextChunks(path, path);
  if (format === 'gcp') {
    yield* splitJsonStream(chunks, MAX_ENTRY_BYTES);
    return;
  }
  // Plain text: every line is one message, blank lines included, so indexes match line numbers.
  let rest = '';
  for await (const chunk of chunks) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop()!;
    for (const line of lines) yield { json: line.replace(/\r$/, '') };
  }
  if (rest) yield { json: rest.replace(/\r$/, '') };
}
