// Log-line headers as each framework documents its default (or most common) format: the same
// message printed through any of them must come out as the same text, and the level is kept.
import { stripLogHeader } from '../../../src/normalize/log-header.js';
import { withoutTerminalCodes } from '../../../src/normalize/terminal-codes.js';

const MSG = 'Failed to create request-scoped database session: 401';

const headers: Array<[string, string, string | undefined]> = [
  // [format, line, level]
  ['Python logging, the common %(asctime)s - %(name)s - %(levelname)s - %(message)s', `2026-03-10 12:00:01,234 - app.db - ERROR - ${MSG}`, 'ERROR'],
  ['Python logging.basicConfig default %(levelname)s:%(name)s:%(message)s', `ERROR:app.db.session:${MSG}`, 'ERROR'],
  ['Python basicConfig, root logger', `WARNING:root:${MSG}`, 'WARNING'],
  ['uvicorn default', `ERROR:    ${MSG}`, 'ERROR'],
  ['gunicorn error log', `[2026-03-10 12:00:01 +0000] [7] [ERROR] ${MSG}`, 'ERROR'],
  // benoitc/gunicorn: a line pasted from the middle of its first character, the time's `[` cut off.
  ['gunicorn error log cut before its first bracket', `2026-03-10 12:00:01 +0000] [7] [CRITICAL] ${MSG}`, 'CRITICAL'],
  // Bogdanp/dramatiq#234, #726: the CLI's `[%(asctime)s] [PID %(process)d] [%(threadName)s] [%(name)s] [%(levelname)s]`.
  ['dramatiq CLI', `[2026-03-10 12:00:01,234] [PID 9] [Thread-4] [dramatiq.worker.WorkerThread] [ERROR] ${MSG}`, 'ERROR'],
  ['dramatiq CLI, a consumer', `[2026-03-10 12:00:01,234] [PID 12] [Thread-1] [dramatiq.worker.ConsumerThread(default)] [CRITICAL] ${MSG}`, 'CRITICAL'],
  ['loguru default', `2026-03-10 12:00:01.234 | ERROR    | app.db:connect:42 - ${MSG}`, 'ERROR'],
  ['Celery worker', `[2026-03-10 12:00:01,234: ERROR/MainProcess] ${MSG}`, 'ERROR'],
  ['Celery task logger', `[2026-03-10 12:00:01,234: WARNING/ForkPoolWorker-2] tasks.sync[1f3c]: ${MSG}`, 'WARNING'],
  ["NLog's default layout ${longdate}|${level:uppercase=true}|${logger}|${message}", `2026-03-10 12:00:01.2345|ERROR|Billing.InvoiceJob|${MSG}`, 'ERROR'],
  ["swift-log's StreamLogHandler with metadata and source", `2026-03-10T12:00:01+0000 error codes.vapor.request : request-id=6B1E62C3-0A7E-4B7F-9D0C-2C1A4E0B7F11 [Vapor] ${MSG}`, 'error'],
  ["swift-log's StreamLogHandler before its source was printed", `2026-03-10T12:00:01+0000 warning com.acme.worker : ${MSG}`, 'warning'],
  ['bracketed ts, level, logger', `[2026-03-10T12:00:01.234Z] [ERROR] [app.db] ${MSG}`, 'ERROR'],
  ['Spring Boot 2 console', `2026-03-10 12:00:01.234 ERROR 1 --- [nio-8080-exec-1] c.e.billing.OrderService          : ${MSG}`, 'ERROR'],
  ['Spring Boot 3 console', `2026-03-10T12:00:01.234Z ERROR 1 --- [billing] [nio-8080-exec-1] c.e.billing.OrderService          : ${MSG}`, 'ERROR'],
  ['Spring Boot 3.0 console', `2026-03-10T12:00:01.234+00:00 ERROR 1 --- [           main] c.e.billing.OrderService : ${MSG}`, 'ERROR'],
  ['logback default pattern', `12:00:01.234 [main] ERROR com.example.billing.OrderService - ${MSG}`, 'ERROR'],
  ['log4j2 common pattern', `2026-03-10 12:00:01,234 ERROR [main] com.example.OrderService: ${MSG}`, 'ERROR'],
  ['java.util.logging SEVERE', `SEVERE: ${MSG}`, 'SEVERE'],
  ['Go log, standard flags', `2026/03/10 12:00:01 ${MSG}`, undefined],
  ['Go log, Lshortfile', `2026/03/10 12:00:01 main.go:42: ${MSG}`, undefined],
  ['Go log, microseconds', `2026/03/10 12:00:01.123456 ${MSG}`, undefined],
  ['glog / klog', `E0310 12:00:01.123456    1234 server.go:42] ${MSG}`, 'E'],
  ['glog warning', `W0310 12:00:01.123456       1 reflector.go:424] ${MSG}`, 'W'],
  // absl-py prints Python's thread id, masked to an unsigned 64-bit number: abseil/abseil-py#103
  // pastes `W0517 21:08:20.576859 25769803792 log.py:4] Worrying Stuff`; on Linux it is a pthread
  // address, fifteen digits.
  ['absl-py, its thread id', `W0517 21:08:20.576859 25769803792 log.py:4] ${MSG}`, 'W'],
  ['absl-py, a Linux thread id', `W1204 00:05:13.928197 140478147475048 score.py:61] ${MSG}`, 'W'],
  // Abseil before InitializeLog (no date, epoch seconds), and TensorFlow's C++ prefix, as pasted in
  // public reports of TensorFlow and MediaPipe runs.
  ['Abseil before InitializeLog', `W0000 00:00:1722455981.557457    1804 zone_info_source.cc:122] ${MSG}`, 'W'],
  ['Abseil before InitializeLog, a long thread id', `E0000 00:00:1720024465.551066 4643189 cuda_blas.cc:1407] ${MSG}`, 'E'],
  // Hanami's guides (the logger's usage page): dry-logger's `[progname] [severity] [time] message`.
  ['Hanami 2 / dry-logger default', `[bookshelf] [ERROR] [2022-11-20 13:48:05 +0100] ${MSG}`, 'ERROR'],
  ['Hanami 2 / dry-logger, a warning', `[bookshelf] [WARN] [2022-11-20 13:48:05 +0100] ${MSG}`, 'WARN'],
  // @slack/logger's ConsoleLogger (Bolt for JavaScript, the Web API client, Socket Mode), as pasted in public
  // transcripts and slackapi/bolt-js#1196 (no name: three spaces).
  ["Slack's ConsoleLogger, Bolt", `[ERROR]  bolt-app ${MSG}`, 'ERROR'],
  ["Slack's ConsoleLogger, a client's name with its instance", `[WARN]  web-api:WebClient:0 ${MSG}`, 'WARN'],
  ["Slack's ConsoleLogger, Socket Mode", `[INFO]  socket-mode:SocketModeClient:0 ${MSG}`, 'INFO'],
  ["Slack's ConsoleLogger with no name", `[ERROR]   ${MSG}`, 'ERROR'],
  // Auth.js's default logger (@auth/core lib/utils/logger.ts), the program's name glued to the level:
  // iogrid/iogrid#475 and OpenHealthForAll/open-health#79 (`[auth][error] UntrustedHost: …`), its debug line.
  ['Auth.js default logger, an error', `[auth][error] ${MSG}`, 'error'],
  ['Auth.js default logger, debug', `[auth][debug]: ${MSG}`, 'debug'],
  ["TensorFlow's C++ prefix", `2021-12-10 23:47:50.828602: W tensorflow/core/framework/cpu_allocator_impl.cc:82] ${MSG}`, 'W'],
  ['Python %(levelname).1s after the time', `10:00:00.123 E ${MSG}`, 'E'],
  ['Tornado / Jupyter bracket', `[E 2023-05-11 00:59:57.452 ServerApp] ${MSG}`, 'E'],
  ['logcat threadtime', `08-03 09:52:53.869  2727  2743 E SQLiteLog: ${MSG}`, 'E'],
  ['logcat with the year, a padded tag', `2026-09-15 15:03:13.450 10362 10362 W linker  : ${MSG}`, 'W'],
  ['logrus text', `time="2026-03-10T12:00:01Z" level=error msg="${MSG}"`, 'error'],
  ['slog TextHandler', `time=2026-03-10T12:00:01.000Z level=ERROR msg="${MSG}"`, 'ERROR'],
  ['zap console', `2026-03-10T12:00:01.234Z\tERROR\tserver/main.go:42\t${MSG}`, 'ERROR'],
  ['Rails logger', `E, [2026-03-10T12:00:01.234567 #1] ERROR -- : ${MSG}`, 'ERROR'],
  ['Rails tagged', `E, [2026-03-10T12:00:01.234567 #1] ERROR -- : [4f1c2a] ${MSG}`, 'ERROR'],
  ['pino-pretty', `[12:00:01.234] ERROR (123): ${MSG}`, 'ERROR'],
  ['winston simple', `error: ${MSG}`, 'error'],
  ['Next.js dev', `error - ${MSG}`, 'error'],
  ['nginx error log', `2026/03/10 12:00:01 [error] 7#7: *1 ${MSG}`, 'error'],
  ['PostgreSQL server log', `2026-03-10 12:00:01.234 UTC [123] ERROR:  ${MSG}`, 'ERROR'],
  ['syslog with tag', `Mar 10 12:00:01 host python3[123]: ERROR: ${MSG}`, 'ERROR'],
  ['bare level in brackets', `[ERROR] ${MSG}`, 'ERROR'],
  ['lower-case bracketed level', `[error] ${MSG}`, 'error'],
  ['ISO time and level', `2026-03-10T12:00:01.234Z ERROR ${MSG}`, 'ERROR'],
  ['Python ts with level in parens thread', `2026-03-10 12:00:01 ERROR (MainThread) [app.db] ${MSG}`, 'ERROR'],
  ['level, thread, source', `ERROR [MainThread] [consumer.py:123] - ${MSG}`, 'ERROR'],
  // A second batch, written before the rules it tests: formats of stacks the first batch left out.
  ['Flask / werkzeug default', `[2026-03-10 12:00:01,234] ERROR in app: ${MSG}`, 'ERROR'],
  ['Django dictConfig verbose', `ERROR 2026-03-10 12:00:01,234 views 7 140231 ${MSG}`, 'ERROR'],
  ['structlog ConsoleRenderer', `2026-03-10 12:00:01 [error    ] ${MSG}`, 'error'],
  ['log4js default', `[2026-03-10T12:00:01.234] [ERROR] default - ${MSG}`, 'ERROR'],
  ['NestJS logger', `[Nest] 1  - 03/10/2026, 12:00:01 PM   ERROR [ExceptionsHandler] ${MSG}`, 'ERROR'],
  ['Elixir Logger', `12:00:01.234 [error] ${MSG}`, 'error'],
  ['Monolog line formatter', `[2026-03-10T12:00:01.234567+00:00] app.ERROR: ${MSG}`, 'ERROR'],
  ['Laravel', `[2026-03-10 12:00:01] production.ERROR: ${MSG}`, 'ERROR'],
  ['Rust env_logger', `[2026-03-10T12:00:01Z ERROR my_app::db] ${MSG}`, 'ERROR'],
  ['Rust tracing fmt', `2026-03-10T12:00:01.234567Z ERROR my_app::db: ${MSG}`, 'ERROR'],
  ['zerolog console', `12:00PM ERR ${MSG}`, 'ERR'],
  ['Python logging with pid and thread', `2026-03-10 12:00:01,234 [12] [ThreadPoolExecutor-0_0] ERROR app.db: ${MSG}`, 'ERROR'],
  // A third batch: the stacks of a day written by someone else, and other options of the same formats.
  ['Elixir Logger with Phoenix request_id metadata', `00:07:17.914 request_id=Ma5tQwSJQd8yiY4tYKZL [error] ${MSG}`, 'error'],
  ['Elixir Logger, several metadata keys, one quoted', `12:00:01.234 request_id=F1x2 user_id=42 remote_ip="10.0.0.1" [warning] ${MSG}`, 'warning'],
  ['Elixir Logger, older `warn` level and a date', `2026-03-10 12:00:01.234 mfa=MyApp.Worker.run/1 [warn] ${MSG}`, 'warn'],
  // The metadata after the level, as the config.exs `mix new` writes suggests: `$date $time [$level] $metadata$message`.
  ['Elixir Logger, metadata after the level', `2026-03-10 12:00:01.234 [error] mfa=Oban.Telemetry.handle_event/4 ${MSG}`, 'error'],
  ['Elixir Logger, several metadata keys after the level, one quoted', `12:00:01.234 [warning] request_id=F1x2 remote_ip="10.0.0.1" ${MSG}`, 'warning'],
  ['php-fpm own log', `[10-Mar-2026 00:56:55] WARNING: [pool www] ${MSG}`, 'WARNING'],
  ['php-fpm notice, no pool', `[10-Mar-2026 00:56:55] NOTICE: ${MSG}`, 'NOTICE'],
  ['php-fpm with microseconds', `[10-Mar-2026 00:56:55.123456] ERROR: [pool api-v2] ${MSG}`, 'ERROR'],
  ['php-fpm passing on a worker line with no level', `[10-Mar-2026 00:56:55] WARNING: [pool www] child 256 said into stderr: "${MSG}"`, undefined],
  ['php-fpm passing on a PHP fatal error', `[10-Mar-2026 00:56:55] WARNING: [pool www] child 7 said into stderr: "PHP Fatal error:  ${MSG}"`, 'FATAL'],
  ['php-fpm passing on a Laravel line', `[10-Mar-2026 00:56:55] WARNING: [pool www] child 7 said into stdout: "[2026-03-10 00:56:55] production.ERROR: ${MSG}"`, 'ERROR'],
  // PHP's own message as php-fpm's FastCGI SAPI logs it, at fpm's NOTICE with `PHP message: ` before it (php/php-src
  // sapi/fpm/tests/log-bm-in-shutdown-fn.phpt), then passed on by the master: Linuxfabrik's monitoring-plugins
  // php-fpm-log documentation pastes `child 184 said into stderr: "NOTICE: PHP message: PHP Fatal error:  Uncaught Error: …"`;
  // an error_log() call with no level of its own, exozet/docker-php-fpm#33 (`"NOTICE: PHP message: foo"`).
  ['php-fpm passing on a PHP fatal error through the FastCGI SAPI', `[28-Aug-2026 15:20:21] WARNING: [pool www] child 184 said into stderr: "NOTICE: PHP message: PHP Fatal error:  ${MSG}"`, 'FATAL'],
  ['php-fpm passing on a PHP warning through the FastCGI SAPI', `[27-Nov-2023 23:37:07] WARNING: [pool www] child 222 said into stderr: "NOTICE: PHP message: PHP Warning:  ${MSG}"`, 'WARNING'],
  ['php-fpm passing on an error_log() line through the FastCGI SAPI', `[23-Mar-2018 21:27:36] WARNING: [pool www] child 7 said into stderr: "NOTICE: PHP message: ${MSG}"`, undefined],
  ['the FastCGI SAPI line, workers output not decorated', `NOTICE: PHP message: PHP Notice:  ${MSG}`, 'NOTICE'],
  ['the FastCGI SAPI line, workers output not decorated, a warning', `NOTICE: PHP message: PHP Warning:  ${MSG}`, 'WARNING'],
  // greenpeace/planet4-docker#37: a child's own fpm error keeps its level.
  ['php-fpm passing on a child\'s own error', `[12-Sep-2019 01:24:49] WARNING: [pool www_greenpeace_org] child 175 said into stderr: "ERROR: ${MSG}"`, 'ERROR'],
  ['PHP error_log, bare', `PHP Fatal error:  ${MSG}`, 'FATAL'],
  ['PHP error_log with its date and zone', `[10-Mar-2026 00:56:55 UTC] PHP Warning:  ${MSG}`, 'WARNING'],
  ['PHP error_log with a named zone', `[10-Mar-2026 00:56:55 Europe/Paris] PHP Notice:  ${MSG}`, 'NOTICE'],
  ['PHP deprecation, one space', `PHP Deprecated: ${MSG}`, 'NOTICE'],
  ['PHP parse error', `PHP Parse error:  ${MSG}`, 'FATAL'],
  ['PHP recoverable fatal error', `PHP Recoverable fatal error:  ${MSG}`, 'ERROR'],
  ['NestJS logger with its time since the previous line', `[Nest] 1  - 03/10/2026, 12:00:01 PM   ERROR [ExceptionsHandler] ${MSG} +12ms`, 'ERROR'],
  ['NestJS logger, padded LOG level, en-GB 24h date', `[Nest] 27  - 10/03/2026, 14:00:01     LOG [RoutesResolver] ${MSG} +3ms`, 'LOG'],
  ['NestJS logger, an app prefix, no context', `[Orders] 1  - 3/10/2026, 9:00:01 AM    WARN ${MSG}`, 'WARN'],  // Tomcat's OneLineFormatter (its default for catalina.out): date, level, [thread], the source class.method.
  ['Tomcat OneLineFormatter', `26-Apr-2019 14:05:48.484 SEVERE [http-nio-8080-exec-3] org.apache.catalina.core.StandardWrapperValve.invoke ${MSG}`, 'SEVERE'],
  ['Tomcat OneLineFormatter, a startup thread', `17-Jun-2020 10:49:35.442 WARNING [localhost-startStop-1] org.apache.catalina.loader.WebappClassLoaderBase.clearReferencesThreads ${MSG}`, 'WARNING'],
  // timbre's default output: `yy-MM-dd HH:mm:ss` (v4) or ISO (v5+), the host name, the level, [ns:line], ` - `.
  ['timbre 4 default', `16-07-18 14:38:23 localhost.localdomain ERROR [my.namespace:1] - ${MSG}`, 'ERROR'],
  ['timbre 5 default', `2026-03-10T12:00:01.234Z sync-7f9c WARN [acme.sync.core:42] - ${MSG}`, 'WARN'],
  // Play's production logback pattern `%date [%level] from %logger in %thread - %message`.
  ['Play production pattern', `2026-03-10 12:00:01,234 [ERROR] from play.api.http.DefaultHttpErrorHandler in application-akka.actor.default-dispatcher-5 - ${MSG}`, 'ERROR'],
  // OCaml Dream's reporter: `dd.mm.yy HH:MM:SS.mmm`, the source in 15 columns, the level in five, ` REQ n`.
  ['Dream, the logger middleware', `03.03.25 19:46:52.173    dream.logger  WARN REQ 1 ${MSG}`, 'WARN'],
  ['Dream, the error handler', `02.12.26 10:00:01.123      dream.http ERROR REQ 7781 ${MSG}`, 'ERROR'],
  ['Dream, an application source, no request', `02.12.26 10:00:01.123            feed ERROR ${MSG}`, 'ERROR'],
  // Redis's own log: pid and role, time, the level as one mark. pulibrary/bibdata#500 (Redis 4/5, no
  // year), voxpupuli/puppet-redis#105, azavea/nyc-trees#1555 (Redis 2: `[pid]`); Redis 6+ adds the year.
  ['Redis 6+, a warning', `1:M 09 Dec 2026 07:45:27.695 # ${MSG}`, 'WARNING'],
  ['Redis 4/5, a warning', `1255:M 14 Oct 03:00:46.069 # ${MSG}`, 'WARNING'],
  ['Redis, a child saving, its notice (the level it runs at)', `20:C 14 Oct 2026 02:55:45.157 * ${MSG}`, 'INFO'],
  ['Redis 2, verbose', `[2984] 18 Sep 09:25:18.059 - ${MSG}`, 'DEBUG'],
  // The `debug` package writing to no terminal: `Date#toISOString()`, the namespace, the message
  // (its README's output streams; expressjs/expressjs.com#1048 as pasted, with a one-word namespace).
  ['debug, a namespace with its parts', `2026-12-09T00:02:51.521Z express:router ${MSG}`, undefined],
  ['debug, a dashed namespace', `2026-12-09T01:53:36.852Z catalog-sync:shopify ${MSG}`, undefined],
  ['debug, a wildcard part', `2026-12-09T01:53:36.852Z knex:query:* ${MSG}`, undefined],
  // Phusion Passenger's own log (phusion/passenger#2318, #1955): the level's letter, the time, pid/thread,
  // the source; Passenger 5.0 wrote no letter (as pasted in projects' troubleshooting notes).
  ['Passenger, an error', `[ E 2025-11-08 18:17:59.0395 4170381/T38 age/Cor/App/Implementation.cpp:218 ]: ${MSG}`, 'ERROR'],
  ['Passenger, a warning', `[ W 2026-12-10 00:03:15.2268 17/T7 age/Cor/Con/CheckoutSession.cpp:245 ]: ${MSG}`, 'WARN'],
  ['Passenger, its notice (the level it runs at)', `[ N 2020-11-02 22:36:17.4020 6803/T1 age/Wat/WatchdogMain.cpp:1373 ]: ${MSG}`, 'INFO'],
  ['Passenger, a server thread', `[ N 2020-11-02 22:36:17.4414 6806/T9 Ser/Server.h:902 ]: ${MSG}`, 'INFO'],
  ['Passenger 5.0, no letter', `[ 2015-11-26 01:56:19.7981 20652/7f16c6f19700 App/Implementation.cpp:303 ]: ${MSG}`, undefined],
  // The application's lines as Passenger relays them (`App N output: `, `App N stdout: ` before 5.1).
  ['Passenger relaying a Rails logger line', `App 77 output: E, [2026-12-10T00:05:02.180802 #77] ERROR -- : ${MSG}`, 'ERROR'],
  ['Passenger 5 relaying stderr', `App 24754 stderr: 2026-03-10 12:00:01,234 WARNING ${MSG}`, 'WARNING'],
  // Go's standard logger with a prefix before its date: asynq's `asynq: pid=N ` (hibiken/asynq#643, #724, #690).
  ['asynq, an error', `asynq: pid=1 2023/04/11 18:40:44.211568 ERROR: ${MSG}`, 'ERROR'],
  ['asynq, another pid', `asynq: pid=47 2023/08/21 02:11:16.467677 ERROR: ${MSG}`, 'ERROR'],
  ['asynq, a warning', `asynq: pid=1 2023/07/21 05:57:34.423235 WARN: ${MSG}`, 'WARN'],
  ['Go log, a plain prefix, no fraction', `billing: 2026/03/10 12:00:01 ERROR ${MSG}`, 'ERROR'],
  // tint (lmittmann/tint, slog): Go's time.StampMilli, then zerolog's three letters; with AddSource, the file.
  ['tint', `Dec 10 10:00:00.123 ERR ${MSG}`, 'ERR'],
  ['tint, a one-digit day, with its source', `Dec  5 10:00:00.123 WRN worker/errors.go:23 ${MSG}`, 'WRN'],
  // OpenTelemetry's Python logging instrumentation (OTEL_PYTHON_LOG_CORRELATION=true): its documented
  // default format puts the span context in brackets as key=value pairs; services copy it into uvicorn's
  // log_config and vary the pairs (trace_flags, 0x ids, extra resource attributes).
  ['OpenTelemetry Python, its default format',
    `2026-03-10 12:00:01,234 ERROR [app.db] [session.py:42] [trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7 resource.service.name=billing trace_sampled=True] - ${MSG}`, 'ERROR'],
  ['OpenTelemetry Python, outside a span', `2026-03-10 12:00:01,234 WARNING [app.db] [session.py:42] [trace_id=0 span_id=0 resource.service.name=billing trace_sampled=False] - ${MSG}`, 'WARNING'],
  ['OpenTelemetry Python, trace_flags and 0x ids',
    `2026-03-10 12:00:01,234 ERROR [app.db] [session.py:42] [trace_id=0x4bf92f3577b34da6a3ce929d0e0e4736 span_id=0x00f067aa0ba902b7 trace_flags=01 resource.service.name=billing-api-production-europe-west1] - ${MSG}`, 'ERROR'],
  ['OpenTelemetry Python, a level first and the pairs before the logger',
    `ERROR: [2026-03-10 12:00:01,234/MainProcess] [log_trace_id=4bf92f3577b34da6a3ce929d0e0e4736 log_span_id=00f067aa0ba902b7 log_resource.service.name=billing log_trace_sampled=True] [app.db:connect(42)] - ${MSG}`, 'ERROR'],
  ['logback with MDC pairs in brackets', `12:00:01.234 [main] ERROR [traceId=4bf92f3577b34da6, spanId=00f067aa0ba902b7] com.example.billing.OrderService - ${MSG}`, 'ERROR'],
];

describe('stripLogHeader', () => {
  it.each(headers)('%s', (_format, line, level) => {
    const out = stripLogHeader(line);
    expect(out.rest).toBe(MSG);
    expect(out.level).toBe(level);
  });

  it('keeps the message of a bare line as it is', () => {
    for (const text of [MSG, 'Error: socket hang up', 'TypeError: Cannot read properties of undefined (reading \'id\')',
      'KeyError: \'id\'', 'panic: runtime error: index out of range [3] with length 3', 'Traceback (most recent call last):',
      'psycopg2.OperationalError: could not connect to server', 'Memory limit of 512 MiB exceeded with 530 MiB used.',
      'GET /api/orders 500', '500 errors in the last minute', 'error_count=0 health ok', 'Error connecting to redis',
      '[trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7] export failed']) {
      expect(stripLogHeader(text)).toEqual({ rest: text });
    }
  });

  it('keeps the message\'s own `word: ` after a header: a system error code, a Go server\'s prefix', () => {
    const cases: Array<[string, string]> = [
      ["error: ENOENT: no such file or directory, open '/app/t.hbs'", "ENOENT: no such file or directory, open '/app/t.hbs'"],
      ['ERROR: ECONNREFUSED: connect failed', 'ECONNREFUSED: connect failed'],
      ['2026/03/10 03:15:49 http: panic serving 10.0.0.1:5488: runtime error: index out of range', 'http: panic serving 10.0.0.1:5488: runtime error: index out of range'],
      ['2026/03/10 03:15:49 main.go:42: http: server closed', 'http: server closed'],
      // Python's `LEVEL:logger:` has no space after the level; with one, the next word is the message's.
      ['ERROR: upstream: connection reset', 'upstream: connection reset'],
      // A namespaced class right after Ruby Logger's `-- progname: ` is no Python logger: `Redis:` is not one.
      ['E, [2026-12-02T01:02:11.956151 #1] ERROR -- notes: Redis::CannotConnectError: Error connecting to Redis on 10.8.2.5:6379 (Errno::ECONNREFUSED)',
        'Redis::CannotConnectError: Error connecting to Redis on 10.8.2.5:6379 (Errno::ECONNREFUSED)'],
      ['E, [2026-12-02T01:02:11.956151 #1] ERROR -- : Rack::Timeout::RequestTimeoutException: Request ran for longer than 15000ms',
        'Rack::Timeout::RequestTimeoutException: Request ran for longer than 15000ms'],
    ];
    for (const [line, rest] of cases) expect(stripLogHeader(line).rest).toBe(rest);
  });

  it('leaves alone lines that look like the new headers but are not', () => {
    for (const text of [
      'PHP Fatal errors are written to the log', 'PHP Warning', 'child 12 said into stderr: "x"', 'request_id=abc [error] x',
      'localhost ERROR x', 'from play.api.Foo in main - x', 'org.apache.catalina.core.StandardWrapperValve.invoke x',
      '[10-Mar-2026] run finished', 'user=42 [error] x', '[Nest] is a framework', 'thread \'main\' exited',
      '[ E ] not a header', 'App 77 crashed: out of memory', 'App store output: 3 items',
      'asynq: pid=1 started', 'Error: 2026/12/10 is not a date we take', 'see: 2026/12/10 was the day',
    ]) expect(stripLogHeader(text)).toEqual({ rest: text });
    // Dream's application lines have no source and no level: the first word is the message's.
    expect(stripLogHeader('03.03.25 19:46:48.853                       Running at http://localhost:8080')).toEqual({ rest: 'Running at http://localhost:8080' });
    expect(stripLogHeader('03.03.25 19:46:52.173                       REQ 1 Client connected!')).toEqual({ rest: 'Client connected!' });
    expect(stripLogHeader('12.03.26 is the date')).toEqual({ rest: '12.03.26 is the date' });
    // After a time, a host and port or an exception's name and message is the message, not a debug namespace.
    expect(stripLogHeader('2026-12-09T00:02:51.521Z redis:6379 connection refused').rest).toBe('redis:6379 connection refused');
    expect(stripLogHeader('2026-12-09T00:02:51.521Z TypeError: fetch failed').rest).toBe('TypeError: fetch failed');
    expect(stripLogHeader('2026-12-09T00:02:51.521Z http://example.com/x timed out').rest).toBe('http://example.com/x timed out');
    // A message that starts with `key=value` after a time, with no level after it, keeps its pairs.
    expect(stripLogHeader('12:00:01.234 user=42 signed in').rest).toBe('user=42 signed in');
    // After a level: pairs with no message after them are the message; after a level not in brackets, the message's own.
    expect(stripLogHeader('12:00:01.234 [error] status=500 path=/orders').rest).toBe('status=500 path=/orders');
    expect(stripLogHeader('level=error msg="db down" err=timeout').rest).toBe('db down err=timeout');
    expect(stripLogHeader('2026-03-10 12:00:01 ERROR user=42 signed in').rest).toBe('user=42 signed in');
    // Only Nest's header earns the `+12ms` trailer's removal; elsewhere it is the message's.
    expect(stripLogHeader('ERROR: clock skew +12ms').rest).toBe('clock skew +12ms');
    // A level before a bar is a level, not a compose service.
    expect(stripLogHeader('ERROR | disk full')).toEqual({ rest: 'disk full', level: 'ERROR' });
    // The closing quote goes with php-fpm's wrapper only.
    expect(stripLogHeader('WARNING: said "hi"').rest).toBe('said "hi"');
  });

  it("sets aside a container tool's prefix and reads the line after it afresh", () => {
    expect(stripLogHeader('web-1  | 2026-03-10 12:00:01,234 ERROR [app.db] connection refused')).toEqual({ rest: 'connection refused', level: 'ERROR' });
    expect(stripLogHeader('worker_1  | Traceback (most recent call last):')).toEqual({ rest: 'Traceback (most recent call last):' });
    expect(stripLogHeader('2026-03-10T12:00:01.123456789Z stderr F WARN cache stale')).toEqual({ rest: 'cache stale', level: 'WARN' });
    expect(stripLogHeader('2026-03-10T12:00:01.123456789Z stdout P partial line')).toEqual({ rest: 'partial line' });
    // A source line under its number is no service's.
    expect(stripLogHeader('12 | export function orient(meta: Metadata) {')).toEqual({ rest: '12 | export function orient(meta: Metadata) {' });
  });

  it("keeps a message's first word after a bracketed level: only Slack's two spaces and a joined name are a logger's", () => {
    expect(stripLogHeader('[ERROR]  Failed to connect to the queue')).toEqual({ rest: 'Failed to connect to the queue', level: 'ERROR' });
    expect(stripLogHeader('[ERROR] bolt-app restarted')).toEqual({ rest: 'bolt-app restarted', level: 'ERROR' });
  });

  it("reads the parts of an Auth.js error at its level, and keeps a warning's code as the message's", () => {
    // vercel/next-learn#295, msgbyte/tianji#110 (the cause after the error, as printed); the warning as
    // the logger writes it (`console.warn(`[auth][warn][${code}]`, `Read more: ${url}`)`).
    expect(stripLogHeader('[auth][cause]: JWEDecryptionFailed: decryption operation failed')).toEqual({ rest: 'JWEDecryptionFailed: decryption operation failed', level: 'ERROR' });
    expect(stripLogHeader('[auth][details]: {}')).toEqual({ rest: '{}', level: 'ERROR' });
    expect(stripLogHeader('[auth][warn][env-url-basepath-redundant] Read more: https://warnings.authjs.dev#env-url-basepath-redundant'))
      .toEqual({ rest: '[env-url-basepath-redundant] Read more: https://warnings.authjs.dev#env-url-basepath-redundant', level: 'warn' });
    // A bracketed pair that names no level, or a part apart from its program's name, is no header.
    for (const text of ['[auth][callback] redirecting to /dashboard', '[cause]: boom', '[a] [cause]: boom']) expect(stripLogHeader(text).level).toBeUndefined();
  });

  it('reads a coloured line only once its colours are gone (the normalizer drops them first)', () => {
    const coloured = '\u001b[31m[Nest] 1  - \u001b[39m03/10/2026, 12:00:01 PM \u001b[31m  ERROR\u001b[39m \u001b[33m[X]\u001b[39m \u001b[31mboom\u001b[39m \u001b[33m+5ms\u001b[39m';
    expect(stripLogHeader(withoutTerminalCodes(coloured))).toEqual({ rest: 'boom', level: 'ERROR' });
  });

  it('keeps a date that is the message, not a header', () => {
    expect(stripLogHeader('2026-03-10').rest).toBe('2026-03-10');
    expect(stripLogHeader('2026-03-10 was the last day the export ran').rest).toBe('was the last day the export ran');
  });

  it('strips the first line only; the rest of a multi-line message stays', () => {
    const out = stripLogHeader(`2026-03-10 12:00:01,234 - app - ERROR - boom\nTraceback (most recent call last):\n  File "a.py", line 1, in f`);
    expect(out.rest).toBe('boom\nTraceback (most recent call last):\n  File "a.py", line 1, in f');
  });

  it('drops a first line that is all header when lines follow it', () => {
    expect(stripLogHeader('F, [2026-03-10T00:25:25.889848 #1] FATAL -- : [37f9a913]   \n[37f9a913] ActiveRecord::RecordNotFound (Couldn\'t find Account with \'id\'=42):')).toEqual({
      rest: "[37f9a913] ActiveRecord::RecordNotFound (Couldn't find Account with 'id'=42):", level: 'FATAL',
    });
  });

  it("sets aside Node's throw site printed above an uncaught error", () => {
    const error = 'Error: connect ECONNREFUSED 127.0.0.1:6379\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1247:16)';
    expect(stripLogHeader(`node:events:491\n      throw er; // Unhandled 'error' event\n      ^\n\n${error}`)).toEqual({ rest: error, lead: "node:events:491\n      throw er; // Unhandled 'error' event\n      ^" });
    expect(stripLogHeader(`node:internal/process/promises:289\n            triggerUncaughtException(err, true /* fromPromise */);\n            ^\n\n${error}`).rest).toBe(error);
    expect(stripLogHeader(`/app/server.js:12\n  throw new Error('boom');\n  ^\n${error}`).rest).toBe(error);
    // Without the caret line it is not a throw site: a message that starts with a file and line stays.
    const plain = `src/db.js:40\nconnection lost\n${error}`;
    expect(stripLogHeader(plain).rest).toBe(plain);
  });

  it('keeps the SQLSTATE that opens a PDO or JDBC message, which reads like a syslog tag or a task id', () => {
    // Monolog's line format (`[%datetime%] %channel%.%level_name%: %message%`) as Laravel writes it,
    // with the message as monicahq/monica#2910 and hyperf/hyperf#4581 pasted it.
    const pdo = 'SQLSTATE[40001]: Serialization failure: 1213 Deadlock found when trying to get lock; try restarting transaction (Connection: mysql, SQL: update `stock` set `reserved` = 1)';
    expect(stripLogHeader(`[2026-12-14 02:11:09] production.ERROR: ${pdo}`)).toEqual({ rest: pdo, level: 'ERROR' });
    expect(stripLogHeader(`[2026-12-14 02:11:09] local.ERROR: SQLSTATE[HY000] [2002] Connection refused`).rest).toBe('SQLSTATE[HY000] [2002] Connection refused');
    // A syslog tag and a Celery task's id after a header are still header.
    expect(stripLogHeader(`Mar 10 12:00:01 host php-fpm[123]: ERROR: ${MSG}`).rest).toBe(MSG);
    expect(stripLogHeader(`[2026-03-10 12:00:01,234: ERROR/ForkPoolWorker-3] tasks.sync[8f1c-22]: ${MSG}`).rest).toBe(MSG);
  });

  it('leaves a header with nothing after it alone', () => {
    expect(stripLogHeader('ERROR:').rest).toBe('ERROR:');
    expect(stripLogHeader('[2026-03-10 12:00:01] [ERROR]').rest).toBe('[2026-03-10 12:00:01] [ERROR]');
  });

  it('looks only at a bounded head of hostile input', () => {
    const hostile = '[' + '2026-03-10 '.repeat(20_000) + ']' + ' - '.repeat(20_000);
    expect(stripLogHeader(hostile).rest.length).toBeGreaterThan(200_000);
    const levels = 'ERROR '.repeat(50_000) + 'boom';
    expect(stripLogHeader(levels).rest.endsWith('boom')).toBe(true);
  });
});
