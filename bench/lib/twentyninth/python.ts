// The day's Python services: a Django shop on uvicorn logging through django-structlog (structlog's
// ConsoleRenderer, then its KeyValueRenderer), and a FastAPI search API started with `fastapi run`
// (FastAPI CLI's tagged uvicorn lines, then the app's own basicConfig format beside them).
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { asctime, isoMicros } from './clock.js';
import { containerExit, digits, fam, peer, pyRepr, pyTraceback, UA, type PyFrame } from './shared.js';

const SITE = '/usr/local/lib/python3.12/site-packages';

// ---------------------------------------------------------------------------------------------------
// web-django: Python 3.12, Django 5.1 served as ASGI by uvicorn 0.32 (`uvicorn shop.asgi:application
// --host 0.0.0.0 --port 8080 --workers 2 --proxy-headers`), Django 5.1's psycopg 3 connection pool
// (`OPTIONS: {"pool": {"max_size": 8, "timeout": 30}}`) to Cloud SQL for PostgreSQL, httpx 0.28 to a
// carrier's rates API, django-structlog 9 (structlog 24) as its README configures it: the request
// middleware binds `request_id`, `user_id`, `ip`; Django's own loggers go through structlog's
// ProcessorFormatter on a StreamHandler (stderr). Morning revision: `structlog.dev.ConsoleRenderer(
// colors=False)` (ISO time, `[level    ]` padded to nine, the event padded to 30, `[logger]`, the
// other keys sorted, `key=value` with strings bare, the traceback on the lines after). From the
// rollout `KeyValueRenderer(key_order=["timestamp", "level", "event", "logger"])`: every value
// repr()'d, the traceback inside `exception='…'` on one line with `\n` escapes. A failed request
// writes django-structlog's `request_failed`, then Django's `Internal Server Error: /path` (both with
// the traceback), then uvicorn's access line (stdout, uvicorn's own `INFO:     ` format).
const WD = 'web-django';

interface DjReq { id: string; ip: string; user: string; ua: string }
const djReq = (rng: Prng): DjReq => ({ id: rng.uuid(), ip: rng.publicIpv4(), user: rng.chance(0.7) ? digits(rng, 5) : 'None', ua: rng.pick(UA) });

/** One record through django-structlog's formatter; `kv` is what structlog adds beside the event. */
function slog(t: number, rev: 0 | 1, level: 'info' | 'warning' | 'error', event: string, logger: string, kv: Record<string, string | number>, tb?: string): Write {
  const keys = Object.keys(kv).sort();
  if (rev === 0) {
    const pairs = keys.map((k) => `${k}=${kv[k]}`).join(' ');
    return { stream: 'stderr', text: `${isoMicros(t)} [${level.padEnd(9)}] ${event.padEnd(30)} [${logger}] ${pairs}${tb ? `\n${tb}` : ''}` };
  }
  // user_id is the user's primary key (an int) or None; the other values are strings.
  const val = (k: string, v: string | number): string => (typeof v === 'number' || v === 'None' || k === 'user_id' ? String(v) : pyRepr(v));
  const rest = [...keys, ...(tb ? ['exception'] : [])].sort().map((k) => `${k}=${k === 'exception' ? pyRepr(tb ?? '') : val(k, kv[k] ?? '')}`);
  return { stream: 'stderr', text: [`timestamp=${pyRepr(isoMicros(t))}`, `level=${pyRepr(level)}`, `event=${pyRepr(event)}`, `logger=${pyRepr(logger)}`, ...rest].join(' ') };
}

const PHRASE: Record<number, string> = { 200: 'OK', 201: 'Created', 302: 'Found', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' };
const uvAccess = (rng: Prng, method: string, path: string, status: number): Write => ({ stream: 'stdout', text: `INFO:     ${peer(rng)}:${rng.int(30000, 60999)} - "${method} ${path} HTTP/1.1" ${status} ${PHRASE[status] ?? ''}`.trimEnd() });

const DJ_HANDLER: PyFrame[] = [
  [`${SITE}/django/core/handlers/exception.py`, 42, 'inner', 'response = await get_response(request)'],
  [`${SITE}/django/core/handlers/base.py`, 253, '_get_response_async', 'response = await wrapped_callback('],
  [`${SITE}/asgiref/sync.py`, 468, '__call__', 'ret = await asyncio.shield(exec_coro)'],
  ['/usr/local/lib/python3.12/concurrent/futures/thread.py', 59, 'run', 'result = self.fn(*self.args, **self.kwargs)'],
  [`${SITE}/asgiref/sync.py`, 522, 'thread_handler', 'return func(*args, **kwargs)'],
];

/** The three records of a failed request: structlog's, Django's, uvicorn's. */
function djFailure(rng: Prng, t: number, rev: 0 | 1, method: string, path: string, tb: string): Write[] {
  const r = djReq(rng);
  return [
    slog(t, rev, 'error', 'request_failed', 'django_structlog.middlewares.request', { code: 500, ip: r.ip, request: `${method} ${path}`, request_id: r.id, user_agent: r.ua, user_id: r.user }, tb),
    slog(t + 900, rev, 'error', `Internal Server Error: ${path.split('?')[0] ?? path}`, 'django.request', { ip: r.ip, request_id: r.id, user_id: r.user }, tb),
    uvAccess(rng, method, path, 500),
  ];
}

// Django 5.1's pool runs dry at the lunchtime peak: placing an order waits 30 s for a connection.
const wdPool = fam(`${WD}:checkout-pool-timeout`, 'ERROR', [40, 90], ({ rng, t, rev }) => {
  const tb = `${pyTraceback([
    [`${SITE}/django/db/backends/base/base.py`, 279, 'ensure_connection', 'self.connect()'],
    [`${SITE}/django/utils/asyncio.py`, 26, 'inner', 'return func(*args, **kwargs)'],
    [`${SITE}/django/db/backends/base/base.py`, 256, 'connect', 'self.connection = self.get_new_connection(conn_params)'],
    [`${SITE}/django/utils/asyncio.py`, 26, 'inner', 'return func(*args, **kwargs)'],
    [`${SITE}/django/db/backends/postgresql/base.py`, 332, 'get_new_connection', 'connection = self.pool.getconn()'],
    [`${SITE}/psycopg_pool/pool.py`, 203, 'getconn', 'raise PoolTimeout('],
  ], 'psycopg_pool.PoolTimeout: couldn\'t get a connection after 30.00 sec')}\n\nThe above exception was the direct cause of the following exception:\n\n${pyTraceback([...DJ_HANDLER,
    ['/app/shop/views/checkout.py', 64, 'place_order', 'with transaction.atomic():'],
    [`${SITE}/django/db/transaction.py`, 198, '__enter__', 'if not connection.get_autocommit():'],
    [`${SITE}/django/db/backends/base/base.py`, 455, 'get_autocommit', 'self.ensure_connection()'],
    [`${SITE}/django/db/backends/base/base.py`, 278, 'ensure_connection', 'with self.wrap_database_errors:'],
    [`${SITE}/django/db/utils.py`, 91, '__exit__', 'raise dj_exc_value.with_traceback(traceback) from exc_value'],
  ], 'django.db.utils.OperationalError: couldn\'t get a connection after 30.00 sec')}`;
  return djFailure(rng, t, rev, 'POST', '/checkout/', tb);
}, 0.4);

const HTTPX_READ: PyFrame[] = [
  [`${SITE}/httpx/_transports/default.py`, 101, 'map_httpcore_exceptions', 'yield'],
  [`${SITE}/httpx/_transports/default.py`, 250, 'handle_request', 'resp = self._pool.handle_request(req)'],
  [`${SITE}/httpcore/_sync/connection_pool.py`, 256, 'handle_request', 'raise exc from None'],
  [`${SITE}/httpcore/_sync/http11.py`, 217, '_receive_event', 'data = self._network_stream.read('],
  [`${SITE}/httpcore/_backends/sync.py`, 126, 'read', 'with map_exceptions(exc_map):'],
  ['/usr/local/lib/python3.12/contextlib.py', 158, '__exit__', 'self.gen.throw(value)'],
  [`${SITE}/httpcore/_exceptions.py`, 14, 'map_exceptions', 'raise to_exc(exc) from exc'],
];
const readTimeout = (top: PyFrame[]): string => `${pyTraceback(HTTPX_READ, 'httpcore.ReadTimeout: The read operation timed out')}\n\nThe above exception was the direct cause of the following exception:\n\n${pyTraceback([...top,
  [`${SITE}/httpx/_client.py`, 1066, 'get', 'return self.request('],
  [`${SITE}/httpx/_client.py`, 926, 'send', 'response = self._send_handling_auth('],
  [`${SITE}/httpx/_transports/default.py`, 118, 'map_httpcore_exceptions', 'raise mapped_exc(message) from exc'],
], 'httpx.ReadTimeout: The read operation timed out')}`;

// The carrier's rates API stalls: the shipping step of checkout fails with a 500.
const wdShipping = fam(`${WD}:shipping-quote-read-timeout`, 'ERROR', [30, 70], ({ rng, t, rev }) => {
  const tb = readTimeout([...DJ_HANDLER,
    ['/app/shop/views/checkout.py', 118, 'shipping_options', 'quotes = carrier.quote(cart, address)'],
    ['/app/shop/carriers/client.py', 41, 'quote', 'resp = self.http.get("/v3/rates", params=params)'],
  ]);
  return djFailure(rng, t, rev, 'GET', `/checkout/shipping/?postcode=${rng.pick(['SW1A', 'M1', 'EH1', 'BS8', 'LS6'])}%20${rng.int(1, 9)}${rng.lower(2).toUpperCase()}`, tb);
}, 0.3);

// The same carrier API from another call site: the tracking sync loop, no request around it.
const wdTracking = fam(`${WD}:tracking-sync-read-timeout`, 'ERROR', [30, 70], ({ rng, t, rev }) => {
  const tb = readTimeout([
    ['/app/shop/tracking/sync.py', 57, 'sync_batch', 'events = client.events(since=cursor, limit=200)'],
    ['/app/shop/carriers/client.py', 77, 'events', 'resp = self.http.get("/v3/tracking/events", params={"since": since, "limit": limit})'],
  ]);
  return [slog(t, rev, 'error', 'tracking_sync_failed', 'shop.tracking.sync', { batch: rng.int(1, 400), carrier: rng.pick(['dpd', 'evri', 'royalmail']), shipments: rng.int(20, 200) }, tb)];
});

// Old tabs post the login form after the CSRF cookie expired: Django's warning and a 403 (frequent).
const wdCsrf = fam(`${WD}:csrf-cookie-not-set`, 'WARNING', [120, 260], ({ rng, t, rev }) => {
  const r = djReq(rng);
  const path = rng.pick(['/accounts/login/', '/cart/add/', '/newsletter/subscribe/']);
  return [
    slog(t, rev, 'warning', `Forbidden (CSRF cookie not set.): ${path}`, 'django.security.csrf', { ip: r.ip, request_id: r.id, user_id: 'None' }),
    uvAccess(rng, 'POST', path, 403),
  ];
});

const wdChatter = fam(`noise:${WD}:chatter`, 'INFO', [260, 380], ({ rng, t, rev }) => {
  const r = djReq(rng);
  const path = rng.pick(['/', '/products/', `/products/${rng.lower(6)}-${digits(rng, 4)}/`, '/cart/', '/healthz']);
  const roll = rng.next();
  if (roll < 0.2) return [slog(t, rev, 'info', 'order_placed', 'shop.orders', { items: rng.int(1, 7), order_id: digits(rng, 7), payment_errors: 0, request_id: r.id })];
  if (roll < 0.45) return [slog(t, rev, 'info', 'request_started', 'django_structlog.middlewares.request', { ip: r.ip, request: `GET ${path}`, request_id: r.id, user_agent: r.ua, user_id: r.user })];
  if (roll < 0.6) return [slog(t, rev, 'info', 'request_finished', 'django_structlog.middlewares.request', { code: 200, ip: r.ip, request: `GET ${path}`, request_id: r.id, user_id: r.user })];
  return [uvAccess(rng, 'GET', path, rng.pick([200, 200, 200, 302, 404]))];
});

export const webDjango: ServiceDef = {
  name: WD, stack: 'Python 3.12, Django 5.1 on uvicorn 0.32 (ASGI), django-structlog 9, psycopg 3 pool, httpx 0.28', splitRate: 0.65,
  families: [wdPool, wdShipping, wdTracking, wdCsrf, wdChatter],
};

// ---------------------------------------------------------------------------------------------------
// search-fastapi: Python 3.12, FastAPI 0.115 started as FastAPI's container docs show (`CMD ["fastapi",
// "run", "app/main.py", "--port", "8080"]`, fastapi-cli 0.0.7 on uvicorn 0.32), elasticsearch-py 8.16
// (AsyncElasticsearch on aiohttp) to Elastic Cloud, redis-py 5.2 (asyncio) to Memorystore. FastAPI
// CLI configures uvicorn's loggers with its own formatter: the level as a tag right-aligned in ten
// columns and three spaces, then the message (uvicorn's access text without the status phrase, on
// stdout; errors on stderr with the traceback after). Morning revision: the app logs through
// `logging.getLogger("uvicorn.error")`, so its lines carry the same tag. From the rollout the app logs
// through its own logger with `basicConfig(format="%(asctime)s | %(levelname)-8s |
// %(name)s:%(funcName)s:%(lineno)d - %(message)s")` on stderr; uvicorn's lines keep the tag. An
// exception escaping an endpoint: uvicorn's access line with 500 first (written when Starlette's
// ServerErrorMiddleware answers), then `Exception in ASGI application` and the traceback.
const SF = 'search-fastapi';

const tag = (level: string): string => `${level.padStart(10)}   `;
function appLog(t: number, rev: 0 | 1, level: 'INFO' | 'WARNING' | 'ERROR', fn: string, line: number, msg: string): Write {
  if (rev === 0) return { stream: 'stderr', text: `${tag(level)}${msg}` };
  return { stream: 'stderr', text: `${asctime(t)} | ${level.padEnd(8)} | app.search:${fn}:${line} - ${msg}` };
}
const sfAccess = (rng: Prng, method: string, path: string, status: number): Write => ({ stream: 'stdout', text: `${tag('INFO')}${peer(rng)}:${rng.int(30000, 60999)} - "${method} ${path} HTTP/1.1" ${status}` });

const ASGI: PyFrame[] = [
  [`${SITE}/uvicorn/protocols/http/httptools_impl.py`, 409, 'run_asgi', 'result = await app(  # type: ignore[func-returns-value]'],
  [`${SITE}/uvicorn/middleware/proxy_headers.py`, 60, '__call__', 'return await self.app(scope, receive, send)'],
  [`${SITE}/fastapi/applications.py`, 1054, '__call__', 'await super().__call__(scope, receive, send)'],
  [`${SITE}/starlette/applications.py`, 113, '__call__', 'await self.middleware_stack(scope, receive, send)'],
  [`${SITE}/starlette/middleware/errors.py`, 187, '__call__', 'raise exc'],
  [`${SITE}/starlette/middleware/errors.py`, 165, '__call__', 'await self.app(scope, receive, _send)'],
  [`${SITE}/starlette/middleware/exceptions.py`, 62, '__call__', 'await wrap_app_handling_exceptions(self.app, conn)(scope, receive, send)'],
  [`${SITE}/starlette/_exception_handler.py`, 53, 'wrapped_app', 'raise exc'],
  [`${SITE}/starlette/routing.py`, 715, '__call__', 'await self.middleware_stack(scope, receive, send)'],
  [`${SITE}/starlette/routing.py`, 288, 'handle', 'await self.app(scope, receive, send)'],
  [`${SITE}/fastapi/routing.py`, 301, 'app', 'raw_response = await run_endpoint_function('],
  [`${SITE}/fastapi/routing.py`, 212, 'run_endpoint_function', 'return await dependant.call(**values)'],
];

const ES_TIMEOUT: PyFrame[] = [
  [`${SITE}/elasticsearch/_async/client/__init__.py`, 4134, 'search', 'return await self.perform_request(  # type: ignore[return-value]'],
  [`${SITE}/elasticsearch/_async/client/_base.py`, 271, 'perform_request', 'response = await self._perform_request('],
  [`${SITE}/elasticsearch/_async/client/_base.py`, 316, '_perform_request', 'meta, resp_body = await self.transport.perform_request('],
  [`${SITE}/elastic_transport/_async_transport.py`, 264, 'perform_request', 'resp = await node.perform_request('],
  [`${SITE}/elastic_transport/_node/_http_aiohttp.py`, 218, 'perform_request', 'raise err from None'],
];

// Elastic Cloud's hot nodes stall under a reindex: the search endpoint's query times out.
const sfSearch = fam(`${SF}:search-es-timeout`, 'ERROR', [50, 110], ({ rng, t }) => {
  const q = rng.pick(['tent', 'sleeping+bag', 'stove', 'headlamp', 'rain+jacket', 'trail+shoes']);
  const tb = pyTraceback([...ASGI,
    ['/app/app/main.py', 48, 'search', 'return await service.search(q=q, page=page, filters=filters)'],
    ['/app/app/search.py', 73, 'search', 'resp = await self.es.search(index=self.index, query=query, from_=offset, size=24, aggs=FACETS)'],
    ...ES_TIMEOUT,
  ], 'elastic_transport.ConnectionTimeout: Connection timed out');
  return [sfAccess(rng, 'GET', `/search?q=${q}&page=${rng.int(1, 12)}`, 500), { stream: 'stderr', text: `${tag('ERROR')}Exception in ASGI application\n${tb}` }];
}, 0.4);

// The same timeout from the nightly reindex (a lifespan task): the app logs it and goes on.
const sfReindex = fam(`${SF}:reindex-es-timeout`, 'ERROR', [20, 50], ({ rng, t, rev }) => {
  const tb = pyTraceback([
    ['/app/app/reindex.py', 91, 'run_batch', 'await async_bulk(self.es, actions, chunk_size=500, refresh=False)'],
    [`${SITE}/elasticsearch/_async/helpers.py`, 373, 'async_bulk', 'async for ok, item in async_streaming_bulk('],
    [`${SITE}/elasticsearch/_async/helpers.py`, 296, 'async_streaming_bulk', 'async for data, (ok, info) in azip('],
    [`${SITE}/elasticsearch/_async/helpers.py`, 171, '_process_bulk_chunk', 'resp = await client.bulk(*args, operations=bulk_actions, **kwargs)  # type: ignore[arg-type]'],
    [`${SITE}/elasticsearch/_async/client/__init__.py`, 828, 'bulk', 'return await self.perform_request(  # type: ignore[return-value]'],
    ...ES_TIMEOUT.slice(1),
  ], 'elastic_transport.ConnectionTimeout: Connection timed out');
  return [appLog(t, rev, 'ERROR', 'run_batch', 93, `reindex batch ${rng.int(1, 900)} of products-v${rng.int(40, 46)} failed\n${tb}`)];
});

// Memorystore's failover: the suggest endpoint's cache read times out.
const sfSuggest = fam(`${SF}:suggest-redis-timeout`, 'ERROR', [30, 70], ({ rng }) => {
  const tb = pyTraceback([...ASGI,
    ['/app/app/main.py', 71, 'suggest', 'cached = await cache.get(f"suggest:{prefix}")'],
    [`${SITE}/redis/asyncio/client.py`, 616, 'execute_command', 'return await conn.retry.call_with_retry('],
    [`${SITE}/redis/asyncio/retry.py`, 59, 'call_with_retry', 'return await do()'],
    [`${SITE}/redis/asyncio/client.py`, 590, '_send_command_parse_response', 'return await self.parse_response(conn, command_name, **options)'],
    [`${SITE}/redis/asyncio/client.py`, 637, 'parse_response', 'response = await connection.read_response()'],
    [`${SITE}/redis/asyncio/connection.py`, 562, 'read_response', 'raise TimeoutError(f"Timeout reading from {host_error}")'],
  ], `redis.exceptions.TimeoutError: Timeout reading from 10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(2, 254)}:6379`);
  return [sfAccess(rng, 'GET', `/suggest?prefix=${rng.lower(rng.int(2, 5))}`, 500), { stream: 'stderr', text: `${tag('ERROR')}Exception in ASGI application\n${tb}` }];
}, 0.3);

// Queries over a second, logged by the app (frequent).
const sfSlow = fam(`${SF}:slow-search`, 'WARNING', [120, 260], ({ rng, t, rev }) =>
  [appLog(t, rev, 'WARNING', 'search', 80, `slow search: ${rng.int(1001, 6400)} ms for q=${pyRepr(rng.pick(['tent', 'stove', '2 person tent', 'merino socks', 'gaiters']))} (${rng.int(0, 4)} filters, ${rng.int(0, 2400)} hits)`)]);

// The lifespan's ping to Elastic Cloud fails after a credentials rotation: the process exits with 3.
const sfStartup = fam(`${SF}:startup-es-unauthorized`, 'ERROR', [4, 10], () => {
  const tb = pyTraceback([
    [`${SITE}/starlette/routing.py`, 693, 'lifespan', 'async with self.lifespan_context(app) as maybe_state:'],
    ['/usr/local/lib/python3.12/contextlib.py', 210, '__aenter__', 'return await anext(self.gen)'],
    ['/app/app/main.py', 27, 'lifespan', 'await es.info()'],
    [`${SITE}/elasticsearch/_async/client/__init__.py`, 2904, 'info', 'return await self.perform_request(  # type: ignore[return-value]'],
    [`${SITE}/elasticsearch/_async/client/_base.py`, 271, 'perform_request', 'response = await self._perform_request('],
    [`${SITE}/elasticsearch/_async/client/_base.py`, 351, '_perform_request', 'raise HTTP_EXCEPTIONS.get(meta.status, ApiError)('],
  ], "elasticsearch.AuthenticationException: AuthenticationException(401, 'security_exception', 'unable to authenticate with provided credentials and anonymous access is not allowed for this request')");
  return [
    { stream: 'stderr', text: `${tag('ERROR')}Traceback (most recent call last):\n${tb.split('\n').slice(1).join('\n')}` },
    { stream: 'stderr', text: `${tag('ERROR')}Application startup failed. Exiting.` },
    containerExit(SF, 3),
  ];
});

const sfChatter = fam(`noise:${SF}:chatter`, 'INFO', [260, 380], ({ rng, t, rev }) => {
  const roll = rng.next();
  if (roll < 0.05) return [{ stream: 'stderr', text: `${tag('INFO')}${rng.pick(['Started server process [1]', 'Waiting for application startup.', 'Application startup complete.', 'Uvicorn running on http://0.0.0.0:8080 (Press CTRL+C to quit)'])}` }];
  if (roll < 0.2) return [appLog(t, rev, 'INFO', 'run_batch', 97, `reindex batch ${rng.int(1, 900)} done: ${rng.int(400, 500)} indexed, 0 errors`)];
  return [sfAccess(rng, 'GET', rng.pick([`/search?q=${rng.pick(['tent', 'stove', 'boots'])}&page=${rng.int(1, 5)}`, `/suggest?prefix=${rng.lower(3)}`, '/healthz']), rng.pick([200, 200, 200, 422]))];
});

export const searchFastapi: ServiceDef = {
  name: SF, stack: 'Python 3.12, FastAPI 0.115 via `fastapi run` (fastapi-cli 0.0.7, uvicorn 0.32), elasticsearch-py 8.16 async, redis-py 5.2', splitRate: 0.6,
  families: [sfSearch, sfReindex, sfSuggest, sfSlow, sfStartup, sfChatter],
};

