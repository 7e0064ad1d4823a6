// The Console gem's text output (socketry/console: the logger of Async, Falcon and the rest of the
// socketry stack), as its Terminal output writes it with no terminal to colour (lib/console/output/
// terminal.rb, `CONSOLE_OUTPUT=Text`, or any stream that is not a TTY): one record, one write of
// several lines.
// - The first line: the time since the process started right-aligned in six columns (Clock's
//   `formatted_duration`: `0.05s`, `12.50s`, `21m`, `5h`, `3d`; older releases wrote `0.0s`), a space, the
//   level right-aligned in eight (`    warn`, `   error`), a colon, then the subject: an object's class
//   with its `[oid=0x…]`, or a string or module as given; then `[ec=0x…]` (the fiber) `[pid=N]` and the
//   time (`[2026-12-12 10:00:00 +0000]`). Releases before the fiber's id wrote `[oid=…] [pid=…] [time]`.
// - Every further line: the first line's width in spaces and `| `, then the message's lines and the
//   exception the record carries (its Failure formatter: `  Type: message`, the message's further lines,
//   the frames `  → path:12 in 'method'` and `    path:40 in 'method'`, then `  Caused by Type: …`).
// Pasted so in socketry/async#382, ronin-rb/ronin#118 and socketry/falcon#117. Each test is anchored and
// bounded: a line that is none of these costs a character test or a short prefix match.

// The elapsed time, the level, the colon: `   21m    error: `, ` 12.5s     warn: `, `16.31s    error: `.
const HEADER = /^ {0,5}(?:\d{1,2}(?:\.\d{1,3})?s|\d{1,2}m|\d{1,2}h|\d{1,6}d) {1,9}(debug|info|warn|error|fatal): (?=\S)/;
// What the verbose output puts after the subject: the object's id, the fiber's, the pid and the time.
const SUFFIX = /(?: \[oid=0x[0-9a-f]{1,16}\])?(?: \[ec=0x[0-9a-f]{1,16}\])? \[pid=\d{1,10}\] \[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?: [+-]\d{4}| UTC)?\]\s*$/;
const OBJECT_SUFFIX = / \[oid=0x[0-9a-f]{1,16}\]/;
// A class or module as a subject (`Async::Task`, `Falcon::Service::Server`): who logged, not what.
const CONSTANT_PATH = /^[A-Z]\w{0,80}(?:::[A-Z]\w{0,80}){0,8}$/;
// A row: the first line's width in spaces (fifteen with a level of eight columns, more with a longer
// name), the bar, a space before what the row says.
const ROW = /^ {6,40}\|(?: |$)/;

/** The record's first line: `{ level, length }` of the header up to the subject, or null. */
export function consoleGemHeader(line: string): { level: string; length: number } | null {
  const c = line.charCodeAt(0);
  if (c !== 32 && (c < 48 || c > 57)) return null;
  const m = HEADER.exec(line.length > 40 ? line.slice(0, 40) : line);
  if (!m) return null;
  const tail = line.length > 400 ? line.slice(-200) : line;
  return SUFFIX.test(tail) ? { level: m[1]!, length: m[0].length } : null;
}

/** The line opens a record of the Console gem's text output. */
export function opensConsoleGemRecord(line: string): boolean {
  return consoleGemHeader(line) !== null;
}

/**
 * What the first line says after its header: '' when its subject is an object or a class (its class,
 * like a logger's name, says who logged, not what), else the subject as given (`Console.warn("disk
 * low")`), without the ids and time after it.
 */
export function consoleGemSubject(afterHeader: string): string {
  const end = afterHeader.length > 400 ? afterHeader.length - 200 : 0;
  const suffix = SUFFIX.exec(afterHeader.slice(end));
  if (!suffix) return afterHeader;
  const before = afterHeader.slice(0, end + suffix.index);
  return OBJECT_SUFFIX.test(suffix[0]) || isSubjectClass(before) ? '' : before;
}

/** A subject that names a class or module (`Async::Task`), as the serialized output's `subject` does for an object. */
export function isSubjectClass(subject: string): boolean {
  return CONSTANT_PATH.test(subject);
}

// The Failure formatter's title row, two spaces in: `  Errno::ECONNRESET: Connection reset by peer`, a
// cause's `  Caused by RuntimeError: boom`. A Ruby constant path, then its message.
export const FAILURE_TITLE = /^ {2}(Caused by )?([A-Z]\w{0,80}(?:::[A-Z]\w{0,80}){0,8})(?:: (.*))?$/;
// A frame: the first marked `→`, the others under it; `path:line message` where Ruby wrote `path:line:message`.
export const FAILURE_FRAME = /^ {2}[→ ] (\S[^\n]{0,1000}?):(\d{1,7})(?: (\S[^\n]{0,600}))?$/u;

/**
 * The row is an exception's title: what follows it are its frames, which Console prints for every
 * exception raised. A record whose last row is a title was cut short.
 */
export function isFailureTitleRow(s: string): boolean {
  return FAILURE_TITLE.test(consoleGemRowText(s.length > 600 ? s.slice(0, 600) : s));
}

/** A row under a record's first line (`               | Task may have ended…`). */
export function continuesConsoleGemRecord(s: string): boolean {
  return s.charCodeAt(0) === 32 && s.includes('|') && ROW.test(s.length > 48 ? s.slice(0, 48) : s);
}

/** A row of the message itself, at the bar's margin; the rows of an exception are indented under it. */
export function isConsoleGemMessageRow(s: string): boolean {
  if (!continuesConsoleGemRecord(s)) return false;
  const text = consoleGemRowText(s);
  return text !== '' && text.charCodeAt(0) !== 32;
}

/** What a row says: the line without its margin and bar. */
export function consoleGemRowText(s: string): string {
  const m = ROW.exec(s.length > 48 ? s.slice(0, 48) : s);
  return m ? s.slice(m[0].length) : s;
}
