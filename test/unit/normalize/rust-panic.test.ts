// A Rust panic printed by a compiler before 1.73 reads as the same panic printed by a newer one.
import { describe, expect, it } from '@jest/globals';
import { currentPanicShape } from '../../../src/normalize/rust-panic.js';
import { normalizeEntry } from '../../../src/normalize/normalize-entry.js';
import type { Entry } from '../../../src/shared/types.js';

const cases: Array<[name: string, old: string, current: string]> = [
  ['main, an unwrap on an Err',
    "thread 'main' panicked at 'called `Result::unwrap()` on an `Err` value: NotPresent', src/main.rs:31:47",
    "thread 'main' panicked at src/main.rs:31:47:\ncalled `Result::unwrap()` on an `Err` value: NotPresent"],
  ['a worker thread, a message holding quotes and a comma',
    "thread 'tokio-runtime-worker' panicked at 'bad key 'a', then 'b'', src/rank.rs:88:21",
    "thread 'tokio-runtime-worker' panicked at src/rank.rs:88:21:\nbad key 'a', then 'b'"],
  ['the note line under it stays',
    "thread '<unnamed>' panicked at 'explicit panic', src/worker.rs:12:9\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace",
    "thread '<unnamed>' panicked at src/worker.rs:12:9:\nexplicit panic\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace"],
  ['a message on several lines',
    "thread 'main' panicked at 'config invalid:\nmissing field `bucket`', crates/cfg/src/lib.rs:7:5",
    "thread 'main' panicked at crates/cfg/src/lib.rs:7:5:\nconfig invalid:\nmissing field `bucket`"],
];

describe('currentPanicShape', () => {
  it.each(cases)('%s', (_name, old, current) => {
    expect(currentPanicShape(old)).toBe(current);
    expect(currentPanicShape(current)).toBe(current);
  });

  it('leaves alone what is not an old panic line', () => {
    for (const text of [
      "thread 'main' panicked at src/main.rs:2:5:\nboom", "thread 'main' panicked at 'no place given'", "thread 'main' exited",
      "panic: runtime error: index out of range", "the thread 'main' panicked at 'x', a.rs:1:1", '',
    ]) expect(currentPanicShape(text)).toBe(text);
  });

  it('reads both shapes of one panic as one message, its text kept', () => {
    const read = (text: string) => (normalizeEntry({ timestamp: '2026-03-10T00:00:00Z', textPayload: text }) as Entry).text;
    for (const [, old, current] of cases) expect(read(old)).toBe(read(current));
    expect(read(cases[0]![1])).toContain('NotPresent');
  });

  it('costs a bounded look on hostile text', () => {
    const hostile = "thread 'main' panicked at '" + "', x".repeat(100_000);
    expect(currentPanicShape(hostile)).toBe(hostile);
  });
});
