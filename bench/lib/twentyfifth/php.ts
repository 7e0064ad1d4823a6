// The day's PHP service: a Laravel 11 shop on the official php:8.3-apache image, logging to stderr with
// Monolog's JsonFormatter.
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { clfTime, monologTime } from './clock.js';
import { digits } from './shared.js';

// store-laravel: PHP 8.3 (mod_php, Apache 2.4 prefork), Laravel 11, Cloud SQL for MySQL 8 over the
// /cloudsql socket, Laravel's HTTP client (Guzzle 7). `LOG_CHANNEL=stderr`,
// `LOG_STDERR_FORMATTER=Monolog\Formatter\JsonFormatter`: one JSON object a line (`message`, `context`
// with the exception normalised, `level`, `level_name`, `channel`, `datetime`, `extra`), no severity.
// From the rollout the channel's `formatter_with` sets `includeStacktraces`, and each exception carries
// its `trace` (file:line strings). Apache's combined access log on stdout.
const SL = 'store-laravel';
const V = '/var/www/html';

interface PhpEx { class: string; message: string; code: number; file: string; trace: string[]; previous?: PhpEx }

function normalise(e: PhpEx, rev: 0 | 1): Record<string, unknown> {
  const out: Record<string, unknown> = { class: e.class, message: e.message, code: e.code, file: e.file };
  if (rev === 1) out.trace = e.trace;
  if (e.previous) out.previous = normalise(e.previous, rev);
  return out;
}

function monolog(t: number, level: number, levelName: string, message: string, context: Record<string, unknown>): Write {
  return { stream: 'stderr', json: { message, context, level, level_name: levelName, channel: 'production', datetime: monologTime(t), extra: {} } };
}

const access = (rng: Prng, t: number, method: string, path: string, status: number): Write => ({
  stream: 'stdout',
  text: `169.254.${rng.int(1, 8)}.${rng.int(1, 254)} - - ${clfTime(t)} "${method} ${path} HTTP/1.1" ${status} ${status >= 500 ? rng.int(6000, 7000) : rng.int(2000, 40000)} "https://store.harbor.example/" "${rng.pick(['Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X)', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)', 'Mozilla/5.0 (X11; Linux x86_64)'])}"`,
});

const reported = (rng: Prng, t: number, rev: 0 | 1, e: PhpEx): Write => {
  const context: Record<string, unknown> = {};
  if (rng.chance(0.6)) context.userId = rng.int(1, 90000);
  context.exception = normalise(e, rev);
  return monolog(t, 400, 'ERROR', e.message, context);
};

const FW = `${V}/vendor/laravel/framework/src/Illuminate`;

const slSocket: Family = {
  name: `${SL}:mysql-socket-missing`, level: 'ERROR', perDay: [30, 70], burst: 0.3,
  emit: ({ rng, t, rev }) => {
    const session = rng.alnum(40);
    const message = `SQLSTATE[HY000] [2002] No such file or directory (Connection: mysql, SQL: select * from \`carts\` where \`session_id\` = ${session} limit 1)`;
    const e: PhpEx = {
      class: 'Illuminate\\Database\\QueryException', message, code: 2002, file: `${FW}/Database/Connection.php:825`,
      trace: [`${FW}/Database/Connection.php:779`, `${FW}/Database/Connection.php:398`, `${FW}/Database/Query/Builder.php:3133`, `${V}/app/Http/Controllers/CartController.php:31`, `${FW}/Routing/ControllerDispatcher.php:46`],
      previous: { class: 'PDOException', message: 'SQLSTATE[HY000] [2002] No such file or directory', code: 2002, file: `${FW}/Database/Connectors/Connector.php:65`, trace: [`${FW}/Database/Connectors/Connector.php:65`, `${FW}/Database/Connectors/Connector.php:44`, `${FW}/Database/Connectors/MySqlConnector.php:24`] },
    };
    return [reported(rng, t, rev, e), access(rng, t, 'GET', '/cart', 500)];
  },
};

const slShipping: Family = {
  name: `${SL}:shipping-rates-timeout`, level: 'ERROR', perDay: [25, 60],
  emit: ({ rng, t, rev }) => {
    const ms = rng.int(10001, 10009);
    const url = 'https://api.shipfast.example/v2/rates';
    const curl = `cURL error 28: Operation timed out after ${ms} milliseconds with 0 bytes received (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for ${url}`;
    const e: PhpEx = {
      class: 'Illuminate\\Http\\Client\\ConnectionException', message: curl, code: 0, file: `${FW}/Http/Client/PendingRequest.php:1560`,
      trace: [`${FW}/Http/Client/PendingRequest.php:1006`, `${V}/app/Services/ShippingQuotes.php:27`, `${V}/app/Http/Controllers/CheckoutController.php:58`],
      previous: { class: 'GuzzleHttp\\Exception\\ConnectException', message: curl, code: 0, file: `${V}/vendor/guzzlehttp/guzzle/src/Handler/CurlFactory.php:275`, trace: [`${V}/vendor/guzzlehttp/guzzle/src/Handler/CurlFactory.php:205`, `${V}/vendor/guzzlehttp/guzzle/src/Handler/CurlFactory.php:157`] },
    };
    return [reported(rng, t, rev, e), access(rng, t, 'POST', '/checkout/shipping', 500)];
  },
};

const slView: Family = {
  name: `${SL}:cart-view-undefined-coupon`, level: 'ERROR', perDay: [20, 50],
  emit: ({ rng, t, rev }) => {
    const compiled = `${V}/storage/framework/views/4f9c2d81b7e0a6c3d5f1e2a9b8c7d6e5.php:42`;
    const e: PhpEx = {
      class: 'Illuminate\\View\\ViewException', message: `Undefined variable $coupon (View: ${V}/resources/views/cart/show.blade.php)`, code: 0, file: compiled,
      trace: [`${FW}/Foundation/Bootstrap/HandleExceptions.php:256`, compiled, `${FW}/Filesystem/Filesystem.php:123`, `${FW}/View/Engines/PhpEngine.php:58`],
      previous: { class: 'ErrorException', message: 'Undefined variable $coupon', code: 0, file: compiled, trace: [`${FW}/Foundation/Bootstrap/HandleExceptions.php:256`, compiled] },
    };
    return [reported(rng, t, rev, e), access(rng, t, 'GET', `/cart?step=${rng.int(1, 3)}`, 500)];
  },
};

const slCoupon: Family = {
  name: `${SL}:coupon-expired`, level: 'WARNING', perDay: [150, 300],
  emit: ({ rng, t }) => {
    const code = rng.pick(['SPRING24', 'WELCOME10', 'BLACKFRI', 'FREESHIP', 'VIP2025']);
    return [monolog(t, 300, 'WARNING', `Coupon ${code} expired`, { code, cart: `c_${digits(rng, 6)}` })];
  },
};

const slOk: Family = {
  name: `noise:${SL}:requests`, level: 'INFO', perDay: [300, 450],
  emit: ({ rng, t }) => [access(rng, t, 'GET', rng.pick(['/', `/products/${digits(rng, 4)}`, '/cart', `/category/${rng.pick(['tents', 'stoves', 'lamps'])}`]), 200)],
};

const slOrders: Family = {
  name: `noise:${SL}:order-placed`, level: 'INFO', perDay: [100, 150],
  emit: ({ rng, t }) => [monolog(t, 200, 'INFO', `Order ${digits(rng, 6)} placed`, { total: rng.int(900, 40000) / 100, items: rng.int(1, 6), failed_payments: 0 })],
};

export const storeLaravel: ServiceDef = {
  name: SL, stack: 'PHP 8.3, Laravel 11 on php:8.3-apache, Monolog JsonFormatter on stderr', splitRate: 0.6,
  families: [slSocket, slShipping, slView, slCoupon, slOk, slOrders],
};
