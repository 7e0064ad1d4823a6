// A group counted by Log Analytics, dealt out to its samples: whole entries, exact in sum.
import fc from 'fast-check';
import { BUCKET_MS } from '../../../../src/classify/index.js';
import { shareOut } from '../../../../src/classify-groups.js';
import type { EntryGroup } from '../../../../src/shared/ports.js';

const T0 = Date.UTC(2025, 8, 11);

function group(buckets: number[], revisions: Array<[string, number]>): EntryGroup {
  const count = buckets.reduce((a, b) => a + b, 0);
  const used = buckets.map((n, i) => [T0 + i * BUCKET_MS, n] as [number, number]).filter(([, n]) => n > 0);
  return {
    count,
    firstSeen: used[0]![0] + 1000,
    lastSeen: used[used.length - 1]![0] + 2000,
    revisions: revisions.map(([name, n], i) => ({ name, count: n, firstSeen: T0 + i })),
    buckets: used,
    samples: [],
  };
}

describe('shareOut', () => {
  it.each([
    ['one sample takes everything', [5, 0, 7], 1, [12]],
    ['an even split', [6, 3], 3, [3, 3, 3]],
    ['remainders go round, bucket after bucket', [1, 1, 1, 1], 3, [2, 1, 1]],
    ['as many samples as entries: one each', [1, 0, 2], 3, [1, 1, 1]],
  ])('%s', (_name, buckets, k, counts) => {
    const shares = shareOut(group(buckets, []), k);
    expect(shares.map((s) => s.count)).toEqual(counts);
  });

  it('gives the group its exact span back, whoever holds the first and last buckets', () => {
    const g = group([1, 0, 0, 1], []);
    const shares = shareOut(g, 2);
    expect(Math.min(...shares.map((s) => s.firstSeen))).toBe(g.firstSeen);
    expect(Math.max(...shares.map((s) => s.lastSeen))).toBe(g.lastSeen);
    for (const s of shares) expect(s.firstSeen).toBeLessThanOrEqual(s.lastSeen);
  });

  it('leaves entries without a revision out of the revisions, as a plain add does', () => {
    const shares = shareOut(group([4], [['', 2], ['api-7', 2]]), 2);
    expect(shares.map((s) => [...s.revisions.keys()])).toEqual([['api-7'], ['api-7']]);
  });

  it('adds up to the group: count, every bucket, every revision (property)', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 12 }).filter((b) => b.some((n) => n > 0)),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 0, max: 3 }),
      (buckets, k, revs) => {
        const g = group(buckets, []);
        const names = Array.from({ length: revs }, (_, i) => `r${i}`);
        g.revisions = names.map((name, i) => ({ name, count: Math.floor(g.count / (revs || 1)) + (i === 0 ? g.count % (revs || 1) : 0), firstSeen: T0 }));
        const kk = Math.min(k, g.count);
        const shares = shareOut(g, kk);
        expect(shares.reduce((a, s) => a + s.count, 0)).toBe(g.count);
        for (const [bucket, n] of g.buckets) expect(shares.reduce((a, s) => a + (s.buckets.get(bucket) ?? 0), 0)).toBe(n);
        for (const r of g.revisions) expect(shares.reduce((a, s) => a + (s.revisions.get(r.name)?.count ?? 0), 0)).toBe(r.count);
        for (const s of shares) expect(s.count).toBeGreaterThan(0);
      },
    ));
  });
});
