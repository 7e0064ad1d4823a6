// JVM services: Quarkus 3 with quarkus-logging-json (its default JSON, then the ECS format after the
// rollout), and Kotlin/Ktor 2 on Logback (the project generator's pattern, then Logback's own
// JsonEncoder after the rollout).
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { isoMicros } from '../stranger/text.js';
import { logbackTime } from './clock.js';

/** [class, method, file, line] */
type JFrame = readonly [cls: string, method: string, file: string, line: number];
interface Thrown { type: string; message: string; frames: readonly JFrame[]; cause?: Thrown; omitted?: number }

/** Throwable.printStackTrace's text; `omitted` is how the cause's tail is elided (`... N more` or Logback's form). */
function stackText(e: Thrown, logback: boolean): string {
  const lines = [`${e.type}: ${e.message}`, ...e.frames.map(([c, m, f, l]) => `\tat ${c}.${m}(${f}:${l})`)];
  for (let c = e.cause; c !== undefined; c = c.cause) {
    lines.push(`Caused by: ${c.type}: ${c.message}`, ...c.frames.map(([k, m, f, l]) => `\tat ${k}.${m}(${f}:${l})`));
    if (c.omitted) lines.push(logback ? `\t... ${c.omitted} common frames omitted` : `\t... ${c.omitted} more`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// quotes-quarkus: Quarkus 3.15, REST client, Agroal, scheduler. quarkus-logging-json's default record
// (`timestamp`, `sequence`, `loggerClassName`, `loggerName`, `level`, `message`, `threadName`,
// `threadId`, `mdc`, `ndc`, `hostName`, `processName`, `processId`, `exception{refId, exceptionType,
// message, frames[], causedBy}`) on the morning revision, `log-format=ecs` after (`@timestamp`,
// `event.sequence`, `log.logger`, `log.level`, `process.thread.name`, ..., the same `exception` object
// with `error.message` in it, as quarkusio/quarkus#51571 shows, then `ecs.version`, `service.name`).
// Neither has `severity`: Cloud Run gives the entries none.

/** The `detailed` exception object; ECS renames its message key only (quarkusio/quarkus#51571). */
function quarkusException(e: Thrown, ecs: boolean, ref = 1): Record<string, unknown> {
  const out: Record<string, unknown> = {
    refId: ref, exceptionType: e.type, [ecs ? 'error.message' : 'message']: e.message,
    frames: e.frames.map(([c, m, , l]) => (l > 0 ? { class: c, method: m, line: l } : { class: c, method: m })),
  };
  if (e.cause) out.causedBy = { exception: quarkusException(e.cause, ecs, ref + 1) };
  return out;
}

function quarkus(rng: Prng, rev: 0 | 1, t: number, logger: string, level: string, message: string, thread: string, thrown?: Thrown): Write {
  const json: Record<string, unknown> = rev === 0
    ? {
      timestamp: isoMicros(t), sequence: rng.int(1000, 900_000), loggerClassName: 'org.jboss.logging.Logger', loggerName: logger, level, message,
      threadName: thread, threadId: rng.int(20, 300), mdc: {}, ndc: '', hostName: 'localhost', processName: '/usr/lib/jvm/java-21-openjdk/bin/java', processId: 1,
    }
    : {
      '@timestamp': isoMicros(t), 'event.sequence': rng.int(1000, 900_000), 'log.logger': logger, 'log.level': level, message, 'process.thread.name': thread,
      'process.thread.id': rng.int(20, 300), mdc: {}, ndc: '', 'host.hostname': 'localhost', 'process.name': '/usr/lib/jvm/java-21-openjdk/bin/java', 'process.pid': 1,
    };
  if (thrown) json.exception = quarkusException(thrown, rev === 1);
  if (rev === 1) Object.assign(json, { 'ecs.version': '1.12.2', 'data_stream.type': 'logs', 'service.name': 'quotes-quarkus', 'service.version': '1.4.2', 'service.environment': 'prod' });
  return { stream: 'stdout', json };
}

const ratesTimeout = (rng: Prng, pair: string, caller: JFrame[]): Thrown => ({
  type: 'jakarta.ws.rs.ProcessingException',
  message: `io.vertx.core.http.impl.NoStackTraceTimeoutException: The timeout period of 5000ms has been exceeded while executing GET /v2/rates/${pair} for server null`,
  frames: [
    ['org.jboss.resteasy.reactive.client.impl.InvocationStateImpl', 'unwrap', 'InvocationStateImpl.java', 95],
    ['org.jboss.resteasy.reactive.client.impl.UniInvoker', 'get', 'UniInvoker.java', 69],
    ['com.acme.quotes.rates.RatesClient$$QuarkusRestClientInterface', 'rate', 'Unknown Source', 0],
    ...caller,
  ],
  cause: { type: 'io.vertx.core.http.impl.NoStackTraceTimeoutException', message: `The timeout period of 5000ms has been exceeded while executing GET /v2/rates/${pair} for server null`, frames: [] },
});
const PAIRS = ['EUR-GBP', 'EUR-USD', 'USD-JPY', 'GBP-CHF', 'EUR-PLN'];
const executor = (rng: Prng): string => `executor-thread-${rng.int(1, 24)}`;

const quarkusFamilies: Family[] = [
  // The same client exception from the request path and from the scheduler: two problems.
  {
    name: 'quotes-quarkus:quote-rates-timeout', level: 'ERROR', perDay: [25, 70], burst: 0.15,
    emit: ({ rng, rev, t }) => {
      const pair = rng.pick(PAIRS);
      return [quarkus(rng, rev, t, 'io.quarkus.vertx.http.runtime.QuarkusErrorHandler', 'ERROR', `HTTP Request to /quotes/${pair} failed, error id: ${rng.uuid()}-${rng.int(1, 40)}`, executor(rng), ratesTimeout(rng, pair, [
        ['com.acme.quotes.QuoteResource', 'quote', 'QuoteResource.java', 48],
        ['com.acme.quotes.QuoteResource$quickiesInvoker$quote_5c1f', 'invoke', 'Unknown Source', 0],
      ]))];
    },
  },
  {
    name: 'quotes-quarkus:rate-refresh-timeout', level: 'ERROR', perDay: [15, 40],
    emit: ({ rng, rev, t }) => [quarkus(rng, rev, t, 'io.quarkus.scheduler.common.runtime.StatusEmitterInvoker', 'ERROR', 'Error occurred while executing task for trigger IntervalTrigger [id=1_com.acme.quotes.RateRefresher#refresh, interval=60000]', executor(rng), ratesTimeout(rng, rng.pick(PAIRS), [
      ['com.acme.quotes.RateRefresher', 'refresh', 'RateRefresher.java', 31],
      ['com.acme.quotes.RateRefresher_ScheduledInvoker_refresh_0e6b', 'invokeBean', 'Unknown Source', 0],
    ]))],
  },
  {
    name: 'quotes-quarkus:agroal-connection-slots', level: 'WARNING', perDay: [100, 260],
    emit: ({ rng, rev, t }) => [quarkus(rng, rev, t, 'io.agroal.pool', 'WARN', "Datasource '<default>': FATAL: remaining connection slots are reserved for non-replication superuser connections", `agroal-${rng.int(11, 19)}`)],
  },
  {
    name: 'quotes-quarkus:event-loop-blocked', level: 'WARNING', perDay: [10, 35],
    emit: ({ rng, rev, t }) => {
      const ms = rng.int(2001, 9000);
      return [quarkus(rng, rev, t, 'io.vertx.core.impl.BlockedThreadChecker', 'WARN', `Thread Thread[vert.x-eventloop-thread-${rng.int(0, 3)},5,main] has been blocked for ${ms} ms, time limit is 2000 ms`, 'vertx-blocked-thread-checker', {
        type: 'io.vertx.core.VertxException', message: 'Thread blocked',
        frames: [
          ['java.base@21.0.5/java.net.SocketInputStream', 'read', 'SocketInputStream.java', 68],
          ['org.postgresql.core.VisibleBufferedInputStream', 'readMore', 'VisibleBufferedInputStream.java', 161],
          ['com.acme.quotes.MarginRules', 'load', 'MarginRules.java', 22],
          ['com.acme.quotes.QuoteRoutes', 'lambda$init$0', 'QuoteRoutes.java', 40],
        ],
      })];
    },
  },
  {
    name: 'quotes-quarkus:startup-config-missing', level: 'ERROR', perDay: [1, 4],
    emit: ({ rng, rev, t }) => [
      quarkus(rng, rev, t, 'io.quarkus.runtime.Application', 'ERROR', 'Failed to start application', 'Quarkus Main Thread', {
        type: 'java.lang.RuntimeException', message: 'Failed to start quarkus',
        frames: [['io.quarkus.runner.ApplicationImpl', 'doStart', 'Unknown Source', 0], ['io.quarkus.runtime.Application', 'start', 'Application.java', 101]],
        cause: {
          type: 'io.smallrye.config.ConfigValidationException', message: 'Configuration validation failed:\n\tSRCFG00014: The config property quotes.rates.api-key is required but it could not be found in any config source',
          frames: [['io.smallrye.config.ConfigMappingProvider', 'mapConfiguration', 'ConfigMappingProvider.java', 1006]], omitted: 14,
        },
      }),
      { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(1).', as: { family: 'quotes-quarkus:container-exit', level: 'WARNING' } },
    ],
  },
  {
    name: 'noise:quotes-quarkus:quote-served', level: 'INFO', perDay: [300, 700],
    emit: ({ rng, rev, t }) => [quarkus(rng, rev, t, 'com.acme.quotes.QuoteResource', 'INFO', `quote ${rng.pick(PAIRS)} served in ${rng.int(3, 400)} ms (cache=${rng.pick(['hit', 'miss'])}, error_count=0)`, executor(rng))],
  },
  {
    name: 'noise:quotes-quarkus:started', level: 'INFO', perDay: [3, 10],
    emit: ({ rng, rev, t }) => [quarkus(rng, rev, t, 'io.quarkus', 'INFO', `quotes-quarkus 1.4.2 on JVM (powered by Quarkus 3.15.1) started in ${rng.fixed(1, 4, 3)}s. Listening on: http://0.0.0.0:8080`, 'main')],
  },
];

export const quotesQuarkus: ServiceDef = { name: 'quotes-quarkus', stack: 'Java 21, Quarkus 3.15, quarkus-logging-json', splitRate: 0.75, families: quarkusFamilies };

// ---------------------------------------------------------------------------------------------
// ledger-ktor: Kotlin 2, Ktor 2.3 on Netty, Exposed, Ktor client. Logback with the Ktor project
// generator's pattern `%d{YYYY-MM-dd HH:mm:ss.SSS} [%thread] %-5level %logger{36} - %msg%n` (Logback
// elides a cause's shared frames as `... N common frames omitted`) on the morning revision; Logback's
// JsonEncoder after (`sequenceNumber`, `timestamp` in epoch ms, `nanoseconds`, `level`, `threadName`,
// `loggerName`, `context`, `mdc`, `message`, `throwable{className, message, stepArray[], cause}`).

function jsonThrowable(e: Thrown): Record<string, unknown> {
  const out: Record<string, unknown> = {
    className: e.type, message: e.message,
    stepArray: e.frames.map(([c, m, f, l]) => ({ className: c, methodName: m, fileName: f, lineNumber: l })),
  };
  if (e.cause) out.cause = { ...jsonThrowable(e.cause), commonFramesCount: e.cause.omitted ?? 0 };
  return out;
}

function ktor(rng: Prng, rev: 0 | 1, t: number, logger: string, level: string, message: string, thread: string, thrown?: Thrown): Write {
  if (rev === 0) {
    const head = `${logbackTime(t)} [${thread}] ${level.padEnd(5)} ${logger} - ${message}`;
    return { stream: 'stdout', text: thrown ? `${head}\n${stackText(thrown, true)}` : head };
  }
  const ms = Math.floor(t / 1000);
  const json: Record<string, unknown> = {
    sequenceNumber: rng.int(0, 900_000), timestamp: ms, nanoseconds: (ms % 1000) * 1_000_000 + rng.int(0, 999_999), level, threadName: thread,
    loggerName: logger, context: { name: 'default', birthdate: ms - rng.int(60_000, 40_000_000), properties: {} }, mdc: {}, message,
  };
  if (thrown) json.throwable = jsonThrowable(thrown);
  return { stream: 'stdout', json };
}
const eventLoop = (rng: Prng): string => `eventLoopGroupProxy-4-${rng.int(1, 8)}`;
const EXPOSED: JFrame[] = [
  ['org.jetbrains.exposed.sql.statements.Statement', 'executeIn$exposed_core', 'Statement.kt', 63],
  ['org.jetbrains.exposed.sql.Transaction', 'exec', 'Transaction.kt', 141],
  ['org.jetbrains.exposed.sql.QueriesKt', 'insert', 'Queries.kt', 91],
  ['com.acme.ledger.transfers.TransferRepository', 'create', 'TransferRepository.kt', 37],
  ['com.acme.ledger.transfers.TransferRoutesKt$transferRoutes$1$1', 'invokeSuspend', 'TransferRoutes.kt', 29],
];

const ktorFamilies: Family[] = [
  {
    name: 'ledger-ktor:transfer-duplicate-key', level: 'ERROR', perDay: [20, 60],
    emit: ({ rng, rev, t }) => {
      const msg = `ERROR: duplicate key value violates unique constraint "transfers_idempotency_key_key"\n  Detail: Key (idempotency_key)=(${rng.uuid()}) already exists.`;
      return [ktor(rng, rev, t, 'io.ktor.server.Application', 'ERROR', 'Unhandled: POST - /api/transfers', eventLoop(rng), {
        type: 'org.jetbrains.exposed.exceptions.ExposedSQLException', message: `org.postgresql.util.PSQLException: ${msg}`, frames: EXPOSED,
        cause: {
          type: 'org.postgresql.util.PSQLException', message: msg, omitted: 31,
          frames: [['org.postgresql.core.v3.QueryExecutorImpl', 'receiveErrorResponse', 'QueryExecutorImpl.java', 2725], ['org.postgresql.jdbc.PgPreparedStatement', 'executeUpdate', 'PgPreparedStatement.java', 152]],
        },
      })];
    },
  },
  {
    name: 'ledger-ktor:statement-lateinit', level: 'ERROR', perDay: [3, 12],
    emit: ({ rng, rev, t }) => [ktor(rng, rev, t, 'io.ktor.server.Application', 'ERROR', `Unhandled: GET - /api/accounts/${rng.int(10_000, 99_999)}/statement?month=2026-${String(rng.int(1, 11)).padStart(2, '0')}`, eventLoop(rng), {
      type: 'kotlin.UninitializedPropertyAccessException', message: 'lateinit property renderer has not been initialized',
      frames: [['com.acme.ledger.statements.StatementService', 'render', 'StatementService.kt', 54], ['com.acme.ledger.statements.StatementRoutesKt$statementRoutes$1', 'invokeSuspend', 'StatementRoutes.kt', 18]],
    })],
  },
  {
    name: 'ledger-ktor:fx-rate-timeout-stale', level: 'WARNING', perDay: [120, 300],
    emit: ({ rng, rev, t }) => {
      const pair = rng.pick(['EUR/GBP', 'EUR/USD', 'GBP/USD']);
      return [ktor(rng, rev, t, 'com.acme.ledger.fx.FxClient', 'WARN', `fx rate fetch failed, using cached rate ${pair} age=${rng.int(61, 3600)}s`, `DefaultDispatcher-worker-${rng.int(1, 16)}`, {
        type: 'io.ktor.client.plugins.HttpRequestTimeoutException', message: `Request timeout has expired [url=https://fx.internal.acme.example/v1/rates?base=${pair.slice(0, 3)}, request_timeout=3000 ms]`,
        frames: [['io.ktor.client.plugins.HttpTimeoutKt$HttpTimeout$1$1', 'invokeSuspend', 'HttpTimeout.kt', 182], ['kotlin.coroutines.jvm.internal.BaseContinuationImpl', 'resumeWith', 'ContinuationImpl.kt', 33]],
      })];
    },
  },
  {
    name: 'noise:ledger-ktor:reconciled', level: 'INFO', perDay: [150, 300],
    emit: ({ rng, rev, t }) => [ktor(rng, rev, t, 'com.acme.ledger.Reconciler', 'INFO', `reconciled ${rng.int(10, 3000)} transfers, mismatches=0, errors=0`, `DefaultDispatcher-worker-${rng.int(1, 16)}`)],
  },
  {
    name: 'noise:ledger-ktor:started', level: 'INFO', perDay: [3, 10],
    emit: ({ rng, rev, t }) => [
      ktor(rng, rev, t, 'io.ktor.server.Application', 'INFO', `Application started in ${rng.fixed(0.5, 3, 3)} seconds.`, 'main'),
      ktor(rng, rev, t + 2000, 'io.ktor.server.Application', 'INFO', 'Responding at http://0.0.0.0:8080', 'DefaultDispatcher-worker-1'),
    ],
  },
];

export const ledgerKtor: ServiceDef = { name: 'ledger-ktor', stack: 'Kotlin 2, Ktor 2.3, Exposed, Logback', splitRate: 0.8, families: ktorFamilies };
