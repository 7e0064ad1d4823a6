// Node's `console.error('price lookup failed', sku, err)` prints its arguments as util.format does: the
// message and the values joined by spaces, then util.inspect(err), whose first line is the error's own
// (`TypeError: fetch failed`). The error line of the trace thus starts after an application prefix:
// `price lookup failed SKU-1 TypeError: fetch failed`, then `    at …`. The error is what failed; the
// prefix is the line it was logged under, as a logger's message line above a trace is.

// ` TypeError: `, ` FetchError [ERR_X]: `, ` AxiosError: `, ` errors.ApiError: `: a class named as an error.
const EMBEDDED_ERROR = / (?:[A-Za-z_$][\w$]{0,100}\.){0,20}[A-Z][\w$]{0,100}(?:Error|Exception)(?: \[[\w-]{1,64}\])?: /;

/** The prefix and the error of a line that prints an error after an application prefix; null otherwise. */
export function errorAfterPrefix(line: string): { prefix: string; error: string } | null {
  const m = EMBEDDED_ERROR.exec(line.length > 1000 ? line.slice(0, 1000) : line);
  if (m === null || m.index === 0) return null;
  return { prefix: line.slice(0, m.index), error: line.slice(m.index + 1) };
}
