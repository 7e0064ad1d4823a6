// The PHP services: a plain PHP shop on the official php:8.3-apache image, and Matomo's archiver.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { apacheAccess, apacheError, phpLog, plainTime } from './clock.js';
import { fam } from './shared.js';

// php:8.3-apache (mod_php, prefork): Apache's error log on stderr, its combined access log on stdout.
// On the morning revision PHP's errors go through Apache (`[Thu Dec 10 10:00:00.123456 2026] [php:error]
// [pid N] [client ip:port] PHP Fatal error:  ...`, the message's newlines written as a literal `\n`, a
// `, referer: ...` when the request had one); from the rollout php.ini sets `error_log = /dev/stderr`, so
// PHP writes its own `[10-Dec-2026 10:00:00 UTC] PHP Fatal error:  ...` with real newlines. Apache's own
// lines keep their format.
const SHOP = 'legacy-apache';
const DOC = '/var/www/html';
function phpError(rng: Prng, t: number, rev: 0 | 1, apacheLevel: string, msg: string, referer?: string): Write {
  if (rev === 1) return { stream: 'stderr', text: `[${phpLog(t)}] ${msg}` };
  const ref = referer === undefined ? '' : `, referer: ${referer}`;
  return { stream: 'stderr', text: `[${apacheError(t)}] [php:${apacheLevel}] [pid ${rng.int(20, 400)}] [client 169.254.1.1:${rng.int(20000, 60000)}] ${msg.replace(/\n/g, '\\n')}${ref}` };
}
const apacheOwn = (t: number, module: string, msg: string): string => `[${apacheError(t)}] [${module}] [pid 1] ${msg}`;
const access = (rng: Prng, t: number, method: string, path: string, status: number, referer: string): string =>
  `169.254.1.1 - - [${apacheAccess(t)}] "${method} ${path} HTTP/1.1" ${status} ${status >= 500 ? 0 : rng.int(300, 40000)} "${referer}" "${rng.pick(['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1'])}"`;
const HOST = 'https://shop.mossharbor.example';
const access500 = (rng: Prng, t: number, method: string, path: string, referer: string): Write => ({ stream: 'stdout', text: access(rng, t, method, path, 500, referer), as: { family: `${SHOP}:access-500`, level: 'ERROR' } });
export const legacyApache: ServiceDef = {
  name: SHOP, stack: 'PHP 8.3 on the official php:8.3-apache image (Apache 2.4, mod_php, prefork), plain PHP with PDO MySQL to Cloud SQL over its Unix socket', splitRate: 0.7,
  families: [
    fam(`${SHOP}:pdo-connect-timeout`, 'ERROR', [15, 40], ({ rng, t, rev }) => [
      phpError(rng, t, rev, 'error', [
        `PHP Fatal error:  Uncaught PDOException: SQLSTATE[HY000] [2002] Connection timed out in ${DOC}/lib/db.php:14`,
        'Stack trace:',
        `#0 ${DOC}/lib/db.php(14): PDO->__construct('mysql:unix_sock...', 'shop', Object(SensitiveParameterValue), Array)`,
        `#1 ${DOC}/checkout.php(9): db()`,
        '#2 {main}',
        `  thrown in ${DOC}/lib/db.php on line 14`,
      ].join('\n'), `${HOST}/cart.php`),
      access500(rng, t + 30, 'POST', '/checkout.php', `${HOST}/cart.php`),
    ], 0.5),
    fam(`${SHOP}:export-memory`, 'ERROR', [6, 16], ({ rng, t, rev }) => [
      phpError(rng, t, rev, 'error', `PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (tried to allocate ${rng.pick([20480, 4096, 262144])} bytes) in ${DOC}/admin/export.php on line 88`, `${HOST}/admin/orders.php`),
      access500(rng, t + 30, 'GET', `/admin/export.php?from=2026-${rng.int(1, 11)}-01`, `${HOST}/admin/orders.php`),
    ]),
    fam(`${SHOP}:signup-email-key`, 'WARNING', [60, 150], ({ rng, t, rev }) => [phpError(rng, t, rev, 'warn', `PHP Warning:  Undefined array key "email" in ${DOC}/signup.php on line 27`, `${HOST}/signup.php`)]),
    fam(`${SHOP}:rates-unavailable`, 'WARNING', [30, 80], ({ rng, t, rev }) => [phpError(rng, t, rev, 'warn', `PHP Warning:  file_get_contents(https://api.fxrates.example/latest?base=EUR): Failed to open stream: HTTP request failed! HTTP/1.1 503 Service Unavailable in ${DOC}/lib/currency.php on line 19`)], 0.4),
    fam(`${SHOP}:max-request-workers`, 'ERROR', [2, 6], ({ t }) => [{ stream: 'stderr', text: apacheOwn(t, 'mpm_prefork:error', 'AH00161: server reached MaxRequestWorkers setting, consider raising the MaxRequestWorkers setting') }]),
    fam(`noise:${SHOP}:access`, 'INFO', [450, 650], ({ rng, t }) => [{ stream: 'stdout', text: access(rng, t, 'GET', rng.pick(['/', '/cart.php', '/product.php?id=' + rng.int(1, 900), '/static/app.css', '/health.php?errors=0']), rng.pick([200, 200, 200, 304]), `${HOST}/`) }]),
    fam(`noise:${SHOP}:apache`, 'INFO', [8, 20], ({ t }) => [{ stream: 'stderr', text: apacheOwn(t, 'mpm_prefork:notice', 'AH00163: Apache/2.4.62 (Debian) PHP/8.3.14 configured -- resuming normal operations') }, { stream: 'stderr', text: apacheOwn(t + 40, 'core:notice', "AH00094: Command line: 'apache2 -D FOREGROUND'") }]),
  ],
};

// Matomo 5.1 then 5.2: `console core:archive` started every hour by the container's loop (always-on
// CPU). Matomo's CLI log `LEVEL [Y-m-d H:i:s] pid  msg` (two spaces before the message), the pid that of
// the run; no format change at the rollout, only the version named in its warnings.
const MATOMO = 'stats-matomo';
const mt = (t: number, pid: number, level: string, msg: string): string => `${level} [${plainTime(t)}] ${pid}  ${msg}`;
const archiveQuery = (rng: Prng, t: number): string => `?module=API&method=CoreAdminHome.archiveReports&idSite=${rng.int(1, 6)}&period=${rng.pick(['day', 'week', 'month'])}&date=${plainTime(t).slice(0, 10)}&format=json&trigger=archivephp`;
export const statsMatomo: ServiceDef = {
  name: MATOMO, stack: 'Matomo 5.1 then 5.2 (PHP 8.3 CLI), `console core:archive` every hour, Cloud SQL for MySQL 8', splitRate: 0.7,
  families: [
    fam(`${MATOMO}:archive-empty-response`, 'ERROR', [10, 30], ({ rng, t }) => [{ stream: 'stdout', text: mt(t, rng.int(100, 9999), 'ERROR', `Got invalid response from API request: ${archiveQuery(rng, t)}. The response was empty. This usually means a server error. A solution to this error is generally to increase the value of 'memory_limit' in your php.ini file. For more information and the error message please check in your PHP CLI error log file. As this core:archive command triggers PHP processes over the CLI, you can find where PHP CLI logs are stored by running this command: php -i | grep error_log`) }]),
    fam(`${MATOMO}:archive-gone-away`, 'ERROR', [6, 18], ({ rng, t }) => [{ stream: 'stdout', text: mt(t, rng.int(100, 9999), 'ERROR', `Got invalid response from API request: ${archiveQuery(rng, t)}. Response was '{"result":"error","message":"SQLSTATE[HY000]: General error: 2006 MySQL server has gone away"}'`) }], 0.3),
    fam(`${MATOMO}:run-error-total`, 'ERROR', [8, 20], ({ rng, t }) => [{ stream: 'stdout', text: mt(t, rng.int(100, 9999), 'ERROR', `${rng.int(1, 6)} total errors during this script execution, please investigate and try and fix these errors.`) }]),
    fam(`${MATOMO}:unserialize-warning`, 'WARNING', [30, 90], ({ rng, t, rev }) => [{ stream: 'stdout', text: mt(t, rng.int(100, 9999), 'WARNING', `/var/www/html/core/Common.php(265): Warning - unserialize(): Error at offset 0 of ${rng.int(40, 900)} bytes - Matomo ${rev === 0 ? '5.1.2' : '5.2.0'} - Please report this message in the Matomo forums: https://forum.matomo.org (please do a search first as it might have been reported already)`) }]),
    fam(`noise:${MATOMO}:archived`, 'INFO', [300, 450], ({ rng, t }) => {
      const pid = rng.int(100, 9999);
      return [{ stream: 'stdout', text: rng.pick([
        mt(t, pid, 'INFO', `Archived website id ${rng.int(1, 6)}, period = ${rng.pick(['day', 'week', 'month'])}, date = ${plainTime(t).slice(0, 10)}, segment = '', ${rng.int(0, 9000)} visits found. Time elapsed: ${rng.fixed(0.2, 40, 3)}s`),
        mt(t, pid, 'INFO', `Skipped Archiving website id ${rng.int(1, 6)}, already done ${rng.int(1, 50)} minutes ago`),
        mt(t, pid, 'INFO', '---------------------------'),
        mt(t, pid, 'INFO', `Done archiving! (errors=0)`),
        mt(t, pid, 'INFO', `Starting Matomo reports archiving...`),
      ]) }];
    }),
  ],
};
