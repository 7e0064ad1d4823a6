// The trace id of the request an entry was written for. A request that fails writes more than one
// record: the handler's error, then the framework's access record once the response is written (go-zero's
// `[HTTP] 503 - GET /x` after the logic's error, as long after it as the handler took), a message record
// and its trace record. Written inside the request, each carries the request's trace, in one of a few
// documented places:
// - the LogEntry's `trace`, `projects/P/traces/ID` (Cloud Run lifts it from the JSON line's
//   `logging.googleapis.com/trace`, which its docs tell services to fill from `X-Cloud-Trace-Context`);
// - a JSON record's own field: that key unlifted (a file), OpenTelemetry's `trace_id` (its spec for
//   non-OTLP formats) or `traceId`, go-zero logx's `trace`, Datadog's `dd.trace_id` (flat or nested), ECS's
//   `trace.id`, .NET's `TraceId` (Serilog's `Properties`, the JSON console's `Scopes`, CLEF's `@tr`);
// - the served request's headers as a request logger prints them (pino-http's `req.headers`,
//   express-winston's `meta.req.headers`): `traceparent`, `X-Cloud-Trace-Context`;
// - the text: `trace_id=…` / `trace=…` fields (logfmt, OpenTelemetry's plain-text form, logx's plain
//   encoding), `TraceId:…` in .NET's console scopes, and `traceparent` / `X-Cloud-Trace-Context` in a
//   request dump.
// The id is normalised to its 32 hex digits and kept as a 32-bit number (traceKey): the classifier only
// asks whether two records share it, and a number neither costs a string an entry nor could ever be shown.
import type { RawEntry } from '../shared/types.js';
import { isRecord } from './is-record.js';

/** Payload keys that hold the request's trace id, most specific first. */
const TRACE_KEYS = ['logging.googleapis.com/trace', 'trace_id', 'traceId', 'traceid', 'TraceId', 'traceID', 'trace', 'dd.trace_id', 'trace.id', 'otelTraceID', '@tr'];
/** Keys Datadog's tracers fill, with the low 64 bits in decimal unless told to write all 128 in hex. */
const DATADOG_KEYS = new Set(['dd.trace_id', 'trace_id@dd']);
/**
 * Objects inside a payload that hold the id: Datadog's `dd` (Node's tracers nest it), ECS's `trace` (`id`),
 * Serilog's `Properties`, Monolog's `context` (where Datadog's PHP tracer puts `dd.trace_id`).
 */
const NESTED = [['dd', 'trace_id@dd'], ['trace', 'id'], ['Properties', 'TraceId'], ['context', 'dd.trace_id']] as const;

// A W3C / Cloud Trace id (32 hex digits), or a 64-bit one (16 hex digits: Jaeger, B3), 0x-prefixed as some
// exporters print it, or the id inside `projects/P/traces/ID` or a `traceparent` value (`00-ID-SPAN-01`).
const ID = /^(?:projects\/[^/]{1,128}\/traces\/)?(?:[0-9a-f]{2}-)?(?:0x)?([0-9a-f]{32}|[0-9a-f]{16})(?:[-/;][\w=;/-]{0,64})?$/i;
// Datadog's default: the low 64 bits in decimal.
const DECIMAL = /^\d{1,20}$/;

// In text: a `trace`/`trace_id`/`traceId`/`dd.trace_id` field, `projects/P/traces/ID`, a traceparent or
// X-Cloud-Trace-Context header. The separator stays on one line: `Stack trace:` then a frame is no id.
const IN_TEXT = /\bdd\.trace_id["']?[ \t]*[=:][ \t]*["']?(\d{1,20})(?![0-9a-f])|(?:\btrace(?:[_.-]?id)?["']?[ \t]*[=:][ \t]*["']?(?:0x)?|\/traces\/|\btraceparent:[ \t]*[0-9a-f]{2}-|\bx-cloud-trace-context:[ \t]*)([0-9a-f]{32}|[0-9a-f]{16})(?![0-9a-f])/i;
/** Characters of a message looked through: a request dump's headers sit in its first lines, logfmt's fields at the end. */
const TEXT_HEAD = 4096;
const TEXT_TAIL = 1024;

/**
 * The request's trace id an entry carries, as 32 lower-case hex digits (a 64-bit id zero-padded), or null:
 * the entry's `trace`, else its payload's fields, else its message text (`message`, as extracted).
 */
export function entryTraceId(raw: RawEntry, message: string): string | null {
  if (!isRecord(raw)) return null;
  const own = idOf(raw.trace);
  if (own !== null) return own;
  const payload = isRecord(raw.jsonPayload) ? raw.jsonPayload : null;
  if (payload !== null) {
    const field = payloadTraceId(payload);
    if (field !== null) return field;
  }
  return textTraceId(message);
}

/** The trace id a JSON record names in one of its fields (TRACE_KEYS, NESTED, .NET's Scopes), or null. */
export function payloadTraceId(payload: Record<string, unknown>): string | null {
  for (const key of TRACE_KEYS) {
    const id = idOf(payload[key], DATADOG_KEYS.has(key));
    if (id !== null) return id;
  }
  for (const [outer, inner] of NESTED) {
    const nested = payload[outer];
    if (isRecord(nested)) {
      const id = idOf(nested[inner.replace('@dd', '')], DATADOG_KEYS.has(inner));
      if (id !== null) return id;
    }
  }
  // The served request's own headers, logged with it: Cloud Run sets traceparent and X-Cloud-Trace-Context
  // on every request it forwards, and pino-http's req serializer (on each record a handler logs through
  // req.log too) and express-winston's meta.req print them. Only a request's `req`: an outbound call's
  // headers (an HTTP client's error config) are another request's.
  for (const holder of [payload, payload.meta]) {
    const req = isRecord(holder) ? holder.req : null;
    const headers = isRecord(req) ? req.headers : null;
    if (!isRecord(headers)) continue;
    const id = idOf(headers.traceparent) ?? idOf(headers['x-cloud-trace-context']);
    if (id !== null) return id;
  }
  // Microsoft.Extensions.Logging's JSON console with IncludeScopes: `Scopes: [{SpanId, TraceId, ParentId}, …]`.
  const scopes = payload.Scopes;
  if (Array.isArray(scopes)) {
    for (const scope of scopes.slice(0, 8)) {
      const id = isRecord(scope) ? idOf(scope.TraceId) : null;
      if (id !== null) return id;
    }
  }
  return null;
}

/** The trace id a line of text names (IN_TEXT), or null. */
export function textTraceId(text: string): string | null {
  // Every form names `trace` (traceparent, /traces/, X-Cloud-Trace-Context, trace_id, TraceId): a cheap look first.
  if (!/race/i.test(text)) return null;
  const m = IN_TEXT.exec(text.length > TEXT_HEAD + TEXT_TAIL ? `${text.slice(0, TEXT_HEAD)}\n${text.slice(-TEXT_TAIL)}` : text);
  if (m === null) return null;
  return m[1] !== undefined ? fromDecimal(m[1]) : padded(m[2]!);
}

/** A trace id as a 32-bit number, never 0 (0: no trace): its four words mixed in turn (ids that repeat a word stay apart). */
export function traceKey(id: string): number {
  let h = 0x811c9dc5;
  for (let at = 0; at < id.length; at += 8) h = Math.imul(h ^ Number.parseInt(id.slice(at, at + 8), 16), 0x01000193) ^ (h >>> 15);
  return h | 0 || 1;
}

/** The id a field's value holds; `decimal`: a Datadog field, whose digits are a decimal number. */
function idOf(value: unknown, decimal = false): string | null {
  if (typeof value === 'number') return decimal && Number.isInteger(value) && value > 0 ? fromDecimal(BigInt(value).toString()) : null;
  if (typeof value !== 'string' || value.length > 256) return null;
  if (decimal && DECIMAL.test(value)) return fromDecimal(value);
  const m = ID.exec(value);
  return m === null ? null : padded(m[1]!);
}

/** 32 lower-case hex digits; null for the all-zero id, which W3C says is no trace. */
function padded(hex: string): string | null {
  const id = hex.toLowerCase().padStart(32, '0');
  return /^0+$/.test(id) ? null : id;
}

function fromDecimal(digits: string): string | null {
  const n = BigInt(digits);
  return n > 0n && n < 1n << 64n ? padded(n.toString(16)) : null;
}
