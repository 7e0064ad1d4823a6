// Which lines a sweep reads although its prefilter would not: the free-text lines of a multi-line
// record. Cloud Run stores each line a container writes as an entry of its own, and the prefilter
// (mayMatter) judges each line alone, so a record line that names no error (a Rust panic's message,
// Plug's `Server:` and `Request:`, Ecto's query, java.util.logging's level line) was dropped before
// reassembly while `classify`, which reads everything, joined it: the two derived different ids.
//
// A rule names a record head whose next lines may be such text, and what those lines look like.
// Every source applies the same rules (the file source as it streams, the Cloud Logging source with a
// follow-up read, Log Analytics in SQL), so the patterns are RE2 (no lookaround, no backreference)
// and read a line as Cloud Logging stores it, terminal colours removed.
import type { RawEntry } from '../shared/types.js';
import { withoutTerminalCodes } from '../normalize/index.js';
import { MAX_OTHERS } from './trace-grammar.js';
import { EX_ERROR, EX_PLUG_CRASH, JUL_LEVEL, PY_ERROR_LOCATION, RUST_PANIC } from './trace-lines.js';
import { STAMPED_LINE_RE2 } from '../shared/record-shapes.js';

export interface FollowRule {
  /** What the record is (tests, the report). */
  name: string;
  /** RE2: a line that opens the record; always read. */
  head: string;
  /** RE2: a line that may follow it within the record. */
  next: string;
  /** RE2: a line that never does, whatever `next` says (a record of its own). */
  notNext?: string;
  /** Most lines after the head that belong to it (its own lines and those the prefilter keeps anyway). */
  lines: number;
  /**
   * The head opens the record only when it is read anyway (the prefilter keeps it): a warning, which the
   * server-side pattern reads only at floors that reach warnings, so no source reads it for its lines.
   */
  keptOnly?: true;
}

/**
 * Most lines of one write after its head that the sweep reads through the write-lines rule: a
 * framework's error block with its request lines and a dozen frames.
 */
export const WRITE_LINES = 8;
// A word naming an error: a class name ending in Error or Exception (`ErrorException`, `IOError`), or a
// level or word standing alone (`CRITICAL`, `fatal`; not `load_errors=0` or `0 errors`).
const WRITE_HEAD = String.raw`(?:Error|Exception)\b|\b(?:error|ERROR|exception|EXCEPTION|[Ff]atal|FATAL|[Cc]ritical|CRITICAL|CRIT|[Pp]anic|PANIC|SEVERE|ALERT|EMERG|EMERGENCY|[Ff]ailed|FAILED|[Ff]ailure|FAILURE)\b`;

// A later line of the write: any line but a JSON record or one stamped with a time of its own, up to WRITE_LINES.
const WRITE_GOES_ON = { next: String.raw`^[^{]`, notNext: STAMPED_LINE_RE2, lines: WRITE_LINES };

// The trace grammar's states whose next line may be any text (trace-grammar.ts), as line shapes.
export const FOLLOW_RULES: readonly FollowRule[] = [
  // Rust 1.73+: `thread 'main' panicked at src/main.rs:42:5:`, then the message, whatever it says.
  { name: 'rust-panic-message', head: `${RUST_PANIC.source}.*:\\s*$`, next: String.raw`^\S`, lines: 1 },
  // Plug's crash report names the server and the request before its `** (exit)` line.
  { name: 'plug-crash-request', head: EX_PLUG_CRASH.source, next: String.raw`^(?:Server|Request): `, lines: 2 },
  // An Elixir exception whose message goes on after its colon (Ecto's `… in query:`, then the query).
  { name: 'elixir-message', head: `${EX_ERROR.source}.*:\\s*$`, next: String.raw`\S`, lines: 4 },
  // java.util.logging's SimpleFormatter: the time and source, then `LEVEL: message`. JUL_HEAD's
  // qualified name as one bounded run: RE2 refuses nested repeats over 1,000.
  { name: 'jul-level', head: String.raw`^[A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,2}:\d{2}:\d{2} [AP]M [\w$.-]{1,600}\.[\w$-]{1,100}(?: [\w$<>-]{1,200})?$`, next: JUL_LEVEL.source, lines: 1 },
  // Prisma's code frame marks the failing line; what failed is the next line.
  { name: 'prisma-message', head: String.raw`^(?:→|❯) {1,4}\d{1,7} `, next: String.raw`^\S`, lines: 1 },
  // pydantic's ValidationError: each error's location unindented (`price`), its message indented.
  { name: 'pydantic-location', head: String.raw`\d{1,6} validation errors? for `, next: `${PY_ERROR_LOCATION.source}|^\\s+\\S`, lines: 6 },
  // gin's Recovery: `[Recovery] 2026/12/03 - 10:00:00 panic recovered:`, then the panic's value, whatever it says.
  // Swift's backtracer: `💣 Program crashed: …`, then `Thread 0 crashed:`, its numbered frames and `Backtrace took …`.
  { name: 'swift-backtrace', head: String.raw`(?:💣|\*\*\*) Program crashed: `, next: String.raw`^(?:Thread \d{1,5}(?: "[^"]{0,100}")?(?: crashed)?:\s*$|\d{1,4} \S.{0,300} in \S|Backtrace took |\s+\S)`, lines: 8 },
  // An error renderer's field block (Slim's, under `Slim Application Error`): `Type: X`, then the code, the
  // message, the file, the line and `Trace: #0 …`, which name no error of their own.
  { name: 'exception-fields', head: String.raw`^Type: \S`, next: String.raw`^(?:Code|Message|File|Line|Trace): \S`, lines: 5 },
  // In debug mode (gin's default: GIN_MODE unset) the request comes first, as httputil.DumpRequest writes it
  // (`POST /p HTTP/1.1`, then a header a line: a Cloud Run request carries a dozen), then the value.
  { name: 'gin-recovery-value', head: String.raw`\[Recovery\] \d{4}/\d{2}/\d{2} - \d{2}:\d{2}:\d{2} panic recovered:\s*$`, next: String.raw`^\S`, notNext: STAMPED_LINE_RE2, lines: 24 },
  // The lines of one write no grammar knows (burst-lines.ts: CakePHP's `Request URL:` / `Stack Trace:` block,
  // CodeIgniter's `in FILE on line N.` and numbered frames): after a line naming an error, whatever its
  // writer printed in the same write. The reassembly decides which of them join; the sweep reads them as
  // classify does. The head names an error as the server-side pattern reads one at every floor up to
  // ERROR (a warning's words reach it only below ERROR), so every source sees the same heads.
  { name: 'write-lines', head: WRITE_HEAD, ...WRITE_GOES_ON },
  // The same after a warning's level in capitals (`[WARNING]: Deprecated functionality`, dbt's deprecations, a
  // CLI's notes: what the warning is about is said on its later lines), where the floor reaches warnings.
  { name: 'warning-write-lines', head: String.raw`\b(?:WARN|WARNING)\b`, ...WRITE_GOES_ON, keptOnly: true },
];

/**
 * Most time, in µs, between two consecutive lines of one record: a runtime writes a record in one
 * write, stamped microseconds apart; the reassembly joins a plain line to a record only within a
 * millisecond of its neighbours (its interleave), so a line further away would not be joined anyway.
 */
export const FOLLOW_GAP_US = 1_000;

/** Most lines of other writers of the stream among a record's (the reassembly's MAX_OTHERS). */
export const FOLLOW_OTHERS = MAX_OTHERS;

/** Most lines after a head that it may pull (its own and others'). */
export const FOLLOW_REACH = Math.max(...FOLLOW_RULES.map((r) => r.lines)) + FOLLOW_OTHERS;

/** Cloud Run's stdout and stderr logs (RE2, over logName). */
export const STD_STREAM_LOG = String.raw`/logs/run\.googleapis\.com%2F(?:stdout|stderr)$`;

const HEADS = FOLLOW_RULES.map((r) => new RegExp(r.head));
const NEXTS = FOLLOW_RULES.map((r) => new RegExp(r.next));
const NOT_NEXTS = FOLLOW_RULES.map((r) => (r.notNext === undefined ? null : new RegExp(r.notNext)));
const STD_STREAM = new RegExp(STD_STREAM_LOG);

/** A line as the rules see it: its stream, its time, and the rules it opens or may continue (bit masks). */
export interface FollowLine {
  /** Instance and log: the lines of one writer. */
  stream: string;
  instance: string;
  logName: string;
  /** µs since the epoch. */
  time: number;
  /** Rules this line heads (bit i: FOLLOW_RULES[i]); a keptOnly rule's only when the prefilter reads the line. */
  head: number;
  /** The text as the rules read it. */
  text: string;
  /** Rules this line may continue; -1 until asked (nextOf): most lines are never asked. */
  next: number;
}

/** The rules `line` may continue (bit i: FOLLOW_RULES[i]). */
export function nextOf(line: FollowLine): number {
  if (line.next < 0) {
    let next = 0;
    for (let i = 0; i < NEXTS.length; i++) if (NEXTS[i]!.test(line.text) && NOT_NEXTS[i]?.test(line.text) !== true) next |= 1 << i;
    line.next = next;
  }
  return line.next;
}

/**
 * The entry as a line of a writer's stdout/stderr (text without a severity, with its instance), or
 * null: only such lines open or continue a record across entries. `kept`: the prefilter's verdict on it.
 */
export function followLine(raw: RawEntry, time: number | null, kept: boolean): FollowLine | null {
  if (time === null) return null;
  const text = raw.textPayload;
  const logName = raw.logName;
  if (typeof text !== 'string' || typeof logName !== 'string') return null;
  const severity = raw.severity;
  if (severity !== undefined && severity !== null && severity !== 'DEFAULT' && severity !== 0 && severity !== '') return null;
  const labels = raw.labels as Record<string, unknown> | undefined;
  const instance = typeof labels === 'object' && labels !== null ? labels.instanceId : undefined;
  if (typeof instance !== 'string' || instance === '' || !STD_STREAM.test(logName)) return null;
  const plain = withoutTerminalCodes(text);
  let head = 0;
  for (let i = 0; i < HEADS.length; i++) if ((kept || FOLLOW_RULES[i]!.keptOnly !== true) && HEADS[i]!.test(plain)) head |= 1 << i;
  return { stream: `${instance} ${logName}`, instance, logName, time, head, text: plain, next: -1 };
}

/**
 * Whether `line` is read for a record head before it: `before` holds its writer's lines before it,
 * nearest first. A head of rule R pulls the line when the line may continue R and is at most the
 * R.lines-th such line after the head, with at most FOLLOW_OTHERS lines of other writers of the same
 * stream among them (as the reassembly lets them land inside a record), each line within
 * FOLLOW_GAP_US of the one before. `complete`: `before` holds every line there is within reach (else
 * null while a line still to come could decide).
 */
export function pulledByHead(line: FollowLine, before: readonly FollowLine[], complete: boolean): boolean | null {
  // Most lines have no head within reach: told apart without reading what they may continue.
  let near = false;
  for (let j = 1, after = line; j <= FOLLOW_REACH; j++) {
    const p = before[j - 1];
    if (p === undefined) return complete ? false : null;
    if (Math.abs(after.time - p.time) > FOLLOW_GAP_US) return false;
    if (p.head !== 0) {
      near = true;
      break;
    }
    after = p;
  }
  if (!near || nextOf(line) === 0) return false;
  const counts = new Array<number>(FOLLOW_RULES.length).fill(0);
  let after = line;
  for (let j = 1; j <= FOLLOW_REACH; j++) {
    const next = nextOf(after);
    for (let i = 0; i < FOLLOW_RULES.length; i++) if ((next & (1 << i)) !== 0) counts[i]!++;
    const p = before[j - 1];
    if (p === undefined) return complete ? false : null;
    if (Math.abs(after.time - p.time) > FOLLOW_GAP_US) return false;
    for (let i = 0; i < FOLLOW_RULES.length; i++) {
      const rule = FOLLOW_RULES[i]!;
      if ((p.head & nextOf(line) & (1 << i)) !== 0 && counts[i]! <= rule.lines && j <= rule.lines + FOLLOW_OTHERS) return true;
    }
    after = p;
  }
  return false;
}

/** How many lines after it a head may pull (0: no head): the follow-up read's reach. */
export function reachOf(line: FollowLine): number {
  let lines = 0;
  FOLLOW_RULES.forEach((r, i) => {
    if ((line.head & (1 << i)) !== 0) lines = Math.max(lines, r.lines + FOLLOW_OTHERS);
  });
  return lines;
}
