// Input built to break a parser: it must come back as an Entry or a skip, bounded, never a throw
// or a hang. (A hang shows up as the test's own timeout; there are no timing assertions here.)
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { Entry, RawEntry } from '../../../src/shared/types.js';
import { MAX_TEXT_CHARS, TRUNCATED_MARKER, normalizeEntry, redact } from '../../../src/normalize/index.js';

const FIXTURE = new URL('../../fixtures/logs/hostile/odd-entries.jsonl', import.meta.url);
const timestamp = '2025-09-11T23:16:22Z';
const MB = 1024 * 1024;

// Control characters a message may not keep (everything below U+0020 but \t and \n, DEL, C1, bidi overrides).
const FORBIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What every normalized result must satisfy, whatever went in. */
function expectWellFormed(out: Entry | { skip: string }): void {
  if ('skip' in out) {
    expect(typeof out.skip).toBe('string');
    return;
  }
  expect(Number.isFinite(out.time)).toBe(true);
  expect(out.text.length).toBeGreaterThan(0);
  expect(out.text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
  expect(out.text).not.toMatch(FORBIDDEN);
  expect(['text', 'stack', 'request']).toContain(out.kind);
  if (out.errorType !== undefined) expect(out.errorType.length).toBeLessThanOrEqual(128);
}

function normalized(raw: unknown): Entry {
  const out = normalizeEntry(raw as RawEntry);
  expectWellFormed(out);
  if ('skip' in out) throw new Error(`skipped: ${out.skip}`);
  return out;
}

function nest(depth: number, make: (inner: unknown) => unknown, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = make(value);
  return value;
}

describe('hostile fixture file', () => {
  const lines = readFileSync(FIXTURE, 'utf8').split('\n');

  it.each(lines.map((line, index) => ({ index, line })))('line $index never throws', ({ line }) => {
    let raw: unknown = line; // a malformed line reaches us as text at worst
    try {
      raw = JSON.parse(line);
    } catch {
      // keep the string
    }
    expectWellFormed(normalizeEntry(raw as RawEntry));
  });

  it('cleans NUL bytes, terminal escapes, bidi overrides and lone surrogates', () => {
    const texts = lines
      .filter((line) => /NUL|bell|bidi|lone/.test(line))
      .map((line) => normalized(JSON.parse(line)).text);
    expect(texts).toEqual([
      'NULinthemiddle',
      'bell escapered del',
      'bidi txt.exe override',
      'lone \uFFFD high and \uFFFD low',
    ]);
  });
});

describe('not an entry at all', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['NaN', Number.NaN],
    ['a string', 'textPayload: x'],
    ['an array', [{ timestamp, textPayload: 'x' }]],
    ['a boolean', true],
    ['a function', () => ({ timestamp, textPayload: 'x' })],
    ['a symbol', Symbol('x')],
  ])('%s -> not an object', (_name, raw) => {
    expect(normalizeEntry(raw as unknown as RawEntry)).toEqual({ skip: 'not an object' });
  });

  it('an object whose getters throw is skipped, not thrown', () => {
    const raw = new Proxy({}, {
      get() {
        throw new Error('boom');
      },
    });
    expect(normalizeEntry(raw as RawEntry)).toEqual({ skip: 'unreadable entry' });
  });
});

describe('200-deep JSON', () => {
  it.each([
    ['nested objects', nest(200, (inner) => ({ a: inner }), { message: 'deep' })],
    ['nested error chain', nest(200, (inner) => ({ error: inner, message: undefined }), { message: 'root cause' })],
    ['nested message objects', nest(200, (inner) => ({ message: inner }), 'innermost')],
    ['nested arrays', { list: nest(200, (inner) => [inner], 'x') }],
    ['nested cause chain', nest(200, (inner) => ({ cause: inner }), { message: 'first' })],
  ])('%s', (_name, jsonPayload) => {
    const out = normalizeEntry({ timestamp, jsonPayload });
    expectWellFormed(out);
  });

  it('a message within reach is still found', () => {
    expect(normalized({ timestamp, jsonPayload: nest(2, (inner) => ({ wrap: inner }), { msg: 'found' }) }).text).toBe('found');
  });

  it('an error chain is followed only to the depth limit', () => {
    const out = normalized({ timestamp, jsonPayload: nest(200, (inner) => ({ error: inner }), { message: 'too deep' }) });
    expect(out.text).not.toContain('too deep');
  });
});

describe('1 MB messages come back bounded', () => {
  const big = 'x'.repeat(MB);
  it.each([
    ['textPayload', { timestamp, textPayload: big }],
    ['jsonPayload.message', { timestamp, jsonPayload: { message: big } }],
    ['message and stack_trace', { timestamp, jsonPayload: { message: big, stack_trace: `Error: y\n    at f (/a.js:1:2)\n${big}` } }],
    ['error.stack', { timestamp, jsonPayload: { error: { message: 'm', stack: big } } }],
    ['a request URL', { timestamp, httpRequest: { requestMethod: 'GET', requestUrl: `/${big}`, status: 500 } }],
    ['fields without a message', { timestamp, jsonPayload: { blob: big } }],
    ['one-MB key', { timestamp, jsonPayload: { [big]: 1 } }],
  ])('%s', (_name, raw) => {
    const out = normalized(raw);
    expect(out.text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
  });

  it('marks the cut', () => {
    const out = normalized({ timestamp, textPayload: big });
    expect(out.text.endsWith(TRUNCATED_MARKER)).toBe(true);
    expect(out.text.length).toBe(MAX_TEXT_CHARS);
  });

  it('redacts a secret that sits before the cut', () => {
    const out = normalized({ timestamp, textPayload: `password=hunter2 ${big}` });
    expect(out.text.startsWith('password=[REDACTED] ')).toBe(true);
  });

  it('bounds text that redaction made longer', () => {
    const out = normalized({ timestamp, textPayload: 'sid=1 '.repeat(20_000) });
    expect(out.text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    expect(out.text).not.toMatch(/sid=1/);
  });
});

describe('NUL bytes', () => {
  it('are stripped from text, keeping tabs and newlines', () => {
    expect(normalized({ timestamp, textPayload: 'a\u0000b\tc\nd\u0000' }).text).toBe('ab\tc\nd');
  });

  it('do not hide a secret', () => {
    expect(normalized({ timestamp, textPayload: 'pass\u0000word=hunter2' }).text).toBe('password=[REDACTED]');
  });

  it('in keys and values of a structured payload', () => {
    const out = normalized({ timestamp, jsonPayload: { 'mes\u0000sage': 'x', message: '\u0000hi\u0000' } });
    expect(out.text).toBe('hi');
  });
});

describe('regex bait', () => {
  const n = 100_000;
  it.each([
    ["'a' x 100000 + '!'", 'a'.repeat(n) + '!'],
    ["'@' x 1 MB", '@'.repeat(MB)],
    ["'=' x 1 MB", '='.repeat(MB)],
    ["'.' x 1 MB", '.'.repeat(MB)],
    ['word chars then @', 'a'.repeat(n) + '@example.com'],
    ['dotted domain run', 'a@' + 'a.'.repeat(n)],
    ['password= run', 'password='.repeat(n / 9)],
    ['password=" run', 'password="'.repeat(n / 10)],
    ['Authorization: run', 'Authorization: '.repeat(n / 15)],
    ['Bearer run', 'Bearer '.repeat(n / 7)],
    ['cookie run', 'Cookie: '.repeat(n / 8)],
    ['PEM header run', '-----BEGIN PRIVATE KEY-----'.repeat(n / 27)],
    ['PEM header then base64', '-----BEGIN PRIVATE KEY-----' + 'A'.repeat(n)],
    ['URL scheme run', 'http://'.repeat(n / 7)],
    ['URL userinfo bait', 'a://' + 'a:'.repeat(n / 2)],
    ['eyJ run', 'eyJ'.repeat(n / 3)],
    ['frame bait', '  at '.repeat(n / 5)],
    ['Traceback bait', 'Traceback (most recent call last):\n'.repeat(n / 35)],
    ['percent-40 run', '%40'.repeat(n / 3)],
    ['key entropy bait', ('key ' + 'aB3'.repeat(10) + ' ').repeat(n / 35)],
    ['backslashes', '\\'.repeat(MB)],
    ['quotes', '"'.repeat(MB)],
    ['newlines', '\n'.repeat(MB) + 'x'],
  ])('%s', (_name, textPayload) => {
    const out = normalizeEntry({ timestamp, textPayload });
    expectWellFormed(out);
  });
});

describe('any JSON at all', () => {
  it('never throws on arbitrary values as the entry', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        expectWellFormed(normalizeEntry(raw as RawEntry));
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary payloads, and its text is already redacted', () => {
    const raw = fc.record(
      {
        timestamp: fc.oneof(fc.constant(timestamp), fc.string()),
        severity: fc.oneof(fc.string(), fc.integer()),
        textPayload: fc.string(),
        jsonPayload: fc.jsonValue(),
        httpRequest: fc.record({ requestMethod: fc.string(), requestUrl: fc.string(), status: fc.integer(), latency: fc.string() }, { requiredKeys: [] }),
        protoPayload: fc.object(),
        resource: fc.object(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(raw, (entry) => {
        const out = normalizeEntry(entry as RawEntry);
        expectWellFormed(out);
        if (!('skip' in out)) expect(redact(out.text)).toBe(out.text);
      }),
      { numRuns: 500 },
    );
  });
});
