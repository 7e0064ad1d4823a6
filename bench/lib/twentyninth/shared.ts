// What the twenty-ninth day's services share: the project, Cloud Run's line after a process ends, the
// user agents the day's clients send.
import type { Prng } from '../prng.js';
import type { Write } from '../stranger/model.js';
import { exitLine, traceIn } from '../day-parts.js';

export { as, digits, fam, peer, pyTraceback, type PyFrame } from '../day-parts.js';

export const PROJECT = 'sedgebrook-run-prod';

/** `projects/P/traces/T`, the value a structured line carries in `logging.googleapis.com/trace`. */
export const traceOf = (rng: Prng): string => traceIn(PROJECT, rng);

/** Cloud Run's line when the container's process ended with `code`: a problem of its own. */
export const containerExit = (service: string, code: number): Write => exitLine(service, code, `${service}:container-exit-${code}`);

export const UA = ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15', 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36', 'okhttp/4.12.0', 'python-httpx/0.28.1', 'curl/8.5.0'];

/** Python's `repr()` of a str: single quotes unless the text has a single quote and no double quote. */
export function pyRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(new RegExp(q, 'g'), `\\${q}`);
  return `${q}${body}${q}`;
}
