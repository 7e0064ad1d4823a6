// The PHP service of the day: Laravel 11 on nginx and php-fpm in one container. Laravel's `stderr`
// channel writes to the worker's stderr, which php-fpm passes on line by line
// (`catch_workers_output = yes`, `decorate_workers_output = no`, `log_limit = 65536`): Monolog's line
// format on the morning revision, its JsonFormatter after. PHP's own fatal errors go to nginx over
// FastCGI (`FastCGI sent in stderr: "PHP message: ..."`), nginx's error log and fpm's master log go to
// stderr, nginx's access log to stdout.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { clf, fpmTime, isoMillis, slashTime, ymdHms } from './clock.js';
import { eachLine, fam } from './shared.js';

const SVC = 'shop-laravel';
const f = (name: string): string => `${SVC}:${name}`;
const HOST = 'shop.wren.example';
const V = '/var/www/html/vendor/laravel/framework/src/Illuminate';

const nginxError = (rng: Prng, t: number, what: string, request: string, referrer = false): Write => ({
  stream: 'stderr',
  text: `${slashTime(t)} [error] ${rng.int(20, 40)}#${rng.int(20, 40)}: *${rng.int(100, 99999)} ${what}, client: 169.254.169.126, server: _, request: "${request}", upstream: "fastcgi://127.0.0.1:9000", host: "${HOST}"${referrer ? `, referrer: "https://${HOST}/cart"` : ''}`,
});

interface LaravelErr { level: 'ERROR' | 'WARNING' | 'INFO'; message: string; context: Record<string, unknown>; exception?: { cls: string; code: number; msg: string; at: string; trace: string[]; previous?: { cls: string; code: number; msg: string; at: string; trace: string[] } } }

/** One Laravel record as php-fpm passes it on: Monolog's line format one line a write, or one JSON line. */
const laravel = (t: number, rev: 0 | 1, r: LaravelErr): Write[] => {
  if (rev === 0) {
    const ctx = Object.entries(r.context).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
    let text = `[${ymdHms(t)}] production.${r.level}: ${r.message}`;
    if (r.exception) {
      const e = r.exception;
      const esc = (s: string): string => s.replace(/\\/g, '\\\\');
      let body = `[object] (${esc(e.cls)}(code: ${e.code}): ${esc(e.msg)} at ${e.at})\n[stacktrace]\n${e.trace.map((l, k) => `#${k} ${esc(l)}`).join('\n')}\n#${e.trace.length} {main}`;
      if (e.previous) {
        const p = e.previous;
        body += `\n\n[previous exception] [object] (${esc(p.cls)}(code: ${p.code}): ${esc(p.msg)} at ${p.at})\n[stacktrace]\n${p.trace.map((l, k) => `#${k} ${esc(l)}`).join('\n')}\n#${p.trace.length} {main}`;
      }
      text += ` {${[...ctx, `"exception":"${body}`].join(',')}\n"} `;
    } else {
      text += ctx.length ? ` {${ctx.join(',')}} ` : ' ';
    }
    // php-fpm passes a worker's output on a line at a time; blank lines carry nothing and are dropped.
    return eachLine('stderr', text.split('\n').filter((l) => l.trim() !== ''));
  }
  const context: Record<string, unknown> = { ...r.context };
  if (r.exception) {
    const e = r.exception;
    const one = (x: { cls: string; code: number; msg: string; at: string; trace: string[] }): Record<string, unknown> => ({ class: x.cls, message: x.msg, code: x.code, file: x.at, trace: x.trace.slice(0, 6).map((l) => l.replace(/\((\d+)\): .*$/, ':$1')) });
    context.exception = e.previous ? { ...one(e), previous: one(e.previous) } : one(e);
  }
  const levelNo = { ERROR: 400, WARNING: 300, INFO: 200 }[r.level];
  return [{ stream: 'stderr', json: { message: r.message, context, level: levelNo, level_name: r.level, channel: 'production', datetime: isoMillis(t).replace('Z', '000+00:00'), extra: {} } }];
};

const deadlock = (sku: string, at: string): LaravelErr => {
  const sql = `update \`inventory_items\` set \`reserved\` = reserved + 1, \`inventory_items\`.\`updated_at\` = ${at} where \`sku\` = ${sku}`;
  const msg = 'SQLSTATE[40001]: Serialization failure: 1213 Deadlock found when trying to get lock; try restarting transaction';
  return {
    level: 'ERROR', message: `${msg} (Connection: mysql, SQL: ${sql})`, context: { userId: 0 },
    exception: {
      cls: 'Illuminate\\Database\\QueryException', code: 40001, msg: `${msg} (Connection: mysql, SQL: ${sql})`, at: `${V}/Database/Connection.php:825`,
      trace: [
        `${V}/Database/Connection.php(779): Illuminate\\Database\\Connection->runQueryCallback('update \`invento...', Array, Object(Closure))`,
        `${V}/Database/Connection.php(584): Illuminate\\Database\\Connection->run('update \`invento...', Array, Object(Closure))`,
        `${V}/Database/Query/Builder.php(3835): Illuminate\\Database\\Connection->update('update \`invento...', Array)`,
        '/var/www/html/app/Services/Reservations.php(42): Illuminate\\Database\\Query\\Builder->update(Array)',
        '/var/www/html/app/Http/Controllers/CartController.php(57): App\\Services\\Reservations->reserve(Object(App\\Models\\Cart), \'' + sku + '\')',
        `${V}/Routing/ControllerDispatcher.php(46): App\\Http\\Controllers\\CartController->add(Object(Illuminate\\Http\\Request))`,
        `${V}/Routing/Route.php(260): Illuminate\\Routing\\ControllerDispatcher->dispatch(Object(Illuminate\\Routing\\Route), Object(App\\Http\\Controllers\\CartController), 'add')`,
        `${V}/Pipeline/Pipeline.php(169): Illuminate\\Routing\\Route->run()`,
        '/var/www/html/public/index.php(17): Illuminate\\Foundation\\Application->handleRequest(Object(Illuminate\\Http\\Request))',
      ],
      previous: {
        cls: 'PDOException', code: 40001, msg, at: `${V}/Database/Connection.php:587`,
        trace: [
          `${V}/Database/Connection.php(587): PDOStatement->execute()`,
          `${V}/Database/Connection.php(812): Illuminate\\Database\\Connection->Illuminate\\Database\\{closure}('update \`invento...', Array)`,
          `${V}/Database/Connection.php(779): Illuminate\\Database\\Connection->runQueryCallback('update \`invento...', Array, Object(Closure))`,
          '/var/www/html/public/index.php(17): Illuminate\\Foundation\\Application->handleRequest(Object(Illuminate\\Http\\Request))',
        ],
      },
    },
  };
};

const MEMORY = 'Allowed memory size of 134217728 bytes exhausted (tried to allocate 20480 bytes)';
const EXPORT_FILE = `${V}/Database/Eloquent/Collection.php`;

export const shopLaravel: ServiceDef = {
  name: SVC,
  stack: 'PHP 8.3, Laravel 11 (LOG_CHANNEL=stderr), php-fpm 8.3 and nginx 1.27 in one container under supervisord, Cloud SQL for MySQL 8',
  splitRate: 1,
  families: [
    // The export runs out of memory: PHP's fatal reaches nginx over FastCGI, and Laravel's shutdown
    // handler reports the same fatal through the channel.
    fam(f('export-memory-exhausted'), 'ERROR', [10, 25], ({ rng, t, rev }) => {
      const month = `2026-${rng.pick(['09', '10', '11'])}`;
      return [
        nginxError(rng, t, `FastCGI sent in stderr: "PHP message: PHP Fatal error:  ${MEMORY} in ${EXPORT_FILE} on line 421" while reading response header from upstream`, `GET /admin/orders/export?month=${month} HTTP/1.1`),
        ...laravel(t + 3000, rev, {
          level: 'ERROR', message: MEMORY, context: { userId: rng.int(1, 40) },
          exception: { cls: 'Symfony\\Component\\ErrorHandler\\Error\\FatalError', code: 0, msg: MEMORY, at: `${EXPORT_FILE}:421`, trace: [] },
        }),
      ];
    }),
    // A response whose Set-Cookie headers outgrow nginx's FastCGI buffer: 502 from nginx.
    fam(f('upstream-header-too-big'), 'ERROR', [10, 25], ({ rng, t }) => [
      nginxError(rng, t, 'upstream sent too big header while reading response header from upstream', `GET /${rng.pick(['account/orders', 'account/wishlist', 'checkout'])} HTTP/1.1`, true),
    ]),
    fam(f('reserve-deadlock'), 'ERROR', [15, 35], ({ rng, t, rev }) => laravel(t, rev, deadlock(`SKU-${rng.int(10000, 99999)}`, ymdHms(t)))),
    fam(f('stock-below-threshold'), 'WARNING', [100, 200], ({ rng, t, rev }) => {
      const sku = `SKU-${rng.int(10000, 99999)}`;
      return laravel(t, rev, { level: 'WARNING', message: `Stock below threshold for ${sku}`, context: { sku, left: rng.int(0, 4) } });
    }),
    fam(f('fpm-pool-busy'), 'WARNING', [20, 40], ({ rng, t }) => {
      const total = rng.int(6, 20);
      return [{ stream: 'stderr', text: `[${fpmTime(t)}] WARNING: [pool www] seems busy (you may need to increase pm.start_servers, or pm.min/max_spare_servers), spawning ${rng.pick([8, 16, 32])} children, there are 0 idle, and ${total} total children` }];
    }),
    fam(`noise:${SVC}:access`, 'INFO', [450, 650], ({ rng, t }) => [{
      stream: 'stdout',
      text: `169.254.169.126 - - [${clf(t)}] "GET ${rng.pick(['/', '/products', `/products/${rng.int(100, 999)}`, '/cart'])} HTTP/1.1" 200 ${rng.int(2000, 90000)} "-" "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X)"`,
    }]),
    fam(`noise:${SVC}:app`, 'INFO', [150, 250], ({ rng, t, rev }) => laravel(t, rev, { level: 'INFO', message: `Order ${rng.int(100000, 999999)} placed`, context: { items: rng.int(1, 6), errors: 0 } })),
    fam(`noise:${SVC}:fpm-start`, 'INFO', [3, 12], ({ t }) => [
      { stream: 'stderr', text: `[${fpmTime(t)}] NOTICE: fpm is running, pid 12` },
      { stream: 'stderr', text: `[${fpmTime(t)}] NOTICE: ready to handle connections` },
    ]),
  ],
};
