// catalog-gcpjson: Spring Boot 3.3 (Java 21, Tomcat, Spring Data JPA on Cloud SQL for MySQL through
// HikariCP) with Spring Cloud GCP's logging starter on the morning revision: logback's
// StackdriverJsonLayout, one JSON line a record with `severity` (so Cloud Run sets the entry's severity),
// the throwable appended to `message`, and the trace fields. The rollout dropped the starter, and the
// records come out in Spring Boot's console pattern, the stack trace on the lines after.
import type { Ctx, Family, ServiceDef, Write } from '../stranger/model.js';
import { epochParts, isoMillis } from './clock.js';

const SVC = 'catalog-gcpjson';
const PROJECT = 'quillmere-prod-2291';
const SEVERITY: Record<string, string> = { ERROR: 'ERROR', WARN: 'WARNING', INFO: 'INFO' };

/** Logback's `%-40.40logger{39}`: the name abbreviated from the left until it fits. */
function abbreviate(logger: string): string {
  const parts = logger.split('.');
  for (let i = 0; i < parts.length - 1 && parts.join('.').length > 39; i += 1) parts[i] = (parts[i] ?? '').slice(0, 1);
  const s = parts.join('.');
  return (s.length > 40 ? s.slice(-40) : s).padEnd(40);
}

function record(ctx: Ctx, level: string, thread: string, logger: string, msg: string, trace?: string): Write {
  if (ctx.rev === 0) {
    return {
      stream: 'stdout',
      json: {
        ...epochParts(ctx.t), severity: SEVERITY[level] ?? 'DEFAULT', thread, logger,
        message: trace ? `${msg}\n${trace}` : msg, context: 'default',
        'logging.googleapis.com/trace': `projects/${PROJECT}/traces/${ctx.rng.hex(32)}`, 'logging.googleapis.com/spanId': ctx.rng.hex(16), 'logging.googleapis.com/trace_sampled': false,
      },
    };
  }
  const t15 = thread.length > 15 ? thread.slice(-15) : thread.padStart(15);
  return { stream: 'stdout', text: `${isoMillis(ctx.t)} ${level.padStart(5)} 1 --- [catalog] [${t15}] ${abbreviate(logger)} : ${msg}${trace ? `\n\n${trace}` : ''}` };
}

const exec = (ctx: Ctx): string => `http-nio-8080-exec-${ctx.rng.int(1, 10)}`;
const DISPATCHER = 'org.apache.catalina.core.ContainerBase.[Tomcat].[localhost].[/].[dispatcherServlet]';
const SQL_HELPER = 'org.hibernate.engine.jdbc.spi.SqlExceptionHelper';

const commsTrace = [
  'com.mysql.cj.jdbc.exceptions.CommunicationsException: Communications link failure',
  '',
  'The last packet successfully received from the server was 31,014 milliseconds ago. The last packet sent successfully to the server was 31,015 milliseconds ago.',
  '\tat com.mysql.cj.jdbc.exceptions.SQLError.createCommunicationsException(SQLError.java:175)',
  '\tat com.mysql.cj.jdbc.exceptions.SQLExceptionsMapping.translateException(SQLExceptionsMapping.java:64)',
  '\tat com.mysql.cj.jdbc.ClientPreparedStatement.executeInternal(ClientPreparedStatement.java:913)',
  '\tat com.mysql.cj.jdbc.ClientPreparedStatement.executeQuery(ClientPreparedStatement.java:968)',
  '\tat com.zaxxer.hikari.pool.HikariProxyPreparedStatement.executeQuery(HikariProxyPreparedStatement.java)',
  '\tat org.hibernate.sql.results.jdbc.internal.DeferredResultSetAccess.executeQuery(DeferredResultSetAccess.java:246)',
  '\tat com.quillmere.catalog.search.ProductSearchService.search(ProductSearchService.java:72)',
  '\tat com.quillmere.catalog.web.SearchController.search(SearchController.java:38)',
  'Caused by: com.mysql.cj.exceptions.CJCommunicationsException: Communications link failure',
  '\tat com.mysql.cj.exceptions.ExceptionFactory.createException(ExceptionFactory.java:52)',
  '\tat com.mysql.cj.protocol.a.NativeProtocol.readMessage(NativeProtocol.java:535)',
  'Caused by: java.net.SocketTimeoutException: Read timed out',
  '\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:278)',
  '\tat java.base/java.net.Socket$SocketInputStream.read(Socket.java:1099)',
  '\tat com.mysql.cj.protocol.ReadAheadInputStream.fill(ReadAheadInputStream.java:107)',
  '\t... 118 common frames omitted',
].join('\n');

const commsFailure: Family = {
  name: `${SVC}:search-mysql-communications-failure`, level: 'ERROR', perDay: [15, 45], burst: 0.3,
  emit: (ctx) => {
    const th = exec(ctx);
    return [
      { ...record(ctx, 'WARN', th, SQL_HELPER, 'SQL Error: 0, SQLState: 08S01'), as: { family: `${SVC}:search-mysql-communications-failure`, level: 'WARNING' } },
      record(ctx, 'ERROR', th, SQL_HELPER, 'Communications link failure'),
      record(ctx, 'ERROR', th, DISPATCHER, 'Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed: org.springframework.dao.DataAccessResourceFailureException: JDBC exception executing SQL [select p1_0.id,p1_0.name,p1_0.price from product p1_0 where match(p1_0.name) against (? in boolean mode) limit ?] [Communications link failure] [n/a]; SQL [n/a]] with root cause', commsTrace),
    ];
  },
};

const poolTimeout: Family = {
  name: `${SVC}:hikari-connection-not-available`, level: 'ERROR', perDay: [15, 45], burst: 0.4,
  emit: (ctx) => {
    const th = exec(ctx);
    const ms = ctx.rng.int(30000, 30012);
    const waiting = ctx.rng.int(1, 12);
    const pool = `HikariPool-1 - Connection is not available, request timed out after ${ms}ms (total=10, active=10, idle=0, waiting=${waiting})`;
    return [
      { ...record(ctx, 'WARN', th, SQL_HELPER, 'SQL Error: 0, SQLState: null'), as: { family: `${SVC}:hikari-connection-not-available`, level: 'WARNING' } },
      record(ctx, 'ERROR', th, SQL_HELPER, pool),
      record(ctx, 'ERROR', th, DISPATCHER, `Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed: org.springframework.orm.jpa.JpaSystemException: Unable to acquire JDBC Connection [${pool}] [n/a]] with root cause`, [
        `java.sql.SQLTransientConnectionException: ${pool}`,
        '\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:686)',
        '\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:179)',
        '\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:144)',
        '\tat com.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:127)',
        '\tat org.hibernate.engine.jdbc.connections.internal.DatasourceConnectionProviderImpl.getConnection(DatasourceConnectionProviderImpl.java:122)',
        '\tat org.hibernate.resource.jdbc.internal.LogicalConnectionManagedImpl.acquireConnectionIfNeeded(LogicalConnectionManagedImpl.java:113)',
        '\tat com.quillmere.catalog.web.ProductController.get(ProductController.java:44)',
      ].join('\n')),
    ];
  },
};

const gcsMissing: Family = {
  name: `${SVC}:price-import-object-not-found`, level: 'ERROR', perDay: [6, 20],
  emit: (ctx) => {
    const obj = `prices/${isoMillis(ctx.t).slice(0, 13)}.csv`;
    return [record(ctx, 'ERROR', `scheduling-1`, 'org.springframework.scheduling.support.TaskUtils$LoggingErrorHandler', 'Unexpected error occurred in scheduled task', [
      `com.google.cloud.storage.StorageException: No such object: catalog-feeds/${obj}`,
      '\tat com.google.cloud.storage.StorageException.translate(StorageException.java:209)',
      '\tat com.google.cloud.storage.StorageException.coalesce(StorageException.java:152)',
      '\tat com.google.cloud.storage.StorageImpl.readAllBytes(StorageImpl.java:600)',
      '\tat com.quillmere.catalog.prices.PriceImportJob.run(PriceImportJob.java:51)',
      '\tat org.springframework.scheduling.support.ScheduledMethodRunnable.run(ScheduledMethodRunnable.java:84)',
      'Caused by: com.google.api.client.http.HttpResponseException: 404 Not Found',
      `GET https://storage.googleapis.com/download/storage/v1/b/catalog-feeds/o/${obj.replace('/', '%2F')}?alt=media`,
      `No such object: catalog-feeds/${obj}`,
      '\tat com.google.api.client.http.HttpResponseException$Builder.build(HttpResponseException.java:293)',
      '\tat com.google.api.client.http.HttpRequest.execute(HttpRequest.java:1118)',
      '\t... 12 common frames omitted',
    ].join('\n'))];
  },
};

const validateWarn: Family = {
  name: `${SVC}:hikari-failed-to-validate-connection`, level: 'WARNING', perDay: [120, 260],
  emit: (ctx) => [record(ctx, 'WARN', exec(ctx), 'com.zaxxer.hikari.pool.PoolBase', `HikariPool-1 - Failed to validate connection com.mysql.cj.jdbc.ConnectionImpl@${ctx.rng.hex(8)} (No operations allowed after connection closed.). Possibly consider using a shorter maxLifetime value.`)],
};

const importChatter: Family = {
  name: `noise:${SVC}:price-import`, level: 'INFO', perDay: [150, 300],
  emit: (ctx) => [record(ctx, 'INFO', 'scheduling-1', 'com.quillmere.catalog.prices.PriceImportJob', `Imported ${ctx.rng.int(100, 9000)} prices from catalog-feeds (0 errors) in ${ctx.rng.int(200, 9000)} ms`)],
};

const searchChatter: Family = {
  name: `noise:${SVC}:search`, level: 'INFO', perDay: [280, 500],
  emit: (ctx) => [record(ctx, 'INFO', exec(ctx), 'com.quillmere.catalog.search.ProductSearchService', `search q="${ctx.rng.lower(ctx.rng.int(3, 8))}" hits=${ctx.rng.int(0, 300)} took=${ctx.rng.int(2, 400)}ms`)],
};

export const catalogGcpjson: ServiceDef = {
  name: SVC, stack: 'Java 21, Spring Boot 3.3, Spring Cloud GCP 5 logging, Hibernate 6, HikariCP, Cloud SQL for MySQL 8', splitRate: 0.75,
  families: [commsFailure, poolTimeout, gcsMissing, validateWarn, importChatter, searchChatter],
};
