// The Node services: Node-RED as an integration flow host, an Angular SSR storefront, and a Temporal
// TypeScript worker.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { requests } from '../cloud-run-day.js';
import { isoMillis, nodeRedTime } from './clock.js';
import { byRev, cloudTrace, exitLine, fam } from './shared.js';

// ---- flows-nodered -------------------------------------------------------------------------------
// Node-RED 3.1 on the morning revision: the console logger's `D Mon HH:MM:SS - [level] [type:name] msg`
// on stdout (util.log's clock, no year, no padding of the day). Node-RED 4.0 after, with a custom logger
// in settings.js writing one JSON line with `severity` (and the console logger off). The runtime's
// uncaught-exception handler still writes `[red] Uncaught Exception:` through util.log, then the stack
// through the log API, then exits.
const NR = 'flows-nodered';
type NrLevel = 'error' | 'warn' | 'info';
const NR_SEVERITY: Record<NrLevel, string> = { error: 'ERROR', warn: 'WARNING', info: 'INFO' };

function nrLog(rev: 0 | 1, t: number, level: NrLevel, node: string | undefined, msg: string): Write {
  if (rev === 0) return { stream: 'stdout', text: `${nodeRedTime(t)} - [${level}] ${node ? `[${node}] ` : ''}${msg}` };
  const json: Record<string, unknown> = { severity: NR_SEVERITY[level], message: msg };
  if (node) json.node = node;
  json.time = isoMillis(t);
  return { stream: 'stdout', json };
}

const nrFunctionTypeError = fam(`${NR}:function-parse-reading`, 'ERROR', [40, 90], ({ rng, t, rev }) => [
  nrLog(rev, t, 'error', 'function:parse reading', `TypeError: Cannot read properties of undefined (reading '${rng.pick(['temp', 'temp', 'humidity'])}')`),
]);

const nrHttpTimeout = fam(`${NR}:http-request-forecast`, 'ERROR', [20, 50], ({ rng, t, rev }) => [
  nrLog(rev, t, 'error', 'http request:get forecast', `RequestError: connect ETIMEDOUT ${rng.publicIpv4()}:443`),
]);

const nrPgDuplicate = fam(`${NR}:postgresql-duplicate-reading`, 'ERROR', [25, 60], ({ t, rev }) => [
  nrLog(rev, t, 'error', 'postgresql:insert reading', `error: duplicate key value violates unique constraint "readings_sensor_id_taken_at_key"`),
]);

// A contrib node's socket error nobody listens for: the runtime's handler, the stack, the exit.
const nrUncaught = fam(`${NR}:uncaught-econnreset`, 'ERROR', [3, 7], ({ t, rev }) => [
  { stream: 'stdout', text: `${nodeRedTime(t)} - [red] Uncaught Exception:` },
  nrLog(rev, t + 200, 'error', undefined, [
    'Error: read ECONNRESET',
    '    at TLSWrap.onStreamRead (node:internal/stream_base_commons:218:20)',
  ].join('\n')),
  exitLine(NR, 1),
]);

const nrDedupeWarn = fam(`${NR}:dedupe-duplicate-reading`, 'WARNING', [150, 300], ({ rng, t, rev }) => [
  nrLog(rev, t, 'warn', 'function:dedupe', `duplicate reading from sensor-${rng.int(1, 60)}, skipped`),
]);

const nrDebug = fam(`noise:${NR}:debug`, 'INFO', [300, 500], ({ rng, t, rev }) => [
  nrLog(rev, t, 'info', 'debug:batch stats', `{ inserted: ${rng.int(10, 80)}, skipped: ${rng.int(0, 3)}, errors: 0 }`),
]);

const nrStartup = fam(`noise:${NR}:startup`, 'INFO', [6, 16], ({ rng, t, rev }) => [
  nrLog(rev, t, 'info', undefined, `Node-RED version: v${byRev(rev, '3.1.14', '4.0.8')}`),
  nrLog(rev, t + 20, 'info', undefined, 'Node.js  version: v20.18.1'),
  nrLog(rev, t + 900, 'info', undefined, 'Starting flows'),
  nrLog(rev, t + 1500, 'info', undefined, 'Started flows'),
  nrLog(rev, t + 2600, 'info', 'mqtt-broker:hivemq', `Connected to broker: nr-${rng.hex(6)}@mqtts://broker.hivemq.cloud:8883`),
]);

export const flowsNodered: ServiceDef = {
  name: NR, stack: 'Node-RED 3.1 then 4.0 (Node 20), node-red-contrib-postgresql, MQTT to HiveMQ Cloud', splitRate: 0.7,
  families: [nrFunctionTypeError, nrHttpTimeout, nrPgDuplicate, nrUncaught, nrDedupeWarn, nrDebug, nrStartup],
};

// ---- web-angular ---------------------------------------------------------------------------------
// Angular 18 SSR (`node dist/shop/server/server.mjs`, Express 4): Angular's ErrorHandler calls
// `console.error('ERROR', error)`, so Node writes `ERROR ` and util.inspect of the value on stderr, an
// HttpErrorResponse as a multi-line object. Angular 19 after the rollout, whose server.ts adds an Express
// error handler that writes one JSON line with `severity` and the request's trace.
const NG = 'web-angular';
const CHUNK = (rng: Prng): string => `file:///app/dist/shop/server/chunk-${rng.upperAlnum(8)}.mjs`;

const ngHttpFailure = fam(`${NG}:ssr-http-catalog-unreachable`, 'ERROR', [40, 90], ({ rng, t }) => {
  const url = `http://catalog-api.internal:8080/v1/products/${rng.int(100, 9999)}`;
  const ip = rng.privateIpv4();
  return [{ stream: 'stderr', text: [
    'ERROR HttpErrorResponse {',
    '  headers: _HttpHeaders {',
    '    normalizedNames: Map(0) {},',
    '    lazyUpdate: null,',
    '    lazyInit: [Function (anonymous)]',
    '  },',
    '  status: 0,',
    "  statusText: 'Unknown Error',",
    `  url: '${url}',`,
    '  ok: false,',
    "  name: 'HttpErrorResponse',",
    `  message: 'Http failure response for ${url}: 0 Unknown Error',`,
    '  error: TypeError: fetch failed',
    '      at node:internal/deps/undici/undici:13502:13',
    '      at process.processTicksAndRejections (node:internal/process/task_queues:95:5) {',
    '    [cause]: Error: connect ECONNREFUSED ' + `${ip}:8080`,
    '        at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16) {',
    '      errno: -111,',
    "      code: 'ECONNREFUSED',",
    "      syscall: 'connect',",
    `      address: '${ip}',`,
    '      port: 8080',
    '    }',
    '  }',
    '}',
  ].join('\n') }];
});

const ngLocalStorage = fam(`${NG}:ssr-localstorage-undefined`, 'ERROR', [30, 70], ({ rng, t }) => {
  const chunk = CHUNK(rng);
  return [{ stream: 'stderr', text: [
    'ERROR ReferenceError: localStorage is not defined',
    `    at _CartService.restore (${chunk}:1:${rng.int(1000, 9000)})`,
    `    at new _CartService (${chunk}:1:${rng.int(1000, 9000)})`,
    `    at Object.factory (${chunk}:1:${rng.int(1000, 9000)})`,
    '    at R3Injector.hydrate (file:///app/dist/shop/server/chunk-core.mjs:7:40211)',
    '    at R3Injector.get (file:///app/dist/shop/server/chunk-core.mjs:7:38166)',
  ].join('\n') }];
});

// Scanners ask for paths the router does not know; Angular reports each one.
const ngNoRoute = fam(`${NG}:router-no-match`, 'ERROR', [150, 280], ({ rng, t }) => [{ stream: 'stderr', text: [
  `ERROR RuntimeError: NG04002: Cannot match any routes. URL Segment: '${rng.pick(['wp-login.php', 'xmlrpc.php', '.env', 'wp-admin', 'phpmyadmin'])}'`,
  '    at _Recognizer.noMatchError (file:///app/dist/shop/server/chunk-router.mjs:3:18412)',
  '    at file:///app/dist/shop/server/chunk-router.mjs:3:19302',
  '    at file:///app/dist/shop/server/chunk-rxjs.mjs:1:8810',
].join('\n') }]);

// Only the afternoon release has it: a checkout guard that calls inject() after an await.
const ngCheckoutInject = fam(`${NG}:ssr-render-checkout-inject`, 'ERROR', [40, 80], ({ rng, t, rev }) => {
  if (rev === 0) return [{ stream: 'stdout', text: `GET /checkout 200 ${rng.int(40, 400)}ms`, as: { family: `noise:${NG}:access`, level: 'INFO' } }];
  return [{ stream: 'stderr', json: {
    severity: 'ERROR',
    message: `SSR render failed for /checkout: RuntimeError: NG0203: inject() must be called from an injection context such as a constructor, a factory function, a field initializer, or a function used with \`runInInjectionContext\`. Find more at https://angular.dev/errors/NG0203\n    at injectInjectorOnly (file:///app/dist/shop/server/chunk-core.mjs:7:21007)\n    at ɵɵinject (file:///app/dist/shop/server/chunk-core.mjs:7:21410)\n    at inject (file:///app/dist/shop/server/chunk-core.mjs:7:21522)\n    at checkoutGuard (${CHUNK(rng)}:1:${rng.int(1000, 9000)})`,
    'logging.googleapis.com/trace': cloudTrace(rng),
  } }];
});

const ngAccess = fam(`noise:${NG}:access`, 'INFO', [500, 800], ({ rng, t }) => [
  { stream: 'stdout', text: `GET ${rng.pick(['/', '/products/' + rng.int(100, 9999), '/cart', '/search?q=' + rng.lower(5)])} 200 ${rng.int(20, 400)}ms` },
]);

const ngStartup = fam(`noise:${NG}:startup`, 'INFO', [6, 16], ({ t }) => [{ stream: 'stdout', text: 'Node Express server listening on http://localhost:8080' }]);

export const webAngular: ServiceDef = {
  name: NG, stack: 'Angular 18 then 19 SSR (@angular/ssr, Express 4) on Node 20, HttpClient withFetch', splitRate: 0.7,
  families: [ngHttpFailure, ngLocalStorage, ngNoRoute, ngCheckoutInject, ngAccess, ngStartup],
};

export const ngPlatform = [requests(NG, 500, [25, 50], 'GET', () => '/checkout'), requests(NG, 200, [300, 500], 'GET', (rng) => `/products/${rng.int(100, 9999)}`)];

// ---- worker-temporal -----------------------------------------------------------------------------
// @temporalio/worker 1.11's DefaultLogger on the morning revision: `ISO [LEVEL] message` and, after a
// space, util.inspect of the meta object (multi-line) on stderr. After the rollout the Runtime is
// installed with a logger function writing one JSON line (`severity`, `message`, the meta, the error's
// stack as text).
const TW = 'worker-temporal';

const indent = (s: string, n: number): string => s.split('\n').map((l, i) => (i === 0 ? l : ' '.repeat(n) + l)).join('\n');

interface Meta { [k: string]: string | number | boolean }
function temporalLog(rev: 0 | 1, t: number, level: 'ERROR' | 'WARN' | 'INFO', message: string, meta: Meta, error?: string): Write {
  if (rev === 0) {
    const lines = Object.entries(meta).map(([k, v]) => `  ${k}: ${typeof v === 'string' ? `'${v}'` : String(v)}`);
    if (error !== undefined) lines.push(`  error: ${indent(error, 4)}`);
    return { stream: 'stderr', text: `${isoMillis(t)} [${level}] ${message} {\n${lines.join(',\n')}\n}` };
  }
  const json: Record<string, unknown> = { severity: level === 'WARN' ? 'WARNING' : level, message, ...meta };
  if (error !== undefined) json.error = error;
  json.time = isoMillis(t);
  return { stream: 'stderr', json };
}

const activityMeta = (rng: Prng, type: string, workflowType: string, attempt: number): Meta => ({
  isLocal: false, attempt, namespace: 'billing.x7k2p', taskToken: rng.base64(64), workflowId: `${workflowType.replace('Workflow', '')}-${rng.int(1000, 99999)}`,
  workflowRunId: rng.uuid(), workflowType, activityId: String(rng.int(1, 9)), activityType: type, taskQueue: 'billing', sdkComponent: 'activity', durationMs: rng.int(30, 30_100),
});

const twXero = fam(`${TW}:activity-sync-invoice-503`, 'WARNING', [40, 90], ({ rng, t, rev }) => [temporalLog(rev, t, 'WARN', 'Activity failed', activityMeta(rng, 'syncInvoiceToXero', 'invoiceWorkflow', rng.int(1, 8)), [
  'Error: Xero API responded 503 Service Unavailable',
  `    at syncInvoiceToXero (/app/lib/activities/xero.js:${rng.pick([41, 44])}:11)`,
  '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
  '    at async Activity.execute (/app/node_modules/@temporalio/worker/lib/activity.js:97:20)',
].join('\n'))]);

const twSmtp = fam(`${TW}:activity-send-receipt-dns`, 'WARNING', [20, 50], ({ rng, t, rev }) => [temporalLog(rev, t, 'WARN', 'Activity failed', activityMeta(rng, 'sendReceiptEmail', 'invoiceWorkflow', rng.int(1, 5)), [
  'Error: getaddrinfo EAI_AGAIN smtp.sendgrid.net',
  '    at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:109:26) {',
  '  errno: -3001,',
  "  code: 'EAI_AGAIN',",
  "  syscall: 'getaddrinfo',",
  "  hostname: 'smtp.sendgrid.net'",
  '}',
].join('\n'))]);

// The afternoon release changed the order of two activities in a running workflow: Core fails the
// workflow task of every older run it replays.
const twNondeterminism = fam(`${TW}:workflow-task-nondeterminism`, 'WARNING', [30, 70], ({ rng, t, rev }) => {
  if (rev === 0) return [temporalLog(rev, t, 'INFO', 'invoice synced', { invoiceId: `INV-${rng.int(1000, 99999)}`, lines: rng.int(1, 30), errors: 0, sdkComponent: 'activity', activityType: 'syncInvoiceToXero', taskQueue: 'billing' })].map((w) => ({ ...w, as: { family: `noise:${TW}:activity-info`, level: 'INFO' as const } }));
  return [temporalLog(rev, t, 'WARN', 'Failing workflow task', {
    run_id: rng.uuid(),
    failure: `Failure { failure: Some(Failure { message: "[TMPRL1100] Nondeterminism error: Activity type of scheduled event 'chargeCard' does not match activity type of activity command 'authorizeCard'", source: "", stack_trace: "", encoded_attributes: None, cause: None, failure_info: Some(ApplicationFailureInfo(ApplicationFailureInfo { r#type: "", non_retryable: false, details: None, next_retry_delay: None })) }), force_cause: NonDeterministicError }`,
    sdkComponent: 'core', taskQueue: 'billing',
  })];
});

// The worker cannot reach Temporal Cloud at start: the sample's `run().catch(err => { console.error(err);
// process.exit(1) })` prints the error, then the container exits.
const twConnect = fam(`${TW}:connect-temporal-cloud`, 'ERROR', [2, 6], () => [
  { stream: 'stderr', text: [
    'TransportError: tonic::transport::Error(Transport, hyper::Error(Connect, ConnectError("tcp connect error", Os { code: 110, kind: TimedOut, message: "Connection timed out" })))',
    '    at NativeConnection.connect (/app/node_modules/@temporalio/worker/lib/connection.js:53:40)',
    '    at async run (/app/lib/worker.js:14:24)',
  ].join('\n') },
  exitLine(TW, 1),
]);

const twInfo = fam(`noise:${TW}:activity-info`, 'INFO', [180, 300], ({ rng, t, rev }) => [
  temporalLog(rev, t, 'INFO', 'invoice synced', { invoiceId: `INV-${rng.int(1000, 99999)}`, lines: rng.int(1, 30), errors: 0, sdkComponent: 'activity', activityType: 'syncInvoiceToXero', taskQueue: 'billing' }),
]);

const twState = fam(`noise:${TW}:state`, 'INFO', [6, 16], ({ t, rev }) => [
  temporalLog(rev, t, 'INFO', 'Worker state changed', { sdkComponent: 'worker', taskQueue: 'billing', state: 'RUNNING' }),
]);

export const workerTemporal: ServiceDef = {
  name: TW, stack: 'Node 20, @temporalio/worker 1.11 on Temporal Cloud (always-on CPU), axios to Xero, nodemailer over SendGrid SMTP', splitRate: 0.7,
  families: [twXero, twSmtp, twNondeterminism, twConnect, twInfo, twState],
};
