// Stack traces as the runtimes print them: CPython tracebacks (with chaining), Java's printStackTrace,
// Go's panic with goroutine dump, V8's Error.stack.
import type { Prng } from '../prng.js';

/** A Python frame: file, line, function, source line; `carets` adds 3.11+'s `^^^^` marker line. */
export type PyFrame = readonly [file: string, line: number, func: string, code: string, carets?: boolean];

export function pyTraceback(frames: readonly PyFrame[], exception: string): string {
  const out = ['Traceback (most recent call last):'];
  for (const [file, line, func, code, carets] of frames) {
    out.push(`  File "${file}", line ${line}, in ${func}`);
    out.push(`    ${code}`);
    if (carets) out.push(`    ${'^'.repeat(Math.max(1, code.length))}`);
  }
  out.push(exception);
  return out.join('\n');
}

/** Chained tracebacks, oldest first: `cause` is `raise ... from`, `context` is raising while handling. */
export function pyChain(parts: ReadonlyArray<{ frames: readonly PyFrame[]; exception: string }>, kind: 'cause' | 'context'): string {
  const sep = kind === 'cause'
    ? '\n\nThe above exception was the direct cause of the following exception:\n\n'
    : '\n\nDuring handling of the above exception, another exception occurred:\n\n';
  return parts.map((x) => pyTraceback(x.frames, x.exception)).join(sep);
}

export const SITE = '/app/.venv/lib/python3.12/site-packages';

/** Java: `exception\n\tat frame...` with `Caused by:` sections ending in `... N more`. */
export function javaTrace(head: string, frames: readonly string[], causes: ReadonlyArray<{ head: string; frames: readonly string[]; more: number }> = []): string {
  const out = [head, ...frames.map((f) => `\tat ${f}`)];
  for (const c of causes) {
    out.push(`Caused by: ${c.head}`, ...c.frames.map((f) => `\tat ${f}`));
    if (c.more > 0) out.push(`\t... ${c.more} more`);
  }
  return out.join('\n');
}

/** A Go goroutine's frames: function call line, then `\tfile:line +0xNN`. */
export function goFrames(rng: Prng, frames: ReadonlyArray<readonly [func: string, where: string]>): string {
  return frames.map(([f, w]) => `${f}\n\t${w} +0x${rng.hex(rng.int(2, 3)).replace(/^0+/, '') || '1f'}`).join('\n');
}

/** Go's runtime panic: `panic: msg`, a blank line, `goroutine N [running]:` and frames. */
export function goPanic(rng: Prng, message: string, goroutine: number, frames: ReadonlyArray<readonly [string, string]>, signal?: string): string {
  const sig = signal ? `\n${signal}` : '';
  return `panic: ${message}${sig}\n\ngoroutine ${goroutine} [running]:\n${goFrames(rng, frames)}`;
}

/** V8's Error.stack: `Type: message\n    at fn (file:line:col)`. */
export function nodeStack(head: string, frames: readonly string[]): string {
  return [head, ...frames.map((f) => `    at ${f}`)].join('\n');
}

/** A Go pointer-ish argument list as panics print them. */
export const goArgs = (rng: Prng, n: number): string => Array.from({ length: n }, () => `0x${rng.hex(10)}`).join(', ');
