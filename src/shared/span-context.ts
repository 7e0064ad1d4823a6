// tracing-subscriber's Pretty formatter writes an event's context under it, four spaces in: where it was
// logged (`    at src/routes.rs:57`, with ` on <thread>` when asked) and each span it is in, innermost
// first, with that span's fields (`    in app::search with q: "tent"`). They say where and for which
// request, not what happened: the record's lines (the reassembly joins them), never its message.

export const SPAN_AT = /^ {4}at [^\s:]{1,512}:\d{1,7}(?: \S.{0,200})?$/;
export const SPAN_IN = /^ {4}in [\w:<>.{}-]{1,256}(?: with \S.{0,2000})?$/;

/** Most context lines read after the message (an `at` line and the spans it is in). */
const MAX_CONTEXT_LINES = 32;

/**
 * The message without the Pretty context lines that end it: from an `at file:line` line on, when
 * every line after it is a span line (or blank). Any other text is returned as it is.
 */
export function withoutSpanContext(text: string): string {
  const at = text.indexOf('\n    at ');
  if (at < 0) return text;
  const lines = text.slice(at + 1).split('\n', MAX_CONTEXT_LINES + 2);
  if (lines.length > MAX_CONTEXT_LINES + 1 || !SPAN_AT.test(lines[0]!.trimEnd())) return text;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.trimEnd();
    if (line !== '' && !SPAN_IN.test(line)) return text;
  }
  return text.slice(0, at);
}
