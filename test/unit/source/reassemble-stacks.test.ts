// Multi-line records of PHP, Rust, Elixir, java.util.logging and kombu, as each documents or prints
// them, split by Cloud Run into one entry per line: joined back in either time order, and not joined
// where a line only looks like one of theirs.
import { reassembleAll, type Joined } from '../../../src/source/reassemble.js';
import type { RawEntry } from '../../../src/shared/types.js';
import { cloudRunLines, INSTANCE_A, noBlank, pieces, texts } from '../../support/cloud-run-lines.js';

const A = INSTANCE_A;
const { line, split, writes } = cloudRunLines('stderr');

// PHP's uncaught exception (CLI or error_log), `getTraceAsString()` frames, `thrown in` last.
const PHP_UNCAUGHT = [
  'PHP Fatal error:  Uncaught TypeError: App\\Support\\Money::fromMinor(): Argument #1 ($amount) must be of type int, string given, called in /srv/app/Jobs/Settle.php on line 64',
  'Stack trace:',
  "#0 /srv/app/Jobs/Settle.php(64): App\\Support\\Money::fromMinor('12001')",
  '#1 [internal function]: App\\Jobs\\Settle->handle()',
  '#2 {main}',
  '  thrown in /srv/app/Support/Money.php on line 18',
].join('\n');
// display_errors on stdout (no `PHP ` prefix), and an exception with a previous one (`Next …`).
const PHP_NEXT = [
  'Fatal error: Uncaught RuntimeException: cannot open ledger in /var/www/src/Ledger.php:40',
  'Stack trace:',
  '#0 /var/www/public/index.php(12): Ledger->open()',
  '#1 {main}',
  '',
  'Next LogicException: ledger unavailable in /var/www/src/Ledger.php:44',
  'Stack trace:',
  '#0 /var/www/public/index.php(12): Ledger->open()',
  '#1 {main}',
  '  thrown in /var/www/src/Ledger.php on line 44',
].join('\n');
// Monolog's LineFormatter as Laravel configures it: the exception in the context, `[stacktrace]`, a
// previous exception with its own frames, and the context's closing `"}`.
const LARAVEL = [
  '[2026-03-10 10:00:00] production.ERROR: SQLSTATE[HY000] [2002] Connection refused {"exception":"[object] (Illuminate\\\\Database\\\\QueryException(code: 2002): SQLSTATE[HY000] [2002] Connection refused at /var/www/html/vendor/laravel/framework/src/Illuminate/Database/Connection.php:829)',
  '[stacktrace]',
  '#0 /var/www/html/vendor/laravel/framework/src/Illuminate/Database/Connection.php(783): Illuminate\\\\Database\\\\Connection->runQueryCallback()',
  '#1 /var/www/html/app/Http/Controllers/InvoiceController.php(27): Illuminate\\\\Database\\\\Eloquent\\\\Builder->first()',
  '#2 {main}',
  '',
  '[previous exception] [object] (PDOException(code: 2002): SQLSTATE[HY000] [2002] Connection refused at /var/www/html/vendor/laravel/framework/src/Illuminate/Database/Connectors/Connector.php:65)',
  '[stacktrace]',
  '#0 /var/www/html/vendor/laravel/framework/src/Illuminate/Database/Connectors/Connector.php(65): PDO->__construct()',
  '#1 {main}',
  '"} ',
].join('\n');
// A Lumen / Monolog 1 channel with another name, a warning, no previous exception.
const MONOLOG_WARNING = [
  '[2026-03-10 10:00:00] lumen.WARNING: Undefined array key "currency" {"userId":12,"exception":"[object] (ErrorException(code: 0): Undefined array key \\"currency\\" at /app/app/Services/FxRates.php:57)',
  '[stacktrace]',
  '#0 /app/app/Services/FxRates.php(57): Illuminate\\\\Foundation\\\\Bootstrap\\\\HandleExceptions->handleError()',
  '#1 {main}',
  '"}',
].join('\n');

// Monolog's LineFormatter on its default format (`%message% %context% %extra%`, empty parts kept): the
// context's closing `"}` then the extra, `[]` when empty (Seldaek/monolog's LineFormatterTest:
// `core.CRITICAL: foobar {"exception":"[object] (RuntimeException(code: 0): Foo at …)\n[stacktrace]\n#0…"} []`),
// or the fields a processor added (a web processor's `{"url":…}`).
const MONOLOG_DEFAULT = [
  '[2026-12-05 10:00:00] production.ERROR: App\\Jobs\\PushWebhook has been attempted too many times. {"exception":"[object] (Illuminate\\\\Queue\\\\MaxAttemptsExceededException(code: 0): App\\\\Jobs\\\\PushWebhook has been attempted too many times. at /var/www/html/vendor/laravel/framework/src/Illuminate/Queue/MaxAttemptsExceededException.php:24)',
  '[stacktrace]',
  '#0 /var/www/html/vendor/laravel/framework/src/Illuminate/Queue/Worker.php(785): Illuminate\\\\Queue\\\\MaxAttemptsExceededException::forJob(Object(Illuminate\\\\Queue\\\\Jobs\\\\RedisJob))',
  '#1 {main}',
  '"} []',
].join('\n');
const MONOLOG_EXTRA = [
  '[2026-12-05 10:00:00] app.CRITICAL: foobar {"exception":"[object] (RuntimeException(code: 0): Foo at /srv/app/src/Checkout.php:41)',
  '[stacktrace]',
  '#0 /srv/app/public/index.php(12): Checkout->run()',
  '#1 {main}',
  '"} {"url":"/checkout","http_method":"POST","server":"shop.example"}',
].join('\n');

// php-fpm with catch_workers_output: every line of the worker's write wrapped, the last with
// `, pipe is closed`; PHP's own message prefixed with `PHP message:` as the FastCGI SAPI does.
const fpm = (l: string, last = false) => `[10-Mar-2026 10:00:00] WARNING: [pool www] child 256 said into stderr: "${l}"${last ? ', pipe is closed' : ''}`;
const PHP_FPM = PHP_UNCAUGHT.split('\n').map((l, i, all) => fpm(l, i === all.length - 1)).join('\n');
const PHP_FPM_MESSAGE = ['NOTICE: PHP message: PHP Fatal error:  Uncaught Exception: boom in /app/index.php:3', 'Stack trace:', '#0 {main}', '  thrown in /app/index.php on line 3']
  .map((l) => fpm(l)).join('\n');

// Rust's panic: 1.73+ (the message on its own line) with and without a backtrace, before 1.73 (the
// message quoted in the line), and with a thread id as newer releases print it.
const RUST_NEW = [
  "thread 'tokio-runtime-worker' panicked at src/rank.rs:88:21:",
  'index out of bounds: the len is 3 but the index is 7',
  'stack backtrace:',
  '   0: rust_begin_unwind',
  '             at /rustc/90b35a6239c3d8bdabc530a6a0816f7ff89a0aaf/library/std/src/panicking.rs:665:5',
  '   1: search_api::rank::top_k',
  '             at ./src/rank.rs:88:21',
  'note: Some details are omitted, run with `RUST_BACKTRACE=full` for a verbose backtrace.',
].join('\n');
const RUST_NOTE = [
  "thread 'main' (4211) panicked at src/main.rs:31:47:",
  'called `Result::unwrap()` on an `Err` value: NotPresent',
  'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace',
].join('\n');
const RUST_OLD = [
  "thread 'main' panicked at 'called `Option::unwrap()` on a `None` value', src/config.rs:12:9",
  'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace',
].join('\n');
// anyhow's Debug output when main returns an error: one cause, several, and a captured backtrace.
const ANYHOW = [
  'Error: failed to load checkpoint',
  '',
  'Caused by:',
  '    0: reading gs://raw-events/checkpoints/ingest.json',
  '    1: HTTP status client error (403 Forbidden) for url (https://storage.googleapis.com/storage/v1/b/raw-events/o/x)',
].join('\n');
const ANYHOW_ONE = ['Error: failed to read config', '', 'Caused by:', '    No such file or directory (os error 2)'].join('\n');
const ANYHOW_BACKTRACE = [
  'Error: migration failed',
  '',
  'Caused by:',
  '    relation "events" does not exist',
  '',
  'Stack backtrace:',
  '   0: anyhow::error::<impl anyhow::Error>::msg',
  '             at /usr/local/cargo/registry/src/anyhow-1.0.86/src/error.rs:83:36',
  '   1: migrate::main',
].join('\n');

// Plug.Cowboy's crash report under Logger's default format, with Ecto's multi-line message.
const PLUG = [
  '00:07:17.914 request_id=F7vq2Kq8cX0AAAAB [error] #PID<0.1272.0> running RealtimeWeb.Endpoint (connection #PID<0.7987.0>, stream id 2) terminated',
  'Server: realtime.example.com:80 (http)',
  'Request: GET /api/rooms/5849',
  '** (exit) an exception was raised:',
  '    ** (Ecto.NoResultsError) expected at least one result but got none in query:',
  '',
  'from r0 in Realtime.Rooms.Room,',
  '  where: r0.id == ^5849',
  '',
  '        (ecto 3.12.4) lib/ecto/repo/queryable.ex:164: Ecto.Repo.Queryable.one!/3',
  '        (realtime 0.9.2) lib/realtime_web/controllers/room_controller.ex:21: RealtimeWeb.RoomController.show/2',
  '        (phoenix 1.7.14) lib/phoenix/router.ex:484: Phoenix.Router.__call__/5',
].join('\n');
// The same report without metadata, a one-line exception, frames without an application.
const PLUG_PLAIN = [
  '12:00:01.002 [error] #PID<0.556.0> running MyAppWeb.Endpoint (connection #PID<0.555.0>, stream id 1) terminated',
  'Server: localhost:4000 (http)',
  'Request: POST /api/orders',
  '** (exit) an exception was raised:',
  '    ** (ArithmeticError) bad argument in arithmetic expression',
  '        :erlang./(1, 0)',
  '        lib/my_app/orders.ex:12: MyApp.Orders.total/1',
].join('\n');
// A GenServer crash, as OTP's logger reports it through Elixir's formatter.
const GENSERVER = [
  '00:00:01.500 [error] GenServer Realtime.Presence.Tracker terminating',
  '** (KeyError) key :user_id not found in: %{room_id: 12}',
  '    (realtime 0.9.2) lib/realtime/presence/tracker.ex:88: Realtime.Presence.Tracker.handle_cast/2',
  '    (stdlib 6.1.2) gen_server.erl:2371: :gen_server.try_handle_cast/3',
  '    (stdlib 6.1.2) proc_lib.erl:329: :proc_lib.init_p_do_apply/3',
  'Last message (from #PID<0.990.0>): {:track, %{room_id: 12}}',
  'State: %{rooms: %{}, refs: 3}',
  'Client #PID<0.990.0> is alive',
].join('\n');

// java.util.logging's SimpleFormatter: the time and source line, the level and message, the exception.
const JUL = [
  'Mar 10, 2026 12:14:15 AM com.acme.thumbs.Renderer render',
  'SEVERE: thumbnail failed for gs://uploads/a.png',
  'javax.imageio.IIOException: Unsupported Image Type',
  '\tat java.desktop/com.sun.imageio.plugins.jpeg.JPEGImageReader.readInternal(JPEGImageReader.java:1436)',
  '\tat com.acme.thumbs.Renderer.render(Renderer.kt:41)',
].join('\n');
const JUL_WARNING = ['Mar 9, 2026 1:02:03 PM org.apache.catalina.core.StandardContext reload', 'WARNING: Reloading Context with name [] has started'].join('\n');

// kombu's broker retry under Celery's header.
const KOMBU = [
  '[2026-03-10 10:00:00,004: ERROR/MainProcess] consumer: Cannot connect to redis://10.30.0.4:6379/0: Error 111 connecting to 10.30.0.4:6379. Connection refused..',
  'Trying again in 4.00 seconds... (2/100)',
].join('\n');
const KOMBU_OLD = ['[2019-03-10 10:00:00,004: ERROR/MainProcess] consumer: Cannot connect to amqp://guest:**@127.0.0.1:5672//: [Errno 111] Connection refused.', 'Trying again in 2.00 seconds...'].join('\n');

const RECORDS: Array<[string, string, string | null]> = [
  ["PHP's uncaught exception", PHP_UNCAUGHT, null],
  ["PHP's uncaught exception with a previous one (Next …)", PHP_NEXT, null],
  ["Laravel's Monolog line with [stacktrace] and [previous exception]", LARAVEL, null],
  ['Monolog, a warning under another channel', MONOLOG_WARNING, null],
  ["Monolog's default line: the context closed, then the empty extra", MONOLOG_DEFAULT, null],
  ["Monolog's default line: the context closed, then a processor's extra", MONOLOG_EXTRA, null],
  ["PHP's uncaught exception inside php-fpm's child warnings", PHP_FPM, null],
  ["php-fpm's child warnings around a FastCGI PHP message", PHP_FPM_MESSAGE, null],
  ['Rust, a panic with its backtrace (1.73+)', RUST_NEW, null],
  ['Rust, a panic on the main thread with its note and thread id', RUST_NOTE, null],
  ['Rust, a panic before 1.73', RUST_OLD, null],
  ["anyhow, main's error with two causes", ANYHOW, null],
  ['anyhow, one cause', ANYHOW_ONE, null],
  ['anyhow, with a backtrace', ANYHOW_BACKTRACE, null],
  ["Plug's crash report with Ecto's query", PLUG, null],
  ["Plug's crash report, a one-line exception", PLUG_PLAIN, null],
  ['a GenServer terminating', GENSERVER, null],
  ['java.util.logging, a record with an exception', JUL, null],
  ['java.util.logging, a warning (Tomcat)', JUL_WARNING, null],
  ["kombu's retry under Celery's header", KOMBU, null],
  ["kombu's retry, Celery 4 (no count)", KOMBU_OLD, null],
];

describe('reassemble: multi-line records of PHP, Rust, Elixir, java.util.logging and kombu', () => {
  it.each(RECORDS)('%s, oldest first', (_name, record) => {
    expect(texts(reassembleAll(split(record, 0)))).toEqual([noBlank(record)]);
  });

  it.each(RECORDS)('%s, newest first', (_name, record) => {
    expect(texts(reassembleAll(split(record, 0).reverse()))).toEqual([noBlank(record)]);
  });

  it.each(RECORDS)('%s, whole in one entry, passes untouched and is no piece', (_name, record) => {
    const out = reassembleAll([line(record, 0)]);
    expect(texts(out)).toEqual([record]);
    expect(pieces(out)).toEqual([false]);
  });

  it.each(RECORDS)('%s, between plain lines of the same instance', (_name, record) => {
    const entries = [line('plain line before', 0), ...split(record, 2000), line('plain line after', 900_000)];
    for (const input of [entries, [...entries].reverse()]) {
      expect(texts(reassembleAll(input)).sort()).toEqual([noBlank(record), 'plain line after', 'plain line before'].sort());
    }
  });

  it('a wrapped trace and the bare one join to the same lines, wrapper aside', () => {
    const bare = texts(reassembleAll(split(PHP_UNCAUGHT, 0)))[0]!;
    const wrapped = texts(reassembleAll(split(PHP_FPM, 0)))[0]!;
    expect(wrapped.split('\n').length).toBe(bare.split('\n').length);
  });
});

describe('reassemble: where these records end, and what only looks like them', () => {
  it('two records back to back stay two', () => {
    for (const [a, b] of [[LARAVEL, MONOLOG_WARNING], [RUST_OLD, RUST_NEW], [JUL, JUL_WARNING], [GENSERVER, PLUG]] as const) {
      const entries = [...split(a, 0), ...split(b, 200)];
      expect(texts(reassembleAll(entries))).toEqual([noBlank(a), noBlank(b)]);
      expect(texts(reassembleAll([...entries].reverse()))).toEqual([noBlank(b), noBlank(a)]);
    }
  });

  it('a log line after a record is its own', () => {
    const next = '[2026-03-10 10:00:01] production.INFO: Payout batch settled {"count":3,"errors":[]}';
    expect(texts(reassembleAll([...split(LARAVEL, 0), line(next, 5000)]))).toEqual([noBlank(LARAVEL), next]);
    const logger = '00:07:18.001 request_id=F7vq2Kq8cX0AAAAC [info] GET /api/rooms';
    expect(texts(reassembleAll([...split(GENSERVER, 0), line(logger, 60)]))).toEqual([GENSERVER, logger]);
  });

  // Laravel's console components indent every line by two spaces: queue:work's job lines (laravel/framework's
  // WorkCommand: `  2026-12-05 10:00:00 App\\Jobs\\X ....... RUNNING`, then `... 1.52s FAIL` or `... DONE`, dots
  // to the terminal's width, as the framework's docs and issues paste them), a seeder's lines pasted from
  // `docker compose` (manikjain/laravel-api-aws: `  Database\\Seeders\\Users\\RoleTableSeeder .... RUNNING`).
  // A job line that opens with its time is a record of its own, not a continuation of the line before it.
  it("queue:work's indented job lines stay one record each, after each other and after a log record", () => {
    const out = cloudRunLines('stdout');
    const jobs = [
      '  2026-12-05 10:00:00 App\\Jobs\\PushWebhook ............................. RUNNING',
      '  2026-12-05 10:00:01 App\\Jobs\\PushWebhook ........................ 12.40ms FAIL',
      '  2026-12-05 10:00:01 App\\Jobs\\SendInvoiceEmail ........................ RUNNING',
      '  2026-12-05 10:00:02 App\\Jobs\\SendInvoiceEmail .................. 812.33ms DONE',
    ];
    for (const gap of [7, 2000, 400_000]) {
      const entries = jobs.map((text, i) => out.line(text, i * gap));
      for (const input of [entries, [...entries].reverse()]) {
        const joined = reassembleAll(input);
        expect(texts(joined).sort()).toEqual([...jobs].sort());
        expect(pieces(joined)).toEqual(jobs.map(() => false));
      }
    }
    const record = '[2026-12-05 10:00:01] production.ERROR: Connection could not be established with host "smtp.mailgun.org:587" [] []';
    expect(texts(reassembleAll([out.line(record, 0), out.line(jobs[1]!, 9)]))).toEqual([record, jobs[1]]);
  });

  it('a message that starts with a date is no java.util.logging head', () => {
    const lines = ['Mar 10, 2026 12:14:15 AM backup finished without errors', 'SEVERE: disk full'];
    expect(texts(reassembleAll(split(lines.join('\n'), 0)))).toEqual(lines);
  });

  it("uvicorn's padded levels are no java.util.logging level lines", () => {
    const lines = ['Mar 10, 2026 12:14:15 AM com.acme.Main run', 'INFO:     127.0.0.1:5000 - "GET / HTTP/1.1" 200 OK'];
    const out = reassembleAll(split(lines.join('\n'), 0));
    expect(texts(out)).toEqual(lines);
    expect(pieces(out)).toEqual([true, false]);
  });

  it('a line that mentions a thread and a panic is no Rust panic head', () => {
    const lines = ["worker thread 'io' panicked at startup, restarting", 'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace'];
    expect(texts(reassembleAll(split(lines.join('\n'), 0)))).toEqual(lines);
  });

  it('a hash-numbered list is no PHP trace', () => {
    const lines = ['ERROR: 2 checks failed', '#1 disk usage over 90%', '#2 queue depth 4000'];
    expect(texts(reassembleAll(writes(lines.join('\n'), 0)))).toEqual(lines);
    // Written in one write, it is one record all the same, by how it was written (burst-lines.ts), and whole.
    const out = reassembleAll(split(lines.join('\n'), 0));
    expect(texts(out)).toEqual([lines.join('\n')]);
    expect(pieces(out)).toEqual([false]);
  });

  it('an INFO line carrying the word error does not take PHP frames that follow', () => {
    const info = '[2026-03-10 10:00:00] production.INFO: Webhook processed {"status":"ok","error":null}';
    const frames = LARAVEL.split('\n').slice(1, 5);
    const out = reassembleAll([line(info, 0), ...split(frames.join('\n'), 5000)]);
    expect(texts(out)).toEqual([info, frames.join('\n')]);
    expect(pieces(out)).toEqual([false, true]);
  });

  it('php-fpm warnings of its own (not a child\'s output) are not joined', () => {
    const lines = [
      '[10-Mar-2026 10:00:00] WARNING: [pool www] server reached pm.max_children setting (5), consider raising it',
      '[10-Mar-2026 10:00:00] WARNING: [pool www] child 31 exited on signal 9 (SIGKILL) after 12.5 seconds from start',
    ];
    expect(texts(reassembleAll(split(lines.join('\n'), 0)))).toEqual(lines);
  });
});

describe('reassemble: pieces of these records whose head was lost', () => {
  it.each([
    ['PHP frames and the end of the context', LARAVEL.split('\n').slice(1)],
    ["PHP frames inside php-fpm's warnings", PHP_FPM.split('\n').slice(1)],
    ['a Rust backtrace', RUST_NEW.split('\n').slice(2)],
    ["kombu's retry alone", KOMBU.split('\n').slice(1)],
    ['a java.util.logging time and source line alone', JUL.split('\n').slice(0, 1)],
  ])('%s: one piece', (_name, lines) => {
    for (const input of [split(noBlank(lines.join('\n')), 0), split(noBlank(lines.join('\n')), 0).reverse()]) {
      const out = reassembleAll(input);
      expect(texts(out)).toEqual([noBlank(lines.join('\n'))]);
      expect(pieces(out)).toEqual([true]);
    }
  });
});

// NestJS's ConsoleLogger line with Prisma's multi-line message, then the error's stack (its message again).
const PRISMA_MESSAGE = [
  'Invalid `this.prisma.order.create()` invocation in',
  '/app/dist/orders/orders.repository.js:30:38',
  '',
  '  28     }',
  '  29     async create(data) {',
  '→ 30         return this.prisma.order.create(',
  'Unique constraint failed on the fields: (`idempotency_key`)',
];
const NEST_PRISMA = [
  '[Nest] 1  - 03/10/2026, 12:00:01 PM   ERROR [ExceptionsHandler] ',
  ...PRISMA_MESSAGE,
  'PrismaClientKnownRequestError: ',
  ...PRISMA_MESSAGE,
  '    at In.handleRequestError (/app/node_modules/@prisma/client/runtime/library.js:121:7315)',
  '    at async OrdersRepository.create (/app/dist/orders/orders.repository.js:30:20)',
].join('\n');
// The same from Prisma 4 (`❯` marks the line) logged by console.error, no NestJS line.
const PRISMA_CONSOLE = [
  'PrismaClientKnownRequestError: ',
  'Invalid `prisma.user.create()` invocation:',
  '/srv/api/src/users.ts:12:3',
  '',
  '❯ 12   await prisma.user.create({',
  'Unique constraint failed on the fields: (`email`)',
  '    at RequestHandler.handleRequestError (/srv/api/node_modules/@prisma/client/runtime/index.js:30873:13)',
].join('\n');

// Prisma's message where no call site was read (a bundled or minified client): `invocation:`, blank lines,
// then what failed (proto-kit/framework#255: "\nInvalid `prisma.state.findMany()` invocation:\n\n\nTimed out
// fetching …"; prisma/orm#13353 pastes the message indented). NestJS's ConsoleLogger prints an error's message
// after its header (`printMessages`), then the stack as a write of its own (`printStackTrace`): the stack's
// first line is the class and the message's empty first line, the message again under it.
const PRISMA_BARE = [
  'Invalid `prisma.order.findMany()` invocation:',
  '',
  '',
  'Timed out fetching a new connection from the connection pool. More info: http://pris.ly/d/connection-pool (Current connection pool timeout: 10, connection limit: 9)',
];
const NEST_PRISMA_BARE = [
  '[Nest] 1  - 12/11/2026, 12:14:43 AM   ERROR [ExceptionsHandler] ',
  ...PRISMA_BARE,
  'PrismaClientInitializationError: ',
  ...PRISMA_BARE,
  '    at $n.handleRequestError (/app/node_modules/@prisma/client/runtime/library.js:121:7315)',
  '    at async OrdersService.list (/app/dist/orders/orders.service.js:41:24)',
].join('\n');
// A job's own message over the error (`Invoice export … failed: ${err.message}`'s last line), then the stack write.
const NEST_JOB_PRISMA = [
  '[Nest] 1  - 12/11/2026, 2:04:26 AM   ERROR [InvoiceExportJob] Invoice export for 2026-10 failed: Timed out fetching a new connection from the connection pool. More info: http://pris.ly/d/connection-pool (Current connection pool timeout: 10, connection limit: 9)',
  'PrismaClientInitializationError: ',
  'Invalid `prisma.invoice.findMany()` invocation:',
  '',
  '',
  'Timed out fetching a new connection from the connection pool. More info: http://pris.ly/d/connection-pool (Current connection pool timeout: 10, connection limit: 9)',
  '    at $n.handleRequestError (/app/node_modules/@prisma/client/runtime/library.js:121:7315)',
  '    at async InvoiceExportJob.run (/app/dist/invoices/invoice-export.job.js:38:26)',
].join('\n');
// Prisma 6's known request error (P2002) in the same form, its message indented as #13353 pastes it, by console.error.
const PRISMA_BARE_CONSOLE = [
  'PrismaClientKnownRequestError: ',
  'Invalid `prisma.customer.create()` invocation:',
  '',
  '',
  '  Unique constraint failed on the fields: (`email`)',
  '    at $n.handleRequestError (/app/node_modules/@prisma/client/runtime/library.js:121:7315)',
  '    at async CustomersService.create (/app/dist/customers/customers.service.js:22:26)',
].join('\n');

// P1001 (Prisma's error reference): what failed takes two lines, a blank one between them.
const PRISMA_UNREACHABLE = [
  'PrismaClientInitializationError: ',
  'Invalid `prisma.user.findUnique()` invocation:',
  '',
  '',
  "Can't reach database server at `10.20.0.5:5432`",
  '',
  'Please make sure your database server is running at `10.20.0.5:5432`.',
  '    at $n.handleRequestError (/app/node_modules/@prisma/client/runtime/library.js:121:7615)',
  '    at async l (/app/node_modules/@prisma/client/runtime/library.js:130:9633)',
].join('\n');

describe("reassemble: Prisma's multi-line message", () => {
  it.each([
    ['under a NestJS line', NEST_PRISMA], ['logged alone', PRISMA_CONSOLE],
    ['with no call site, under a NestJS line, then its stack', NEST_PRISMA_BARE],
    ["with no call site, under a job's own NestJS line", NEST_JOB_PRISMA],
    ['with no call site and its message indented, logged alone', PRISMA_BARE_CONSOLE],
    ['with no call site and what failed on two lines (P1001)', PRISMA_UNREACHABLE],
  ])('%s: one record in either order, whole untouched', (_name, record) => {
    expect(texts(reassembleAll(split(record, 0)))).toEqual([noBlank(record)]);
    expect(texts(reassembleAll(split(record, 0).reverse()))).toEqual([noBlank(record)]);
    expect(texts(reassembleAll([line(record, 0)]))).toEqual([record]);
  });
});

describe("reassemble: Prisma's bare invocation line takes no other record as its message", () => {
  it.each([
    ["a NestJS record of the same writer's", '[Nest] 1  - 12/11/2026, 2:04:26 AM     LOG [ReconcileJob] Reconciled 82 orders with the payment provider: 0 errors, 0 skipped'],
    ['a JSON record', '{"level":"log","pid":1,"timestamp":1796954666025,"message":"Reconciled 82 orders","context":"ReconcileJob"}'],
    ['a frame', '    at $n.handleRequestError (/app/node_modules/@prisma/client/runtime/library.js:121:7315)'],
  ])('%s after `invocation:` is not what failed', (_name, next) => {
    const head = ['PrismaClientInitializationError: ', 'Invalid `prisma.invoice.findMany()` invocation:'];
    const out = texts(reassembleAll(split([...head, next].join('\n'), 0)));
    expect(out).not.toContain([...head, next].join('\n'));
  });

  it.each([
    ["a NestJS record of the same writer's", '[Nest] 1  - 12/11/2026, 2:04:26 AM     LOG [ReconcileJob] Reconciled 82 orders with the payment provider: 0 errors, 0 skipped'],
    ['a JSON record', '{"level":"log","pid":1,"timestamp":1796954666025,"message":"Reconciled 82 orders","context":"ReconcileJob"}'],
  ])('%s after what failed goes on no message', (_name, next) => {
    const head = ['PrismaClientInitializationError: ', 'Invalid `prisma.invoice.findMany()` invocation:', 'Timed out fetching a new connection from the connection pool.'];
    const out = texts(reassembleAll(split([...head, next].join('\n'), 0)));
    expect(out).not.toContain([...head, next].join('\n'));
  });
});

describe('reassemble: these records with their first lines lost, or cut short', () => {
  // The other writers' lines that land inside a record: another instance's routine line is in another
  // stream; these are the same instance's (a shared stderr).
  const julInfo = ['Mar 10, 2026 12:14:15 AM com.acme.thumbs.Worker handle', 'INFO: rendered 6 thumbnails for 3d56ecbf in 579 ms (failures: 0)'];

  it.each([
    ["Plug's report from its Server: line", PLUG.split('\n').slice(1)],
    ["Plug's report from its Request: line", PLUG.split('\n').slice(2)],
    ["Plug's report from ** (exit), Ecto's query (lines naming no error) and all", PLUG.split('\n').slice(3)],
    ["Plug's report, no port and a query string", ['Server: localhost (https)', 'Request: POST /api/orders?retry=1', ...PLUG_PLAIN.split('\n').slice(3)]],
    ["Plug's report cut after its connection lines", PLUG.split('\n').slice(0, 3)],
    ["Plug's report cut after ** (exit)", PLUG.split('\n').slice(0, 4)],
    ["Prisma's message cut in its code frame", NEST_PRISMA.split('\n').slice(0, 5)],
    ["Prisma's message with no call site cut before what failed", NEST_PRISMA_BARE.split('\n').slice(0, 4)],
    ["anyhow's chain cut after Caused by:", ANYHOW.split('\n').slice(0, 3)],
    ['a Python traceback from a frame, with its exception line', ['  File "/app/mailer/digest.py", line 22, in digest_context', '    greeting = f"Hi {user.profile[\'first_name\']},"', "KeyError: 'first_name'"]],
    ['a Python 3.11+ traceback from a source line, markers and a chained exception', [
      '    ctx = digest_context(user)', '          ^^^^^^^^^^^^^^^^^^^^', '  File "/app/mailer/digest.py", line 22, in digest_context',
      '    greeting = f"Hi {user.profile[\'first_name\']},"', "KeyError: 'first_name'", '', 'The above exception was the direct cause of the following exception:', '',
      'Traceback (most recent call last):', '  File "/app/mailer/tasks.py", line 9, in run', 'mailer.errors.DigestFailed: user 12'],
    ],
  ])('%s: one piece, in either order', (_name, lines) => {
    const record = noBlank(lines.join('\n'));
    for (const input of [split(record, 0), split(record, 0).reverse()]) {
      const out = reassembleAll(input);
      expect(texts(out)).toEqual([record]);
      expect(pieces(out)).toEqual([true]);
    }
  });

  it.each([
    ["Laravel's line cut after [stacktrace]", LARAVEL.split('\n').slice(0, 2)],
    ["PHP's uncaught exception cut after Stack trace:", PHP_UNCAUGHT.split('\n').slice(0, 2)],
    ["a Rust panic cut after stack backtrace:", RUST_NEW.split('\n').slice(0, 3)],
    ['a java.util.logging record whose time and source line was lost', JUL.split('\n').slice(1)],
    // What failed and where are still there: the call, the message and the frames.
    ["Prisma's stack whose class line was lost, from its bare invocation line", noBlank(NEST_PRISMA_BARE).split('\n').slice(4)],
    ['a java.util.logging warning whose time and source line was lost, Tomcat', ['WARNING: Failed to process JAR [jar:file:/opt/app/lib/x.jar!/] for TLD files', 'java.io.FileNotFoundException: /opt/app/lib/x.jar (No such file or directory)', '\tat java.base/java.util.zip.ZipFile$Source.open(ZipFile.java:1373)']],
  ])('%s: one record, in either order, no piece', (_name, lines) => {
    const record = lines.join('\n');
    for (const input of [split(record, 0), split(record, 0).reverse()]) {
      const out = reassembleAll(input);
      expect(texts(out)).toEqual([record]);
      expect(pieces(out)).toEqual([false]);
    }
  });

  it("a Python traceback's exception line written apart from its frames is not theirs", () => {
    const frames = ['  File "/app/mailer/digest.py", line 22, in digest_context', '    greeting = f"Hi {user.profile[\'first_name\']},"'];
    const entries = [...split(frames.join('\n'), 0), line("KeyError: 'first_name'", 5000)];
    for (const input of [entries, [...entries].reverse()]) expect(texts(reassembleAll(input)).sort()).toEqual([frames.join('\n'), "KeyError: 'first_name'"].sort());
  });

  it('lines that only look like Plug\'s connection lines are plain', () => {
    const lines = ['Server: nginx/1.25.3 (Ubuntu)', 'Request: GET https://api.example.com/v1/items', '** (exit) an exception was raised:'];
    const out = reassembleAll(split(lines.join('\n'), 0));
    expect(texts(out)).toEqual(lines);
  });

  it("java.util.logging's routine record written inside another record's frames goes apart (line by line when split)", () => {
    const [head, severe, exception, ...frames] = JUL.split('\n');
    const more = ['\tat kotlinx.coroutines.DispatchedTask.run(DispatchedTask.kt:104)', '\tat kotlinx.coroutines.scheduling.CoroutineScheduler.runSafely(CoroutineScheduler.kt:584)'];
    const record = [head, severe, exception, ...frames, ...more].join('\n');
    let us = 0;
    const next = (text: string) => line(text, (us += 7));
    const entries = [
      next(head!), next(severe!), next(exception!), next(frames[0]!),
      next(julInfo[0]!), next(julInfo[1]!), // split
      next(frames[1]!), next(julInfo.join('\n')), // whole, in one entry
      ...more.map(next),
    ];
    for (const input of [entries, [...entries].reverse()]) {
      expect(texts(reassembleAll(input)).sort()).toEqual([record, ...julInfo, julInfo.join('\n')].sort());
    }
  });

  it("java.util.logging's routine record takes no frames right under its message", () => {
    const frames = ['\tat com.acme.thumbs.Worker$handle$2.invokeSuspend(Worker.kt:57)', '\tat kotlinx.coroutines.DispatchedTask.run(DispatchedTask.kt:104)'];
    for (const record of [[julInfo.join('\n')], julInfo]) {
      const entries = [...record.map((t, i) => line(t, i * 7)), ...split(frames.join('\n'), 14)];
      for (const input of [entries, [...entries].reverse()]) {
        const out = reassembleAll(input).map((j) => [j.raw.textPayload, j.piece === true]);
        expect(out.sort()).toEqual([[julInfo.join('\n'), false], [frames.join('\n'), true]].sort());
      }
    }
  });

  it('two java.util.logging time and source lines in a row: the level line goes with the nearer one', () => {
    const lines = ['Mar 10, 2026 12:08:43 AM com.acme.thumbs.Uploader put', ...julInfo];
    for (const input of [split(lines.join('\n'), 0), split(lines.join('\n'), 0).reverse()]) {
      const out = reassembleAll(input).map((j) => [j.raw.textPayload, j.piece === true]);
      expect(out.sort()).toEqual([[lines[0], true], [julInfo.join('\n'), false]].sort());
    }
  });

  it("a java.util.logging level line between another record's level line and its exception takes the exception", () => {
    // Two records written at once, both time and source lines first: which of them each level line
    // goes with the lines cannot tell (the classifier reads a record by its message), but the exception
    // is the failing record's, never the routine one's.
    const lines = ['Mar 10, 2026 5:10:53 PM com.acme.thumbs.Renderer render', julInfo[0]!, julInfo[1]!, 'SEVERE: thumbnail failed for gs://uploads/b.heic', ...JUL.split('\n').slice(2)];
    for (const input of [split(lines.join('\n'), 0), split(lines.join('\n'), 0).reverse()]) {
      const out = texts(reassembleAll(input));
      expect(out).toContain(lines.slice(3).join('\n'));
      expect(out.filter((t) => t.includes('INFO:') && t.includes('Exception'))).toEqual([]);
    }
  });
});
