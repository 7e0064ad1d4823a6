// A service whose formatter changes at a rollout (a pattern in the morning, a JSON encoder after) logs
// one problem two ways: it stays one cluster with one id. Two problems stay two.
import { createClassifier } from '../../../src/classify/index.js';
import { normalizeEntry } from '../../../src/normalize/index.js';
import type { Entry, RawEntry } from '../../../src/shared/types.js';

function raw(payload: string | Record<string, unknown>, i: number): RawEntry {
  const entry: RawEntry = {
    timestamp: new Date(Date.UTC(2026, 11, 3, 10, 0, i)).toISOString(),
    insertId: `id-${i}`,
    resource: { type: 'cloud_run_revision', labels: { service_name: 'ledger', revision_name: 'ledger-00002-xyz' } },
  };
  if (typeof payload === 'string') entry.textPayload = payload;
  else Object.assign(entry, { jsonPayload: payload, severity: 'ERROR' });
  return entry;
}

/** Cluster id of each payload, classified together. */
function idsOf(payloads: Array<string | Record<string, unknown>>): string[] {
  const c = createClassifier();
  const handles = payloads.map((p, i) => {
    const e = normalizeEntry(raw(p, i));
    if ('skip' in e) throw new Error(`skipped: ${e.skip}`);
    return c.add(e as Entry);
  });
  return handles.map((h) => c.resolve(h).id);
}

type Frame = [cls: string, method: string, file: string, line: number];
const pg = (key: number) => `ERROR: duplicate key value violates unique constraint "transfers_idem_key"\n  Detail: Key (idempotency_key)=(${key}) already exists.`;
const FRAMES: Frame[] = [
  ['org.jetbrains.exposed.sql.statements.Statement', 'executeIn$exposed_core', 'Statement.kt', 63],
  ['com.acme.ledger.TransferRepository', 'insert', 'TransferRepository.kt', 28],
  ['com.acme.ledger.TransferRoutesKt$transferRoutes$1', 'invokeSuspend', 'TransferRoutes.kt', 44],
];
const CAUSE_FRAMES: Frame[] = [['org.postgresql.core.v3.QueryExecutorImpl', 'receiveErrorResponse', 'QueryExecutorImpl.java', 2725]];
const OTHER_FRAMES: Frame[] = [['com.acme.ledger.StatementRoutesKt$statementRoutes$1', 'invokeSuspend', 'StatementRoutes.kt', 19]];
const at = ([c, m, f, l]: Frame): string => `\tat ${c}.${m}(${f}:${l})`;
const step = ([className, methodName, fileName, lineNumber]: Frame) => ({ className, methodName, fileName, lineNumber });

// Logback's pattern `%d [%thread] %-5level %logger{36} - %msg%n` with the trace, and its JsonEncoder.
const logbackText = (key: number, route = '/api/transfers', frames = FRAMES): string =>
  [
    `2026-12-03 10:00:00.123 [eventLoopGroupProxy-4-1] ERROR ktor.application - Unhandled: POST - ${route}`,
    `org.jetbrains.exposed.exceptions.ExposedSQLException: org.postgresql.util.PSQLException: ${pg(key)}`,
    ...frames.map(at),
    `Caused by: org.postgresql.util.PSQLException: ${pg(key)}`,
    ...CAUSE_FRAMES.map(at),
    '\t... 12 common frames omitted',
  ].join('\n');
const logbackJson = (key: number, route = '/api/transfers', frames = FRAMES) => ({
  sequenceNumber: key, timestamp: 1796292000123, nanoseconds: 123000000, level: 'ERROR', threadName: 'eventLoopGroupProxy-4-1', loggerName: 'ktor.application',
  context: { name: 'default', birthdate: 1796290000000, properties: {} }, mdc: {}, message: `Unhandled: POST - ${route}`,
  throwable: {
    className: 'org.jetbrains.exposed.exceptions.ExposedSQLException', message: `org.postgresql.util.PSQLException: ${pg(key)}`, stepArray: frames.map(step),
    cause: { className: 'org.postgresql.util.PSQLException', message: pg(key), stepArray: CAUSE_FRAMES.map(step), commonFramesCount: 12 },
  },
});

// Log4j2's PatternLayout `%d %p %c [%t] %m%n%ex` and its JsonLayout.
const log4jText = (n: number): string =>
  [`2026-12-03 10:00:0${n},000 ERROR com.acme.billing.InvoiceJob [pool-2-thread-${n}] invoice run ${n} failed`, 'java.lang.IllegalStateException: no open period for 2026-12',
    '\tat com.acme.billing.Periods.current(Periods.java:77)', '\tat com.acme.billing.InvoiceJob.run(InvoiceJob.java:31)'].join('\n');
const log4jJson = (n: number) => ({
  instant: { epochSecond: 1796292000 + n, nanoOfSecond: 0 }, thread: `pool-2-thread-${n}`, level: 'ERROR', loggerName: 'com.acme.billing.InvoiceJob', message: `invoice run ${n} failed`,
  thrown: { commonElementCount: 0, localizedMessage: 'no open period for 2026-12', message: 'no open period for 2026-12', name: 'java.lang.IllegalStateException',
    extendedStackTrace: [
      { class: 'com.acme.billing.Periods', method: 'current', file: 'Periods.java', line: 77, exact: true, location: 'classes/', version: '?' },
      { class: 'com.acme.billing.InvoiceJob', method: 'run', file: 'InvoiceJob.java', line: 31, exact: true, location: 'classes/', version: '?' },
    ] },
  endOfBatch: false, loggerFqcn: 'org.apache.logging.log4j.spi.AbstractLogger', threadId: 30 + n, threadPriority: 5,
});

// go-hclog's text format (`time [LEVEL] module: msg: k=v k="v"`) and its JSON format (`@level`, `@message`,
// `@module`, `@timestamp`, the arguments as keys of their own).
const hclogText = (order: number, error: string): string => `2026-12-03T10:00:0${order % 10}.123Z [ERROR] gateway.payments: charge failed: order_id=${order} attempt=${order % 3} error="${error}"`;
const hclogJson = (order: number, error: string) => ({ '@level': 'error', '@message': 'charge failed', '@module': 'gateway.payments', '@timestamp': `2026-12-03T10:00:0${order % 10}.123456Z`, order_id: order, attempt: order % 3, error });
const DECLINED = 'stripe: card_declined';
const REFUSED = 'dial tcp 10.0.4.2:443: connect: connection refused';

describe('one problem across a formatter rollout', () => {
  it("swift-log's StreamLogHandler and Vapor's ConsoleLogger are one problem with one id", () => {
    const pg = 'PSQLError(code: server, serverInfo: [sqlState: 23505, detail: Key (idempotency_key)=(5c1f) already exists., file: nbtinsert.c, line: 666, message: duplicate key value violates unique constraint "payments_idem_key"])';
    const ids = idsOf([
      `[ ERROR ] ${pg} [request-id: 6B1E62C3-0A7E-4B7F-9D0C-2C1A4E0B7F11]`,
      `[ ERROR ] ${pg} [request-id: 0D3F2E11-4C4B-4E0A-8C57-51D9A0C0E2A4]`,
      `2026-12-03T10:00:02+0000 error codes.vapor.request : request-id=9A4C1D0E-77B2-4F83-A1B6-0C2E5D7F3A90 [Vapor] ${pg}`,
      `2026-12-03T10:00:03+0000 error codes.vapor.request : request-id=11E0B2A4-5D6C-4A7B-8E9F-0A1B2C3D4E5F [Vapor] ${pg}`,
    ]);
    expect(new Set(ids).size).toBe(1);
  });

  it("NLog's default layout and its JsonLayout are one problem with one id", () => {
    const ex = 'System.InvalidOperationException: Sequence contains no elements\n   at System.Linq.ThrowHelper.ThrowNoElementsException()\n   at Billing.InvoiceJob.Run(Int32 id) in /src/Billing/InvoiceJob.cs:line 57';
    const ids = idsOf([
      `2026-12-03 10:00:00.1234|ERROR|Billing.InvoiceJob|Invoice run 4411 failed ${ex}`,
      `2026-12-03 10:00:01.5678|ERROR|Billing.InvoiceJob|Invoice run 4412 failed ${ex}`,
      { time: '2026-12-03 10:00:02.1234', level: 'ERROR', logger: 'Billing.InvoiceJob', message: 'Invoice run 4413 failed', exception: ex },
      { time: '2026-12-03 10:00:03.1234', level: 'ERROR', logger: 'Billing.InvoiceJob', message: 'Invoice run 4414 failed', exception: ex },
    ]);
    expect(new Set(ids).size).toBe(1);
  });

  it("go-hclog's text and JSON formats are one problem with one id; another error under the same message is another", () => {
    const ids = idsOf([hclogText(812, DECLINED), hclogText(977, DECLINED), hclogJson(413, DECLINED), hclogJson(99, DECLINED), hclogText(5, REFUSED), hclogJson(6, REFUSED)]);
    expect(new Set(ids.slice(0, 4)).size).toBe(1);
    expect(ids[4]).toBe(ids[5]);
    expect(ids[4]).not.toBe(ids[0]);
  });

  it("Logback's pattern with its trace and Logback's JsonEncoder are one problem with one id", () => {
    const ids = idsOf([logbackText(7), logbackText(9), logbackJson(8), logbackJson(11)]);
    expect(new Set(ids).size).toBe(1);
  });

  it('the same exception from another route and call site stays another problem, in either format', () => {
    const ids = idsOf([logbackText(7), logbackJson(8), logbackText(3, '/api/statements', OTHER_FRAMES), logbackJson(4, '/api/statements', OTHER_FRAMES)]);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).toBe(ids[3]);
    expect(ids[0]).not.toBe(ids[2]);
  });

  it("Log4j2's pattern with its trace and Log4j2's JsonLayout are one problem with one id", () => {
    expect(new Set(idsOf([log4jText(1), log4jText(2), log4jJson(3), log4jJson(4)])).size).toBe(1);
  });
});

// One client exception reached from two operations of the application, each logging its own line.
const micronaut = (line: string, caller: string | null, n: number): string =>
  [
    `2026-12-03 10:00:0${n}.123 ERROR 1 --- [io-executor-thread-${n}] c.a.notify.Worker : ${line}`,
    `io.micronaut.http.client.exceptions.HttpClientException: Connect Error: Connection refused: fcm.googleapis.com/142.250.1.${90 + n}:443`,
    '\tat io.micronaut.http.client.netty.DefaultHttpClient.lambda$null$38(DefaultHttpClient.java:1234)',
    '\tat com.acme.notify.FcmClient$Intercepted.send(Unknown Source)',
    ...(caller === null ? [] : [`\tat ${caller}`]),
  ].join('\n');

describe('one exception from two call sites', () => {
  it('logged under two lines by two callers is two problems; a trace cut before its caller joins its own line', () => {
    const ids = idsOf([
      micronaut('push to device failed', 'com.acme.notify.PushSender.push(PushSender.java:41)', 1),
      micronaut('push to device failed', 'com.acme.notify.PushSender.push(PushSender.java:41)', 2),
      micronaut('digest run failed', 'com.acme.notify.DigestJob.run(DigestJob.java:77)', 3),
      micronaut('digest run failed', 'com.acme.notify.DigestJob.run(DigestJob.java:77)', 4),
      micronaut('push to device failed', null, 5),
    ]);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).toBe(ids[3]);
    expect(ids[0]).not.toBe(ids[2]);
    expect(ids[4]).toBe(ids[0]);
  });
});

// Reactor Netty's warning with an exception Netty creates without a stack trace: Spring Boot's console
// pattern prints its one line under the message (as reactor/reactor-netty#3114 shows it, after a blank
// line or not), Spring Boot's `gelf` format puts it in `full_message` after a blank line.
const reset = 'io.netty.channel.unix.Errors$NativeIoException: recvAddress(..) failed: Connection reset by peer';
const observed = (n: number): string => `[29be9d36-${n}, L:/169.254.8.1:8080 - R:/169.254.8.129:4654${n}] The connection observed an error`;
const nettyConsole = (n: number, gap = '\n'): string =>
  `2026-12-05T00:32:2${n}.090Z  WARN 1 --- [or-http-epoll-${n}] r.netty.channel.ChannelOperationsHandler : ${observed(n)}${gap}${reset}`;
const nettyGelf = (n: number) => ({
  version: '1.1', host: 'pricing', short_message: observed(n), timestamp: 1796459824.797 + n, level: 4, _level_name: 'WARN', _process_pid: 1,
  _process_thread_name: `reactor-http-epoll-${n}`, _log_logger: 'reactor.netty.channel.ChannelOperationsHandler', full_message: `${observed(n)}\n\n${reset}`,
});

// Oban's job failure through Elixir's Logger, before and after a release moved `$metadata` after the
// level as the config.exs that `mix new` writes suggests (`"$date $time [$level] $metadata$message\n"`).
const obanRecord = (id: number, error = '** (Req.TransportError) timeout') => JSON.stringify({
  args: { user_id: 87196 + id }, attempt: 2, event: 'job:exception', id: 420553 + id, queue: 'mailers', source: 'oban', state: 'failure',
  worker: 'Harbor.Workers.SendDigest', error: `${error}\n    (req 0.5.6) lib/req.ex:1092: Req.request!/2`,
});

describe('one problem across a formatter rollout, the context around the message', () => {
  it("an exception line with no frames, under Spring Boot's console pattern and in GELF's full_message, is one problem", () => {
    expect(new Set(idsOf([nettyConsole(1), nettyConsole(2, '\n\n'), nettyGelf(3), nettyGelf(4)])).size).toBe(1);
  });

  it("Elixir's metadata before the level and after it are one problem; another error of the same worker is another", () => {
    const ids = idsOf([
      `01:26:52.544 [error] ${obanRecord(1)}`,
      `03:01:06.959 request_id=XHcbyTKxORbp478r2kGj [error] ${obanRecord(2)}`,
      `2026-12-05 17:24:41.840 [error] mfa=Oban.Telemetry.handle_event/4 ${obanRecord(3)}`,
      `2026-12-05 17:34:25.282 [error] mfa=Oban.Telemetry.handle_event/4 request_id=F1x2 ${obanRecord(4)}`,
      `2026-12-05 17:40:00.001 [error] mfa=Oban.Telemetry.handle_event/4 ${obanRecord(5, '** (Postgrex.Error) ERROR 23505 (unique_violation) duplicate key value violates unique constraint "digests_pkey"')}`,
    ]);
    expect(new Set(ids.slice(0, 4)).size).toBe(1);
    expect(ids[4]).not.toBe(ids[0]);
  });
});

// The exception is the line the frames follow, whatever the logged line above it reads like.
// WildFly's pattern prints JBoss Logging's message and the exception on one line (`UT005023: Exception
// handling request to /x: org.jboss.resteasy.spi.UnhandledException: …`, as pasted in public reports);
// its json-formatter keeps the message and puts the trace in `stackTrace`.
const rollback = 'org.jboss.resteasy.spi.UnhandledException: javax.transaction.RollbackException: ARJUNA016053: Could not commit transaction.';
const wildflyFrames = [
  '\tat org.jboss.resteasy.core.ExceptionHandler.handleApplicationException(ExceptionHandler.java:78)',
  '\tat io.undertow.servlet.handlers.ServletHandler.handleRequest(ServletHandler.java:74)',
  'Caused by: javax.transaction.RollbackException: ARJUNA016053: Could not commit transaction.',
  '\tat com.arjuna.ats.internal.jta.transaction.arjunacore.TransactionImple.commitAndDisassociate(TransactionImple.java:1299)',
  '\tat deployment.webapp.war//com.example.cars.CarService.save(CarService.java:41)',
  '\t... 61 more',
].join('\n');
const wildflyText = (n: number): string =>
  `19:48:4${n},706 ERROR [io.undertow.request] (default task-${n}) UT005023: Exception handling request to /webapp/rest/api/cars/${n}: ${rollback}\n${wildflyFrames}`;
const wildflyJson = (n: number) => ({
  timestamp: `2026-12-05T15:05:2${n}.077+0000`, sequence: 68520 + n, loggerClassName: 'org.jboss.logging.Logger', loggerName: 'io.undertow.request',
  level: 'ERROR', message: `UT005023: Exception handling request to /webapp/rest/api/cars/${n}`, threadName: `default task-${n}`,
  stackTrace: `${rollback}\n${wildflyFrames}`,
});
// hapi prints a handler's error on the console under its tags (`Debug: internal, implementation, error`,
// hapijs/hapi#2424); an application's own logger prints it after its own words.
const hapiFrames = '    at handler (/app/src/routes/github.js:38:47)\n    at exports.Manager.execute (/app/node_modules/@hapi/hapi/lib/toolkit.js:60:29)';
const undefinedId = "TypeError: Cannot read properties of undefined (reading 'id')";
const invalidTime = 'RangeError: Invalid time value';

describe('one problem across a formatter rollout, the exception above the frames', () => {
  it("WildFly's pattern and its json-formatter are one problem with one id", () => {
    expect(new Set(idsOf([wildflyText(1), wildflyText(2), wildflyJson(3), wildflyJson(4)])).size).toBe(1);
  });

  it("hapi's debug output and an application's logger are one problem; another error of the same handler is another", () => {
    const ids = idsOf([
      `Debug: internal, implementation, error \n    ${undefinedId}\n${hapiFrames}`,
      `Debug: internal, implementation, error \n    ${undefinedId}\n${hapiFrames}`,
      `2026-12-05T14:48:41.310Z ERROR hooks request error POST /hooks/github delivery=9e525d78: ${undefinedId}\n${hapiFrames}`,
      `Debug: internal, implementation, error \n    ${invalidTime}\n${hapiFrames}`,
    ]);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).toBe(ids[0]);
    expect(ids[3]).not.toBe(ids[0]);
  });
});

// Flask's `Exception on /path [POST]` with the traceback, printed by logging's default formatter and by
// ecs-logging-python's StdlibFormatter, whose `error.stack_trace` is `traceback.format_tb` (the frames
// alone) beside `error.type` and `error.message`.
const flaskFrames = [
  '  File "/usr/local/lib/python3.12/site-packages/flask/app.py", line 1473, in wsgi_app',
  '    response = self.full_dispatch_request()',
  '               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
  '  File "/app/forms/notify.py", line 31, in notify_owner',
  "    to = form['email']",
  '         ~~~~^^^^^^^^^',
].join('\n');
const flaskText = (n: number, type = 'KeyError', message = "'email'"): string =>
  `ERROR:forms:Exception on /forms/${n}/submit [POST]\nTraceback (most recent call last):\n${flaskFrames}\n${type}: ${message}`;
const flaskEcs = (n: number, type = 'KeyError', message = "'email'") => ({
  '@timestamp': `2026-12-05T14:36:1${n}.759Z`, 'log.level': 'error', message: `Exception on /forms/${n}/submit [POST]`, 'ecs.version': '1.6.0',
  error: { type, message, stack_trace: `${flaskFrames}\n` }, log: { logger: 'forms', origin: { file: { line: 838, name: 'app.py' }, function: 'log_exception' } },
});

describe('one problem across a formatter rollout, a traceback of frames alone', () => {
  it("Python's default formatter and ecs-logging-python are one problem; another exception from the same frames is another", () => {
    const ids = idsOf([flaskText(1), flaskText(2), flaskEcs(3), flaskEcs(4), flaskText(5, 'TypeError', "'NoneType' object is not subscriptable"), flaskEcs(6, 'TypeError', "'NoneType' object is not subscriptable")]);
    expect(new Set(ids.slice(0, 4)).size).toBe(1);
    expect(ids[4]).toBe(ids[5]);
    expect(ids[4]).not.toBe(ids[0]);
  });
});

// Ruby's JSON loggers write an exception as its class, its message and `Exception#backtrace` (an array of
// frame strings): dry-logger (Hanami) as `exception{error, message, backtrace}`, a Rack app's error object as
// `error{class, message, backtrace}` beside its own `msg`. The text formatters of the same services print
// Ruby Logger's `message (Class)` or `Class: message` and the frames after it.
const gems = '/usr/local/bundle/gems';
const poolFrames = [
  `${gems}/sequel-5.85.0/lib/sequel/connection_pool/timed_queue.rb:249:in \`raise_pool_timeout'`,
  `${gems}/sequel-5.85.0/lib/sequel/connection_pool/timed_queue.rb:199:in \`acquire'`,
  "/app/slices/catalog/repos/book_repo.rb:18:in `by_isbn'",
];
const otherFrames = [`${gems}/sequel-5.85.0/lib/sequel/dataset/actions.rb:1105:in \`execute'`, "/app/slices/catalog/repos/author_repo.rb:9:in `all'"];
const rodaFrames = ["/app/notes/routes/notes.rb:48:in `block (2 levels) in <class:App>'", `${gems}/roda-3.86.0/lib/roda.rb:550:in \`call'`];

describe('one problem across a formatter rollout, a Ruby backtrace array', () => {
  it("dry-logger's string and JSON formatters give one problem; the same class from other frames is another", () => {
    const text = (n: number, frames = poolFrames) => `[bookshelf] [ERROR] [2026-12-02 10:00:0${n} +0000] timeout: 5.0, elapsed: 5.00${n}1 (Sequel::PoolTimeout)\n${frames.join('\n')}`;
    const json = (n: number, frames = poolFrames) => ({ progname: 'bookshelf', severity: 'ERROR', exception: { error: 'Sequel::PoolTimeout', message: `timeout: 5.0, elapsed: 5.00${n}1`, backtrace: frames } });
    const ids = idsOf([text(1), text(2), json(3), json(4), text(5, otherFrames), json(6, otherFrames)]);
    expect(new Set(ids.slice(0, 4)).size).toBe(1);
    expect(ids[5]).toBe(ids[4]);
    expect(ids[4]).not.toBe(ids[0]);
  });

  it("Ruby Logger's `Class: message` and an error object's class, message and backtrace are one problem", () => {
    const text = (n: number, cls = 'NoMethodError', message = "undefined method `strip' for nil") =>
      `E, [2026-12-02T10:00:0${n}.123456 #1] ERROR -- notes: ${cls}: ${message}\n${rodaFrames.join('\n')}`;
    const json = (cls = 'NoMethodError', message = "undefined method `strip' for nil") =>
      ({ level: 'ERROR', progname: 'notes', msg: 'request failed', error: { class: cls, message, backtrace: rodaFrames } });
    const ids = idsOf([text(1), json(), text(2), json(), text(3, 'KeyError', 'key not found: :title'), json('KeyError', 'key not found: :title')]);
    expect(new Set(ids.slice(0, 4)).size).toBe(1);
    expect(ids[5]).toBe(ids[4]);
    expect(ids[4]).not.toBe(ids[0]);
  });

  // Crystal's exceptions carry a `backtrace` too (`src/app.cr:34:3 in 'm'`), frames no reader here knows:
  // Kemal's text form (`Exception: message (Class)` and its `  from …` lines) and its JSON form stay one.
  it("Kemal's text and JSON forms of one exception stay one problem: a Crystal backtrace is not read as a trace", () => {
    const bt = ["lib/db/src/db/pool.cr:241:7 in 'build_resource'", "lib/db/src/db/pool.cr:101:11 in 'checkout'", "src/geo/app.cr:34:3 in '->'"];
    const text = `Exception: Connection refused (DB::ConnectionRefused)\n${bt.map((b) => `  from ${b}`).join('\n')}`;
    const json = { severity: 'ERROR', source: 'kemal', message: 'Exception: Connection refused (DB::ConnectionRefused)',
      exception: { class: 'DB::ConnectionRefused', message: 'Connection refused', backtrace: bt } };
    expect(new Set(idsOf([text, json, text, json])).size).toBe(1);
  });
});
