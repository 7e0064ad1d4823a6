// JVM services of the seventh day: Play Framework on Akka HTTP (Scala), a servlet app on Tomcat with
// java.util.logging (OneLineFormatter, then Tomcat's JsonFormatter), and a Clojure sync worker on timbre.
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { commaMillis, isoMillis, timbre5Time, tomcatTime } from './clock.js';

const at = (frames: readonly string[], indent = '\t'): string => frames.map((f) => `${indent}at ${f}`).join('\n');

// ---------------------------------------------------------------------------------------------------
// shop-play: Play 2.9 (Scala 2.13) on Akka HTTP, play-ws. Morning revision: the logback pattern of Play's
// older templates, `%coloredLevel %logger{15} - %message%n%xException{10}` (in colour: Play's Colors
// takes any OS but Windows for an ANSI terminal); after the rollout the one of its docs,
// `%date [%level] from %logger in %thread - %message%n%xException`.

interface PlayRecord { level: 'ERROR' | 'WARN' | 'INFO'; logger: string; short: string; thread: string; msg: string; stack?: string }

const ansi = (code: string, s: string): string => `\u001b[${code}m${s}\u001b[0m`;
/** ColoredLevel: red error, yellow warn, white info. */
const COLOURED: Record<PlayRecord['level'], string> = { ERROR: ansi('31', 'error'), WARN: ansi('33', 'warn'), INFO: ansi('37', 'info') };

function playWrite(t: number, rev: 0 | 1, r: PlayRecord): Write {
  const head = rev === 0
    ? `[${COLOURED[r.level]}] ${r.short} - ${r.msg}`
    : `${commaMillis(t)} [${r.level}] from ${r.logger} in ${r.thread} - ${r.msg}`;
  return { stream: 'stdout', text: r.stack ? `${head}\n${r.stack}` : head };
}

const dispatcher = (rng: Prng): string => `application-akka.actor.default-dispatcher-${rng.int(2, 24)}`;
const playId = (rng: Prng): string => `@${rng.int(7, 8)}${rng.lower(8)}`;

const PLAY_HANDLER = [
  'play.api.http.HttpErrorHandlerExceptions$.convertToPlayException(HttpErrorHandler.scala:406)',
  'play.api.http.HttpErrorHandlerExceptions$.throwableToUsefulException(HttpErrorHandler.scala:381)',
  'play.api.http.DefaultHttpErrorHandler.onServerError(HttpErrorHandler.scala:262)',
  'play.core.server.AkkaHttpServer$$anonfun$2.applyOrElse(AkkaHttpServer.scala:446)',
  'play.core.server.AkkaHttpServer$$anonfun$2.applyOrElse(AkkaHttpServer.scala:434)',
  'scala.concurrent.impl.Promise$Transformation.run(Promise.scala:490)',
  'akka.dispatch.BatchingExecutor$AbstractBatch.processBatch(BatchingExecutor.scala:63)',
  'akka.dispatch.BatchingExecutor$SyncBatch.run(BatchingExecutor.scala:100)',
  'akka.dispatch.TaskInvocation.run(AbstractDispatcher.scala:49)',
  'akka.dispatch.ForkJoinExecutorConfigurator$AkkaForkJoinTask.exec(ForkJoinExecutorConfigurator.scala:48)',
  'java.base/java.util.concurrent.ForkJoinTask.doExec(ForkJoinTask.java:387)',
  'java.base/java.util.concurrent.ForkJoinPool$WorkQueue.topLevelExec(ForkJoinPool.java:1311)',
];

/** Play's server error record: `\n\n! @id - Internal server error, for (METHOD) [uri] ->\n \n` + the UsefulException. */
function internalError(rng: Prng, t: number, rev: 0 | 1, method: string, uri: string, cause: string, causes: string): Write {
  const limit = rev === 0 ? 10 : PLAY_HANDLER.length;
  const stack = `play.api.UnexpectedException: Unexpected exception[${cause}]\n${at(PLAY_HANDLER.slice(0, limit))}\n${causes}`;
  return playWrite(t, rev, {
    level: 'ERROR', logger: 'play.api.http.DefaultHttpErrorHandler', short: 'p.a.h.DefaultHttpErrorHandler', thread: dispatcher(rng),
    msg: `\n\n! ${playId(rng)} - Internal server error, for (${method}) [${uri}] ->\n `, stack,
  });
}

const checkoutRefused: Family = {
  name: 'shop-play:checkout-inventory-connect-refused', level: 'ERROR', perDay: [15, 45], burst: 0.3,
  emit: ({ rng, t, rev }) => {
    const addr = `inventory-api.internal/10.8.${rng.int(0, 3)}.${rng.int(2, 60)}:9000`;
    const causes = [
      `Caused by: java.net.ConnectException: Connection refused: ${addr}`,
      at(['play.shaded.ahc.org.asynchttpclient.netty.channel.NettyConnectListener.onFailure(NettyConnectListener.java:179)',
        'play.shaded.ahc.org.asynchttpclient.netty.channel.NettyChannelConnector$1.onFailure(NettyChannelConnector.java:108)',
        'play.shaded.ahc.org.asynchttpclient.netty.SimpleChannelFutureListener.operationComplete(SimpleChannelFutureListener.java:28)']),
      `Caused by: play.shaded.ahc.io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused: ${addr}`,
      'Caused by: java.net.ConnectException: Connection refused',
      at(['java.base/sun.nio.ch.Net.pollConnect(Native Method)', 'java.base/sun.nio.ch.Net.pollConnectNow(Net.java:672)',
        'java.base/sun.nio.ch.SocketChannelImpl.finishConnect(SocketChannelImpl.java:946)']),
    ].join('\n');
    return [internalError(rng, t, rev, 'POST', '/cart/checkout', `ConnectException: Connection refused: ${addr}`, causes)];
  },
};

// Same server error record, another exception: a different problem.
const productNoneGet: Family = {
  name: 'shop-play:product-page-none-get', level: 'ERROR', perDay: [8, 25],
  emit: ({ rng, t, rev }) => {
    const causes = [
      'Caused by: java.util.NoSuchElementException: None.get',
      at(['scala.None$.get(Option.scala:627)', 'scala.None$.get(Option.scala:626)',
        'controllers.ProductController.$anonfun$show$2(ProductController.scala:48)',
        'scala.concurrent.impl.Promise$Transformation.run(Promise.scala:470)']),
    ].join('\n');
    const slug = rng.pick(['trail-tent-2p', 'alpine-stove', 'merino-beanie', 'dry-bag-20l']);
    return [internalError(rng, t, rev, 'GET', `/products/${slug}?ref=${rng.lower(5)}`, 'NoSuchElementException: None.get', causes)];
  },
};

const poolOverflow: Family = {
  name: 'shop-play:price-sync-pool-overflow', level: 'ERROR', perDay: [6, 20],
  emit: ({ rng, t, rev }) => {
    const stack = [
      'akka.stream.BufferOverflowException: Exceeded configured max-open-requests value of [32]. This means that the request queue of this pool (HostConnectionPoolSetup(prices.supplier.example,443,ConnectionPoolSetup(ConnectionPoolSettings(4,0,5,32,1,Duration.Inf,100 milliseconds,2 minutes,30 seconds,Duration.Inf,ClientConnectionSettings(...),...)))) has completely filled up because the pool currently does not process requests fast enough to handle the incoming request load. Please retry the request later. See https://doc.akka.io/docs/akka-http/current/scala/http/client-side/pool-overflow.html for more information.',
      at(['akka.http.impl.engine.client.PoolInterface$Logic.<init>(PoolInterface.scala:106)',
        'akka.http.impl.engine.client.PoolInterface$PoolInterfaceStage.createLogicAndMaterializedValue(PoolInterface.scala:94)',
        'akka.stream.impl.GraphStageIsland.materializeAtomic(PhasedFusingActorMaterializer.scala:759)']),
    ].join('\n');
    return [playWrite(t, rev, { level: 'ERROR', logger: 'services.PriceSync', short: 's.PriceSync', thread: dispatcher(rng), msg: `price sync failed for supplier ${rng.pick(['acme-wholesale', 'northgear', 'kestrel-supply'])}`, stack })];
  },
};

// Akka HTTP warns when an upload is answered before its body was read: clients see resets.
const earlyResponse: Family = {
  name: 'shop-play:early-response-before-request-end', level: 'WARNING', perDay: [100, 300],
  emit: ({ rng, t, rev, host }) => [playWrite(t, rev, {
    level: 'WARN', logger: 'akka.actor.ActorSystemImpl', short: 'a.a.ActorSystemImpl', thread: `application-akka.actor.default-dispatcher-${rng.int(2, 24)}`,
    msg: `Sending an 2xx 'early' response before end of request for http://${host}/api/uploads/${rng.pick(['avatar', 'review-photo', 'receipt'])} received... Note that the connection will be closed after this response. Also, many clients will not read early responses! Consider only issuing this response after the request data has been completely read!`,
  })],
};

const checkedOut: Family = {
  name: 'noise:shop-play:checked-out', level: 'INFO', perDay: [300, 600],
  emit: ({ rng, t, rev }) => [playWrite(t, rev, { level: 'INFO', logger: 'controllers.CartController', short: 'c.CartController', thread: dispatcher(rng), msg: `cart ${rng.hex(8)} checked out items=${rng.int(1, 9)} error=None` })],
};

export const shopPlay: ServiceDef = {
  name: 'shop-play', stack: 'Scala 2.13, Play 2.9 on Akka HTTP, play-ws, Logback', splitRate: 0.75,
  families: [checkoutRefused, productNoneGet, poolOverflow, earlyResponse, checkedOut],
};

// ---------------------------------------------------------------------------------------------------
// legacy-tomcat: servlets on Tomcat 10.1 with tomcat-jdbc. Morning revision: JULI's OneLineFormatter
// (`dd-MMM-yyyy HH:mm:ss.SSS LEVEL [thread] class.method message`, the throwable indented with tabs);
// after the rollout Tomcat's JsonFormatter (one JSON object a record, the throwable as an array of lines).

interface JulRecord { level: 'SEVERE' | 'WARNING' | 'INFO'; thread: string; cls: string; method: string; msg: string; thrown?: readonly string[] }

function julWrite(t: number, rev: 0 | 1, r: JulRecord): Write {
  if (rev === 0) {
    const head = `${tomcatTime(t)} ${r.level} [${r.thread}] ${r.cls}.${r.method} ${r.msg}`;
    return { stream: 'stderr', text: r.thrown ? `${head}\n${r.thrown.map((l) => `\t${l}`).join('\n')}` : head };
  }
  const json: Record<string, unknown> = { time: tomcatTime(t), level: r.level, thread: r.thread, class: r.cls, method: r.method, message: r.msg };
  if (r.thrown) json.throwable = r.thrown.map((l) => l.replace(/^\t/, ''));
  return { stream: 'stderr', json };
}

const poolExhausted = (thread: string): string => `org.apache.tomcat.jdbc.pool.PoolExhaustedException: [${thread}] Timeout: Pool empty. Unable to fetch a connection in 30 seconds, none available[size:20; busy:20; idle:0; lastwait:30000].`;
const POOL = ['org.apache.tomcat.jdbc.pool.ConnectionPool.borrowConnection(ConnectionPool.java:716)', 'org.apache.tomcat.jdbc.pool.ConnectionPool.getConnection(ConnectionPool.java:198)', 'org.apache.tomcat.jdbc.pool.DataSourceProxy.getConnection(DataSourceProxy.java:132)'];
const CATALINA = [
  'jakarta.servlet.http.HttpServlet.service(HttpServlet.java:564)', 'jakarta.servlet.http.HttpServlet.service(HttpServlet.java:658)',
  'org.apache.catalina.core.ApplicationFilterChain.internalDoFilter(ApplicationFilterChain.java:205)', 'org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:149)',
  'org.apache.catalina.core.StandardWrapperValve.invoke(StandardWrapperValve.java:167)', 'org.apache.catalina.core.StandardContextValve.invoke(StandardContextValve.java:90)',
  'org.apache.catalina.core.StandardHostValve.invoke(StandardHostValve.java:115)', 'org.apache.catalina.valves.ErrorReportValve.invoke(ErrorReportValve.java:93)',
  'org.apache.catalina.core.StandardEngineValve.invoke(StandardEngineValve.java:74)', 'org.apache.catalina.connector.CoyoteAdapter.service(CoyoteAdapter.java:344)',
  'org.apache.coyote.http11.Http11Processor.service(Http11Processor.java:391)', 'org.apache.tomcat.util.net.NioEndpoint$SocketProcessor.doRun(NioEndpoint.java:1744)',
  'java.base/java.lang.Thread.run(Thread.java:840)',
];
const execThread = (rng: Prng): string => `http-nio-8080-exec-${rng.int(1, 40)}`;

// The pool runs dry under a report request and under the nightly export's timer: two call sites, two problems.
const reportPool: Family = {
  name: 'legacy-tomcat:report-servlet-pool-exhausted', level: 'ERROR', perDay: [15, 45], burst: 0.4,
  emit: ({ rng, t, rev }) => {
    const thread = execThread(rng);
    return [julWrite(t, rev, {
      level: 'SEVERE', thread, cls: 'org.apache.catalina.core.StandardWrapperValve', method: 'invoke',
      msg: `Servlet.service() for servlet [reportServlet] in context with path [] threw exception [report ${rng.int(1000, 99999)} failed] with root cause`,
      thrown: [poolExhausted(thread), ...[...POOL, 'com.acme.reports.ReportDao.load(ReportDao.java:41)', 'com.acme.reports.ReportServlet.doGet(ReportServlet.java:57)', ...CATALINA].map((f) => `\tat ${f}`)],
    })];
  },
};

const exportPool: Family = {
  name: 'legacy-tomcat:nightly-export-pool-exhausted', level: 'ERROR', perDay: [4, 12],
  emit: ({ rng, t, rev }) => [julWrite(t, rev, {
    level: 'SEVERE', thread: 'export-timer', cls: 'com.acme.reports.NightlyExport', method: 'run', msg: `nightly export failed for tenant ${rng.int(1, 300)}`,
    thrown: [poolExhausted('export-timer'), ...[...POOL, 'com.acme.reports.ExportDao.rows(ExportDao.java:28)', 'com.acme.reports.NightlyExport.run(NightlyExport.java:44)', 'java.base/java.util.TimerThread.mainLoop(Timer.java:566)', 'java.base/java.util.TimerThread.run(Timer.java:516)'].map((f) => `\tat ${f}`)],
  })],
};

// On each instance stop: the app's executor is still running when the context is undeployed.
const threadLeak: Family = {
  name: 'legacy-tomcat:webapp-thread-not-stopped', level: 'WARNING', perDay: [20, 60],
  emit: ({ rng, t, rev }) => [julWrite(t, rev, {
    level: 'WARNING', thread: 'main', cls: 'org.apache.catalina.loader.WebappClassLoaderBase', method: 'clearReferencesThreads',
    msg: `The web application [ROOT] appears to have started a thread named [pool-${rng.int(1, 6)}-thread-${rng.int(1, 4)}] but has failed to stop it. This is very likely to create a memory leak. Stack trace of thread:\n java.base@17.0.13/jdk.internal.misc.Unsafe.park(Native Method)\n java.base@17.0.13/java.util.concurrent.locks.LockSupport.park(LockSupport.java:341)\n java.base@17.0.13/java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)\n java.base@17.0.13/java.util.concurrent.ThreadPoolExecutor.getTask(ThreadPoolExecutor.java:1062)\n java.base@17.0.13/java.lang.Thread.run(Thread.java:840)`,
  })],
};

// Tomcat logs a malformed request at INFO, with the word "Error" and a stack: chatter.
const headerParse: Family = {
  name: 'noise:legacy-tomcat:header-parse-info', level: 'INFO', perDay: [20, 60],
  emit: ({ rng, t, rev }) => [julWrite(t, rev, {
    level: 'INFO', thread: execThread(rng), cls: 'org.apache.coyote.http11.Http11Processor', method: 'service',
    msg: 'Error parsing HTTP request header\n Note: further occurrences of HTTP request parsing errors will be logged at DEBUG level.',
    thrown: ['java.lang.IllegalArgumentException: Invalid character found in method name [0x160x030x010x00...]. HTTP method names must be tokens', '\tat org.apache.coyote.http11.Http11InputBuffer.parseRequestLine(Http11InputBuffer.java:406)', '\tat org.apache.coyote.http11.Http11Processor.service(Http11Processor.java:264)'],
  })],
};

const rendered: Family = {
  name: 'noise:legacy-tomcat:rendered', level: 'INFO', perDay: [300, 600],
  emit: ({ rng, t, rev }) => [julWrite(t, rev, { level: 'INFO', thread: execThread(rng), cls: 'com.acme.reports.ReportServlet', method: 'doGet', msg: `report ${rng.int(1000, 99999)} rendered in ${rng.int(40, 3000)} ms, errors=0` })],
};

const startup: Family = {
  name: 'noise:legacy-tomcat:startup', level: 'INFO', perDay: [4, 12],
  emit: ({ rng, t, rev }) => [julWrite(t, rev, { level: 'INFO', thread: 'main', cls: 'org.apache.catalina.startup.Catalina', method: 'start', msg: `Server startup in [${rng.int(1800, 9000)}] milliseconds` })],
};

export const legacyTomcat: ServiceDef = {
  name: 'legacy-tomcat', stack: 'Java 17, Tomcat 10.1 (JULI), tomcat-jdbc, PostgreSQL', splitRate: 0.8,
  families: [reportPool, exportPool, threadLeak, headerParse, rendered, startup],
};

// ---------------------------------------------------------------------------------------------------
// sync-timbre: a Clojure 1.12 worker syncing a CRM into PostgreSQL (clj-http, next.jdbc, core.async).
// Morning revision: timbre 5's default output (`yy-MM-dd HH:mm:ss host LEVEL [ns:line] - msg`); after the
// rollout timbre 6's (ISO-8601 timestamp). The error follows the record, as the JVM prints a throwable.

function timbreWrite(t: number, rev: 0 | 1, hostname: string, level: 'ERROR' | 'WARN' | 'INFO', where: string, msg: string, err?: string): Write {
  const stamp = rev === 0 ? timbre5Time(t) : isoMillis(t);
  const head = `${stamp} ${hostname} ${level} [${where}] - ${msg}`;
  return { stream: 'stdout', text: err ? `${head}\n${err}` : head };
}

// timbre prints the host name; a Cloud Run container's is `localhost`.
const HOSTNAME = 'localhost';

const crm503: Family = {
  name: 'sync-timbre:crm-page-fetch-503', level: 'ERROR', perDay: [15, 45], burst: 0.2,
  emit: ({ rng, t, rev }) => {
    const page = rng.int(1, 400);
    const err = [
      `clojure.lang.ExceptionInfo: clj-http: status 503 {:cached nil, :request-time ${rng.int(20, 9000)}, :repeatable? false, :protocol-version {:name "HTTP", :major 1, :minor 1}, :streaming? true, :chunked? false, :reason-phrase "Service Unavailable", :headers {"Retry-After" "30", "Content-Type" "application/json"}, :orig-content-encoding nil, :status 503, :length 61, :body "{\\"error\\":\\"upstream_unavailable\\",\\"request_id\\":\\"${rng.hex(16)}\\"}", :trace-redirects []}`,
      at(['slingshot.support$stack_trace.invoke(support.clj:201)', 'clj_http.client$exceptions_response.invokeStatic(client.clj:247)',
        'clj_http.client$wrap_exceptions$fn__4532.invoke(client.clj:258)', 'acme.sync.crm$fetch_page.invokeStatic(crm.clj:41)',
        'acme.sync.crm$fetch_page.invoke(crm.clj:36)', 'acme.sync.core$run_cycle.invokeStatic(core.clj:88)',
        'clojure.core.async$thread_call$fn__8101.invoke(async.clj:484)', 'java.base/java.lang.Thread.run(Thread.java:1583)']),
    ].join('\n');
    return [timbreWrite(t, rev, HOSTNAME, 'ERROR', 'acme.sync.core:90', `CRM page fetch failed page=${page}`, err)];
  },
};

const deadlock: Family = {
  name: 'sync-timbre:contacts-upsert-deadlock', level: 'ERROR', perDay: [8, 25],
  emit: ({ rng, t, rev }) => {
    const p1 = rng.int(1000, 9999);
    const p2 = p1 + rng.int(1, 9);
    const tx = rng.int(100000, 999999);
    const err = [
      `org.postgresql.util.PSQLException: ERROR: deadlock detected\n  Detail: Process ${p1} waits for ShareLock on transaction ${tx}; blocked by process ${p2}.\nProcess ${p2} waits for ShareLock on transaction ${tx - 1}; blocked by process ${p1}.\n  Hint: See server log for query details.\n  Where: while inserting index tuple (${rng.int(1, 900)},${rng.int(1, 40)}) in relation "contacts"`,
      at(['org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2733)', 'org.postgresql.core.v3.QueryExecutorImpl.processResults(QueryExecutorImpl.java:2420)',
        'org.postgresql.jdbc.PgPreparedStatement.executeBatch(PgPreparedStatement.java:1724)', 'next.jdbc.result_set$execute_batch_BANG_.invokeStatic(result_set.clj:962)',
        'acme.sync.store$upsert_contacts_BANG_.invokeStatic(store.clj:57)', 'acme.sync.core$run_cycle.invokeStatic(core.clj:95)']),
    ].join('\n');
    return [timbreWrite(t, rev, HOSTNAME, 'ERROR', 'acme.sync.store:61', `upsert batch failed size=${rng.int(50, 500)}`, err)];
  },
};

// core.async's dispatch thread dies on an unhandled event: the JVM's default handler prints it, no level.
const noMatchingClause: Family = {
  name: 'sync-timbre:event-router-no-matching-clause', level: 'ERROR', perDay: [4, 15],
  emit: ({ rng }) => [{
    stream: 'stderr',
    text: `Exception in thread "async-dispatch-${rng.int(1, 8)}" java.lang.IllegalArgumentException: No matching clause: :contact.${rng.pick(['merged', 'anonymized', 'restored'])}\n${at(['acme.sync.events$route.invokeStatic(events.clj:31)', 'acme.sync.events$route.invoke(events.clj:24)', 'acme.sync.events$start_BANG_$fn__9120$state_machine__6034__auto____9125.invoke(events.clj:48)', 'clojure.core.async.impl.ioc_macros$run_state_machine.invokeStatic(ioc_macros.clj:978)', 'clojure.core.async.impl.dispatch$fn__5420.invoke(dispatch.clj:59)', 'java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1144)', 'java.base/java.lang.Thread.run(Thread.java:1583)'])}`,
  }],
};

const rateLimited: Family = {
  name: 'sync-timbre:crm-rate-limited', level: 'WARNING', perDay: [150, 350], burst: 0.2,
  emit: ({ rng, t, rev }) => [timbreWrite(t, rev, HOSTNAME, 'WARN', 'acme.sync.crm:52', `CRM rate limited, backing off ${rng.pick([1000, 2000, 4000, 8000])} ms remaining=0 window=${rng.int(1, 60)}s`)],
};

const cycleDone: Family = {
  name: 'noise:sync-timbre:cycle', level: 'INFO', perDay: [300, 600],
  emit: ({ rng, t, rev }) => [timbreWrite(t, rev, HOSTNAME, 'INFO', 'acme.sync.core:104', `sync cycle done contacts=${rng.int(0, 900)} errors=0 took=${rng.int(200, 9000)}ms`)],
};

export const syncTimbre: ServiceDef = {
  name: 'sync-timbre', stack: 'Clojure 1.12, timbre 5 then 6, clj-http, next.jdbc, core.async', splitRate: 0.75,
  families: [crm503, deadlock, noMatchingClause, rateLimited, cycleDone],
};
