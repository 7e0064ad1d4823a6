// shop-frankenphp: a plain PHP 8.3 shop (PDO MySQL, Guzzle) served by FrankenPHP 1.3 in worker mode, the
// official image's Caddyfile. Everything goes through Caddy's zap logger: PHP's error log as
// `logger: frankenphp` records whose `msg` is PHP's own line (`PHP Fatal error:  Uncaught ...` with the
// stack trace inside), Caddy's access log (`http.log.access...`, level error for a 5xx). Morning
// revision: Caddy's JSON encoder (no `severity`); after the rollout the Caddyfile sets `format console`
// (`2026/12/06 10:00:00.123\tERROR\tlogger\tmsg\t{fields}`).
import type { Ctx, Family, ServiceDef } from '../stranger/model.js';
import { epochFloat, goStdMillis } from './clock.js';

const SVC = 'shop-frankenphp';

/** One zap record as Caddy writes it: JSON, or the console encoder's tab-separated line. */
function caddy(ctx: Ctx, level: string, logger: string | undefined, msg: string, fields: Record<string, unknown>): { json?: Record<string, unknown>; text?: string } {
  if (ctx.rev === 0) return { json: { level, ts: epochFloat(ctx.t), ...(logger === undefined ? {} : { logger }), msg, ...fields } };
  const head = [goStdMillis(ctx.t), level.toUpperCase(), ...(logger === undefined ? [] : [logger]), msg].join('\t');
  return { text: Object.keys(fields).length > 0 ? `${head}\t${JSON.stringify(fields).replace(/":/g, '": ').replace(/,"/g, ', "')}` : head };
}

const out = (w: { json?: Record<string, unknown>; text?: string }) => ({ stream: 'stderr' as const, ...w });

const pdoRefused: Family = {
  name: `${SVC}:pdo-connection-refused`, level: 'ERROR', perDay: [20, 60], burst: 0.3,
  emit: (ctx) => [out(caddy(ctx, 'error', 'frankenphp', [
    'PHP Fatal error:  Uncaught PDOException: SQLSTATE[HY000] [2002] Connection refused in /app/src/Db.php:21',
    'Stack trace:',
    "#0 /app/src/Db.php(21): PDO->__construct('mysql:host=10.4...', 'shop', Object(SensitiveParameterValue), Array)",
    '#1 /app/src/Repository/CartRepository.php(18): App\\Db::connect()',
    `#2 /app/src/Controller/CartController.php(${ctx.rng.pick([44, 71])}): App\\Repository\\CartRepository->__construct()`,
    '#3 /app/public/index.php(39): App\\Controller\\CartController->handle(Object(App\\Http\\Request))',
    '#4 [internal function]: {closure}()',
    '#5 /app/public/index.php(52): frankenphp_handle_request(Object(Closure))',
    '#6 {main}',
    '  thrown in /app/src/Db.php on line 21',
  ].join('\n'), {}))],
};

const maxExecution: Family = {
  name: `${SVC}:max-execution-time-shipping-quote`, level: 'ERROR', perDay: [15, 45],
  emit: (ctx) => [out(caddy(ctx, 'error', 'frankenphp', [
    'PHP Fatal error:  Maximum execution time of 30 seconds exceeded in /app/vendor/guzzlehttp/guzzle/src/Handler/CurlMultiHandler.php on line 159',
    'Stack trace:',
    '#0 /app/vendor/guzzlehttp/guzzle/src/Handler/CurlMultiHandler.php(159): curl_multi_select(Object(CurlMultiHandle), 1)',
    '#1 /app/vendor/guzzlehttp/promises/src/Promise.php(251): GuzzleHttp\\Handler\\CurlMultiHandler->tick()',
    '#2 /app/src/Shipping/DhlQuote.php(63): GuzzleHttp\\Promise\\Promise->wait()',
    '#3 {main}',
  ].join('\n'), {}))],
};

const undefinedKey: Family = {
  name: `${SVC}:undefined-array-key-utm-warning`, level: 'WARNING', perDay: [100, 220],
  emit: (ctx) => [out(caddy(ctx, 'warn', 'frankenphp', `PHP Warning:  Undefined array key "${ctx.rng.pick(['utm_source', 'utm_campaign'])}" in /app/src/Tracking/Attribution.php on line 27`, {}))],
};

const workerPanic: Family = {
  name: `${SVC}:too-many-consecutive-worker-failures`, level: 'CRITICAL', perDay: [2, 5],
  emit: (ctx) => {
    const fields = { worker: '/app/public/index.php', failures: 6 };
    return [
      out(caddy(ctx, 'panic', undefined, 'too many consecutive worker failures', fields)),
      {
        stream: 'stderr',
        text: [
          'panic: too many consecutive worker failures',
          '',
          `goroutine ${ctx.rng.int(40, 400)} [running, locked to thread]:`,
          'go.uber.org/zap/zapcore.CheckWriteAction.OnWrite(0x0?, 0x0?, {0x0?, 0x0?, 0x0?})',
          '\tgo.uber.org/zap@v1.27.0/zapcore/entry.go:196 +0x54',
          'go.uber.org/zap/zapcore.(*CheckedEntry).Write(0xc0001f2340, {0xc000a1c100, 0x2, 0x2})',
          '\tgo.uber.org/zap@v1.27.0/zapcore/entry.go:262 +0x24c',
          'github.com/dunglas/frankenphp.go_frankenphp_finish_worker_request(...)',
          '\tgithub.com/dunglas/frankenphp@v1.3.6/worker.go:178 +0x3c8',
        ].join('\n'),
      },
      { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(2).', as: { family: `${SVC}:container-exit-2`, level: 'WARNING' } },
    ];
  },
};

function access(ctx: Ctx, status: number, uri: string): { json?: Record<string, unknown>; text?: string } {
  return caddy(ctx, status >= 500 ? 'error' : 'info', 'http.log.access.log0', 'handled request', {
    request: { remote_ip: '169.254.1.1', remote_port: String(ctx.rng.int(30000, 60000)), client_ip: ctx.rng.publicIpv4(), proto: 'HTTP/1.1', method: status >= 500 ? 'POST' : 'GET', host: `${SVC}-kq3h2x7ufa-ew.a.run.app`, uri, headers: { 'X-Cloud-Trace-Context': [`${ctx.rng.hex(32)}/${ctx.rng.int(1e9, 9e9)};o=1`] } },
    bytes_read: 0, user_id: '', duration: ctx.rng.next() * (status >= 500 ? 30 : 0.3), size: ctx.rng.int(0, 9000), status,
    resp_headers: { 'Content-Type': ['text/html; charset=UTF-8'], Server: ['Caddy'], 'X-Powered-By': ['PHP/8.3.14'] },
  });
}

const access500: Family = {
  name: `${SVC}:access-log-500`, level: 'ERROR', perDay: [30, 90],
  emit: (ctx) => [out(access(ctx, 500, ctx.rng.pick(['/cart/add', '/checkout/shipping'])))],
};

const accessChatter: Family = {
  name: `noise:${SVC}:access-log`, level: 'INFO', perDay: [300, 560],
  emit: (ctx) => [out(access(ctx, ctx.rng.pick([200, 200, 200, 302, 304]), ctx.rng.pick(['/', `/product/${ctx.rng.int(100, 9999)}`, '/cart', '/assets/app.css'])))],
};

const startChatter: Family = {
  name: `noise:${SVC}:startup`, level: 'INFO', perDay: [4, 12],
  emit: (ctx) => [
    out(caddy(ctx, 'info', undefined, 'using config from file', { file: '/etc/caddy/Caddyfile' })),
    out(caddy(ctx, 'info', 'frankenphp', 'FrankenPHP started 🐘', { php_version: '8.3.14', num_threads: 4 })),
    out(caddy(ctx, 'info', undefined, 'serving initial configuration', {})),
  ],
};

export const shopFrankenphp: ServiceDef = {
  name: SVC, stack: 'PHP 8.3, FrankenPHP 1.3 (Caddy 2.8) worker mode, PDO MySQL, Guzzle 7', splitRate: 0.7,
  families: [pdoRefused, maxExecution, undefinedKey, workerPanic, access500, accessChatter, startChatter],
};
