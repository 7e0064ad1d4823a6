// The day's JVM service: Quarkus 3 on its default console format with the HTTP access log, which gains
// OpenTelemetry's trace ids (the format of Quarkus' OpenTelemetry guide) at the rollout.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { clfTime, hmsMillis, pyTime } from './clock.js';
import { as, digits, fam, interleave, peer, req, requestLog, traceHex, traceOf, type Req } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// catalog-quarkus: Java 21, Quarkus 3.17 (Quarkus REST, Hibernate ORM with Panache, Agroal to Cloud SQL
// for PostgreSQL, the REST Client to a pricing service, the scheduler), `quarkus.http.access-log.enabled
// =true` (pattern `common`, through the logging system under `io.quarkus.http.access-log`, written when
// the response ends). The morning revision logs Quarkus' default console format `%d{yyyy-MM-dd
// HH:mm:ss,SSS} %-5p [%c{3.}] (%t) %s%e%n` on stdout; from the rollout quarkus-opentelemetry is on and
// the format is the OpenTelemetry guide's `%d{HH:mm:ss} %-5p traceId=%X{traceId}, parentId=%X{parentId},
// spanId=%X{spanId}, sampled=%X{sampled} [%c{2.}] (%t) %s%e%n` (ids blank off a request; the trace is
// Cloud Run's, passed in `traceparent`). An unhandled exception is logged by QuarkusErrorHandler with an
// error id (a per-process UUID and a counter) and the whole chain (`Caused by:`).
const CQ = 'catalog-quarkus';

/** A category as `%c{n.}` abbreviates it: each package segment cut to n characters. */
const abbrev = (category: string, n: number): string => category.split('.').map((s, i, all) => (i === all.length - 1 ? s : s.slice(0, n))).join('.');

function qlog(t: number, rev: 0 | 1, level: 'INFO' | 'WARN' | 'ERROR', category: string, thread: string, message: string, trace?: string, spanId?: string): Write {
  if (rev === 0) return { stream: 'stdout', text: `${pyTime(t)} ${level.padEnd(5)} [${abbrev(category, 3)}] (${thread}) ${message}` };
  const ids = trace ? `traceId=${traceHex(trace)}, parentId=${spanId ?? ''}, spanId=${spanId ?? ''}, sampled=true` : 'traceId=, parentId=, spanId=, sampled=';
  return { stream: 'stdout', text: `${hmsMillis(t).slice(0, 8)} ${level.padEnd(5)} ${ids} [${abbrev(category, 2)}] (${thread}) ${message}` };
}

const stack = (head: string, frames: string[], causes: Array<[string, string[]]> = []): string => [head, ...frames.map((f) => `\tat ${f}`), ...causes.flatMap(([c, fs]) => [`Caused by: ${c}`, ...fs.map((f) => `\tat ${f}`), `\t... ${fs.length + 20} more`])].join('\n');

const ERR_ID = (rng: Prng): string => `${rng.uuid()}-${rng.int(1, 400)}`;

/** QuarkusErrorHandler's record when the response goes out, the access log's 500, Cloud Run's request log. */
function quarkusFailure(rng: Prng, t: number, rev: 0 | 1, host: string, r: Req, thread: string, exception: string): Write[] {
  const end = t + r.latencyUs;
  const span = rng.hex(16);
  const path = r.path.split('?')[0];
  return [
    { ...qlog(end, rev, 'ERROR', 'io.quarkus.vertx.http.runtime.QuarkusErrorHandler', thread, `HTTP Request to ${path} failed, error id: ${ERR_ID(rng)}: ${exception}`, r.trace, span), delayUs: r.latencyUs },
    { ...qlog(end + 2000, rev, 'INFO', 'io.quarkus.http.access-log', `vert.x-eventloop-thread-${rng.int(0, 3)}`, `${peer(rng)} - - [${clfTime(end)}] "${r.method} ${r.path} HTTP/1.1" 500 -`, r.trace, span), delayUs: rng.int(1000, 3000) },
    requestLog(rng, host, CQ, r, rng.int(300, 3000)),
  ];
}

const ACQUISITION = (rng: Prng): string => stack('org.hibernate.exception.GenericJDBCException: Unable to acquire JDBC Connection [Acquisition timeout while waiting for new connection] [n/a]', [
  'org.hibernate.exception.internal.StandardSQLExceptionConverter.convert(StandardSQLExceptionConverter.java:63)',
  'org.hibernate.engine.jdbc.spi.SqlExceptionHelper.convert(SqlExceptionHelper.java:108)',
  'org.hibernate.resource.jdbc.internal.LogicalConnectionManagedImpl.acquireConnectionIfNeeded(LogicalConnectionManagedImpl.java:114)',
  'org.hibernate.query.sqm.internal.ConcreteSqmSelectQueryPlan.performList(ConcreteSqmSelectQueryPlan.java:143)',
  `com.kestrelmoor.catalog.ProductResource.byCategory(ProductResource.java:${rng.pick([48, 51])})`,
  'com.kestrelmoor.catalog.ProductResource$quarkusrestinvoker$byCategory_3f1c2e.invoke(Unknown Source)',
  'org.jboss.resteasy.reactive.server.handlers.InvocationHandler.handle(InvocationHandler.java:29)',
  'io.quarkus.vertx.core.runtime.VertxCoreRecorder$14.runWith(VertxCoreRecorder.java:635)',
  'org.jboss.threads.EnhancedQueueExecutor$Task.doRunWith(EnhancedQueueExecutor.java:2516)',
  'java.base/java.lang.Thread.run(Thread.java:1583)',
], [
  ['java.sql.SQLException: Acquisition timeout while waiting for new connection', ['io.agroal.pool.ConnectionPool.handlerFromSharedCache(ConnectionPool.java:369)', 'io.agroal.pool.ConnectionPool.getConnection(ConnectionPool.java:296)', 'io.agroal.pool.DataSource.getConnection(DataSource.java:86)']],
  ['java.util.concurrent.TimeoutException', ['java.base/java.util.concurrent.FutureTask.get(FutureTask.java:204)', 'io.agroal.pool.ConnectionPool.handlerFromSharedCache(ConnectionPool.java:341)']],
]);

const PRICING_TIMEOUT = (path: string, site: string[]): string => stack(`jakarta.ws.rs.ProcessingException: The timeout period of 5000ms has been exceeded while executing GET ${path} for server null`, [
  'org.jboss.resteasy.reactive.client.handlers.ClientSendRequestHandler$4.handle(ClientSendRequestHandler.java:379)',
  'org.jboss.resteasy.reactive.client.impl.RestClientRequestContext.invokeHandler(RestClientRequestContext.java:215)',
  'io.quarkus.rest.client.reactive.runtime.RestClientBase.invoke(RestClientBase.java:60)',
  ...site,
], [[`io.vertx.core.impl.NoStackTraceTimeoutException: The timeout period of 5000ms has been exceeded while executing GET ${path} for server null`, []]]);

function productPricing(rng: Prng, t: number, rev: 0 | 1, host: string): Write[] {
  const sku = `${rng.pick(['TNT', 'STV', 'BTS'])}-${digits(rng, 4)}`;
  const r = req(rng, 'GET', `/products/${sku}`, 500, rng.int(5_010_000, 5_200_000));
  return quarkusFailure(rng, t, rev, host, r, `executor-thread-${rng.int(1, 24)}`, PRICING_TIMEOUT(`/v2/prices/${sku}`, ['com.kestrelmoor.catalog.PricingClient$$QuarkusRestClientInterface.price(Unknown Source)', 'com.kestrelmoor.catalog.ProductResource.get(ProductResource.java:37)']));
}

function categoryPool(rng: Prng, t: number, rev: 0 | 1, host: string): Write[] {
  const r = req(rng, 'GET', `/products?category=${rng.pick(['tents', 'stoves', 'boots'])}&page=${rng.int(1, 12)}`, 500, rng.int(5_000_000, 5_050_000));
  return quarkusFailure(rng, t, rev, host, r, `executor-thread-${rng.int(1, 24)}`, ACQUISITION(rng));
}

export const catalogQuarkus: ServiceDef = {
  name: CQ, stack: 'Java 21, Quarkus 3.17 (Quarkus REST, Hibernate ORM Panache, Agroal, REST Client), access log, quarkus-opentelemetry from the rollout', splitRate: 0.6,
  families: [
    fam(`${CQ}:category-acquisition-timeout`, 'ERROR', [40, 90], ({ rng, t, rev, host }) => categoryPool(rng, t, rev, host), 0.3),
    fam(`${CQ}:product-pricing-timeout`, 'ERROR', [40, 90], ({ rng, t, rev, host }) => productPricing(rng, t, rev, host), 0.3),
    // Both on one instance at once, on two executor threads: their records interleave.
    fam(`${CQ}:category-acquisition-timeout`, 'ERROR', [10, 25], ({ rng, t, rev, host }) =>
      interleave(categoryPool(rng, t, rev, host), productPricing(rng, t, rev, host).map((w) => (w.as ? w : as(w, `${CQ}:product-pricing-timeout`, 'ERROR'))), rng.int(100_000, 4_000_000))),
    // The same REST client timeout from the scheduled price sync: logged by the job, no request.
    fam(`${CQ}:price-sync-timeout`, 'ERROR', [15, 40], ({ rng, t, rev }) => {
      const q = qlog(t, rev, 'ERROR', 'com.kestrelmoor.catalog.PriceSync', `executor-thread-${rng.int(1, 24)}`, `Price sync stopped after ${rng.int(0, 400)} of ${rng.int(400, 900)} products`);
      return [{ ...q, text: `${q.text}\n${PRICING_TIMEOUT(`/v2/prices?page=${rng.int(1, 20)}`, ['com.kestrelmoor.catalog.PricingClient$$QuarkusRestClientInterface.page(Unknown Source)', 'com.kestrelmoor.catalog.PriceSync.sync(PriceSync.java:42)', 'com.kestrelmoor.catalog.PriceSync_ScheduledInvoker_sync_0e9d1a.invokeBean(Unknown Source)'])}` }];
    }),
    fam(`${CQ}:collection-fetch-in-memory`, 'WARNING', [150, 320], ({ rng, t, rev }) => {
      const trace = traceOf(rng);
      return [qlog(t, rev, 'WARN', 'org.hibernate.orm.query', `executor-thread-${rng.int(1, 24)}`, 'HHH90003004: firstResult/maxResults specified with collection fetch; applying in memory', trace, rng.hex(16))];
    }),
    fam(`noise:${CQ}:access-200`, 'INFO', [150, 300], ({ rng, t, rev }) => [qlog(t, rev, 'INFO', 'io.quarkus.http.access-log', `vert.x-eventloop-thread-${rng.int(0, 3)}`, `${peer(rng)} - - [${clfTime(t)}] "GET /products?category=tents&page=${rng.int(1, 9)} HTTP/1.1" 200 ${rng.int(2000, 40000)}`, traceOf(rng), rng.hex(16))]),
    fam(`noise:${CQ}:price-sync-done`, 'INFO', [40, 90], ({ rng, t, rev }) => [qlog(t, rev, 'INFO', 'com.kestrelmoor.catalog.PriceSync', `executor-thread-${rng.int(1, 24)}`, `Price sync done: ${rng.int(400, 900)} products, 0 errors, ${rng.int(0, 12)} unchanged`)]),
  ],
};
