// Whether a message is only pieces of a trace (source/trace-pieces.ts): frames, causes, omissions and a
// traceback's head, with no line that says what failed. Texts as the log header leaves them.
import { describe, expect, it } from '@jest/globals';
import { isOnlyTracePieces } from '../../../src/source/trace-pieces.js';

describe('a message that is only pieces of a trace', () => {
  it.each([
    // `$logger->error($throwable->getTraceAsString())` after the message record (Hyperf's skeleton handler).
    ['a PHP trace string', [
      "#0 /opt/www/vendor/hyperf/database/src/Connection.php(1060): Hyperf\\Database\\Connection->runQueryCallback('select * from `...', Array, Object(Closure))",
      "#1 /opt/www/vendor/hyperf/database/src/Connection.php(368): Hyperf\\Database\\Connection->run('select * from `...', Array, Object(Closure))",
      '#2 [internal function]: Hyperf\\HttpServer\\Server->onRequest(Object(Swoole\\Http\\Request), Object(Swoole\\Http\\Response))',
      '#3 {main}',
    ].join('\n')],
    // The line that opens a trace, its other lines apart (the header on it kept the frames under it off).
    ["a PHP trace string's first frame", "#0 /opt/www/vendor/hyperf/database/src/Connection.php(1060): Hyperf\\Database\\Connection->runQueryCallback('select * from `...', Array, Object(Closure))"],
    ["a traceback's head", 'Traceback (most recent call last):'],
    // A line shipper without a multiline rule sends a JVM trace's lines in twos and threes.
    ['JVM frames', '\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:181)\n\tat com.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:100)'],
    ['JVM frames their indent lost', 'at org.springframework.web.servlet.FrameworkServlet.processRequest(FrameworkServlet.java:1014)\nat org.springframework.web.servlet.FrameworkServlet.doGet(FrameworkServlet.java:903)'],
    ['V8 frames their indent lost', 'at Object.handler (/app/src/routes/cart.js:42:17)\nat process.processTicksAndRejections (node:internal/process/task_queues:95:5)'],
    ["a JVM frame and the trace's omission", '\tat com.acme.Cart.total(Cart.java:42)\n\t... 42 more'],
    ['a cause with its frames', 'Caused by: org.postgresql.util.PSQLException: FATAL: too many connections\n\tat org.postgresql.core.v3.ConnectionFactoryImpl.doAuthentication(ConnectionFactoryImpl.java:693)\n\t... 48 common frames omitted'],
    ['.NET frames', '   at Npgsql.Internal.NpgsqlConnector.ReadMessage(DataRowLoadingMode dataRowLoadingMode)\n   --- End of stack trace from previous location ---\n   at Program.<Main>$(String[] args) in /src/Program.cs:line 12'],
    // Python's logging wrote the message apart from its traceback, which was then cut before its last line.
    ['a traceback with no exception line', 'Traceback (most recent call last):\n  File "/usr/local/lib/python3.12/site-packages/cherrypy/_cprequest.py", line 659, in respond\n    self._do_respond(path_info)'],
    ['Python frames after a cut', '  File "/app/tiles/db.py", line 22, in parcels_in\n    cur.execute(PARCELS_SQL, bbox)'],
    ['a goroutine', 'goroutine 17 [running]:\nmain.(*Server).handle(0xc000123456, {0x8a1b20, 0xc0001})\n\t/app/server.go:88 +0x1d4'],
    // One line that opens a trace is a piece on its own (its record's other lines went elsewhere).
    ['the first line of a PHP trace string alone', '#0 /app/vendor/laravel/framework/src/Illuminate/Database/Connection.php(671): Illuminate\\Database\\Connection->runQueryCallback()'],
    ['a traceback head alone', 'Traceback (most recent call last):'],
    ['a traceback head alone, CR-terminated', 'Traceback (most recent call last):\r'],
  ])('%s', (_name, text) => {
    expect(isOnlyTracePieces(text)).toBe(true);
  });

  it.each([
    // One line alone keeps its problem (a logger that writes each line of a trace as a record).
    ['one PHP frame', '#3 /app/vendor/laravel/framework/src/Illuminate/Database/Connection.php(671): Illuminate\\Database\\Connection->runQueryCallback()'],
    ["PHP's last frame", '#12 {main}'],
    ['one JVM frame', '\tat java.base/jdk.internal.math.FloatingDecimal.parseDouble(FloatingDecimal.java:110)'],
    ['a cause on its own', 'Caused by: java.net.ConnectException: Connection refused'],
    // The line that says what failed makes the text a record, wherever it stands.
    ['a traceback that ends in its exception', 'Traceback (most recent call last):\n  File "/app/x.py", line 3, in f\n    g()\nValueError: bad'],
    ['a JVM trace with its head', 'java.lang.IllegalStateException: closed\n\tat com.acme.Cart.total(Cart.java:42)'],
    ['a PHP message and its trace', 'SQLSTATE[HY000]: General error: 2006 MySQL server has gone away\n#0 /app/x.php(12): f()\n#1 {main}'],
    ["Hyperf's message record", 'SQLSTATE[HY000]: General error: 2006 MySQL server has gone away[1095] in /opt/www/vendor/hyperf/database/src/Connection.php'],
    // Near-misses: messages that hold `at ` or `#1`, or continue a record without placing a trace.
    ['a message that says `at`', 'at least one replica failed (3 of 5)'],
    ['a message with a number sign', 'Order #1 failed (2): retry later'],
    ['a ranked line', '#1 in queue: job 12 failed after 3 attempts'],
    ['a JSON-ish closing line', '}'],
    ['an indented line that places nothing', '    retrying in 5 seconds'],
    ['a one-line exception', 'java.net.SocketTimeoutException: Read timed out'],
    ['a blank message', '   \n  '],
    ['an empty message', ''],
    ['the first line of a PHP trace string indented', '  #0 /app/x.php(12): f()'],
    ['a one-line message that mentions a traceback', 'see Traceback (most recent call last): above'],
    ['a traceback head under a message', 'failed to render tile\nTraceback (most recent call last):\n  File "/app/x.py", line 3, in f'],
  ])('not %s', (_name, text) => {
    expect(isOnlyTracePieces(text)).toBe(false);
  });
});
