// The held-out data set: every family's entries at seeded random times in one day, wrapped in the
// LogEntry envelope gcloud prints (keys sorted), with the ground truth and the planted secrets.
import { Prng } from '../prng.js';
import { ledger } from './go-ledger.js';
import { billing } from './java-billing.js';
import { storefront } from './node-storefront.js';
import { platform } from './platform.js';
import { inference } from './python-inference.js';
import { secondWave } from './second-wave.js';
import { fourthWave } from './fourth-wave.js';
import { thirdWave } from './third-wave.js';
import type { Family, Payload, Plant } from './spec.js';

export const FIRST_WAVE: readonly Family[] = [...storefront, ...ledger, ...inference, ...billing, ...platform];
export const FAMILIES: readonly Family[] = [...FIRST_WAVE, ...secondWave, ...thirdWave, ...fourthWave];
/** Which batch a family came in: each later one was written after the one before had been used for fixes. */
export const BATCH = new Map<string, number>([
  ...FIRST_WAVE.map((f) => [f.name, 1] as const), ...secondWave.map((f) => [f.name, 2] as const), ...thirdWave.map((f) => [f.name, 3] as const),
  ...fourthWave.map((f) => [f.name, 4] as const),
]);

export interface Truth {
  insertId: string;
  family: string;
  service: string;
  severity: string;
  noise: boolean;
}

export interface HeldoutSet {
  entries: Array<Record<string, unknown>>;
  truth: Truth[];
  /** Exact secret values planted in messages. */
  secrets: string[];
  /** Local parts of planted e-mail addresses. */
  emailLocals: string[];
  start: number;
  end: number;
}

const PROJECT = 'acme-prod-4471';
export const DAY_START = Date.UTC(2025, 9, 7);
const DAY_MS = 86_400_000;

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sorted((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

function nanos(ms: number, rng: Prng): string {
  return new Date(ms).toISOString().replace('Z', `${String(rng.int(0, 999999)).padStart(6, '0')}Z`);
}

function revisionOf(service: string, time: number): string {
  // A rollout at 14:00 splits the day into two revisions.
  return time < DAY_START + 14 * 3_600_000 ? `${service}-00041-tuv` : `${service}-00042-xiv`;
}

function envelope(payload: Payload, service: string, revision: string, time: number, rng: Prng): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    insertId: rng.alnum(6).toLowerCase() + rng.hex(10),
    labels: { instanceId: `00f46b9285${rng.hex(40)}` },
    logName: `projects/${PROJECT}/logs/run.googleapis.com%2F${payload.stream.replace('/', '%2F')}`,
    receiveTimestamp: nanos(time + rng.int(20, 1500), rng),
    resource: {
      labels: { configuration_name: service, location: 'us-central1', project_id: PROJECT, revision_name: revision, service_name: service },
      type: 'cloud_run_revision',
    },
    timestamp: nanos(time, rng),
  };
  if (payload.severity !== undefined) entry.severity = payload.severity;
  if (payload.textPayload !== undefined) entry.textPayload = payload.textPayload;
  if (payload.jsonPayload !== undefined) entry.jsonPayload = payload.jsonPayload;
  if (payload.httpRequest !== undefined) entry.httpRequest = payload.httpRequest;
  if (payload.stream !== 'varlog/system') entry.trace = `projects/${PROJECT}/traces/${rng.hex(32)}`;
  return sorted(entry) as Record<string, unknown>;
}

/** `scale` multiplies every family's count (at least one entry each): small scales make rare problems. */
export function buildHeldoutSet(seed = 20251007, scale = 1): HeldoutSet {
  const secrets = new Set<string>();
  const emailLocals = new Set<string>();
  const plant: Plant = {
    secret: (value) => (secrets.add(value), value),
    email: (local, domain) => (emailLocals.add(local), `${local}@${domain}`),
  };
  const rows: Array<{ time: number; entry: Record<string, unknown>; family: Family }> = [];
  for (const family of FAMILIES) {
    const rng = Prng.fork(seed, family.name);
    const count = Math.max(1, Math.round(family.count * scale));
    for (let i = 0; i < count; i++) {
      const time = DAY_START + rng.int(0, DAY_MS - 1);
      const revision = revisionOf(family.service, time);
      const payload = family.emit({ rng, plant, time, service: family.service, revision });
      rows.push({ time, family, entry: envelope(payload, family.service, revision, time, rng) });
    }
  }
  // gcloud lists newest first.
  rows.sort((a, b) => b.time - a.time);
  return {
    entries: rows.map((r) => r.entry),
    truth: rows.map((r) => ({
      insertId: r.entry.insertId as string,
      family: r.family.name,
      service: r.family.service,
      severity: (r.entry.severity as string | undefined) ?? 'DEFAULT',
      noise: r.family.noise === true,
    })),
    secrets: [...secrets],
    emailLocals: [...emailLocals],
    start: DAY_START,
    end: DAY_START + DAY_MS,
  };
}
