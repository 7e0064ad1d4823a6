// The request a log line names is context of the line, not the problem. Spring's error handlers log
// every failed request as `[id]  500 Server Error for HTTP GET "/path"`, WebClient as `Request to POST
// https://…`, and once the path is masked (`"<QUOTED>"`, `<PATH>`, `<URL>`) the method is all that is
// left of the request: the same failure under GET and POST would read as two lines that tell two callers
// apart. The method before a masked path reads as a wildcard, as the template miner makes of it when
// it sees the line logged alone under both methods.
import { WILDCARD } from '../normalize/mask.js';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const MASKED_TARGET = new Set(['"<QUOTED>"', '<QUOTED>', '<PATH>', '<URL>', "'<QUOTED>'"]);

/** Masked tokens with each HTTP method that comes right before a masked path made a wildcard. */
export function withoutRequestMethod(tokens: readonly string[]): string[] {
  return tokens.map((t, i) => (METHODS.has(t) && MASKED_TARGET.has(tokens[i + 1] ?? '') ? WILDCARD : t));
}
