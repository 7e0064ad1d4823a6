// The day's JVM services: a Spring Boot 3.4 catalog on virtual threads whose console lines gain
// Micrometer Tracing's correlation ids at the rollout, and a Ktor 3 API on Logback with no
// configuration file (Logback's own default pattern), then logstash-logback-encoder.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { hmsMillis, isoMillis } from './clock.js';
import { as, digits, fam } from './shared.js';

const frames = (lines: readonly string[]): string => lines.map((l) => `\tat ${l}`).join('\n');

// ---------------------------------------------------------------------------------------------------
// catalog-boot: Java 21, Spring Boot 3.4.1 (Tomcat 10.1, `spring.threads.virtual.enabled=true`, so
// request threads are `tomcat-handler-N` and `%15.15t` keeps their last fifteen characters), Spring
// Data JPA on Hibernate 6.6, HikariCP 5.1, pgjdbc 42.7, RestClient to the inventory service, Logback
// with Boot's console pattern (`spring.application.name` set: `--- [catalog-boot] [thread]`), the
// stack after a blank line (`%wEx`). From the rollout micrometer-tracing-bridge-brave is on the
// classpath: Boot's correlation pattern adds `[traceId-spanId] ` after the thread, blank-padded to the
// same width where no span is current (the scheduler's threads). No severity: text.
const CB = 'catalog-boot';

/** `span`: the request's `traceId-spanId` (the same on every record of one request), or none. */
function blog(t: number, rev: 0 | 1, level: 'INFO' | 'WARN' | 'ERROR', thread: string, logger: string, msg: string, stack: string | undefined, span: string | undefined): Write {
  const corr = rev === 0 ? '' : `[${span ?? ' '.repeat(49)}] `;
  const th = thread.length > 15 ? thread.slice(-15) : thread.padStart(15);
  return { stream: 'stdout', text: `${isoMillis(t)} ${level.padStart(5)} 1 --- [catalog-boot] [${th}] ${corr}${logger.padEnd(40)} : ${msg}${stack ? `\n\n${stack}` : ''}` };
}

const TOMCAT = 'o.a.c.c.C.[.[.[/].[dispatcherServlet]';
const handler = (rng: Prng): string => `tomcat-handler-${rng.int(0, 240)}`;
const spanOf = (rng: Prng): string => `${rng.hex(32)}-${rng.hex(16)}`;
const servletMsg = (inner: string): string => `Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed: ${inner}] with root cause`;

const READ_TIMEOUT = (site: string[]): string => `java.net.SocketTimeoutException: Read timed out\n${frames([
  'java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:278)', 'java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:304)',
  'java.base/sun.nio.ch.NioSocketImpl.read(NioSocketImpl.java:346)', 'java.base/java.net.Socket$SocketInputStream.read(Socket.java:1099)',
  'java.base/sun.net.www.http.HttpClient.parseHTTP(HttpClient.java:825)', 'java.base/sun.net.www.protocol.http.HttpURLConnection.getInputStream0(HttpURLConnection.java:1683)',
  'java.base/java.net.HttpURLConnection.getResponseCode(HttpURLConnection.java:531)',
  'org.springframework.http.client.SimpleClientHttpResponse.getStatusCode(SimpleClientHttpResponse.java:58)',
  'org.springframework.web.client.DefaultRestClient$DefaultResponseSpec.toEntityInternal(DefaultRestClient.java:770)',
  ...site])}`;

// The inventory service stalls under its nightly compaction: the product page's stock call times
// out (burst). Tomcat's record over the root cause.
const cbStock = fam(`${CB}:stock-read-timeout`, 'ERROR', [40, 90], ({ rng, t, rev }) => {
  const sku = `${rng.pick(['TNT', 'STV', 'BTS', 'PCK'])}-${digits(rng, 4)}`;
  return [blog(t, rev, 'ERROR', handler(rng), TOMCAT, servletMsg(`org.springframework.web.client.ResourceAccessException: I/O error on GET request for "http://inventory.internal/stock/${sku}": Read timed out`),
    READ_TIMEOUT(['com.harrowgate.catalog.stock.StockClient.levelFor(StockClient.java:41)', 'com.harrowgate.catalog.web.ProductController.show(ProductController.java:58)', 'java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)', 'java.base/java.lang.VirtualThread.run(VirtualThread.java:329)']), spanOf(rng))];
}, 0.35);

// The same timeout from the scheduled stock sync (a second call site).
const cbSync = fam(`${CB}:stock-sync-read-timeout`, 'ERROR', [10, 30], ({ t, rev }) => {
  const ex = `org.springframework.web.client.ResourceAccessException: I/O error on GET request for "http://inventory.internal/stock/changes?since=${isoMillis(t - 300_000_000)}": Read timed out`;
  return [blog(t, rev, 'ERROR', 'scheduling-1', 'o.s.s.s.TaskUtils$LoggingErrorHandler', 'Unexpected error occurred in scheduled task',
    `${ex}\n${frames(['org.springframework.web.client.DefaultRestClient$DefaultRequestBodyUriSpec.createResourceAccessException(DefaultRestClient.java:697)', 'org.springframework.web.client.DefaultRestClient$DefaultRequestBodyUriSpec.exchangeInternal(DefaultRestClient.java:582)', 'com.harrowgate.catalog.stock.StockSync.pull(StockSync.java:36)', 'java.base/java.lang.Thread.run(Thread.java:1583)'])}\nCaused by: java.net.SocketTimeoutException: Read timed out\n${frames(['java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:278)', 'java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:304)'])}\n\t... 14 common frames omitted`, undefined)];
});

// The product import posts SKUs that already exist: Hibernate's two records, then Tomcat's.
const cbDuplicate = fam(`${CB}:product-sku-duplicate`, 'ERROR', [30, 70], ({ rng, t, rev }) => {
  const sku = `${rng.pick(['TNT', 'STV', 'BTS', 'PCK'])}-${digits(rng, 4)}`;
  const pg = `ERROR: duplicate key value violates unique constraint "products_sku_key"\n  Detail: Key (sku)=(${sku}) already exists.`;
  const th = handler(rng);
  const span = spanOf(rng);
  const sql = 'insert into products (name,price,sku,id) values (?,?,?,?)';
  return [
    as(blog(t, rev, 'WARN', th, 'o.h.engine.jdbc.spi.SqlExceptionHelper', 'SQL Error: 0, SQLState: 23505', undefined, span), `${CB}:product-sku-duplicate`, 'WARNING'),
    blog(t + 300, rev, 'ERROR', th, 'o.h.engine.jdbc.spi.SqlExceptionHelper', pg, undefined, span),
    blog(t + 9000, rev, 'ERROR', th, TOMCAT, servletMsg(`org.springframework.dao.DataIntegrityViolationException: could not execute statement [${pg}] [${sql}]; SQL [${sql}]; constraint [products_sku_key]`),
      `org.postgresql.util.PSQLException: ${pg}\n${frames(['org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2733)', 'org.postgresql.core.v3.QueryExecutorImpl.processResults(QueryExecutorImpl.java:2420)', 'org.postgresql.jdbc.PgPreparedStatement.executeUpdate(PgPreparedStatement.java:152)', 'com.zaxxer.hikari.pool.HikariProxyPreparedStatement.executeUpdate(HikariProxyPreparedStatement.java)', 'org.hibernate.engine.jdbc.internal.ResultSetReturnImpl.executeUpdate(ResultSetReturnImpl.java:194)', 'com.harrowgate.catalog.web.ImportController.create(ImportController.java:44)', 'java.base/java.lang.VirtualThread.run(VirtualThread.java:329)'])}`, span),
  ];
});

// The housekeeper thread stalls whenever the instance's CPU is throttled between requests (frequent).
const cbStarve = fam(`${CB}:hikari-thread-starvation`, 'WARNING', [120, 240], ({ rng, t, rev }) =>
  [blog(t, rev, 'WARN', 'HikariPool-1:housekeeper', 'com.zaxxer.hikari.pool.HikariPool', `HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=${rng.int(1, 9)}m${rng.int(0, 59)}s${rng.int(0, 999)}ms).`, undefined, undefined)]);

const cbChatter = fam(`noise:${CB}:chatter`, 'INFO', [240, 380], ({ rng, t, rev }) => {
  if (rng.chance(0.7)) return [blog(t, rev, 'INFO', handler(rng), 'c.h.catalog.web.ProductController', `Listed ${rng.int(1, 48)} products for tag ${rng.pick(['tents', 'stoves', 'boots'])} (0 errors, page ${rng.int(1, 20)})`, undefined, spanOf(rng))];
  return [blog(t, rev, 'INFO', 'scheduling-1', 'c.h.catalog.stock.StockSync', `Stock sync pulled ${rng.int(0, 900)} changes`, undefined, undefined)];
});

export const catalogBoot: ServiceDef = {
  name: CB, stack: 'Java 21, Spring Boot 3.4 (Tomcat, virtual threads), Hibernate 6.6, HikariCP 5.1, pgjdbc 42.7, RestClient, Micrometer Tracing from the rollout', splitRate: 0.6,
  families: [cbStock, cbSync, cbDuplicate, cbStarve, cbChatter],
};

// ---------------------------------------------------------------------------------------------------
// events-ktor: Kotlin 2.1, Ktor 3.0 on Netty (EngineMain), CallLogging, StatusPages with one
// `exception<Throwable>` handler that logs `An unknown error occurred` with the cause and answers 500,
// Exposed 0.57 on HikariCP 5.1 and pgjdbc, the Ktor client (CIO, HttpTimeout 5 s) to a seat-map
// partner, Logback 1.5. Morning revision: no logback.xml in the image, so Logback's own default
// (`HH:mm:ss.SSS [thread] LEVEL logger -- msg`, the stack with `Caused by:` after); from the rollout
// logstash-logback-encoder 8's LogstashEncoder on stdout (`@timestamp`, `@version`, `message`,
// `logger_name`, `thread_name`, `level`, `level_value`, `stack_trace`, and the CallId plugin's `call-id`
// from the MDC on request records). CallLogging's line: `STATUS: METHOD - uri in Nms`.
const EK = 'events-ktor';
const KLEVEL: Record<string, number> = { INFO: 20000, WARN: 30000, ERROR: 40000 };

function klog(_rng: Prng, t: number, rev: 0 | 1, level: 'INFO' | 'WARN' | 'ERROR', thread: string, logger: string, msg: string, stack?: string, callId?: string): Write {
  if (rev === 0) {
    const lg = logger.length > 36 ? logger.split('.').map((p, i, a) => (i < a.length - 1 ? p[0] : p)).join('.') : logger;
    return { stream: 'stdout', text: `${hmsMillis(t)} [${thread}] ${level.padEnd(5)} ${lg} -- ${msg}${stack ? `\n${stack}` : ''}` };
  }
  const json: Record<string, unknown> = { '@timestamp': isoMillis(t), '@version': '1', message: msg, logger_name: logger, thread_name: thread, level, level_value: KLEVEL[level] };
  if (stack) json.stack_trace = stack;
  if (callId !== undefined) json['call-id'] = callId;
  return { stream: 'stdout', json };
}

const APP = 'io.ktor.server.Application';
const netty = (rng: Prng): string => `eventLoopGroupProxy-4-${rng.int(1, 4)}`;

/** StatusPages' record and CallLogging's 500 line of one call. */
function unknownError(rng: Prng, t: number, rev: 0 | 1, method: string, uri: string, stack: string, ms: number): Write[] {
  const th = netty(rng);
  const callId = rng.uuid();
  return [
    klog(rng, t, rev, 'ERROR', th, APP, 'An unknown error occurred', stack, callId),
    klog(rng, t + 1500, rev, 'INFO', th, APP, `500 Internal Server Error: ${method} - ${uri} in ${ms}ms`, undefined, callId),
  ];
}

const KTOR_FRAMES = ['io.ktor.server.routing.Route$buildPipeline$1$1.invokeSuspend(Route.kt:116)', 'io.ktor.util.pipeline.SuspendFunctionGun.loop(SuspendFunctionGun.kt:79)', 'kotlin.coroutines.jvm.internal.BaseContinuationImpl.resumeWith(ContinuationImpl.kt:33)', 'io.netty.util.concurrent.SingleThreadEventExecutor$4.run(SingleThreadEventExecutor.java:997)'];

// A slow ticket query holds every pooled connection during on-sales: event creation waits out
// Hikari's 30 s (burst). The pool's counts vary.
const ekPool = fam(`${EK}:event-create-pool-timeout`, 'ERROR', [40, 90], ({ rng, t, rev }) => {
  const stack = `java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms (total=10, active=10, idle=0, waiting=${rng.int(1, 40)})\n${frames([
    'com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:686)', 'com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:179)',
    'com.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:100)', 'org.jetbrains.exposed.sql.Database$Companion$connect$3.invoke(Database.kt:210)',
    'org.jetbrains.exposed.sql.transactions.experimental.SuspendedKt.suspendedTransactionAsyncInternal(Suspended.kt:137)',
    'com.harrowgate.events.EventRepository.create(EventRepository.kt:31)', 'com.harrowgate.events.RoutesKt$eventRoutes$2.invokeSuspend(Routes.kt:44)', ...KTOR_FRAMES])}`;
  return unknownError(rng, t, rev, 'POST', '/v1/events', stack, rng.int(30001, 30400));
}, 0.35);

const requestTimeout = (venue: string, site: string[]): string => `io.ktor.client.plugins.HttpRequestTimeoutException: Request timeout has expired [url=https://seatmaps.partner.example/v2/venues/${venue}/map, request_timeout=5000 ms]\n${frames([
  'io.ktor.client.plugins.HttpTimeoutKt$HttpTimeout$2$1$killer$1.invokeSuspend(HttpTimeout.kt:165)', 'kotlin.coroutines.jvm.internal.BaseContinuationImpl.resumeWith(ContinuationImpl.kt:33)',
  'kotlinx.coroutines.DispatchedTask.run(DispatchedTask.kt:101)', ...site])}`;

// The seat-map partner answers slowly during on-sales: the seats endpoint times out (burst)...
const ekSeats = fam(`${EK}:seats-request-timeout`, 'ERROR', [30, 70], ({ rng, t, rev }) => {
  const venue = String(rng.int(100, 999));
  return unknownError(rng, t, rev, 'GET', `/v1/events/${rng.int(1000, 9999)}/seats?venue=${venue}`, requestTimeout(venue, ['com.harrowgate.events.seats.SeatmapClient.fetch(SeatmapClient.kt:27)', 'com.harrowgate.events.RoutesKt$eventRoutes$5.invokeSuspend(Routes.kt:71)']), rng.int(5001, 5300));
}, 0.3);

// ...and the background refresher logs the same timeout (a second call site).
const ekRefresh = fam(`${EK}:seatmap-refresh-timeout`, 'ERROR', [10, 30], ({ rng, t, rev }) => {
  const venue = String(rng.int(100, 999));
  return [klog(rng, t, rev, 'ERROR', `DefaultDispatcher-worker-${rng.int(1, 8)}`, 'com.harrowgate.events.seats.SeatmapRefresher', `seat map refresh failed for venue ${venue}`, requestTimeout(venue, ['com.harrowgate.events.seats.SeatmapClient.fetch(SeatmapClient.kt:27)', 'com.harrowgate.events.seats.SeatmapRefresher$start$1.invokeSuspend(SeatmapRefresher.kt:22)']))];
});

// Cloud SQL closes idle connections before Hikari's maxLifetime (frequent).
const ekValidate = fam(`${EK}:hikari-connection-closed`, 'WARNING', [120, 240], ({ rng, t, rev }) =>
  [klog(rng, t, rev, 'WARN', netty(rng), 'com.zaxxer.hikari.pool.PoolBase', `HikariPool-1 - Failed to validate connection org.postgresql.jdbc.PgConnection@${rng.hex(8).replace(/^0+/, '')} (This connection has been closed.). Possibly consider using a shorter maxLifetime value.`)]);

const ekChatter = fam(`noise:${EK}:chatter`, 'INFO', [240, 380], ({ rng, t, rev }) => {
  if (rng.chance(0.75)) return [klog(rng, t, rev, 'INFO', netty(rng), APP, `200 OK: GET - ${rng.pick(['/v1/events?city=leeds', '/health', `/v1/events/${rng.int(1000, 9999)}`])} in ${rng.int(1, 90)}ms`, undefined, rng.uuid())];
  return [klog(rng, t, rev, 'INFO', `DefaultDispatcher-worker-${rng.int(1, 8)}`, 'com.harrowgate.events.seats.SeatmapRefresher', `refreshed ${rng.int(1, 40)} seat maps, 0 errors`)];
});

export const eventsKtor: ServiceDef = {
  name: EK, stack: 'Kotlin 2.1, Ktor 3.0 (Netty), Exposed 0.57 on HikariCP 5.1, Ktor client (CIO), Logback 1.5, logstash-logback-encoder 8 from the rollout', splitRate: 0.6,
  families: [ekPool, ekSeats, ekRefresh, ekValidate, ekChatter],
};
