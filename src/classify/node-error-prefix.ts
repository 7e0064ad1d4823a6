// Node's `console.error('price lookup failed', sku, err)` prints its arguments as util.format does: the
// message and the values joined by spaces, then util.inspect(err), whose first line is the error's own
// (`TypeError: fetch failed`). The error line of the trace thus starts after an application prefix:
// `price lookup failed SKU-1 TypeError: fetch failed`, then `    at …`. The error is what failed; the
// prefix is the line it was logged under, as a logger's message line above a trace is.

// ` TypeError: `, ` FetchError [ERR_X]: `, ` AxiosError: `, ` errors.ApiError: `: a class named as an error.
// An error with an empty message ends its line at the colon util.inspect writes after the name and the
// code it adds (`Proxy error: AggregateError [ECONNREFUSED]: `, Node's Happy Eyeballs `AggregateError`
// of one `connect ECONNREFUSED` per address family, its `message` empty).
const EMBEDDED_ERROR = / (?:[A-Za-z_$][\w$]{0,100}\.){0,20}[A-Z][\w$]{0,100}(?:Error|Exception)(?: \[[\w-]{1,64}\])?(?:: |:$)/;
// The same error's `err.stack` written after a prefix (`logger.error(`upsert failed: ${err.stack}`)`):
// a stack's first line is `name: message`, the name alone when the message is empty (`AggregateError`).
// Read so only with the error's frames under it: a line that ends with a class's name says no more.
const EMBEDDED_NAME = / (?:[A-Za-z_$][\w$]{0,100}\.){0,20}[A-Z][\w$]{0,100}(?:Error|Exception)(?: \[[\w-]{1,64}\])?$/;

/**
 * The prefix and the error of a line that prints an error after an application prefix; null otherwise.
 * `framesBelow`: the error's frames follow the line, so an error's name alone at its end is its line.
 */
export function errorAfterPrefix(line: string, framesBelow = false): { prefix: string; error: string } | null {
  const head = line.length > 1000 ? line.slice(0, 1000) : line;
  const m = EMBEDDED_ERROR.exec(head) ?? (framesBelow ? EMBEDDED_NAME.exec(head) : null);
  if (m === null || m.index === 0) return null;
  return { prefix: line.slice(0, m.index), error: line.slice(m.index + 1) };
}
