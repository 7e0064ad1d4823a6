// PHP 8.3 behind nginx in one container (php-fpm + nginx, a common Cloud Run image): Laravel's Monolog
// line (`[time] production.ERROR: msg {context} ` with `[stacktrace]` frames inside the JSON-ish context),
// PHP's own `PHP Fatal error:  Uncaught ...` text, php-fpm's master log (and the `child N said into
// stderr` wrapper it puts around a worker's output), nginx's error and access logs.
import type { Prng } from '../prng.js';
import type { Ctx, Family, ServiceDef } from './model.js';
import { clfTime, fpmTime, nginxTime, ymdHms } from './text.js';

const APP = '/var/www/html';
const VENDOR = `${APP}/vendor/laravel/framework/src/Illuminate`;

/** Laravel's frames below a controller, as `#N path(line): call` with `{main}` last. */
function laravelFrames(rng: Prng, top: readonly string[]): string[] {
  const below = [
    `${VENDOR}/Routing/ControllerDispatcher.php(46): {ctrl}`,
    `${VENDOR}/Routing/Route.php(260): Illuminate\\\\Routing\\\\ControllerDispatcher->dispatch()`,
    `${VENDOR}/Routing/Route.php(206): Illuminate\\\\Routing\\\\Route->runController()`,
    `${VENDOR}/Routing/Router.php(806): Illuminate\\\\Routing\\\\Route->run()`,
    `${VENDOR}/Pipeline/Pipeline.php(144): Illuminate\\\\Routing\\\\Router->Illuminate\\\\Routing\\\\{closure}()`,
    `${VENDOR}/Routing/Middleware/SubstituteBindings.php(50): Illuminate\\\\Pipeline\\\\Pipeline->Illuminate\\\\Pipeline\\\\{closure}()`,
    `${VENDOR}/Pipeline/Pipeline.php(183): Illuminate\\\\Routing\\\\Middleware\\\\SubstituteBindings->handle()`,
    `${VENDOR}/Routing/Middleware/ThrottleRequests.php(159): Illuminate\\\\Pipeline\\\\Pipeline->Illuminate\\\\Pipeline\\\\{closure}()`,
    `${VENDOR}/Pipeline/Pipeline.php(183): Illuminate\\\\Routing\\\\Middleware\\\\ThrottleRequests->handleRequest()`,
    `${VENDOR}/Foundation/Http/Kernel.php(200): Illuminate\\\\Pipeline\\\\Pipeline->then()`,
    `${APP}/public/index.php(51): Illuminate\\\\Foundation\\\\Http\\\\Kernel->handle()`,
  ];
  const keep = below.slice(0, 4 + rng.int(0, 3)).concat(below.slice(-2));
  return [...top, ...keep].map((f, i) => `#${i} ${f}`).concat(`#${top.length + keep.length} {main}`);
}

/** Monolog's LineFormatter for Laravel: the exception goes inside the context JSON, frames after `[stacktrace]`. */
function laravelLine(ctx: Ctx, level: string, message: string, context: Record<string, unknown>, exception: string, frames: string[]): string {
  const c = Object.entries(context).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',');
  const head = `[${ymdHms(ctx.t)}] production.${level}: ${message} {${c}${c ? ',' : ''}"exception":"[object] (${exception})`;
  return `${head}\n[stacktrace]\n${frames.join('\n')}\n"} `;
}

const esc = (s: string): string => s.replace(/"/g, '\\"');

const dbRefused: Family = {
  name: 'ledger-php:db-connection-refused',
  level: 'ERROR',
  perDay: [25, 60],
  burst: 0.3,
  emit(ctx) {
    const { rng } = ctx;
    const id = rng.int(1000, 99999);
    const sql = rng.chance(0.5)
      ? `select * from \`invoices\` where \`invoices\`.\`id\` = ${id} and \`invoices\`.\`deleted_at\` is null limit 1`
      : `select * from \`invoices\` where \`account_id\` = ${id} and \`status\` = open order by \`due_at\` asc`;
    const msg = `SQLSTATE[HY000] [2002] Connection refused (Connection: mysql, SQL: ${sql})`;
    const frames = laravelFrames(rng, [
      `${VENDOR}/Database/Connection.php(783): Illuminate\\\\Database\\\\Connection->runQueryCallback()`,
      `${VENDOR}/Database/Connection.php(414): Illuminate\\\\Database\\\\Connection->run()`,
      `${VENDOR}/Database/Query/Builder.php(3100): Illuminate\\\\Database\\\\Connection->select()`,
      `${APP}/app/Repositories/InvoiceRepository.php(38): Illuminate\\\\Database\\\\Eloquent\\\\Builder->first()`,
      `${APP}/app/Http/Controllers/InvoiceController.php(27): App\\\\Repositories\\\\InvoiceRepository->find()`,
    ]).map((f) => f.replace('{ctrl}', 'App\\\\Http\\\\Controllers\\\\InvoiceController->show()'));
    const prev = `\n\n[previous exception] [object] (PDOException(code: 2002): SQLSTATE[HY000] [2002] Connection refused at ${VENDOR}/Database/Connectors/Connector.php:65)\n[stacktrace]\n#0 ${VENDOR}/Database/Connectors/Connector.php(65): PDO->__construct()\n#1 ${VENDOR}/Database/Connectors/MySqlConnector.php(24): Illuminate\\\\Database\\\\Connectors\\\\Connector->createConnection()\n#2 {main}`;
    const context: Record<string, unknown> = rng.chance(0.6) ? { userId: rng.int(1, 40000) } : {};
    const text = laravelLine(ctx, 'ERROR', msg, context,
      `Illuminate\\\\Database\\\\QueryException(code: 2002): ${esc(msg)} at ${VENDOR}/Database/Connection.php:829`, frames);
    return [{ stream: 'stderr', text: rng.chance(0.7) ? text.replace('\n"} ', `${prev}\n"} `) : text }];
  },
};

const undefinedKey: Family = {
  name: 'ledger-php:undefined-array-key-currency',
  level: 'ERROR',
  perDay: [8, 30],
  emit(ctx) {
    const { rng } = ctx;
    const msg = 'Undefined array key "currency"';
    const frames = laravelFrames(rng, [
      `${APP}/app/Services/FxRates.php(57): Illuminate\\\\Foundation\\\\Bootstrap\\\\HandleExceptions->handleError()`,
      `${APP}/app/Services/RefundCalculator.php(${rng.pick([112, 112, 131])}): App\\\\Services\\\\FxRates->convert()`,
      `${APP}/app/Http/Controllers/RefundController.php(41): App\\\\Services\\\\RefundCalculator->total()`,
    ]).map((f) => f.replace('{ctrl}', 'App\\\\Http\\\\Controllers\\\\RefundController->store()'));
    return [{ stream: 'stderr', text: laravelLine(ctx, 'ERROR', msg, rng.chance(0.5) ? { userId: rng.int(1, 40000) } : {}, `ErrorException(code: 0): ${esc(msg)} at ${APP}/app/Services/FxRates.php:57`, frames) }];
  },
};

const uncaughtType: Family = {
  name: 'ledger-php:money-fromminor-type-error',
  level: 'CRITICAL',
  perDay: [4, 15],
  emit(ctx) {
    const { rng } = ctx;
    const amount = `'${rng.int(1, 99999)}'`;
    const body = [
      `PHP Fatal error:  Uncaught TypeError: App\\Support\\Money::fromMinor(): Argument #1 ($amount) must be of type int, string given, called in ${APP}/app/Jobs/SettlePayout.php on line 64 and defined in ${APP}/app/Support/Money.php:18`,
      'Stack trace:',
      `#0 ${APP}/app/Jobs/SettlePayout.php(64): App\\Support\\Money::fromMinor(${amount})`,
      `#1 ${APP}/vendor/laravel/framework/src/Illuminate/Container/BoundMethod.php(36): App\\Jobs\\SettlePayout->handle()`,
      `#2 ${APP}/vendor/laravel/framework/src/Illuminate/Container/Util.php(43): Illuminate\\Container\\BoundMethod::Illuminate\\Container\\{closure}()`,
      `#3 ${APP}/vendor/laravel/framework/src/Illuminate/Queue/CallQueuedHandler.php(126): Illuminate\\Container\\Container->call()`,
      '#4 {main}',
      `  thrown in ${APP}/app/Support/Money.php on line 18`,
    ];
    // php-fpm wraps a worker's stderr line by line when catch_workers_output is on; the CLI writes it bare.
    if (rng.chance(0.5)) {
      const pid = rng.int(20, 400);
      return [{ stream: 'stderr', text: body.map((l) => `[${fpmTime(ctx.t)}] WARNING: [pool www] child ${pid} said into stderr: "${l}"`).join('\n') }];
    }
    return [{ stream: 'stderr', text: body.join('\n') }];
  },
};

const memoryExhausted: Family = {
  name: 'ledger-php:memory-exhausted-export',
  level: 'CRITICAL',
  perDay: [3, 10],
  emit(ctx) {
    const { rng } = ctx;
    const line = `PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (tried to allocate ${rng.pick([20480, 4096, 65536, 2097160])} bytes) in ${VENDOR}/Collections/Collection.php on line ${rng.pick([1659, 1659, 1705])}`;
    if (rng.chance(0.6)) {
      return [{ stream: 'stderr', text: `[${fpmTime(ctx.t)}] WARNING: [pool www] child ${rng.int(20, 400)} said into stderr: "${line}"` }];
    }
    return [{ stream: 'stderr', text: line }];
  },
};

const maxChildren: Family = {
  name: 'ledger-php:fpm-max-children',
  level: 'WARNING',
  perDay: [10, 40],
  emit(ctx) {
    return [{ stream: 'stderr', text: `[${fpmTime(ctx.t)}] WARNING: [pool www] server reached pm.max_children setting (${ctx.rev === 0 ? 5 : 12}), consider raising it` }];
  },
};

const upstreamTimeout: Family = {
  name: 'ledger-php:nginx-upstream-timeout',
  level: 'ERROR',
  perDay: [10, 35],
  emit(ctx) {
    const { rng } = ctx;
    const path = rng.pick(['/api/refunds', '/api/invoices/export', `/api/invoices/${rng.int(1000, 99999)}/pdf`]);
    return [{ stream: 'stderr', text: `${nginxTime(ctx.t)} [error] ${rng.int(20, 40)}#${rng.int(20, 40)}: *${rng.int(100, 999999)} upstream timed out (110: Connection timed out) while reading response header from upstream, client: 169.254.1.1, server: _, request: "${rng.pick(['GET', 'POST'])} ${path} HTTP/1.1", upstream: "fastcgi://127.0.0.1:9000", host: "${ctx.host}"` }];
  },
};

const access: Family = {
  name: 'noise:ledger-php:nginx-access',
  level: 'INFO',
  perDay: [250, 400],
  emit(ctx) {
    const { rng } = ctx;
    const [req, status] = rng.pick<[string, number]>([
      [`GET /api/invoices/${rng.int(1000, 99999)} HTTP/1.1`, 200], ['GET /healthz HTTP/1.1', 200], ['POST /api/refunds HTTP/1.1', 201],
      [`GET /api/invoices?page=${rng.int(1, 9)} HTTP/1.1`, 200], ['GET /favicon.ico HTTP/1.1', 404],
    ]);
    return [{ stream: 'stdout', text: `169.254.1.1 - - [${clfTime(ctx.t)}] "${req}" ${status} ${rng.int(2, 9000)} "-" "${rng.pick(['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)', 'GoogleHC/1.0', 'okhttp/4.12.0'])}"` }];
  },
};

const appInfo: Family = {
  name: 'noise:ledger-php:laravel-info',
  level: 'INFO',
  perDay: [80, 160],
  emit(ctx) {
    const { rng } = ctx;
    const msg = rng.pick([
      `Refund ${rng.int(1000, 99999)} queued {"amount":${rng.int(100, 90000)},"failed_attempts":0}`,
      `Payout batch settled {"count":${rng.int(1, 80)},"errors":[]}`,
      `Webhook evt_${rng.alnum(14)} processed {"status":"ok","error":null}`,
    ]);
    return [{ stream: 'stdout', text: `[${ymdHms(ctx.t)}] production.INFO: ${msg} ` }];
  },
};

const fpmNotice: Family = {
  name: 'noise:ledger-php:fpm-lifecycle',
  level: 'INFO',
  perDay: [4, 10],
  emit(ctx) {
    return [{ stream: 'stderr', text: `[${fpmTime(ctx.t)}] NOTICE: fpm is running, pid 1\n[${fpmTime(ctx.t + 900)}] NOTICE: ready to handle connections` }];
  },
};

export const ledgerPhp: ServiceDef = {
  name: 'ledger-php',
  stack: 'PHP 8.3, Laravel 11 (Monolog), php-fpm + nginx',
  splitRate: 0.7,
  families: [dbRefused, undefinedKey, uncaughtType, memoryExhausted, maxChildren, upstreamTimeout, access, appInfo, fpmNotice],
};

