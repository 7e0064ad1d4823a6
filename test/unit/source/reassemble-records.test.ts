// Multi-line records that one logger call writes at once, as each framework documents its output, and
// that Cloud Run splits into one entry per line: they are joined back like a trace, in either time order.
import { reassembleAll, type Joined } from '../../../src/source/reassemble.js';
import type { RawEntry } from '../../../src/shared/types.js';
import { cloudRunLines, INSTANCE_A, noBlank, pieces, texts } from '../../support/cloud-run-lines.js';

const A = INSTANCE_A;
const { line, split } = cloudRunLines('stdout');

// Microsoft.Extensions.Logging's simple console formatter: `level: Category[EventId]`, then the message
// and the exception on lines padded by six spaces (the width of `info: `).
const DOTNET_FAIL = [
  'fail: Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware[1]',
  '      An unhandled exception has occurred while executing the request.',
  '      System.InvalidOperationException: Sequence contains no elements',
  '         at System.Linq.ThrowHelper.ThrowNoElementsException()',
  '         at System.Linq.Enumerable.First[TSource](IEnumerable`1 source)',
  '         at Inventory.Api.StockService.Reserve(String sku, Int32 qty) in /src/Inventory.Api/StockService.cs:line 44',
].join('\n');
const DOTNET_WARN = [
  'warn: Microsoft.AspNetCore.HttpsPolicy.HttpsRedirectionMiddleware[3]',
  '      Failed to determine the https port for redirect.',
].join('\n');
const DOTNET_INFO = ['info: Microsoft.Hosting.Lifetime[14]', '      Now listening on: http://[::]:8080'].join('\n');
// An exception with an inner one (its ` ---> ` line before the frames), and one whose message runs over two lines.
const DOTNET_INNER = [
  'fail: Orders.Api.OrderService[0]',
  '      Order 12 could not be saved',
  '      Microsoft.EntityFrameworkCore.DbUpdateException: An error occurred while saving the entity changes.',
  '       ---> Npgsql.PostgresException (0x80004005): 23505: duplicate key value violates unique constraint "orders_pkey"',
  '         at Npgsql.Internal.NpgsqlConnector.ReadMessageLong(Boolean async)',
  '         --- End of inner exception stack trace ---',
  '         at Orders.Api.OrderService.Save(Order order) in /src/Orders.Api/OrderService.cs:line 31',
].join('\n');
const DOTNET_LONG_MESSAGE = [
  'crit: Orders.Api.Startup[0]',
  '      Host terminated',
  '      System.InvalidOperationException: Unable to resolve service for type IClock',
  '      while attempting to activate OrderService.',
  '         at Microsoft.Extensions.DependencyInjection.ActivatorUtilities.ThrowHelperUnableToResolveService(Type type)',
].join('\n');

// Rails' DebugExceptions writes the exception block in one logger call, its lines joined with the
// request tags (`lines.join("\n#{logger.formatter.tags_text}")`).
const TAG = '[04b21b68-027f-48d7-aea3-ea1fb24e1f14] ';
const RAILS_FATAL = [
  `F, [2026-03-10T10:00:00.137334 #1] FATAL -- : ${TAG}  `,
  `${TAG}ActiveRecord::RecordNotFound (Couldn't find Account with 'id'=42):`,
  `${TAG}  `,
  `${TAG}app/controllers/accounts_controller.rb:12:in 'set_account'`,
  `${TAG}app/controllers/concerns/audited.rb:8:in 'block in around_action'`,
].join('\n');
const RAILS_MESSAGE = [
  'F, [2026-03-10T10:00:00.137334 #1] FATAL -- : [04b21b68-027f-48d7-aea3-ea1fb24e1f14]   ',
  "ActiveRecord::RecordNotFound (Couldn't find Account with 'id'=42):",
  '  ',
  "app/controllers/accounts_controller.rb:12:in 'set_account'",
  "app/controllers/concerns/audited.rb:8:in 'block in around_action'",
].join('\n');

// loguru's traceback (backtrace, diagnose): `> ` marks the frame that caught the exception, and lines of
// box-drawing characters under a source line show its values.
const LOGURU = [
  '2026-03-10 10:00:00.014 | ERROR    | ingest.decode:decode_row:41 - Row rejected from subscription ingest-events',
  'Traceback (most recent call last):',
  '  File "/app/ingest/worker.py", line 112, in <module>',
  '    run()',
  '    └ <function run at 0x7f2a21983718>',
  '> File "/app/ingest/decode.py", line 41, in decode_row',
  '    return Schema.parse(raw)',
  '           │      │     └ {\'id\': 90122, \'ts\': None}',
  '           │      └ <classmethod(<function Schema.parse at 0x7f528c44d9a3>)>',
  "           └ <class 'ingest.schema.Schema'>",
  '  File "/app/ingest/schema.py", line 19, in parse',
  "    ts = datetime.fromisoformat(raw['ts'])",
  'TypeError: fromisoformat: argument must be str',
].join('\n');

// pydantic's ValidationError: a location line, its message indented, then a documentation link.
const PYDANTIC = [
  'Traceback (most recent call last):',
  '  File "/app/catalog/api/items.py", line 52, in get_item',
  '    return ItemOut.model_validate(row)',
  'pydantic_core._pydantic_core.ValidationError: 2 validation errors for ItemOut',
  'price',
  '  Input should be a valid number [type=float_type, input_value=None, input_type=NoneType]',
  '    For further information visit https://errors.pydantic.dev/2.6/v/float_type',
  'items.0.currency',
  "  Input should be 'USD' or 'EUR' [type=enum, input_value='usd', input_type=str]",
  '    For further information visit https://errors.pydantic.dev/2.6/v/enum',
].join('\n');

// SQLAlchemy's StatementError: the statement, its parameters and a link follow the message.
const SQLALCHEMY = [
  'Traceback (most recent call last):',
  '  File "/app/catalog/repo.py", line 63, in get',
  '    row = (await session.execute(stmt)).scalar_one_or_none()',
  'sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at "10.5.24.231", port 5432 failed: FATAL:  sorry, too many clients already',
  '[SQL: SELECT items.id FROM items WHERE items.id = %(pk_1)s]',
  "[parameters: {'pk_1': 68983}]",
  '(Background on this error at: https://sqlalche.me/e/20/e3q8)',
].join('\n');

// A Go panic prints every goroutine, each block after a blank line, then the exit status.
const GO_GOROUTINES = [
  'panic: assignment to entry in nil map',
  '',
  'goroutine 1 [running]:',
  'main.(*Ledger).post(0xc000010018, {0x6b7f2a, 0x3})',
  '\t/app/ledger/post.go:41 +0x2e',
  'main.main()',
  '\t/app/main.go:22 +0x1d',
  '',
  'goroutine 7 [IO wait]:',
  'internal/poll.runtime_pollWait(0x7f1c2, 0x72)',
  '\t/usr/local/go/src/runtime/netpoll.go:345 +0x85',
  'exit status 2',
].join('\n');

// zap's console encoder prints the stacktrace field after the line: function, then `\tfile:line`.
const ZAP_CONSOLE = [
  '2026-03-10T10:00:00.918Z\tERROR\tdispatch/router.go:142\troute assignment failed\t{"driver": "d-4585", "error": "context deadline exceeded"}',
  'main.(*Router).Assign',
  '\t/src/dispatch/router.go:142',
  'net/http.HandlerFunc.ServeHTTP',
  '\t/usr/local/go/src/net/http/server.go:2166',
].join('\n');

// V8's uncaught exception: where it was thrown, the source line and a caret, the error, its frames,
// then the Node version.
const NODE_CRASH = [
  '/app/dist/cart/total.js:17',
  '  return items.reduce((s, i) => s + i.product.price * i.qty, 0);',
  '                                            ^',
  '',
  "TypeError: Cannot read properties of undefined (reading 'price')",
  '    at /app/dist/cart/total.js:17:47',
  '    at Array.reduce (<anonymous>)',
  '',
  'Node.js v20.11.1',
].join('\n');
const NODE_REJECTION = [
  'node:internal/process/promises:289',
  '            triggerUncaughtException(err, true /* fromPromise */);',
  '            ^',
  '',
  'AxiosError: Request failed with status code 504',
  '    at settle (/app/node_modules/axios/dist/node/axios.cjs:1966:12)',
  '    at process.processTicksAndRejections (node:internal/process/task_queues:82:21) {',
  "  code: 'ERR_BAD_RESPONSE'",
  '}',
  '',
  'Node.js v20.11.1',
].join('\n');
// Node's process warning, with the hint it prints once per process.
const NODE_WARNING = [
  '(node:1) MaxListenersExceededWarning: Possible EventEmitter memory leak detected. 11 error listeners added to [Socket]. Use emitter.setMaxListeners() to increase limit',
  '(Use `node --trace-warnings ...` to show where the warning was created)',
].join('\n');

/** The joined text: blank lines dropped, as the split dropped them (a given expectation is exact). */
const expected = (record: string, joined: string | null) => joined ?? noBlank(record);

// Python's warnings module (formatwarning): `file:line: Category: message`, then the source line indented.
const PY_WARNING = [
  '/app/catalog/repo.py:57: LegacyAPIWarning: The Query.get() method is considered legacy as of the 1.x series of SQLAlchemy',
  '  item = session.query(Item).get(item_id)',
].join('\n');

const RECORDS: Array<[string, string, string | null]> = [
  ['.NET console, an exception', DOTNET_FAIL, null],
  ['.NET console, a warning with no exception', DOTNET_WARN, null],
  ['.NET console, a routine record', DOTNET_INFO, null],
  ['.NET console, an exception with an inner one', DOTNET_INNER, null],
  ['.NET console, an exception whose message runs over two lines', DOTNET_LONG_MESSAGE, null],
  ['Rails, the exception block under its request tags (tags taken off again)', RAILS_FATAL, RAILS_MESSAGE],
  ['loguru, an annotated traceback under its log line', LOGURU, null],
  ['pydantic, a validation error of several lines', PYDANTIC, null],
  ['SQLAlchemy, the statement after the message', SQLALCHEMY, null],
  ['Go, a panic with several goroutines', GO_GOROUTINES, null],
  ['zap console, a stacktrace after the line', ZAP_CONSOLE, null],
  ['Node, an uncaught exception', NODE_CRASH, null],
  ['Node, an unhandled rejection', NODE_REJECTION, null],
  ['Node, a process warning', NODE_WARNING, null],
  ["Python's warnings module", PY_WARNING, null],
];

describe('reassemble: multi-line records, as each framework prints them', () => {
  it.each(RECORDS)('%s, oldest first', (_name, record, joined) => {
    const entries = split(record, 0);
    expect(texts(reassembleAll(entries))).toEqual([expected(record, joined)]);
  });

  it.each(RECORDS)('%s, newest first', (_name, record, joined) => {
    const entries = split(record, 0).reverse();
    expect(texts(reassembleAll(entries))).toEqual([expected(record, joined)]);
  });

  it.each(RECORDS)('%s, whole in one entry, passes untouched', (_name, record) => {
    expect(texts(reassembleAll([line(record, 0)]))).toEqual([record]);
  });

  it.each(RECORDS)('%s, between plain lines of the same instance', (_name, record, joined) => {
    const entries = [line('plain line before', 0), ...split(record, 2000), line('plain line after', 900_000)];
    for (const input of [entries, [...entries].reverse()]) {
      expect(texts(reassembleAll(input)).sort()).toEqual([expected(record, joined), 'plain line after', 'plain line before'].sort());
    }
  });
});

describe('reassemble: where a record ends', () => {
  it('two .NET records back to back stay two', () => {
    const entries = [...split(DOTNET_WARN, 0), ...split(DOTNET_FAIL, 100)];
    expect(texts(reassembleAll(entries))).toEqual([DOTNET_WARN, DOTNET_FAIL]);
    expect(texts(reassembleAll([...entries].reverse()))).toEqual([DOTNET_FAIL, DOTNET_WARN]);
  });

  // The simple console formatter writes a record's message, then the exception's own line, then its
  // frames: frames under a message alone are another record's, whose head was lost.
  const FRAMES = DOTNET_FAIL.split('\n').slice(3);
  it.each([
    ['a routine record', DOTNET_INFO.split('\n')],
    ['a warning', DOTNET_WARN.split('\n')],
    ['a category line alone', [DOTNET_INFO.split('\n')[0]!]],
  ])('.NET frames right after %s are not its own, in both orders', (_name, record) => {
    const entries = [...record, ...FRAMES].map((t, i) => line(t, 10 * i));
    for (const input of [entries, [...entries].reverse()]) {
      const out = texts(reassembleAll(input));
      expect(out).toContain(FRAMES.join('\n'));
      expect(out).not.toContain([...record, FRAMES[0]].join('\n'));
    }
  });

  it('.NET frames after a record written in one entry are not its own', () => {
    const entries = [line(DOTNET_INFO, 0), ...FRAMES.map((t, i) => line(t, 10 + 10 * i))];
    for (const input of [entries, [...entries].reverse()]) {
      expect(texts(reassembleAll(input)).sort()).toEqual([DOTNET_INFO, FRAMES.join('\n')].sort());
    }
  });

  it('a Rails line under other request tags is not part of the block', () => {
    const other = "[9f0c7a1e-0000-4000-8000-000000000001] app/models/account.rb:3:in 'find'";
    const entries = [...split(RAILS_FATAL, 0), line(other, 200)];
    expect(texts(reassembleAll(entries))).toEqual([RAILS_MESSAGE, other]);
  });

  it('a Ruby Logger line without tags keeps the old behaviour: the next Logger line is its own', () => {
    const entries = [line('E, [2026-03-10T10:00:00.1 #1] ERROR -- : payment failed', 0), line('I, [2026-03-10T10:00:00.2 #1]  INFO -- : next', 7)];
    expect(texts(reassembleAll(entries))).toEqual(['E, [2026-03-10T10:00:00.1 #1] ERROR -- : payment failed', 'I, [2026-03-10T10:00:00.2 #1]  INFO -- : next']);
  });

  it('a Python exception line followed by a log line ends there', () => {
    const tb = ['Traceback (most recent call last):', '  File "/app/x.py", line 1, in f', 'KeyError: 1'];
    const entries = [...split(tb.join('\n'), 0), line('2026-03-10 10:00:00,001 - app - INFO - next request', 50)];
    expect(texts(reassembleAll(entries))).toEqual([tb.join('\n'), '2026-03-10 10:00:00,001 - app - INFO - next request']);
  });

  it('a lone error location after an exception line is not taken without its message', () => {
    const tb = ['Traceback (most recent call last):', '  File "/app/x.py", line 1, in f', 'ValueError: bad'];
    const entries = [...split(tb.join('\n'), 0), line('shutdown', 40)];
    expect(texts(reassembleAll(entries))).toEqual([tb.join('\n'), 'shutdown']);
  });
});

// Another thread's line can land between the lines of one write when the stream is shared: it comes out
// alone, and the trace goes on across it, when it arrives within a millisecond of both its neighbours.
describe('reassemble: a line of another writer between the lines of a trace', () => {
  const JAVA = [
    '2026-03-10T10:00:00.575Z ERROR 1 --- [nio-8080-exec-2] c.e.billing.web.ApiExceptionHandler      : Unhandled error on GET /api/invoices/open',
    'org.springframework.dao.DataAccessResourceFailureException: Unable to acquire JDBC Connection',
    '\tat com.example.billing.web.InvoiceController.open(InvoiceController.java:39)',
    'Caused by: java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available',
    '\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:686)',
    '\t... 94 more',
  ];
  const ROUTINE = '2026-03-10T10:00:00.575Z  INFO 1 --- [nio-8080-exec-3] c.e.billing.web.RequestLogFilter   : GET /api/invoices/3663 -> 200 in 188ms (errors=0)';
  const PLAIN = 'Puma starting in single mode...';

  /** The trace's lines 7 µs apart, with `other` written 3 µs after line `at`. */
  function interleaved(trace: string[], at: number, other: string, gapUs = 3): RawEntry[] {
    const entries = trace.map((t, i) => line(t, i * 7));
    entries.splice(at + 1, 0, line(other, at * 7 + gapUs));
    return entries;
  }

  it.each([
    ['a log line with its own header, between frames', JAVA, 2, ROUTINE],
    ['a plain line, between frames', JAVA, 3, PLAIN],
    ['a plain line, between a header and its trace', JAVA, 0, PLAIN],
    ['a plain line, inside a Python traceback', ['Traceback (most recent call last):', '  File "/app/a.py", line 3, in f', '    g()', '  File "/app/b.py", line 9, in g', 'KeyError: 1'], 2, PLAIN],
    ['a plain line, inside a Rails block', RAILS_FATAL.split('\n'), 3, PLAIN],
  ])('%s: the trace is whole, the line alone, in both orders', (_name, trace, at, other) => {
    const entries = interleaved(trace, at, other);
    const joined = trace[0]!.startsWith('F, [') ? RAILS_MESSAGE : trace.join('\n');
    for (const input of [entries, [...entries].reverse()]) {
      expect(texts(reassembleAll(input)).sort()).toEqual([joined, other].sort());
    }
  });

  it('a line further than a millisecond from its neighbours still ends the trace', () => {
    const entries = JAVA.map((t, i) => line(t, i < 3 ? i * 7 : 5000 + i * 7));
    entries.splice(3, 0, line(PLAIN, 2500));
    // The rest has no head: it stays together, one piece of a record, and says so.
    const out = reassembleAll(entries);
    expect(texts(out)).toEqual([JAVA.slice(0, 3).join('\n'), PLAIN, JAVA.slice(3).join('\n')]);
    expect(pieces(out)).toEqual([false, false, true]);
  });

  it('a routine log line (its header says INFO) between frames is another writer\'s, even when it says "errors"', () => {
    const trace = [...JAVA.slice(0, 5), '\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:181)', ...JAVA.slice(5)];
    const entries = interleaved(trace, 4, ROUTINE);
    for (const input of [entries, [...entries].reverse()]) {
      expect(texts(reassembleAll(input)).sort()).toEqual([trace.join('\n'), ROUTINE].sort());
    }
  });

  it('a log line that heads frames of its own is not taken for another writer', () => {
    const own = ['2026-03-10 10:00:00,001 ERROR request failed', '\tat com.acme.Web.get(Web.java:3)'];
    const entries = [...JAVA.map((t, i) => line(t, i * 7)), line(own[0]!, 45), line(own[1]!, 48)];
    expect(texts(reassembleAll(entries))).toEqual([JAVA.join('\n'), own.join('\n')]);
  });

  it('up to three lines of other writers in a row: the trace goes on across them', () => {
    const entries = interleaved(JAVA, 2, PLAIN);
    entries.splice(4, 0, line(ROUTINE, 2 * 7 + 5));
    for (const input of [entries, [...entries].reverse()]) {
      expect(texts(reassembleAll(input)).sort()).toEqual([JAVA.join('\n'), PLAIN, ROUTINE].sort());
    }
  });

  it('four lines of other writers in a row end the trace', () => {
    const entries = JAVA.map((t, i) => line(t, i * 10));
    const others = ['one', 'two', 'three', 'four'].map((t, k) => line(`plain ${t}`, 21 + 2 * k));
    entries.splice(3, 0, ...others);
    const out = texts(reassembleAll(entries));
    expect(out).toContain(JAVA.slice(0, 3).join('\n'));
    expect(out).not.toContain(JAVA.join('\n'));
  });

  it("a log line between a goroutine's header and its frames is another writer's", () => {
    const dump = [
      '2026/03/10 10:00:00 http: panic serving 10.0.0.1:5000: runtime error: index out of range [3] with length 3',
      'goroutine 5807 [running]:',
      'net/http.(*conn).serve.func1()',
      '\t/usr/local/go/src/net/http/server.go:1898 +0x51',
      'panic({0x8a1b20?, 0xc00034ad4d?})',
      '\t/usr/local/go/src/runtime/panic.go:770 +0xf62',
    ];
    const other = '2026/03/10 10:00:00 replayed 865 entries, 0 errors';
    const entries = interleaved(dump, 1, other, 1);
    for (const input of [entries, [...entries].reverse()]) {
      expect(texts(reassembleAll(input)).sort()).toEqual([dump.join('\n'), other].sort());
    }
  });

  it("Python logging's default format (INFO:name:message) inside a traceback is no exception line", () => {
    const tb = ['Traceback (most recent call last):', '  File "/app/a.py", line 3, in f', '    g()', '  File "/app/b.py", line 9, in g', 'KeyError: 1'];
    const other = 'INFO:catalog.jobs.reindex:reindexed 8311 documents, 0 errors';
    const entries = interleaved(tb, 1, other);
    for (const input of [entries, [...entries].reverse()]) {
      expect(texts(reassembleAll(input)).sort()).toEqual([tb.join('\n'), other].sort());
    }
  });

  it.each(['socket.gaierror: [Errno -2] Name or service not known', 'PricingUnavailable: pricing service unreachable', 'StopIteration', 'psycopg2.errors.UniqueViolation: duplicate key'])(
    'a Python traceback ends with its exception line %j',
    (exception) => {
      const tb = ['Traceback (most recent call last):', '  File "/app/a.py", line 3, in f', '    g()', exception];
      expect(texts(reassembleAll(split(tb.join('\n'), 0)))).toEqual([tb.join('\n')]);
    },
  );
});

describe('reassemble: pieces of records whose other part was not read', () => {
  const NODE_REFUSED = [
    'cache read failed Error: connect ECONNREFUSED 10.8.0.9:6379',
    '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1595:16) {',
    '  errno: -111,',
    "  code: 'ECONNREFUSED',",
    "  syscall: 'connect',",
    '}',
  ];

  it.each([['oldest first', false], ['newest first', true]])('the tail of a Node error whose head was lost stays one piece (%s)', (_n, reversed) => {
    const tail = split(NODE_REFUSED.slice(1).join('\n'), 0);
    const out = reassembleAll(reversed ? [...tail].reverse() : tail);
    expect(texts(out)).toEqual([NODE_REFUSED.slice(1).join('\n')]);
    expect(pieces(out)).toEqual([true]);
  });

  it('the whole Node error is no piece', () => {
    const out = reassembleAll(split(NODE_REFUSED.join('\n'), 0));
    expect(texts(out)).toEqual([NODE_REFUSED.join('\n')]);
    expect(pieces(out)).toEqual([false]);
  });

  it('Rails lines after a lost head: the blank tagged line and the frames are one piece', () => {
    const lines = RAILS_FATAL.split('\n').slice(2);
    const out = reassembleAll(split(lines.join('\n'), 0));
    expect(out).toHaveLength(1);
    expect(pieces(out)).toEqual([true]);
  });

  it('tagged lines of two requests are two pieces', () => {
    const other = RAILS_FATAL.split('\n').slice(3).map((l) => l.replace(TAG, '[9c1d2e3f-0000-4000-8000-000000000001] '));
    const out = reassembleAll([...split(RAILS_FATAL.split('\n').slice(3).join('\n'), 0), ...split(other.join('\n'), 20)]);
    expect(out).toHaveLength(2);
    expect(pieces(out)).toEqual([true, true]);
  });

  it('a tagged message line (Rails with no Logger header) is a record of its own, not a piece', () => {
    const out = reassembleAll([line(`${TAG}Started GET "/accounts/42" for 10.0.0.1`, 0)]);
    expect(pieces(out)).toEqual([false]);
  });

  it('indented lines further apart than one write are not joined', () => {
    const out = reassembleAll(NODE_REFUSED.slice(2).map((t, i) => line(t, i * 5000)));
    expect(out.length).toBe(NODE_REFUSED.length - 2);
  });

  const PY_CUT = ['query failed', 'Traceback (most recent call last):', '  File "/app/routing.py", line 74, in app', '    response = await func(request)'];
  it('a Python traceback that stops before its exception line is a piece, split or written in one entry', () => {
    expect(pieces(reassembleAll(split(PY_CUT.join('\n'), 0)))).toEqual([true]);
    expect(pieces(reassembleAll([line(PY_CUT.join('\n'), 0)]))).toEqual([true]);
    expect(pieces(reassembleAll([line(PY_CUT[1]!, 0)]))).toEqual([true]);
    // Cut right after `Traceback`: the header and that line are still one piece.
    for (const input of [split(PY_CUT.slice(0, 2).join('\n'), 0), [...split(PY_CUT.slice(0, 2).join('\n'), 0)].reverse()]) {
      const out = reassembleAll(input);
      expect(texts(out)).toEqual([PY_CUT.slice(0, 2).join('\n')]);
      expect(pieces(out)).toEqual([true]);
    }
    const whole = [...PY_CUT, 'KeyError: 1'];
    expect(pieces(reassembleAll(split(whole.join('\n'), 0)))).toEqual([false]);
    expect(pieces(reassembleAll([line(whole.join('\n'), 0)]))).toEqual([false]);
  });

  // One .NET process writing two records at once: an `info:` record's category line and message line
  // land among a `fail:` record's frames, within microseconds. (Above the frames, a message line of
  // either record reads the same: it stays with the trace.)
  const INFO = ['info: Inventory.Api.StockService[2]', '      Reserved 2 of 958-789; errors: none'];
  const FAIL = DOTNET_FAIL.split('\n');
  it.each([
    ['between the frames', [...FAIL.slice(0, 4), INFO[0]!, INFO[1]!, ...FAIL.slice(4)]],
    ['one frame apart', [...FAIL.slice(0, 4), INFO[0]!, FAIL[4]!, INFO[1]!, ...FAIL.slice(5)]],
  ])('a .NET record written among another\'s frames goes apart, the trace stays whole (%s)', (_name, order) => {
    const entries = order.map((t, i) => line(t, 10 * i));
    for (const input of [entries, [...entries].reverse()]) {
      const out = reassembleAll(input);
      expect(texts(out).filter((t) => t.includes('\n'))).toEqual([DOTNET_FAIL]);
      expect(texts(out).filter((t) => !t.includes('\n')).sort()).toEqual([...INFO].sort());
    }
  });

  it('an indented line right under a head is not passed over: the head heads nothing', () => {
    const out = reassembleAll([line('2026-03-10T05:51:33.045Z\tINFO\trouter.go:160\tassignment ok\t{"errors": 0}', 0), line('\t/src/dispatch/router.go:142', 10), line('main.(*Server).handleAssign', 20), line('\t/src/dispatch/server.go:88', 30)]);
    expect(out[0]!.members).toEqual([0]);
  });

  const GO_PANIC = [
    '2026/03/10 03:15:49 http: panic serving 10.0.0.1:5488: runtime error: index out of range [2] with length 2',
    'goroutine 8627 [running]:',
    'net/http.(*conn).serve.func1()',
    '\t/usr/local/go/src/net/http/server.go:1898 +0xe5',
  ];
  it('a goroutine dump cut at its goroutine line or mid-frame is a piece; at a frame\'s file line, a record', () => {
    for (const end of [2, 3]) {
      expect(pieces(reassembleAll(split(GO_PANIC.slice(0, end).join('\n'), 0)))).toEqual([true]);
      expect(pieces(reassembleAll([line(GO_PANIC.slice(0, end).join('\n'), 0)]))).toEqual([true]);
    }
    expect(pieces(reassembleAll(split(GO_PANIC.join('\n'), 0)))).toEqual([false]);
    expect(pieces(reassembleAll([line(GO_PANIC.join('\n'), 0)]))).toEqual([false]);
  });

  // A write cut short ends mid-line: in a traceback, on a line that is no line of it, or on an
  // exception's name cut short. (A whole line cut short still reads as that line: no piece.)
  const REINDEX = [
    'ERROR:catalog.jobs.reindex:reindex of shard 5 failed',
    'Traceback (most recent call last):',
    '  File "/app/catalog/jobs/reindex.py", line 48, in run_shard',
    '    helpers.bulk(es, actions, chunk_size=500)',
  ];
  const LOGURU_CUT = [...LOGURU.split('\n').slice(0, 4), '', ...LOGURU.split('\n').slice(4, -1), ''];
  it.each([
    ['an exception name cut short, qualified', [...REINDEX, 'elastic_transport.Con']],
    ['an exception name cut short, bare', [...REINDEX, 'Ty']],
    ['a name cut before its dot', [...REINDEX, 'elastic_tra']],
    ['a name cut short after loguru\'s blank lines', [...LOGURU_CUT, 'Ty']],
    ['a frame cut short after loguru\'s blank lines', [...LOGURU_CUT, '  File "/app/ingest/sch']],
  ])('a traceback written in one entry and cut mid-line (%s) is a piece', (_name, lines) => {
    expect(pieces(reassembleAll([line(lines.join('\n'), 0)]))).toEqual([true]);
  });

  it.each([
    ['an exception with its message', [...REINDEX, 'elastic_transport.ConnectionTimeout: Connection timed out']],
    ['an exception with its message cut short', [...REINDEX, 'elastic_transport.ConnectionTimeout: Connec']],
    ['an exception without a message, StopIteration', [...REINDEX, 'StopIteration']],
    ['an exception without a message, KeyboardInterrupt', [...REINDEX, 'KeyboardInterrupt']],
    ['an exception without a message, qualified', [...REINDEX, 'asyncio.exceptions.CancelledError']],
    ['loguru\'s traceback with its blank lines', [...LOGURU_CUT, 'TypeError: fromisoformat: argument must be str']],
    ['a message of two lines', ['payment declined for order 42', 'retrying in 5s', 'giving up']],
    ['a Java trace whose last frame is cut short', ['java.lang.IllegalStateException: x', '\tat com.acme.A.f(A.java:3)', '\tat com.acme.B.g(B.ja']],
  ])('%s, written in one entry, is no piece', (_name, lines) => {
    expect(pieces(reassembleAll([line(lines.join('\n'), 0)]))).toEqual([false]);
  });

  it('the same traceback split into one entry per line and cut at its exception name is one piece', () => {
    const entries = split([...REINDEX, 'elastic_transport.Con'].join('\n'), 0);
    for (const input of [entries, [...entries].reverse()]) {
      const out = reassembleAll(input);
      expect(texts(out)).toEqual([[...REINDEX, 'elastic_transport.Con'].join('\n')]);
      expect(pieces(out)).toEqual([true]);
    }
  });

  // V8's crash output cut before its error: the throwing place alone, or with its source line and caret.
  const V8_CUT = NODE_REJECTION.split('\n').slice(0, 3);
  it.each([[1], [2], [3]])('V8 crash output cut after %i line(s) is one piece, split or in one entry, in both orders', (n) => {
    const lines = split(V8_CUT.slice(0, n).join('\n'), 0);
    for (const input of [lines, [...lines].reverse(), [line(V8_CUT.slice(0, n).join('\n'), 0)]]) {
      const out = reassembleAll(input);
      expect(texts(out)).toEqual([V8_CUT.slice(0, n).join('\n')]);
      expect(pieces(out)).toEqual([true]);
    }
  });

  it('V8 crash output cut before its error, then a line of another record: the piece ends before it', () => {
    const entries = [...split(V8_CUT.join('\n'), 0), line('GET /cart 200 12ms', 40)];
    const out = reassembleAll(entries);
    expect(texts(out)).toEqual([V8_CUT.join('\n'), 'GET /cart 200 12ms']);
    expect(pieces(out)).toEqual([true, false]);
  });

  it('a .NET category line without its message is a piece; with it, a record', () => {
    expect(pieces(reassembleAll([line(DOTNET_FAIL.split('\n')[0]!, 0)]))).toEqual([true]);
    expect(pieces(reassembleAll(split(DOTNET_FAIL, 0)))).toEqual([false]);
  });

  const GO_DUMP = [
    'goroutine 4068 [running]:',
    'net/http.(*conn).serve.func1()',
    '\t/usr/local/go/src/net/http/server.go:1898 +0xe5',
    'panic({0x8a1b20?, 0xc000a8fdaa?})',
    '\t/usr/local/go/src/runtime/panic.go:770 +0x88a',
    'main.(*Server).handleSplit(0xc000fc795c, {0xa1c2e8, 0xc000171046}, 0xc0001e1dc4)',
    '\t/src/ledger/handlers.go:118 +0x12',
  ];
  it.each([['oldest first', false], ['newest first', true]])('a goroutine dump whose panic line was lost is one piece (%s)', (_n, reversed) => {
    const lines = split(GO_DUMP.join('\n'), 0);
    const out = reassembleAll(reversed ? [...lines].reverse() : lines);
    expect(texts(out)).toEqual([GO_DUMP.join('\n')]);
    expect(pieces(out)).toEqual([true]);
  });

  it.each([['main.(*Router).Assign'], ['net/http.HandlerFunc.ServeHTTP'], ['\t/src/dispatch/router.go:88']])(
    'a Go frame line of zap\'s stacktrace alone (%j) is a piece', (text) => {
      expect(pieces(reassembleAll([line(text, 0)]))).toEqual([true]);
    },
  );

  it.each([['a plain line', 'payment declined for order 42'], ['an error line', 'ValueError: bad input'], ['one word', 'ready'], ['a file name', 'config.yaml'], ['a dotted name', 'main.Assign']])(
    '%s alone is no piece', (_n, text) => {
      expect(pieces(reassembleAll([line(text, 0)]))).toEqual([false]);
    },
  );
});

// A trace whose head line was lost (cut off by the read window), with lines of another writer on the
// same stream landing among its lines: the trace's lines are still one piece, the other lines each alone.
describe('reassemble: a trace whose head was lost, with other writers\' lines inside it', () => {
  const ORPHAN = DOTNET_FAIL.split('\n').slice(1); // the `fail:` line lost
  const INFO = ['info: Inventory.Api.StockService[2]', '      Reserved 4 of 1DY-868; errors: none'];
  const JAVA_TAIL = [
    '\tat com.example.billing.web.InvoiceController.open(InvoiceController.java:39)',
    'Caused by: java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available',
    '\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:686)',
    '\t... 94 more',
  ];
  const ROUTINE = '2026-03-10T10:00:00.575Z  INFO 1 --- [nio-8080-exec-3] c.e.billing.web.RequestLogFilter   : GET /api/invoices/3663 -> 200 in 188ms (errors=0)';
  const PLAIN = 'Puma starting in single mode...';

  /** One entry per line, 10 µs apart. */
  const at = (lines: readonly string[]) => lines.map((t, i) => line(t, 10 * i));

  it.each([
    ['a routine .NET record between the message lines and the frames', [...ORPHAN.slice(0, 2), ...INFO, ...ORPHAN.slice(2)], INFO],
    ['its category line between frames, its message line further down among them',
      [...ORPHAN.slice(0, 3), INFO[0]!, ORPHAN[3]!, INFO[1]!, ...ORPHAN.slice(4)], INFO],
    ['its message line alone between frames', [...ORPHAN.slice(0, 4), INFO[1]!, ...ORPHAN.slice(4)], [INFO[1]!]],
    ['a plain line between frames', [...ORPHAN.slice(0, 3), PLAIN, ...ORPHAN.slice(3)], [PLAIN]],
    ['a routine log line between Java frames', [JAVA_TAIL[0]!, ROUTINE, ...JAVA_TAIL.slice(1)], [ROUTINE]],
    ['two lines of other writers in a row', [JAVA_TAIL[0]!, PLAIN, ROUTINE, ...JAVA_TAIL.slice(1)], [PLAIN, ROUTINE]],
  ])('%s: one piece, in both orders', (_name, order, others) => {
    const own = order.filter((t) => !others.includes(t));
    const entries = at(order);
    for (const input of [entries, [...entries].reverse()]) {
      const out = reassembleAll(input);
      const joined = out.filter((j) => j.members.length > 1);
      expect(joined.map((j) => j.raw.textPayload)).toEqual([own.join('\n')]);
      expect(joined[0]!.piece).toBe(true);
      expect(out.filter((j) => j.members.length === 1).map((j) => j.raw.textPayload).sort()).toEqual([...others].sort());
    }
  });

  it('a .NET routine record written in one entry between frames goes apart', () => {
    const entries = [...ORPHAN.slice(0, 3).map((t, i) => line(t, 10 * i)), line(INFO.join('\n'), 30), ...ORPHAN.slice(3).map((t, i) => line(t, 40 + 10 * i))];
    for (const input of [entries, [...entries].reverse()]) {
      expect(texts(reassembleAll(input)).sort()).toEqual([ORPHAN.join('\n'), INFO.join('\n')].sort());
    }
  });

  it('four lines of other writers in a row end the run', () => {
    const others = ['plain one', 'plain two', 'plain three', 'plain four'];
    const out = texts(reassembleAll(at([JAVA_TAIL[0]!, ...others, ...JAVA_TAIL.slice(1)])));
    expect(out).toEqual([JAVA_TAIL[0]!, ...others, JAVA_TAIL.slice(1).join('\n')]);
  });

  it('a line further than a millisecond from its neighbours ends the run', () => {
    const entries = [line(JAVA_TAIL[0]!, 0), line(PLAIN, 2000), ...JAVA_TAIL.slice(1).map((t, i) => line(t, 2010 + 10 * i))];
    expect(texts(reassembleAll(entries))).toEqual([JAVA_TAIL[0]!, PLAIN, JAVA_TAIL.slice(1).join('\n')]);
  });

  it('a log line that heads frames of its own ends the run: it opens the next trace', () => {
    const own = ['2026-03-10 10:00:00,001 ERROR request failed', '\tat com.acme.Web.get(Web.java:3)'];
    const entries = at([...JAVA_TAIL.slice(0, 2), ...own]);
    for (const input of [entries, [...entries].reverse()]) {
      expect(texts(reassembleAll(input)).sort()).toEqual([JAVA_TAIL.slice(0, 2).join('\n'), own.join('\n')].sort());
    }
  });

  it("Node's property block after the frames stays with them: its lines are no other writer's", () => {
    const tail = [
      '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1595:16) {',
      '  errno: -111,',
      "  [cause]: Error: getaddrinfo ENOTFOUND cache",
      '      at GetAddrInfoReqWrap.onlookup (node:dns:109:26)',
      '}',
    ];
    for (const input of [at(tail), at(tail).reverse()]) expect(texts(reassembleAll(input))).toEqual([tail.join('\n')]);
  });

  it('.NET lines that only continue a frame list stay with it between frames', () => {
    const tail = [
      '         at Npgsql.Internal.NpgsqlConnector.ReadMessageLong(Boolean async)',
      '         --- End of inner exception stack trace ---',
      '         at Orders.Api.OrderService.Save(Order order) in /src/Orders.Api/OrderService.cs:line 31',
      '       ---> System.TimeoutException: The operation has timed out.',
      '         at Npgsql.Internal.NpgsqlReadBuffer.Ensure(Int32 count)',
    ];
    for (const input of [at(tail), at(tail).reverse()]) expect(texts(reassembleAll(input))).toEqual([tail.join('\n')]);
  });
});
