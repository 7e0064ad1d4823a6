// A request's one-line summary as a server's access log writes it, when it says the request ended in
// a server error (5xx). An access logger stamps every request at one level, whatever became of it
// (uvicorn's `INFO:`, Rails' `INFO -- :`, ASP.NET Core's `info:`, Phoenix's `[info]`), so that level
// says nothing of the request; its status does. `classify` reads such a line as one of no level of its
// own. A line that names its request (namedRequest) says how it ended as Cloud Run's own request log
// does (5xx: ERROR): a sweep reads it at ERROR (entry-fields.ts) as that request's log, `POST /x 502`,
// the problem of Cloud Run's request log of its status (access-request.ts, classify/request-signature.ts).
// Written beside an error the same instance logged, it is that error's request and goes with it
// (classify/companions.ts).
//
// The shapes, as each server documents its default line:
// - NCSA common/combined and their kin, the request line in quotes then the status: Apache's and
//   nginx's default, gunicorn's `%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s …`, uvicorn's
//   `%s - "%s %s HTTP/%s" %d` (`127.0.0.1:53412 - "GET /x HTTP/1.1" 500 Internal Server Error`),
//   werkzeug's and Django runserver's `"GET /x HTTP/1.1" 500 -`;
// - Rails' ActionController: `Completed 500 Internal Server Error in 12ms (…)`;
// - ASP.NET Core's Hosting.Diagnostics: `Request finished HTTP/1.1 GET http://host/x - 500 0 - 3.1ms`;
// - Phoenix's Plug.Logger: `Sent 500 in 12ms`;
// - uWSGI's request log, its default logformat (logging.c: `[pid: %d|app: %d|req: %d/%llu] %s (%s) {%d vars
//   in %d bytes} [%s] %s %s => generated %llu bytes in %llu msecs (%s %d) %d headers in %llu bytes (%d
//   switches on core %d)`, `micros` with --log-micros, `via sendfile` and the like before the parenthesis):
//   `[pid: 30|app: 0|req: 337/1420] 169.254.5.68 () {41 vars in 1365 bytes} [Fri Dec 11 09:55:55 2026]
//   POST /forms/2050/submit => generated 265 bytes in 30153 msecs (HTTP/1.1 500) 2 headers in 174 bytes
//   (1 switches on core 0)`;
// - gin's Logger (defaultLogFormatter in gin's logger.go, `[GIN] %v |%s %3d %s| %13v | %15s |%s %-7s %s %#v`):
//   `[GIN] 2026/12/04 - 00:02:55 | 500 |     4.074557s |     169.254.1.6 | GET      "/v1/profile/u1"`, the
//   status between colour codes when gin thinks it writes to a terminal;
// - Laravel Octane's request line (its `requestInfo`, every server it runs: `  500    GET / ……… 165.14 ms`,
//   laravel/octane#654; the worker's memory before the time when verbose, `… 24.08 mb 162.09 ms`): the
//   status first, the method and URL, dots to the column, the time; colours when on a terminal;
// - pino-http's record of a request answered 5xx that no error was handed to (`res.err` unset): its
//   message (`request errored` by default, `customErrorMessage` may change it) over the error it makes
//   up, `Error: failed with status code 500`, whose stack is pino-http's own. It logs it at its `useLevel`,
//   `info` unless told otherwise, the level of every request (pinojs/pino-http#61, #365; nestjs-pino
//   closes every request Nest's ExceptionsHandler answered 500 so, iamolegga/nestjs-pino#416).
// Every other server's line is read by its structure (access-line.ts: a method, its target, a status
// field, nothing worded): morgan's dev/short/tiny, koa-logger, Moleculer-web, Tornado, chi, fiber,
// go-zero, Ktor, Serilog, tower-http, lograge, the PHP server, Symfony's. Such a line is marked as its
// request's record, so it goes with the error written beside it (answeredServerError); it is not read
// as the request's log (namedRequest says why). The shapes above stay, read first: Rails' and
// Phoenix's name no method, pino-http's is a record, and the others name their request.
// A server's structured record of a response (pino-http's and Fastify's `request completed`, express-winston's
// `HTTP GET /x`, Caddy's `handled request`, HttpLogging's `Response:` block) is marked the same way, by
// the status it carries as a field of its own (response-record.ts, Entry.answered).
import type { Entry } from '../shared/types.js';
import { accessLine } from './access-line.js';
import { STAND_IN_FIRST_FRAME, STAND_IN_WORDS } from './pino-http-stand-in.js';
import { isRequestDump } from './request-dump.js';
import { responseBlockStatus } from './response-record.js';

/** A quoted request line (method, target, protocol) and the status after it. */
const QUOTED_REQUEST = /"(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|CONNECT|TRACE|PROPFIND) ([^"\s]{1,8192}) HTTP\/\d(?:\.\d)?" (5\d\d)\b/;
const RAILS_COMPLETED = /(?:^|[\]\s])Completed 5\d\d [A-Z][A-Za-z' -]{0,40} in \d{1,9}(?:\.\d{1,6})?ms\b/;
const ASPNET_FINISHED = /(?:^|\s)Request finished HTTP\/\d(?:\.\d)? ([A-Z]{3,9}) ([^\s]{1,8192}) - (5\d\d)\b/;
/** uWSGI's default request line: method, target and status (its [pid|app|req] head, the counts, the protocol). */
export const UWSGI_REQUEST = /^\[pid: \d{1,10}\|app: -?\d{1,6}\|req: -?\d{1,12}\/\d{1,20}\] \S{1,255} \([^)]{0,255}\) \{\d{1,6} vars in \d{1,12} bytes\} \[[^\]]{1,64}\] ([A-Z]{3,9}) (\S{1,8192}) => generated \d{1,20} bytes in \d{1,20} (?:msecs|micros) (?:via \w{1,16} )?\(HTTP\/\d(?:\.\d)? (5\d\d)\)/;
const PLUG_SENT = /(?:^|[\]\s])Sent 5\d\d in \d{1,9}(?:ms|µs)(?!\w)/;
const GIN_LOGGER = /^\[GIN\] \d{4}\/\d{2}\/\d{2} - \d{2}:\d{2}:\d{2} \|(?:\x1b\[[\d;]{0,12}m)? 5\d\d (?:\x1b\[[\d;]{0,12}m)?\|/;
/**
 * pino-http's stand-in error, the record's first line (no message) or its second: alone (its type
 * printed or not, as a serializer that drops the stack leaves it) or over its first frame, which is
 * pino-http's own (`onResFinished` in `pino-http/logger.js`). An application's error that says the
 * same words is raised elsewhere.
 */
const PINO_HTTP_STAND_IN = new RegExp(`^(?:[^\\n]{1,200}\\n)?(?:Error: )?${STAND_IN_WORDS} 5\\d\\d(?:$|\\n${STAND_IN_FIRST_FRAME})`);

/**
 * RE2 for Cloud Logging's `=~` and Log Analytics (severityTextPattern, case-insensitive): a superset of
 * the lines above, found anywhere, loose to keep the query short (the source judges what comes back).
 * pino-http's stand-in says `fail…`, a word the pattern has already.
 */
export const ANSWERED_5XX_RE2 = ['(?:"|completed|sent| -) 5\\d\\d', '\\[gin\\][^|]+\\|\\D{0,12}5\\d\\d', '^\\D{0,16}5\\d\\d\\D{1,24}(?:get|head|post|put|patch|delete|options) \\S+ ?\\.'];

/** Only the head of a line is read: a summary line is short, and a 100 KB line costs no more. */
export const HEAD = 16_384;

/** A cheap look for a line that opens with its status (Octane's request line), before it is read whole. */
export const LEADING_STATUS = /^ {0,4}(?:\x1b\[[\d;]{0,12}m)?5\d\d /;

/** A cheap look for a 5xx as a field of its own anywhere (`[500]:`, `(500)`, `status=500`, coloured `…m500`). */
const FIELD_STATUS = /(?:^|[\s|(\[=m])5\d\d(?!\d)/;

/** Whether `line` may hold a 5xx where some access line prints one, before it is read whole. */
const mayHold5xx = (line: string): boolean => line.includes(' 5') || LEADING_STATUS.test(line) || FIELD_STATUS.test(line);

/** A cheap look for a method token, which every line access-line.ts reads holds. */
const METHOD_WORD = /(?:GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)(?![\w-])/;

/**
 * Whether access-line.ts reads the record `text`, whose first line is `line`, as that of a request
 * answered 5xx: the line is the whole record, or the rest is its own request dumped (request-dump.ts).
 */
function structural(line: string, text: string): boolean {
  if (!FIELD_STATUS.test(line) || !METHOD_WORD.test(line)) return false;
  const whole = line.length >= text.trimEnd().length;
  const read = accessLine(line);
  if (read === null || read.status < 500 || read.status > 599) return false;
  return whole || isRequestDump(text.slice(line.length + 1, line.length + 1 + REQUEST_DUMP_HEAD), read.method, read.target);
}

/** How much of a request dump is read: its request line and headers fit many times. */
const REQUEST_DUMP_HEAD = 16_384;

/** Whether `text` (a message, its first line first) is an access log's record of a request answered 5xx. */
export function answeredServerError(text: string): boolean {
  if (text.includes(STAND_IN_WORDS) && PINO_HTTP_STAND_IN.test(text.slice(0, 640))) return true;
  if ((responseBlockStatus(text) ?? 0) >= 500) return true;
  const line = firstLine(text);
  if (!mayHold5xx(line)) return false;
  if (QUOTED_REQUEST.test(line) || RAILS_COMPLETED.test(line) || ASPNET_FINISHED.test(line) || PLUG_SENT.test(line) || GIN_LOGGER.test(line) ||
    OCTANE_REQUEST.test(line) || UWSGI_REQUEST.test(line)) return true;
  // A line read by its structure alone is the record only when it is the whole record, or heads the
  // dump of its own request (go-zero's): under it, a record is an error report headed by its request
  // (Ghost's `ERROR "GET /x" 500 22ms` over the error and its `Error ID:`), the failure itself.
  return structural(line, text);
}

/**
 * Whether an entry is an access record of a request answered 5xx: a line read as its request's log
 * (access-request.ts marks it), or a message that is such a record. A request's own log (Cloud Run's,
 * whose text is `GET /x 500`) is the request itself, not an application's record of it.
 */
export function isServerErrorAccess(entry: Pick<Entry, 'kind' | 'text' | 'request' | 'answered'>): boolean {
  return entry.request?.accessLine === true || (entry.answered ?? 0) >= 500 || (entry.kind !== 'request' && answeredServerError(entry.text));
}

/**
 * The method, target and status of an access line that names the request it answered 5xx (the quoted
 * request line, ASP.NET Core's `Request finished`, gin's Logger line), when `text` is that line alone;
 * else null. Rails' `Completed 500` and Phoenix's `Sent 500` name no request, and pino-http's stand-in
 * is its logger's record, not a line: `classify` places them beside their error, the sweep reads them
 * at their own level. Lines printed under an access line are another record's (a trace whose own first
 * line was lost, read on from the line before it): the status does not speak for them.
 *
 * A line only access-line.ts reads is no request's log here: it is marked (answeredServerError) and
 * goes with the error written beside it, and otherwise keeps its logger's level and its own group.
 * Read as the request's log it would be one problem with Cloud Run's record of that request, which
 * holds nothing more, and would move the problems releases filed for such lines (llama.cpp's
 * `request: POST /x 127.0.0.1 500` under the floor, Tornado's `500 GET /x (ip) 21.38ms` with its
 * error: test/unit/identity).
 */
export function namedRequest(text: string): { method: string; target: string; status: number } | null {
  if (text.trimEnd().includes('\n') || (!text.includes(' 5') && !LEADING_STATUS.test(text))) return null;
  const line = text.slice(0, HEAD);
  const m = QUOTED_REQUEST.exec(line) ?? ASPNET_FINISHED.exec(line);
  if (m !== null) return { method: m[1]!, target: m[2]!, status: Number(m[3]) };
  const named = GIN_REQUEST.exec(line) ?? OCTANE_REQUEST.exec(line);
  return named === null ? null : { method: named[2]!, target: named[3]!, status: Number(named[1]) };
}

// gin's Logger line whole (defaultLogFormatter: `[GIN] %v |%s %3d %s| %13v | %15s |%s %-7s %s %#v`), its
// status and method coloured on a terminal or not: status, then latency and client, then method and path.
const ESC = '(?:\\x1b\\[[\\d;]{0,12}m)?';
const GIN_REQUEST = new RegExp(`^\\[GIN\\] \\d{4}/\\d{2}/\\d{2} - \\d{2}:\\d{2}:\\d{2} \\|${ESC} (5\\d\\d) ${ESC}\\| {0,16}[^|]{1,32}\\| {0,16}[^|]{1,64}\\|${ESC} ?([A-Z]{3,7}) {0,8}${ESC} {0,8}"([^"\\s]{1,8192})"$`);
// Octane's request line whole: status, method, URL, the dots to the column, the memory (verbose), the time.
const OCTANE_REQUEST = new RegExp(`^ {0,4}${ESC}(5\\d\\d) {0,2}${ESC} {1,8}${ESC}(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)${ESC} {1,4}${ESC}((?:\\/|https?:\\/\\/)[^\\s\\x1b]{0,8184})${ESC}${ESC}(?: ${ESC}\\.{1,400})? ?(?:\\d{1,9}(?:\\.\\d{1,3})? mb )?\\d{1,9}(?:\\.\\d{1,3})? ms${ESC}\\s*$`);

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return (end < 0 ? text : text.slice(0, end)).slice(0, HEAD);
}
