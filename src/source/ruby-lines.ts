// Ruby's backtrace lines as the programs that log them print them: `exception.backtrace.join("\n")`,
// one frame a line with no indentation (Puma's `Rack app (…): #<Class: message>` then its backtrace,
// Sidekiq's error handler, a Rails logger given the backtrace), `from` before each frame of an uncaught
// exception, the label quoted `…' before Ruby 3.4 and '…' since (`in 'Integer#/'`), and the frames of
// a runtime's own files (`<internal:kernel>:187:in 'loop'`). Read from a bounded prefix of one line.

// `path:LINE:in 'label'` (or `…in `label'`), nothing after the label: `app.rb:3:in 'f': message
// (Type)` is the uncaught exception's own line, which heads its frames.
// RE2 and JS alike: Log Analytics reads Sidekiq's backtrace records with it (sidekiq-jobs.ts).
export const BARE_FRAME_BODY = String.raw`(?:from )?(?:<internal:[\w/.-]{1,64}>|[^\s:<>]{1,512}):\d{1,7}:in [\x60'][^\x60'\n]{1,300}'`;
const BARE_FRAME = new RegExp(`^${BARE_FRAME_BODY}\\s*$`);

/**
 * A Ruby backtrace line without indentation. It only ever continues a record (the exception line
 * above it, or the frames before it): apart, it names no error of its own.
 */
export function isBareRubyFrame(s: string): boolean {
  // Every form has `:in ` after the line number: a cheap test rules out nearly every other line.
  return s.indexOf(':in ') > 0 && BARE_FRAME.test(s);
}

// Rails' ActionDispatch::DebugExceptions logs a failed request as one message whose first line is
// blank ("  "), then `Class (message):`, a blank line and the backtrace, joined with the request tags
// (`lines.join("\n" + tags_text)`). Through ActiveSupport::TaggedLogging with no level header, the
// first line is the tags alone: `[9f2c…-…] ` and the two spaces. The tags open the record; its
// other lines start with the same tags.
const TAGS_ONLY = /^((?:\[(?=[\w-]{0,255}\d)[\w-]{8,255}\])(?: \[[^\]\n]{1,255}\]){0,7} )\s*$/;

/** The request tags of a line that is nothing else (`[req-id]   `), or null. */
export function bareTags(s: string): string | null {
  return s.charCodeAt(0) === 91 ? (TAGS_ONLY.exec(s)?.[1] ?? null) : null;
}

const FRAME_PLACE = /\S:\d{1,7}:in [`']/;

/**
 * A Rails exception block whose first line is the tags alone, read whole: its exception line right
 * under that line, frames after it. Cut short before its backtrace, or its first lines lost (the
 * blank line before the frames is the tags alone too), it is a piece of the record.
 */
export function isWholeTaggedBlock(text: string): boolean {
  const second = text.indexOf('\n') + 1;
  if (second <= 0) return false;
  const third = text.indexOf('\n', second);
  if (third < 0 || FRAME_PLACE.test(text.slice(second, Math.min(third, second + 1024)))) return false;
  return FRAME_PLACE.test(text.length > 64 * 1024 ? text.slice(third, 64 * 1024) : text.slice(third));
}

// A Ruby frame as any program prints it: bare, indented, after `from` or after Rails' request tags.
const ANY_FRAME = /^\s{0,16}(?:\[[^\]\n]{1,255}\] ?){0,8}(?:from )?(?:<internal:[\w/.-]{1,64}>|[^\s:<>]{1,512}):\d{1,7}:in [`'][^`'\n]{1,300}'\s*$/;
const FRAME_END = /\S:\d{1,7}:in [`'][^`'\n]{1,300}'\s*$/;
// What is left of a frame cut mid-way: a path, maybe its line number and the start of its label.
const CUT_FRAME = /^\s{0,16}(?:\[[^\]\n]{1,255}\] ?){0,8}(?:from )?[^\s:<>'`]{1,512}(?::\d{0,7}(?::(?:in? ?[`']?[^`'\n]{0,300})?)?)?$/;

/**
 * A Ruby backtrace whose last line is a frame cut short by a truncated write (`/usr/local/bundle/ruby/3.3.0/g`)
 * after whole frames: the record lost its last frames, and the ones that name the application's own
 * code may be among them.
 */
export function endsInCutRubyFrame(text: string): boolean {
  if (text.indexOf(':in ') < 0) return false;
  const end = text.trimEnd();
  const nl = end.lastIndexOf('\n');
  if (nl < 0) return false;
  const last = end.slice(nl + 1);
  const before = end.slice(end.lastIndexOf('\n', nl - 1) + 1, nl);
  // The line before may carry a log header before its frame (Sidekiq's backtrace record opens so).
  return last.length <= 600 && FRAME_END.test(before.length > 900 ? before.slice(-900) : before) && !ANY_FRAME.test(last) && CUT_FRAME.test(last);
}
