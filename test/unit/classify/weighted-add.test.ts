// A sample that stands for a group counted elsewhere (Log Analytics): the classifier records the
// group's counts, span, revisions and timeline, and places the sample as it places any entry.
import { BUCKET_MS, createClassifier, emptyStats, record, type ClusterStats } from '../../../src/classify/index.js';
import type { Entry } from '../../../src/shared/types.js';

const T0 = Date.UTC(2025, 8, 11, 10, 0, 0);
const entry = (text: string, over: Partial<Entry> = {}): Entry => ({
  time: T0, severity: 'ERROR', service: 'api', revision: 'api-001', kind: 'text', text, ...over,
});

/** The stats of `n` entries like `e`, spread over `buckets` five-minute buckets from T0. */
function share(e: Entry, n: number, buckets: number): ClusterStats {
  const stats = emptyStats();
  record(stats, e);
  stats.count = n;
  stats.buckets = new Map(Array.from({ length: buckets }, (_, i) => [T0 + i * BUCKET_MS, n / buckets] as [number, number]));
  stats.lastSeen = T0 + (buckets - 1) * BUCKET_MS;
  stats.revisions = new Map([['api-001', { firstSeen: T0, count: n }]]);
  return stats;
}

describe('Classifier.add with a share', () => {
  it('counts the share, not the sample', () => {
    const c = createClassifier();
    const e = entry('payment 7 declined by gateway');
    c.add(e, share(e, 3000, 3));
    const [cluster] = c.clusters();
    expect(cluster).toMatchObject({
      count: 3000,
      firstSeen: T0,
      lastSeen: T0 + 2 * BUCKET_MS,
      revisions: [{ name: 'api-001', firstSeen: T0, count: 3000 }],
      timeline: [[T0, 1000], [T0 + BUCKET_MS, 1000], [T0 + 2 * BUCKET_MS, 1000]],
      samples: ['payment 7 declined by gateway'],
    });
  });

  it('adds shares and single entries of the same problem together, under the id a plain add gives', () => {
    const plain = createClassifier();
    plain.add(entry('payment 1 declined by gateway'));
    const weighted = createClassifier();
    const e = entry('payment 2 declined by gateway');
    weighted.add(e, share(e, 40, 2));
    weighted.add(entry('payment 3 declined by gateway'));
    const [cluster, ...rest] = weighted.clusters();
    expect(rest).toHaveLength(0);
    expect(cluster?.count).toBe(41);
    expect(cluster?.id).toBe(plain.clusters()[0]?.id);
  });
});
