// Laravel 11 on PHP 8.3 under Apache httpd with mod_php (the official php:apache image: access log on
// stdout, error log on stderr). Laravel's `stderr` channel with Monolog's LineFormatter on the morning
// revision (`[Y-m-d H:i:s] production.LEVEL: msg {"exception":"[object] (Class(code: N): msg at
// file:line)` + `[stacktrace]` + `#N` frames + `"}`, the context JSON-escaped but its newlines real),
// Monolog's JsonFormatter after (`message`, `context.exception{class, message, code, file, trace}`,
// `level`, `level_name`, `channel`, `datetime`, `extra`; no `severity`). PHP's own fatal errors reach
// Apache's error log as `[date] [php:error] [pid n] [client ip:port] PHP Fatal error:  ...`.
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { apacheErrorTime, clf, isoMicrosOffset, ymdHms } from './clock.js';

const V = '/var/www/html/vendor/laravel/framework/src/Illuminate';
const LEVEL_NO: Record<string, number> = { INFO: 200, WARNING: 300, ERROR: 400 };

interface Thrown { cls: string; code: number; message: string; file: string; frames: string[] }

/** One Monolog record as each revision writes it. */
function monolog(rev: 0 | 1, t: number, level: 'INFO' | 'WARNING' | 'ERROR', msg: string, context: Record<string, unknown>, thrown?: Thrown): Write {
  if (rev === 0) {
    let ctx = Object.keys(context).length > 0 || thrown ? JSON.stringify(context).slice(0, -1) : '';
    if (thrown) {
      const esc = (s: string): string => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
      const body = `[object] (${thrown.cls}(code: ${thrown.code}): ${thrown.message} at ${thrown.file})\n[stacktrace]\n${thrown.frames.map((f, i) => `#${i} ${f}`).join('\n')}\n#${thrown.frames.length} {main}\n`;
      ctx = `${ctx}${ctx.length > 1 ? ',' : ''}"exception":"${esc(body)}"}`;
    } else if (ctx !== '') ctx += '}';
    return { stream: 'stderr', text: `[${ymdHms(t)}] production.${level}: ${msg}${ctx === '' ? '' : ` ${ctx}`} ` };
  }
  const exception = thrown ? { exception: { class: thrown.cls, message: thrown.message, code: thrown.code, file: thrown.file, trace: thrown.frames.map((f) => f.replace(/\(.*$/, '')) } } : {};
  return { stream: 'stderr', json: { message: msg, context: { ...context, ...exception }, level: LEVEL_NO[level], level_name: level, channel: 'production', datetime: isoMicrosOffset(t), extra: {} } };
}

function queryRefused(rng: Prng): { msg: string; thrown: Thrown } {
  const sql = `select * from \`invoices\` where \`id\` = ${rng.int(1000, 99999)} limit 1`;
  const msg = `SQLSTATE[HY000] [2002] Connection refused (Connection: mysql, SQL: ${sql})`;
  return {
    msg,
    thrown: {
      cls: 'Illuminate\\Database\\QueryException', code: 2002, message: msg, file: `${V}/Database/Connection.php:825`,
      frames: [
        `${V}/Database/Connection.php(779): Illuminate\\Database\\Connection->runQueryCallback('select * from \`...', Array, Object(Closure))`,
        `${V}/Database/Connection.php(398): Illuminate\\Database\\Connection->run('select * from \`...', Array, Object(Closure))`,
        `${V}/Database/Query/Builder.php(3131): Illuminate\\Database\\Connection->select('select * from \`...', Array, true)`,
        `${V}/Database/Eloquent/Builder.php(739): Illuminate\\Database\\Query\\Builder->get(Array)`,
        `/var/www/html/app/Http/Controllers/InvoiceController.php(34): Illuminate\\Database\\Eloquent\\Builder->findOrFail('${rng.int(1000, 99999)}')`,
        `${V}/Routing/ControllerDispatcher.php(46): App\\Http\\Controllers\\InvoiceController->show(Object(Illuminate\\Http\\Request), '${rng.int(1000, 99999)}')`,
        `${V}/Routing/Route.php(260): Illuminate\\Routing\\ControllerDispatcher->dispatch(Object(Illuminate\\Routing\\Route), Object(App\\Http\\Controllers\\InvoiceController), 'show')`,
        `${V}/Pipeline/Pipeline.php(170): Illuminate\\Routing\\Router->Illuminate\\Routing\\{closure}(Object(Illuminate\\Http\\Request))`,
        `/var/www/html/public/index.php(17): Illuminate\\Foundation\\Application->handleRequest(Object(Illuminate\\Http\\Request))`,
      ],
    },
  };
}

const taxKey = (): Thrown => ({
  cls: 'ErrorException', code: 0, message: 'Undefined array key "tax_rate"', file: '/var/www/html/app/Services/TaxCalculator.php:41',
  frames: [
    `${V}/Foundation/Bootstrap/HandleExceptions.php(256): Illuminate\\Foundation\\Bootstrap\\HandleExceptions->handleError(2, 'Undefined array...', '/var/www/html/a...', 41)`,
    '/var/www/html/app/Services/TaxCalculator.php(41): Illuminate\\Foundation\\Bootstrap\\HandleExceptions->Illuminate\\Foundation\\Bootstrap\\{closure}(2, \'Undefined array...\', \'/var/www/html/a...\', 41)',
    '/var/www/html/app/Jobs/IssueInvoice.php(58): App\\Services\\TaxCalculator->forCountry(\'PT\')',
    `${V}/Container/BoundMethod.php(36): App\\Jobs\\IssueInvoice->handle(Object(App\\Services\\TaxCalculator))`,
    `${V}/Queue/CallQueuedHandler.php(125): Illuminate\\Bus\\Dispatcher->dispatchNow(Object(App\\Jobs\\IssueInvoice), false)`,
  ],
});

const families: Family[] = [
  {
    name: 'billing-laravel:mysql-connection-refused', level: 'ERROR', perDay: [15, 50], burst: 0.3,
    emit: ({ rng, t, rev }) => {
      const { msg, thrown } = queryRefused(rng);
      return [monolog(rev, t, 'ERROR', msg, { userId: rng.int(1, 90000) }, thrown)];
    },
  },
  {
    name: 'billing-laravel:tax-rate-key-missing', level: 'ERROR', perDay: [5, 20],
    emit: ({ rng, t, rev }) => [monolog(rev, t, 'ERROR', 'Undefined array key "tax_rate"', { invoice: rng.int(1000, 99999) }, taxKey())],
  },
  {
    name: 'billing-laravel:stripe-signature-rejected', level: 'WARNING', perDay: [80, 200],
    emit: ({ rng, t, rev }) => [monolog(rev, t, 'WARNING', 'Stripe webhook signature verification failed', { ip: rng.publicIpv4(), event: `evt_${rng.alnum(24)}` })],
  },
  {
    name: 'billing-laravel:pdf-memory-exhausted', level: 'ERROR', perDay: [4, 12],
    emit: ({ rng, t }) => [{ stream: 'stderr', text: `[${apacheErrorTime(t)}] [php:error] [pid ${rng.int(20, 400)}] [client 169.254.1.1:${rng.int(30000, 60000)}] PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (tried to allocate ${rng.pick([20480, 4096, 262144])} bytes) in /var/www/html/vendor/dompdf/dompdf/src/FrameReflower/Text.php on line ${rng.pick([88, 88, 412])}` }],
  },
  {
    name: 'billing-laravel:apache-max-request-workers', level: 'ERROR', perDay: [2, 8],
    emit: ({ t }) => [{ stream: 'stderr', text: `[${apacheErrorTime(t)}] [mpm_prefork:error] [pid 1] AH00161: server reached MaxRequestWorkers setting, consider raising the MaxRequestWorkers setting` }],
  },
  {
    name: 'noise:billing-laravel:access', level: 'INFO', perDay: [300, 600],
    emit: ({ rng, t }) => {
      const status = rng.weighted([[200, 20], [302, 2], [500, 1]] as const);
      return [{ stream: 'stdout', text: `169.254.1.1 - - [${clf(t)}] "GET /api/invoices/${rng.int(1000, 99999)} HTTP/1.1" ${status} ${rng.int(200, 9000)} "-" "python-requests/2.32.3"` }];
    },
  },
  {
    name: 'noise:billing-laravel:batches', level: 'INFO', perDay: [100, 200],
    emit: ({ rng, t, rev }) => [monolog(rev, t, 'INFO', 'invoice batch done', { processed: rng.int(1, 400), failed: 0, error: null })],
  },
];

export const billingLaravel: ServiceDef = { name: 'billing-laravel', stack: 'PHP 8.3, Laravel 11, Apache httpd 2.4 + mod_php', splitRate: 0.75, families };
