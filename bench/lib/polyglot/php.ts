// `checkout-symfony`: PHP 8.3, Symfony 7 on php-fpm. The application logs through Monolog's JsonFormatter
// to php://stderr (`message`, `context`, `level`, `level_name`, `channel`, `datetime`, `extra`; no
// `severity`, so Cloud Run leaves the entry at DEFAULT). On the morning revision php-fpm still decorates
// its workers' output, so every record arrives as text inside `[time] WARNING: [pool www] child N said
// into stderr: "..."`; the revision rolled out later sets `decorate_workers_output = no` and the same
// records arrive as bare JSON. PHP's own fatal errors go through the same wrapper, one line at a time.
//
// Sources: the wrapped Monolog JSON of a Symfony app, with `context.exception` as
// `{class, message, code, file}`, pasted in ddev/ddev#6964; the wrapper breaking JSON on Cloud Run and
// `decorate_workers_output = no`, GoogleCloudPlatform/buildpacks#221 and docker-library/php#207;
// Monolog's record keys, Seldaek/monolog doc/message-structure.md (#895); Messenger's retry and removal
// records, symfony/symfony#34440 and MbinOrg/mbin#1841; fpm's `seems busy` warning, ellite/Wallos#63.
import type { Prng } from '../prng.js';
import type { Ctx, Family, ServiceDef, Write } from '../stranger/model.js';
import { fpmTime, monologTime } from './text.js';

const APP = '/var/www/html';
const LEVELS = { INFO: 200, NOTICE: 250, WARNING: 300, ERROR: 400, CRITICAL: 500 } as const;
type MonologLevel = keyof typeof LEVELS;

/** The same Monolog record, wrapped by php-fpm on the morning revision and bare after the rollout. */
function monolog(ctx: Ctx, channel: string, level: MonologLevel, message: string, context: Record<string, unknown>): Write {
  const record = { message, context, level: LEVELS[level], level_name: level, channel, datetime: monologTime(ctx.t), extra: {} };
  const line = JSON.stringify(record);
  if (ctx.rev === 1) return { stream: 'stderr', json: record };
  // fpm copies the worker's line verbatim between double quotes, inner quotes unescaped (ddev/ddev#6964).
  return { stream: 'stderr', text: `[${fpmTime(ctx.t)}] WARNING: [pool www] child ${ctx.rng.int(7, 180)} said into stderr: "${line}"` };
}

/** Every line of a PHP error, each wrapped by fpm the way it forwards a worker's stderr (bare once
 * `decorate_workers_output = no`). */
function fpmWrapped(ctx: Ctx, lines: readonly string[]): Write {
  const child = ctx.rng.int(7, 180);
  if (ctx.rev === 1) return { stream: 'stderr', text: lines.join('\n') };
  return { stream: 'stderr', text: lines.map((l) => `[${fpmTime(ctx.t)}] WARNING: [pool www] child ${child} said into stderr: "${l}"`).join('\n') };
}

const exc = (cls: string, message: string, code: number, file: string, previous?: Record<string, unknown>): Record<string, unknown> => ({
  class: cls, message, code, file, ...(previous === undefined ? {} : { previous }),
});

const dbRefused: Family = {
  name: 'checkout-symfony:db-connection-refused', level: 'CRITICAL', perDay: [20, 60], burst: 0.35,
  emit(ctx) {
    // Symfony's ErrorListener logs an exception that is not an HTTP 4xx at CRITICAL on `request`.
    const file = `${APP}/vendor/doctrine/dbal/src/Driver/API/MySQL/ExceptionConverter.php`;
    const m = 'An exception occurred in the driver: SQLSTATE[HY000] [2002] Connection refused';
    return [monolog(ctx, 'request', 'CRITICAL', `Uncaught PHP Exception Doctrine\\DBAL\\Exception\\ConnectionException: "${m}" at ExceptionConverter.php line 101`, {
      exception: exc('Doctrine\\DBAL\\Exception\\ConnectionException', m, 2002, `${file}:101`,
        exc('Doctrine\\DBAL\\Driver\\PDO\\Exception', 'SQLSTATE[HY000] [2002] Connection refused', 2002, `${APP}/vendor/doctrine/dbal/src/Driver/PDO/Exception.php:28`)),
    })];
  },
};

const routeNotFound: Family = {
  name: 'checkout-symfony:route-not-found', level: 'ERROR', perDay: [60, 160],
  emit(ctx) {
    const { rng, host } = ctx;
    const path = rng.pick(['/wp-login.php', '/.env', '/xmlrpc.php', `/checkout/${rng.alnum(8)}/old`, '/phpmyadmin/index.php', '/api/v1/cart']);
    const method = rng.pick(['GET', 'GET', 'POST']);
    const m = `No route found for "${method} https://${host}${path}"`;
    return [monolog(ctx, 'request', 'ERROR', `Uncaught PHP Exception Symfony\\Component\\HttpKernel\\Exception\\NotFoundHttpException: "${m}" at RouterListener.php line 156`, {
      exception: exc('Symfony\\Component\\HttpKernel\\Exception\\NotFoundHttpException', m, 0, `${APP}/vendor/symfony/http-kernel/EventListener/RouterListener.php:156`),
    })];
  },
};

// The same HttpClient exception class from two call sites: two problems.
function idleTimeout(rng: Prng, url: string): Record<string, unknown> {
  return exc('Symfony\\Component\\HttpClient\\Exception\\TransportException', `Idle timeout reached for "${url}".`, 0, `${APP}/vendor/symfony/http-client/Chunk/ErrorChunk.php:${rng.pick([56, 62])}`);
}

const paymentTimeout: Family = {
  name: 'checkout-symfony:payment-capture-timeout', level: 'ERROR', perDay: [15, 45],
  emit(ctx) {
    const { rng } = ctx;
    const order = `ORD-${rng.int(100000, 999999)}`;
    return [monolog(ctx, 'app', 'ERROR', `Payment capture failed for order ${order}`, {
      order, amount: rng.int(500, 90000), provider: 'psp', exception: idleTimeout(rng, `https://api.psp.example/v2/payments/pay_${rng.alnum(14)}/capture`),
    })];
  },
};

const taxTimeout: Family = {
  name: 'checkout-symfony:tax-quote-timeout', level: 'ERROR', perDay: [10, 35],
  emit(ctx) {
    const { rng } = ctx;
    return [monolog(ctx, 'app', 'ERROR', 'Tax quote failed, falling back to the cached rate', {
      country: rng.pick(['DE', 'FR', 'NL', 'IT', 'ES']), lines: rng.int(1, 14), exception: idleTimeout(rng, 'https://tax.internal/v1/quotes'),
    })];
  },
};

function smtpError(_rng: Prng): string {
  return `Handling "App\\Message\\SendOrderConfirmation" failed: Connection could not be established with host "smtp.internal:587": stream_socket_client(): Unable to connect to smtp.internal:587 (Connection refused)`
;
}

const mailRetry: Family = {
  name: 'checkout-symfony:order-mail-retry', level: 'WARNING', perDay: [30, 90],
  emit(ctx) {
    const { rng } = ctx;
    const n = rng.int(1, 3);
    const err = smtpError(rng);
    return [monolog(ctx, 'messenger', 'WARNING', `Error thrown while handling message App\\Message\\SendOrderConfirmation. Sending for retry #${n} using ${1000 * 2 ** (n - 1)} ms delay. Error: "${err}"`, {
      class: 'App\\Message\\SendOrderConfirmation', message_id: rng.int(1000, 99999), retryCount: n, delay: 1000 * 2 ** (n - 1), error: err,
      exception: exc('Symfony\\Component\\Messenger\\Exception\\HandlerFailedException', err, 0, `${APP}/vendor/symfony/messenger/Middleware/HandleMessageMiddleware.php:124`),
    })];
  },
};

const mailRemoved: Family = {
  name: 'checkout-symfony:order-mail-dropped', level: 'CRITICAL', perDay: [8, 25],
  emit(ctx) {
    const { rng } = ctx;
    const err = smtpError(rng);
    return [monolog(ctx, 'messenger', 'CRITICAL', `Error thrown while handling message App\\Message\\SendOrderConfirmation. Removing from transport after 3 retries. Error: "${err}"`, {
      class: 'App\\Message\\SendOrderConfirmation', message_id: rng.int(1000, 99999), retryCount: 3, error: err,
      exception: exc('Symfony\\Component\\Messenger\\Exception\\HandlerFailedException', err, 0, `${APP}/vendor/symfony/messenger/Middleware/HandleMessageMiddleware.php:124`),
    })];
  },
};

const reservationNotice: Family = {
  name: 'checkout-symfony:reservation-expired', level: 'NOTICE', perDay: [15, 40],
  emit(ctx) {
    const { rng } = ctx;
    return [monolog(ctx, 'app', 'NOTICE', `Stock reservation ${rng.uuid()} expired after ${rng.int(15, 30)} minutes, items returned to stock`, { items: rng.int(1, 9) })];
  },
};

// PHP's own fatal errors, written by the engine and forwarded by fpm line by line.
const pdfTimeLimit: Family = {
  name: 'checkout-symfony:invoice-pdf-time-limit', level: 'CRITICAL', perDay: [4, 14],
  emit(ctx) {
    const line = ctx.rng.pick([412, 418, 431]);
    return [fpmWrapped(ctx, [`PHP Fatal error:  Maximum execution time of 30 seconds exceeded in ${APP}/vendor/dompdf/dompdf/src/FrameReflower/Table.php on line ${line}`])];
  },
};

const cartRedis: Family = {
  name: 'checkout-symfony:cart-store-redis-uncaught', level: 'CRITICAL', perDay: [5, 18], burst: 0.3,
  emit(ctx) {
    const { rng } = ctx;
    const ip = `10.8.${rng.int(0, 15)}.${rng.int(2, 250)}`;
    return [fpmWrapped(ctx, [
      `PHP Fatal error:  Uncaught RedisException: Connection refused in ${APP}/src/Cart/RedisCartStore.php:41`,
      'Stack trace:',
      `#0 ${APP}/src/Cart/RedisCartStore.php(41): Redis->connect('${ip}', 6379, 2.5)`,
      `#1 ${APP}/src/Cart/RedisCartStore.php(27): App\\Cart\\RedisCartStore->connect()`,
      `#2 ${APP}/src/Controller/CartController.php(${rng.pick([35, 48])}): App\\Cart\\RedisCartStore->load()`,
      `#3 ${APP}/public/index.php(${rng.pick([20, 21])}): Symfony\\Component\\HttpKernel\\Kernel->handle()`,
      '#4 {main}',
      `  thrown in ${APP}/src/Cart/RedisCartStore.php on line 41`,
    ])];
  },
};

const fpmBusy: Family = {
  name: 'checkout-symfony:fpm-pool-busy', level: 'WARNING', perDay: [20, 70],
  emit(ctx) {
    const { rng } = ctx;
    const spawn = rng.pick([8, 16, 32]);
    return [{ stream: 'stderr', text: `[${fpmTime(ctx.t)}] WARNING: [pool www] seems busy (you may need to increase pm.start_servers, or pm.min/max_spare_servers), spawning ${spawn} children, there are 0 idle, and ${rng.int(5, 40)} total children` }];
  },
};

const symfonyInfo: Family = {
  name: 'noise:checkout-symfony:chatter', level: 'INFO', perDay: [300, 450],
  emit(ctx) {
    const { rng, host } = ctx;
    const r = rng.next();
    if (r < 0.5) {
      const route = rng.pick(['app_checkout', 'app_cart_show', 'app_product_show']);
      return [monolog(ctx, 'request', 'INFO', `Matched route "${route}".`, { route, route_parameters: { _route: route, _controller: `App\\Controller\\${route.slice(4)}::index` }, request_uri: `https://${host}/${route.slice(4).replace('_', '/')}`, method: 'GET' })];
    }
    if (r < 0.8) return [monolog(ctx, 'app', 'INFO', `Order ORD-${rng.int(100000, 999999)} placed`, { lines: rng.int(1, 9), errors: [], error: null })];
    if (r < 0.9) return [{ stream: 'stderr', text: `[${fpmTime(ctx.t)}] NOTICE: fpm is running, pid 1` }];
    return [monolog(ctx, 'messenger', 'INFO', 'App\\Message\\SendOrderConfirmation was handled successfully (acknowledging to transport).', { class: 'App\\Message\\SendOrderConfirmation', message_id: rng.int(1000, 99999) })];
  },
};

export const checkoutSymfony: ServiceDef = {
  name: 'checkout-symfony', stack: 'PHP 8.3, Symfony 7, Monolog JsonFormatter, php-fpm', splitRate: 0.8,
  families: [dbRefused, routeNotFound, paymentTimeout, taxTimeout, mailRetry, mailRemoved, reservationNotice, pdfTimeLimit, cartRedis, fpmBusy, symfonyInfo],
};
