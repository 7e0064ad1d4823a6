// What the twenty-eighth day's services share: the project, and Cloud Run's line after a process ends.
import type { Prng } from '../prng.js';
import type { Level, Write } from '../stranger/model.js';

export { fam, pyTraceback, type PyFrame } from '../day-parts.js';

export const PROJECT = 'quillwort-run-prod';

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

export const UA = ['Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1', 'okhttp/4.12.0', 'python-requests/2.32.3', 'Go-http-client/2.0', 'curl/8.5.0'];
