// What this day's services share: the project, a compact way to write a family, Python's traceback,
// the request's trace, and Cloud Run's line after a process ends.
import type { Prng } from '../prng.js';
import type { Ctx, Family, Level, Write } from '../stranger/model.js';

export const PROJECT = 'heron-quarry-4417';

export function fam(name: string, level: Level, perDay: readonly [number, number], emit: (c: Ctx) => Write[], burst?: number): Family {
  return burst === undefined ? { name, level, perDay, emit } : { name, level, perDay, emit, burst };
}

/** One frame: file, line, function, source line. */
export type PyFrame = readonly [string, number, string, string];

/** Python's traceback. */
export function pyTraceback(frames: readonly PyFrame[], last: string): string {
  const lines = ['Traceback (most recent call last):'];
  for (const [file, line, fn, src] of frames) lines.push(`  File "${file}", line ${line}, in ${fn}`, `    ${src}`);
  lines.push(last);
  return lines.join('\n');
}

export const cloudTrace = (rng: Prng): string => `projects/${PROJECT}/traces/${rng.hex(32)}`;

/** Cloud Run's line after the container's process ends; a WARNING and a problem of its own. */
export const exitLine = (svc: string, code: number): Write => ({
  stream: 'varlog/system', severity: 'WARNING', text: `Container called exit(${code}).`, as: { family: `${svc}:platform-exit-${code}`, level: 'WARNING' },
});

/** Lines written one at a time (a logger that prints each line with its own call). */
export const eachLine = (stream: 'stdout' | 'stderr', lines: readonly string[], as?: Write['as']): Write[] =>
  lines.map((text) => (as ? { stream, text, as } : { stream, text }));
