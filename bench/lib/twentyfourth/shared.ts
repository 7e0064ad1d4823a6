// What this day's services share: the project, a compact way to write a family, Python's traceback,
// the request's trace, Node's stack frames, and Cloud Run's lines after a process ends or fails to start.
import type { Prng } from '../prng.js';
import type { Write } from '../stranger/model.js';

export { exitLine, fam, pyTraceback, type PyFrame } from '../day-parts.js';

export const PROJECT = 'heron-quarry-2291';

export const cloudTrace = (rng: Prng): string => `projects/${PROJECT}/traces/${rng.hex(32)}`;

/** Node's `err.stack`: the head line, then `    at ...` frames. */
export const nodeStack = (head: string, frames: readonly string[]): string => [head, ...frames.map((f) => `    at ${f}`)].join('\n');

/** Java's `printStackTrace()` frames, a tab before each `at`. */
export const javaFrames = (frames: readonly string[]): string => frames.map((f) => `\tat ${f}`).join('\n');

/** Cloud Run's startup probe failure for the container, a problem of its own (`family`). */
export const probeFailed = (family: string): Write => ({
  stream: 'varlog/system', severity: 'ERROR',
  text: 'Default STARTUP TCP probe failed 1 time consecutively for container "app" on port 8080. The instance was not started.',
  as: { family, level: 'ERROR' },
});

/** A word of `n` letters and digits, lower case (ids in URLs and documents). */
export const slug = (rng: Prng, n: number): string => rng.alnum(n).toLowerCase();
