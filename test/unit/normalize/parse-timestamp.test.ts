import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseTimestamp } from '../../../src/normalize/index.js';

// Text ending in Z takes a regex-free path; the same instant written with +00:00 takes the general
// one. They must agree on every input, valid or not.
const pad = (n: number, width: number) => String(n).padStart(width, '0');

describe('parseTimestamp: the Z shape agrees with the general parser', () => {
  it('for any date, time and fraction, valid or out of range', () => {
    const stamp = fc.record({
      year: fc.integer({ min: 0, max: 9999 }),
      month: fc.integer({ min: 0, max: 13 }),
      day: fc.integer({ min: 0, max: 32 }),
      hour: fc.integer({ min: 0, max: 25 }),
      minute: fc.integer({ min: 0, max: 61 }),
      second: fc.integer({ min: 0, max: 61 }),
      fraction: fc.option(fc.stringMatching(/^[0-9]{1,13}$/), { nil: undefined }),
      sep: fc.constantFrom('T', 't', ' '),
    });
    fc.assert(
      fc.property(stamp, fc.constantFrom('Z', 'z'), (s, z) => {
        const body = `${pad(s.year, 4)}-${pad(s.month, 2)}-${pad(s.day, 2)}${s.sep}${pad(s.hour, 2)}:${pad(s.minute, 2)}:${pad(s.second, 2)}`
          + (s.fraction === undefined ? '' : `.${s.fraction}`);
        expect(parseTimestamp(body + z)).toBe(parseTimestamp(`${body}+00:00`));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['2025-09-11T23:16:22.Z', null],
    ['2025-09-11T23:16:22.1234567890123Z', null],
    ['2025-9-11T23:16:22Z', null],
    ['2025-09-11T23:16:2xZ', null],
    ['2025-09-11X23:16:22Z', null],
    [' 2025-09-11T23:16:22Z', Date.UTC(2025, 8, 11, 23, 16, 22)],
    ['2025-09-11T23:16:22.1Z', Date.UTC(2025, 8, 11, 23, 16, 22, 100)],
    ['2016-12-31T23:59:60.5Z', Date.UTC(2017, 0, 1, 0, 0, 0, 500)],
  ])('%s', (text, expected) => {
    expect(parseTimestamp(text)).toBe(expected);
    // Asked twice in a row, as the file source and then normalization do.
    expect(parseTimestamp(text)).toBe(expected);
  });
});
