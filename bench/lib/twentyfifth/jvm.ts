// The day's JVM service: Apache Camel 4 routes on Spring Boot 3.4 reading orders from Pub/Sub, sending
// them to a fulfilment API, storing them in Cloud SQL and publishing an event.
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { isoMicros, isoMillis } from './clock.js';
import { digits, PROJECT } from './shared.js';

// orders-camel: Java 21, Spring Boot 3.4, Camel 4.8 (camel-google-pubsub, camel-http, camel-sql on
// HikariCP and pgjdbc). Morning revision: Boot's console pattern on stdout; from the rollout
// `logging.structured.format.console=logstash`. Camel's DefaultErrorHandler writes one record per
// exhausted exchange: `Failed delivery for (MessageId: … on ExchangeId: …). Exhausted after delivery
// attempt: N caught: …`, the message-history table (history itself disabled, the default), a
// `Stacktrace` rule, then the exception Logback prints after the message.
const OC = 'orders-camel';

const LOGGERS: Record<string, string> = {
  'org.apache.camel.processor.errorhandler.DefaultErrorHandler': 'o.a.c.p.e.DefaultErrorHandler',
  'com.harbor.orders.OrderEnricher': 'c.h.orders.OrderEnricher',
  'org.apache.camel.impl.engine.AbstractCamelContext': 'o.a.c.impl.engine.AbstractCamelContext',
  fulfil: 'fulfil',
};

function record(t: number, rev: 0 | 1, level: string, logger: string, thread: string, msg: string, stack?: string): Write {
  if (rev === 0) {
    const head = `${isoMillis(t)} ${level.padStart(5)} 1 --- [${OC}] [${thread.slice(-15).padStart(15)}] ${(LOGGERS[logger] ?? logger).padEnd(40)} : ${msg}`;
    return { stream: 'stdout', text: stack ? `${head}\n${stack}` : head };
  }
  const json: Record<string, unknown> = {
    '@timestamp': isoMicros(t), '@version': '1', message: msg, logger_name: logger, thread_name: thread, level,
    level_value: level === 'ERROR' ? 40000 : level === 'WARN' ? 30000 : 20000,
  };
  if (stack) json.stack_trace = `${stack}\n`;
  return { stream: 'stdout', json };
}

const RULE = '-'.repeat(135);
const row = (a: string, b: string, c: string, d: string): string => `${a.padEnd(40).slice(0, 40)} ${b.padEnd(30).slice(0, 30)} ${c.padEnd(50).slice(0, 50)} ${d.padStart(12).slice(-12)}`;
const exchangeId = (rng: Prng): string => `${rng.hex(15).toUpperCase()}-${'0'.repeat(12)}${digits(rng, 4)}`;

function failedDelivery(rng: Prng, attempts: number, caught: string, node: string, processor: string): string {
  const id = exchangeId(rng);
  return `Failed delivery for (MessageId: ${id} on ExchangeId: ${id}). Exhausted after delivery attempt: ${attempts} caught: ${caught}\n\nMessage History (source location and message history is disabled)\n${RULE}\n${row('Source', 'ID', 'Processor', 'Elapsed (ms)')}\n${row('', node, processor, String(rng.int(0, 4000)))}\n\nStacktrace\n${RULE}`;
}

const CAMEL_TAIL = '\tat org.apache.camel.processor.errorhandler.RedeliveryErrorHandler$RedeliveryTask.doRun(RedeliveryErrorHandler.java:833)\n\tat org.apache.camel.processor.errorhandler.RedeliveryErrorHandler$RedeliveryTask.run(RedeliveryErrorHandler.java:739)\n\tat org.apache.camel.impl.engine.DefaultReactiveExecutor$Worker.schedule(DefaultReactiveExecutor.java:181)\n\tat org.apache.camel.impl.engine.DefaultReactiveExecutor.scheduleMain(DefaultReactiveExecutor.java:59)\n\tat org.apache.camel.processor.Pipeline.process(Pipeline.java:165)\n\tat org.apache.camel.impl.engine.CamelInternalProcessor.process(CamelInternalProcessor.java:392)\n\tat org.apache.camel.component.google.pubsub.consumer.CamelMessageReceiver.receiveMessage(CamelMessageReceiver.java:80)\n\tat com.google.cloud.pubsub.v1.MessageDispatcher$4.run(MessageDispatcher.java:524)\n\tat java.base/java.util.concurrent.Executors$RunnableAdapter.call(Executors.java:572)\n\tat java.base/java.util.concurrent.FutureTask.run(FutureTask.java:317)\n\tat java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1144)\n\tat java.base/java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:642)\n\tat java.base/java.lang.Thread.run(Thread.java:1583)';

const gax = (rng: Prng): string => `Gax-${rng.int(1, 40)}`;
const DEH = 'org.apache.camel.processor.errorhandler.DefaultErrorHandler';
const FULFIL = 'https://fulfilment.internal.harbor.example/v1/shipments';

const ocFulfil503: Family = {
  name: `${OC}:fulfilment-503`, level: 'ERROR', perDay: [30, 70], burst: 0.3,
  emit: ({ rng, t, rev }) => {
    const ex = `org.apache.camel.http.base.HttpOperationFailedException: HTTP operation failed invoking ${FULFIL} with statusCode: 503`;
    const stack = `${ex}\n\tat org.apache.camel.component.http.HttpProducer.populateHttpOperationFailedException(HttpProducer.java:490)\n\tat org.apache.camel.component.http.HttpProducer.process(HttpProducer.java:272)\n\tat org.apache.camel.support.AsyncProcessorConverterHelper$ProcessorToAsyncProcessorBridge.process(AsyncProcessorConverterHelper.java:65)\n\tat org.apache.camel.processor.SendProcessor.process(SendProcessor.java:210)\n${CAMEL_TAIL}`;
    return [record(t, rev, 'ERROR', DEH, gax(rng), failedDelivery(rng, 4, ex, 'fulfil/to2', FULFIL), stack)];
  },
};

const ocDuplicate: Family = {
  name: `${OC}:order-insert-duplicate`, level: 'ERROR', perDay: [20, 50],
  emit: ({ rng, t, rev }) => {
    const id = `ORD-${digits(rng, 6)}`;
    const pg = `ERROR: duplicate key value violates unique constraint "orders_pkey"\n  Detail: Key (order_id)=(${id}) already exists.`;
    const ex = `org.springframework.dao.DuplicateKeyException: PreparedStatementCallback; SQL [INSERT INTO orders (order_id, customer_id, total_cents, placed_at) VALUES (?, ?, ?, ?)]; ${pg}`;
    const stack = `${ex}\n\tat org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator.doTranslate(SQLErrorCodeSQLExceptionTranslator.java:243)\n\tat org.springframework.jdbc.support.AbstractFallbackSQLExceptionTranslator.translate(AbstractFallbackSQLExceptionTranslator.java:107)\n\tat org.springframework.jdbc.core.JdbcTemplate.translateException(JdbcTemplate.java:1548)\n\tat org.springframework.jdbc.core.JdbcTemplate.execute(JdbcTemplate.java:677)\n\tat org.apache.camel.component.sql.SqlProducer.processInternal(SqlProducer.java:150)\n\tat org.apache.camel.component.sql.SqlProducer.process(SqlProducer.java:97)\n\tat org.apache.camel.processor.SendProcessor.process(SendProcessor.java:210)\n${CAMEL_TAIL}\nCaused by: org.postgresql.util.PSQLException: ${pg}\n\tat org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2733)\n\tat org.postgresql.core.v3.QueryExecutorImpl.processResults(QueryExecutorImpl.java:2420)\n\tat org.postgresql.core.v3.QueryExecutorImpl.execute(QueryExecutorImpl.java:372)\n\tat org.postgresql.jdbc.PgStatement.executeInternal(PgStatement.java:517)\n\tat org.postgresql.jdbc.PgPreparedStatement.executeUpdate(PgPreparedStatement.java:152)\n\tat com.zaxxer.hikari.pool.HikariProxyPreparedStatement.execute(HikariProxyPreparedStatement.java)\n\tat org.springframework.jdbc.core.JdbcTemplate.execute(JdbcTemplate.java:658)\n\t... 14 common frames omitted`;
    return [record(t, rev, 'ERROR', DEH, gax(rng), failedDelivery(rng, 1, ex, 'persist/to1', 'sql://INSERT INTO orders (order_id, customer_id, total_cents, placed_at) VALUES (:#orderId, :#customerId, :#total, :#placedAt)'), stack)];
  },
};

// The publisher's service account lacked roles/pubsub.publisher on order-events until the rollout.
const ocPublishDenied: Family = {
  name: `${OC}:event-publish-denied`, level: 'ERROR', perDay: [30, 70],
  emit: ({ rng, t, rev }) => {
    if (rev === 1) return [];
    const grpc = 'io.grpc.StatusRuntimeException: PERMISSION_DENIED: User not authorized to perform this action.';
    const ex = `java.util.concurrent.ExecutionException: com.google.api.gax.rpc.PermissionDeniedException: ${grpc}`;
    const stack = `${ex}\n\tat com.google.common.util.concurrent.AbstractFuture.getDoneValue(AbstractFuture.java:594)\n\tat com.google.common.util.concurrent.AbstractFuture.get(AbstractFuture.java:573)\n\tat com.google.api.core.AbstractApiFuture.get(AbstractApiFuture.java:56)\n\tat org.apache.camel.component.google.pubsub.GooglePubsubProducer.send(GooglePubsubProducer.java:141)\n\tat org.apache.camel.component.google.pubsub.GooglePubsubProducer.process(GooglePubsubProducer.java:92)\n\tat org.apache.camel.processor.SendProcessor.process(SendProcessor.java:210)\n${CAMEL_TAIL}\nCaused by: com.google.api.gax.rpc.PermissionDeniedException: ${grpc}\n\tat com.google.api.gax.rpc.ApiExceptionFactory.createException(ApiExceptionFactory.java:90)\n\tat com.google.api.gax.grpc.GrpcApiExceptionFactory.create(GrpcApiExceptionFactory.java:98)\n\tat com.google.api.gax.grpc.GrpcApiExceptionFactory.create(GrpcApiExceptionFactory.java:66)\n\tat com.google.api.gax.grpc.GrpcExceptionCallable$ExceptionTransformingFuture.onFailure(GrpcExceptionCallable.java:97)\n\t... 16 common frames omitted\nCaused by: ${grpc}\n\tat io.grpc.Status.asRuntimeException(Status.java:532)\n\t... 15 common frames omitted`;
    return [record(t, rev, 'ERROR', DEH, gax(rng), failedDelivery(rng, 1, ex, 'publish/to1', `google-pubsub://${PROJECT}:order-events`), stack)];
  },
};

const ocNoRegion: Family = {
  name: `${OC}:order-without-region`, level: 'WARNING', perDay: [150, 300],
  emit: ({ rng, t, rev }) => [record(t, rev, 'WARN', 'com.harbor.orders.OrderEnricher', gax(rng), `order ORD-${digits(rng, 6)} has no shipping region, defaulting to EU`)],
};

const ocShipped: Family = {
  name: `noise:${OC}:shipped`, level: 'INFO', perDay: [350, 500],
  emit: ({ rng, t, rev }) => [record(t, rev, 'INFO', 'fulfil', gax(rng), `order ORD-${digits(rng, 6)} sent to fulfilment, shipment SHP-${rng.upperAlnum(8)} (redeliveries=0, errors=0)`)],
};

const ocStart: Family = {
  name: `noise:${OC}:start`, level: 'INFO', perDay: [6, 16],
  emit: ({ rng, t, rev }) => {
    const ctx = 'org.apache.camel.impl.engine.AbstractCamelContext';
    return [
      record(t, rev, 'INFO', ctx, 'main', 'Apache Camel 4.8.1 (camel-1) is starting'),
      record(t, rev, 'INFO', ctx, 'main', 'Routes startup (total:3 started:3 disabled:0)'),
      record(t, rev, 'INFO', ctx, 'main', `    Started fulfil (google-pubsub://${PROJECT}:orders-sub)`),
      record(t, rev, 'INFO', ctx, 'main', `Apache Camel 4.8.1 (camel-1) started in ${rng.int(600, 1900)}ms (build:0ms init:0ms start:${rng.int(600, 1900)}ms)`),
    ];
  },
};

export const ordersCamel: ServiceDef = {
  name: OC, stack: 'Java 21, Spring Boot 3.4, Apache Camel 4.8 (google-pubsub, http, sql)', splitRate: 0.65,
  families: [ocFulfil503, ocDuplicate, ocPublishDenied, ocNoRegion, ocShipped, ocStart],
};
