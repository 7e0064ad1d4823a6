// catalog-sanic: Sanic 23 on Python 3.12 with asyncpg. The morning revision keeps Sanic's default
// LOGGING_CONFIG (`[%Y-%m-%d %H:%M:%S %z] [pid] [LEVEL] msg`, the access logger's
// `[date] - (sanic.access)[INFO][host:port]: GET url  status bytes`); the afternoon one attaches
// google-cloud-logging's StructuredLogHandler (one JSON line: `message` with the traceback appended,
// `severity`, `logging.googleapis.com/labels` with the logger name, `logging.googleapis.com/sourceLocation`).
// Error text as Sanic prints it: `Exception occurred while handling uri: '...'` and a traceback whose
// first frame is Sanic's compiled `File "handle_request"` (sanic-org/sanic#2528, #642).
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import type { Prng } from '../prng.js';
import { sanicTime } from './clock.js';

type PyLevel = 'INFO' | 'WARNING' | 'ERROR';
const SITE = '/usr/local/lib/python3.12/site-packages';

function sanic(rng: Prng, t: number, rev: 0 | 1, level: PyLevel, logger: string, message: string, traceback?: string, source?: [string, number, string]): Write {
  const stream = level === 'INFO' ? 'stdout' : 'stderr';
  if (rev === 1) {
    const [file, line, fn] = source ?? [`${SITE}/sanic/handlers/error.py`, 203, 'log'];
    return {
      stream: 'stdout',
      json: {
        message: traceback === undefined ? message : `${message}\n${traceback}`, severity: level,
        'logging.googleapis.com/labels': { python_logger: logger },
        'logging.googleapis.com/trace': '', 'logging.googleapis.com/spanId': '', 'logging.googleapis.com/trace_sampled': false,
        'logging.googleapis.com/sourceLocation': { file, line: String(line), function: fn },
        // The handler writes no time of its own; Cloud Run stamps the entry.
      },
    };
  }
  const head = `[${sanicTime(t)}] [${rng.pick([7, 8, 9])}] [${level}] ${message}`;
  return { stream, text: traceback === undefined ? head : `${head}\n${traceback}` };
}

const handleRequestFrame = [
  '  File "handle_request", line 102, in handle_request',
  '    "_inspector",',
];

function keyErrorTraceback(file: string, line: number, fn: string, code: string, caller: [string, number, string, string]): string {
  const [cFile, cLine, cFn, cCode] = caller;
  return ['Traceback (most recent call last):', ...handleRequestFrame,
    `  File "/app/catalog/${cFile}", line ${cLine}, in ${cFn}`, `    ${cCode}`,
    `  File "/app/catalog/${file}", line ${line}, in ${fn}`, `    ${code}`,
    "KeyError: 'currency'"].join('\n');
}

const uri = (rng: Prng, host: string, path: string): string => `Exception occurred while handling uri: 'https://${host}${path}'`;

export const catalogSanic: ServiceDef = {
  name: 'catalog-sanic', stack: 'Python 3.12, Sanic 23.12, asyncpg (google-cloud-logging StructuredLogHandler after the rollout)', splitRate: 0.78,
  families: [
    {
      name: 'catalog-sanic:pool-acquire-too-many-clients', level: 'ERROR', perDay: [10, 30],
      emit: ({ rng, t, rev, host }) => {
        const tb = ['Traceback (most recent call last):', ...handleRequestFrame,
          '  File "/app/catalog/views/products.py", line 28, in get_product',
          '    async with request.app.ctx.pool.acquire() as conn:',
          `  File "${SITE}/asyncpg/pool.py", line 1024, in __aenter__`,
          '    self.connection = await self.pool._acquire(self.timeout)',
          `  File "${SITE}/asyncpg/pool.py", line 864, in _acquire`,
          '    return await _acquire_impl()',
          `  File "${SITE}/asyncpg/pool.py", line 849, in _acquire_impl`,
          '    proxy = await ch._acquire()  # type: PoolConnectionProxy',
          `  File "${SITE}/asyncpg/pool.py", line 140, in acquire`,
          '    await self.connect()',
          `  File "${SITE}/asyncpg/connect_utils.py", line 1049, in _connect_addr`,
          '    return await __connect_addr(params, True, *args)',
          `  File "${SITE}/asyncpg/connect_utils.py", line 891, in __connect_addr`,
          '    await connected',
          'asyncpg.exceptions.TooManyConnectionsError: sorry, too many clients already'].join('\n');
        return [sanic(rng, t, rev, 'ERROR', 'sanic.error', uri(rng, host, `/products/${rng.int(100, 99999)}`), tb)];
      },
    },
    {
      // The same KeyError from the price view and from the cart totals: two call sites, two problems.
      name: 'catalog-sanic:price-view-keyerror-currency', level: 'ERROR', perDay: [8, 25],
      emit: ({ rng, t, rev, host }) => [sanic(rng, t, rev, 'ERROR', 'sanic.error', uri(rng, host, `/products/${rng.int(100, 99999)}/price?region=${rng.pick(['eu', 'uk', 'us'])}`),
        keyErrorTraceback('pricing.py', 41, 'localise', 'currency = row["currency"]', ['views/price.py', 19, 'price_view', 'return json(localise(row, request.args.get("region")))']))],
    },
    {
      name: 'catalog-sanic:cart-totals-keyerror-currency', level: 'ERROR', perDay: [8, 25],
      emit: ({ rng, t, rev, host }) => [sanic(rng, t, rev, 'ERROR', 'sanic.error', uri(rng, host, `/carts/${rng.uuid()}/totals`),
        keyErrorTraceback('views/cart.py', 77, 'cart_totals', 'totals[item["currency"]] += item["amount"]', ['views/cart.py', 52, 'get_cart', 'body["totals"] = cart_totals(items)']))],
    },
    {
      name: 'catalog-sanic:price-feed-stale', level: 'WARNING', perDay: [100, 250],
      emit: ({ rng, t, rev }) => [sanic(rng, t, rev, 'WARNING', 'catalog.feed', `price feed stale: last update ${rng.int(610, 1900)}s ago, serving cached prices`, undefined, ['/app/catalog/feed.py', 64, 'check_feed'])],
    },
    {
      name: 'noise:catalog-sanic:access', level: 'INFO', perDay: [300, 600],
      emit: ({ rng, t, rev, host }) => {
        const path = rng.pick(['/products/', '/products/', '/categories/']) + String(rng.int(1, 9999));
        const status = rng.weighted([[200, 90], [404, 6], [500, 2]] as const);
        const bytes = rng.int(80, 9000);
        if (rev === 1) return [sanic(rng, t, rev, 'INFO', 'sanic.access', `GET https://${host}${path} ${status} ${bytes}`, undefined, [`${SITE}/sanic/http/http1.py`, 474, 'log_response'])];
        return [{ stream: 'stdout', text: `[${sanicTime(t)}] - (sanic.access)[INFO][169.254.1.1:${rng.int(30000, 60000)}]: GET https://${host}${path}  ${status} ${bytes}` }];
      },
    },
    {
      name: 'noise:catalog-sanic:index-refresh', level: 'INFO', perDay: [40, 90],
      emit: ({ rng, t, rev }) => [sanic(rng, t, rev, 'INFO', 'catalog.index', `index refresh done: ${rng.int(3000, 5000)} products, errors=0`, undefined, ['/app/catalog/index.py', 88, 'refresh'])],
    },
    {
      name: 'noise:catalog-sanic:startup', level: 'INFO', perDay: [4, 10],
      emit: ({ rng, t, rev }) => [sanic(rng, t, rev, 'INFO', 'sanic.server', rng.pick(['Starting worker [8]', 'Sanic v23.12.1', 'Goin\' Fast @ http://0.0.0.0:8080']), undefined, [`${SITE}/sanic/server/runners.py`, 146, 'serve'])],
    },
  ] satisfies Family[],
};
