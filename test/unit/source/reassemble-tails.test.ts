// The lines many stacks print under an error line that are neither frames nor a header of their own:
// PostgreSQL's error fields as drivers print them (libpq's `DETAIL:  …`, `HINT:  …`, `LINE 1: …` and
// its caret, pgjdbc's indented `  Detail: …`, Npgsql's `Exception data:` block), a code frame with its
// caret (Bun prints it above the error), glog's `*** Check failure stack trace: ***` and its `@` frames,
// and trailers that point elsewhere (`See … for more information`) or close the record (a runtime's
// version line). Cloud Run stores each as an entry of its own; they stay with their record, and a line
// that only looks like one (an INFO line starting with `Detail:`, a caret in a message, ten thousand in
// a row) neither grows a record without bound nor swallows another.
import { reassembleAll } from '../../../src/source/reassemble.js';
import { cloudRunLines, pieces, texts } from '../../support/cloud-run-lines.js';
import { expectWhole } from '../../support/expect-whole.js';

const { line, split, writes } = cloudRunLines('stderr');


const OTHER_LINES = ['GET /healthz 200 1ms', 'worker 3 idle', 'GET /healthz 200 2ms'];


// psycopg 3 under Django: the driver's error and its DETAIL line, then Django's wrapper and the same again.
const DJANGO_NOT_NULL = [
  'Traceback (most recent call last):',
  '  File "/usr/local/lib/python3.12/site-packages/django/db/backends/utils.py", line 105, in _execute',
  '    return self.cursor.execute(sql, params)',
  '  File "/usr/local/lib/python3.12/site-packages/psycopg/cursor.py", line 97, in execute',
  '    raise ex.with_traceback(None)',
  'psycopg.errors.NotNullViolation: null value in column "owner_id" of relation "boards_card" violates not-null constraint',
  'DETAIL:  Failing row contains (5521, null, todo, 2026-03-10 10:00:00.12+00).',
  '',
  'The above exception was the direct cause of the following exception:',
  '',
  'Traceback (most recent call last):',
  '  File "/app/boards/views.py", line 61, in add_card',
  '    card = Card.objects.create(board=board, status="todo")',
  '  File "/usr/local/lib/python3.12/site-packages/django/db/utils.py", line 91, in __exit__',
  '    raise dj_exc_value.with_traceback(traceback) from exc_value',
  'django.db.utils.IntegrityError: null value in column "owner_id" of relation "boards_card" violates not-null constraint',
  'DETAIL:  Failing row contains (5521, null, todo, 2026-03-10 10:00:00.12+00).',
].join('\n');

// psycopg2: the server's position, the statement line and its caret, then a hint.
const PSYCOPG_UNDEFINED_COLUMN = [
  'Traceback (most recent call last):',
  '  File "/app/stock/report.py", line 22, in levels',
  '    cur.execute(QUERY, (warehouse,))',
  'psycopg2.errors.UndefinedColumn: column "skus" does not exist',
  'LINE 1: SELECT skus, qty FROM stock WHERE warehouse_id = 4',
  '               ^',
  'HINT:  Perhaps you meant to reference the column "stock.sku".',
].join('\n');

// psycopg2 with a PL/pgSQL function in the way: CONTEXT and the function's line under DETAIL.
const PSYCOPG_CONTEXT = [
  'Traceback (most recent call last):',
  '  File "/app/events/tasks.py", line 88, in purge',
  '    cur.execute("SELECT purge_rooms(%s)", (event_id,))',
  'psycopg2.errors.NotNullViolation: null value in column "name" violates not-null constraint',
  'DETAIL:  Failing row contains (392, null, null, 176).',
  'CONTEXT:  SQL statement "update rooms set name = NULL where name = \'\'"',
  'PL/pgSQL function purge_rooms(integer) line 23 at EXECUTE',
].join('\n');

// pgjdbc: the server's fields indented under the exception's first line, then its frames.
const PGJDBC_DUPLICATE = [
  'org.postgresql.util.PSQLException: ERROR: duplicate key value violates unique constraint "transfers_idempotency_key_key"',
  '  Detail: Key (idempotency_key)=(6f1c2a9e-77d1-4c3e-9a4b-0c2d7e5f8a13) already exists.',
  '\tat org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2725)',
  '\tat org.postgresql.core.v3.QueryExecutorImpl.processResults(QueryExecutorImpl.java:2412)',
  '\tat org.postgresql.jdbc.PgPreparedStatement.executeUpdate(PgPreparedStatement.java:152)',
  '\tat com.acme.ledger.TransferRepository.insert(TransferRepository.kt:41)',
].join('\n');

// Exposed wraps pgjdbc's error under a logback line; the cause repeats the fields under `Caused by:`.
const EXPOSED_DUPLICATE = [
  '2026-03-10 10:00:00.123 [eventLoopGroupProxy-4-2] ERROR io.ktor.server.Application - Unhandled: POST - /api/transfers',
  'org.jetbrains.exposed.exceptions.ExposedSQLException: org.postgresql.util.PSQLException: ERROR: duplicate key value violates unique constraint "transfers_key"',
  '  Detail: Key (idempotency_key)=(0b7e5a2c-1d4f-4e8a-b6c3-9f2d1a7e4c50) already exists.',
  '\tat org.jetbrains.exposed.sql.statements.Statement.executeIn$exposed_core(Statement.kt:63)',
  '\tat com.acme.ledger.TransferRepository.create(TransferRepository.kt:37)',
  'Caused by: org.postgresql.util.PSQLException: ERROR: duplicate key value violates unique constraint "transfers_key"',
  '  Detail: Key (idempotency_key)=(0b7e5a2c-1d4f-4e8a-b6c3-9f2d1a7e4c50) already exists.',
  '\tat org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2725)',
  '\t... 31 more',
].join('\n');

const PGJDBC_POSITION = [
  'org.postgresql.util.PSQLException: ERROR: relation "ledger_entry" does not exist',
  '  Position: 15',
  '\tat org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2725)',
  '\tat com.acme.ledger.EntryRepository.all(EntryRepository.kt:19)',
].join('\n');

// Npgsql under EF Core, as `ex.ToString()` prints it: DETAIL under the inner exception, and its data.
const NPGSQL_FOREIGN_KEY = [
  'Microsoft.EntityFrameworkCore.DbUpdateException: An error occurred while saving the entity changes. See the inner exception for details.',
  ' ---> Npgsql.PostgresException (0x80004005): 23503: insert or update on table "payslips" violates foreign key constraint "FK_payslips_employees_EmployeeId"',
  '',
  'DETAIL: Key (EmployeeId)=(4411) is not present in table "employees".',
  '   at Npgsql.Internal.NpgsqlConnector.ReadMessageLong(Boolean async, DataRowLoadingMode dataRowLoadingMode, Boolean readingNotifications, Boolean isReadingPrependedMessage)',
  '   at Microsoft.EntityFrameworkCore.Update.ReaderModificationCommandBatch.ExecuteAsync(IRelationalConnection connection, CancellationToken cancellationToken)',
  '  Exception data:',
  '    Severity: ERROR',
  '    SqlState: 23503',
  '    MessageText: insert or update on table "payslips" violates foreign key constraint "FK_payslips_employees_EmployeeId"',
  '    SchemaName: public',
  '    TableName: payslips',
  '    ConstraintName: FK_payslips_employees_EmployeeId',
  '    File: ri_triggers.c',
  '    Line: 2608',
  '    Routine: ri_ReportViolation',
  '   --- End of inner exception stack trace ---',
  '   at Microsoft.EntityFrameworkCore.DbContext.SaveChangesAsync(Boolean acceptAllChangesOnSuccess, CancellationToken cancellationToken)',
  '   at Hr.Payroll.PayslipStore.SaveAsync(IReadOnlyList`1 payslips, CancellationToken ct) in /src/Hr.Payroll/PayslipStore.cs:line 62',
].join('\n');

// glog's failed CHECK: the fatal line, then the failure's stack.
const GLOG_CHECK = [
  'F20260310 10:00:00.123456    17 polygon.cc:311] Check failed: ring.size() >= 4 (2 vs. 4) degenerate ring in way 48213377',
  '*** Check failure stack trace: ***',
  '    @     0x55d4c2a1b7f3  google::LogMessage::Fail()',
  '    @     0x55d4c2a1d9a1  google::LogMessage::SendToLog()',
  '    @     0x55d4c2a1b4c8  google::LogMessage::Flush()',
  '    @     0x55d4c2a1e279  google::LogMessageFatal::~LogMessageFatal()',
  '    @     0x55d4c29f0e12  geo::Polygon::Close()',
  '    @     0x7f3a1c029d90  (unknown)',
].join('\n');

// Bun prints the throwing source lines and a caret above the error, then its frames and its version.
const BUN_CRASH = [
  '17 | export function orient(meta) {',
  '18 |   return ROTATIONS[meta.exif.Orientation] ?? 0;',
  '                                ^',
  "TypeError: undefined is not an object (evaluating 'meta.exif.Orientation')",
  '      at orient (/app/src/exif.ts:18:28)',
  '      at /app/src/routes/thumbs.ts:33:19',
  '',
  'Bun v1.1.38 (Linux x64 baseline)',
].join('\n');

const BUN_THROWN = [
  '40 |   for (;;) {',
  '41 |     const job = await queue.next();',
  '42 |     if (!job) throw new Error(`queue drained`);',
  '                     ^',
  'error: queue drained',
  '      at poll (/app/src/worker.ts:42:21)',
].join('\n');

// Ecto's pool error: its advice, then a line pointing to the documentation.
const DB_CONNECTION = [
  '** (DBConnection.ConnectionError) connection not available and request was dropped from queue after 2000ms. You can address this by:',
  '',
  '  1. Ensuring your database is available and that you can connect to it',
  '  2. Increasing the pool_size (although this increases resource consumption)',
  '',
  'See DBConnection.start_link/2 for more information',
  '    (db_connection 2.7.0) lib/db_connection.ex:1000: DBConnection.transaction/3',
  '    (chat 0.1.0) lib/chat/messages.ex:44: Chat.Messages.list_recent/2',
].join('\n');

describe('tail lines under an error line', () => {
  it.each([
    ['psycopg and Django: DETAIL under each exception of a chain', DJANGO_NOT_NULL],
    ['psycopg2: LINE 1, its caret and HINT', PSYCOPG_UNDEFINED_COLUMN],
    ['psycopg2: DETAIL, CONTEXT and the function line', PSYCOPG_CONTEXT],
    ['pgjdbc: an indented Detail before the frames', PGJDBC_DUPLICATE],
    ['pgjdbc: an indented Position before the frames', PGJDBC_POSITION],
    ['Exposed over pgjdbc: Detail under the exception and under its cause', EXPOSED_DUPLICATE],
    ['Npgsql: DETAIL under the inner exception and its Exception data block', NPGSQL_FOREIGN_KEY],
    ['glog: the check failure stack trace and its frames', GLOG_CHECK],
    ['Bun: the code frame above the error, and its version after', BUN_CRASH],
    ['Bun: the code frame above `error: …`', BUN_THROWN],
    ['DBConnection: its advice and the line pointing to the documentation', DB_CONNECTION],
  ])('%s: one record', (_name, record) => {
    expectWhole(record, OTHER_LINES);
  });

  it('written with its error in one entry, the record is no piece', () => {
    expect(pieces(reassembleAll([line(PGJDBC_DUPLICATE, 0)]))).toEqual([false]);
    expect(pieces(reassembleAll([line(BUN_CRASH, 0)]))).toEqual([false]);
    expect(pieces(reassembleAll([line(GLOG_CHECK, 0)]))).toEqual([false]);
  });

  it('a code frame that never reached its error, and a stack whose error line was lost, are pieces', () => {
    expect(pieces(reassembleAll(split(BUN_CRASH.split('\n').slice(0, 3).join('\n'), 0)))).toEqual([true]);
    expect(pieces(reassembleAll(split(GLOG_CHECK.split('\n').slice(1).join('\n'), 0)))).toEqual([true]);
    // One numbered line alone may be any text.
    expect(pieces(reassembleAll([line('3 | apples | 12', 0)]))).toEqual([false]);
  });
});

describe('a line pointing elsewhere for the rest', () => {
  it('under a logged error whose advice lines broke the record, is a piece the classifier can place', () => {
    const out = reassembleAll(split([
      '10:00:00.123 request_id=F1 [error] ** (DBConnection.ConnectionError) connection not available and request was dropped from queue after 2000ms. You can address this by:',
      '  1. Ensuring your database is available and that you can connect to it',
      'See DBConnection.start_link/2 for more information',
    ].join('\n'), 0));
    const see = out.find((j) => String(j.raw.textPayload).includes('See DBConnection.start_link/2 for more information'));
    expect(see?.piece).toBe(true);
    expect(pieces(reassembleAll([line('See DBConnection.start_link/2 for more information', 0)]))).toEqual([true]);
  });

  it('a sentence that only mentions more information is no pointer', () => {
    const lines = ['request failed', 'See you later, we need more information'];
    // Written apart or in one write (`request failed` only mentions a problem: it heads no write, burst-lines.ts).
    expect(pieces(reassembleAll(writes(lines.join('\n'), 0)))).toEqual([false, false]);
    expect(pieces(reassembleAll(split(lines.join('\n'), 0)))).toEqual([false, false]);
  });
});

describe('a line that only looks like a tail', () => {
  const ERROR = 'psycopg2.errors.UndefinedColumn: column "skus" does not exist';

  it('well after the record (another write), stays apart', () => {
    const out = reassembleAll([line(ERROR, 0), line('Detail: cache warmed for 41 boards', 50_000), line('    ^', 90_000)]);
    expect(texts(out)).toEqual([ERROR, 'Detail: cache warmed for 41 boards', '    ^']);
  });

  it('under a routine line, stays apart', () => {
    const out = reassembleAll(split(['GET /boards 200 4ms', 'Detail: 3 cards moved', 'HINT:  none'].join('\n'), 0));
    expect(texts(out)).toEqual(['GET /boards 200 4ms', 'Detail: 3 cards moved', 'HINT:  none']);
  });

  it('ten thousand in a row grow no record past its cap and swallow no record after them', () => {
    const lines = [ERROR, ...Array.from({ length: 10_000 }, (_, i) => `DETAIL:  Failing row contains (${i}, null).`)];
    const entries = [...split(lines.join('\n'), 0), ...split(PGJDBC_DUPLICATE, 10_001 * 7)];
    const out = reassembleAll(entries);
    for (const t of texts(out)) expect(t.split('\n').length).toBeLessThanOrEqual(200);
    expect(texts(out)).toContain(PGJDBC_DUPLICATE);
    expect(out.reduce((n, j) => n + j.members.length, 0)).toBe(entries.length);
  });

  it('a caret line amid plain lines joins nothing', () => {
    const out = reassembleAll(split(['starting worker', '   ^', 'ready'].join('\n'), 0));
    expect(texts(out)).toEqual(['starting worker', '   ^', 'ready']);
  });
});
