// The Node services: an Express 5 app started by `npm start` with a Redis sidecar, and a sync worker
// that logs with the `debug` package.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { isoMillis, redisTime } from './clock.js';
import { cloudTrace, exitLine, fam } from './shared.js';

const WEB = 'web-npm';
const APP = '/usr/src/app';
const npmFail = (t: number, signal: string | undefined): string => [
  ...(signal ? [] : ['npm error code 1']),
  `npm error path ${APP}`,
  'npm error command failed',
  ...(signal ? [`npm error signal ${signal}`] : []),
  'npm error command sh -c node server.js',
  `npm error A complete log of this run can be found in: /root/.npm/_logs/${isoMillis(t).replace(/:/g, '_').replace('.', '_')}-debug-0.log`,
].join('\n');
/** Express 5's final handler prints err.stack with console.error on the morning revision; after, the app
 * writes Cloud Run's structured line with the stack in `message` and the request's trace. */
function expressError(t: number, rev: 0 | 1, rng: Prng, stack: string): Write {
  if (rev === 0) return { stream: 'stderr', text: stack };
  return { stream: 'stderr', json: { severity: 'ERROR', message: stack, component: 'web', time: isoMillis(t), 'logging.googleapis.com/trace': cloudTrace(rng) } };
}
const redis = (t: number, role: string, mark: string, msg: string): string => `1:${role} ${redisTime(t)} ${mark} ${msg}`;
export const webNpm: ServiceDef = {
  name: WEB, stack: 'Node 22, Express 5, pg 8, started with `npm start` (npm 10); Redis 7.4 as a sidecar container', splitRate: 0.7,
  families: [
    fam(`${WEB}:cart-undefined-id`, 'ERROR', [25, 60], ({ rng, t, rev }) => [expressError(t, rev, rng, [
      "TypeError: Cannot read properties of undefined (reading 'id')",
      `    at cartTotals (${APP}/src/cart/totals.js:27:31)`,
      `    at ${APP}/src/routes/cart.js:44:22`,
      `    at Layer.handleRequest (${APP}/node_modules/router/lib/layer.js:152:17)`,
      `    at next (${APP}/node_modules/router/lib/route.js:157:13)`,
      `    at requireSession (${APP}/src/middleware/session.js:19:5)`,
    ].join('\n'))], 0.2),
    fam(`${WEB}:pg-pool-timeout`, 'ERROR', [10, 30], ({ rng, t, rev }) => [expressError(t, rev, rng, [
      'Error: timeout exceeded when trying to connect',
      `    at ${APP}/node_modules/pg-pool/index.js:45:11`,
      '    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)',
      `    at async listOrders (${APP}/src/orders/repo.js:12:18)`,
      `    at async ${APP}/src/routes/orders.js:9:17`,
    ].join('\n'))], 0.4),
    fam(`${WEB}:boot-db-refused`, 'ERROR', [1, 3], ({ t }) => [
      { stream: 'stderr', text: [
        'node:internal/process/promises:394',
        '    triggerUncaughtException(err, true /* fromPromise */);',
        '    ^',
        '',
        'Error: connect ECONNREFUSED 10.8.0.5:5432',
        '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1615:16) {',
        '  errno: -111,',
        "  code: 'ECONNREFUSED',",
        "  syscall: 'connect',",
        "  address: '10.8.0.5',",
        '  port: 5432',
        '}',
        '',
        'Node.js v22.11.0',
      ].join('\n') },
      { stream: 'stderr', text: npmFail(t + 40, undefined) },
      exitLine(WEB, 1),
    ]),
    fam(`${WEB}:npm-sigterm`, 'ERROR', [8, 20], ({ t }) => [{ stream: 'stderr', text: npmFail(t, 'SIGTERM') }]),
    fam(`${WEB}:max-listeners`, 'WARNING', [40, 100], ({ rng }) => [{ stream: 'stderr', text: `(node:${rng.int(18, 30)}) MaxListenersExceededWarning: Possible EventEmitter memory leak detected. 11 error listeners added to [Client]. MaxListeners is 10. Use emitter.setMaxListeners() to increase limit\n(Use \`node --trace-warnings ...\` to show where the warning was created)` }]),
    fam(`${WEB}:redis-bgsave-fork`, 'WARNING', [6, 16], ({ t }) => [{ stream: 'stdout', text: redis(t, 'M', '#', "Can't save in background: fork: Cannot allocate memory") }]),
    fam(`${WEB}:redis-overcommit`, 'WARNING', [6, 16], ({ t }) => [{ stream: 'stdout', text: redis(t, 'M', '#', "WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition. Being disabled, it can also cause failures without low memory condition, see https://github.com/jemalloc/jemalloc/issues/1328. To fix this issue add 'vm.overcommit_memory = 1' to /etc/sysctl.conf and then reboot or run the command 'sysctl vm.overcommit_memory=1' for this to take effect.") }]),
    fam(`noise:${WEB}:redis`, 'INFO', [150, 300], ({ rng, t }) => [{ stream: 'stdout', text: rng.pick([
      redis(t, 'M', '*', '100 changes in 300 seconds. Saving...'),
      redis(t, 'M', '*', `Background saving started by pid ${rng.int(20, 400)}`),
      redis(t, 'M', '*', 'Background saving terminated with success'),
      redis(t, 'M', '*', 'Ready to accept connections tcp'),
    ]) }]),
    fam(`noise:${WEB}:npm-start`, 'INFO', [10, 30], () => [{ stream: 'stdout', text: '\n> wren-web@3.4.1 start\n> node server.js\n' }]),
    fam(`noise:${WEB}:app-info`, 'INFO', [500, 800], ({ rng, t, rev }) => {
      const msg = rng.pick([`cart recalculated items=${rng.int(1, 9)} errors=0`, `order ${rng.int(100000, 999999)} placed`, `session refreshed for ${rng.hex(8)}`]);
      return [rev === 0 ? { stream: 'stdout', text: msg } : { stream: 'stdout', json: { severity: 'INFO', message: msg, component: 'web', time: isoMillis(t) } }];
    }),
  ],
};

// The debug package in a container: not a TTY, so each line is `ISO-time namespace message`, and an
// Error argument prints with its stack (util.format's %O). The namespaces change at the rollout
// (`sync:*` becomes `catalog-sync:*`).
const SYNC = 'sync-debug';
const dbg = (t: number, rev: 0 | 1, ns: string, msg: string): string => `${isoMillis(t)} ${rev === 0 ? 'sync' : 'catalog-sync'}:${ns} ${msg}`;
export const syncDebug: ServiceDef = {
  name: SYNC, stack: 'Node 20 worker (Cloud Run, always-on CPU), debug 4.3, undici fetch to a Shopify Admin API, @google-cloud/bigquery 7', splitRate: 0.7,
  families: [
    fam(`${SYNC}:shopify-429`, 'WARNING', [50, 120], ({ rng, t, rev }) => [{ stream: 'stderr', text: dbg(t, rev, 'shopify', `throttled page=${rng.int(1, 80)} status=429 retry-after=${rng.int(1, 4)}`) }]),
    fam(`${SYNC}:bq-insert-partial`, 'ERROR', [10, 30], ({ rng, t, rev }) => [{ stream: 'stderr', text: dbg(t, rev, 'bq', `insert failed PartialFailureError: A failure occurred during this request.\n    at ${'/app/node_modules/@google-cloud/bigquery/build/src/table.js'}:1702:35\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5) {\n  errors: [ { errors: [ { message: 'no such field: variant_sku.', reason: 'invalid' } ], row: { id: ${rng.int(1e9, 9e9)}, variant_sku: '${rng.upperAlnum(8)}' } } ],\n  response: { kind: 'bigquery#tableDataInsertAllResponse' }\n}`) }]),
    fam(`${SYNC}:fetch-failed`, 'ERROR', [10, 25], ({ rng, t, rev }) => [{ stream: 'stderr', text: dbg(t, rev, 'shopify', `page ${rng.int(1, 80)} failed TypeError: fetch failed\n    at node:internal/deps/undici/undici:13185:13\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)\n    at async fetchPage (/app/src/shopify.js:41:15) {\n  [cause]: ConnectTimeoutError: Connect Timeout Error (attempted address: wren-shop.myshopify.com:443, timeout: 10000ms)\n      at onConnectTimeout (node:internal/deps/undici/undici:2602:28)\n      at node:internal/deps/undici/undici:2554:50\n      at Immediate._onImmediate (node:internal/deps/undici/undici:2586:13)\n      at process.processImmediate (node:internal/timers:483:21) {\n    code: 'UND_ERR_CONNECT_TIMEOUT'\n  }\n}`) }], 0.3),
    fam(`noise:${SYNC}:progress`, 'INFO', [550, 850], ({ rng, t, rev }) => [{ stream: 'stderr', text: dbg(t, rev, rng.pick(['shopify', 'bq', 'run']), rng.pick([`page ${rng.int(1, 80)} fetched products=${rng.int(1, 250)}`, `inserted rows=${rng.int(1, 500)} errors=0`, `cursor saved ${rng.base64url(16)}`])) }]),
  ],
};
