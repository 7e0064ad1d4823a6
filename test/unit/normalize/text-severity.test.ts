// The severity a message's own text states, for entries Cloud Run gave none (plain stdout/stderr).
// Each case is the default output of a logging library or runtime, as its documentation shows it.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { SEVERITIES, type Severity } from '../../../src/shared/types.js';
import { levelWord, levelWordPatterns, mayBelongToTrace, severityTextPattern, textSeverity } from '../../../src/normalize/text-severity.js';

type Case = [text: string, expected: Severity];

const headers: Record<string, Case[]> = {
  // Next.js's log prefixes (packages/next/src/build/output/log.ts), printed after one space; the figures /
  // log-symbols set that consola and signale print, and its fallbacks; esbuild's and Vite's.
  'a CLI status marker before the message': [
    [' ⨯ TypeError: fetch failed\n    at node:internal/deps/undici/undici:13510:13', 'ERROR'],
    [' ⨯ unhandledRejection: [Error: getaddrinfo ENOTFOUND analytics.internal] {', 'ERROR'],
    [' ⚠ Unsupported metadata themeColor is configured in metadata export in /.', 'WARNING'],
    [' ✓ Ready in 814ms', 'INFO'],
    ['✖ Could not connect to the database', 'ERROR'],
    ['× Could not connect to the database', 'ERROR'],
    ['⚠️ cache is disabled', 'WARNING'],
    ['‼ cache is disabled', 'WARNING'],
    ['✔ Generated Prisma Client (v6.4.1) to ./node_modules/@prisma/client in 275ms', 'INFO'],
    ['ℹ Listening on http://0.0.0.0:3000', 'INFO'],
    ['✘ [ERROR] Could not resolve "pg-native"', 'ERROR'],
    ['▲ [WARNING] "import.meta" is not available in the configured target environment', 'WARNING'],
    ['❌ payment webhook rejected: signature mismatch', 'ERROR'],
  ],
  // Auth.js's default logger (@auth/core lib/utils/logger.ts: red `[auth][error]`, then the cause's stack and
  // the details as writes of their own; yellow `[auth][warn][code]`): iogrid/iogrid#475, vercel/next-learn#295.
  "Auth.js's default logger": [
    ['\u001b[31m[auth][error]\u001b[0m UntrustedHost: Host must be trusted. URL was: https://admin.iogrid.org/api/auth/session. Read more at https://errors.authjs.dev#untrustedhost', 'ERROR'],
    ['[auth][error] JWTSessionError: Read more at https://errors.authjs.dev#jwtsessionerror', 'ERROR'],
    ['\u001b[31m[auth][cause]\u001b[0m: JWEDecryptionFailed: decryption operation failed\n    at gcmDecrypt (/app/node_modules/jose/dist/node/cjs/runtime/decrypt.js:67:15)', 'ERROR'],
    ['\u001b[31m[auth][details]\u001b[0m: {}', 'ERROR'],
    ['\u001b[33m[auth][warn][env-url-basepath-redundant]\u001b[0m Read more: https://warnings.authjs.dev#env-url-basepath-redundant', 'WARNING'],
    ['[auth][debug]: adapter_getUserByAccount {}', 'DEBUG'],
  ],
  'Python logging, BASIC_FORMAT levelname:name:message': [
    ['ERROR:root:Database connection failed', 'ERROR'],
    ['WARNING:root:A shot across the bows', 'WARNING'],
    ['CRITICAL:app.worker:out of memory', 'CRITICAL'],
    ['INFO:app:started', 'INFO'],
    ['DEBUG:urllib3.connectionpool:Starting new HTTPS connection (1): api.example.com:443', 'DEBUG'],
    ['ERROR:app.db:query failed\nTraceback (most recent call last):\n  File "/app/db.py", line 3, in q\nValueError: x', 'ERROR'],
  ],
  'Python logging, asctime - name - levelname - message': [
    ['2026-03-10 12:00:01,234 - app.db - ERROR - connection refused', 'ERROR'],
    ['2026-03-10 12:00:01,234 - app.db - WARNING - slow query took 2.1s', 'WARNING'],
    ['2026-03-10 12:00:01,234 - __main__ - CRITICAL - cannot start', 'CRITICAL'],
    ['2026-03-10 12:00:01,234 - app.db - INFO - pool ready', 'INFO'],
  ],
  'Python logging, asctime levelname message (the logging HOWTO example)': [
    ['2004-07-02 13:00:08,743 ERROR A shot across the bows', 'ERROR'],
    ['2004-07-02 13:00:08,743 WARNING A shot across the bows', 'WARNING'],
    ['2015-07-15 10:20:07+0100 ERROR root <stdin>:1 ham', 'ERROR'],
  ],
  'Flask default handler, [asctime] levelname in module: message': [
    ['[2026-03-10 12:00:01,234] ERROR in app: Exception on /api/orders [GET]', 'ERROR'],
    ['[2026-03-10 12:00:01,234] INFO in routes: ok', 'INFO'],
  ],
  'bracketed fields, [time] [LEVEL] [logger]': [
    ['[2026-03-10 12:00:01,234] [ERROR] [app.db] connection refused', 'ERROR'],
    ['[2026-03-10T12:00:01.234Z] [WARN] [cache] miss storm', 'WARNING'],
    ['[2026-03-10 12:00:01] [INFO] [main] ready', 'INFO'],
  ],
  'uvicorn, levelname: padded to 9': [
    ['ERROR:    Exception in ASGI application', 'ERROR'],
    ['WARNING:  StatReload detected changes in \'app/main.py\'. Reloading...', 'WARNING'],
    ['INFO:     127.0.0.1:53124 - "GET /health HTTP/1.1" 200 OK', 'INFO'],
  ],
  'gunicorn, [time zone] [pid] [LEVEL]': [
    ['[2026-03-10 12:00:01 +0000] [7] [ERROR] Exception in worker process', 'ERROR'],
    ['[2026-03-10 12:00:01 +0000] [1] [CRITICAL] WORKER TIMEOUT (pid:7)', 'CRITICAL'],
    ['[2026-03-10 12:00:01 +0000] [1] [INFO] Booting worker with pid: 7', 'INFO'],
  ],
  'loguru default, time | level | name:function:line - message': [
    ['2026-03-10 12:00:01.234 | ERROR    | app.db:connect:42 - connection refused', 'ERROR'],
    ['2026-03-10 12:00:01.234 | WARNING  | __main__:<module>:1 - retrying', 'WARNING'],
    ['2026-03-10 12:00:01.234 | CRITICAL | app:run:9 - giving up', 'CRITICAL'],
    ["2022-10-12 07:16:35.085 | DEBUG    | __main__:<module>:1 - That's it, beautiful and simple logging!", 'DEBUG'],
  ],
  'Spring Boot console pattern, time level pid --- [thread] logger : message': [
    ['2026-03-10T12:00:01.234Z ERROR 1 --- [main] c.e.Foo : Application run failed', 'ERROR'],
    ['2026-02-19T12:22:37.451Z  INFO 128443 --- [myapp] [           main] o.s.b.d.f.logexample.MyApplication       : Starting MyApplication', 'INFO'],
    ['2014-03-05 10:57:51.112  WARN 45469 --- [           main] org.apache.catalina.core.StandardEngine  : slow start', 'WARNING'],
    ['2026-03-10T12:00:01.234+01:00 ERROR 1 --- [nio-8080-exec-1] o.a.c.c.C.[.[.[/].[dispatcherServlet]    : Servlet.service() threw exception', 'ERROR'],
  ],
  'log4j / logback patterns': [
    ['12:00:01.234 [main] ERROR com.example.Foo - boom', 'ERROR'],
    ['12:00:01.234 [http-nio-8080-exec-1] WARN  c.e.Foo - slow response', 'WARNING'],
    ['2026-03-10 12:00:01 ERROR Foo:42 - boom', 'ERROR'],
    ['2026-03-10 12:00:01,234 FATAL [main] c.e.App - cannot bind port', 'CRITICAL'],
    ['12:00:01.234 [main] INFO  com.example.Foo - started', 'INFO'],
  ],
  'java.util.logging SimpleFormatter (level on the second line)': [
    ['SEVERE: Servlet.service() for servlet [dispatcher] threw exception', 'ERROR'],
    ['WARNING: Illegal reflective access', 'WARNING'],
    ['Mar 10, 2026 12:00:01 PM com.example.Foo bar\nSEVERE: boom', 'ERROR'],
    ['Mar 10, 2026 12:00:01 PM com.example.Foo bar\nINFO: ready', 'INFO'],
  ],
  'glog / klog, Lmmdd hh:mm:ss.uuuuuu threadid file:line]': [
    ['E0310 12:00:01.123456    1234 file.go:42] sync failed', 'ERROR'],
    ['W0310 12:00:01.123456       1 reflector.go:324] watch ended', 'WARNING'],
    ['I0310 12:00:01.123456       1 main.go:10] starting', 'INFO'],
    ['F0310 12:00:01.123456       1 main.go:12] cannot continue', 'CRITICAL'],
    ['E20260310 12:00:01.123456 1234 file.go:42] sync failed', 'ERROR'],
    // absl-py's thread id is Python's (abseil/abseil-py#103: `W0517 21:08:20.576859 25769803792 log.py:4]`).
    ['W0517 21:08:20.576859 25769803792 log.py:4] Worrying Stuff', 'WARNING'],
    ['E1204 10:00:00.123456 139912345678912 score.py:97] scoring shard failed', 'ERROR'],
  ],
  "a level's letter alone in brackets after the header's time (Beego's logs, Mojo::Log's short format)": [
    // beego/beego logs.go: `2026/12/04 00:01:15.643 [W] [items.go:131]  msg` (its levels' first letters).
    ['2026/12/04 00:01:15.643 [W] [items.go:131]  slow query 3701ms: SELECT id FROM items', 'WARNING'],
    ['2026/12/04 00:01:15.643 [E] [items.go:57]  query failed: dial tcp 10.0.0.3:3306: i/o timeout', 'ERROR'],
    ['2026/12/04 00:01:15.643 [I] [main.go:20]  http server Running on http://:8080', 'INFO'],
    ['<5>[1] [w] slow request', 'WARNING'],
  ],
  "TensorFlow's C++ prefix: date, time, a colon, glog's letter and source": [
    ['2021-12-10 23:47:50.828602: W tensorflow/core/framework/cpu_allocator_impl.cc:82] Allocation of 4194304 exceeds 10% of free system memory.', 'WARNING'],
    ['2026-12-04 02:30:00.924422: W tensorflow/core/framework/local_rendezvous.cc:404] Local rendezvous is aborting with status: DATA_LOSS: corrupted record at 2162688', 'WARNING'],
    ['2023-05-02 10:00:00.123456: E tensorflow/compiler/xla/stream_executor/cuda/cuda_driver.cc:266] failed call to cuInit: CUDA_ERROR_NO_DEVICE', 'ERROR'],
    ['2023-05-02 10:00:00.123456: I tensorflow/core/platform/cpu_feature_guard.cc:182] This TensorFlow binary is optimized', 'INFO'],
  ],
  'Go log/slog, text handler and the default logger': [
    ['time=2026-03-10T12:00:01.234Z level=ERROR msg="payment failed" err=timeout', 'ERROR'],
    ['time=2026-03-10T12:00:01.234Z level=ERROR+2 msg="payment failed"', 'ERROR'],
    ['time=2026-03-10T12:00:01.234Z level=WARN msg="slow"', 'WARNING'],
    ['time=2026-03-10T12:00:01.234Z level=INFO msg=started port=8080', 'INFO'],
    ['time=2026-03-10T12:00:01.234Z level=DEBUG-4 msg=trace', 'DEBUG'],
    ['2026/03/10 12:00:01 ERROR payment failed err=timeout', 'ERROR'],
    ['2026/03/10 12:00:01 WARN slow request path=/api', 'WARNING'],
    ['2026/03/10 12:00:01 INFO hello count=3', 'INFO'],
  ],
  'logrus text formatter and logfmt': [
    ['time="2026-03-10T12:00:01Z" level=error msg="failed to connect" error="dial tcp: refused"', 'ERROR'],
    ['time="2026-03-10T12:00:01Z" level=warning msg="retrying"', 'WARNING'],
    ['time="2026-03-10T12:00:01Z" level=fatal msg="cannot start"', 'CRITICAL'],
    ['time="2026-03-10T12:00:01Z" level=panic msg="boom"', 'CRITICAL'],
    ['time="2026-03-10T12:00:01Z" level=info msg="listening"', 'INFO'],
    ['level=error ts=2026-03-10T12:00:01Z caller=main.go:42 msg="scrape failed"', 'ERROR'],
    ['ts=2026-03-10T12:00:01Z level="warn" msg=x', 'WARNING'],
  ],
  // structlog's KeyValueRenderer: key=repr(value), strings in single quotes (django-structlog's records
  // as jrobichaud/django-structlog#162 shows their keys).
  "structlog KeyValueRenderer, repr()'d values": [
    ["timestamp='2026-12-09T15:47:28.249440Z' level='error' event='request_failed' logger='django_structlog.middlewares.request' code=500", 'ERROR'],
    ["timestamp='2026-12-09T10:00:00Z' level='warning' event='Forbidden (CSRF cookie not set.): /cart/add/' logger='django.security.csrf'", 'WARNING'],
    ["event='order_placed' level='info' order_id=812", 'INFO'],
    ["event='cache miss' level='critical' key='x'", 'CRITICAL'],
  ],
  // zap's console encoder, tab-separated (uber-go/zap#267), its production config's lower-case level and
  // epoch time; go-zero's plain encoding (logx) the same way.
  "zap's console encoder and go-zero's plain lines": [
    ['2026-03-10T12:00:01.234Z\terror\tpayment failed\t{"order": 7}', 'ERROR'],
    ['1.7335e+09\twarn\tslow query\t{"ms": 912}', 'WARNING'],
    ['2026-03-10T12:00:01.234Z\tinfo\tlistening\t{"port": 8080}', 'INFO'],
    ['2026-03-10T12:00:01.234Z\tdpanic\tinvariant broken', 'ERROR'],
    ['2026-12-08T13:36:00.839+00:00\terror\t[HTTP] 503 - GET /api/orders/1640972 - 203.209.190.12 - okhttp/4.12.0', 'ERROR'],
    ['2026-12-08T13:19:53.129+00:00\terror\tfind order 3466621: circuit breaker is open\tcaller=logic/getorderlogic.go:41', 'ERROR'],
    ['2026-03-10T12:00:01.234Z\tDEBUG\tmain.go:12\tcache warm', 'DEBUG'],
  ],
  'log15 / go-kit short levels, lvl=': [
    ['t=2026-03-10T12:00:01+0000 lvl=eror msg="db failed"', 'ERROR'],
    ['t=2026-03-10T12:00:01+0000 lvl=warn msg="slow"', 'WARNING'],
    ['t=2026-03-10T12:00:01+0000 lvl=crit msg="down"', 'CRITICAL'],
    ['t=2026-03-10T12:00:01+0000 lvl=dbug msg="x"', 'DEBUG'],
    ['t=2026-03-10T12:00:01+0000 lvl=info msg="x"', 'INFO'],
  ],
  'bracketed and angled levels, nginx error log': [
    ['[error] upstream timed out', 'ERROR'],
    ['[ERROR] boom', 'ERROR'],
    ['<error> boom', 'ERROR'],
    ['[WARN] disk 91% full', 'WARNING'],
    ['2026/03/10 12:00:01 [error] 7#7: *1 connect() failed (111: Connection refused) while connecting to upstream', 'ERROR'],
    ['2026/03/10 12:00:01 [crit] 7#7: *3 SSL_do_handshake() failed', 'CRITICAL'],
    ['2026/03/10 12:00:01 [emerg] 1#1: bind() to 0.0.0.0:80 failed', 'EMERGENCY'],
    ['2026/03/10 12:00:01 [alert] 1#1: worker process exited on signal 9', 'ALERT'],
    ['2026/03/10 12:00:01 [notice] 1#1: start worker processes', 'NOTICE'],
  ],
  'Ruby Logger / Rails, "%s, [%s#%d] %5s -- %s: %s"': [
    ['E, [2026-03-10T12:00:01.234567 #1] ERROR -- : boom', 'ERROR'],
    ['W, [2026-03-10T12:00:01.234567 #1]  WARN -- app: slow', 'WARNING'],
    ['F, [2026-03-10T12:00:01.234567 #1] FATAL -- : cannot boot', 'CRITICAL'],
    ['I, [2026-03-10T12:00:01.234567 #1]  INFO -- : Started GET "/" for 10.0.0.1', 'INFO'],
  ],
  '.NET console logger, simple formatter': [
    ['fail: Microsoft.AspNetCore.Server.Kestrel[13]\n      Connection id "0HN1", Request id "0HN1:00000001": An unhandled exception was thrown by the application.', 'ERROR'],
    ['crit: Microsoft.AspNetCore.Hosting.Diagnostics[6]\n      Application startup exception', 'CRITICAL'],
    ['warn: Microsoft.AspNetCore.HttpsPolicy.HttpsRedirectionMiddleware[3]\n      Failed to determine the https port for redirect.', 'WARNING'],
    ['info: Microsoft.Hosting.Lifetime[14]\n      Now listening on: http://[::]:8080', 'INFO'],
  ],
  'a level word at the start, PostgreSQL and syslog priorities': [
    ['WARNING: disk almost full', 'WARNING'],
    ['WARN something odd', 'WARNING'],
    ['CRITICAL: queue lost', 'CRITICAL'],
    ['FATAL: cannot open config', 'CRITICAL'],
    ['NOTICE: schema migrated', 'NOTICE'],
    ['ERROR 1045 (28000): Access denied for user', 'ERROR'],
    ['2026-03-10 12:00:01.234 UTC [1] ERROR:  relation "orders" does not exist', 'ERROR'],
    ['2026-03-10 12:00:01.234 UTC [88] FATAL:  password authentication failed for user "app"', 'CRITICAL'],
    ['<3>disk failure', 'ERROR'],
    ['<4>low memory', 'WARNING'],
    ['<6>started', 'INFO'],
    ['npm ERR! code ELIFECYCLE', 'ERROR'],
    ['npm WARN deprecated request@2.88.2', 'WARNING'],
    // npm 10 writes its levels in lower case (npm/cli's log output: `npm error`, `npm warn`).
    ['npm error signal SIGTERM', 'ERROR'],
    ['npm warn config production Use `--omit=dev` instead.', 'WARNING'],
    // Redis's warning mark (log-header.ts); its notice is its routine.
    ["1255:M 14 Oct 03:00:46.069 # Can't save in background: fork: Cannot allocate memory", 'WARNING'],
    ['1:M 09 Dec 2026 00:21:35.892 # WARNING Memory overcommit must be enabled!', 'WARNING'],
    ['1:M 09 Dec 2026 00:21:35.892 * Ready to accept connections tcp', 'INFO'],
    ['\u001b[31mERROR\u001b[0m: coloured output', 'ERROR'],
  ],
  // Phusion Passenger's own log: the level's letter inside the bracket, before the time. phusion/passenger#2318
  // (its notices, the level it runs at), #1955 and #2345 (a spawn error and the `Error ID:` under it).
  "Phusion Passenger's own log": [
    ['[ E 2024-05-20 00:59:06.9385 165112/Tk age/Cor/App/Implementation.cpp:221 ]: Could not spawn process for application /var/lib/redmine: The application encountered the following error', 'ERROR'],
    ['[ E 2025-11-08 18:17:59.0438 4170381/Tb age/Cor/Con/CheckoutSession.cpp:368 ]: [Client 2-11] Cannot checkout session because a spawning error occurred.', 'ERROR'],
    ['[ W 2026-12-10 00:03:15.2268 17/T7 age/Cor/Con/CheckoutSession.cpp:245 ]: [Client 2-385] Returning HTTP 503 due to: Request queue full (configured max. size: 100)', 'WARNING'],
    ['[ W 2026-12-10 01:05:08.7039 17/T8 age/Cor/App/Pool/AnalyticsCollection.cpp:56 ]: Process (pid=45, group=/app (production)) no longer exists! Detaching it from the pool.', 'WARNING'],
    ['[ N 2020-11-02 22:36:17.4264 6806/T1 age/Cor/CoreMain.cpp:1015 ]: Passenger core online, PID 6806', 'INFO'],
    // The application's lines, relayed behind its pid: read as the application wrote them.
    ['App 77 output: F, [2026-12-10T00:05:02.180802 #77] FATAL -- : [8d33358f-5d12-4103-9556-9e22aac7be7c]', 'CRITICAL'],
    ['App 24754 stderr: E, [2016-08-16T04:31:13.515 #24754] ERROR -- : Cannot allocate memory - fork(2)', 'ERROR'],
  ],
  // Go's standard logger behind a prefix (hibiken/asynq#643, #690), and tint's slog lines (its README: StampMilli,
  // zerolog's three letters, colours on a terminal).
  'Go log with a prefix, tint': [
    ["asynq: pid=1 2023/04/11 18:40:44.211568 ERROR: Dequeue error: UNKNOWN: redis eval error: ERR user_script:13: attempt to perform arithmetic on local 'timeout' (a nil value)", 'ERROR'],
    ['asynq: pid=1 2023/07/21 05:57:34.423235 WARN: recoverer: could not move task to archive: INTERNAL_ERROR: redis eval error: NOT FOUND', 'WARNING'],
    ['asynq: pid=1 2026/12/10 00:00:01.000123 INFO: Starting processing', 'INFO'],
    ['\u001b[2mDec 10 00:29:52.556\u001b[0m \u001b[91mERR\u001b[0m task failed \u001b[2mtype=\u001b[0memail:deliver \u001b[91m\u001b[2merr=\u001b[22m"send mail: unexpected status 429"\u001b[0m', 'ERROR'],
    ['Dec 10 09:28:30.798 ERR worker/errors.go:23 task failed type=invoice:render err="upload invoice: googleapi: Error 403"', 'ERROR'],
    ['Dec 10 09:28:30.798 WRN cache miss ratio high ratio=0.4', 'WARNING'],
    ['Dec 10 09:28:30.798 INF task done type=email:deliver errors=0', 'INFO'],
  ],
};

// Formats of a Cloud Run day written by someone else, and other options of the same formats.
Object.assign(headers, {
  'Elixir Logger, $time $metadata[$level] $message': [
    ['00:07:17.914 request_id=Ma5tQwSJQd8yiY4tYKZL [error] #PID<0.1272.0> running RealtimeWeb.Endpoint terminated', 'ERROR'],
    ['12:00:01.234 request_id=F1x2 user_id=42 [warning] slow query', 'WARNING'],
    ['12:00:01.234 request_id=F1x2 [info] Sent 200 in 67ms', 'INFO'],
    ['12:00:01.234 pid=<0.120.0> [notice] Application realtime started', 'NOTICE'],
    ['2026-03-10 12:00:01.234 mfa=Realtime.Worker.run/1 [critical] supervisor gave up', 'CRITICAL'],
  ],
  'php-fpm own log and PHP error_log': [
    ['[10-Mar-2026 00:56:55] WARNING: [pool www] server reached pm.max_children setting (5), consider raising it', 'WARNING'],
    ['[10-Mar-2026 00:56:55] NOTICE: fpm is running, pid 1', 'NOTICE'],
    ['[10-Mar-2026 00:56:55.123456] ERROR: unable to bind listening socket for address \'/run/php/fpm.sock\'', 'ERROR'],
    ['[10-Mar-2026 01:37:07] WARNING: [pool www] child 331 said into stderr: "PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted"', 'CRITICAL'],
    ['PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (tried to allocate 2097160 bytes) in /var/www/a.php on line 1659', 'CRITICAL'],
    ['PHP Warning:  Undefined array key "currency" in /var/www/a.php on line 3', 'WARNING'],
    ['[10-Mar-2026 00:56:55 UTC] PHP Notice:  Undefined index: id in /var/www/a.php on line 9', 'NOTICE'],
    ['PHP Deprecated:  Creation of dynamic property App\\X::$y is deprecated in /var/www/a.php on line 4', 'NOTICE'],
    ['PHP Parse error:  syntax error, unexpected token "}" in /var/www/a.php on line 12', 'CRITICAL'],
  ],
  'NestJS ConsoleLogger, coloured or not': [
    ['\u001b[33m[Nest] 1  - \u001b[0m03/10/2026, 12:04:49 AM \u001b[33m   WARN\u001b[0m \u001b[33m[PaymentsClient]\u001b[0m \u001b[33mprovider slow\u001b[0m', 'WARNING'],
    ['[Nest] 1  - 03/10/2026, 12:00:01 PM   ERROR [ExceptionsHandler] boom +12ms', 'ERROR'],
    ['[Nest] 27  - 10/03/2026, 14:00:01    WARN [Bootstrap] slow start +3ms', 'WARNING'],
  ],
  'a header\'s own level outranks a traceback under it': [
    ['[2026-03-10 01:44:16,722: WARNING/MainProcess] consumer: Connection to broker lost.\nTraceback (most recent call last):\n  File "a.py", line 1, in f\nConnectionError: x', 'WARNING'],
    ['2026-03-10 12:00:01,234 - app - WARNING - retrying\nTraceback (most recent call last):\n  File "a.py", line 1, in f\nTimeoutError', 'WARNING'],
  ],
} satisfies Record<string, Case[]>);

const traces: Record<string, Case[]> = {
  // ActionDispatch::DebugExceptions' `"#{exception.class} (#{exception.message}):"` through a logger
  // with no level header (Rails 8's TaggedLogging.logger(STDOUT)), each line an entry of its own; as
  // rails/rails#22979 (the tags alone, then the line), forem/forem#20316 (two tags) and
  // shadabahmed/logstasher#84 (no tags) show it.
  "Rails' exception line, no level header": [
    ['[a0da4c84-4c5a-4e38-b579-aaaffa0695c0] Google::Cloud::PermissionDeniedError (7:User not authorized to perform this action.):', 'ERROR'],
    ["ActiveRecord::RecordNotFound (Couldn't find User with 'id'=5):", 'ERROR'],
    ['[203.0.113.5] [9f2c1d7e-0000-4000-8000-000000000001] NoMethodError (undefined method `name\' for nil):', 'ERROR'],
    ['ActionController::RoutingError (No route matches [GET] "/asdf"):', 'ERROR'],
    ['[7787f361-d1a6-4c3b-b376-4293440f6e7e] [dd.env=production dd.service=rails-production dd.trace_id=2288366724111671591 dd.span_id=0] ActionController::RoutingError (No route matches [GET] "/packs/js/runtime~base-84ae5f58ea517ddc4f1c.js"):', 'ERROR'],
    ['[a0da4c84-4c5a-4e38-b579-aaaffa0695c0]   \n[a0da4c84-4c5a-4e38-b579-aaaffa0695c0] PG::ConnectionBad (connection to server at "10.0.0.3", port 5432 failed: Connection refused):', 'ERROR'],
    // A message of several lines leaves the exception line open; its `):` comes lines later.
    ['[df2c8612-bb71-4d05-9b22-544fb17ed6bc] ActiveRecord::ConnectionNotEstablished (connection to server on socket "/cloudsql/shop:europe-west1:db/.s.PGSQL.5432" failed: No such file or directory', 'ERROR'],
    ['ActiveRecord::StatementInvalid (PG::UndefinedColumn: ERROR:  column users.nickname does not exist', 'ERROR'],
  ],
  // A runtime's report that the process ended: CRITICAL, whatever a `error:` in front of it says.
  'Crashes as runtimes print them': [
    ['Fatal error: Index out of range', 'CRITICAL'],
    ['Swift/ContiguousArrayBuffer.swift:600: Fatal error: Index out of range', 'CRITICAL'],
    ['💣 Program crashed: System trap at 0x00005603f6a4b2c5', 'CRITICAL'],
    ['Unhandled exception:\nSocketException: Connection refused (OS Error: Connection refused, errno = 111), address = db, port = 5432\n#0      _NativeSocket.startConnect (dart:io-patch/socket_patch.dart:681:35)', 'CRITICAL'],
    ['Unhandled exception:', 'CRITICAL'],
    ['error: Uncaught (in promise) TypeError: error sending request for url (https://api.example.com/): connection refused', 'CRITICAL'],
    ['error: Uncaught Error: boom\n    at file:///app/main.ts:1:7', 'CRITICAL'],
    ["terminate called after throwing an instance of 'std::runtime_error'\n  what():  boom", 'CRITICAL'],
    ['*** stack smashing detected ***: terminated', 'CRITICAL'],
    ['free(): invalid pointer', 'CRITICAL'],
    ['double free or corruption (out)', 'CRITICAL'],
    ['Segmentation fault (core dumped)', 'CRITICAL'],
    ['Fatal Python error: Segmentation fault', 'CRITICAL'],
    ["fatal runtime error: stack overflow", 'CRITICAL'],
    ['SIGSEGV: segmentation violation\nPC=0x45e2d1 m=0 sigcode=1', 'CRITICAL'],
    ['42 |     if (!job) throw new Error("drained");\n                    ^\nerror: drained\n      at poll (/app/src/worker.ts:42:21)\n\nBun v1.1.38 (Linux x64 baseline)', 'CRITICAL'],
  ],
  // A worker lost or a request cut, which the server survives: ERROR.
  'Lost workers and failed system calls': [
    ['*** HARAKIRI ON WORKER 10 (pid: 97702, try: 1) ***', 'ERROR'],
    ['Mon Jan 15 01:14:45 2018 - *** HARAKIRI ON WORKER 1 (pid: 53, try: 1) ***', 'ERROR'],
    ['DAMN ! worker 1 (pid: 108) died, killed by signal 9 :( trying respawn ...', 'ERROR'],
    ['Mon Jan 15 01:14:46 2018 - DAMN ! worker 1 (pid: 53) died, killed by signal 9 :( trying respawn ...', 'ERROR'],
    ['uwsgi_response_writev_headers_and_body_do(): Broken pipe [core/writer.c line 306] during GET /api/x (10.0.0.1)', 'ERROR'],
    ['write: Connection reset by peer', 'ERROR'],
    ['[Recovery] 2026/03/10 - 12:00:01 panic recovered:\nruntime error: invalid memory address or nil pointer dereference', 'ERROR'],
    ['[PANIC RECOVER] runtime error: index out of range [3] with length 3 goroutine 7 [running]:', 'ERROR'],
    // The level the writer put in front wins.
    ['2026-03-10 12:00:01 [INFO] worker 2 terminated by signal SIGTERM', 'INFO'],
  ],
  'Python traceback': [
    ['Traceback (most recent call last):\n  File "/app/main.py", line 10, in <module>\n    main()\nValueError: bad', 'ERROR'],
    ['Traceback (most recent call last):', 'ERROR'],
    ['Unhandled error in worker\nTraceback (most recent call last):\n  File "/app/w.py", line 2, in run\nKeyError: \'x\'', 'ERROR'],
  ],
  'JVM': [
    ['Exception in thread "main" java.lang.IllegalStateException: boom\n\tat com.example.Main.main(Main.java:5)', 'ERROR'],
    ['Exception in thread "pool-1-thread-3" java.lang.NullPointerException', 'ERROR'],
    ['java.lang.IllegalStateException: not started\n\tat com.example.Foo.bar(Foo.java:42)\n\tat com.example.Main.main(Main.java:5)', 'ERROR'],
    ['org.postgresql.util.PSQLException: Connection refused\n    at org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:319)', 'ERROR'],
  ],
  // The level as its first letter, as pasted: Jupyter's server (Tornado's LogFormatter), logcat's
  // threadtime lines, and Python's `%(asctime)s %(levelname).1s %(name)s %(message)s` with `%H:%M:%S`.
  'a level as its first letter': [
    ['[E 2023-05-11 00:59:57.452 ServerApp] Uncaught exception GET /lab/api/settings?1683766797224 (172.17.0.1)', 'ERROR'],
    ['[W 2025-02-06 09:41:47.393 ServerApp] Nudge: attempt 120 on kernel 605fe2fe-6d06-4d71-a2e1-001bf734113c', 'WARNING'],
    ['[I 2023-05-11 00:59:56.869 ServerApp] 302 GET / (172.17.0.1) 0.59ms', 'INFO'],
    ['08-03 09:52:53.869  2727  2743 E SQLiteLog: (3850) statement aborts at 1: [BEGIN EXCLUSIVE;] disk I/O error', 'ERROR'],
    ['2026-09-15 15:03:13.450 10362 10362 E AndroidRuntime: FATAL EXCEPTION: main', 'ERROR'],
    ['08-24 14:04:01.685  1516  1516 D AndroidRuntime: Shutting down VM', 'DEBUG'],
    ['10:00:00.123 E aiohttp.server Error handling request', 'ERROR'],
    ['10:00:00.123 W feeds.parse skipping entry without <pubDate> in https://rss.example/feed/a.xml', 'WARNING'],
    ['2026-12-05 10:00:00,123 C app.main no space left on device', 'CRITICAL'],
  ],
  'Go runtime: the process dies': [
    ['panic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a]\n\ngoroutine 1 [running]:', 'CRITICAL'],
    ['panic: assignment to entry in nil map', 'CRITICAL'],
    ['fatal error: concurrent map writes', 'CRITICAL'],
    ['fatal error: all goroutines are asleep - deadlock!', 'CRITICAL'],
  ],
  'Node': [
    ["TypeError: Cannot read properties of undefined (reading 'id')\n    at handler (/app/src/routes.js:42:17)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)", 'ERROR'],
    ['Error: connect ECONNREFUSED 127.0.0.1:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)', 'ERROR'],
    ['Error [ERR_HTTP_HEADERS_SENT]: Cannot set headers after they are sent to the client\n    at ServerResponse.setHeader (node:_http_outgoing:655:11)', 'ERROR'],
    ['Uncaught TypeError: x is not a function', 'ERROR'],
    ['[UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "oops".] {\n  code: \'ERR_UNHANDLED_REJECTION\'\n}', 'ERROR'],
    ['request failed\nMongoNetworkError: connection closed\n    at Socket.<anonymous> (/app/node_modules/mongodb/lib/cmap/connection.js:300:44)', 'ERROR'],
    ['Unhandled rejection: MongoNetworkError: connection closed\n    at Socket.<anonymous> (/app/node_modules/mongodb/lib/cmap/connection.js:300:44)', 'ERROR'],
  ],
  'Ruby': [
    ["/app/app.rb:3:in 'divide': divided by 0 (ZeroDivisionError)\n\tfrom /app/app.rb:7:in '<main>'", 'ERROR'],
    ['app.rb:3:in `/\': divided by 0 (ZeroDivisionError)', 'ERROR'],
  ],
  '.NET': [
    ['Unhandled exception. System.InvalidOperationException: Sequence contains no elements\n   at System.Linq.ThrowHelper.ThrowNoElementsException()\n   at Program.<Main>$(String[] args) in /src/Program.cs:line 3', 'CRITICAL'],
    ['System.NullReferenceException: Object reference not set to an instance of an object.\n   at App.Handler.Run() in /src/Handler.cs:line 12', 'ERROR'],
    ['call failed: System.ServiceModel.FaultException: denied\n   at App.Client.Call() in /src/Client.cs:line 8', 'ERROR'],
    ['soap call: SoapFault: denied\n   at App.Client.Call() in /src/Client.cs:line 8', 'ERROR'],
  ],
  // The main thread's panic ends the process; another thread's ends that thread (tokio catches a task's).
  'Rust': [
    ["thread 'main' panicked at src/main.rs:2:5:\nindex out of bounds", 'CRITICAL'],
    ["thread 'main' panicked at 'called `Option::unwrap()` on a `None` value', src/main.rs:31:47", 'CRITICAL'],
    ["thread 'main' (4242) panicked at src/main.rs:2:5:\nboom", 'CRITICAL'],
    ["thread 'tokio-runtime-worker' panicked at 'index out of bounds: the len is 3 but the index is 7', src/rank.rs:88:21", 'ERROR'],
    ["thread 'tokio-runtime-worker' panicked at src/rank.rs:88:21:\nindex out of bounds: the len is 3 but the index is 7", 'ERROR'],
    ["thread '<unnamed>' panicked at src/worker.rs:12:9:\nexplicit panic", 'ERROR'],
    ["thread 'actix-rt|system:0|arbiter:1' panicked at 'oops', src/h.rs:1:1", 'ERROR'],
    // `main` returned an error chain (anyhow / eyre debug output): the process exits with status 1.
    ['Error: failed to load checkpoint\n\nCaused by:\n    0: reading gs://raw-events/checkpoints/ingest.json\n    1: HTTP status client error (403 Forbidden)', 'CRITICAL'],
    ['Error: failed to load checkpoint\nCaused by:\n    0: reading gs://b/c.json\n    1: permission denied', 'CRITICAL'],
    ['Error: Failed to read config file\n\nCaused by:\n    No such file or directory (os error 2)', 'CRITICAL'],
    ['Error: error sending request for url (http://localhost:8080/)\n\nCaused by:\n    0: error trying to connect: tcp connect error\n    1: Connection refused (os error 111)\n\nStack backtrace:\n   0: anyhow::error::<impl anyhow::Error>::msg', 'CRITICAL'],
  ],
  // A runtime out of memory ends the process: GHC's RTS (as pasted in purescript/pursuit#483,
  // composewell/streamly#2239, conjure-cp/conjure#67) and Rust's default allocation error hook.
  'A runtime out of memory': [
    ['pursuit: Heap exhausted;', 'CRITICAL'],
    ['Data.Stream.ConcurrentEager: Heap exhausted;\nData.Stream.ConcurrentEager: Current maximum heap size is 1073741824 bytes (1024 MB).\nData.Stream.ConcurrentEager: Use `+RTS -M<size>\' to increase it.', 'CRITICAL'],
    ["conjure-all: Heap exhausted;\nCurrent maximum heap size is 2147483648 bytes (2048 MB);\nuse `+RTS -M<size>' to increase it.", 'CRITICAL'],
    ['server: out of memory (requested 1048576 bytes)', 'CRITICAL'],
    ['memory allocation of 8589934592 bytes failed', 'CRITICAL'],
  ],
  // Failures an application printed with no level, in words that say so (failure-lines.ts).
  'A gRPC status error, whatever prints it': [
    // dkron-io/dkron#1334, relab/hotstuff#94 (the std logger's date), grpc/grpc-go#979 (a numeric code).
    ['rpc error: code = Unavailable desc = connection error: desc = "transport: error while dialing: dial unix /tmp/plugin1397974276: connect: connection refused"', 'ERROR'],
    ['2023/03/17 10:40:28 failed to run experiment: failed to start replicas: rpc error: code = Unknown desc = failed to create configuration: could not create configuration: connection failed for addr: 127.0.0.1:36729: dialing node failed: context deadline exceeded', 'ERROR'],
    ['rpc error: code = 14 desc = grpc: the connection is unavailable', 'ERROR'],
    ['2026/03/10 12:00:01.123456 clicks.go:34: record click: rpc error: code = DeadlineExceeded desc = context deadline exceeded', 'ERROR'],
    // A level in front still decides.
    ['INFO: 2021/06/04 07:37:34 [transport] rpc error: code = Canceled desc = context canceled', 'INFO'],
  ],
  'An exception value shown with its constructor first (Haskell `show`, warp\'s default printer)': [
    // As pasted in commercialhaskell/stack's issues: http-client's HttpExceptionRequest.
    ['HttpExceptionRequest Request {\n  host                 = "github.com"\n  port                 = 443\n  secure               = True\n  requestHeaders       = [("User-Agent","The Haskell Stack")]\n  path                 = "/fpco/minghc/blob/master/bin/7z.dll"\n}\n (ConnectionFailure Network.Socket.connect: <socket: 11>: does not exist (Connection refused))', 'ERROR'],
    ['StatusCodeException (Status {statusCode = 404, statusMessage = "Not Found"}) [("Content-Type","text/html")] (CJ {expose = []})', 'ERROR'],
  ],
  'A message that opens by naming its error': [
    // wp-media/wp-rocket#5375, deliciousbrains/wp-offload-ses-lite#28 (PHP's error_log time taken off).
    ["[15-Aug-2022 02:05:35 UTC] WordPress database error Deadlock found when trying to get lock; try restarting transaction for query DELETE FROM `wp_options` WHERE `option_name` = '_transient_wp_rocket_customer_data' made by require('wp-blog-header.php'), require_once('wp-load.php')", 'ERROR'],
    ["WordPress database error Deadlock found when trying to get lock; try restarting transaction for query DELETE FROM `wp_options` WHERE `option_name` = '_transient_wposes_doing_cron_check' made by require('wp-blog-header.php'), delete_transient, delete_option", 'ERROR'],
    // Inside php-fpm's wrapper, whose own WARNING is said of whatever a worker wrote.
    ['[05-Dec-2026 01:17:34] WARNING: [pool www] child 36 said into stderr: "WordPress database error Deadlock found when trying to get lock; try restarting transaction for query UPDATE `wp_options` SET `option_value` = \'1\'"', 'ERROR'],
    ['Database error: SQLSTATE[HY000] [2002] Connection refused', 'ERROR'],
  ],
  // Go's `log.Printf("Error …: %v", err)`: the operation, then the error it got.
  'A message that opens with the operation that failed and its cause': [
    // oauth2-proxy/oauth2-proxy#1461 and #736 (its own header: time and source), samuel/go-zookeeper#33
    // (the standard logger's date), shadowsocks/shadowsocks-go#275 (bare).
    ['[2022/08/23 13:06:36] [oauthproxy.go:768] Error redeeming code during OAuth2 callback: error performing request: Post "https://github.com/login/oauth/access_token": dial tcp: i/o timeout', 'ERROR'],
    ['[2020/08/25 18:05:16] [oauthproxy.go:798] Error redeeming code during OAuth2 callback: token exchange: oauth2: cannot fetch token: 400 Bad Request', 'ERROR'],
    ['2014/07/25 19:02:19 Failed to connect to :2181: dial tcp :2181: connection refused', 'ERROR'],
    ['error connecting to: [::1]:9229 dial tcp [::1]:9229: getsockopt: connection refused', 'ERROR'],
    ['Error while loading CSRF cookie: http: named cookie not present', 'ERROR'],
    ['failed to dial 10.0.0.3:5432: connect: connection refused', 'ERROR'],
    // Active Job's LogSubscriber (`error do … "Error performing #{job} (Job ID: …) from #{queue} in …ms: #{ex.class} (#{ex.message}):"`),
    // behind Rails 8's tagged logger, which prints no level: the parenthesised `Job ID: ` is no cause.
    ['[ActiveJob] [GenerateLabelJob] [95d688b5-ea46-4298-9aea-2328e2780e31] Error performing GenerateLabelJob (Job ID: 95d688b5-ea46-4298-9aea-2328e2780e31) from Async(default) in 30094.82ms: Faraday::TimeoutError (Net::ReadTimeout with #<TCPSocket:(closed)>):', 'ERROR'],
    ['Error performing SyncJob (Job ID: 1b2c) from Sidekiq(default) in 12.5ms: ActiveRecord::RecordNotFound (Couldn\'t find Order with \'id\'=7):', 'ERROR'],
    // A level in front still decides.
    ['2026-03-10 12:00:01,234 WARNING app: Failed to refresh cache: timeout', 'WARNING'],
  ],
  // Prisma's CLI prints a known error with its code and exits 1: prisma/orm#10104 and evolution-foundation/
  // evolution-api#1087 (the code and message on one line), prisma/orm#11213 and palhinhax/TheBate#48 (the
  // code alone, the message after a blank line), langfuse/langfuse#3676 (P3009 under `migrate deploy`).
  "A Prisma CLI error with its code": [
    ["Error: P1001: Can't reach database server at `dpg-cm59nkq1hbls73ahtp70-a.oregon-postgres.render.com`:`5432`\n\nPlease make sure your database server is running at `dpg-cm59nkq1hbls73ahtp70-a.oregon-postgres.render.com`:`5432`.", 'ERROR'],
    ["Error: P1001: Can't reach database server at `localhost:5432`", 'ERROR'],
    ['Error: P1001\n\nCan\'t reach database server at "xxx.xxx.xxx.xxx":"3306"\n\nPlease make sure your database server is running at "xxx.xxx.xxx.xxx":"3306".', 'ERROR'],
    ['Error: P1002\n\nThe database server at `ep-sparkling-credit-ah1c1aak-pooler.c-3.us-east-1.aws.neon.tech:5432` was reached but timed out.', 'ERROR'],
    ['Error: P3009\n\nmigrate found failed migrations in the target database, new migrations will not be applied. Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve', 'ERROR'],
  ],
  // The Functions Framework for Go prints the error a CloudEvent function returned on stderr
  // (GoogleCloudPlatform/functions-framework-go funcframework/framework.go, `Function error: %v`).
  "A Go function's returned error, as its framework prints it": [
    ["Function error: write gs://thumbs/u_76193/photo_5294_320.jpg: googleapi: Error 403: fn@p.iam.gserviceaccount.com does not have storage.objects.create access to the Google Cloud Storage object., forbidden", 'ERROR'],
    ['Function error: decode gs://uploads/u_81459/DSC3606.HEIC: image: unknown format', 'ERROR'],
  ],
  // chi's Recoverer prints the panic after a blank line, indented (go-chi/chi#633, as pasted).
  'A panic a middleware recovered and printed': [
    ['\n panic: foo\n \n -> github.com/go-chi/chi/v5/middleware.TestRecoverer.func1\n ->   /home/jraspass/chi/middleware/recoverer_test.go:15\n\n    net/http.HandlerFunc.ServeHTTP\n      /usr/lib/go/src/net/http/server.go:2069', 'ERROR'],
    [' panic: runtime error: invalid memory address or nil pointer dereference', 'ERROR'],
    // gorilla/handlers' RecoveryHandler logs the recovered value alone through the standard logger
    // (recovery.go: `h.log(err)`; jaegertracing/jaeger's zap wrapper of it logged the same message), then
    // debug.Stack() as a second write; a runtime.Error's text always opens with `runtime error: `.
    ['2026/12/04 01:47:43 runtime error: invalid memory address or nil pointer dereference', 'ERROR'],
    ['runtime error: index out of range [3] with length 3', 'ERROR'],
    ['2026/12/04 01:47:43 runtime error: invalid memory address or nil pointer dereference\n2026/12/04 01:47:43 goroutine 57 [running]:\nruntime/debug.Stack()\n\t/usr/local/go/src/runtime/debug/stack.go:26 +0x5e', 'ERROR'],
  ],
  // Perl's own warnings and warn() with no newline end in the place they were raised (perlfunc warn/die:
  // ` at FILE line N.`, and `, <FH> line N` after a read); with no logger, they reach stderr bare.
  // everything2/everything2#804 and #752, pasted as titles; perldiag's (W uninitialized).
  'A Perl warning with its place': [
    ['Use of uninitialized value in concatenation (.) or string at /var/everything/ecore/Everything/Delegation/htmlcode.pm line 12116.', 'WARNING'],
    ['Use of uninitialized value $confirm in concatenation (.) or string at /var/everything/ecore/Everything/Delegation/htmlcode.pm line 2540.', 'WARNING'],
    ['Argument "abc" isn\'t numeric in addition (+) at ./sum.pl line 7, <STDIN> line 2.', 'WARNING'],
    ['Use of uninitialized value $x in addition (+) at -e line 1.', 'WARNING'],
  ],
};

// Free text that mentions a level is not a level: only headers, level keys and trace shapes count.
const notLevels = [
  'the worker died yesterday',
  'runtime errors: 0',
  'see the notes at line 3.',
  'Scheduled at /jobs/nightly line-up.',
  'signal handler installed',
  'Broken pipe detection enabled',
  'Fatal errors: 0',
  'Unhandled exceptions are reported to Sentry',
  'program crashed? no',
  'health ok, error_count=0',
  'No error: all 12 checks passed',
  'Last error: None',
  'Retrying request error: Timeout after 5s',
  'the rpc error: code = OK desc = is never returned',
  'grpc: addrConn.createTransport failed, error handling is up to the caller',
  'ErrorBoundary mounted',
  'HttpExceptionRequest is the constructor of the exceptions http-client throws',
  'heap exhausted twice in the load test, see the report',
  'Parse error count: 0',
  '\n\nhealth ok, error_count=0',
  'retrying after error',
  'Request finished: errors=0 warnings=0',
  'GET /api/errors 200',
  'user clicked "report error" button',
  'Connection ERROR from host 10.0.0.3',
  'ERRORS: none',
  'ERROR_COUNT=0',
  'WARNINGS=0',
  'No errors found',
  'Error: boom',
  'Error: connection refused',
  // Without its chain, `Error: ` opens too many texts to say anything; a chain must follow on its own line.
  'Error: boom\nCaused by:',
  'Error: boom\nCaused by: java.io.IOException: x',
  'Error: boom\nsomething else\nCaused by:\n    0: x',
  'Error: \nCaused by:\n    0: x',
  'java.lang.IllegalStateException: not started',
  'errorHandler registered',
  'Erroneous input ignored',
  'Critical section entered',
  'the level=error threshold is configurable',
  'level=verbose msg=x',
  'level= msg=x',
  '2026-03-10 12:00:01,234 - app - started processing errors',
  '[main] connecting to db',
  'fail: something went wrong',
  'Traceback requested by user',
  'E0310 is the code',
  // Twenty-one digits is no thread id absl-py prints (an unsigned 64-bit number has twenty).
  'E0310 12:00:01.123456 123456789012345678901 file.go:42] x',
  '    at foo (/app/a.js:1:2)',
  'retrying after error\n    at foo (/app/a.js:1:2)',
  'ErrorHandler installed\n    at foo (/app/a.js:1:2)',
  'goroutine 1 [running]:',
  'Caused by: java.io.IOException: x',
  'panicked users: 3',
  'PHP Fatal errors are written to the log',
  // php-fpm's WARNING is said of whatever a worker wrote: a frame of a split trace states no level.
  '[10-Mar-2026 01:37:07] WARNING: [pool www] child 331 said into stderr: "#0 /var/www/html/app/Jobs/SettlePayout.php(64): x()"',
  'user=42 [error] is not a header without a time',
  "thread 'main' exited normally",
  'fatal errors so far: 0',
  '',
  '   ',
  '2026-03-10 12:00:01 started',
  '12:00:01.234 [main] c.e.Foo - no level here',
  '[2026-03-10 12:00:01,234] hello',
  '<9>not a priority',
  'We are at capacity, please retry',
  // Parentheses and a colon, and no exception's name: a word in front of them is not a Ruby exception.
  'Processing (3 items):',
  'PG::Connection (pid 5) opened',
  'Rendered layout (Duration: 3.1ms | GC: 0.0ms)',
  'Admin::OrdersController (loaded',
  '[a0da4c84-4c5a-4e38-b579-aaaffa0695c0] Admin (x):',
  '[a0da4c84-4c5a-4e38-b579-aaaffa0695c0]   \n[a0da4c84-4c5a-4e38-b579-aaaffa0695c0] Started GET "/" for 1.2.3.4 at 2026-12-14 12:37:58 +0000',
  // An operation and its cause are the whole shape: no operation, no cause, or a feature's name.
  'Error rate: 0.1%',
  'Failed logins: 0',
  'Error handling (retries: 3): on',
  // A lower-case word after a time with no tab after it says nothing of a level.
  '2026-03-10T12:00:01.234Z error count 0',
  'Failed logins (last hour: 3)',
  'Error handling middleware installed: ok',
  'Error reporting enabled: sentry',
  'error while loading nothing',
  // Prisma's code shape only: a version, a product code or a word after `Error: ` is no Prisma error.
  'Error: P10',
  'Error: P10011 rows',
  'Error: Process exited with code 1',
  'Error: PostgreSQL is not running',
];

const allCases = [...Object.entries(headers), ...Object.entries(traces)];

describe('textSeverity', () => {
  describe.each(allCases)('%s', (_format, cases) => {
    it.each(cases)('%j -> %s', (text, expected) => {
      expect(textSeverity(text)).toBe(expected);
    });
  });

  it.each(notLevels)('%j states no level', (text) => {
    expect(textSeverity(text)).toBeNull();
  });

  it('reads CRLF text as LF text', () => {
    expect(textSeverity('Mar 10, 2026 12:00:01 PM com.example.Foo bar\r\nSEVERE: boom')).toBe('ERROR');
    expect(textSeverity('TypeError: x\r\n    at f (/app/a.js:1:2)')).toBe('ERROR');
  });

  it('looks at the start of the text only: a header far down is not one', () => {
    expect(textSeverity(`${'x'.repeat(10_000)}\nERROR:root:late`)).toBeNull();
  });
});

describe('mayBelongToTrace', () => {
  it.each([
    '    at handler (/app/src/routes.js:42:17)',
    '\tat com.example.Foo.bar(Foo.java:42)',
    '  File "/app/main.py", line 10, in <module>',
    '    main()',
    'Traceback (most recent call last):',
    'Caused by: java.io.IOException: broken pipe',
    '\t... 12 more',
    '... 12 more',
    'goroutine 1 [running]:',
    'panic: boom',
    'main.main()',
    'created by net/http.(*Server).Serve in goroutine 1',
    'ValueError: bad',
    'sqlalchemy.exc.OperationalError: timeout',
    'During handling of the above exception, another exception occurred:',
    'The above exception was the direct cause of the following exception:',
    'Suppressed: java.io.IOException: close failed',
    '--- End of inner exception stack trace ---',
    '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a]',
    'exit status 2',
    'java.util.concurrent.TimeoutException',
    'StopIteration',
    // A line that names an error may be the head of the frames that follow it.
    'Unhandled rejection: MongoNetworkError: connection closed',
    'request failed',
    'retrying after error',
    // Lines of multi-line records that reassembly joins (trace-grammar.ts), as their frameworks print them.
    '> File "/app/ingest/decode.py", line 41, in decode_row',
    'Node.js v20.11.1',
    '/app/dist/cart/total.js:17',
    'node:internal/process/promises:289',
    '(node:1) [DEP0005] DeprecationWarning: Buffer() is deprecated due to security and usability issues.',
    '(Use `node --trace-deprecation ...` to show where the warning was created)',
    'main.(*Router).Assign',
    'net/http.HandlerFunc.ServeHTTP',
    "[04b21b68-027f-48d7-aea3-ea1fb24e1f14] ActiveRecord::RecordNotFound (Couldn't find Account with 'id'=42):",
    '[04b21b68-027f-48d7-aea3-ea1fb24e1f14]   ',
    '[SQL: SELECT items.id FROM items WHERE items.id = %(pk_1)s]',
    "[parameters: {'pk_1': 68983}]",
    '(Background on this error at: https://sqlalche.me/e/20/e3q8)',
  ])('%j may belong to a trace', (line) => {
    expect(mayBelongToTrace(line)).toBe(true);
  });

  it.each(['health ok', 'GET /api 200', 'started in 3s', '', 'user signed in', 'Listening on port 8080', '[main] started', '[2026-03-10 12:00:01] started',
    '/healthz', 'Created at: 2026-03-10', 'Recent access records: none', '#1: first in line'])('%j does not', (line) => {
    expect(mayBelongToTrace(line)).toBe(false);
  });
});

// The Cloud Logging filter preselects DEFAULT entries with this pattern (RE2); it must never drop what
// textSeverity or mayBelongToTrace would keep. Translated to a JS RegExp here as the test server does.
function re2(pattern: string): RegExp {
  const insensitive = pattern.startsWith('(?i)');
  return new RegExp(insensitive ? pattern.slice(4) : pattern, insensitive ? 'i' : '');
}

describe('a status marker', () => {
  it.each([
    ['a symbol glued to a number', '×2 faster than before'],
    ['a symbol alone on its line', ' ⨯'],
    ['a bullet that says no level', ' ○ Compiling /products/[slug] ...'],
    ["Next's ready line", '  ▲ Next.js 15.1.3'],
    ['a symbol inside the message', 'retry 3 × 200ms'],
  ])('states no problem in %s', (_name, text) => {
    const severity = textSeverity(text);
    expect(severity === null || SEVERITIES.indexOf(severity) < SEVERITIES.indexOf('NOTICE')).toBe(true);
  });
});

describe('severityTextPattern', () => {
  const rank = (s: Severity) => SEVERITIES.indexOf(s);
  const floors: Severity[] = ['DEBUG', 'INFO', 'NOTICE', 'WARNING', 'ERROR', 'CRITICAL'];

  it.each(floors)('at floor %s matches every case at or above it', (floor) => {
    const pattern = re2(severityTextPattern(floor));
    for (const [, cases] of allCases) {
      for (const [text, expected] of cases) {
        if (rank(expected) >= rank(floor)) expect({ text, matched: pattern.test(text) }).toEqual({ text, matched: true });
      }
    }
  });

  it('matches every line that may belong to a trace, whatever the floor', () => {
    const pattern = re2(severityTextPattern('EMERGENCY'));
    for (const line of ['    at f (a.js:1:2)', '\tat x.Y(Y.java:1)', '  File "a.py", line 1', 'Caused by: x', '... 3 more', 'goroutine 7 [chan receive]:', 'main.main()',
      'created by main.run', "app/views/invoices/show.html.erb:12:in `_app_views_invoices_show_html_erb___4719'", 'ValueError: x', 'Suppressed: x', '--- End of inner exception stack trace ---', '[signal SIGSEGV]', 'exit status 2', 'app.Conflict',
      'StopIteration', 'asyncio.Timeout', 'request failed', 'x.rb:3:in `f\'', '> File "a.py", line 1, in f', 'Node.js v20.11.1', '/app/a.js:17', 'node:internal/x:289',
      '(node:12) Warning: x', '(Use `node --trace-warnings ...`)', 'main.(*R).Assign', 'net/http.HandlerFunc.ServeHTTP', '[0a1b2c3d-0000] x', '[SQL: SELECT 1]', '[parameters: {}]',
      '(Background on this error at: https://x)', "File name: '/app/templates/invoice-v3.frx'", 'Parameter name: source']) {
      expect({ line, matched: pattern.test(line) }).toEqual({ line, matched: true });
    }
  });

  it('keeps, and matches, the lines of PHP, Rust, Elixir, java.util.logging, kombu and Prisma records that name no error', () => {
    const pattern = re2(severityTextPattern('EMERGENCY'));
    for (const line of ["#0 /var/www/app/Jobs/Settle.php(64): Money::fromMinor('1')", '#4 {main}', 'Stack trace:', '[stacktrace]', '"} ', 'stack backtrace:',
      'Stack backtrace:', 'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace', 'Caused by:', '** (exit) an exception was raised:',
      'Last message: {:track, 1}', 'State: %{rooms: %{}}', 'Mar 10, 2026 12:14:15 AM com.acme.thumbs.Uploader put', 'Trying again in 4.00 seconds... (2/100)',
      'Invalid `prisma.order.create()` invocation in', '/app/dist/orders/orders.repository.js:30:38', '→ 30         return this.prisma.order.create(',
      // Netty's leak report and Reactor's checkpoint block.
      'Recent access records: ', 'Recent access records: 4', '#1:', '#12:', 'Created at:', ': 7 leak records were discarded because the leak record count is targeted to 4.',
      // Dart's frames and gaps (the VM's and package:stack_trace's).
      '#0      main (file:///app/bin/server.dart:12:3)', 'package:feeds/src/refresh.dart 42:7  Refresher.refresh', 'dart:async                     _rootRunUnary',
      '===== asynchronous gap ===========================', '<asynchronous suspension>',
      'Original Stack Trace:', 'Assembly trace from producer [reactor.core.publisher.MonoError] :',
      'Assembly site of producer [reactor.core.publisher.MonoFlatMap] is identified by light checkpoint [x].', 'Error has been observed at the following site(s):']) {
      expect({ line, kept: mayBelongToTrace(line), matched: pattern.test(line) }).toEqual({ line, kept: true, matched: true });
    }
  });

  it("keeps, and matches, pino-pretty's header at any level: its property lines (indented, always read) are joined to it, not to a record near them", () => {
    const pattern = re2(severityTextPattern('EMERGENCY'));
    // pinojs/pino-http#61, pinojs/pino-pretty's README and help.md, fastify's request log through pino-pretty 10+.
    for (const line of ['[1553698996235] INFO  (52887 on MacBook-Pro): request errored', '[1522431328992] INFO (42 on foo): hello world',
      '[2020-04-24 05:42:24.836 +0000] INFO : TT 21', '[01:10:16.852] INFO (13036): request completed', 'INFO [1522431328992] (42 on foo): hello world',
      '[10:30:45] DEBUG: cache warmed', '[2022-08-02 03:20:51.552 +0000] INFO (app.ts): info message']) {
      expect({ line, kept: mayBelongToTrace(line), matched: pattern.test(line) }).toEqual({ line, kept: true, matched: true });
    }
    expect(mayBelongToTrace('[10:30:45] started')).toBe(false);
  });

  it("keeps, and matches, a record's tail lines that name no error: an error's fields, a code frame, a stack banner, a version line", () => {
    const pattern = re2(severityTextPattern('EMERGENCY'));
    for (const line of ['DETAIL:  Failing row contains (5521, null, todo).', 'DETAIL: Key (EmployeeId)=(4411) is not present in table "employees".',
      'HINT:  Perhaps you meant to reference the column "stock.sku".', 'LINE 1: SELECT skus, qty FROM stock', 'CONTEXT:  SQL statement "update rooms set name = NULL"',
      'PL/pgSQL function purge_rooms(integer) line 23 at EXECUTE', '  Detail: Key (idempotency_key)=(6f1c) already exists.', '    SqlState: 23503', '  Exception data:',
      '17 | export function orient(meta) {', '> 12 |   return x;', '                 ^', 'Bun v1.1.38 (Linux x64 baseline)', '*** Check failure stack trace: ***',
      '*** SIGABRT (@0x12c6) received by PID 1 (TID 0x7f57) from PID 1; stack trace: ***', '    @     0x55d4c2a1b7f3  google::LogMessage::Fail()']) {
      expect({ line, kept: mayBelongToTrace(line), matched: pattern.test(line) }).toEqual({ line, kept: true, matched: true });
    }
    // A level, however it is padded, is no field: uvicorn's access lines stay out at a NOTICE floor.
    const notice = re2(severityTextPattern('NOTICE'));
    for (const line of ['INFO:     10.0.0.7:40912 - "GET /healthz HTTP/1.1" 200 OK', 'Status: ready', 'v1.2.3 deployed']) {
      expect({ line, kept: mayBelongToTrace(line), matched: notice.test(line) }).toEqual({ line, kept: false, matched: false });
    }
  });

  it("keeps, and matches, the items asyncio's loop logs under its message; not any word and colon", () => {
    const pattern = re2(severityTextPattern('EMERGENCY'));
    for (const line of ['client_session: <aiohttp.client.ClientSession object at 0x7f3a9c0d2e10>',
      "connections: ['[(<aiohttp.client_proto.ResponseHandler object at 0x7fc157bce320>, 3447611.66)]']",
      "task: <Task pending name='Task-4' coro=<RequestHandler.start() done, defined at /app/web_protocol.py:437>>", 'handle: <Handle _SelectorSocketTransport._read_ready()>',
      'source_traceback: Object created at (most recent call last):']) {
      expect({ line, kept: mayBelongToTrace(line), matched: pattern.test(line) }).toEqual({ line, kept: true, matched: true });
    }
    for (const line of ['status: ok', 'task: refresh sources', 'Session: <none>']) expect({ line, kept: mayBelongToTrace(line) }).toEqual({ line, kept: false });
  });

  it('reads past colour codes and CRLF line ends as the text rules do', () => {
    const pattern = re2(severityTextPattern('ERROR'));
    for (const text of ['\u001b[31mE0310 12:00:01.123456 1 f.go:1] x', '\u001b[2m    at f (a.js:1:2)', '\u001b[0m<3>x', 'main.main()\r\n\t/app/main.go:8', 'app.Conflict\r\nmore',
      'main.main()\u001b[31m', 'main.main()\rnext']) {
      expect({ text, kept: textSeverity(text) !== null || mayBelongToTrace(text), matched: pattern.test(text) }).toEqual({ text, kept: true, matched: true });
    }
  });

  it('matches a Ruby exception and its backtrace, and Puma\'s `!` lines, which name no level', () => {
    const pattern = re2(severityTextPattern('ERROR'));
    for (const text of ["Net::ReadTimeout: x\napp/views/a.html.erb:3:in `f'", '2026-03-10 02:25:07 +0000: Rack app ("GET /" - (1.2.3.4)): #<Foo::Bar: x>\napp/views/a.html.erb:3:in \'f\'',
      '[1] ! Terminating timed out worker: 123', '! Unable to load application']) {
      expect({ text, severity: textSeverity(text), matched: pattern.test(text) }).toEqual({ text, severity: 'ERROR', matched: true });
    }
  });

  it("matches Redis's warning mark only where the floor reaches warnings", () => {
    const line = "1:M 09 Dec 2026 07:45:27.695 # Can't save in background: fork: Cannot allocate memory";
    expect(re2(severityTextPattern('WARNING')).test(line)).toBe(true);
    expect(re2(severityTextPattern('NOTICE')).test(line)).toBe(true);
    expect(re2(severityTextPattern('ERROR')).test(line)).toBe(false);
    expect(re2(severityTextPattern('WARNING')).test('1:M 09 Dec 2026 07:45:27.695 * Background saving started by pid 20')).toBe(false);
  });

  it("matches Passenger's letters only where the floor reaches them; its notices are its routine", () => {
    const warning = '[ W 2026-12-10 00:03:15.2268 17/T7 age/Cor/Con/CheckoutSession.cpp:245 ]: [Client 2-385] Returning HTTP 503 due to: Request queue full';
    expect(re2(severityTextPattern('WARNING')).test(warning)).toBe(true);
    expect(re2(severityTextPattern('ERROR')).test(warning)).toBe(false);
    const notice = '[ N 2020-11-02 22:36:17.4264 6806/T1 age/Cor/CoreMain.cpp:1015 ]: Passenger core online, PID 6806';
    expect(re2(severityTextPattern('NOTICE')).test(notice)).toBe(false);
    expect(re2(severityTextPattern('INFO')).test(notice)).toBe(true);
  });

  it("lets through the parts of an Auth.js error, which name no level word, at ERROR, by the colours its logger always writes", () => {
    for (const text of ['\u001b[31m[auth][details]\u001b[0m: {}', '\u001b[31m[auth][cause]\u001b[0m: JWEInvalid: Invalid Compact JWE']) {
      expect(textSeverity(text)).toBe('ERROR');
      expect(re2(severityTextPattern('ERROR')).test(text)).toBe(true);
    }
  });

  it("lets through gin's Recovery frame places, which the prefilter reads alone, at every floor", () => {
    // gin-gonic/gin recovery.go writes each frame as its place and program counter over its function line.
    const frames = ['/usr/local/go/src/runtime/signal_unix.go:917 (0x8254f6)', '/root/go/pkg/mod/github.com/gin-gonic/gin@v1.10.0/context.go:185 (0xaf3d19)', 'app/x.go:3 (0x1)'];
    for (const floor of floors) {
      const pattern = re2(severityTextPattern(floor));
      for (const text of frames) expect({ floor, text, kept: mayBelongToTrace(text), matched: pattern.test(text) }).toEqual({ floor, text, kept: true, matched: true });
    }
    expect(re2(severityTextPattern('NOTICE')).test('GET /app/x.go:3 (0x1) served')).toBe(false);
  });

  it('leaves out plain text that says nothing', () => {
    const pattern = re2(severityTextPattern('NOTICE'));
    for (const text of ['GET /api 200', 'started in 3s', 'user signed in']) expect(pattern.test(text)).toBe(false);
  });

  it.each(['DEBUG', 'NOTICE', 'ERROR'] as Severity[])('at floor %s is a superset of textSeverity and mayBelongToTrace on generated text', (floor) => {
    const pattern = re2(severityTextPattern(floor));
    const pieces = fc.constantFrom('ERROR', 'error', 'WARN', 'INFO', 'info', 'a.', 'B', 'Timeout', 'Suppressed: ', 'exit status ', 'fail', '\u001b[31m', '\r\n', '\r',
      'main.main()', 'level=', 'lvl=', '[', ']', ':', ' ', '\t', '\n', 'E0310 ', 'I0310 ', '12:00:01.123456 ', '1 ', 'f.go:1] ', '2026-03-10 ', '12:00:01,234 ', '- ', '| ',
      'Traceback (most recent call last):', '    at ', 'f (a.js:1:2)', 'TypeError: x', 'panic: ', '<3>', '<6>', 'fail: ', 'A.B[1]', 'x', 'Mar 10, 2026 12:00:01 PM c m\n',
      'SEVERE', 'E, [t #1] ', ' -- ', 'npm ', 'ERR! ', 'crit', '(', ')', 'Exception', 'Uncaught ', "thread 'm' panicked at ", "thread 'main' panicked at ", 'fatal error: ', 'PHP Deprecated:  ', 'PHP Warning: ',
      '[10-Mar-2026 00:56:55] ', 'request_id=x ', '[warning] ', 'child 1 said into stderr: "', '[pool www] ', '[Nest] 1  - ', ' +12ms', '\u009b0m', "x.rb:1:in `f'", ' (Boom)',
      'Unhandled exception. ', '"', 'Exception in thread "m" ', 'err', 'lvl=eror', '.', '$', '0', '> File "', 'Node.js v', '/app/a.js:', 'node:', '(node:1) ',
      '(Use `', '[SQL: ', '[parameters: ', '(Background on this error at: ', '[0a1b2c3d-0000] ', '(*R)', '/',
      '[1] ', '! ', 'WARNING: ', "app/x.erb:3:in `f'", ':in ', '#<', 'Net::ReadTimeout', ' (', '):', 'PG::ConnectionBad', 'FooError', '[a0da4c84-4c5a] ', 'pid=1 tid=a ', 'class=J jid=1 ', 'WARN: ', '2026-03-10 02:25:07 +0000: ',
      '/app/o.go:88 (0xd245b7)', '.828602: W ', ': E ', 'tensorflow/core/x.cc:82] ', '15.643 ', '[W] ', '[e] ', '[items.go:131] ');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 14 }), (parts) => {
        const text = parts.join('');
        const severity = textSeverity(text);
        const keep = (severity !== null && rank(severity) >= rank(floor)) || mayBelongToTrace(text);
        return !keep || pattern.test(text);
      }),
      { numRuns: 10_000, seed: 7 },
    );
  });

  it('is valid RE2 as far as JS can tell: no lookaround, no backreference', () => {
    for (const floor of floors) {
      const source = severityTextPattern(floor);
      expect(source).not.toMatch(/\(\?[=!<]|\\[1-9]/);
      expect(() => re2(source)).not.toThrow();
    }
  });
});

describe('hostile text', () => {
  const MB = 1024 * 1024;
  it.each([
    ['level=', 'level='.repeat(MB / 6)],
    ['brackets', '['.repeat(MB)],
    ['timestamps', '2026-03-10 12:00:01,234 '.repeat(MB / 24)],
    ['tabs and ats', '\tat '.repeat(MB / 4)],
    ['glog prefix', 'E0310 12:00:01.123456 '.repeat(MB / 22)],
    ['newlines', '\n'.repeat(MB)],
    ['error types', 'TypeError: '.repeat(MB / 11)],
    ['dotted names', 'a.'.repeat(MB / 2)],
    ['pipes', '| '.repeat(MB / 2)],
  ])('%s: answers without hanging', (_name, text) => {
    expect(() => textSeverity(text)).not.toThrow();
    expect(() => mayBelongToTrace(text)).not.toThrow();
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => {
      const out = textSeverity(s);
      return out === null || (SEVERITIES as readonly string[]).includes(out);
    }));
  });
});

describe('levelWordPatterns', () => {
  const { atLeast, readable } = levelWordPatterns('NOTICE');
  it.each(['error', 'WARN', 'ERROR+2', ' fatal', 'dpanic', 'Notice', 'crit', 'emergency'])('%j is at least NOTICE', (word) => {
    expect(levelWord(word) !== null && SEVERITIES.indexOf(levelWord(word)!) >= SEVERITIES.indexOf('NOTICE')).toBe(true);
    expect(re2(atLeast!).test(word)).toBe(true);
  });
  it.each(['info', 'debug', 'trace', 'verbose', ''])('%j is not', (word) => {
    expect(re2(atLeast!).test(word)).toBe(false);
  });
  it.each(['error', 'ERROR+2', 'info', 'dbug', 'information', 'WARN-4'])('%j is readable', (word) => {
    expect(re2(readable).test(word)).toBe(true);
    expect(levelWord(word)).not.toBeNull();
  });
  it.each([' error ', 'verbose', 'errors', 'level', '50', 'ERROR+2000'])('%j is not: the text decides', (word) => {
    expect(re2(readable).test(word)).toBe(false);
  });
  it('above EMERGENCY there is nothing', () => {
    expect(levelWordPatterns('EMERGENCY').atLeast).toBe('(?i)^\\s*(?:emergency|emerg)');
  });
});

describe('Node crash output', () => {
  // What Node prints when an exception or a rejection ends the process (documented in Node's
  // process docs: the source line, a caret, the error, its frames, then the runtime's version).
  const uncaught = [
    '/app/src/cart.js:12',
    '    return items.reduce((s, i) => s + i.price * i.qty, 0);',
    '                 ^',
    '',
    "TypeError: Cannot read properties of undefined (reading 'reduce')",
    '    at total (/app/src/cart.js:12:18)',
    '    at /app/src/routes.js:40:11',
    '',
    'Node.js v20.11.0',
  ].join('\n');
  const rejection = [
    'node:internal/process/promises:289',
    '            triggerUncaughtException(err, true /* fromPromise */);',
    '            ^',
    '',
    'AxiosError: Request failed with status code 503',
    '    at settle (/app/node_modules/axios/dist/node/axios.cjs:1967:12)',
  ].join('\n');

  it('is CRITICAL: the process stopped, as after a Go panic', () => {
    expect(textSeverity(uncaught)).toBe('CRITICAL');
    expect(textSeverity(rejection)).toBe('CRITICAL');
  });

  it('reads nothing from the trailer or the internal line alone (a split trace not joined back)', () => {
    expect(textSeverity('Node.js v20.11.0')).toBeNull();
    expect(textSeverity('node:internal/process/promises:289')).toBeNull();
  });

  it('leaves an error a process logged and survived at ERROR', () => {
    expect(textSeverity(uncaught.replace('\n\nNode.js v20.11.0', '').split('\n').slice(4).join('\n'))).toBe('ERROR');
  });
});

describe('Go panics', () => {
  const dump = 'goroutine 51 [running]:\nnet/http.(*conn).serve.func1()\n\t/usr/local/go/src/net/http/server.go:1868 +0xb9';
  it('reads a panic net/http recovered as an ERROR the server survived', () => {
    expect(textSeverity('2026/03/10 03:15:49 http: panic serving 169.254.169.126:54880: runtime error: index out of range [2] with length 2')).toBe('ERROR');
    expect(textSeverity(`http: panic serving 10.0.0.1:1234: boom\n${dump}`)).toBe('ERROR');
  });
  it('reads a panic that stopped the process as CRITICAL', () => {
    expect(textSeverity(`panic: runtime error: index out of range [2] with length 2\n\n${dump}`)).toBe('CRITICAL');
  });
  // Fiber's recover middleware writes `panic: %v\n` and debug.Stack(); the stack below is as pasted
  // (a latency observer's deferred recover), its first frame the call that took it.
  const taken = 'goroutine 28 [running]:\nruntime/debug.Stack()\n\t/usr/local/go/src/runtime/debug/stack.go:24 +0x65\n' +
    'github.com/feliixx/mongoplayground/internal.latencyObserver.func1.1()\n\t/home/adrien/project/mongoplayground/internal/server.go:86 +0x2a\n' +
    'panic({0xe3dba0, 0xc0004b4210})';
  it('reads a panic printed with the stack a recover took (runtime/debug.Stack) as an ERROR the process survived', () => {
    expect(textSeverity(`panic: runtime error: invalid memory address or nil pointer dereference\n${taken}`)).toBe('ERROR');
    // The runtime's own dump of the same panic: the process ended.
    expect(textSeverity(`panic: runtime error: invalid memory address or nil pointer dereference\n\n${dump}`)).toBe('CRITICAL');
    // A level the writer put in front still wins.
    expect(textSeverity(`2026/12/05 10:00:00.123456 recover.go:31: [Warn] panic: boom\n${taken}`)).toBe('WARNING');
  });
});

describe('warnings and levels as their printers document them', () => {
  it.each([
    ['winston simple', 'error: Failed to send email to ***@example.org: 550 5.1.1 mailbox unavailable {"service":"notify"}', 'ERROR'],
    ['winston simple warn', 'warn: queue depth 120 over 100', 'WARNING'],
    ['winston verbose', 'verbose: cache warmed', 'DEBUG'],
    ['Node process warning', '(node:1) MaxListenersExceededWarning: Possible EventEmitter memory leak detected. 11 error listeners added to [Socket]. Use emitter.setMaxListeners() to increase limit', 'WARNING'],
    ['Node deprecation', '(node:7) [DEP0005] DeprecationWarning: Buffer() is deprecated due to security and usability issues.', 'WARNING'],
    // A library's own code in the brackets: the MongoDB driver's (Automattic/mongoose#9318 pastes it under Mongoose).
    ['MongoDB driver warning', '(node:1) [MONGODB DRIVER] Warning: useNewUrlParser is a deprecated option: useNewUrlParser has no effect since Node.js Driver version 4.0.0 and will be removed in the next major version', 'WARNING'],
    ['Node process line with no warning', '(node:1) [MONGODB DRIVER] connected to replica set rs0', null],
    // Not a Go function's error (failure-lines.ts): a count, the words alone.
    ['a count of function errors', 'Function errors: 0 in the last hour', null],
    ['the framework words alone', 'Function error:', null],
    ['Python warnings module', '/app/catalog/repo.py:57: LegacyAPIWarning: The Query.get() method is considered legacy as of the 1.x series of SQLAlchemy', 'WARNING'],
    ['Python deprecation', '/usr/lib/python3.12/site-packages/pkg/mod.py:12: DeprecationWarning: datetime.utcnow() is deprecated', 'WARNING'],
  ])('%s', (_name, text, expected) => {
    expect(textSeverity(text)).toBe(expected);
  });

  it.each([
    ['an error count', 'errors: 0 of 12 checks failed'],
    ['a word that ends in Warning in prose', 'see LegacyAPIWarning in the docs'],
    ['a file path and line alone', '/app/catalog/repo.py:57'],
  ])('reads no level from %s', (_name, text) => {
    expect(textSeverity(text)).toBeNull();
  });
});

describe('a level as its first letter', () => {
  it('reads it only standing alone right after a time', () => {
    // A capital letter that starts a message is no level; nor is one with no time before it.
    expect(textSeverity('12:00:01 A user signed in')).toBeNull();
    expect(textSeverity('E aiohttp.server Error handling request')).toBeNull();
    expect(textSeverity('10:00:00.123 Equeue drained')).toBeNull();
  });
});

describe('headers the header stripper knows', () => {
  // One list of header formats for both: a level log-header.ts reads is a level textSeverity reads.
  it.each([
    ['Celery', '[2026-03-10 12:00:01,234: ERROR/MainProcess] consumer: Cannot connect', 'ERROR'],
    ['Celery task', '[2026-03-10 12:00:01,234: WARNING/ForkPoolWorker-2] tasks.sync[1f3c]: retrying', 'WARNING'],
    ['Next.js', 'error - unhandledRejection: boom', 'ERROR'],
    ['syslog tag', 'Mar 10 12:00:01 host python3[123]: ERROR: boom', 'ERROR'],
    ['structlog', '2026-03-10 12:00:01 [error    ] boom', 'ERROR'],
    ['NestJS', '[Nest] 1  - 03/10/2026, 12:00:01 PM   ERROR [ExceptionsHandler] boom', 'ERROR'],
    ['Monolog', '[2026-03-10T12:00:01.234567+00:00] app.ERROR: boom', 'ERROR'],
    ['Laravel', '[2026-03-10 12:00:01] production.WARNING: slow', 'WARNING'],
    ['env_logger', '[2026-03-10T12:00:01Z ERROR my_app::db] boom', 'ERROR'],
    ['zerolog console', '12:00PM ERR boom', 'ERROR'],
  ])('%s', (_name, text, expected) => {
    expect(textSeverity(text)).toBe(expected);
  });
});
