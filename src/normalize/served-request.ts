// Which request a record was written for, when its text says, and how long an access record says that
// request took. When two requests fail at once on one instance, their records interleave: the access
// record of one is written after the other's error as often as after its own. What tells them apart is
// what each record names: a framework's report of a request's failure names the request it failed
// (its path, often its method), as its access record does, and an access record that says how long its
// request took says when the request began (classify/request-owners.ts reads both).
//
// Failure records that name their request, as each framework writes them:
// - Flask's `log_exception`: `Exception on /login [POST]` (`f"Exception on {request.path} [{request.method}]"`);
// - Quarkus' QuarkusErrorHandler: `HTTP Request to /products/BTS-1 failed, error id: 7f74d186-…-89`;
// - Django's `log_response`: `Internal Server Error: /orders/7/` (and `Service Unavailable: /x`…);
// - plug_cowboy's translator of a crashed request: `Request: GET /accounts/7` under `Server: host:4000 (http)`;
//   go-chi/httplog's request records open with the same words.
// Access records name theirs by their structure (access-line.ts, access-status.ts' namedRequest), or as
// a field (uWSGI's JSON `--logformat`'s `"uri"`, a response record's `url`/`path`).
import { accessLine } from './access-line.js';
import { namedRequest, UWSGI_REQUEST } from './access-status.js';
import { requestPath } from './request-info.js';

/** Only the head of a record is read: a report names its request in its first lines. */
const HEAD = 4096;

const METHOD = '(?:GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)';
/** A served request's path: the service's own, never another host's URL. */
const PATH = '(\\/[^\\s"\'\\[\\],]{0,2048})';
const NAMING: ReadonlyArray<readonly [string, RegExp]> = [
  ['Exception on /', new RegExp(`(?:^|\\s)Exception on ${PATH} \\[${METHOD}\\]`)],
  ['HTTP Request to /', new RegExp(`(?:^|\\s)HTTP Request to ${PATH} failed\\b`)],
  ['Internal Server Error: /', new RegExp(`(?:^|[\\s\\]:])(?:Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout): ${PATH}\\s*(?:$|\\n)`, 'm')],
  ['Request: ', new RegExp(`(?:^|\\n)\\s{0,8}Request: ${METHOD} ${PATH}\\s*(?:$|\\n)`)],
];
/** A JSON access record's target field (uWSGI's logformat `uri`; `path`, `url` elsewhere) beside its method. */
const JSON_TARGET = /"(?:uri|path|url|request_uri|originalUrl)":"(\/[^"\s]{0,2048})"/;
const JSON_METHOD = new RegExp(`"(?:method|request_method|requestMethod)":"${METHOD}"`);

/** The path of the request a failure record says it failed (see the head of this file), or null. */
export function failedRequestPath(text: string): string | null {
  const head = text.length > HEAD ? text.slice(0, HEAD) : text;
  for (const [cheap, pattern] of NAMING) {
    if (!head.includes(cheap)) continue;
    const m = pattern.exec(head);
    if (m !== null) return requestPath(m[1]);
  }
  return null;
}

/** The path of the request an access record (marked so: access-status.ts) answered, or null. */
export function accessRecordPath(text: string): string | null {
  const head = text.length > HEAD ? text.slice(0, HEAD) : text;
  const line = head.split('\n', 1)[0]!;
  const target = namedRequest(line)?.target ?? UWSGI_REQUEST.exec(line)?.[2] ?? accessLine(line)?.target ?? (JSON_METHOD.test(line) ? JSON_TARGET.exec(line)?.[1] : undefined);
  return target === undefined ? null : requestPath(target);
}

/** Longest a request is taken to have lasted: Cloud Run's request timeout at its most. */
const MAX_MS = 3_600_000;
// The time an access record says its request took: uWSGI's `… in 30153 msecs (HTTP/1.1 500)` and its
// JSON logformat's `"msecs":28`, Rails' `Completed 500 … in 12ms`, Plug's `Sent 500 in 12ms`, ASP.NET
// Core's `Request finished … - 500 … 30012.3456ms` and morgan's `GET /x 500 12.345 ms - 21` at its end.
const TOOK = [/\bin (\d{1,9}(?:\.\d{1,6})?) ?(?:ms|msecs)\b/, /\s(\d{1,9}(?:\.\d{1,6})?) ?ms(?: - (?:\d{1,12}|-))?\s*$/, /"msecs":(\d{1,9})[,}]/];

/** How long (ms) an access record says its request took, or null when it does not say. */
export function accessRecordTookMs(text: string): number | null {
  const line = (text.length > HEAD ? text.slice(0, HEAD) : text).split('\n', 1)[0]!;
  for (const pattern of TOOK) {
    const m = pattern.exec(line);
    if (m === null) continue;
    const ms = Number(m[1]);
    return Number.isFinite(ms) && ms <= MAX_MS ? ms : null;
  }
  return null;
}
