// Joins back a multi-line trace that Cloud Run split into one entry per line (a container that writes
// a traceback line by line to stdout/stderr gets one LogEntry per line, without a severity). A pure
// stream transform: entries in, joined entries out, before normalization and classification.
//
// Lines are joined per (instance, stream): same `labels.instanceId`, same stdout/stderr `logName`.
// Other instances' lines may come in between. A file may run oldest first (JSONL, the Logging API) or
// newest first (`gcloud logging read --format=json`): the direction is read from the timestamps, per
// held run of lines, else from the stream as a whole; equal timestamps keep input order in that
// direction. Which lines make a trace is the grammar's business (trace-grammar.ts).
//
// Cheap for what is not a trace: an entry that is not stdout/stderr text without a severity passes at
// once, and so does a plain line (neither a continuation nor naming an error), after whatever its
// stream held. Bounded: per stream at most `maxLines` lines / `maxChars` characters are held (a longer
// trace comes out in pieces), and at most `maxKeys` streams (the longest idle is let go).
import { processPrefix } from '../normalize/index.js';
import type { RawEntry } from '../shared/types.js';
import { fpmWriter } from '../shared/record-shapes.js';
import { cloudRunStream, joinableText, microTime, routineHeader } from './stdout-line.js';
import { headsNext, MAX_OTHERS, segmentTraces, stateOfText, type Segment, type TraceState } from './trace-grammar.js';
import { bareTags, endsInCutRubyFrame, isWholeTaggedBlock } from './ruby-lines.js';
import { JobJoiner } from './sidekiq-jobs.js';
import { FrameJoiner } from './frame-records.js';
import { OtelRecordJoiner } from './otel-log-records.js';
import { firstLine, isCutExceptionName, isPieceLine, JUL_HEAD, lineKind, NET_RECORD, takesHeader, type LineKind } from './trace-lines.js';
import { continuesWrite, headsWrite } from './burst-lines.js';
import { ODL_OPEN } from '../shared/odl-record.js';
import { isExcerptPlace } from './python-record-parts.js';
import { endsInOpenRpcRepr } from './rpc-repr.js';

export interface Joined {
  raw: RawEntry;
  /** Input positions (0-based, counted over the items the transform received) of the entries it was made of. */
  members: number[];
  /**
   * Set when the entry is a piece of a record whose other part is not here: lines that only continue
   * a record with no head before them, a Python traceback that stops before its exception line, a
   * .NET category line without its message. The classifier may put it with the record that holds it.
   */
  piece?: true;
}

export interface ReassembleOptions {
  /**
   * Most time between two consecutive lines of one trace, in ms. A runtime writes a whole trace at
   * once, so its lines are stamped microseconds to a few milliseconds apart; a second leaves room for
   * an instance starved of CPU between requests, while lines further apart are not one write.
   */
  gapMs: number;
  /**
   * Most time, in µs, between a line of another writer that landed inside a trace (a shared stdout,
   * another thread) and the trace's lines on either side of it: the lines of one write are stamped
   * microseconds apart, so a line within a millisecond of both came while the trace was being written.
   * 0: such a line ends the trace.
   */
  interleaveUs: number;
  /**
   * Most time, in ms, between a line naming an error and the trace it heads (`query failed` then
   * `Traceback …`). A logger writes the two in one call, stamped microseconds apart; a line well
   * before a trace was another record's (a warning a second earlier), not its header.
   */
  headerGapMs: number;
  /** Most lines held per stream, and so per joined trace. */
  maxLines: number;
  /** Most characters held per stream (newlines included): the normalizer keeps 64 KiB of a message. */
  maxChars: number;
  /** Most streams holding lines at once. */
  maxKeys: number;
  /** The stream an entry's lines are joined within; null: never joined. Default: Cloud Run's. */
  streamKey: (raw: RawEntry) => string | null;
  /** Time order of the input; `detect` reads it from the timestamps (needed only when they are equal). */
  order: 'detect' | 'oldest-first' | 'newest-first';
}

const DEFAULTS: ReassembleOptions = {
  gapMs: 1000,
  interleaveUs: 1000,
  headerGapMs: 100,
  maxLines: 200,
  maxChars: 64 * 1024,
  maxKeys: 256,
  streamKey: cloudRunStream,
  order: 'detect',
};

export async function* reassemble(entries: AsyncIterable<RawEntry>, options?: Partial<ReassembleOptions>): AsyncGenerator<Joined> {
  const joiner = new Reassembler({ ...DEFAULTS, ...options });
  const jobs = new RecordJoiners();
  const lines: Joined[] = [];
  const out: Joined[] = [];
  for await (const raw of entries) {
    joiner.push(raw, lines);
    if (lines.length > 0) {
      for (const joined of lines) jobs.push(joined, out);
      lines.length = 0;
      for (const joined of out) yield joined;
      out.length = 0;
    }
  }
  joiner.end(lines);
  for (const joined of lines) jobs.push(joined, out);
  jobs.end(out);
  for (const joined of out) yield joined;
}

/**
 * What joins whole records of one writer once their lines are joined: a failed Sidekiq job's records
 * (sidekiq-jobs.ts), OpenTelemetry .NET's console exporter blocks (otel-log-records.ts), then frames
 * logged one record each after the record they belong to (frame-records.ts).
 */
class RecordJoiners {
  private readonly jobs = new JobJoiner();
  private readonly otel = new OtelRecordJoiner();
  private readonly frames = new FrameJoiner();
  private readonly between: Joined[] = [];
  private readonly blocks: Joined[] = [];

  push(joined: Joined, out: Joined[]): void {
    this.jobs.push(joined, this.between);
    this.pass(out);
  }

  end(out: Joined[]): void {
    this.jobs.end(this.between);
    this.pass(out);
    this.otel.end(this.blocks);
    this.passBlocks(out);
    this.frames.end(out);
  }

  private pass(out: Joined[]): void {
    for (const joined of this.between) this.otel.push(joined, this.blocks);
    this.between.length = 0;
    this.passBlocks(out);
  }

  private passBlocks(out: Joined[]): void {
    for (const joined of this.blocks) this.frames.push(joined, out);
    this.blocks.length = 0;
  }
}

// A traceback that stops at its first line, a frame or a source line never reached its exception line,
// nor did a Rich traceback box that stops before the line under it; a goroutine dump that stops at its
// goroutine line or at a function whose file line never came was cut mid-frame; V8's crash output that
// stops at the throwing place or its source line and caret never reached its error; so did Plug's crash
// report that stops at its connection lines or at `** (exit) …:`, an Elixir error whose message was
// announced (`… in query:`) and never came, anyhow's `Caused by:` with no cause under it, and Prisma's
// message that stops in its place or code frame.
const CUT_STATES: ReadonlySet<TraceState | null> = new Set<TraceState | null>([
  'py-head', 'py-frame', 'py-code', 'go-goroutine', 'go-func', 'node-source',
  'ex-report', 'ex-exit', 'ex-exc-more', 'any-cause', 'prisma-invalid', 'prisma-bare', 'prisma-place', 'prisma-code', 'rich-box', 'rich-end',
  // The Console gem's record that stops at an exception's title: its frames, which say where, never came.
  'gem-title',
]);

/**
 * The stream a line is joined within: the container's, or within it the program a process manager's
 * prefix names or the php-fpm child whose line fpm passed on (record-shapes.ts), whose lines interleave
 * with other writers' in the one stream. fpm's wrapper stays on the line: the grammar reads through it.
 */
function writerKey(stream: string, program: string | null, text: string): string {
  if (program !== null) return `${stream} | ${program}`;
  const child = text.charCodeAt(0) === 91 ? fpmWriter(text) : null; // `[`
  return child === null ? stream : `${stream} | ${child}`;
}

/** Marks `joined` as a piece (see Joined.piece) when its text is one. */
function pieceOf(joined: Joined, text: string, state: TraceState | null): Joined {
  return isPiece(text, state) ? { ...joined, piece: true } : joined;
}

/** The line may be a later line of a write (burst-lines.ts): no record of its own. */
function writeLine(held: Held): boolean {
  return continuesWrite(held);
}

function isPiece(text: string, state: TraceState | null): boolean {
  const first = firstLine(text);
  // Rails' tagged exception block opens with its tags alone: with its lines, it is the whole record.
  if (isPieceLine(first) && !(bareTags(first) !== null && isWholeTaggedBlock(text))) return true;
  if (endsInCutRubyFrame(text)) return true;
  const multiLine = text.indexOf('\n') >= 0;
  const end = state ?? stateOfText(text);
  if (CUT_STATES.has(end)) return true;
  // A source excerpt that never reached its error (one numbered line alone may be any text).
  if (end === 'code-lead') return multiLine;
  // A GraphQL error's excerpt opens at its place line under the error's message (python-record-parts.ts):
  // from there on, the message was written apart (a bare line of its own) or lost.
  if (multiLine && isExcerptPlace(first)) return true;
  if (multiLine && endsInCutFrame(text)) return true;
  if (multiLine && endsInOpenRpcRepr(text)) return true;
  // A header line whose message line was lost (.NET's category line, java.util.logging's time and source).
  if (!multiLine) return NET_RECORD.test(first) || JUL_HEAD.test(first) || ODL_OPEN.test(first);
  return (end === null || end === 'py-exc') && endsMidLine(text);
}

// V8 prints a frame four spaces in and ends it where its place ends: `(file:12:5)`, `(<anonymous>)`,
// `(index 0)`, or a bare `at /app/x.js:12:5`. A last frame that stops anywhere else (`    at node:internal/deps/undici`,
// `    at proc`, `(node:internal/x:105`) was cut by a write cut short, and with it the frames that say whose
// code failed: the trace is a piece of the record the whole traces make. (A JVM trace cut in its frames
// still names its exception and top frames, and is read whole.)
const V8_FRAME_LINE = /^ {4}at \S/;
const V8_FRAME_END = /\)\s*$/;
const V8_BARE_FRAME_END = /:\d{1,7}:\d{1,7}\s*$/;

function endsInCutFrame(text: string): boolean {
  const trimmed = text.trimEnd();
  const last = trimmed.slice(trimmed.lastIndexOf('\n') + 1);
  if (last.length > 1024 || !V8_FRAME_LINE.test(last)) return false;
  return last.includes(' (') ? !V8_FRAME_END.test(last) : !V8_BARE_FRAME_END.test(last);
}

/**
 * A trace written in one entry (or joined) whose last line was cut mid-way by a write cut short: the
 * lines before it stop in a traceback that has not reached its exception line, and the last line is no
 * line of it (`elastic_tra`) or an exception's name cut short (`elastic_transport.Con`). Blank lines
 * (loguru writes some between frames) are passed over, as the split does.
 */
function endsMidLine(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length < 3) return false;
  const last = firstLine(lines[lines.length - 1]!);
  const whole = stateOfText(lines.join('\n'));
  if (CUT_STATES.has(whole)) return true;
  if (whole === 'py-exc') return isCutExceptionName(last);
  return whole === null && CUT_STATES.has(stateOfText(lines.slice(0, -1).join('\n')));
}

/**
 * Whether an entry that is not joined here (a sample of a shape counted server-side) is a piece of a
 * record, as the reassembler would mark it alone: stdout/stderr text without a severity only.
 */
export function isPieceEntry(raw: RawEntry): boolean {
  const text = joinableText(raw);
  return text !== null && isPiece(text.slice(processPrefix(text)?.length ?? 0), null);
}

/** The same, driven in step by a caller that has its entries a batch at a time (no asynchronous step per entry). */
export function createJoiner(options?: Partial<ReassembleOptions>): { push(raw: RawEntry, out: Joined[]): void; end(out: Joined[]): void } {
  const joiner = new Reassembler({ ...DEFAULTS, ...options });
  // A failed Sidekiq job's records are one record too (sidekiq-jobs.ts), as reassemble() joins them.
  const jobs = new RecordJoiners();
  const lines: Joined[] = [];
  const pass = (out: Joined[]) => {
    for (const joined of lines) jobs.push(joined, out);
    lines.length = 0;
  };
  return {
    push(raw, out) {
      joiner.push(raw, lines);
      pass(out);
    },
    end(out) {
      joiner.end(lines);
      pass(out);
      jobs.end(out);
    },
  };
}

/** The same, over an array (tests, small inputs). */
export function reassembleAll(entries: Iterable<RawEntry>, options?: Partial<ReassembleOptions>): Joined[] {
  const joiner = new Reassembler({ ...DEFAULTS, ...options });
  const lines: Joined[] = [];
  for (const raw of entries) joiner.push(raw, lines);
  joiner.end(lines);
  // A failed Sidekiq job's records are one record too (sidekiq-jobs.ts).
  const jobs = new RecordJoiners();
  const out: Joined[] = [];
  for (const joined of lines) jobs.push(joined, out);
  jobs.end(out);
  return out;
}

interface Held {
  raw: RawEntry;
  index: number;
  /** The message without a trailing newline. */
  text: string;
  kind: LineKind;
  /** Microseconds since the epoch. */
  time: number;
  /** Whether the line opens a record of its own (trace-grammar.ts), once asked. */
  ownRecord?: boolean;
  /** Whether it may be a later line of a write (burst-lines.ts), once asked. */
  write?: boolean;
}

/** The lines held for one stream, in arrival order. */
interface Pending {
  key: string;
  items: Held[];
  chars: number;
  /** 1: oldest first, -1: newest first, 0: not known from these lines. */
  direction: number;
  /** The lines continue a trace cut by the cap (oldest first): from this state. */
  resume: TraceState | null;
  /** Lines at the end held only as possibly another writer's, inside a trace (at most MAX_OTHERS). */
  others: number;
  /**
   * Plain lines held first while the order is not known to be oldest first: newest first, they may be
   * the last lines of a trace yet to come (a panic's message, Ecto's query, a java.util.logging level
   * line), as oldest first they are held after it (at most MAX_OTHERS; 0 once a line of a trace came).
   */
  lead: number;
}

type Direction = 1 | -1 | 0;

class Reassembler {
  /** Streams holding lines, least recently added to first. */
  private readonly pending = new Map<string, Pending>();
  private readonly gapUs: number;
  private readonly headerGapUs: number;
  private index = 0;
  /** The direction of the stream as a whole, from consecutive joinable entries. */
  private direction: Direction = 0;
  private lastTime: number | null = null;
  /** The order the caller vouches for, if any. */
  private readonly given: Direction;

  constructor(private readonly options: ReassembleOptions) {
    this.gapUs = options.gapMs * 1000;
    this.headerGapUs = Math.min(options.headerGapMs, options.gapMs) * 1000;
    this.given = options.order === 'oldest-first' ? 1 : options.order === 'newest-first' ? -1 : 0;
  }

  push(raw: RawEntry, out: Joined[]): void {
    const index = this.index++;
    const written = joinableText(raw);
    // A process manager's prefix (process-prefix.ts) is set aside: the line is read as its program wrote
    // it, and each program's lines are a stream of their own.
    const prefix = written === null ? null : processPrefix(written);
    const text = prefix === null ? written : written!.slice(prefix.length);
    const kind = text === null ? null : lineKind(firstLine(text));
    // The fast path: not stdout/stderr text, or (oldest first) a plain line while nothing is held anywhere.
    if (kind === null || (kind === 'plain' && this.pending.size === 0 && (this.given || this.direction) === 1)) {
      if (this.pending.size > 0) this.expireAt(raw, out);
      out.push({ raw, members: [index] });
      return;
    }
    const stream = this.options.streamKey(raw);
    const key = stream === null ? null : writerKey(stream, prefix?.name ?? null, text!);
    const time = key === null ? null : microTime(raw);
    if (key === null || time === null) {
      this.expireAt(raw, out);
      out.push({ raw, members: [index] });
      return;
    }
    this.expire(time, out);
    if (this.lastTime !== null && time !== this.lastTime) this.direction = time > this.lastTime ? 1 : -1;
    this.lastTime = time;
    const held: Held = { raw, index, text: text!, kind, time, ownRecord: undefined, write: undefined };
    const p = this.pending.get(key);
    if (p === undefined) this.open(key, held, out);
    else this.add(p, held, out);
  }

  end(out: Joined[]): void {
    for (const p of [...this.pending.values()]) this.flush(p, out, false);
  }

  /** A line for a stream holding nothing: held if a trace could grow from it, else passed on. */
  private open(key: string, held: Held, out: Joined[]): void {
    // A plain line heads no trace; newest first it may still end one (see Pending.lead).
    const plain = held.kind === 'plain';
    if ((plain && (this.given || this.direction) === 1) || held.text.length > this.options.maxChars) {
      out.push({ raw: held.raw, members: [held.index] });
      return;
    }
    this.pending.set(key, { key, items: [held], chars: held.text.length, direction: 0, resume: null, others: 0, lead: plain ? 1 : 0 });
    if (this.pending.size > this.options.maxKeys) this.flush(this.pending.values().next().value!, out, false);
  }

  private add(p: Pending, held: Held, out: Joined[]): void {
    const last = p.items[p.items.length - 1]!;
    const delta = held.time - last.time;
    const step = delta === 0 ? 0 : delta > 0 ? 1 : -1;
    if (Math.abs(delta) > this.gapUs) return this.restart(p, held, out, false);
    // Out of order for these lines (a merge of two files?): they end here.
    if (step !== 0 && p.direction !== 0 && step !== p.direction) return this.restart(p, held, out, false);
    // Two lines that each open or end a trace are neighbours in one only as a header and the trace it
    // heads; a plain line is in no trace. Either may still be another writer's line inside a trace:
    // held (up to MAX_OTHERS in a row) when it comes right after the last line; the grammar sets it apart.
    // A plain line is in a trace only as a line written with it (a panic's message, Ecto's query): within
    // the interleave of the lines on either side, whichever way the input runs.
    if ((held.kind === 'plain' || last.kind === 'plain') && Math.abs(delta) > this.options.interleaveUs) return this.restart(p, held, out, false);
    if (p.lead > 0) {
      // Only plain lines are held (see Pending.lead). Oldest first after all, they end nothing: a trace
      // is held after its lines, not before.
      // Newest first, the later lines of one write (burst-lines.ts) come before its head: held, up to the cap.
      if (step === 1 || this.directionOf(p) === 1 || (held.kind === 'plain' && p.lead >= MAX_OTHERS && !writeLine(held))) return this.restart(p, held, out, false);
      p.lead = held.kind === 'plain' ? p.lead + 1 : 0;
      return this.hold(p, held, step, out);
    }
    // Lines held as possibly another writer's are passed over: the line is read against the trace's
    // own last line (newest first, an exception line after a writer's line continues the frames
    // before it, and a header after two more heads that exception line).
    const own = p.items[p.items.length - 1 - p.others] ?? last;
    // The last line (even one held as another writer's) may head a trace of its own that this line continues.
    const continues = Math.abs(delta) <= this.headerGapUs && this.continues(p, last, held, step);
    const joins = held.kind === 'cont' || continues ||
      (held.kind !== 'plain' && (own.kind === 'cont' || (Math.abs(held.time - own.time) <= this.headerGapUs && this.headerPair(p, own, held, step)))) ||
      (Math.abs(delta) <= this.options.interleaveUs && this.writeGoesOn(p, held));
    // Lines held as possibly another writer's sit within the interleave of both neighbours: the other way
    // round, they are held only within it of the line after them (unless they would be this trace's own).
    if (joins && !continues && p.others > 0 && Math.abs(delta) > this.options.interleaveUs && !this.wouldJoin(p, last, held, step)) return this.restart(p, held, out, false);
    if (joins) p.others = 0;
    else if (Math.abs(delta) <= this.options.interleaveUs && p.others < MAX_OTHERS) p.others++;
    else return this.restart(p, held, out, false);
    this.hold(p, held, step, out);
  }

  /** Adds `held` to the stream's lines (or starts afresh at the cap). */
  private hold(p: Pending, held: Held, step: number, out: Joined[]): void {
    if (p.items.length >= this.options.maxLines || p.chars + 1 + held.text.length > this.options.maxChars) {
      return this.restart(p, held, out, true);
    }
    if (p.direction === 0 && step !== 0) p.direction = step;
    p.items.push(held);
    p.chars += 1 + held.text.length;
    this.pending.delete(p.key); // most recently added to: last in line for expiry and eviction
    this.pending.set(p.key, p);
    if (held.kind === 'cont') return;
    // Oldest first, the line may close the open trace. (Newest first, or while the direction is not
    // known, nothing is decided before the flush.)
    if (this.directionOf(p) === 1) this.settle(p, out);
  }

  /** Oldest first, after a line that may close the open trace: what is decided goes out. */
  private settle(p: Pending, out: Joined[]): void {
    const segments = segmentTraces(p.items, { resume: p.resume, interleaveUs: this.options.interleaveUs, routine: routineHeader });
    // Held from the first trace that may still grow (a Python traceback may go on with a chained one).
    const open = segments.findIndex((s) => s.open);
    const from = open < 0 ? segments.length - 1 : open;
    const start = segments[from]!.start;
    if (start === 0) return;
    this.emit(p.items, segments.slice(0, from), out);
    const held = p.items.slice(start);
    p.items = held;
    p.chars = held.reduce((n, h) => n + h.text.length + 1, -1);
    p.resume = null;
  }

  /** Lets the held lines go, then holds `held` afresh. `cut`: the cap, not the text, ended them. */
  private restart(p: Pending, held: Held, out: Joined[], cut: boolean): void {
    const resume = this.flush(p, out, cut);
    this.open(p.key, held, out);
    const fresh = this.pending.get(p.key);
    if (fresh && resume) fresh.resume = resume;
  }

  /** Everything held for a stream goes out. Returns the state a cut trace continues from (oldest first). */
  private flush(p: Pending, out: Joined[], cut: boolean): TraceState | null {
    this.pending.delete(p.key);
    const direction = this.directionOf(p) || 1;
    const ordered = direction === 1 ? p.items : [...p.items].reverse();
    const segments = segmentTraces(ordered, {
      resume: direction === 1 ? p.resume : null, headless: cut && direction === -1, interleaveUs: this.options.interleaveUs, routine: routineHeader,
    });
    this.emit(ordered, segments, out);
    const lastSegment = segments[segments.length - 1]!;
    return cut && direction === 1 ? lastSegment.state : null;
  }

  private emit(items: readonly Held[], segments: readonly Segment[], out: Joined[]): void {
    const joined = segments.flatMap(({ start, end, tags, skip, state }): Joined[] => {
      const head = items[start]!;
      if (end === start + 1) return [pieceOf({ raw: head.raw, members: [head.index] }, head.text, state)];
      const others = (skip ?? []).map((k): Joined => ({ raw: items[k]!.raw, members: [items[k]!.index] }));
      const lines = items.slice(start, end).filter((_, k) => !skip?.includes(start + k));
      const text = (h: Held, i: number) => (tags !== undefined && i > 0 ? h.text.slice(tags.length) : h.text);
      const joinedText = lines.map(text).join('\n');
      const trace = pieceOf({ raw: { ...head.raw, textPayload: joinedText }, members: lines.map((h) => h.index).sort((a, b) => a - b) }, joinedText, state);
      return [trace, ...others];
    });
    out.push(...joined.sort((a, b) => a.members[0]! - b.members[0]!));
  }

  /** `last` then `held` are, in true time order, a line naming an error and a trace it may head. */
  private headerPair(p: Pending, last: Held, held: Held, step: number): boolean {
    const heads = (header: Held, trace: Held) => header.kind === 'head' && takesHeader(firstLine(trace.text));
    const direction = this.given || p.direction || step || this.direction;
    if (direction === 1) return heads(last, held);
    if (direction === -1) return heads(held, last);
    return heads(last, held) || heads(held, last);
  }

  /**
   * Read the other way round, `last` would have joined `held`'s trace as its own line (not another
   * writer's): newest first, a line after a continuation line; oldest first, a line other than a plain
   * one under which `held` continues (a second `Traceback …` a microsecond after another, then its first
   * frame later on), as newest first a continuation line takes the line before it whatever the time
   * between them. (Asking oldest first for a line that truly heads `held` joined less than newest
   * first did: the two orders gave different records.)
   */
  private wouldJoin(p: Pending, last: Held, held: Held, step: number): boolean {
    const direction = this.given || p.direction || step || this.direction;
    if (direction === 1) return last.kind !== 'plain' && held.kind === 'cont';
    return direction === -1 && last.kind !== 'plain' && held.kind === 'cont';
  }

  /** `held` continues, in true time order, a trace that `last` opens (or the other way round, newest first). */
  private continues(p: Pending, last: Held, held: Held, step: number): boolean {
    const direction = this.given || p.direction || step || this.direction;
    if (direction === 1) return headsNext(last, held);
    if (direction === -1) return headsNext(held, last);
    return headsNext(last, held) || headsNext(held, last);
  }

  /**
   * `held` may be a later line of the write the held lines belong to (burst-lines.ts): oldest first,
   * when they open with a record head; newest first (or while the order is not known), whatever they
   * are, as the head comes last. The segmentation decides which record, if any, it joins.
   */
  private writeGoesOn(p: Pending, held: Held): boolean {
    if (!writeLine(held)) return false;
    if (this.directionOf(p) !== 1) return true;
    const head = p.items[0]!;
    return headsWrite(firstLine(head.text), head.kind, p.items[1]?.text, routineHeader);
  }

  private directionOf(p: Pending): number {
    return this.given || p.direction || this.direction;
  }

  private expireAt(raw: RawEntry, out: Joined[]): void {
    if (this.pending.size === 0) return;
    const time = microTime(raw);
    if (time !== null) this.expire(time, out);
  }

  /** Streams whose last line is more than the gap away from `time` can hold nothing more. */
  private expire(time: number, out: Joined[]): void {
    for (const p of this.pending.values()) {
      const last = p.items[p.items.length - 1]!.time;
      if (Math.abs(time - last) <= this.gapUs) return;
      this.flush(p, out, false);
    }
  }
}
