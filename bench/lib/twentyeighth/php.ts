// The day's PHP service: Hyperf 3.1 on Swoole, the skeleton's exception handler writing through
// Hyperf's StdoutLogger, then through Monolog's JsonFormatter.

import type { ServiceDef, Write } from '../stranger/model.js';
import { monologTime } from './clock.js';
import { digits, fam } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// api-hyperf: PHP 8.3, Hyperf 3.1 on Swoole 5.1 (`php bin/hyperf.php start`, coroutine HTTP server on
// :9501 behind Cloud Run's port mapping), hyperf/database on MySQL 8 (Cloud SQL), hyperf/redis, Guzzle 7
// to a partner. Morning revision: the skeleton's `AppExceptionHandler` writes two records through
// `StdoutLoggerInterface` (`[ERROR] message[line] in file`, then `[ERROR] #0 …` the trace as a string),
// plain text on stdout (no TTY, so no colour tags). From the rollout the handler logs
// `$logger->error($e->getMessage(), ['exception' => $e])` on the `http` channel with a StreamHandler on
// php://stdout and Monolog 3's JsonFormatter (`message`, `context.exception{class, message, code,
// file}`, `level`, `level_name`, `channel`, `datetime`, `extra`; no severity). No access log.
const HY = 'api-hyperf';

interface Ex { cls: string; msg: string; code: number; file: string; line: number; trace: string[] }

function handled(t: number, rev: 0 | 1, ex: Ex): Write[] {
  if (rev === 0) {
    return [
      { stream: 'stdout', text: `[ERROR] ${ex.msg}[${ex.line}] in ${ex.file}` },
      { stream: 'stdout', text: `[ERROR] ${ex.trace.map((f, i) => `#${i} ${f}`).join('\n')}\n#${ex.trace.length} {main}` },
    ];
  }
  return [{ stream: 'stdout', json: { message: ex.msg, context: { exception: { class: ex.cls, message: ex.msg, code: ex.code, file: `${ex.file}:${ex.line}` } }, level: 400, level_name: 'ERROR', channel: 'http', datetime: monologTime(t), extra: {} } }];
}

function stdout(t: number, rev: 0 | 1, level: 'WARNING' | 'INFO', channel: string, msg: string, context: Record<string, unknown> = {}): Write {
  if (rev === 0) return { stream: 'stdout', text: `[${level}] ${msg}` };
  return { stream: 'stdout', json: { message: msg, context, level: level === 'WARNING' ? 300 : 200, level_name: level, channel, datetime: monologTime(t), extra: {} } };
}

const V = '/opt/www/vendor';
const DISPATCH = [
  `${V}/hyperf/http-server/src/CoreMiddleware.php(156): App\\Controller\\OrderController->show(%ID%)`,
  `${V}/hyperf/http-server/src/CoreMiddleware.php(116): Hyperf\\HttpServer\\CoreMiddleware->handleFound(Object(Hyperf\\HttpServer\\Router\\Dispatched), Object(Hyperf\\HttpMessage\\Server\\Request))`,
  `${V}/hyperf/dispatcher/src/AbstractRequestHandler.php(65): Hyperf\\HttpServer\\CoreMiddleware->process(Object(Hyperf\\HttpMessage\\Server\\Request), Object(Hyperf\\Dispatcher\\HttpRequestHandler))`,
  `${V}/hyperf/dispatcher/src/HttpRequestHandler.php(26): Hyperf\\Dispatcher\\AbstractRequestHandler->handleRequest(Object(Hyperf\\HttpMessage\\Server\\Request))`,
  `${V}/hyperf/http-server/src/Server.php(116): Hyperf\\Dispatcher\\HttpDispatcher->dispatch(Object(Hyperf\\HttpMessage\\Server\\Request), Array, Object(Hyperf\\HttpServer\\CoreMiddleware))`,
  '[internal function]: Hyperf\\HttpServer\\Server->onRequest(Object(Swoole\\Http\\Request), Object(Swoole\\Http\\Response))',
];

// MySQL closes connections idle past wait_timeout; the pool hands one out: 2006 on the order page.
const hyGoneAway = fam(`${HY}:order-show-mysql-gone-away`, 'ERROR', [40, 90], ({ rng, t, rev }) => {
  const id = digits(rng, 6);
  return handled(t, rev, {
    cls: 'Hyperf\\Database\\Exception\\QueryException', code: 2006, line: 1095, file: `${V}/hyperf/database/src/Connection.php`,
    msg: `SQLSTATE[HY000]: General error: 2006 MySQL server has gone away (SQL: select * from \`orders\` where \`id\` = ${id} and \`orders\`.\`deleted_at\` is null limit 1)`,
    trace: [
      `${V}/hyperf/database/src/Connection.php(1060): Hyperf\\Database\\Connection->runQueryCallback('select * from \`...', Array, Object(Closure))`,
      `${V}/hyperf/database/src/Connection.php(368): Hyperf\\Database\\Connection->run('select * from \`...', Array, Object(Closure))`,
      `${V}/hyperf/database/src/Query/Builder.php(2948): Hyperf\\Database\\Connection->select('select * from \`...', Array, true)`,
      `${V}/hyperf/database/src/Model/Builder.php(1384): Hyperf\\Database\\Query\\Builder->get(Array)`,
      `/opt/www/app/Controller/OrderController.php(31): Hyperf\\Database\\Model\\Builder->first()`,
      ...DISPATCH.map((f) => f.replace('%ID%', `'${id}'`)),
    ],
  });
}, 0.3);

// A Redis client kept in a singleton is read by two request coroutines at once: Swoole refuses.
const hySocketBound = fam(`${HY}:cart-redis-socket-bound`, 'ERROR', [25, 60], ({ rng, t, rev }) => {
  const c1 = rng.int(1000, 90000);
  return handled(t, rev, {
    cls: 'Swoole\\Error', code: 0, line: 148, file: `/opt/www/app/Service/CartCache.php`,
    msg: `Socket#${rng.int(12, 60)} has already been bound to another coroutine#${c1}, reading of the same socket in coroutine#${c1 + rng.int(1, 40)} at the same time is not allowed`,
    trace: [
      `/opt/www/app/Service/CartCache.php(148): Redis->get('cart:${digits(rng, 7)}')`,
      `/opt/www/app/Controller/CartController.php(42): App\\Service\\CartCache->get(${digits(rng, 7)})`,
      ...DISPATCH.slice(1),
    ],
  });
});

// The tax partner does not answer within Guzzle's 5s timeout on checkout.
const hyTaxTimeout = fam(`${HY}:checkout-tax-partner-timeout`, 'ERROR', [25, 60], ({ rng, t, rev }) => {
  const ms = 5000 + rng.int(0, 9);
  const url = `https://api.taxpartner.example/v2/quote?country=${rng.pick(['DE', 'FR', 'NL', 'IT'])}&amount=${rng.int(100, 90000)}`;
  return handled(t, rev, {
    cls: 'GuzzleHttp\\Exception\\ConnectException', code: 0, line: 210, file: `${V}/guzzlehttp/guzzle/src/Handler/CurlFactory.php`,
    msg: `cURL error 28: Operation timed out after ${ms} milliseconds with 0 bytes received (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for ${url}`,
    trace: [
      `${V}/guzzlehttp/guzzle/src/Handler/CurlFactory.php(158): GuzzleHttp\\Handler\\CurlFactory::createRejection(Object(GuzzleHttp\\Handler\\EasyHandle), Array)`,
      `${V}/guzzlehttp/guzzle/src/Handler/CurlFactory.php(110): GuzzleHttp\\Handler\\CurlFactory::finishError(Object(GuzzleHttp\\Handler\\CurlHandler), Object(GuzzleHttp\\Handler\\EasyHandle), Object(GuzzleHttp\\Handler\\CurlFactory))`,
      `${V}/guzzlehttp/guzzle/src/Handler/CurlHandler.php(47): GuzzleHttp\\Handler\\CurlFactory::finish(Object(GuzzleHttp\\Handler\\CurlHandler), Object(GuzzleHttp\\Handler\\EasyHandle), Object(GuzzleHttp\\Handler\\CurlFactory))`,
      `${V}/guzzlehttp/guzzle/src/Client.php(189): GuzzleHttp\\Promise\\Promise->wait()`,
      `/opt/www/app/Service/TaxClient.php(37): GuzzleHttp\\Client->request('GET', '${url.slice(0, 15)}...', Array)`,
      `/opt/www/app/Controller/CheckoutController.php(55): App\\Service\\TaxClient->quote(Object(App\\Model\\Cart))`,
      ...DISPATCH.slice(1),
    ],
  });
}, 0.4);

// Stock below the reorder point when a cart is saved (frequent).
const hyLowStock = fam(`${HY}:low-stock-warning`, 'WARNING', [120, 240], ({ rng, t, rev }) => {
  const sku = `SKU-${rng.upperAlnum(6)}`;
  const left = rng.int(0, 4);
  return [stdout(t, rev, 'WARNING', 'stock', `stock low for ${sku}: ${left} left (reorder point ${rng.pick([5, 10, 20])})`, { sku, left })];
});

const hyChatter = fam(`noise:${HY}:chatter`, 'INFO', [220, 320], ({ rng, t, rev }) => {
  if (rng.chance(0.1)) return [{ stream: 'stdout', text: `[INFO] ${rng.pick(['HTTP Server listening at 0.0.0.0:9501', `Worker#${rng.int(0, 3)} started.`, 'Process[crontab-dispatcher.0] start.', 'Crontab dispatcher process started.'])}` }];
  return [stdout(t, rev, 'INFO', 'order', rng.pick([`order ${digits(rng, 6)} paid (${rng.int(1, 9)} items, 0 errors)`, `cart ${digits(rng, 7)} saved with ${rng.int(1, 12)} lines`, `price list refreshed: ${rng.int(100, 4000)} rows, failed=0`]))];
});

export const apiHyperf: ServiceDef = {
  name: HY, stack: 'PHP 8.3, Hyperf 3.1 on Swoole 5.1, hyperf/database (MySQL 8), hyperf/redis, Guzzle 7, Monolog 3 from the rollout', splitRate: 0.8,
  families: [hyGoneAway, hySocketBound, hyTaxTimeout, hyLowStock, hyChatter],
};

