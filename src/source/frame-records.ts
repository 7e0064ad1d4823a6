// A stack trace logged one call per line. An application that walks its trace and logs each line
// (`for line in traceback.format_exc().splitlines(): log.error(line)`, `for (StackTraceElement e :
// ex.getStackTrace()) log.error("at " + e)`, `err.stack.split('\n').forEach(l => logger.error(l))`,
// Nim's `for l in getStackTrace(e).splitLines: error l`) writes every frame as a record of its own, each
// with the logger's header, milliseconds apart, after the record that says what failed. Each frame
// alone names nothing: read alone, every frame is a problem of its own. This joins them back, per writer
// (instance and stream), in either time order, after the lines of each write were joined (reassemble.ts):
// a record whose message after its header is only a frame line (or a line that only announces or goes
// on with a trace: `Traceback (most recent call last)`, `Caused by: …`, `... 12 more`) continues the
// record of the same writer and level before it, when each is within FRAME_GAP_US of the one before; an
// exception line logged right after the frames (Python's last line, `KeyError: 'k'`) ends the trace.
// Frames that follow no such record are joined with each other and passed on as a piece of a record
// (Joined.piece): the classifier may put them with the record that holds them, and they never stand as
// a problem of their own.
import { headerBefore, stripLogHeader } from '../normalize/index.js';
import type { Joined } from './reassemble.js';
import { cloudRunStream, isRoutineLevel, joinableText, microTime } from './stdout-line.js';
import { takesHeader } from './trace-lines.js';

// A line that announces a trace: `Traceback (most recent call last):`, Nim's `Async traceback:`, `Stack trace:`.
const BANNER_BODY = String.raw`(?:Traceback \(most recent call last\)|[Aa]sync traceback|[Ss]tack ?[Tt]race|[Bb]acktrace|[Cc]all ?[Ss]tack):?`;
const BANNER = new RegExp(`^${BANNER_BODY}$`);

/**
 * What a frame line says, in the shapes of the languages that print one per line (RE2 and JS alike:
 * no lookaround, no backreference, every repeat bounded). Each alternative is a whole line: a code
 * location and the routine it is in.
 */
const FRAME_BODY = [
  // V8, the JVM, .NET: `at f (/app/x.js:1:2)`, `at a.B.c(B.java:12) ~[app.jar:?]`, `at /app/x.js:1:2`,
  // `at N.C.M() in /src/x.cs:line 12`, `at java.base/java.lang.Thread.run(Thread.java:833)`.
  String.raw`at (?:async )?[^\s()]{1,400}(?: \[as [^\]\s]{1,100}\])? ?\((?:[^()\s]{1,400}:\d{1,7}(?::\d{1,7})?|Native Method|Unknown Source|<anonymous>|index \d{1,7})\)(?: ~?\[[^\]]{0,200}\])?`,
  String.raw`at (?:async )?[^\s()]{1,400}:\d{1,7}(?::\d{1,7})?`,
  String.raw`at [^\s()]{1,400}\([^()]{0,400}\) in [^\s].{0,400}:line \d{1,7}`,
  // Python: `File "/app/x.py", line 3, in f`.
  String.raw`File "[^"]{1,512}", line \d{1,7}(?:, in \S.{0,200})?`,
  // A location with its line in parentheses, then the routine: Nim's `/app/src/geo.nim(64)   match`,
  // PHP's `#0 /app/x.php(12): Foo->bar()`.
  String.raw`(?:#\d{1,5} )?[^\s()]{0,512}[\w-]\.[A-Za-z]\w{0,9}\(\d{1,7}\):? {1,40}\S{1,200}`,
  // A location with its line after a colon, then the routine: `src/main.zig:12:5 in handle`,
  // Ruby's `app/x.rb:3:in 'f'`, Elixir's `(app 0.1.0) lib/foo.ex:12: Foo.bar/2`.
  String.raw`(?:\([\w.-]{1,100}(?: [\w.+-]{1,50})?\) )?[^\s()]{0,512}[\w-]\.[A-Za-z]\w{0,9}:\d{1,7}(?::\d{1,7})?(?::in [\x60'][^\s].{0,200}|:? (?:in )?\S{1,200})`,
  // A line that announces a trace (BANNER_BODY) or goes on with one: the JVM's `Caused by: …` and `... 12 more`.
  BANNER_BODY,
  String.raw`Caused by: \S.{0,400}`,
  String.raw`\.\.\. \d{1,9} (?:more|common frames omitted)`,
].join('|');

/** The message after a header is only a frame line (see FRAME_BODY). */
const FRAME_ONLY = new RegExp(`^(?:${FRAME_BODY})$`);

/**
 * RE2: a line that may be a frame logged under a header of its own (Log Analytics reads such lines,
 * and the lines of their writer next to them, whole, to join them as every source does). It ends in a
 * frame line, whatever comes before: a superset of what frameMessage finds.
 */
export const HEADER_FRAME_RE2 = `(?:${FRAME_BODY})\\s*$`;

/** Characters of a record's first line read for its header; a longer line is read as no frame. */
const HEADER_CHARS = 1024;

/**
 * Most time, in µs, between a record and the frame logged after it, and between two frames: one log
 * call per line follows the last at once, stamped microseconds to tens of milliseconds apart (an
 * asynchronous runtime may yield between calls); as the reassembly's gap between a line naming an error
 * and the trace it heads (ReassembleOptions.headerGapMs).
 */
export const FRAME_GAP_US = 100_000;
/**
 * How long, in µs of entry time, a writer's records wait for frames: reassembly holds a record's lines
 * for a second after its last one before it passes the record on, while entries of other streams pass at once.
 */
const WAIT_US = 5_000_000;
/** Most records held per writer (heads and frames), and most writers held at once. */
const MAX_HELD = 256;
const MAX_WRITERS = 256;

/**
 * The frame line a record logged after its header (`ERROR /app/src/upstream.nim(41) fetchGeocode` ->
 * `/app/src/upstream.nim(41) fetchGeocode`), with the header's level, or null: a record that is not
 * one line, has no header stating a level, or says anything besides a frame.
 */
export function frameMessage(text: string): { level: string; frame: string } | null {
  const read = headerOf(text);
  const frame = read === null ? null : frameOf(read);
  return frame === null ? null : { level: read!.level, frame };
}

interface ReadHeader {
  /** The header's level, lower case. */
  level: string;
  /** It is routine (INFO or below). */
  routine: boolean;
  /** The first line's message after its header (trimmed). */
  rest: string;
  /** The record is one line, read whole, and carries a header. */
  oneLine: boolean;
  /** The header as written, up to the message (`ERROR 12-07 10:20:32 [serving_chat.py:200] `); '' when not told apart. */
  header: string;
}

/** The record's log header as this reads it (one pass over its first line), or null: none with a level. */
function headerOf(text: string): ReadHeader | null {
  const nl = text.indexOf('\n');
  const first = text.slice(0, Math.min(nl < 0 ? text.length : nl, HEADER_CHARS));
  const { level, rest } = stripLogHeader(first);
  if (level === undefined) return null;
  return {
    level: level.trim().toLowerCase(), routine: isRoutineLevel(level), rest, oneLine: first.length === text.length && rest.length < first.length,
    header: headerBefore(first, rest),
  };
}

function frameOf(read: ReadHeader): string | null {
  if (!read.oneLine) return null;
  const frame = read.rest.trim();
  return FRAME_ONLY.test(frame) ? frame : null;
}

interface Held {
  joined: Joined;
  /** The text as the reassembly reads it (no colours, no trailing newline). */
  text: string;
  time: number;
  /** Arrival order, for records stamped alike. */
  seq: number;
  level: string;
  /**
   * `frame`: it logged a frame line; `end`: an exception line (`ZeroDivisionError: division by zero`,
   * Nim's `Error: unhandled exception: …`), which ends a trace logged line by line when it comes right
   * after a frame, and heads one otherwise; `head`: any other record, which frames may follow.
   */
  role: 'head' | 'frame' | 'end';
  /** What it adds to the record it continues: its message without the header. */
  line: string;
  /** Its header as written (ReadHeader.header), and whether the record is one line. */
  header: string;
  oneLine: boolean;
}

interface Writer {
  key: string;
  items: Held[];
  first: number;
  last: number;
  /** The time of the record added last: writers are kept in the order they were last added to. */
  touched: number;
}

/** Joins frames logged one record each back with the record they follow (see the top of the file). */
export class FrameJoiner {
  private readonly writers = new Map<string, Writer>();
  private seq = 0;
  /** 1: the entries run oldest first, -1: newest first, 0: not known (from consecutive times). */
  private direction = 0;
  private lastTime: number | null = null;

  push(joined: Joined, out: Joined[]): void {
    const raw = joined.raw;
    // Only a container's text lines are joined; the rest pass, telling the time to what is held.
    const text = joinableText(raw);
    const key = text === null ? null : cloudRunStream(raw);
    if (key === null) {
      if (this.writers.size > 0) {
        const time = microTime(raw);
        if (time !== null) this.expire(time, out);
      }
      out.push(joined);
      return;
    }
    const time = microTime(raw);
    if (time !== null) {
      if (this.lastTime !== null && time !== this.lastTime) this.direction = time > this.lastTime ? 1 : -1;
      this.lastTime = time;
      if (this.writers.size > 0) this.expire(time, out);
    }
    const held = time === null ? null : this.heldOf(joined, text!, time);
    if (held === null) {
      out.push(joined);
      return;
    }
    let writer = this.writers.get(key);
    if (writer !== undefined && (held.time - writer.last > FRAME_GAP_US || writer.first - held.time > FRAME_GAP_US || writer.items.length >= MAX_HELD)) {
      this.flush(writer, out);
      writer = undefined;
    }
    if (writer === undefined) {
      writer = { key, items: [], first: held.time, last: held.time, touched: held.time };
    } else {
      this.writers.delete(key); // most recently added to: last in line for expiry
    }
    this.writers.set(key, writer);
    if (this.writers.size > MAX_WRITERS) this.flush(this.writers.values().next().value!, out);
    writer.items.push(held);
    writer.first = Math.min(writer.first, held.time);
    writer.last = Math.max(writer.last, held.time);
    writer.touched = held.time;
  }

  end(out: Joined[]): void {
    for (const writer of [...this.writers.values()]) this.flush(writer, out);
  }

  /**
   * The record as one this joins (a frame, or a record a frame may follow: its header states a level
   * above the routine ones), or null: passed on at once.
   */
  private heldOf(joined: Joined, text: string, time: number): Held | null {
    // A routine record heads nothing, and a frame it logged is chatter, read as it is.
    const read = headerOf(text);
    if (read === null || read.routine) return null;
    const frame = frameOf(read);
    const { header, oneLine } = read;
    if (frame !== null) return { joined, text, time, seq: this.seq++, level: read.level, role: 'frame', line: frame, header, oneLine };
    const end = read.oneLine && takesHeader(read.rest);
    return { joined, text, time, seq: this.seq++, level: read.level, role: end ? 'end' : 'head', line: read.rest, header, oneLine };
  }

  /** Writers last added to more than WAIT_US away from `time` (either way) wait no more. */
  private expire(time: number, out: Joined[]): void {
    for (const writer of this.writers.values()) {
      if (Math.abs(time - writer.touched) <= WAIT_US) return;
      this.flush(writer, out);
    }
  }

  /** The writer's records in time order, each frame joined to the record before it (or to the frames before it). */
  private flush(writer: Writer, out: Joined[]): void {
    this.writers.delete(writer.key);
    const tie = this.direction < 0 ? -1 : 1;
    const items = writer.items.sort((a, b) => a.time - b.time || tie * (a.seq - b.seq));
    let group: Held[] = [];
    for (const item of items) {
      const last = group[group.length - 1];
      const follows = last !== undefined && last.level === item.level && item.time - last.time <= FRAME_GAP_US;
      if (follows && (item.role === 'frame' || underHeader(group[0]!, item))) {
        group.push(item);
        continue;
      }
      // (After a line under a repeated header, only an exception line under the same header ends the record.)
      if (follows && item.role === 'end' && (last.role === 'frame' || (group.length > 1 && underHeader(group[0]!, last) && item.text.startsWith(group[0]!.header)))) {
        group.push(item);
        out.push(joinGroup(group));
        group = [];
        continue;
      }
      if (group.length > 0) out.push(joinGroup(group));
      group = [item];
    }
    if (group.length > 0) out.push(joinGroup(group));
  }
}

/**
 * A line of the record `head` opens that its formatter printed under the record's header again (vLLM's
 * NewLineFormatter repeats it on every line: normalize/repeated-header.ts): the same header to the
 * character, then an indented line (the source line under a frame, a continued message). A line that is
 * not indented under the same header may be a record of its own, stamped alike (a burst of warnings).
 */
function underHeader(head: Held, item: Held): boolean {
  if (head.header === '' || !item.oneLine || !item.text.startsWith(head.header)) return false;
  const c = item.text.charCodeAt(head.header.length);
  return c === 32 || c === 9;
}

/** What a record adds to the record `head` opens: its line under `head`'s header as written, or its message. */
function lineUnder(head: Held, item: Held): string {
  return head.header !== '' && item.oneLine && item.text.startsWith(head.header) ? item.text.slice(head.header.length) : item.line;
}

/** A record and the frames logged after it, as one record; frames with no record before them, a piece. */
function joinGroup(group: readonly Held[]): Joined {
  const head = group[0]!;
  const orphan = head.role === 'frame';
  if (group.length === 1) return orphan ? { ...head.joined, piece: true } : head.joined;
  // Lines only a formatter that repeats its header prints (an indented line under the same header) say the
  // record was one call: its lines read as written, indentation and all, as the record written whole reads
  // (normalize/repeated-header.ts). Otherwise each call logged a frame, read as its message.
  const written = group.some((h, i) => i > 0 && h.role === 'head' && underHeader(head, h));
  const text = [head.text, ...group.slice(1).map((h) => (written ? lineUnder(head, h) : h.line))].join('\n');
  const members = group.flatMap((h) => h.joined.members).sort((a, b) => a - b);
  // Frames with no record before them are a piece, unless they run from a trace's banner to its
  // exception line: `Traceback (most recent call last):`, the frames, `KeyError: 'k'` is a whole record.
  const whole = group[group.length - 1]!.role === 'end' && BANNER.test(head.line);
  // (Reassembly marks the banner alone a piece: a traceback cut before its exception line.)
  const piece = !whole && (orphan || group.some((h) => h.joined.piece === true));
  return { raw: { ...head.joined.raw, textPayload: text }, members, ...(piece ? { piece: true as const } : {}) };
}
