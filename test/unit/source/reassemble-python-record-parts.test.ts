// Python logging's record in one write (logging.Formatter.format: the message, then the exception's
// traceback, then `Stack (most recent call last):` and the caller's frames when logged with
// stack_info), with the parts a message may span: SQLAlchemy's statement over several lines under its
// error, a GraphQL error's excerpt (`GraphQL request:L:C`, the numbered lines, the gutter caret), a
// docs link under httpx's error. Strawberry logs every GraphQL error so (strawberry-graphql/strawberry
// #2384, #2322), SQLAlchemy wraps asyncpg's InterfaceError so (sqlalchemy/sqlalchemy#5967). Split by
// Cloud Run into one entry per line, each comes back whole, whichever way the input runs.
import { reassembleAll } from '../../../src/source/reassemble.js';
import { cloudRunLines, noBlank, pieces, texts } from '../../support/cloud-run-lines.js';
import { expectWhole } from '../../support/expect-whole.js';

const { line, split } = cloudRunLines('stderr');
const OTHER_LINES = ['INFO:     169.254.6.37:0 - "POST /healthz HTTP/1.1" 200 OK'];
const SITE = '/usr/local/lib/python3.12/site-packages';

const STACK_INFO = [
  'Stack (most recent call last):',
  `  File "${SITE}/strawberry/schema/schema.py", line 289, in _process_errors`,
  '    StrawberryLogger.error(error, execution_context)',
  `  File "${SITE}/strawberry/utils/logging.py", line 31, in error`,
  '    cls.logger.error(error, exc_info=error.original_error, **logger_kwargs)',
];

// A GraphQL error with no original exception: its message, its excerpt, the stack.
const NOT_AUTHENTICATED = [
  '2026-12-07 16:41:05,950 ERROR strawberry.execution: User is not authenticated',
  '',
  'GraphQL request:2:3',
  '1 | query Header {',
  '2 |   me {',
  '  |   ^',
  '3 |     name',
  ...STACK_INFO,
].join('\n');

const SQL_ERROR = "(sqlalchemy.dialects.postgresql.asyncpg.InterfaceError) <class 'asyncpg.exceptions._base.InterfaceError'>: cannot perform operation: another operation is in progress";
const SQL_LINES = [
  '[SQL: SELECT order_lines.id, order_lines.sku, order_lines.qty ',
  'FROM order_lines ',
  'WHERE order_lines.order_id = $1::INTEGER]',
  '[parameters: (534268,)]',
  '(Background on this error at: https://sqlalche.me/e/20/rvf5)',
];
// The wrapper's message over several lines, the excerpt, the chained tracebacks, the stack.
const ANOTHER_OPERATION = [
  SQL_ERROR,
  ...SQL_LINES,
  '',
  'GraphQL request:4:5',
  '3 |   order(id: $id) {',
  '4 |     lines {',
  '  |     ^',
  '5 |       sku',
  'Traceback (most recent call last):',
  `  File "${SITE}/asyncpg/connection.py", line 1664, in _get_statement`,
  '    statement = await self._protocol.prepare(',
  'asyncpg.exceptions._base.InterfaceError: cannot perform operation: another operation is in progress',
  '',
  'The above exception was the direct cause of the following exception:',
  '',
  'Traceback (most recent call last):',
  `  File "${SITE}/sqlalchemy/dialects/postgresql/asyncpg.py", line 784, in _handle_exception`,
  '    raise translated_error from error',
  `sqlalchemy.exc.InterfaceError: ${SQL_ERROR}`,
  ...SQL_LINES,
  ...STACK_INFO,
].join('\n');

// httpx's error with its docs link, the excerpt, the traceback, the stack.
const LOYALTY_503 = [
  "Server error '503 Service Unavailable' for url 'http://loyalty.internal:8080/v1/points/52985'",
  'For more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/503',
  '',
  'GraphQL request:3:5',
  '2 |   customer(id: $id) {',
  '3 |     points',
  '  |     ^',
  '4 |   }',
  'Traceback (most recent call last):',
  '  File "/app/shop/clients/loyalty.py", line 27, in points',
  '    resp.raise_for_status()',
  "httpx.HTTPStatusError: Server error '503 Service Unavailable' for url 'http://loyalty.internal:8080/v1/points/52985'",
  'For more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/503',
  ...STACK_INFO,
].join('\n');

// `logger.warning(…, stack_info=True)` with no exception: the message, then the stack.
const WARNING_STACK = [
  '2026-03-10 10:00:00,120 WARNING billing.sync: invoice 8812 synced twice',
  'Stack (most recent call last):',
  '  File "/app/billing/sync.py", line 88, in run',
  '    self.push(invoice)',
  '  File "/app/billing/sync.py", line 120, in push',
  '    log.warning("invoice %s synced twice", invoice.id, stack_info=True)',
].join('\n');

// Both: the exception's traceback, then the stack (`logger.exception(…, stack_info=True)`).
const EXCEPTION_AND_STACK = [
  'ERROR:app.jobs:export failed',
  'Traceback (most recent call last):',
  '  File "/app/jobs/export.py", line 40, in run',
  '    rows = fetch()',
  'TimeoutError: timed out',
  'Stack (most recent call last):',
  '  File "/app/jobs/main.py", line 12, in <module>',
  '    run()',
].join('\n');

describe("reassemble: Python logging's record parts", () => {
  it.each([
    ['a GraphQL error with its excerpt and stack_info', NOT_AUTHENTICATED],
    ["SQLAlchemy's wrapper over several lines, chained, with excerpt and stack_info", ANOTHER_OPERATION],
    ["httpx's error with its docs link, excerpt, traceback and stack_info", LOYALTY_503],
    ['a warning logged with stack_info', WARNING_STACK],
    ['an exception then stack_info', EXCEPTION_AND_STACK],
  ])('%s: one record, either order, another instance between', (_name, record) => {
    expectWhole(record, OTHER_LINES);
  });

  it('records back to back stay apart', () => {
    const entries = [...split(WARNING_STACK, 0), ...split(NOT_AUTHENTICATED, 2000), ...split(EXCEPTION_AND_STACK, 4000)];
    const want = [noBlank(WARNING_STACK), noBlank(NOT_AUTHENTICATED), noBlank(EXCEPTION_AND_STACK)];
    expect(texts(reassembleAll(entries))).toEqual(want);
    expect(texts(reassembleAll([...entries].reverse()))).toEqual([...want].reverse());
  });

  it('an excerpt whose message came apart is a piece of the record, not a record of its own', () => {
    const [, ...rest] = noBlank(NOT_AUTHENTICATED).split('\n');
    const out = reassembleAll(split(rest.join('\n'), 0));
    expect(texts(out)).toEqual([rest.join('\n')]);
    expect(pieces(out)).toEqual([true]);
  });

  it('a place line with no excerpt under it is a line of its own, and no piece', () => {
    const out = reassembleAll([line('main.go:12:5', 0), line('rebuilt index in 12ms', 7)]);
    expect(texts(out)).toEqual(['main.go:12:5', 'rebuilt index in 12ms']);
    expect(pieces(out)).toEqual([false, false]);
  });

  it("a statement closed on its line takes no line after it; one left open takes none past a blank", () => {
    const closed = [`ERROR:app.db:${SQL_ERROR}`, '[SQL: SELECT 1]', '[parameters: ()]'].join('\n');
    const out = reassembleAll([...split(closed, 0), line('cache warmed: 812 keys', 2000)]);
    expect(texts(out)).toEqual([closed, 'cache warmed: 812 keys']);
    const open = [`ERROR:app.db:${SQL_ERROR}`, '[SQL: SELECT a '].join('\n');
    const apart = reassembleAll([...split(open, 0), line('', 14), line('Stack (most recent call last):', 2000)]);
    expect(texts(apart)[0]).toBe(open.split('\n')[0]);
  });
});
