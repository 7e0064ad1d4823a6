// A sample a past release stored may be the message with a prefix that release read as a header and
// this one reads as the message's (PDO's `SQLSTATE[40001]: ` after Laravel's header), or the other way
// round: it lands in no cluster as it is, nor in a record. Its core words still name the problem: it is
// found there, last of all ways and only when one cluster of its service fits.
import { createClassifier, rederiveIds, type LiveCluster } from '../../../src/classify/index.js';
import { normalizeEntry, sampleEntry } from '../../../src/normalize/index.js';
import type { Entry } from '../../../src/shared/types.js';

function entry(service: string, textPayload: string, second: number): Entry {
  const e = normalizeEntry({
    timestamp: `2026-12-05T12:00:${String(second).padStart(2, '0')}Z`, textPayload, severity: 'ERROR',
    resource: { type: 'cloud_run_revision', labels: { service_name: service, revision_name: `${service}-00002-abc` } },
  });
  if ('skip' in e) throw new Error(`skipped: ${textPayload}`);
  return e;
}

function classified(texts: Array<[string, string]>) {
  const c = createClassifier();
  texts.forEach(([service, t], i) => c.add(entry(service, t, i)));
  const clusters = c.clusters();
  const live = new Map<string, LiveCluster>(clusters.map((k) => [k.id, { service: k.services[0] ?? '', count: k.count }]));
  return { c, live, clusters };
}

const place = (c: ReturnType<typeof classified>['c'], live: Map<string, LiveCluster>, service: string, stored: string) =>
  rederiveIds(c, [{ issue: 1208, entries: [{ ...sampleEntry(stored, 'text')!, service }] }], live).get(1208);

// As hyperf/hyperf#4581 and monicahq/monica#2910 pasted the deadlock; the release before stored it
// without its SQLSTATE, which took the server's error number (1213) with it.
const DEADLOCK = (sku: number) => `SQLSTATE[40001]: Serialization failure: 1213 Deadlock found when trying to get lock; try restarting transaction (SQL: update \`stock\` set \`reserved\` = 1 where \`sku\` = ${sku})`;
const STORED = 'Serialization failure: 1213 Deadlock found when trying to get lock; try restarting transaction (SQL: update `stock` set `reserved` = 1 where `sku` = 52302)';

describe('a sample found by its core words alone', () => {
  it('lands in the one cluster of its service whose message holds its words', () => {
    const { c, live, clusters } = classified([['shop', DEADLOCK(1)], ['shop', DEADLOCK(2)], ['shop', 'Undefined array key "utm_source"']]);
    const deadlock = clusters.find((k) => k.template.includes('Deadlock'))!;
    expect(place(c, live, 'shop', STORED)).toEqual([{ id: deadlock.id, placed: 'core' }]);
  });

  it('lands where its message is, with a prefix the message today has not (the other way round)', () => {
    const { c, live, clusters } = classified([['shop', STORED], ['shop', STORED.replace('52302', '7')]]);
    expect(place(c, live, 'shop', `OrderService: ${DEADLOCK(3)}`)).toEqual([{ id: clusters[0]!.id, placed: 'core' }]);
  });

  it('lands nowhere in another service, whose team files its own', () => {
    const { c, live } = classified([['billing', DEADLOCK(1)], ['billing', DEADLOCK(2)]]);
    expect(place(c, live, 'shop', STORED)).toBeUndefined();
  });

  it('lands nowhere when two clusters fit it alike', () => {
    const { c, live } = classified([
      ['shop', `reserve: ${DEADLOCK(1)}`], ['shop', `reserve: ${DEADLOCK(2)}`],
      ['shop', `release: ${DEADLOCK(3)}`], ['shop', `release: ${DEADLOCK(4)}`],
    ]);
    expect(place(c, live, 'shop', STORED)).toBeUndefined();
  });

  it('lands nowhere when its words are too few to name a problem', () => {
    const { c, live } = classified([['shop', 'upstream connect error: connection refused to 10.0.0.7'], ['shop', 'upstream connect error: connection refused to 10.0.0.8']]);
    expect(place(c, live, 'shop', 'connection refused')).toBeUndefined();
  });

  it('is tried last: a sample found as it is is placed so', () => {
    const { c, live, clusters } = classified([['shop', DEADLOCK(1)], ['shop', DEADLOCK(2)]]);
    expect(place(c, live, 'shop', DEADLOCK(9))).toEqual([{ id: clusters[0]!.id, placed: 'whole' }]);
  });
});
