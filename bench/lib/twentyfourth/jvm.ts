// The JVM service of the twenty-fourth day: Spring Boot on Tomcat, its console pattern in the morning
// and, after the rollout, Boot 3.5's own Logstash JSON with its members renamed and its stack traces
// printed root cause first with hashes. Formats follow Boot's source and the reports cited in README.md.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { isoMicros, isoMillis } from './clock.js';
import { exitLine, fam, probeFailed } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// orders-boot: Java 21, Spring Boot 3.4 then 3.5 (Tomcat, Spring Data JPA, Hibernate 6.6, HikariCP)
// on Cloud SQL for PostgreSQL, RestClient to a carrier's label API. Morning: Boot's console pattern
// (`time LEVEL pid --- [app] [thread] logger : msg`, the stack after a blank line, Caused by: chains).
// After the rollout: `logging.structured.format.console=logstash` with
// `logging.structured.json.rename.level=severity` (so Cloud Run reads the level) and
// `logging.structured.json.stacktrace.root=first`, `max-throwable-depth=12`, `include-hashes=true`:
// the root cause first, each wrapper after it as `Wrapped by: `, `<#hash> ` before each throwable and
// `\t... N filtered` where frames were dropped.
const BOOT = 'orders-boot';

interface Thrown { cls: string; msg: string; frames: string[] }

const hash = (seed: string): string => {
  let h = 0;
  for (let i = 0; i < seed.length; i += 1) h = (Math.imul(h, 31) + seed.charCodeAt(i)) >>> 0;
  return h.toString(16).padStart(8, '0');
};

/** `printStackTrace()` order: outermost first, `Caused by:` for each cause, `... N more` for shared frames. */
const rootLast = (chain: readonly Thrown[]): string => chain.map((e, i) => {
  const head = `${i === 0 ? '' : 'Caused by: '}${e.cls}: ${e.msg}`;
  const frames = e.frames.map((f) => `\tat ${f}`);
  return [head, ...frames, ...(i === 0 ? [] : [`\t... ${20 + i * 3} more`])].join('\n');
}).join('\n');

/** Boot 3.5's StandardStackTracePrinter, root first with hashes and at most 12 frames a throwable. */
const rootFirst = (chain: readonly Thrown[]): string => [...chain].reverse().map((e, i) => {
  const head = `${i === 0 ? '' : 'Wrapped by: '}<#${hash(e.cls + e.frames.join())}> ${e.cls}: ${e.msg}`;
  const kept = e.frames.slice(0, 12).map((f) => `\tat ${f}`);
  const dropped = e.frames.length > 12 ? [`\t... ${e.frames.length - 12} filtered`] : [];
  return [head, ...kept, ...dropped].join('\n');
}).join('\n');

const THREADS = (rng: Prng): string => `http-nio-8080-exec-${rng.int(1, 10)}`;

/** One record in the morning's console pattern or the rollout's Logstash JSON. */
function bootLog(t: number, rev: 0 | 1, level: 'ERROR' | 'WARN' | 'INFO', thread: string, logger: string, short: string, msg: string, chain?: readonly Thrown[]): Write {
  if (rev === 0) {
    const lvl = level.padStart(5, ' ');
    const th = thread.length > 15 ? thread.slice(thread.length - 15) : thread.padStart(15, ' ');
    return { stream: 'stdout', text: `${isoMillis(t)} ${lvl} 1 --- [orders] [${th}] ${short.padEnd(40, ' ')} : ${msg}${chain ? `\n\n${rootLast(chain)}` : ''}` };
  }
  return {
    stream: 'stdout',
    json: {
      '@timestamp': isoMicros(t), '@version': '1', message: msg, logger_name: logger, thread_name: thread,
      severity: level, level_value: level === 'ERROR' ? 40000 : level === 'WARN' ? 30000 : 20000,
      ...(chain ? { stack_trace: `${rootFirst(chain)}\n` } : {}),
    },
  };
}

const TOMCAT_FRAMES = [
  'org.springframework.web.servlet.FrameworkServlet.processRequest(FrameworkServlet.java:1022)',
  'org.springframework.web.servlet.FrameworkServlet.doPost(FrameworkServlet.java:925)',
  'jakarta.servlet.http.HttpServlet.service(HttpServlet.java:590)',
  'org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)',
  'jakarta.servlet.http.HttpServlet.service(HttpServlet.java:658)',
  'org.apache.catalina.core.ApplicationFilterChain.internalDoFilter(ApplicationFilterChain.java:195)',
  'org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:140)',
  'org.apache.tomcat.websocket.server.WsFilter.doFilter(WsFilter.java:51)',
  'org.apache.catalina.core.StandardWrapperValve.invoke(StandardWrapperValve.java:167)',
  'org.apache.coyote.http11.Http11Processor.service(Http11Processor.java:397)',
  'org.apache.tomcat.util.net.NioEndpoint$SocketProcessor.doRun(NioEndpoint.java:1769)',
  'java.base/java.lang.Thread.run(Thread.java:1583)',
];

const carrierTimeout = fam(`${BOOT}:carrier-label-timeout`, 'ERROR', [30, 70], ({ rng, t, rev }) => {
  const url = 'https://api.shipfast-carrier.example/v2/labels';
  const wrapper: Thrown = { cls: 'org.springframework.web.client.ResourceAccessException', msg: `I/O error on POST request for "${url}": Read timed out`, frames: [
    'org.springframework.web.client.DefaultRestClient$DefaultRequestBodyUriSpec.createResourceAccessException(DefaultRestClient.java:697)',
    'org.springframework.web.client.DefaultRestClient$DefaultRequestBodyUriSpec.exchangeInternal(DefaultRestClient.java:582)',
    'org.springframework.web.client.DefaultRestClient$DefaultRequestBodyUriSpec.retrieve(DefaultRestClient.java:535)',
    'com.heron.orders.labels.CarrierClient.createLabel(CarrierClient.java:48)',
    'com.heron.orders.labels.LabelService.labelFor(LabelService.java:61)',
    'com.heron.orders.labels.LabelController.create(LabelController.java:34)',
    'java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)',
    'org.springframework.web.servlet.DispatcherServlet.doDispatch(DispatcherServlet.java:1089)',
    ...TOMCAT_FRAMES,
  ] };
  const root: Thrown = { cls: 'java.net.SocketTimeoutException', msg: 'Read timed out', frames: [
    'java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:278)',
    'java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:304)',
    'java.base/sun.nio.ch.NioSocketImpl.read(NioSocketImpl.java:346)',
    'java.base/sun.security.ssl.SSLSocketInputRecord.read(SSLSocketInputRecord.java:489)',
    'java.base/sun.security.ssl.SSLSocketImpl$AppInputStream.read(SSLSocketImpl.java:1095)',
    'java.base/sun.net.www.http.HttpClient.parseHTTP(HttpClient.java:827)',
    'java.base/sun.net.www.protocol.http.HttpURLConnection.getInputStream0(HttpURLConnection.java:1690)',
    'java.base/java.net.HttpURLConnection.getResponseCode(HttpURLConnection.java:531)',
    'org.springframework.http.client.SimpleClientHttpResponse.getStatusCode(SimpleClientHttpResponse.java:55)',
    'org.springframework.web.client.DefaultRestClient$DefaultRequestBodyUriSpec.exchangeInternal(DefaultRestClient.java:574)',
  ] };
  const servlet: Thrown = { cls: 'jakarta.servlet.ServletException', msg: `Request processing failed: ${wrapper.cls}: ${wrapper.msg}`, frames: ['org.springframework.web.servlet.FrameworkServlet.processRequest(FrameworkServlet.java:1022)', ...TOMCAT_FRAMES.slice(1)] };
  const msg = `Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed: ${wrapper.cls}: ${wrapper.msg}] with root cause`;
  // Tomcat hands the root cause alone to the console; the structured format prints the whole chain.
  return [bootLog(t, rev, 'ERROR', THREADS(rng), 'org.apache.catalina.core.ContainerBase.[Tomcat].[localhost].[/].[dispatcherServlet]', 'o.a.c.c.C.[.[.[/].[dispatcherServlet]', msg, rev === 0 ? [root] : [servlet, wrapper, root])];
}, 0.2);

const stockDeadlock = fam(`${BOOT}:stock-reservation-deadlock`, 'ERROR', [15, 40], ({ rng, t, rev }) => {
  const [p1, p2] = [rng.int(1000, 9999), rng.int(1000, 9999)];
  const [x1, x2] = [rng.int(100000, 999999), rng.int(100000, 999999)];
  const pg = `ERROR: deadlock detected\n  Detail: Process ${p1} waits for ShareLock on transaction ${x1}; blocked by process ${p2}.\nProcess ${p2} waits for ShareLock on transaction ${x2}; blocked by process ${p1}.\n  Hint: See server log for query details.\n  Where: while updating tuple (${rng.int(0, 90)},${rng.int(1, 40)}) in relation "stock"`;
  const sql = 'update stock set reserved=? where sku=?';
  const chain: Thrown[] = [
    { cls: 'org.springframework.dao.CannotAcquireLockException', msg: `could not execute statement [${pg}] [${sql}]; SQL [${sql}]`, frames: [
      'org.springframework.orm.jpa.vendor.HibernateJpaDialect.convertHibernateAccessException(HibernateJpaDialect.java:286)',
      'org.springframework.orm.jpa.vendor.HibernateJpaDialect.translateExceptionIfPossible(HibernateJpaDialect.java:241)',
      'org.springframework.orm.jpa.JpaTransactionManager.doCommit(JpaTransactionManager.java:566)',
      'org.springframework.transaction.support.AbstractPlatformTransactionManager.processCommit(AbstractPlatformTransactionManager.java:795)',
      'com.heron.orders.stock.ReservationSweeper.sweep(ReservationSweeper.java:42)',
      'org.springframework.scheduling.support.ScheduledMethodRunnable.runInternal(ScheduledMethodRunnable.java:130)',
      'org.springframework.scheduling.support.DelegatingErrorHandlingRunnable.run(DelegatingErrorHandlingRunnable.java:54)',
      'java.base/java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask.run(ScheduledThreadPoolExecutor.java:304)',
      'java.base/java.lang.Thread.run(Thread.java:1583)',
    ] },
    { cls: 'org.hibernate.exception.LockAcquisitionException', msg: `could not execute statement [${pg}] [${sql}]`, frames: [
      'org.hibernate.dialect.PostgreSQLDialect.lambda$buildSQLExceptionConversionDelegate$0(PostgreSQLDialect.java:1156)',
      'org.hibernate.exception.internal.StandardSQLExceptionConverter.convert(StandardSQLExceptionConverter.java:58)',
      'org.hibernate.engine.jdbc.spi.SqlExceptionHelper.convert(SqlExceptionHelper.java:108)',
      'org.hibernate.engine.jdbc.internal.ResultSetReturnImpl.executeUpdate(ResultSetReturnImpl.java:197)',
    ] },
    { cls: 'org.postgresql.util.PSQLException', msg: pg, frames: [
      'org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2733)',
      'org.postgresql.core.v3.QueryExecutorImpl.processResults(QueryExecutorImpl.java:2420)',
      'org.postgresql.jdbc.PgPreparedStatement.executeUpdate(PgPreparedStatement.java:152)',
      'com.zaxxer.hikari.pool.HikariProxyPreparedStatement.executeUpdate(HikariProxyPreparedStatement.java)',
    ] },
  ];
  const th = 'scheduling-1';
  return [
    bootLog(t, rev, 'WARN', th, 'org.hibernate.engine.jdbc.spi.SqlExceptionHelper', 'o.h.engine.jdbc.spi.SqlExceptionHelper', 'SQL Error: 0, SQLState: 40P01'),
    bootLog(t + 300, rev, 'ERROR', th, 'org.hibernate.engine.jdbc.spi.SqlExceptionHelper', 'o.h.engine.jdbc.spi.SqlExceptionHelper', pg),
    bootLog(t + 2000, rev, 'ERROR', th, 'org.springframework.scheduling.support.TaskUtils$LoggingErrorHandler', 'o.s.s.s.TaskUtils$LoggingErrorHandler', 'Unexpected error occurred in scheduled task', chain),
  ];
});

const mediaType = fam(`${BOOT}:content-type-not-supported`, 'WARNING', [150, 320], ({ rng, t, rev }) => [
  bootLog(t, rev, 'WARN', THREADS(rng), 'org.springframework.web.servlet.mvc.support.DefaultHandlerExceptionResolver', '.w.s.m.s.DefaultHandlerExceptionResolver',
    `Resolved [org.springframework.web.HttpMediaTypeNotSupportedException: Content-Type '${rng.pick(['text/plain;charset=UTF-8', 'application/x-www-form-urlencoded;charset=UTF-8', 'application/octet-stream'])}' is not supported]`),
]);

const REPORT = "\n\n***************************\nAPPLICATION FAILED TO START\n***************************\n\nDescription:\n\nFailed to configure a DataSource: 'url' attribute is not specified and no embedded datasource could be configured.\n\nReason: Failed to determine a suitable driver class\n\n\nAction:\n\nConsider the following:\n\tIf you want an embedded database (H2, HSQL or Derby), please put it on the classpath.\n\tIf you have database settings to be loaded from a particular profile you may need to activate it (no profiles are currently active).\n";

const failedToStart = fam(`${BOOT}:datasource-url-missing`, 'ERROR', [1, 4], ({ t, rev }) => [
  bootLog(t, rev, 'ERROR', 'main', 'org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter', 'o.s.b.d.LoggingFailureAnalysisReporter', REPORT),
  exitLine(BOOT, 1),
  probeFailed(`${BOOT}:platform-startup-probe`),
]);

const bootChatter = fam(`noise:${BOOT}:info`, 'INFO', [200, 450], ({ rng, t, rev }) => [rng.chance(0.9)
  ? bootLog(t, rev, 'INFO', THREADS(rng), 'com.heron.orders.labels.LabelService', 'c.h.orders.labels.LabelService', `Label created for order ${rng.int(100000, 999999)} (0 errors)`)
  : bootLog(t, rev, 'INFO', 'main', 'com.heron.orders.OrdersApplication', 'c.h.orders.OrdersApplication', `Started OrdersApplication in ${rng.fixed(4, 9, 3)} seconds (process running for ${rng.fixed(5, 11, 2)})`)]);

export const ordersBoot: ServiceDef = {
  name: BOOT, stack: 'Java 21, Spring Boot 3.4 then 3.5 (Tomcat, Spring Data JPA, Hibernate 6.6, HikariCP), RestClient, Cloud SQL for PostgreSQL', splitRate: 0.65,
  families: [carrierTimeout, stockDeadlock, mediaType, failedToStart, bootChatter],
};
