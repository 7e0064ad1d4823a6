// Python services: Django 5 on gunicorn, a Celery 5 worker, and a Flask app that logs JSON through
// structlog (older revision) or python-json-logger (newer revision, with `levelname` renamed to
// `severity` so Cloud Run reads it). Tracebacks as CPython prints them: 3.10 on the older revision,
// 3.12 (with `^^^^` position markers under some frames) on the newer one.
import type { Prng } from '../prng.js';
import type { Ctx, Family, ServiceDef, Write } from './model.js';
import { clfTime, isoMicros, ymdHms, ymdHmsComma } from './text.js';

const SITE = (rev: 0 | 1): string => `/usr/local/lib/python3.${rev === 0 ? 10 : 12}/site-packages`;
const STDLIB = (rev: 0 | 1): string => `/usr/local/lib/python3.${rev === 0 ? 10 : 12}`;

/** [file, line, function, source line] */
type Frame = readonly [string, number, string, string];

function traceback(ctx: Ctx, frames: readonly Frame[], last: string): string {
  const out = ['Traceback (most recent call last):'];
  for (const [file, line, fn, code] of frames) {
    out.push(`  File "${file}", line ${line}, in ${fn}`);
    out.push(`    ${code}`);
    // 3.11+ marks the failing expression, but not when it is the whole line.
    if (ctx.rev === 1 && code.includes('(') && !code.startsWith('raise') && !code.startsWith('return')) {
      const start = code.indexOf('=') > 0 ? code.indexOf('=') + 2 : 0;
      out.push(`    ${' '.repeat(start)}${'^'.repeat(Math.max(1, code.length - start))}`);
    }
  }
  out.push(last);
  return out.join('\n');
}

// ---- reports-django: Django 5, gunicorn --------------------------------------------------------

const djangoHandler = (ctx: Ctx): Frame[] => [
  [`${SITE(ctx.rev)}/django/core/handlers/exception.py`, 55, 'inner', 'response = get_response(request)'],
  [`${SITE(ctx.rev)}/django/core/handlers/base.py`, 197, '_get_response', 'response = wrapped_callback(request, *callback_args, **callback_kwargs)'],
];

/** Django's `django.request` record, bare (older revision) or with the docs' "verbose" formatter. */
function djangoRecord(ctx: Ctx, level: string, msg: string): string {
  if (ctx.rev === 0) return msg;
  return `${level} ${ymdHmsComma(ctx.t)} ${msg.startsWith('Invalid HTTP_HOST') ? 'exception' : 'log'} ${ctx.rng.int(7, 12)} ${ctx.rng.int(139_900_000_000_000, 140_300_000_000_000)} ${msg}`;
}

const reportMissing: Family = {
  name: 'reports-django:report-does-not-exist',
  level: 'ERROR',
  perDay: [20, 50],
  emit(ctx) {
    const id = ctx.rng.int(100, 9999);
    const tb = traceback(ctx, [
      ...djangoHandler(ctx),
      ['/app/reports/views.py', 44, 'detail', 'report = Report.objects.get(pk=pk, owner=request.user)'],
      [`${SITE(ctx.rev)}/django/db/models/manager.py`, 87, 'manager_method', 'return getattr(self.get_queryset(), name)(*args, **kwargs)'],
      [`${SITE(ctx.rev)}/django/db/models/query.py`, 649, 'get', 'raise self.model.DoesNotExist('],
    ], 'reports.models.Report.DoesNotExist: Report matching query does not exist.');
    return [{ stream: 'stderr', text: `${djangoRecord(ctx, 'ERROR', `Internal Server Error: /api/reports/${id}/`)}\n${tb}` }];
  },
};

const dbSlots: Family = {
  name: 'reports-django:db-connection-slots',
  level: 'ERROR',
  perDay: [15, 45],
  burst: 0.35,
  emit(ctx) {
    const { rng } = ctx;
    const err = `connection failed: connection to server at "10.20.0.3", port 5432 failed: FATAL:  remaining connection slots are reserved for roles with the SUPERUSER attribute`;
    const path = rng.pick(['/api/reports/', `/api/reports/${rng.int(100, 9999)}/`, '/api/reports/summary/']);
    const first = traceback(ctx, [
      [`${SITE(ctx.rev)}/django/db/backends/base/base.py`, 275, 'ensure_connection', 'self.connect()'],
      [`${SITE(ctx.rev)}/django/db/backends/base/base.py`, 256, 'connect', 'self.connection = self.get_new_connection(conn_params)'],
      [`${SITE(ctx.rev)}/django/db/backends/postgresql/base.py`, 332, 'get_new_connection', 'connection = self.Database.connect(**conn_params)'],
      [`${SITE(ctx.rev)}/psycopg/connection.py`, 119, 'connect', 'raise last_ex.with_traceback(None)'],
    ], `psycopg.OperationalError: ${err}`);
    const second = traceback(ctx, [
      ...djangoHandler(ctx),
      ['/app/reports/views.py', 61, 'index', 'return JsonResponse({"results": [r.as_dict() for r in page]})'],
      [`${SITE(ctx.rev)}/django/db/models/query.py`, 400, '__iter__', 'self._fetch_all()'],
      [`${SITE(ctx.rev)}/django/db/backends/base/base.py`, 275, 'ensure_connection', 'self.connect()'],
      [`${SITE(ctx.rev)}/django/db/utils.py`, 91, '__exit__', 'raise dj_exc_value.with_traceback(traceback) from exc_value'],
    ], `django.db.utils.OperationalError: ${err}`);
    return [{ stream: 'stderr', text: `${djangoRecord(ctx, 'ERROR', `Internal Server Error: ${path}`)}\n${first}\n\nThe above exception was the direct cause of the following exception:\n\n${second}` }];
  },
};

const disallowedHost: Family = {
  name: 'reports-django:disallowed-host',
  level: 'ERROR',
  perDay: [10, 40],
  emit(ctx) {
    const host = ctx.rng.chance(0.7) ? ctx.rng.publicIpv4() : ctx.rng.pick(['localhost', 'example.com', `${ctx.rng.lower(6)}.xyz`]);
    const msg = `Invalid HTTP_HOST header: '${host}'. You may need to add '${host}' to ALLOWED_HOSTS.`;
    const tb = traceback(ctx, [
      [`${SITE(ctx.rev)}/django/core/handlers/exception.py`, 55, 'inner', 'response = get_response(request)'],
      [`${SITE(ctx.rev)}/django/utils/deprecation.py`, 128, '__call__', 'response = self.process_request(request)'],
      [`${SITE(ctx.rev)}/django/middleware/common.py`, 48, 'process_request', 'host = request.get_host()'],
      [`${SITE(ctx.rev)}/django/http/request.py`, 151, 'get_host', 'raise DisallowedHost(msg)'],
    ], `django.core.exceptions.DisallowedHost: ${msg}`);
    return [{ stream: 'stderr', text: `${djangoRecord(ctx, 'ERROR', msg)}\n${tb}` }];
  },
};

const notFound: Family = {
  name: 'reports-django:not-found',
  level: 'WARNING',
  perDay: [40, 120],
  emit(ctx) {
    const path = ctx.rng.pick(['/wp-login.php', '/.env', '/admin/config.php', `/api/reports/${ctx.rng.int(100, 9999)}/export/`, '/.git/config', '/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php']);
    return [{ stream: 'stderr', text: djangoRecord(ctx, 'WARNING', `Not Found: ${path}`) }];
  },
};

const gunicornHead = (ctx: Ctx, pid: number, level: string): string => `[${ymdHms(ctx.t)} +0000] [${pid}] [${level}]`;

const workerTimeout: Family = {
  name: 'reports-django:gunicorn-worker-timeout',
  level: 'CRITICAL',
  perDay: [3, 12],
  emit(ctx) {
    const pid = ctx.rng.int(8, 90);
    const next = pid + ctx.rng.int(1, 9);
    return [
      { stream: 'stderr', text: `${gunicornHead(ctx, 1, 'CRITICAL')} WORKER TIMEOUT (pid:${pid})` },
      { stream: 'stderr', text: `${gunicornHead(ctx, 1, 'ERROR')} Worker (pid:${pid}) was sent SIGKILL! Perhaps out of memory?`, as: { family: 'reports-django:gunicorn-worker-sigkill', level: 'ERROR' } },
      { stream: 'stderr', text: `${gunicornHead(ctx, next, 'INFO')} Booting worker with pid: ${next}`, as: { family: 'noise:reports-django:gunicorn-boot', level: 'INFO' } },
    ];
  },
};

const djangoAccess: Family = {
  name: 'noise:reports-django:access',
  level: 'INFO',
  perDay: [250, 400],
  emit(ctx) {
    const { rng } = ctx;
    const req = rng.pick(['GET /api/reports/ HTTP/1.1', `GET /api/reports/${rng.int(100, 9999)}/ HTTP/1.1`, 'GET /healthz HTTP/1.1', 'POST /api/reports/ HTTP/1.1']);
    return [{ stream: 'stdout', text: `169.254.1.1 - - [${clfTime(ctx.t)}] "${req}" ${rng.pick([200, 200, 200, 201, 304])} ${rng.int(2, 40000)} "-" "${rng.pick(['python-requests/2.32.3', 'Mozilla/5.0 (X11; Linux x86_64)', 'GoogleHC/1.0'])}"` }];
  },
};

const djangoInfo: Family = {
  name: 'noise:reports-django:app-info',
  level: 'INFO',
  perDay: [40, 90],
  emit(ctx) {
    const { rng } = ctx;
    const msg = rng.pick([`report ${rng.int(100, 9999)} rendered in ${rng.int(20, 900)}ms`, `export finished: ${rng.int(1, 400)} rows, 0 errors`, `cache warm: ${rng.int(10, 90)} keys, failed=0`]);
    return [{ stream: 'stderr', text: ctx.rev === 0 ? msg : `INFO ${ymdHmsComma(ctx.t)} views ${rng.int(7, 12)} ${rng.int(139_900_000_000_000, 140_300_000_000_000)} ${msg}` }];
  },
};

export const reportsDjango: ServiceDef = {
  name: 'reports-django',
  stack: 'Python 3.10 / 3.12, Django 5, gunicorn',
  splitRate: 0.75,
  families: [reportMissing, dbSlots, disallowedHost, notFound, workerTimeout, djangoAccess, djangoInfo],
};

// ---- mailer-celery: Celery 5 worker ---------------------------------------------------------------

const celeryHead = (ctx: Ctx, level: string, proc: string): string => `[${ymdHmsComma(ctx.t)}: ${level}/${proc}]`;
const worker = (rng: Prng): string => `ForkPoolWorker-${rng.int(1, 8)}`;
const taskTrace = (ctx: Ctx): Frame[] => [
  [`${SITE(ctx.rev)}/celery/app/trace.py`, 453, 'trace_task', 'R = retval = fun(*args, **kwargs)'],
  [`${SITE(ctx.rev)}/celery/app/trace.py`, 736, '__protected_call__', 'return self.run(*args, **kwargs)'],
];

const smtpDrop: Family = {
  name: 'mailer-celery:smtp-disconnected',
  level: 'ERROR',
  perDay: [15, 45],
  emit(ctx) {
    const { rng } = ctx;
    const tb = traceback(ctx, [
      ...taskTrace(ctx),
      ['/app/mailer/tasks.py', 58, 'send_receipt', 'smtp.send_message(msg)'],
      [`${STDLIB(ctx.rev)}/smtplib.py`, 986, 'send_message', 'return self.sendmail(from_addr, to_addrs, flatmsg, mail_options,'],
      [`${STDLIB(ctx.rev)}/smtplib.py`, 876, 'sendmail', '(code, resp) = self.mail(from_addr, esmtp_opts)'],
      [`${STDLIB(ctx.rev)}/smtplib.py`, 405, 'getreply', 'raise SMTPServerDisconnected("Connection unexpectedly closed")'],
    ], 'smtplib.SMTPServerDisconnected: Connection unexpectedly closed');
    return [{ stream: 'stderr', text: `${celeryHead(ctx, 'ERROR', worker(rng))} Task mailer.tasks.send_receipt[${rng.uuid()}] raised unexpected: SMTPServerDisconnected('Connection unexpectedly closed')\n${tb}` }];
  },
};

/** The same `KeyError: 'first_name'` from two places: two problems. */
function keyErrorAt(name: string, task: string, file: string, line: number, fn: string, code: string, perDay: readonly [number, number]): Family {
  return {
    name,
    level: 'ERROR',
    perDay,
    emit(ctx) {
      const tb = traceback(ctx, [...taskTrace(ctx), ['/app/mailer/tasks.py', task === 'render_digest' ? 91 : 120, task, `ctx = ${fn}(user)`], [file, line, fn, code]], "KeyError: 'first_name'");
      return [{ stream: 'stderr', text: `${celeryHead(ctx, 'ERROR', worker(ctx.rng))} Task mailer.tasks.${task}[${ctx.rng.uuid()}] raised unexpected: KeyError('first_name')\n${tb}` }];
    },
  };
}
const keyDigest = keyErrorAt('mailer-celery:digest-context-first-name', 'render_digest', '/app/mailer/digest.py', 22, 'digest_context', 'greeting = f"Hi {user.profile[\'first_name\']},"', [10, 30]);
const keyWelcome = keyErrorAt('mailer-celery:welcome-context-first-name', 'send_welcome', '/app/mailer/onboarding.py', 40, 'welcome_context', 'return {"name": claims["first_name"], "plan": claims.get("plan")}', [6, 20]);

const workerLost: Family = {
  name: 'mailer-celery:pool-worker-sigkill',
  level: 'ERROR',
  perDay: [3, 10],
  emit(ctx) {
    const { rng } = ctx;
    const n = rng.int(1, 200);
    const job = rng.int(1, 900);
    const tb = traceback(ctx, [
      [`${SITE(ctx.rev)}/billiard/pool.py`, 1265, 'mark_as_worker_lost', 'raise WorkerLostError('],
    ], `billiard.exceptions.WorkerLostError: Worker exited prematurely: signal 9 (SIGKILL) Job: ${job}.`);
    return [
      { stream: 'stderr', text: `${celeryHead(ctx, 'ERROR', 'MainProcess')} Process 'ForkPoolWorker-${n}' pid:${rng.int(20, 900)} exited with 'signal 9 (SIGKILL)'` },
      { stream: 'stderr', text: `${celeryHead(ctx, 'ERROR', 'MainProcess')} Task handler raised error: WorkerLostError('Worker exited prematurely: signal 9 (SIGKILL) Job: ${job}.')\n${tb}`, as: { family: 'mailer-celery:task-worker-lost', level: 'ERROR' } },
    ];
  },
};

const brokerLost: Family = {
  name: 'mailer-celery:broker-connection-lost',
  level: 'WARNING',
  perDay: [3, 12],
  emit(ctx) {
    const tb = traceback(ctx, [
      [`${SITE(ctx.rev)}/celery/worker/consumer/consumer.py`, 340, 'start', 'blueprint.start(self)'],
      [`${SITE(ctx.rev)}/celery/bootsteps.py`, 116, 'start', 'step.start(parent)'],
      [`${SITE(ctx.rev)}/celery/worker/consumer/consumer.py`, 746, 'start', 'c.loop(*c.loop_args())'],
      [`${SITE(ctx.rev)}/celery/worker/loops.py`, 97, 'asynloop', 'next(loop)'],
      [`${SITE(ctx.rev)}/kombu/asynchronous/hub.py`, 373, 'create_loop', 'cb(*cbargs)'],
      [`${SITE(ctx.rev)}/kombu/transport/redis.py`, 1352, 'on_readable', 'self.cycle.on_readable(fileno)'],
      [`${SITE(ctx.rev)}/redis/connection.py`, 512, 'read_response', 'raise ConnectionError(SERVER_CLOSED_CONNECTION_ERROR)'],
    ], 'redis.exceptions.ConnectionError: Connection closed by server.');
    const retries = ctx.rng.int(1, 4);
    const out: Write[] = [{ stream: 'stderr', text: `${celeryHead(ctx, 'WARNING', 'MainProcess')} consumer: Connection to broker lost. Trying to re-establish the connection...\n${tb}` }];
    for (let i = 1; i <= retries; i += 1) {
      out.push({
        stream: 'stderr',
        text: `${celeryHead({ ...ctx, t: ctx.t + i * 2_000_000 }, 'ERROR', 'MainProcess')} consumer: Cannot connect to redis://10.30.0.4:6379/0: Error 111 connecting to 10.30.0.4:6379. Connection refused..\nTrying again in ${(2 * i).toFixed(2)} seconds... (${i}/100)\n`,
        as: { family: 'mailer-celery:broker-connect-refused', level: 'ERROR' },
      });
    }
    return out;
  },
};

const celeryNoise: Family = {
  name: 'noise:mailer-celery:tasks',
  level: 'INFO',
  perDay: [300, 500],
  emit(ctx) {
    const { rng } = ctx;
    const id = rng.uuid();
    const task = rng.pick(['send_receipt', 'render_digest', 'send_welcome']);
    return [rng.pick([
      { stream: 'stderr', text: `${celeryHead(ctx, 'INFO', 'MainProcess')} Task mailer.tasks.${task}[${id}] received` },
      { stream: 'stderr', text: `${celeryHead(ctx, 'INFO', worker(rng))} Task mailer.tasks.${task}[${id}] succeeded in ${rng.fixed(0.01, 4, 10)}s: None` },
      { stream: 'stderr', text: `${celeryHead(ctx, 'INFO', worker(rng))} Task mailer.tasks.send_receipt[${id}] retry: Retry in ${rng.pick([30, 60, 120])}s: SMTPServerDisconnected('Connection unexpectedly closed')` },
    ] as Write[])];
  },
};

export const mailerCelery: ServiceDef = {
  name: 'mailer-celery',
  stack: 'Python 3.10 / 3.12, Celery 5 (prefork), Redis broker',
  splitRate: 0.6,
  families: [smtpDrop, keyDigest, keyWelcome, workerLost, brokerLost, celeryNoise],
};

// ---- events-py: Flask, structlog / python-json-logger ---------------------------------------------

const flaskHead = (ctx: Ctx, path: string, method: string): string => `[${ymdHmsComma(ctx.t)}] ERROR in app: Exception on ${path} [${method}]`;

const badJson: Family = {
  name: 'events-py:batch-json-decode',
  level: 'ERROR',
  perDay: [10, 35],
  emit(ctx) {
    const tb = traceback(ctx, [
      [`${SITE(ctx.rev)}/flask/app.py`, 880, 'full_dispatch_request', 'rv = self.dispatch_request()'],
      [`${SITE(ctx.rev)}/flask/app.py`, 865, 'dispatch_request', 'return self.ensure_sync(self.view_functions[rule.endpoint])(**view_args)  # type: ignore[no-any-return]'],
      ['/app/events/ingest.py', 33, 'parse_batch', 'records = [json.loads(line) for line in body.splitlines()]'],
      [`${STDLIB(ctx.rev)}/json/__init__.py`, 346, 'loads', 'return _default_decoder.decode(s)'],
      [`${STDLIB(ctx.rev)}/json/decoder.py`, 355, 'raw_decode', 'raise JSONDecodeError("Expecting value", s, err.value) from None'],
    ], `json.decoder.JSONDecodeError: Expecting value: line 1 column ${ctx.rng.int(1, 400)} (char ${ctx.rng.int(0, 4000)})`);
    return [{ stream: 'stderr', text: `${flaskHead(ctx, '/v1/events', 'POST')}\n${tb}` }];
  },
};

const poolTimeout: Family = {
  name: 'events-py:sqlalchemy-pool-timeout',
  level: 'ERROR',
  perDay: [8, 30],
  burst: 0.3,
  emit(ctx) {
    const id = ctx.rng.int(10000, 999999);
    const tb = traceback(ctx, [
      [`${SITE(ctx.rev)}/flask/app.py`, 880, 'full_dispatch_request', 'rv = self.dispatch_request()'],
      ['/app/events/views.py', 71, 'get_event', 'event = repo.get(Event, event_id)'],
      [`${SITE(ctx.rev)}/sqlalchemy/pool/base.py`, 1263, '_checkout', 'fairy = _ConnectionRecord.checkout(pool)'],
      [`${SITE(ctx.rev)}/sqlalchemy/pool/impl.py`, 157, '_do_get', 'raise exc.TimeoutError('],
    ], 'sqlalchemy.exc.TimeoutError: QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30.00 (Background on this error at: https://sqlalche.me/e/20/3o7r)');
    return [{ stream: 'stderr', text: `${flaskHead(ctx, `/v1/events/${id}`, 'GET')}\n${tb}` }];
  },
};

/** One app record as structlog's JSONRenderer (older revision) or python-json-logger (newer) prints it. */
function appJson(ctx: Ctx, level: string, logger: string, event: string, kv: Record<string, unknown>, exc?: string): Write {
  if (ctx.rev === 0) {
    const j: Record<string, unknown> = { event, ...kv, logger, level: level.toLowerCase(), timestamp: isoMicros(ctx.t) };
    if (exc) j.exception = exc;
    return { stream: 'stdout', json: j };
  }
  const j: Record<string, unknown> = { asctime: ymdHmsComma(ctx.t), severity: level, name: logger, message: event, ...kv };
  if (exc) j.exc_info = exc;
  return { stream: 'stdout', json: j, severity: level };
}

const publishDeadline: Family = {
  name: 'events-py:pubsub-publish-deadline',
  level: 'ERROR',
  perDay: [10, 30],
  emit(ctx) {
    const exc = traceback(ctx, [
      ['/app/events/publisher.py', 48, 'publish_batch', 'future.result(timeout=30)'],
      [`${SITE(ctx.rev)}/google/cloud/pubsub_v1/publisher/futures.py`, 67, 'result', 'return super().result(timeout=timeout)'],
      [`${STDLIB(ctx.rev)}/concurrent/futures/_base.py`, 401, '__get_result', 'raise self._exception'],
    ], '504 Deadline Exceeded');
    const e = appJson(ctx, 'ERROR', 'events.publisher', 'publish failed', { topic: 'events-raw', attempt: ctx.rng.int(1, 5), batch_size: ctx.rng.int(1, 500) }, exc.replace('504 Deadline', 'google.api_core.exceptions.DeadlineExceeded: 504 Deadline'));
    return [e];
  },
};

const truncated: Family = {
  name: 'events-py:batch-truncated',
  level: 'WARNING',
  perDay: [20, 60],
  emit(ctx) {
    return [appJson(ctx, 'WARNING', 'events.ingest', 'batch truncated', { dropped: ctx.rng.int(1, 300), limit: 500, source: ctx.rng.pick(['ios', 'android', 'web']) })];
  },
};

const eventsNoise: Family = {
  name: 'noise:events-py:accepted',
  level: 'INFO',
  perDay: [250, 450],
  emit(ctx) {
    const { rng } = ctx;
    if (rng.chance(0.4)) {
      return [{ stream: 'stderr', text: `169.254.1.1 - - [${clfTime(ctx.t)}] "POST /v1/events HTTP/1.1" 202 ${rng.int(10, 90)} "-" "okhttp/4.12.0"` }];
    }
    return [appJson(ctx, 'INFO', 'events.ingest', rng.pick(['batch accepted', 'published']), { count: rng.int(1, 500), errors: 0, failed: [] })];
  },
};

export const eventsPy: ServiceDef = {
  name: 'events-py',
  stack: 'Python 3.10 / 3.12, Flask 3, structlog / python-json-logger, SQLAlchemy 2',
  splitRate: 0.65,
  families: [badJson, poolTimeout, publishDeadline, truncated, eventsNoise],
};
