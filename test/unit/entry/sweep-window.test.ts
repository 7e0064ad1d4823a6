import { catchUpWindow } from '../../../src/entry/sweep-window.js';
import type { TrackedIssue } from '../../../src/shared/types.js';

const HOUR = 3_600_000;
const end = Date.parse('2025-09-12T12:00:00Z');
const window = { start: end - 3 * HOUR, end };
const issue = (windowEnd: string | null) => ({ state_block: windowEnd === null ? null : { windowEnd } }) as unknown as TrackedIssue;
const iso = (ms: number) => new Date(ms).toISOString();

describe('catchUpWindow', () => {
  it.each([
    ['the first sweep (nothing recorded) reads its own window', [], window],
    ['issues without a state block say nothing', [issue(null)], window],
    ['the last sweep ended where this window starts: no gap', [issue(iso(end - 3 * HOUR))], window],
    ['the last sweep ended inside this window (a retry, an overlap)', [issue(iso(end - HOUR)), issue(iso(end - 30 * HOUR))], window],
    ['one missed sweep: reach back to the latest recorded end', [issue(iso(end - 6 * HOUR)), issue(iso(end - 9 * HOUR))], { start: end - 6 * HOUR, end }],
    ['a long outage: no further back than maxLookBack', [issue(iso(end - 72 * HOUR))], { start: end - 24 * HOUR, end }],
  ])('%s', (_name, issues, expected) => {
    expect(catchUpWindow(window, issues, 24 * HOUR).window).toEqual(expected);
  });

  it('says where it caught up from', () => {
    expect(catchUpWindow(window, [issue(iso(end - 6 * HOUR))], 24 * HOUR).watermark).toBe(end - 6 * HOUR);
    expect(catchUpWindow(window, [], 24 * HOUR).watermark).toBeUndefined();
  });
});
