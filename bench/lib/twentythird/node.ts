// The Node services of the twenty-third day: NestJS with nestjs-pino, a Node Cloud Run job, Hono on
// Node, and a Node Cloud Run function. Formats follow each library's source and the reports cited in
// README.md.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { epochMs } from './clock.js';
import { cloudTrace, exitLine, fam, nodeStack, slug } from './shared.js';

const TICKS = 'process.processTicksAndRejections (node:internal/process/task_queues:95:5)';

// ---------------------------------------------------------------------------------------------------
// orders-nestpino: NestJS 10 with nestjs-pino 4 (pino-http 10). Morning: pino's default JSON (`level`
// as a number, `time` in epoch ms, `pid`, `hostname`, `msg`), no severity. After the rollout:
// @google-cloud/pino-logging-gcp-config (`severity`, `timestamp` {seconds, nanos}, `message`). Every
// record inside a request carries pino-http's `req`. Nest's ExceptionsHandler passes (message, stack),
// which nestjs-pino turns into an `err`; pino-http closes the request with `request errored` at the
// request's own level (30) and an `err` of its own, `failed with status code 500`.
const NEST = 'orders-nestpino';

interface PinoReq { id: number; method: string; url: string; query: Record<string, string>; params: Record<string, string>; headers: Record<string, string>; remoteAddress: string; remotePort: number }

const pinoReq = (rng: Prng, method: string, url: string, params: Record<string, string>): PinoReq => ({
  id: rng.int(1, 90000), method, url, query: {}, params,
  headers: { host: 'orders-nestpino-7qk2mxd3ba-ew.a.run.app', 'user-agent': rng.pick(['okhttp/4.12.0', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)', 'axios/1.7.9']), 'content-type': 'application/json', 'x-cloud-trace-context': `${rng.hex(32)}/${rng.int(1, 9e15)};o=1` },
  remoteAddress: `::ffff:169.254.1.${rng.int(1, 9)}`, remotePort: rng.int(30000, 60000),
});

const PINO_LEVEL: Record<number, string> = { 30: 'INFO', 40: 'WARNING', 50: 'ERROR' };

/** One pino record: the morning's default fields or the GCP config's, with `fields` in between. */
function pino(t: number, rev: 0 | 1, level: number, fields: Record<string, unknown>, msg: string): Write {
  if (rev === 0) return { stream: 'stdout', json: { level, time: epochMs(t), pid: 1, hostname: 'localhost', ...fields, msg } };
  // The config's `timestamp` {seconds, nanos} and `logging.googleapis.com/insertId` are read by Cloud
  // Run into the entry's own timestamp and insertId, so they never reach jsonPayload; `level`, `pid`
  // and `hostname` stay, `serviceContext` is added, and `stack_trace` repeats `err.stack`.
  const err = fields.err as { stack?: string } | undefined;
  return { stream: 'stdout', json: { severity: PINO_LEVEL[level], level, pid: 1, hostname: 'localhost', ...fields, serviceContext: { service: NEST, version: '1.9.0' }, ...(err?.stack ? { stack_trace: err.stack } : {}), message: msg } };
}

const requestErrored = (rng: Prng, t: number, rev: 0 | 1, req: PinoReq): Write => pino(t, rev, 30, {
  req, res: { statusCode: 500, headers: { 'x-powered-by': 'Express', 'content-type': 'application/json; charset=utf-8', 'content-length': '52' } },
  err: { type: 'Error', message: 'failed with status code 500', stack: nodeStack('Error: failed with status code 500', ['onResFinished (/app/node_modules/pino-http/logger.js:115:39)', 'ServerResponse.onResponseComplete (/app/node_modules/pino-http/logger.js:178:14)', 'ServerResponse.emit (node:events:530:35)', 'onFinish (node:_http_outgoing:1005:10)', 'afterWrite (node:internal/streams/writable:701:5)']) },
  responseTime: rng.int(8, 900),
}, 'request errored');

/** Nest's ExceptionsHandler record as nestjs-pino writes it: the error's message, and its stack in `err`. */
const exceptionsHandler = (t: number, rev: 0 | 1, req: PinoReq, message: string, stack: string): Write =>
  pino(t, rev, 50, { req, context: 'ExceptionsHandler', err: { type: 'Error', message, stack } }, message);

const NEST_FRAMES = (cls: string, fn: string, file: string, line: number): string[] => [
  `async ${cls}.${fn} (/app/dist/src/${file}.js:${line}:${(line * 7) % 40 + 5})`,
  'async /app/node_modules/@nestjs/core/router/router-execution-context.js:46:28',
  'async /app/node_modules/@nestjs/core/router/router-proxy.js:9:17',
];

const orderDuplicate = fam(`${NEST}:order-duplicate-key`, 'ERROR', [25, 60], ({ rng, t, rev }) => {
  const req = pinoReq(rng, 'POST', '/orders', {});
  const message = 'duplicate key value violates unique constraint "orders_idempotency_key_key"';
  const stack = nodeStack(`error: ${message}`, ['/app/node_modules/pg/lib/client.js:535:17', TICKS, 'async PgOrdersRepository.insert (/app/dist/src/orders/pg-orders.repository.js:41:13)', ...NEST_FRAMES('OrdersService', 'create', 'orders/orders.service', 58)]);
  return [exceptionsHandler(t, rev, req, message, stack), requestErrored(rng, t + 2000, rev, req)];
});

const invoiceSign = fam(`${NEST}:invoice-sign-denied`, 'ERROR', [20, 45], ({ rng, t, rev }) => {
  const order = rng.int(100000, 999999);
  const req = pinoReq(rng, 'GET', `/orders/${order}/invoice`, { id: String(order) });
  const message = "Permission 'iam.serviceAccounts.signBlob' denied on resource (or it may not exist).";
  const stack = nodeStack(`Error: ${message}`, ['Gaxios._request (/app/node_modules/gaxios/build/src/gaxios.js:142:23)', TICKS, 'async Compute.requestAsync (/app/node_modules/google-auth-library/build/src/auth/oauth2client.js:429:18)', 'async GoogleAuth.signBlob (/app/node_modules/google-auth-library/build/src/auth/googleauth.js:796:21)', 'async sign (/app/node_modules/@google-cloud/storage/build/cjs/src/signer.js:149:35)', ...NEST_FRAMES('InvoicesService', 'signedUrl', 'invoices/invoices.service', 37)]);
  return [
    pino(t, rev, 50, { req, context: 'InvoicesService', orderId: order, err: { type: 'SigningError', message, stack, name: 'SigningError' } }, 'Failed to sign invoice URL'),
    exceptionsHandler(t + 900, rev, req, message, stack),
    requestErrored(rng, t + 2500, rev, req),
  ];
});

const pricingUndefined = fam(`${NEST}:quote-currency-undefined`, 'ERROR', [10, 30], ({ rng, t, rev }) => {
  const req = pinoReq(rng, 'POST', '/quotes', {});
  const message = "Cannot read properties of undefined (reading 'currency')";
  const stack = nodeStack(`TypeError: ${message}`, ['PricingService.totalFor (/app/dist/src/pricing/pricing.service.js:74:45)', 'Array.map (<anonymous>)', ...NEST_FRAMES('QuotesService', 'create', 'quotes/quotes.service', 33)]);
  return [exceptionsHandler(t, rev, req, message, stack), requestErrored(rng, t + 1500, rev, req)];
});

const stockRetry = fam(`${NEST}:stock-lock-retry`, 'WARNING', [120, 260], ({ rng, t, rev }) => {
  const req = pinoReq(rng, 'POST', '/orders', {});
  const sku = `SKU-${rng.int(10000, 99999)}`;
  return [pino(t, rev, 40, { req, context: 'StockService', sku, attempt: rng.int(1, 3) }, `Stock reservation for ${sku} hit a lock timeout, retrying`)];
});

const nestCompleted = fam(`noise:${NEST}:request-completed`, 'INFO', [495, 825], ({ rng, t, rev }) => {
  const get = rng.chance(0.6);
  const id = rng.int(100000, 999999);
  const req = pinoReq(rng, get ? 'GET' : 'POST', get ? `/orders/${id}` : '/orders', get ? { id: String(id) } : {});
  return [pino(t, rev, 30, { req, res: { statusCode: get ? 200 : 201, headers: { 'content-type': 'application/json; charset=utf-8' } }, responseTime: rng.int(4, 300) }, 'request completed')];
});

const nestCreated = fam(`noise:${NEST}:order-created`, 'INFO', [165, 330], ({ rng, t, rev }) => {
  const id = rng.int(100000, 999999);
  return [pino(t, rev, 30, { req: pinoReq(rng, 'POST', '/orders', {}), context: 'OrdersService', orderId: id, items: rng.int(1, 9), errors: 0 }, `Order ${id} created (errors=0)`)];
});

const nestBoot = fam(`noise:${NEST}:bootstrap`, 'INFO', [8, 20], ({ t, rev }) => [
  pino(t, rev, 30, { context: 'NestFactory' }, 'Starting Nest application...'),
  pino(t + 40_000, rev, 30, { context: 'RoutesResolver' }, 'OrdersController {/orders}:'),
  pino(t + 90_000, rev, 30, { context: 'NestApplication' }, 'Nest application successfully started'),
]);

export const ordersNestPino: ServiceDef = {
  name: NEST, stack: 'Node 20, NestJS 10, nestjs-pino 4 then @google-cloud/pino-logging-gcp-config, pg 8, @google-cloud/storage 7', splitRate: 0.6,
  families: [orderDuplicate, invoiceSign, pricingUndefined, stockRetry, nestCompleted, nestCreated, nestBoot],
};

// ---------------------------------------------------------------------------------------------------
// jobs-nodebq: a Node 22 Cloud Run job after Google's Node jobs sample, loading newline-delimited JSON
// from Cloud Storage into BigQuery. Morning: `console.log` progress, a failure as
// `console.error(`Task #${i}, Attempt #${a} failed:`, err)` (util.inspect of the error) then
// `process.exit(1)`. After the rollout the failure is one JSON line with `severity` and the stack.
// A rejection nobody awaits crashes the process with Node's own report, on both revisions.
const JOB = 'jobs-nodebq';

const taskIds = (rng: Prng): [number, number] => [rng.int(0, 7), rng.int(0, 2)];

const COMMON = (fn: string, line: number): string => `${fn} (/app/node_modules/@google-cloud/common/build/src/util.js:${line}:${(line % 50) + 5})`;

function jobFailure(rng: Prng, rev: 0 | 1, head: string, stack: string, inspectTail: string): Write {
  const [task, attempt] = taskIds(rng);
  if (rev === 0) return { stream: 'stderr', text: `Task #${task}, Attempt #${attempt} failed: ${stack} ${inspectTail}` };
  return { stream: 'stderr', json: { severity: 'ERROR', message: `Task #${task}, Attempt #${attempt} failed: ${head}`, task, attempt, stack } };
}

const partialFailure = fam(`${JOB}:insert-partial-failure`, 'ERROR', [6, 14], ({ rng, rev }) => {
  const n = rng.int(1, 4);
  const stack = nodeStack('PartialFailureError: A failure occurred during this request.', [COMMON('Util.parseHttpRespBody', 226), COMMON('Util.handleResp', 151), '/app/node_modules/@google-cloud/common/build/src/util.js:534:22', 'onResponse (/app/node_modules/retry-request/index.js:259:7)', TICKS, 'async loadPart (/app/src/load.js:61:5)']);
  const tail = `{\n  errors: [\n${Array.from({ length: n }, () => '    { errors: [Array], row: [Object] }').join(',\n')}\n  ],\n  response: { kind: 'bigquery#tableDataInsertAllResponse', insertErrors: [ ${Array.from({ length: n }, () => '[Object]').join(', ')} ] }\n}`;
  return [jobFailure(rng, rev, 'A failure occurred during this request.', stack, tail), exitLine(JOB, 1)];
});

const objectMissing = fam(`${JOB}:source-object-missing`, 'ERROR', [4, 10], ({ rng, t, rev }) => {
  const path = `acme-exports/${new Date(Math.floor(t / 1000) - 86_400_000).toISOString().slice(0, 10)}/part-${String(rng.int(0, 63)).padStart(4, '0')}.ndjson`;
  const msg = `No such object: ${path}`;
  const stack = nodeStack(`ApiError: ${msg}`, ['new ApiError (/app/node_modules/@google-cloud/storage/build/cjs/src/nodejs-common/util.js:114:15)', 'Util.parseHttpRespBody (/app/node_modules/@google-cloud/storage/build/cjs/src/nodejs-common/util.js:253:38)', 'Util.handleResp (/app/node_modules/@google-cloud/storage/build/cjs/src/nodejs-common/util.js:193:117)', TICKS, 'async readPart (/app/src/read.js:22:20)']);
  const tail = `{\n  code: 404,\n  errors: [ { message: '${msg}', domain: 'global', reason: 'notFound' } ],\n  response: undefined\n}`;
  return [jobFailure(rng, rev, msg, stack, tail), exitLine(JOB, 1)];
});

const RATE = 'Exceeded rate limits: too many table update operations for this table. For more information, see https://cloud.google.com/bigquery/docs/troubleshoot-quotas';
const rateCrash = fam(`${JOB}:table-update-rate-limit`, 'ERROR', [2, 6], () => [
  { stream: 'stderr', text: [
    'node:internal/process/promises:394', '    triggerUncaughtException(err, true /* fromPromise */);', '    ^', '',
    nodeStack(`ApiError: ${RATE}`, ['new ApiError (/app/node_modules/@google-cloud/common/build/src/util.js:75:15)', COMMON('Util.parseHttpRespBody', 210), COMMON('Util.handleResp', 151), '/app/node_modules/@google-cloud/common/build/src/util.js:534:22', 'onResponse (/app/node_modules/retry-request/index.js:259:7)', '/app/node_modules/teeny-request/build/src/index.js:226:13', TICKS]) + ' {',
    '  code: 403,', '  errors: [', '    {', `      message: '${RATE}',`, "      domain: 'global',", "      reason: 'rateLimitExceeded'", '    }', '  ],', '  response: undefined', '}', '', 'Node.js v22.12.0',
  ].join('\n') },
  exitLine(JOB, 1),
]);

const malformedRow = fam(`${JOB}:malformed-row-skipped`, 'WARNING', [80, 180], ({ rng, rev }) => {
  const pos = rng.int(20, 400);
  const text = `Skipping row ${rng.int(1, 90000)} of part-${String(rng.int(0, 63)).padStart(4, '0')}.ndjson: Expected ',' or '}' after property value in JSON at position ${pos} (line 1 column ${pos + 1})`;
  return [rev === 0 ? { stream: 'stderr', text } : { stream: 'stdout', json: { severity: 'WARNING', message: text } }];
});

const jobProgress = fam(`noise:${JOB}:progress`, 'INFO', [165, 385], ({ rng, rev }) => {
  const [task, attempt] = taskIds(rng);
  const text = rng.chance(0.5) ? `Starting Task #${task}, Attempt #${attempt}...` : `Completed Task #${task}: ${rng.int(1000, 90000)} rows loaded, 0 errors`;
  return [rev === 0 ? { stream: 'stdout', text } : { stream: 'stdout', json: { severity: 'INFO', message: text, task, attempt } }];
});

export const jobsNodeBq: ServiceDef = {
  name: JOB, stack: 'Node 22 Cloud Run job, @google-cloud/bigquery 7, @google-cloud/storage 7', splitRate: 0.65,
  families: [partialFailure, objectMissing, rateCrash, malformedRow, jobProgress],
};

// ---------------------------------------------------------------------------------------------------
// links-hono: a link shortener on Hono 4 with @hono/node-server, drizzle-orm 0.44 over postgres.js.
// Hono's logger middleware prints `<-- GET /r/x` and `--> GET /r/x 302 3ms` (status in colour);
// Hono's default error handler does `console.error(err)`. After the rollout `app.onError` writes a
// JSON line with `severity`, `err.stack` and the request's trace instead; the logger stays.
const HONO = 'links-hono';
const ESC = '\u001b';
const status = (code: number): string => `${ESC}[${code >= 500 ? 31 : code >= 400 ? 33 : code >= 300 ? 36 : 32}m${code}${ESC}[0m`;
const honoOut = (method: string, path: string, code: number, ms: number): Write => ({ stream: 'stdout', text: `--> ${method} ${path} ${status(code)} ${ms}ms` });
const honoIn = (method: string, path: string): Write => ({ stream: 'stdout', text: `<-- ${method} ${path}` });

function honoError(rng: Prng, rev: 0 | 1, inspected: string, stack: string, path: string): Write {
  if (rev === 0) return { stream: 'stderr', text: inspected };
  return { stream: 'stderr', json: { severity: 'ERROR', message: stack, path, 'logging.googleapis.com/trace': cloudTrace(rng) } };
}

const clickInsert = fam(`${HONO}:click-insert-too-long`, 'ERROR', [20, 50], ({ rng, t, rev }) => {
  const query = 'insert into "clicks" ("id", "link_id", "referrer", "user_agent", "country", "created_at") values (default, $1, $2, $3, $4, default)';
  const params = [rng.int(1000, 99999), `https://${slug(rng, 8)}.example/${slug(rng, 30)}`, 'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36', rng.pick(['DE', 'FR', 'US', 'BR'])] as const;
  const head = `DrizzleQueryError: Failed query: ${query}\nparams: ${params.join(',')}`;
  const frames = ['PostgresJsPreparedQuery.queryWithCache (file:///app/node_modules/drizzle-orm/postgres-js/session.js:58:15)', TICKS, 'async file:///app/src/clicks.js:19:3', 'async dispatch (file:///app/node_modules/hono/dist/compose.js:22:17)'];
  const stack = nodeStack(head, frames);
  const cause = [
    "  [cause]: PostgresError: value too long for type character varying(64)",
    '      at ErrorResponse (file:///app/node_modules/postgres/src/connection.js:790:26)',
    '      at handle (file:///app/node_modules/postgres/src/connection.js:476:6)',
    '      at Socket.data (file:///app/node_modules/postgres/src/connection.js:315:9)',
    '      at Socket.emit (node:events:518:28) {',
    "    severity_local: 'ERROR',", "    severity: 'ERROR',", "    code: '22001',", "    file: 'varchar.c',", "    line: '638',", "    routine: 'varchar'", '  }',
  ].join('\n');
  const inspected = `${stack} {\n  query: '${query.replace(/'/g, "\\'")}',\n  params: [\n    ${params[0]},\n    '${params[1]}',\n    '${params[2]}',\n    '${params[3]}'\n  ],\n${cause}\n}`;
  return [honoError(rng, rev, inspected, stack, '/c'), honoOut('POST', '/c', 500, rng.int(5, 80))];
});

const geoTimeout = fam(`${HONO}:geo-lookup-timeout`, 'ERROR', [30, 70], ({ rng, rev }) => {
  const code = rng.alnum(6);
  const stack = nodeStack('DOMException [TimeoutError]: The operation was aborted due to timeout', ['new DOMException (node:internal/per_context/domexception:53:5)', 'Timeout.<anonymous> (node:internal/abort_controller:124:7)', 'listOnTimeout (node:internal/timers:594:17)', 'process.processTimers (node:internal/timers:529:7)']);
  const ip = rng.publicIpv4();
  return [
    rev === 0 ? { stream: 'stderr', text: `geo lookup failed for ${ip} ${stack}` } : { stream: 'stderr', json: { severity: 'ERROR', message: `geo lookup failed for ${ip}: ${stack}`, 'logging.googleapis.com/trace': cloudTrace(rng) } },
    honoOut('GET', `/r/${code}`, 302, rng.int(2000, 2100)),
  ];
});

const expired = fam(`${HONO}:expired-link`, 'WARNING', [100, 220], ({ rng, rev }) => {
  const code = rng.alnum(6);
  const text = `expired link ${code} requested, serving fallback`;
  return [rev === 0 ? { stream: 'stderr', text } : { stream: 'stdout', json: { severity: 'WARNING', message: text, code } }];
});

const honoAccess = fam(`noise:${HONO}:access`, 'INFO', [495, 825], ({ rng }) => {
  const path = `/r/${rng.alnum(6)}`;
  return [honoIn('GET', path), honoOut('GET', path, 302, rng.int(1, 40))];
});

const honoBoot = fam(`noise:${HONO}:listening`, 'INFO', [6, 16], () => [{ stream: 'stdout', text: 'Server is running on http://localhost:8080' }]);

export const linksHono: ServiceDef = {
  name: HONO, stack: 'Node 22, Hono 4 on @hono/node-server, drizzle-orm 0.44, postgres.js 3', splitRate: 0.7,
  families: [clickInsert, geoTimeout, expired, honoAccess, honoBoot],
};

// ---------------------------------------------------------------------------------------------------
// fn-intake: a Node 20 Cloud Run function (functions-framework 3.4) taking a web form, Firestore and
// SendGrid. An error the function throws reaches the framework's error handler, which prints
// `err.stack` with console.error. Morning: plain text. After the rollout the function runs with
// `--log-execution-id`: inside a request every write becomes JSON `{message, labels.execution_id,
// trace, spanId}`; a text write keeps no severity, a JSON one gets ERROR when on stderr. Lines written
// outside a request (the banner) stay text.
const FN = 'fn-intake';

function fnWrite(rng: Prng, rev: 0 | 1, stream: 'stdout' | 'stderr', text: string): Write {
  if (rev === 0) return { stream, text };
  return { stream, json: { message: `${text}\n`, 'logging.googleapis.com/labels': { execution_id: slug(rng, 12) }, 'logging.googleapis.com/trace': cloudTrace(rng), 'logging.googleapis.com/spanId': String(rng.int(1e15, 9e15)) } };
}

const sendgrid = fam(`${FN}:sendgrid-forbidden`, 'ERROR', [20, 50], ({ rng, rev }) => [
  fnWrite(rng, rev, 'stderr', nodeStack('ResponseError: Forbidden', ['/workspace/node_modules/@sendgrid/client/src/classes/client.js:167:29', TICKS])),
]);

const undefinedField = fam(`${FN}:firestore-undefined-field`, 'ERROR', [25, 60], ({ rng, rev }) => {
  const field = rng.pick(['phone', 'company', 'utm_source', 'consent.marketing']);
  return [fnWrite(rng, rev, 'stderr', nodeStack(`Error: Value for argument "data" is not a valid Firestore document. Cannot use "undefined" as a Firestore value (found in field "${field}"). If you want to ignore undefined values, enable \`ignoreUndefinedProperties\`.`, [
    'validateUserInput (/workspace/node_modules/@google-cloud/firestore/build/src/serializer.js:388:15)',
    'validateDocumentData (/workspace/node_modules/@google-cloud/firestore/build/src/write-batch.js:640:40)',
    'WriteBatch.set (/workspace/node_modules/@google-cloud/firestore/build/src/write-batch.js:259:9)',
    'DocumentReference.set (/workspace/node_modules/@google-cloud/firestore/build/src/reference/document-reference.js:351:14)',
    'storeSubmission (/workspace/index.js:48:44)',
  ]))];
});

const captcha = fam(`${FN}:captcha-held`, 'WARNING', [90, 200], ({ rng, rev }) => [
  fnWrite(rng, rev, 'stderr', `captcha score ${rng.pick(['0.1', '0.2', '0.3'])} below 0.5, submission ${slug(rng, 20)} held for review`),
]);

const stored = fam(`noise:${FN}:stored`, 'INFO', [275, 550], ({ rng, rev }) => [
  fnWrite(rng, rev, 'stdout', `submission ${slug(rng, 20)} stored for form ${rng.pick(['contact', 'demo-request', 'newsletter'])} (0 errors)`),
]);

const banner = fam(`noise:${FN}:banner`, 'INFO', [6, 16], () => [{ stream: 'stdout', text: 'Serving function...\nFunction: intake\nSignature type: http\nURL: http://localhost:8080/' }]);

export const fnIntake: ServiceDef = {
  name: FN, stack: 'Node 20 Cloud Run function, @google-cloud/functions-framework 3.4, @google-cloud/firestore 7, @sendgrid/mail 8', splitRate: 0.6,
  families: [sendgrid, undefinedField, captcha, stored, banner],
};
