import { performance } from 'node:perf_hooks';
import { forgetTextMemos } from '../../src/normalize/text-memo.js';

/**
 * Mean milliseconds of `fn` over `runs`, after one warm-up. Each run starts with empty memos, so the
 * figure is the work, not a look-up of the last answer.
 */
export function timeWork(fn: () => void, runs = 5): number {
  fn();
  let total = 0;
  for (let i = 0; i < runs; i++) {
    forgetTextMemos();
    const start = performance.now();
    fn();
    total += performance.now() - start;
  }
  return total / runs;
}
