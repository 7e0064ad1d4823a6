// The day's Node services: an Express 5 API logging with morgan and Express's own final handler, a
// Next.js 15 standalone server whose every console and Next log line goes through next-logger (pino),
// and a NestJS 11 API on the Fastify adapter (Fastify's pino request log beside Nest's ConsoleLogger).
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { clfTime, epochMillis, nestClock } from './clock.js';
import { as, digits, fam, interleave, nodeStack, peer, req, requestLog, UA, type Req } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// orders-express5: Node 22, Express 5.1, morgan 1.10, pg 8.13 (pg-pool 3.7, `connectionTimeoutMillis:
// 5000`), a `setInterval` report refresher in the same process. No logger: morgan writes its line on
// stdout when the response has finished (`combined` in the morning, `tiny` after the rollout), and
// Express 5's final handler prints `err.stack` with console.error on stderr before it sends the error
// response (every error it handles, 4xx included: Express passes `onerror: logerror` to finalhandler).
// Express 5 forwards a rejected promise from an async handler to that handler. No severity anywhere.
const OE = 'orders-express5';

function morgan(rng: Prng, t: number, rev: 0 | 1, r: Req, bytes: number, latencyMs: number): Write {
  const url = r.path;
  if (rev === 1) return { stream: 'stdout', text: `${r.method} ${url} ${r.status} ${bytes} - ${latencyMs.toFixed(3)} ms` };
  return { stream: 'stdout', text: `${peer(rng)} - - [${clfTime(t)}] "${r.method} ${url} HTTP/1.1" ${r.status} ${bytes} "-" "${rng.pick(UA)}"` };
}

/** Express's final handler: the stack when the error surfaces, morgan's line when the response is out, Cloud Run's request log. */
function expressFailure(rng: Prng, t: number, rev: 0 | 1, host: string, r: Req, stack: string, errorAtUs: number): Write[] {
  const bytes = r.status >= 500 ? 148 : 143;
  return [
    { stream: 'stderr', text: stack, delayUs: errorAtUs },
    { ...morgan(rng, t + r.latencyUs, rev, r, bytes, r.latencyUs / 1000), delayUs: r.latencyUs - errorAtUs + rng.int(200, 1500) },
    requestLog(rng, host, OE, r, rng.int(300, 3000)),
  ];
}

// pg-pool's timer fires with no frame of the caller: the stack is the same from every call site
// (brianc/node-postgres#2276, #2262).
const PG_TIMEOUT = nodeStack('Error: timeout exceeded when trying to connect', ['Timeout._onTimeout (/app/node_modules/pg-pool/index.js:232:27)', 'listOnTimeout (node:internal/timers:594:17)', 'process.processTimers (node:internal/timers:529:7)']);

export const ordersExpress5: ServiceDef = {
  name: OE, stack: 'Node 22, Express 5.1, morgan, pg 8 (pg-pool)', splitRate: 0.6,
  families: [
    fam(`${OE}:orders-pool-timeout`, 'ERROR', [40, 100], ({ rng, t, rev, host }) => {
      const r = req(rng, 'GET', `/api/orders?customer=${digits(rng, 6)}&status=${rng.pick(['open', 'shipped', 'all'])}`, 500, rng.int(5_002_000, 5_060_000));
      return expressFailure(rng, t, rev, host, r, PG_TIMEOUT, r.latencyUs - rng.int(400, 2000));
    }, 0.3),
    // The same pool timeout from the report refresher: `console.error('report refresh failed:', err)`.
    fam(`${OE}:report-pool-timeout`, 'ERROR', [15, 40], () => [{ stream: 'stderr', text: `report refresh failed: ${PG_TIMEOUT}` }]),
    fam(`${OE}:checkout-undefined-total`, 'ERROR', [25, 60], ({ rng, t, rev, host }) => {
      const r = req(rng, 'POST', `/api/checkout/${rng.uuid()}`, 500, rng.int(20_000, 240_000));
      const stack = nodeStack("TypeError: Cannot read properties of undefined (reading 'total')", [`computeTotals (/app/src/checkout/totals.js:${rng.pick([14, 15])}:31)`, 'checkout (/app/src/checkout/router.js:22:19)', 'process.processTicksAndRejections (node:internal/process/task_queues:105:5)']);
      return expressFailure(rng, t, rev, host, r, stack, r.latencyUs - rng.int(300, 3000));
    }),
    // body-parser's SyntaxError (V8's JSON.parse wording) answered 400; Express prints it like any error.
    fam(`${OE}:json-body-syntax`, 'ERROR', [20, 60], ({ rng, t, rev, host }) => {
      const r = req(rng, 'POST', '/api/orders', 400, rng.int(2_000, 9_000));
      const pos = rng.int(20, 400);
      const stack = nodeStack(`SyntaxError: Expected ',' or '}' after property value in JSON at position ${pos} (line 1 column ${pos + 1})`, ['JSON.parse (<anonymous>)', 'parse (/app/node_modules/body-parser/lib/types/json.js:92:19)', '/app/node_modules/body-parser/lib/read.js:163:18', 'AsyncResource.runInAsyncScope (node:async_hooks:211:14)', 'invokeCallback (/app/node_modules/raw-body/index.js:238:16)', 'done (/app/node_modules/raw-body/index.js:227:7)', 'IncomingMessage.onEnd (/app/node_modules/raw-body/index.js:287:7)', 'IncomingMessage.emit (node:events:518:28)', 'endReadableNT (node:internal/streams/readable:1698:12)', 'process.processTicksAndRejections (node:internal/process/task_queues:90:21)']);
      return expressFailure(rng, t, rev, host, r, stack, r.latencyUs - rng.int(300, 1500));
    }),
    fam(`${OE}:fx-table-stale`, 'WARNING', [150, 320], ({ rng }) => [{ stream: 'stderr', text: `[rates] FX table is ${rng.int(3601, 9000)}s old; serving cached rates` }]),
    fam(`noise:${OE}:requests-200`, 'INFO', [150, 300], ({ rng, t, rev }) => {
      const r = req(rng, 'GET', `/api/orders/${digits(rng, 7)}`, 200, rng.int(4_000, 90_000));
      return [morgan(rng, t, rev, r, rng.int(300, 4000), r.latencyUs / 1000)];
    }),
    fam(`noise:${OE}:cache-warm`, 'INFO', [100, 200], ({ rng }) => [{ stream: 'stdout', text: `[cache] warmed ${rng.int(100, 900)} keys (0 errors)` }]),
  ],
};

// ---------------------------------------------------------------------------------------------------
// shop-nextlog: Node 22, Next.js 15.1 App Router with `output: 'standalone'`, run as `node server.js`
// with `NODE_OPTIONS='-r next-logger/presets/all'`: next-logger 5 patches Next's own logger (`name:
// "next.js"`, `prefix` the Next level) and the console (`name: "console"`) into pino 9 on stdout, one
// JSON line a record (sainsburys-tech/next-logger#13: `{"level":"info","pid":…,"hostname":…,"name":
// "next.js","prefix":"info","msg":…}`, no time). pino's error serializer puts the error under `err`
// (`type`, `message` with the causes, `stack` with `caused by:`, own properties such as `digest`).
// From the rollout a `next-logger.config.js` gives pino `messageKey: "message"`, an ISO `time` and
// `severity` in place of `level`, which Cloud Run reads. A fetch to the CMS (undici, 10 s connect
// timeout) fails in a page render and in a route handler; after the rollout clients holding the old
// pages post Server Actions the new build does not have (a 404).
const SN = 'shop-nextlog';

function nextLine(t: number, rev: 0 | 1, level: 'info' | 'warn' | 'error', name: 'next.js' | 'console', msg: string, extra: Record<string, unknown> = {}): Write {
  const json: Record<string, unknown> = rev === 0 ? { level } : { severity: level === 'warn' ? 'WARNING' : level.toUpperCase(), time: new Date(Math.floor(t / 1000)).toISOString() };
  Object.assign(json, { pid: 1, hostname: 'localhost', name }, name === 'next.js' ? { prefix: level === 'warn' ? 'warn' : level } : {}, extra);
  json[rev === 0 ? 'msg' : 'message'] = msg;
  return { stream: 'stdout', json };
}

const CMS_CAUSE = (ms: number): string => `Connect Timeout Error (attempted address: cms.harrowgate.internal:443, timeout: ${ms}ms)`;

function fetchFailed(frames: string[], digest?: string): Record<string, unknown> {
  const stack = `${nodeStack('TypeError: fetch failed', ['node:internal/deps/undici/undici:13502:13', 'process.processTicksAndRejections (node:internal/process/task_queues:105:5)', ...frames])}\ncaused by: ${nodeStack(`ConnectTimeoutError: ${CMS_CAUSE(10000)}`, ['onConnectTimeout (node:internal/deps/undici/undici:2602:28)', 'node:internal/deps/undici/undici:2574:50', 'Immediate._onImmediate (node:internal/deps/undici/undici:2605:13)', 'process.processImmediate (node:internal/timers:491:21)'])}`;
  const err: Record<string, unknown> = { type: 'TypeError', message: `fetch failed: ${CMS_CAUSE(10000)}`, stack };
  if (digest) err.digest = digest;
  return err;
}

export const shopNextlog: ServiceDef = {
  name: SN, stack: 'Node 22, Next.js 15.1 standalone, next-logger 5 (pino 9)', splitRate: 0.6,
  families: [
    fam(`${SN}:product-render-cms-timeout`, 'ERROR', [40, 90], ({ rng, t, rev, host }) => {
      const r = req(rng, 'GET', `/products/${rng.pick(['tarn', 'scree', 'ghyll', 'fell'])}-${rng.lower(5)}`, 500, rng.int(10_020_000, 10_300_000));
      const err = fetchFailed([`async getProduct (/app/.next/server/app/products/[slug]/page.js:1:${rng.int(4000, 4100)})`, 'async ProductPage (/app/.next/server/app/products/[slug]/page.js:1:5312)'], String(rng.int(100000000, 4294967295)));
      return [
        { ...nextLine(t + r.latencyUs - 2000, rev, 'error', 'next.js', String(err.message), { err }), delayUs: r.latencyUs - 2000 },
        requestLog(rng, host, SN, r, rng.int(2000, 4000)),
      ];
    }, 0.3),
    // The same CMS timeout in the stock route handler: no digest, the handler's frames.
    fam(`${SN}:stock-route-cms-timeout`, 'ERROR', [20, 50], ({ rng, t, rev, host }) => {
      const r = req(rng, 'GET', `/api/stock/${rng.upperAlnum(8)}`, 500, rng.int(10_010_000, 10_100_000));
      const err = fetchFailed(['async GET (/app/.next/server/app/api/stock/[sku]/route.js:1:1877)', 'async /app/node_modules/next/dist/compiled/next-server/app-route.runtime.prod.js:6:38417']);
      return [
        { ...nextLine(t + r.latencyUs - 1000, rev, 'error', 'next.js', String(err.message), { err }), delayUs: r.latencyUs - 1000 },
        requestLog(rng, host, SN, r, rng.int(1000, 3000)),
      ];
    }),
    // Version skew after the rollout: a page from the old build posts an action id the new one lacks
    // (vercel/next.js#58430, #84667 on Cloud Run rollouts, #70229).
    fam(`${SN}:server-action-not-found`, 'ERROR', [60, 140], ({ rng, t, rev, host }) => {
      if (rev === 0) return [];
      const id = rng.hex(42);
      const r = req(rng, 'POST', rng.pick(['/cart', '/checkout', '/account/addresses']), 404, rng.int(3_000, 20_000));
      const message = `Failed to find Server Action "${id}". This request might be from an older or newer deployment.\nRead more: https://nextjs.org/docs/messages/failed-to-find-server-action`;
      return [
        { ...nextLine(t + r.latencyUs, rev, 'error', 'next.js', message, { err: { type: 'Error', message, stack: nodeStack(`Error: ${message}`, [`rA (/app/node_modules/next/dist/compiled/next-server/app-page.runtime.prod.js:${rng.pick([16, 17])}:${rng.int(1000, 2000)})`, 'AsyncLocalStorage.run (node:async_hooks:346:14)']) } }), delayUs: r.latencyUs },
        requestLog(rng, host, SN, r, rng.int(500, 2000)),
      ];
    }),
    fam(`${SN}:cart-price-changed`, 'WARNING', [150, 320], ({ rng, t, rev }) => [nextLine(t, rev, 'warn', 'console', `cart c_${rng.alnum(10)}: price of ${rng.upperAlnum(8)} changed from ${rng.int(500, 9000)} to ${rng.int(500, 9000)} since it was added`)]),
    fam(`noise:${SN}:revalidated`, 'INFO', [150, 300], ({ rng, t, rev }) => [nextLine(t, rev, 'info', 'console', `revalidated /products/${rng.lower(6)} in ${rng.int(40, 900)}ms (0 errors)`)]),
  ],
};

// ---------------------------------------------------------------------------------------------------
// orders-nestfast: Node 22, NestJS 11 on `@nestjs/platform-fastify` with `new FastifyAdapter({ logger:
// true })`, Mongoose 8 (nestjs/mongoose 11) on Atlas, @nestjs/axios to a payments API, @nestjs/schedule.
// Two loggers on one process: Fastify's pino on stdout (`level` 30, `time`, `pid`, `hostname`,
// `reqId` `req-N` in base 36; `incoming request` with `req{method,url,host,remoteAddress,remotePort}`
// when a request arrives, `request completed` with `res.statusCode` and `responseTime` when the reply
// is sent, at level 30 whatever the status, as Nest's filter has already answered), and Nest's
// ConsoleLogger on stdout/stderr with its colours (NO_COLOR unset: the ANSI escapes reach the log),
// the ExceptionsHandler's stack as a second write. The rollout sets `new ConsoleLogger({ prefix:
// 'Orders', colors: false, timestamp: true })`. One process on one loop: two requests' records
// interleave, never the lines of one write.
const NF = 'orders-nestfast';
const RED = '\u001b[31m';
const YEL = '\u001b[33m';
const GRN = '\u001b[32m';
const OFF = '\u001b[39m';

function nest(t: number, rev: 0 | 1, level: 'LOG' | 'WARN' | 'ERROR', context: string, message: string, stack?: string, sinceMs?: number): Write[] {
  const stream = level === 'ERROR' ? 'stderr' : 'stdout';
  const lvl = level.padStart(7);
  const text = rev === 0
    ? (() => { const c = level === 'ERROR' ? RED : level === 'WARN' ? YEL : GRN; return `${c}[Nest] 1  - ${OFF}${nestClock(t)} ${c}${lvl}${OFF} ${YEL}[${context}]${OFF} ${c}${message}${OFF}`; })()
    : `[Orders] 1  - ${nestClock(t)} ${lvl} [${context}] ${message} +${sinceMs ?? 0}ms`;
  const head: Write = { stream, text };
  return stack === undefined ? [head] : [head, { stream: 'stderr', text: stack }];
}

interface FReq { r: Req; id: string; remote: string; host: string }

const freq = (rng: Prng, r: Req, host: string): FReq => ({ r, host, id: `req-${rng.int(1, 60000).toString(36)}`, remote: peer(rng) });

function fastify(t: number, f: FReq, msg: 'incoming request' | 'request completed'): Write {
  const base: Record<string, unknown> = { level: 30, time: epochMillis(t), pid: 1, hostname: 'localhost', reqId: f.id };
  if (msg === 'incoming request') base.req = { method: f.r.method, url: f.r.path, host: f.host, remoteAddress: f.remote, remotePort: 40000 + (f.id.length * 977) % 20000 };
  else { base.res = { statusCode: f.r.status }; base.responseTime = Number((f.r.latencyUs / 1000).toFixed(6)); }
  base.msg = msg;
  return { stream: 'stdout', json: base };
}

/** `incoming request` (chatter), the ExceptionsHandler's record and stack, `request completed`, Cloud Run's request log. */
function nestFailure(rng: Prng, t: number, rev: 0 | 1, host: string, r: Req, message: string, stack: string): Write[] {
  const f = freq(rng, r, host);
  const [head, st] = nest(t + r.latencyUs - 800, rev, 'ERROR', 'ExceptionsHandler', message, stack, rng.int(0, 40));
  const out: Write[] = [as(fastify(t, f, 'incoming request'), `noise:${NF}:incoming-request`, 'INFO'), { ...head!, delayUs: r.latencyUs - 800 }];
  if (st) out.push(st);
  out.push({ ...fastify(t + r.latencyUs, f, 'request completed'), delayUs: rng.int(500, 1200) }, requestLog(rng, host, NF, r, rng.int(300, 3000)));
  return out;
}

const BUFFERING = (op: string): string => `Operation \`${op}\` buffering timed out after 10000ms`;
const bufferingStack = (op: string, frames: string[]): string => nodeStack(`MongooseError: ${BUFFERING(op)}`, ['Timeout.<anonymous> (/app/node_modules/mongoose/lib/drivers/node-mongodb-native/collection.js:187:23)', 'listOnTimeout (node:internal/timers:594:17)', 'process.processTimers (node:internal/timers:529:7)', ...frames]);

function createTimeout(rng: Prng, t: number, rev: 0 | 1, host: string): Write[] {
  const r = req(rng, 'POST', '/v1/orders', 500, rng.int(10_004_000, 10_090_000));
  return nestFailure(rng, t, rev, host, r, BUFFERING('orders.insertOne()'), bufferingStack('orders.insertOne()', []));
}

function payment502(rng: Prng, t: number, rev: 0 | 1, host: string): Write[] {
  const r = req(rng, 'POST', `/v1/orders/${rng.hex(24)}/pay`, 500, rng.int(150_000, 2_400_000));
  const stack = nodeStack('AxiosError: Request failed with status code 502', ['settle (/app/node_modules/axios/dist/node/axios.cjs:2031:12)', 'IncomingMessage.handleStreamEnd (/app/node_modules/axios/dist/node/axios.cjs:3148:11)', 'IncomingMessage.emit (node:events:530:35)', 'endReadableNT (node:internal/streams/readable:1698:12)', 'process.processTicksAndRejections (node:internal/process/task_queues:90:21)', 'Axios.request (/app/node_modules/axios/dist/node/axios.cjs:4258:41)', `async PaymentsService.capture (/app/dist/payments/payments.service.js:${rng.pick([31, 33])}:26)`]);
  return nestFailure(rng, t, rev, host, r, 'Request failed with status code 502', stack);
}

export const ordersNestfast: ServiceDef = {
  name: NF, stack: 'Node 22, NestJS 11 on the Fastify adapter (pino request log), Mongoose 8, @nestjs/axios', splitRate: 0.6,
  families: [
    fam(`${NF}:order-insert-buffering-timeout`, 'ERROR', [40, 90], ({ rng, t, rev, host }) => createTimeout(rng, t, rev, host), 0.3),
    fam(`${NF}:payment-capture-502`, 'ERROR', [30, 70], ({ rng, t, rev, host }) => payment502(rng, t, rev, host), 0.2),
    // Both on one instance at once: a slow insert while a payment fails; their records interleave.
    fam(`${NF}:order-insert-buffering-timeout`, 'ERROR', [10, 25], ({ rng, t, rev, host }) => {
      const off = rng.int(500_000, 8_000_000);
      return interleave(createTimeout(rng, t, rev, host), payment502(rng, t + off, rev, host).map((w) => (w.as ? w : as(w, `${NF}:payment-capture-502`, 'ERROR'))), off);
    }),
    // The same buffering timeout from the stock sync cron: Nest's Logger in the job, no request.
    fam(`${NF}:stock-sync-buffering-timeout`, 'ERROR', [15, 40], ({ rng, t, rev }) => nest(t, rev, 'ERROR', 'StockSyncJob', `stock sync aborted after ${rng.int(0, 300)} SKUs: ${BUFFERING('stock.find()')}`, bufferingStack('stock.find()', ['async StockSyncJob.run (/app/dist/stock/stock-sync.job.js:29:23)']), rng.int(1, 30))),
    fam(`${NF}:shipping-address-fallback`, 'WARNING', [150, 300], ({ rng, t, rev }) => nest(t, rev, 'WARN', 'OrdersService', `order ${rng.hex(24)} has no shipping address; using the billing address`, undefined, rng.int(0, 20))),
    fam(`noise:${NF}:requests-200`, 'INFO', [100, 200], ({ rng, t, host }) => {
      const f = freq(rng, req(rng, 'GET', `/v1/orders/${rng.hex(24)}`, 200, rng.int(3_000, 60_000)), host);
      return [fastify(t, f, 'incoming request'), { ...fastify(t + f.r.latencyUs, f, 'request completed'), delayUs: f.r.latencyUs }];
    }),
    fam(`noise:${NF}:stock-sync-done`, 'INFO', [40, 90], ({ rng, t, rev }) => nest(t, rev, 'LOG', 'StockSyncJob', `stock sync done: ${rng.int(100, 900)} SKUs, 0 errors`, undefined, rng.int(1000, 9000))),
  ],
};
