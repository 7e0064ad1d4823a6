// The LogEntry around a family's payload: ids, resource, timestamps with nanoseconds, trace. Keys are
// sorted at every level, as gcloud's JSON printer does.
import type { EmitContext, Emission } from './family-spec.js';

let cachedDay = Number.NaN;
let cachedDate = '';
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** RFC 3339 with nine fractional digits, from fractional epoch milliseconds (a double near 2025 resolves ~0.25 µs). */
export function rfc3339Nanos(ms: number): string {
  const whole = Math.floor(ms);
  const second = Math.floor(whole / 1000);
  const day = Math.floor(second / 86400);
  // Formatting a Date is the generator's hottest step: format the date once a day, the time by hand.
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDate = new Date(day * 86400000).toISOString().slice(0, 11);
  }
  const s = second - day * 86400;
  const subMs = Math.min(999999, Math.floor((ms - whole) * 1e6));
  return `${cachedDate}${pad(Math.floor(s / 3600), 2)}:${pad(Math.floor(s / 60) % 60, 2)}:${pad(s % 60, 2)}.`
    + `${pad(whole - second * 1000, 3)}${pad(subMs, 6)}Z`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** Bijective on 32 bits, so distinct indexes give distinct insertIds. */
function scramble(index: number): string {
  return (Math.imul(index >>> 0, 0x9e3779b1) >>> 0).toString(16).padStart(8, '0');
}

export interface EnvelopeInput {
  ctx: EmitContext;
  emission: Emission;
  /** Position of the entry in its run; makes insertId unique. */
  index: number;
  instanceId: string;
}

export function buildEnvelope({ ctx, emission, index, instanceId }: EnvelopeInput): Record<string, unknown> {
  const { rng, service, revision, time } = ctx;
  // Keys are written in sorted order here (cheaper than sorting every entry); payloads are sorted.
  const entry: Record<string, unknown> = {};
  if (emission.httpRequest !== undefined) entry.httpRequest = sortKeys(emission.httpRequest);
  entry.insertId = `${Math.floor(time / 1000).toString(16).padStart(8, '0')}${scramble(index)}${rng.hex(8)}`;
  if (emission.jsonPayload !== undefined) entry.jsonPayload = sortKeys(emission.jsonPayload);
  entry.labels = { instanceId };
  entry.logName = `projects/${service.project}/logs/run.googleapis.com%2F${emission.stream.replace('/', '%2F')}`;
  entry.receiveTimestamp = rfc3339Nanos(time + rng.int(15, 2400) + rng.next());
  entry.resource = {
    labels: {
      configuration_name: service.name,
      location: 'us-central1',
      project_id: service.project,
      revision_name: revision,
      service_name: service.name,
    },
    type: 'cloud_run_revision',
  };
  if (emission.severity !== undefined) entry.severity = emission.severity;
  const trace = emission.traced ? { trace: `projects/${service.project}/traces/${rng.hex(32)}`, spanId: rng.hex(16), sampled: rng.chance(0.1) } : undefined;
  if (trace) entry.spanId = trace.spanId;
  if (emission.textPayload !== undefined) entry.textPayload = emission.textPayload;
  entry.timestamp = rfc3339Nanos(time);
  if (trace) entry.trace = trace.trace;
  if (trace?.sampled) entry.traceSampled = true;
  return entry;
}
