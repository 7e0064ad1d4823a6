// The day's PHP service: Symfony 7.2 in FrankenPHP's worker mode, Monolog as Symfony's production recipe
// sets it: a fingers_crossed handler that writes nothing until a record at ERROR or above, then the
// request's buffered records and that one, each as a JsonFormatter line on stderr.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { monologIso } from './clock.js';
import { as, digits, fam, req, requestLog, type Req } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// shop-symfony: PHP 8.3, Symfony 7.2 on FrankenPHP 1.4 in worker mode (runtime/frankenphp-symfony),
// Doctrine DBAL 4 / ORM 3 on pdo_mysql to Cloud SQL for MySQL 8, Symfony HttpClient to the payment
// provider, Twig 3. monolog-bundle's prod recipe: `main: fingers_crossed` (action_level error,
// excluded_http_codes [404, 405], buffer_size 50) over `nested: stream php://stderr, level debug,
// formatter monolog.formatter.json`. A JSON line per record (`message`, `context`, `level`,
// `level_name`, `channel`, `datetime`, `extra`), no severity; an exception in `context.exception`
// as JsonFormatter normalises it (`class`, `message`, `code`, `file` with its line, `previous`), no
// trace; the bundle's PsrLogMessageProcessor fills `{placeholders}` from the context. HttpKernel's ErrorListener logs `Uncaught PHP Exception Class: "message" at File.php line N`
// at CRITICAL for a 5xx; the buffer flushed with it holds the request's `Matched route` (INFO) and,
// for the product page, a PHP warning its template raised first.
const SS = 'shop-symfony';

interface Ex { class: string; message: string; code: number; file: string; previous?: Ex }

function mono(t: number, channel: string, level: 'INFO' | 'WARNING' | 'ERROR' | 'CRITICAL', message: string, context: Record<string, unknown>, delayUs?: number): Write {
  const num = { INFO: 200, WARNING: 300, ERROR: 400, CRITICAL: 500 }[level];
  return { stream: 'stderr', json: { message, context, level: num, level_name: level, channel, datetime: monologIso(t), extra: {} }, ...(delayUs === undefined ? {} : { delayUs }) };
}

const base = (file: string): string => (file.split('/').pop() ?? file).replace(/:\d+$/, '');
const lineOf = (file: string): string => file.slice(file.lastIndexOf(':') + 1);

function matched(t: number, route: string, r: Req, params: Record<string, string>): Write {
  return as(mono(t, 'request', 'INFO', `Matched route "${route}".`, { route, route_parameters: { _route: route, _controller: `App\\Controller\\${route.split('_')[1] === 'product' ? 'ProductController::show' : route === 'app_checkout' ? 'CheckoutController::pay' : 'WebhookController::orderStatus'}`, ...params }, request_uri: `https://shop.kestrelmoor.example${r.path}`, method: r.method }), `noise:${SS}:matched-route`, 'INFO');
}

/** The flush on a 5xx: the buffered records, ErrorListener's CRITICAL, then Cloud Run's request log. */
function uncaught(rng: Prng, t: number, host: string, r: Req, route: string, params: Record<string, string>, e: Ex, before: Write[] = []): Write[] {
  const end = t + r.latencyUs;
  const first = matched(t, route, r, params);
  return [
    { ...first, delayUs: r.latencyUs },
    ...before,
    mono(end, 'request', 'CRITICAL', `Uncaught PHP Exception ${e.class}: "${e.message}" at ${base(e.file)} line ${lineOf(e.file)}`, { exception: e }),
    requestLog(rng, host, SS, r, rng.int(500, 4000)),
  ];
}

const DB_TIMEOUT: Ex = {
  class: 'Doctrine\\DBAL\\Exception\\ConnectionException', message: 'An exception occurred in the driver: SQLSTATE[HY000] [2002] Connection timed out', code: 2002, file: '/app/vendor/doctrine/dbal/src/Driver/API/MySQL/ExceptionConverter.php:101',
  previous: { class: 'Doctrine\\DBAL\\Driver\\PDO\\Exception', message: 'SQLSTATE[HY000] [2002] Connection timed out', code: 2002, file: '/app/vendor/doctrine/dbal/src/Driver/PDO/Exception.php:24', previous: { class: 'PDOException', message: 'SQLSTATE[HY000] [2002] Connection timed out', code: 2002, file: '/app/vendor/doctrine/dbal/src/Driver/PDO/MySQL/Driver.php:49' } },
};
const IDLE = (url: string): Ex => ({ class: 'Symfony\\Component\\HttpClient\\Exception\\TransportException', message: `Idle timeout reached for "${url}".`, code: 0, file: '/app/vendor/symfony/http-client/Chunk/ErrorChunk.php:62' });
const TWIG: Ex = {
  class: 'Twig\\Error\\RuntimeError', message: 'An exception has been thrown during the rendering of a template ("Unable to generate a URL for the named route "app_category_legacy" as such route does not exist.") in "product/show.html.twig" at line 42.', code: 0, file: '/app/vendor/twig/twig/src/Template.php:427',
  previous: { class: 'Symfony\\Component\\Routing\\Exception\\RouteNotFoundException', message: 'Unable to generate a URL for the named route "app_category_legacy" as such route does not exist.', code: 0, file: '/app/var/cache/prod/Symfony/Component/Routing/Generator/CompiledUrlGenerator.php:52' },
};
const slug = (rng: Prng): string => `${rng.pick(['trail', 'bothy', 'fell', 'tarn'])}-${rng.pick(['jacket', 'tent', 'boots', 'stove'])}-${rng.int(2, 99)}`;

export const shopSymfony: ServiceDef = {
  name: SS, stack: 'PHP 8.3, Symfony 7.2 on FrankenPHP 1.4 worker mode, Monolog fingers_crossed + JsonFormatter, Doctrine DBAL 4, HttpClient, Twig 3', splitRate: 0.6,
  families: [
    fam(`${SS}:product-db-connect-timeout`, 'CRITICAL', [40, 90], ({ rng, t, host }) => {
      const s = slug(rng);
      return uncaught(rng, t, host, req(rng, 'GET', `/products/${s}`, 500, rng.int(10_000_000, 10_200_000)), 'app_product_show', { slug: s }, DB_TIMEOUT);
    }, 0.3),
    // The template's legacy route: Twig's RuntimeError over the RouteNotFoundException (one problem); a
    // PHP warning of the same template went into the buffer first (its own problem, at WARNING).
    fam(`${SS}:product-template-route-missing`, 'CRITICAL', [30, 70], ({ rng, t, host }) => {
      const s = slug(rng);
      const r = req(rng, 'GET', `/products/${s}`, 500, rng.int(40_000, 300_000));
      const warn = rng.chance(0.6) ? [as(mono(t + r.latencyUs - 5000, 'php', 'WARNING', 'Warning: Undefined array key "variant"', { exception: { class: 'ErrorException', message: 'Warning: Undefined array key "variant"', code: 0, file: '/app/var/cache/prod/twig/4f/4f1b2a7c9d.php:118' } }), `${SS}:template-undefined-variant`, 'WARNING')] : [];
      return uncaught(rng, t, host, r, 'app_product_show', { slug: s }, TWIG, warn);
    }),
    // The payment provider idling out at checkout: uncaught, a 500 after HttpClient's idle timeout.
    fam(`${SS}:checkout-payment-idle-timeout`, 'CRITICAL', [30, 70], ({ rng, t, host }) =>
      uncaught(rng, t, host, req(rng, 'POST', '/checkout/pay', 500, rng.int(60_000_000, 60_300_000)), 'app_checkout', {}, IDLE('https://api.payments.kestrelmoor.example/v1/payment_intents')), 0.2),
    // The same idle timeout when the order-status webhook asks the provider back: caught, logged at ERROR, answered 202.
    fam(`${SS}:webhook-payment-idle-timeout`, 'ERROR', [20, 50], ({ rng, t }) => {
      const id = `pi_${rng.alnum(24)}`;
      const r: Req = { trace: '', latencyUs: rng.int(60_000_000, 60_200_000), method: 'POST', path: '/webhooks/order-status', status: 202 };
      return [{ ...matched(t, 'app_webhook_order_status', r, {}), delayUs: r.latencyUs }, mono(t + r.latencyUs, 'app', 'ERROR', `Could not confirm payment ${id} with the provider, will retry`, { intent: id, order: `SO-${digits(rng, 7)}`, exception: IDLE(`https://api.payments.kestrelmoor.example/v1/payment_intents/${id}`) })];
    }),
  ],
};
