// stream-vertx: Vert.x 4.5 on Java 21 logging through java.util.logging. The morning revision keeps JUL's
// SimpleFormatter default, two lines per record (`Dec 04, 2026 10:00:00 AM logger method` then
// `LEVEL: message`), so the first line of every record names no error; the later revision sets
// `java.util.logging.SimpleFormatter.format` to one line. Vert.x's BlockedThreadChecker warns with the
// thread's toString (Java 21 prints `Thread[#23,name,5,main]`) and, past the warning time, a
// `VertxException: Thread blocked` stack.
//
// scores-http4s: Scala 3, http4s 0.23 on ember, cats-effect 3.5, log4cats over logback. The morning
// revision uses a logback pattern (`%d [%level] [%thread] %logger - %msg`), the later one logback's own
// JsonEncoder, where the exception sits under `throwable` (className, message, stepArray, cause) and
// `message` is ember's generic "Request handler failed with exception". cats-effect prints its
// starvation warning to stderr itself, the same in both revisions.
import type { Ctx, ServiceDef, Write } from '../stranger/model.js';
import { epochMillis, isoMillis, julTime, pyAsctime } from './clock.js';
import { familyOf } from './family.js';

const at = (cls: string, method: string, file: string, line: number): string => `\tat ${cls}.${method}(${file}:${line})`;

// ---- stream-vertx ----

const VX = 'stream-vertx';
const vx = familyOf(VX);

/** JUL's level names and its `%1$tFT%1$tT.%1$tLZ %4$s [%3$s] %5$s%6$s%n` one-liner of the later revision. */
function jul(ctx: Ctx, logger: string, method: string, level: 'INFO' | 'WARNING' | 'SEVERE', msg: string, thrown?: string[]): Write {
  const tail = thrown ? `\n${thrown.join('\n')}` : '';
  if (ctx.rev === 0) return { stream: 'stderr', text: `${julTime(ctx.t)} ${logger} ${method}\n${level}: ${msg}${tail}` };
  return { stream: 'stderr', text: `${isoMillis(ctx.t)} ${level} [${logger}] ${msg}${tail}` };
}

const loop = (ctx: Ctx): string => `Thread[#${ctx.rng.int(20, 40)},vert.x-eventloop-thread-${ctx.rng.int(0, 3)},5,main]`;

export const streamVertx: ServiceDef = {
  name: VX, stack: 'Java 21, Vert.x 4.5 (web, pg-client), java.util.logging', splitRate: 0.72,
  families: [
    // Frequent, and a real problem: something blocks the event loop. Varying thread ids and durations.
    vx('event-loop-blocked', 'WARNING', [100, 260], (ctx) => {
      const ms = ctx.rng.int(2001, 9000);
      const msg = `Thread ${loop(ctx)} has been blocked for ${ms} ms, time limit is 2000 ms`;
      const stack = ms > 5000 ? [
        'io.vertx.core.VertxException: Thread blocked',
        at('java.base/java.io.FileInputStream', 'readBytes', 'Native Method', 0).replace(':0)', ')'),
        at('java.base/java.io.FileInputStream', 'read', 'FileInputStream.java', 287),
        at('com.riverline.stream.ManifestLoader', 'load', 'ManifestLoader.java', 44),
        at('com.riverline.stream.PlaylistHandler', 'handle', 'PlaylistHandler.java', 61),
        at('io.vertx.ext.web.impl.RoutingContextImplBase', 'iterateNext', 'RoutingContextImplBase.java', 177),
      ] : undefined;
      return [jul(ctx, 'io.vertx.core.impl.BlockedThreadChecker', 'checkThreads', 'WARNING', msg, stack)];
    }),
    vx('response-already-written', 'ERROR', [8, 25], (ctx) => [jul(ctx, 'io.vertx.core.impl.ContextImpl', 'reportException', 'SEVERE', 'Unhandled exception', [
      'java.lang.IllegalStateException: Response has already been written',
      at('io.vertx.core.http.impl.Http1xServerResponse', 'end', 'Http1xServerResponse.java', 427),
      at('io.vertx.core.http.impl.Http1xServerResponse', 'end', 'Http1xServerResponse.java', 404),
      at('io.vertx.ext.web.impl.RoutingContextWrapper', 'end', 'RoutingContextWrapper.java', 96),
      at('com.riverline.stream.SegmentHandler', 'lambda$handle$2', 'SegmentHandler.java', 73),
      at('io.vertx.core.impl.future.FutureImpl$1', 'onSuccess', 'FutureImpl.java', 91),
      at('io.vertx.core.impl.future.FutureImpl$ListenerArray', 'onSuccess', 'FutureImpl.java', 310),
      at('io.vertx.core.impl.ContextImpl', 'emit', 'ContextImpl.java', 330),
      at('io.netty.util.concurrent.SingleThreadEventExecutor$4', 'run', 'SingleThreadEventExecutor.java', 997),
      at('java.base/java.lang.Thread', 'run', 'Thread.java', 1583),
    ])], 0.2),
    vx('segment-lookup-pg-refused', 'ERROR', [6, 20], (ctx) => {
      const ip = `10.8.0.${ctx.rng.int(2, 9)}`;
      return [jul(ctx, 'com.riverline.stream.SegmentRepository', 'lambda$find$4', 'SEVERE', `segment lookup failed for ${ctx.rng.uuid()}`, [
        `io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused: /${ip}:5432`,
        'Caused by: java.net.ConnectException: Connection refused',
        at('java.base/sun.nio.ch.Net', 'pollConnect', 'Native Method', 0).replace(':0)', ')'),
        at('java.base/sun.nio.ch.Net', 'pollConnectNow', 'Net.java', 682),
        at('java.base/sun.nio.ch.SocketChannelImpl', 'finishConnect', 'SocketChannelImpl.java', 973),
        at('io.netty.channel.socket.nio.NioSocketChannel', 'doFinishConnect', 'NioSocketChannel.java', 337),
        at('io.netty.channel.nio.AbstractNioChannel$AbstractNioUnsafe', 'finishConnect', 'AbstractNioChannel.java', 335),
        at('io.netty.channel.nio.NioEventLoop', 'processSelectedKey', 'NioEventLoop.java', 776),
        at('java.base/java.lang.Thread', 'run', 'Thread.java', 1583),
      ])];
    }),
    // The JVM's own line for a thread that died of the heap; the server goes on (other threads live).
    vx('heap-exhausted', 'ERROR', [1, 4], (ctx) => [{ stream: 'stderr', text: [
      `Exception in thread "vert.x-worker-thread-${ctx.rng.int(0, 19)}" java.lang.OutOfMemoryError: Java heap space`,
      at('java.base/java.util.Arrays', 'copyOf', 'Arrays.java', 3541),
      at('io.vertx.core.buffer.impl.BufferImpl', 'appendBuffer', 'BufferImpl.java', 391),
      at('com.riverline.stream.Transmuxer', 'concat', 'Transmuxer.java', 118),
    ].join('\n') }]),
    vx('segments', 'INFO', [200, 400], (ctx) => [jul(ctx, 'com.riverline.stream.Metrics', 'report', 'INFO',
      `segments served=${ctx.rng.int(800, 9000)} errors=0 p99=${ctx.rng.int(12, 90)}ms`)]),
  ],
};

// ---- scores-http4s ----

const SC = 'scores-http4s';
const sc = familyOf(SC);
const EMBER = 'org.http4s.ember.server.EmberServerBuilderCompanionPlatform';

interface Thrown { className: string; message: string; frames: Array<[string, string, string, number]>; cause?: Thrown }

function textOf(e: Thrown, caused = false): string[] {
  const head = `${caused ? 'Caused by: ' : ''}${e.className}: ${e.message}`;
  return [head, ...e.frames.map(([c, m, f, l]) => at(c, m, f, l)), ...(e.cause ? textOf(e.cause, true) : [])];
}
function jsonOf(e: Thrown): Record<string, unknown> {
  return {
    ...(e.cause ? { cause: jsonOf(e.cause) } : {}),
    className: e.className, message: e.message,
    stepArray: e.frames.map(([className, methodName, fileName, lineNumber]) => ({ className, methodName, fileName, lineNumber })),
  };
}
/** The revision's record: logback's pattern, or its JsonEncoder (1.5) with the exception nested. */
function logback(ctx: Ctx, level: 'INFO' | 'WARN' | 'ERROR', thread: string, logger: string, short: string, msg: string, e?: Thrown): Write {
  if (ctx.rev === 0) return { stream: 'stdout', text: [`${pyAsctime(ctx.t)} [${level}] [${thread}] ${short} - ${msg}`, ...(e ? textOf(e) : [])].join('\n') };
  return {
    stream: 'stdout',
    json: {
      // logback counts events per process; seconds since midnight stand in for it, so a seed's day is
      // the same however many days one process builds.
      sequenceNumber: Math.floor(ctx.t / 1_000_000) % 86_400, timestamp: epochMillis(ctx.t), nanoseconds: (ctx.t % 1_000_000) * 1000, level, threadName: thread, loggerName: logger,
      context: { name: 'default', birthdate: 1796284800000, properties: {} }, mdc: {}, message: msg, ...(e ? { throwable: jsonOf(e) } : {}),
    },
  };
}
const compute = (ctx: Ctx): string => `io-compute-${ctx.rng.int(0, 7)}`;
const CE_FRAMES: Array<[string, string, string, number]> = [
  ['cats.effect.IOFiber', 'runLoop', 'IOFiber.scala', 413],
  ['cats.effect.IOFiber', 'asyncContinueSuccessfulR', 'IOFiber.scala', 1376],
  ['cats.effect.unsafe.WorkerThread', 'run', 'WorkerThread.scala', 714],
];

export const scoresHttp4s: ServiceDef = {
  name: SC, stack: 'Scala 3.3, http4s 0.23 (ember), cats-effect 3.5, doobie 1.0, log4cats + logback 1.5', splitRate: 0.74,
  families: [
    // Two different exceptions behind ember's one generic message: two problems.
    sc('handler-statement-timeout', 'ERROR', [10, 30], (ctx) => [logback(ctx, 'ERROR', compute(ctx), EMBER, 'o.h.e.server.EmberServerBuilderCompanionPlatform', 'Request handler failed with exception', {
      className: 'org.postgresql.util.PSQLException', message: 'ERROR: canceling statement due to statement timeout',
      frames: [
        ['org.postgresql.core.v3.QueryExecutorImpl', 'receiveErrorResponse', 'QueryExecutorImpl.java', 2725],
        ['org.postgresql.core.v3.QueryExecutorImpl', 'processResults', 'QueryExecutorImpl.java', 2412],
        ['org.postgresql.jdbc.PgPreparedStatement', 'executeQuery', 'PgPreparedStatement.java', 134],
        ['doobie.free.KleisliInterpreter$PreparedStatementInterpreter', 'executeQuery$$anonfun$1', 'kleisliinterpreter.scala', 1034],
        ['com.kicker.scores.LeagueTable$', 'standings', 'LeagueTable.scala', 58],
        ...CE_FRAMES,
      ],
    })], 0.25),
    sc('handler-match-error', 'ERROR', [6, 18], (ctx) => {
      const [h, a] = [ctx.rng.int(0, 5), ctx.rng.int(0, 5)];
      return [logback(ctx, 'ERROR', compute(ctx), EMBER, 'o.h.e.server.EmberServerBuilderCompanionPlatform', 'Request handler failed with exception', {
        className: 'scala.MatchError', message: `Abandoned(${h},${a}) (of class com.kicker.scores.Outcome$Abandoned)`,
        frames: [
          ['com.kicker.scores.Points$', 'award', 'Points.scala', 21],
          ['com.kicker.scores.Routes$$anon$1', 'applyOrElse', 'Routes.scala', 44],
          ['org.http4s.HttpRoutes$', 'of$$anonfun$1', 'HttpRoutes.scala', 84],
          ...CE_FRAMES,
        ],
      })];
    }),
    sc('fixtures-feed-timeout', 'WARNING', [40, 120], (ctx) => [logback(ctx, 'WARN', compute(ctx), 'com.kicker.scores.FixturesFeed', 'c.k.scores.FixturesFeed',
      `fixtures feed poll failed, keeping last snapshot: java.util.concurrent.TimeoutException: ${ctx.rng.pick([5, 10])} seconds`)]),
    // cats-effect's own stderr line; a real problem (blocking work on the compute pool), frequent.
    sc('cpu-starvation', 'WARNING', [60, 200], (ctx) => [{ stream: 'stderr', text: `${isoMillis(ctx.t)} [WARNING] Your app's responsiveness to a new asynchronous event (such as a new connection, an upstream response, or a timer) was in excess of 100 milliseconds. Your CPU is probably starving. Consider increasing the granularity of your delays or adding more cedes. This may also be a sign that you are unintentionally running blocking I/O operations (such as File or InetAddress) without the blocking combinator.` }]),
    // http4s's Logger middleware: request and response lines at INFO, 500s included.
    sc('http-logger', 'INFO', [250, 500], (ctx) => {
      const status = ctx.rng.weighted<string>([['200 OK', 40], ['404 Not Found', 3], ['500 Internal Server Error', 1]]);
      return [logback(ctx, 'INFO', compute(ctx), 'org.http4s.server.middleware.Logger', 'o.h.server.middleware.Logger',
        `HTTP/1.1 ${status} Headers(Content-Type: application/json, Content-Length: ${ctx.rng.int(20, 4000)}) body=""`)];
    }),
  ],
};
