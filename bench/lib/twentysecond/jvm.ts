// The JVM service of the day: Spring Boot on Tomcat with logback-contrib's JsonLayout (Jackson
// formatter, one line a record, the throwable as text under `exception`, no severity) on the morning
// revision, and Spring Boot 3.4's structured `logstash` console format after.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { isoMicros, isoMillis } from './clock.js';
import { fam } from './shared.js';

const SVC = 'orders-logback';
const f = (name: string): string => `${SVC}:${name}`;
const LEVEL_VALUE: Record<string, number> = { ERROR: 40000, WARN: 30000, INFO: 20000 };
const SERVLET = 'org.apache.catalina.core.ContainerBase.[Tomcat].[localhost].[/].[dispatcherServlet]';

const record = (t: number, rev: 0 | 1, level: 'ERROR' | 'WARN' | 'INFO', thread: string, logger: string, message: string, exception?: string): Write => {
  if (rev === 0) {
    const json: Record<string, unknown> = { timestamp: isoMillis(t), level, thread, logger, message, context: 'default' };
    if (exception) json.exception = `${exception}\n`;
    return { stream: 'stdout', json };
  }
  const json: Record<string, unknown> = { '@timestamp': isoMicros(t), '@version': '1', message, logger_name: logger, thread_name: thread, level, level_value: LEVEL_VALUE[level] };
  if (exception) json.stack_trace = `${exception}\n`;
  return { stream: 'stdout', json };
};

const exec = (rng: Prng): string => `http-nio-8080-exec-${rng.int(1, 10)}`;

const tomcatFrames = [
  '\tat org.springframework.web.servlet.FrameworkServlet.processRequest(FrameworkServlet.java:1022)',
  '\tat org.springframework.web.servlet.FrameworkServlet.doPost(FrameworkServlet.java:914)',
  '\tat jakarta.servlet.http.HttpServlet.service(HttpServlet.java:590)',
  '\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)',
  '\tat jakarta.servlet.http.HttpServlet.service(HttpServlet.java:658)',
  '\tat org.apache.catalina.core.ApplicationFilterChain.internalDoFilter(ApplicationFilterChain.java:195)',
  '\tat org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:140)',
  '\tat org.apache.catalina.core.StandardWrapperValve.invoke(StandardWrapperValve.java:167)',
  '\tat org.apache.coyote.http11.Http11Processor.service(Http11Processor.java:391)',
  '\tat org.apache.tomcat.util.net.NioEndpoint$SocketProcessor.doRun(NioEndpoint.java:1736)',
  '\tat java.base/java.lang.Thread.run(Thread.java:1583)',
];

// The Cloud SQL Java connector's refresh, refused by the Admin API: Tomcat reports the root cause.
const sqlAdminDenied = (): string => [
  'com.google.api.client.googleapis.json.GoogleJsonResponseException: 403 Forbidden',
  'GET https://sqladmin.googleapis.com/sql/v1beta4/projects/wren-ledger-2291/instances/orders-pg/connectSettings',
  '{',
  '  "code" : 403,',
  '  "errors" : [ {',
  '    "domain" : "global",',
  '    "message" : "The client is not authorized to make this request.",',
  '    "reason" : "notAuthorized"',
  '  } ],',
  '  "message" : "The client is not authorized to make this request.",',
  '  "status" : "PERMISSION_DENIED"',
  '}',
  '\tat com.google.api.client.googleapis.json.GoogleJsonResponseException.from(GoogleJsonResponseException.java:146)',
  '\tat com.google.api.client.googleapis.services.json.AbstractGoogleJsonClientRequest.newExceptionOnError(AbstractGoogleJsonClientRequest.java:118)',
  '\tat com.google.api.client.googleapis.services.AbstractGoogleClientRequest.execute(AbstractGoogleClientRequest.java:514)',
  '\tat com.google.cloud.sql.core.ApiClientRetryingCallable.call(ApiClientRetryingCallable.java:78)',
  '\tat com.google.cloud.sql.core.DefaultConnectionInfoRepository.fetchMetadata(DefaultConnectionInfoRepository.java:207)',
  '\tat com.google.cloud.sql.core.DefaultConnectionInfoRepository.lambda$getConnectionInfo$1(DefaultConnectionInfoRepository.java:140)',
  '\tat com.google.common.util.concurrent.TrustedListenableFutureTask$TrustedFutureInterruptibleTask.runInterruptibly(TrustedListenableFutureTask.java:131)',
  '\tat com.google.common.util.concurrent.InterruptibleTask.run(InterruptibleTask.java:75)',
  '\tat com.google.common.util.concurrent.TrustedListenableFutureTask.run(TrustedListenableFutureTask.java:82)',
  '\tat java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1144)',
  '\tat java.base/java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:642)',
  '\tat java.base/java.lang.Thread.run(Thread.java:1583)',
].join('\n');

const pubsubDenied = (): string => [
  'java.util.concurrent.ExecutionException: com.google.api.gax.rpc.PermissionDeniedException: io.grpc.StatusRuntimeException: PERMISSION_DENIED: User not authorized to perform this action.',
  '\tat com.google.common.util.concurrent.AbstractFuture.getDoneValue(AbstractFuture.java:594)',
  '\tat com.google.common.util.concurrent.AbstractFuture.get(AbstractFuture.java:573)',
  '\tat com.google.api.core.AbstractApiFuture.get(AbstractApiFuture.java:56)',
  '\tat com.wren.orders.events.OrderEventPublisher.publish(OrderEventPublisher.java:48)',
  '\tat com.wren.orders.api.OrderService.confirm(OrderService.java:91)',
  '\tat com.wren.orders.api.OrderController.confirm(OrderController.java:64)',
  'Caused by: com.google.api.gax.rpc.PermissionDeniedException: io.grpc.StatusRuntimeException: PERMISSION_DENIED: User not authorized to perform this action.',
  '\tat com.google.api.gax.rpc.ApiExceptionFactory.createException(ApiExceptionFactory.java:100)',
  '\tat com.google.api.gax.grpc.GrpcApiExceptionFactory.create(GrpcApiExceptionFactory.java:98)',
  '\tat com.google.api.gax.grpc.GrpcExceptionCallable$ExceptionTransformingFuture.onFailure(GrpcExceptionCallable.java:84)',
  '\tat com.google.api.core.ApiFutures$1.onFailure(ApiFutures.java:84)',
  '\t... 21 common frames omitted',
  'Caused by: io.grpc.StatusRuntimeException: PERMISSION_DENIED: User not authorized to perform this action.',
  '\tat io.grpc.Status.asRuntimeException(Status.java:532)',
  '\t... 16 common frames omitted',
].join('\n');

const optimistic = (id: number): string => [
  `org.hibernate.StaleObjectStateException: Row was updated or deleted by another transaction (or unsaved-value mapping was incorrect) : [com.wren.orders.domain.Order#${id}]`,
  '\tat org.hibernate.persister.entity.AbstractEntityPersister.check(AbstractEntityPersister.java:2557)',
  '\tat org.hibernate.engine.jdbc.mutation.internal.ModelMutationHelper.identifiedResultsCheck(ModelMutationHelper.java:75)',
  '\tat org.hibernate.persister.entity.mutation.UpdateCoordinatorStandard.lambda$doStaticUpdate$9(UpdateCoordinatorStandard.java:785)',
  '\tat org.hibernate.event.internal.AbstractFlushingEventListener.performExecutions(AbstractFlushingEventListener.java:359)',
  '\tat org.hibernate.internal.SessionImpl.doFlush(SessionImpl.java:1403)',
  '\tat org.springframework.orm.jpa.JpaTransactionManager.doCommit(JpaTransactionManager.java:562)',
  '\tat com.wren.orders.api.OrderService$$SpringCGLIB$$0.reserve(<generated>)',
  '\tat com.wren.orders.api.OrderController.reserve(OrderController.java:52)',
  ...tomcatFrames,
].join('\n');

export const ordersLogback: ServiceDef = {
  name: SVC,
  stack: 'Java 21, Spring Boot 3.3 then 3.4 (Tomcat, Spring Data JPA, Hibernate 6.5), Cloud SQL Java connector 1.21 (postgres-socket-factory) under HikariCP, google-cloud-pubsub 1.133',
  splitRate: 0.0,
  families: [
    fam(f('cloudsql-admin-denied'), 'ERROR', [15, 40], ({ rng, t, rev }) => [
      record(t, rev, 'ERROR', exec(rng), SERVLET,
        'Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed: org.springframework.transaction.CannotCreateTransactionException: Could not open JPA EntityManager for transaction] with root cause',
        sqlAdminDenied()),
    ]),
    fam(f('pubsub-publish-denied'), 'ERROR', [20, 50], ({ rng, t, rev }) => [
      record(t, rev, 'ERROR', exec(rng), 'com.wren.orders.events.OrderEventPublisher', `Failed to publish OrderConfirmed for order ${rng.int(100000, 999999)}`, pubsubDenied()),
    ]),
    fam(f('order-stale-state'), 'ERROR', [15, 35], ({ rng, t, rev }) => {
      const id = rng.int(100000, 999999);
      return [record(t, rev, 'ERROR', exec(rng), SERVLET,
        `Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed: org.springframework.orm.ObjectOptimisticLockingFailureException: Row was updated or deleted by another transaction (or unsaved-value mapping was incorrect) : [com.wren.orders.domain.Order#${id}]] with root cause`,
        optimistic(id))];
    }),
    fam(f('create-order-invalid'), 'WARNING', [100, 200], ({ rng, t, rev }) => [
      record(t, rev, 'WARN', exec(rng), 'org.springframework.web.servlet.mvc.support.DefaultHandlerExceptionResolver',
        `Resolved [org.springframework.web.bind.MethodArgumentNotValidException: Validation failed for argument [0] in public org.springframework.http.ResponseEntity<com.wren.orders.api.OrderView> com.wren.orders.api.OrderController.create(com.wren.orders.api.CreateOrder): [Field error in object 'createOrder' on field 'quantity': rejected value [${rng.int(-2, 0)}]; codes [Min.createOrder.quantity,Min.quantity,Min.int,Min]; arguments [org.springframework.context.support.DefaultMessageSourceResolvable: codes [createOrder.quantity,quantity]; arguments []; default message [quantity],1]; default message [must be greater than or equal to 1]] ]`),
    ]),
    fam(`noise:${SVC}:app`, 'INFO', [450, 650], ({ rng, t, rev }) => [
      record(t, rev, 'INFO', exec(rng), 'com.wren.orders.api.OrderService', rng.pick([
        `Order ${rng.int(100000, 999999)} confirmed, ${rng.int(1, 8)} lines, 0 errors`,
        `Reserved stock for order ${rng.int(100000, 999999)}`,
        `Published OrderConfirmed for order ${rng.int(100000, 999999)} (messageId=${rng.int(10_000_000_000, 19_999_999_999)})`,
      ])),
    ]),
    fam(`noise:${SVC}:boot`, 'INFO', [3, 12], ({ rng, t, rev }) => [
      record(t, rev, 'INFO', 'main', 'com.wren.orders.OrdersApplication', `Started OrdersApplication in ${rng.fixed(6, 14, 3)} seconds (process running for ${rng.fixed(7, 15, 3)})`),
      record(t, rev, 'INFO', 'main', 'com.zaxxer.hikari.HikariDataSource', 'HikariPool-1 - Start completed.'),
    ]),
  ],
};
