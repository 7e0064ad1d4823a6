// Node.js services. `shop-fastify`: Node 22, Fastify 5 with its pino logger (numeric `level`, `reqId`,
// `req`/`res` on the request records, `err` with `type`, `message`, `stack` and the error's own
// properties). Fastify logs a 5xx reply's error at 50 with the error's message as `msg`, a 4xx at 30
// (INFO); handlers that catch an error log it with their own message. `web-nextjs`: Next.js standalone
// (`node server.js`) with an envoy sidecar in the same Cloud Run service. Next prints render errors as
// ` ⨯ ` + the error (stack, then `{ digest: '...' }`), unhandled rejections as ` ⨯ unhandledRejection: `
// + util.inspect of the error; envoy writes its own log lines and an access line per request.
//
// Sources: Fastify's pino records (`reqId`, `err.type/message/stack/code/statusCode`, `msg`) as pasted
// in public code and issues, e.g. the FST_ERR_PROMISE_NOT_FULFILLED record quoted from a fastify-static
// report; Fastify's Logging reference (https://fastify.dev/docs/latest/Reference/Logging/) and its
// default error handler (5xx at error, 4xx at info); ioredis' MaxRetriesPerRequestError wording; Next's
// ` ⨯ unhandledRejection: [Error: getaddrinfo ENOTFOUND ...] { errno, code, syscall, hostname }`,
// vercel/next.js#72522; the ` ⨯ ` render error with `digest`, vercel/next.js#71151; the server-action
// mismatch after a deploy ("Failed to find Server Action ... This request might be from an older or
// newer deployment."), Next.js docs (failed-to-find-server-action); envoy's log format
// `[%Y-%m-%d %T.%e][%t][%l][%n] [%g:%#] %v`, envoyproxy/envoy#24508 and #9050; envoy's default access
// log format, https://www.envoyproxy.io/docs/envoy/latest/configuration/observability/access_log/usage.
import type { Prng } from '../prng.js';
import type { Ctx, Family, ServiceDef, Write } from '../stranger/model.js';
import { epochMillis, isoMillis, ymdHmsMillis } from './text.js';

// ---- shop-fastify -----------------------------------------------------------------------------

function pino(ctx: Ctx, level: 30 | 40 | 50, msg: string, fields: Record<string, unknown>): Write {
  return { stream: 'stdout', json: { level, time: epochMillis(ctx.t), pid: 1, hostname: 'localhost', ...fields, msg } };
}

const reqId = (rng: Prng): string => `req-${rng.int(1, 99999).toString(36)}`;

const dbRefused: Family = {
  name: 'shop-fastify:products-db-econnrefused', level: 'ERROR', perDay: [25, 80], burst: 0.35,
  emit(ctx) {
    const { rng } = ctx;
    const addr = `10.8.${rng.int(0, 15)}.${rng.int(2, 250)}`;
    const message = `connect ECONNREFUSED ${addr}:5432`;
    return [pino(ctx, 50, message, {
      reqId: reqId(rng), req: { method: 'GET', url: `/products/${rng.int(1, 99999)}`, hostname: ctx.host, remoteAddress: '169.254.1.1', remotePort: rng.int(30000, 60999) },
      res: { statusCode: 500 },
      err: { type: 'Error', message, stack: `Error: ${message}\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1615:16)`, errno: -111, code: 'ECONNREFUSED', syscall: 'connect', address: addr, port: 5432 },
    })];
  },
};

const promiseUndefined: Family = {
  name: 'shop-fastify:reply-promise-undefined', level: 'ERROR', perDay: [10, 35],
  emit(ctx) {
    const { rng } = ctx;
    const message = "Promise may not be fulfilled with 'undefined' when statusCode is not 204";
    return [pino(ctx, 50, message, {
      reqId: reqId(rng), req: { method: 'POST', url: `/wishlist/${rng.alnum(10)}`, hostname: ctx.host, remoteAddress: '169.254.1.1', remotePort: rng.int(30000, 60999) },
      res: { statusCode: 500 },
      err: { type: 'FastifyError', message, stack: `FastifyError: ${message}\n    at /app/node_modules/fastify/lib/wrapThenable.js:${rng.pick([36, 39])}:30\n    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)`, code: 'FST_ERR_PROMISE_NOT_FULFILLED', name: 'FastifyError', statusCode: 500 },
    })];
  },
};

const cartRedis: Family = {
  name: 'shop-fastify:cart-redis-max-retries', level: 'ERROR', perDay: [20, 60], burst: 0.3,
  emit(ctx) {
    const { rng } = ctx;
    const message = 'Reached the max retries per request limit (which is 20). Refer to "maxRetriesPerRequest" option for details.';
    const err = { type: 'MaxRetriesPerRequestError', message, stack: `MaxRetriesPerRequestError: ${message}\n    at Socket.<anonymous> (/app/node_modules/ioredis/built/redis/event_handler.js:182:37)\n    at Object.onceWrapper (node:events:634:26)\n    at Socket.emit (node:events:519:28)\n    at TCP.<anonymous> (node:net:343:12)` };
    const req = { method: 'GET', url: '/cart', hostname: ctx.host, remoteAddress: '169.254.1.1', remotePort: rng.int(30000, 60999) };
    // The cart route catches it and logs its own message; other routes let Fastify's handler log it.
    return [rng.chance(0.6)
      ? pino(ctx, 50, 'cart load failed', { reqId: reqId(rng), cartId: rng.uuid(), err })
      : pino(ctx, 50, message, { reqId: reqId(rng), req, res: { statusCode: 500 }, err })];
  },
};

const slowUpstream: Family = {
  name: 'shop-fastify:slow-inventory-upstream', level: 'WARNING', perDay: [60, 160],
  emit(ctx) {
    const { rng } = ctx;
    return [pino(ctx, 40, 'slow upstream response', { reqId: reqId(rng), upstream: 'inventory', ms: rng.int(1500, 9000), budgetMs: 1500 })];
  },
};

const fastifyInfo: Family = {
  name: 'noise:shop-fastify:chatter', level: 'INFO', perDay: [350, 500],
  emit(ctx) {
    const { rng, host } = ctx;
    const id = reqId(rng);
    const r = rng.next();
    if (r < 0.4) return [pino(ctx, 30, 'incoming request', { reqId: id, req: { method: 'GET', url: `/products/${rng.int(1, 99999)}`, hostname: host, remoteAddress: '169.254.1.1', remotePort: rng.int(30000, 60999) } })];
    if (r < 0.8) return [pino(ctx, 30, 'request completed', { reqId: id, res: { statusCode: 200 }, responseTime: rng.int(1, 400) + rng.next() })];
    // A validation failure is a 4xx: Fastify logs it at info, with the error.
    const message = "body/email must match format \"email\"";
    return [pino(ctx, 30, message, { reqId: id, res: { statusCode: 400 }, err: { type: 'Error', message, stack: `Error: ${message}\n    at Object.validate (/app/node_modules/fastify/lib/validation.js:88:22)`, code: 'FST_ERR_VALIDATION', validationContext: 'body', statusCode: 400 } })];
  },
};

export const shopFastify: ServiceDef = {
  name: 'shop-fastify', stack: 'Node 22, Fastify 5 (pino), ioredis, pg', splitRate: 0.7,
  families: [dbRefused, promiseUndefined, cartRedis, slowUpstream, fastifyInfo],
};

// ---- web-nextjs -------------------------------------------------------------------------------

const CHUNK = '/app/.next/server/chunks';
const digest = (rng: Prng): string => String(rng.int(100000000, 4294967295));

const cmsFetch: Family = {
  name: 'web-nextjs:product-page-cms-fetch-failed', level: 'ERROR', perDay: [25, 80], burst: 0.3,
  emit(ctx) {
    const { rng } = ctx;
    const text = [
      ' ⨯ TypeError: fetch failed',
      `    at node:internal/deps/undici/undici:${rng.pick([13502, 13510])}:13`,
      '    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)',
      `    at async getProduct (${CHUNK}/${rng.pick([412, 588])}.js:1:${rng.int(1000, 9999)})`,
      `    at async Page (/app/.next/server/app/products/[slug]/page.js:1:${rng.int(1000, 9999)}) {`,
      `  digest: '${digest(rng)}',`,
      '  [cause]: Error: connect ETIMEDOUT 10.8.4.20:443',
      '      at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1615:16) {',
      '    errno: -110,',
      "    code: 'ETIMEDOUT',",
      "    syscall: 'connect',",
      "    address: '10.8.4.20',",
      '    port: 443',
      '  }',
      '}',
    ].join('\n');
    return [{ stream: 'stderr', text }];
  },
};

const analyticsRejection: Family = {
  name: 'web-nextjs:analytics-unhandled-rejection', level: 'ERROR', perDay: [15, 50],
  emit(ctx) {
    // Next keeps serving after an unhandled rejection (it installs its own handler): ERROR, not a crash.
    // The morning revision (Next 14) prints the error with its stack, Next 15 as util.inspect's
    // bracketed form with no stack (vercel/next.js#72522).
    const props = ['  errno: -3008,', "  code: 'ENOTFOUND',", "  syscall: 'getaddrinfo',", "  hostname: 'analytics.internal'", '}'];
    const text = ctx.rev === 1
      ? [' ⨯ unhandledRejection: [Error: getaddrinfo ENOTFOUND analytics.internal] {', ...props]
      : [' ⨯ unhandledRejection: Error: getaddrinfo ENOTFOUND analytics.internal', '    at GetAddrInfoReqWrap.onlookupall [as oncomplete] (node:dns:120:26) {', ...props];
    return [{ stream: 'stderr', text: text.join('\n') }];
  },
};

const serverAction: Family = {
  name: 'web-nextjs:server-action-not-found', level: 'ERROR', perDay: [30, 90],
  emit(ctx) {
    const id = ctx.rng.hex(40);
    // The docs link was added to the message by a later Next release: a suffix that comes and goes.
    const tail = ctx.rev === 1 ? '\nRead more: https://nextjs.org/docs/messages/failed-to-find-server-action' : '';
    return [{ stream: 'stderr', text: `Error: Failed to find Server Action "${id}". This request might be from an older or newer deployment.${tail}` }];
  },
};

// envoy, the sidecar in front of Next in the same service.
function envoyLine(ctx: Ctx, level: string, logger: string, src: string, msg: string): string {
  return `[${ymdHmsMillis(ctx.t)}][${ctx.rng.int(1, 40)}][${level}][${logger}] [${src}] ${msg}`;
}

const envoyNoLimit: Family = {
  name: 'web-nextjs:envoy-no-connection-limit', level: 'WARNING', perDay: [6, 20],
  emit(ctx) {
    // Printed by every envoy start without an overload-manager connection limit.
    return [{ stream: 'stderr', text: envoyLine(ctx, 'warning', 'main', `source/server/server.cc:${ctx.rng.pick([1001, 1018])}`,
      'There is no configured limit to the number of allowed active downstream connections. Configure a limit in `envoy.resource_monitors.global_downstream_max_connections` resource monitor.') }];
  },
};

function accessLine(ctx: Ctx, status: number, flags: string): string {
  const { rng, host } = ctx;
  const path = rng.pick(['/', '/products/blue-kettle', '/cart', '/_next/data/build/index.json', '/api/search?q=lamp']);
  const ms = status >= 500 ? rng.int(1, 30000) : rng.int(2, 600);
  return `[${isoMillis(ctx.t)}] "GET ${path} HTTP/1.1" ${status} ${flags} 0 ${rng.int(0, 90000)} ${ms} ${status === 503 ? '-' : rng.int(1, ms)} "${rng.publicIpv4()}" "Mozilla/5.0" "${rng.uuid()}" "${host}" "${status === 503 ? '-' : '127.0.0.1:3000'}"`;
}

const nextInfo: Family = {
  name: 'noise:web-nextjs:chatter', level: 'INFO', perDay: [300, 450],
  emit(ctx) {
    const { rng } = ctx;
    const r = rng.next();
    // The access log has no level; a 503 `UF` line is the request record of a failure the request log
    // already reports.
    if (r < 0.6) return [{ stream: 'stdout', text: accessLine(ctx, 200, '-') }];
    if (r < 0.68) return [{ stream: 'stdout', text: accessLine(ctx, 503, rng.pick(['UF', 'UO', 'URX,UF'])) }];
    if (r < 0.9) return [{ stream: 'stdout', text: `[cart] synced ${rng.int(0, 12)} items for cart ${rng.hex(12)} (errors: 0)` }];
    return [{ stream: 'stdout', text: `  ▲ Next.js 15.1.3\n  - Local:        http://localhost:3000\n  - Network:      http://0.0.0.0:3000\n\n ✓ Starting...\n ✓ Ready in ${rng.int(80, 900)}ms` }];
  },
};

export const webNextjs: ServiceDef = {
  name: 'web-nextjs', stack: 'Next.js 15 standalone on Node 22, envoy sidecar', splitRate: 0.8,
  families: [cmsFetch, analyticsRejection, serverAction, envoyNoLimit, nextInfo],
};
