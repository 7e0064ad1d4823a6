// Realistic Cloud Run LogEntry objects, as `gcloud logging read --format=json` prints them, from a seed.
// Each entry comes with its ground-truth problem family, which never appears inside the entry itself.
// Streams in time order with memory independent of `count` (benchmarks generate a million entries).
import type { EmitContext, FamilySpec } from './family-spec.js';
import { secretPool } from './fake-secrets.js';
import { Prng } from './prng.js';
import {
  DEFAULT_PROJECT, DEFAULT_SERVICE, ROLLOUTS, revisionIndexAt, revisionPlan, serviceInfo, shapeOf,
} from './service-catalogue.js';
import { buildEnvelope } from './log-entry-envelope.js';

export interface GeneratorOptions {
  seed: number;
  /** Total entries over all services. */
  count: number;
  /** Window start (included). */
  start: Date;
  /** Window end (excluded). */
  end: Date;
  project?: string;
  services?: string[];
  /**
   * Multiplies every problem family's occurrences (default 1: about a fifth of a backend's entries are
   * problems); noise fills the rest. Past about 4 the problems crowd each other out.
   */
  problemScale?: number;
}

export interface GeneratedEntry {
  entry: Record<string, unknown>;
  family: string;
}

/** Day/night traffic: the position → time map is monotone, quieter around midnight UTC. */
const DIURNAL = 0.45;
const warp = (p: number): number => p + (DIURNAL * Math.sin(2 * Math.PI * p)) / (2 * Math.PI);

function unwarp(f: number): number {
  let lo = 0;
  let hi = 1;
  for (let k = 0; k < 40; k += 1) {
    const mid = (lo + hi) / 2;
    if (warp(mid) < f) lo = mid;
    else hi = mid;
  }
  return hi;
}

interface Stream {
  service: number;
  family: FamilySpec;
  startPos: number;
  endPos: number;
  remaining: number;
}

/** Problem families get exact quotas spread over their spans; noise fills every other position. */
function planStreams(services: string[], count: number, scale: number): Stream[] {
  const streams: Stream[] = [];
  services.forEach((name, service) => {
    for (const family of shapeOf(name).families) {
      if (family.per3k <= 0) continue;
      const total = Math.round((family.per3k * scale * count) / (3000 * services.length));
      const newest = ROLLOUTS[ROLLOUTS.length - 1] ?? 0;
      const spans = (family.spans ?? [[0, 1]])
        .map(([from, to]) => (family.newestRevisionOnly ? [Math.max(from, newest), to] as const : [from, to] as const))
        .filter(([from, to]) => to > from);
      spans.forEach(([from, to], k) => {
        const quota = Math.floor((total * (k + 1)) / spans.length) - Math.floor((total * k) / spans.length);
        const startPos = Math.ceil(unwarp(from) * count);
        const endPos = Math.min(count, Math.ceil(unwarp(to) * count));
        if (quota > 0 && endPos > startPos) streams.push({ service, family, startPos, endPos, remaining: quota });
      });
    }
  });
  return streams;
}

function validate(options: GeneratorOptions): void {
  if (!Number.isInteger(options.count) || options.count < 0) throw new RangeError(`count must be a whole number ≥ 0, got ${options.count}`);
  if (!Number.isFinite(options.seed)) throw new RangeError('seed must be a finite number');
  if (!(options.end.getTime() > options.start.getTime())) throw new RangeError('end must be after start');
  if (options.problemScale !== undefined && !(options.problemScale >= 0)) throw new RangeError('problemScale must be ≥ 0');
  if (options.services?.length === 0) throw new RangeError('services, when given, must name at least one service');
}

export function* generateEntries(options: GeneratorOptions): Generator<GeneratedEntry> {
  validate(options);
  const project = options.project ?? DEFAULT_PROJECT;
  const services = options.services ?? [DEFAULT_SERVICE];
  const { count } = options;
  const startMs = options.start.getTime();
  const spanMs = options.end.getTime() - startMs;
  const rng = new Prng(options.seed, 'entries');
  const secrets = secretPool();
  const infos = services.map((s) => serviceInfo(s, project));
  const revisions = services.map((s) => revisionPlan(s, options.seed));
  const noise = services.map((s) => shapeOf(s).families.filter((f) => f.per3k <= 0).map((f) => [f, f.noiseWeight ?? 1] as const));
  const streams = planStreams(services, count, options.problemScale ?? 1);

  for (let i = 0; i < count; i += 1) {
    const fraction = warp((i + rng.next()) / count);
    const time = startMs + spanMs * fraction;
    let chosen: Stream | undefined;
    let acc = 0;
    const r = rng.next();
    for (const s of streams) {
      if (s.remaining === 0 || i < s.startPos || i >= s.endPos) continue;
      acc += s.remaining / (s.endPos - i);
      if (r < acc) {
        chosen = s;
        break;
      }
    }
    const service = chosen ? chosen.service : rng.int(0, services.length - 1);
    const family = chosen ? chosen.family : rng.weighted(noise[service] ?? []);
    if (chosen) chosen.remaining -= 1;

    const plan = revisions[service];
    const info = infos[service];
    if (!plan || !info) throw new Error('unreachable: service index out of range');
    const revisionIndex = family.newestRevisionOnly ? plan.names.length - 1 : revisionIndexAt(fraction, rng.next());
    const revision = plan.names[revisionIndex] ?? '';
    const ctx: EmitContext = { rng, secrets, service: info, revision, time };
    const emission = family.emit(ctx);
    const instanceId = rng.pick(plan.instances[revisionIndex] ?? ['00']);
    yield { entry: buildEnvelope({ ctx, emission, index: i, instanceId }), family: family.name };
  }
}

/** The families a service can show (problems first, then noise), for tests and reports. */
export function familiesOf(service: string): { problems: string[]; noise: string[] } {
  const families = shapeOf(service).families;
  return {
    problems: families.filter((f) => f.per3k > 0).map((f) => f.name),
    noise: families.filter((f) => f.per3k <= 0).map((f) => f.name),
  };
}

/** True for background families (INFO, DEBUG, DEFAULT) that a sweep's severity floor drops. */
export function isNoiseFamily(family: string): boolean {
  return family.startsWith('info-') || family.startsWith('debug-');
}
