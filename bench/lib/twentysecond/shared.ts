// What this day's services share: the project, a compact way to write a family, Python's traceback,
// the request's trace, and Cloud Run's line after a process ends.
import type { Prng } from '../prng.js';
import type { Write } from '../stranger/model.js';

export { exitLine, fam, pyTraceback, type PyFrame } from '../day-parts.js';

export const PROJECT = 'wren-ledger-2291';

export const cloudTrace = (rng: Prng): string => `projects/${PROJECT}/traces/${rng.hex(32)}`;

/** Lines written one at a time (a logger that prints each line with its own call). */
export const eachLine = (stream: 'stdout' | 'stderr', lines: readonly string[], as?: Write['as']): Write[] =>
  lines.map((text) => (as ? { stream, text, as } : { stream, text }));

/** Cloud Run's startup probe failure for the container, a problem of its own (`family`). */
export const probeFailed = (family: string): Write => ({
  stream: 'varlog/system', severity: 'ERROR',
  text: 'Default STARTUP TCP probe failed 1 time consecutively for container "app" on port 8080. The instance was not started.',
  as: { family, level: 'ERROR' },
});
