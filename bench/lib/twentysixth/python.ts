// The day's Python services: Django REST framework on gunicorn with Django's documented `verbose`
// console format (then python-json-logger), and FastAPI on gunicorn's uvicorn workers over Spanner.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { asctime, gunicornTime } from './clock.js';
import { as, digits, fam, peer, pyTraceback, traceOf, type PyFrame } from './shared.js';

const SITE = '/usr/local/lib/python3.12/site-packages';

// ---------------------------------------------------------------------------------------------------
// crm-django: Python 3.12, Django 5.1 and Django REST framework 3.15 on gunicorn 23 (gthread, no access
// log), psycopg 3 over the `/cloudsql` socket, django-storages 1.14 on Cloud Storage. Morning revision:
// the LOGGING dict of Django's logging how-to, formatter `verbose` = `{levelname} {asctime} {module}
// {process:d} {thread:d} {message}` (style `{`) on a StreamHandler (stderr), the traceback after the
// record. From the rollout python-json-logger 3's JsonFormatter with `rename_fields={"levelname":
// "severity", "asctime": "time"}` on stdout (the traceback in `exc_info`). gunicorn's own error log is
// unchanged (`[date] [pid] [LEVEL] msg`).
const CD = 'crm-django';

function djangoRecord(t: number, rev: 0 | 1, rng: Prng, level: string, module: string, logger: string, msg: string, tb?: string): Write {
  if (rev === 0) {
    const head = `${level} ${asctime(t)} ${module} ${rng.int(7, 14)} ${rng.int(139800000000000, 139899999999999)} ${msg}`;
    return { stream: 'stderr', text: tb ? `${head}\n${tb}` : head };
  }
  const json: Record<string, unknown> = { time: asctime(t), severity: level, name: logger, message: msg };
  if (tb) json.exc_info = tb;
  if (logger === 'django.request') Object.assign(json, { status_code: msg.startsWith('Too Many') ? 429 : 500, request: `<WSGIRequest: ${/avatar|import/.test(msg) ? 'POST' : 'GET'} '${msg.replace(/^[^:]+: /, '')}'>` });
  return { stream: 'stdout', json };
}

const gunicornLine = (t: number, pid: number, level: string, msg: string): Write => ({ stream: 'stderr', text: `${gunicornTime(t)} [${pid}] [${level}] ${msg}` });

const DJ_HEAD: PyFrame[] = [
  [`${SITE}/django/core/handlers/exception.py`, 55, 'inner', 'response = get_response(request)'],
  [`${SITE}/django/core/handlers/base.py`, 197, '_get_response', 'response = wrapped_callback(request, *callback_args, **callback_kwargs)'],
  [`${SITE}/django/views/decorators/csrf.py`, 65, '_view_wrapper', 'return view_func(request, *args, **kwargs)'],
  [`${SITE}/rest_framework/viewsets.py`, 124, 'view', 'return self.dispatch(request, *args, **kwargs)'],
  [`${SITE}/rest_framework/views.py`, 509, 'dispatch', 'response = self.handle_exception(exc)'],
  [`${SITE}/rest_framework/views.py`, 506, 'dispatch', 'response = handler(request, *args, **kwargs)'],
];

const cdAvatar = fam(`${CD}:avatar-upload-forbidden`, 'ERROR', [30, 80], ({ rng, t, rev }) => {
  const id = digits(rng, 5);
  const tb = pyTraceback([...DJ_HEAD,
    ['/app/crm/contacts/views.py', 88, 'avatar', 'contact.avatar.save(upload.name, upload, save=True)'],
    [`${SITE}/django/db/models/fields/files.py`, 99, 'save', 'self.name = self.storage.save(name, content, max_length=self.field.max_length)'],
    [`${SITE}/storages/backends/gcloud.py`, 211, '_save', 'file_object.blob.upload_from_file('],
    [`${SITE}/google/cloud/storage/blob.py`, 2959, 'upload_from_file', 'self._prep_and_do_upload('],
    [`${SITE}/google/cloud/storage/blob.py`, 2829, '_prep_and_do_upload', '_raise_from_invalid_response(exc)'],
    [`${SITE}/google/cloud/storage/blob.py`, 4791, '_raise_from_invalid_response', 'raise exceptions.from_http_status(response.status_code, message, response=response)'],
  ], `google.api_core.exceptions.Forbidden: 403 POST https://storage.googleapis.com/upload/storage/v1/b/tidewater-crm-media/o?uploadType=multipart: {\n  "error": {\n    "code": 403,\n    "message": "crm-django@tidewater-apps-prod.iam.gserviceaccount.com does not have storage.objects.create access to the Google Cloud Storage object. Permission 'storage.objects.create' denied on resource (or it may not exist).",\n    "errors": [\n      {\n        "message": "crm-django@tidewater-apps-prod.iam.gserviceaccount.com does not have storage.objects.create access to the Google Cloud Storage object. Permission 'storage.objects.create' denied on resource (or it may not exist).",\n        "domain": "global",\n        "reason": "forbidden"\n      }\n    ]\n  }\n}\n: ('Request failed with status code', 403, 'Expected one of', <HTTPStatus.OK: 200>)`);
  return [djangoRecord(t, rev, rng, 'ERROR', 'log', 'django.request', `Internal Server Error: /api/contacts/${id}/avatar/`, tb)];
});

// The instance's connections use up max_connections: the raw psycopg error and Django's wrapper.
const slots = (): string => `connection failed: connection to server on socket "/cloudsql/tidewater-apps-prod:europe-west1:crm-pg/.s.PGSQL.5432" failed: FATAL:  remaining connection slots are reserved for roles with the SUPERUSER attribute`;
const cdContactsSlots = fam(`${CD}:contacts-db-slots`, 'ERROR', [40, 100], ({ rng, t, rev }) => {
  const msg = slots();
  const raw = pyTraceback([
    [`${SITE}/django/db/backends/base/base.py`, 279, 'ensure_connection', 'self.connect()'],
    [`${SITE}/django/db/backends/base/base.py`, 256, 'connect', 'self.connection = self.get_new_connection(conn_params)'],
    [`${SITE}/django/db/backends/postgresql/base.py`, 332, 'get_new_connection', 'connection = self.Database.connect(**conn_params)'],
    [`${SITE}/psycopg/connection.py`, 119, 'connect', 'raise last_ex.with_traceback(None)'],
  ], `psycopg.OperationalError: ${msg}`);
  const wrapped = pyTraceback([...DJ_HEAD,
    ['/app/crm/contacts/views.py', 41, 'list', 'page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))'],
    [`${SITE}/django/db/backends/base/base.py`, 279, 'ensure_connection', 'self.connect()'],
    [`${SITE}/django/db/utils.py`, 91, '__exit__', 'raise dj_exc_value.with_traceback(traceback) from exc_value'],
  ], `django.db.utils.OperationalError: ${msg}`);
  return [djangoRecord(t, rev, rng, 'ERROR', 'log', 'django.request', `Internal Server Error: /api/contacts/${rng.chance(0.5) ? '' : `?page=${rng.int(2, 30)}`}`, `${raw}\n\nThe above exception was the direct cause of the following exception:\n\n${wrapped}`)];
}, 0.4);

// The health view catches the same error and logs it as a warning: another call site, another problem.
const cdHealthSlots = fam(`${CD}:healthz-db-slots`, 'WARNING', [30, 70], ({ rng, t, rev }) => [
  djangoRecord(t, rev, rng, 'WARNING', 'health', 'crm.health', `readiness check failed: ${slots()}`),
]);

const cdImportDup = fam(`${CD}:import-duplicate-email`, 'ERROR', [20, 50], ({ rng, t, rev }) => {
  const email = `${rng.pick(['anna', 'j.smith', 'li.wei', 'mario', 'sales', 'info'])}${rng.int(1, 999)}@${rng.pick(['example.com', 'mail.example.org', 'acme.example'])}`;
  const detail = `duplicate key value violates unique constraint "contacts_contact_email_key"\nDETAIL:  Key (email)=(${email}) already exists.`;
  const tb = pyTraceback([...DJ_HEAD,
    ['/app/crm/contacts/views.py', 132, 'import_csv', 'Contact.objects.bulk_create(rows)'],
    [`${SITE}/django/db/backends/utils.py`, 105, '_execute', 'return self.cursor.execute(sql, params)'],
    [`${SITE}/psycopg/cursor.py`, 97, 'execute', 'raise ex.with_traceback(None)'],
  ], `psycopg.errors.UniqueViolation: ${detail}`);
  const tb2 = pyTraceback([...DJ_HEAD.slice(0, 2), ['/app/crm/contacts/views.py', 132, 'import_csv', 'Contact.objects.bulk_create(rows)'], [`${SITE}/django/db/utils.py`, 91, '__exit__', 'raise dj_exc_value.with_traceback(traceback) from exc_value']], `django.db.utils.IntegrityError: ${detail}`);
  return [djangoRecord(t, rev, rng, 'ERROR', 'log', 'django.request', 'Internal Server Error: /api/contacts/import/', `${tb}\n\nThe above exception was the direct cause of the following exception:\n\n${tb2}`)];
});

const cdThrottled = fam(`${CD}:search-throttled`, 'WARNING', [120, 260], ({ rng, t, rev }) => [
  djangoRecord(t, rev, rng, 'WARNING', 'log', 'django.request', 'Too Many Requests: /api/search/'),
]);

// A report export outlives gunicorn's 30 s timeout: the arbiter's CRITICAL, then its SIGKILL (one failure).
const cdTimeout = fam(`${CD}:worker-timeout`, 'CRITICAL', [10, 30], ({ rng, t }) => {
  const pid = rng.int(9, 60);
  return [gunicornLine(t, 1, 'CRITICAL', `WORKER TIMEOUT (pid:${pid})`), as(gunicornLine(t + 1000, 1, 'ERROR', `Worker (pid:${pid}) was sent SIGKILL! Perhaps out of memory?`), `${CD}:worker-timeout`, 'ERROR'), as(gunicornLine(t + 2000, 1, 'INFO', `Booting worker with pid: ${pid + rng.int(1, 9)}`), `noise:${CD}:gunicorn`, 'INFO')];
});

const cdChatter = fam(`noise:${CD}:chatter`, 'INFO', [180, 290], ({ rng, t, rev }) => [
  rng.chance(0.2)
    ? gunicornLine(t, 1, 'INFO', rng.pick([`Booting worker with pid: ${rng.int(9, 60)}`, 'Listening at: http://0.0.0.0:8080 (1)', 'Using worker: gthread']))
    : djangoRecord(t, rev, rng, 'INFO', rng.pick(['sync', 'tasks']), 'crm.sync', rng.pick([`mailchimp sync finished: contacts=${rng.int(10, 900)} errors=0`, `import queued: rows=${rng.int(10, 5000)}`, `search reindex: ${rng.int(1, 40)} documents`])),
]);

export const crmDjango: ServiceDef = {
  name: CD, stack: 'Python 3.12, Django 5.1, DRF 3.15, gunicorn 23 gthread, psycopg 3, django-storages 1.14 (GCS), python-json-logger 3 from the rollout', splitRate: 0.6,
  families: [cdAvatar, cdContactsSlots, cdHealthSlots, cdImportDup, cdThrottled, cdTimeout, cdChatter],
};

// ---------------------------------------------------------------------------------------------------
// seats-fastapi: Python 3.12, FastAPI 0.115 under gunicorn 23 with `-k uvicorn.workers.UvicornWorker`
// and `--access-logfile -`, google-cloud-spanner 3.50. uvicorn's loggers are handed gunicorn's handlers:
// `Exception in ASGI application` in gunicorn's error format, uvicorn's access line bare on stdout.
// Morning revision: the app calls `logging.basicConfig(level=logging.INFO)` (`LEVEL:name:msg` on stderr).
// From the rollout google-cloud-logging 3.11's `setup_logging()` (StructuredLogHandler JSON on stdout:
// `message` with the traceback, `severity`, the trace, `logging.googleapis.com/sourceLocation`).
const SF = 'seats-fastapi';

function appRecord(t: number, rev: 0 | 1, rng: Prng, level: string, logger: string, msg: string, tb?: string, fn = 'create_hold', line = 57): Write {
  if (rev === 0) return { stream: 'stderr', text: `${level}:${logger}:${msg}${tb ? `\n${tb}` : ''}` };
  return { stream: 'stdout', json: { message: tb ? `${msg}\n${tb}` : msg, severity: level, 'logging.googleapis.com/trace': traceOf(rng), 'logging.googleapis.com/sourceLocation': { file: `/app/app/${logger.split('.').pop()}.py`, line: String(line), function: fn }, 'logging.googleapis.com/labels': { python_logger: logger } } };
}
const access = (rng: Prng, method: string, path: string, status: number): Write => ({ stream: 'stdout', text: `${peer(rng)}:${rng.int(30000, 60000)} - "${method} ${path} HTTP/1.1" ${status}` });

const ASGI_HEAD: PyFrame[] = [
  [`${SITE}/uvicorn/protocols/http/httptools_impl.py`, 409, 'run_asgi', 'result = await app(  # type: ignore[func-returns-value]'],
  [`${SITE}/uvicorn/middleware/proxy_headers.py`, 60, '__call__', 'return await self.app(scope, receive, send)'],
  [`${SITE}/fastapi/applications.py`, 1054, '__call__', 'await super().__call__(scope, receive, send)'],
  [`${SITE}/starlette/routing.py`, 73, 'app', 'response = await f(request)'],
  [`${SITE}/fastapi/routing.py`, 301, 'app', 'raw_response = await run_endpoint_function('],
  [`${SITE}/starlette/concurrency.py`, 39, 'run_in_threadpool', 'return await anyio.to_thread.run_sync(func)'],
];

const GRPC_RAW = (code: string, details: string): string => pyTraceback([
  [`${SITE}/google/api_core/grpc_helpers.py`, 76, 'error_remapped_callable', 'return callable_(*args, **kwargs)'],
  [`${SITE}/grpc/_channel.py`, 1181, '__call__', 'return _end_unary_response_blocking(state, call, False, None)'],
  [`${SITE}/grpc/_channel.py`, 1006, '_end_unary_response_blocking', 'raise _InactiveRpcError(state)  # pytype: disable=not-instantiable'],
], `grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with:\n\tstatus = StatusCode.${code}\n\tdetails = "${details}"\n\tdebug_error_string = "UNKNOWN:Error received from peer ipv4:142.250.${Math.abs(details.length * 7) % 250}.95:443 {grpc_message:"${details}", grpc_status:${code === 'ABORTED' ? 10 : 4}}"\n>`);

// The hold's commit is aborted and run_in_transaction gives up after its deadline: the app logs it and
// answers 409 (no 500 in any log).
const sfAborted = fam(`${SF}:hold-commit-aborted`, 'ERROR', [40, 110], ({ rng, t, rev }) => {
  const tb = `${GRPC_RAW('ABORTED', 'Transaction was aborted.')}\n\nThe above exception was the direct cause of the following exception:\n\n${pyTraceback([
    ['/app/app/holds.py', 54, 'create_hold', 'database.run_in_transaction(_reserve, event_id, seats, timeout_secs=10)'],
    [`${SITE}/google/cloud/spanner_v1/database.py`, 831, 'run_in_transaction', 'return session.run_in_transaction(func, *args, **kw)'],
    [`${SITE}/google/cloud/spanner_v1/session.py`, 487, 'run_in_transaction', '_delay_until_retry(exc, deadline, attempts)'],
    [`${SITE}/google/cloud/spanner_v1/session.py`, 566, '_delay_until_retry', 'raise exc'],
  ], 'google.api_core.exceptions.Aborted: 409 Transaction was aborted.')}`;
  return [appRecord(t, rev, rng, 'ERROR', 'app.holds', `commit failed for hold h_${rng.hex(10)} (event ${digits(rng, 5)}, ${rng.int(1, 8)} seats)`, tb), access(rng, 'POST', '/holds', 409)];
}, 0.3);

// The seat map's read outlives its deadline; the exception escapes the endpoint.
const sfSeatmap = fam(`${SF}:seatmap-deadline`, 'ERROR', [30, 80], ({ rng, t }) => {
  const ev = digits(rng, 5);
  const tb = `${pyTraceback([
    [`${SITE}/google/api_core/grpc_helpers.py`, 170, 'error_remapped_callable', 'return _StreamingResponseIterator('],
    [`${SITE}/grpc/_channel.py`, 543, '__next__', 'return self._next()'],
    [`${SITE}/grpc/_channel.py`, 969, '_next', 'raise self'],
  ], 'grpc._channel._MultiThreadedRendezvous: <_MultiThreadedRendezvous of RPC that terminated with:\n\tstatus = StatusCode.DEADLINE_EXCEEDED\n\tdetails = "Deadline Exceeded"\n\tdebug_error_string = "UNKNOWN:Deadline Exceeded {grpc_status:4}"\n>')}\n\nThe above exception was the direct cause of the following exception:\n\n${pyTraceback([...ASGI_HEAD,
    ['/app/app/seatmap.py', 31, 'seatmap', 'rows = list(snapshot.execute_sql(SEATMAP_SQL, params={"event": event_id}, param_types=TYPES))'],
    [`${SITE}/google/cloud/spanner_v1/streamed.py`, 145, '__iter__', 'self._consume_next()'],
    [`${SITE}/google/cloud/spanner_v1/snapshot.py`, 88, '_restart_on_unavailable', 'iterator = method(request=request, metadata=metadata)'],
  ], 'google.api_core.exceptions.DeadlineExceeded: 504 Deadline Exceeded')}`;
  return [{ stream: 'stderr', text: `${gunicornTime(t)} [${rng.int(8, 12)}] [ERROR] Exception in ASGI application\n${tb}` }, as(access(rng, 'GET', `/events/${ev}/seatmap`, 500), `${SF}:seatmap-deadline`, 'ERROR')];
});

// Eventarc delivers a Pub/Sub message without the attribute the release handler expects.
const sfRelease = fam(`${SF}:release-missing-hold-id`, 'ERROR', [25, 60], ({ rng, t }) => {
  const tb = pyTraceback([...ASGI_HEAD, ['/app/app/release.py', 22, 'release', 'hold_id = envelope["message"]["attributes"]["hold_id"]']], "KeyError: 'hold_id'", true);
  return [{ stream: 'stderr', text: `${gunicornTime(t)} [${rng.int(8, 12)}] [ERROR] Exception in ASGI application\n${tb}` }, as(access(rng, 'POST', '/events/release', 500), `${SF}:release-missing-hold-id`, 'ERROR')];
});

// Cloud Run's memory limit kills a worker; gunicorn says so (two problems: the platform's and gunicorn's).
const sfSigkill = fam(`${SF}:worker-sigkill`, 'ERROR', [8, 20], ({ rng, t }) => {
  const pid = rng.int(8, 40);
  return [{ stream: 'varlog/system', severity: 'ERROR', text: `Memory limit of 1024 MiB exceeded with ${rng.int(1025, 1090)} MiB used. Consider increasing the memory limit, see https://cloud.google.com/run/docs/configuring/memory-limits`, as: { family: `${SF}:platform-memory-limit`, level: 'ERROR' } },
    { stream: 'stderr', text: `${gunicornTime(t + 200_000)} [1] [ERROR] Worker (pid:${pid}) was sent SIGKILL! Perhaps out of memory?` },
    as({ stream: 'stderr', text: `${gunicornTime(t + 300_000)} [${pid + 3}] [INFO] Booting worker with pid: ${pid + 3}` }, `noise:${SF}:gunicorn`, 'INFO')];
});

const sfChatter = fam(`noise:${SF}:chatter`, 'INFO', [260, 380], ({ rng, t, rev }) => {
  const r = rng.next();
  if (r < 0.55) return [access(rng, rng.pick(['GET', 'POST']), rng.pick([`/events/${digits(rng, 5)}/seatmap`, '/holds', `/holds/h_${rng.hex(10)}/confirm`]), rng.pick([200, 200, 201, 204]))];
  if (r < 0.65) return [{ stream: 'stderr', text: `${gunicornTime(t)} [${rng.int(8, 12)}] [INFO] ${rng.pick(['Started server process [9]', 'Waiting for application startup.', 'Application startup complete.'])}` }];
  return [appRecord(t, rev, rng, 'INFO', 'app.holds', `hold h_${rng.hex(10)} created (event ${digits(rng, 5)}, ${rng.int(1, 8)} seats, retries=0)`)];
});

export const seatsFastapi: ServiceDef = {
  name: SF, stack: 'Python 3.12, FastAPI 0.115, gunicorn 23 + uvicorn workers, google-cloud-spanner 3.50, google-cloud-logging 3.11 from the rollout', splitRate: 0.6,
  families: [sfAborted, sfSeatmap, sfRelease, sfSigkill, sfChatter],
};
