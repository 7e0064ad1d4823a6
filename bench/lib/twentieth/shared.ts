// What the twentieth day's services share: the project, a family's shape, the trace Cloud Run lifts, and
// Cloud Run's own line after a container exits.
import type { Prng } from '../prng.js';
import type { Write } from '../stranger/model.js';
import { exitLine as platformExit } from '../day-parts.js';

export { fam } from '../day-parts.js';

export const PROJECT = 'tern-quarry-4410';

/** The request's trace as Cloud Logging wants it in `logging.googleapis.com/trace`. */
export const cloudTrace = (rng: Prng): string => `projects/${PROJECT}/traces/${rng.hex(32)}`;

/** Cloud Run's line after the container's process ends: its own problem, whatever came before. */
export const exitLine = (svc: string, code: number): Write => platformExit(svc, code, `${svc}:container-exit`);

/** A rollout-dependent pick: the morning revision writes `a`, the later one `b`. */
export const byRev = <T>(rev: 0 | 1, a: T, b: T): T => (rev === 0 ? a : b);
