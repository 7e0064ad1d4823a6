// semantic_logger's default text formatter (and its colour twin, whose escapes are gone by here):
// `time L [pid:thread file:line] [tag] [tag] {name: value, ...} (duration) Name -- message -- payload --
// Exception: Class: message` and the exception's backtrace on the lines under it. Everything up to the
// logger's name says how the line was logged; the exception is the one its JSON formatter writes under
// `exception` (`name`, `message`, `stack_trace`), which a record reads as Ruby prints it, `message (Class)`
// over the frames (json-message.ts): read so, one exception is one text whichever formatter wrote it.

// After the time: the level's first letter (T D I W E F), the process info (the pid, the thread's name cut
// to 30 characters, where the line was logged), the tags, the named tags, the duration, the logger's name.
// Every part bounded and set off by a character it cannot hold, so a line costs one pass.
export const SEMANTIC_LOGGER_HEADER =
  /^([TDIWEF]) \[\d{1,10}:[^\]\n]{1,200}\](?: \[[^\]\n]{0,200}\]){0,12}(?: \{[^{}\n]{0,400}\})?(?: \([^()\n]{1,40}\))? [A-Za-z_][\w:.$/-]{0,200}(?: -- |$)/;
// The time the formatter writes first: its default (`2026-12-05 10:00:00.123456`) or ISO 8601.
const TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})? /;

/** The line opens with semantic_logger's time and header. A test of its first few hundred characters. */
export function opensSemanticLoggerRecord(text: string): boolean {
  const head = text.slice(0, 500);
  const time = TIME.exec(head);
  return time !== null && SEMANTIC_LOGGER_HEADER.test(head.slice(time[0].length));
}

// `-- Exception: Class: ` as the formatter joins it to what comes before it, or opening the message when
// the record has none. A Ruby class: constants joined by `::`.
const EXCEPTION = /(?:^| -- )Exception: ([A-Z]\w{0,80}(?:::[A-Z]\w{0,80}){0,12}): /;
// The payload, `payload.inspect` after ` -- `: a Hash, as its JSON formatter keeps apart from the message.
const PAYLOAD = / -- \{[^\n]{0,4000}\}$/;
// A frame of the backtrace: `path:line:in `method'` (Ruby 3.4: `in 'Class#method'`).
const RUBY_FRAME = /^\s{0,8}[^\s:]{1,512}:\d{1,7}:in [`']/;

/**
 * The message after semantic_logger's header (stripLogHeader took it off): the record's message, then
 * its exception as Ruby's Logger prints one, `message (Class)`, then the backtrace. The payload is left
 * off the message line as the JSON formatter keeps it apart. A message with no exception is left as it is.
 */
export function semanticLoggerException(rest: string): string {
  const lineEnd = rest.indexOf('\n');
  const first = lineEnd < 0 ? rest : rest.slice(0, lineEnd);
  const m = EXCEPTION.exec(first);
  if (!m) return rest;
  const before = first.slice(0, m.index).replace(PAYLOAD, '');
  const lines = (first.slice(m.index + m[0].length) + (lineEnd < 0 ? '' : rest.slice(lineEnd))).split('\n');
  let frame = lines.findIndex((line, i) => i > 0 && RUBY_FRAME.test(line));
  if (frame < 0) frame = lines.length;
  const message = lines.slice(0, frame).join('\n').trim();
  const exception = message === '' ? (m[1] as string) : `${message} (${m[1] as string})`;
  const frames = lines.slice(frame).join('\n');
  return [before, exception, frames].filter((part) => part !== '').join('\n');
}
