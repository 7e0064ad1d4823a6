// The day's PHP service: Laravel 11 served by FrankenPHP in classic mode (`php_server`, no worker, no
// Octane), Laravel's stderr channel in its line format, then Monolog's JsonFormatter; Caddy's JSON
// access log beside it.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { epochSeconds, monologIso, plainTime } from './clock.js';
import { digits, fam, peer, UA } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// portal-laravel: PHP 8.3, Laravel 11 on FrankenPHP 1.3 (Caddy 2.8) in classic mode, MySQL 8 (Cloud
// SQL), the Laravel HTTP client to a billing provider. `LOG_CHANNEL=stderr`. Morning revision:
// Laravel's line format (`[Y-m-d H:i:s] production.LEVEL: message {context}`, inline line breaks, the
// exception as `[object] (Class(code: N): message at file:line)` with `[stacktrace]` and `[previous
// exception]`); from the rollout `LOG_STDERR_FORMATTER=Monolog\Formatter\JsonFormatter` (one JSON
// line: `message`, `context.exception{class, message, code, file, previous}` without the trace,
// `level`, `level_name`, `channel`, `datetime`, `extra`; no severity). Caddy's access log
// (`log { output stdout; format json }`): `handled request`, the request's headers, 5xx at error.
const PL = 'portal-laravel';
const LVL: Record<string, number> = { INFO: 200, WARNING: 300, ERROR: 400 };
const V = '/app/vendor/laravel/framework/src/Illuminate';

interface Exc { cls: string; code: string | number; message: string; file: string; trace: string[]; previous?: Exc }

const objectOf = (e: Exc): string => `[object] (${e.cls}(code: ${e.code}): ${e.message} at ${e.file})\n[stacktrace]\n${e.trace.map((f, i) => `#${i} ${f}`).join('\n')}\n#${e.trace.length} {main}\n${e.previous ? `\n[previous exception] ${objectOf(e.previous)}` : ''}`;
const jsonOf = (e: Exc): Record<string, unknown> => ({ class: e.cls, message: e.message, code: e.code, file: e.file, ...(e.previous ? { previous: jsonOf(e.previous) } : {}) });

function llog(t: number, rev: 0 | 1, level: 'INFO' | 'WARNING' | 'ERROR', message: string, context: Record<string, unknown>, exc?: Exc): Write {
  if (rev === 0) {
    const ctx = { ...context, ...(exc ? { exception: '\u0000' } : {}) };
    let c = Object.keys(ctx).length > 0 ? ` ${JSON.stringify(ctx)}` : '';
    if (exc) c = c.replace('"\\u0000"', `"${objectOf(exc).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
    return { stream: 'stderr', text: `[${plainTime(t)}] production.${level}: ${message}${c}` };
  }
  return { stream: 'stderr', json: { message, context: { ...context, ...(exc ? { exception: jsonOf(exc) } : {}) }, level: LVL[level], level_name: level, channel: 'production', datetime: monologIso(t), extra: {} } };
}

function caddy(rng: Prng, t: number, host: string, method: string, uri: string, status: number): Write {
  const headers: Record<string, string[]> = { 'User-Agent': [rng.pick(UA)], Accept: ['text/html,application/xhtml+xml'], 'X-Forwarded-For': [rng.publicIpv4()], 'X-Forwarded-Proto': ['https'] };
  if (rng.chance(0.6)) headers.Traceparent = [`00-${rng.hex(32)}-${rng.hex(16)}-01`];
  if (rng.chance(0.5)) headers.Cookie = ['REDACTED'];
  if (method === 'POST') headers['Content-Type'] = ['application/x-www-form-urlencoded'];
  const ip = peer(rng);
  return { stream: 'stdout', json: {
    level: status >= 500 ? 'error' : 'info', ts: epochSeconds(t), logger: 'http.log.access.log0', msg: 'handled request',
    request: { remote_ip: ip, remote_port: String(rng.int(30000, 60000)), client_ip: ip, proto: 'HTTP/1.1', method, host, uri, headers },
    bytes_read: method === 'POST' ? rng.int(100, 900) : 0, user_id: '', duration: rng.float(0.01, 9, 6), size: status >= 500 ? 6615 : rng.int(800, 40000), status,
    resp_headers: { 'Content-Type': ['text/html; charset=UTF-8'], Server: ['Caddy'], 'X-Powered-By': ['PHP/8.3.14'], 'Cache-Control': ['no-cache, private'] },
  } };
}

const DB_TRACE = [`${V}/Database/Connection.php(779): Illuminate\\Database\\Connection->runQueryCallback()`, `${V}/Database/Connection.php(584): Illuminate\\Database\\Connection->run()`,
  `${V}/Database/Query/Builder.php(3817): Illuminate\\Database\\Connection->update()`, '/app/app/Services/SubscriptionService.php(64): Illuminate\\Database\\Query\\Builder->update()',
  '/app/app/Http/Controllers/SubscriptionController.php(41): App\\Services\\SubscriptionService->renew()', `${V}/Routing/ControllerDispatcher.php(46): App\\Http\\Controllers\\SubscriptionController->renew()`];

// Renewals and the plan-change form update the same rows in opposite orders: MySQL picks a victim
// (burst). Laravel's QueryException over the PDOException, then Caddy's 500.
const plDeadlock = fam(`${PL}:subscription-renew-deadlock`, 'ERROR', [40, 90], ({ rng, t, rev, host }) => {
  const id = digits(rng, 6);
  const pdo = 'SQLSTATE[40001]: Serialization failure: 1213 Deadlock found when trying to get lock; try restarting transaction';
  const exc: Exc = { cls: 'Illuminate\\Database\\QueryException', code: 40001, message: `${pdo} (Connection: mysql, SQL: update \`subscriptions\` set \`renews_at\` = ${plainTime(t + 2_592_000_000_000)}, \`subscriptions\`.\`updated_at\` = ${plainTime(t)} where \`id\` = ${id})`, file: `${V}/Database/Connection.php:825`, trace: DB_TRACE,
    previous: { cls: 'PDOException', code: 40001, message: pdo, file: `${V}/Database/Connection.php:587`, trace: [`${V}/Database/Connection.php(587): PDOStatement->execute()`, ...DB_TRACE.slice(0, 5)] } };
  return [llog(t, rev, 'ERROR', exc.message, { userId: rng.int(1, 90000) }, exc), caddy(rng, t + 3000, host, 'POST', `/subscriptions/${id}/renew`, 500)];
}, 0.35);

const http502 = (site: string[]): Exc => ({
  cls: 'Illuminate\\Http\\Client\\RequestException', code: 502, file: `${V}/Http/Client/Response.php:319`,
  message: 'HTTP request returned status code 502:\n<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</bo (truncated...)\n',
  trace: [`${V}/Http/Client/Response.php(336): Illuminate\\Http\\Client\\Response->toException()`, ...site],
});

// The billing provider's origin fails behind its CDN: the invoices page fails (burst)...
const plInvoices = fam(`${PL}:invoices-billing-502`, 'ERROR', [30, 70], ({ rng, t, rev, host }) => {
  const exc = http502(['/app/app/Billing/BillingClient.php(38): Illuminate\\Http\\Client\\Response->throw()', '/app/app/Http/Controllers/InvoiceController.php(22): App\\Billing\\BillingClient->invoices()', `${V}/Routing/ControllerDispatcher.php(46): App\\Http\\Controllers\\InvoiceController->index()`]);
  return [llog(t, rev, 'ERROR', exc.message, { userId: rng.int(1, 90000) }, exc), caddy(rng, t + 2000, host, 'GET', `/billing/invoices?page=${rng.int(1, 9)}`, 500)];
}, 0.3);

// ...and the cron route that syncs invoices catches the same exception per account (a second call
// site; the route answers 200).
const plSync = fam(`${PL}:invoice-sync-billing-502`, 'ERROR', [10, 30], ({ rng, t, rev }) => {
  const exc = http502(['/app/app/Billing/BillingClient.php(38): Illuminate\\Http\\Client\\Response->throw()', '/app/app/Billing/InvoiceSync.php(27): App\\Billing\\BillingClient->invoices()', '/app/app/Http/Controllers/CronController.php(18): App\\Billing\\InvoiceSync->run()']);
  return [llog(t, rev, 'ERROR', `Invoice sync failed for account ${digits(rng, 5)}`, { attempt: rng.int(1, 3) }, exc)];
});

// Expired coupons tried at checkout (frequent).
const plCoupon = fam(`${PL}:coupon-rejected`, 'WARNING', [120, 240], ({ rng, t, rev }) =>
  [llog(t, rev, 'WARNING', `Coupon ${rng.upperAlnum(8)} rejected: expired on ${plainTime(t - rng.int(1, 90) * 86_400_000_000).slice(0, 10)}`, { userId: rng.int(1, 90000), plan: rng.pick(['basic', 'team', 'business']) })]);

const plChatter = fam(`noise:${PL}:chatter`, 'INFO', [240, 380], ({ rng, t, rev, host }) => {
  if (rng.chance(0.7)) return [caddy(rng, t, host, 'GET', rng.pick(['/dashboard', '/billing/invoices', '/up', '/build/assets/app-4f1c.js']), 200)];
  return [llog(t, rev, 'INFO', `Invoice sync finished: ${rng.int(1, 400)} invoices, 0 errors`, {})];
});

export const portalLaravel: ServiceDef = {
  name: PL, stack: 'PHP 8.3, Laravel 11 on FrankenPHP 1.3 (classic mode), MySQL 8, Laravel HTTP client', splitRate: 0.6,
  families: [plDeadlock, plInvoices, plSync, plCoupon, plChatter],
};
