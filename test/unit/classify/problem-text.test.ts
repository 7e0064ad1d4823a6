// What of a message names its problem: context suffixes that come and go, trailing attributes,
// documentation links and lists of varying length are set aside before templating.
import { problemText } from '../../../src/classify/problem-text.js';

describe('problemText', () => {
  it('keeps SMTP successes and codes without an enhanced status as they are', () => {
    for (const text of ['sent: 250 2.0.0 Ok: queued as 4F1C2', 'SMTP error 550 mailbox unavailable', 'HTTP 503 Service Unavailable']) expect(problemText(text)).toBe(text);
  });


  it.each([
    ['a request context suffix', 'Session access failed (middleware not installed?): SessionMiddleware must be installed [path=/api/threads/7 method=GET]', 'Session access failed (middleware not installed?): SessionMiddleware must be installed'],
    ['SQLAlchemy background link', 'QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30.00 (Background on this error at: https://sqlalche.me/e/20/3o7r)', 'QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30.00'],
    ['a docs link after a platform message', 'Memory limit of 512 MiB exceeded with 530 MiB used. Consider increasing the memory limit, see https://cloud.google.com/run/docs/configuring/memory-limits', 'Memory limit of 512 MiB exceeded with 530 MiB used. Consider increasing the memory limit'],
    ['pydantic further information', 'Input should be a valid number [type=float_type, input_value=None, input_type=NoneType]\n    For further information visit https://errors.pydantic.dev/2.5/v/float_type', 'Input should be a valid number [type=float_type, input_value=None, input_type=NoneType]'],
    ['slog attributes that come and go', 'slow query duration=1.2s query="SELECT * FROM entries WHERE id = $1"', 'slow query'],
    ['logfmt attributes after a message', 'cache miss key=user:42 region=eu', 'cache miss'],
    ['a list of varying length', "app.state keys: ['config', 'db', 'redis']", 'app.state keys: <LIST>'],
    ['a one-item list', "app.state keys: ['config']", 'app.state keys: <LIST>'],
    ['a JSON array', 'missing scopes ["read:orders","write:orders"] for client', 'missing scopes <LIST> for client'],
    ['a bare list', 'unhealthy upstreams [a1, b2, c3] in pool', 'unhealthy upstreams <LIST> in pool'],
    ['Node frames pasted on one line', 'Uncaught Error: Connection terminated unexpectedly at endReadableNT (_stream_readable.js:1094:12) at process._tickCallback (internal/process/next_tick.js:63:19)', 'Uncaught Error: Connection terminated unexpectedly'],
    ['Java frames pasted on one line', 'java.lang.IllegalStateException: pool exhausted at com.acme.Pool.take(Pool.java:88) at com.acme.Invoices.run(Invoices.java:42)', 'java.lang.IllegalStateException: pool exhausted'],
    ['Python frames pasted on one line', 'Net::ReadTimeout with #<TCPSocket:(closed)> File "/usr/lib/ruby/net/protocol.rb", line 217, in rbuf_fill', 'Net::ReadTimeout with #<TCPSocket:(closed)>'],
    ["winston's meta object", 'Failed to send email to ***@example.org: 550 5.1.1 mailbox unavailable {"service":"notify","template":"reset","attempt":1}', 'Failed to send email to ***@example.org: 550 5.1.1 SMTP addressing status'],
    ["an SMTP server's own words after its status code", 'Failed to send email to ***@example.org: 550 5.1.1 <x@example.org>: Recipient address rejected: User unknown in virtual mailbox table', 'Failed to send email to ***@example.org: 550 5.1.1 SMTP addressing status'],
    ["an SMTP server's words after a multi-line reply's code", "SMTPRecipientsRefused: 550-5.7.1 Relaying denied. Proper authentication required.", 'SMTPRecipientsRefused: 550-5.7.1 SMTP policy status'],
    ['a temporary SMTP failure', 'send failed: 451 4.3.0 Mail server temporarily rejected message', 'send failed: 451 4.3.0 SMTP mail system status'],
    ["zap console's fields, keeping the error", 'route assignment failed\t{"route": "r-12", "error": "context deadline exceeded"}', 'route assignment failed\tcontext deadline exceeded'],
    ['the quotes of a logged error value', 'post entry failed err="post entry: pq: deadlock detected" tenant=globex', 'post entry failed: post entry: pq: deadlock detected'],
    ["a structured payload's message and error on two lines", 'post entry failed\npost entry: pq: deadlock detected', 'post entry failed: post entry: pq: deadlock detected'],
    // tracing's JSON `fields.error` as `{:?}` prints it, where the text logger printed `{}`.
    ["a structured payload's error as Rust's debug print of an enum", 'geoip lookup failed\nInvalidDatabase("invalid node in search tree at offset 4242")', 'geoip lookup failed: InvalidDatabase: invalid node in search tree at offset 4242'],
    ["a structured payload's error as Python's repr", "sync failed\nReadOnlyError(\"You can't write against a read only replica.\")", "sync failed: ReadOnlyError: You can't write against a read only replica."],
  ])('sets aside %s', (_why, text, expected) => {
    expect(problemText(text)).toBe(expected);
  });

  it.each([
    ['the message key of a logfmt line', 'post entry failed err="pq: deadlock detected" attempt=3', 'post entry failed: pq: deadlock detected'],
    ['an errno in brackets', '[Errno 111] Connection refused', '[Errno 111] Connection refused'],
    ['a level tag', 'upstream [ERROR] timeout', 'upstream [ERROR] timeout'],
    ['an index in brackets', 'panic: runtime error: index out of range [3] with length 3', 'panic: runtime error: index out of range [3] with length 3'],
    ['a text that is only attributes', 'user=42 action=login', 'user=42 action=login'],
    ['a mid-sentence key=value', 'retry attempt=3 failed for order 17', 'retry attempt=3 failed for order 17'],
    ['a sentence that says at', 'Connection lost at 12:00 while reading from db-1', 'Connection lost at 12:00 while reading from db-1'],
    ['a chain of three', 'post entry failed: pq: deadlock detected', 'post entry failed: pq: deadlock detected'],
    ['a second line that is a call, not an error value', 'retry scheduled\nbackoff(3)', 'retry scheduled\nbackoff(3)'],
    ['a second line that is a repr of several arguments', "handshake failed\nSSLEOFError(8, 'EOF occurred in violation of protocol')", "handshake failed\nSSLEOFError(8, 'EOF occurred in violation of protocol')"],
    ['the middle layers of a Go error chain, which may name what failed', 'readiness dependency failed: postgres: dial tcp 10.0.0.5:5432: connect: connection refused', 'readiness dependency failed: postgres: dial tcp 10.0.0.5:5432: connect: connection refused'],
    ['a sentence with two colons', 'Failed to create request-scoped database session: 401: Token detected - authentication failed', 'Failed to create request-scoped database session: 401: Token detected - authentication failed'],
    ['a URL that is the subject', 'GET https://api.example.com/v1/orders failed', 'GET https://api.example.com/v1/orders failed'],
  ])('keeps %s', (_why, text, expected) => {
    expect(problemText(text)).toBe(expected);
  });

  it.each([
    ['the statement of a Laravel query error', 'SQLSTATE[HY000] [2002] Connection refused (SQL: select * from `ips` where `ips`.`id` = 127.0.0.1 limit 1)', 'SQLSTATE [HY000] [2002] Connection refused'],
    ["Laravel 10's connection and statement", "SQLSTATE[HY000] [1045] Access denied for user 'root'@'localhost' (using password: YES) (Connection: mysql, SQL: select table_name as `name`, (data_length + index_length) as `size` from information_schema.tables where table_schema = 'final')", "SQLSTATE [HY000] [1045] Access denied for user 'root'@'localhost' (using password: YES)"],
    ['a statement a tracker cut short', "SQLSTATE[HY000] [1045] Access denied for user 'list_db'@'localhost' (using password: NO) (SQL: select * from `users` where `email` =", "SQLSTATE [HY000] [1045] Access denied for user 'list_db'@'localhost' (using password: NO)"],
    ['the statement on the line under the wrapper', "Illuminate\\Database\\QueryException\nSQLSTATE[28000] [1045] Access denied for user 'root'@'localhost' (using password: NO) (SQL: select * from `users` limit 1)", "Illuminate\\Database\\QueryException: SQLSTATE [28000] [1045] Access denied for user 'root'@'localhost' (using password: NO)"],
    ['the statement after a wrapped PDO error', 'Illuminate\\Database\\QueryException: SQLSTATE[42S02]: Base table or view not found: 1146 Table \'app.jobs\' doesn\'t exist (SQL: select * from `jobs` limit 1)', "Illuminate\\Database\\QueryException: SQLSTATE [42S02]: Base table or view not found: 1146 Table 'app.jobs' doesn't exist"],
  ])('sets aside %s', (_why, text, expected) => {
    expect(problemText(text)).toBe(expected);
  });

  it.each([
    ['PDO connection errors', 'PDOException: SQLSTATE[HY000] [2002] Connection refused', 'PDOException: SQLSTATE [HY000] [2002] Connection refused'],
    ['a query error', 'SQLSTATE[HY000]: General error: 2006 MySQL server has gone away', 'SQLSTATE [HY000]: General error: 2006 MySQL server has gone away'],
    ['a marker already apart', 'SQLSTATE [08006] [7] could not connect to server', 'SQLSTATE [08006] [7] could not connect to server'],
    ['a word that only ends like it', 'MYSQLSTATE[1] ok', 'MYSQLSTATE[1] ok'],
  ])('sets the SQLSTATE marker apart from its code in %s', (_why, text, expected) => {
    expect(problemText(text)).toBe(expected);
  });

  it.each([
    ['parentheses that name no statement', 'Connection refused (os error 111)'],
    ['a statement the message is about', 'syntax error at or near "SELEC" in statement SQL: SELEC 1'],
    ['SQL: without the parenthesis', 'query failed (timeout) SQL: select 1'],
  ])('keeps %s', (_why, text) => {
    expect(problemText(text)).toBe(text);
  });

  it.each([
    ['StackExchange.Redis 1.x', 'System.TimeoutException: Timeout performing GET DownstreamBasicSettings_Order__0:XXX:0:en-US, inst: 0, mgr: Inactive, err: never, queue: 5, qu: 4, qs: 1, qc: 0, wr: 1, wq: 1, in: 0, ar: 0, IOCP: (Busy=3,Free=997,Min=150,Max=1000), WORKER: (Busy=2,Free=32765,Min=150,Max=32767), clientName: XXXXX', 'System.TimeoutException: Timeout performing GET DownstreamBasicSettings_Order__0:XXX:0:en-US'],
    ['StackExchange.Redis 2.x, with its advice', 'StackExchange.Redis.RedisTimeoutException: Timeout performing GET (5000ms), next: GET Identity:Session:1j8fP7Ai2E, inst: 3, qu: 0, qs: 10, aw: False, rs: ReadAsync, v: 2.0.601.3402 (Please take a look at this article for some common client-side issues that can cause timeouts: https://stackexchange.github.io/StackExchange.Redis/Timeouts)', 'StackExchange.Redis.RedisTimeoutException: Timeout performing GET (5000ms)'],
    ['exactly three pairs', 'pool exhausted, active: 10, idle: 0, waiting: 7', 'pool exhausted'],
  ])('sets aside the diagnostics list of %s', (_why, text, expected) => {
    expect(problemText(text)).toBe(expected);
  });

  it.each([
    ['two pairs', 'pool exhausted, active: 10, idle: 0'],
    ['pairs that do not run to the end', 'retry 3, host: db, port: 5432, user: app, then gave up'],
    ['a text that is only pairs', 'active: 10, idle: 0, waiting: 7'],
    ['commas inside brackets', 'bad request (field: a, reason: b, hint: c)'],
    ['a sentence with a colon', 'Error: connect ECONNREFUSED 127.0.0.1:5432, retrying'],
    ['a list that names the failure', 'send failed, topic: orders, partition: 3, reason: not leader for partition'],
    ['an error among the pairs', 'upload aborted, bucket: media, size: 12, error: quota exceeded, attempt: 2'],
  ])('keeps %s', (_why, text) => {
    expect(problemText(text)).toBe(text);
  });

  it("reads a resolver's failure in one wording, whatever libc printed it", () => {
    const glibc = 'could not translate host name "db" to address: Name or service not known';
    for (const wording of ['Temporary failure in name resolution', 'Name does not resolve', 'nodename nor servname provided, or not known', 'No address associated with hostname']) {
      expect(problemText(`could not translate host name "db" to address: ${wording}`)).toBe(glibc);
    }
    // Other failures to reach a host keep their words.
    expect(problemText('could not connect to server: Connection refused')).toBe('could not connect to server: Connection refused');
  });

  it("reads errno's timeout in glibc's wording, whatever C library printed it", () => {
    // PDO on macOS (ETIMEDOUT is `Operation timed out` there) and on Linux.
    expect(problemText('SQLSTATE[HY000] [2002] Operation timed out')).toBe(problemText('SQLSTATE[HY000] [2002] Connection timed out'));
    expect(problemText('SQLSTATE[HY000] [2002] Operation timed out (SQL: select 1)')).toBe('SQLSTATE [HY000] [2002] Connection timed out');
    expect(problemText('Error: Operation timed out (os error 60)')).toBe('Error: Connection timed out (os error 60)');
    // curl's own timeout is no errno: its words stay.
    const curl = 'cURL error 28: Operation timed out after 5001 milliseconds with 0 bytes received';
    expect(problemText(curl)).toBe(curl);
    // Nor is a message that only opens with the words.
    expect(problemText('Operation timed out')).toBe('Operation timed out');
  });

  it("reads an errno printed by its name as Python prints its text", () => {
    expect(problemText('ServerSelectionTimeoutError: localhost:27017: [Errno 111] ECONNREFUSED'))
      .toBe('ServerSelectionTimeoutError: localhost:27017: [Errno 111] Connection refused');
    expect(problemText('OSError: [Errno 98] EADDRINUSE')).toBe('OSError: [Errno 98] Address already in use');
    // A name the table does not hold, and the text itself, stay as they are.
    expect(problemText('OSError: [Errno 5] EIO')).toBe('OSError: [Errno 5] EIO');
    expect(problemText('[Errno 111] Connection refused')).toBe('[Errno 111] Connection refused');
  });

  it("reads libpq's connection failure in its older wording", () => {
    expect(problemText('connection to server at "10.1.209.231", port 5432 failed: Connection refused')).toBe('could not connect to server: Connection refused');
    expect(problemText('psycopg2.OperationalError: connection to server at "db" (10.0.0.5), port 5432 failed: timeout expired'))
      .toBe('psycopg2.OperationalError: could not connect to server: timeout expired');
    expect(problemText('connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: No such file or directory'))
      .toBe('could not connect to server: No such file or directory');
  });

  it('sets aside the DNS server Go names in a failed lookup', () => {
    expect(problemText('dial tcp: lookup db.internal on 127.0.0.11:53: no such host')).toBe('dial tcp: lookup db.internal: no such host');
    expect(problemText('listen tcp: lookup localhost on [::1]:53: no such host')).toBe('listen tcp: lookup localhost: no such host');
    expect(problemText('dial tcp: lookup db.internal: no such host')).toBe('dial tcp: lookup db.internal: no such host');
    expect(problemText('listen tcp: lookup localhost on <IP>: no such host')).toBe('listen tcp: lookup localhost: no such host');
  });

  it("sets aside the value, field and type Go's encoding/json names in a type mismatch", () => {
    const read = 'json: cannot unmarshal into Go type';
    expect(problemText('json: cannot unmarshal string into Go struct field Pool.partition of type int64')).toBe(read);
    expect(problemText('Parsing JSON payload: json: cannot unmarshal number 53.5 into Go struct field .rhum of type int')).toBe(`Parsing JSON payload: ${read}`);
    expect(problemText('decode config: json: cannot unmarshal array into Go value of type map[string]interface {}')).toBe(`decode config: ${read}`);
    expect(problemText('Parsing JSON payload\njson: cannot unmarshal number -5 into Go struct field Order.qty of type uint')).toBe(`Parsing JSON payload: ${read}`);
    // Another encoding/json error keeps its words.
    expect(problemText('json: cannot unmarshal number into Go struct field')).toBe('json: cannot unmarshal number into Go struct field');
    expect(problemText('invalid character \'<\' looking for beginning of value')).toBe('invalid character \'<\' looking for beginning of value');
  });

  it("sets aside the caller's place and source excerpt Prisma prints under the call that failed", () => {
    const withExcerpt = 'request failed\nInvalid `prisma.order.create()` invocation in\n/app/dist/routes/orders.js:57:40\n\n  54 router.post(\'/\', async (req, res, next) => {\n→ 57     const order = await prisma.order.create(\nUnique constraint failed on the fields: (`idempotency_key`)';
    const without = 'request failed\nInvalid `prisma.order.create()` invocation:\n\n\nUnique constraint failed on the fields: (`idempotency_key`)';
    const read = 'request failed\nInvalid `prisma.order.create()` invocation\nUnique constraint failed on the fields: (`idempotency_key`)';
    expect(problemText(withExcerpt)).toBe(read);
    expect(problemText(without)).toBe(read);
    // Elsewhere a numbered line or a place is the message's.
    expect(problemText('retry 3 failed\n  2 attempts left')).toBe('retry 3 failed\n  2 attempts left');
  });

  it('is bounded on hostile input', () => {
    const hostile = 'x ' + '[a, '.repeat(50_000) + ' k=v'.repeat(50_000);
    expect(typeof problemText(hostile)).toBe('string');
  });
});

// Vector's VRL names where in the program a function failed as `at (line:column)` (its documentation's
// `parse_json` example raises `function call error for "parse_json" at (0:26): unable to parse json: …`);
// Uptime Kuma's monitor lines (server/model/monitor.js), as pasted in louislam/uptime-kuma#4502, #5905 and
// #6586: the check's state and settings behind ` | ` are no part of the error it reports.
describe('problemText: a status line\'s settings behind pipes', () => {
  const PENDING = "Monitor #23 'WAN DNS': Pending: Knex: Timeout acquiring a connection. The pool is probably full. Are you missing a .transacting(trx) call? | Max retries: 1 | Retry: 1 | Retry Interval: 60 seconds | Type: dns";
  const FAILING = "Monitor #30 'xelmsrv': Failing: Knex: Timeout acquiring a connection. The pool is probably full. Are you missing a .transacting(trx) call? | Interval: 20 seconds | Type: ping | Down Count: 0 | Resend Interval: 0";
  const FAILING_1X = "Monitor #7 'domain2.com': Failing: timeout of 48000ms exceeded | Interval: 60 seconds | Type: http";
  const PENDING_1X = "Monitor #19 'domain1.com': Pending: timeout of 48000ms exceeded | Max retries: 2 | Retry: 1 | Retry Interval: 60 seconds | Type: http";

  it('reads a Pending and a Failing line of one error alike', () => {
    expect(problemText(PENDING)).toBe("Monitor #23 'WAN DNS': Knex: Timeout acquiring a connection. The pool is probably full. Are you missing a .transacting(trx) call?");
    expect(problemText(FAILING)).toBe("Monitor #30 'xelmsrv': Knex: Timeout acquiring a connection. The pool is probably full. Are you missing a .transacting(trx) call?");
  });

  it("reads 1.x's shorter Failing line as its Pending line", () => {
    expect(problemText(FAILING_1X)).toBe("Monitor #7 'domain2.com': timeout of 48000ms exceeded");
    expect(problemText(PENDING_1X)).toBe("Monitor #19 'domain1.com': timeout of 48000ms exceeded");
  });

  it.each([
    ['one pair behind a pipe', 'upload failed | bucket: media'],
    ['pipes that are columns of a header', '2024-05-01 10:00:00.123 | ERROR    | app.db:connect:42 - connection refused'],
    ['a pair that names the failure', 'sync stopped | job: nightly | error: quota exceeded | attempt: 2'],
    ['pairs that do not run to the end', 'job: a | step: b | then it stopped'],
    ['a text that is only pairs', 'Max retries: 3 | Retry: 1 | Type: http'],
    ['a state word outside a monitor line', 'Job #12 is Pending: waiting for a runner'],
  ])('keeps %s', (_why, text) => {
    expect(problemText(text)).toBe(text);
  });
});

// Vector's remap warning carries it in its `error` field, as text (` error="…"`) and as JSON.
describe('problemText: a position in the input is no frame', () => {
  const TEXT = 'Mapping failed with event. error="function call error for \\"parse_json\\" at (9:55): unable to parse json: expected value at line 1 column 3" error_type="conversion_failed" stage="processing" internal_log_rate_limit=true';
  const JSON_FORM = 'Mapping failed with event.\nfunction call error for "parse_json" at (9:55): unable to parse json: expected value at line 1 column 3';
  const READ = 'Mapping failed with event.: function call error for "parse_json" at (9:55): unable to parse json: expected value at line 1 column 3';

  it('keeps the message after `at (9:55)`, and reads the text and JSON forms alike', () => {
    expect(problemText(TEXT)).toBe(READ);
    expect(problemText(JSON_FORM)).toBe(READ);
  });

  it('still cuts a flattened trace at its first frame', () => {
    expect(problemText('TypeError: x is undefined at handler (/app/routes.js:12:5) at next (/app/node_modules/express/lib/router/layer.js:95:5)')).toBe('TypeError: x is undefined');
    expect(problemText('boom at Object.<anonymous> (node:internal/modules/cjs/loader:1234:14)')).toBe('boom');
  });

  it('leaves a sentence that ends a message without a wrapped error on its own line', () => {
    expect(problemText('Request failed.\nsee the logs above')).toBe('Request failed.\nsee the logs above');
  });
});

// The Functions Framework for Go prints a function's returned error as `Function error: %v`
// (GoogleCloudPlatform/functions-framework-go funcframework/framework.go): the error is what follows.
describe("Go's Functions Framework line", () => {
  it('reads as the error the function returned', () => {
    expect(problemText('Function error: decode gs://uploads/u_1/DSC3606.HEIC: image: unknown format')).toBe('decode gs://uploads/u_1/DSC3606.HEIC: image: unknown format');
  });
  it('leaves a line that only names it', () => {
    expect(problemText('Function error:')).toBe('Function error:');
    expect(problemText('Function errors: 0')).toBe('Function errors: 0');
  });
});

// OpenTelemetry Python's OTLP exporters (exporter/otlp/proto/grpc/exporter.py) word a retry and a failure
// with the signal each sends; newrelic-experimental/gitlab#59 and open-telemetry/opentelemetry-python#3417
// paste the retry warning. A collector out of reach is one problem whichever exporter reports it.
describe("problemText: the OTLP exporter's signal", () => {
  it.each([
    ['traces', 'Transient error StatusCode.UNAVAILABLE encountered while exporting traces to localhost:4317, retrying in 2s.'],
    ['metrics', 'Transient error StatusCode.UNAVAILABLE encountered while exporting metrics to localhost:4317, retrying in 8s.'],
    ['logs', 'Transient error StatusCode.UNAVAILABLE encountered while exporting logs to localhost:4317, retrying in 1s.'],
  ])('reads the retry of %s as the exporter\'s', (_signal, text) => {
    expect(problemText(text).replace(/retrying in \d+s\./, 'retrying in Ns.')).toBe('Transient error StatusCode.UNAVAILABLE encountered while exporting telemetry to localhost:4317, retrying in Ns.');
  });

  it('reads the final failure of any signal alike, and apart from the retry', () => {
    expect(problemText('Failed to export metrics to otel-collector:4317, error code: StatusCode.DEADLINE_EXCEEDED')).toBe('Failed to export telemetry to otel-collector:4317, error code: StatusCode.DEADLINE_EXCEEDED');
    expect(problemText('Failed to export logs to otel-collector:4317, error code: StatusCode.DEADLINE_EXCEEDED')).toBe('Failed to export telemetry to otel-collector:4317, error code: StatusCode.DEADLINE_EXCEEDED');
  });

  it.each([
    ['another status stays in the text', 'Transient error StatusCode.RESOURCE_EXHAUSTED encountered while exporting traces to localhost:4317, retrying in 2s.', 'StatusCode.RESOURCE_EXHAUSTED'],
    ['an application\'s own export keeps its word', 'Failed to export invoices to s3://bucket/2026-12, access denied', 'export invoices'],
    ['a word in the middle of a message', 'nightly job: Failed to export logs to archive', 'export logs'],
  ])('near miss: %s', (_why, text, kept) => {
    expect(problemText(text)).toContain(kept);
  });
});
