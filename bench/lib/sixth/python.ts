// Django 5.1 under daphne, and a Celery 5.4 worker. Django logs through the LOGGING of its docs: the
// "simple" formatter (`{levelname} {message}`) on the morning revision, the "verbose" one (`{levelname}
// {asctime} {module} {process:d} {thread:d} {message}`) after; `django.request` says `Internal Server
// Error: /path` with the traceback, `django.security.*` names the rejected host or CSRF failure. Celery
// prints `[asctime: LEVEL/processName] msg` (its default worker_log_format) on the morning revision and a
// site format after; the trace module's `Task name[id] raised unexpected: Exc(...)` carries the traceback.
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { daphneTime, pyAsctime } from './clock.js';

const SITE = '/usr/local/lib/python3.12/site-packages';

/** Django's LOGGING: "simple" before the rollout, "verbose" after (module is where the call sits). */
function django(rev: 0 | 1, t: number, rng: Prng, level: string, module: string, msg: string): string {
  return rev === 0 ? `${level} ${msg}` : `${level} ${pyAsctime(t)} ${module} ${rng.pick([7, 8, 9])} ${rng.pick(['140211872028352', '140211863635648'])} ${msg}`;
}

const djangoHandlerFrames = `  File "${SITE}/asgiref/sync.py", line 518, in thread_handler
    raise exc_info[1]
  File "${SITE}/django/core/handlers/exception.py", line 42, in inner
    response = await get_response(request)
               ^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "${SITE}/asgiref/sync.py", line 518, in thread_handler
    raise exc_info[1]
  File "${SITE}/django/core/handlers/base.py", line 253, in _get_response_async
    response = await wrapped_callback(
               ^^^^^^^^^^^^^^^^^^^^^^^`;

function exportTrace(rng: Prng, t: number): string {
  const row = `(${rng.int(8000, 9999)}, null, pending, ${pyAsctime(t).replace(',', '.')}+00)`;
  const notNull = 'null value in column "customer_id" of relation "orders_exportjob" violates not-null constraint';
  return `Traceback (most recent call last):
  File "${SITE}/django/db/backends/utils.py", line 105, in _execute
    return self.cursor.execute(sql, params)
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "${SITE}/psycopg/cursor.py", line 97, in execute
    raise ex.with_traceback(None)
psycopg.errors.NotNullViolation: ${notNull}
DETAIL:  Failing row contains ${row}.

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
${djangoHandlerFrames}
  File "/app/orders/views.py", line 88, in export_orders
    job = ExportJob.objects.create(customer=request.user.customer, status="pending")
          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "${SITE}/django/db/models/query.py", line 679, in create
    obj.save(force_insert=True, using=self.db)
  File "${SITE}/django/db/backends/utils.py", line 100, in _execute
    with self.db.wrap_database_errors:
  File "${SITE}/django/db/utils.py", line 91, in __exit__
    raise dj_exc_value.with_traceback(traceback) from exc_value
  File "${SITE}/django/db/backends/utils.py", line 105, in _execute
    return self.cursor.execute(sql, params)
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
django.db.utils.IntegrityError: ${notNull}
DETAIL:  Failing row contains ${row}.`;
}

const templateTrace = (): string => `Traceback (most recent call last):
${djangoHandlerFrames}
  File "/app/invoices/views.py", line 41, in invoice_pdf
    html = render_to_string("invoices/pdf_v2.html", {"invoice": invoice})
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "${SITE}/django/template/loader.py", line 61, in render_to_string
    template = get_template(template_name, using=using)
               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "${SITE}/django/template/loader.py", line 19, in get_template
    raise TemplateDoesNotExist(template_name, chain=chain)
django.template.exceptions.TemplateDoesNotExist: invoices/pdf_v2.html`;

const djangoOut = (text: string): Write => ({ stream: 'stderr', text });

const djangoFamilies: Family[] = [
  {
    name: 'admin-django:order-export-not-null', level: 'ERROR', perDay: [20, 60], burst: 0.1,
    emit: ({ rng, t, rev }) => [djangoOut(`${django(rev, t, rng, 'ERROR', 'log', 'Internal Server Error: /admin/orders/export/')}\n${exportTrace(rng, t)}`)],
  },
  {
    name: 'admin-django:invoice-pdf-template-missing', level: 'ERROR', perDay: [4, 12],
    emit: ({ rng, t, rev }) => [djangoOut(`${django(rev, t, rng, 'ERROR', 'log', `Internal Server Error: /invoices/${rng.int(10000, 99999)}/pdf/`)}\n${templateTrace()}`)],
  },
  {
    // django.security.DisallowedHost logs at ERROR: scanners hitting the service by its address.
    name: 'admin-django:disallowed-host', level: 'ERROR', perDay: [40, 120],
    emit: ({ rng, t, rev }) => {
      const ip = rng.publicIpv4();
      return [djangoOut(django(rev, t, rng, 'ERROR', 'base', `Invalid HTTP_HOST header: '${ip}'. You may need to add '${ip}' to ALLOWED_HOSTS.`))];
    },
  },
  {
    // django.security.csrf at WARNING: the admin's login form broken behind the load balancer.
    name: 'admin-django:csrf-origin-rejected', level: 'WARNING', perDay: [80, 200],
    emit: ({ rng, t, rev }) => [djangoOut(django(rev, t, rng, 'WARNING', 'log', `Forbidden (Origin checking failed - https://${rng.pick(['admin', 'backoffice'])}.harbor-shop.example does not match any trusted origins.): /admin/login/`))],
  },
  {
    name: 'noise:admin-django:access', level: 'INFO', perDay: [300, 600],
    emit: ({ rng, t }) => {
      const [method, path, status] = rng.weighted<[string, string, number]>([
        [['GET', '/admin/', 200], 5], [['GET', `/admin/orders/order/${rng.int(1000, 99999)}/change/`, 200], 5],
        [['POST', '/admin/orders/export/', 500], 1], [['GET', '/static/admin/css/base.css', 304], 3], [['POST', '/admin/login/', 403], 1],
      ]);
      return [{ stream: 'stdout', text: `169.254.1.1:${rng.int(30000, 60000)} - - [${daphneTime(t)}] "${method} ${path}" ${status} ${rng.int(100, 40000)}` }];
    },
  },
  {
    name: 'noise:admin-django:sync', level: 'INFO', perDay: [100, 200],
    emit: ({ rng, t, rev }) => [djangoOut(django(rev, t, rng, 'INFO', 'sync', `stock sync finished: rows=${rng.int(50, 900)} error_count=0 took=${rng.fixed(0.2, 4, 2)}s`))],
  },
];

export const adminDjango: ServiceDef = { name: 'admin-django', stack: 'Python 3.12, Django 5.1, daphne 4, psycopg 3', splitRate: 0.75, families: djangoFamilies };

// ---- Celery ----

/** Celery's default worker_log_format before the rollout, the site's own after. */
function celery(rev: 0 | 1, t: number, level: string, proc: string, logger: string, msg: string): string {
  return rev === 0 ? `[${pyAsctime(t)}: ${level}/${proc}] ${msg}` : `${pyAsctime(t)} ${level.padEnd(8)} ${logger} ${proc}: ${msg}`;
}
const worker = (rng: Prng): string => `ForkPoolWorker-${rng.int(1, 8)}`;

const dbTimeout = (host: string): string => `connection to server at "${host}", port 5432 failed: timeout expired`;

function taskTrace(task: 'sync_invoice' | 'send_receipt', host: string): string {
  const site = task === 'sync_invoice'
    ? `  File "/app/billing/tasks.py", line 57, in sync_invoice
    invoice = Invoice.fetch(invoice_id)
              ^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/app/billing/models.py", line 112, in fetch
    with db.connect() as conn:
         ^^^^^^^^^^^^`
    : `  File "/app/billing/tasks.py", line 96, in send_receipt
    customer = db.customers.get(customer_id)
               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/app/billing/db.py", line 31, in get
    conn = self.pool.getconn()
           ^^^^^^^^^^^^^^^^^^^`;
  return `Traceback (most recent call last):
  File "${SITE}/celery/app/trace.py", line 453, in trace_task
    R = retval = fun(*args, **kwargs)
                 ^^^^^^^^^^^^^^^^^^^^
  File "${SITE}/celery/app/trace.py", line 736, in __protected_call__
    return self.run(*args, **kwargs)
           ^^^^^^^^^^^^^^^^^^^^^^^^^
${site}
  File "${SITE}/psycopg2/__init__.py", line 122, in connect
    conn = _connect(dsn, connection_factory=connection_factory, **kwasync)
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
psycopg2.OperationalError: ${dbTimeout(host)}`;
}

/** The same psycopg2 timeout raised by two tasks: two failing operations, two problems. */
function taskFailure(task: 'sync_invoice' | 'send_receipt'): Family['emit'] {
  return ({ rng, t, rev }) => {
    const host = rng.pick(['10.20.0.3', '10.20.0.4']);
    const head = celery(rev, t, 'ERROR', worker(rng), 'celery.app.trace', `Task billing.tasks.${task}[${rng.uuid()}] raised unexpected: OperationalError('${dbTimeout(host)}\\n')`);
    return [{ stream: 'stderr', text: `${head}\n${taskTrace(task, host)}` }];
  };
}

const celeryFamilies: Family[] = [
  { name: 'jobs-celery:sync-invoice-db-timeout', level: 'ERROR', perDay: [15, 45], burst: 0.15, emit: taskFailure('sync_invoice') },
  { name: 'jobs-celery:send-receipt-db-timeout', level: 'ERROR', perDay: [10, 30], emit: taskFailure('send_receipt') },
  {
    name: 'jobs-celery:monthly-report-soft-time-limit', level: 'WARNING', perDay: [80, 200],
    emit: ({ rng, t, rev }) => [{ stream: 'stderr', text: celery(rev, t, 'WARNING', 'MainProcess', 'celery.worker.request', `Soft time limit (${rng.pick([120, 120, 180])}s) exceeded for reports.tasks.build_monthly[${rng.uuid()}]`) }],
  },
  {
    // The pool's hard limit, then the kill of the worker: two lines, two problems.
    name: 'jobs-celery:monthly-report-hard-time-limit', level: 'ERROR', perDay: [4, 12],
    emit: ({ rng, t, rev }) => {
      const w = worker(rng);
      return [
        { stream: 'stderr', text: celery(rev, t, 'ERROR', 'MainProcess', 'celery.worker.request', `Hard time limit (300s) exceeded for reports.tasks.build_monthly[${rng.uuid()}]`) },
        { stream: 'stderr', text: celery(rev, t + 3000, 'ERROR', 'MainProcess', 'celery.concurrency.asynpool', `Process '${w}' pid:${rng.int(20, 400)} exited with 'signal 9 (SIGKILL)'`), as: { family: 'jobs-celery:worker-sigkill', level: 'ERROR' } },
      ];
    },
  },
  {
    name: 'jobs-celery:broker-connection-refused', level: 'ERROR', perDay: [2, 8],
    emit: ({ rng, t, rev }) => [{ stream: 'stderr', text: `${celery(rev, t, 'ERROR', 'MainProcess', 'celery.worker.consumer.consumer', 'consumer: Cannot connect to redis://10.20.0.5:6379/0: Error 111 connecting to 10.20.0.5:6379. Connection refused..')}\nTrying again in ${rng.pick(['2.00', '4.00', '6.00'])} seconds... (${rng.int(1, 5)}/100)\n` }],
  },
  {
    name: 'noise:jobs-celery:tasks', level: 'INFO', perDay: [400, 800],
    emit: ({ rng, t, rev }) => {
      const task = rng.pick(['billing.tasks.sync_invoice', 'billing.tasks.send_receipt', 'reports.tasks.build_daily']);
      const id = rng.uuid();
      return rng.chance(0.5)
        ? [{ stream: 'stderr', text: celery(rev, t, 'INFO', 'MainProcess', 'celery.worker.strategy', `Task ${task}[${id}] received`) }]
        : [{ stream: 'stderr', text: celery(rev, t, 'INFO', worker(rng), 'celery.app.trace', `Task ${task}[${id}] succeeded in ${rng.fixed(0.01, 3, 6)}s: {'synced': ${rng.int(0, 40)}, 'errors': 0}`) }];
    },
  },
];

export const jobsCelery: ServiceDef = { name: 'jobs-celery', stack: 'Python 3.12, Celery 5.4, Redis, psycopg2', splitRate: 0.8, families: celeryFamilies };
