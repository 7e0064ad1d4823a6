// A line that carries a log header of its own with a level was logged as a record: it continues no record
// another line opened, however open that record is to a next line (a panic waiting for its message).
// Among a record's lines it is another writer's, and goes on alone, in either time order.
import { describe, expect, it } from '@jest/globals';
import { reassembleAll } from '../../../src/source/reassemble.js';
import { lineKind, opensOwnRecord } from '../../../src/source/trace-lines.js';
import { cloudRunLines, texts } from '../../support/cloud-run-lines.js';

const { line } = cloudRunLines('stderr');

// Rust 1.73+ prints a panic's message on the line after `panicked at …:` (as pasted in a report of a
// panic in an HTTP middleware); env_logger's records, as actix-web's examples print them, share stderr.
const PANIC = [
  "thread 'tokio-runtime-worker' panicked at reductstore/src/api/middleware.rs:39:40:",
  'called `Option::unwrap()` on a `None` value',
  'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace',
];
const ENV_LOGGER = [
  '[2020-03-01T05:09:55Z INFO  actix_server::builder] Starting 1 workers',
  '[2020-03-01T05:09:55Z INFO  actix_web::middleware::logger] 127.0.0.1 "GET /health HTTP/1.1" 200 2 "-" "curl/7.68.0" 0.000123',
];

/** One entry per line, 20 µs apart. */
const at = (lines: readonly string[]) => lines.map((t, i) => line(t, 20 * i));

describe('reassemble: a record of its own continues no other', () => {
  it.each([
    ['one', [PANIC[0]!, ENV_LOGGER[0]!, ...PANIC.slice(1)], [ENV_LOGGER[0]!]],
    ['two', [PANIC[0]!, ...ENV_LOGGER, ...PANIC.slice(1)], ENV_LOGGER],
  ])('%s env_logger line(s) between a panic and its message: the panic keeps its own message', (_n, order, others) => {
    const entries = at(order);
    for (const input of [entries, [...entries].reverse()]) {
      const out = texts(reassembleAll(input));
      expect(out).toContain(PANIC.join('\n'));
      expect(out.filter((t) => t !== PANIC.join('\n')).sort()).toEqual([...others].sort());
    }
  });

  it('a panic whose message never came takes no record of another writer for it', () => {
    const entries = at([PANIC[0]!, ENV_LOGGER[0]!]);
    for (const input of [entries, [...entries].reverse()]) {
      expect(texts(reassembleAll(input)).some((t) => t.includes('panicked') && t.includes('Starting'))).toBe(false);
    }
  });
});

describe('opensOwnRecord', () => {
  it.each([
    ['env_logger', ENV_LOGGER[0]!],
    ['Ruby Logger', 'I, [2026-03-10T10:00:00.123456 #1]  INFO -- : Completed 200 OK in 12ms'],
    ['.NET category line', 'info: Microsoft.Hosting.Lifetime[14]'],
    ['a bracketed level', '[INFO] Build finished'],
    ['a time and a level', '2026-03-10 10:00:00,123 INFO [main] com.acme.App - started'],
    ['glog', 'W0310 10:00:00.123456       1 cache.go:40] cache stale'],
  ])('%s: a record of its own', (_name, s) => {
    expect(opensOwnRecord(s, lineKind(s))).toBe(true);
  });

  it.each([
    ['a panic message', PANIC[1]!],
    ['an exception line', 'java.lang.IllegalStateException: pool closed'],
    ['a frame', '\tat com.acme.Pool.take(Pool.java:40)'],
    ["java.util.logging's level line, under its time and source", 'SEVERE: Servlet.service() for servlet [dispatcher] threw exception'],
    ["Bun's error line under its code frame", 'error: queue drained'],
    ["rustc's error line", 'error[E0308]: mismatched types'],
  ])('%s: no record of its own', (_name, s) => {
    expect(opensOwnRecord(s, lineKind(s))).toBe(false);
  });
});
