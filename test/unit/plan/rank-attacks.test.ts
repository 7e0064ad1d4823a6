// Spam and starvation: whoever reaches a service chooses the words of its log lines and how often they
// are written. Neither may push a real problem behind the per-sweep cap: the order rests on what an
// outsider cannot forge (a rule, the logged severity, a stack through the service's own frames, a 5xx
// the service answered, the revisions that logged it) and count comes last.
import { plan } from '../../../src/plan/index.js';
import type { Cluster, Severity } from '../../../src/shared/types.js';
import { SERVICE, T0, HOUR, cluster, input, settings } from './fixtures.js';

const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];

/** Attacker-worded lines the service logs as they came (a form field, a user name, a header). */
function spam(n: number, severity: Severity, count: number): Cluster[] {
  return Array.from({ length: n }, (_, i) =>
    cluster({
      id: `cspam${severity[0]}${String(i).padStart(2, '0')}`,
      template: `Profile update rejected: display name "urgent security notice all users must ${WORDS[i % 10]} ${WORDS[Math.floor(i / 10)]}" is not allowed`,
      severity,
      count,
    }),
  );
}

/** A real failure: a TypeError raised in the service's own checkout code. */
const REAL = cluster({
  id: 'creal',
  kind: 'stack',
  template: "TypeError: Cannot read properties of undefined (reading 'total')\n    at priceCart (/app/src/checkout/price.js:<NUM>:<NUM>)",
  exceptionType: 'TypeError',
  frames: ['priceCart (src/checkout/price.js)', 'checkout (src/checkout/index.js)'],
  severity: 'ERROR',
  count: 6,
});

const SERVER_ERROR = cluster({ id: 'c5xx', kind: 'request', template: 'POST /api/checkout 500', severity: 'ERROR', count: 2 });

const creates = (clusters: Cluster[], cap?: number): string[] => {
  const s = settings((x) => { if (cap !== undefined) x.github.maxCreatesPerRun = cap; });
  return plan(input({ clusters, settings: s })).actions.filter((a) => a.kind === 'create').map((a) => a.cluster);
};

describe('spam cannot starve a real problem', () => {
  it('40 attacker-worded WARNING and ERROR lines, thousands each, do not keep one real error with a stack out of the cap', () => {
    const clusters = [...spam(20, 'ERROR', 5_000), ...spam(20, 'WARNING', 5_000), REAL];
    const filed = creates(clusters);
    expect(filed).toHaveLength(5);
    expect(filed[0]).toBe('creal');
  });

  it('the count still labels the spam (P0 from 5000 errors) but does not move it ahead', () => {
    const out = plan(input({ clusters: [...spam(3, 'ERROR', 5_000), REAL] }));
    expect(out.problems.map((p) => [p.id, p.priority])).toEqual([
      ['creal', 'P1'],
      ['cspamE00', 'P0'],
      ['cspamE01', 'P0'],
      ['cspamE02', 'P0'],
    ]);
  });

  it('a 5xx the service answered comes before attacker-worded errors, however many', () => {
    expect(creates([...spam(10, 'ERROR', 9_000), SERVER_ERROR], 1)).toEqual(['c5xx']);
  });

  it('spam across two revisions (an attack spanning a deploy) still waits behind the stack', () => {
    const spread = spam(10, 'ERROR', 5_000).map((c) => ({
      ...c,
      revisions: [
        { name: `${SERVICE}-00041-abc`, firstSeen: T0 - 5 * HOUR, count: 2_500 },
        { name: `${SERVICE}-00042-def`, firstSeen: T0 - 2 * HOUR, count: 2_500 },
      ],
    }));
    expect(creates([...spread, REAL], 1)).toEqual(['creal']);
  });

  it('between two lines of text, the one several revisions logged comes before a busier one', () => {
    const everywhere = cluster({
      id: 'cwide',
      template: 'Ledger sync lagging behind by <NUM> batches',
      severity: 'ERROR',
      count: 5,
      revisions: ['00040-aaa', '00041-abc', '00042-def'].map((r, i) => ({ name: `${SERVICE}-${r}`, firstSeen: T0 - (5 - i) * HOUR, count: 2 })),
    });
    expect(creates([...spam(5, 'ERROR', 5_000), everywhere], 1)).toEqual(['cwide']);
  });
});

describe('a client error never outranks a failure of the service', () => {
  // One client hammering a path that does not exist: Cloud Run logs 4xx as WARNING, but a service's own
  // request logger may say ERROR or worse, and the path may hold any words the client likes.
  const probes: Array<[string, Partial<Cluster> & { template: string }]> = [
    ['404 logged as WARNING', { template: 'GET /wp-login.php 404', severity: 'WARNING' }],
    ['404 logged as ERROR', { template: 'GET /wp-login.php 404', severity: 'ERROR' }],
    ['401 logged as CRITICAL', { template: 'POST /api/login 401', severity: 'CRITICAL' }],
    ['a path that reads like a crash', { template: 'GET /Uncaught exception 404', severity: 'ERROR' }],
    ['a path with attacker words', { template: 'GET /GCP-new-P0-urgent-security-notice 400', severity: 'ERROR' }],
  ];
  it.each(probes)('%s, 20000 times, after a 5xx and after an error with a stack', (_name, over) => {
    const probe = cluster({ id: 'cprobe', kind: 'request', count: 20_000, ...over });
    expect(creates([probe, SERVER_ERROR, REAL], 2).sort()).toEqual(['c5xx', 'creal']);
    expect(creates([probe, REAL], 1)).toEqual(['creal']);
    expect(creates([probe, SERVER_ERROR], 1)).toEqual(['c5xx']);
  });

  it('a 4xx still gets a slot when nothing more urgent waits', () => {
    const probe = cluster({ id: 'cprobe', kind: 'request', template: 'GET /wp-login.php 404', severity: 'WARNING', count: 20_000 });
    expect(creates([probe], 1)).toEqual(['cprobe']);
  });
});

describe('what people and the service decide still leads', () => {
  it("a configuration rule's priority comes before any signal (a person decided)", () => {
    const ruled = settings((s) => {
      s.github.maxCreatesPerRun = 1;
      s.rules.unshift({ match: 'wp-login', priority: 'P0' });
    });
    const probe = cluster({ id: 'cprobe', kind: 'request', template: 'GET /wp-login.php 404', severity: 'WARNING', count: 30 });
    const out = plan(input({ clusters: [REAL, probe], settings: ruled }));
    expect(out.actions.filter((a) => a.kind === 'create').map((a) => a.cluster)).toEqual(['cprobe']);
  });

  it('a CRITICAL line and a platform crash still come before an error with a stack', () => {
    const critical = cluster({ id: 'ccrit', template: 'Ledger write lost for partition <NUM>', severity: 'CRITICAL', count: 1 });
    const oom = cluster({ id: 'coom', template: 'Memory limit of <NUM> exceeded with <NUM> used.', samples: ['Memory limit of 512 MiB exceeded with 530 MiB used.'], severity: 'ERROR', count: 1 });
    expect(creates([REAL, oom, critical], 2)).toEqual(['ccrit', 'coom']);
  });

  it('the order does not depend on the order clusters arrive in', () => {
    const clusters = [...spam(6, 'ERROR', 700), ...spam(6, 'WARNING', 60), REAL, SERVER_ERROR];
    const forward = creates(clusters, 3);
    expect(creates([...clusters].reverse(), 3)).toEqual(forward);
    expect(forward.slice(0, 2).sort()).toEqual(['c5xx', 'creal']);
  });
});
