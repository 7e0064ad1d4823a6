// Urgency before volume: the order of problems, and who gets the per-sweep slots, follow priority,
// then severity (platform crashes with the most severe), then count.
import { assessPriority, plan } from '../../../src/plan/index.js';
import { platformCrash } from '../../../src/plan/platform-crash.js';
import type { Cluster, Priority, Severity } from '../../../src/shared/types.js';
import { HOUR, T0, cluster, input, settings, windowEnding } from './fixtures.js';
import { SimulatedGitHub, writesOf } from './simulated-github.js';

const thresholds = settings().thresholds; // escalate P3 200, P2 50, P1 500

const warnings = (n: number, count = 80): Cluster[] =>
  Array.from({ length: n }, (_, i) => cluster({ id: `cwarn${i}`, template: `Cache shard ${'abcdefgh'[i]} slow to answer, retrying`, severity: 'WARNING', count }));
const ERROR = cluster({ id: 'cerror', template: 'Checkout failed: payment provider refused the card', severity: 'ERROR', count: 4 });
const OOM = cluster({
  id: 'coom',
  template: 'Memory limit of <NUM> exceeded with <NUM> used. Consider increasing the memory limit, see <URL>',
  samples: ['Memory limit of 512 MiB exceeded with 530 MiB used. Consider increasing the memory limit, see https://cloud.google.com/run/docs/configuring/memory-limits'],
  severity: 'ERROR',
  count: 2,
});
const SIGKILL = cluster({ id: 'csig', template: 'Container terminated on signal <NUM>.', samples: ['Container terminated on signal 9.'], severity: 'WARNING', count: 3 });
const CRITICAL = (id: string, count = 3): Cluster => cluster({ id, template: `Ledger write lost for partition ${id}`, severity: 'CRITICAL', count });

describe('platform crashes', () => {
  const cases: Array<[string, Partial<Cluster> & { template: string }, string | null]> = [
    ['memory limit', { template: OOM.template, samples: OOM.samples }, 'memory limit exceeded'],
    ['signal 9', { template: SIGKILL.template, samples: SIGKILL.samples }, 'container killed by a signal'],
    ['signal 15 is a normal shutdown', { template: SIGKILL.template, samples: ['Container terminated on signal 15.'] }, null],
    ['exit(1)', { template: 'Container called exit(<NUM>).', samples: ['Container called exit(1).'] }, 'container exited with an error'],
    ['exit(0) is a clean stop', { template: 'Container called exit(<NUM>).', samples: ['Container called exit(0).'] }, null],
    ['exit(0) and exit(1) together is a crash', { template: 'Container called exit(<NUM>).', samples: ['Container called exit(0).', 'Container called exit(1).'] }, 'container exited with an error'],
    ['readiness probe', { template: 'The request failed because the instance failed the readiness probe.' }, 'instance failed its health probe'],
    ['startup probe', { template: 'The request failed because the instance failed the startup probe.' }, 'instance failed its health probe'],
    ['default startup TCP probe', { template: 'Default STARTUP TCP probe failed <NUM> time consecutively for container "<QUOTED>" on port <NUM>. The instance was not started.' }, 'instance failed its health probe'],
    ['container failed to start', { template: 'Container failed to start. Failed to start and then listen on the port defined by the PORT environment variable.' }, 'container failed to start'],
    ['user-provided container out of memory', { template: 'The user-provided container ran out of memory' }, 'out of memory'],
    ['node heap', { template: 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory' }, 'out of memory'],
    ['JVM OutOfMemoryError', { kind: 'stack', exceptionType: 'java.lang.OutOfMemoryError', template: 'java.lang.OutOfMemoryError: Java heap space' }, 'out of memory'],
    ['Python MemoryError', { kind: 'stack', exceptionType: 'MemoryError', template: 'Traceback (most recent call last):\nMemoryError' }, 'out of memory'],
    ['uncaught exception', { template: 'Uncaught exception: TypeError: Cannot read properties of undefined (reading <QUOTED>)' }, 'uncaught exception'],
    ['Go panic', { kind: 'stack', exceptionType: 'runtime error: invalid memory address or nil pointer dereference', template: 'panic: runtime error: invalid memory address or nil pointer dereference' }, 'Go panic'],
    ['Go fatal error', { kind: 'stack', exceptionType: 'concurrent map writes', template: 'fatal error: concurrent map writes' }, 'Go panic'],
    ['a recovered handler panic is not a crash', { template: 'http: panic serving <IP>: runtime error: index out of range' }, null],
    ['no available instance is not a crash', { template: 'The request was aborted because there was no available instance.' }, null],
    ['an application error is not a crash', { template: 'Checkout failed: payment provider refused the card' }, null],
    ['Node heap after its GC block', { template: '<--- Last few GCs --->', samples: ['<--- Last few GCs --->\n\n[1:0x5a] 12 ms: Mark-Compact 2040.1 (2083.5) -> 2039.8 (2083.5) MB\n\nFATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory'] }, 'out of memory'],
    ['a JVM OutOfMemoryError line', { template: 'Exception in thread "<QUOTED>" java.lang.OutOfMemoryError: Java heap space' }, 'out of memory'],
    // A client's words in a logged value are no crash, whatever they say.
    ['a request path that names a crash', { kind: 'request', template: 'GET /Memory limit of 1 MiB exceeded 404' }, null],
    ['a crash phrase inside an application line', { template: 'invalid user name: Memory limit of <NUM> exceeded with <NUM> used', samples: ['invalid user name: Memory limit of 1 MiB exceeded with 2 MiB used'] }, null],
    ['Container called exit inside a form field', { template: 'signup rejected for "<QUOTED>"', samples: ['signup rejected for "Container called exit(1)."'] }, null],
    ['uncaught exception inside a search query', { template: 'search failed for q=<*>', samples: ['search failed for q=Uncaught exception urgent'] }, null],
    ['a panic line injected after a newline of a JSON message', { template: 'bad input: <*>', samples: ['bad input: x\npanic: all users must reset'] }, null],
  ];
  it.each(cases)('%s', (_name, over, expected) => {
    expect(platformCrash(cluster({ id: 'c', ...over }))).toBe(expected);
  });

  const priorities: Array<[string, Severity, number, Priority]> = [
    ['a crash logged as WARNING is P1', 'WARNING', 3, 'P1'],
    ['a crash logged as NOTICE is P1', 'NOTICE', 3, 'P1'],
    ['a crash without severity is P1', 'DEFAULT', 1, 'P1'],
    ['a crash logged as ERROR stays P1', 'ERROR', 3, 'P1'],
    ['a frequent crash escalates to P0', 'ERROR', 500, 'P0'],
    ['a crash logged as CRITICAL is P0', 'CRITICAL', 1, 'P0'],
  ];
  it.each(priorities)('%s', (_name, severity, count, expected) => {
    const verdict = assessPriority({ severity, count, crash: 'memory limit exceeded', thresholds });
    expect(verdict.priority).toBe(expected);
    expect(verdict.note).toMatch(/platform crash \(memory limit exceeded\)|escalated/);
  });

  it("a configuration rule's priority stays final, even for a crash", () => {
    expect(assessPriority({ severity: 'ERROR', count: 3, crash: 'out of memory', rulePriority: 'P3', thresholds }).priority).toBe('P3');
  });
});

describe('ranking', () => {
  it('orders by priority, then severity (crashes first), then count: an escalated warning never outranks an error', () => {
    const out = plan(input({ clusters: [...warnings(2), ERROR, OOM, SIGKILL, CRITICAL('ccrit')] }));
    expect(out.problems.map((p) => [p.id, p.priority])).toEqual([
      ['ccrit', 'P0'],
      ['csig', 'P1'], // a crash logged as WARNING: P1, with the crashes
      ['coom', 'P1'],
      ['cerror', 'P1'],
      ['cwarn0', 'P1'], // 80 warnings, escalated to P1: after every error at P1
      ['cwarn1', 'P1'],
    ]);
    expect(out.actions.filter((a) => a.kind === 'create').map((a) => a.cluster)).toEqual(['ccrit', 'csig', 'coom', 'cerror', 'cwarn0']);
  });

  it('gives the per-sweep create slots to the most urgent: crashes and errors before busier warnings', () => {
    const two = settings((s) => { s.github.maxCreatesPerRun = 2; });
    const out = plan(input({ clusters: [...warnings(5, 400), ERROR, OOM], settings: two }));
    expect(out.actions.filter((a) => a.kind === 'create').map((a) => a.cluster)).toEqual(['coom', 'cerror']);
    const waiting = out.actions.filter((a) => a.kind === 'none');
    expect(waiting.map((a) => a.cluster)).toEqual(['cwarn0', 'cwarn1', 'cwarn2', 'cwarn3', 'cwarn4']);
    for (const a of waiting) expect(a.reason).toContain('cap reached: 2 new issues per sweep');
  });

  it('holds the cap for P0 too: the most urgent get the slots, the rest wait for the next sweep', () => {
    const two = settings((s) => { s.github.maxCreatesPerRun = 2; });
    const out = plan(input({ clusters: [CRITICAL('ca', 3), CRITICAL('cb', 9), CRITICAL('cc', 5), ERROR], settings: two }));
    expect(out.actions.filter((a) => a.kind === 'create').map((a) => a.cluster)).toEqual(['cb', 'cc']);
    expect(out.actions.find((a) => a.cluster === 'ca')).toMatchObject({ kind: 'none', reason: expect.stringContaining('cap reached') });
  });

  it('never writes a lower problem while a more urgent one waits for the write cap', () => {
    const gh = new SimulatedGitHub();
    const session = cluster({ id: 'csession', template: 'Session store slow to answer', severity: 'WARNING', count: 20 }, T0 - 11 * HOUR, T0 - 7 * HOUR);
    gh.apply(plan(input({ clusters: [session], window: windowEnding(T0 - 6 * HOUR) })).actions);
    const busier = cluster({ id: 'csession', template: session.template, severity: 'WARNING', count: 76 });
    const fresh = cluster({ id: 'cfresh', template: 'Thumbnail queue lagging behind', severity: 'WARNING', count: 10 });
    const tight = settings((s) => { s.github.maxWritesPerRun = 2; });
    const out = plan(input({ clusters: [fresh, busier, CRITICAL('ccrit')], issues: gh.managed(), settings: tight }));
    // P0 create (1 write), then the P1 relabel + update (2 writes) does not fit: the P2 create waits too.
    expect(writesOf(out.actions).map((a) => [a.kind, a.cluster])).toEqual([['create', 'ccrit']]);
    expect(out.actions.find((a) => a.cluster === 'cfresh')).toMatchObject({ kind: 'none', reason: expect.stringContaining('writes per sweep') });
  });

  it('reports problems in the same order as it acts on them', () => {
    const out = plan(input({ clusters: [...warnings(1), ERROR, OOM] }));
    const order = out.problems.map((p) => p.id);
    const acted = [...new Set(out.actions.map((a) => a.cluster))];
    expect(acted).toEqual(order);
  });
});
