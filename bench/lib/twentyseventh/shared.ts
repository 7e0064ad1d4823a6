// What the twenty-seventh day's services share: the project, request traces as Cloud Run stamps them,
// and the platform's own lines that several services write.
import type { Prng } from '../prng.js';
import type { Level, Write } from '../stranger/model.js';

export { fam, pyTraceback, type PyFrame } from '../day-parts.js';

export const PROJECT = 'larkspur-run-prod';

/** `projects/P/traces/T`, the value a structured line carries in `logging.googleapis.com/trace`. */
export const traceOf = (rng: Prng): string => `projects/${PROJECT}/traces/${rng.hex(32)}`;

/** Cloud Run's line when the container's process ended with `code`: a problem of its own. */
export const containerExit = (service: string, code: number): Write => ({
  stream: 'varlog/system', severity: 'WARNING', text: `Container called exit(${code}).`, as: { family: `${service}:container-exit-${code}`, level: 'WARNING' },
});

/** A write labelled with another problem than the family that emits it. */
export const as = (w: Write, family: string, level: Level): Write => ({ ...w, as: { family, level } });

/** Picks a fresh id of `n` decimal digits. */
export const digits = (rng: Prng, n: number): string => String(rng.int(10 ** (n - 1), 10 ** n - 1));

/** Cloud Run's internal peer as the container sees it. */
export const peer = (rng: Prng): string => `169.254.${rng.int(1, 8)}.${rng.int(1, 254)}`;
