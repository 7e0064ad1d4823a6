// Two Python services. catalog-api: FastAPI under gunicorn with uvicorn workers, stdlib logging with
// `%(asctime)s - %(name)s - %(levelname)s - %(message)s`, SQLAlchemy on Postgres. ingest-worker: a
// Pub/Sub puller logging with loguru's default sink, while stdlib loggers go through a second,
// hand-written `[asctime] [LEVEL] [name]` handler, so one record can come out in either format.
import type { Prng } from '../prng.js';
import { gunicorn, loguru, pyBasic, pyBracket, pyDashed, uvicorn } from './formats.js';
import type { Ctx, Family, ServiceDef, Write } from './model.js';
import { pyChain, pyTraceback, SITE, type PyFrame } from './traces.js';

const err = (text: string, whole?: boolean): Write => (whole === undefined ? { stream: 'stderr', text } : { stream: 'stderr', text, whole });
const out = (text: string): Write => ({ stream: 'stdout', text });

const ROUTES = ['/items/{id}', '/items', '/search', '/categories/{slug}', '/items/{id}/price'];
const route = (rng: Prng): string => rng.pick(ROUTES).replace('{id}', String(rng.int(1, 99999))).replace('{slug}', rng.pick(['shoes', 'tents', 'lamps', 'kitchen']));

/** Context the app appends to some of its messages, not all. */
const ctxSuffix = (rng: Prng): string => (rng.chance(0.5) ? ` [path=${route(rng)} method=${rng.pick(['GET', 'GET', 'POST', 'PUT'])}]` : '');

function sqlalchemyOperational(rng: Prng): { frames: PyFrame[]; exception: string; inner: string } {
  const host = `10.${rng.int(0, 40)}.${rng.int(0, 255)}.${rng.int(2, 250)}`;
  const why = rng.pick([
    'FATAL:  remaining connection slots are reserved for non-replication superuser connections',
    'FATAL:  sorry, too many clients already',
  ]);
  const inner = `connection to server at "${host}", port 5432 failed: ${why}`;
  const sql = rng.chance(0.6) ? `\n[SQL: SELECT items.id, items.sku, items.price FROM items WHERE items.id = %(pk_1)s]\n[parameters: {'pk_1': ${rng.int(1, 99999)}}]` : '';
  const background = rng.chance(0.75) ? '\n(Background on this error at: https://sqlalche.me/e/20/e3q8)' : '';
  return {
    inner,
    frames: [
      [`${SITE}/starlette/routing.py`, 74, 'app', 'response = await func(request)'],
      [`${SITE}/fastapi/routing.py`, 278, 'app', 'raw_response = await run_endpoint_function(', rng.chance(0.3)],
      ['/app/catalog/api/items.py', 41, 'get_item', 'item = await repo.get(item_id)'],
      ['/app/catalog/repo.py', 63, 'get', 'row = (await session.execute(stmt)).scalar_one_or_none()'],
      [`${SITE}/sqlalchemy/engine/base.py`, 1967, '_exec_single_context', 'self.dialect.do_execute('],
      [`${SITE}/sqlalchemy/pool/base.py`, 898, '__connect', 'self.dbapi_connection = connection = pool._invoke_creator(self)'],
    ],
    exception: `sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) ${inner}\n${sql}${background}`.replace('\n\n', '\n').replace(/\n$/, ''),
  };
}

function stateKeys(rng: Prng): string {
  const all = ['db', 'redis', 'settings', 'http', 'limiter', 'metrics', 'feature_flags', 'pricing'];
  const n = rng.int(2, all.length);
  return `[${all.slice(0, n).map((k) => `'${k}'`).join(', ')}]`;
}

function validationErrors(rng: Prng): string {
  const fields: Array<[string, string]> = [
    ['price', "Input should be a valid number [type=float_type, input_value=None, input_type=NoneType]\n    For further information visit https://errors.pydantic.dev/2.6/v/float_type"],
    ['currency', "Input should be 'USD', 'EUR' or 'GBP' [type=enum, input_value='usd', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.6/v/enum"],
    ['stock', "Input should be greater than or equal to 0 [type=greater_than_equal, input_value=-1, input_type=int]\n    For further information visit https://errors.pydantic.dev/2.6/v/greater_than_equal"],
  ];
  const n = rng.int(1, 3);
  const chosen = fields.slice(0, n);
  return `pydantic_core._pydantic_core.ValidationError: ${n} validation error${n > 1 ? 's' : ''} for ItemOut\n${chosen.map(([f, m]) => `${f}\n  ${m}`).join('\n')}`;
}

const catalogFamilies: Family[] = [
  {
    name: 'catalog:db-connection-slots', level: 'ERROR', perDay: [25, 60], burst: 0.25, spans: [[0.3, 0.45], [0.7, 0.8]],
    emit: ({ rng, t }) => {
      const e = sqlalchemyOperational(rng);
      const trace = pyTraceback(e.frames, e.exception);
      // The same failure reaches the log three ways: the app's logger.exception (header, context that
      // comes and goes), uvicorn's "Exception in ASGI application", or a bare traceback on stderr.
      const how = rng.pick(['app', 'app', 'uvicorn', 'bare']);
      if (how === 'app') return err(`${pyDashed(t, 'catalog.api', 'ERROR', `query failed${ctxSuffix(rng)}`)}\n${trace}`);
      if (how === 'uvicorn') {
        const first = err(`${uvicorn('ERROR', 'Exception in ASGI application')}\n${trace}`);
        // `uvicorn.error` propagates to the root logger too: the same record printed a second time.
        return rng.chance(0.35) ? [first, err(`${pyDashed(t, 'uvicorn.error', 'ERROR', 'Exception in ASGI application')}\n${trace}`)] : first;
      }
      return err(trace);
    },
  },
  {
    name: 'catalog:search-client-missing', level: 'ERROR', perDay: [8, 20], spans: [[0.52, 0.6]],
    emit: ({ rng, t }) => {
      const chain = pyChain([
        { frames: [[`${SITE}/starlette/datastructures.py`, 702, '__getattr__', 'return self._state[key]']], exception: "KeyError: 'search_client'" },
        {
          frames: [
            ['/app/catalog/api/search.py', 28, 'search', 'client = request.app.state.search_client'],
            [`${SITE}/starlette/datastructures.py`, 705, '__getattr__', 'raise AttributeError(message.format(self.__class__.__name__, key))'],
          ],
          exception: "AttributeError: 'State' object has no attribute 'search_client'",
        },
      ], 'context');
      const head = pyDashed(t, 'catalog.search', 'ERROR', `search client missing; app.state keys: ${stateKeys(rng)}`);
      return rng.chance(0.7) ? err(`${head}\n${chain}`) : err(chain);
    },
  },
  {
    name: 'catalog:item-validation', level: 'ERROR', perDay: [10, 30],
    emit: ({ rng, t }) => {
      const tb = pyTraceback([
        ['/app/catalog/api/items.py', 52, 'get_item', 'return ItemOut.model_validate(row)'],
      ], validationErrors(rng));
      return rng.chance(0.6) ? err(`${pyDashed(t, 'catalog.api', 'ERROR', `cannot serialise item ${rng.int(1, 99999)}${ctxSuffix(rng)}`)}\n${tb}`) : err(`${uvicorn('ERROR', 'Exception in ASGI application')}\n${tb}`);
    },
  },
  {
    name: 'catalog:pricing-unavailable', level: 'ERROR', perDay: [10, 30], spans: [[0.05, 0.2], [0.85, 0.95]],
    // `raise PricingUnavailable(...) from exc`: two tracebacks joined by "direct cause".
    emit: ({ rng, t }) => {
      const sku = rng.upperAlnum(8);
      const chain = pyChain([
        {
          frames: [
            [`${SITE}/httpx/_transports/default.py`, 69, 'map_httpcore_exceptions', 'yield'],
            [`${SITE}/httpx/_transports/default.py`, 373, 'handle_async_request', 'resp = await self._pool.handle_async_request(req)'],
          ],
          exception: 'httpx.ConnectError: [Errno 111] Connection refused',
        },
        {
          frames: [
            ['/app/catalog/api/items.py', 77, 'item_price', 'return await pricing.quote(sku)'],
            ['/app/catalog/pricing.py', 31, 'quote', 'raise PricingUnavailable(f"pricing service unreachable for sku {sku}") from exc'],
          ],
          exception: `catalog.errors.PricingUnavailable: pricing service unreachable for sku ${sku}`,
        },
      ], 'cause');
      return rng.chance(0.5) ? err(`${pyDashed(t, 'catalog.pricing', 'ERROR', `price lookup failed for ${sku}${ctxSuffix(rng)}`)}\n${chain}`) : err(`${uvicorn('ERROR', 'Exception in ASGI application')}\n${chain}`);
    },
  },
  {
    // A reindex job in the same container configures logging with basicConfig(): `LEVEL:name:message`.
    name: 'catalog:reindex-timeout', level: 'ERROR', perDay: [6, 16],
    emit: ({ rng }) => err(`${pyBasic('catalog.jobs.reindex', 'ERROR', `reindex of shard ${rng.int(0, 7)} failed`)}\n${pyTraceback([
      ['/app/catalog/jobs/reindex.py', 48, 'run_shard', 'helpers.bulk(es, actions, chunk_size=500)'],
      [`${SITE}/elastic_transport/_node/_http_urllib3.py`, 199, 'perform_request', 'raise err from e'],
    ], `elastic_transport.ConnectionTimeout: Connection timed out`)}`),
  },
  {
    name: 'catalog:reindex-behind', level: 'WARNING', perDay: [40, 90],
    emit: ({ rng }) => err(pyBasic('catalog.jobs.reindex', 'WARNING', `index is ${rng.int(1, 9)}h behind (pending=${rng.int(10, 9000)})`)),
  },
  {
    name: 'noise:catalog-reindex', level: 'INFO', perDay: [40, 90],
    emit: ({ rng }) => err(pyBasic('catalog.jobs.reindex', 'INFO', `reindexed ${rng.int(10, 9000)} documents, 0 errors`)),
  },
  {
    name: 'catalog:worker-timeout', level: 'CRITICAL', perDay: [3, 8], spans: [[0.3, 0.45]],
    emit: ({ rng, t }) => err(gunicorn(t, 1, 'CRITICAL', `WORKER TIMEOUT (pid:${rng.int(7, 60)})`)),
  },
  {
    name: 'catalog:worker-sigkill', level: 'ERROR', perDay: [2, 6], spans: [[0.3, 0.45]],
    emit: ({ rng, t }) => err(gunicorn(t, 1, 'ERROR', `Worker (pid:${rng.int(7, 60)}) was sent SIGKILL! Perhaps out of memory?`)),
  },
  {
    name: 'catalog:pricing-retry', level: 'WARNING', perDay: [120, 260],
    emit: ({ rng, t }) => {
      const total = rng.int(0, 2);
      return err(pyDashed(t, 'urllib3.connectionpool', 'WARNING',
        `Retrying (Retry(total=${total}, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f${rng.hex(10)}>: Failed to establish a new connection: [Errno 111] Connection refused')': /v1/prices?sku=${rng.upperAlnum(8)}`));
    },
  },
  {
    name: 'catalog:legacy-query-get', level: 'WARNING', perDay: [20, 50],
    // The warnings module: `file:line: Category: message` then the source line, two lines in one write.
    emit: () => err('/app/catalog/repo.py:57: LegacyAPIWarning: The Query.get() method is considered legacy as of the 1.x series of SQLAlchemy and becomes a legacy construct in 2.0. The method is now available as Session.get() (deprecated since: 2.0) (Background on SQLAlchemy 2.0 at: https://sqlalche.me/e/b8d9)\n  item = session.query(Item).get(item_id)'),
  },
  {
    name: 'noise:catalog-access', level: 'INFO', perDay: [500, 900],
    emit: ({ rng }) => out(uvicorn('INFO', `169.254.169.126:${rng.int(10000, 65000)} - "${rng.pick(['GET', 'GET', 'POST'])} ${rng.pick(['/items/' + rng.int(1, 99999), '/search?q=' + rng.lower(5), '/healthz', '/errors/summary'])} HTTP/1.1" ${rng.pick(['200 OK', '200 OK', '304 Not Modified', '404 Not Found'])}`)),
  },
  {
    name: 'noise:catalog-health', level: 'INFO', perDay: [150, 300],
    emit: ({ rng, t }) => out(pyDashed(t, 'catalog.health', 'INFO', `health ok, error_count=0, db_pool=${rng.int(1, 20)}/20`)),
  },
  {
    name: 'noise:catalog-gunicorn', level: 'INFO', perDay: [10, 30],
    emit: ({ rng, t }) => err(gunicorn(t, rng.chance(0.5) ? 1 : rng.int(7, 60), 'INFO', rng.pick([`Booting worker with pid: ${rng.int(7, 60)}`, `Worker exiting (pid: ${rng.int(7, 60)})`, 'Handling signal: term', `Listening at: http://0.0.0.0:8080 (1)`]))),
  },
  {
    name: 'noise:catalog-uvicorn-lifecycle', level: 'INFO', perDay: [10, 30],
    // gunicorn's own logger is named `gunicorn.error`: INFO lines carrying the word.
    emit: ({ rng, t }) => err(rng.chance(0.5) ? uvicorn('INFO', rng.pick(['Started server process [' + rng.int(7, 60) + ']', 'Waiting for application startup.', 'Application startup complete.'])) : pyDashed(t, 'gunicorn.error', 'INFO', `Booting worker with pid: ${rng.int(7, 60)}`)),
  },
  {
    name: 'noise:catalog-debug', level: 'DEBUG', perDay: [150, 300],
    emit: ({ rng, t }) => out(pyDashed(t, 'catalog.cache', 'DEBUG', `cache ${rng.pick(['hit', 'miss'])} key=item:${rng.int(1, 99999)} ttl=${rng.int(10, 600)}`)),
  },
  {
    name: 'noise:catalog-export-report', level: 'INFO', perDay: [2, 4],
    // print() of a line that starts with a date: not a log header.
    emit: ({ rng }) => out(`2026-03-0${rng.int(1, 9)} catalog export: ${rng.int(1000, 9000)} items written, 0 errors, ${rng.int(0, 40)} skipped`),
  },
];

// ---- ingest-worker ---------------------------------------------------------------------------

function loguruException(rng: Prng, t: number): string {
  const row = `{'id': ${rng.int(1, 99999)}, 'ts': None, 'source': '${rng.pick(['pos', 'web', 'kiosk'])}'}`;
  const addr = `0x7f${rng.hex(10)}`;
  return [
    loguru(t, 'ERROR', 'ingest.decode:decode_row:41', `Row rejected from subscription ingest-${rng.pick(['orders', 'events'])}`),
    'Traceback (most recent call last):',
    '',
    '  File "/app/ingest/worker.py", line 112, in <module>',
    '    run()',
    `    └ <function run at ${addr}>`,
    '',
    '> File "/app/ingest/decode.py", line 41, in decode_row',
    '    return Schema.parse(raw)',
    '           │      │     └ ' + row,
    '           │      └ <classmethod(<function Schema.parse at 0x7f' + rng.hex(10) + '>)>',
    "           └ <class 'ingest.schema.Schema'>",
    '',
    '  File "/app/ingest/schema.py", line 19, in parse',
    "    ts = datetime.fromisoformat(raw['ts'])",
    '',
    "TypeError: fromisoformat: argument must be str",
  ].join('\n');
}

const ingestFamilies: Family[] = [
  {
    name: 'ingest:flush-failed', level: 'ERROR', perDay: [30, 70], burst: 0.1,
    emit: ({ rng, t }) => {
      const attempt = rng.chance(0.5) ? ` (attempt ${rng.int(1, 5)}/5)` : '';
      const msg = `Failed to flush batch ${rng.int(100, 99999)} to BigQuery: 503 ${rng.pick(['Service Unavailable', 'Service Unavailable', 'Backend Error'])}${attempt}`;
      return err(rng.chance(0.5) ? loguru(t, 'ERROR', 'ingest.sink:flush:88', msg) : pyBracket(t, 'ERROR', 'ingest.sink', msg));
    },
  },
  {
    name: 'ingest:row-ts-none', level: 'ERROR', perDay: [15, 40], burst: 0.2,
    emit: ({ rng, t }) => {
      if (rng.chance(0.6)) return err(loguruException(rng, t));
      const tb = pyTraceback([
        ['/app/ingest/decode.py', 41, 'decode_row', 'return Schema.parse(raw)'],
        ['/app/ingest/schema.py', 19, 'parse', "ts = datetime.fromisoformat(raw['ts'])", true],
      ], 'TypeError: fromisoformat: argument must be str');
      return err(`${pyBracket(t, 'ERROR', 'ingest.decode', `Row rejected from subscription ingest-${rng.pick(['orders', 'events'])}`)}\n${tb}`);
    },
  },
  {
    name: 'ingest:ack-deadline', level: 'WARNING', perDay: [150, 300],
    emit: ({ rng, t }) => {
      const msg = `Ack deadline exceeded for message ${rng.int(1e12, 9e12)} (age ${rng.int(60, 900)}s)`;
      return err(rng.chance(0.7) ? loguru(t, 'WARNING', 'ingest.pull:_on_message:63', msg) : pyBracket(t, 'WARNING', 'ingest.pull', msg));
    },
  },
  {
    name: 'ingest:quota-exhausted', level: 'CRITICAL', perDay: [1, 3], spans: [[0.8, 0.9]],
    emit: ({ rng, t }) => err(loguru(t, 'CRITICAL', 'ingest.main:main:30', `Quota exhausted for table analytics.events_${rng.int(2024, 2026)}; stopping pulls`)),
  },
  {
    name: 'noise:ingest-pulled', level: 'INFO', perDay: [300, 600],
    emit: ({ rng, t }) => err(loguru(t, 'INFO', 'ingest.pull:loop:50', `pulled ${rng.int(1, 100)} messages (errors: 0, redelivered: ${rng.int(0, 3)})`)),
  },
  {
    name: 'noise:ingest-debug', level: 'DEBUG', perDay: [200, 400],
    emit: ({ rng, t }) => err(rng.chance(0.5) ? loguru(t, 'DEBUG', 'ingest.sink:flush:70', `flushing ${rng.int(1, 500)} rows`) : pyBracket(t, 'DEBUG', 'google.api_core.bidi', `Thread-ConsumeBidirectionalStream caught error ${rng.pick(['400', '503'])} and will retry`)),
  },
];

export const catalogApi: ServiceDef = { name: 'catalog-api', stack: 'Python 3.12, gunicorn + uvicorn workers, FastAPI, logging, SQLAlchemy', splitRate: 0.6, rollout: 0.5, families: catalogFamilies };
export const ingestWorker: ServiceDef = { name: 'ingest-worker', stack: 'Python 3.12, loguru + a stdlib handler', splitRate: 0.7, rollout: 0.6, families: ingestFamilies };
export type { Ctx };
