// Pieces several of this day's services print the same way: Python's traceback, Cloud Run's line when a
// container exits, and the trace a request carries in X-Cloud-Trace-Context.
import type { Prng } from '../prng.js';
import type { Write } from '../stranger/model.js';

/** A frame: file, line, function, source line. */
export type PyFrame = readonly [string, number, string, string];

/** Python's `Traceback (most recent call last):` block ending in `last` (`Class: message`). */
export function pyTraceback(frames: readonly PyFrame[], last: string): string {
  const body = frames.map(([file, line, fn, code]) => `  File "${file}", line ${line}, in ${fn}\n    ${code}`).join('\n');
  return `Traceback (most recent call last):\n${body}\n${last}`;
}

/** Cloud Run's own line when the container's process ends: a problem of its own, not the crash's. */
export const containerExit = (service: string, code: number): Write => ({
  stream: 'varlog/system', severity: 'WARNING', text: `Container called exit(${code}).`,
  as: { family: `${service}:container-exit-${code}`, level: 'WARNING' },
});

/** `projects/P/traces/T`, the form Cloud Logging's `logging.googleapis.com/trace` field takes. */
export const traceName = (rng: Prng, project: string): string => `projects/${project}/traces/${rng.hex(32)}`;

/** The day's project, where a service stamps the trace into its records. */
export const PROJECT = 'marlpit-prod-2291';
