// The day's Python service: FastAPI under uvicorn with `--log-config` giving every logger (uvicorn's
// and the app's) python-json-logger's JsonFormatter, which renames `levelname` to `severity` at the rollout.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { pyTime } from './clock.js';
import { digits, fam, peer, pyTraceback, req, requestLog, type PyFrame, type Req } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// search-jsonlog: Python 3.12, FastAPI 0.115 on uvicorn 0.34 (`uvicorn app.main:app --log-config
// logging.json`: a dictConfig whose one StreamHandler on stdout uses
// `pythonjsonlogger.json.JsonFormatter` (python-json-logger 3.2) with the format `%(asctime)s
// %(levelname)s %(name)s %(message)s` for `uvicorn.error`, `uvicorn.access` and `app`), httpx 0.28 to a
// ranking service, redis-py 5 asyncio for suggestions. One JSON line a record, keys in the format's
// order, the traceback under `exc_info`; no severity in the morning, `rename_fields: {"levelname":
// "severity"}` from the rollout (Cloud Run reads it). uvicorn's records keep their wording: the access
// message `addr - "GET /p HTTP/1.1" 500` (the status phrase is only added by uvicorn's own formatter),
// and `Exception in ASGI application\n` with its trailing newline. Starlette's ServerErrorMiddleware
// sends the 500 before re-raising, so the access record comes first. One event loop: records never
// interleave inside one another.
const SJ = 'search-jsonlog';
const SP = '/usr/local/lib/python3.12/site-packages';
const CAUSE = '\n\nThe above exception was the direct cause of the following exception:\n\n';

function pj(t: number, rev: 0 | 1, level: 'INFO' | 'WARNING' | 'ERROR', name: string, message: string, excInfo?: string): Write {
  const json: Record<string, unknown> = { asctime: pyTime(t) };
  json[rev === 0 ? 'levelname' : 'severity'] = level;
  json.name = name;
  json.message = message;
  if (excInfo) json.exc_info = excInfo;
  return { stream: 'stdout', json };
}

const ASGI: PyFrame[] = [
  [`${SP}/uvicorn/protocols/http/httptools_impl.py`, 409, 'run_asgi', 'result = await app(  # type: ignore[func-returns-value]'],
  [`${SP}/uvicorn/middleware/proxy_headers.py`, 60, '__call__', 'return await self.app(scope, receive, send)'],
  [`${SP}/starlette/middleware/errors.py`, 187, '__call__', 'raise exc'],
  [`${SP}/starlette/routing.py`, 73, 'app', 'response = await f(request)'],
  [`${SP}/fastapi/routing.py`, 301, 'app', 'raw_response = await run_endpoint_function('],
  [`${SP}/fastapi/routing.py`, 212, 'run_endpoint_function', 'return await dependant.call(**values)'],
];

/** uvicorn's 500 access record when Starlette answers, its `Exception in ASGI application`, Cloud Run's request log. */
function asgiFailure(rng: Prng, t: number, rev: 0 | 1, host: string, r: Req, tb: string): Write[] {
  const at = t + r.latencyUs;
  return [
    { ...pj(at, rev, 'INFO', 'uvicorn.access', `${peer(rng)}:${rng.int(30000, 60000)} - "${r.method} ${r.path} HTTP/1.1" 500`), delayUs: r.latencyUs },
    { ...pj(at + 400, rev, 'ERROR', 'uvicorn.error', 'Exception in ASGI application\n', tb), delayUs: rng.int(200, 900) },
    requestLog(rng, host, SJ, r, rng.int(300, 3000)),
  ];
}

function readTimeout(site: PyFrame[]): string {
  const inner = pyTraceback([
    [`${SP}/httpx/_transports/default.py`, 101, 'map_httpcore_exceptions', 'yield'],
    [`${SP}/httpx/_transports/default.py`, 394, 'handle_async_request', 'resp = await self._pool.handle_async_request(req)'],
    [`${SP}/httpcore/_async/http11.py`, 217, '_receive_event', 'data = await self._network_stream.read('],
    [`${SP}/httpcore/_backends/anyio.py`, 32, 'read', 'with map_exceptions(exc_map):'],
    ['/usr/local/lib/python3.12/contextlib.py', 158, '__exit__', 'self.gen.throw(value)'],
    [`${SP}/httpcore/_exceptions.py`, 14, 'map_exceptions', 'raise to_exc(exc) from exc'],
  ], 'httpcore.ReadTimeout');
  return `${inner}${CAUSE}${pyTraceback([...site, [`${SP}/httpx/_client.py`, 1730, '_send_single_request', 'response = await transport.handle_async_request(request)'], [`${SP}/httpx/_transports/default.py`, 393, 'handle_async_request', 'with map_httpcore_exceptions():'], ['/usr/local/lib/python3.12/contextlib.py', 158, '__exit__', 'self.gen.throw(value)'], [`${SP}/httpx/_transports/default.py`, 118, 'map_httpcore_exceptions', 'raise mapped_exc(message) from exc']], 'httpx.ReadTimeout')}`;
}

const q = (rng: Prng): string => rng.pick(['tent', 'stove', 'gaiters', 'bivvy', 'headtorch', 'crampons']);

export const searchJsonlog: ServiceDef = {
  name: SJ, stack: 'Python 3.12, FastAPI 0.115 on uvicorn 0.34 with a JSON --log-config (python-json-logger 3), httpx 0.28, redis-py 5', splitRate: 0.6,
  families: [
    fam(`${SJ}:search-ranker-read-timeout`, 'ERROR', [40, 100], ({ rng, t, rev, host }) => {
      const r = req(rng, 'GET', `/search?q=${q(rng)}&page=${rng.int(1, 5)}`, 500, rng.int(5_005_000, 5_090_000));
      return asgiFailure(rng, t, rev, host, r, readTimeout([...ASGI, ['/app/app/routes/search.py', 41, 'search', 'ranked = await ranker.rank(query, hits)'], ['/app/app/ranker.py', 27, 'rank', 'resp = await self.client.post("/v1/rank", json=payload)']]));
    }, 0.3),
    // The same ranker timeout from the synonym refresher task: `logger.exception`.
    fam(`${SJ}:synonyms-refresh-read-timeout`, 'ERROR', [15, 40], ({ rng, t, rev }) => [pj(t, rev, 'ERROR', 'app.synonyms', `synonym refresh failed; keeping ${rng.int(100, 4000)} synonyms from the last run`, readTimeout([['/app/app/synonyms.py', 52, 'refresh', 'table = await ranker.synonyms()'], ['/app/app/ranker.py', 44, 'synonyms', 'resp = await self.client.get("/v1/synonyms")']]))]),
    fam(`${SJ}:suggest-redis-timeout`, 'ERROR', [30, 80], ({ rng, t, rev, host }) => {
      const r = req(rng, 'GET', `/suggest?prefix=${q(rng).slice(0, rng.int(2, 4))}`, 500, rng.int(1_002_000, 1_030_000));
      const tb = pyTraceback([...ASGI, ['/app/app/routes/suggest.py', 19, 'suggest', 'words = await cache.zrange(f"sugg:{prefix}", 0, 9)'],
        [`${SP}/redis/asyncio/client.py`, 616, 'execute_command', 'return await conn.retry.call_with_retry('],
        [`${SP}/redis/asyncio/retry.py`, 59, 'call_with_retry', 'return await do()'],
        [`${SP}/redis/asyncio/connection.py`, 565, 'read_response', 'raise TimeoutError(f"Timeout reading from {host_error}")']], `redis.exceptions.TimeoutError: Timeout reading from 10.${rng.int(20, 40)}.0.4:6379`);
      return asgiFailure(rng, t, rev, host, r, tb);
    }, 0.2),
    fam(`${SJ}:facets-key-error`, 'ERROR', [20, 50], ({ rng, t, rev, host }) => {
      const r = req(rng, 'GET', `/search?q=${q(rng)}&facets=brand,size`, 500, rng.int(40_000, 400_000));
      return asgiFailure(rng, t, rev, host, r, pyTraceback([...ASGI, ['/app/app/routes/search.py', 58, 'search', 'return present(hits, facets=body["facets"])'], ['/app/app/present.py', 23, 'present', 'buckets = raw["aggregations"][name]["buckets"]']], "KeyError: 'size'"));
    }),
    fam(`${SJ}:query-truncated`, 'WARNING', [150, 320], ({ rng, t, rev }) => [pj(t, rev, 'WARNING', 'app.query', `query of ${rng.int(257, 2000)} characters truncated to 256`)]),
    fam(`noise:${SJ}:access-200`, 'INFO', [150, 300], ({ rng, t, rev }) => [pj(t, rev, 'INFO', 'uvicorn.access', `${peer(rng)}:${rng.int(30000, 60000)} - "GET /search?q=${q(rng)} HTTP/1.1" 200`)]),
    fam(`noise:${SJ}:index-refreshed`, 'INFO', [60, 140], ({ rng, t, rev }) => [pj(t, rev, 'INFO', 'app.index', `index refresh done: ${digits(rng, 5)} documents, 0 errors`)]),
  ],
};
