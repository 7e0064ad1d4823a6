// What this day's services share: the project, a compact way to write a family, Python's traceback,
// and Cloud Run's platform lines.
import type { Prng } from '../prng.js';
import type { Ctx, Family, Level, Write } from '../stranger/model.js';

export const PROJECT = 'heron-quay-5120';

export function fam(name: string, level: Level, perDay: readonly [number, number], emit: (c: Ctx) => Write[], burst?: number): Family {
  return burst === undefined ? { name, level, perDay, emit } : { name, level, perDay, emit, burst };
}

/** One frame: file, line, function, source line. */
export type PyFrame = readonly [string, number, string, string];

/** Python's traceback; `carets` adds 3.11's `^^^^` under the right-hand side of an assignment (where
 * the expression is not the whole line, as 3.11 and later print it). */
export function pyTraceback(frames: readonly PyFrame[], last: string, carets = false): string {
  const lines = ['Traceback (most recent call last):'];
  for (const [file, line, fn, src] of frames) {
    lines.push(`  File "${file}", line ${line}, in ${fn}`, `    ${src}`);
    const eq = src.indexOf(' = ');
    const comment = src.indexOf('  #');
    const end = comment > 0 ? comment : src.length;
    if (carets && eq > 0) lines.push(`    ${' '.repeat(eq + 3)}${'^'.repeat(end - eq - 3)}`);
  }
  lines.push(last);
  return lines.join('\n');
}

export const traceId = (rng: Prng): string => rng.hex(32);
export const spanId = (rng: Prng): string => rng.hex(16);
export const cloudTrace = (rng: Prng): string => `projects/${PROJECT}/traces/${traceId(rng)}`;

/** Cloud Run's line after the container's process ends; a WARNING and a problem of its own. */
export const exitLine = (svc: string, code: number): Write => ({
  stream: 'varlog/system', severity: 'WARNING', text: `Container called exit(${code}).`, as: { family: `${svc}:platform-exit-${code}`, level: 'WARNING' },
});
