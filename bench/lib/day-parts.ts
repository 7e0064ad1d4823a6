// What the services of the later generated days write alike: a family in one call, Python's traceback,
// Cloud Run's line after a container's process ends, a request's trace, a relabelled write, ids and
// Cloud Run's internal peer. Each day's shared.ts passes these on beside its own project.
import type { Prng } from './prng.js';
import type { Ctx, Family, Level, Write } from './stranger/model.js';

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
    if (!carets) continue;
    const eq = src.indexOf(' = ');
    const comment = src.indexOf('  #');
    const end = comment > 0 ? comment : src.length;
    if (eq > 0) lines.push(`    ${' '.repeat(eq + 3)}${'^'.repeat(end - eq - 3)}`);
  }
  lines.push(last);
  return lines.join('\n');
}

/** Cloud Run's line after the container's process ends: a WARNING and a problem of its own (`family`). */
export const exitLine = (svc: string, code: number, family = `${svc}:platform-exit-${code}`): Write => ({
  stream: 'varlog/system', severity: 'WARNING', text: `Container called exit(${code}).`, as: { family, level: 'WARNING' },
});

/** `projects/P/traces/T`, the value a structured line carries in `logging.googleapis.com/trace`. */
export const traceIn = (project: string, rng: Prng): string => `projects/${project}/traces/${rng.hex(32)}`;

/** A write labelled with another problem than the family that emits it. */
export const as = (w: Write, family: string, level: Level): Write => ({ ...w, as: { family, level } });

/** Picks a fresh id of `n` decimal digits. */
export const digits = (rng: Prng, n: number): string => String(rng.int(10 ** (n - 1), 10 ** n - 1));

/** Cloud Run's internal peer as the container sees it. */
export const peer = (rng: Prng): string => `169.254.${rng.int(1, 8)}.${rng.int(1, 254)}`;
