// The day's Node services: a Feathers 5 API on winston's `simple` format (then JSON), an Express order
// API on winston JSON with OpenTelemetry's trace fields (then Cloud Logging's keys), and an Astro SSR
// site behind an nginx sidecar.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { clfTime, isoMillis, slashTime } from './clock.js';
import { as, digits, fam, peer, PROJECT } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// api-feathers: Node 22, Feathers 5 (Koa) as the CLI generates it, @feathersjs/knex 5 on pg 8 over the
// Cloud SQL connector socket, nodemailer over SendGrid SMTP. The generated `logger.ts`:
// `createLogger({ level: 'info', format: format.combine(format.splat(), format.simple()), transports:
// [new transports.Console()] })` on stdout: `level: message` (the stack's lines after the first one);
// the generated `log-error` hook writes `logger.error(error.stack)` and, when the error has `data`,
// a second record `Data: %O` (util.inspect of the data); `index.ts` logs `Unhandled Rejection %O`.
// From the rollout the logger is `format.combine(format.timestamp(), format.splat(), format.json())`.
const AF = 'api-feathers';

const wlog = (t: number, rev: 0 | 1, level: string, message: string): Write => (rev === 0
  ? { stream: 'stdout', text: `${level}: ${message}` }
  : { stream: 'stdout', json: { level, message, timestamp: isoMillis(t) } });

const FEATHERS_TAIL = '    at async /app/node_modules/@feathersjs/hooks/script/hooks.js:38:13\n    at async logError (/app/lib/hooks/log-error.js:6:9)\n    at async /app/node_modules/@feathersjs/hooks/script/compose.js:22:20';

// Sign-up bodies that fail the schema: the stack, then the ajv errors (one to four of them).
const afValidation = fam(`${AF}:users-create-validation`, 'ERROR', [60, 120], ({ rng, t, rev }) => {
  const all = [
    ["/email", '#/properties/email/format', 'format', "{ format: 'email' }", 'must match format "email"'],
    ["/password", '#/properties/password/minLength', 'minLength', '{ limit: 8 }', 'must NOT have fewer than 8 characters'],
    ['', '#/required', 'required', "{ missingProperty: 'name' }", "must have required property 'name'"],
    ['/phone', '#/properties/phone/pattern', 'pattern', "{ pattern: '^\\\\+[0-9]{8,15}$' }", 'must match pattern "^\\\\+[0-9]{8,15}$"'],
  ];
  const errs = all.filter(() => rng.chance(0.5));
  if (errs.length === 0) errs.push(all[rng.int(0, 3)]!);
  const data = `[\n${errs.map(([p, s, k, params, m]) => `  {\n    instancePath: '${p}',\n    schemaPath: '${s}',\n    keyword: '${k}',\n    params: ${params},\n    message: '${m}'\n  }`).join(',\n')}\n]`;
  const stack = `BadRequest: validation failed\n    at /app/node_modules/@feathersjs/schema/lib/hooks/validate.js:33:23\n    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)\n${FEATHERS_TAIL}`;
  return [wlog(t, rev, 'error', stack), wlog(t + 300, rev, 'error', `Data: ${data}`)];
});

const afJwtExpired = fam(`${AF}:auth-jwt-expired`, 'ERROR', [120, 240], ({ t, rev }) => [
  wlog(t, rev, 'error', `NotAuthenticated: jwt expired\n    at AuthenticationService.verifyAccessToken (/app/node_modules/@feathersjs/authentication/lib/core.js:166:19)\n    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)\n    at async JWTStrategy.authenticate (/app/node_modules/@feathersjs/authentication/lib/jwt.js:117:25)\n${FEATHERS_TAIL}`),
]);

const afKnexTimeout = fam(`${AF}:reports-knex-pool-timeout`, 'ERROR', [40, 100], ({ t, rev }) => [
  wlog(t, rev, 'error', `KnexTimeoutError: Knex: Timeout acquiring a connection. The pool is probably full. Are you missing a .transacting(trx) call?\n    at Client_PG.acquireConnection (/app/node_modules/knex/lib/client.js:332:26)\n    at async Runner.ensureConnection (/app/node_modules/knex/lib/execution/runner.js:305:28)\n    at async Runner.run (/app/node_modules/knex/lib/execution/runner.js:30:19)\n    at async ReportsService.find (/app/lib/services/reports/reports.class.js:21:22)\n${FEATHERS_TAIL}`),
], 0.3);

const afMailDns = fam(`${AF}:welcome-mail-dns-eai-again`, 'ERROR', [20, 60], ({ t, rev }) => [
  wlog(t, rev, 'error', "Unhandled Rejection Error: getaddrinfo EAI_AGAIN smtp.sendgrid.net\n    at GetAddrInfoReqWrap.onlookupall [as oncomplete] (node:dns:120:26) {\n  errno: -3001,\n  code: 'EDNS',\n  syscall: 'getaddrinfo',\n  hostname: 'smtp.sendgrid.net',\n  command: 'CONN'\n}"),
]);

const afChatter = fam(`noise:${AF}:chatter`, 'INFO', [200, 320], ({ rng, t, rev }) => [
  wlog(t, rev, 'info', rng.pick([
    'Feathers app listening on http://localhost:8080',
    `report ${rng.pick(['daily-signups', 'churn', 'mrr'])} built in ${rng.int(40, 900)}ms (0 errors)`,
    `welcome mail queued for user ${digits(rng, 6)}`,
    `users.create ok (${rng.int(1, 3)} hooks, 0 failed)`,
  ])),
]);

export const apiFeathers: ServiceDef = {
  name: AF, stack: 'Node 22, Feathers 5 (Koa), @feathersjs/knex 5 + pg 8, nodemailer 6, winston 3', splitRate: 0.65,
  families: [afValidation, afJwtExpired, afKnexTimeout, afMailDns, afChatter],
};

// ---------------------------------------------------------------------------------------------------
// orders-otel: Node 22, Express 4.21, mysql2 3.11 (promise pool) to Cloud SQL for MySQL over private IP,
// OpenTelemetry's NodeSDK with auto-instrumentations-node 0.52 exporting OTLP
// over gRPC to a Collector sidecar on localhost:4317 (`OTEL_LOG_LEVEL=error`). winston 3 with
// `format.combine(format.errors({ stack: true }), format.timestamp(), format.json())` on stdout; the
// winston instrumentation adds `trace_id`, `span_id`, `trace_flags` to records written inside a span
// (morning). From the rollout a format of the app's writes `severity`, `logging.googleapis.com/trace`,
// `spanId` and `trace_sampled` from the same span instead (Cloud Logging's keys), the rest unchanged.
// OpenTelemetry's own error handler writes `diag.error(stringifyException(err))` through the
// DiagConsoleLogger: a JSON object on stderr with no level.
const OO = 'orders-otel';

function olog(rng: Prng, t: number, rev: 0 | 1, level: 'error' | 'warn' | 'info', message: string, extra: Record<string, unknown> = {}, inSpan = true): Write {
  const trace = rng.hex(32);
  const span = rng.hex(16);
  if (rev === 0) return { stream: 'stdout', json: { level, message, ...extra, timestamp: isoMillis(t), ...(inSpan ? { trace_id: trace, span_id: span, trace_flags: '01' } : {}) } };
  const severity = { error: 'ERROR', warn: 'WARNING', info: 'INFO' }[level];
  return { stream: 'stdout', json: { severity, message, ...extra, timestamp: isoMillis(t), ...(inSpan ? { 'logging.googleapis.com/trace': `projects/${PROJECT}/traces/${trace}`, 'logging.googleapis.com/spanId': span, 'logging.googleapis.com/trace_sampled': true } : {}) } };
}

const ooDeadlock = fam(`${OO}:reserve-stock-deadlock`, 'ERROR', [40, 100], ({ rng, t, rev }) => {
  const sku = `SKU-${rng.upperAlnum(6)}`;
  const m = 'Deadlock found when trying to get lock; try restarting transaction';
  return [olog(rng, t, rev, 'error', `reserve stock failed: ${m}`, {
    code: 'ER_LOCK_DEADLOCK', errno: 1213, sql: `UPDATE inventory SET reserved = reserved + ${rng.int(1, 9)} WHERE sku = '${sku}'`, sqlState: '40001', sqlMessage: m,
    stack: `Error: ${m}\n    at PromisePoolConnection.query (/app/node_modules/mysql2/lib/promise/connection.js:29:22)\n    at reserveStock (/app/src/inventory.js:31:20)\n    at async placeOrder (/app/src/orders.js:58:5)\n    at async /app/src/routes/orders.js:22:19`,
  })];
}, 0.3);

const ooConnect = fam(`${OO}:order-read-connect-etimedout`, 'ERROR', [30, 80], ({ rng, t, rev }) => [
  olog(rng, t, rev, 'error', 'connect ETIMEDOUT', {
    errorno: 'ETIMEDOUT', code: 'ETIMEDOUT', syscall: 'connect', fatal: true, path: `/orders/${digits(rng, 7)}`,
    stack: 'Error: connect ETIMEDOUT\n    at PromisePool.query (/app/node_modules/mysql2/lib/promise/pool.js:36:22)\n    at getOrder (/app/src/orders.js:17:31)\n    at /app/src/routes/orders.js:41:25\n    at Layer.handle [as handle_request] (/app/node_modules/express/lib/router/layer.js:95:5)',
  }),
], 0.4);

// The Collector sidecar is not listening yet when the app's first export runs (and after it restarts).
const ooExport = fam(`${OO}:otlp-export-unavailable`, 'ERROR', [60, 150], ({ t }) => {
  const details = `No connection established. Last error: connect ECONNREFUSED 127.0.0.1:4317 (${isoMillis(t - 2_000_000)})`;
  return [{ stream: 'stderr', json: {
    stack: `Error: 14 UNAVAILABLE: ${details}\n    at callErrorFromStatus (/app/node_modules/@grpc/grpc-js/build/src/call.js:31:19)\n    at Object.onReceiveStatus (/app/node_modules/@grpc/grpc-js/build/src/client.js:193:76)\n    at /app/node_modules/@grpc/grpc-js/build/src/call-interface.js:78:35\n    at process.processTicksAndRejections (node:internal/process/task_queues:77:11)`,
    message: `14 UNAVAILABLE: ${details}`, code: '14', details, metadata: '[object Object]',
  } }];
});

const ooRejected = fam(`${OO}:order-lines-invalid`, 'WARNING', [100, 220], ({ rng, t, rev }) => {
  const n = rng.int(1, 5);
  const lines = Array.from({ length: n }, () => `SKU-${rng.upperAlnum(6)} qty=${rng.pick([0, -1, 0, 1000])}`);
  return [olog(rng, t, rev, 'warn', `order rejected: ${n} line(s) invalid: ${lines.join(', ')}`, { customer: digits(rng, 6) })];
});

const ooChatter = fam(`noise:${OO}:chatter`, 'INFO', [190, 290], ({ rng, t, rev }) => [
  olog(rng, t, rev, 'info', rng.pick([
    `order ${digits(rng, 7)} placed (${rng.int(1, 9)} lines, 0 rejected)`,
    `stock reserved for ${rng.int(1, 9)} skus`,
    `published order.created ${digits(rng, 7)}`,
    'orders-otel listening on 8080',
  ]), {}, rng.chance(0.8)),
]);

export const ordersOtel: ServiceDef = {
  name: OO, stack: 'Node 22, Express 4.21, mysql2 3.11, OpenTelemetry NodeSDK + auto-instrumentations-node 0.52, winston 3', splitRate: 0.6,
  families: [ooDeadlock, ooConnect, ooExport, ooRejected, ooChatter],
};

// ---------------------------------------------------------------------------------------------------
// web-astro: Node 22, Astro 5 SSR with @astrojs/node (standalone) on 127.0.0.1:4321, a headless CMS on
// the VPC, and nginx 1.27 as the ingress sidecar on :8080 (proxy_pass, default error log on stderr,
// `combined` access log on stdout; from the rollout `log_format json escape=json` for the access log,
// the error log unchanged). The site's middleware logs what a page throws with
// `console.error('[ssr]', request.method, url.pathname, err)` (util.format: the error's inspect, its
// `[cause]` nested) and renders the 500 page. The sidecar starts before the app listens (no container
// dependency declared), so an instance's first requests can meet a refused upstream.
const WA = 'web-astro';

const ngAccess = (rng: Prng, t: number, rev: 0 | 1, method: string, path: string, status: number, host: string): Write => {
  const ua = rng.pick(['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36']);
  const bytes = status >= 500 ? rng.int(150, 600) : rng.int(2000, 90000);
  if (rev === 0) return { stream: 'stdout', text: `${peer(rng)} - - [${clfTime(t)}] "${method} ${path} HTTP/1.1" ${status} ${bytes} "-" "${ua}"` };
  return { stream: 'stdout', json: { time: isoMillis(t).replace(/\.\d+Z$/, '+00:00'), remote_addr: peer(rng), request: `${method} ${path} HTTP/1.1`, status: String(status), body_bytes_sent: String(bytes), request_time: (rng.next() * (status >= 500 ? 30 : 0.4)).toFixed(3), upstream_addr: '127.0.0.1:4321', http_user_agent: ua, http_host: host } };
};

const ngError = (rng: Prng, t: number, level: string, msg: string, path: string, host: string): Write => {
  const pid = rng.int(20, 40);
  return { stream: 'stderr', text: `${slashTime(t)} [${level}] ${pid}#${pid}: *${rng.int(1, 90000)} ${msg}, client: ${peer(rng)}, server: _, request: "GET ${path} HTTP/1.1", upstream: "http://127.0.0.1:4321${path}", host: "${host}"` };
};

const slug = (rng: Prng): string => `/blog/${rng.pick(['winter-planting', 'soil-ph-basics', 'pruning-roses', 'compost-101', 'seed-swap-2026', 'bulbs-in-pots'])}${rng.chance(0.3) ? `-${rng.int(2, 9)}` : ''}`;

const waUpstreamRefused = fam(`${WA}:nginx-upstream-refused-at-start`, 'ERROR', [20, 60], ({ rng, t, rev, host }) => {
  const path = rng.pick(['/', '/blog', slug(rng)]);
  return [ngError(rng, t, 'error', 'connect() failed (111: Connection refused) while connecting to upstream', path, host), ngAccess(rng, t + 200, rev, 'GET', path, 502, host)];
}, 0.4);

const waBuffered = fam(`${WA}:nginx-upstream-buffered-to-temp`, 'WARNING', [120, 260], ({ rng, t, host }) => {
  const n = rng.int(1, 9999);
  const path = `/_image?href=${encodeURIComponent(`/_astro/${rng.pick(['hero', 'garden', 'roses', 'tools'])}.${rng.alnum(8)}.jpg`)}&w=${rng.pick([640, 1280, 1920])}&f=webp`;
  return [ngError(rng, t, 'warn', `an upstream response is buffered to a temporary file /var/cache/nginx/proxy_temp/${n % 10}/${String(Math.floor(n / 10) % 100).padStart(2, '0')}/${String(n).padStart(10, '0')} while reading upstream`, path, host)];
});

const waCmsSocket = fam(`${WA}:article-cms-fetch-failed`, 'ERROR', [25, 55], ({ rng, t, rev, host }) => {
  const path = slug(rng);
  const text = `[ssr] GET ${path} TypeError: fetch failed\n    at node:internal/deps/undici/undici:13502:13\n    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)\n    at async getArticle (file:///app/dist/server/chunks/cms_BfX2kQ9d.mjs:14:15)\n    at async file:///app/dist/server/pages/blog/_slug_.astro.mjs:21:19 {\n  [cause]: SocketError: other side closed\n      at Socket.<anonymous> (node:internal/deps/undici/undici:6294:28)\n      at Socket.emit (node:events:531:35)\n      at endReadableNT (node:internal/streams/readable:1698:12)\n      at process.processTicksAndRejections (node:internal/process/task_queues:90:21) {\n    code: 'UND_ERR_SOCKET',\n    socket: {\n      localAddress: '10.8.0.${rng.int(2, 250)}',\n      localPort: ${rng.int(32768, 60999)},\n      remoteAddress: '10.8.0.4',\n      remotePort: 1337,\n      remoteFamily: 'IPv4',\n      timeout: undefined,\n      bytesWritten: ${rng.int(300, 600)},\n      bytesRead: 0\n    }\n  }\n}`;
  return [{ stream: 'stderr', text }, as(ngAccess(rng, t + 300, rev, 'GET', path, 500, host), `${WA}:article-cms-fetch-failed`, 'ERROR')];
});

const waCover = fam(`${WA}:article-cover-undefined`, 'ERROR', [20, 50], ({ rng, t, rev, host }) => {
  const path = slug(rng);
  return [{ stream: 'stderr', text: `[ssr] GET ${path} TypeError: Cannot read properties of undefined (reading 'url')\n    at file:///app/dist/server/pages/blog/_slug_.astro.mjs:34:52\n    at renderToIterable (file:///app/dist/server/chunks/astro/server_DqP1bC7e.mjs:1120:26)\n    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)` }, ngAccess(rng, t + 200, rev, 'GET', path, 500, host)];
});

const waChatter = fam(`noise:${WA}:chatter`, 'INFO', [220, 320], ({ rng, t, rev, host }) => {
  if (rng.chance(0.05)) return [rng.chance(0.5) ? { stream: 'stdout', text: `${isoMillis(t).slice(11, 19)} [@astrojs/node] Server listening on http://127.0.0.1:4321` } : { stream: 'stderr', text: `${slashTime(t)} [notice] 1#1: ${rng.pick(['using the "epoll" event method', 'nginx/1.27.3', 'start worker processes', `start worker process ${rng.int(20, 40)}`])}` }];
  return [ngAccess(rng, t, rev, 'GET', rng.pick(['/', '/blog', slug(rng), slug(rng), '/favicon.svg', `/_astro/client.${rng.alnum(8)}.js`]), rng.pick([200, 200, 200, 304]), host)];
});

export const webAstro: ServiceDef = {
  name: WA, stack: 'Node 22, Astro 5 SSR (@astrojs/node standalone), nginx 1.27 ingress sidecar', splitRate: 0.6,
  families: [waUpstreamRefused, waBuffered, waCmsSocket, waCover, waChatter],
};
