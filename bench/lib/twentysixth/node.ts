// The day's Node services: an Express API that logs with console (util.inspect of its errors, then
// Cloud Run's JSON lines by hand), and a Pub/Sub push notifier on pino, then pino through
// @google-cloud/pino-logging-gcp-config.
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { epochMillis } from './clock.js';
import { digits, fam, traceOf } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// web-express: Node 22, Express 4.21, pg 8 (pg-pool) to Cloud SQL through the Auth Proxy sidecar on
// `localhost:5432` (which resolves to ::1 and 127.0.0.1, so a refused connect is an AggregateError),
// fetch (undici) to a rates partner, a Cloud Tasks queue calling `/tasks/send-receipt`. Morning
// revision: `console.log` chatter and the error middleware's `console.error(err)`, Node's util.inspect
// of the error (own properties, `[errors]` of an AggregateError, `[cause]` chains) on stderr. From the
// rollout a ten-line logger writes `console.log(JSON.stringify({severity, message, ...}))` with the
// request's trace; the error middleware writes `message: err.stack` and the cause's inspect as `cause`.
const WE = 'web-express';

const jsonLine = (severity: string, message: string, rng: Prng, extra: Record<string, unknown> = {}): Write => ({
  stream: 'stdout', json: { severity, message, ...extra, 'logging.googleapis.com/trace': traceOf(rng) },
});

const connErr = (addr: string, indent: string): string => [
  `Error: connect ECONNREFUSED ${addr.includes(':') ? `${addr}` : addr}:5432`,
  '    at createConnectionError (node:net:1656:14)',
  '    at afterConnectMultiple (node:net:1686:16) {',
  '  errno: -111,',
  "  code: 'ECONNREFUSED',",
  "  syscall: 'connect',",
  `  address: '${addr}',`,
  '  port: 5432',
  '}',
].map((l) => indent + l).join('\n');

const AGG_STACK = (route: string): string => `AggregateError [ECONNREFUSED]: \n    at /app/node_modules/pg-pool/index.js:45:11\n    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)\n    at async ${route}`;

const weDbRefused = fam(`${WE}:db-refused`, 'ERROR', [40, 110], ({ rng, rev }) => {
  const route = rng.pick(['listOrders (file:///app/src/orders/repo.js:21:18)\n    at async file:///app/src/orders/routes.js:14:20', 'findCustomer (file:///app/src/customers/repo.js:9:16)\n    at async file:///app/src/customers/routes.js:11:22']);
  const path = route.startsWith('list') ? '/orders' : `/customers/${digits(rng, 5)}`;
  if (rev === 0) {
    const text = `${AGG_STACK(route)} {\n  code: 'ECONNREFUSED',\n  [errors]: [\n${connErr('::1', '    ').replace(/^    Error/, '    Error')},\n${connErr('127.0.0.1', '    ')}\n  ]\n}`;
    return [{ stream: 'stderr', text }];
  }
  return [jsonLine('ERROR', AGG_STACK(route), rng, { path, method: 'GET', code: 'ECONNREFUSED' })];
}, 0.3);

const FETCH_STACK = '    at node:internal/deps/undici/undici:13502:13\n    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)\n    at async fetchRate (file:///app/src/quotes/rates.js:18:17)';
const weRatesTimeout = fam(`${WE}:rates-connect-timeout`, 'ERROR', [30, 80], ({ rng, rev }) => {
  const cur = rng.pick(['EUR', 'GBP', 'CHF', 'SEK', 'PLN', 'DKK']);
  const outer = `Error: rates lookup failed for ${cur}\n    at fetchRate (file:///app/src/quotes/rates.js:24:11)\n    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)\n    at async createQuote (file:///app/src/quotes/routes.js:33:18)`;
  const cause = `TypeError: fetch failed\n${FETCH_STACK} {\n  [cause]: ConnectTimeoutError: Connect Timeout Error (attempted address: rates.fxpartner.example:443, timeout: 10000ms)\n      at onConnectTimeout (node:internal/deps/undici/undici:2602:28)\n      at Immediate._onImmediate (node:internal/deps/undici/undici:2583:11)\n      at process.processImmediate (node:internal/timers:491:21) {\n    code: 'UND_ERR_CONNECT_TIMEOUT'\n  }\n}`;
  if (rev === 0) return [{ stream: 'stderr', text: `${outer} {\n  [cause]: ${cause.split('\n').map((l, i) => (i === 0 ? l : `  ${l}`)).join('\n')}\n}` }];
  return [jsonLine('ERROR', outer, rng, { path: '/quotes', method: 'POST', cause: cause })];
});

const weTotal = fam(`${WE}:order-total-undefined`, 'ERROR', [25, 60], ({ rng, rev }) => {
  const stack = "TypeError: Cannot read properties of undefined (reading 'amount')\n    at file:///app/src/orders/total.js:12:38\n    at Array.reduce (<anonymous>)\n    at orderTotal (file:///app/src/orders/total.js:11:22)\n    at file:///app/src/orders/routes.js:41:19\n    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)";
  return [rev === 0 ? { stream: 'stderr', text: stack } : jsonLine('ERROR', stack, rng, { path: `/orders/${digits(rng, 6)}/total`, method: 'GET' })];
});

// Cloud Tasks retries the receipt task while the mail API answers 503; the handler says so and answers
// 503 itself (the request log's 503s are the platform's record).
const weReceipt = fam(`${WE}:receipt-mail-503`, 'WARNING', [60, 160], ({ rng, rev }) => {
  const order = digits(rng, 6);
  const attempt = rng.int(1, 6);
  const msg = `send-receipt ${order}: mail API answered 503 Service Unavailable, attempt ${attempt} (X-CloudTasks-TaskRetryCount=${attempt - 1}), will retry`;
  return [rev === 0 ? { stream: 'stderr', text: msg } : jsonLine('WARNING', msg, rng, { task: rng.pick(['send-receipt-', 'receipt-']) + rng.hex(8), queue: 'receipts' })];
});

const weChatter = fam(`noise:${WE}:chatter`, 'INFO', [210, 320], ({ rng, rev }) => {
  const msg = rng.pick([
    `GET /orders served ${rng.int(1, 50)} rows in ${rng.int(3, 90)}ms`,
    `quote q_${rng.hex(8)} created (${rng.pick(['EUR', 'GBP', 'USD'])})`,
    `send-receipt ${digits(rng, 6)}: sent (errors=0)`,
    `pool stats total=${rng.int(2, 10)} idle=${rng.int(0, 5)} waiting=0`,
  ]);
  return [rev === 0 ? { stream: 'stdout', text: msg } : jsonLine('INFO', msg, rng)];
});

const weStart = fam(`noise:${WE}:start`, 'INFO', [8, 20], ({ rev, rng }) => [rev === 0 ? { stream: 'stdout', text: 'web-express listening on :8080' } : jsonLine('INFO', 'listening', rng, { port: 8080 })]);

export const webExpress: ServiceDef = {
  name: WE, stack: 'Node 22, Express 4.21, pg 8 through the Auth Proxy sidecar, undici fetch, Cloud Tasks', splitRate: 0.65,
  families: [weDbRefused, weRatesTimeout, weTotal, weReceipt, weChatter, weStart],
};

// ---------------------------------------------------------------------------------------------------
// notify-pino: Node 22, Express 4 with pino-http 10, a Pub/Sub push subscription on `/pubsub/push`,
// firebase-admin 12 (FCM), @google-cloud/firestore 7. Morning revision: pino's defaults on stdout
// (numeric `level`, `time` in epoch ms, `pid`, `hostname`, `msg`, errors under `err` with `type`,
// `message`, `stack` and own properties). From the rollout pino with
// @google-cloud/pino-logging-gcp-config 1.0: `message`, `severity`, `timestamp` as seconds and nanos,
// an insertId, the trace, and for errors `stack_trace` and the Error Reporting `@type`.
const NP = 'notify-pino';
const PINO_LEVEL: Record<string, number> = { INFO: 30, WARNING: 40, ERROR: 50, CRITICAL: 60 };

function pinoLine(rng: Prng, t: number, rev: 0 | 1, severity: string, msg: string, extra: Record<string, unknown> = {}, err?: Record<string, unknown>): Write {
  if (rev === 0) {
    const json: Record<string, unknown> = { level: PINO_LEVEL[severity], time: epochMillis(t), pid: 1, hostname: 'localhost', ...extra };
    if (err) json.err = err;
    json.msg = msg;
    return { stream: 'stdout', json };
  }
  const json: Record<string, unknown> = { severity, timestamp: { seconds: Math.floor(t / 1_000_000), nanos: (t % 1_000_000) * 1000 }, 'logging.googleapis.com/insertId': `..........${rng.alnum(12)}`, ...extra };
  if (err) {
    json.err = err;
    json['@type'] = 'type.googleapis.com/google.devtools.clouderrorreporting.v1beta1.ReportedErrorEvent';
    json.stack_trace = err.stack;
    json.serviceContext = { service: NP, version: '1.4.0' };
  }
  json['logging.googleapis.com/trace'] = traceOf(rng);
  json.message = msg;
  return { stream: 'stdout', json };
}

const fcmToken = (rng: Prng): string => `${rng.base64url(22)}:APA91b${rng.base64url(40)}`;

// FCM says the registration token is gone; the notifier logs it and drops the token (a warning).
const npUnregistered = fam(`${NP}:fcm-token-unregistered`, 'WARNING', [150, 320], ({ rng, t, rev }) => [
  pinoLine(rng, t, rev, 'WARNING', 'push not delivered, token removed', { userId: `u_${digits(rng, 6)}`, token: fcmToken(rng).slice(0, 24), code: 'messaging/registration-token-not-registered' }),
]);

const npFirestoreDeadline = fam(`${NP}:prefs-firestore-deadline`, 'ERROR', [30, 80], ({ rng, t, rev }) => {
  const stack = `Error: 4 DEADLINE_EXCEEDED: Deadline exceeded after 59.998s,metadata filters: 0.001s,LB pick: 0.002s,remote_addr=142.250.${rng.int(0, 255)}.${rng.int(1, 254)}:443\n    at callErrorFromStatus (/app/node_modules/@grpc/grpc-js/build/src/call.js:32:19)\n    at Object.onReceiveStatus (/app/node_modules/@grpc/grpc-js/build/src/client.js:193:76)\n    at Object.onReceiveStatus (/app/node_modules/@grpc/grpc-js/build/src/client-interceptors.js:361:141)\n    at process.processTicksAndRejections (node:internal/process/task_queues:77:11)\nfor call at\n    at ServiceClientImpl.makeUnaryRequest (/app/node_modules/@grpc/grpc-js/build/src/client.js:161:32)\n    at /app/node_modules/google-gax/build/src/normalCalls/timeout.js:44:16\n    at async loadPrefs (/app/src/prefs.js:14:17)`;
  return [pinoLine(rng, t, rev, 'ERROR', 'push handler failed, message will be redelivered', { subscription: 'projects/tidewater-apps-prod/subscriptions/notify-push', messageId: digits(rng, 16) }, { type: 'Error', message: stack.split('\n')[0]?.slice(7), stack, code: 4, details: 'Deadline exceeded after 59.998s,metadata filters: 0.001s,LB pick: 0.002s', metadata: {} })];
});

// A Pub/Sub message whose data is not the JSON the producer promised: one producer sends CSV.
const npBadPayload = fam(`${NP}:push-payload-not-json`, 'ERROR', [40, 100], ({ rng, t, rev }) => {
  const stack = `SyntaxError: Unexpected token 'u', "user_id,${rng.pick(['title', 'kind'])},"... is not valid JSON\n    at JSON.parse (<anonymous>)\n    at decode (/app/src/push.js:22:15)\n    at /app/src/push.js:41:19\n    at Layer.handle [as handle_request] (/app/node_modules/express/lib/router/layer.js:95:5)\n    at next (/app/node_modules/express/lib/router/route.js:149:13)`;
  return [pinoLine(rng, t, rev, 'ERROR', 'push message rejected', { messageId: digits(rng, 16), bytes: rng.int(80, 4000) }, { type: 'SyntaxError', message: stack.split('\n')[0]?.slice(13), stack })];
});

// firebase-admin's sendEachForMulticast: some of a batch fail; the list of failed indexes has any length.
const npPartial = fam(`${NP}:multicast-partial-failure`, 'WARNING', [60, 140], ({ rng, t, rev }) => {
  const n = rng.int(1, 6);
  const idx = Array.from({ length: n }, () => rng.int(0, 499)).sort((a, b) => a - b);
  return [pinoLine(rng, t, rev, 'WARNING', `multicast: ${n} of ${rng.int(n + 10, 500)} messages failed (indexes ${idx.join(', ')})`, { campaign: `c_${rng.hex(6)}` })];
});

const npChatter = fam(`noise:${NP}:chatter`, 'INFO', [260, 410], ({ rng, t, rev }) => [rng.chance(0.7)
  ? pinoLine(rng, t, rev, 'INFO', 'request completed', { req: { id: rng.int(1, 9999), method: 'POST', url: '/pubsub/push' }, res: { statusCode: 204 }, responseTime: rng.int(4, 300) })
  : pinoLine(rng, t, rev, 'INFO', `multicast: 0 of ${rng.int(10, 500)} messages failed`, { campaign: `c_${rng.hex(6)}`, errors: 0 })]);

export const notifyPino: ServiceDef = {
  name: NP, stack: 'Node 22, Express 4, pino-http 10, @google-cloud/pino-logging-gcp-config 1.0 from the rollout, firebase-admin 12, Firestore 7', splitRate: 0.6,
  families: [npUnregistered, npFirestoreDeadline, npBadPayload, npPartial, npChatter],
};
