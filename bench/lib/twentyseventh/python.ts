// The day's Python services: a Strawberry GraphQL API on FastAPI under uvicorn (logging left
// unconfigured, then basicConfig), and a Cloud Run job syncing Google Sheets into BigQuery (the logging
// cookbook's format, then google-cloud-logging's handler).
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { asctime } from './clock.js';
import { containerExit, digits, fam, peer, pyTraceback, type PyFrame } from './shared.js';

const SITE = '/usr/local/lib/python3.12/site-packages';

// ---------------------------------------------------------------------------------------------------
// graph-strawberry: Python 3.12, FastAPI 0.115 with Strawberry 0.246 (GraphQLRouter) under uvicorn 0.32
// (one process, `--proxy-headers`), SQLAlchemy 2.0 async on asyncpg 0.30 to Cloud SQL for PostgreSQL,
// httpx 0.28 to a loyalty service. uvicorn configures its own loggers only (`ERROR:    ` / `INFO:     `
// on stderr, the access line on stdout). Morning revision: the app configures nothing, so Strawberry's
// `strawberry.execution` errors reach logging's last-resort handler: the bare GraphQLError (message
// and the query excerpt), the original exception's traceback, then `Stack (most recent call last):`
// (Strawberry logs with `stack_info=True`). From the rollout the app calls `logging.basicConfig(level=
// INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")`: the same records with a header, and
// its own INFO lines appear.
const GS = 'graph-strawberry';

const STACK_INFO = [
  'Stack (most recent call last):',
  `  File "${SITE}/strawberry/fastapi/router.py", line 330, in execute`,
  '    return await self.schema.execute(',
  `  File "${SITE}/strawberry/schema/schema.py", line 357, in execute`,
  '    self._process_errors(result.errors, execution_context=execution_context)',
  `  File "${SITE}/strawberry/schema/schema.py", line 289, in _process_errors`,
  '    StrawberryLogger.error(error, execution_context)',
  `  File "${SITE}/strawberry/utils/logging.py", line 31, in error`,
  '    cls.logger.error(error, exc_info=error.original_error, **logger_kwargs)',
].join('\n');

/** A record of `strawberry.execution`: bare on the morning revision, basicConfig's header after. */
function strawberryError(t: number, rev: 0 | 1, gqlError: string, tb?: string): Write {
  const body = tb ? `${gqlError}\n${tb}\n${STACK_INFO}` : `${gqlError}\n${STACK_INFO}`;
  return { stream: 'stderr', text: rev === 0 ? body : `${asctime(t)} ERROR strawberry.execution: ${body}` };
}

const appLine = (t: number, level: string, logger: string, msg: string): Write => ({ stream: 'stderr', text: `${asctime(t)} ${level} ${logger}: ${msg}` });
const uvAccess = (rng: Prng, method: string, path: string, status: string): Write => ({ stream: 'stdout', text: `INFO:     ${peer(rng)}:0 - "${method} ${path} HTTP/1.1" ${status}` });

/** graphql-core's print_error: the message, then where in the query it happened. */
const located = (msg: string, line: number, col: number, src: readonly string[]): string => {
  const out = [msg, '', `GraphQL request:${line}:${col}`];
  src.forEach((s, i) => {
    const n = line - 1 + i;
    out.push(`${n} | ${s}`);
    if (n === line) out.push(`${' '.repeat(String(n).length)} | ${' '.repeat(col - 1)}^`);
  });
  return out.join('\n');
};

const RESOLVE: PyFrame[] = [
  [`${SITE}/graphql/execution/execute.py`, 530, 'await_result', 'return_type, field_nodes, info, path, await result'],
  [`${SITE}/strawberry/schema/schema_converter.py`, 775, '_async_resolver', 'return await await_maybe(_get_result(_source, strawberry_info, **kwargs))'],
];

// Two resolvers of one request share the request's AsyncSession: asyncpg refuses the second query.
// The raw asyncpg error, then SQLAlchemy's wrapper (`The above exception was the direct cause`).
const gsLinesInProgress = fam(`${GS}:order-lines-another-operation`, 'ERROR', [25, 55], ({ rng, t, rev }) => {
  const order = digits(rng, 6);
  const msg = `(sqlalchemy.dialects.postgresql.asyncpg.InterfaceError) <class 'asyncpg.exceptions._base.InterfaceError'>: cannot perform operation: another operation is in progress\n[SQL: SELECT order_lines.id, order_lines.sku, order_lines.qty, order_lines.price_cents \nFROM order_lines \nWHERE order_lines.order_id = $1::INTEGER]\n[parameters: (${order},)]\n(Background on this error at: https://sqlalche.me/e/20/rvf5)`;
  const raw = pyTraceback([
    [`${SITE}/sqlalchemy/dialects/postgresql/asyncpg.py`, 521, '_prepare_and_execute', 'prepared_stmt, attributes = await adapt_connection._prepare('],
    [`${SITE}/sqlalchemy/dialects/postgresql/asyncpg.py`, 768, '_prepare', 'prepared_stmt = await self._connection.prepare('],
    [`${SITE}/asyncpg/connection.py`, 636, 'prepare', 'return await self._prepare('],
    [`${SITE}/asyncpg/connection.py`, 1664, '_get_statement', 'statement = await self._protocol.prepare('],
  ], 'asyncpg.exceptions._base.InterfaceError: cannot perform operation: another operation is in progress');
  const wrapped = pyTraceback([...RESOLVE,
    ['/app/shop/graphql/types.py', 88, 'lines', 'result = await session.execute(select(OrderLine).where(OrderLine.order_id == self.id))'],
    [`${SITE}/sqlalchemy/ext/asyncio/session.py`, 461, 'execute', 'result = await greenlet_spawn('],
    [`${SITE}/sqlalchemy/engine/default.py`, 941, 'do_execute', 'cursor.execute(statement, parameters)'],
    [`${SITE}/sqlalchemy/dialects/postgresql/asyncpg.py`, 561, '_prepare_and_execute', 'self._handle_exception(error)'],
    [`${SITE}/sqlalchemy/dialects/postgresql/asyncpg.py`, 784, '_handle_exception', 'raise translated_error from error'],
  ], `sqlalchemy.exc.InterfaceError: ${msg}`);
  return [strawberryError(t, rev, located(msg, 4, 5, ['  order(id: $id) {', '    lines {', '      sku']), `${raw}\n\nThe above exception was the direct cause of the following exception:\n\n${wrapped}`)];
}, 0.3);

// The loyalty service answers 503: httpx's raise_for_status message, through the `points` resolver.
const gsLoyalty503 = fam(`${GS}:customer-points-loyalty-503`, 'ERROR', [25, 55], ({ rng, t, rev }) => {
  const id = digits(rng, 5);
  const msg = `Server error '503 Service Unavailable' for url 'http://loyalty.internal:8080/v1/points/${id}'\nFor more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/503`;
  const tb = pyTraceback([...RESOLVE,
    ['/app/shop/graphql/types.py', 121, 'points', 'return await loyalty.points(self.id)'],
    ['/app/shop/clients/loyalty.py', 27, 'points', 'resp.raise_for_status()'],
    [`${SITE}/httpx/_models.py`, 829, 'raise_for_status', 'raise HTTPStatusError(message, request=request, response=self)'],
  ], `httpx.HTTPStatusError: ${msg}`);
  return [strawberryError(t, rev, located(msg, 3, 5, ['  customer(id: $id) {', '    points', '  }']), tb)];
});

// The `me` field's permission class refuses requests without a session (frequent). The permission
// raises a GraphQL error itself, so there is no original exception: no traceback, only the stack.
const gsNotAuthenticated = fam(`${GS}:me-not-authenticated`, 'ERROR', [80, 160], ({ t, rev }) => [
  strawberryError(t, rev, located('User is not authenticated', 2, 3, ['query Header {', '  me {', '    name'])),
]);

// The CSV export is a plain FastAPI route: uvicorn's own `Exception in ASGI application` over the
// statement timeout (asyncpg's error inside SQLAlchemy's DBAPIError), then the 500 access line.
const gsExportTimeout = fam(`${GS}:orders-export-statement-timeout`, 'ERROR', [15, 35], ({ rng, t }) => {
  const from = `2026-${rng.pick(['09', '10', '11'])}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  const tb = `${pyTraceback([
    [`${SITE}/sqlalchemy/dialects/postgresql/asyncpg.py`, 545, '_prepare_and_execute', 'self._rows = deque(await prepared_stmt.fetch(*parameters))'],
    [`${SITE}/asyncpg/prepared_stmt.py`, 176, 'fetch', 'data = await self.__bind_execute(args, 0, timeout)'],
    [`${SITE}/asyncpg/prepared_stmt.py`, 267, '__bind_execute', 'data, status, _ = await self.__do_execute('],
  ], 'asyncpg.exceptions.QueryCanceledError: canceling statement due to statement timeout')}\n\nThe above exception was the direct cause of the following exception:\n\n${pyTraceback([
    [`${SITE}/uvicorn/protocols/http/httptools_impl.py`, 409, 'run_asgi', 'result = await app(  # type: ignore[func-returns-value]'],
    [`${SITE}/uvicorn/middleware/proxy_headers.py`, 60, '__call__', 'return await self.app(scope, receive, send)'],
    [`${SITE}/fastapi/applications.py`, 1054, '__call__', 'await super().__call__(scope, receive, send)'],
    [`${SITE}/starlette/routing.py`, 73, 'app', 'response = await f(request)'],
    ['/app/shop/exports.py', 42, 'orders_csv', 'rows = (await session.execute(EXPORT_SQL, {"from": since})).all()'],
    [`${SITE}/sqlalchemy/dialects/postgresql/asyncpg.py`, 784, '_handle_exception', 'raise translated_error from error'],
  ], `sqlalchemy.exc.DBAPIError: (sqlalchemy.dialects.postgresql.asyncpg.Error) <class 'asyncpg.exceptions.QueryCanceledError'>: canceling statement due to statement timeout\n[SQL: SELECT o.id, o.created_at, o.total_cents, c.email FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.created_at >= $1::DATE ORDER BY o.id]\n[parameters: ('${from}',)]\n(Background on this error at: https://sqlalche.me/e/20/dbapi)`)}`;
  return [{ stream: 'stderr', text: `ERROR:    Exception in ASGI application\n${tb}` }, uvAccess(rng, 'GET', `/exports/orders.csv?from=${from}`, '500 Internal Server Error')];
});

const gsChatter = fam(`noise:${GS}:chatter`, 'INFO', [200, 300], ({ rng, t, rev }) => {
  const r = rng.next();
  if (r < 0.06) return [{ stream: 'stderr', text: `INFO:     ${rng.pick(['Started server process [1]', 'Waiting for application startup.', 'Application startup complete.', 'Uvicorn running on http://0.0.0.0:8080 (Press CTRL+C to quit)'])}` }];
  if (r < 0.7 || rev === 0) return [uvAccess(rng, rng.pick(['POST', 'POST', 'GET']), rng.pick(['/graphql', '/graphql', '/healthz', `/exports/orders.csv?from=2026-11-${rng.int(10, 28)}`]), rng.pick(['200 OK', '200 OK', '304 Not Modified']))];
  return [appLine(t, 'INFO', rng.pick(['shop.exports', 'shop.graphql']), rng.pick([`export finished: rows=${rng.int(100, 90000)} errors=0`, `persisted query cache warmed: ${rng.int(10, 80)} operations`, `order ${digits(rng, 6)} marked shipped`]))];
});

export const graphStrawberry: ServiceDef = {
  name: GS, stack: 'Python 3.12, FastAPI 0.115, Strawberry 0.246, uvicorn 0.32, SQLAlchemy 2.0 async + asyncpg 0.30, httpx 0.28', splitRate: 0.65,
  families: [gsLinesInProgress, gsLoyalty503, gsNotAuthenticated, gsExportTimeout, gsChatter],
};

// ---------------------------------------------------------------------------------------------------
// jobs-sheets: a Python 3.12 Cloud Run job (four tasks, every 30 minutes from Cloud Scheduler) copying
// Google Sheets into BigQuery: gspread 6.1 with the job's service account, pandas 2.2,
// google-cloud-bigquery 3.27 (`load_table_from_dataframe`). Morning revision: `logging.basicConfig(
// level=INFO, format="%(asctime)s - %(name)s - %(levelname)s - %(message)s")` (the logging cookbook's
// format) on stderr; pandas' FutureWarning through `warnings` (file:line: category: message, then the
// source line). From the rollout google-cloud-logging 3.11's `setup_logging()`, which picks the
// StructuredLogHandler on Cloud Run (JSON on stdout: `message` with the traceback, `severity`,
// `logging.googleapis.com/sourceLocation`); `warnings` still writes bare text. A task that fails logs
// the exception and calls `sys.exit(1)`; Cloud Run retries the task.
const JS = 'jobs-sheets';

function jobRecord(t: number, rev: 0 | 1, level: string, logger: string, msg: string, tb?: string, fn = 'main', line = 64): Write {
  if (rev === 0) return { stream: 'stderr', text: `${asctime(t)} - ${logger} - ${level} - ${msg}${tb ? `\n${tb}` : ''}` };
  return { stream: 'stdout', json: { message: tb ? `${msg}\n${tb}` : msg, severity: level, 'logging.googleapis.com/sourceLocation': { file: `/app/${logger === '__main__' ? 'main' : logger.split('.').pop()}.py`, line: String(line), function: fn }, 'logging.googleapis.com/labels': { python_logger: logger } } };
}

const SHEETS = ['Orders 2026', 'Refunds', 'Stock (EU)', 'Wholesale Q4', 'Returns log'];
const sheetId = (rng: Prng): string => `1${rng.alnum(43)}`;

// The read quota of the Sheets API: the job catches gspread's APIError and sleeps (frequent).
const jsReadQuota = fam(`${JS}:sheets-read-quota-retry`, 'WARNING', [120, 260], ({ rng, t, rev }) => [
  jobRecord(t, rev, 'WARNING', 'sync.sheets', `read of '${rng.pick(SHEETS)}' throttled (APIError: [429]: Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:${digits(rng, 12)}'.), retrying in ${rng.pick([2, 4, 8, 16, 32])}s`, undefined, 'read_sheet', 41),
]);

// A spreadsheet was never shared with the job's service account: the task fails and exits 1.
const jsForbidden = fam(`${JS}:sheet-not-shared`, 'ERROR', [20, 50], ({ rng, t, rev }) => {
  const id = sheetId(rng);
  const tb = pyTraceback([
    ['/app/main.py', 58, 'main', 'rows = read_sheet(client, spreadsheet_id, tab)'],
    ['/app/sync/sheets.py', 33, 'read_sheet', 'sheet = client.open_by_key(spreadsheet_id)'],
    [`${SITE}/gspread/client.py`, 163, 'open_by_key', 'spreadsheet = Spreadsheet(self.http_client, {"id": key})'],
    [`${SITE}/gspread/spreadsheet.py`, 37, '__init__', 'metadata = self.fetch_sheet_metadata()'],
    [`${SITE}/gspread/http_client.py`, 123, 'request', 'raise APIError(response)'],
  ], 'gspread.exceptions.APIError: APIError: [403]: The caller does not have permission');
  const task = rng.int(0, 3);
  return [jobRecord(t, rev, 'ERROR', '__main__', `Task #${task}, Attempt #${rng.int(0, 2)} failed: spreadsheet ${id} could not be read`, tb), containerExit(JS, 1)];
});

// The sheet's `amount` column holds text in some rows: BigQuery refuses the frame's schema.
const jsSchema = fam(`${JS}:bq-load-schema-mismatch`, 'ERROR', [20, 50], ({ rng, t, rev }) => {
  const table = rng.pick(['orders', 'refunds', 'wholesale']);
  const col = rng.pick(['amount', 'qty']);
  const tb = pyTraceback([
    ['/app/main.py', 61, 'main', 'load(bq, df, f"sheets_sync.{table}")'],
    ['/app/sync/bq.py', 22, 'load', 'job.result()'],
    [`${SITE}/google/cloud/bigquery/job/base.py`, 966, 'result', 'return super(_AsyncJob, self).result(timeout=timeout, **kwargs)'],
    [`${SITE}/google/api_core/future/polling.py`, 261, 'result', 'raise self._exception'],
  ], `google.api_core.exceptions.BadRequest: 400 Provided Schema does not match Table larkspur-run-prod:sheets_sync.${table}. Field ${col} has changed type from ${col === 'qty' ? 'INTEGER' : 'NUMERIC'} to STRING; reason: invalid, message: Provided Schema does not match Table larkspur-run-prod:sheets_sync.${table}. Field ${col} has changed type from ${col === 'qty' ? 'INTEGER' : 'NUMERIC'} to STRING`);
  return [jobRecord(t, rev, 'ERROR', '__main__', `Task #${rng.int(0, 3)}, Attempt #${rng.int(0, 2)} failed: load into sheets_sync.${table} failed`, tb), containerExit(JS, 1)];
});

// pandas 2.2 warns on every run where the frame is filled: `warnings` writes it, with no logger.
const jsDowncast = fam(`${JS}:pandas-downcast-futurewarning`, 'WARNING', [100, 200], () => [{
  stream: 'stderr', text: "/app/sync/frames.py:27: FutureWarning: Downcasting object dtype arrays on .fillna, .ffill, .bfill is deprecated and will change in a future version. Call result.infer_objects(copy=False) instead. To opt-in to the future behavior, set `pd.set_option('future.no_silent_downcasting', True)`\n  df = df.fillna(0)",
}]);

const jsChatter = fam(`noise:${JS}:chatter`, 'INFO', [220, 340], ({ rng, t, rev }) => [
  jobRecord(t, rev, 'INFO', rng.pick(['__main__', 'sync.sheets', 'sync.bq']), rng.pick([
    `Task #${rng.int(0, 3)}, Attempt #0: reading '${rng.pick(SHEETS)}'`,
    `read ${rng.int(20, 4000)} rows from '${rng.pick(SHEETS)}' (${rng.int(1, 9)} requests)`,
    `loaded ${rng.int(20, 4000)} rows into sheets_sync.${rng.pick(['orders', 'refunds', 'wholesale'])} (errors=0)`,
    `Completed Task #${rng.int(0, 3)}.`,
  ])),
]);

export const jobsSheets: ServiceDef = {
  name: JS, stack: 'Python 3.12 Cloud Run job, gspread 6.1, pandas 2.2, google-cloud-bigquery 3.27, google-cloud-logging 3.11 from the rollout', splitRate: 0.6,
  families: [jsReadQuota, jsForbidden, jsSchema, jsDowncast, jsChatter],
};

