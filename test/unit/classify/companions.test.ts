// The companion rule (classify/companions.ts): records one failure writes beside its error count under
// the error's group, by when and by which instance they were written, whatever they say.
import { describe, expect, it } from '@jest/globals';
import { CompanionLedger, COMPANION_MS, DENSITY_SHIFT_MS, MAX_TRACE_RECORDS, TRACE_MS } from '../../../src/classify/companions.js';
import { Groups as SharedGroups } from './companion-groups.js';

const T0 = Date.parse('2026-12-05T10:00:00Z');

// A classifier stand-in whose groups are named by the test (companion-groups.ts).
class Groups extends SharedGroups {
  constructor() {
    super(T0, { service: 'api', revision: 'api-00001-abc', method: 'POST', path: '/chat' });
  }
}

/** `n` failures a minute apart, each written as `parts` (group, offset ms, options) by one instance. */
function failures(g: Groups, n: number, parts: Array<[string, number, Parameters<Groups['add']>[2]?]>, start = 0): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < n; i++) out.push(parts.map(([group, offset, options]) => g.add(group, start + i * 60_000 + offset, options)));
  return out;
}

describe('companion records', () => {
  it('counts a warning written just before each exception under the exception', () => {
    const g = new Groups();
    const written = failures(g, 20, [
      ['SQL Error: 0, SQLState: 08S01', 0, { severity: 'WARNING' }],
      ['CommunicationsException: Communications link failure', 2, { stack: true }],
    ]);
    for (const [warning] of written) expect(g.placed(warning!)).toBe('CommunicationsException: Communications link failure');
    const clusters = g.clusters();
    expect(clusters.map((c) => c.id)).toEqual(['CommunicationsException: Communications link failure']);
    expect(clusters[0]!.count).toBe(40);
    expect(g.ledger.absorbed(g)).toEqual(new Map([['SQL Error: 0, SQLState: 08S01', 'CommunicationsException: Communications link failure']]));
  });

  it('sends one warning line to whichever error it was written beside', () => {
    const g = new Groups();
    const a = failures(g, 10, [['SQL Error', 0, { severity: 'WARNING' }], ['CommunicationsException', 1, { stack: true }]]);
    const b = failures(g, 10, [['SQL Error', 0, { severity: 'WARNING' }], ['SQLTransientConnectionException', 1, { stack: true }]], 30_000);
    for (const [warning] of a) expect(g.placed(warning!)).toBe('CommunicationsException');
    for (const [warning] of b) expect(g.placed(warning!)).toBe('SQLTransientConnectionException');
    expect(g.clusters().map((c) => [c.id, c.count])).toEqual([['CommunicationsException', 20], ['SQLTransientConnectionException', 20]]);
  });

  it('follows a companion of a companion to the group that goes with none', () => {
    const g = new Groups();
    const written = failures(g, 10, [
      ['SQL Error', 0, { severity: 'WARNING' }],
      ['Communications link failure', 1],
      ['CommunicationsException', 3, { stack: true }],
    ]);
    for (const ids of written) expect(ids.map((s) => g.placed(s))).toEqual(['CommunicationsException', 'CommunicationsException', 'CommunicationsException']);
  });

  it('keeps apart two plain records at one level, written one after the other', () => {
    const g = new Groups();
    const written = failures(g, 20, [['TransactionReaper::check timeout', 0, { severity: 'WARNING' }], ['Abort of action invoked while multiple threads active', 1, { severity: 'WARNING' }]]);
    for (const [timeout, abort] of written) {
      expect(g.placed(timeout!)).toBe('TransactionReaper::check timeout');
      expect(g.placed(abort!)).toBe('Abort of action invoked while multiple threads active');
    }
    expect(g.clusters()).toHaveLength(2);
  });

  it('keeps apart a failure reported at ERROR beside a more severe one (a consequence, not a write-up)', () => {
    const g = new Groups();
    const written = failures(g, 20, [['WORKER TIMEOUT (pid:12)', 0, { severity: 'CRITICAL' }], ['Worker (pid:12) was sent SIGKILL! Perhaps out of memory?', 2, { severity: 'ERROR' }]]);
    for (const [, kill] of written) expect(g.placed(kill!)).toBe('Worker (pid:12) was sent SIGKILL! Perhaps out of memory?');
    expect(g.clusters()).toHaveLength(2);
  });

  // npm 10's report after `npm run migrate` exited 1 (google/ground-platform#1862 as pasted), written
  // after the command's own error, both at ERROR and both plain lines.
  const NPM_REPORT = 'npm error Lifecycle script `migrate` failed with error:\nnpm error code 1\nnpm error path /app\nnpm error command failed\nnpm error command sh -c prisma migrate deploy';

  it("sends npm's report that its script failed to each failure it was written after, at one level", () => {
    const g = new Groups();
    const a = failures(g, 10, [["Error: P1001: Can't reach database server at `<IP>`", 0], [NPM_REPORT, 1]]);
    const b = failures(g, 10, [['Error: P3009 migrate found failed migrations in the target database', 0], [NPM_REPORT, 2]], 30_000);
    for (const [, report] of a) expect(g.placed(report!)).toBe("Error: P1001: Can't reach database server at `<IP>`");
    for (const [, report] of b) expect(g.placed(report!)).toBe('Error: P3009 migrate found failed migrations in the target database');
    expect(g.clusters().map((c) => c.count)).toEqual([20, 20]);
  });

  it("keeps npm's report its own where nothing else was written beside it", () => {
    const g = new Groups();
    const written = failures(g, 20, [[NPM_REPORT, 0]]);
    for (const [report] of written) expect(g.placed(report!)).toBe(NPM_REPORT);
  });

  it("keeps a failure of npm's own (a code of letters) apart from the error beside it", () => {
    const g = new Groups();
    const own = 'npm error code ERESOLVE\nnpm error ERESOLVE unable to resolve dependency tree';
    const written = failures(g, 20, [['Error: P3009 migrate found failed migrations', 0], [own, 1]]);
    for (const [, report] of written) expect(g.placed(report!)).toBe(own);
  });

  it("sends the runner's report under a stack trace too, and a warning before both to the trace", () => {
    const g = new Groups();
    const written = failures(g, 10, [['deprecated option', 0, { severity: 'WARNING' }], ['TypeError: x is not a function', 1, { stack: true }], [NPM_REPORT, 2]]);
    for (const ids of written) expect(ids.map((s) => g.placed(s))).toEqual(['TypeError: x is not a function', 'TypeError: x is not a function', 'TypeError: x is not a function']);
  });

  it('counts the plain line of an error under its stack trace at the same level', () => {
    const g = new Groups();
    const written = failures(g, 20, [['Communications link failure', 0], ['CommunicationsException', 1, { stack: true }]]);
    for (const [line] of written) expect(g.placed(line!)).toBe('CommunicationsException');
  });

  it("counts a server's access line of the failed request under the error its instance logged beside it, plain or traced", () => {
    const g = new Groups();
    // uvicorn's `"POST /chat HTTP/1.1" 500` (read at ERROR by its status) after a one-line error and after a traceback.
    const plain = failures(g, 10, [['load profile failed: context deadline exceeded', 0], ['POST /chat 500', 2, { access: true }]]);
    const traced = failures(g, 10, [['ResourceExhausted: 429 Quota exceeded', 0, { stack: true }], ['POST /chat 500', 1, { access: true }]], 30_000);
    for (const [, access] of plain) expect(g.placed(access!)).toBe('load profile failed: context deadline exceeded');
    for (const [, access] of traced) expect(g.placed(access!)).toBe('ResourceExhausted: 429 Quota exceeded');
    expect(g.clusters().map((c) => [c.id, c.count])).toEqual([['load profile failed: context deadline exceeded', 20], ['ResourceExhausted: 429 Quota exceeded', 20]]);
  });

  it('keeps an access line beside a warning only, and never sends a record to an access line', () => {
    const g = new Groups();
    const written = failures(g, 20, [['upstream slow, retrying', 0, { severity: 'WARNING' }], ['POST /chat 502', 1, { access: true }]]);
    for (const [warning, access] of written) {
      expect(g.placed(access!)).toBe('POST /chat 502');
      expect(g.placed(warning!)).toBe('upstream slow, retrying');
    }
    expect(g.clusters()).toHaveLength(2);
  });

  it("counts a library's trace of an exception under the application's trace of it at the same level", () => {
    // EF Core's `Failed executing DbCommand` (the SqlException through EF's and SqlClient's frames),
    // then SaveChanges' record and the exception handler's (the DbUpdateException through the endpoint).
    const g = new Groups();
    g.own.add('DbUpdateException via TransferEndpoints.PostTransfer');
    const written = failures(g, 20, [
      ['Failed executing DbCommand: SqlException (deadlock victim)', 0, { stack: true }],
      ['DbUpdateException via TransferEndpoints.PostTransfer', 1, { stack: true }],
    ]);
    for (const [command] of written) expect(g.placed(command!)).toBe('DbUpdateException via TransferEndpoints.PostTransfer');
    expect(g.clusters().map((c) => [c.id, c.count])).toEqual([['DbUpdateException via TransferEndpoints.PostTransfer', 40]]);
  });

  it("leaves a trace where it is when only a few of its entries were written beside one that outranks it", () => {
    // Odoo's `bad query` line is written beside every OperationalError trace (through Odoo's frames
    // only); a few pieces of those records were read into another problem's group of traces through
    // the application's own frames. The OperationalError trace does not follow those few.
    const g = new Groups();
    g.own.add('KeyError via portal controller');
    const written = failures(g, 20, [['bad query', 0], ['OperationalError via odoo', 1, { stack: true }]]);
    g.add('KeyError via portal controller', 60_000 + 2, { stack: true });
    g.add('KeyError via portal controller', 5 * 60_000 + 2, { stack: true });
    failures(g, 20, [['KeyError via portal controller', 0, { stack: true }]], 30_000);
    for (const [line, trace] of written) expect([g.placed(line!), g.placed(trace!)]).toEqual(['OperationalError via odoo', 'OperationalError via odoo']);
  });

  it('keeps apart two traces at one level when neither or both go through the application\'s own frames', () => {
    for (const own of [[], ['A via handler', 'B via job']]) {
      const g = new Groups();
      for (const group of own) g.own.add(group);
      const written = failures(g, 20, [['A via handler', 0, { stack: true }], ['B via job', 1, { stack: true }]]);
      for (const [a, b] of written) expect([g.placed(a!), g.placed(b!)]).toEqual(['A via handler', 'B via job']);
    }
  });

  it('keeps apart a library\'s trace at ERROR beside a more severe trace through own frames', () => {
    const g = new Groups();
    g.own.add('fatal via main');
    const written = failures(g, 20, [['library error', 0, { stack: true }], ['fatal via main', 1, { stack: true, severity: 'CRITICAL' }]]);
    for (const [lib] of written) expect(g.placed(lib!)).toBe('library error');
  });

  it('moves nothing when the records are further apart than a write-up of one failure', () => {
    const g = new Groups();
    const written = failures(g, 20, [['slow query', 0, { severity: 'WARNING' }], ['TimeoutError', COMPANION_MS + 1, { stack: true }]]);
    for (const [slow] of written) expect(g.placed(slow!)).toBe('slow query');
  });

  it('moves nothing written by another instance', () => {
    const g = new Groups();
    const written = failures(g, 20, [['SQL Error', 0, { severity: 'WARNING', writer: 'instance-1' }], ['CommunicationsException', 1, { stack: true, writer: 'instance-2' }]]);
    for (const [warning] of written) expect(g.placed(warning!)).toBe('SQL Error');
  });

  it('moves nothing that Cloud Run wrote (no writer): a platform message after a crash is its own problem', () => {
    const g = new Groups();
    const written = failures(g, 20, [['Allowed memory size exhausted', 0, { severity: 'CRITICAL' }], ['Container called exit(255).', 1, { severity: 'WARNING', writer: '' }]]);
    for (const [, exit] of written) expect(g.placed(exit!)).toBe('Container called exit(255).');
  });

  it('keeps a group that is written beside others only some of the time', () => {
    const g = new Groups();
    // 10 of 20 warnings come with an error; the other 10 alone.
    const paired = failures(g, 10, [['cache miss fallback', 0, { severity: 'WARNING' }], ['UpstreamError', 1, { stack: true }]]);
    failures(g, 10, [['cache miss fallback', 0, { severity: 'WARNING' }]], 30_000);
    for (const [warning] of paired) expect(g.placed(warning!)).toBe('cache miss fallback');
  });

  it('keeps the groups of an instance that writes all the time (the density check)', () => {
    const g = new Groups();
    // An error every millisecond: every warning has an error beside it, and as many seconds away.
    for (let t = 0; t < 8_000; t++) g.add('UpstreamError', t, { stack: true });
    const warnings = [100, 3_500, 7_000].map((t) => g.add('retrying', t + 0.5, { severity: 'WARNING' }));
    expect(DENSITY_SHIFT_MS).toBeLessThan(7_000);
    for (const w of warnings) expect(g.placed(w)).toBe('retrying');
  });

  it('sends the few entries of a companion written beside nothing where their group went', () => {
    const g = new Groups();
    const written = failures(g, 19, [['App\\Jobs\\SendInvoice ... FAIL', 1, { severity: 'NOTICE' }], ['Connection could not be established', 0, { stack: true }]]);
    const alone = g.add('App\\Jobs\\SendInvoice ... FAIL', 45 * 60_000 + 30_000, { severity: 'NOTICE' });
    for (const [fail] of written) expect(g.placed(fail!)).toBe('Connection could not be established');
    expect(g.placed(alone)).toBe('Connection could not be established');
    expect(g.clusters().map((c) => [c.id, c.count])).toEqual([['Connection could not be established', 39]]);
  });

  it('reads a moved group again from its entries: count, span, severity, services, revisions, chart', () => {
    const g = new Groups();
    failures(g, 3, [['SQL Error', 0, { severity: 'WARNING' }], ['CommunicationsException', 1, { stack: true }]]);
    const [cluster] = g.clusters();
    expect(cluster).toMatchObject({
      id: 'CommunicationsException', count: 6, severity: 'ERROR', firstSeen: T0, lastSeen: T0 + 2 * 60_000 + 1,
      services: ['api'], revisions: [{ name: 'api-00001-abc', firstSeen: T0, count: 6 }], samples: ['CommunicationsException'],
    });
    expect(cluster!.timeline.reduce((n, [, k]) => n + k, 0)).toBe(6);
    expect(cluster!.severitySource).toBeUndefined();
  });

  it('leaves the clusters as they are when nothing moves', () => {
    const g = new Groups();
    g.add('a', 0);
    g.add('b', 10_000);
    expect(g.clusters().map((c) => c.id)).toEqual(['a', 'b']);
    expect(g.ledger.absorbed(g).size).toBe(0);
  });

  it('costs a bounded look at each entry, however many one instance writes in a millisecond', () => {
    const g = new Groups();
    for (let i = 0; i < 20_000; i++) g.add(i % 2 === 0 ? 'burst' : 'other', 0, { severity: 'WARNING' });
    expect(g.clusters()).toHaveLength(2);
  });
});

// One request's records share its trace id (normalize/trace-id.ts), however far apart the framework wrote
// them: go-zero's access record after the logic's error (zeromicro/go-zero rest/handler/loghandler.go
// writes it once the handler returned, with the request's context), the error of a handler still running
// seconds after its request timed out (a go-zero tutorial's paste: `[HTTP] 503 … duration 3000.4ms`, then
// the sql error 5.3 s later, one trace).
describe('records of one request, by its trace id', () => {
  /** `n` requests a minute apart, each written as `parts` (group, offset ms, options), each with a trace of its own. */
  function requests(g: Groups, n: number, parts: Array<[string, number, Parameters<Groups['add']>[2]?]>, start = 0, firstTrace = 1): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < n; i++) out.push(parts.map(([group, offset, options]) => g.add(group, start + i * 60_000 + offset, { trace: firstTrace + i, ...options })));
    return out;
  }

  it("counts a request's access line under its error, written long after it", () => {
    const g = new Groups();
    const written = requests(g, 20, [['reserve stock: Deadlock found', 0], ['POST /api/checkout 500', 480, { access: true }]]);
    for (const [, access] of written) expect(g.placed(access!)).toBe('reserve stock: Deadlock found');
    expect(g.clusters().map((c) => [c.id, c.count])).toEqual([['reserve stock: Deadlock found', 40]]);
  });

  it("counts a warning under its request's error seconds later, as the time rule does a millisecond away", () => {
    const g = new Groups();
    const written = requests(g, 20, [['slowcall(3000.4ms)', 0, { severity: 'WARNING' }], ['Error on getting sql instance', 5_300]]);
    for (const [slow] of written) expect(g.placed(slow!)).toBe('Error on getting sql instance');
  });

  it("sends a record to its own request's error over another request's written nearer", () => {
    const g = new Groups();
    // Two requests fail on one instance; request A's access line is written 1 ms from B's error.
    const a = requests(g, 20, [['quote failed: partner answered 503', 0], ['POST /api/quote 500', 2_400, { access: true }]], 0, 1);
    const b = requests(g, 20, [['stock lookup failed: connection reset', 2_399], ['GET /api/stock 500', 2_402, { access: true }]], 0, 1_000);
    for (const [, access] of a) expect(g.placed(access!)).toBe('quote failed: partner answered 503');
    for (const [, access] of b) expect(g.placed(access!)).toBe('stock lookup failed: connection reset');
  });

  it('joins on a busy instance: a shared trace is no coincidence', () => {
    const g = new Groups();
    // Another request's error every 10 ms all along: the time rule's density check would refuse.
    for (let t = 0; t < 20 * 60_000; t += 10) g.add('UpstreamError', t + 5, { stack: true, trace: 100_000 + t });
    const written = requests(g, 20, [['retrying partner call', 0, { severity: 'WARNING' }], ['PartnerTimeout', 1_500, { stack: true }]]);
    for (const [warning] of written) expect(g.placed(warning!)).toBe('PartnerTimeout');
  });

  it('keeps two plain records at one level apart, as the time rule does', () => {
    const g = new Groups();
    // (Not an access line: go-zero's `[HTTP] 503 - GET …` record is read as one and goes with its error.)
    const written = requests(g, 20, [['find order: circuit breaker is open', 0], ['refresh order cache: key not found', 300]]);
    for (const [error, record] of written) expect([g.placed(error!), g.placed(record!)]).toEqual(['find order: circuit breaker is open', 'refresh order cache: key not found']);
  });

  it('keeps a group only some of whose requests failed (a warning most requests write)', () => {
    const g = new Groups();
    const paired = requests(g, 10, [['cache miss, loading from db', 0, { severity: 'WARNING' }], ['DbTimeout', 800, { stack: true }]]);
    requests(g, 10, [['cache miss, loading from db', 0, { severity: 'WARNING' }]], 30_000, 500);
    for (const [warning] of paired) expect(g.placed(warning!)).toBe('cache miss, loading from db');
  });

  it('joins nothing further apart than TRACE_MS', () => {
    const g = new Groups();
    // (Requests a minute apart: 20 s past the bound keeps each error away from the next request's warning.)
    const written = requests(g, 20, [['retrying partner call', 0, { severity: 'WARNING' }], ['PartnerTimeout', TRACE_MS + 20_000, { stack: true }]]);
    for (const [warning] of written) expect(g.placed(warning!)).toBe('retrying partner call');
  });

  it('joins nothing on an id stamped on records minutes apart: a process, not a request', () => {
    const g = new Groups();
    // One id on everything an instance writes (few records, under MAX_TRACE_RECORDS), a failure every
    // minute: the warning 300 ms after each error is no record of the error's request, as far as the
    // id can tell; the time rule alone decides, and 300 ms is too far for it.
    const written = requests(g, 6, [['UpstreamRefused', 0, { stack: true, trace: 7 }], ['connection reset by peer', 300, { severity: 'WARNING', trace: 7 }]]);
    for (const [, reset] of written) expect(g.placed(reset!)).toBe('connection reset by peer');
  });

  it('joins nothing written by another instance, nor by another service', () => {
    const g = new Groups();
    const instances = requests(g, 20, [['SQL Error', 0, { severity: 'WARNING', writer: 'instance-1' }], ['CommunicationsException', 200, { stack: true, writer: 'instance-2' }]]);
    // The same trace through two services (a caller's warning about the callee's failure).
    const services = requests(g, 20, [['upstream answered 500', 0, { severity: 'WARNING', service: 'web' }], ['NullPointerException', 200, { stack: true, service: 'api' }]], 30_000, 100);
    for (const [warning] of [...instances, ...services]) expect(g.placed(warning!)).not.toBe('CommunicationsException');
    for (const [warning] of services) expect(g.placed(warning!)).toBe('upstream answered 500');
  });

  it("never moves Cloud Run's request log: no instance wrote it", () => {
    const g = new Groups();
    const written = requests(g, 20, [['handler failed', 0], ['POST /api/quote 500', 200, { writer: '', access: true }]]);
    for (const [, log] of written) expect(g.placed(log!)).toBe('POST /api/quote 500');
  });

  it("ignores an id on more records than a request writes (a process's own id)", () => {
    const g = new Groups();
    const written = failures(g, MAX_TRACE_RECORDS, [['retrying partner call', 0, { severity: 'WARNING', trace: 7 }], ['PartnerTimeout', 1_500, { stack: true, trace: 7 }]]);
    for (const [warning] of written) expect(g.placed(warning!)).toBe('retrying partner call');
  });
});
