// What the twenty-seventh day's services share: the project, request traces as Cloud Run stamps them,
// and the platform's own lines that several services write.
import type { Prng } from '../prng.js';
import type { Write } from '../stranger/model.js';
import { exitLine, traceIn } from '../day-parts.js';

export { as, digits, fam, peer, pyTraceback, type PyFrame } from '../day-parts.js';

export const PROJECT = 'larkspur-run-prod';

/** `projects/P/traces/T`, the value a structured line carries in `logging.googleapis.com/trace`. */
export const traceOf = (rng: Prng): string => traceIn(PROJECT, rng);

/** Cloud Run's line when the container's process ended with `code`: a problem of its own. */
export const containerExit = (service: string, code: number): Write => exitLine(service, code, `${service}:container-exit-${code}`);

