// LogEntry JSON (the REST / gcloud form the tests seed) -> the protobuf object form the gRPC server sends.

import { parseSeverity } from '../../../../src/normalize/index.js';

type Json = Record<string, unknown>;

/**
 * The entry as Cloud Logging holds it: its severity one of the LogSeverity names. An export may spell
 * it otherwise (`WARN`, `FATAL`, a number): Cloud Run's agent lifts a JSON line's `severity` into the
 * entry and reads such common spellings as the LogSeverity they stand for, so the server holds that one,
 * as an export's reader reads it (parseSeverity); what names none holds DEFAULT. Left as it came, the
 * protobuf encoding would turn an unknown name into DEFAULT and the filter would rank it 0: the server
 * would hold a warning the export says it holds as one without a severity.
 */
export function storedEntry(entry: Json): Json {
  const given = entry.severity;
  if (given === undefined || given === null) return entry;
  const severity = parseSeverity(given) ?? 'DEFAULT';
  return severity === given ? entry : { ...entry, severity };
}

export function timestampProto(text: string): { seconds: string; nanos: number } {
  const match = /^(.*?T\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(text);
  if (!match) throw new Error(`not an RFC 3339 timestamp: ${text}`);
  const seconds = Date.parse(`${match[1]}${match[3]}`) / 1000;
  return { seconds: String(seconds), nanos: Number((match[2] ?? '').padEnd(9, '0')) };
}

function durationProto(text: string): { seconds: string; nanos: number } {
  const match = /^(\d+)(?:\.(\d{1,9}))?s$/.exec(text);
  if (!match) throw new Error(`not a Duration: ${text}`);
  return { seconds: match[1]!, nanos: Number((match[2] ?? '').padEnd(9, '0')) };
}

export function valueProto(value: unknown): Json {
  if (value === null || value === undefined) return { nullValue: 'NULL_VALUE' };
  if (typeof value === 'number') return { numberValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'string') return { stringValue: value };
  if (Array.isArray(value)) return { listValue: { values: value.map(valueProto) } };
  return { structValue: structProto(value as Json) };
}

export function structProto(object: Json): Json {
  return { fields: Object.fromEntries(Object.entries(object).map(([k, v]) => [k, valueProto(v)])) };
}

export function entryProto(entry: Json): Json {
  const proto: Json = {};
  for (const key of ['logName', 'insertId', 'trace', 'spanId', 'severity', 'textPayload', 'labels', 'resource']) {
    if (entry[key] !== undefined) proto[key] = entry[key];
  }
  if (typeof entry.timestamp === 'string') proto.timestamp = timestampProto(entry.timestamp);
  if (typeof entry.receiveTimestamp === 'string') proto.receiveTimestamp = timestampProto(entry.receiveTimestamp);
  if (entry.jsonPayload && typeof entry.jsonPayload === 'object') proto.jsonPayload = structProto(entry.jsonPayload as Json);
  if (entry.httpRequest && typeof entry.httpRequest === 'object') {
    const http = { ...(entry.httpRequest as Json) };
    if (typeof http.latency === 'string') http.latency = durationProto(http.latency);
    for (const key of ['requestSize', 'responseSize']) if (http[key] !== undefined) http[key] = String(http[key]);
    proto.httpRequest = http;
  }
  return proto;
}
