// `log-gardener classify`: one JSON line per input entry, in input order, with its final cluster id
// and template. Entries are only remembered as a cluster handle each, so memory stays small.
// A line that belongs to a reassembled multi-line trace gets its trace's cluster.
import { createClassifier } from '../classify/index.js';
import type { Rule } from '../config/schema.js';
import { findRule } from '../plan/index.js';
import { normalizeEntry } from '../normalize/index.js';
import { MAX_ENTRY_BYTES, readByteChunks, readTextChunks } from '../source/read-text-file.js';
import { reassemble, type ReassembleOptions } from '../source/reassemble.js';
import { splitJsonStream, type Piece } from '../source/split-json-stream.js';
import type { Cluster, RawEntry } from '../shared/types.js';
import { checkExport } from '../source/check-export.js';

export type InputFormat = 'gcp' | 'lines';

// A plain line has no timestamp of its own; any fixed time will do, the classifier only groups text.
const LINE_TIME = '1970-01-01T00:00:00Z';
// Plain text is one stream, in the order it was written: a traceback's lines are joined as Cloud Run's
// are, so `classify --format lines` on a pasted log shows the clusters a sweep would find.
const LINES: Partial<ReassembleOptions> = { streamKey: () => 'lines', order: 'oldest-first' };

/** `rules` (classify --config): a line whose problem a rule names also shows that rule's verdict. */
export async function classifyFile(path: string, format: InputFormat, write: (line: string) => void, rules?: readonly Rule[]): Promise<void> {
  const classifier = createClassifier();
  const handles: Array<number | string> = []; // a handle, or why the entry was skipped
  const lineOf: number[] = []; // reassembly's input position -> index in the file
  async function* entries(): AsyncGenerator<RawEntry> {
    for await (const piece of pieces(path, format)) {
      const raw = toRaw(piece, format);
      if (typeof raw === 'string') {
        handles.push(raw);
        continue;
      }
      lineOf.push(handles.length);
      handles.push(-1); // set below, once its entry (joined or not) is classified
      yield raw;
    }
  }
  // A trace split over several entries is classified once, joined, as the sweep does; every line
  // of it then shows the trace's cluster.
  for await (const { raw, members, piece } of reassemble(entries(), format === 'lines' ? LINES : undefined)) {
    const entry = normalizeEntry(raw);
    if (piece && !('skip' in entry)) entry.piece = true;
    const handle = 'skip' in entry ? entry.skip : classifier.add(entry);
    for (const member of members) handles[lineOf[member]!] = handle;
  }
  const ruleOf = rules?.length ? rulesByCluster(classifier.clusters(), rules) : new Map<string, Omit<Rule, 'match'>>();
  handles.forEach((handle, index) => {
    if (typeof handle === 'string') {
      write(JSON.stringify({ index, cluster: null, template: null, skipped: handle }));
    } else {
      const { id, template } = classifier.resolve(handle);
      const rule = ruleOf.get(id);
      write(JSON.stringify({ index, cluster: id, template, ...(rule ? { rule } : {}) }));
    }
  });
}

// Rules match a problem as the sweep sees it (its template and first sample), so the verdict is per cluster.
function rulesByCluster(clusters: Cluster[], rules: readonly Rule[]): Map<string, Omit<Rule, 'match'>> {
  const verdicts = new Map<string, Omit<Rule, 'match'>>();
  for (const cluster of clusters) {
    const rule = findRule(rules, cluster);
    if (!rule) continue;
    const { match: _match, ...verdict } = rule;
    verdicts.set(cluster.id, verdict);
  }
  return verdicts;
}

function toRaw(piece: Piece, format: InputFormat): RawEntry | string {
  if ('skip' in piece) return piece.skip;
  if (format === 'lines') return { timestamp: LINE_TIME, textPayload: piece.json };
  try {
    const value: unknown = piece.value !== undefined ? piece.value : JSON.parse(piece.json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as RawEntry) : 'not a LogEntry object';
  } catch {
    return 'malformed JSON';
  }
}

async function* pieces(path: string, format: InputFormat): AsyncGenerator<Piece> {
  const what = path === '-' ? 'standard input' : path;
  if (format === 'gcp') {
    for await (const batch of splitJsonStream(checkExport(readByteChunks(path, what), path), MAX_ENTRY_BYTES)) yield* batch;
    return;
  }
  const chunks = readTextChunks(path, what);
  // Plain text: every line is one message, blank lines included, so indexes match line numbers.
  let rest = '';
  for await (const chunk of chunks) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop()!;
    for (const line of lines) yield { json: line.replace(/\r$/, '') };
  }
  if (rest) yield { json: rest.replace(/\r$/, '') };
}
