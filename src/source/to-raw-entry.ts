// The client library hands back protobuf-shaped objects (Timestamp and Duration messages, enum names,
// int64 as strings, unset fields filled with defaults). Our normalizer reads LogEntry as the REST API
// and `gcloud logging read --format=json` spell it, so convert to that and drop what is unset.
import type { Entry as LoggingEntry } from '@google-cloud/logging';
import type { RawEntry } from '../shared/types.js';

type Proto = Record<string, unknown>;

export function toRawEntry(entry: LoggingEntry): RawEntry {
  const meta = entry.metadata as unknown as Proto;
  const raw: RawEntry = {};
  const timestamp = toIso(meta.timestamp);
  if (timestamp) raw.timestamp = timestamp;
  const received = toIso(meta.receiveTimestamp);
  if (received) raw.receiveTimestamp = received;
  raw.severity = severityName(meta.severity);
  for (const key of ['logName', 'insertId', 'trace', 'spanId'] as const) {
    if (typeof meta[key] === 'string' && meta[key] !== '') raw[key] = meta[key];
  }
  const payload = typeof meta.payload === 'string' ? meta.payload : undefined;
  if (payload === 'textPayload' || (!payload && typeof meta.textPayload === 'string')) {
    raw.textPayload = typeof entry.data === 'string' ? entry.data : String(meta.textPayload ?? '');
  } else if (payload === 'jsonPayload') {
    raw.jsonPayload = isPlainObject(entry.data) ? entry.data : structToObject(meta.jsonPayload);
  } else if (payload === 'protoPayload' && isPlainObject(meta.protoPayload)) {
    // An Any we cannot decode without its type; its type name still tells what it is.
    const typeUrl = (meta.protoPayload as Proto).type_url ?? (meta.protoPayload as Proto).typeUrl;
    if (typeof typeUrl === 'string') raw.protoPayload = { '@type': typeUrl };
  }
  const http = httpRequest(meta.httpRequest);
  if (http) raw.httpRequest = http;
  const resource = meta.resource as Proto | null | undefined;
  if (resource && typeof resource.type === 'string') {
    raw.resource = { type: resource.type, labels: { ...((resource.labels as Record<string, string> | undefined) ?? {}) } };
  }
  if (isPlainObject(meta.labels) && Object.keys(meta.labels).length > 0) raw.labels = { ...meta.labels };
  return raw;
}

const SEVERITY_BY_NUMBER: Record<number, string> = {
  0: 'DEFAULT', 100: 'DEBUG', 200: 'INFO', 300: 'NOTICE', 400: 'WARNING', 500: 'ERROR', 600: 'CRITICAL', 700: 'ALERT', 800: 'EMERGENCY',
};

function severityName(value: unknown): string {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return SEVERITY_BY_NUMBER[value] ?? 'DEFAULT';
  return 'DEFAULT';
}

/** RFC 3339 with the nanoseconds the entry carries (a Date would keep only milliseconds). */
function toIso(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (!isPlainObject(value) || value.seconds === undefined) return undefined;
  const seconds = Number(value.seconds);
  const nanos = Number(value.nanos ?? 0);
  if (!Number.isFinite(seconds)) return undefined;
  const base = new Date(seconds * 1000).toISOString().slice(0, 19);
  // Milliseconds at least, like Date#toISOString; more digits only when the entry has them.
  const digits = String(nanos).padStart(9, '0');
  const significant = digits.replace(/0+$/, '');
  const fraction = significant.length <= 3 ? digits.slice(0, 3) : significant;
  return `${base}.${fraction}Z`;
}

function duration(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!isPlainObject(value)) return undefined;
  const seconds = Number(value.seconds ?? 0);
  const nanos = Number(value.nanos ?? 0);
  if (seconds === 0 && nanos === 0) return undefined;
  return `${(seconds + nanos / 1e9).toFixed(9).replace(/\.?0+$/, '')}s`;
}

function httpRequest(value: unknown): Record<string, unknown> | undefined {
  if (!isPlainObject(value)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (key === 'latency') {
      const latency = duration(field);
      if (latency) out.latency = latency;
    } else if (key === 'status') {
      if (Number(field) > 0) out.status = Number(field);
    } else if (typeof field === 'string' && field !== '' && !/^0$/.test(field)) {
      out[key] = field;
    } else if (typeof field === 'boolean' && field) {
      out[key] = field;
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

type StructValue = { kind?: string; [key: string]: unknown };

function structToObject(struct: unknown): Record<string, unknown> {
  const fields = isPlainObject(struct) && isPlainObject(struct.fields) ? struct.fields : {};
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, decodeValue(value as StructValue)]));
}

function decodeValue(value: StructValue): unknown {
  const kind = value.kind ?? Object.keys(value).find((key) => key.endsWith('Value'));
  switch (kind) {
    case 'structValue': return structToObject(value.structValue);
    case 'listValue': return (((value.listValue as Proto | undefined)?.values as StructValue[]) ?? []).map(decodeValue);
    case 'nullValue': return null;
    case 'numberValue': return Number(value.numberValue);
    case 'boolValue': return Boolean(value.boolValue);
    case 'stringValue': return String(value.stringValue);
    default: return null;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !Buffer.isBuffer(value);
}
