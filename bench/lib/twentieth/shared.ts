// What the twentieth day's services share: the project, a family's shape, the trace Cloud Run lifts, and
// Cloud Run's own line after a container exits.
import type { Prng } from '../prng.js';
import type { Ctx, Family, Level, Write } from '../stranger/model.js';

export const PROJECT = 'tern-quarry-4410';

export function fam(name: string, level: Level, perDay: readonly [number, number], emit: (c: Ctx) => Write[], burst?: number): Family {
  return burst === undefined ? { name, level, perDay, emit } : { name, level, perDay, emit, burst };
}

/** The request's trace as Cloud Logging wants it in `logging.googleapis.com/trace`. */
export const cloudTrace = (rng: Prng): string => `projects/${PROJECT}/traces/${rng.hex(32)}`;

/** Cloud Run's line after the container's process ends: its own problem, whatever came before. */
export const exitLine = (svc: string, code: number): Write => ({
  stream: 'varlog/system', severity: 'WARNING', text: `Container called exit(${code}).`, as: { family: `${svc}:container-exit`, level: 'WARNING' },
});

/** A rollout-dependent pick: the morning revision writes `a`, the later one `b`. */
export const byRev = <T>(rev: 0 | 1, a: T, b: T): T => (rev === 0 ? a : b);
