// What the thirtieth day's services share: the project, Cloud Run's line after a process ends, the
// user agents the day's clients send, a request's trace.
import type { Prng } from '../prng.js';
import type { Write } from '../stranger/model.js';
import { exitLine, traceIn } from '../day-parts.js';

export { as, digits, fam, peer, pyTraceback, type PyFrame } from '../day-parts.js';

export const PROJECT = 'harrowgate-run-prod';

/** `projects/P/traces/T`, the value a structured line carries in `logging.googleapis.com/trace`. */
export const traceOf = (rng: Prng): string => traceIn(PROJECT, rng);

/** Cloud Run's line when the container's process ended with `code`: a problem of its own. */
export const containerExit = (service: string, code: number): Write => exitLine(service, code, `${service}:container-exit-${code}`);

export const UA = ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1', 'okhttp/4.12.0', 'Go-http-client/2.0', 'axios/1.7.9'];

/** JSON-escapes a text for a JSON line written by hand (a Monolog context, a pino-pretty body). */
export const jsonText = (s: string): string => JSON.stringify(s).slice(1, -1);
