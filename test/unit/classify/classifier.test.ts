import { createClassifier } from '../../../src/classify/index.js';
import type { Entry, Severity } from '../../../src/shared/types.js';

const MIN = 60_000;
const T0 = Date.UTC(2025, 8, 11, 10, 0, 0);

const entry = (text: string, over: Partial<Entry> = {}): Entry => ({
  time: T0, severity: 'ERROR', service: 'api', revision: 'api-001', kind: 'text', text, ...over,
});

describe('createClassifier', () => {
  it('aggregates count, max severity, first/last seen, service, revisions and a 5-minute timeline', () => {
    const c = createClassifier();
    const sev: Severity[] = ['WARNING', 'CRITICAL', 'ERROR', 'WARNING'];
    const at = [T0 + 7 * MIN, T0, T0 + 2 * MIN, T0 + 11 * MIN];
    const rev = ['api-002', 'api-001', 'api-001', 'api-002'];
    // One service: a problem belongs to one service (per-service.test.ts).
    const svc = ['api', 'api', 'api', 'api'];
    sev.forEach((s, i) =>
      c.add(entry(`payment ${i} declined by gateway`, {
        severity: s, time: at[i] as number, revision: rev[i] as string, service: svc[i] as string,
      })),
    );
    const [cluster, ...rest] = c.clusters();
    expect(rest).toHaveLength(0);
    expect(cluster).toMatchObject({
      template: 'payment <NUM> declined by gateway',
      kind: 'text',
      count: 4,
      severity: 'CRITICAL',
      firstSeen: T0,
      lastSeen: T0 + 11 * MIN,
      services: ['api'],
      revisions: [
        { name: 'api-001', firstSeen: T0, count: 2 },
        { name: 'api-002', firstSeen: T0 + 7 * MIN, count: 2 },
      ],
      timeline: [[T0, 2], [T0 + 5 * MIN, 1], [T0 + 10 * MIN, 1]],
    });
    expect(cluster?.id).toMatch(/^c[0-9a-f]{12}$/);
  });

  it('keeps up to 3 distinct samples, each at most 2000 characters', () => {
    const c = createClassifier();
    const long = `upload failed for blob ${'x'.repeat(5000)}`;
    for (const t of ['upload failed for blob a1', 'upload failed for blob a1', long, 'upload failed for blob b2', 'upload failed for blob c3']) {
      c.add(entry(t));
    }
    const samples = c.clusters()[0]?.samples ?? [];
    expect(samples).toHaveLength(3);
    expect(new Set(samples).size).toBe(3);
    expect(Math.max(...samples.map((s) => s.length))).toBe(2000);
  });

  it('sorts clusters by count, largest first', () => {
    const c = createClassifier();
    c.add(entry('disk full on volume 1'));
    for (let i = 0; i < 3; i++) c.add(entry(`redis connection refused after ${i} retries`));
    expect(c.clusters().map((x) => x.count)).toEqual([3, 1]);
  });

  it('resolves each handle to the final id and template of its cluster', () => {
    const c = createClassifier();
    const first = c.add(entry('worker w-a stopped unexpectedly'));
    expect(c.resolve(first).template).toBe('worker w-a stopped unexpectedly');
    const second = c.add(entry('worker w-b stopped unexpectedly'));
    expect(c.resolve(first)).toEqual(c.resolve(second));
    expect(c.resolve(first).template).toBe('worker <*> stopped unexpectedly');
  });

  it('rejects a handle it never gave out', () => {
    const c = createClassifier();
    expect(() => c.resolve(7)).toThrow(RangeError);
  });

  it('clusters that end with the same id are one cluster', () => {
    const c = createClassifier();
    // Same words, a value of one or of two tokens: two templates, one problem.
    c.add(entry('could not open file /tmp/a for writing'));
    c.add(entry('could not open file /tmp/a b-2 for writing'));
    const clusters = c.clusters();
    expect(clusters).toHaveLength(1);
    expect(clusters[0]?.count).toBe(2);
  });
});


describe('core merging stays within a service', () => {
  const BARE = 'balance sync failed: psycopg2.OperationalError: connection to server at "10.0.0.1", port 5432 failed: FATAL:  sorry, too many clients already';
  const PYTHON = 'sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at "10.0.0.2", port 5432 failed: FATAL:  sorry, too many clients already';
  const RUBY = 'balance sync failed: PG::ConnectionBad: connection to server at "10.0.0.1", port 5432 failed: FATAL:  sorry, too many clients already';
  const idsOf = (services: [string, string], first = BARE) => {
    const c = createClassifier();
    const handles = [c.add(entry(first, { service: services[0] })), c.add(entry(PYTHON, { service: services[1] }))];
    return handles.map((h) => c.resolve(h).id);
  };

  it('one error printed two ways by one service is one cluster', () => {
    const [a, b] = idsOf(['accounts', 'accounts']);
    expect(a).toBe(b);
  });

  it('the same words from two services are two teams\' problems', () => {
    const [a, b] = idsOf(['accounts', 'catalog']);
    expect(a).not.toBe(b);
  });

  // A Ruby and a Python client in one service's logs: two runtimes' code (runtime-of.ts).
  it('the same words from two runtimes of one service are two problems', () => {
    const [a, b] = idsOf(['accounts', 'accounts'], RUBY);
    expect(a).not.toBe(b);
  });
});

describe('a trace whose messages differ in length still meets its exception line logged alone', () => {
  const trace = (message: string) => [
    'Traceback (most recent call last):',
    '  File "/app/catalog/repo.py", line 63, in get',
    '    row = (await session.execute(stmt)).scalar_one_or_none()',
    `sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) ${message}`,
  ].join('\n');
  const slots = 'connection to server at "10.0.0.7", port 5432 failed: FATAL:  sorry, too many clients already';
  const refused = 'could not connect to server: Connection refused';

  it.each([['oldest first', false], ['newest first', true]])('joins it (%s)', (_name, reversed) => {
    const c = createClassifier();
    const entries: Entry[] = [
      entry(trace(slots), { kind: 'stack' }),
      entry(trace(refused), { kind: 'stack' }),
      entry(`sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) ${slots.replace('10.0.0.7', '10.0.0.9')}`),
    ];
    const handles = (reversed ? [...entries].reverse() : entries).map((e) => c.add(e));
    const ids = new Set(handles.map((h) => c.resolve(h).id));
    expect(ids.size).toBe(1);
  });
});

describe('pieces of a record find it through the lines set aside before its message', () => {
  const lead = 'node:internal/process/promises:289\n            triggerUncaughtException(err, true /* fromPromise */);\n            ^';
  const error = 'AxiosError: Request failed with status code 503\n    at settle (/app/src/pricing.js:19:12)';

  it('a throw site cut from its error joins the error\'s cluster', () => {
    const c = createClassifier();
    const whole = c.add(entry(error, { kind: 'stack', lead }));
    c.add(entry(error.replace('503', '502'), { kind: 'stack', lead }));
    const site = c.add(entry('node:internal/process/promises:289', { piece: true }));
    const code = c.add(entry('            triggerUncaughtException(err, true /* fromPromise */);\n            ^', { piece: true }));
    expect(c.resolve(site).id).toBe(c.resolve(whole).id);
    expect(c.resolve(code).id).toBe(c.resolve(whole).id);
  });
});

describe('a trace cut short meets the whole trace through one of its messages', () => {
  const trace = (value: string, frames: number) => [
    `TypeError: Cannot read properties of ${value} (reading 'price')`,
    '    at /app/dist/cart/total.js:17:47',
    '    at Array.reduce (<anonymous>)',
    '    at cartTotal (/app/dist/cart/total.js:17:16)',
    '    at /app/dist/routes/cart.js:31:22',
  ].slice(0, 1 + frames).join('\n');

  it.each([['oldest first', false], ['newest first', true]])('one cluster (%s)', (_name, reversed) => {
    const c = createClassifier();
    const entries = [trace('undefined', 4), trace('null', 4), trace('undefined', 1)].map((text) => entry(text, { kind: 'stack' }));
    const handles = (reversed ? [...entries].reverse() : entries).map((e) => c.add(e));
    expect(new Set(handles.map((h) => c.resolve(h).id)).size).toBe(1);
  });
});
