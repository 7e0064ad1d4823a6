// Three Python services: a Scrapy crawler, an arq worker whose app logs through structlog, and a Prefect
// worker running flows. Python prints tracebacks after the record's header line in the same write.
import type { Ctx, Family, ServiceDef, Write } from '../stranger/model.js';
import type { Prng } from '../prng.js';
import { hmsMillis, hmsOnly, isoMicros, ymdHms } from './clock.js';

const SITE = '/usr/local/lib/python3.12/site-packages';

// ---------------------------------------------------------------- crawl-scrapy
// Scrapy 2.11 run as a Cloud Run service that a scheduler calls. Morning revision: Scrapy's default
// LOG_FORMAT `%(asctime)s [%(name)s] %(levelname)s: %(message)s`; after the rollout LOG_FORMAT drops the
// time (`[%(name)s] %(levelname)s: %(message)s`), since Cloud Logging stamps every entry anyway.
const CRAWL = 'crawl-scrapy';

function scrapyLine(ctx: Ctx, name: string, level: string, msg: string): string {
  return ctx.rev === 0 ? `${ymdHms(ctx.t)} [${name}] ${level}: ${msg}` : `[${name}] ${level}: ${msg}`;
}

const shops = ['www.fahrradwelt24.de', 'shop.velo-haus.ch', 'www.bikeparts-direct.co.uk'];
const productUrl = (rng: Prng): string => `https://${rng.pick(shops)}/p/${rng.lower(6)}-${rng.int(10000, 999999)}`;
const categoryUrl = (rng: Prng): string => `https://${rng.pick(shops)}/c/${rng.pick(['schaltwerke', 'bremsen', 'laufraeder', 'ketten'])}?page=${rng.int(1, 40)}`;

const spiderKeyError: Family = {
  name: `${CRAWL}:parse-product-keyerror-price`, level: 'ERROR', perDay: [40, 110], burst: 0.2,
  emit: (ctx) => [{
    stream: 'stderr',
    text: [
      scrapyLine(ctx, 'scrapy.core.scraper', 'ERROR', `Spider error processing <GET ${productUrl(ctx.rng)}> (referer: ${categoryUrl(ctx.rng)})`),
      'Traceback (most recent call last):',
      `  File "${SITE}/scrapy/utils/defer.py", line 279, in iter_errback`,
      '    yield next(it)',
      '          ^^^^^^^^',
      `  File "${SITE}/scrapy/utils/python.py", line 350, in __next__`,
      '    return next(self.data)',
      '           ^^^^^^^^^^^^^^^',
      `  File "${SITE}/scrapy/core/spidermw.py", line 106, in process_sync`,
      '    yield from iterable',
      `  File "${SITE}/scrapy/spidermiddlewares/offsite.py", line 28, in <genexpr>`,
      '    return (r for r in result or () if self._filter(r, spider))',
      '                       ^^^^^^^^^^^^',
      '  File "/app/pricewatch/spiders/shops.py", line 74, in parse_product',
      '    "price": Decimal(data["offers"]["price"]),',
      '                     ~~~~~~~~~~~~~~^^^^^^^^^',
      "KeyError: 'price'",
    ].join('\n'),
  }],
};

const downloadTimeout: Family = {
  name: `${CRAWL}:download-timeout`, level: 'ERROR', perDay: [30, 90],
  emit: (ctx) => {
    const url = productUrl(ctx.rng);
    return [{
      stream: 'stderr',
      text: [
        scrapyLine(ctx, 'scrapy.core.scraper', 'ERROR', `Error downloading <GET ${url}>`),
        'Traceback (most recent call last):',
        `  File "${SITE}/twisted/internet/defer.py", line 1996, in _inlineCallbacks`,
        '    result = context.run(',
        `  File "${SITE}/twisted/python/failure.py", line 519, in throwExceptionIntoGenerator`,
        '    return g.throw(self.value.with_traceback(self.tb))',
        `  File "${SITE}/scrapy/core/downloader/middleware.py", line 54, in process_request`,
        '    return (yield download_func(request=request, spider=spider))',
        `twisted.internet.error.TimeoutError: User timeout caused connection failure: Getting ${url} took longer than 180.0 seconds..`,
      ].join('\n'),
    }];
  },
};

const gaveUpRetrying: Family = {
  name: `${CRAWL}:retry-gave-up-503`, level: 'ERROR', perDay: [25, 70],
  emit: (ctx) => [{ stream: 'stderr', text: scrapyLine(ctx, 'scrapy.downloadermiddlewares.retry', 'ERROR', `Gave up retrying <GET ${categoryUrl(ctx.rng)}> (failed 3 times): 503 Service Unavailable`) }],
};

const pipelineUnique: Family = {
  name: `${CRAWL}:pipeline-offer-unique-violation`, level: 'ERROR', perDay: [15, 45],
  emit: (ctx) => {
    const sku = `${ctx.rng.upperAlnum(3)}-${ctx.rng.int(10000, 99999)}`;
    return [{
      stream: 'stderr',
      text: [
        scrapyLine(ctx, 'scrapy.core.scraper', 'ERROR', `Error processing {'sku': '${sku}', 'price': Decimal('${ctx.rng.int(5, 400)}.${ctx.rng.int(10, 99)}'), 'currency': 'EUR', 'url': '${productUrl(ctx.rng)}'}`),
        'Traceback (most recent call last):',
        `  File "${SITE}/twisted/internet/defer.py", line 1078, in _runCallbacks`,
        '    current.result = callback(  # type: ignore[misc]',
        `  File "${SITE}/scrapy/utils/defer.py", line 340, in f`,
        '    return deferred_from_coro(coro_f(*coro_args, **coro_kwargs))',
        '  File "/app/pricewatch/pipelines.py", line 41, in process_item',
        '    cur.execute(INSERT_OFFER, adapter.asdict())',
        `  File "${SITE}/psycopg/cursor.py", line 97, in execute`,
        '    raise ex.with_traceback(None)',
        'psycopg.errors.UniqueViolation: duplicate key value violates unique constraint "offers_sku_seen_on_key"',
        `DETAIL:  Key (sku, seen_on)=(${sku}, 2026-12-06) already exists.`,
      ].join('\n'),
    }];
  },
};

const dataLoss: Family = {
  name: `${CRAWL}:http11-data-loss-warning`, level: 'WARNING', perDay: [90, 200],
  emit: (ctx) => [{ stream: 'stderr', text: scrapyLine(ctx, 'scrapy.core.downloader.handlers.http11', 'WARNING', `Got data loss in ${productUrl(ctx.rng)}. If you want to process broken responses set the setting DOWNLOAD_FAIL_ON_DATALOSS = False -- This message won't be shown in further requests`) }],
};

const crawlChatter: Family = {
  name: `noise:${CRAWL}:crawl-stats`, level: 'INFO', perDay: [200, 400],
  emit: (ctx) => [{
    stream: 'stderr',
    text: ctx.rng.chance(0.5)
      ? scrapyLine(ctx, 'scrapy.extensions.logstats', 'INFO', `Crawled ${ctx.rng.int(100, 9000)} pages (at ${ctx.rng.int(20, 300)} pages/min), scraped ${ctx.rng.int(100, 9000)} items (at ${ctx.rng.int(20, 300)} items/min)`)
      : scrapyLine(ctx, 'pricewatch.pipelines', 'INFO', `Flushed ${ctx.rng.int(50, 500)} offers to postgres (errors=0, duplicates=${ctx.rng.int(0, 9)})`),
  }],
};

const crawlClose: Family = {
  name: `noise:${CRAWL}:stats-dump`, level: 'INFO', perDay: [4, 10],
  emit: (ctx) => [{
    stream: 'stderr',
    text: [
      scrapyLine(ctx, 'scrapy.statscollectors', 'INFO', 'Dumping Scrapy stats:'),
      `{'downloader/request_count': ${ctx.rng.int(4000, 20000)},`,
      ` 'downloader/response_status_count/200': ${ctx.rng.int(3000, 19000)},`,
      " 'finish_reason': 'finished',",
      ` 'log_count/ERROR': ${ctx.rng.int(0, 40)},`,
      ` 'log_count/WARNING': ${ctx.rng.int(0, 90)},`,
      ` 'spider_exceptions/KeyError': ${ctx.rng.int(0, 30)}}`,
    ].join('\n'),
  }],
};

export const crawlScrapy: ServiceDef = {
  name: CRAWL, stack: 'Python 3.12, Scrapy 2.11, Twisted 24, psycopg 3', splitRate: 0.75,
  families: [spiderKeyError, downloadTimeout, gaveUpRetrying, pipelineUnique, dataLoss, crawlChatter, crawlClose],
};

// ---------------------------------------------------------------- jobs-arq
// arq 0.26 worker: arq's own lines through its default logging config (`%(asctime)s: %(message)s`,
// datefmt `%H:%M:%S`), a failed job as `logger.exception('%6.2fs ! %s failed, %s: %s')` with the
// traceback after. The app's own records go through structlog: ConsoleRenderer (colours off) on the
// morning revision, LogfmtRenderer after the rollout.
const ARQ = 'jobs-arq';

const arqLine = (ctx: Ctx, msg: string): string => `${hmsOnly(ctx.t)}: ${msg}`;
const secs = (rng: Prng, lo: number, hi: number): string => rng.float(lo, hi, 2).toFixed(2).padStart(6);

function structlogLine(ctx: Ctx, level: string, event: string, logger: string, kv: Record<string, string | number>): string {
  if (ctx.rev === 0) {
    const pairs = Object.entries(kv).map(([k, v]) => `${k}=${typeof v === 'string' ? v : String(v)}`).join(' ');
    return `${isoMicros(ctx.t)} [${level.padEnd(9)}] ${event.padEnd(30)} [${logger}] ${pairs}`.trimEnd();
  }
  const pairs = Object.entries(kv).map(([k, v]) => `${k}=${typeof v === 'string' && /\s/.test(v) ? JSON.stringify(v) : String(v)}`).join(' ');
  return `timestamp=${isoMicros(ctx.t)} level=${level} event=${JSON.stringify(event)} logger=${logger} ${pairs}`.trimEnd();
}

const jobRef = (rng: Prng): string => rng.hex(32);

const digestTimeout: Family = {
  name: `${ARQ}:send-digest-read-timeout`, level: 'ERROR', perDay: [30, 80], burst: 0.25,
  emit: (ctx) => [{
    stream: 'stderr',
    text: [
      arqLine(ctx, `${secs(ctx.rng, 5, 30)}s ! ${jobRef(ctx.rng)}:send_digest failed, ReadTimeout: The read operation timed out`),
      'Traceback (most recent call last):',
      `  File "${SITE}/httpx/_transports/default.py", line 72, in map_httpcore_exceptions`,
      '    yield',
      `  File "${SITE}/httpx/_transports/default.py", line 377, in handle_async_request`,
      '    resp = await self._pool.handle_async_request(req)',
      '           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
      `  File "${SITE}/httpcore/_async/connection_pool.py", line 256, in handle_async_request`,
      '    raise exc from None',
      'httpcore.ReadTimeout: The read operation timed out',
      '',
      'The above exception was the direct cause of the following exception:',
      '',
      'Traceback (most recent call last):',
      `  File "${SITE}/arq/worker.py", line 629, in run_job`,
      '    result = await asyncio.wait_for(function.coroutine(ctx, *args, **kwargs), timeout_s)',
      '             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
      '  File "/app/worker/digest.py", line 58, in send_digest',
      '    resp = await client.post(f"{MAIL_API}/v3/messages", json=payload)',
      '           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
      `  File "${SITE}/httpx/_transports/default.py", line 86, in map_httpcore_exceptions`,
      '    raise mapped_exc(message) from exc',
      'httpx.ReadTimeout: The read operation timed out',
    ].join('\n'),
  }],
};

const crmBadGateway: Family = {
  name: `${ARQ}:sync-contact-crm-502`, level: 'ERROR', perDay: [20, 60],
  emit: (ctx) => [{
    stream: 'stderr',
    text: [
      arqLine(ctx, `${secs(ctx.rng, 0.3, 4)}s ! ${jobRef(ctx.rng)}:sync_contact failed, HTTPStatusError: Server error '502 Bad Gateway' for url 'https://api.hubapi.com/crm/v3/objects/contacts/batch/upsert'`),
      'For more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/502',
      'Traceback (most recent call last):',
      `  File "${SITE}/arq/worker.py", line 629, in run_job`,
      '    result = await asyncio.wait_for(function.coroutine(ctx, *args, **kwargs), timeout_s)',
      '             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
      '  File "/app/worker/crm.py", line 33, in sync_contact',
      '    resp.raise_for_status()',
      `  File "${SITE}/httpx/_models.py", line 763, in raise_for_status`,
      '    raise HTTPStatusError(message, request=request, response=self)',
      "httpx.HTTPStatusError: Server error '502 Bad Gateway' for url 'https://api.hubapi.com/crm/v3/objects/contacts/batch/upsert'",
      'For more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/502',
    ].join('\n'),
  }],
};

const reindexTimeout: Family = {
  name: `${ARQ}:rebuild-index-job-timeout`, level: 'ERROR', perDay: [6, 20],
  emit: (ctx) => [{
    stream: 'stderr',
    text: [
      arqLine(ctx, `${(300 + ctx.rng.next() / 10).toFixed(2)}s ! ${jobRef(ctx.rng)}:rebuild_search_index failed, TimeoutError: `),
      'Traceback (most recent call last):',
      `  File "${SITE}/arq/worker.py", line 629, in run_job`,
      '    result = await asyncio.wait_for(function.coroutine(ctx, *args, **kwargs), timeout_s)',
      '             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
      '  File "/usr/local/lib/python3.12/asyncio/tasks.py", line 519, in wait_for',
      '    async with timeouts.timeout(timeout):',
      '  File "/usr/local/lib/python3.12/asyncio/timeouts.py", line 115, in __aexit__',
      '    raise TimeoutError from exc_val',
      'TimeoutError',
    ].join('\n'),
  }],
};

const webhookSignature: Family = {
  name: `${ARQ}:stripe-webhook-signature-invalid`, level: 'ERROR', perDay: [15, 50],
  emit: (ctx) => [{ stream: 'stdout', text: structlogLine(ctx, 'error', 'webhook signature invalid', 'app.webhooks', { provider: 'stripe', event_id: `evt_${ctx.rng.alnum(24)}`, tolerance_s: 300 }) }],
};

const rateLimited: Family = {
  name: `${ARQ}:mail-api-rate-limited`, level: 'WARNING', perDay: [90, 200],
  emit: (ctx) => [{ stream: 'stdout', text: structlogLine(ctx, 'warning', 'rate limited by mail api', 'app.mailer', { retry_after: ctx.rng.int(5, 60), batch: ctx.rng.int(1, 400) }) }],
};

const redisDown: Family = {
  name: `${ARQ}:startup-redis-connection-refused`, level: 'ERROR', perDay: [2, 5],
  emit: (ctx) => [
    { stream: 'stderr', text: arqLine(ctx, 'redis connection error 10.20.0.4:6379 ConnectionError Error 111 connecting to 10.20.0.4:6379. Connection refused., 0 retries remaining...') },
    {
      stream: 'stderr',
      text: [
        'Traceback (most recent call last):',
        '  File "/usr/local/bin/arq", line 8, in <module>',
        '    sys.exit(cli())',
        '             ^^^^^',
        `  File "${SITE}/arq/connections.py", line 266, in create_pool`,
        '    await pool.ping()',
        `  File "${SITE}/redis/asyncio/connection.py", line 292, in connect`,
        '    raise ConnectionError(self._error_message(e))',
        'redis.exceptions.ConnectionError: Error 111 connecting to 10.20.0.4:6379. Connection refused.',
      ].join('\n'),
    },
    { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(1).', as: { family: `${ARQ}:container-exit-1`, level: 'WARNING' } },
  ],
};

const arqChatter: Family = {
  name: `noise:${ARQ}:jobs`, level: 'INFO', perDay: [280, 520],
  emit: (ctx) => {
    const ref = jobRef(ctx.rng);
    const fn = ctx.rng.pick(['send_digest', 'sync_contact', 'render_invoice']);
    const r = ctx.rng.next();
    if (r < 0.35) return [{ stream: 'stderr', text: arqLine(ctx, `${secs(ctx.rng, 0, 2)}s → ${ref}:${fn}(${ctx.rng.int(1, 90000)})`) }];
    if (r < 0.7) return [{ stream: 'stderr', text: arqLine(ctx, `${secs(ctx.rng, 0, 9)}s ← ${ref}:${fn} ● `) }];
    return [{ stream: 'stdout', text: structlogLine(ctx, 'info', 'digest batch sent', 'app.digest', { recipients: ctx.rng.int(1, 500), errors: 0 }) }];
  },
};

export const jobsArq: ServiceDef = {
  name: ARQ, stack: 'Python 3.12, arq 0.26, structlog 24, httpx 0.27, Redis (Memorystore)', splitRate: 0.7,
  families: [digestTimeout, crmBadGateway, reindexTimeout, webhookSignature, rateLimited, redisDown, arqChatter],
};

// ---------------------------------------------------------------- etl-prefect
// A Prefect 3.1 flow run in a Cloud Run job (the Cloud Run worker's job template), Prefect's console
// format `%(asctime)s.%(msecs)03d | %(levelname)-7s | %(name)s - %(message)s` (run loggers name the run:
// `Flow run 'crimson-otter'`, `Task run 'load_orders-7d2'`). A failing task writes its failure, the
// flow's `Encountered exception`, both `Finished in state Failed(...)`; the job then exits 1.
const ETL = 'etl-prefect';
const adjectives = ['crimson', 'tangerine', 'spiffy', 'hilarious', 'nimble', 'mauve', 'gregarious', 'peridot', 'arboreal', 'cerulean'];
const animals = ['otter', 'barnacle', 'lemur', 'coyote', 'okapi', 'finch', 'mongoose', 'caracal', 'narwhal', 'wombat'];

const pfLine = (t: number, level: string, name: string, msg: string): string => `${hmsMillis(t)} | ${level.padEnd(7)} | ${name} - ${msg}`;

function failedFlow(ctx: Ctx, task: string, excRepr: string, excLine: string, frames: string[]): Write[] {
  const run = `${ctx.rng.pick(adjectives)}-${ctx.rng.pick(animals)}`;
  const taskRun = `${task}-${ctx.rng.hex(3)}`;
  const tb = ['Traceback (most recent call last):', ...frames, excLine].join('\n');
  // Prefect's state message names the class without its module.
  const colon = excLine.indexOf(':');
  const short = `${excLine.slice(0, colon).split('.').pop() ?? ''}: ${excLine.slice(colon + 2)}`;
  let t = ctx.t;
  const next = (): number => { t += ctx.rng.int(2000, 90000); return t; };
  return [
    { stream: 'stderr', text: `${pfLine(t, 'ERROR', `Task run '${taskRun}'`, `Task run failed with exception: ${excRepr} - Retries are exhausted`)}\n${tb}` },
    { stream: 'stderr', text: pfLine(next(), 'ERROR', `Task run '${taskRun}'`, `Finished in state Failed('Task run encountered an exception ${short}')`) },
    { stream: 'stderr', text: `${pfLine(next(), 'ERROR', `Flow run '${run}'`, `Encountered exception during execution: ${excRepr}`)}\n${tb}` },
    { stream: 'stderr', text: pfLine(next(), 'ERROR', `Flow run '${run}'`, `Finished in state Failed('Flow run encountered an exception: ${short}')`) },
    { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(1).', as: { family: `${ETL}:container-exit-1`, level: 'WARNING' } },
  ];
}

const ordersApi500: Family = {
  name: `${ETL}:fetch-orders-http-500`, level: 'ERROR', perDay: [8, 25],
  emit: (ctx) => {
    const url = `https://api.shopbackend.io/v2/orders?updated_since=2026-12-0${ctx.rng.int(1, 5)}T00%3A00%3A00Z&page=${ctx.rng.int(1, 60)}`;
    return failedFlow(ctx, 'fetch_orders', `HTTPStatusError("Server error '500 Internal Server Error' for url '${url}'\\nFor more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/500")`,
      `httpx.HTTPStatusError: Server error '500 Internal Server Error' for url '${url}'`, [
        `  File "${SITE}/prefect/task_engine.py", line 805, in run_context`,
        '    yield self',
        `  File "${SITE}/prefect/task_engine.py", line 1387, in run_task_sync`,
        '    engine.call_task_fn(txn)',
        '  File "/opt/prefect/flows/sync_orders.py", line 31, in fetch_orders',
        '    resp.raise_for_status()',
        `  File "${SITE}/httpx/_models.py", line 763, in raise_for_status`,
        '    raise HTTPStatusError(message, request=request, response=self)',
      ]);
  },
};

const bqSchema: Family = {
  name: `${ETL}:load-orders-bigquery-schema-mismatch`, level: 'ERROR', perDay: [6, 18],
  emit: (ctx) => failedFlow(ctx, 'load_orders',
    "BadRequest('POST https://bigquery.googleapis.com/upload/bigquery/v2/projects/tallowmere-data/jobs?uploadType=resumable: Provided Schema does not match Table tallowmere-data:shop.orders. Field amount has changed type from NUMERIC to FLOAT')",
    'google.api_core.exceptions.BadRequest: 400 POST https://bigquery.googleapis.com/upload/bigquery/v2/projects/tallowmere-data/jobs?uploadType=resumable: Provided Schema does not match Table tallowmere-data:shop.orders. Field amount has changed type from NUMERIC to FLOAT', [
      `  File "${SITE}/prefect/task_engine.py", line 1387, in run_task_sync`,
      '    engine.call_task_fn(txn)',
      '  File "/opt/prefect/flows/sync_orders.py", line 58, in load_orders',
      '    job = client.load_table_from_dataframe(df, "shop.orders", job_config=cfg)',
      `  File "${SITE}/google/cloud/bigquery/client.py", line 2806, in load_table_from_dataframe`,
      '    return self.load_table_from_file(',
      `  File "${SITE}/google/cloud/bigquery/client.py", line 2567, in load_table_from_file`,
      '    raise exceptions.from_http_response(exc.response)',
    ]),
};

const eventsWorkerFailed: Family = {
  name: `${ETL}:events-worker-failed-to-process`, level: 'ERROR', perDay: [10, 30],
  emit: (ctx) => [{
    stream: 'stderr',
    text: [
      `${hmsMillis(ctx.t)} | ERROR   | GlobalEventLoopThread | prefect._internal.concurrency - Service 'EventsWorker' failed to process item Event(occurred=DateTime(2026, 12, 6, ${ctx.rng.int(0, 23)}, ${ctx.rng.int(0, 59)}, ${ctx.rng.int(0, 59)}, ${ctx.rng.int(0, 999999)}, tzinfo=Timezone('UTC')), event='prefect.task-run.Completed', resource=Resource(root={'prefect.resource.id': 'prefect.task-run.${ctx.rng.uuid()}'}), id=UUID('${ctx.rng.uuid()}'))`,
      'Traceback (most recent call last):',
      `  File "${SITE}/prefect/_internal/concurrency/services.py", line 120, in _run`,
      '    await self._handle(item)',
      `  File "${SITE}/prefect/events/worker.py", line 79, in _handle`,
      '    await self._client.emit(event)',
      `  File "${SITE}/websockets/asyncio/connection.py", line 939, in send_context`,
      '    raise self.protocol.close_exc from original_exc',
      'websockets.exceptions.ConnectionClosedError: no close frame received or sent',
    ].join('\n'),
  }],
};

const stillProcessing: Family = {
  name: `${ETL}:events-worker-still-processing`, level: 'WARNING', perDay: [100, 220],
  emit: (ctx) => [{ stream: 'stderr', text: pfLine(ctx.t, 'WARNING', 'EventsWorker', `Still processing items: ${ctx.rng.int(1, 40)} items remaining...`) }],
};

const etlChatter: Family = {
  name: `noise:${ETL}:runs`, level: 'INFO', perDay: [300, 600],
  emit: (ctx) => {
    const run = `${ctx.rng.pick(adjectives)}-${ctx.rng.pick(animals)}`;
    return [{
      stream: 'stderr',
      text: ctx.rng.pick([
        pfLine(ctx.t, 'INFO', `Flow run '${run}'`, `Beginning flow run '${run}' for flow 'sync-orders'`),
        pfLine(ctx.t, 'INFO', `Task run 'fetch_orders-${ctx.rng.hex(3)}'`, 'Finished in state Completed()'),
        pfLine(ctx.t, 'INFO', `Flow run '${run}'`, `Loaded ${ctx.rng.int(10, 9000)} rows into shop.orders (errors: 0)`),
        pfLine(ctx.t, 'INFO', `Flow run '${run}'`, "Finished in state Completed()"),
      ]),
    }];
  },
};

export const etlPrefect: ServiceDef = {
  name: ETL, stack: 'Python 3.12, Prefect 3.1 (Cloud Run worker, flow runs as Cloud Run jobs), httpx, google-cloud-bigquery 3', splitRate: 0.7,
  families: [ordersApi500, bqSchema, eventsWorkerFailed, stillProcessing, etlChatter],
};
