// What this day's services share: the project, a compact way to write a family, Python's traceback,
// the request's trace, and Cloud Run's line after a process ends.
import type { Prng } from '../prng.js';
import type { Write } from '../stranger/model.js';

export { exitLine, fam, pyTraceback, type PyFrame } from '../day-parts.js';

export const PROJECT = 'heron-quarry-4417';

export const cloudTrace = (rng: Prng): string => `projects/${PROJECT}/traces/${rng.hex(32)}`;

/** Lines written one at a time (a logger that prints each line with its own call). */
export const eachLine = (stream: 'stdout' | 'stderr', lines: readonly string[], as?: Write['as']): Write[] =>
  lines.map((text) => (as ? { stream, text, as } : { stream, text }));
