// What the twenty-eighth day's services share: the project, and Cloud Run's line after a process ends.
import type { Prng } from '../prng.js';
import type { Write } from '../stranger/model.js';
import { exitLine, traceIn } from '../day-parts.js';

export { as, digits, fam, peer, pyTraceback, type PyFrame } from '../day-parts.js';

export const PROJECT = 'quillwort-run-prod';

/** `projects/P/traces/T`, the value a structured line carries in `logging.googleapis.com/trace`. */
export const traceOf = (rng: Prng): string => traceIn(PROJECT, rng);

/** Cloud Run's line when the container's process ended with `code`: a problem of its own. */
export const containerExit = (service: string, code: number): Write => exitLine(service, code, `${service}:container-exit-${code}`);

export const UA = ['Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1', 'okhttp/4.12.0', 'python-requests/2.32.3', 'Go-http-client/2.0', 'curl/8.5.0'];
