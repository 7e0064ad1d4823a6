// An issue stores the start of its records only (MAX_STATE_SAMPLE_CHARS of each). A long trace's
// sample ends inside its frames or its cause chain, and a classifier that reads the trace's end (the
// root cause, the application's frames under a cause) derives for the cut sample an id no record has.
// The sample is then placed in the cluster whose records it is the start of, within its own service.
import { createClassifier, rederiveIds, type LiveCluster } from '../../../src/classify/index.js';
import { normalizeEntry, sampleEntry } from '../../../src/normalize/index.js';
import { sampleMayBeCut } from '../../../src/plan/index.js';
import { MAX_STATE_SAMPLE_CHARS } from '../../../src/render/index.js';
import type { Entry, EntryKind } from '../../../src/shared/types.js';

function entry(service: string, textPayload: string, second: number): Entry {
  const e = normalizeEntry({
    timestamp: `2026-12-05T12:00:${String(second % 60).padStart(2, '0')}Z`, textPayload, severity: 'ERROR',
    resource: { type: 'cloud_run_revision', labels: { service_name: service, revision_name: `${service}-00002-abc` } },
  });
  if ('skip' in e) throw new Error(`skipped: ${textPayload}`);
  return e;
}

function classified(records: Array<[service: string, text: string]>) {
  const c = createClassifier();
  records.forEach(([service, text], i) => c.add(entry(service, text, i)));
  const clusters = c.clusters();
  const live = new Map<string, LiveCluster>(clusters.map((k) => [k.id, { service: k.services[0] ?? '', count: k.count }]));
  const ofService = (services: string[], service: string) => (service === '' ? services.length === 0 : services.includes(service));
  const idOf = (text: string, service: string) => clusters.find((k) => ofService(k.services, service) && k.samples.some((s) => s === text.slice(0, s.length)))?.id;
  return { c, live, clusters, idOf };
}

/** The sample an issue stored of a record: its start, at the store's bound. */
function stored(text: string, service: string, kind: EntryKind = 'stack'): Entry {
  const e = sampleEntry(text.slice(0, MAX_STATE_SAMPLE_CHARS), kind);
  if (e === null) throw new Error('no sample');
  return { ...e, service };
}

/** The issue's id as re-derived, with its sample marked cut (or not). */
function rederived(c: ReturnType<typeof classified>['c'], live: ReadonlyMap<string, LiveCluster>, sample: Entry, cut = true): string[] | undefined {
  return rederiveIds(c, [{ issue: 912, entries: [sample], ...(cut ? { cut: new Set([sample]) } : {}) }], live).get(912)?.map((r) => r.id);
}

// A Spring Data repository call failing for want of a connection (Hikari's timeout, PostgreSQL's refusal),
// as Spring Boot's default pattern prints the exception: library frames first, then the application's
// (which tell one caller from another), then the cause chain.
const SPRING_FRAMES = [
  'org.springframework.orm.jpa.vendor.HibernateJpaDialect.convertHibernateAccessException(HibernateJpaDialect.java:277)',
  'org.springframework.orm.jpa.vendor.HibernateJpaDialect.translateExceptionIfPossible(HibernateJpaDialect.java:233)',
  'org.springframework.orm.jpa.AbstractEntityManagerFactoryBean.translateExceptionIfPossible(AbstractEntityManagerFactoryBean.java:550)',
  'org.springframework.dao.support.ChainedPersistenceExceptionTranslator.translateExceptionIfPossible(ChainedPersistenceExceptionTranslator.java:61)',
  'org.springframework.dao.support.DataAccessUtils.translateIfNecessary(DataAccessUtils.java:243)',
  'org.springframework.dao.support.PersistenceExceptionTranslationInterceptor.invoke(PersistenceExceptionTranslationInterceptor.java:152)',
  'org.springframework.aop.framework.ReflectiveMethodInvocation.proceed(ReflectiveMethodInvocation.java:184)',
  'org.springframework.data.jpa.repository.support.CrudMethodMetadataPostProcessor$CrudMethodMetadataPopulatingMethodInterceptor.invoke(CrudMethodMetadataPostProcessor.java:164)',
  'org.springframework.aop.framework.JdkDynamicAopProxy.invoke(JdkDynamicAopProxy.java:223)',
];
const ROOTS = {
  hikari: 'java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.\n'
    + '\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)\n\t... 52 common frames omitted',
  refused: 'org.postgresql.util.PSQLException: Connection to orders-db:5432 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.\n'
    + '\tat org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:319)\n\t... 52 common frames omitted',
};
const ACQUIRE = 'org.springframework.dao.DataAccessResourceFailureException: Unable to acquire JDBC Connection; nested exception is org.hibernate.exception.JDBCConnectionException: Unable to acquire JDBC Connection';
const OPEN = 'org.springframework.transaction.CannotCreateTransactionException: Could not open JPA EntityManager for transaction; nested exception is org.hibernate.exception.JDBCConnectionException: Unable to acquire JDBC Connection';
function springTrace(root: keyof typeof ROOTS, caller = 'OrderService.place', head = ACQUIRE): string {
  return [
    head,
    ...SPRING_FRAMES.map((f) => `\tat ${f}`),
    '\tat jdk.proxy2/jdk.proxy2.$Proxy131.findByCustomer(Unknown Source)',
    `\tat com.example.orders.${caller}(${caller.split('.')[0]}.java:88)`,
    '\tat com.example.orders.OrderController.create(OrderController.java:41)',
    'Caused by: org.hibernate.exception.JDBCConnectionException: Unable to acquire JDBC Connection',
    '\tat org.hibernate.exception.internal.SQLStateConversionDelegate.convert(SQLStateConversionDelegate.java:98)',
    '\tat org.hibernate.engine.jdbc.connections.internal.LogicalConnectionManagedImpl.acquireConnectionIfNeeded(LogicalConnectionManagedImpl.java:113)',
    '\t... 61 common frames omitted',
    `Caused by: ${ROOTS[root]}`,
  ].join('\n');
}

describe('a trace the store cut inside its frames or cause chain', () => {
  it('lands nowhere by its own id, and is placed in the cluster whose records it starts', () => {
    const whole = springTrace('hikari');
    expect(whole.length).toBeGreaterThan(MAX_STATE_SAMPLE_CHARS + 400);
    const { c, live, idOf } = classified([['orders-api', whole], ['orders-api', whole]]);
    const sample = stored(whole, 'orders-api');
    // Cut before the application's frames and the root cause: its own id is one no record has.
    expect(live.has(c.locate(sample) ?? '')).toBe(false);
    expect(c.locateInRecords(sample)).toBeNull();
    expect(c.locateCut(sample)).toEqual([idOf(whole, 'orders-api')]);
    expect(rederived(c, live, sample)).toEqual([idOf(whole, 'orders-api')]);
    // Said as such: the record's start, not the record as it is.
    expect(rederiveIds(c, [{ issue: 912, entries: [sample], cut: new Set([sample]) }], live).get(912)?.[0]?.placed).toBe('cut');
  });

  it('only a sample the store may have cut is read so: one stored whole is found as before, or not at all', () => {
    const whole = springTrace('hikari');
    const { c, live } = classified([['orders-api', whole]]);
    expect(rederived(c, live, stored(whole, 'orders-api'), false)).toBeUndefined();
  });

  it.each([200, 420, 700, MAX_STATE_SAMPLE_CHARS, 1300])('cut at %i characters, mid-line, it still finds its record', (at) => {
    const whole = springTrace('refused');
    const { c, live, idOf } = classified([['orders-api', whole], ['orders-api', springTrace('refused', 'OrderService.place', OPEN)]]);
    expect(idOf(whole, 'orders-api')).not.toEqual(idOf(springTrace('refused', 'OrderService.place', OPEN), 'orders-api'));
    const e = sampleEntry(whole.slice(0, at), 'stack')!;
    const sample = { ...e, service: 'orders-api' };
    expect(rederived(c, live, sample)).toEqual([idOf(whole, 'orders-api')]);
  });

  it('a sample of another service never adopts the cluster', () => {
    const whole = springTrace('hikari');
    const { c, live } = classified([['billing-api', whole], ['billing-api', whole]]);
    const sample = stored(whole, 'orders-api');
    expect(c.locateCut(sample)).toEqual([]);
    expect(rederived(c, live, sample)).toBeUndefined();
  });

  it('when two services log the records, the sample of each lands in its own service\'s cluster', () => {
    const whole = springTrace('hikari');
    const { c, live, idOf } = classified([['billing-api', whole], ['orders-api', whole], ['billing-api', whole]]);
    expect(idOf(whole, 'orders-api')).not.toEqual(idOf(whole, 'billing-api'));
    expect(rederived(c, live, stored(whole, 'orders-api'))).toEqual([idOf(whole, 'orders-api')]);
    expect(rederived(c, live, stored(whole, 'billing-api'))).toEqual([idOf(whole, 'billing-api')]);
  });

  it('a sample of an entry with no service fits only clusters of none', () => {
    const whole = springTrace('hikari');
    const { c, live, idOf } = classified([['', whole], ['orders-api', whole]]);
    expect(rederived(c, live, stored(whole, ''))).toEqual([idOf(whole, '')]);
  });

  it('a cut trace whose lines no record holds stays unplaced: its problem went quiet', () => {
    const { c, live } = classified([['orders-api', springTrace('hikari')]]);
    const other = springTrace('hikari', 'OrderService.place', OPEN);
    expect(rederived(c, live, stored(other, 'orders-api'))).toBeUndefined();
    // A line of another record in the middle is enough: every line must be held.
    const spliced = springTrace('hikari').replace(SPRING_FRAMES[3] as string, 'com.example.orders.AuditTrail.record(AuditTrail.java:12)');
    expect(rederived(c, live, stored(spliced, 'orders-api'))).toBeUndefined();
  });
});

describe('a cut sample that several clusters start alike', () => {
  // Two callers of the same repository: cut in the library frames, before the application's, the two
  // problems read the same, and either could be the issue's.
  const orders = springTrace('hikari', 'OrderService.place');
  const invoices = springTrace('hikari', 'InvoiceService.bill');
  const early = (text: string) => ({ ...sampleEntry(text.slice(0, 600), 'stack')!, service: 'orders-api' });
  const afterCaller = (text: string) => ({ ...sampleEntry(text.slice(0, text.indexOf('Caused by: ') + 20), 'stack')!, service: 'orders-api' });

  it('both fit', () => {
    const { c, idOf } = classified([['orders-api', orders], ['orders-api', invoices]]);
    expect(idOf(orders, 'orders-api')).not.toEqual(idOf(invoices, 'orders-api'));
    expect(c.locateCut(early(orders))).toEqual([idOf(orders, 'orders-api'), idOf(invoices, 'orders-api')].sort());
    // Cut after the caller's frame, the sample is one caller's.
    expect(c.locateCut(afterCaller(invoices))).toEqual([idOf(invoices, 'orders-api')]);
  });

  it.each([
    ['orders logged most', [orders, orders, orders, invoices], orders],
    ['invoices logged most', [orders, invoices, invoices], invoices],
    ['invoices logged most, read first', [invoices, invoices, orders], invoices],
  ])('the one with the most entries in the window is the issue\'s (%s)', (_, texts, most) => {
    const { c, live, idOf } = classified(texts.map((t) => ['orders-api', t]));
    expect(rederived(c, live, early(orders))).toEqual([idOf(most, 'orders-api')]);
    expect(rederived(c, live, early(invoices))).toEqual([idOf(most, 'orders-api')]);
  });

  it('on a tie, the first id in order, whatever order the records came in', () => {
    const a = classified([['orders-api', orders], ['orders-api', invoices]]);
    const b = classified([['orders-api', invoices], ['orders-api', orders]]);
    const first = [a.idOf(orders, 'orders-api'), a.idOf(invoices, 'orders-api')].sort()[0];
    expect(first).toBeDefined();
    expect(rederived(a.c, a.live, early(orders))).toEqual([first]);
    expect(rederived(b.c, b.live, early(invoices))).toEqual([first]);
  });

  it('a sample that fits more clusters than a few says nothing about which: none', () => {
    const callers = Array.from({ length: 20 }, (_, i) => `Service${String.fromCharCode(65 + i)}x.run`);
    const texts = callers.map((caller) => springTrace('hikari', caller));
    const { c, live, clusters, idOf } = classified(texts.map((t) => ['orders-api', t]));
    expect(clusters.length).toBeGreaterThan(16);
    // Cut within the library frames, before the application's caller: it could be any of them.
    expect(c.locateCut(early(texts[0] as string))).toEqual([]);
    expect(rederived(c, live, early(texts[0] as string))).toBeUndefined();
    // Cut after its caller's frame, it is that caller's.
    const fifth = idOf(texts[5] as string, 'orders-api');
    expect(fifth).toBeDefined();
    expect(rederived(c, live, afterCaller(texts[5] as string))).toEqual([fifth]);
  });
});

// Node prints an error's cause after its frames (`[cause]: …`, util.inspect), and a Python traceback's
// exception comes last: cut in the frames, the sample has no exception line at all.
const NODE_FETCH = [
  'TypeError: fetch failed',
  '    at node:internal/deps/undici/undici:13502:13',
  '    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)',
  '    at async PriceClient.quote (/app/dist/clients/price-client.js:41:22)',
  '    at async CheckoutService.total (/app/dist/services/checkout.js:88:19)',
  '    at async /app/dist/routes/checkout.js:27:21 {',
  '  [cause]: ConnectTimeoutError: Connect Timeout Error (attempted address: prices.internal:443, timeout: 10000ms)',
  '      at onConnectTimeout (/app/node_modules/undici/lib/core/connect.js:237:24)',
  '      at /app/node_modules/undici/lib/core/connect.js:184:46',
  '      at Immediate._onImmediate (/app/node_modules/undici/lib/core/connect.js:225:9)',
  '      at process.processImmediate (node:internal/timers:483:21) {',
  "    code: 'UND_ERR_CONNECT_TIMEOUT'",
  '  }',
  '}',
].join('\n');
const PY_TRACE = [
  'Traceback (most recent call last):',
  ...Array.from({ length: 12 }, (_, i) => `  File "/usr/local/lib/python3.12/site-packages/sqlalchemy/engine/base.py", line ${1400 + i * 7}, in _execute_context_step_${i}\n    self._handle_dbapi_exception(e, statement, parameters, cursor, context)`),
  '  File "/app/reports/export.py", line 88, in nightly_export',
  '    rows = session.execute(query).fetchall()',
  'sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) server closed the connection unexpectedly',
].join('\n');

describe('traces of other languages, cut', () => {
  it('a Node error cut in its frames, before its cause, finds its record', () => {
    const { c, live, idOf } = classified([['checkout-node', NODE_FETCH]]);
    const sample = { ...sampleEntry(NODE_FETCH.slice(0, 300), 'stack')!, service: 'checkout-node' };
    expect(rederived(c, live, sample)).toEqual([idOf(NODE_FETCH, 'checkout-node')]);
  });

  it('a Python traceback cut in its frames, before its exception line, finds its record', () => {
    expect(PY_TRACE.length).toBeGreaterThan(MAX_STATE_SAMPLE_CHARS);
    const { c, live, idOf } = classified([['reports-py', PY_TRACE], ['reports-py', 'ValueError: bad export window']]);
    const sample = stored(PY_TRACE, 'reports-py');
    expect(sample.text).not.toContain('OperationalError');
    expect(rederived(c, live, sample)).toEqual([idOf(PY_TRACE, 'reports-py')]);
  });
});

// A message of one line longer than the bound: its start is what the issue kept.
const LONG = (order: number) => `payment batch rejected by the acquirer: `
  + Array.from({ length: 40 }, (_, i) => `item ${order * 100 + i} declined (insufficient funds, card ending ${1000 + i}, merchant reference MR-${order}-${i})`).join('; ');

describe('a message of one line cut at the bound', () => {
  it('is placed in the cluster whose kept records start with it', () => {
    const { c, live, idOf } = classified([['payments-go', LONG(1)], ['payments-go', LONG(2)], ['payments-go', 'card token expired for customer 17']]);
    const sample = stored(LONG(3), 'payments-go', 'text');
    expect(rederived(c, live, sample)).toEqual([idOf(LONG(1), 'payments-go')]);
  });

  it('a long message that starts otherwise, or of another service, is not', () => {
    const { c, live } = classified([['payments-go', LONG(1)], ['ledger-go', LONG(2)]]);
    const other = `refund batch rejected by the acquirer: ${LONG(1).slice(40)}`;
    expect(c.locateCut(stored(other, 'payments-go', 'text'))).toEqual([]);
    expect(rederived(c, live, stored(LONG(1), 'search-go', 'text'))).toBeUndefined();
  });

  it('a line with no word in it fits nothing', () => {
    const { c } = classified([['payments-go', `${'0'.repeat(1200)}`]]);
    expect(c.locateCut(stored('0'.repeat(1200), 'payments-go', 'text'))).toEqual([]);
  });
});

describe('which stored samples may be cut', () => {
  it.each([
    [MAX_STATE_SAMPLE_CHARS - 1, false],
    [MAX_STATE_SAMPLE_CHARS, true],
    [2000, true],
  ])('a sample of %i characters: %s', (length, cut) => {
    expect(sampleMayBeCut('x'.repeat(length))).toBe(cut);
  });
});
