// A Kotlin Spring Boot service logging through Log4j2's JsonTemplateLayout with the GcpLayout.json event
// template (`timestamp`, `severity` with WARN as WARNING, `message` without the throwable,
// `logging.googleapis.com/labels` from the MDC, `sourceLocation`, `insertId`, `_exception` with `class`,
// `message` and the stringified `stackTrace`, `_thread`, `_logger`). Cloud Run lifts the severity. No
// format change: the rollout only adds the trace to the MDC labels.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { isoMillis } from './clock.js';

interface Rec { severity: 'ERROR' | 'WARNING' | 'INFO'; logger: string; message: string; thread: string; fn: string; file: string; line: number; ex?: { cls: string; msg: string; stack: string } }

function gcp(rng: Prng, t: number, rev: 0 | 1, r: Rec): Write {
  const json: Record<string, unknown> = {
    timestamp: isoMillis(t), severity: r.severity, message: r.message,
    'logging.googleapis.com/labels': rev === 0 ? {} : { traceId: rng.hex(32), spanId: rng.hex(16) },
    'logging.googleapis.com/sourceLocation': { file: r.file, line: r.line, function: r.fn },
    'logging.googleapis.com/insertId': String(rng.int(1, 900000)),
  };
  if (r.ex) json._exception = { class: r.ex.cls, message: r.ex.msg, stackTrace: r.ex.stack };
  json._thread = r.thread;
  json._logger = r.logger;
  return { stream: 'stdout', json };
}
const exec = (rng: Prng): string => `http-nio-8080-exec-${rng.int(1, 10)}`;

const ISE_STACK = (id: number): string => `java.lang.IllegalStateException: order ${id} has no shipping address\n\tat dev.marlpit.events.orders.ShipmentService.plan(ShipmentService.kt:64)\n\tat dev.marlpit.events.orders.OrderController.ship(OrderController.kt:41)\n\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)\n\tat java.base/java.lang.reflect.Method.invoke(Method.java:580)\n\tat org.springframework.web.method.support.InvocableHandlerMethod.doInvoke(InvocableHandlerMethod.java:255)\n\tat org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod.invokeAndHandle(ServletInvocableHandlerMethod.java:118)\n\tat org.springframework.web.servlet.DispatcherServlet.doDispatch(DispatcherServlet.java:1089)\n\tat org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:140)\n\tat java.base/java.lang.Thread.run(Thread.java:1583)\n`;
const DEADLINE = (s: string): string => `io.grpc.StatusRuntimeException: DEADLINE_EXCEEDED: deadline exceeded after ${s}s. Name resolution delay 0.000000000 seconds. [closed=[], open=[[buffered_nanos=${Math.floor(Number(s) * 1e9)}, waiting_for_connection]]]`;
const PUBLISH_STACK = (s: string): string => `com.google.api.gax.rpc.DeadlineExceededException: ${DEADLINE(s)}\n\tat com.google.api.gax.rpc.ApiExceptionFactory.createException(ApiExceptionFactory.java:94)\n\tat com.google.api.gax.grpc.GrpcApiExceptionFactory.create(GrpcApiExceptionFactory.java:98)\n\tat com.google.api.gax.grpc.GrpcExceptionTranslatingCallable$ExceptionTransformingFuture.onFailure(GrpcExceptionTranslatingCallable.java:84)\n\tat com.google.api.core.ApiFutures$1.onFailure(ApiFutures.java:84)\n\tat io.grpc.stub.ClientCalls$GrpcFuture.setException(ClientCalls.java:567)\n\tat java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1144)\n\tat java.base/java.lang.Thread.run(Thread.java:1583)\nCaused by: ${DEADLINE(s)}\n\tat io.grpc.Status.asRuntimeException(Status.java:533)\n\t... 14 more\n`;
const ORPHAN_STACK = 'java.lang.RuntimeException: ManagedChannel allocation site\n\tat io.grpc.internal.ManagedChannelOrphanWrapper$ManagedChannelReference.<init>(ManagedChannelOrphanWrapper.java:102)\n\tat io.grpc.internal.ManagedChannelOrphanWrapper.<init>(ManagedChannelOrphanWrapper.java:60)\n\tat io.grpc.internal.ManagedChannelImplBuilder.build(ManagedChannelImplBuilder.java:738)\n\tat com.google.api.gax.grpc.InstantiatingGrpcChannelProvider.createSingleChannel(InstantiatingGrpcChannelProvider.java:453)\n\tat com.google.cloud.pubsub.v1.Publisher.<init>(Publisher.java:206)\n\tat dev.marlpit.events.outbox.PublisherFactory.forTopic(PublisherFactory.kt:22)\n';
const TIMEOUT_STACK = 'kotlinx.coroutines.TimeoutCancellationException: Timed out waiting for 2000 ms\n\tat kotlinx.coroutines.TimeoutKt.TimeoutCancellationException(Timeout.kt:189)\n\tat kotlinx.coroutines.TimeoutCoroutine.run(Timeout.kt:157)\n\tat kotlinx.coroutines.EventLoopImplBase$DelayedRunnableTask.run(EventLoop.common.kt:505)\n\tat kotlinx.coroutines.scheduling.CoroutineScheduler$Worker.run(CoroutineScheduler.kt:704)\n';

export const eventsKotlin: ServiceDef = {
  name: 'events-kotlin', stack: 'Kotlin 2.0, Spring Boot 3.4 (Tomcat) on Log4j2 2.24 with JsonTemplateLayout, kotlinx.coroutines 1.9, Spring Cloud GCP Pub/Sub 5.8, HikariCP, PostgreSQL', splitRate: 0.7,
  families: [
    {
      name: 'events-kotlin:ship-no-address', level: 'ERROR', perDay: [33, 77],
      emit: ({ rng, t, rev }) => {
        const id = rng.int(10000, 999999);
        return [gcp(rng, t, rev, { severity: 'ERROR', logger: 'org.apache.catalina.core.ContainerBase.[Tomcat].[localhost].[/].[dispatcherServlet]', message: `Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed: java.lang.IllegalStateException: order ${id} has no shipping address] with root cause`, thread: exec(rng), fn: 'org.apache.catalina.core.StandardWrapperValve.invoke', file: 'StandardWrapperValve.java', line: 175, ex: { cls: 'java.lang.IllegalStateException', msg: `order ${id} has no shipping address`, stack: ISE_STACK(id) } })];
      },
    },
    {
      name: 'events-kotlin:outbox-publish-deadline', level: 'ERROR', perDay: [22, 66], burst: 0.3,
      emit: ({ rng, t, rev }) => {
        const s = rng.fixed(59.99, 60.01, 9);
        return [gcp(rng, t, rev, { severity: 'ERROR', logger: 'dev.marlpit.events.outbox.OutboxRelay', message: `publish failed for outbox row ${rng.int(10000, 999999)} to topic order-events`, thread: `outbox-relay-${rng.int(1, 4)}`, fn: 'dev.marlpit.events.outbox.OutboxRelay.relay', file: 'OutboxRelay.kt', line: 58, ex: { cls: 'com.google.api.gax.rpc.DeadlineExceededException', msg: DEADLINE(s), stack: PUBLISH_STACK(s) } })];
      },
    },
    {
      name: 'events-kotlin:grpc-channel-orphaned', level: 'ERROR', perDay: [44, 110],
      emit: ({ rng, t, rev }) => [gcp(rng, t, rev, { severity: 'ERROR', logger: 'io.grpc.internal.ManagedChannelOrphanWrapper', message: `*~*~*~ Previous channel ManagedChannelImpl{logId=${rng.int(5, 900)}, target=pubsub.googleapis.com:443} was garbage collected without being shut down! ~*~*~*\n    Make sure to call shutdown()/shutdownNow()`, thread: 'Common-Cleaner', fn: 'io.grpc.internal.ManagedChannelOrphanWrapper.cleanQueue', file: 'ManagedChannelOrphanWrapper.java', line: 159, ex: { cls: 'java.lang.RuntimeException', msg: 'ManagedChannel allocation site', stack: ORPHAN_STACK } })],
    },
    {
      name: 'events-kotlin:pricing-timeout', level: 'ERROR', perDay: [22, 55],
      emit: ({ rng, t, rev }) => [gcp(rng, t, rev, { severity: 'ERROR', logger: 'dev.marlpit.events.pricing.PriceClient', message: `pricing lookup timed out for sku ${rng.upperAlnum(8)}`, thread: `DefaultDispatcher-worker-${rng.int(1, 8)}`, fn: 'dev.marlpit.events.pricing.PriceClient.quote', file: 'PriceClient.kt', line: 33, ex: { cls: 'kotlinx.coroutines.TimeoutCancellationException', msg: 'Timed out waiting for 2000 ms', stack: TIMEOUT_STACK } })],
    },
    {
      name: 'events-kotlin:hikari-validate-failed', level: 'WARNING', perDay: [330, 660],
      emit: ({ rng, t, rev }) => [gcp(rng, t, rev, { severity: 'WARNING', logger: 'com.zaxxer.hikari.pool.PoolBase', message: `HikariPool-1 - Failed to validate connection org.postgresql.jdbc.PgConnection@${rng.hex(8)} (This connection has been closed.). Possibly consider using a shorter maxLifetime value.`, thread: exec(rng), fn: 'com.zaxxer.hikari.pool.PoolBase.isConnectionDead', file: 'PoolBase.java', line: 184 })],
    },
    {
      name: 'noise:events-kotlin:relay', level: 'INFO', perDay: [168, 265],
      emit: ({ rng, t, rev }) => [rng.chance(0.95)
        ? gcp(rng, t, rev, { severity: 'INFO', logger: 'dev.marlpit.events.outbox.OutboxRelay', message: `outbox relay: published ${rng.int(0, 80)}, failed 0`, thread: `outbox-relay-${rng.int(1, 4)}`, fn: 'dev.marlpit.events.outbox.OutboxRelay.relay', file: 'OutboxRelay.kt', line: 71 })
        : gcp(rng, t, rev, { severity: 'INFO', logger: 'dev.marlpit.events.EventsApplicationKt', message: `Started EventsApplicationKt in ${rng.fixed(4, 9, 3)} seconds (process running for ${rng.fixed(5, 10, 3)})`, thread: 'main', fn: 'org.springframework.boot.StartupInfoLogger.logStarted', file: 'StartupInfoLogger.java', line: 56 })],
    },
  ],
};
