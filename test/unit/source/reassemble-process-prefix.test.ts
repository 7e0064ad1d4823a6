// A process manager (honcho, foreman, overmind) or docker compose prefixes every line a program writes
// with the program's name: the prefix is set aside before the line is read, so a traceback written under
// it joins, and two programs' lines interleaved in one stream stay apart.
import { describe, expect, it } from '@jest/globals';
import { reassembleAll } from '../../../src/source/reassemble.js';
import { processPrefix } from '../../../src/normalize/process-prefix.js';
import { stripLogHeader } from '../../../src/normalize/log-header.js';
import { cloudRunLines, texts } from '../../support/cloud-run-lines.js';

const { line } = cloudRunLines('stderr');

const TRACE = [
  'Traceback (most recent call last):',
  '  File "/usr/local/lib/python3.12/site-packages/bottle.py", line 876, in _handle',
  '    return route.call(**args)',
  '  File "/app/shop/views.py", line 77, in checkout',
  "    sku = line['sku']",
  "KeyError: 'sku'",
];
const OTHER = [
  'Traceback (most recent call last):',
  '  File "/app/shop/worker.py", line 12, in sync',
  '    cache.ping()',
  'redis.exceptions.ConnectionError: Error 111 connecting to redis:6379. Connection refused.',
];

/** One entry per line, 20 µs apart. */
const at = (lines: readonly string[]) => lines.map((t, i) => line(t, 20 * i));

describe("a process manager's prefix", () => {
  it.each([
    ['honcho / foreman', '12:00:01 web.1    | ', 'web.1'],
    ['honcho, the longest name', '12:00:01 worker.1 | ', 'worker.1'],
    ['overmind', 'web    | ', 'web'],
    ['docker compose v2', 'web-1  | ', 'web-1'],
    ['docker compose v1', 'web_1  | ', 'web_1'],
  ])('%s: %j is set aside', (_how, prefix, name) => {
    expect(processPrefix(`${prefix}KeyError: 'sku'`)).toEqual({ length: prefix.length, name });
    expect(stripLogHeader(`${prefix}2026-03-10 12:00:01,234 ERROR [app.db] connection refused`)).toEqual({ rest: 'connection refused', level: 'ERROR' });
  });

  it.each([
    '| service | status |',
    '|---|---|',
    'ps aux | grep gunicorn',
    'the value a | b was rejected',
    '  12 | export function orient(meta: Metadata) {',
    '12 | const x = 1;',
    'ERROR | disk full',
    '12:00:01 ERROR | disk full',
    '+ ls /app | wc -l',
    'App 77 crashed: out of memory',
    'Application output: 3 lines',
  ])('no prefix in %j', (s) => {
    expect(processPrefix(s)).toBeNull();
  });

  it('joins a traceback written under honcho, one line per write, in both time orders', () => {
    const entries = at(TRACE.map((l) => `12:00:01 web.1    | ${l}`));
    for (const input of [entries, [...entries].reverse()]) expect(texts(reassembleAll(input))).toEqual([TRACE.join('\n')]);
  });

  it('joins a traceback Passenger relayed one line at a time behind the app\'s pid, apart from another process\'s', () => {
    // As pasted with a Passenger-hosted WSGI app: `App 3065440 output:   File "/opt/passenger/…", line 88, in load_app`.
    const lines: string[] = [];
    for (let i = 0; i < Math.max(TRACE.length, OTHER.length); i++) {
      if (i < TRACE.length) lines.push(`App 3065440 output: ${TRACE[i]}`);
      if (i < OTHER.length) lines.push(`App 289567 stderr: ${OTHER[i]}`);
    }
    expect(processPrefix('App 3065440 output: x')).toEqual({ length: 20, name: 'App 3065440' });
    expect(processPrefix('App 74694 output:')).toEqual({ length: 17, name: 'App 74694' });
    expect(new Set(texts(reassembleAll(at(lines))))).toEqual(new Set([TRACE.join('\n'), OTHER.join('\n')]));
  });

  it("joins each program's traceback apart when their lines interleave in one stream", () => {
    const lines: string[] = [];
    for (let i = 0; i < Math.max(TRACE.length, OTHER.length); i++) {
      if (i < TRACE.length) lines.push(`web-1     | ${TRACE[i]}`);
      if (i < OTHER.length) lines.push(`worker-1  | ${OTHER[i]}`);
    }
    expect(new Set(texts(reassembleAll(at(lines))))).toEqual(new Set([TRACE.join('\n'), OTHER.join('\n')]));
  });

  it('leaves a Markdown table and pipelines as they were', () => {
    const lines = ['| service | status |', '|---|---|', '| web | down |'];
    expect(texts(reassembleAll(at(lines)))).toEqual(lines);
  });
});
