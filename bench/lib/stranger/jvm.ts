// JVM services: Quarkus 3 on its default console format (`%d %-5p [%c{3.}] (%t) %s%e%n`, categories
// abbreviated), and a Kotlin worker on java.util.logging's SimpleFormatter (a date line, then
// `LEVEL: message`) whose coroutines die with `Exception in thread "DefaultDispatcher-worker-N"`.
import type { Ctx, Family, ServiceDef } from './model.js';
import { julTime, ymdHmsComma } from './text.js';

const quarkus = (ctx: Ctx, level: string, cat: string, thread: string, msg: string): string =>
  `${ymdHmsComma(ctx.t)} ${level.padEnd(5)} [${cat}] (${thread}) ${msg}`;
const executor = (ctx: Ctx): string => `executor-thread-${ctx.rng.int(1, 16)}`;

const jdbcAcquire: Family = {
  name: 'profiles-quarkus:jdbc-acquisition-timeout',
  level: 'ERROR',
  perDay: [15, 45],
  burst: 0.35,
  emit(ctx) {
    const { rng } = ctx;
    const id = rng.int(1, 999999);
    const more = rng.int(40, 60);
    const text = [
      quarkus(ctx, 'ERROR', 'io.qua.ver.htt.run.QuarkusErrorHandler', executor(ctx), `HTTP Request to /profiles/${id} failed, error id: ${rng.uuid()}-${rng.int(1, 40)}: org.hibernate.exception.JDBCConnectionException: Unable to acquire JDBC Connection [Acquisition timeout while waiting for new connection] [n/a]`),
      '\tat org.hibernate.exception.internal.SQLStateConversionDelegate.convert(SQLStateConversionDelegate.java:100)',
      '\tat org.hibernate.exception.internal.StandardSQLExceptionConverter.convert(StandardSQLExceptionConverter.java:58)',
      '\tat org.hibernate.resource.jdbc.internal.LogicalConnectionManagedImpl.acquireConnectionIfNeeded(LogicalConnectionManagedImpl.java:116)',
      '\tat org.acme.profiles.ProfileRepository.findByIdOptional(ProfileRepository.java:41)',
      '\tat org.acme.profiles.ProfileResource.get(ProfileResource.java:29)',
      '\tat org.acme.profiles.ProfileResource_Subclass.get$$superforward(Unknown Source)',
      '\tat io.quarkus.vertx.core.runtime.VertxCoreRecorder$14.runWith(VertxCoreRecorder.java:635)',
      '\tat java.base/java.lang.Thread.run(Thread.java:1583)',
      'Caused by: java.sql.SQLException: Acquisition timeout while waiting for new connection',
      '\tat io.agroal.pool.ConnectionPool.handlerFromSharedCache(ConnectionPool.java:363)',
      '\tat io.agroal.pool.ConnectionPool.getConnection(ConnectionPool.java:293)',
      '\tat io.agroal.pool.DataSource.getConnection(DataSource.java:86)',
      `\t... ${more} more`,
      'Caused by: java.util.concurrent.TimeoutException',
      '\tat io.agroal.pool.ConnectionPool.handlerFromSharedCache(ConnectionPool.java:335)',
      `\t... ${more + 3} more`,
    ];
    return [{ stream: 'stdout', text: text.join('\n') }];
  },
};

const npeMapper: Family = {
  name: 'profiles-quarkus:avatar-url-npe',
  level: 'ERROR',
  perDay: [8, 25],
  emit(ctx) {
    const { rng } = ctx;
    const text = [
      quarkus(ctx, 'ERROR', 'io.qua.ver.htt.run.QuarkusErrorHandler', executor(ctx), `HTTP Request to /profiles/${rng.int(1, 999999)}/card failed, error id: ${rng.uuid()}-${rng.int(1, 40)}: java.lang.NullPointerException: Cannot invoke "String.isBlank()" because the return value of "org.acme.profiles.Profile.getAvatarUrl()" is null`),
      '\tat org.acme.profiles.CardMapper.toCard(CardMapper.java:23)',
      '\tat org.acme.profiles.ProfileResource.card(ProfileResource.java:44)',
      '\tat org.acme.profiles.ProfileResource_Subclass.card$$superforward(Unknown Source)',
      '\tat io.quarkus.vertx.core.runtime.VertxCoreRecorder$14.runWith(VertxCoreRecorder.java:635)',
      '\tat java.base/java.lang.Thread.run(Thread.java:1583)',
    ];
    return [{ stream: 'stdout', text: text.join('\n') }];
  },
};

const agroalWarn: Family = {
  name: 'profiles-quarkus:agroal-leak-warning',
  level: 'WARNING',
  perDay: [10, 40],
  emit(ctx) {
    return [{ stream: 'stdout', text: quarkus(ctx, 'WARN', 'io.agroal.pool', 'agroal-11', `Datasource '<default>': JDBC resources leaked: ${ctx.rng.int(1, 9)} ResultSet(s) and ${ctx.rng.int(1, 9)} Statement(s)`) }];
  },
};

const quarkusNoise: Family = {
  name: 'noise:profiles-quarkus:info',
  level: 'INFO',
  perDay: [200, 350],
  emit(ctx) {
    const { rng } = ctx;
    return [{ stream: 'stdout', text: rng.chance(0.9)
      ? quarkus(ctx, 'INFO', 'org.acm.pro.ProfileResource', executor(ctx), `profile ${rng.int(1, 999999)} served in ${rng.int(1, 300)} ms (cache ${rng.pick(['hit', 'miss'])})`)
      : quarkus(ctx, 'INFO', 'io.quarkus', 'main', `profiles 1.8.2 on JVM (powered by Quarkus 3.15.1) started in ${rng.fixed(0.8, 3, 3)}s. Listening on: http://0.0.0.0:8080`) }];
  },
};

export const profilesQuarkus: ServiceDef = {
  name: 'profiles-quarkus',
  stack: 'Java 21, Quarkus 3 (JBoss log manager), Hibernate ORM, Agroal',
  splitRate: 0.75,
  families: [jdbcAcquire, npeMapper, agroalWarn, quarkusNoise],
};

// ---- thumbs-kt: Kotlin, coroutines, java.util.logging ----------------------------------------------

const jul = (ctx: Ctx, cls: string, method: string, level: string, msg: string): string => `${julTime(ctx.t)} ${cls} ${method}\n${level}: ${msg}`;

const renderFailed: Family = {
  name: 'thumbs-kt:render-unsupported-image',
  level: 'ERROR',
  perDay: [15, 45],
  emit(ctx) {
    const obj = `gs://uploads-prod/${ctx.rng.hex(2)}/${ctx.rng.uuid()}.${ctx.rng.pick(['heic', 'webp', 'avif'])}`;
    const text = [
      jul(ctx, 'com.acme.thumbs.Renderer', 'render', 'SEVERE', `thumbnail failed for ${obj}`),
      'javax.imageio.IIOException: Unsupported Image Type',
      '\tat java.desktop/com.sun.imageio.plugins.jpeg.JPEGImageReader.readInternal(JPEGImageReader.java:1135)',
      '\tat java.desktop/com.sun.imageio.plugins.jpeg.JPEGImageReader.read(JPEGImageReader.java:1103)',
      '\tat java.desktop/javax.imageio.ImageIO.read(ImageIO.java:1466)',
      '\tat com.acme.thumbs.Renderer.render(Renderer.kt:38)',
      '\tat com.acme.thumbs.Worker$handle$2.invokeSuspend(Worker.kt:57)',
      '\tat kotlin.coroutines.jvm.internal.BaseContinuationImpl.resumeWith(ContinuationImpl.kt:33)',
      '\tat kotlinx.coroutines.DispatchedTask.run(DispatchedTask.kt:104)',
    ];
    return [{ stream: 'stderr', text: text.join('\n') }];
  },
};

const coroutineCrash: Family = {
  name: 'thumbs-kt:ack-after-cancel',
  level: 'ERROR',
  perDay: [5, 20],
  emit(ctx) {
    const n = ctx.rng.int(1, 8);
    const text = [
      `Exception in thread "DefaultDispatcher-worker-${n}" java.lang.IllegalStateException: Subscriber was cancelled; cannot ack message ${ctx.rng.int(1_000_000, 9_999_999)}`,
      '\tat com.acme.thumbs.PubSubAcker.ack(PubSubAcker.kt:29)',
      '\tat com.acme.thumbs.Worker$handle$2.invokeSuspend(Worker.kt:71)',
      '\tat kotlin.coroutines.jvm.internal.BaseContinuationImpl.resumeWith(ContinuationImpl.kt:33)',
      '\tat kotlinx.coroutines.DispatchedTask.run(DispatchedTask.kt:104)',
      '\tat kotlinx.coroutines.scheduling.CoroutineScheduler.runSafely(CoroutineScheduler.kt:584)',
      '\tat kotlinx.coroutines.scheduling.CoroutineScheduler$Worker.executeTask(CoroutineScheduler.kt:811)',
      '\tat kotlinx.coroutines.scheduling.CoroutineScheduler$Worker.runWorker(CoroutineScheduler.kt:715)',
      '\tat kotlinx.coroutines.scheduling.CoroutineScheduler$Worker.run(CoroutineScheduler.kt:702)',
      `\tSuppressed: kotlinx.coroutines.internal.DiagnosticCoroutineContextException: [StandaloneCoroutine{Cancelling}@${ctx.rng.hex(7)}, Dispatchers.Default]`,
    ];
    return [{ stream: 'stderr', text: text.join('\n') }];
  },
};

const retryWarn: Family = {
  name: 'thumbs-kt:upload-retry',
  level: 'WARNING',
  perDay: [20, 60],
  emit(ctx) {
    return [{ stream: 'stderr', text: jul(ctx, 'com.acme.thumbs.Uploader', 'put', 'WARNING', `retrying upload of ${ctx.rng.uuid()}.jpg (attempt ${ctx.rng.int(2, 5)}): 503 Service Unavailable`) }];
  },
};

const julNoise: Family = {
  name: 'noise:thumbs-kt:info',
  level: 'INFO',
  perDay: [200, 350],
  emit(ctx) {
    const { rng } = ctx;
    return [{ stream: 'stderr', text: jul(ctx, 'com.acme.thumbs.Worker', 'handle', 'INFO', `rendered ${rng.int(1, 6)} thumbnails for ${rng.uuid()} in ${rng.int(20, 900)} ms (failures: 0)`) }];
  },
};

export const thumbsKt: ServiceDef = {
  name: 'thumbs-kt',
  stack: 'Kotlin 2.0 on Java 21, kotlinx.coroutines, java.util.logging',
  splitRate: 0.75,
  families: [renderFailed, coroutineCrash, retryWarn, julNoise],
};
