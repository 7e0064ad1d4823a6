// The Node services: Uptime Kuma watching the company's sites, and a LoopBack 4 API.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { isoMillis, isoSecondsOffset } from './clock.js';
import { cloudTrace, exitLine, fam } from './shared.js';

// Uptime Kuma 1.23 then 2.0 (Node 20), SQLite on a Cloud Storage volume. Its logger writes
// `ISO-time [MODULE] LEVEL: msg` (console.warn/console.error for WARN/ERROR), an error object with
// console.trace (`Trace: ` + stack) on the write after. A monitor's state line names the monitor, the
// reason and the retry settings, which vary between monitors and between Pending and Failing.
const KUMA = 'status-kuma';
const kl = (t: number, module: string, level: string, msg: string): string => `${isoSecondsOffset(t)} [${module}] ${level}: ${msg}`;
const MONITORS: ReadonlyArray<readonly [number, string, string]> = [
  [3, 'api.heron.example', 'http'], [7, 'shop.heron.example', 'http'], [12, 'partner feed', 'http'], [19, 'status page', 'keyword'], [23, 'checkout health', 'json-query'],
];
function monitorLine(rng: Prng, t: number, reason: string): string {
  const [id, name, type] = rng.pick(MONITORS);
  if (rng.chance(0.5)) {
    const retries = rng.pick([2, 3, 5]);
    return kl(t, 'MONITOR', 'WARN', `Monitor #${id} '${name}': Pending: ${reason} | Max retries: ${retries} | Retry: ${rng.int(1, retries)} | Retry Interval: ${rng.pick([20, 30, 60])} seconds | Type: ${type}`);
  }
  return kl(t, 'MONITOR', 'WARN', `Monitor #${id} '${name}': Failing: ${reason} | Interval: ${rng.pick([20, 60])} seconds | Type: ${type} | Down Count: ${rng.int(0, 4)} | Resend Interval: 0`);
}
const knexStack = [
  'Trace: KnexTimeoutError: Knex: Timeout acquiring a connection. The pool is probably full. Are you missing a .transacting(trx) call?',
  '    at Client_SQLite3.acquireConnection (/app/node_modules/knex/lib/client.js:312:26)',
  '    at async Runner.ensureConnection (/app/node_modules/knex/lib/execution/runner.js:287:28)',
  '    at async Runner.run (/app/node_modules/knex/lib/execution/runner.js:30:19)',
  '    at async RedBeanNode.normalizeRaw (/app/node_modules/redbean-node/dist/redbean-node.js:572:22)',
  '    at async RedBeanNode.getRow (/app/node_modules/redbean-node/dist/redbean-node.js:558:22)',
  '    at async RedBeanNode.getCell (/app/node_modules/redbean-node/dist/redbean-node.js:593:19)',
  '    at async Settings.get (/app/server/settings.js:54:21)',
  '    at async exports.setting (/app/server/util-server.js:610:12)',
  '    at async Monitor.beat (/app/server/model/monitor.js:1062:33) {',
  "  sql: 'SELECT `value` FROM setting WHERE `key` = ?  limit ?',",
  "  bindings: [ 'trustProxy', 1 ]",
  '}',
].join('\n');
export const statusKuma: ServiceDef = {
  name: KUMA, stack: 'Uptime Kuma 1.23.15 then 2.0.0-beta.1 (Node 20), SQLite on a Cloud Storage FUSE volume, Slack and Telegram notifications', splitRate: 0.6,
  families: [
    fam(`${KUMA}:monitor-timeout`, 'WARNING', [150, 300], ({ rng, t }) => [{ stream: 'stderr', text: monitorLine(rng, t, 'timeout of 48000ms exceeded') }]),
    fam(`${KUMA}:monitor-503`, 'WARNING', [40, 90], ({ rng, t }) => [{ stream: 'stderr', text: monitorLine(rng, t, 'Request failed with status code 503') }]),
    fam(`${KUMA}:monitor-dns`, 'WARNING', [15, 40], ({ rng, t }) => [{ stream: 'stderr', text: monitorLine(rng, t, 'getaddrinfo ENOTFOUND partner-feed.heron.example') }]),
    fam(`${KUMA}:knex-pool-timeout`, 'ERROR', [15, 40], ({ t }) => [
      { stream: 'stderr', text: kl(t, 'MONITOR', 'ERROR', 'Please report to https://github.com/louislam/uptime-kuma/issues') },
      { stream: 'stderr', text: knexStack },
    ], 0.5),
    fam(`${KUMA}:notify-slack-404`, 'ERROR', [5, 15], ({ t }) => [
      { stream: 'stderr', text: kl(t, 'MONITOR', 'ERROR', 'Cannot send notification to Ops Slack') },
      { stream: 'stderr', text: kl(t + 300, 'MONITOR', 'ERROR', 'Error: Error: AxiosError: Request failed with status code 404 no_service') },
    ]),
    fam(`noise:${KUMA}:up`, 'INFO', [350, 550], ({ rng, t }) => {
      const [id, name] = rng.pick(MONITORS);
      return [{ stream: 'stdout', text: rng.chance(0.7)
        ? kl(t, 'MONITOR', 'INFO', `Monitor #${id} '${name}': Successful Response: ${rng.int(40, 900)} ms | Interval: 60 seconds | Type: http`)
        : kl(t, rng.pick(['SERVER', 'AUTH', 'RATE-LIMIT']), 'INFO', rng.pick([`Successfully logged in user admin. IP=${rng.publicIpv4()}`, `remaining requests: ${rng.int(1, 20)}`, 'Connected to the database (errors=0)'])) }];
    }),
  ],
};

// A LoopBack 4 API (Node 20, @loopback/rest, juggler with loopback-connector-postgresql). Morning: the
// default LogErrorProvider, `console.error('Request %s %s failed with status code %s. %s', method, url,
// status, err.stack)` on stderr, the stack on the lines after. After the rollout: the team binds its own
// provider that writes one JSON line for Cloud Logging (`severity`, `message`, `stack_trace`, the
// request's trace). Same failures, printed two ways.
const LB = 'api-loopback';
function lbError(rng: Prng, t: number, rev: 0 | 1, method: string, url: string, status: number, stack: string): Write {
  if (rev === 0) return { stream: 'stderr', text: `Request ${method} ${url} failed with status code ${status}. ${stack}` };
  const first = stack.split('\n')[0] ?? stack;
  return { stream: 'stdout', json: {
    severity: 'ERROR', message: `${method} ${url} failed with status ${status}: ${first}`, stack_trace: stack,
    httpRequest: { requestMethod: method, requestUrl: url, status }, 'logging.googleapis.com/trace': cloudTrace(rng), time: isoMillis(t),
  } };
}
const pgMissing = [
  'error: relation "order_lines" does not exist',
  '    at Parser.parseErrorMessage (/app/node_modules/pg-protocol/dist/parser.js:283:98)',
  '    at Parser.handlePacket (/app/node_modules/pg-protocol/dist/parser.js:122:29)',
  '    at Parser.parse (/app/node_modules/pg-protocol/dist/parser.js:35:38)',
  '    at Socket.<anonymous> (/app/node_modules/pg-protocol/dist/index.js:11:42)',
  '    at Socket.emit (node:events:519:28)',
  '    at addChunk (node:internal/streams/readable:559:12)',
  '    at readableAddChunkPushByteMode (node:internal/streams/readable:510:3)',
  '    at Readable.push (node:internal/streams/readable:390:5)',
  '    at TCP.onStreamRead (node:internal/stream_base_commons:191:23)',
].join('\n');
const pgTimeout = [
  'Error: Connection terminated due to connection timeout',
  '    at Client._handleErrorEvent (/app/node_modules/pg/lib/client.js:332:5)',
  '    at Connection.<anonymous> (/app/node_modules/pg/lib/client.js:170:12)',
  '    at Object.onceWrapper (node:events:634:28)',
  '    at Connection.emit (node:events:519:28)',
  '    at Socket.<anonymous> (/app/node_modules/pg/lib/connection.js:62:12)',
  '    at Socket.emit (node:events:519:28)',
  '    at TCP.<anonymous> (node:net:339:12)',
].join('\n');
const webhookType = [
  "TypeError: Cannot read properties of undefined (reading 'object')",
  '    at StripeWebhookController.receive (/app/dist/controllers/stripe-webhook.controller.js:41:43)',
  '    at invokeTargetMethod (/app/node_modules/@loopback/core/dist/invocation.js:244:47)',
  '    at /app/node_modules/@loopback/core/dist/invocation.js:119:36',
  '    at Object.transformValueOrPromise (/app/node_modules/@loopback/context/dist/value-promise.js:298:12)',
  '    at InvocationContext.invokeTargetMethod (/app/node_modules/@loopback/core/dist/invocation.js:119:16)',
  '    at ControllerRoute.invokeHandler (/app/node_modules/@loopback/rest/dist/router/controller-route.js:80:29)',
  '    at InvokeMethodProvider.action (/app/node_modules/@loopback/rest/dist/providers/invoke-method.provider.js:21:22)',
].join('\n');
export const apiLoopback: ServiceDef = {
  name: LB, stack: 'Node 20, LoopBack 4 (@loopback/rest 14, juggler 5, loopback-connector-postgresql 7 on pg 8), Cloud SQL for PostgreSQL, Stripe webhooks', splitRate: 0.7,
  families: [
    fam(`${LB}:order-lines-missing`, 'ERROR', [20, 45], ({ rng, t, rev }) => [lbError(rng, t, rev, 'GET', `/orders/${rng.int(1000, 99999)}?filter=%7B%22include%22%3A%5B%22lines%22%5D%7D`, 500, pgMissing)]),
    fam(`${LB}:customers-pg-timeout`, 'ERROR', [10, 30], ({ rng, t, rev }) => [lbError(rng, t, rev, 'POST', '/customers', 500, pgTimeout)], 0.4),
    fam(`${LB}:stripe-webhook-typeerror`, 'ERROR', [8, 25], ({ rng, t, rev }) => [lbError(rng, t, rev, 'POST', '/webhooks/stripe', 500, webhookType)]),
    // Node prints the deprecation once a process, at the first require of punycode (by a dependency).
    fam(`${LB}:punycode-deprecation`, 'WARNING', [6, 16], () => [{ stream: 'stderr', text: '(node:1) [DEP0040] DeprecationWarning: The `punycode` module is deprecated. Please use a userland alternative instead.\n(Use `node --trace-deprecation ...` to show where the warning was created)' }]),
    fam(`${LB}:boot-missing-env`, 'ERROR', [1, 3], () => [
      { stream: 'stderr', text: 'Cannot start the application. Error: The key \'datasources.config.pg\' is not bound to any value in context RestApplication-0kDRmJDNRfOkp9yqmTDqBA-0\n    at RestApplication.getValueOrPromise (/app/node_modules/@loopback/context/dist/context.js:522:23)\n    at /app/node_modules/@loopback/context/dist/resolver.js:93:24\n    at /app/node_modules/@loopback/context/dist/resolution-session.js:66:55\n    at Object.tryWithFinally (/app/node_modules/@loopback/context/dist/value-promise.js:191:18) {\n  code: \'BINDING_NOT_FOUND\',\n  key: \'datasources.config.pg\',\n  resolutionPath: \'repositories.OrderRepository --> @OrderRepository.constructor[0] --> datasources.pg --> @PgDataSource.constructor[0]\',\n  resolutionCtx: \'RestApplication-0kDRmJDNRfOkp9yqmTDqBA-0\'\n}' },
      exitLine(LB, 1),
    ]),
    fam(`noise:${LB}:served`, 'INFO', [350, 550], ({ rng, t, rev }) => [rev === 0
      ? { stream: 'stdout', text: rng.pick([`Server is running at http://[::1]:8080`, `order ${rng.int(1000, 99999)} synced (errors=0)`, `webhook ${rng.pick(['invoice.paid', 'charge.succeeded'])} accepted`]) }
      : { stream: 'stdout', json: { severity: 'INFO', message: rng.pick([`order ${rng.int(1000, 99999)} synced (errors=0)`, `webhook ${rng.pick(['invoice.paid', 'charge.succeeded'])} accepted`]), 'logging.googleapis.com/trace': cloudTrace(rng), time: isoMillis(t) } }]),
  ],
};
