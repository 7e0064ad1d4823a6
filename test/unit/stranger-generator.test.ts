// The stranger day generator: the same day for the same seed, truth aligned line by line with both
// exports, and every problem present at NOTICE or above while chatter stays below it.
import { buildDay, exportsOf, SERVICES } from '../../bench/lib/stranger/day.js';
import { AT_LEAST_NOTICE } from '../../bench/lib/stranger/model.js';

const day = buildDay(3);

describe('stranger day', () => {
  it('is the same day for the same seed and another day for another seed', () => {
    expect(JSON.stringify(buildDay(3))).toBe(JSON.stringify(day));
    expect(JSON.stringify(buildDay(4).entries.slice(0, 50))).not.toBe(JSON.stringify(day.entries.slice(0, 50)));
  });

  it('aligns the truth with the JSONL export (oldest first) and the JSON array (newest first)', () => {
    const [jsonl, array] = exportsOf(day);
    const lines = (jsonl?.text ?? '').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const arr = JSON.parse(array?.text ?? '[]') as Array<Record<string, unknown>>;
    expect(lines).toHaveLength(day.truth.length);
    expect(arr).toHaveLength(day.truth.length);
    const serviceOf = (e: Record<string, unknown>): unknown => (e.resource as { labels: { service_name: string } }).labels.service_name;
    lines.forEach((e, i) => expect(serviceOf(e)).toBe(jsonl?.truth[i]?.service));
    arr.forEach((e, i) => expect(serviceOf(e)).toBe(array?.truth[i]?.service));
    // Ordered to the microsecond (the nanosecond digits of one instant vary, as Cloud Logging's do).
    const micros = (e: Record<string, unknown>): string => String(e.timestamp).slice(0, 26);
    const times = lines.map(micros);
    expect([...times].sort()).toEqual(times);
    expect(arr.map(micros)).toEqual([...times].reverse());
  });

  it('gives every problem entries at NOTICE or above, and chatter none', () => {
    const families = new Map<string, Set<string>>();
    for (const t of day.truth) families.set(t.family, (families.get(t.family) ?? new Set()).add(t.severity));
    const problems = [...families].filter(([f]) => !f.startsWith('noise:'));
    expect(problems.length).toBeGreaterThanOrEqual(45);
    for (const [family, sevs] of problems) expect([family, [...sevs].some((s) => AT_LEAST_NOTICE.has(s))]).toEqual([family, true]);
    for (const [family, sevs] of families) if (family.startsWith('noise:')) expect([family, [...sevs]]).toEqual([family, ['INFO']]);
    expect(new Set(day.truth.map((t) => t.service))).toEqual(new Set(SERVICES.map((s) => s.name)));
  });

  it('shapes entries as Cloud Run does: text has no severity, JSON only from its severity field', () => {
    let split = 0;
    day.entries.forEach((e, i) => {
      const stream = String(e.logName).split('%2F').pop();
      if (stream === 'stdout' || stream === 'stderr') {
        if (e.textPayload !== undefined) expect(e.severity).toBeUndefined();
        else expect(e.severity === undefined || ['WARNING', 'ERROR', 'INFO'].includes(String(e.severity))).toBe(true);
        expect((e.jsonPayload as Record<string, unknown> | undefined)?.severity).toBeUndefined();
      }
      if (day.truth[i]?.shape === 'line') split += 1;
      expect(String(e.textPayload ?? '')).not.toMatch(/\n$/);
    });
    expect(split).toBeGreaterThan(day.entries.length / 10);
    expect(day.truth.some((t) => t.shape === 'cut')).toBe(true);
    expect(day.truth.some((t) => t.shape === 'orphan')).toBe(true);
  });
});
