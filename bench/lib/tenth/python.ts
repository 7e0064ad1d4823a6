// shop-flask: Flask 3 under gunicorn with redis-py and APScheduler. The morning revision logs through the
// dictConfig of Flask's logging docs (`[%(asctime)s] %(levelname)s in %(module)s: %(message)s`, Flask's
// own default_handler format, on the root logger); the revision rolled out later installs
// google-cloud-logging's StructuredLogHandler, which writes one JSON line per record with the traceback
// appended to `message` and the caller under `logging.googleapis.com/sourceLocation`.
import type { Ctx, ServiceDef, Write } from '../stranger/model.js';
import { familyOf } from './family.js';
import { pyAsctime } from './clock.js';

const SITE = '/usr/local/lib/python3.12/site-packages';
const S = 'shop-flask';

/** Flask's dispatch frames, as Python 3.12 prints them with the caret lines. */
const FLASK_FRAMES = [
  `  File "${SITE}/flask/app.py", line 1473, in wsgi_app`,
  '    response = self.full_dispatch_request()',
  '               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
  `  File "${SITE}/flask/app.py", line 882, in full_dispatch_request`,
  '    rv = self.handle_user_exception(e)',
  '         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
  `  File "${SITE}/flask/app.py", line 880, in full_dispatch_request`,
  '    rv = self.dispatch_request()',
  '         ^^^^^^^^^^^^^^^^^^^^^^^',
  `  File "${SITE}/flask/app.py", line 865, in dispatch_request`,
  '    return self.ensure_sync(self.view_functions[rule.endpoint])(**view_args)  # type: ignore[no-any-return]',
  '           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
];

const EXECUTE_COMMAND = [
  `  File "${SITE}/redis/client.py", line 559, in execute_command`,
  '    return self._execute_command(*args, **options)',
  '           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
  `  File "${SITE}/redis/client.py", line 565, in _execute_command`,
  '    conn = self.connection or pool.get_connection(command_name, **options)',
  '                              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
];

/** redis-py 5 refusing: the socket error, then the ConnectionError raised while handling it. */
function redisRefused(callerFrames: string[], host: string, clientFrames: string[] = EXECUTE_COMMAND): string[] {
  return [
    'Traceback (most recent call last):',
    `  File "${SITE}/redis/connection.py", line 357, in connect`,
    '    sock = self.retry.call_with_retry(',
    '           ^^^^^^^^^^^^^^^^^^^^^^^^^^',
    `  File "${SITE}/redis/retry.py", line 62, in call_with_retry`,
    '    return do()',
    '           ^^^^',
    `  File "${SITE}/redis/connection.py", line 358, in <lambda>`,
    '    lambda: self._connect(), lambda error: self.disconnect(error)',
    '            ^^^^^^^^^^^^^^^',
    `  File "${SITE}/redis/connection.py", line 730, in _connect`,
    '    raise err',
    `  File "${SITE}/redis/connection.py", line 718, in _connect`,
    '    sock.connect(socket_address)',
    'ConnectionRefusedError: [Errno 111] Connection refused',
    '',
    'During handling of the above exception, another exception occurred:',
    '',
    'Traceback (most recent call last):',
    ...callerFrames,
    ...clientFrames,
    `  File "${SITE}/redis/connection.py", line 1422, in get_connection`,
    '    connection.connect()',
    `  File "${SITE}/redis/connection.py", line 363, in connect`,
    '    raise ConnectionError(self._error_message(e))',
    `redis.exceptions.ConnectionError: Error 111 connecting to ${host}:6379. Connection refused.`,
  ];
}

/** The logger behind each module name the dictConfig format prints. */
const LOGGER: Record<string, string> = { app: 'shop', base: 'apscheduler.executors.default' };

/** One record in the revision's format: the dictConfig line (plus traceback) or StructuredLogHandler's JSON. */
function record(ctx: Ctx, level: 'INFO' | 'WARNING' | 'ERROR', module: string, src: { file: string; line: number; fn: string }, msg: string, tb?: string[]): Write {
  const body = tb ? `${msg}\n${tb.join('\n')}` : msg;
  if (ctx.rev === 0) return { stream: 'stderr', text: `[${pyAsctime(ctx.t)}] ${level} in ${module}: ${body}` };
  return {
    stream: 'stderr',
    json: {
      message: body, severity: level,
      'logging.googleapis.com/labels': { python_logger: LOGGER[module] ?? `shop.${module}` },
      'logging.googleapis.com/trace': '', 'logging.googleapis.com/spanId': '', 'logging.googleapis.com/trace_sampled': false,
      'logging.googleapis.com/sourceLocation': { line: src.line, file: src.file, function: src.fn },
    },
  };
}

const LOG_EXC = { file: `${SITE}/flask/app.py`, line: 1414, fn: 'log_exception' };
const cartHost = (ctx: Ctx): string => ctx.rng.pick(['redis-cache', '10.12.0.3']);

const fam = familyOf(S);

export const shopFlask: ServiceDef = {
  name: S, stack: 'Python 3.12, Flask 3.0, gunicorn 22, redis-py 5, APScheduler 3.10', splitRate: 0.75,
  families: [
    fam('cart-add-keyerror', 'ERROR', [8, 25], (ctx) => [record(ctx, 'ERROR', 'app', LOG_EXC, 'Exception on /cart/add [POST]', [
      'Traceback (most recent call last):', ...FLASK_FRAMES,
      '  File "/srv/shop/views/cart.py", line 41, in add_to_cart',
      '    sku = payload["sku"]',
      '          ~~~~~~~^^^^^^^',
      "KeyError: 'sku'",
    ])]),
    // The same refused connection from a request and from the scheduler's job: two call sites, two problems.
    fam('redis-refused-show-cart', 'ERROR', [10, 30], (ctx) => [record(ctx, 'ERROR', 'app', LOG_EXC, 'Exception on /cart [GET]', redisRefused([
      ...FLASK_FRAMES,
      '  File "/srv/shop/views/cart.py", line 22, in show_cart',
      '    items = cache.hgetall(f"cart:{session_id}")',
      '            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
      `  File "${SITE}/redis/commands/core.py", line 4956, in hgetall`,
      '    return self.execute_command("HGETALL", name, keys=[name])',
      '           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
    ], cartHost(ctx)))], 0.3),
    fam('redis-refused-warm-prices', 'ERROR', [6, 18], (ctx) => {
      const next = new Date(Math.floor(ctx.t / 1000) + 300_000).toISOString().slice(0, 19).replace('T', ' ');
      return [record(ctx, 'ERROR', 'base', { file: `${SITE}/apscheduler/executors/base.py`, line: 131, fn: 'run_job' },
        `Job "warm_price_cache (trigger: interval[0:05:00], next run at: ${next} UTC)" raised an exception`, redisRefused([
          `  File "${SITE}/apscheduler/executors/base.py", line 125, in run_job`,
          '    retval = job.func(*job.args, **job.kwargs)',
          '             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
          '  File "/srv/shop/jobs/prices.py", line 57, in warm_price_cache',
          '    pipe.execute()',
        ], cartHost(ctx), [
          `  File "${SITE}/redis/client.py", line 1527, in execute`,
          '    conn = self.connection_pool.get_connection("MULTI", self.shard_hint)',
          '           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
        ]))];
    }),
    // A warning that is a real problem, frequent, with a varying list in the message.
    fam('stock-sync-failed', 'WARNING', [120, 320], (ctx) => {
      const skus = Array.from({ length: ctx.rng.int(1, 4) }, () => `'${ctx.rng.pick(['TT', 'BX', 'SL', 'HK', 'CP'])}-${ctx.rng.int(1, 40)}${ctx.rng.pick(['', 'P', 'XL'])}'`);
      return [record(ctx, 'WARNING', 'stock', { file: '/srv/shop/stock.py', line: 88, fn: 'sync_stock' },
        `stock sync failed for SKUs [${skus.join(', ')}]: upstream returned ${ctx.rng.pick([502, 503, 504])}`)];
    }),
    fam('orders', 'INFO', [300, 600], (ctx) => [record(ctx, 'INFO', 'orders', { file: '/srv/shop/orders.py', line: 120, fn: 'place_order' },
      `order ${ctx.rng.int(40000, 99999)} placed, ${ctx.rng.int(1, 6)} items, payment_errors=0`)]),
  ],
};
