// Every message is cut and cleaned before a regex sees it, so no rule ever runs over
// unbounded input and nothing downstream has to cope with NUL bytes or terminal escapes.
import { withoutTerminalCodes } from './terminal-codes.js';

/** Longest message kept, in UTF-16 code units (64 KiB). */
export const MAX_TEXT_CHARS = 64 * 1024;

/** Appended to a message that was cut. */
export const TRUNCATED_MARKER = '\n…[truncated]';

// C0 controls except \t and \n, DEL, C1 controls, and the bidi overrides that can make
// a GitHub issue display text other than what it holds.
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** Any character one of the clean-up's replaces would change (a CR, a control, a surrogate). */
const NEEDS_CLEANING = /[\r\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Cuts `text` to at most `max` code units (marker included) without splitting a surrogate
 * pair. Idempotent: a cut text is not cut again.
 */
export function truncateText(text: string, max: number = MAX_TEXT_CHARS): string {
  if (text.length <= max) return text;
  return cutAt(text, max - TRUNCATED_MARKER.length) + TRUNCATED_MARKER;
}

/**
 * Bounds and cleans raw message text: cut first (so the clean-up itself is bounded), then
 * terminal escape sequences go whole (colours: dropping their ESC alone would leave `[31m` in the
 * text), CRLF and CR become LF, control characters go, broken surrogates become U+FFFD.
 * The result is at most `max` code units long.
 */
export function boundText(text: string, max: number = MAX_TEXT_CHARS): string {
  const cut = text.length > max;
  // Most messages hold none of what the clean-up changes: one look instead of three replaces.
  if (!cut && !NEEDS_CLEANING.test(text)) return text;
  const cleaned = withoutTerminalCodes(cut ? cutAt(text, max) : text)
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL_CHARS, '')
    .replace(LONE_SURROGATE, '\uFFFD');
  return cut ? cutAt(cleaned, max - TRUNCATED_MARKER.length) + TRUNCATED_MARKER : cleaned;
}

function cutAt(text: string, n: number): string {
  if (text.length <= n) return text;
  let end = Math.max(0, n);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end);
}
