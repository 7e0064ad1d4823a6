// rank-grpc: a Python 3.12 gRPC ranking service (grpcio 1.66's sync server, psycopg 3, redis-py). The
// morning revision logs through `logging.basicConfig()` (`LEVEL:logger:message` on stderr), the later one
// with `%(asctime)s %(levelname)s [%(name)s] %(message)s`. grpc's server logs a servicer's exception as
// `Exception calling application: <str(exc)>` with the traceback (grpc/_server.py, `_LOGGER.exception`);
// a thread that dies prints `threading.excepthook`'s `Exception in thread NAME:` with no level at all.
import type { Ctx, ServiceDef, Write } from '../stranger/model.js';
import { pyAsctime } from './clock.js';
import { familyOf } from './family.js';

const SERVICE = 'rank-grpc';
const fam = familyOf(SERVICE);
const SITE = '/usr/local/lib/python3.12/site-packages';

/** The record's first line in the revision's format; the rest of `text` follows unchanged. */
function rec(ctx: Ctx, level: string, logger: string, text: string): Write {
  const head = ctx.rev === 0 ? `${level}:${logger}:` : `${pyAsctime(ctx.t)} ${level} [${logger}] `;
  return { stream: 'stderr', text: `${head}${text}` };
}

const grpcFrames = `Traceback (most recent call last):
  File "${SITE}/grpc/_server.py", line 610, in _call_behavior
    response_or_iterator = behavior(argument, context)
                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^`;

const queryCanceled = (frames: string): string => `${frames}
  File "/app/ranker/store.py", line 58, in load_features
    cur.execute(FEATURES_SQL, (ids,))
  File "${SITE}/psycopg/cursor.py", line 97, in execute
    raise ex.with_traceback(None)
psycopg.errors.QueryCanceled: canceling statement due to statement timeout`;

export const rankGrpc: ServiceDef = {
  name: SERVICE,
  stack: 'Python 3.12, grpcio 1.66, psycopg 3.2, redis-py 5',
  splitRate: 0.74,
  families: [
    fam('rank-served', 'INFO', [300, 480], (ctx) => [rec(ctx, 'INFO', 'ranker.service',
      `Rank user_id=${ctx.rng.int(1000, 99999)} candidates=${ctx.rng.pick([100, 200, 400])} took_ms=${ctx.rng.int(8, 90)} error_count=0`)]),
    fam('refresh-done', 'INFO', [40, 90], (ctx) => [rec(ctx, 'INFO', 'ranker.refresh',
      `feature snapshot refreshed rows=${ctx.rng.int(15000, 21000)} errors=0 stale_partitions=0`)]),
    // The servicer's KeyError: grpc's line names no operation, the frames do.
    fam('rank-missing-embedding', 'ERROR', [6, 18], (ctx) => [rec(ctx, 'ERROR', 'grpc._server', `Exception calling application: 'embedding'
${grpcFrames}
  File "/app/ranker/service.py", line 74, in Rank
    vec = features["embedding"]
          ~~~~~~~~^^^^^^^^^^^^^
KeyError: 'embedding'`)]),
    // One statement timeout from two call sites: the Rank RPC and the refresh thread.
    fam('rank-statement-timeout', 'ERROR', [8, 24], (ctx) => [rec(ctx, 'ERROR', 'grpc._server', `Exception calling application: canceling statement due to statement timeout
${queryCanceled(`${grpcFrames}
  File "/app/ranker/service.py", line 61, in Rank
    features = self.store.load_features(request.item_ids)
               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^`)}`)], 0.3),
    fam('refresh-statement-timeout', 'ERROR', [2, 6], () => [{ stream: 'stderr', text: `Exception in thread feature-refresh:
${queryCanceled(`Traceback (most recent call last):
  File "/usr/local/lib/python3.12/threading.py", line 1075, in _bootstrap_inner
    self.run()
  File "/app/ranker/refresh.py", line 33, in run
    self.store.load_features(self.hot_ids)`)}` }]),
    // Frequent and real: the feature store is slow; the list of ids varies.
    fam('slow-feature-fetch', 'WARNING', [90, 220], (ctx) => {
      const ids = Array.from({ length: ctx.rng.int(2, 6) }, () => ctx.rng.int(100, 9999));
      return [rec(ctx, 'WARNING', 'ranker.features', `slow feature fetch ${ctx.rng.fixed(1.5, 6, 2)}s for item_ids=[${ids.join(', ')}]`)];
    }),
    fam('redis-reconnect', 'WARNING', [10, 30], (ctx) => [rec(ctx, 'WARNING', 'ranker.cache',
      `redis unavailable, serving without cache: Error 111 connecting to 10.8.${ctx.rng.int(0, 3)}.4:6379. Connection refused.`)]),
  ],
};
