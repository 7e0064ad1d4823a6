// A sample row of the shape query (TO_JSON_STRING of the Log Analytics columns it keeps) -> the
// LogEntry the rest of the gardener reads, as Cloud Logging's REST JSON spells it: snake_case
// columns become camelCase fields, the JSON columns become objects again.
import type { RawEntry } from '../../shared/types.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The LogEntry a sample row holds, or null when the text is not a row the query could have written. */
export function sampleToRawEntry(text: string): { time: number; entry: RawEntry } | null {
  let row: unknown;
  try {
    row = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(row)) return null;
  const time = Number(row.time_ms);
  if (!Number.isFinite(time)) return null;
  // Microseconds when the row has them: the lines of one trace are written microseconds apart.
  const us = Number(row.time_us);
  const micro = Number.isFinite(us) && Math.floor(us / 1000) === time ? String(((us % 1000) + 1000) % 1000).padStart(3, '0') : '';
  const entry: RawEntry = { timestamp: new Date(time).toISOString().replace('Z', `${micro}Z`) };
  if (typeof row.severity === 'string' && row.severity !== '') entry.severity = row.severity;
  if (typeof row.log_name === 'string') entry.logName = row.log_name;
  if (typeof row.insert_id === 'string') entry.insertId = row.insert_id;
  if (typeof row.text_payload === 'string') entry.textPayload = row.text_payload;
  // The request's trace: one request's records are joined by it (classify/trace-neighbours.ts).
  if (typeof row.trace === 'string' && row.trace !== '') entry.trace = row.trace;
  const json = jsonColumn(row.json_payload);
  if (isRecord(json)) entry.jsonPayload = json;
  if (isRecord(row.http_request)) entry.httpRequest = camelKeys(row.http_request);
  if (isRecord(row.resource)) {
    const labels = jsonColumn(row.resource.labels);
    entry.resource = { type: row.resource.type, labels: isRecord(labels) ? labels : {} };
  }
  const labels = jsonColumn(row.labels);
  if (isRecord(labels)) entry.labels = labels;
  return { time, entry };
}

/** A JSON column is an object in TO_JSON_STRING's output; an engine may also hand it over as text. */
function jsonColumn(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** `request_method` -> `requestMethod`; null fields dropped (a missing field, as in the REST JSON). */
function camelKeys(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value === null || value === undefined) continue;
    out[key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())] = value;
  }
  return out;
}
