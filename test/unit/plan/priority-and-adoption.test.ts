import { ADOPTION_THRESHOLD, adoptionScore, assessPriority, plan, unsearchedCreates } from '../../../src/plan/index.js';
import type { Priority, Severity } from '../../../src/shared/types.js';
import { cluster, input, issue, settings } from './fixtures.js';

const thresholds = settings().thresholds; // escalate P3 200, P2 50, P1 500; hysteresis 0.8

describe('assessPriority', () => {
  const cases: Array<[string, { severity: Severity; count: number; rulePriority?: Priority; previous?: Priority }, Priority]> = [
    ['CRITICAL is P0', { severity: 'CRITICAL', count: 1 }, 'P0'],
    ['EMERGENCY is P0', { severity: 'EMERGENCY', count: 1 }, 'P0'],
    ['ERROR is P1', { severity: 'ERROR', count: 3 }, 'P1'],
    ['WARNING is P2', { severity: 'WARNING', count: 3 }, 'P2'],
    ['NOTICE is P3', { severity: 'NOTICE', count: 3 }, 'P3'],
    ['DEFAULT is P3', { severity: 'DEFAULT', count: 3 }, 'P3'],
    ['the seed: 76 warnings escalate P2 to P1', { severity: 'WARNING', count: 76 }, 'P1'],
    ['49 warnings stay P2', { severity: 'WARNING', count: 49 }, 'P2'],
    ['one step only: 5,000 notices are P2, not P1', { severity: 'NOTICE', count: 5000 }, 'P2'],
    ['500 errors escalate to P0', { severity: 'ERROR', count: 500 }, 'P0'],
    ['hysteresis holds an escalation at 40 (80% of 50)', { severity: 'WARNING', count: 40, previous: 'P1' }, 'P1'],
    ['below the hysteresis band it falls back', { severity: 'WARNING', count: 39, previous: 'P1' }, 'P2'],
    ['no hysteresis without an earlier escalation', { severity: 'WARNING', count: 45, previous: 'P2' }, 'P2'],
    ["a rule's priority is final", { severity: 'WARNING', count: 5000, rulePriority: 'P3' }, 'P3'],
  ];
  it.each(cases)('%s', (_name, args, expected) => {
    expect(assessPriority({ ...args, thresholds }).priority).toBe(expected);
  });
});

describe('adoptionScore', () => {
  const session = cluster({ id: 'c1', template: 'Session access failed (middleware not installed?): SessionMiddleware must be installed to access request.session' });
  const keyError = cluster({ id: 'c2', kind: 'stack', exceptionType: 'KeyError', template: "Traceback (most recent call last):\n  File <PATH>, line <NUM>, in load_profile\nKeyError: <QUOTED>" });
  const cases: Array<[string, typeof session, { title: string; body: string }, boolean]> = [
    ['error text quoted in the body', session, { title: 'Staging errors', body: 'Logs say: SessionMiddleware must be installed to access request.session' }, true],
    ['words in the title', session, { title: 'Session access failed: SessionMiddleware not installed', body: '' }, true],
    ['unrelated issue', session, { title: 'Dark mode for the dashboard', body: 'Please add a dark theme.' }, false],
    ['one shared word is not enough', session, { title: 'Session timeout too short', body: 'Users get logged out.' }, false],
    ['stack: exception and function named', keyError, { title: 'KeyError in load_profile', body: 'Traceback shows KeyError when profile is loaded' }, true],
    ['stack: another exception', keyError, { title: 'ValueError in checkout', body: 'int() failed' }, false],
  ];
  it.each(cases)('%s', (_name, c, text, adopt) => {
    expect(adoptionScore(c, issue({ number: 1, ...text })) >= ADOPTION_THRESHOLD).toBe(adopt);
  });
});

describe('unsearchedCreates', () => {
  const pending = (over: Parameters<typeof input>[0]): string[] => {
    const i = input(over);
    return unsearchedCreates(i, plan(i)).map((c) => c.id);
  };
  /** `n` problems that matter, the first the most frequent (so the most urgent among equals). */
  const problems = (n: number): ReturnType<typeof cluster>[] =>
    Array.from({ length: n }, (_, k) => cluster({ id: `c${k}`, template: `Webhook ${WORDS[k]} signature mismatch for <ID>`, count: 40 - k }));

  it('asks GitHub only about problems that matter and that no managed issue tracks', () => {
    const tracked = cluster({ id: 'ct', template: 'Database pool exhausted after <NUM>', count: 9 });
    const untracked = cluster({ id: 'cu', template: 'Webhook signature mismatch for <ID>', count: 9 });
    const noise = cluster({ id: 'cn', template: 'Cache miss ratio <NUM>', severity: 'NOTICE', count: 2 });
    const managed = issue({ number: 5, labels: ['log-gardener', 'P1'], state_block: {
      version: 1, clusterId: 'cother', aliases: [], template: 'Database pool exhausted after <*>', totalCount: 1, lastWindowCount: 1,
      firstSeen: '2025-09-01T00:00:00Z', lastSeen: '2025-09-01T00:00:00Z', priority: 'P1', windowEnd: '2025-09-01T00:00:00Z' } });
    const clusters = [tracked, untracked, noise];
    // The classifier placed issue #5's stored samples in cluster ct: it tracks it under another id.
    expect(pending({ clusters, issues: [managed], rederived: new Map([[5, [{ id: 'ct', placed: 'whole' as const }]]]) })).toEqual(['cu']);
    // A template that only looks alike vouches for nothing.
    expect(pending({ clusters, issues: [managed] }).sort()).toEqual(['ct', 'cu']);
  });

  it('asks only about the problems the per-run cap lets this sweep file, most urgent first', () => {
    const clusters = problems(8);
    expect(pending({ clusters, settings: settings((s) => void (s.github.maxCreatesPerRun = 3)) })).toEqual(['c0', 'c1', 'c2']);
    expect(pending({ clusters, settings: settings((s) => void (s.github.maxCreatesPerRun = 0)) })).toEqual([]);
    // The write cap holds problems back too: nothing it defers is searched.
    expect(pending({ clusters, settings: settings((s) => void (s.github.maxWritesPerRun = 2)) })).toEqual(['c0', 'c1']);
  });

  it('asks nothing twice, and asks about the next in line when an adoption frees a slot', () => {
    const clusters = problems(6);
    const capped = settings((s) => void (s.github.maxCreatesPerRun = 2));
    expect(pending({ clusters, settings: capped, candidates: new Map([['c0', []], ['c1', []]]) })).toEqual([]);
    const person = issue({ number: 77, title: `Webhook ${WORDS[0]} signature mismatch`, body: `Logs: Webhook ${WORDS[0]} signature mismatch for 42` });
    expect(pending({ clusters, settings: capped, candidates: new Map([['c0', [person]], ['c1', []]]) })).toEqual(['c2']);
    expect(pending({ clusters, settings: capped, candidates: new Map([['c0', [person]], ['c1', []], ['c2', []]]) })).toEqual([]);
  });
});

const WORDS = ['stripe', 'paypal', 'github', 'slack', 'twilio', 'shopify', 'adyen', 'klarna'];
