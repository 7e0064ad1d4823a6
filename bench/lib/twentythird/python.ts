// The Python services of the twenty-third day: Django on gunicorn with django-structlog, and a Python
// Cloud Run job on asyncio.TaskGroup. Formats follow each library's source and the reports cited in
// README.md.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { asctime, gunicornTime, isoMicros } from './clock.js';
import { exitLine, fam, pyTraceback, slug, PROJECT } from './shared.js';

const SITE = '/usr/local/lib/python3.12/site-packages';

// ---------------------------------------------------------------------------------------------------
// accounts-django: Django 5.1 on gunicorn 23 (sync workers), django-structlog 8 with structlog's
// JSONRenderer through ProcessorFormatter, so Django's own loggers come out as the same JSON. Morning:
// structlog's keys (`event`, `level` in lower case, `logger`, `timestamp`, the request's bound
// `request_id`, `user_id`, `ip`, `exception` as the formatted traceback); no severity. After the
// rollout two processors rename `event` to `message` and add `severity` in upper case. One failed
// request writes two records: django-structlog's `request_failed` (code 500) with the exception, and
// Django's `Internal Server Error: /path` with the same exception; the middleware writes no
// `request_finished` for a request that raised.
const DJ = 'accounts-django';

interface Bound { request_id: string; user_id: number | null; ip: string }
const bound = (rng: Prng): Bound => ({ request_id: rng.uuid(), user_id: rng.chance(0.8) ? rng.int(1, 90000) : null, ip: rng.publicIpv4() });

function sl(t: number, rev: 0 | 1, level: 'info' | 'warning' | 'error', logger: string, event: string, fields: Record<string, unknown>, b: Bound | null): Write {
  const ctx = b ? { ...b } : {};
  if (rev === 0) return { stream: 'stdout', json: { ...fields, event, ...ctx, timestamp: isoMicros(t), logger, level } };
  return { stream: 'stdout', json: { ...fields, message: event, ...ctx, timestamp: isoMicros(t), logger, severity: level.toUpperCase() } };
}

const DJANGO_FRAMES = [
  [`${SITE}/django/core/handlers/exception.py`, 55, 'inner', 'response = get_response(request)'],
  [`${SITE}/django/core/handlers/base.py`, 197, '_get_response', 'response = wrapped_callback(request, *callback_args, **callback_kwargs)'],
] as const;

/** The two records of one failed request, both carrying the traceback `tb`. */
function failedRequest(rng: Prng, t: number, rev: 0 | 1, method: string, path: string, tb: string): Write[] {
  const b = bound(rng);
  const request = `${method} ${path}`;
  return [
    sl(t, rev, 'error', 'django_structlog.middlewares.request', 'request_failed', { code: 500, request, exception: tb }, b),
    sl(t + 300, rev, 'error', 'django.request', `Internal Server Error: ${path}`, { exception: tb }, b),
  ];
}

const avatarForbidden = fam(`${DJ}:avatar-upload-forbidden`, 'ERROR', [15, 40], ({ rng, t, rev }) => {
  const sa = `accounts-run@${PROJECT}.iam.gserviceaccount.com`;
  const msg = `${sa} does not have storage.objects.create access to the Google Cloud Storage object. Permission 'storage.objects.create' denied on resource (or it may not exist).`;
  const tb = pyTraceback([
    ...DJANGO_FRAMES,
    ['/app/accounts/views.py', 88, 'upload_avatar', 'blob.upload_from_file(upload, content_type=upload.content_type)'],
    [`${SITE}/google/cloud/storage/blob.py`, 2981, 'upload_from_file', '_raise_from_invalid_response(exc)'],
    [`${SITE}/google/cloud/storage/blob.py`, 4776, '_raise_from_invalid_response', 'raise exceptions.from_http_status(response.status_code, message, response=response)'],
  ], `google.api_core.exceptions.Forbidden: 403 POST https://storage.googleapis.com/upload/storage/v1/b/acme-avatars/o?uploadType=multipart: {\n  "error": {\n    "code": 403,\n    "message": "${msg.replace(/"/g, '\\"')}",\n    "errors": [\n      {\n        "message": "${msg.replace(/"/g, '\\"')}",\n        "domain": "global",\n        "reason": "forbidden"\n      }\n    ]\n  }\n}\n: ('Request failed with status code', 403, 'Expected one of', <HTTPStatus.OK: 200>)`);
  return failedRequest(rng, t, rev, 'POST', '/accounts/avatar/', tb);
});

const connectionSlots = fam(`${DJ}:db-connection-slots`, 'ERROR', [20, 50], ({ rng, t, rev }) => {
  const sock = `/cloudsql/${PROJECT}:europe-west1:accounts-pg/.s.PGSQL.5432`;
  const pgMsg = `connection failed: connection to server on socket "${sock}" failed: FATAL:  remaining connection slots are reserved for roles with the SUPERUSER attribute`;
  const first = pyTraceback([
    [`${SITE}/django/db/backends/base/base.py`, 279, 'ensure_connection', 'self.connect()'],
    [`${SITE}/django/db/backends/base/base.py`, 256, 'connect', 'self.connection = self.get_new_connection(conn_params)'],
    [`${SITE}/django/db/backends/postgresql/base.py`, 332, 'get_new_connection', 'connection = self.Database.connect(**conn_params)'],
    [`${SITE}/psycopg/connection.py`, 119, 'connect', 'raise last_ex.with_traceback(None)'],
  ], `psycopg.OperationalError: ${pgMsg}`);
  const second = pyTraceback([
    ...DJANGO_FRAMES,
    ['/app/accounts/views.py', rng.pick([41, 57, 112]), rng.pick(['profile', 'sessions', 'security_log']), 'return render(request, template, {"account": request.user.account})'],
    [`${SITE}/django/db/backends/base/base.py`, 279, 'ensure_connection', 'self.connect()'],
    [`${SITE}/django/db/utils.py`, 91, '__exit__', 'raise dj_exc_value.with_traceback(traceback) from exc_value'],
  ], `django.db.utils.OperationalError: ${pgMsg}`);
  const tb = `${first}\n\nThe above exception was the direct cause of the following exception:\n\n${second}`;
  return failedRequest(rng, t, rev, 'GET', rng.pick(['/accounts/profile/', '/accounts/sessions/', '/accounts/security/']), tb);
}, 0.3);

const loginFailed = fam(`${DJ}:login-failed`, 'WARNING', [150, 300], ({ rng, t, rev }) => [
  sl(t, rev, 'warning', 'accounts.auth', 'login_failed', { reason: rng.pick(['bad_password', 'unknown_email', 'mfa_mismatch']), attempts: rng.int(1, 5), email_domain: rng.pick(['gmail.com', 'outlook.com', 'acme.example']) }, bound(rng)),
]);

const djRequests = fam(`noise:${DJ}:requests`, 'INFO', [385, 660], ({ rng, t, rev }) => {
  const b = bound(rng);
  const request = `GET ${rng.pick(['/accounts/profile/', '/accounts/sessions/', '/healthz/', '/accounts/settings/'])}`;
  return [
    sl(t, rev, 'info', 'django_structlog.middlewares.request', 'request_started', { request, user_agent: rng.pick(['Mozilla/5.0 (Windows NT 10.0; Win64; x64)', 'okhttp/4.12.0']) }, b),
    sl(t + rng.int(3000, 90000), rev, 'info', 'django_structlog.middlewares.request', 'request_finished', { code: 200, request }, b),
  ];
});

const resetSent = fam(`noise:${DJ}:reset-sent`, 'INFO', [55, 138], ({ rng, t, rev }) => [
  sl(t, rev, 'info', 'accounts.mail', 'password_reset_sent', { provider: 'sendgrid', errors: 0 }, bound(rng)),
]);

const gunicornBoot = fam(`noise:${DJ}:gunicorn-boot`, 'INFO', [6, 16], ({ t, rng }) => {
  const pid = rng.int(2, 9);
  return [{ stream: 'stderr', text: [
    `${gunicornTime(t)} [1] [INFO] Starting gunicorn 23.0.0`,
    `${gunicornTime(t)} [1] [INFO] Listening at: http://0.0.0.0:8080 (1)`,
    `${gunicornTime(t)} [1] [INFO] Using worker: sync`,
    `${gunicornTime(t)} [${pid}] [INFO] Booting worker with pid: ${pid}`,
  ].join('\n') }];
});

export const accountsDjango: ServiceDef = {
  name: DJ, stack: 'Python 3.12, Django 5.1 on gunicorn 23, django-structlog 8 (structlog 24), psycopg 3, google-cloud-storage 2.18', splitRate: 0.6,
  families: [avatarForbidden, connectionSlots, loginFailed, djRequests, resetSent, gunicornBoot],
};

// ---------------------------------------------------------------------------------------------------
// jobs-asyncio: a Python 3.12 Cloud Run job that pulls partners' catalogues concurrently with
// asyncio.TaskGroup and httpx 0.28 and checkpoints in Firestore (AsyncClient). Morning:
// `logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s")` on stderr,
// `logger.exception` with the traceback in the same write (Python's `+ Exception Group Traceback`
// block with `|` margins when the group fails); httpx's own INFO lines. After the rollout
// python-json-logger 3 on stdout (`timestamp`, `severity`, `name`, `message`, `exc_info`).
// A failed run then `sys.exit(1)`.
const JOB = 'jobs-asyncio';

function pyLog(t: number, rev: 0 | 1, level: string, name: string, message: string, exc?: string): Write {
  if (rev === 0) return { stream: 'stderr', text: `${asctime(t)} ${level} ${name}: ${message}${exc ? `\n${exc}` : ''}` };
  const json: Record<string, unknown> = { timestamp: asctime(t), severity: level, name, message };
  if (exc) json.exc_info = exc;
  return { stream: 'stdout', json };
}

const PARTNERS = ['partner-a', 'partner-b', 'partner-c', 'partner-d'];

function subException(rng: Prng): string {
  const host = `api.${rng.pick(PARTNERS)}.example`;
  const page = rng.int(1, 40);
  const frames = [['/app/sync/partners.py', 41, 'fetch_page', 'resp.raise_for_status()']] as const;
  if (rng.chance(0.6)) {
    const [code, reason] = rng.pick([[503, 'Service Unavailable'], [502, 'Bad Gateway']] as const);
    return pyTraceback([...frames, [`${SITE}/httpx/_models.py`, 829, 'raise_for_status', 'raise HTTPStatusError(message, request=request, response=self)']],
      `httpx.HTTPStatusError: Server error '${code} ${reason}' for url 'https://${host}/v2/catalog?page=${page}'\nFor more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/${code}`);
  }
  return pyTraceback([['/app/sync/partners.py', 38, 'fetch_page', 'resp = await client.get(url, params={"page": page})'],
    [`${SITE}/httpx/_transports/default.py`, 118, 'map_httpcore_exceptions', 'raise mapped_exc(message) from exc']], 'httpx.ReadTimeout: The read operation timed out');
}

/** Python's report of an ExceptionGroup: a `|` margin, one numbered block per sub-exception. */
function exceptionGroup(subs: readonly string[]): string {
  const lines = [
    '  + Exception Group Traceback (most recent call last):',
    '  |   File "/app/sync/main.py", line 64, in run',
    '  |     async with asyncio.TaskGroup() as tg:',
    '  |   File "/usr/local/lib/python3.12/asyncio/taskgroups.py", line 145, in __aexit__',
    '  |     raise me from None',
    `  | ExceptionGroup: unhandled errors in a TaskGroup (${subs.length} sub-exception${subs.length === 1 ? '' : 's'})`,
  ];
  subs.forEach((sub, i) => {
    lines.push(`${i === 0 ? '  +-+' : '    +'}---------------- ${i + 1} ----------------`);
    for (const l of sub.split('\n')) lines.push(`    | ${l}`);
  });
  lines.push('    +------------------------------------');
  return lines.join('\n');
}

const groupFailed = fam(`${JOB}:partner-fetch-failed`, 'ERROR', [8, 18], ({ rng, t, rev }) => {
  const subs = Array.from({ length: rng.int(1, 3) }, () => subException(rng));
  const host = `api.${rng.pick(PARTNERS)}.example`;
  return [
    pyLog(t, rev, 'INFO', 'httpx', `HTTP Request: GET https://${host}/v2/catalog?page=${rng.int(1, 40)} "HTTP/1.1 503 Service Unavailable"`),
    pyLog(t + 3000, rev, 'ERROR', 'sync.main', 'sync run failed', exceptionGroup(subs)),
    exitLine(JOB, 1),
  ].map((w, i) => (i === 0 ? { ...w, as: { family: `noise:${JOB}:httpx`, level: 'INFO' } } : w));
});

const indexMissing = fam(`${JOB}:checkpoint-index-missing`, 'ERROR', [4, 10], ({ rng, t, rev }) => {
  const link = `https://console.firebase.google.com/v1/r/project/${PROJECT}/firestore/indexes?create_composite=Cl${rng.base64url(120)}`;
  const details = `The query requires an index. You can create it here: ${link}`;
  const first = pyTraceback([
    [`${SITE}/google/api_core/grpc_helpers_async.py`, 106, '_wrapped_aiter', 'async for response in self._call:  # pragma: no branch'],
    [`${SITE}/grpc/aio/_call.py`, 365, '_fetch_stream_responses', 'await self._raise_for_status()'],
    [`${SITE}/grpc/aio/_call.py`, 272, '_raise_for_status', 'raise _create_rpc_error('],
  ], `grpc.aio._call.AioRpcError: <AioRpcError of RPC that terminated with:\n\tstatus = StatusCode.FAILED_PRECONDITION\n\tdetails = "${details}"\n\tdebug_error_string = "UNKNOWN:Error received from peer ipv4:142.250.${rng.int(0, 255)}.${rng.int(1, 254)}:443 {grpc_message:"${details}", grpc_status:9}"\n>`);
  const second = pyTraceback([
    ['/app/sync/checkpoints.py', 27, 'last_checkpoint', 'async for snap in query.stream():'],
    [`${SITE}/google/api_core/grpc_helpers_async.py`, 109, '_wrapped_aiter', 'raise exceptions.from_grpc_error(rpc_error) from rpc_error'],
  ], `google.api_core.exceptions.FailedPrecondition: 400 ${details}`);
  return [pyLog(t, rev, 'ERROR', 'sync.checkpoints', 'could not read the last checkpoint', `${first}\n\nThe above exception was the direct cause of the following exception:\n\n${second}`), exitLine(JOB, 1)];
});

const emptyPage = fam(`${JOB}:empty-page-retry`, 'WARNING', [100, 220], ({ rng, t, rev }) => [
  pyLog(t, rev, 'WARNING', 'sync.partners', `${rng.pick(PARTNERS)} page ${rng.int(1, 40)} returned 0 items, retrying in 2s`),
]);

const httpxOk = fam(`noise:${JOB}:httpx`, 'INFO', [330, 605], ({ rng, t, rev }) => [
  pyLog(t, rev, 'INFO', 'httpx', `HTTP Request: GET https://api.${rng.pick(PARTNERS)}.example/v2/catalog?page=${rng.int(1, 40)} "HTTP/1.1 200 OK"`),
]);

const runDone = fam(`noise:${JOB}:run`, 'INFO', [82, 165], ({ rng, t, rev }) => [
  rng.chance(0.5)
    ? pyLog(t, rev, 'INFO', 'sync.main', `sync started task=${rng.int(0, 3)} attempt=${rng.int(0, 2)} partners=${PARTNERS.length}`)
    : pyLog(t, rev, 'INFO', 'sync.main', `sync finished: ${rng.int(200, 9000)} items, errors=0, id=${slug(rng, 8)}`),
]);

export const jobsAsyncio: ServiceDef = {
  name: JOB, stack: 'Python 3.12 Cloud Run job, asyncio.TaskGroup, httpx 0.28, google-cloud-firestore 2.19 (AsyncClient), python-json-logger 3 from the rollout', splitRate: 0.7,
  families: [groupFailed, indexMissing, emptyPage, httpxOk, runDone],
};
