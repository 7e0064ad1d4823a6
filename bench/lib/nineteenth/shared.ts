// What this day's services share: the project, a compact way to write a family, Python's traceback, the
// request's trace, and Cloud Run's own line after a process ends.
import type { Prng } from '../prng.js';

export { exitLine, fam, pyTraceback, type PyFrame } from '../day-parts.js';

export const PROJECT = 'moss-harbor-4410';

/** A chained traceback: the cause first, then the exception raised from it. */
export function pyChained(cause: string, effect: string): string {
  return `${cause}\n\nThe above exception was the direct cause of the following exception:\n\n${effect}`;
}

export const cloudTrace = (rng: Prng): string => `projects/${PROJECT}/traces/${rng.hex(32)}`;
