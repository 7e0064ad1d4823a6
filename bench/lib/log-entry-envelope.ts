// The LogEntry around a family's payload: ids, resource, timestamps with nanoseconds, trace. Keys are
// sorted at every level, as gcloud's JSON printer does.
import type { EmitContext, Emission } from './family-spec.js';

/** RFC 3339 with nine fractional digits, from fractional epoch milliseconds. */
export function rfc3339Nanos(ms: number): string {
  const whole = Math.floor(ms);
  const subMs = Math.min(999999, Math.floor((ms - whole) * 1e6));
  const iso = new Date(whole).toISOString();
  return `${iso.slice(0, -1)}${String(subMs).padStart(6, '0')}Z`;
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
  const entry: Record<string, unknown> = {
    insertId: `${Math.floor(time / 1000).toString(16).padStart(8, '0')}${scramble(index)}${rng.hex(8)}`,
    logName: `projects/${service.project}/logs/run.googleapis.com%2F${emission.stream.replace('/', '%2F')}`,
    resource: {
      type: 'cloud_run_revision',
      labels: {
        service_name: service.name,
        revision_name: revision,
        location: 'us-central1',
        project_id: service.project,
        configuration_name: service.name,
      },
    },
    timestamp: rfc3339Nanos(time),
    receiveTimestamp: rfc3339Nanos(time + rng.int(15, 2400) + rng.next()),
    labels: { instanceId },
  };
  if (emission.severity !== undefined) entry.severity = emission.severity;
  if (emission.textPayload !== undefined) entry.textPayload = emission.textPayload;
  if (emission.jsonPayload !== undefined) entry.jsonPayload = emission.jsonPayload;
  if (emission.httpRequest !== undefined) entry.httpRequest = emission.httpRequest;
  if (emission.traced) {
    entry.trace = `projects/${service.project}/traces/${rng.hex(32)}`;
    entry.spanId = rng.hex(16);
    if (rng.chance(0.1)) entry.traceSampled = true;
  }
  return sortKeys(entry) as Record<string, unknown>;
}
