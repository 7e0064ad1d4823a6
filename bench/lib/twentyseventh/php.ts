// The day's PHP service: Laravel 11 on Octane with FrankenPHP, the stderr log channel (Monolog's line
// format with Laravel's `[stacktrace]`, then its JsonFormatter) passed through Octane's own output.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { laravelTime, monologTime } from './clock.js';
import { digits, fam } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// shop-octane: PHP 8.3, Laravel 11, Octane 2.5 on FrankenPHP 1.3 (`php artisan octane:frankenphp
// --host=0.0.0.0 --port=8080`), `LOG_CHANNEL=stderr`, Cloud SQL for MySQL 8 over private IP, phpredis
// to Memorystore for sessions, stripe-php 16. Octane reads FrankenPHP's output and writes one line at a
// time on stdout: its request line (`  500    POST /checkout ..... 24.31 mb 143.22 ms`) from Caddy's
// access log, and every other line as it came (Laravel's log records, PHP's own fatal errors). Morning
// revision: Laravel's LineFormatter for the stderr channel (`[date] production.LEVEL: message
// {"exception":"[object] (Class(code: N): message at file:line)\n[stacktrace]\n#0 …"}`, the previous
// exception after `[previous exception]`). From the rollout `LOG_STDERR_FORMATTER=Monolog\Formatter\
// JsonFormatter`: one JSON line a record (`message`, `context.exception{class, message, code, file,
// previous}`, `level`, `level_name`, `channel`, `datetime`, `extra`), no severity.
const SO = 'shop-octane';

const octaneLine = (rng: Prng, status: number, method: string, url: string, slow = false): Write => {
  const head = `  ${status}    ${method} ${url} `;
  const tail = ` ${(rng.next() * 20 + 18).toFixed(2)} mb ${(slow ? rng.next() * 9000 + 1000 : rng.next() * 300 + 5).toFixed(2)} ms`;
  return { stream: 'stdout', text: `${head}${'.'.repeat(Math.max(3, 120 - head.length - tail.length))}${tail}` };
};

interface Ex { cls: string; code: number; msg: string; at: string; frames: string[] }

function laravel(t: number, rev: 0 | 1, level: 'ERROR' | 'WARNING' | 'INFO', msg: string, ex?: Ex, prev?: Ex, context?: Record<string, unknown>): Write {
  if (rev === 0) {
    const block = (e: Ex): string => `[object] (${e.cls.replace(/\\/g, '\\\\')}(code: ${e.code}): ${e.msg} at ${e.at})\n[stacktrace]\n${e.frames.map((f, i) => `#${i} ${f.replace(/\\/g, '\\\\')}`).join('\n')}\n#${e.frames.length} {main}`;
    const ctx = ex ? ` {"exception":"${block(ex)}${prev ? `\n\n[previous exception] ${block(prev)}` : ''}\n"} ` : context ? ` ${JSON.stringify(context)} ` : ' ';
    return { stream: 'stdout', text: `${laravelTime(t)} production.${level}: ${msg}${ctx}` };
  }
  const norm = (e: Ex): Record<string, unknown> => ({ class: e.cls, message: e.msg, code: e.code, file: e.at });
  const exJson = ex ? { exception: { ...norm(ex), ...(prev ? { previous: norm(prev) } : {}) } } : context ?? {};
  return { stream: 'stdout', json: { message: msg, context: exJson, level: { ERROR: 400, WARNING: 300, INFO: 200 }[level], level_name: level, channel: 'production', datetime: monologTime(t), extra: {} } };
}

const FW = '/app/vendor/laravel/framework/src/Illuminate';
const DB_FRAMES = [
  `${FW}/Database/Connection.php(779): Illuminate\\Database\\Connection->runQueryCallback()`,
  `${FW}/Database/Connection.php(398): Illuminate\\Database\\Connection->run()`,
  `${FW}/Database/Query/Builder.php(3133): Illuminate\\Database\\Connection->select()`,
  `${FW}/Database/Eloquent/Builder.php(739): Illuminate\\Database\\Query\\Builder->get()`,
  '/app/app/Http/Controllers/CartController.php(31): Illuminate\\Database\\Eloquent\\Builder->first()',
  `${FW}/Routing/ControllerDispatcher.php(46): App\\Http\\Controllers\\CartController->show()`,
  `${FW}/Routing/Route.php(260): Illuminate\\Routing\\ControllerDispatcher->dispatch()`,
  `${FW}/Pipeline/Pipeline.php(169): Illuminate\\Routing\\Router->Illuminate\\Routing\\{closure}()`,
  '/app/vendor/laravel/octane/src/ApplicationGateway.php(37): Illuminate\\Foundation\\Http\\Kernel->handle()',
  '/app/vendor/laravel/octane/src/Worker.php(92): Laravel\\Octane\\ApplicationGateway->handle()',
  '/app/vendor/laravel/octane/bin/frankenphp-worker.php(77): Laravel\\Octane\\Worker->handle()',
  '[internal function]: {closure}()',
  '/app/vendor/laravel/octane/bin/frankenphp-worker.php(87): frankenphp_handle_request()',
  '/app/public/frankenphp-worker.php(3): require(\'...\')',
];

// The database's private IP refuses connections during its maintenance: Laravel's QueryException with
// PDO's as the previous exception, then Octane's 500 line.
const soDbRefused = fam(`${SO}:cart-db-connection-refused`, 'ERROR', [25, 55], ({ rng, t, rev }) => {
  const id = digits(rng, 6);
  const sql = `select * from \`carts\` where \`carts\`.\`id\` = ${id} limit 1`;
  const msg = `SQLSTATE[HY000] [2002] Connection refused (Connection: mysql, SQL: ${sql})`;
  const ex: Ex = { cls: 'Illuminate\\Database\\QueryException', code: 2002, msg, at: `${FW}/Database/Connection.php:825`, frames: DB_FRAMES };
  const prev: Ex = { cls: 'PDOException', code: 2002, msg: 'SQLSTATE[HY000] [2002] Connection refused', at: `${FW}/Database/Connectors/Connector.php:65`, frames: [`${FW}/Database/Connectors/Connector.php(65): PDO->__construct()`, `${FW}/Database/Connectors/Connector.php(44): Illuminate\\Database\\Connectors\\Connector->createPdoConnection()`, `${FW}/Database/Connectors/MySqlConnector.php(24): Illuminate\\Database\\Connectors\\Connector->createConnection()`, ...DB_FRAMES.slice(2)] };
  return [laravel(t, rev, 'ERROR', msg, ex, prev), octaneLine(rng, 500, 'GET', `/cart/${id}`)];
}, 0.4);

// phpredis loses the persistent connection Octane keeps across requests.
const soRedis = fam(`${SO}:session-redis-read-error`, 'ERROR', [20, 45], ({ rng, t, rev }) => {
  const host = `10.31.0.${rng.int(3, 9)}:6379`;
  const ex: Ex = { cls: 'RedisException', code: 0, msg: `read error on connection to ${host}`, at: `${FW}/Redis/Connections/Connection.php:116`, frames: [
    `${FW}/Redis/Connections/Connection.php(116): Redis->get()`, `${FW}/Redis/Connections/PhpRedisConnection.php(531): Illuminate\\Redis\\Connections\\Connection->command()`,
    `${FW}/Session/CacheBasedSessionHandler.php(48): Illuminate\\Cache\\Repository->get()`, `${FW}/Session/Store.php(110): Illuminate\\Session\\CacheBasedSessionHandler->read()`,
    `${FW}/Session/Middleware/StartSession.php(146): Illuminate\\Session\\Store->start()`, ...DB_FRAMES.slice(7),
  ] };
  return [laravel(t, rev, 'ERROR', `read error on connection to ${host}`, ex), octaneLine(rng, 500, rng.pick(['GET', 'POST']), rng.pick(['/cart', '/checkout', '/account']))];
});

// Declined cards are logged by the checkout at warning with Stripe's decline code (frequent).
const soDeclined = fam(`${SO}:card-declined`, 'WARNING', [120, 240], ({ rng, t, rev }) => {
  const order = Number(digits(rng, 6));
  const [code, msg] = rng.pick([['insufficient_funds', 'Your card has insufficient funds.'], ['generic_decline', 'Your card was declined.'], ['expired_card', 'Your card has expired.']] as const);
  return [laravel(t, rev, 'WARNING', `Payment declined for order ${order}: ${msg}`, undefined, undefined, { order, decline_code: code })];
});

// The product export builds its CSV in memory: PHP's fatal error, then Octane's 500 line.
const soMemory = fam(`${SO}:export-memory-exhausted`, 'ERROR', [15, 40], ({ rng, t }) => [
  { stream: 'stdout', text: `PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (tried to allocate ${rng.pick([4096, 20480, 65536, 2097160])} bytes) in ${FW}/Collections/Arr.php on line ${rng.pick([612, 613])}` },
  octaneLine(rng, 500, 'GET', `/admin/products/export?format=csv&page=${rng.int(1, 9)}`, true),
]);

const soChatter = fam(`noise:${SO}:chatter`, 'INFO', [220, 320], ({ rng, t, rev }) => {
  const r = rng.next();
  if (r < 0.05) return [{ stream: 'stdout', text: rng.pick(['   INFO  Server running…', '  Local: http://0.0.0.0:8080', '  Press Ctrl+C to stop the server']) }];
  if (r < 0.8) return [octaneLine(rng, rng.pick([200, 200, 302, 304]), rng.pick(['GET', 'GET', 'POST']), rng.pick(['/', '/cart', '/checkout', `/products/${rng.pick(['linen-shirt', 'wool-scarf', 'rain-jacket'])}`, '/up']))];
  return [laravel(t, rev, 'INFO', `Order ${digits(rng, 6)} paid (${rng.int(1, 9)} items, 0 failed)`, undefined, undefined, { gateway: 'stripe' })];
});

export const shopOctane: ServiceDef = {
  name: SO, stack: 'PHP 8.3, Laravel 11, Octane 2.5 on FrankenPHP 1.3, MySQL 8, phpredis, stripe-php 16', splitRate: 0.9,
  families: [soDbRefused, soRedis, soDeclined, soMemory, soChatter],
};
