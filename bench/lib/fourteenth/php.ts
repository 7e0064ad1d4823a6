// mailer-artisan: a Laravel 11 queue worker (`php artisan queue:work redis`, PHP 8.3 CLI) sending invoice
// mail and webhooks. The worker's console view writes one line per job state (`  2026-12-04 10:00:00
// App\Jobs\SendInvoiceEmail ...... RUNNING`, then `... 1.52s FAIL` or `... 120.45ms DONE`, dots to 80
// columns, each line its own write); the `stderr` log channel writes Monolog's line format with Laravel's
// `{"exception":"[object] (Class(code: 0): message at file:line)\n[stacktrace]\n#0 ...` context (real
// line breaks inside the JSON-looking context) on the morning revision, and Monolog's JsonFormatter after
// the rollout (LOG_STDERR_FORMATTER). PHP's own fatal error goes to stderr (log) and stdout (display).
import type { Ctx, Family, ServiceDef, Write } from '../stranger/model.js';
import { isoMicrosOffset, ymdHms } from './clock.js';

const SVC = 'mailer-artisan';
const V = '/var/www/html/vendor';

/** queue:work's line for a job state, padded with dots to 80 columns. */
function jobLine(t: number, job: string, tail: string): string {
  const head = `  ${ymdHms(t)} ${job} `;
  const dots = Math.max(3, 80 - head.length - tail.length - 1);
  return `${head}${'.'.repeat(dots)} ${tail}`;
}

interface LogEx { class: string; message: string; file: string; line: number; trace: string[] }

const esc = (s: string): string => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

/** One Laravel log record on stderr: the line formatter with the exception context, or Monolog's JSON. */
function laravelLog(ctx: Ctx, level: string, levelNo: number, message: string, ex?: LogEx, context?: Record<string, unknown>): Write {
  if (ctx.rev === 0) {
    let ctxText = context ? JSON.stringify(context) : '[]';
    if (ex) {
      ctxText = `{"exception":"[object] (${esc(ex.class)}(code: 0): ${esc(ex.message)} at ${ex.file}:${ex.line})\n[stacktrace]\n${ex.trace.map((f, i) => `#${i} ${esc(f)}`).join('\n')}\n#${ex.trace.length} {main}\n"}`;
    }
    return { stream: 'stderr', text: `[${ymdHms(ctx.t)}] production.${level}: ${message} ${ctxText} []` };
  }
  const json: Record<string, unknown> = {
    message,
    context: ex ? { exception: { class: ex.class, message: ex.message, code: 0, file: `${ex.file}:${ex.line}` } } : (context ?? {}),
    level: levelNo, level_name: level, channel: 'production', datetime: isoMicrosOffset(ctx.t), extra: {},
  };
  return { stream: 'stderr', json };
}

/** The worker's RUNNING line belongs to no problem: every job prints one. */
const running = (t: number, job: string): Write => ({ stream: 'stdout', text: jobLine(t, job, 'RUNNING'), as: { family: `noise:${SVC}:job-state`, level: 'INFO' } });

const smtpTimeout: Family = {
  name: `${SVC}:invoice-mail-smtp-connect-timeout`, level: 'ERROR', perDay: [15, 45], burst: 0.3,
  emit: (ctx) => {
    const job = 'App\\Jobs\\SendInvoiceEmail';
    const msg = 'Connection could not be established with host "smtp.mailgun.org:587": stream_socket_client(): Unable to connect to smtp.mailgun.org:587 (Connection timed out)';
    return [
      running(ctx.t - 60_000_000, job),
      laravelLog(ctx, 'ERROR', 400, msg, {
        class: 'Symfony\\Component\\Mailer\\Exception\\TransportException', message: msg, file: `${V}/symfony/mailer/Transport/Smtp/Stream/SocketStream.php`, line: 154,
        trace: [
          `[internal function]: Symfony\\Component\\Mailer\\Transport\\Smtp\\Stream\\SocketStream->Symfony\\Component\\Mailer\\Transport\\Smtp\\Stream\\{closure}(2, 'stream_socket_c...', '/var/www/html/v...', 157)`,
          `${V}/symfony/mailer/Transport/Smtp/Stream/SocketStream.php(157): stream_socket_client('smtp.mailgun.or...', 0, '', 60.0, 4, Resource id #${ctx.rng.int(100, 9999)})`,
          `${V}/symfony/mailer/Transport/Smtp/SmtpTransport.php(279): Symfony\\Component\\Mailer\\Transport\\Smtp\\Stream\\SocketStream->initialize()`,
          `${V}/symfony/mailer/Transport/Smtp/SmtpTransport.php(211): Symfony\\Component\\Mailer\\Transport\\Smtp\\SmtpTransport->start()`,
          `${V}/laravel/framework/src/Illuminate/Mail/Mailer.php(584): Symfony\\Component\\Mailer\\Transport\\AbstractTransport->send(Object(Symfony\\Component\\Mime\\Email), Object(Symfony\\Component\\Mailer\\DelayedEnvelope))`,
          `/var/www/html/app/Jobs/SendInvoiceEmail.php(38): Illuminate\\Mail\\Mailer->send(Object(App\\Mail\\InvoiceMail))`,
          `${V}/laravel/framework/src/Illuminate/Container/BoundMethod.php(36): App\\Jobs\\SendInvoiceEmail->handle()`,
          `${V}/laravel/framework/src/Illuminate/Queue/Worker.php(442): Illuminate\\Queue\\Jobs\\Job->fire()`,
        ],
      }),
      { stream: 'stdout', text: jobLine(ctx.t, job, `${ctx.rng.fixed(60, 61, 2)}s FAIL`) },
    ];
  },
};

const maxAttempts: Family = {
  name: `${SVC}:push-webhook-max-attempts-exceeded`, level: 'ERROR', perDay: [10, 30],
  emit: (ctx) => {
    const job = 'App\\Jobs\\PushWebhook';
    const msg = `${job} has been attempted too many times.`;
    return [
      running(ctx.t - 1_000_000, job),
      laravelLog(ctx, 'ERROR', 400, msg, {
        class: 'Illuminate\\Queue\\MaxAttemptsExceededException', message: msg, file: `${V}/laravel/framework/src/Illuminate/Queue/MaxAttemptsExceededException.php`, line: 24,
        trace: [
          `${V}/laravel/framework/src/Illuminate/Queue/Worker.php(785): Illuminate\\Queue\\MaxAttemptsExceededException::forJob(Object(Illuminate\\Queue\\Jobs\\RedisJob))`,
          `${V}/laravel/framework/src/Illuminate/Queue/Worker.php(519): Illuminate\\Queue\\Worker->maxAttemptsExceededException(Object(Illuminate\\Queue\\Jobs\\RedisJob))`,
          `${V}/laravel/framework/src/Illuminate/Queue/Worker.php(428): Illuminate\\Queue\\Worker->markJobAsFailedIfAlreadyExceedsMaxAttempts('redis', Object(Illuminate\\Queue\\Jobs\\RedisJob), 3)`,
          `${V}/laravel/framework/src/Illuminate/Queue/Worker.php(389): Illuminate\\Queue\\Worker->process('redis', Object(Illuminate\\Queue\\Jobs\\RedisJob), Object(Illuminate\\Queue\\WorkerOptions))`,
          `${V}/laravel/framework/src/Illuminate/Queue/Worker.php(176): Illuminate\\Queue\\Worker->runJob(Object(Illuminate\\Queue\\Jobs\\RedisJob), 'redis', Object(Illuminate\\Queue\\WorkerOptions))`,
        ],
      }),
      { stream: 'stdout', text: jobLine(ctx.t, job, `${ctx.rng.fixed(1, 40, 2)}ms FAIL`) },
    ];
  },
};

/** dompdf runs out of memory_limit: PHP prints the fatal twice, Laravel's shutdown handler logs it, the worker dies. */
const pdfMemory: Family = {
  name: `${SVC}:invoice-pdf-memory-exhausted`, level: 'ERROR', perDay: [2, 8],
  emit: (ctx) => {
    const bytes = ctx.rng.pick([20480, 4096, 65536, 12288]);
    const where = `${V}/dompdf/dompdf/src/FrameReflower/Page.php`;
    const msg = `Allowed memory size of 134217728 bytes exhausted (tried to allocate ${bytes} bytes)`;
    return [
      running(ctx.t - 3_000_000, 'App\\Jobs\\RenderInvoicePdf'),
      { stream: 'stderr', text: `PHP Fatal error:  ${msg} in ${where} on line 141` },
      { stream: 'stdout', text: `\nFatal error: ${msg} in ${where} on line 141` },
      laravelLog(ctx, 'ERROR', 400, msg, { class: 'Symfony\\Component\\ErrorHandler\\Error\\FatalError', message: msg, file: where, line: 141, trace: [] }),
      { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(255).', as: { family: `${SVC}:container-exit-255`, level: 'WARNING' } },
    ];
  },
};

const rateLimited: Family = {
  name: `${SVC}:mailgun-rate-limited-release`, level: 'WARNING', perDay: [120, 260],
  emit: (ctx) => [laravelLog(ctx, 'WARNING', 300, 'Mailgun rate limit hit, releasing App\\Jobs\\SendInvoiceEmail back onto the queue', undefined, { attempt: ctx.rng.int(1, 3), invoice_id: ctx.rng.int(10000, 99999), delay: 30 })],
};

const done: Family = {
  name: `noise:${SVC}:job-state`, level: 'INFO', perDay: [250, 450],
  emit: (ctx) => {
    const job = ctx.rng.pick(['App\\Jobs\\SendInvoiceEmail', 'App\\Jobs\\PushWebhook', 'App\\Jobs\\RenderInvoicePdf']);
    return [running(ctx.t, job), { stream: 'stdout', text: jobLine(ctx.t + ctx.rng.int(20_000, 2_000_000), job, `${ctx.rng.fixed(12, 1900, 2)}ms DONE`) }];
  },
};

const dispatched: Family = {
  name: `noise:${SVC}:dispatched`, level: 'INFO', perDay: [40, 100],
  emit: (ctx) => [laravelLog(ctx, 'INFO', 200, 'Dispatched invoice emails', undefined, { count: ctx.rng.int(10, 400), failed: 0, errors: [] })],
};

export const mailerArtisan: ServiceDef = {
  name: SVC, stack: 'PHP 8.3 CLI, Laravel 11 queue worker (Redis), Symfony Mailer, dompdf', splitRate: 0.75,
  families: [smtpTimeout, maxAttempts, pdfMemory, rateLimited, done, dispatched],
};
