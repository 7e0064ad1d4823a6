// storefront: a Node 20 / Express shop front logging with pino (numeric levels, `msg`, `err` with
// type/message/stack), behind Cloud Run's request log.
import type { Family, Payload, Tools } from './spec.js';
import { request } from './spec.js';

const SERVICE = 'storefront';
const USERS = ['marta', 'kofi', 'lena', 'yusuf', 'ingrid', 'dmitri', 'ana', 'tobias', 'wei', 'noor', 'pablo', 'sade'];
const SLUGS = ['blue-denim-jacket', 'linen-shirt-white', 'trail-runner-gtx', 'wool-beanie', 'canvas-tote',
  'leather-belt-brown', 'rain-shell', 'merino-socks', 'chino-shorts', 'down-vest'];

function pino(t: Tools, level: number, msg: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { level, time: t.time, pid: 1, hostname: 'localhost', reqId: `req-${t.rng.alnum(10)}`, msg, ...extra };
}

function json(severity: string, body: Record<string, unknown>, stream: Payload['stream'] = 'stdout'): Payload {
  return { stream, severity, jsonPayload: body };
}

function asyncStack(t: Tools, head: string, own: string[]): string {
  const { rng } = t;
  const frames = own.map((f) => `    at ${f}`);
  frames.push(`    at process.processTicksAndRejections (node:internal/process/task_queues:${rng.pick([95, 105])}:5)`);
  frames.push(`    at async Promise.all (index ${rng.int(0, 3)})`);
  return [head, ...frames].join('\n');
}

export const storefront: Family[] = [
  {
    // One call site; the decline code comes from the payment provider.
    name: 'sf-card-declined', service: SERVICE, count: 140,
    emit: (t) => json('WARNING', pino(t, 40, `Failed to charge card: ${t.rng.pick(['insufficient_funds', 'card_declined', 'expired_card', 'incorrect_cvc', 'do_not_honor'])}`, {
      orderId: `ord_${t.rng.alnum(14)}`, amountCents: t.rng.int(500, 90000),
    })),
  },
  {
    name: 'sf-cart-missing', service: SERVICE, count: 60,
    emit: (t) => json('NOTICE', pino(t, 30, `cart ${t.rng.uuid()} not found for user ${t.rng.pick(USERS)}`)),
  },
  {
    name: 'sf-inventory-timeout', service: SERVICE, count: 90,
    emit: (t) => {
      const url = `http://inventory.internal:8080/v1/sku/${t.rng.upperAlnum(3)}-${t.rng.int(100, 999)}?warehouse=${t.rng.pick(['ams', 'fra', 'iad', 'sjc'])}&api_key=${t.plant.secret(`ik_${t.rng.alnum(24)}`)}`;
      const message = `request to ${url} timed out after ${t.rng.pick([3000, 5000, 10000])}ms`;
      return json('ERROR', pino(t, 50, 'inventory reservation failed', {
        err: { type: 'TimeoutError', message, stack: asyncStack(t, `TimeoutError: ${message}`, [
          'InventoryClient.reserve (/app/dist/clients/inventory.js:88:15)',
          'async CheckoutService.placeOrder (/app/dist/checkout/service.js:141:7)',
          'async /app/dist/routes/checkout.js:33:20',
        ]) },
      }));
    },
  },
  {
    // Same location, the missing property differs: one problem.
    name: 'sf-typeerror-totals', service: SERVICE, count: 55,
    emit: (t) => {
      const message = `Cannot read properties of undefined (reading '${t.rng.pick(['price', 'currency', 'quantity'])}')`;
      return json('ERROR', pino(t, 50, 'unhandled route error', {
        err: { type: 'TypeError', message, stack: asyncStack(t, `TypeError: ${message}`, [
          `computeTotals (/app/dist/cart/totals.js:${t.revision.endsWith('7') ? 52 : 57}:31)`,
          'Array.reduce (<anonymous>)',
          'CartController.summary (/app/dist/cart/controller.js:64:22)',
        ]) },
      }));
    },
  },
  {
    // Same exception type and message shape, another place in the code: another problem.
    name: 'sf-typeerror-session', service: SERVICE, count: 35,
    emit: (t) => {
      const message = "Cannot read properties of undefined (reading 'id')";
      return json('ERROR', pino(t, 50, 'unhandled route error', {
        err: { type: 'TypeError', message, stack: asyncStack(t, `TypeError: ${message}`, [
          'loadSession (/app/dist/auth/session.js:27:40)',
          'async authenticate (/app/dist/auth/middleware.js:18:5)',
        ]) },
      }));
    },
  },
  {
    // Only library frames; what tells it apart from the database one is what the log line says.
    name: 'sf-redis-refused', service: SERVICE, count: 70,
    emit: (t) => {
      const addr = `10.12.0.${t.rng.pick([5, 6])}:6379`;
      return json('ERROR', pino(t, 50, '[ioredis] Unhandled error event', {
        err: { type: 'Error', message: `connect ECONNREFUSED ${addr}`, stack: `Error: connect ECONNREFUSED ${addr}\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)` },
      }));
    },
  },
  {
    name: 'sf-postgres-refused', service: SERVICE, count: 45,
    emit: (t) => {
      const addr = `10.12.0.${t.rng.pick([9, 10])}:5432`;
      return json('ERROR', pino(t, 50, 'Unexpected error on idle client', {
        err: { type: 'Error', message: `connect ECONNREFUSED ${addr}`, stack: `Error: connect ECONNREFUSED ${addr}\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)` },
      }));
    },
  },
  // The reason is the JWT library's own error message: each one is a different failure
  // (a clock skew or an old client, a rotated key, a broken client), so a different problem.
  ...(['invalid signature', 'jwt expired', 'jwt malformed', 'invalid audience'] as const).map((reason): Family => ({
    name: `sf-token-${reason.replace(' ', '-')}`, service: SERVICE, count: 20,
    emit: (t) => {
      const jwt = t.plant.secret(`eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJ${t.rng.base64url(60)}.${t.rng.base64url(43)}`);
      return json('WARNING', pino(t, 40, `auth: rejected bearer token ${jwt} reason="${reason}" route=/api/v1/me`));
    },
  })),
  {
    name: 'sf-unhandled-rejection', service: SERVICE, count: 12,
    emit: (t) => ({
      stream: 'stderr', severity: 'ERROR',
      textPayload: 'node:internal/process/promises:391\n    triggerUncaughtException(err, true /* fromPromise */);\n    ^\n\n'
        + '[UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a catch block, '
        + `or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "Order ${t.rng.int(1000, 99999)} has no line items".] {\n  code: 'ERR_UNHANDLED_REJECTION'\n}\n\nNode.js v20.17.0`,
    }),
  },
  {
    name: 'sf-email-bounce', service: SERVICE, count: 25,
    emit: (t) => {
      const to = t.plant.email(t.rng.pick(['jane.doe', 'r.okonkwo', 'sales-team+eu', 'h.muller']), t.rng.pick(['example.com', 'mail.example.org']));
      return json('WARNING', pino(t, 40, `order confirmation to ${to} bounced: 550 5.1.1 mailbox unavailable`));
    },
  },
  // Request logs: one problem per method, route and status.
  ...requestFamily('sf-req-checkout-502', 'POST', (t) => `/api/v1/orders/${t.rng.int(100000, 999999)}/checkout`, 502, 75),
  ...requestFamily('sf-req-cart-get-500', 'GET', (t) => `/api/v1/carts/${t.rng.uuid()}`, 500, 40),
  ...requestFamily('sf-req-cart-delete-500', 'DELETE', (t) => `/api/v1/carts/${t.rng.uuid()}`, 500, 18),
  ...requestFamily('sf-req-product-404', 'GET', (t) => `/api/v1/products/${t.rng.pick(SLUGS)}?ref=${t.rng.pick(['home', 'search', 'email'])}`, 404, 65),
  ...requestFamily('sf-req-search-400', 'GET', (t) => `/api/v1/search?q=${t.rng.pick(['shoes', 'red%20dress', 'gift'])}&page=${t.rng.int(1, 40)}`, 400, 30),
  // Noise.
  ...requestFamily('sf-noise-req-200', 'GET', (t) => `/api/v1/products/${t.rng.pick(SLUGS)}`, 200, 900, true),
  {
    name: 'sf-noise-request-done', service: SERVICE, count: 500, noise: true,
    emit: (t) => json('INFO', pino(t, 30, 'request completed', { res: { statusCode: 200 }, responseTime: t.rng.int(3, 400) })),
  },
];

function requestFamily(
  name: string, method: string, path: (t: Tools) => string, status: number, count: number, noise = false,
): Family[] {
  return [{
    name, service: SERVICE, count, noise,
    emit: (t) => ({
      stream: 'requests',
      severity: status >= 500 ? 'ERROR' : status >= 400 ? 'WARNING' : 'INFO',
      httpRequest: request(t, method, `https://storefront-5x2kqv3p4a-uc.a.run.app${path(t)}`, status, [0.004, 2.5]),
    }),
  }];
}
