// Guzzle, the HTTP client under most PHP SDKs (Laravel's Http, the AWS and Google clients), words a
// 4xx or 5xx answer in a shape that changed with Guzzle 6:
//   Guzzle 6+: ``Client error: `GET https://api.github.com/user` resulted in a `401 Unauthorized` response``,
//              then `:` and a summary of the body the server sent, cut at 120 characters with
//              ` (truncated...)` (`:\n{"message": "Bad credentials", …}`, `: <!DOCTYPE html>…`);
//   Guzzle 5:  `Client error response [url] https://… [status code] 401 [reason phrase] Unauthorized`.
// What failed is the side (client, server) and the status. The request called (its method with its
// URL) is a value, as any endpoint is: the same answer from another endpoint is the same failure; and
// the body is the server's own words, different on every server. One wording stands for both
// versions: ``Client error: resulted in a `401 Unauthorized` response``.

const GUZZLE6 = /(Client|Server) error: `[A-Z]{3,7}\s[^`]{0,2000}`\s{1,4}resulted in a `(\d{3}) ([^`\n]{1,60})` response/;
// The reason phrase runs to the quote that closes PHP 5's message, or to the line's end; a server's
// own words after it (`Unauthorized : Invalid signature`) are the body's.
const GUZZLE5 = /(Client|Server) error response \[url\] \S{1,2000} \[status code\] (\d{3}) \[reason phrase\] ([A-Za-z][A-Za-z -]{0,58}?)(?= : |'|\s*$)/;

/** The summary Guzzle appends: at most 120 characters and ` (truncated...)`, give or take line breaks. */
const MAX_BODY_CHARS = 160;
const TRUNCATED = '(truncated...)';
// A line that starts the place or the trace after the body: PHP's `Stack trace:`/`#0 …`, a tracker's
// frames (`File "…", line 89`, `at …`), or PHP's ` in /path/RequestException.php:111`.
const AFTER_BODY = /^\s*(?:Stack trace:|#\d|File "|at |from |in (?:\/|[A-Za-z]:\\))/;

export interface GuzzleLine {
  line: string;
  /** The line ended at `response:`: the body's summary takes the lines after it. */
  bodyFollows: boolean;
}

/** The line with Guzzle's failed-response wording read as one wording without its request and body; null when it has none. */
function guzzleResponseLine(line: string): GuzzleLine | null {
  if (line.indexOf(' error') < 0) return null;
  const now = line.indexOf('resulted in a `') >= 0 ? GUZZLE6.exec(line) : null;
  const old = now === null && line.indexOf('[status code]') >= 0 ? GUZZLE5.exec(line) : null;
  const m = now ?? old;
  if (m === null) return null;
  const wording = `${m[1]} error: resulted in a \`${m[2]} ${(m[3] as string).trim()}\` response`;
  const after = line.slice(m.index + m[0].length);
  return { line: `${line.slice(0, m.index)}${wording}`, bodyFollows: now !== null && /^:\s*$/.test(after) };
}

/** Lines of a record after its first where the wording is read (a title may take the first: `ClientException in GET /x`). */
const MAX_LINES = 4;

/**
 * A record's first line and the lines after it (from its first line break on), with Guzzle's wording
 * read on the first line that holds it among the first few: one wording, no request, no body.
 */
export function withGuzzleWording(first: string, rest: string): [string, string] {
  const found = guzzleResponseLine(first);
  if (found !== null) return [found.line, found.bodyFollows ? withoutBodyLines(rest) : rest];
  if (rest.indexOf(' error') < 0) return [first, rest];
  const lines = rest.split('\n', MAX_LINES + 1);
  for (let i = 1; i < lines.length; i++) {
    const inner = guzzleResponseLine(lines[i] as string);
    if (inner === null) continue;
    const before = lines.slice(0, i).join('\n');
    const after = rest.slice(before.length + 1 + (lines[i] as string).length);
    return [first, `${before}\n${inner.line}${inner.bodyFollows ? withoutBodyLines(after) : after}`];
  }
  return [first, rest];
}

/** The lines after a line that ended at `response:`, without the body's summary they start with. */
function withoutBodyLines(rest: string): string {
  const lines = rest.split('\n');
  // lines[0] is what came before the first line break (nothing): the body starts at lines[1].
  let chars = 0;
  let cut = 1;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '' || AFTER_BODY.test(line)) break;
    chars += line.length;
    if (chars > MAX_BODY_CHARS) break;
    cut = i + 1;
    if (line.includes(TRUNCATED)) break;
  }
  return ['', ...lines.slice(cut)].join('\n').replace(/^\n(?=\n|$)/, '');
}
