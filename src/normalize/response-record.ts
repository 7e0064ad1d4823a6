// A server's record of the response it sent, written as a structured record: the status as a field of
// its own, the request it answered, and a message that is only the framework's fixed wording for every
// response (or none). Every request logger that writes JSON (or a key/value block) writes one so:
// - pino-http: `{"req":{"method","url",…},"res":{"statusCode":500},"responseTime":12,"msg":"request completed"}`;
//   Fastify (pino) the same without `req`, which went out with `incoming request`:
//   `{"reqId":"req-1","res":{"statusCode":500},"responseTime":0.84,"msg":"request completed"}`;
// - express-winston's `logger`: `{"message":"HTTP GET /error","meta":{"req":{…},"res":{"statusCode":500},
//   "responseTime":3}}` (elastic/ecs-logging-nodejs#34 pastes one; bithavoc/express-winston#279);
// - Caddy's access log: `{"logger":"http.log.access.log0","msg":"handled request","request":{"method",
//   "uri",…},"status":500,…}` (caddyserver/caddy#6075, allinurl/goaccess#2754);
// - go-chi/httplog: `{"msg":"Response: 500 Server Error","httpRequest":{…},"httpResponse":{"status":500}}` (v2's
//   statusLabel names the class; a recovered panic adds `panic` and `stacktrace`: the failure itself);
// - ECS and OpenTelemetry's HTTP attributes (`http.response.status_code` with `http.request.method`
//   and `url.path`, flat or nested), Cloud Logging's `httpRequest` (`requestMethod`, `requestUrl`,
//   `status`) in a record an application wrote, Traefik's `DownstreamStatus` with `RequestMethod` and
//   `RequestPath`, Envoy's `response_code` with `method` and `path`.
// Its level is the logger's: pino-http and Fastify log every request at info, express-winston and
// Caddy at error for a 5xx. What it says is that a request failed; why, the error logged beside it
// says. So a 5xx one is marked as its request's access record (access-status.ts), as a textual access
// line is, and goes with the error its instance wrote beside it (classify/companions.ts); beside no
// error it keeps its own text and its own group, as it had before it was marked.
//
// Not one: a record that carries an error of its own (Echo's with `error`, lograge's: request-error.ts;
// Fastify's error record, `err` beside its `res`), whose error is the failure itself; a record whose
// message says more than a response (`partner answered 503`, `upstream failed`); and an outbound
// client's record of a response it received (a URL on a host that is not the service's own).
import { MESSAGE_KEYS, ERROR_KEYS } from './json-message.js';
import { firstString, isRecord } from './is-record.js';
import { inboundTarget } from './access-line.js';
import { recordStatus } from './request-error.js';
import { METHOD } from './json-access-record.js';

// Where a logger nests the record's fields: express-winston's `meta` (its default `metaField`), the
// .NET JSON console's `State`, Monolog's `context`, logrus' and Serilog's `fields` / `Properties`.
const CONTAINERS = ['meta', 'State', 'context', 'fields', 'Properties'] as const;
// A response object and the status inside it: pino's `res.statusCode`, `response.status`, go-chi's
// `httpResponse.status`, ECS's `http.response.status_code` nested.
const RESPONSE_OBJECTS = ['res', 'response', 'httpResponse'] as const;
const RESPONSE_STATUS_KEYS = ['statusCode', 'status', 'status_code', 'code'] as const;
// A status as a field of the record itself.
const STATUS_KEYS = ['status', 'statusCode', 'status_code', 'StatusCode', 'http.response.status_code', 'http.status_code', 'response_code', 'DownstreamStatus'] as const;
// A request object and its method and target: pino's `req`, Caddy's `request`, `httpRequest`.
const REQUEST_OBJECTS = ['req', 'request', 'httpRequest'] as const;
const METHOD_KEYS = ['method', 'requestMethod', 'request_method', 'RequestMethod', 'http.request.method', 'http.method'] as const;
const TARGET_KEYS = ['originalUrl', 'url', 'uri', 'path', 'requestUrl', 'request_uri', 'RequestPath', 'url.path', 'http.target', 'http.route'] as const;
// Keys under which a record carries an error of its own, besides json-message.ts's error keys (read
// when asked: json-message.ts reaches this module through access-status.ts, so its lists are not yet
// there when this module is first read).
const MORE_ERROR_KEYS = ['Exception', 'stack', 'stack_trace', 'stackTrace', 'exc_info', 'error.message', 'error.type'];

/** What a response record's message may hold besides its request and status: the loggers' fixed words. */
const RESPONSE_WORDS = new Set(['request', 'response', 'completed', 'complete', 'handled', 'finished', 'served', 'sent', 'http', 'https', 'in', 'ms', 'with', 'status', 'code', 'responded', 'done', 'end', 'processed', 'processing', 'access']);
// The reason phrases a status is printed with (`Response: 500 Internal Server Error`), and the class
// go-chi/httplog v2 prints instead (its statusLabel: `Response: 500 Server Error`, `OK`, `Redirect`,
// `Client Error`, `Unknown`).
const REASON = /\b[1-5]\d\d:? (?:Internal Server Error|Not Implemented|Bad Gateway|Service Unavailable|Gateway Timeout|HTTP Version Not Supported|OK|Not Found|Bad Request|Server Error|Client Error|Redirect|Unknown)\b/g;
/** A response record's message is one short line. */
const MAX_MESSAGE = 512;

/**
 * The status a structured record of a server's response says (a number from 100 to 599), or null when
 * `record` is no such record (see the head of this file).
 */
export function responseRecordStatus(record: Record<string, unknown>): number | null {
  const scopes = [record, ...CONTAINERS.map((k) => record[k]).filter(isRecord)];
  if (scopes.some(hasOwnError)) return null;
  let status: number | null = null;
  let response = false;
  for (const scope of scopes) {
    for (const key of RESPONSE_OBJECTS) {
      const res = scope[key];
      if (!isRecord(res)) continue;
      for (const k of RESPONSE_STATUS_KEYS) status ??= httpStatus(res[k]);
      if (status !== null) {
        response = true;
        break;
      }
    }
    if (status !== null) break;
    for (const key of STATUS_KEYS) status ??= httpStatus(scope[key]);
    if (status === null && isRecord(scope.httpRequest)) status = httpStatus(scope.httpRequest.status);
    if (status !== null) break;
  }
  if (status === null) return null;
  const request = requestOf(scopes);
  if (request === 'outbound') return null;
  // A response object says what it is by itself (Fastify's `request completed`); a bare `status` needs
  // the request it answered beside it.
  if (request === null && !response) return null;
  const message = firstString(record, MESSAGE_KEYS);
  return message === undefined || fixedWording(message, request) ? status : null;
}

function httpStatus(value: unknown): number | null {
  const code = recordStatus(value);
  return code !== null && code >= 100 && code <= 599 ? code : null;
}

/** Whether a record (or the object its fields are nested in) carries an error of its own. */
function hasOwnError(scope: Record<string, unknown>): boolean {
  for (const key of [...ERROR_KEYS, ...MORE_ERROR_KEYS]) {
    const value = scope[key];
    if (value === undefined || value === null || value === '' || value === false) continue;
    if (isRecord(value) && Object.keys(value).length === 0) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    return true;
  }
  return false;
}

type Request = { method: string; target: string };

/** The request a record names (method and target, in a request object or flat), 'outbound' for another host's URL, or null. */
function requestOf(scopes: readonly Record<string, unknown>[]): Request | 'outbound' | null {
  const places = scopes.flatMap((scope) => [...REQUEST_OBJECTS.map((k) => scope[k]).filter(isRecord), scope]);
  for (const place of places) {
    const method = firstString(place, METHOD_KEYS);
    const target = firstString(place, TARGET_KEYS);
    if (method === undefined || target === undefined || !METHOD.test(method)) continue;
    if (!/^(?:\/|https?:\/\/)/.test(target)) continue;
    return inboundTarget(target) ? { method, target } : 'outbound';
  }
  return null;
}

/**
 * Whether a message holds nothing but a logger's fixed words for a response, around the request it
 * names and its status (`HTTP GET /x`, `request completed`, `handled request`, `Response: 500 Internal
 * Server Error`). A target in the message on another host is an outbound call's.
 */
function fixedWording(message: string, request: Request | null): boolean {
  if (message.length > MAX_MESSAGE || message.trim().includes('\n')) return false;
  let rest = message.replace(REASON, ' ');
  if (request !== null) rest = rest.split(request.target).join(' ');
  for (const url of rest.match(/https?:\/\/[^\s"']{1,2048}/g) ?? []) if (!inboundTarget(url)) return false;
  rest = rest.replace(/(?:https?:\/\/[^\s"']{0,2048}|\/[^\s"']{0,2048})/g, ' ').replace(/\b(?:GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/g, ' ');
  for (const word of rest.matchAll(/[A-Za-z]{2,}/g)) if (!RESPONSE_WORDS.has(word[0].toLowerCase())) return false;
  return true;
}

// ASP.NET Core's HttpLogging middleware writes the response as a block of `Name: value` lines under
// `Response:` (or, with CombineLogs, the request's and the response's under `Request and Response:`),
// `StatusCode: 500` among them, at Information for every request (the HttpLogging docs' sample;
// dotnet/aspnetcore#31816): the console prints it so, the JSON console as its `Message`.
const BLOCK_HEAD = /^(?:Response|Request and Response):[ \t]*\r?\n/;
const BLOCK_LINE = /^[A-Za-z][\w-]{0,64}:(?:[ \t][^\n]{0,8192})?$/;
const BLOCK_STATUS = /^StatusCode: ([1-5]\d\d)[ \t]*$/m;
/** Most lines of such a block read (headers are few; a body logged after them is not read). */
const MAX_BLOCK_LINES = 64;

/** The status of HttpLogging's response block `text` (every line a `Name: value` field), or null. */
export function responseBlockStatus(text: string): number | null {
  if (!BLOCK_HEAD.test(text)) return null;
  const lines = text.replace(/\r/g, '').trimEnd().split('\n', MAX_BLOCK_LINES + 1).slice(1);
  if (lines.length === 0 || lines.length > MAX_BLOCK_LINES || !lines.every((l) => BLOCK_LINE.test(l.trim()))) return null;
  const m = BLOCK_STATUS.exec(lines.map((l) => l.trim()).join('\n'));
  return m === null ? null : Number(m[1]);
}

// winston's `format.simple()` prints a record as `level: message {rest as JSON}` on one line (express-winston
// through it: `error: HTTP POST /x {"meta":{"req":{…},"res":{"statusCode":500},…}}`): the same record as
// its JSON twin, read back so its response reads alike.
const SIMPLE_REST = / \{"[^"\n]{1,100}":/;
/** Most of a line read back as such a record. */
const MAX_SIMPLE_LINE = 64 * 1024;

/** The record a `message {json}` line prints (its message as `message`), or null when it prints none. */
export function messageWithJsonRecord(text: string): Record<string, unknown> | null {
  if (text.length > MAX_SIMPLE_LINE || text.trimEnd().includes('\n') || !text.trimEnd().endsWith('}')) return null;
  const at = text.search(SIMPLE_REST);
  if (at <= 0) return null;
  let rest: unknown;
  try {
    rest = JSON.parse(text.slice(at + 1));
  } catch {
    return null;
  }
  return isRecord(rest) ? { ...rest, message: text.slice(0, at) } : null;
}
