// Python services: Tornado 6 (its LogFormatter on the morning revision, google-cloud-logging's
// StructuredLogHandler after) and Litestar 2 under hypercorn (Litestar's default logging format on the
// morning revision, a site JSON formatter after).
import type { Prng } from '../prng.js';
import type { Ctx, Family, ServiceDef, Write } from '../stranger/model.js';
import { clf, commaMillis, hypercornTime, isoMillis, tornadoTime } from './clock.js';

const SITE = '/usr/local/lib/python3.12/site-packages';

// ---- feeds-tornado ------------------------------------------------------------------------------

/** One record of a Tornado logger: `[E 261204 10:00:00 web:1875] msg` or the StructuredLogHandler JSON. */
function tornado(ctx: Ctx, level: 'INFO' | 'WARNING' | 'ERROR', logger: string, module: string, line: number, func: string, msg: string, file: string): Write {
  // LogFormatter indents every line after the first by four spaces.
  if (ctx.rev === 0) return { stream: 'stderr', text: `[${level[0]} ${tornadoTime(ctx.t)} ${module}:${line}] ${msg.replace(/\n/g, '\n    ')}` };
  return {
    stream: 'stderr',
    json: {
      message: msg, severity: level,
      'logging.googleapis.com/labels': { python_logger: logger },
      'logging.googleapis.com/trace': '', 'logging.googleapis.com/spanId': '', 'logging.googleapis.com/trace_sampled': false,
      'logging.googleapis.com/sourceLocation': { line, file, function: func },
      httpRequest: {},
    },
  };
}

const feedPath = (rng: Prng): string => `/feeds/${rng.int(100, 9999)}/items`;

const feedsTooManyClients: Family = {
  name: 'feeds-tornado:asyncpg-too-many-clients', level: 'ERROR', perDay: [8, 30], burst: 0.3,
  emit: (ctx) => {
    const { rng, host } = ctx;
    const path = feedPath(rng);
    const ip = `169.254.${rng.int(1, 8)}.${rng.int(1, 254)}`;
    const tb = [
      `Uncaught exception GET ${path} (${ip})`,
      `HTTPServerRequest(protocol='https', host='${host}', method='GET', uri='${path}', version='HTTP/1.1', remote_ip='${ip}')`,
      'Traceback (most recent call last):',
      `  File "${SITE}/tornado/web.py", line 1790, in _execute`,
      '    result = await result',
      '             ^^^^^^^^^^^^',
      '  File "/app/feeds/handlers.py", line 64, in get',
      '    async with self.application.pool.acquire() as conn:',
      `  File "${SITE}/asyncpg/pool.py", line 1024, in __aenter__`,
      '    self.connection = await self.pool._acquire(self.timeout)',
      `  File "${SITE}/asyncpg/pool.py", line 864, in _acquire`,
      '    return await _acquire_impl()',
      `  File "${SITE}/asyncpg/connect_utils.py", line 1049, in _connect_addr`,
      '    return await __connect_addr(params, True, *args)',
      `  File "${SITE}/asyncpg/connection.py", line 2421, in connect`,
      '    return await connect_utils._connect(',
      'asyncpg.exceptions.TooManyConnectionsError: sorry, too many clients already',
    ].join('\n');
    const ms = rng.fixed(5, 90, 2);
    return [
      tornado(ctx, 'ERROR', 'tornado.application', 'web', 1875, 'log_exception', tb, `${SITE}/tornado/web.py`),
      { ...tornado(ctx, 'ERROR', 'tornado.access', 'web', 2348, 'log_request', `500 GET ${path} (${ip}) ${ms}ms`, `${SITE}/tornado/web.py`), as: { family: 'feeds-tornado:access-500', level: 'ERROR' } },
    ];
  },
};

const feedsPollTimeout: Family = {
  name: 'feeds-tornado:feed-poll-timeout', level: 'WARNING', perDay: [120, 300],
  emit: (ctx) => {
    const url = ctx.rng.pick(['https://blog.example.org/rss.xml', 'https://news.example.com/feed', `https://podcasts.example.net/shows/${ctx.rng.int(10, 900)}/feed.xml`]);
    const what = ctx.rng.pick(['Timeout during request', 'Timeout while connecting']);
    return [tornado(ctx, 'WARNING', 'feeds.poller', 'poller', 57, 'poll_one', `feed poll failed for ${url}: HTTP 599: ${what}`, '/app/feeds/poller.py')];
  },
};

const feedsPeriodicKeyError: Family = {
  name: 'feeds-tornado:periodic-callback-keyerror-link', level: 'ERROR', perDay: [3, 12],
  emit: (ctx) => {
    const tb = [
      `Exception in callback <bound method FeedPoller.poll_once of <feeds.poller.FeedPoller object at 0x7f${ctx.rng.hex(10)}>>`,
      'Traceback (most recent call last):',
      `  File "${SITE}/tornado/ioloop.py", line 937, in _run`,
      '    await val',
      '  File "/app/feeds/poller.py", line 88, in poll_once',
      '    items = [self.to_item(e) for e in parsed.entries]',
      '             ^^^^^^^^^^^^^^^',
      '  File "/app/feeds/poller.py", line 112, in to_item',
      "    return Item(url=entry['link'], title=entry.get('title', ''))",
      "                    ~~~~~^^^^^^^^",
      `  File "${SITE}/feedparser/util.py", line 156, in __getitem__`,
      '    return dict.__getitem__(self, key)',
      "KeyError: 'link'",
    ].join('\n');
    return [tornado(ctx, 'ERROR', 'tornado.application', 'ioloop', 939, '_run', tb, `${SITE}/tornado/ioloop.py`)];
  },
};

const feedsAccess: Family = {
  name: 'noise:feeds-tornado:access', level: 'INFO', perDay: [400, 800],
  emit: (ctx) => [tornado(ctx, 'INFO', 'tornado.access', 'web', 2348, 'log_request', `${ctx.rng.pick([200, 200, 200, 304])} GET ${feedPath(ctx.rng)} (169.254.${ctx.rng.int(1, 8)}.${ctx.rng.int(1, 254)}) ${ctx.rng.fixed(1, 40, 2)}ms`, `${SITE}/tornado/web.py`)],
};

const feedsCycle: Family = {
  name: 'noise:feeds-tornado:poll-cycle', level: 'INFO', perDay: [100, 200],
  emit: (ctx) => [tornado(ctx, 'INFO', 'feeds.poller', 'poller', 71, 'poll_once', `poll cycle done: ${ctx.rng.int(20, 400)} feeds, ${ctx.rng.int(0, 900)} new items, errors=0`, '/app/feeds/poller.py')],
};

export const feedsTornado: ServiceDef = {
  name: 'feeds-tornado', stack: 'Python 3.12, Tornado 6.4, asyncpg, feedparser', splitRate: 0.75,
  families: [feedsTooManyClients, feedsPollTimeout, feedsPeriodicKeyError, feedsAccess, feedsCycle],
};

// ---- ingest-litestar ----------------------------------------------------------------------------

/** Litestar's default `levelname - asctime - name - module - message`, or the site's JSON (no severity field). */
function litestar(ctx: Ctx, level: 'INFO' | 'WARNING' | 'ERROR', logger: string, module: string, msg: string, exc?: string): Write {
  if (ctx.rev === 0) return { stream: 'stderr', text: `${level} - ${commaMillis(ctx.t)} - ${logger} - ${module} - ${msg}${exc ? `\n${exc}` : ''}` };
  const json: Record<string, unknown> = { ts: isoMillis(ctx.t), level, logger, module, message: msg };
  if (exc) json.exc_info = exc;
  return { stream: 'stderr', json };
}

const deadlineTb = (rng: Prng): string => [
  'Traceback (most recent call last):',
  `  File "${SITE}/google/api_core/grpc_helpers.py", line 76, in error_remapped_callable`,
  '    return callable_(*args, **kwargs)',
  `  File "${SITE}/grpc/_channel.py", line 1181, in __call__`,
  '    return _end_unary_response_blocking(state, call, False, None)',
  `  File "${SITE}/grpc/_channel.py", line 1006, in _end_unary_response_blocking`,
  '    raise _InactiveRpcError(state)  # pytype: disable=not-instantiable',
  'grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with:',
  '\tstatus = StatusCode.DEADLINE_EXCEEDED',
  '\tdetails = "Deadline Exceeded"',
  `\tdebug_error_string = "UNKNOWN:Error received from peer  {grpc_message:"Deadline Exceeded", grpc_status:4, created_time:"2026-12-04T${String(rng.int(0, 23)).padStart(2, '0')}:${String(rng.int(10, 59))}:${String(rng.int(10, 59))}.${rng.int(100000000, 999999999)}+00:00"}"`,
  '>',
  '',
  'The above exception was the direct cause of the following exception:',
  '',
  'Traceback (most recent call last):',
  `  File "${SITE}/litestar/middleware/_internal/exceptions/middleware.py", line 159, in __call__`,
  '    await self.app(scope, receive, send)',
  `  File "${SITE}/litestar/routes/http.py", line 81, in handle`,
  '    response = await self._get_response_for_request(',
  '  File "/app/ingest/routes.py", line 47, in post_events',
  '    message_id = await anyio.to_thread.run_sync(future.result, 10)',
  `  File "${SITE}/google/cloud/pubsub_v1/publisher/futures.py", line 43, in result`,
  '    return super().result(timeout=timeout)',
  `  File "${SITE}/google/api_core/grpc_helpers.py", line 78, in error_remapped_callable`,
  '    raise exceptions.from_grpc_error(exc) from exc',
  'google.api_core.exceptions.DeadlineExceeded: 504 Deadline Exceeded',
].join('\n');

const ingestDeadline: Family = {
  name: 'ingest-litestar:pubsub-publish-deadline', level: 'ERROR', perDay: [6, 25], burst: 0.25,
  emit: (ctx) => [litestar(ctx, 'ERROR', 'litestar', 'config', 'Uncaught exception (connection_type=http, path=/v1/events):', deadlineTb(ctx.rng))],
};

const ingestRedisAsgi: Family = {
  name: 'ingest-litestar:asgi-ratelimit-redis-refused', level: 'ERROR', perDay: [3, 10],
  emit: (ctx) => {
    const ip = `10.${ctx.rng.int(0, 20)}.0.${ctx.rng.int(2, 30)}`;
    const tb = [
      'Traceback (most recent call last):',
      `  File "${SITE}/redis/asyncio/connection.py", line 275, in connect`,
      '    await self.retry.call_with_retry(',
      `  File "${SITE}/redis/asyncio/connection.py", line 731, in _connect`,
      '    reader, writer = await asyncio.open_connection(',
      '  File "/usr/local/lib/python3.12/asyncio/base_events.py", line 1130, in create_connection',
      '    raise OSError(\'Multiple exceptions: {}\'.format(',
      `ConnectionRefusedError: [Errno 111] Connect call failed ('${ip}', 6379)`,
      '',
      'During handling of the above exception, another exception occurred:',
      '',
      'Traceback (most recent call last):',
      `  File "${SITE}/hypercorn/asyncio/task_group.py", line 27, in _handle`,
      '    await app(scope, receive, send, sync_spawn, call_soon)',
      `  File "${SITE}/hypercorn/app_wrappers.py", line 34, in __call__`,
      '    await self.app(scope, receive, send)',
      '  File "/app/ingest/ratelimit.py", line 38, in __call__',
      '    count = await self.redis.incr(key)',
      `  File "${SITE}/redis/asyncio/client.py", line 606, in execute_command`,
      '    conn = self.connection or await pool.get_connection(command_name, **options)',
      `  File "${SITE}/redis/asyncio/connection.py", line 283, in connect`,
      '    raise ConnectionError(self._error_message(e))',
      `redis.exceptions.ConnectionError: Error 111 connecting to ${ip}:6379. Connect call failed ('${ip}', 6379).`,
    ].join('\n');
    // hypercorn's own logger keeps its header on both revisions: only Litestar's config changed.
    return [{ stream: 'stderr', text: `${hypercornTime(ctx.t)} [1] [ERROR] Error in ASGI Framework\n${tb}` }];
  },
};

const ingestSchemaSlow: Family = {
  name: 'ingest-litestar:schema-registry-slow', level: 'WARNING', perDay: [90, 220],
  emit: (ctx) => [litestar(ctx, 'WARNING', 'ingest.schemas', 'schemas', `schema registry lookup took ${ctx.rng.fixed(1.1, 6, 1)}s (budget 1.0s), serving cached schema ${ctx.rng.pick(['click', 'view', 'purchase'])}-v${ctx.rng.int(3, 19)}`)],
};

const ingestAccess: Family = {
  name: 'noise:ingest-litestar:access', level: 'INFO', perDay: [400, 800],
  emit: (ctx) => {
    const status = ctx.rng.weighted([[202, 20], [400, 2], [500, 1]] as const);
    return [{ stream: 'stdout', text: `169.254.${ctx.rng.int(1, 8)}.${ctx.rng.int(1, 254)}:${ctx.rng.int(30000, 60000)} - - [${clf(ctx.t)}] "POST /v1/events 1.1" ${status} ${ctx.rng.int(2, 90)} "-" "${ctx.rng.pick(['okhttp/4.12.0', 'Go-http-client/2.0'])}"` }];
  },
};

const ingestFlush: Family = {
  name: 'noise:ingest-litestar:batch-flush', level: 'INFO', perDay: [150, 300],
  emit: (ctx) => [litestar(ctx, 'INFO', 'ingest.batch', 'batch', `flushed ${ctx.rng.int(50, 500)} events to topic events-raw, failed=0, error_count=0`)],
};

export const ingestLitestar: ServiceDef = {
  name: 'ingest-litestar', stack: 'Python 3.12, Litestar 2.12, hypercorn 0.17, google-cloud-pubsub, redis-py', splitRate: 0.7,
  families: [ingestDeadline, ingestRedisAsgi, ingestSchemaSlow, ingestAccess, ingestFlush],
};
