// The day's JVM service: Spring Boot 3.4 on Tomcat with Log4j 2 in place of Logback (Boot's Log4j 2
// console pattern, frames with their jar), then Log4j's JsonTemplateLayout with its ECS template.
import type { ServiceDef, Write } from '../stranger/model.js';
import { isoMillis } from './clock.js';
import { as, containerExit, fam } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// catalog-log4j2: Java 21, Spring Boot 3.4 (Tomcat 10.1, Spring MVC 6.2) with spring-boot-starter-log4j2
// (Log4j 2.24) instead of Logback, Spring Data JPA / Hibernate 6.6 on HikariCP 5 and pgjdbc 42.7 to
// Cloud SQL for PostgreSQL (`statement_timeout` 3 s), RestClient to a price partner, `@Scheduled`
// price sync. Morning revision: Boot's own log4j2.xml console pattern (`%d %5p PID --- [app]
// [%15.15t] %-40.40c{1.} : %m%n%xwEx`): the date in UTC, the thread cut to 15, the logger abbreviated and
// padded to 40, a blank line, then the throwable with Log4j's extended frames (`~[jar:version]`,
// `[?:?]` for the JDK). From the rollout `log4j2-spring.xml` with `JsonTemplateLayout` and its
// `EcsLayout.json` template: `@timestamp`, `ecs.version`, `log.level`, `message`,
// `process.thread.name`, `log.logger`, `error.type`, `error.message`, `error.stack_trace` (the plain
// printStackTrace text); no `severity`.
const CL = 'catalog-log4j2';
const APP = 'catalog';

interface Thrown { type: string; message: string; plain: string; extended: string }

function abbreviate(logger: string): string {
  const parts = logger.split('.');
  const last = parts.pop() ?? logger;
  const short = `${parts.map((p) => p[0]).join('.')}${parts.length ? '.' : ''}${last}`;
  return short.length > 40 ? short.slice(short.length - 40) : short;
}

function blog(t: number, rev: 0 | 1, level: 'INFO' | 'WARN' | 'ERROR', thread: string, logger: string, message: string, thrown?: Thrown): Write {
  if (rev === 0) {
    const head = `${isoMillis(t)} ${level.padStart(5)} 1 --- [${APP}] [${thread.slice(-15).padStart(15)}] ${abbreviate(logger).padEnd(40)} : ${message}`;
    return { stream: 'stdout', text: thrown ? `${head}\n\n${thrown.extended}` : head };
  }
  const json: Record<string, unknown> = { '@timestamp': isoMillis(t), 'ecs.version': '1.2.0', 'log.level': level, message, 'process.thread.name': thread, 'log.logger': logger };
  if (thrown) Object.assign(json, { 'error.type': thrown.type, 'error.message': thrown.message, 'error.stack_trace': thrown.plain });
  return { stream: 'stdout', json };
}

/** A frame list as printStackTrace and as Log4j's `%xEx` print it. */
type Frame = readonly [string, string];
const frames = (fs: readonly Frame[]): { plain: string; extended: string } => ({
  plain: fs.map(([f]) => `\tat ${f}`).join('\n'),
  extended: fs.map(([f, jar]) => `\tat ${f} ${jar}`).join('\n'),
});

const SPRING = '~[spring-webmvc-6.2.1.jar:6.2.1]';
const TOMCAT = '~[tomcat-embed-core-10.1.34.jar:10.1.34]';
const JDK = '~[?:?]';
const PG: readonly Frame[] = [
  ['org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2733)', '~[postgresql-42.7.4.jar:42.7.4]'],
  ['org.postgresql.core.v3.QueryExecutorImpl.processResults(QueryExecutorImpl.java:2420)', '~[postgresql-42.7.4.jar:42.7.4]'],
  ['org.postgresql.core.v3.QueryExecutorImpl.execute(QueryExecutorImpl.java:372)', '~[postgresql-42.7.4.jar:42.7.4]'],
  ['org.postgresql.jdbc.PgStatement.executeInternal(PgStatement.java:517)', '~[postgresql-42.7.4.jar:42.7.4]'],
  ['org.postgresql.jdbc.PgPreparedStatement.executeQuery(PgPreparedStatement.java:134)', '~[postgresql-42.7.4.jar:42.7.4]'],
  ['com.zaxxer.hikari.pool.HikariProxyPreparedStatement.executeQuery(HikariProxyPreparedStatement.java)', '~[HikariCP-5.1.0.jar:?]'],
  ['org.hibernate.sql.results.jdbc.internal.DeferredResultSetAccess.executeQuery(DeferredResultSetAccess.java:246)', '~[hibernate-core-6.6.4.Final.jar:6.6.4.Final]'],
  ['org.hibernate.sql.exec.internal.JdbcSelectExecutorStandardImpl.doExecuteQuery(JdbcSelectExecutorStandardImpl.java:204)', '~[hibernate-core-6.6.4.Final.jar:6.6.4.Final]'],
  ['org.hibernate.query.sqm.internal.ConcreteSqmSelectQueryPlan.performList(ConcreteSqmSelectQueryPlan.java:377)', '~[hibernate-core-6.6.4.Final.jar:6.6.4.Final]'],
  ['org.hibernate.query.spi.AbstractSelectionQuery.list(AbstractSelectionQuery.java:143)', '~[hibernate-core-6.6.4.Final.jar:6.6.4.Final]'],
  ['org.springframework.data.jpa.repository.query.JpaQueryExecution$CollectionExecution.doExecute(JpaQueryExecution.java:129)', '~[spring-data-jpa-3.4.1.jar:3.4.1]'],
  ['com.sedgebrook.catalog.web.ProductController.byTag(ProductController.java:57)', '~[classes/:?]'],
  ['java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)', JDK],
  ['org.springframework.web.method.support.InvocableHandlerMethod.doInvoke(InvocableHandlerMethod.java:257)', '~[spring-web-6.2.1.jar:6.2.1]'],
  ['org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter.invokeHandlerMethod(RequestMappingHandlerAdapter.java:986)', SPRING],
  ['org.springframework.web.servlet.DispatcherServlet.doDispatch(DispatcherServlet.java:1088)', SPRING],
  ['org.springframework.web.servlet.FrameworkServlet.processRequest(FrameworkServlet.java:1014)', SPRING],
  ['jakarta.servlet.http.HttpServlet.service(HttpServlet.java:564)', '~[tomcat-embed-core-10.1.34.jar:6.0]'],
  ['org.apache.catalina.core.ApplicationFilterChain.internalDoFilter(ApplicationFilterChain.java:195)', TOMCAT],
  ['org.apache.catalina.core.StandardWrapperValve.invoke(StandardWrapperValve.java:167)', TOMCAT],
  ['org.apache.tomcat.util.net.NioEndpoint$SocketProcessor.doRun(NioEndpoint.java:1769)', TOMCAT],
  ['java.base/java.lang.Thread.run(Thread.java:1583)', JDK],
];

const SQL = 'select p1_0.id,p1_0.name,p1_0.price,p1_0.slug from product p1_0 join product_tag t1_0 on p1_0.id=t1_0.product_id where t1_0.tag=? order by p1_0.popularity desc offset ? rows fetch first ? rows only';
const TIMEOUT_MSG = 'ERROR: canceling statement due to statement timeout';

// A tag page sorts a million-row join after a bulk import left the statistics stale: 3 s statement
// timeout. Hibernate logs the SQL error (WARN and ERROR), Tomcat logs the request's failure with the
// PSQLException as root cause; the wrapper names the same timeout in its message (one failure).
const clTag = fam(`${CL}:tag-page-statement-timeout`, 'ERROR', [40, 90], ({ rng, t, rev }) => {
  const thread = `http-nio-8080-exec-${rng.int(1, 10)}`;
  const wrapped = `JDBC exception executing SQL [${SQL}] [${TIMEOUT_MSG}] [n/a]`;
  const f = frames(PG);
  const root: Thrown = { type: 'org.postgresql.util.PSQLException', message: TIMEOUT_MSG, plain: `org.postgresql.util.PSQLException: ${TIMEOUT_MSG}\n${f.plain}`, extended: `org.postgresql.util.PSQLException: ${TIMEOUT_MSG}\n${f.extended}` };
  return [
    as(blog(t, rev, 'WARN', thread, 'org.hibernate.engine.jdbc.spi.SqlExceptionHelper', 'SQL Error: 0, SQLState: 57014'), `${CL}:tag-page-statement-timeout`, 'WARNING'),
    blog(t + 150, rev, 'ERROR', thread, 'org.hibernate.engine.jdbc.spi.SqlExceptionHelper', TIMEOUT_MSG),
    blog(t + 2_000, rev, 'ERROR', thread, 'org.apache.catalina.core.ContainerBase.[Tomcat].[localhost].[/].[dispatcherServlet]', `Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed: org.springframework.dao.QueryTimeoutException: ${wrapped}; SQL [n/a]] with root cause`, root),
  ];
}, 0.35);

const PARTNER: readonly Frame[] = [
  ['org.springframework.web.client.HttpServerErrorException.create(HttpServerErrorException.java:116)', '~[spring-web-6.2.1.jar:6.2.1]'],
  ['org.springframework.web.client.StatusHandler.lambda$defaultHandler$3(StatusHandler.java:94)', '~[spring-web-6.2.1.jar:6.2.1]'],
  ['org.springframework.web.client.StatusHandler.handle(StatusHandler.java:146)', '~[spring-web-6.2.1.jar:6.2.1]'],
  ['org.springframework.web.client.DefaultRestClient$DefaultResponseSpec.applyStatusHandlers(DefaultRestClient.java:834)', '~[spring-web-6.2.1.jar:6.2.1]'],
  ['org.springframework.web.client.DefaultRestClient.readWithMessageConverters(DefaultRestClient.java:220)', '~[spring-web-6.2.1.jar:6.2.1]'],
  ['org.springframework.web.client.DefaultRestClient$DefaultResponseSpec.body(DefaultRestClient.java:791)', '~[spring-web-6.2.1.jar:6.2.1]'],
  ['com.sedgebrook.catalog.prices.PartnerPriceClient.fetchPage(PartnerPriceClient.java:48)', '~[classes/:?]'],
  ['com.sedgebrook.catalog.prices.PriceSync.run(PriceSync.java:36)', '~[classes/:?]'],
  ['org.springframework.scheduling.support.ScheduledMethodRunnable.runInternal(ScheduledMethodRunnable.java:130)', '~[spring-context-6.2.1.jar:6.2.1]'],
  ['org.springframework.scheduling.support.DelegatingErrorHandlingRunnable.run(DelegatingErrorHandlingRunnable.java:54)', '~[spring-context-6.2.1.jar:6.2.1]'],
  ['java.base/java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask.run(ScheduledThreadPoolExecutor.java:304)', JDK],
  ['java.base/java.lang.Thread.run(Thread.java:1583)', JDK],
];

// The price partner's maintenance page: the scheduled sync's page fetch gets a 503 with a JSON body.
const clPrices = fam(`${CL}:price-sync-partner-503`, 'ERROR', [30, 70], ({ rng, t, rev }) => {
  const body = `503 Service Unavailable: "{"error":"maintenance","retry_after":${rng.pick([60, 120, 300])}}"`;
  const f = frames(PARTNER);
  const thrown: Thrown = { type: 'org.springframework.web.client.HttpServerErrorException$ServiceUnavailable', message: body, plain: `org.springframework.web.client.HttpServerErrorException$ServiceUnavailable: ${body}\n${f.plain}`, extended: `org.springframework.web.client.HttpServerErrorException$ServiceUnavailable: ${body}\n${f.extended}` };
  return [blog(t, rev, 'ERROR', `scheduling-${rng.int(1, 2)}`, 'org.springframework.scheduling.support.TaskUtils$LoggingErrorHandler', 'Unexpected error occurred in scheduled task', thrown)];
});

// Merchants upload product photos over the 10 MB multipart limit: Spring resolves it to 413 (frequent).
const clUpload = fam(`${CL}:upload-size-exceeded`, 'WARNING', [120, 240], ({ rng, t, rev }) =>
  [blog(t, rev, 'WARN', `http-nio-8080-exec-${rng.int(1, 10)}`, 'org.springframework.web.servlet.mvc.support.DefaultHandlerExceptionResolver', 'Resolved [org.springframework.web.multipart.MaxUploadSizeExceededException: Maximum upload size exceeded]')]);

// A revision deployed without the datasource secret mounted: Boot's failure analysis, then exit 1.
const clStartup = fam(`${CL}:startup-datasource-missing`, 'ERROR', [3, 8], ({ t, rev }) => [
  blog(t, rev, 'ERROR', 'main', 'org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter', "\n\n***************************\nAPPLICATION FAILED TO START\n***************************\n\nDescription:\n\nFailed to configure a DataSource: 'url' attribute is not specified and no embedded datasource could be configured.\n\nReason: Failed to determine a suitable driver class\n\n\nAction:\n\nConsider the following:\n\tIf you want an embedded database (H2, HSQL or Derby), please put it on the classpath.\n\tIf you have database settings to be loaded from a particular profile you may need to activate it (no profiles are currently active).\n"),
  containerExit(CL, 1),
]);

const clChatter = fam(`noise:${CL}:chatter`, 'INFO', [220, 340], ({ rng, t, rev }) => {
  const roll = rng.next();
  if (roll < 0.05) return [blog(t, rev, 'INFO', 'main', 'com.sedgebrook.catalog.CatalogApplication', `Started CatalogApplication in ${rng.float(6, 14, 3)} seconds (process running for ${rng.float(7, 15, 3)})`)];
  if (roll < 0.4) return [blog(t, rev, 'INFO', `scheduling-${rng.int(1, 2)}`, 'com.sedgebrook.catalog.prices.PriceSync', `Price sync page ${rng.int(1, 80)}: ${rng.int(100, 500)} prices updated, 0 errors`)];
  return [blog(t, rev, 'INFO', `http-nio-8080-exec-${rng.int(1, 10)}`, 'com.sedgebrook.catalog.web.ProductController', `Served tag page ${rng.pick(['tents', 'stoves', 'boots', 'packs'])} (${rng.int(10, 48)} products, cache ${rng.pick(['hit', 'miss'])})`)];
});

export const catalogLog4j2: ServiceDef = {
  name: CL, stack: 'Java 21, Spring Boot 3.4 (Tomcat) with Log4j 2.24, Hibernate 6.6, HikariCP 5, RestClient', splitRate: 0.65,
  families: [clTag, clPrices, clUpload, clStartup, clChatter],
};

