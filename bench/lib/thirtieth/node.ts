// The day's Node services: an Express 4 shop logging through express-winston (request records and the
// error middleware's record), and a Fastify 5 API on pino, printed by pino-pretty in the morning.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { epochMillis, hmsMillis, isoMillis, jsDate } from './clock.js';
import { containerExit, digits, fam, peer, UA } from './shared.js';

type Frame = readonly [fn: string, file: string, line: number, col: number];
const NM = '/app/node_modules';
const stackOf = (head: string, frames: readonly Frame[]): string =>
  [head, ...frames.map(([fn, file, line, col]) => (fn === '' ? `    at ${file}:${line}:${col}` : `    at ${fn} (${file}:${line}:${col})`))].join('\n');

// ---------------------------------------------------------------------------------------------------
// shop-express: Node 22, Express 4.21, express-winston 4.2 on winston 3.17 (one Console transport,
// stdout), mongoose 8 to MongoDB Atlas (`bufferTimeoutMS` 10 s), stripe 17, ioredis 5 for sessions.
// express-winston's `logger` writes one record a request (`HTTP METHOD url`, `meta.req` with the
// default request whitelist, `meta.res.statusCode`, `meta.responseTime`; `statusLevels: true`, so 5xx
// at error and 4xx at warn), its `errorLogger` one record an error passed to `next(err)`: the default
// message `middlewareError`, `meta` winston's exception info (`date`, `process`, `os`, `trace`, `stack`
// as a list of lines, `message` `uncaughtException: …` with the stack) and the request. Morning
// revision: `format.simple()` (`error: middlewareError {"meta":{…}}`); from the rollout
// `format.combine(format.timestamp(), format.json())` (keys sorted, no severity). A rejection nobody
// handled ends the process with Node's own report on stderr.
const SE = 'shop-express';

function wlog(t: number, rev: 0 | 1, level: 'info' | 'warn' | 'error', message: string, rest: Record<string, unknown>): Write {
  if (rev === 0) return { stream: 'stdout', text: `${level}: ${message}${Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : ''}` };
  return { stream: 'stdout', json: { level, message, ...rest, timestamp: isoMillis(t) } };
}

function reqMeta(rng: Prng, host: string, method: string, url: string): Record<string, unknown> {
  const headers: Record<string, string> = { host, 'user-agent': rng.pick(UA), 'x-forwarded-for': rng.publicIpv4(), 'x-forwarded-proto': 'https' };
  if (method !== 'GET') headers['content-type'] = 'application/json';
  if (rng.chance(0.6)) headers.traceparent = `00-${rng.hex(32)}-${rng.hex(16)}-01`;
  if (rng.chance(0.5)) headers['x-cloud-trace-context'] = `${rng.hex(32)}/${rng.int(1, 9e9)};o=1`;
  if (rng.chance(0.4)) headers.cookie = `sid=s%3A${rng.alnum(32)}`;
  const q = url.indexOf('?');
  const query = q < 0 ? {} : Object.fromEntries(url.slice(q + 1).split('&').map((kv) => kv.split('=') as [string, string]));
  return { url, headers, method, httpVersion: '1.1', originalUrl: url, query };
}

const requestRecord = (rng: Prng, t: number, rev: 0 | 1, host: string, method: string, url: string, status: number): Write =>
  wlog(t, rev, status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info', `HTTP ${method} ${url}`, { meta: { req: reqMeta(rng, host, method, url), res: { statusCode: status }, responseTime: rng.int(3, 12000) } });

function errorRecord(rng: Prng, t: number, rev: 0 | 1, host: string, method: string, url: string, head: string, frames: readonly Frame[]): Write {
  const stack = stackOf(head, frames);
  const meta = {
    date: jsDate(t), error: {}, exception: true, level: 'error', message: `uncaughtException: ${head.slice(head.indexOf(': ') + 2)}\n${stack}`,
    os: { loadavg: [rng.float(0, 2, 2), rng.float(0, 2, 2), rng.float(0, 2, 2)], uptime: rng.int(600, 90000) },
    process: { argv: ['/usr/local/bin/node', '/app/server.js'], cwd: '/app', execPath: '/usr/local/bin/node', gid: 1000, memoryUsage: { arrayBuffers: rng.int(1e5, 9e5), external: rng.int(2e6, 9e6), heapTotal: rng.int(4e7, 9e7), heapUsed: rng.int(3e7, 8e7), rss: rng.int(1e8, 3e8) }, pid: 1, uid: 1000, version: 'v22.12.0' },
    req: reqMeta(rng, host, method, url),
    stack: stack.split('\n'),
    trace: frames.map(([fn, file, line, col]) => ({ column: col, file, function: fn === '' ? null : fn, line, method: fn.includes('.') ? fn.slice(fn.lastIndexOf('.') + 1) : null, native: false })),
  };
  return wlog(t, rev, 'error', 'middlewareError', { meta });
}

const STRIPE_FRAMES: Frame[] = [['', `${NM}/stripe/cjs/RequestSender.js`, 401, 41], ['process.processTicksAndRejections', 'node:internal/process/task_queues', 105, 5], ['async CheckoutService.charge', '/app/src/checkout/service.js', 58, 20], ['async /app/src/checkout/routes.js', '/app/src/checkout/routes.js', 23, 22]];
// Stripe's API is unreachable for seconds at a time from the region: the charge fails after the
// client's retries; the error middleware's record and the 500 request record.
const seCheckout = fam(`${SE}:checkout-stripe-connection`, 'ERROR', [30, 70], ({ rng, t, rev, host }) => {
  const url = `/api/checkout/${rng.alnum(20)}`;
  return [
    errorRecord(rng, t, rev, host, 'POST', url, 'StripeConnectionError: An error occurred with our connection to Stripe. Request was retried 2 times.', STRIPE_FRAMES),
    requestRecord(rng, t + 900, rev, host, 'POST', url, 500),
  ];
}, 0.3);

const bufferFrames = (site: Frame[]): Frame[] => [['Timeout.<anonymous>', `${NM}/mongoose/lib/drivers/node-mongodb-native/collection.js`, 185, 23], ['listOnTimeout', 'node:internal/timers', 594, 17], ['process.processTimers', 'node:internal/timers', 529, 7], ...site];
// The Atlas cluster's primary steps down: queries buffer and time out. From the product page...
const seProduct = fam(`${SE}:product-buffering-timeout`, 'ERROR', [40, 90], ({ rng, t, rev, host }) => {
  const url = `/api/products/${rng.hex(24)}`;
  return [
    errorRecord(rng, t, rev, host, 'GET', url, 'MongooseError: Operation `products.findOne()` buffering timed out after 10000ms', bufferFrames([])),
    requestRecord(rng, t + 10_000_000, rev, host, 'GET', url, 500),
  ];
}, 0.35);

// ...and from the price sync timer, logged by the app itself (a second call site).
const sePriceSync = fam(`${SE}:price-sync-buffering-timeout`, 'ERROR', [10, 30], ({ t, rev }) => {
  const stack = stackOf('MongooseError: Operation `prices.bulkWrite()` buffering timed out after 10000ms', bufferFrames([]));
  return [wlog(t, rev, 'error', 'price sync failed', { error: 'Operation `prices.bulkWrite()` buffering timed out after 10000ms', stack })];
});

// Webhooks replayed through a proxy that re-serialises the body: the signature check fails, 400 (frequent).
const STRIPE_SIG = 'No signatures found matching the expected signature for payload. Are you passing the raw request body you received from Stripe? \n Learn more about webhook signing and explore webhook integration examples for various frameworks at https://github.com/stripe/stripe-node#webhook-signing';
const seWebhook = fam(`${SE}:webhook-signature-rejected`, 'WARNING', [120, 240], ({ rng, t, rev, host }) => [
  wlog(t, rev, 'warn', 'Stripe webhook rejected', { error: STRIPE_SIG, eventId: rng.chance(0.7) ? `evt_${rng.alnum(24)}` : null }),
  requestRecord(rng, t + 2000, rev, host, 'POST', '/webhooks/stripe', 400),
]);

// The session store's Redis drops the connection and a promise nobody awaited rejects: Node ends
// the process with its report, Cloud Run says the container exited.
const seCrash = fam(`${SE}:unhandled-rejection-redis-closed`, 'ERROR', [3, 8], () => [
  { stream: 'stderr', text: ['node:internal/process/promises:394', '    triggerUncaughtException(err, true /* fromPromise */);', '    ^', '',
    '[UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "Connection is closed.".] {',
    "  code: 'ERR_UNHANDLED_REJECTION'", '}', '', 'Node.js v22.12.0'].join('\n') },
  containerExit(SE, 1),
]);

const seChatter = fam(`noise:${SE}:chatter`, 'INFO', [240, 380], ({ rng, t, rev, host }) => {
  const roll = rng.next();
  if (roll < 0.55) return [requestRecord(rng, t, rev, host, 'GET', rng.pick(['/api/products?page=2', `/api/products/${rng.hex(24)}`, '/api/cart', '/healthz']), rng.pick([200, 200, 200, 304]))];
  if (roll < 0.8) return [wlog(t, rev, 'info', `order ${digits(rng, 8)} placed`, { items: rng.int(1, 9), paymentErrors: 0 })];
  return [wlog(t, rev, 'info', `price sync done: ${rng.int(100, 4000)} prices, 0 errors`, {})];
});

export const shopExpress: ServiceDef = {
  name: SE, stack: 'Node 22, Express 4.21, express-winston 4.2 (winston 3.17), mongoose 8, stripe 17, ioredis 5', splitRate: 0.6,
  families: [seCheckout, seProduct, sePriceSync, seWebhook, seCrash, seChatter],
};

// ---------------------------------------------------------------------------------------------------
// route-fastify: Node 22, Fastify 5.1 with its pino 9 logger, pg 8 (`connectionTimeoutMillis` 5000),
// undici's fetch to a geocoding partner. Morning revision: `logger: { transport: { target:
// 'pino-pretty', options: { colorize: false, ignore: 'pid,hostname' } } }` on stdout: `[HH:MM:ss.l]
// LEVEL: msg` then each other key indented four spaces, objects as indented JSON, an error's `stack`
// on its own lines; from the rollout `logger: true` (pino's JSON: numeric `level`, epoch `time`, `pid`,
// `hostname`, `reqId`, `msg`; no severity). Fastify logs `incoming request` and `request completed`
// at info for every request, and a 5xx handler error at error with `err` (pino's serializer joins the
// `cause` into the message and the stack).
const RF = 'route-fastify';
const PINO: Record<string, number> = { info: 30, warn: 40, error: 50 };

function indentJson(v: unknown, pad: string): string {
  return JSON.stringify(v, null, 2).split('\n').map((l, i) => (i === 0 ? l : pad + l)).join('\n');
}

function plog(t: number, rev: 0 | 1, level: 'info' | 'warn' | 'error', msg: string, fields: Record<string, unknown>): Write {
  if (rev === 1) return { stream: 'stdout', json: { level: PINO[level], time: epochMillis(t), pid: 1, hostname: 'localhost', ...fields, msg } };
  const lines = [`[${hmsMillis(t)}] ${level.toUpperCase()}: ${msg}`];
  for (const [k, v] of Object.entries(fields)) {
    if (k === 'err' && typeof v === 'object' && v !== null) {
      const { stack, ...rest } = v as Record<string, unknown>;
      lines.push('    err: {');
      for (const [ek, ev] of Object.entries(rest)) lines.push(`      "${ek}": ${JSON.stringify(ev)},`);
      lines.push('      "stack":', ...String(stack).split('\n').map((l) => `          ${l}`), '    }');
    } else lines.push(`    ${k}: ${typeof v === 'object' ? indentJson(v, '    ') : JSON.stringify(v)}`);
  }
  return { stream: 'stdout', text: lines.join('\n') };
}

const reqOf = (rng: Prng, host: string, method: string, url: string): Record<string, unknown> => ({ method, url, host, remoteAddress: peer(rng), remotePort: rng.int(30000, 60000) });

/** A failed request as Fastify logs it: the handler's error, then `request completed` with 500. */
function failed(rng: Prng, t: number, rev: 0 | 1, host: string, method: string, url: string, err: Record<string, unknown>): Write[] {
  const reqId = `req-${rng.int(1, 9999).toString(36)}`;
  return [
    plog(t, rev, 'error', String(err.message), { reqId, req: reqOf(rng, host, method, url), res: { statusCode: 500 }, err }),
    plog(t + 300, rev, 'info', 'request completed', { reqId, res: { statusCode: 500 }, responseTime: rng.float(5, 12000, 4) }),
  ];
}

const TICK = '    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)';
// The geocoder's endpoint stops answering SYNs for minutes: undici's connect timeout (burst).
const rfGeocode = fam(`${RF}:geocode-connect-timeout`, 'ERROR', [40, 90], ({ rng, t, rev, host }) => {
  const cause = 'Connect Timeout Error (attempted address: api.geo-partner.example:443, timeout: 10000ms)';
  const err = {
    type: 'TypeError', message: `fetch failed: ${cause}`,
    stack: ['TypeError: fetch failed', `    at node:internal/deps/undici/undici:13502:13`, TICK, '    at async geocode (/app/src/geo/client.js:21:15)', '    at async Object.<anonymous> (/app/src/routes/stops.js:38:19)',
      `caused by: ConnectTimeoutError: ${cause}`, '    at onConnectTimeout (node:internal/deps/undici/undici:2602:28)', '    at node:internal/deps/undici/undici:2554:50', '    at Immediate._onImmediate (node:internal/deps/undici/undici:2586:13)', '    at process.processImmediate (node:internal/timers:491:21)'].join('\n'),
  };
  return failed(rng, t, rev, host, 'POST', `/v1/stops/geocode?batch=${rng.int(1, 40)}`, err);
}, 0.4);

const pgTimeout = (site: string[]): Record<string, unknown> => ({
  type: 'Error', message: 'timeout exceeded when trying to connect',
  stack: ['Error: timeout exceeded when trying to connect', `    at ${NM}/pg-pool/index.js:45:11`, TICK, ...site].join('\n'),
});
// The pool is too small for the route planner's bursts: pg-pool's connect timeout. From a request...
const rfRoutes = fam(`${RF}:route-load-pool-timeout`, 'ERROR', [30, 80], ({ rng, t, rev, host }) =>
  failed(rng, t, rev, host, 'GET', `/v1/routes/${rng.uuid()}`, pgTimeout(['    at async RouteRepo.load (/app/src/routes/repo.js:17:20)', '    at async Object.<anonymous> (/app/src/routes/routes.js:52:21)'])), 0.3);

// ...and from the zone cache's refresh timer (a second call site).
const rfZones = fam(`${RF}:zone-refresh-pool-timeout`, 'ERROR', [10, 30], ({ t, rev }) =>
  [plog(t, rev, 'error', 'zone cache refresh failed', { err: pgTimeout(['    at async ZoneCache.refresh (/app/src/zones/cache.js:29:18)']) })]);

// Drivers' apps send telemetry late after a tunnel (frequent).
const rfLate = fam(`${RF}:telemetry-late`, 'WARNING', [120, 260], ({ rng, t, rev }) =>
  [plog(t, rev, 'warn', 'telemetry arrived late', { reqId: `req-${rng.int(1, 9999).toString(36)}`, vehicleId: `VH-${digits(rng, 5)}`, lagSeconds: rng.int(61, 900) })]);

const rfChatter = fam(`noise:${RF}:chatter`, 'INFO', [240, 380], ({ rng, t, rev, host }) => {
  const reqId = `req-${rng.int(1, 9999).toString(36)}`;
  const url = rng.pick(['/v1/routes?depot=3', '/healthz', `/v1/vehicles/VH-${digits(rng, 5)}`]);
  if (rng.chance(0.5)) return [plog(t, rev, 'info', 'incoming request', { reqId, req: reqOf(rng, host, 'GET', url) })];
  if (rng.chance(0.7)) return [plog(t, rev, 'info', 'request completed', { reqId, res: { statusCode: 200 }, responseTime: rng.float(1, 90, 4) })];
  return [plog(t, rev, 'info', `route plan built: ${rng.int(3, 40)} stops, 0 errors`, { depot: rng.int(1, 9) })];
});

export const routeFastify: ServiceDef = {
  name: RF, stack: 'Node 22, Fastify 5.1 (pino 9, pino-pretty 13 in the morning), pg 8, undici fetch', splitRate: 0.6,
  families: [rfGeocode, rfRoutes, rfZones, rfLate, rfChatter],
};


