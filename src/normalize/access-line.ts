// An access record read by its structure, not by one server's wording. Every access logger writes
// the same three facts of the request it answered, each as a field of its own, in an order and with
// separators of its choosing: morgan's dev `GET /x 500 12.345 ms - 1432`, koa-logger's
// `--> GET /x 500 34ms 2.1kb`, Tornado's `500 GET /x (10.0.0.1) 12.34ms`, Moleculer-web's
// `<= 500 GET /x [+5.1 ms]`, go-zero's `[HTTP] 503 - GET /x - 1.2.3.4 - curl/8.5.0`, Ktor's
// `500 Internal Server Error: GET - /x`, Serilog's `HTTP GET /x responded 500 in 12.3 ms`, the PHP
// server's `[500]: GET /x`, Symfony's `SERVER GET  (500) /x`, Hanami's `GET 500 12ms 10.0.0.1 /x`,
// lograge's and tower-http's `method=GET … status=500`. Around them only more fields: times,
// durations, sizes, addresses, a user agent, a logger's name in brackets.
//
// So a line is an access record when it holds a method token, a request target right after it (past
// other fields only), a status as a field of its own (not a count: `500 ms`, `500 entries`), and
// nothing else worded: an outbound call's error names a method, a URL and a status too (`GET
// https://partner/api returned 503`, `Request failed with status code 500`, Guzzle's `resulted in a
// 503`), but in words, or with a host that is not the service's own. A server logs its own request by
// its path (or by the URL it was asked for, on its own host).

import { withoutTerminalCodes } from './terminal-codes.js';

export interface AccessLine {
  method: string;
  target: string;
  status: number;
}

/** Lines longer than this are no one request's summary (a user agent and a referer fit many times). */
const MAX_LINE = 4096;

const METHOD = /(?<![\w./-])(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)(?![\w-])/g;
// Between the method and the target only separators and fields: `GET - /x` (Ktor, go-zero), `GET | /x`,
// `GET  (500) /x` (Symfony), `GET 500 12ms 10.0.0.1 /x` (Hanami), `method=GET path=/x`, `GET "/x"` (gin).
const FIELD = String.raw`(?:[\s|:,"=-]|\b(?:path|uri|url|target|request_uri)=|\(?[1-5]\d\d\)?(?=[\s)])|\d{1,9}(?:\.\d{1,9})?(?:ms|µs|us|s)\b|\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?)`;
const TARGET = new RegExp(String.raw`^${FIELD}{1,16}?(\/[^\s"|]{0,8192}|https?:\/\/[^\s"|\/]{1,255}(?:\/[^\s"|]{0,8192})?)`);
// A status: three digits alone, between separators; not a time's, an address's or a decimal's part.
const STATUS = /(?<=^|[\s|(\[=])([1-5]\d\d)(?=$|[\s|)\],])/g;
// What a number followed by one of these counts is no status: `500 ms`, `503 entries`, `500 per minute`.
const COUNTED = /^\s?(?:ms|µs|us|ns|s|secs?|seconds?|mins?|minutes?|h|hours?|b|kb|mb|gb|bytes?|%|x|times|items?|rows?|requests?|entries|keys?|records?|per|of|more|left|remaining)\b/i;
// The reason phrases of the 5xx statuses (RFC 9110 §15.6.1-6, RFC 4918, RFC 5842, RFC 6585), which
// uvicorn and Ktor print after the status: an access line's own words, not an error's.
const SERVER_ERROR_REASONS = 'Internal Server Error|Not Implemented|Bad Gateway|Service Unavailable|Gateway Timeout|HTTP Version Not Supported|Insufficient Storage|Loop Detected|Network Authentication Required';
const REASON = new RegExp(`^:?\\s?(?:${SERVER_ERROR_REASONS}|OK|Not Found|Not Modified)\\b`);
const STATUS_AND_REASON = new RegExp(`\\b5\\d\\d:? (?:${SERVER_ERROR_REASONS})\\b`, 'g');
// An outbound call's or an error's wording, which no access logger prints.
const WORDED = /error|exception|fail|refused|denied|timed out|timeout|unavailable|unable|cannot|could not|invalid|unexpected|expected|upstream|retr(?:y|ies|ying)|attempt|returned|resulted|answered|\bgot\b|received|\bfor url\b|\bfrom (?:GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b|\brequest (?:to|for)\b/i;
// Fields an access logger prints around the request, put aside before its words are counted: quoted
// and bracketed runs, a user agent's `name/version` tokens, `key=value`, a module path, numbers.
const ASIDE = [
  /"[^"]{0,2048}"|'[^']{0,2048}'|`[^`]{0,2048}`/g,
  /\[[^\][]{0,256}\]|\([^()]{0,512}\)|\{[^{}]{0,512}\}/g,
  /\S{0,256}\/\S{0,256}/g,
  /\b[\w.-]{1,64}=\S{0,256}/g,
  /\b\w{1,64}(?:::\w{1,64}){1,16}/g,
  // A logger's qualified name the header left before the message, its separator after it: Logback's
  // default pattern (`HH:mm:ss.SSS [thread] LEVEL logger -- msg`, the name shortened or not:
  // `io.ktor.server.Application --`, `i.k.s.Application --`). Only there: a dotted name elsewhere in the
  // line is a host (oauth2-proxy's `admin.example.com GET …`), a word of the line's own.
  /^\s{0,8}[A-Za-z_$][\w$]{0,64}(?:\.[A-Za-z_$][\w$]{0,64}){1,16}\s{1,8}--?(?=\s)/g,
];
// A level a logger's header printed before the record (go-zero plain's `error\t[HTTP] …`, Symfony's
// `|ERROR  | SERVER GET (500) /x`): the logger's, set by the status, not the record's wording.
const LEVEL = [
  /^\s*(?:error|warn(?:ing)?|info|notice|debug|critical|fatal|err|crit)\b/i,
  /(?:^|[|\]])\s{0,8}(?:ERROR|WARN(?:ING)?|INFO|NOTICE|DEBUG|CRITICAL)\s{0,8}(?=\|)/g,
];
// Words access loggers print beside the fields (`from`/`in` of chi, Serilog's `responded`, ASP.NET
// Core's `Request finished`, Symfony's `SERVER`, tower-http's `finished processing request`), units.
const PLAIN_WORDS = new Set(['in', 'from', 'responded', 'request', 'response', 'finished', 'completed', 'processing', 'http', 'https', 'server', 'access', 'ms', 'us', 'µs', 's', 'kb', 'mb', 'b', 'via']);
/** Words beyond those an access line may hold: an application's own line about a request holds more. */
const MAX_WORDS = 2;
const WORD = /[A-Za-zµ]{2,}/g;

/** The request an access line records (its method, target and status), or null when `line` is none. */
export function accessLine(text: string): AccessLine | null {
  if (text.length > MAX_LINE) return null;
  const line = withoutTerminalCodes(text);
  if (line.includes('\n')) return null;
  const request = requestOf(line);
  if (request === null) return null;
  const status = statusOf(line, request.from, request.to);
  if (status === null) return null;
  // The words are read outside the target (`/api/errors`) and quoted runs (a user agent, a referer).
  let outside = `${line.slice(0, request.from)} ${request.method} ${line.slice(request.to)}`.replace(/"[^"]{0,2048}"/g, ' ');
  for (const level of LEVEL) outside = outside.replace(level, ' ');
  if (WORDED.test(withoutReason(outside)) || tooWordy(line, request.from, request.to, status)) return null;
  return { method: request.method, target: request.target, status: status.value };
}

/** The first method token with a target after it: where the request's span starts and ends. */
function requestOf(line: string): { method: string; target: string; from: number; to: number } | null {
  for (const m of line.matchAll(METHOD)) {
    const after = m.index + m[0].length;
    const t = TARGET.exec(line.slice(after, after + 8192 + 300));
    if (t === null) continue;
    const target = t[1]!.replace(/[,;.]+$/, '');
    if (!inbound(target, line, m.index)) return null;
    return { method: m[1]!, target, from: m.index, to: after + t.index + t[0].length };
  }
  return null;
}

/**
 * A server logs its own request by its path, or by the URL it was asked for: in the request line
 * itself (`"GET http://host/x HTTP/1.1"`, a proxy's or chi's), or on a host of its own (loopback,
 * a private address, a name with no domain, Cloud Run's `*.run.app`, a cluster's `.internal`).
 */
function inbound(target: string, line: string, at: number): boolean {
  if (at > 0 && line[at - 1] === '"' && /^"[A-Z]{3,7} \S{1,8192} HTTP\/\d(?:\.\d)?"/.test(line.slice(at - 1, at + target.length + 32))) return true;
  return inboundTarget(target);
}

/** Whether a request target is the service's own: a path, or a URL on a host of its own (see inbound). */
export function inboundTarget(target: string): boolean {
  if (target.startsWith('/')) return true;
  const host = /^https?:\/\/([^/:]{1,255})/.exec(target)?.[1]?.toLowerCase() ?? '';
  return !host.includes('.') || /^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|169\.254\.\d+\.\d+|172\.(?:1[6-9]|2\d|3[01])\.\d+\.\d+)$/.test(host)
    || /\.(?:run\.app|internal|local|localhost|svc)$/.test(host);
}

/** The line's first status field outside the request's target and outside quotes, with where it stands. */
function statusOf(line: string, from: number, to: number): { value: number; at: number; end: number } | null {
  const quoted = [...line.matchAll(/"[^"]{0,2048}"/g)].map((q) => [q.index, q.index + q[0].length] as const);
  for (const m of line.matchAll(STATUS)) {
    const at = m.index;
    if (quoted.some(([a, b]) => at > a && at < b)) continue;
    if (targetHolds(line, from, to, at)) continue;
    const rest = line.slice(at + 3, at + 24);
    if (COUNTED.test(rest)) continue;
    const reason = REASON.exec(rest);
    return { value: Number(m[1]), at, end: at + 3 + (reason?.[0].length ?? 0) };
  }
  return null;
}

/** Whether `at` falls inside the target printed in the request span (`/orders/500`). */
function targetHolds(line: string, from: number, to: number, at: number): boolean {
  if (at < from || at >= to) return false;
  const span = line.slice(from, to);
  const t = span.search(/\/|https?:\/\//);
  return t >= 0 && at >= from + t;
}

/** Whether, the request and its status and every field set aside, more words are left than an access line has. */
function tooWordy(line: string, from: number, to: number, status: { at: number; end: number }): boolean {
  const spans = [[from, to], [status.at, status.end]].sort((a, b) => a[0]! - b[0]!);
  let rest = '';
  let last = 0;
  for (const [a, b] of spans) {
    if (a! < last) {
      last = Math.max(last, b!);
      continue;
    }
    rest += `${line.slice(last, a)} `;
    last = b!;
  }
  rest += line.slice(last);
  for (const aside of [...LEVEL, ...ASIDE]) rest = rest.replace(aside, ' ');
  let words = 0;
  for (const w of rest.matchAll(WORD)) if (!PLAIN_WORDS.has(w[0].toLowerCase()) && ++words > MAX_WORDS) return true;
  return false;
}

/** The line without a reason phrase printed after a status, which names an error in an access line's own words. */
function withoutReason(line: string): string {
  return line.replace(STATUS_AND_REASON, ' ');
}
