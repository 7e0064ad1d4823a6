// bi-metabase: Metabase (Clojure on Java 21) with its application database on Cloud SQL, querying a
// PostgreSQL warehouse. Metabase's log4j2 pattern before 0.52 is `%d [%t] %-5p %c{2} :: %m%n` shortened by
// its own config to `2026-12-04 10:00:00,123 ERROR sync.util :: msg`; the 0.52 image rolled out mid-day
// prints `[process-uuid] 2026-12-04T10:00:00+00:00 ERROR metabase.sync.util msg`. A logged exception
// follows its line in the same write; the query processor pretty-prints its failure map over many lines.
import type { Ctx, Family, ServiceDef } from '../stranger/model.js';
import { commaMillis, isoMillis, isoOffsetSeconds } from './clock.js';

const SVC = 'bi-metabase';
// One per process in the new pattern; the revision's instances print one of these.
const PROCESS_IDS = ['7c0e8c1a-52b4-4d6e-9d0f-3a61e2b7c9d4', 'e2a91f07-0b3c-4a8e-b5d2-9c6f41e8a0b3', '3f5d7e21-c84a-4b19-a6e0-58d2b9c1f7e6'];

/** The line before 0.52 uses the namespace without `metabase.`; after, the full namespace. */
function line(ctx: Ctx, level: string, ns: string, msg: string): string {
  return ctx.rev === 0
    ? `${commaMillis(ctx.t)} ${level} ${ns} :: ${msg}`
    : `[${ctx.rng.pick(PROCESS_IDS)}] ${isoOffsetSeconds(ctx.t)} ${level} metabase.${ns} ${msg}`;
}

const syncRefused: Family = {
  name: `${SVC}:sync-warehouse-connection-refused`, level: 'ERROR', perDay: [8, 24], burst: 0.3,
  emit: (ctx) => [{
    stream: 'stdout',
    text: [
      line(ctx, 'ERROR', 'sync.util', "Error in sync step Sync postgres Database 2 'Warehouse'"),
      'org.postgresql.util.PSQLException: Connection to 10.48.0.7:5432 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.',
      '\tat org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:352)',
      '\tat org.postgresql.core.ConnectionFactory.openConnection(ConnectionFactory.java:54)',
      '\tat org.postgresql.jdbc.PgConnection.<init>(PgConnection.java:273)',
      '\tat org.postgresql.Driver.makeConnection(Driver.java:446)',
      '\tat org.postgresql.Driver.connect(Driver.java:298)',
      '\tat com.mchange.v2.c3p0.DriverManagerDataSource.getConnection(DriverManagerDataSource.java:175)',
      '\tat com.mchange.v2.c3p0.impl.C3P0PooledConnectionPool$1PooledConnectionResourcePoolManager.acquireResource(C3P0PooledConnectionPool.java:220)',
      '\tat metabase.driver.sql_jdbc.execute$do_with_resolved_connection.invokeStatic(execute.clj:338)',
      '\tat metabase.sync.sync_metadata.tables$sync_tables_and_database_BANG_.invokeStatic(tables.clj:211)',
      '\tat metabase.sync.util$do_with_error_handling.invokeStatic(util.clj:149)',
      '\tat metabase.sync.util$do_sync_operation.invokeStatic(util.clj:216)',
      '\tat metabase.sync.sync_metadata$sync_db_metadata_BANG_.invokeStatic(sync_metadata.clj:68)',
      '\tat metabase.task.sync_databases$sync_and_analyze_database_BANG_.invokeStatic(sync_databases.clj:88)',
      '\tat org.quartz.core.JobRunShell.run(JobRunShell.java:202)',
      '\tat org.quartz.simpl.SimpleThreadPool$WorkerThread.run(SimpleThreadPool.java:573)',
      'Caused by: java.net.ConnectException: Connection refused',
      '\tat java.base/sun.nio.ch.Net.pollConnect(Native Method)',
      '\tat java.base/sun.nio.ch.Net.pollConnectNow(Unknown Source)',
      '\tat java.base/sun.nio.ch.NioSocketImpl.timedFinishConnect(Unknown Source)',
      '\tat java.base/java.net.Socket.connect(Unknown Source)',
      '\tat org.postgresql.core.PGStream.createSocket(PGStream.java:243)',
      '\t... 24 more',
    ].join('\n'),
  }],
};

const statementTimeout: Family = {
  name: `${SVC}:question-statement-timeout`, level: 'ERROR', perDay: [20, 60], burst: 0.2,
  emit: (ctx) => {
    const card = ctx.rng.pick([112, 148, 203, 377, 419]);
    return [{
      stream: 'stdout',
      text: [
        line(ctx, 'ERROR', 'query-processor.middleware.catch-exceptions', 'Error processing query: ERROR: canceling statement due to statement timeout'),
        '{:database_id 2,',
        ` :started_at #t "${isoMillis(ctx.t - 60_000_000).replace(/Z$/, '')}Z[GMT]",`,
        ' :state "57014",',
        ` :json_query {:database 2, :query {:source-table ${ctx.rng.int(10, 90)}, :aggregation [[:count]], :breakout [[:field ${ctx.rng.int(100, 999)} {:temporal-unit :day}]]}, :type :query, :middleware {:js-int-to-string? true}},`,
        ' :status :failed,',
        ' :class org.postgresql.util.PSQLException,',
        ' :stacktrace',
        ' ["org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2733)"',
        '  "org.postgresql.core.v3.QueryExecutorImpl.processResults(QueryExecutorImpl.java:2420)"',
        '  "org.postgresql.core.v3.QueryExecutorImpl.execute(QueryExecutorImpl.java:372)"',
        '  "org.postgresql.jdbc.PgStatement.executeInternal(PgStatement.java:517)"',
        '  "--> driver.sql_jdbc.execute$fn__82915.invokeStatic(execute.clj:559)"',
        '  "query_processor.reducible$async_qp$qp_STAR___46523.invoke(reducible.clj:126)"],',
        ` :card_id ${card},`,
        ' :context :question,',
        ' :error "ERROR: canceling statement due to statement timeout",',
        ' :row_count 0,',
        ' :running_time 0,',
        ' :data {:rows [], :cols []}}',
      ].join('\n'),
    }];
  },
};

const mailAuth: Family = {
  name: `${SVC}:subscription-email-auth-failed`, level: 'ERROR', perDay: [4, 14],
  emit: (ctx) => [{
    stream: 'stdout',
    text: [
      line(ctx, 'ERROR', 'email', 'Failed to send email'),
      'javax.mail.AuthenticationFailedException: 535-5.7.8 Username and Password not accepted. For more information, go to',
      `535 5.7.8  https://support.google.com/mail/?p=BadCredentials ${ctx.rng.lower(2)}${ctx.rng.int(10, 99)}-20020a17090${ctx.rng.int(1000000, 9999999)}.${ctx.rng.int(10, 99)} - gsmtp`,
      '',
      '\tat com.sun.mail.smtp.SMTPTransport$Authenticator.authenticate(SMTPTransport.java:947)',
      '\tat com.sun.mail.smtp.SMTPTransport.authenticate(SMTPTransport.java:858)',
      '\tat com.sun.mail.smtp.SMTPTransport.protocolConnect(SMTPTransport.java:762)',
      '\tat javax.mail.Service.connect(Service.java:342)',
      '\tat postal.smtp$smtp_send_STAR_.invokeStatic(smtp.clj:30)',
      '\tat metabase.email$send_email_BANG_.invokeStatic(email.clj:110)',
      '\tat metabase.pulse.send$send_notification_BANG_.invokeStatic(send.clj:96)',
    ].join('\n'),
  }],
};

const fieldsWarn: Family = {
  name: `${SVC}:sync-fields-permission-denied`, level: 'WARNING', perDay: [100, 220],
  emit: (ctx) => {
    const [id, table] = ctx.rng.pick([[412, 'page_views'], [418, 'sessions'], [431, 'ad_clicks']] as const);
    return [{ stream: 'stdout', text: line(ctx, 'WARN', 'sync.util', `Error syncing Fields for Table ${id} 'public.${table}': ERROR: permission denied for table ${table}`) }];
  },
};

const apiChatter: Family = {
  name: `noise:${SVC}:api-request`, level: 'INFO', perDay: [250, 480],
  emit: (ctx) => {
    const card = ctx.rng.int(100, 450);
    return [{
      stream: 'stdout',
      text: line(ctx, 'INFO', 'server.middleware.log', `${ctx.rng.pick([`POST /api/card/${card}/query 202 [ASYNC: completed]`, `GET /api/card/${card} 200`, `GET /api/dashboard/${ctx.rng.int(1, 40)} 200`])} ${ctx.rng.fixed(0.02, 4, 1)} s (${ctx.rng.int(2, 30)} DB calls) App DB connections: ${ctx.rng.int(0, 4)}/15 Jetty threads: ${ctx.rng.int(2, 9)}/50 (${ctx.rng.int(0, 4)} idle, 0 queued) (${ctx.rng.int(80, 120)} total active threads) Queries in flight: ${ctx.rng.int(0, 3)} (0 queued)`),
    }];
  },
};

const syncChatter: Family = {
  name: `noise:${SVC}:sync-step`, level: 'INFO', perDay: [100, 200],
  emit: (ctx) => [{
    stream: 'stdout',
    text: line(ctx, 'INFO', 'sync.util', `FINISHED: step '${ctx.rng.pick(['sync-fields', 'sync-fks', 'sync-indexes', 'update-field-values'])}' for postgres Database 2 'Warehouse' (${ctx.rng.fixed(1, 900, 1)} ms) {:total-tables ${ctx.rng.int(40, 60)}, :updated-tables 0, :errors 0}`),
  }],
};

export const biMetabase: ServiceDef = {
  name: SVC, stack: 'Metabase 0.50 then 0.52 (Clojure, Java 21), log4j2, PostgreSQL warehouse', splitRate: 0.75,
  families: [syncRefused, statementTimeout, mailAuth, fieldsWarn, apiChatter, syncChatter],
};
