// Two Node 20 services. `api-koa`: Koa 2 with koa-logger; on the morning revision errors reach Koa's
// default `app.onerror` (the stack indented two spaces between empty lines on stderr) and the app's own
// `[warn]` console lines; after, the app logs through bunyan (`name`, `hostname`, `pid`, numeric `level`,
// `msg`, `err{message, name, stack}`, `time`, `v`), the handler error as `request failed` with the same
// error in `err`. `web-nuxt`: Nuxt 3 (Nitro) behind a Caddy 2 sidecar; Nitro prints `[nuxt] [request
// error] [unhandled] [500] msg` with indented frames; Caddy logs through its console encoder (`date
// time\tLEVEL\tlogger\tmsg\t{fields}`) on the morning revision and its JSON encoder after.
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { caddyTime, epochSeconds, isoMillis } from './clock.js';

// ---- Koa ----

function bunyan(t: number, level: 30 | 40 | 50, msg: string, extra: Record<string, unknown> = {}): Write {
  return { stream: 'stdout', json: { name: 'api-koa', hostname: 'localhost', pid: 1, level, ...extra, msg, time: isoMillis(t), v: 0 } };
}
/** Koa's default error handler: the stack, every line indented two spaces, between empty lines. */
const koaDefault = (stack: string): Write => ({ stream: 'stderr', text: `\n${stack.replace(/^/gm, '  ')}\n` });

const planStack = `TypeError: Cannot read properties of undefined (reading 'plan')
    at entitlements (/app/src/routes/account.js:48:37)
    at dispatch (/app/node_modules/koa-compose/index.js:42:32)
    at /app/node_modules/@koa/router/lib/router.js:423:16
    at dispatch (/app/node_modules/koa-compose/index.js:42:32)
    at bodyParser (/app/node_modules/koa-bodyparser/index.js:86:11)
    at async logger (/app/node_modules/koa-logger/index.js:75:7)`;

const fetchStack = `TypeError: fetch failed
    at node:internal/deps/undici/undici:13502:13
    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)
    at async ProfileClient.get (/app/src/clients/profile.js:22:17)
    at async profile (/app/src/routes/account.js:71:19)
    at async logger (/app/node_modules/koa-logger/index.js:75:7)`;

const koaFamilies: Family[] = [
  {
    // One problem printed two ways: Koa's default handler, then bunyan's record with its own message.
    name: 'api-koa:entitlements-plan-undefined', level: 'ERROR', perDay: [20, 60], burst: 0.2,
    emit: ({ rng, t, rev }) => [rev === 0 ? koaDefault(planStack)
      : bunyan(t, 50, 'request failed', { req_id: rng.uuid(), route: 'GET /v1/account/entitlements', err: { message: "Cannot read properties of undefined (reading 'plan')", name: 'TypeError', stack: planStack } })],
  },
  {
    name: 'api-koa:profile-fetch-failed', level: 'ERROR', perDay: [10, 30],
    emit: ({ rng, t, rev }) => [rev === 0 ? koaDefault(fetchStack)
      : bunyan(t, 50, 'request failed', { req_id: rng.uuid(), route: 'GET /v1/account/profile', err: { message: 'fetch failed', name: 'TypeError', stack: fetchStack } })],
  },
  {
    name: 'api-koa:ratelimit-fail-open', level: 'WARNING', perDay: [80, 200],
    emit: ({ rng, t, rev }) => {
      const ms = rng.pick([50, 50, 100]);
      return [rev === 0 ? { stream: 'stderr', text: `[warn] ratelimit: redis command timed out after ${ms}ms, failing open for ${rng.publicIpv4()}` }
        : bunyan(t, 40, `ratelimit: redis command timed out after ${ms}ms, failing open`, { ip: rng.publicIpv4() })];
    },
  },
  {
    // A rejected promise nobody awaited: Node 20 prints this and the process ends.
    name: 'api-koa:unhandled-rejection-queue-closed', level: 'CRITICAL', perDay: [1, 3],
    emit: () => [
      { stream: 'stderr', text: `node:internal/process/promises:391
    triggerUncaughtException(err, true /* fromPromise */);
    ^

[UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "queue closed".] {
  code: 'ERR_UNHANDLED_REJECTION'
}

Node.js v20.18.1` },
      { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(1).', as: { family: 'api-koa:container-exit', level: 'WARNING' } },
    ],
  },
  {
    name: 'noise:api-koa:access', level: 'INFO', perDay: [400, 800],
    emit: ({ rng }) => {
      const path = rng.pick(['/v1/account/entitlements', '/v1/account/profile', '/healthz']);
      const status = rng.weighted([[200, 20], [500, 1]] as const);
      return [{ stream: 'stdout', text: `  <-- GET ${path}` }, { stream: 'stdout', text: `  --> GET ${path} ${status} ${rng.int(1, 400)}ms ${rng.fixed(0.1, 9, 1)}kb` }];
    },
  },
  {
    name: 'noise:api-koa:cache', level: 'INFO', perDay: [60, 150],
    emit: ({ rng, t, rev }) => [rev === 0 ? { stream: 'stdout', text: `cache warm: ${rng.int(100, 900)} keys, errors=0` } : bunyan(t, 30, 'cache warm', { keys: rng.int(100, 900), errors: 0 })],
  },
];

export const apiKoa: ServiceDef = { name: 'api-koa', stack: 'Node 20, Koa 2, koa-logger, bunyan', splitRate: 0.75, families: koaFamilies };

// ---- Nuxt behind Caddy ----

function caddy(rev: 0 | 1, t: number, level: 'info' | 'error', logger: string, msg: string, fields: Record<string, unknown>): Write {
  if (rev === 0) return { stream: 'stderr', text: `${caddyTime(t)}\t${level.toUpperCase()}\t${logger}\t${msg}\t${JSON.stringify(fields)}` };
  return { stream: 'stderr', json: { level, ts: epochSeconds(t), logger, msg, ...fields } };
}
function caddyRequest(rng: Prng, method: string, uri: string): Record<string, unknown> {
  return { remote_ip: '169.254.1.1', remote_port: String(rng.int(30000, 60000)), client_ip: rng.publicIpv4(), proto: 'HTTP/1.1', method, host: 'shop.harbor.example', uri, headers: { 'User-Agent': [rng.pick(['Mozilla/5.0', 'okhttp/4.12.0'])] } };
}

const nitro = (msg: string, frames: string): Write => ({ stream: 'stderr', text: `[nuxt] [request error] [unhandled] [500] ${msg}\n${frames}` });

const nuxtFamilies: Family[] = [
  {
    name: 'web-nuxt:caddy-upstream-refused', level: 'ERROR', perDay: [10, 40], burst: 0.3,
    emit: ({ rng, t, rev }) => [caddy(rev, t, 'error', 'http.log.error', 'dial tcp 127.0.0.1:3000: connect: connection refused',
      { request: caddyRequest(rng, 'GET', rng.pick(['/', '/products/trail-tent-2p', '/cart'])), duration: Number(rng.fixed(0.0001, 0.003, 6)), status: 502, err_id: rng.lower(9), err_trace: 'reverseproxy.statusError (reverseproxy.go:1269)' })],
  },
  {
    name: 'web-nuxt:product-page-title-undefined', level: 'ERROR', perDay: [15, 45],
    emit: ({ rng }) => [nitro("Cannot read properties of undefined (reading 'title')", `  at setup (./.output/server/chunks/build/_slug_-${rng.alnum(8)}.mjs:35:41)
  at _sfc_main.setup (./.output/server/chunks/build/_slug_-${rng.alnum(8)}.mjs:61:23)
  at callWithErrorHandling (./.output/server/node_modules/@vue/runtime-core/dist/runtime-core.cjs.prod.js:86:19)
  at setupStatefulComponent (./.output/server/node_modules/@vue/runtime-core/dist/runtime-core.cjs.prod.js:6319:25)
  at renderComponentVNode (./.output/server/node_modules/@vue/server-renderer/dist/server-renderer.cjs.prod.js:391:17)`)],
  },
  {
    name: 'web-nuxt:cms-fetch-failed', level: 'ERROR', perDay: [8, 25],
    emit: ({ rng }) => [nitro(`[GET] "https://cms.internal.harbor.example/api/pages/${rng.pick(['home', 'about', 'shipping'])}": <no response> fetch failed`, `  at async $fetchRaw2 (./.output/server/node_modules/ofetch/dist/shared/ofetch.03887fc3.mjs:258:14)
  at async $fetch2 (./.output/server/node_modules/ofetch/dist/shared/ofetch.03887fc3.mjs:316:15)
  at async Object.handler (./.output/server/chunks/routes/api/page.get.mjs:14:16)
  at async Object.handler (./.output/server/node_modules/h3/dist/index.mjs:2004:19)`)],
  },
  {
    name: 'web-nuxt:caddy-incomplete-response', level: 'ERROR', perDay: [10, 30],
    emit: ({ rng, t, rev }) => [caddy(rev, t, 'error', 'http.handlers.reverse_proxy', 'aborting with incomplete response',
      { upstream: '127.0.0.1:3000', duration: Number(rng.fixed(0.5, 30, 6)), request: caddyRequest(rng, 'GET', '/_nuxt/entry.js'), error: 'reading: context canceled' })],
  },
  {
    name: 'noise:web-nuxt:access', level: 'INFO', perDay: [400, 800],
    emit: ({ rng, t, rev }) => {
      const status = rng.weighted([[200, 20], [304, 4], [500, 1]] as const);
      return [caddy(rev, t, 'info', 'http.log.access.log0', 'handled request',
        { request: caddyRequest(rng, 'GET', rng.pick(['/', '/cart', `/products/${rng.lower(6)}`])), bytes_read: 0, user_id: '', duration: Number(rng.fixed(0.001, 1.2, 6)), size: rng.int(200, 90000), status, resp_headers: { 'Content-Type': ['text/html;charset=utf-8'] } })];
    },
  },
];

export const webNuxt: ServiceDef = { name: 'web-nuxt', stack: 'Node 20, Nuxt 3 (Nitro), Caddy 2 sidecar', splitRate: 0.75, families: nuxtFamilies };
