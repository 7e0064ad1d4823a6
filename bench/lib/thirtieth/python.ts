// The day's Python services: a FastAPI API whose every log (uvicorn's included) goes through loguru,
// and a Django site on gunicorn whose logging moves from Django's documented `simple` formatter to
// google-cloud-logging's structured handler at the rollout.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { clfTime, gunicornTime, loguruIso, loguruTime } from './clock.js';
import { as, containerExit, digits, fam, peer, pyTraceback, traceOf, UA, type PyFrame } from './shared.js';

const SP = '/usr/local/lib/python3.12/site-packages';

// ---------------------------------------------------------------------------------------------------
// quotes-loguru: Python 3.12, FastAPI 0.115 on uvicorn 0.32 (`uvicorn app.main:app --host 0.0.0.0`),
// asyncpg 0.30 to Cloud SQL for PostgreSQL, openai 1.57, loguru 0.7 with loguru's documented
// InterceptHandler installed on `uvicorn`, `uvicorn.error` and `uvicorn.access`, so uvicorn's records
// come out in loguru's format, named after the module and function that logged them. Morning revision:
// loguru's default sink (stderr, no colours without a TTY): `YYYY-MM-DD HH:mm:ss.SSS | LEVEL    |
// name:function:line - message`, an exception as loguru's own traceback (`backtrace` and `diagnose`
// on by default: a blank line after the header and between frames, `>` before the frame that caught
// it, the values of the names under each source line). From the rollout `logger.add(sys.stdout,
// format="{time:YYYY-MM-DDTHH:mm:ss.SSSZZ} {level} [{extra[request_id]}] {name}:{function}:{line}
// {message}", backtrace=False, diagnose=False)`: a request id (or `-`), and the plain traceback.
const QL = 'quotes-loguru';

/** loguru's traceback with `diagnose`: each frame's source line, then the values of its names. */
function loguruTraceback(frames: ReadonlyArray<readonly [file: string, line: number, fn: string, src: string, values: string[]]>, caught: number, last: string): string {
  const out = ['Traceback (most recent call last):', ''];
  frames.forEach(([file, line, fn, src, values], i) => {
    out.push(`${i === caught ? '>' : ' '} File "${file}", line ${line}, in ${fn}`, `    ${src}`);
    values.forEach((v, j) => out.push(`    ${j === values.length - 1 ? '└' : '│'} ${v}`));
    out.push('');
  });
  out.push(last);
  return out.join('\n');
}

function qlog(t: number, rev: 0 | 1, level: 'INFO' | 'WARNING' | 'ERROR', where: string, message: string, reqId: string, tb?: { diag: string; plain: string }): Write {
  if (rev === 0) return { stream: 'stderr', text: `${loguruTime(t)} | ${level.padEnd(8)} | ${where} - ${message}${tb ? `\n${tb.diag}` : ''}` };
  return { stream: 'stdout', text: `${loguruIso(t)} ${level} [${reqId}] ${where} ${message}${tb ? `\n${tb.plain}` : ''}` };
}

const ACCESS_AT = 'uvicorn.protocols.http.httptools_impl:send:476';
const access = (rng: Prng, t: number, rev: 0 | 1, reqId: string, method: string, path: string, status: number): Write =>
  qlog(t, rev, 'INFO', ACCESS_AT, `${peer(rng)}:${rng.int(30000, 60000)} - "${method} ${path} HTTP/1.1" ${status}`, reqId);

const ASGI_FRAMES: PyFrame[] = [
  [`${SP}/uvicorn/protocols/http/httptools_impl.py`, 409, 'run_asgi', 'result = await app(  # type: ignore[func-returns-value]'],
  [`${SP}/starlette/middleware/errors.py`, 187, '__call__', 'raise exc'],
  [`${SP}/starlette/routing.py`, 73, 'app', 'response = await f(request)'],
  [`${SP}/fastapi/routing.py`, 212, 'run_endpoint_function', 'return await dependant.call(**values)'],
];

/** A request's failure: uvicorn's 500 access line, then `Exception in ASGI application` and the traceback. */
function asgiFailure(rng: Prng, t: number, rev: 0 | 1, method: string, path: string, site: PyFrame[], last: string): Write[] {
  const reqId = rng.hex(12);
  const frames = [...ASGI_FRAMES, ...site];
  const diag = loguruTraceback(frames.map(([f, l, fn, src], i) => [f, l, fn, src, i === 0 ? [`<uvicorn.middleware.proxy_headers.ProxyHeadersMiddleware object at 0x7f${rng.hex(10)}>`] : []] as const), 0, last);
  return [
    access(rng, t, rev, reqId, method, path, 500),
    qlog(t + 2000, rev, 'ERROR', 'uvicorn.protocols.http.httptools_impl:run_asgi:414', 'Exception in ASGI application', reqId, { diag, plain: pyTraceback(frames, last) }),
  ];
}

// Quote creation opens a connection per request beside the pool during a release: the instance's
// Postgres says no (burst).
const qlTooMany = fam(`${QL}:quote-create-too-many-clients`, 'ERROR', [40, 90], ({ rng, t, rev }) =>
  asgiFailure(rng, t, rev, 'POST', '/v1/quotes', [
    ['/app/app/routes/quotes.py', 41, 'create_quote', 'conn = await asyncpg.connect(settings.database_url)'],
    [`${SP}/asyncpg/connection.py`, 2329, 'connect', 'return await connect_utils._connect('],
    [`${SP}/asyncpg/connect_utils.py`, 1007, '_connect_addr', 'await connected'],
  ], 'asyncpg.exceptions.TooManyConnectionsError: sorry, too many clients already'), 0.35);

const OPENAI_LAST = 'openai.APIConnectionError: Connection error.';
const openaiFrames = (site: PyFrame[]): PyFrame[] => [...site,
  [`${SP}/openai/resources/chat/completions.py`, 1720, 'create', 'return await self._post('],
  [`${SP}/openai/_base_client.py`, 1849, 'post', 'return await self.request(cast_to, opts, stream=stream, stream_cls=stream_cls)'],
  [`${SP}/openai/_base_client.py`, 1612, '_request', 'raise APIConnectionError(request=request) from err']];
// The model provider's edge resets connections: the summary endpoint fails (burst)...
const qlSummary = fam(`${QL}:summary-openai-connection`, 'ERROR', [30, 70], ({ rng, t, rev }) =>
  asgiFailure(rng, t, rev, 'POST', `/v1/quotes/${digits(rng, 7)}/summary`, openaiFrames([['/app/app/routes/summaries.py', 28, 'summarise_quote', 'completion = await client.chat.completions.create(']]), OPENAI_LAST), 0.3);

// ...and the nightly digest task, logged by the app (a second call site).
const qlDigest = fam(`${QL}:digest-openai-connection`, 'ERROR', [10, 30], ({ rng, t, rev }) => {
  const frames = openaiFrames([['/app/app/tasks/digest.py', 57, 'run_digest', 'text = await summarise(account_id, quotes)'], ['/app/app/llm.py', 19, 'summarise', 'completion = await client.chat.completions.create(']]);
  const diag = loguruTraceback(frames.map(([f, l, fn, src], i) => [f, l, fn, src, i === 0 ? [String(rng.int(100, 999)), `[<Quote id=${digits(rng, 7)}>, <Quote id=${digits(rng, 7)}>]`] : []] as const), 0, OPENAI_LAST);
  return [qlog(t, rev, 'ERROR', 'app.tasks.digest:run_digest:61', `digest run failed for account ${digits(rng, 5)}`, '-', { diag, plain: pyTraceback(frames, OPENAI_LAST) })];
});

// Quotes priced while the FX feed lags (frequent).
const qlStale = fam(`${QL}:stale-fx-rate`, 'WARNING', [120, 240], ({ rng, t, rev }) =>
  [qlog(t, rev, 'WARNING', 'app.pricing:price_quote:88', `quote ${digits(rng, 7)} priced with stale FX rate ${rng.pick(['EURGBP', 'EURUSD', 'EURCHF'])} (${rng.int(16, 240)} minutes old)`, rng.hex(12))]);

// A revision deployed without DATABASE_URL: pydantic-settings fails at import, before loguru is set
// up; Python prints the traceback and the process exits 1.
const qlStartup = fam(`${QL}:startup-settings-missing`, 'ERROR', [3, 8], () => [
  { stream: 'stderr', text: pyTraceback([
    ['/usr/local/bin/uvicorn', 8, '<module>', 'sys.exit(main())'],
    [`${SP}/uvicorn/importer.py`, 19, 'import_from_string', 'module = importlib.import_module(module_str)'],
    ['/app/app/main.py', 9, '<module>', 'from app.config import settings'],
    ['/app/app/config.py', 22, '<module>', 'settings = Settings()'],
    [`${SP}/pydantic_settings/main.py`, 171, '__init__', 'super().__init__('],
  ], 'pydantic_core._pydantic_core.ValidationError: 1 validation error for Settings\ndatabase_url\n  Field required [type=missing, input_value={}, input_type=dict]\n    For further information visit https://errors.pydantic.dev/2.10/v/missing') },
  containerExit(QL, 1),
]);

const qlChatter = fam(`noise:${QL}:chatter`, 'INFO', [240, 380], ({ rng, t, rev }) => {
  const roll = rng.next();
  if (roll < 0.6) return [access(rng, t, rev, rng.hex(12), 'GET', rng.pick(['/v1/quotes?status=open', `/v1/quotes/${digits(rng, 7)}`, '/healthz']), 200)];
  if (roll < 0.85) return [qlog(t, rev, 'INFO', 'app.routes.quotes:create_quote:52', `quote ${digits(rng, 7)} created (${rng.int(1, 12)} lines, pricing_errors=0)`, rng.hex(12))];
  return [qlog(t, rev, 'INFO', 'app.tasks.digest:run_digest:70', `digest sent to ${rng.int(1, 300)} accounts, 0 failed`, '-')];
});

export const quotesLoguru: ServiceDef = {
  name: QL, stack: 'Python 3.12, FastAPI 0.115 on uvicorn 0.32, asyncpg 0.30, openai 1.57, loguru 0.7 (InterceptHandler)', splitRate: 0.6,
  families: [qlTooMany, qlSummary, qlDigest, qlStale, qlStartup, qlChatter],
};

// ---------------------------------------------------------------------------------------------------
// web-django: Python 3.12, Django 5.1 on gunicorn 23 (sync, three workers, `--access-logfile -`, the
// default access format), psycopg 3 to Cloud SQL for PostgreSQL, google-cloud-logging 3.11 from the
// rollout. Morning revision: LOGGING as Django's logging how-to writes it, a console handler (stderr)
// with the `simple` formatter `{levelname} {message}`, the traceback after. From the rollout
// `google.cloud.logging.Client().setup_logging()` (StructuredLogHandler on stdout on Cloud Run) with
// the library's Django RequestMiddleware: one JSON line a record, `message` with the traceback,
// `severity`, the logger in `logging.googleapis.com/labels`, the request's trace and span, source
// location, and `httpRequest` (which Cloud Run lifts into the entry, as it lifts the trace). gunicorn's
// access lines on stdout and its own error log on stderr do not change.
const WD = 'web-django';

function dlog(rng: Prng, _t: number, rev: 0 | 1, level: 'WARNING' | 'ERROR', logger: string, message: string, req: { method: string; path: string; host: string } | undefined, src: readonly [string, number, string]): Write {
  if (rev === 0) return { stream: 'stderr', text: `${level} ${message}` };
  const json: Record<string, unknown> = { message, severity: level, 'logging.googleapis.com/labels': { python_logger: logger } };
  if (req !== undefined) {
    json['logging.googleapis.com/trace'] = traceOf(rng);
    json['logging.googleapis.com/spanId'] = rng.hex(16);
    json['logging.googleapis.com/trace_sampled'] = rng.chance(0.1);
  }
  json['logging.googleapis.com/sourceLocation'] = { line: src[1], file: src[0], function: src[2] };
  const w: Write = { stream: 'stdout', json };
  if (req !== undefined) w.httpRequest = { requestMethod: req.method, requestUrl: `https://${req.host}${req.path}`, userAgent: rng.pick(UA), protocol: 'HTTP/1.1' };
  return w;
}

const LOG_RESPONSE: readonly [string, number, string] = [`${SP}/django/utils/log.py`, 253, 'log_response'];
const gaccess = (rng: Prng, t: number, method: string, path: string, status: number, size: number): Write =>
  ({ stream: 'stdout', text: `${peer(rng)} - - ${clfTime(t)} "${method} ${path} HTTP/1.1" ${status} ${size} "-" "${rng.pick(UA)}"` });

const DJ_FRAMES: PyFrame[] = [
  [`${SP}/django/core/handlers/exception.py`, 55, 'inner', 'response = get_response(request)'],
  [`${SP}/django/core/handlers/base.py`, 197, '_get_response', 'response = wrapped_callback(request, *callback_args, **callback_kwargs)'],
];

function serverError(rng: Prng, t: number, rev: 0 | 1, host: string, method: string, path: string, tb: string): Write[] {
  return [
    // Django names `request.path`: the query string is not in the message, only in the access line.
    dlog(rng, t, rev, 'ERROR', 'django.request', `Internal Server Error: ${path.split('?')[0]}\n${tb}`, { method, path, host }, LOG_RESPONSE),
    gaccess(rng, t + 5000, method, path, 500, 145),
  ];
}

// The export endpoint opens a connection per row batch after a refactor: Postgres' reserved slots
// are all that is left (burst). psycopg's error, then Django's wrapper of it.
const wdExport = fam(`${WD}:export-connection-slots`, 'ERROR', [40, 90], ({ rng, t, rev, host }) => {
  const ip = `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(2, 254)}`;
  const msg = `connection failed: connection to server at "${ip}", port 5432 failed: FATAL:  remaining connection slots are reserved for roles with the SUPERUSER attribute`;
  const inner = pyTraceback([
    [`${SP}/django/db/backends/base/base.py`, 279, 'ensure_connection', 'self.connect()'],
    [`${SP}/django/db/backends/postgresql/base.py`, 332, 'get_new_connection', 'connection = self.Database.connect(**conn_params)'],
    [`${SP}/psycopg/connection.py`, 119, 'connect', 'raise last_ex.with_traceback(None)'],
  ], `psycopg.OperationalError: ${msg}`);
  const outer = pyTraceback([...DJ_FRAMES,
    ['/app/orders/views.py', 88, 'export_orders', 'for batch in chunked(Order.objects.filter(shop=request.shop).iterator(), 500):'],
    [`${SP}/django/db/backends/base/base.py`, 278, 'ensure_connection', 'with self.wrap_database_errors:'],
    [`${SP}/django/db/utils.py`, 91, '__exit__', 'raise dj_exc_value.with_traceback(traceback) from exc_value'],
  ], `django.db.utils.OperationalError: ${msg}`);
  return serverError(rng, t, rev, host, 'GET', `/orders/export/?format=${rng.pick(['csv', 'xlsx'])}`, `${inner}\n\nThe above exception was the direct cause of the following exception:\n\n${outer}`);
}, 0.35);

// The monthly report returns Decimal totals through JsonResponse (a second, unrelated 500).
const wdReport = fam(`${WD}:report-decimal-json`, 'ERROR', [20, 60], ({ rng, t, rev, host }) =>
  serverError(rng, t, rev, host, 'GET', `/reports/monthly/?month=2026-${rng.int(1, 11)}`, pyTraceback([...DJ_FRAMES,
    ['/app/reports/views.py', 41, 'monthly', 'return JsonResponse({"rows": rows, "total": total}, encoder=json.JSONEncoder)'],
    [`${SP}/django/http/response.py`, 745, '__init__', 'data = json.dumps(data, cls=encoder, **json_dumps_params)'],
    ['/usr/local/lib/python3.12/json/encoder.py', 180, 'default', "raise TypeError(f'Object of type {o.__class__.__name__} '"],
  ], 'TypeError: Object of type Decimal is not JSON serializable')));

// The admin is reached through a second domain not in CSRF_TRUSTED_ORIGINS: 403 (frequent).
const wdCsrf = fam(`${WD}:csrf-origin-untrusted`, 'WARNING', [120, 240], ({ rng, t, rev, host }) => {
  const path = rng.pick(['/admin/login/', '/accounts/login/', '/admin/orders/order/add/']);
  return [
    dlog(rng, t, rev, 'WARNING', 'django.security.csrf', `Forbidden (Origin checking failed - https://backoffice.harrowgate.example does not match any trusted origins.): ${path}`, { method: 'POST', path, host }, LOG_RESPONSE),
    gaccess(rng, t + 3000, 'POST', path, 403, 2511),
  ];
});

// Scanners reach the service by its IP: Django's security logger at ERROR with the exception, 400.
const wdHost = fam(`${WD}:disallowed-host`, 'ERROR', [30, 80], ({ rng, t, rev, host }) => {
  const bad = rng.chance(0.5) ? `${rng.publicIpv4()}` : `${rng.publicIpv4()}:8080`;
  const msg = `Invalid HTTP_HOST header: '${bad}'. You may need to add '${bad.split(':')[0]}' to ALLOWED_HOSTS.`;
  const tb = pyTraceback([
    [`${SP}/django/core/handlers/exception.py`, 55, 'inner', 'response = get_response(request)'],
    [`${SP}/django/utils/deprecation.py`, 128, '__call__', 'response = self.process_request(request)'],
    [`${SP}/django/middleware/common.py`, 48, 'process_request', 'host = request.get_host()'],
    [`${SP}/django/http/request.py`, 202, 'get_host', 'raise DisallowedHost(msg)'],
  ], `django.core.exceptions.DisallowedHost: ${msg}`);
  const path = rng.pick(['/', '/.env', '/wp-login.php', '/server-status']);
  return [dlog(rng, t, rev, 'ERROR', 'django.security.DisallowedHost', `${msg}\n${tb}`, { method: 'GET', path, host }, [`${SP}/django/core/handlers/exception.py`, 129, 'response_for_exception']), gaccess(rng, t + 2000, 'GET', path, 400, 143)];
});

// A report query runs past gunicorn's 30 s timeout: the arbiter kills the worker (two lines of one
// failure, each at the level it prints).
const wdTimeout = fam(`${WD}:worker-timeout`, 'CRITICAL', [8, 20], ({ rng, t }) => {
  const pid = rng.int(8, 400);
  return [
    { stream: 'stderr', text: `${gunicornTime(t)} [1] [CRITICAL] WORKER TIMEOUT (pid:${pid})` },
    as({ stream: 'stderr', text: `${gunicornTime(t + 400_000)} [1] [ERROR] Worker (pid:${pid}) was sent SIGKILL! Perhaps out of memory?` }, `${WD}:worker-timeout`, 'ERROR'),
  ];
});

const wdChatter = fam(`noise:${WD}:chatter`, 'INFO', [240, 380], ({ rng, t }) => {
  const roll = rng.next();
  if (roll < 0.8) return [gaccess(rng, t, 'GET', rng.pick(['/', '/orders/', `/orders/${digits(rng, 6)}/`, '/static/css/app.css']), 200, rng.int(900, 40000))];
  if (roll < 0.9) return [{ stream: 'stderr', text: `${gunicornTime(t)} [${rng.int(8, 400)}] [INFO] Booting worker with pid: ${rng.int(8, 400)}` }];
  return [{ stream: 'stderr', text: `${gunicornTime(t)} [1] [INFO] Handling signal: term` }];
});

export const webDjango: ServiceDef = {
  name: WD, stack: 'Python 3.12, Django 5.1 on gunicorn 23 (sync), psycopg 3, google-cloud-logging 3.11 from the rollout', splitRate: 0.6,
  families: [wdExport, wdReport, wdCsrf, wdHost, wdTimeout, wdChatter],
};
