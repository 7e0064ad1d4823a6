// What this day's services share: the project, a compact way to write a family, Python's traceback,
// the request's trace, and Cloud Run's line after a process ends.
import type { Prng } from '../prng.js';

export { exitLine, fam, pyTraceback, type PyFrame } from '../day-parts.js';

export const PROJECT = 'wren-lattice-7731';

export const cloudTrace = (rng: Prng): string => `projects/${PROJECT}/traces/${rng.hex(32)}`;
