// The two steps of the severity floor: what the sources keep before split traces are rejoined
// (mayMatter), and the floor itself after (meetsSeverityFloor).
import { describe, expect, it } from '@jest/globals';
import type { RawEntry } from '../../../src/shared/types.js';
import { mayMatter, meetsSeverityFloor } from '../../../src/normalize/index.js';

const cases: Array<{ name: string; entry: RawEntry; may: boolean; meets: boolean }> = [
  { name: 'own ERROR', entry: { severity: 'ERROR', textPayload: 'x' }, may: true, meets: true },
  { name: 'own INFO, even with an error header', entry: { severity: 'INFO', textPayload: 'ERROR:root:x' }, may: false, meets: false },
  { name: 'own INFO frame line', entry: { severity: 'INFO', textPayload: '    at f (a.js:1:2)' }, may: false, meets: false },
  { name: 'DEFAULT text with an ERROR header', entry: { textPayload: '2026-03-10 12:00:01,234 - app - ERROR - boom' }, may: true, meets: true },
  { name: 'DEFAULT traceback start', entry: { textPayload: 'Traceback (most recent call last):' }, may: true, meets: true },
  { name: 'DEFAULT frame line: kept for reassembly, below the floor alone', entry: { textPayload: '  File "/app/a.py", line 3, in <module>' }, may: true, meets: false },
  { name: 'DEFAULT Java frame', entry: { textPayload: '\tat com.example.Foo.bar(Foo.java:42)' }, may: true, meets: false },
  { name: 'DEFAULT Caused by', entry: { severity: 'DEFAULT', textPayload: 'Caused by: java.io.IOException: x' }, may: true, meets: false },
  { name: 'DEFAULT goroutine header', entry: { textPayload: 'goroutine 1 [running]:' }, may: true, meets: false },
  { name: 'DEFAULT text naming an error: may head a trace, below the floor alone', entry: { textPayload: 'health ok, error_count=0' }, may: true, meets: false },
  { name: 'DEFAULT plain text', entry: { textPayload: 'listening on :8080' }, may: false, meets: false },
  { name: 'DEFAULT INFO header', entry: { textPayload: 'INFO:app:started' }, may: false, meets: false },
  { name: 'pino error', entry: { jsonPayload: { level: 50, msg: 'boom' } }, may: true, meets: true },
  { name: 'pino info with an indented message: the level decides', entry: { jsonPayload: { level: 30, msg: '  indented' } }, may: false, meets: false },
  { name: '503 request without severity', entry: { httpRequest: { status: 503 } }, may: true, meets: true },
  { name: 'not an entry', entry: null as unknown as RawEntry, may: false, meets: false },
];

describe('mayMatter and meetsSeverityFloor at NOTICE', () => {
  it.each(cases)('$name', ({ entry, may, meets }) => {
    expect({ may: mayMatter(entry, 'NOTICE'), meets: meetsSeverityFloor(entry, 'NOTICE') }).toEqual({ may, meets });
  });

  it('mayMatter keeps a superset of meetsSeverityFloor', () => {
    for (const { entry } of cases) if (meetsSeverityFloor(entry, 'NOTICE')) expect(mayMatter(entry, 'NOTICE')).toBe(true);
  });

  it('follows the floor', () => {
    const warn: RawEntry = { textPayload: 'WARNING: disk low' };
    expect([mayMatter(warn, 'WARNING'), mayMatter(warn, 'ERROR')]).toEqual([true, false]);
    expect([meetsSeverityFloor(warn, 'WARNING'), meetsSeverityFloor(warn, 'ERROR')]).toEqual([true, false]);
    expect(meetsSeverityFloor({ textPayload: 'plain' }, 'DEFAULT')).toBe(true);
  });
});
