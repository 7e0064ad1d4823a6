// A sample an issue stored, back into an Entry, so the current classifier can say where it belongs.
import type { Entry, EntryKind, RawEntry } from '../shared/types.js';
import { stripHeaderLeftover } from './log-header.js';
import { normalizeEntry } from './normalize-entry.js';
import { prettyRecordWithoutHeader } from './pretty-record.js';
import { tracingPrettyFieldsLeftover, tracingSpansLeftover } from './tracing-event.js';

// Samples carry no time of their own; any fixed time will do, only the grouping is asked for.
const SAMPLE_TIME = '1970-01-01T00:00:00Z';
/** A request sample is its request line, as requestText() wrote it: `GET /api/orders/17 500`. */
const REQUEST_LINE = /^([A-Z]{3,10}) (\/\S{0,2000}) (\d{3})$/;

/** The Entry a stored sample stands for; null when normalization would skip it. */
export function sampleEntry(text: string, kind?: EntryKind): Entry | null {
  const request = kind !== 'text' && kind !== 'stack' ? REQUEST_LINE.exec(text) : null;
  const raw: RawEntry = request
    ? { timestamp: SAMPLE_TIME, httpRequest: { requestMethod: request[1], requestUrl: request[2], status: Number(request[3]) } }
    : { timestamp: SAMPLE_TIME, severity: 'ERROR', textPayload: text };
  const entry = normalizeEntry(raw);
  return 'skip' in entry ? null : entry;
}

/**
 * The sample read again with what is left of a header taken off its first line (stripHeaderLeftover):
 * a past release that read part of a header (`[WARN] `) stored the rest (`from akka.actor.ActorSystemImpl
 * in <thread> - Sending …`) as the message, and a tracing event its spans and target; or pino-pretty's
 * record without its header, read as the JSON record it prints (prettyRecordWithoutHeader); or a tracing
 * Pretty event's fields as Full prints them. null when nothing comes off.
 */
export function rereadSampleEntry(text: string, kind?: EntryKind): Entry | null {
  if (kind === 'request') return null;
  // A tracing event stored with its spans before (`request{method=GET}: app::routes: msg`): they are context now.
  const rest = tracingSpansLeftover(text) ?? stripHeaderLeftover(text).rest;
  if (rest !== text) return rest.trim() === '' ? null : sampleEntry(rest, kind);
  // pino-pretty's record, which a past release read as text: it stored what its time and level left
  // (`(1 on host): msg` and the property lines), or the property lines alone, split from their header.
  // Read as pino's JSON record, as the record is read whole today.
  const record = prettyRecordWithoutHeader(text);
  if (record !== null) {
    const entry = normalizeEntry({ timestamp: SAMPLE_TIME, severity: 'ERROR', jsonPayload: record });
    return 'skip' in entry ? null : entry;
  }
  // A tracing Pretty event stored with its fields as Pretty prints them (`msg, key: value`): read as Full's now.
  const fields = tracingPrettyFieldsLeftover(text);
  return fields === null ? null : sampleEntry(fields, kind);
}
