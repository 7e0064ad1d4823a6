// Micronaut 4.6 on Java 21 (Netty server and HTTP client, HikariCP, the scheduler). Micronaut's
// generated logback.xml pattern (`%d{HH:mm:ss.SSS} [%thread] %-5level %logger{36} - %msg%n`, colours
// off when not on a terminal) with the stack below on the morning revision; logstash-logback-encoder's
// LogstashEncoder after (`@timestamp`, `@version`, `message`, `logger_name`, `thread_name`, `level`,
// `level_value`, `stack_trace`; no `severity`). Micronaut's RouteExecutor logs `Unexpected error
// occurred: <msg>` for whatever a route throws; the scheduler's DefaultTaskExceptionHandler logs `Error
// invoking scheduled task for bean [...] <msg>` for a job.
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { hmsMillis, isoMillis } from './clock.js';

type Level = 'ERROR' | 'WARN' | 'INFO';
const LEVEL_VALUE: Record<Level, number> = { ERROR: 40000, WARN: 30000, INFO: 20000 };

/** logger{36}: the package abbreviated to initials until the name fits. */
const short = (logger: string): string => {
  if (logger.length <= 36) return logger;
  const parts = logger.split('.');
  return [...parts.slice(0, -1).map((p) => p[0]), parts[parts.length - 1]].join('.');
};

function logback(rev: 0 | 1, t: number, thread: string, level: Level, logger: string, msg: string, stack?: string): Write {
  if (rev === 0) return { stream: 'stdout', text: `${hmsMillis(t)} [${thread}] ${level.padEnd(5)} ${short(logger)} - ${msg}${stack ? `\n${stack}` : ''}` };
  const json: Record<string, unknown> = { '@timestamp': isoMillis(t), '@version': '1', message: msg, logger_name: logger, thread_name: thread, level, level_value: LEVEL_VALUE[level] };
  if (stack) json.stack_trace = stack;
  return { stream: 'stdout', json };
}
const loop = (rng: Prng): string => `default-nioEventLoopGroup-1-${rng.int(1, 4)}`;

const connectMsg = (ip: string): string => `Connect Error: Connection refused: fcm.googleapis.com/${ip}:443`;
function connectStack(ip: string, from: 'route' | 'job'): string {
  const caller = from === 'route'
    ? `\tat notify.PushController.send(PushController.java:52)
\tat notify.$PushController$Definition$Exec.dispatch(Unknown Source)
\tat io.micronaut.context.AbstractExecutableMethodsDefinition$DispatchedExecutableMethod.invokeUnsafe(AbstractExecutableMethodsDefinition.java:461)
\tat io.micronaut.http.server.RouteExecutor.executeRouteAndConvertBody(RouteExecutor.java:493)`
    : `\tat notify.DigestJob.run(DigestJob.java:38)
\tat notify.$DigestJob$Definition$Exec.dispatch(Unknown Source)
\tat io.micronaut.scheduling.processor.ScheduledMethodProcessor.lambda$process$5(ScheduledMethodProcessor.java:127)
\tat java.base/java.util.concurrent.Executors$RunnableAdapter.call(Executors.java:572)`;
  return `io.micronaut.http.client.exceptions.HttpClientException: ${connectMsg(ip)}
\tat io.micronaut.http.client.netty.DefaultHttpClient.lambda$exchangeImpl$48(DefaultHttpClient.java:1148)
\tat reactor.core.publisher.Mono.block(Mono.java:1742)
\tat notify.FcmClient.send(FcmClient.java:71)
${caller}
Caused by: io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused: fcm.googleapis.com/${ip}:443
Caused by: java.net.ConnectException: Connection refused
\tat java.base/sun.nio.ch.Net.pollConnect(Native Method)
\tat java.base/sun.nio.ch.Net.pollConnectNow(Net.java:682)
\tat java.base/sun.nio.ch.SocketChannelImpl.finishConnect(SocketChannelImpl.java:973)
\tat io.netty.channel.socket.nio.NioSocketChannel.doFinishConnect(NioSocketChannel.java:337)
\t... 7 common frames omitted`;
}

const npeStack = `java.lang.NullPointerException: Cannot invoke "String.length()" because "template.subject" is null
\tat notify.TemplateRenderer.render(TemplateRenderer.java:29)
\tat notify.EmailController.preview(EmailController.java:44)
\tat notify.$EmailController$Definition$Exec.dispatch(Unknown Source)
\tat io.micronaut.http.server.RouteExecutor.executeRouteAndConvertBody(RouteExecutor.java:493)
\tat reactor.core.publisher.FluxDeferContextual.subscribe(FluxDeferContextual.java:49)`;

const families: Family[] = [
  {
    name: 'notify-micronaut:push-fcm-connect-refused', level: 'ERROR', perDay: [15, 50], burst: 0.2,
    emit: ({ rng, t, rev }) => {
      const ip = rng.pick(['142.250.185.74', '142.250.186.42']);
      return [logback(rev, t, loop(rng), 'ERROR', 'io.micronaut.http.server.RouteExecutor', `Unexpected error occurred: ${connectMsg(ip)}`, connectStack(ip, 'route'))];
    },
  },
  {
    // The same client failure from the digest job: another failing operation, another problem.
    name: 'notify-micronaut:digest-job-fcm-connect-refused', level: 'ERROR', perDay: [6, 18],
    emit: ({ rng, t, rev }) => {
      const ip = rng.pick(['142.250.185.74', '142.250.186.42']);
      return [logback(rev, t, `scheduled-executor-thread-${rng.int(1, 2)}`, 'ERROR', 'io.micronaut.scheduling.exceptions.DefaultTaskExceptionHandler',
        `Error invoking scheduled task for bean [notify.DigestJob@${rng.hex(8)}] ${connectMsg(ip)}`, connectStack(ip, 'job'))];
    },
  },
  {
    name: 'notify-micronaut:template-subject-null', level: 'ERROR', perDay: [5, 20],
    emit: ({ rng, t, rev }) => [logback(rev, t, loop(rng), 'ERROR', 'io.micronaut.http.server.RouteExecutor', 'Unexpected error occurred: Cannot invoke "String.length()" because "template.subject" is null', npeStack)],
  },
  {
    name: 'notify-micronaut:hikari-thread-starvation', level: 'WARNING', perDay: [60, 160],
    emit: ({ rng, t, rev }) => [logback(rev, t, 'HikariPool-1 housekeeper', 'WARN', 'com.zaxxer.hikari.pool.HikariPool',
      `HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=${rng.int(1, 3)}m${rng.int(0, 59)}s${rng.int(1, 999)}ms).`)],
  },
  {
    name: 'noise:notify-micronaut:digest', level: 'INFO', perDay: [100, 250],
    emit: ({ rng, t, rev }) => [logback(rev, t, `scheduled-executor-thread-${rng.int(1, 2)}`, 'INFO', 'notify.DigestJob', `digest sent: ${rng.int(10, 900)} recipients, 0 failures, errorCount=0`)],
  },
  {
    name: 'noise:notify-micronaut:startup', level: 'INFO', perDay: [4, 12],
    emit: ({ rng, t, rev }) => [logback(rev, t, 'main', 'INFO', 'io.micronaut.runtime.Micronaut', `Startup completed in ${rng.int(400, 1800)}ms. Server Running: http://localhost:8080`)],
  },
];

export const notifyMicronaut: ServiceDef = { name: 'notify-micronaut', stack: 'Java 21, Micronaut 4.6, Netty, HikariCP', splitRate: 0.75, families };
