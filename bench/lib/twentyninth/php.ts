// The day's PHP service: Laravel 11 on php-fpm and nginx, Laravel's `stderr` channel through fpm's
// default worker-output decoration, then undecorated with Monolog's GoogleCloudLoggingFormatter.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { clfTime, fpmTime, plainTime, rfc3339Ext } from './clock.js';
import { digits, fam, peer, UA } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// portal-laravel: PHP 8.3, Laravel 11 (`LOG_CHANNEL=stderr`), php-fpm 8.3 and nginx 1.27 in one
// container under supervisord, Cloud SQL for MySQL 8 over private IP, Laravel's HTTP client to a
// postcode API. nginx's `combined` access log on stdout. Morning revision: the pool keeps fpm's
// defaults (`catch_workers_output = yes`, `decorate_workers_output = yes`): every line a worker writes
// on stderr becomes its own fpm record, `[09-Dec-2026 10:00:00] WARNING: [pool www] child N said into
// stderr: "…"`, so Laravel's record (Monolog's line format as Laravel sets it, `[stacktrace]`, `#N`
// frames, `[previous exception]`) arrives one line per entry, all at fpm's WARNING. From the rollout
// `decorate_workers_output = no` and `LOG_STDERR_FORMATTER=Monolog\Formatter\GoogleCloudLoggingFormatter`:
// one JSON line a record (`message`, `context.exception{class, message, code, file, previous}`,
// `channel`, `extra`, `severity`, `time`), whose `severity` Cloud Run reads. fpm's own warnings (its
// `pm.max_children` notice) go on stderr in both.
const PL = 'portal-laravel';
const V = '/var/www/html/vendor/laravel/framework/src/Illuminate';

interface PhpEx { cls: string; code: number; message: string; file: string; trace: string[]; previous?: PhpEx }

/** JSON's escaping of the context's string (Laravel encodes slashes and unicode unescaped). */
const js = (s: string): string => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
const flat = (e: PhpEx): string => `[object] (${js(e.cls)}(code: ${e.code}): ${js(e.message)} at ${e.file})`;

/** The record as Laravel's LineFormatter prints it (one string, several lines). */
function lineRecord(t: number, level: string, message: string, ctx: Record<string, unknown>, ex: PhpEx): string {
  const head = `[${plainTime(t)}] production.${level}: ${message} ${JSON.stringify(ctx).slice(0, -1)}${Object.keys(ctx).length ? ',' : ''}"exception":"${flat(ex)}`;
  const parts = [head, '[stacktrace]', ...ex.trace.map(js)];
  if (ex.previous) parts.push('', `[previous exception] ${flat(ex.previous)}`, '[stacktrace]', ...ex.previous.trace.map(js));
  return `${parts.join('\n')}\n"}`;
}

function jsonException(e: PhpEx): Record<string, unknown> {
  const out: Record<string, unknown> = { class: e.cls, message: e.message, code: e.code, file: e.file };
  if (e.previous) out.previous = jsonException(e.previous);
  return out;
}

/** What reaches Cloud Run for one Laravel error record. */
function laravel(rng: Prng, t: number, rev: 0 | 1, message: string, ctx: Record<string, unknown>, ex: PhpEx, child: number): Write[] {
  if (rev === 1) return [{ stream: 'stderr', json: { message, context: { ...ctx, exception: jsonException(ex) }, channel: 'production', extra: {}, severity: 'ERROR', time: rfc3339Ext(t) } }];
  return lineRecord(t, 'ERROR', message, ctx, ex).split('\n').filter((l) => l !== '').map((l) => ({ stream: 'stderr' as const, text: `[${fpmTime(t)}] WARNING: [pool www] child ${child} said into stderr: "${l}"` }));
}

const nginx = (rng: Prng, t: number, method: string, path: string, status: number): Write => ({
  stream: 'stdout', text: `${peer(rng)} - - [${clfTime(t)}] "${method} ${path} HTTP/1.1" ${status} ${status >= 500 ? rng.int(6000, 7000) : rng.int(300, 30000)} "${rng.chance(0.6) ? 'https://portal.sedgebrook.example/dashboard' : '-'}" "${rng.pick(UA)}"`,
});

const ROUTING = [
  `${V}/Routing/Controller.php(54): App\\Http\\Controllers\\DashboardController->show(Object(Illuminate\\Http\\Request))`,
  `${V}/Routing/ControllerDispatcher.php(43): Illuminate\\Routing\\Controller->callAction('show', Array)`,
  `${V}/Routing/Route.php(260): Illuminate\\Routing\\ControllerDispatcher->dispatch(Object(Illuminate\\Routing\\Route), Object(App\\Http\\Controllers\\DashboardController), 'show')`,
  `${V}/Routing/Route.php(205): Illuminate\\Routing\\Route->runController()`,
  `${V}/Routing/Router.php(808): Illuminate\\Routing\\Route->run()`,
  `${V}/Pipeline/Pipeline.php(170): Illuminate\\Routing\\Router->Illuminate\\Routing\\{closure}(Object(Illuminate\\Http\\Request))`,
  `${V}/Foundation/Http/Kernel.php(175): Illuminate\\Pipeline\\Pipeline->then(Object(Closure))`,
  `/var/www/html/public/index.php(17): Illuminate\\Foundation\\Application->handleRequest(Object(Illuminate\\Http\\Request))`,
];
const numbered = (lines: string[]): string[] => [...lines.map((l, i) => `#${i} ${l}`), `#${lines.length} {main}`];

// The Cloud SQL instance's failover: new connections time out, the dashboard's first query fails.
const plDashboard = fam(`${PL}:dashboard-mysql-timeout`, 'ERROR', [40, 90], ({ rng, t, rev }) => {
  const user = Number(digits(rng, 4));
  const sql = `select * from \`subscriptions\` where \`user_id\` = ${user} and \`subscriptions\`.\`deleted_at\` is null limit 1`;
  const msg = `SQLSTATE[HY000] [2002] Connection timed out (Connection: mysql, SQL: ${sql})`;
  const pdo: PhpEx = { cls: 'PDOException', code: 2002, message: 'SQLSTATE[HY000] [2002] Connection timed out', file: `${V}/Database/Connectors/Connector.php:66`, trace: numbered([
    `${V}/Database/Connectors/Connector.php(66): PDO->__construct('mysql:host=10.4...', 'portal', Object(SensitiveParameterValue), Array)`,
    `${V}/Database/Connectors/Connector.php(44): Illuminate\\Database\\Connectors\\Connector->createPdoConnection('mysql:host=10.4...', 'portal', Object(SensitiveParameterValue), Array)`,
    `${V}/Database/Connectors/MySqlConnector.php(24): Illuminate\\Database\\Connectors\\Connector->createConnection('mysql:host=10.4...', Array, Array)`,
    `${V}/Database/Connection.php(1231): Illuminate\\Database\\Connectors\\MySqlConnector->connect(Array)`,
    `${V}/Database/Connection.php(408): Illuminate\\Database\\Connection->getPdo()`,
    ...ROUTING.slice(0, 3),
  ]) };
  const ex: PhpEx = { cls: 'Illuminate\\Database\\QueryException', code: 2002, message: msg, file: `${V}/Database/Connection.php:825`, previous: pdo, trace: numbered([
    `${V}/Database/Connection.php(779): Illuminate\\Database\\Connection->runQueryCallback('select * from \`...', Array, Object(Closure))`,
    `${V}/Database/Connection.php(398): Illuminate\\Database\\Connection->run('select * from \`...', Array, Object(Closure))`,
    `${V}/Database/Query/Builder.php(3133): Illuminate\\Database\\Connection->select('select * from \`...', Array, true)`,
    `${V}/Database/Eloquent/Builder.php(739): Illuminate\\Database\\Query\\Builder->get(Array)`,
    '/var/www/html/app/Http/Controllers/DashboardController.php(31): Illuminate\\Database\\Eloquent\\Builder->first()',
    ...ROUTING,
  ]) };
  return [...laravel(rng, t, rev, msg, { userId: user }, ex, rng.int(20, 60)), nginx(rng, t + 5_000_000, 'GET', '/dashboard', 500)];
}, 0.4);

// The postcode API's DNS record was deleted in a domain move: Laravel's HTTP client cannot connect.
const plAddress = fam(`${PL}:address-lookup-dns`, 'ERROR', [30, 60], ({ rng, t, rev }) => {
  const pc = `${rng.pick(['SW1A', 'EC2R', 'M1', 'LS1', 'BS1'])}${rng.int(1, 9)}${rng.upperAlnum(2)}`;
  const url = `https://api.getaddress.example/find/${pc}?expand=true`;
  const curl = `cURL error 6: Could not resolve host: api.getaddress.example (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for ${url}`;
  const guzzle: PhpEx = { cls: 'GuzzleHttp\\Exception\\ConnectException', code: 0, message: curl, file: '/var/www/html/vendor/guzzlehttp/guzzle/src/Handler/CurlFactory.php:275', trace: numbered([
    '/var/www/html/vendor/guzzlehttp/guzzle/src/Handler/CurlFactory.php(205): GuzzleHttp\\Handler\\CurlFactory::createRejection(Object(GuzzleHttp\\Handler\\EasyHandle), Array)',
    '/var/www/html/vendor/guzzlehttp/guzzle/src/Handler/CurlFactory.php(157): GuzzleHttp\\Handler\\CurlFactory::finishError(Object(GuzzleHttp\\Handler\\CurlHandler), Object(GuzzleHttp\\Handler\\EasyHandle), Object(GuzzleHttp\\Handler\\CurlFactory))',
    '/var/www/html/vendor/guzzlehttp/guzzle/src/Handler/CurlHandler.php(47): GuzzleHttp\\Handler\\CurlFactory::finish(Object(GuzzleHttp\\Handler\\CurlHandler), Object(GuzzleHttp\\Handler\\EasyHandle), Object(GuzzleHttp\\Handler\\CurlFactory))',
    `${V}/Http/Client/PendingRequest.php(1075): GuzzleHttp\\Client->send(Object(GuzzleHttp\\Psr7\\Request), Array)`,
  ]) };
  const ex: PhpEx = { cls: 'Illuminate\\Http\\Client\\ConnectionException', code: 0, message: curl, file: `${V}/Http/Client/PendingRequest.php:1593`, previous: guzzle, trace: numbered([
    `${V}/Http/Client/PendingRequest.php(951): Illuminate\\Http\\Client\\PendingRequest->marshalConnectionException(Object(GuzzleHttp\\Exception\\ConnectException))`,
    `${V}/Support/helpers.php(338): Illuminate\\Http\\Client\\PendingRequest->Illuminate\\Http\\Client\\{closure}(1)`,
    `${V}/Http/Client/PendingRequest.php(917): retry(0, Object(Closure), 0, Object(Closure))`,
    `${V}/Http/Client/PendingRequest.php(791): Illuminate\\Http\\Client\\PendingRequest->send('GET', '${url.slice(0, 15)}...', Array)`,
    '/var/www/html/app/Services/AddressLookup.php(28): Illuminate\\Http\\Client\\PendingRequest->get(\'https://api.get...\')',
    '/var/www/html/app/Http/Controllers/AddressController.php(19): App\\Services\\AddressLookup->find(\'' + pc + '\')',
    ...ROUTING.slice(1),
  ]) };
  return [...laravel(rng, t, rev, curl, {}, ex, rng.int(20, 60)), nginx(rng, t + 400_000, 'GET', `/account/address/lookup?postcode=${pc}`, 500)];
}, 0.3);

// A Blade view reads a key that accounts migrated from the old billing system lack.
const plView = fam(`${PL}:billing-view-undefined-key`, 'ERROR', [25, 60], ({ rng, t, rev }) => {
  const compiled = `/var/www/html/storage/framework/views/${rng.hex(40)}.php`;
  const prev: PhpEx = { cls: 'ErrorException', code: 0, message: 'Undefined array key "plan"', file: `${compiled}:14`, trace: numbered([
    `${V}/Foundation/Bootstrap/HandleExceptions.php(256): Illuminate\\Foundation\\Bootstrap\\HandleExceptions->handleError(2, 'Undefined array...', '${compiled.slice(0, 15)}...', 14)`,
    `${compiled}(14): Illuminate\\Foundation\\Bootstrap\\HandleExceptions->Illuminate\\Foundation\\Bootstrap\\{closure}(2, 'Undefined array...', '/var/www/html/s...', 14)`,
    `${V}/Filesystem/Filesystem.php(123): require('/var/www/html/s...')`,
  ]) };
  const msg = 'Undefined array key "plan" (View: /var/www/html/resources/views/billing/show.blade.php)';
  const ex: PhpEx = { cls: 'Illuminate\\View\\ViewException', code: 0, message: msg, file: `${compiled}:14`, previous: prev, trace: numbered([
    `${V}/View/Engines/PhpEngine.php(60): Illuminate\\View\\Engines\\CompilerEngine->handleViewException(Object(ErrorException), 1)`,
    `${V}/View/Engines/CompilerEngine.php(72): Illuminate\\View\\Engines\\PhpEngine->evaluatePath('${compiled.slice(0, 15)}...', Array)`,
    `${V}/View/View.php(207): Illuminate\\View\\Engines\\CompilerEngine->get('/var/www/html/r...', Array)`,
    `${V}/Http/Response.php(78): Illuminate\\View\\View->render()`,
    ...ROUTING.slice(2),
  ]) };
  return [...laravel(rng, t, rev, msg, { userId: Number(digits(rng, 4)) }, ex, rng.int(20, 60)), nginx(rng, t + 90_000, 'GET', '/billing', 500)];
});

// Five children for the lunchtime peak (frequent): fpm's own warning.
const plChildren = fam(`${PL}:fpm-max-children`, 'WARNING', [100, 220], ({ t }) =>
  [{ stream: 'stderr', text: `[${fpmTime(t)}] WARNING: [pool www] server reached pm.max_children setting (5), consider raising it` }]);

const plChatter = fam(`noise:${PL}:chatter`, 'INFO', [260, 380], ({ rng, t, rev }) => {
  const roll = rng.next();
  if (roll < 0.04) return [{ stream: 'stderr', text: `[${fpmTime(t)}] NOTICE: ${rng.pick(['fpm is running, pid 7', 'ready to handle connections'])}` }];
  if (roll < 0.2) {
    const msg = `Invoice sync finished: ${rng.int(10, 300)} updated, 0 errors`;
    if (rev === 1) return [{ stream: 'stderr', json: { message: msg, context: {}, channel: 'production', extra: {}, severity: 'INFO', time: rfc3339Ext(t) } }];
    return [{ stream: 'stderr', text: `[${fpmTime(t)}] WARNING: [pool www] child ${rng.int(20, 60)} said into stderr: "[${plainTime(t)}] production.INFO: ${msg}"` }];
  }
  return [nginx(rng, t, 'GET', rng.pick(['/dashboard', '/billing', '/account', '/up', `/build/assets/app-${rng.alnum(8)}.js`]), rng.pick([200, 200, 200, 302, 304]))];
});

export const portalLaravel: ServiceDef = {
  name: PL, stack: 'PHP 8.3, Laravel 11, php-fpm 8.3 + nginx 1.27 (supervisord), Cloud SQL for MySQL 8', splitRate: 0.65,
  families: [plDashboard, plAddress, plView, plChildren, plChatter],
};
