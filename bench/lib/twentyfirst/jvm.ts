// The JVM services: Flyway's command line as a Cloud Run job, and a Spring Boot order API that gets the
// OpenTelemetry Java agent at the rollout.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { isoMillis } from './clock.js';
import { exitLine, fam } from './shared.js';

// Flyway 10.21 then 11.1 (the `flyway/flyway` image) as a Cloud Run job started every ten minutes by Cloud Scheduler (and before each release), over
// the Cloud SQL Auth Proxy on 127.0.0.1. Its console log writes each message with its own call on
// stdout, no time, `ERROR: ` / `WARNING: ` before the message and nothing before INFO; a failed SQL
// migration prints the block of `SQL State`, `Error Code`, `Message`, `Location`, `Line`, `Statement`.
const FW = 'jobs-flyway';
const banner = (rev: 0 | 1): string[] => [
  `Flyway OSS Edition ${rev === 0 ? '10.21.0' : '11.1.0'} by Redgate`,
  '',
  `See release notes here: ${rev === 0 ? 'https://rd.gt/416ObMi' : 'https://rd.gt/416ObMi'}`,
  'Database: jdbc:postgresql://127.0.0.1:5432/orders (PostgreSQL 16.4)',
];
const lines = (xs: readonly string[], as?: Write['as']): Write[] => xs.filter((x) => x !== '').map((text) => (as ? { stream: 'stdout', text, as } : { stream: 'stdout', text }));
// Printed at every run against PostgreSQL 16 by a Flyway that has not been tested with it.
const upgradeWarning = (): Write => ({ stream: 'stdout', text: 'WARNING: Flyway upgrade recommended: PostgreSQL 16.4 is newer than this version of Flyway and support has not been tested. The latest supported version of PostgreSQL is 15.', as: { family: `${FW}:upgrade-recommended`, level: 'WARNING' } });
const SEP = '-'.repeat(47);
// A failed run's banner and progress lines are the same chatter as a good run's.
const CHATTER: Write['as'] = { family: `noise:${FW}:run-ok`, level: 'INFO' };
export const jobsFlyway: ServiceDef = {
  name: FW, stack: 'Flyway OSS 10.21 then 11.1 command line (Java 17) as a Cloud Run job, Cloud SQL Auth Proxy 2 beside it, Cloud SQL for PostgreSQL 16', splitRate: 0.5,
  families: [
    fam(`noise:${FW}:run-ok`, 'INFO', [110, 140], ({ rng, t, rev }) => {
      const v = rng.int(40, 60);
      return [
        ...lines(banner(rev)),
        ...(rev === 0 ? [upgradeWarning()] : []),
        ...lines([`Successfully validated ${v} migrations (execution time 00:00.${rng.int(100, 400)}s)`, `Current version of schema "public": ${v}`, 'Schema "public" is up to date. No migration necessary.']),
      ];
    }),
    fam(`${FW}:duplicate-column`, 'ERROR', [4, 10], ({ rng, t, rev }) => {
      const ms = `V61__add_invoice_due_date.sql`;
      return [
        ...lines(banner(rev), CHATTER),
        ...(rev === 0 ? [upgradeWarning()] : []),
        ...lines([`Successfully validated 61 migrations (execution time 00:00.${rng.int(100, 400)}s)`, 'Current version of schema "public": 60', 'Migrating schema "public" to version "61 - add invoice due date"'], CHATTER),
        { stream: 'stdout', text: 'ERROR: Migration of schema "public" to version "61 - add invoice due date" failed! Changes successfully rolled back.' },
        { stream: 'stdout', text: `ERROR: Migration ${ms} failed\n${SEP}\nSQL State  : 42701\nError Code : 0\nMessage    : ERROR: column "due_date" of relation "invoices" already exists\nLocation   : db/migration/${ms} (/flyway/sql/${ms})\nLine       : 1\nStatement  : ALTER TABLE invoices ADD COLUMN due_date date NOT NULL DEFAULT CURRENT_DATE\n` },
        exitLine(FW, 1),
      ];
    }),
    fam(`${FW}:checksum-mismatch`, 'ERROR', [3, 8], ({ rng, t, rev }) => [
      ...lines(banner(rev), CHATTER),
      ...(rev === 0 ? [upgradeWarning()] : []),
      { stream: 'stdout', text: `ERROR: Validate failed: Migrations have failed validation\nMigration checksum mismatch for migration version 58\n-> Applied to database : ${rng.int(-2e9, 2e9)}\n-> Resolved locally    : ${rng.int(-2e9, 2e9)}\nEither revert the changes to the migration, or run repair to update the schema history.\nNeed more flexibility with validation rules? Learn more: https://rd.gt/3AbJUZE` },
      exitLine(FW, 1),
    ]),
    // The proxy beside the job is not listening yet when Flyway starts.
    fam(`${FW}:proxy-refused`, 'ERROR', [3, 9], ({ rev }) => [
      ...lines([banner(rev)[0] ?? '', banner(rev)[2] ?? ''], CHATTER),
      { stream: 'stdout', text: `ERROR: Unable to obtain connection from database (jdbc:postgresql://127.0.0.1:5432/orders) for user 'migrator': Connection to 127.0.0.1:5432 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.\n${'-'.repeat(139)}\nSQL State  : 08001\nError Code : 0\nMessage    : Connection to 127.0.0.1:5432 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.\n\nCaused by: org.postgresql.util.PSQLException: Connection to 127.0.0.1:5432 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.\nCaused by: java.net.ConnectException: Connection refused` },
      exitLine(FW, 1),
    ]),
  ],
};

// Spring Boot 3.3 (Tomcat, HikariCP, Hibernate 6) with Boot's console pattern on stdout all day. The
// rollout adds the OpenTelemetry Java agent 2.10 with OTEL_LOGS_EXPORTER=console: the agent captures each
// Logback record and its console exporter prints it again through the agent's own logger,
// `[otel.javaagent yyyy-MM-dd HH:mm:ss:SSS +0000] [thread] INFO
// io.opentelemetry.exporter.logging.SystemOutLogRecordExporter - TIME SEVERITY 'body' : traceId spanId
// [scopeInfo: logger:] {attributes}`, the exception's stack inside `exception.stacktrace`. No severity.
const OR = 'orders-otelagent';
const SHORT: Record<string, string> = {
  'org.apache.catalina.core.ContainerBase.[Tomcat].[localhost].[/].[dispatcherServlet]': 'o.a.c.c.C.[.[.[/].[dispatcherServlet]   ',
  'org.hibernate.engine.jdbc.spi.SqlExceptionHelper': 'o.h.engine.jdbc.spi.SqlExceptionHelper  ',
  'org.springframework.web.servlet.mvc.support.DefaultHandlerExceptionResolver': '.w.s.m.s.DefaultHandlerExceptionResolver',
  'com.heron.orders.OrderService': 'com.heron.orders.OrderService           ',
};
const agentTime = (t: number): string => `${isoMillis(t).slice(0, 10)} ${isoMillis(t).slice(11, 19)}:${isoMillis(t).slice(20, 23)} +0000`;
const quote = (v: string): string => `"${v}"`;
function boot(rng: Prng, t: number, rev: 0 | 1, level: string, logger: string, msg: string, err?: { type: string; message: string; stack: string }): Write[] {
  const n = rng.int(1, 10);
  const head = `${isoMillis(t)} ${level.padStart(5)} 1 --- [orders] [${`nio-8080-exec-${n}`.padStart(15)}] ${SHORT[logger] ?? logger} : ${msg}`;
  const out: Write[] = [{ stream: 'stdout', text: err ? `${head}\n\n${err.stack}` : head }];
  if (rev === 1) {
    const attrs = err ? `{exception.message=${quote(err.message)}, exception.stacktrace=${quote(err.stack)}, exception.type=${quote(err.type)}}` : '{}';
    out.push({ stream: 'stdout', text: `[otel.javaagent ${agentTime(t + 900)}] [http-nio-8080-exec-${n}] INFO io.opentelemetry.exporter.logging.SystemOutLogRecordExporter - ${isoMillis(t)} ${level} '${msg}' : ${rng.hex(32)} ${rng.hex(16)} [scopeInfo: ${logger}:] ${attrs}` });
  }
  return out;
}
const frames = (xs: readonly string[]): string => xs.map((f) => `\tat ${f}`).join('\n');
const dupKey = (rng: Prng): { type: string; message: string; stack: string; pg: string } => {
  const ref = `ext-${rng.alnum(10)}`;
  const pg = `ERROR: duplicate key value violates unique constraint "uk_orders_external_ref"\n  Detail: Key (external_ref)=(${ref}) already exists.`;
  const message = `could not execute statement [${pg}] [insert into orders (created_at,customer_id,external_ref,status,total,id) values (?,?,?,?,?,?)]; SQL [insert into orders (created_at,customer_id,external_ref,status,total,id) values (?,?,?,?,?,?)]; constraint [uk_orders_external_ref]`;
  return {
    type: 'org.springframework.dao.DataIntegrityViolationException', message, pg,
    stack: `org.postgresql.util.PSQLException: ${pg}\n${frames([
      'org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2733)',
      'org.postgresql.core.v3.QueryExecutorImpl.processResults(QueryExecutorImpl.java:2420)',
      'org.postgresql.core.v3.QueryExecutorImpl.execute(QueryExecutorImpl.java:372)',
      'org.postgresql.jdbc.PgStatement.executeInternal(PgStatement.java:517)',
      'org.postgresql.jdbc.PgPreparedStatement.executeUpdate(PgPreparedStatement.java:152)',
      'com.zaxxer.hikari.pool.HikariProxyPreparedStatement.executeUpdate(HikariProxyPreparedStatement.java)',
      'org.hibernate.engine.jdbc.internal.ResultSetReturnImpl.executeUpdate(ResultSetReturnImpl.java:194)',
    ])}\n\t... 142 common frames omitted`,
  };
};
const hikari = (): { type: string; message: string; stack: string } => {
  const message = 'Could not open JPA EntityManager for transaction';
  return {
    type: 'org.springframework.transaction.CannotCreateTransactionException', message,
    stack: `org.springframework.transaction.CannotCreateTransactionException: ${message}\n${frames([
      'org.springframework.orm.jpa.JpaTransactionManager.doBegin(JpaTransactionManager.java:466)',
      'org.springframework.transaction.support.AbstractPlatformTransactionManager.startTransaction(AbstractPlatformTransactionManager.java:532)',
      'com.heron.orders.OrderService$$SpringCGLIB$$0.listForCustomer(<generated>)',
      'com.heron.orders.OrderController.list(OrderController.java:48)',
    ])}\nCaused by: org.hibernate.exception.JDBCConnectionException: Unable to acquire JDBC Connection [HikariPool-1 - Connection is not available, request timed out after 30000ms (total=10, active=10, idle=0, waiting=4)] [n/a]\n${frames([
      'org.hibernate.exception.internal.SQLStateConversionDelegate.convert(SQLStateConversionDelegate.java:100)',
      'org.hibernate.resource.jdbc.internal.LogicalConnectionManagedImpl.acquireConnectionIfNeeded(LogicalConnectionManagedImpl.java:102)',
    ])}\n\t... 98 common frames omitted\nCaused by: java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms (total=10, active=10, idle=0, waiting=4)\n${frames([
      'com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:686)',
      'com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:179)',
      'com.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:128)',
    ])}\n\t... 101 common frames omitted`,
  };
};
const servletMsg = (e: { type: string; message: string }): string => `Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed: ${e.type}: ${e.message}] with root cause`;
const DISPATCH = 'org.apache.catalina.core.ContainerBase.[Tomcat].[localhost].[/].[dispatcherServlet]';
export const ordersOtelagent: ServiceDef = {
  name: OR, stack: 'Java 21, Spring Boot 3.3 (Tomcat, Spring Data JPA, Hibernate 6.5, HikariCP 5), the OpenTelemetry Java agent 2.10 from the rollout, Cloud SQL for PostgreSQL 16, a payments API over RestClient', splitRate: 0.6,
  families: [
    fam(`${OR}:duplicate-external-ref`, 'ERROR', [20, 50], ({ rng, t, rev }) => {
      const e = dupKey(rng);
      return [
        ...boot(rng, t, rev, 'WARN', 'org.hibernate.engine.jdbc.spi.SqlExceptionHelper', 'SQL Error: 0, SQLState: 23505'),
        ...boot(rng, t + 200, rev, 'ERROR', 'org.hibernate.engine.jdbc.spi.SqlExceptionHelper', e.pg),
        ...boot(rng, t + 900, rev, 'ERROR', DISPATCH, servletMsg(e), { type: 'org.postgresql.util.PSQLException', message: e.pg, stack: e.stack }),
      ];
    }),
    // Hibernate's WARN with the SQL state, its ERROR with Hikari's text, then the servlet's report: one
    // failure of the order list.
    fam(`${OR}:hikari-exhausted`, 'ERROR', [10, 30], ({ rng, t, rev }) => {
      const e = hikari();
      return [
        ...boot(rng, t, rev, 'WARN', 'org.hibernate.engine.jdbc.spi.SqlExceptionHelper', 'SQL Error: 0, SQLState: 08003'),
        ...boot(rng, t + 100, rev, 'ERROR', 'org.hibernate.engine.jdbc.spi.SqlExceptionHelper', 'HikariPool-1 - Connection is not available, request timed out after 30000ms (total=10, active=10, idle=0, waiting=4)'),
        ...boot(rng, t + 700, rev, 'ERROR', DISPATCH, servletMsg(e), { ...e, type: 'java.sql.SQLTransientConnectionException', message: 'HikariPool-1 - Connection is not available, request timed out after 30000ms (total=10, active=10, idle=0, waiting=4)' }),
      ];
    }, 0.5),
    fam(`${OR}:payments-503`, 'ERROR', [8, 25], ({ rng, t, rev }) => {
      const type = 'org.springframework.web.client.HttpServerErrorException$ServiceUnavailable';
      const message = '503 Service Unavailable: "{"error":"upstream connect error or disconnect/reset before headers. reset reason: connection termination"}"';
      const stack = `${type}: ${message}\n${frames([
        'org.springframework.web.client.HttpServerErrorException.create(HttpServerErrorException.java:116)',
        'org.springframework.web.client.StatusHandler.lambda$defaultHandler$3(StatusHandler.java:90)',
        'org.springframework.web.client.DefaultRestClient$DefaultResponseSpec.toEntityInternal(DefaultRestClient.java:771)',
        'com.heron.orders.payments.PaymentsClient.capture(PaymentsClient.java:57)',
        'com.heron.orders.OrderService.confirm(OrderService.java:131)',
        'com.heron.orders.OrderController.confirm(OrderController.java:73)',
      ])}`;
      return boot(rng, t, rev, 'ERROR', DISPATCH, servletMsg({ type, message }), { type, message, stack });
    }),
    fam(`${OR}:method-not-supported`, 'WARNING', [120, 260], ({ rng, t, rev }) => [
      ...boot(rng, t, rev, 'WARN', 'org.springframework.web.servlet.mvc.support.DefaultHandlerExceptionResolver', `Resolved [org.springframework.web.HttpRequestMethodNotSupportedException: Request method '${rng.pick(['GET', 'PUT'])}' is not supported]`),
    ]),
    fam(`noise:${OR}:placed`, 'INFO', [280, 450], ({ rng, t, rev }) => [
      ...boot(rng, t, rev, 'INFO', 'com.heron.orders.OrderService', rng.pick([`Order ${rng.int(100000, 999999)} placed for customer ${rng.int(1, 9000)}, errors=0`, `Order ${rng.int(100000, 999999)} confirmed`, 'Reconciled 0 orders with payment errors'])),
    ]),
  ],
};
