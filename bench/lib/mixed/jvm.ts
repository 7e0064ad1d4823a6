// JVM services. `orders-java`: Spring Boot 3.3 on Tomcat, its default console pattern on the morning
// revision (`2026-03-10T12:00:01.123Z ERROR 1 --- [orders] [nio-8080-exec-7] logger : message`), then
// Logback with logstash-logback-encoder's LogstashEncoder (`@timestamp`, `level`, `logger_name`,
// `thread_name`, `stack_trace`; no Cloud Logging severity). `gateway-netty`: Spring Cloud Gateway on
// Reactor Netty with Logback's plain pattern `%d{HH:mm:ss.SSS} [%thread] %-5level %logger{36} - %msg%n`.
import type { Prng } from '../prng.js';
import type { Ctx, Family, ServiceDef, Write } from '../stranger/model.js';
import { hmsMillis, isoMillis } from './text.js';

function jframes(frames: readonly string[]): string {
  return frames.map((f) => `\tat ${f}`).join('\n');
}

const LEVEL_VALUE: Record<string, number> = { INFO: 20000, WARN: 30000, ERROR: 40000 };

// Source: Spring Boot's console format (https://docs.spring.io/spring-boot/reference/features/logging.html#features.logging.log-format)
// and LogstashEncoder's standard fields (https://github.com/logfellow/logstash-logback-encoder#standard-fields).
function spring(ctx: Ctx, level: 'INFO' | 'WARN' | 'ERROR', thread: string, logger: string, shortLogger: string, msg: string, stack?: string): Write {
  if (ctx.rev === 1) {
    const json: Record<string, unknown> = { '@timestamp': isoMillis(ctx.t), '@version': '1', message: msg, logger_name: logger, thread_name: thread, level, level_value: LEVEL_VALUE[level] };
    if (stack !== undefined) json.stack_trace = stack;
    return { stream: 'stdout', json };
  }
  const t15 = thread.length > 15 ? thread.slice(-15) : thread.padStart(15);
  const line = `${isoMillis(ctx.t)} ${level.padStart(5)} 1 --- [orders] [${t15}] ${shortLogger.padEnd(40)} : ${msg}`;
  return { stream: 'stdout', text: stack === undefined ? line : `${line}\n\n${stack}` };
}

const execThread = (rng: Prng): string => `http-nio-8080-exec-${rng.int(1, 10)}`;

const readTimeout: Family = {
  name: 'orders-java:inventory-read-timeout', level: 'ERROR', perDay: [20, 60], burst: 0.3,
  emit(ctx) {
    const { rng } = ctx;
    const msg = `Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed: org.springframework.web.client.ResourceAccessException: I/O error on GET request for "http://inventory.internal/api/stock/${rng.int(1000, 99999)}": Read timed out] with root cause`;
    const stack = `java.net.SocketTimeoutException: Read timed out\n${jframes([
      'java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:278)',
      'java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:304)',
      'java.base/java.net.Socket$SocketInputStream.read(Socket.java:1099)',
      'org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:887)',
      'com.acme.orders.inventory.InventoryClient.stock(InventoryClient.java:44)',
      'com.acme.orders.web.OrderController.create(OrderController.java:71)',
    ])}`;
    return [spring(ctx, 'ERROR', execThread(rng), 'org.apache.catalina.core.ContainerBase.[Tomcat].[localhost].[/].[dispatcherServlet]', 'o.a.c.c.C.[.[.[/].[dispatcherServlet]', msg, stack)];
  },
};

const optimisticLock: Family = {
  name: 'orders-java:optimistic-lock-failure', level: 'ERROR', perDay: [10, 35],
  emit(ctx) {
    const { rng } = ctx;
    const id = rng.int(100000, 999999);
    const msg = `Row was updated or deleted by another transaction (or unsaved-value mapping was incorrect): [com.acme.orders.domain.Order#${id}]`;
    const stack = `org.springframework.orm.ObjectOptimisticLockingFailureException: ${msg}\n${jframes([
      'org.springframework.orm.jpa.vendor.HibernateJpaDialect.convertHibernateAccessException(HibernateJpaDialect.java:325)',
      'org.springframework.orm.jpa.JpaTransactionManager.doCommit(JpaTransactionManager.java:565)',
      'com.acme.orders.service.OrderService.confirm(OrderService.java:112)',
    ])}\nCaused by: org.hibernate.StaleObjectStateException: ${msg}\n${jframes([
      'org.hibernate.persister.entity.AbstractEntityPersister.check(AbstractEntityPersister.java:2713)',
      'org.hibernate.engine.jdbc.batch.internal.BatchImpl.performExecution(BatchImpl.java:149)',
    ])}\n\t... ${rng.int(40, 90)} common frames omitted`;
    return [spring(ctx, 'ERROR', execThread(rng), 'com.acme.orders.web.ErrorAdvice', 'c.a.orders.web.ErrorAdvice', `Order ${id} confirm failed`, stack)];
  },
};

// HikariCP's housekeeper warning (brettwooldridge/HikariCP wiki "Clock leap"), a frequent WARN.
const hikariLeap: Family = {
  name: 'orders-java:hikari-thread-starvation', level: 'WARNING', perDay: [40, 120],
  emit(ctx) {
    const { rng } = ctx;
    return [spring(ctx, 'WARN', 'HikariPool-1 housekeeper', 'com.zaxxer.hikari.pool.HikariPool', 'com.zaxxer.hikari.pool.HikariPool', `HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=${rng.int(1, 4)}m${rng.int(1, 59)}s${rng.int(1, 999)}ms).`)];
  },
};

const appFailed: Family = {
  name: 'orders-java:application-run-failed', level: 'ERROR', perDay: [1, 4],
  emit(ctx) {
    const stack = `org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'entityManagerFactory' defined in class path resource [org/springframework/boot/autoconfigure/orm/jpa/HibernateJpaConfiguration.class]: Unable to open JDBC Connection for DDL execution [FATAL: password authentication failed for user "orders"] [n/a]\n${jframes([
      'org.springframework.beans.factory.support.AbstractAutowireCapableBeanFactory.initializeBean(AbstractAutowireCapableBeanFactory.java:1806)',
      'org.springframework.boot.SpringApplication.run(SpringApplication.java:335)',
      'com.acme.orders.OrdersApplication.main(OrdersApplication.java:10)',
    ])}\nCaused by: org.postgresql.util.PSQLException: FATAL: password authentication failed for user "orders"\n${jframes([
      'org.postgresql.core.v3.ConnectionFactoryImpl.doAuthentication(ConnectionFactoryImpl.java:693)',
      'com.zaxxer.hikari.pool.HikariPool.checkFailFast(HikariPool.java:562)',
    ])}\n\t... 31 common frames omitted`;
    return [spring(ctx, 'ERROR', 'main', 'org.springframework.boot.SpringApplication', 'o.s.boot.SpringApplication', 'Application run failed', stack)];
  },
};

const ordersInfo: Family = {
  name: 'noise:orders-java:chatter', level: 'INFO', perDay: [200, 350],
  emit(ctx) {
    const { rng } = ctx;
    return [rng.pick([
      spring(ctx, 'INFO', execThread(rng), 'com.acme.orders.web.OrderController', 'c.a.orders.web.OrderController', `Order ${rng.int(100000, 999999)} created in ${rng.int(5, 900)} ms`),
      spring(ctx, 'INFO', 'scheduling-1', 'com.acme.orders.jobs.OutboxRelay', 'c.a.orders.jobs.OutboxRelay', `Outbox relay: published=${rng.int(0, 300)} failed=0 retried=0`),
    ])];
  },
};

export const ordersJava: ServiceDef = {
  name: 'orders-java', stack: 'Java 21, Spring Boot 3.3, Logback (console, then logstash JSON)', splitRate: 0.75,
  families: [readTimeout, optimisticLock, hikariLeap, appFailed, ordersInfo],
};

// ---- gateway-netty -----------------------------------------------------------------------------

function logback(ctx: Ctx, thread: string, level: 'INFO' | 'WARN' | 'ERROR', logger: string, msg: string): Write {
  return { stream: 'stdout', text: `${hmsMillis(ctx.t)} [${thread}] ${level.padEnd(5)} ${logger} - ${msg}` };
}
const epoll = (rng: Prng): string => `reactor-http-epoll-${rng.int(1, 4)}`;
const conn = (rng: Prng): string => `[${rng.hex(8)}-${rng.int(1, 40)}, L:/169.254.8.1:8080 - R:/169.254.8.129:${rng.int(30000, 60999)}]`;

// Source: Netty's ResourceLeakDetector report (netty/netty#11502, #14153, apache/shenyu#5987).
const bufLeak: Family = {
  name: 'gateway-netty:bytebuf-leak', level: 'ERROR', perDay: [6, 20],
  emit(ctx) {
    const { rng } = ctx;
    const w = logback(ctx, epoll(rng), 'ERROR', 'io.netty.util.ResourceLeakDetector', `LEAK: ByteBuf.release() was not called before it's garbage-collected. See https://netty.io/wiki/reference-counted-objects.html for more information.\nRecent access records: \nCreated at:\n${jframes([
      'io.netty.buffer.PooledByteBufAllocator.newDirectBuffer(PooledByteBufAllocator.java:410)',
      'io.netty.buffer.AbstractByteBufAllocator.directBuffer(AbstractByteBufAllocator.java:188)',
      'com.acme.gateway.filter.BodyCaptureFilter.capture(BodyCaptureFilter.java:52)',
      'reactor.core.publisher.FluxMap$MapSubscriber.onNext(FluxMap.java:106)',
    ]).replace(/\tat /g, '\t')}`);
    return [w];
  },
};

// Source: Netty's tail-of-pipeline warning and reactor-netty's connection-scoped log prefix
// `[id, L:/local - R:/remote]` (reactor/reactor-netty#422).
const tailException: Family = {
  name: 'gateway-netty:connection-reset-unhandled', level: 'WARNING', perDay: [40, 120],
  emit(ctx) {
    const { rng } = ctx;
    return [logback(ctx, epoll(rng), 'WARN', 'i.n.channel.DefaultChannelPipeline', `An exceptionCaught() event was fired, and it reached at the tail of the pipeline. It usually means the last handler in the pipeline did not handle the exception.\nio.netty.channel.unix.Errors$NativeIoException: recvAddress(..) failed: Connection reset by peer`)];
  },
};

const brokenPipe: Family = {
  name: 'gateway-netty:error-finishing-response', level: 'ERROR', perDay: [15, 45],
  emit(ctx) {
    const { rng } = ctx;
    return [logback(ctx, epoll(rng), 'ERROR', 'r.n.http.server.HttpServerOperations', `${conn(rng)} Error finishing response. Closing connection\nio.netty.channel.unix.Errors$NativeIoException: writev(..) failed: Broken pipe`)];
  },
};

const upstream503: Family = {
  name: 'gateway-netty:upstream-unavailable', level: 'ERROR', perDay: [15, 50], burst: 0.3,
  emit(ctx) {
    const { rng } = ctx;
    const svc = rng.pick(['orders', 'catalog', 'portal']);
    const req = `HTTP ${rng.pick(['GET', 'POST'])} "/api/${svc}/${rng.int(1, 9999)}"`;
    return [logback(ctx, epoll(rng), 'ERROR', 'o.s.b.a.w.r.e.AbstractErrorWebExceptionHandler', `[${rng.hex(8)}-${rng.int(1, 900)}]  500 Server Error for ${req}\nio.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused: ${svc}.internal/10.8.${rng.int(0, 9)}.${rng.int(2, 250)}:8080\n\tSuppressed: reactor.core.publisher.FluxOnAssembly$OnAssemblyException: \nError has been observed at the following site(s):\n\t*__checkpoint ⇢ org.springframework.cloud.gateway.filter.WeightCalculatorWebFilter [DefaultWebFilterChain]\n\t*__checkpoint ⇢ ${req} [ExceptionHandlingWebHandler]\nOriginal Stack Trace:\nCaused by: java.net.ConnectException: Connection refused\n${jframes(['java.base/sun.nio.ch.Net.pollConnect(Native Method)', 'io.netty.channel.socket.nio.NioSocketChannel.doFinishConnect(NioSocketChannel.java:337)'])}`)];
  },
};

const gatewayInfo: Family = {
  name: 'noise:gateway-netty:chatter', level: 'INFO', perDay: [200, 350],
  emit(ctx) {
    const { rng } = ctx;
    return [rng.pick([
      logback(ctx, epoll(rng), 'INFO', 'c.a.gateway.filter.AccessLogFilter', `${rng.pick(['GET', 'POST'])} /api/${rng.pick(['orders', 'catalog'])}/${rng.int(1, 9999)} 200 ${rng.int(2, 900)}ms errors=0`),
      logback(ctx, 'boundedElastic-1', 'INFO', 'o.s.c.g.r.RouteDefinitionRouteLocator', `Loaded RoutePredicateFactory [${rng.pick(['Path', 'Method', 'Header'])}]`),
    ])];
  },
};

export const gatewayNetty: ServiceDef = {
  name: 'gateway-netty', stack: 'Java 21, Spring Cloud Gateway, Reactor Netty, Logback pattern', splitRate: 0.7,
  families: [bufLeak, tailException, brokenPipe, upstream503, gatewayInfo],
};
