// Bounded and strict sweep parameters: `window=999999w` and `now=2025-02-30` are errors that name
// the parameter, not a stack overflow and not a silent March 2nd.
import { describe, expect, it } from '@jest/globals';
import { checkNow, checkWindow } from '../../../src/entry/sweep-params.js';
import { MAX_DURATION_MS, parseDuration, parseRfc3339 } from '../../../src/shared/duration.js';
import { ConfigError } from '../../../src/shared/errors.js';

describe('window: at most 90 days', () => {
  it.each([['90d', MAX_DURATION_MS], ['12w', 12 * 7 * 86_400_000], ['6h', 21_600_000], ['1h30m', 5_400_000]])('%s is accepted', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['91d', '13w', '999999w', '2200h', '0h', ''])('%s is refused', (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it('names the parameter and the bound', () => {
    expect(() => checkWindow('999999w')).toThrow(ConfigError);
    expect(() => checkWindow('999999w')).toThrow(/^window: must be a duration from 1s to 90d/);
    expect(checkWindow('2d')).toBe('2d');
  });
});

describe('now: a real calendar time', () => {
  it.each([
    ['2025-09-12T00:00:00Z', Date.UTC(2025, 8, 12)],
    ['2024-02-29T23:59:59.5Z', Date.UTC(2024, 1, 29, 23, 59, 59, 500)],
    ['2025-09-12T02:00:00+02:00', Date.UTC(2025, 8, 12)],
  ])('%s', (text, ms) => {
    expect(parseRfc3339(text)).toBe(ms);
  });

  it.each(['2025-02-30T00:00:00Z', '2025-02-29T00:00:00Z', '2025-13-01T00:00:00Z', '2025-04-31T00:00:00Z', '2025-09-12T24:00:00Z',
    '2025-09-12T23:60:00Z', '2025-09-12T23:59:61Z', '2025-09-12T00:00:00+25:00', '2025-09-00T00:00:00Z', 'yesterday'])('%s is refused', (text) => {
    expect(parseRfc3339(text)).toBeNull();
    expect(() => checkNow(text)).toThrow(/^now: must be a real RFC 3339 time/);
  });
});
