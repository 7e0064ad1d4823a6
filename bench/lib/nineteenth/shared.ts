// What this day's services share: the project, a compact way to write a family, Python's traceback, the
// request's trace, and Cloud Run's own line after a process ends.
import type { Prng } from '../prng.js';
import type { Ctx, Family, Level, Write } from '../stranger/model.js';

export const PROJECT = 'moss-harbor-4410';

export function fam(name: string, level: Level, perDay: readonly [number, number], emit: (c: Ctx) => Write[], burst?: number): Family {
  return burst === undefined ? { name, level, perDay, emit } : { name, level, perDay, emit, burst };
}

/** One frame: file, line, function, source line. */
export type PyFrame = readonly [string, number, string, string];

/** Python's traceback for one exception. */
export function pyTraceback(frames: readonly PyFrame[], last: string): string {
  const lines = ['Traceback (most recent call last):'];
  for (const [file, line, fn, src] of frames) lines.push(`  File "${file}", line ${line}, in ${fn}`, `    ${src}`);
  lines.push(last);
  return lines.join('\n');
}

/** A chained traceback: the cause first, then the exception raised from it. */
export function pyChained(cause: string, effect: string): string {
  return `${cause}\n\nThe above exception was the direct cause of the following exception:\n\n${effect}`;
}

export const cloudTrace = (rng: Prng): string => `projects/${PROJECT}/traces/${rng.hex(32)}`;

/** Cloud Run's line after the container's process ends; a WARNING and a problem of its own. */
export const exitLine = (svc: string, code: number): Write => ({
  stream: 'varlog/system', severity: 'WARNING', text: `Container called exit(${code}).`, as: { family: `${svc}:platform-exit-${code}`, level: 'WARNING' },
});
