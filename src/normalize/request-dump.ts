// The request an access line names, dumped under it: Go's httputil.DumpRequest (`GET /x HTTP/1.1`,
// then `Name: value` header lines, a blank line, the body), which go-zero's access log appends to the
// line of a request not answered OK (rest/handler/loghandler.go) and debugging middlewares print after
// theirs. The dump is the same request's record, not another record written under it. A logger may
// print its own fields after the record (logx's plain encoding: `\tcaller=…\tduration=…`).

/** Header lines read before the dump is judged: a request's headers are a few dozen at most. */
const MAX_HEADERS = 64;

const REQUEST_LINE = /^([A-Z]{3,7}) (\S{1,8192}) HTTP\/\d(?:\.\d)?$/;
const HEADER = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}: ?[^\r\n]{0,8192}$/;
const FIELDS_ONLY = /^\t?(?:[\w.@-]{1,64}=\S{0,512}(?:\t|$))+$/;

/**
 * Whether `rest` (the lines under an access line of `method` and `target`) is that request dumped: its
 * request line, then headers, then a blank line and anything (the body), or a logger's fields alone.
 */
export function isRequestDump(rest: string, method: string, target: string): boolean {
  const lines = rest.split('\n').map((l) => l.replace(/\r$/, ''));
  const head = REQUEST_LINE.exec(lines[0] ?? '');
  if (head === null || head[1] !== method || !sameTarget(head[2]!, target)) return false;
  for (let i = 1; i < lines.length && i <= MAX_HEADERS; i++) {
    const line = lines[i]!;
    if (line === '' || FIELDS_ONLY.test(line)) return true;
    if (!HEADER.test(line)) return false;
  }
  return lines.length <= MAX_HEADERS + 1;
}

/** The dump prints the request's path and query; an access line may print the URL it was asked for. */
function sameTarget(dumped: string, logged: string): boolean {
  return logged === dumped || logged.endsWith(dumped) || dumped.endsWith(logged);
}
