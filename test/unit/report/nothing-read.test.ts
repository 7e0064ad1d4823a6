import { explainNothingRead, type NothingReadInput } from '../../../src/report/nothing-read.js';

const HOUR = 3_600_000;
const dayStart = Date.parse('2025-09-11T00:00:00Z');
const seen = { first: dayStart, last: dayStart + 23 * HOUR, services: { backend: 2990, frontend: 10 } };

function input(extra: Partial<NothingReadInput> & { filtered?: number; skippedBy?: Record<string, number> }): NothingReadInput {
  const skippedBy = extra.skippedBy ?? {};
  const skipped = Object.values(skippedBy).reduce((a, b) => a + b, 0);
  return {
    entries: { read: 0, filtered: extra.filtered ?? 3000, skipped, skippedBy },
    window: extra.window ?? { start: dayStart + 30 * HOUR, end: dayStart + 36 * HOUR },
    services: extra.services ?? [],
    sourceResult: extra.sourceResult ?? { filtered: extra.filtered ?? 3000, skippedBy, complete: true, seen },
  };
}

describe('explainNothingRead', () => {
  it('shows the window and the file span when they do not overlap', () => {
    expect(explainNothingRead(input({}))).toBe(
      "No entries read: the window 2025-09-12T06:00:00Z to 2025-09-12T12:00:00Z does not overlap the file's entries (2025-09-11T00:00:00Z to 2025-09-11T23:00:00Z); set --now and --window to cover them.",
    );
  });

  it('lists the services seen when none is the one asked for', () => {
    const text = explainNothingRead(input({ window: { start: dayStart, end: dayStart + 24 * HOUR }, services: ['checkout'] }));
    expect(text).toBe('No entries read: no entry of service checkout; services seen: backend (2990), frontend (10).');
  });

  it('says every line was unreadable', () => {
    const text = explainNothingRead(input({ filtered: 0, skippedBy: { 'malformed JSON': 12 }, sourceResult: { filtered: 0, skippedBy: { 'malformed JSON': 12 }, complete: true, seen: { first: null, last: null, services: {} } } }));
    expect(text).toBe('No entries read: every one of the 12 entries was unreadable (12 malformed JSON).');
  });

  it('says when the window held entries, just none that matter', () => {
    expect(explainNothingRead(input({ window: { start: dayStart, end: dayStart + 24 * HOUR } }))).toMatch(/outside the window, of other services or below the severity floor/);
  });

  it('is silent when entries were read or the read failed (its error says why)', () => {
    expect(explainNothingRead({ ...input({}), entries: { read: 1, filtered: 0, skipped: 0, skippedBy: {} } })).toBeNull();
    expect(explainNothingRead(input({ sourceResult: { filtered: 0, skippedBy: {}, complete: false } }))).toBeNull();
  });
});
