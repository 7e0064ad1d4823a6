// What this day's services share: the project, a compact way to write a family, Python's traceback,
// and Cloud Run's platform lines.
import type { Prng } from '../prng.js';

export { exitLine, fam, pyTraceback, type PyFrame } from '../day-parts.js';

export const PROJECT = 'heron-quay-5120';

export const traceId = (rng: Prng): string => rng.hex(32);
export const spanId = (rng: Prng): string => rng.hex(16);
export const cloudTrace = (rng: Prng): string => `projects/${PROJECT}/traces/${traceId(rng)}`;
