// `log-gardener classify`: one JSON line per input entry, in input order, with its final cluster id
// and template. Entries are only remembered as a cluster handle each, so memory stays small.
// A line that belongs to a reassembled multi-line trace gets its trace's cluster.
import { companionTargets, createClassifier, writerKey, type Classifier } from '../classify/index.js';
import type { Rule } from '../config/schema.js';
import { findRule } from '../plan/index.js';
import { entryService, entryTime, entryWriter, normalizeEntry, isServerErrorAccess } from '../normalize/index.js';
import { answeredClientError } from '../normalize/client-error-line.js';
import { spanCloseRequest } from '../normalize/span-close-record.js';
import { MAX_ENTRY_BYTES, readByteChunks, readTextChunks } from '../source/read-text-file.js';
import { reassemble, type ReassembleOptions } from '../source/reassemble.js';
import { splitJsonStream, type Piece } from '../source/split-json-stream.js';
import type { Cluster, RawEntry, Severity } from '../shared/types.js';
import { checkExport } from '../source/check-export.js';
import { SweepView } from './sweep-view.js';

export type InputFormat = 'gcp' | 'lines';

// A plain line has no timestamp of its own; any fixed time will do, the classifier only groups text.
const LINE_TIME = '1970-01-01T00:00:00Z';
// Plain text is one stream, in the order it was written: a traceback's lines are joined as Cloud Run's
// are, so `classify --format lines` on a pasted log shows the clusters a sweep would find.
const LINES: Partial<ReassembleOptions> = { streamKey: () => 'lines', order: 'oldest-first' };

/** The configuration's severity floor when classify is given none (config/schema.ts). */
const DEFAULT_FLOOR: Severity = 'NOTICE';

/**
 * `rules` (classify --config): a line whose problem a rule names also shows that rule's verdict.
 * `floor`: the configuration's severity floor, which decides what a sweep reads.
 */
export async function classifyFile(path: string, format: InputFormat, write: (line: string) => void, rules?: readonly Rule[], floor: Severity = DEFAULT_FLOOR): Promise<void> {
  // Every entry, joined and classified together: what an entry the sweep does not read is grouped with.
  const classifier = createClassifier();
  // What a sweep of the export reads, as it reads it: the ids it files (sweep-view.ts). Plain lines
  // are nothing a sweep reads.
  const sweep = format === 'gcp' ? new SweepView(floor) : null;
  const handles: Array<number | string> = []; // a handle, or why the entry was skipped
  const lineOf: number[] = []; // reassembly's input position -> index in the file
  const written: Written[] = []; // index in the file -> when and by which instance, when it says
  const writtenBy = writtenOf();
  const leveled = new Set<number>(); // indexes of entries at a level of their own (companionsOfRead)
  const accessLines = new Set<number>(); // indexes of access lines of requests answered 5xx (companionsOfRead)
  const clientErrors = new Map<number, number>(); // index -> the 4xx an access line says (companionsOfRead)
  async function* entries(): AsyncGenerator<RawEntry> {
    for await (const piece of pieces(path, format)) {
      const raw = toRaw(piece, format);
      if (typeof raw === 'string') {
        handles.push(raw);
        continue;
      }
      if (sweep) written[handles.length] = writtenBy(raw);
      sweep?.push(piece, raw, handles.length);
      lineOf.push(handles.length);
      handles.push(-1); // set below, once its entry (joined or not) is classified
      yield raw;
    }
    sweep?.end();
  }
  // A trace split over several entries is classified once, joined, as the sweep does; every line
  // of it then shows the trace's cluster.
  for await (const { raw, members, piece } of reassemble(entries(), format === 'lines' ? LINES : undefined)) {
    const entry = normalizeEntry(raw);
    if (piece && !('skip' in entry)) entry.piece = true;
    const handle = 'skip' in entry ? entry.skip : classifier.add(entry);
    for (const member of members) handles[lineOf[member]!] = handle;
    // An access line's level is its logger's for every request; a 5xx says more (normalize/access-status.ts).
    const access = !('skip' in entry) && isServerErrorAccess(entry);
    const clientError = access || 'skip' in entry ? null : answeredClientError(entry.text) ?? spanClientError(raw);
    if (access) for (const member of members) accessLines.add(lineOf[member]!);
    else if (clientError !== null) for (const member of members) clientErrors.set(lineOf[member]!, clientError);
    else if (!('skip' in entry) && entry.severity !== 'DEFAULT') for (const member of members) leveled.add(lineOf[member]!);
  }
  const place = sweep ? placeBySweep(sweep, classifier, handles, written, { leveled, accessLines, clientErrors }) : (_index: number, handle: number) => classifier.resolve(handle);
  const clusters = [...(sweep?.clusters() ?? []), ...classifier.clusters()];
  const ruleOf = rules?.length ? rulesByCluster(clusters, rules) : new Map<string, Omit<Rule, 'match'>>();
  handles.forEach((handle, index) => {
    const swept = sweep?.handles[index] ?? -1;
    if (typeof handle === 'string' && swept < 0) {
      write(JSON.stringify({ index, cluster: null, template: null, skipped: handle }));
    } else {
      const { id, template } = place(index, typeof handle === 'string' ? -1 : handle);
      const rule = ruleOf.get(id);
      write(JSON.stringify({ index, cluster: id, template, ...(rule ? { rule } : {}) }));
    }
  });
}

/** The 4xx a request span's closing record says its request was answered with (span-close-record.ts), or null. */
function spanClientError(raw: RawEntry): number | null {
  const status = spanCloseRequest(raw.jsonPayload)?.status;
  return status !== undefined && status >= 400 && status < 500 ? status : null;
}

type Placed = { id: string; template: string };
/** Indexes of entries at a level of their own, of access lines of requests answered 5xx, and of those answered 4xx (-> the status). */
type Marks = { leveled: ReadonlySet<number>; accessLines: ReadonlySet<number>; clientErrors: ReadonlyMap<number, number> };
type Written = { time: number; writer: number } | undefined;

/** When an entry was written and by which instance (a number per service and instance, one numbering a file), if it says. */
function writtenOf(): (raw: RawEntry) => Written {
  const writers = new Map<string, number>();
  return (raw) => {
    const writer = entryWriter(raw);
    const time = entryTime(raw);
    if (writer === '' || time === null) return undefined;
    const key = writerKey(entryService(raw), writer);
    let n = writers.get(key);
    if (n === undefined) writers.set(key, (n = writers.size));
    return { time, writer: n };
  };
}

/**
 * Of the entries the sweep does not read, those that go with an entry it reads: a group of them (in
 * the classifier of every entry) whose entries were nearly all written beside one the sweep reads, by
 * the same instance within a few milliseconds (classify/companions.ts): a job runner's `FAIL` line, a
 * client's `GET <url>` line under the error it printed. Only entries of no level at all: a record
 * that says it is INFO is chatter, however close to an error it was written; save an access line of
 * a request answered 5xx, whose level is its logger's for every request (the error's request:
 * uvicorn's `"GET /x HTTP/1.1" 500` under the traceback). Such lines the sweep does not read are a
 * group of their own, apart from the same logger's lines of requests that did not fail: those are
 * written beside no error, and one template with them would never be a companion. So is an access line
 * of a request answered 4xx, a group per status (client-error-line.ts): the `409` an application answers
 * after logging its failure, apart from the 404s of mistyped paths. Index -> the index of the entry it
 * goes with.
 */
function companionsOfRead(sweep: SweepView, all: Classifier, handles: ReadonlyArray<number | string>, written: readonly Written[], { leveled, accessLines, clientErrors }: Marks): Map<number, number> {
  const indexes: number[] = [];
  const groups: number[] = [];
  const times: number[] = [];
  const writers: number[] = [];
  const groupOf = new Map<string, number>();
  const read = new Set<number>();
  const size: number[] = [];
  const access: number[] = [];
  handles.forEach((handle, index) => {
    const at = written[index];
    const swept = sweep.handles[index] ?? -1;
    // A line at a level of its own (an INFO record) is routine, never a line of an error's write-up.
    if (at === undefined || (swept < 0 && (typeof handle === 'string' || handle < 0 || leveled.has(index)))) return;
    const status = clientErrors.get(index);
    const key = swept >= 0 ? `read ${sweep.placed(index).id}` : `${accessLines.has(index) ? '5xx' : status ?? 'all'} ${all.resolve(handle as number).id}`;
    let g = groupOf.get(key);
    if (g === undefined) groupOf.set(key, (g = groupOf.size));
    if (swept >= 0) read.add(g);
    size[g] = (size[g] ?? 0) + 1;
    access[g] = (access[g] ?? 0) + (accessLines.has(index) || status !== undefined ? 1 : 0);
    indexes.push(index);
    groups.push(g);
    times.push(at.time);
    writers.push(at.writer);
  });
  // Only an entry the sweep reads is one to go with; those are placed already. A request's access line
  // the sweep kept apart (beside no error) is no record's write-up: a trace's lines near it are not its.
  const accessGroup = (g: number): boolean => 2 * access[g]! > size[g]!;
  const targets = companionTargets(groups, times, writers, (a, b) => read.has(a) && !read.has(b) && !accessGroup(a));
  const out = new Map<number, number>();
  targets.forEach((t, k) => {
    if (t >= 0) out.set(indexes[k]!, indexes[t]!);
  });
  return out;
}

/**
 * Where each entry goes: the sweep's cluster when the sweep classifies it; else the sweep's cluster of
 * the entry it was written beside (companionsOfRead); else the sweep's cluster most of the entries it
 * is grouped with belong to (a piece of a record with no severity of its own, a line the prefilter
 * drops that the record it ends is joined with); else its own group's, which holds nothing the sweep
 * reads (INFO chatter).
 */
function placeBySweep(sweep: SweepView, all: Classifier, handles: ReadonlyArray<number | string>, written: readonly Written[], marks: Marks): (index: number, handle: number) => Placed {
  const beside = companionsOfRead(sweep, all, handles, written, marks);
  const votes = new Map<string, Map<string, number>>();
  const templates = new Map<string, string>();
  handles.forEach((handle, index) => {
    const swept = sweep.handles[index] ?? -1;
    if (typeof handle === 'string' || handle < 0 || swept < 0) return;
    const group = all.resolve(handle).id;
    const { id, template } = sweep.placed(index);
    templates.set(id, template);
    const tally = votes.get(group) ?? new Map<string, number>();
    tally.set(id, (tally.get(id) ?? 0) + 1);
    votes.set(group, tally);
  });
  const byGroup = new Map<string, string>();
  const unanimous = new Set<string>();
  for (const [group, tally] of votes) {
    let best: [string, number] | undefined;
    for (const [id, n] of tally) if (best === undefined || n > best[1] || (n === best[1] && id < best[0])) best = [id, n];
    byGroup.set(group, best![0]);
    if (tally.size === 1) unanimous.add(group);
  }
  return (index, handle) => {
    const swept = sweep.handles[index] ?? -1;
    if (swept >= 0) return sweep.placed(index);
    // A record the classifier put with records of one problem the sweep reads (a traceback whose head
    // was lost, with no level left, held whole by that problem's records) is that problem's, whatever
    // another request's error its instance wrote beside it in a burst of two failures.
    const own = all.resolve(handle);
    if (unanimous.has(own.id) && !marks.accessLines.has(index)) {
      const id = byGroup.get(own.id)!;
      return { id, template: templates.get(id)! };
    }
    const with_ = beside.get(index);
    if (with_ !== undefined) return sweep.placed(with_);
    const id = byGroup.get(own.id);
    return id === undefined ? own : { id, template: templates.get(id)! };
  };
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
