// The part of a message that names its problem. Context that one call site adds and another does
// not (a request's `[path=… method=…]`, slog/logfmt attributes after the message, a documentation
// link, SQLAlchemy's background link) and lists whose length varies (`keys: ['a', 'b', …]`) would
// make one problem several templates; they are set aside before the text is templated. The sample
// shown on GitHub keeps them. Every scan is bounded and every regex anchored.

import { errorReprLine } from './error-repr.js';
import { withGuzzleWording } from './guzzle-response.js';
import { phpExceptionLine } from './php-exception.js';
import { rubyCallerLine } from './ruby-inspect.js';
import { servletReportLine } from './servlet-report.js';
import { failedDeliveryLine } from './camel-delivery.js';
import { withoutPlaywrightBlocks } from './playwright-error.js';

/** Only this much of a message is rewritten; the rest cannot change which problem it is. */
const MAX_CHARS = 8192;
const MAX_LIST_CHARS = 512;

const BACKGROUND = /\s*\(Background on this error at: [^)\s]{1,300}\)/g;
const FURTHER_INFO = /\n[ \t]*For further information visit \S{1,300}/g;
const DOCS_LINK = /[,.;:]?\s+(?:see|visit|more info:?|learn more(?: at)?:?|details:?|docs:?|for more information,? see)\s+(?:<URL>|https?:\/\/\S{1,300})\.?\s*$/i;

// Keys whose value is what happened (the error itself), never context.
const MESSAGE_KEYS = new Set(['msg', 'message', 'err', 'error', 'reason', 'cause', 'exception', 'exc', 'type', 'code', 'status', 'detail', 'details']);
const KEY = /^([A-Za-z_][\w.-]{0,63})=/;

const LIST_ITEM = String.raw`(?:'[^'\n]{0,80}'|"[^"\n]{0,80}"|[\w.:/@-]{1,80})`;
const LIST_CONTENT = new RegExp(String.raw`^\s*${LIST_ITEM}(?:\s*,\s*${LIST_ITEM}){0,64}\s*,?\s*$`);

// The C library's resolver words one failure by platform and libc: glibc's `Name or service not
// known` and `Temporary failure in name resolution`, musl's `Name does not resolve`, macOS's
// `nodename nor servname provided, or not known`, bionic's `No address associated with hostname`.
// Which one a message carries says where the service ran, not what failed: one wording stands for all.
const RESOLVER_FAILURE = /\b(?:Name or service not known|Temporary failure in name resolution|Name does not resolve|nodename nor servname provided, or not known|No address associated with hostname)\b/g;
const RESOLVER_WORDING = 'Name or service not known';

// A failed system call is worded by the C library that printed its errno (strerror): glibc and musl
// say `Connection timed out` where macOS and the BSDs say `Operation timed out` for the same
// ETIMEDOUT (`SQLSTATE[HY000] [2002] Operation timed out`, Rust's `… (os error 60)`). Only the wording
// that ends a message after a code or a colon is errno's: curl's own `Operation timed out after 30001
// milliseconds` is not, and keeps its words.
const BSD_TIMED_OUT = /([:\]] )Operation timed out(?=(?: \(os error \d{1,5}\))?[.)'"]{0,3}$)/;
const TIMED_OUT_WORDING = '$1Connection timed out';

// Python prints an OSError as `[Errno 111] Connection refused`; a client that maps the number to its
// name prints `[Errno 111] ECONNREFUSED` for the same failure. The name reads as glibc's text for it.
const ERRNO_NAME = /\[Errno (-?\d{1,5})\] (E[A-Z]{3,15})\b/;
const ERRNO_TEXTS: ReadonlyMap<string, string> = new Map([
  ['ECONNREFUSED', 'Connection refused'],
  ['ECONNRESET', 'Connection reset by peer'],
  ['ECONNABORTED', 'Software caused connection abort'],
  ['ETIMEDOUT', 'Connection timed out'],
  ['EHOSTUNREACH', 'No route to host'],
  ['ENETUNREACH', 'Network is unreachable'],
  ['EADDRINUSE', 'Address already in use'],
  ['EADDRNOTAVAIL', 'Cannot assign requested address'],
  ['EPIPE', 'Broken pipe'],
  ['EMFILE', 'Too many open files'],
  ['ENOENT', 'No such file or directory'],
  ['EACCES', 'Permission denied'],
  ['ENOSPC', 'No space left on device'],
]);

/** One wording per errno, whichever C library or client printed it (see BSD_TIMED_OUT, ERRNO_NAME). */
function errnoWording(line: string): string {
  let out = line.includes('Operation timed out') ? line.replace(BSD_TIMED_OUT, TIMED_OUT_WORDING) : line;
  if (out.includes('[Errno ')) {
    const m = ERRNO_NAME.exec(out);
    const text = m === null ? undefined : ERRNO_TEXTS.get(m[2] as string);
    if (m !== null && text !== undefined) out = `${out.slice(0, m.index)}[Errno ${m[1]}] ${text}${out.slice(m.index + m[0].length)}`;
  }
  return out;
}

// libpq reworded its connection failures in PostgreSQL 14: `connection to server at "db" (10.0.0.5),
// port 5432 failed: Connection refused` is what `could not connect to server: Connection refused` said
// before, for every driver built on it (psycopg, ruby-pg, pg-native…). One wording stands for both.
const LIBPQ_CONNECT = /\bconnection to server (?:at "[^"\n]{0,300}"(?: \([^)\n]{0,100}\))?, port \d{1,5}|on socket "[^"\n]{0,300}") failed: /g;
const LIBPQ_WORDING = 'could not connect to server: ';

// Go names the DNS server it asked when its own resolver answers (`lookup db on 10.0.0.2:53: no such
// host`) and none when the C library's does (`lookup db: no such host`): which server is context (a
// public address reads `<IP>` by then).
const GO_LOOKUP_SERVER = /\b(lookup [^\s:]{1,255}) on (?:<IP>|\[?[0-9a-fA-F.:]{2,45}\]?)(?::\d{1,5})?: /g;

// Go's encoding/json says which JSON value would not fit which Go type (UnmarshalTypeError): `json:
// cannot unmarshal string into Go struct field Pool.partition of type int64`, `… number 53.5 into Go
// struct field .rhum of type int` (newer releases quote a number's literal), `… array into Go value of
// type map[string]interface {}`. The value, the struct's field and the type are the payload's and the
// program's values: which field of which payload did not fit is data, the failure is the mismatch.
const GO_UNMARSHAL_TYPE = /\bjson: cannot unmarshal (?:number(?: [-+0-9.eE]{1,64})?|string|bool|array|object) into Go (?:struct field [^\s]{0,200}|value) of type [^\s]{1,200}(?: \{\})?/g;
const GO_UNMARSHAL_WORDING = 'json: cannot unmarshal into Go type';

// An SMTP server's reply (`550 5.1.1 <x@y>: Recipient address rejected: User unknown`) is worded by
// whichever server answered; its enhanced status code (RFC 3463) says what kind of failure it was, by
// its subject: addressing, mailbox, mail system, routing, protocol, content, or policy. The subject
// stands for the server's words.
const SMTP_REPLY = /\b([45]\d\d)([ -])([245])\.([0-7])\.(\d{1,3})\b[^\n]*$/;
const SMTP_SUBJECT = ['other', 'addressing', 'mailbox', 'mail system', 'routing', 'protocol', 'content', 'policy'];

// A database error raised for a query carries the statement it was raised for: Laravel's
// QueryException appends ` (SQL: …)` (` (Connection: mysql, SQL: …)` since Laravel 10), often cut
// short by a tracker's title. Which statement was running is context: a refused connection or a
// rejected password fails whatever the query.
const QUERY_SUFFIX = /[ \t]\((?:Connection: [\w.-]{1,64}, )?SQL: [^\n]{0,4000}$/gm;

// PDO opens a database error with its SQLSTATE (`SQLSTATE[HY000] [2002] Connection refused`). Glued
// to its bracket the marker masks away with the code (`SQLSTATE[<ID>]`); set apart it stays a word,
// and says a database driver raised the error: its `Connection refused` is not any connection refused.
const SQLSTATE = /\bSQLSTATE\[/g;

function smtpReply(line: string): string {
  const m = SMTP_REPLY.exec(line);
  if (m === null) return line;
  return `${line.slice(0, m.index)}${m[1]}${m[2]}${m[3]}.${m[4]}.${m[5]} SMTP ${SMTP_SUBJECT[Number(m[4])]} status`;
}

// Uptime Kuma reports a failing check twice over: `Pending:` while it retries, `Failing:` once it counts the
// monitor down (server/model/monitor.js; louislam/uptime-kuma#4502 pastes both for one Knex timeout). The
// state says how far the retries got, not what failed: the error after it is the problem.
const MONITOR_STATE = /^(Monitor #\d{1,12} (?:'[^'\n]{0,200}'|"[^"\n]{0,200}"): )(?:Pending|Failing): /;

// The Functions Framework for Go prints the error a function returned as `Function error: %v` on stderr
// (normalize/failure-lines.ts): the framework's words for every failure; the error is what follows.
const FUNCTION_ERROR = /^Function error: (?=\S)/;

// OpenTelemetry Python's OTLP exporters share one base (exporter/otlp/proto/grpc/exporter.py), which words
// its retries and failures with the signal the exporter sends (`_exporting`: traces, metrics or logs):
// `Transient error StatusCode.UNAVAILABLE encountered while exporting traces to localhost:4317, retrying in
// 2s.`, `Failed to export logs to localhost:4317, error code: StatusCode.UNAVAILABLE`. A collector out of
// reach fails every exporter of the process alike: the signal says which exporter spoke, not what failed.
const OTLP_SIGNAL = /^((?:Transient error \S{1,80} encountered while exporting|Failed to export) )(?:traces|metrics|logs|spans)( to )/;

export function problemText(text: string): string {
  const head = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  // A wrapper's name may take the first line, the database error the next (Laravel's error page).
  let out = withoutCallerExcerpt(withoutPlaywrightBlocks(head)).replace(BACKGROUND, '').replace(FURTHER_INFO, '').replace(QUERY_SUFFIX, '').replace(SQLSTATE, 'SQLSTATE [');
  if (out.includes('json: cannot unmarshal')) out = out.replace(GO_UNMARSHAL_TYPE, GO_UNMARSHAL_WORDING);
  const lineEnd = out.indexOf('\n');
  let first = lineEnd < 0 ? out : out.slice(0, lineEnd);
  let rest = lineEnd < 0 ? '' : out.slice(lineEnd);
  first = errnoWording(phpExceptionLine(errorReprLine(servletReportLine(failedDeliveryLine(first)))).replace(DOCS_LINK, '')).replace(RESOLVER_FAILURE, RESOLVER_WORDING).replace(LIBPQ_CONNECT, LIBPQ_WORDING).replace(GO_LOOKUP_SERVER, '$1: ');
  // Guzzle's failed response without its request and the body it quotes (guzzle-response.ts).
  [first, rest] = withGuzzleWording(first, rest);
  first = smtpReply(withoutTrailingContext(rubyCallerLine(first))).replace(MONITOR_STATE, '$1').replace(FUNCTION_ERROR, '').replace(OTLP_SIGNAL, '$1telemetry$2');
  first = errorValue(trailingFields(withoutPipeDiagnostics(withoutDiagnostics(withoutInlineFrames(first)))));
  // A structured payload's message and its error (`msg`, `err`: a Go chain) come as two lines: one
  // wrapped error, as `msg err="…"` and `msg: err` print it. The error may be a value's debug print
  // (Rust's `{:?}` of an enum, `InvalidDatabase("…")`; Python's repr) where the text formatter printed
  // its Display (`msg: InvalidDatabase: …`): read as the runtime's line, it is the same wrapped error.
  if (rest !== '' && rest.indexOf('\n', 1) < 0 && rest.endsWith(')')) rest = `\n${errorReprLine(rest.slice(1))}`;
  // A message that ends its sentence with a period (Vector's `Mapping failed with event.` and its `error`
  // field) joins as errorValue joins the same pair printed as text: `msg.: err`.
  if (rest !== '' && rest.indexOf('\n', 1) < 0 && /^\n\S[^\n]*: \S/.test(rest) && /[A-Za-z0-9]\.?$/.test(first)) {
    first = `${first}: ${rest.slice(1)}`;
    rest = '';
  }
  out = lists(countedList(first)) + rest;
  return (out.trim() === '' ? head : out) + (text.length > MAX_CHARS ? text.slice(MAX_CHARS) : '');
}

// Prisma's message names the call that failed (`Invalid \`prisma.order.create()\` invocation in`), then
// where it was made: the caller's place and a code frame of its source (`  54 router.post(…`, the call's
// line marked `→ 57 …`), then what went wrong. The place and the excerpt say where, as frames do: a
// message read without them is the same failure whether or not the client could read the source.
const PRISMA_CALL = /^\s*Invalid `[^`\n]{1,200}` invocation(?: in)?:?\s*$/m;
export const CALLER_EXCERPT_LINE = /^(?:→|❯)? {0,8}\d{1,7} |^(?:\/|file:\/\/)\S{1,400}:\d{1,7}(?::\d{1,7})?$/;

// The call line ends `in` before the place and `:` when the client had none to print: one line either way.
const CALL_LINE_END = /(` invocation)(?: in)?:?\s*$/;

/** Prisma's call line without what it says of the place that follows it, or the line as it is. */
export function callLine(line: string): string {
  return line.includes('` invocation') ? line.replace(CALL_LINE_END, '$1') : line;
}

/** The text without the caller's place and source excerpt under Prisma's `Invalid \`…\` invocation` line. */
function withoutCallerExcerpt(text: string): string {
  if (!text.includes('` invocation') || !PRISMA_CALL.test(text)) return text;
  return text.split('\n').filter((line) => !CALLER_EXCERPT_LINE.test(line.trim()) && line.trim() !== '').map(callLine).join('\n');
}

interface Unit {
  start: number;
  end: number;
  /** A `key=value` attribute that is context (not one of MESSAGE_KEYS). */
  attribute: boolean;
  bracket: boolean;
}

/** Whitespace-separated units; a `key="a b"` value and a `[k=v k=v]` group are one unit each. */
function units(line: string): Unit[] {
  const out: Unit[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
    if (i >= line.length) break;
    const start = i;
    const key = KEY.exec(line.slice(i, i + 70));
    let end: number;
    if (line[i] === '[' || line[i] === '{') {
      const close = line.indexOf(line[i] === '[' ? ']' : '}', i + 1);
      end = close < 0 || close - i > MAX_LIST_CHARS ? nextSpace(line, i) : close + 1;
      const inner = line.slice(i + 1, end - 1);
      const pairs = inner.split(/[\s,]+/).filter((p) => p !== '');
      const context = pairs.length > 0 && pairs.every((p) => KEY.test(p) && !MESSAGE_KEYS.has((KEY.exec(p) as RegExpExecArray)[1]!.toLowerCase()));
      out.push({ start, end, attribute: context, bracket: true });
      i = end;
      continue;
    }
    if (key) {
      const valueAt = i + key[0].length;
      const quote = line[valueAt];
      if (quote === '"' || quote === "'") {
        let j = valueAt + 1;
        while (j < line.length && line[j] !== quote) j += line[j] === '\\' ? 2 : 1;
        end = Math.min(line.length, j + 1);
      } else end = nextSpace(line, valueAt);
      out.push({ start, end, attribute: !MESSAGE_KEYS.has(key[1]!.toLowerCase()), bracket: false });
      i = end;
      continue;
    }
    end = nextSpace(line, i);
    out.push({ start, end, attribute: false, bracket: false });
    i = end;
  }
  return out;
}

function nextSpace(line: string, from: number): number {
  let j = from;
  while (j < line.length && line[j] !== ' ' && line[j] !== '\t') j++;
  return j;
}

/** Cuts the trailing run of context attributes (and context brackets) when words come before it. */
function withoutTrailingContext(line: string): string {
  const all = units(line);
  let cut = all.length;
  while (cut > 0 && all[cut - 1]!.attribute) cut--;
  if (cut === all.length || cut === 0) return line;
  const kept = all.slice(0, cut);
  if (!kept.some((u) => !u.bracket && /[A-Za-z]{2}/.test(line.slice(u.start, u.end)) && !KEY.test(line.slice(u.start, u.end)))) return line;
  return line.slice(0, all[cut - 1]!.end);
}

// The middle layers of a Go error chain (`op: ctx: ctx: root`) stay in the text: a middle layer can
// name what failed (`…: postgres: dial tcp …` vs `…: redis: …`). A chain reached by a longer path is
// joined to the shorter one by the classifier (core-merge.ts, joinChains), which sees both.

// Keys under which a logger puts the error it was given, as a field after the message: Go's `err` and
// `error` (logrus's WithError, slog, zerolog, apex/log, log15, hclog), `cause` (zio-logging), `exception`
// and `exc` (semantic_logger, structlog), `reason`.
const ERROR_KEYS = new Set(['err', 'error', 'cause', 'exception', 'exc', 'reason']);
// A field that holds no error: what a logger prints for a nil error, a zero, a dash.
const NO_ERROR = /^(?:<nil>|nil|null|none|false|0|-|)$/i;

/**
 * `msg err="pq: deadlock detected"` -> `msg: pq: deadlock detected`: the logged error as its message wraps
 * it, as Go's `fmt.Errorf("%s: %w")` and a JSON record's message and error fields read. The value may be
 * quoted (logfmt) or bare (apex/log prints `%v`: `error=image: unknown format`): a bare one runs to the
 * next `key=` pair or the end of the line.
 */
function errorValue(line: string): string {
  if (!line.includes('=')) return line;
  const all = units(line);
  const k = all.findIndex((u) => !u.bracket && !u.attribute && ERROR_KEYS.has(unitKey(line, u)));
  if (k < 0) return line;
  const unit = all[k] as Unit;
  const valueAt = line.indexOf('=', unit.start) + 1;
  let value: string;
  let end: number;
  if (line[valueAt] === '"') {
    if (line[unit.end - 1] !== '"' || unit.end - valueAt < 2) return line;
    value = line.slice(valueAt + 1, unit.end - 1).replace(/\\"/g, '"');
    end = unit.end;
  } else if (line[valueAt] === "'") {
    // Single quotes are Ruby's and Python's repr (lograge's `error='…'` on a request line that is all
    // pairs, read by its own rule: request-error.ts): left as they are.
    return line;
  } else {
    let next = k + 1;
    while (next < all.length && !KEY.test(line.slice(all[next]!.start, all[next]!.start + 70))) next++;
    end = next < all.length ? all[next - 1]!.end : line.length;
    value = line.slice(valueAt, end).trimEnd();
  }
  if (NO_ERROR.test(value.trim())) return line;
  // `post entry failed err="pq: …"` reads as Go prints a wrapped error: `post entry failed: pq: …`. The
  // attributes between the message and the error are context as they are at the end of a line: a JSON
  // encoder writes them as fields of their own (hclog's `msg: order_id=812 error="…"` is its JSON
  // format's `@message` and `error`), so they go as withoutTrailingContext takes them off.
  const before = withoutTrailingContext(line.slice(0, unit.start)).replace(/[\s:]+$/, '');
  return (before === '' ? '' : `${before}: `) + value + line.slice(end);
}

/** The key of a `key=value` unit, lower case ('' for any other unit). */
function unitKey(line: string, u: Unit): string {
  const m = KEY.exec(line.slice(u.start, Math.min(u.end, u.start + 70)));
  return m ? (m[1] as string).toLowerCase() : '';
}

// A trace pasted or flattened onto one line: its frames follow the message. Node `at fn (file:1:2)`,
// JVM `at a.b.C.m(C.java:12)`, Python `File "x.py", line 3, in f`. A frame's place names a file: a bare
// line and column is where in the input a parser or a compiler stopped (Vector's VRL: `function call error
// for "parse_json" at (9:55): unable to parse json`), which is the message, not a frame.
const INLINE_FRAME = /\s(?:at (?:[\w$.<>\[\]]{1,200} )?\(?[^\s()\d][^\s()]{0,299}:\d{1,7}(?::\d{1,7})?\)|at [\w$.<>]{1,300}\([\w$.-]{1,200}\.(?:java|kt|scala|groovy):\d{1,7}\)|File "[^"\n]{1,300}", line \d{1,7}, in )/;

function withoutInlineFrames(line: string): string {
  const m = INLINE_FRAME.exec(line);
  if (!m || !/[A-Za-z]{2}/.test(line.slice(0, m.index))) return line;
  return line.slice(0, m.index).replace(/[ \t]+$/, '');
}

// A client's diagnostics after its message, as a list of `key: value` pairs (StackExchange.Redis:
// `Timeout performing GET k, inst: 0, qu: 4, qs: 1, …, IOCP: (Busy=3,Free=997,…), v: 2.0.601`):
// counters and settings of the moment, whose keys also change between versions. Three pairs or more
// that run to the end of the line are context; the message before them stays. A pair that names the
// failure itself (`reason: timeout`, `error: auth failed`) makes the list part of the message.
const DIAGNOSTIC_PAIR = /^[A-Za-z][\w.-]{0,24}: \S/;
const FAILURE_KEY = /^(?:reason|cause|error|errors|exception|message|msg|detail|details|description|desc): /i;
const MIN_DIAGNOSTIC_PAIRS = 3;
const MAX_DIAGNOSTIC_CHARS = 4096;

function withoutDiagnostics(line: string): string {
  if (line.length > MAX_DIAGNOSTIC_CHARS || !line.includes(': ')) return line;
  // Where each `, ` outside brackets starts a part.
  const starts: number[] = [];
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
    else if (c === ',' && depth === 0 && line[i + 1] === ' ') starts.push(i);
  }
  const run = trailingPairs(starts.map((at) => line.slice(at + 2, at + 30)), DIAGNOSTIC_PAIR);
  if (run < MIN_DIAGNOSTIC_PAIRS) return line;
  const head = line.slice(0, starts[starts.length - run] as number);
  // A head that is itself one pair (`active: 10, idle: 0, …`) is no message: the line is all context.
  return /[A-Za-z]{2}/.test(head) && !/^[A-Za-z][\w.-]{0,24}: \S+$/.test(head) ? head : line;
}

/**
 * How many of `parts`, counted back from the last, are each a `key: value` pair (`pair`): the context
 * run at the end of a line. 0 when a pair of that run names the failure itself (FAILURE_KEY): then the
 * list is part of the message.
 */
function trailingPairs(parts: readonly string[], pair: RegExp): number {
  let run = 0;
  for (let k = parts.length - 1; k >= 0; k--) {
    const part = parts[k] as string;
    if (!pair.test(part)) break;
    if (FAILURE_KEY.test(part)) return 0;
    run++;
  }
  return run;
}

// The same diagnostics set apart by ` | ` with keys of a few words, as a status or job line prints the
// check's settings after its error (Uptime Kuma's monitor lines: `Monitor #3 'api': Pending: timeout of
// 48000ms exceeded | Max retries: 3 | Retry: 1 | Retry Interval: 60 seconds | Type: http`, and the `Failing:`
// line's `| Interval: 20 seconds | Type: http | Down Count: 0 | Resend Interval: 0`). Which settings a line
// prints changes with the state it reports; the error before them stays.
const PIPE = ' | ';
const PIPE_PAIR = /^[A-Za-z][\w.-]{0,24}(?: [A-Za-z][\w.-]{0,24}){0,3}: \S/;
const MAX_PIPE_PARTS = 32;
// Two pairs are enough behind pipes: Uptime Kuma 1.x's `Failing:` line has only `| Interval: 20 seconds | Type: http`.
const MIN_PIPE_PAIRS = 2;

function withoutPipeDiagnostics(line: string): string {
  if (line.length > MAX_DIAGNOSTIC_CHARS || !line.includes(PIPE)) return line;
  const parts = line.split(PIPE, MAX_PIPE_PARTS + 1);
  if (parts.length > MAX_PIPE_PARTS) return line;
  // The first part is the message: the run is looked for after it.
  const run = trailingPairs(parts.slice(1), PIPE_PAIR);
  if (run < MIN_PIPE_PAIRS) return line;
  const head = parts.slice(0, parts.length - run).join(PIPE);
  return /[A-Za-z]{2}/.test(head) && !PIPE_PAIR.test(head) ? head : line;
}

const MAX_FIELDS_CHARS = 2048;

/**
 * A JSON object after the message (winston's meta, zap console's fields, pino-pretty's extras):
 * context, except the error it may carry (`"error": "context deadline exceeded"`), which stays.
 */
function trailingFields(line: string): string {
  if (!line.endsWith('}')) return line;
  // Where the object opens: just after the last space or tab before a `{` (0 when there is none).
  const open = Math.max(line.lastIndexOf(' {'), line.lastIndexOf('\t{')) + 1;
  if (open <= 0 || line.length - open > MAX_FIELDS_CHARS || !/[A-Za-z]{2}/.test(line.slice(0, open))) return line;
  let fields: unknown;
  try {
    fields = JSON.parse(line.slice(open));
  } catch {
    return line;
  }
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return line;
  const errors = Object.entries(fields as Record<string, unknown>)
    .filter(([key, value]) => MESSAGE_KEYS.has(key.toLowerCase()) && typeof value === 'string' && value !== '')
    .map(([, value]) => value as string);
  const head = line.slice(0, open).replace(/[ \t]+$/, '');
  return errors.length === 0 ? head : `${head}${line[open - 1]}${errors.join(' ')}`;
}

// A message that counts what failed, then lists it: BigQuery's `6 row insertions failed: insertion of row
// […] failed with error: {…}; insertion of row […] …` (one RowInsertionError per row, joined with `; ` as
// uber-go/multierr joins errors), `order rejected: 2 line(s) invalid: SKU-1 qty=0, SKU-2 qty=0`. How
// many items is data: the message reads as it does for one item, its first. Only a list that has as many
// items as its count says (two or more, separated by `; ` or `, ` outside brackets and double quotes) is
// one: a colon after a number followed by anything else is left alone.
const COUNT_HEAD = /(?:^|[\s:])(\d{1,3}) [a-z][\w()-]{0,40}(?: [a-z][\w()-]{0,40}){0,2}: (?=\S)/g;
const MAX_COUNTED_ITEMS = 64;

function countedList(line: string): string {
  if (line.length > MAX_DIAGNOSTIC_CHARS || !/\d/.test(line)) return line;
  for (const m of line.matchAll(COUNT_HEAD)) {
    const count = Number(m[1]);
    if (count < 2 || count > MAX_COUNTED_ITEMS) continue;
    const at = (m.index as number) + m[0].length;
    const list = topLevelItems(line.slice(at));
    if (list !== null && list.items === count) return line.slice(0, at + list.firstEnd);
  }
  return line;
}

interface ListShape {
  items: number;
  /** Where the first item ends. */
  firstEnd: number;
}

/** The parts `; ` (or else `, `) makes of a text outside brackets and double quotes; null when they do not close. */
function topLevelItems(text: string): ListShape | null {
  const counts = { ';': 1, ',': 1 };
  const firstEnd = { ';': text.length, ',': text.length };
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (--depth < 0) return null;
    } else if ((c === ';' || c === ',') && depth === 0 && text[i + 1] === ' ') {
      if (counts[c]++ === 1) firstEnd[c] = i;
    }
  }
  if (depth !== 0 || quoted) return null;
  const sep = counts[';'] > 1 ? ';' : ',';
  return { items: counts[sep], firstEnd: firstEnd[sep] };
}

/** `['a', 'b']`, `["x","y"]`, `[a1, b2]` -> `<LIST>`; `[Errno 111]`, `[ERROR]`, `[3]` stay. */
function lists(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const open = line.indexOf('[', i);
    if (open < 0) break;
    const close = line.indexOf(']', open + 1);
    if (close < 0) break;
    const inner = line.slice(open + 1, close);
    const nested = inner.includes('[');
    const isList = !nested && close - open <= MAX_LIST_CHARS && (inner.includes(',') || /^\s*['"]/.test(inner)) && LIST_CONTENT.test(inner);
    out += line.slice(i, open) + (isList ? '<LIST>' : line.slice(open, nested ? open + 1 : close + 1));
    i = nested ? open + 1 : close + 1;
  }
  return out + line.slice(i);
}
