// The day's JVM services: Spring Boot 3.4 on Tomcat with Tomcat's own access log written to stdout
// beside Boot's console log (which turns into Boot's logstash JSON at the rollout), and Micronaut 4 on
// Netty with its HTTP access logger, both through the generated logback pattern with its colours.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { clfTime, hmsMillis, isoMicros, isoMillis } from './clock.js';
import { digits, fam, javaStack, peer, req, requestLog, type Req } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// invoices-boot: Java 21, Spring Boot 3.4 (Tomcat 10.1, Spring MVC, Spring Data JPA, Hibernate 6.6,
// HikariCP 5.1), RestClient to a PDF renderer, `@Scheduled` jobs. Boot's default console pattern
// (`spring.application.name=invoices`) on stdout in the morning, `logging.structured.format.console=
// logstash` from the rollout (`@timestamp`, `@version`, `message`, `logger_name`, `thread_name`,
// `level`, `level_value`, `stack_trace`; no severity). Beside it Tomcat's AccessLogValve writes to
// stdout itself (`server.tomcat.accesslog.directory=/dev`, `prefix=stdout`, `suffix=`,
// `file-date-format=`, pattern `common`) when the response has been sent; its `%t` is the request's
// start. An exception out of a controller reaches the servlet container: StandardWrapperValve logs
// `Servlet.service() for servlet [dispatcherServlet] … threw exception [Request processing failed:
// <wrapper>] with root cause` and the root cause's stack.
const IB = 'invoices-boot';
const DISPATCHER = 'org.apache.catalina.core.ContainerBase.[Tomcat].[localhost].[/].[dispatcherServlet]';

/** `%-40.40logger{39}`: each package cut to its first letter from the left until the name fits. */
function logger39(name: string): string {
  const parts = name.split('.');
  for (let i = 0; i < parts.length - 1 && parts.join('.').length > 39; i += 1) parts[i] = parts[i]!.slice(0, 1);
  const s = parts.join('.');
  return (s.length > 40 ? s.slice(s.length - 40) : s).padEnd(40);
}

function boot(t: number, rev: 0 | 1, level: 'INFO' | 'WARN' | 'ERROR', thread: string, logger: string, message: string, stack?: string): Write {
  if (rev === 1) {
    const json: Record<string, unknown> = { '@timestamp': isoMicros(t), '@version': '1', message, logger_name: logger, thread_name: thread, level, level_value: level === 'ERROR' ? 40000 : level === 'WARN' ? 30000 : 20000 };
    if (stack) json.stack_trace = `${stack}\n`;
    return { stream: 'stdout', json };
  }
  const head = `${isoMillis(t)} ${level.padStart(5)} 1 --- [invoices] [${thread.slice(-15).padStart(15)}] ${logger === DISPATCHER ? 'o.a.c.c.C.[.[.[/].[dispatcherServlet]   ' : logger39(logger)} : ${message}`;
  return { stream: 'stdout', text: stack ? `${head}\n\n${stack}` : head };
}

/** Tomcat's access line (`common`) for `r`, which started at `t`. */
const tomcatAccess = (rng: Prng, t: number, r: Req, bytes: number | '-'): Write => ({ stream: 'stdout', text: `${peer(rng)} - - [${clfTime(t)}] "${r.method} ${r.path} HTTP/1.1" ${r.status} ${bytes}` });

function servletFailure(rng: Prng, t: number, rev: 0 | 1, host: string, r: Req, wrapper: string, rootStack: string): Write[] {
  const thread = `http-nio-8080-exec-${rng.int(1, 40)}`;
  return [
    { ...boot(t + r.latencyUs - 3000, rev, 'ERROR', thread, DISPATCHER, `Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed: ${wrapper}] with root cause`, rootStack), delayUs: r.latencyUs - 3000 },
    { ...tomcatAccess(rng, t, r, rng.int(100, 300)), delayUs: rng.int(2000, 4000) },
    requestLog(rng, host, IB, r, rng.int(300, 2500)),
  ];
}

const HIKARI = (waiting: number): string => javaStack(`java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms (total=10, active=10, idle=0, waiting=${waiting})`, [
  'com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:686)',
  'com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:179)',
  'com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:144)',
  'com.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:127)',
  'org.hibernate.engine.jdbc.connections.internal.DatasourceConnectionProviderImpl.getConnection(DatasourceConnectionProviderImpl.java:126)',
  'org.hibernate.internal.NonContextualJdbcConnectionAccess.obtainConnection(NonContextualJdbcConnectionAccess.java:46)',
  'org.hibernate.resource.jdbc.internal.LogicalConnectionManagedImpl.acquireConnectionIfNeeded(LogicalConnectionManagedImpl.java:126)',
  'org.springframework.orm.jpa.JpaTransactionManager.doBegin(JpaTransactionManager.java:420)',
  'org.springframework.transaction.support.AbstractPlatformTransactionManager.startTransaction(AbstractPlatformTransactionManager.java:532)',
  'com.harrowgate.invoices.InvoiceController.list(InvoiceController.java:41)',
  'org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)',
  'org.apache.tomcat.util.threads.TaskThread$WrappingRunnable.run(TaskThread.java:63)',
  'java.base/java.lang.Thread.run(Thread.java:1583)',
]);

const READ_TIMEOUT = javaStack('java.net.SocketTimeoutException: Read timed out', [
  'java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:278)',
  'java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:304)',
  'java.base/java.net.Socket$SocketInputStream.read(Socket.java:1099)',
  'java.base/sun.net.www.http.HttpClient.parseHTTP(HttpClient.java:812)',
  'java.base/sun.net.www.protocol.http.HttpURLConnection.getInputStream0(HttpURLConnection.java:1705)',
  'java.base/java.net.HttpURLConnection.getResponseCode(HttpURLConnection.java:531)',
  'org.springframework.http.client.SimpleClientHttpResponse.getStatusCode(SimpleClientHttpResponse.java:55)',
  'org.springframework.web.client.DefaultRestClient.readWithMessageConverters(DefaultRestClient.java:216)',
]);
const RESOURCE_ACCESS = (id: string): string => `org.springframework.web.client.ResourceAccessException: I/O error on POST request for "http://pdf-renderer.harrowgate.internal/render/${id}": Read timed out`;

export const invoicesBoot: ServiceDef = {
  name: IB, stack: 'Java 21, Spring Boot 3.4 (Tomcat access log to stdout), Hibernate 6.6, HikariCP, RestClient', splitRate: 0.6,
  families: [
    fam(`${IB}:invoice-list-hikari-timeout`, 'ERROR', [40, 90], ({ rng, t, rev, host }) => {
      const r = req(rng, 'GET', `/api/invoices?customerId=${digits(rng, 6)}&page=${rng.int(0, 9)}`, 500, rng.int(30_004_000, 30_060_000));
      return servletFailure(rng, t, rev, host, r, 'org.springframework.transaction.CannotCreateTransactionException: Could not open JPA EntityManager for transaction', HIKARI(rng.int(1, 30)));
    }, 0.3),
    fam(`${IB}:invoice-pdf-read-timeout`, 'ERROR', [30, 70], ({ rng, t, rev, host }) => {
      const id = `INV-${digits(rng, 7)}`;
      const r = req(rng, 'POST', `/api/invoices/${id}/pdf`, 500, rng.int(10_010_000, 10_200_000));
      return servletFailure(rng, t, rev, host, r, RESOURCE_ACCESS(id), READ_TIMEOUT);
    }, 0.2),
    // The same renderer timeout from the nightly statement job: Spring's scheduler error handler.
    fam(`${IB}:statement-job-read-timeout`, 'ERROR', [15, 40], ({ rng, t, rev }) => {
      const id = `ST-${digits(rng, 6)}`;
      const stack = javaStack(RESOURCE_ACCESS(id), ['org.springframework.web.client.DefaultRestClient$DefaultRequestBodyUriSpec.createResourceAccessException(DefaultRestClient.java:692)', 'org.springframework.web.client.DefaultRestClient$DefaultRequestBodyUriSpec.exchangeInternal(DefaultRestClient.java:577)', 'com.harrowgate.invoices.PdfClient.render(PdfClient.java:38)', 'com.harrowgate.invoices.StatementJob.run(StatementJob.java:52)', 'org.springframework.scheduling.support.ScheduledMethodRunnable.run(ScheduledMethodRunnable.java:130)'], [[READ_TIMEOUT.split('\n')[0]!, READ_TIMEOUT.split('\n').slice(1, 5).map((l) => l.slice(4))]]);
      return [boot(t, rev, 'ERROR', 'scheduling-1', 'org.springframework.scheduling.support.TaskUtils$LoggingErrorHandler', 'Unexpected error occurred in scheduled task', stack)];
    }),
    // A client leaving out a parameter: Spring's resolver at WARN, Tomcat's 400 and Cloud Run's 400.
    fam(`${IB}:missing-customer-param`, 'WARNING', [150, 300], ({ rng, t, rev, host }) => {
      const r = req(rng, 'GET', '/api/invoices?page=0', 400, rng.int(2_000, 12_000));
      return [
        { ...boot(t + r.latencyUs - 500, rev, 'WARN', `http-nio-8080-exec-${rng.int(1, 40)}`, 'org.springframework.web.servlet.mvc.support.DefaultHandlerExceptionResolver', "Resolved [org.springframework.web.bind.MissingServletRequestParameterException: Required request parameter 'customerId' for method parameter type String is not present]"), delayUs: r.latencyUs - 500 },
        { ...tomcatAccess(rng, t, r, rng.int(100, 200)), delayUs: rng.int(500, 2000) },
        requestLog(rng, host, IB, r, rng.int(300, 2500)),
      ];
    }),
    fam(`noise:${IB}:access-200`, 'INFO', [150, 300], ({ rng, t }) => [tomcatAccess(rng, t, req(rng, 'GET', `/api/invoices/INV-${digits(rng, 7)}`, 200, 9000), rng.int(300, 9000))]),
    fam(`noise:${IB}:reminders`, 'INFO', [60, 120], ({ rng, t, rev }) => [boot(t, rev, 'INFO', 'scheduling-1', 'com.harrowgate.invoices.ReminderJob', `reminders sent: ${rng.int(0, 90)}, 0 failed`)]),
  ],
};

// ---------------------------------------------------------------------------------------------------
// notify-micronaut: Java 21, Micronaut 4.7 on Netty, Micronaut Data JDBC (HikariCP), the declarative
// HTTP client to FCM's send endpoint (`read-timeout` 10 s), `@Scheduled` digests,
// `micronaut.server.netty.access-logger.enabled: true` (logger `HTTP_ACCESS_LOGGER`, format `common`,
// written when the response is complete). The generated logback.xml on stdout: `%cyan(%d{HH:mm:ss.SSS})
// %gray([%thread]) %highlight(%-5level) %magenta(%logger{36}) - %msg%n` with its ANSI colours (the
// morning), the same pattern without the colour words after the rollout. An unhandled exception is
// logged by RouteExecutor: `Unexpected error occurred: <message>` and the stack
// (micronaut-projects/micronaut-core#10520, #2552 for the older RoutingInBoundHandler form).
const NM = 'notify-micronaut';
const ANSI = { cyan: '\u001b[36m', gray: '\u001b[90m', red: '\u001b[1;31m', yellow: '\u001b[33m', blue: '\u001b[34m', magenta: '\u001b[35m', off: '\u001b[0;39m' };

/** `%logger{36}`: packages cut to one letter from the left until the name fits in 36. */
function logger36(name: string): string {
  const parts = name.split('.');
  for (let i = 0; i < parts.length - 1 && parts.join('.').length > 36; i += 1) parts[i] = parts[i]!.slice(0, 1);
  return parts.join('.');
}

function mn(t: number, rev: 0 | 1, level: 'INFO' | 'WARN' | 'ERROR', thread: string, logger: string, message: string, stack?: string): Write {
  const lv = level.padEnd(5);
  const lg = logger36(logger);
  const head = rev === 0
    ? `${ANSI.cyan}${hmsMillis(t)}${ANSI.off} ${ANSI.gray}[${thread}]${ANSI.off} ${level === 'ERROR' ? ANSI.red : level === 'WARN' ? ANSI.yellow : ANSI.blue}${lv}${ANSI.off} ${ANSI.magenta}${lg}${ANSI.off} - ${message}`
    : `${hmsMillis(t)} [${thread}] ${lv} ${lg} - ${message}`;
  return { stream: 'stdout', text: stack ? `${head}\n${stack}` : head };
}

const loop = (rng: Prng): string => `default-nioEventLoopGroup-1-${rng.int(1, 4)}`;
const access = (rng: Prng, t: number, rev: 0 | 1, r: Req, bytes: number): Write => mn(t + r.latencyUs, rev, 'INFO', loop(rng), 'HTTP_ACCESS_LOGGER', `${peer(rng)} - - [${clfTime(t)}] "${r.method} ${r.path} HTTP/1.1" ${r.status} ${bytes}`);

function routeFailure(rng: Prng, t: number, rev: 0 | 1, host: string, r: Req, message: string, stack: string): Write[] {
  return [
    { ...mn(t + r.latencyUs - 1500, rev, 'ERROR', loop(rng), 'io.micronaut.http.server.RouteExecutor', `Unexpected error occurred: ${message}`, stack), delayUs: r.latencyUs - 1500 },
    { ...access(rng, t, rev, r, rng.int(80, 140)), delayUs: rng.int(1000, 2500) },
    requestLog(rng, host, NM, r, rng.int(300, 2500)),
  ];
}

const READ_TIMEOUT_MN = (site: string[]): string => javaStack('io.micronaut.http.client.exceptions.ReadTimeoutException: Read Timeout', [
  'io.micronaut.http.client.exceptions.ReadTimeoutException.<clinit>(ReadTimeoutException.java:26)',
  'io.micronaut.http.client.netty.DefaultHttpClient.lambda$exchangeImpl$50(DefaultHttpClient.java:1393)',
  'reactor.core.publisher.FluxOnErrorResume$ResumeSubscriber.onError(FluxOnErrorResume.java:94)',
  'reactor.core.publisher.MonoFlatMap$FlatMapMain.onError(MonoFlatMap.java:180)',
  'reactor.core.publisher.SerializedSubscriber.onError(SerializedSubscriber.java:124)',
  'reactor.core.publisher.FluxTimeout$TimeoutMainSubscriber.handleTimeout(FluxTimeout.java:296)',
  ...site,
]);

export const notifyMicronaut: ServiceDef = {
  name: NM, stack: 'Java 21, Micronaut 4.7 (Netty, access logger), Micronaut Data JDBC, HTTP client', splitRate: 0.6,
  families: [
    fam(`${NM}:push-send-read-timeout`, 'ERROR', [40, 90], ({ rng, t, rev, host }) => {
      const r = req(rng, 'POST', `/notify/${rng.uuid()}/push`, 500, rng.int(10_005_000, 10_080_000));
      return routeFailure(rng, t, rev, host, r, 'Read Timeout', READ_TIMEOUT_MN(['com.harrowgate.notify.FcmClient$Intercepted.send(Unknown Source)', 'com.harrowgate.notify.PushController.push(PushController.java:44)']));
    }, 0.3),
    fam(`${NM}:subscription-duplicate-token`, 'ERROR', [20, 60], ({ rng, t, rev, host }) => {
      const r = req(rng, 'POST', '/subscriptions', 500, rng.int(15_000, 120_000));
      const token = rng.base64url(40);
      const message = `Error executing PERSIST: ERROR: duplicate key value violates unique constraint "subscriptions_device_token_key"\n  Detail: Key (device_token)=(${token}) already exists.`;
      const stack = javaStack(`io.micronaut.data.exceptions.DataAccessException: ${message}`, ['io.micronaut.data.jdbc.operations.DefaultJdbcRepositoryOperations.persist(DefaultJdbcRepositoryOperations.java:589)', 'io.micronaut.data.runtime.intercept.DefaultSaveEntityInterceptor.intercept(DefaultSaveEntityInterceptor.java:41)', 'com.harrowgate.notify.SubscriptionController.create(SubscriptionController.java:29)'], [[`org.postgresql.util.PSQLException: ERROR: duplicate key value violates unique constraint "subscriptions_device_token_key"\n  Detail: Key (device_token)=(${token}) already exists.`, ['org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2733)', 'org.postgresql.jdbc.PgPreparedStatement.executeUpdate(PgPreparedStatement.java:152)']]]);
      return routeFailure(rng, t, rev, host, r, message, stack);
    }),
    // The same FCM read timeout from the digest job: the scheduler's task exception handler.
    fam(`${NM}:digest-job-read-timeout`, 'ERROR', [15, 40], ({ rng, t, rev }) => [mn(t, rev, 'ERROR', `scheduled-executor-thread-${rng.int(1, 4)}`, 'io.micronaut.scheduling.exceptions.TaskExceptionHandler', `Error invoking scheduled task for bean [com.harrowgate.notify.DigestJob@${rng.hex(8)}] Read Timeout`, READ_TIMEOUT_MN(['com.harrowgate.notify.FcmClient$Intercepted.send(Unknown Source)', 'com.harrowgate.notify.DigestJob.send(DigestJob.java:37)']))]),
    fam(`${NM}:device-token-expired`, 'WARNING', [150, 300], ({ rng, t, rev }) => [mn(t, rev, 'WARN', loop(rng), 'com.harrowgate.notify.PushSender', `device token expired, unsubscribing device ${rng.uuid()}`)]),
    fam(`noise:${NM}:access-200`, 'INFO', [150, 300], ({ rng, t, rev }) => [access(rng, t, rev, req(rng, 'GET', `/notify/${rng.uuid()}`, 200, rng.int(2_000, 40_000)), rng.int(80, 900))]),
    fam(`noise:${NM}:digest-done`, 'INFO', [40, 90], ({ rng, t, rev }) => [mn(t, rev, 'INFO', `scheduled-executor-thread-${rng.int(1, 4)}`, 'com.harrowgate.notify.DigestJob', `digest sent to ${rng.int(10, 900)} devices, 0 errors`)]),
  ],
};
