// The signals one problem ranks by, read from its cluster and assessment: each case names what an
// outsider could or could not have forged.
import { assessCluster } from '../../../src/plan/index.js';
import { byUrgency, urgencyOf, type Urgency } from '../../../src/plan/rank.js';
import type { Cluster } from '../../../src/shared/types.js';
import { SERVICE, T0, cluster, settings } from './fixtures.js';

const s = settings();
const signals = (c: Cluster): Omit<Urgency, 'id' | 'count'> => {
  const { id: _id, count: _count, ...rest } = urgencyOf(c, assessCluster(c, s));
  return rest;
};

describe('urgencyOf', () => {
  const cases: Array<[string, Partial<Cluster> & { template: string }, Omit<Urgency, 'id' | 'count'>]> = [
    ['an ERROR line of text', { template: 'Profile update rejected: <*>' }, { standing: 'P1', tier: 1, evidence: 'words-only', revisions: 1 }],
    ['5000 ERROR lines: the count labels P0 but stands at P1', { template: 'Profile update rejected: <*>', count: 5_000 }, { standing: 'P1', tier: 1, evidence: 'words-only', revisions: 1 }],
    ['a stack through own frames', { kind: 'stack', template: 'TypeError: x', frames: ['priceCart (src/checkout/price.js)'] }, { standing: 'P1', tier: 1, evidence: 'own-failure', revisions: 1 }],
    ['a stack through library frames only', { kind: 'stack', template: 'TypeError: x', frames: [] }, { standing: 'P1', tier: 1, evidence: 'words-only', revisions: 1 }],
    ['a 503 the service answered', { kind: 'request', template: 'GET /api/orders 503' }, { standing: 'P1', tier: 1, evidence: 'own-failure', revisions: 1 }],
    ['a 404 logged as WARNING', { kind: 'request', template: 'GET /wp-login.php 404', severity: 'WARNING' }, { standing: 'P2', tier: 2, evidence: 'client-error', revisions: 1 }],
    ['a 404 logged as CRITICAL ranks as a warning', { kind: 'request', template: 'GET /wp-login.php 404', severity: 'CRITICAL' }, { standing: 'P2', tier: 2, evidence: 'client-error', revisions: 1 }],
    ['a 302 is neither', { kind: 'request', template: 'GET /login 302', severity: 'NOTICE' }, { standing: 'P3', tier: 3, evidence: 'words-only', revisions: 1 }],
    ['a platform crash logged as WARNING', { template: 'Container terminated on signal <NUM>.', samples: ['Container terminated on signal 9.'], severity: 'WARNING' }, { standing: 'P1', tier: 0, evidence: 'words-only', revisions: 1 }],
    [
      'three revisions, counted once each',
      { template: 'Ledger sync lagging', revisions: ['00040-aaa', '00041-abc', '00042-def', '00042-def'].map((r) => ({ name: `${SERVICE}-${r}`, firstSeen: T0, count: 1 })) },
      { standing: 'P1', tier: 1, evidence: 'words-only', revisions: 3 },
    ],
  ];
  it.each(cases)('%s', (_name, over, expected) => {
    expect(signals(cluster({ id: 'c', ...over }))).toEqual(expected);
  });
});

describe('byUrgency', () => {
  const u = (over: Partial<Urgency>): Urgency => ({ id: 'c', standing: 'P1', tier: 1, evidence: 'words-only', revisions: 1, count: 1, ...over });
  const pairs: Array<[string, Partial<Urgency>, Partial<Urgency>]> = [
    ['standing before everything', { standing: 'P0', tier: 4, evidence: 'client-error', count: 1 }, { standing: 'P1', tier: 0, evidence: 'own-failure', revisions: 9, count: 9e6 }],
    ['tier before evidence', { tier: 0 }, { tier: 1, evidence: 'own-failure' }],
    ['evidence before revisions and count', { evidence: 'own-failure' }, { revisions: 5, count: 9e6 }],
    ['words before a client error', { evidence: 'words-only' }, { evidence: 'client-error', count: 9e6 }],
    ['revisions before count', { revisions: 2 }, { count: 9e6 }],
    ['count before id', { id: 'z', count: 2 }, { id: 'a', count: 1 }],
    ['id last', { id: 'a' }, { id: 'b' }],
  ];
  it.each(pairs)('%s', (_name, first, second) => {
    expect(byUrgency(u(first), u(second))).toBeLessThan(0);
    expect(byUrgency(u(second), u(first))).toBeGreaterThan(0);
  });
});
