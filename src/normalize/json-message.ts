// The message, stack and error type inside a structured (jsonPayload) log, whichever of the
// common shapes the logger used: message/msg, stack_trace, error objects, Error Reporting events.
import { boundText } from './bound-text.js';
import { exceptionTypeFromStack, isStackTrace } from './detect-stack.js';
import { dotnetRecord } from './dotnet-json.js';
import { exceptionObjectTrace } from './exception-object.js';
import { isRecord } from './is-record.js';
import { dictTracebackText } from './structlog-dict-traceback.js';
import { tslogRecord } from './tslog-record.js';
import { logxContent } from './logx-record.js';
import { payaraRecord } from './payara-json.js';
import { withoutStandInStack } from './pino-http-stand-in.js';
import { consoleGemJson } from './console-gem-record.js';
import { withoutQuotedStack } from './quoted-stack.js';

export interface JsonMessage {
  text: string;
  errorType?: string;
}

interface Parts {
  message?: string;
  errorText?: string;
  stack?: string;
  errorType?: string;
  /** The exception's own message, when errorText prints it after its type: said already if the message holds it. */
  errorMessage?: string;
}

/** Deeper nesting than this is not followed. */
export const MAX_JSON_DEPTH = 32;
/** At most this many objects are looked into per payload. */
const MAX_OBJECTS = 256;

// `body`: the OpenTelemetry log data model's message (its exporters' JSON, `LogRecord.to_json()`);
// `@message`: go-hclog's JSON format (`@level`, `@module`, `@timestamp`, its arguments as plain keys);
// `short_message`: GELF's (Graylog's format: logstash-gelf, logback-gelf, Spring Boot's `gelf`).
export const MESSAGE_KEYS = ['message', 'msg', 'event', 'log', 'text', 'textPayload', 'body', 'description', 'detail', 'error_message', 'errorMessage', '@message', 'short_message'];
// `backtrace`: Ruby's `Exception#backtrace`, an array of `file.rb:12:in 'method'` strings, as Ruby's JSON
// loggers write it (dry-logger's JSON formatter, which Hanami uses; an error object a Rack app logs).
const STACK_KEYS = ['stack_trace', 'stackTrace', 'stacktrace', 'stack', 'traceback', 'exc_text', 'exc_info', 'backtrace', 'exception'];
// `throwable`: Logback's JsonEncoder; `thrown`: Log4j2's JsonLayout (exception-object.ts); `grpc.error`:
// go-grpc-middleware v2's logging interceptor, whose record of a call is `finished call` whatever failed
// (its v1 wrote `error` under `finished unary call with code X`).
// `panic`: a Go recover handler's record of the value it recovered (`slog.Any("panic", r)`, zap's
// `zap.Any("panic", r)`), beside the `stack` debug.Stack() gave it.
export const ERROR_KEYS = ['error', 'err', 'exception', 'exc', 'cause', 'throwable', 'thrown', 'grpc.error', 'panic'];
const TOP_TYPE_KEYS = ['errorType', 'error_type', 'exception_type', 'exc_type', 'exception_class', 'errorName'];
const ERROR_TYPE_KEYS = ['name', 'type', 'class', 'exception_type', 'errorType', 'className', 'exceptionType'];
const CODE_KEYS = ['code', 'status'];

// go-grpc-middleware's logging interceptors close every call with one line whatever became of it: v1
// (logrus, zap, kit) `finished unary call with code Aborted` / `finished client streaming call with code
// X`, v2 `finished call` (with `grpc.code` and `grpc.error` beside). The call's error names the problem.
const GRPC_FINISHED = /^finished (?:call|(?:client )?(?:unary|streaming) call with code [A-Za-z]{2,20})$/;

const REPORTED_ERROR_EVENT = /clouderrorreporting\.v\d\w{0,16}\.ReportedErrorEvent$/;

/** Message text (cleaned and bounded, not yet redacted) and named error type, or null when there is none. */
export function jsonMessage(record: Record<string, unknown>): JsonMessage | null {
  const payload = withoutStandInStack(record);
  const dotnet = dotnetRecord(payload);
  if (dotnet !== null) return { text: dotnet.text };
  const tslog = tslogRecord(payload);
  if (tslog !== null) return { text: tslog.text };
  const payara = payaraRecord(payload);
  if (payara !== null) return { text: payara.text };
  // The Console gem's serialized record with the exception it carries (console-gem-record.ts).
  const gem = consoleGemJson(payload);
  if (gem !== null) return gem;
  const budget = { objects: MAX_OBJECTS };
  let parts = fromObject(payload, 0, false, budget);
  // go-zero's logx writes its message under `content`, no message key elsewhere (logx-record.ts).
  if (parts.message === undefined) {
    const content = logxContent(payload);
    if (content !== null) parts = { ...parts, message: scalarText(content) };
  }
  if (parts.message === undefined && parts.errorText === undefined && parts.stack === undefined) {
    parts = { ...nestedMessage(payload, 0, budget), errorType: parts.errorType };
  }
  if (parts.errorText === undefined && parts.stack === undefined) {
    const found = recordedException(payload, 0, budget);
    // A record whose message already says the exception's message (Laravel logs `$e->getMessage()`) is
    // the same record its text formatter prints without the exception's class: it keeps its own words.
    const saidAlready = found?.stack === undefined && found?.errorMessage !== undefined && (parts.message?.includes(found.errorMessage) ?? false);
    if (found !== undefined && !saidAlready) parts = { ...parts, ...found, errorType: found.errorType ?? parts.errorType };
  }
  if (parts.errorText === undefined && parts.stack === undefined && parts.message !== undefined) {
    const said = errorSaidInContext(payload, budget);
    if (said !== undefined) parts = { ...parts, errorText: said };
  }
  // A gRPC logging interceptor's record of a finished call says only that it finished: the error is what it is about.
  if (parts.errorText !== undefined && parts.message !== undefined && GRPC_FINISHED.test(parts.message)) parts = { ...parts, message: undefined };
  let text = compose(parts);
  if (text === '') return null;
  let errorType = parts.errorType;
  const atType = typeof payload['@type'] === 'string' ? payload['@type'] : '';
  if (REPORTED_ERROR_EVENT.test(atType)) {
    text = withReportLocation(text, payload.context);
    errorType = exceptionTypeFromStack(text) ?? errorType;
  } else if (errorType === undefined && atType !== '') {
    errorType = typeName(atType.slice(atType.lastIndexOf('/') + 1).split('.').pop());
  }
  return errorType === undefined ? { text } : { text, errorType };
}

function fromObject(obj: Record<string, unknown>, depth: number, isError: boolean, budget: { objects: number }): Parts {
  const parts: Parts = {};
  if (--budget.objects < 0 || depth > MAX_JSON_DEPTH) return parts;
  for (const key of MESSAGE_KEYS) {
    const value = obj[key];
    if (isRecord(value)) {
      merge(parts, fromObject(value, depth + 1, isError, budget));
    } else {
      parts.message = scalarText(value);
    }
    if (parts.message !== undefined) break;
  }
  for (const key of STACK_KEYS) {
    const stack = stackText(obj[key]);
    // A `backtrace` counts when its frames read as a trace (Ruby's): Crystal's, under the same key
    // (`src/app.cr:34:3 in 'm'`), is no frame the classifier reads, and its text form prints the exception
    // without them as far as grouping goes.
    if (stack === undefined || (key === 'backtrace' && !isStackTrace(stack))) continue;
    parts.stack = stack;
    break;
  }
  // A JVM exception written as an object with frame objects: read as the trace its pattern prints.
  if (isError && parts.stack === undefined) parts.stack = exceptionObjectTrace(obj);
  if (parts.stack === undefined && typeof obj.full_message === 'string') parts.stack = gelfTrace(obj.full_message, parts.message);
  let cause: string | undefined;
  for (const key of ERROR_KEYS) {
    const value = obj[key];
    // An error's own `cause` (ES2022), an error object, is what it was caused by, not the error itself
    // (errorCause). A string there is how a framework marshals its error's cause (Kratos' errors.Error):
    // read as before, as the error's text.
    if (isError && key === 'cause' && isRecord(value)) {
      cause = errorCause(value, depth, budget);
      continue;
    }
    // Inside an error object, `error` may name its class (dry-logger's `exception{error, message, backtrace}`).
    if (isError && typeof value === 'string' && ERROR_CLASS_VALUE.test(value)) {
      parts.errorType ??= value;
      continue;
    }
    if (isRecord(value)) {
      const sub = fromObject(value, depth + 1, true, budget);
      parts.errorText ??= sub.message ?? sub.errorText;
      parts.stack ??= sub.stack;
      parts.errorType ??= sub.errorType;
    } else if (typeof value === 'string') {
      const text = scalarText(value);
      if (text !== undefined && isStackTrace(text)) parts.stack ??= text;
      else parts.errorText ??= text;
    }
  }
  parts.errorType = firstType(obj, isError ? ERROR_TYPE_KEYS : TOP_TYPE_KEYS) ?? parts.errorType;
  if (isError) parts.errorType ??= firstCode(obj);
  if (isError && parts.stack !== undefined && parts.errorType !== undefined) parts.stack = withTraceHead(parts.stack, parts.errorType, parts.message);
  if (cause !== undefined) withCause(parts, cause);
  return parts;
}

// An error's cause as an error object's JSON holds it (`{"message": "fetch failed", "stack": …, "cause":
// {"name": "ConnectTimeoutError", "code": "UND_ERR_CONNECT_TIMEOUT", "message": "Connect Timeout Error …"}}`,
// undici's fetch error serialised whole). Node prints it under the error (`[cause]: ConnectTimeoutError: …`),
// pino-std-serializers after it (the message `fetch failed: Connect Timeout Error …`, the stack's `caused by:
// ConnectTimeoutError: …`): what failed is the cause, one error whichever way it was printed, and a fetch that
// failed to connect and one that timed out are two.
const CAUSED_BY = 'caused by: ';

/** The cause as pino-std-serializers prints it in a stack (its own stack, or `Type: message`), or undefined. */
function errorCause(value: Record<string, unknown>, depth: number, budget: { objects: number }): string | undefined {
  const sub = fromObject(value, depth + 1, true, budget);
  if (sub.stack !== undefined && isStackTrace(sub.stack)) return sub.stack;
  const message = sub.message ?? sub.errorText;
  if (message === undefined) return sub.errorType;
  return sub.errorType === undefined || message.startsWith(sub.errorType) ? message : `${sub.errorType}: ${message}`;
}

/** The error's parts with its cause after them, as pino-std-serializers joins them (unless said already). */
function withCause(parts: Parts, cause: string): void {
  const line = cause.split('\n', 1)[0]!;
  const words = line.indexOf(': ') < 0 ? line : line.slice(line.indexOf(': ') + 2);
  const said = (text: string | undefined): boolean => text !== undefined && (text.includes(line) || text.includes(words));
  if (said(parts.stack) || said(parts.message)) return;
  if (parts.stack !== undefined) parts.stack = `${parts.stack}\n${CAUSED_BY}${cause}`;
  else if (parts.message !== undefined) parts.message = `${parts.message}: ${words}`;
  else parts.message = line;
}

// A class name as a value: namespaced (`Sequel::PoolTimeout`, `java.net.SocketTimeoutException`) or one
// word named as errors are (`ArgumentError`). A code (`invalid_grant`) or a sentence is no class.
const ERROR_CLASS_VALUE = /^(?:[A-Za-z_]\w{0,80}(?:::|\.)){1,12}[A-Z]\w{0,80}$|^[A-Z][a-z]\w{0,80}(?:Error|Exception)$/;

/** A frames-only trace with its exception's line put back as its language prints it (Python, Ruby). */
function withTraceHead(stack: string, type: string, message: string | undefined): string {
  return withRubyHead(withPythonHead(stack, type, message), type, message);
}

// Ruby's frames alone, as `Exception#backtrace` gives them (an array under `backtrace`, the type and message
// beside it): put back under the line Ruby's Logger prints above them (`message (Class)`), the record reads
// as the same exception logged by a text formatter.
const RUBY_FRAMES_ONLY = /^\s{0,8}[^\s:]{1,512}\.rb:\d{1,7}:in [`']/;

function withRubyHead(stack: string, type: string, message: string | undefined): string {
  if (!RUBY_FRAMES_ONLY.test(stack.slice(0, 600))) return stack;
  return `${message === undefined ? type : `${message} (${type})`}\n${stack}`;
}

// Python's frames alone, as `traceback.format_tb` gives them (ecs-logging-python's `error.stack_trace`, beside
// `error.type` and `error.message`): no `Traceback (most recent call last):` above them, no `Type: message`
// under them. Put back as Python prints the exception, the record reads as the same exception logged by a
// text formatter: its frames and its type are what the trace is.
const PY_FRAMES_ONLY = /^\s{0,8}File "[^"\n]{1,1000}", line \d{1,7}, in /;

function withPythonHead(stack: string, type: string, message: string | undefined): string {
  if (!PY_FRAMES_ONLY.test(stack.slice(0, 1100)) || stack.includes('Traceback (most recent call last):')) return stack;
  return `Traceback (most recent call last):\n  ${stack}\n${message === undefined ? type : `${type}: ${message}`}`;
}

function merge(into: Parts, from: Parts): void {
  into.message ??= from.message ?? from.errorText;
  into.stack ??= from.stack;
  into.errorType ??= from.errorType;
}

/** A message one or two objects down (`{"data": {"msg": …}}`), looked for breadth-first. */
function nestedMessage(obj: Record<string, unknown>, depth: number, budget: { objects: number }): Parts {
  if (depth >= 3) return {};
  const children = Object.values(obj).filter(isRecord);
  for (const child of children) {
    const parts = fromObject(child, depth + 1, false, budget);
    if (parts.message !== undefined || parts.errorText !== undefined || parts.stack !== undefined) return parts;
  }
  for (const child of children) {
    if (budget.objects <= 0) break;
    const parts = nestedMessage(child, depth + 1, budget);
    if (parts.message !== undefined || parts.errorText !== undefined || parts.stack !== undefined) return parts;
  }
  return {};
}

// An exception recorded beside the message, under a key that says what it holds, at any depth: Monolog's
// `context.exception` (`{"class", "message", "code", "file"}`), OpenTelemetry's `exception.type`,
// `exception.message` and `exception.stacktrace` attributes, ECS's `error.type` / `error.message` /
// `error.stack_trace`, a `cause` object, a traceback string under `exc_info`. It is the error the record
// is about: a logger's generic line (`Exception on /path [GET]`) or an application's own words name
// where it surfaced, the exception what failed. Only exception-shaped values count (a class or type
// with a message, or a stack trace); a bare `error: null` or `errors: 0` is context.
const EXCEPTION_KEY = /^(?:exc|exception|exceptions|error|err|cause|throwable|thrown|stack|stacktrace|stack_trace|traceback|exc_info|exc_text)$/i;
const DOTTED_EXCEPTION = /^(?:exception|error|err|exc)\.(?:(type|class|kind|name)|(message|msg)|(stacktrace|stack_trace|stack|traceback))$/i;
/** Deeper than this, a payload's fields are data, not how its logger recorded an error. */
const MAX_EXCEPTION_DEPTH = 4;
/** Keys looked at per object: a payload that is a big data dump costs a bounded scan. */
const MAX_KEYS = 64;

function recordedException(obj: Record<string, unknown>, depth: number, budget: { objects: number }): Parts | undefined {
  if (depth > MAX_EXCEPTION_DEPTH || --budget.objects < 0) return undefined;
  let dotted: Parts | undefined;
  let seen = 0;
  for (const key in obj) {
    if (++seen > MAX_KEYS) break;
    // Every JSON payload is walked: a key that cannot name an exception costs one character's test.
    const first = key.charCodeAt(0) | 0x20;
    if (key.length > 24 || (first !== 0x65 && first !== 0x63 && first !== 0x73 && first !== 0x74)) continue; // e c s t
    const value = obj[key];
    const d = key.includes('.') ? DOTTED_EXCEPTION.exec(key) : null;
    if (d !== null) {
      const text = typeof value === 'string' ? scalarText(value) : undefined;
      if (text === undefined) continue;
      dotted ??= {};
      if (d[1] !== undefined) dotted.errorType ??= typeName(text);
      else if (d[2] !== undefined) dotted.errorText ??= text;
      else dotted.stack ??= text;
    } else if (depth > 0 && EXCEPTION_KEY.test(key)) {
      const found = exceptionValue(value, depth, budget);
      if (found !== undefined) return found;
    }
  }
  if (dotted !== undefined) {
    const found = exceptionParts(dotted.errorType, dotted.errorText, dotted.stack);
    if (found !== undefined) return found;
  }
  seen = 0;
  for (const key in obj) {
    if (++seen > MAX_KEYS) break;
    const value = obj[key];
    if (!isRecord(value)) continue;
    const found = recordedException(value, depth + 1, budget);
    if (found !== undefined) return found;
  }
  return undefined;
}

// The error a logger put in a context object one level down, as a sentence: Cloud Foundry's lager
// (`{"message": "app.connecting-to-nats.error", "data": {"error": "nats: no servers available…"}}`), a
// zap or slog record whose error field sits in a namespace or group. At the top level that field is
// read already (ERROR_KEYS); one level down it is the same field, and without it two different errors
// logged under one event name were one problem. A value without a space (`"error": "none"`, a code) is
// no sentence and stays context.
const CONTEXT_ERROR_KEYS = ['error', 'err', 'exception', 'exc', 'cause'];

function errorSaidInContext(obj: Record<string, unknown>, budget: { objects: number }): string | undefined {
  let seen = 0;
  for (const key in obj) {
    if (++seen > MAX_KEYS || --budget.objects < 0) break;
    const value = obj[key];
    if (!isRecord(value)) continue;
    for (const name of CONTEXT_ERROR_KEYS) {
      const text = typeof value[name] === 'string' ? scalarText(value[name]) : undefined;
      if (text !== undefined && text.includes(' ') && /[A-Za-z]/.test(text)) return text;
    }
  }
  return undefined;
}

function exceptionValue(value: unknown, depth: number, budget: { objects: number }): Parts | undefined {
  // A stack as its lines, one string each (winston 2's exception info, `err.stack.split('\n')`, which
  // express-winston's errorLogger logs as `meta.stack`): the stack those lines print.
  if (typeof value === 'string' || Array.isArray(value)) {
    const text = typeof value === 'string' ? scalarText(value) : stackText(value);
    return text !== undefined && isStackTrace(text) ? { stack: text } : undefined;
  }
  if (!isRecord(value)) return undefined;
  const sub = fromObject(value, depth + 1, true, budget);
  return exceptionParts(sub.errorType, sub.message ?? sub.errorText, sub.stack);
}

/**
 * A stack trace names its own exception (a type field beside it may be unqualified: `ReadTimeout` for
 * `requests.exceptions.ReadTimeout`), so it is taken alone; otherwise a type and a message, printed
 * as the exception's own line (`Type: message`).
 */
function exceptionParts(type: string | undefined, message: string | undefined, stack: string | undefined): Parts | undefined {
  if (stack !== undefined && isStackTrace(stack)) return { stack: type === undefined ? stack : withTraceHead(stack, type, message) };
  if (type === undefined || message === undefined) return undefined;
  const errorText = message.startsWith(type) ? message : `${type}: ${message}`;
  return { errorText, errorType: type, errorMessage: message };
}

/** message, then the error's own text, then the stack, each only when not already said. */
function compose({ message, errorText, stack, errorMessage }: Parts): string {
  // A message rendered with the exception as a quoted property holds the stack again (quoted-stack.ts).
  let head = message === undefined ? '' : stack === undefined ? message : withoutQuotedStack(message, stack);
  const said = (text: string): boolean => head.includes(text) || (stack?.includes(text) ?? false);
  if (errorText !== undefined && !said(errorText) && (errorMessage === undefined || !said(errorMessage))) head = head === '' ? errorText : `${head}\n${errorText}`;
  if (stack === undefined) return head;
  return head === '' || stack.includes(head) ? stack : `${head}\n${stack}`;
}

/**
 * GELF's `full_message` is the message again with the trace after a blank line (Spring Boot's `gelf`
 * format, logstash-gelf): the trace alone, so that the record reads as its pattern prints it (the
 * message, then the trace on the next line). An exception created without a stack trace (Netty's
 * `NativeIoException`, any `fillInStackTrace` override) prints its own line and no frames, under the
 * pattern as here: that line is the trace. A full message that is neither is no stack either.
 */
function gelfTrace(full: string, message: string | undefined): string | undefined {
  let text = scalarText(full);
  if (text === undefined) return undefined;
  if (message !== undefined && text.startsWith(message)) text = text.slice(message.length).replace(/^\s+/, '');
  return text !== '' && (isStackTrace(text) || EXCEPTION_LINE.test(text.slice(0, 400))) ? text : undefined;
}

// An exception's own line, `Type: message` or the type alone, its type named as exceptions are.
const EXCEPTION_LINE = /^(?:[A-Za-z_$][\w$]{0,80}\.){0,30}[A-Z][\w$]{0,80}?(?:Error|Exception|Throwable|Fault|Failure)(?::\s|\n|$)/;

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return undefined;
  const text = boundText(value).trim();
  return text === '' ? undefined : text;
}

/** A stack as a string, or as an array of frame strings. */
function stackText(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    // structlog's dict_tracebacks: a list of stacks, read as the traceback Python prints.
    const traceback = dictTracebackText(value);
    if (traceback !== undefined) return scalarText(traceback);
    const lines = value.slice(0, 500).filter((v): v is string => typeof v === 'string');
    return lines.length === 0 ? undefined : scalarText(lines.join('\n'));
  }
  return typeof value === 'string' ? scalarText(value) : undefined;
}

function firstType(obj: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const name = typeName(obj[key]);
    if (name !== undefined) return name;
  }
  return undefined;
}

/** `ECONNREFUSED`, `PERMISSION_DENIED`: a code that names the failure (numbers do not). */
function firstCode(obj: Record<string, unknown>): string | undefined {
  for (const key of CODE_KEYS) {
    const value = obj[key];
    if (typeof value === 'string' && /^[A-Z][A-Z0-9_]{2,63}$/.test(value)) return value;
  }
  return undefined;
}

function typeName(value: unknown): string | undefined {
  // PHP names a class by its namespace with backslashes (`Doctrine\DBAL\Exception\ConnectionException`).
  return typeof value === 'string' && /^[A-Za-z_$\\][\w$.:<>\\-]{0,127}$/.test(value) ? value : undefined;
}

/**
 * Error Reporting accepts a message without a stack when `context.reportLocation` says where
 * it was raised; that location is then what groups the error, so it becomes a frame line.
 */
function withReportLocation(text: string, context: unknown): string {
  if (isStackTrace(text) || !isRecord(context) || !isRecord(context.reportLocation)) return text;
  const { filePath, lineNumber, functionName } = context.reportLocation;
  if (typeof filePath !== 'string' || filePath === '') return text;
  const fn = typeof functionName === 'string' && functionName !== '' ? functionName : '<unknown>';
  const line = Number.isInteger(Number(lineNumber)) ? `:${Number(lineNumber)}` : '';
  return `${text}\n    at ${boundText(fn, 256)} (${boundText(filePath, 1024)}${line})`;
}
