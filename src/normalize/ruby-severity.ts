// The severity of what Ruby programs print with no level of their own: an exception and its backtrace
// (Puma's `Rack app (…): #<Class: message>` and `backtrace.join("\n")`, Rails' tagged exception block
// written through TaggedLogging with no level header), and Puma's cluster messages, `!` before a problem.

// A backtrace line: bare, indented, after `from`, or after Rails' request tags.
const FRAME_LINE = /^\s{0,16}(?:\[[^\]\n]{1,255}\] ?){0,8}(?:from )?(?:<internal:[\w/.-]{1,64}>|[^\s:<>]{1,512}):\d{1,7}:in [`']/;
// The exception above it: `Class: message`, Rails' `Class (message):`, or the inspect form `#<Class: message>`.
const RUBY_CONST = '[A-Z]\\w{0,80}(?:::[A-Z]\\w{0,80}){0,8}';
const EXCEPTION = new RegExp(`(?:^|[\\s\\]])(${RUBY_CONST})(?:: \\S| \\()|#<(${RUBY_CONST}): `);
const EXCEPTION_NAME = /::|(?:Error|Exception|Timeout|Interrupt|Failure|Invalid|NotFound|Expired|Exit)$/;
/** Lines above the first frame where the exception is looked for. */
const HEAD_LINES = 4;

/**
 * An exception and its Ruby backtrace, printed with no level (the text's header, read first, has
 * none): an ERROR, as any other printed exception the process survived.
 */
export function isRubyTrace(head: string): boolean {
  if (head.indexOf(':in ') < 0) return false;
  const lines = head.split('\n', HEAD_LINES + 2);
  const frame = lines.findIndex((l) => FRAME_LINE.test(l.length > 600 ? l.slice(0, 600) : l));
  if (frame <= 0) return false;
  return lines.slice(0, frame).some((line) => {
    const m = EXCEPTION.exec(line.length > 2000 ? line.slice(0, 2000) : line);
    return m !== null && (m[2] !== undefined || EXCEPTION_NAME.test(m[1]!));
  });
}

// Rails' ActionDispatch::DebugExceptions writes `"#{exception.class} (#{exception.message}):"` on a
// line of its own, after the request tags when tagged. Through a logger with no level header (Rails
// 8's default `TaggedLogging.logger(STDOUT)`) and with each line an entry of its own, that line is all
// that says a request failed: the frames under it name no error, and the line above it is the tags alone.
const TAGGED_CLASS_OPENS = `^(?:\\[[^\\]\\n]{1,255}\\] ){0,8}(${RUBY_CONST}) \\(`;
const RAILS_EXCEPTION_LINE = new RegExp(`${TAGGED_CLASS_OPENS}[^\\n]{0,2000}\\):[ \\t]*$`);
// A message of several lines (PostgreSQL's `… failed: No such file or directory` then `\tIs the server
// running locally…?`) leaves the line open: the class, ` (` and the message's first line, the `):`
// lines below. Read only when nothing on it closes a parenthesis, and when the class's own name says
// it failed (a namespace alone, `Admin::OrdersController (`, could open any message).
const RAILS_EXCEPTION_OPEN = new RegExp(`${TAGGED_CLASS_OPENS}[^\\n()]{1,2000}$`);
const FAILURE_NAME = /(?:Error|Exception|Invalid|NotFound|NotEstablished|Timeout|Refused|Denied|Failed|Failure|Bad|Expired|Exceeded|Unavailable|Interrupt)\w*$/;

/** Rails' exception line (`[tags] ActiveRecord::RecordNotFound (Couldn't find …):`), a Ruby exception's name in it. */
export function isRailsExceptionLine(line: string): boolean {
  const head = line.length > 4096 ? line.slice(0, 4096) : line;
  const closed = RAILS_EXCEPTION_LINE.exec(head);
  if (closed !== null) return EXCEPTION_NAME.test(closed[1]!);
  const open = RAILS_EXCEPTION_OPEN.exec(head);
  return open !== null && FAILURE_NAME.test(open[1]!.slice(open[1]!.lastIndexOf(':') + 1));
}

// The block's first line, tagged: the tags and the two spaces DebugExceptions writes, nothing else.
const TAGS_ALONE = /^(?:\[[^\]\n]{1,255}\] ?){1,8}[ \t]*$/;

/** A Rails exception block opened as DebugExceptions opens it: its tags alone, then the exception line. */
export function opensRailsBlock(head: string): boolean {
  const end = head.indexOf('\n');
  if (end < 0 || end > 2100 || !TAGS_ALONE.test(head.slice(0, end))) return false;
  const next = head.indexOf('\n', end + 1);
  return isRailsExceptionLine(head.slice(end + 1, next < 0 ? undefined : next));
}

/**
 * RE2, case-insensitive, at the start of a text: a superset of the exception line (after its tags or
 * not, closed or open: a name EXCEPTION_NAME reads, then ` (`) and of a first line of tags alone
 * (severityTextPattern).
 */
// Any constant before ` (`: the names the line reads (EXCEPTION_NAME closed, FAILURE_NAME open, anywhere
// in the last segment: `BadRequest`, `Timeout`) are too many to spell here, and a line that opens so is rare.
export const RAILS_EXCEPTION_LINE_RE2 = '(?:\\[[^\\]\\n]+\\] )*[a-z]\\w*(?:::\\w+)* \\(|(?:\\[[^\\]\\n]+\\] ?)+[ \\t]*\\n';

// Puma's cluster and single mode mark problems with `!` (`[1] ! Terminating timed out worker …`,
// `! Unable to load application: …`), warnings with `! WARNING:`, before the worker's pid in cluster mode.
export const PUMA_PROBLEM = /^(?:\[\d{1,10}\] )?! (WARNING: )?\S/;

/** The severity Puma's `!` line states: WARNING when it says so, else ERROR. */
export function pumaProblemSeverity(m: RegExpExecArray): 'WARNING' | 'ERROR' {
  return m[1] !== undefined ? 'WARNING' : 'ERROR';
}
