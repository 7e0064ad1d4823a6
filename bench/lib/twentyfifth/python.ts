// The day's Python services: an Alembic migration job on Cloud SQL through the Cloud SQL Python Connector
// (pg8000), and a Flask app on gunicorn whose logger was handed gunicorn's handlers.
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { asctime, clfTime, gunicornTime } from './clock.js';
import { as, containerExit, digits, PROJECT, spanOf, traceOf } from './shared.js';

const SITE = '/app/.venv/lib/python3.12/site-packages';

// ---------------------------------------------------------------------------------------------------
// jobs-alembic: a Cloud Run job (Python 3.12, Alembic 1.14, SQLAlchemy 2.0, pg8000 1.31 through
// cloud-sql-python-connector 1.14, every fifteen minutes from Cloud Scheduler). Morning revision: `alembic
// upgrade head` with alembic.ini's logging (`%(levelname)-5.5s [%(name)s] %(message)s` on stderr), then
// `python -m app.backfill` with basicConfig's default format. From the rollout one process,
// `python -m app.migrate`, calls alembic's command API under
// `basicConfig(format="%(asctime)s %(levelname)s [%(name)s] %(message)s")` and logs failures with
// logger.exception before `sys.exit(1)`.
const JA = 'jobs-alembic';

const alembicLine = (t: number, rev: 0 | 1, level: string, name: string, msg: string): Write => ({
  stream: 'stderr',
  text: rev === 0 ? `${level.padEnd(5).slice(0, 5)} [${name}] ${msg}` : `${asctime(t)} ${level} [${name}] ${msg}`,
});
const backfillLine = (t: number, rev: 0 | 1, level: string, msg: string): Write => ({
  stream: 'stderr', text: rev === 0 ? `${level}:app.backfill:${msg}` : `${asctime(t)} ${level} [app.backfill] ${msg}`,
});

/** The head of the job's traceback: the CLI's own frames (morning) or app.migrate's (later). */
const migrateHead = (rev: 0 | 1): string => rev === 0
  ? `  File "/app/.venv/bin/alembic", line 8, in <module>\n    sys.exit(main())\n             ^^^^^^\n  File "${SITE}/alembic/config.py", line 636, in main\n    CommandLine(prog=prog).main(argv=argv)\n  File "${SITE}/alembic/config.py", line 626, in main\n    self.run_cmd(cfg, options)\n  File "${SITE}/alembic/config.py", line 603, in run_cmd\n    fn(\n  File "${SITE}/alembic/command.py", line 406, in upgrade\n    script.run_env()\n`
  : `  File "/app/app/migrate.py", line 31, in main\n    command.upgrade(cfg, "head")\n  File "${SITE}/alembic/command.py", line 406, in upgrade\n    script.run_env()\n`;

const migrateFailed = (t: number, rev: 0 | 1, traceback: string): Write => ({
  stream: 'stderr', text: rev === 0 ? traceback : `${asctime(t)} ERROR [app.migrate] migration failed\n${traceback}`,
});

const pgError = (code: string, msg: string, file: string, line: number, routine: string): string =>
  `{'S': 'ERROR', 'V': 'ERROR', 'C': '${code}', 'M': '${msg}', 'F': '${file}', 'L': '${line}', 'R': '${routine}'}`;

const jaDuplicateTable: Family = {
  name: `${JA}:order-events-exists`, level: 'ERROR', perDay: [8, 20],
  emit: ({ t, rev }) => {
    const err = pgError('42P07', 'relation "order_events" already exists', 'heap.c', 1146, 'heap_create_with_catalog');
    const tb = `Traceback (most recent call last):\n  File "${SITE}/sqlalchemy/engine/base.py", line 1967, in _exec_single_context\n    self.dialect.do_execute(\n  File "${SITE}/sqlalchemy/engine/default.py", line 941, in do_execute\n    cursor.execute(statement, parameters)\n  File "${SITE}/pg8000/legacy.py", line 254, in execute\n    self._context = self._c.execute_unnamed(\n                    ^^^^^^^^^^^^^^^^^^^^^^^^\n  File "${SITE}/pg8000/core.py", line 688, in execute_unnamed\n    self.handle_messages(context)\n  File "${SITE}/pg8000/core.py", line 827, in handle_messages\n    raise context.error\npg8000.exceptions.DatabaseError: ${err}\n\nThe above exception was the direct cause of the following exception:\n\nTraceback (most recent call last):\n${migrateHead(rev)}  File "${SITE}/alembic/script/base.py", line 586, in run_env\n    util.load_python_file(self.dir, "env.py")\n  File "/app/migrations/env.py", line 71, in <module>\n    run_migrations_online()\n  File "/app/migrations/versions/9c1d2e3f4a5b_add_order_events.py", line 21, in upgrade\n    op.create_table(\n  File "${SITE}/sqlalchemy/engine/base.py", line 2355, in _handle_dbapi_exception\n    raise sqlalchemy_exception.with_traceback(exc_info[2]) from e\nsqlalchemy.exc.DatabaseError: (pg8000.exceptions.DatabaseError) ${err}\n[SQL: \nCREATE TABLE order_events (\n\tid BIGSERIAL NOT NULL, \n\torder_id BIGINT NOT NULL, \n\tkind VARCHAR(32) NOT NULL, \n\tcreated_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL, \n\tPRIMARY KEY (id)\n)\n\n]\n(Background on this error at: https://sqlalche.me/e/20/4xp6)`;
    return [
      as(alembicLine(t, rev, 'INFO', 'alembic.runtime.migration', 'Running upgrade 3f2a1c9d8e7b -> 9c1d2e3f4a5b, add order_events'), `noise:${JA}:run`, 'INFO'),
      migrateFailed(t, rev, tb),
      containerExit(JA, 1),
    ];
  },
};

// The database's alembic_version names a revision this image does not have (a branch deployed ahead).
const jaRevisionMissing: Family = {
  name: `${JA}:revision-not-found`, level: 'ERROR', perDay: [6, 16],
  emit: ({ t, rev }) => {
    const id = 'b7e4c2a9f013';
    if (rev === 0) {
      return [
        alembicLine(t, rev, 'ERROR', 'alembic.util.messaging', `Can't locate revision identified by '${id}'`),
        { stream: 'stderr', text: `  FAILED: Can't locate revision identified by '${id}'` },
        containerExit(JA, 255),
      ];
    }
    const tb = `Traceback (most recent call last):\n  File "${SITE}/alembic/script/base.py", line 254, in _catch_revision_errors\n    yield\n  File "${SITE}/alembic/script/base.py", line 462, in _upgrade_revs\n    for script in reversed(list(revs))\n  File "${SITE}/alembic/script/revision.py", line 814, in iterate_revisions\n    revisions, heads = fn(\n  File "${SITE}/alembic/script/revision.py", line 566, in get_revisions\n    return tuple(\n  File "${SITE}/alembic/script/revision.py", line 638, in _revision_for_ident\n    raise ResolutionError(\nalembic.script.revision.ResolutionError: No such revision or branch '${id}'\n\nThe above exception was the direct cause of the following exception:\n\nTraceback (most recent call last):\n${migrateHead(rev)}  File "${SITE}/alembic/script/base.py", line 286, in _catch_revision_errors\n    raise util.CommandError(resolution) from re\nalembic.util.exc.CommandError: Can't locate revision identified by '${id}'`;
    return [migrateFailed(t, rev, tb), containerExit(JA, 1)];
  },
};

// The job's service account lost roles/cloudsql.client: the connector's metadata call is refused.
const CONNECTOR_403 = `aiohttp.client_exceptions.ClientResponseError: 403, message="Forbidden: Authenticated IAM principal does not seem authorized to make API request. Verify 'Cloud SQL Admin API' is enabled within your GCP project and 'Cloud SQL Client' role has been granted to IAM principal.", url='https://sqladmin.googleapis.com/sql/v1beta4/projects/${PROJECT}/instances/orders-pg/connectSettings'`;
const jaConnector: Family = {
  name: `${JA}:sqladmin-forbidden`, level: 'ERROR', perDay: [6, 14],
  emit: ({ t, rev }) => {
    const tb = `Traceback (most recent call last):\n${migrateHead(rev)}  File "/app/migrations/env.py", line 58, in run_migrations_online\n    with connectable.connect() as connection:\n         ^^^^^^^^^^^^^^^^^^^^^\n  File "${SITE}/sqlalchemy/pool/base.py", line 678, in __connect\n    self.dbapi_connection = connection = pool._invoke_creator(self)\n                                         ^^^^^^^^^^^^^^^^^^^^^^^^^^\n  File "/app/app/db.py", line 17, in getconn\n    return connector.connect(INSTANCE, "pg8000", user=USER, db="orders", enable_iam_auth=True)\n           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  File "${SITE}/google/cloud/sql/connector/connector.py", line 235, in connect\n    return connect_task.result()\n           ^^^^^^^^^^^^^^^^^^^^^\n  File "${SITE}/google/cloud/sql/connector/instance.py", line 143, in _perform_refresh\n    metadata = await metadata_task\n               ^^^^^^^^^^^^^^^^^^^\n  File "${SITE}/google/cloud/sql/connector/client.py", line 127, in _get_metadata\n    resp.raise_for_status()\n  File "${SITE}/aiohttp/client_reqrep.py", line 1157, in raise_for_status\n    raise ClientResponseError(\n${CONNECTOR_403}`;
    return [migrateFailed(t, rev, tb), containerExit(JA, 1)];
  },
};

const jaNoRegion: Family = {
  name: `${JA}:order-without-region`, level: 'WARNING', perDay: [100, 240],
  emit: ({ rng, t, rev }) => [backfillLine(t, rev, 'WARNING', `order ${digits(rng, 6)} has no region, left NULL`)],
};

const jaRun: Family = {
  name: `noise:${JA}:run`, level: 'INFO', perDay: [96, 100],
  emit: ({ rng, t, rev }) => [
    alembicLine(t, rev, 'INFO', 'alembic.runtime.migration', 'Context impl PostgresqlImpl.'),
    alembicLine(t, rev, 'INFO', 'alembic.runtime.migration', 'Will assume transactional DDL.'),
    backfillLine(t, rev, 'INFO', `backfilled ${rng.int(0, 500)} orders in ${rng.fixed(0.2, 9, 2)}s (errors=0)`),
  ],
};

export const jobsAlembic: ServiceDef = {
  name: JA, stack: 'Python 3.12 Cloud Run job, Alembic 1.14, SQLAlchemy 2.0, pg8000 through the Cloud SQL Python Connector', splitRate: 0.6,
  families: [jaDuplicateTable, jaRevisionMissing, jaConnector, jaNoRegion, jaRun],
};

// ---------------------------------------------------------------------------------------------------
// web-flask: Python 3.12, Flask 3.0 on gunicorn 23 (gthread, `--access-logfile -`), google-cloud-
// firestore 2.19, google-cloud-secret-manager 2.21. Morning revision: the common recipe
// `app.logger.handlers = logging.getLogger("gunicorn.error").handlers`, so Flask's records come out in
// gunicorn's `[time] [pid] [LEVEL] msg` on stderr; from the rollout `google.cloud.logging.Client()
// .setup_logging()` gives the app's records to the StructuredLogHandler (one JSON line on stdout with
// `severity`, the trace, the source location and `httpRequest`), gunicorn's own lines unchanged.
const WF = 'web-flask';
const LIB = '/usr/local/lib/python3.12/site-packages';

const gunicorn = (t: number, pid: number, level: string, msg: string): Write => ({ stream: 'stderr', text: `${gunicornTime(t)} [${pid}] [${level}] ${msg}` });
const accessLine = (rng: Prng, t: number, method: string, path: string, status: number): Write => ({
  stream: 'stdout',
  text: `169.254.${rng.int(1, 8)}.${rng.int(1, 254)} - - ${clfTime(t)} "${method} ${path} HTTP/1.1" ${status} ${status >= 500 ? 265 : rng.int(800, 40000)} "-" "${rng.pick(['Mozilla/5.0 (Windows NT 10.0; Win64; x64)', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)', 'python-requests/2.32.3'])}"`,
});

/** A record of Flask's app logger: gunicorn's format in the morning, the structured handler later. */
function appRecord(rng: Prng, t: number, rev: 0 | 1, level: string, msg: string, source: { file: string; line: number; fn: string }, req?: { method: string; path: string }): Write {
  if (rev === 0) return gunicorn(t, rng.int(8, 11), level, msg);
  const json: Record<string, unknown> = {
    message: msg, severity: level, 'logging.googleapis.com/labels': { python_logger: 'main' },
    'logging.googleapis.com/trace': traceOf(rng), 'logging.googleapis.com/spanId': spanOf(rng), 'logging.googleapis.com/trace_sampled': false,
    'logging.googleapis.com/sourceLocation': { file: source.file, line: String(source.line), function: source.fn },
  };
  if (req) json.httpRequest = { requestMethod: req.method, requestUrl: `https://web-flask-8842.run.app${req.path}`, userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)', protocol: 'HTTP/1.1' };
  return { stream: 'stdout', json };
}

const FLASK_FRAMES = `  File "${LIB}/flask/app.py", line 1511, in wsgi_app\n    response = self.full_dispatch_request()\n               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  File "${LIB}/flask/app.py", line 919, in full_dispatch_request\n    rv = self.handle_user_exception(e)\n         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  File "${LIB}/flask/app.py", line 917, in full_dispatch_request\n    rv = self.dispatch_request()\n         ^^^^^^^^^^^^^^^^^^^^^^^\n  File "${LIB}/flask/app.py", line 902, in dispatch_request\n    return self.ensure_sync(self.view_functions[rule.endpoint])(**view_args)  # type: ignore[no-any-return]\n           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n`;
const LOG_EXCEPTION = { file: `${LIB}/flask/app.py`, line: 875, fn: 'log_exception' };

const INDEX_URL = `https://console.firebase.google.com/v1/r/project/${PROJECT}/firestore/indexes?create_composite=Cl1wcm9qZWN0cy9oYXJib3ItY29tbWVyY2UtcHJvZC9kYXRhYmFzZXMvKGRlZmF1bHQpL2NvbGxlY3Rpb25Hcm91cHMvcmVwb3J0cy9pbmRleGVzL18QARoKCgZ0ZW5hbnQQARoNCgljcmVhdGVkQXQQAhoMCghfX25hbWVfXxAC`;
const wfIndex: Family = {
  name: `${WF}:reports-index-missing`, level: 'ERROR', perDay: [30, 60],
  emit: ({ rng, t, rev }) => {
    const tenant = `t_${rng.int(1, 60)}`;
    const details = `The query requires an index. You can create it here: ${INDEX_URL}`;
    const tb = `Traceback (most recent call last):\n  File "${LIB}/google/api_core/grpc_helpers.py", line 116, in __next__\n    return next(self._wrapped)\n           ^^^^^^^^^^^^^^^^^^^\n  File "${LIB}/grpc/_channel.py", line 543, in __next__\n    return self._next()\n           ^^^^^^^^^^^^\n  File "${LIB}/grpc/_channel.py", line 969, in _next\n    raise self\ngrpc._channel._MultiThreadedRendezvous: <_MultiThreadedRendezvous of RPC that terminated with:\n\tstatus = StatusCode.FAILED_PRECONDITION\n\tdetails = "${details}"\n\tdebug_error_string = "UNKNOWN:Error received from peer ipv4:142.250.${rng.int(0, 255)}.${rng.int(1, 254)}:443 {grpc_message:"${details}", grpc_status:9, created_time:"2026-12-04T${String(rng.int(0, 23)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}.${digits(rng, 9)}+00:00"}"\n>\n\nThe above exception was the direct cause of the following exception:\n\nTraceback (most recent call last):\n${FLASK_FRAMES}  File "/app/main.py", line 88, in reports\n    for snap in query.stream():\n  File "${LIB}/google/cloud/firestore_v1/stream_generator.py", line 58, in __next__\n    next_value = self._generator.send(self._next_value)\n                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  File "${LIB}/google/cloud/firestore_v1/query.py", line 404, in _make_stream\n    response = next(response_iterator, None)\n               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  File "${LIB}/google/api_core/grpc_helpers.py", line 119, in __next__\n    raise exceptions.from_grpc_error(exc) from exc\ngoogle.api_core.exceptions.FailedPrecondition: 400 ${details}`;
    const path = `/reports?tenant=${tenant}`;
    return [
      appRecord(rng, t, rev, 'ERROR', `Exception on /reports [GET]\n${tb}`, LOG_EXCEPTION, { method: 'GET', path }),
      accessLine(rng, t, 'GET', path, 500),
    ];
  },
};

// The rollout's revision runs as a new service account without Secret Manager access: the app module
// reads the Stripe key at import, the worker fails to boot and gunicorn stops (exit code 3).
const wfSecretBoot: Family = {
  name: `${WF}:stripe-secret-denied`, level: 'ERROR', perDay: [10, 24],
  emit: ({ rng, t, rev }) => {
    if (rev === 0) return [];
    const worker = rng.int(7, 9);
    const resource = `projects/${PROJECT}/secrets/stripe-api-key/versions/latest`;
    const msg = `Permission 'secretmanager.versions.access' denied for resource '${resource}' (or it may not exist).`;
    const tb = `Traceback (most recent call last):\n  File "${LIB}/google/api_core/grpc_helpers.py", line 76, in error_remapped_callable\n    return callable_(*args, **kwargs)\n           ^^^^^^^^^^^^^^^^^^^^^^^^^^\n  File "${LIB}/grpc/_channel.py", line 1181, in __call__\n    return _end_unary_response_blocking(state, call, False, None)\n           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  File "${LIB}/grpc/_channel.py", line 1006, in _end_unary_response_blocking\n    raise _InactiveRpcError(state)  # pytype: disable=not-instantiable\n    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\ngrpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with:\n\tstatus = StatusCode.PERMISSION_DENIED\n\tdetails = "${msg}"\n\tdebug_error_string = "UNKNOWN:Error received from peer ipv4:142.250.${rng.int(0, 255)}.${rng.int(1, 254)}:443 {grpc_message:"${msg}", grpc_status:7}"\n>\n\nThe above exception was the direct cause of the following exception:\n\nTraceback (most recent call last):\n  File "${LIB}/gunicorn/arbiter.py", line 608, in spawn_worker\n    worker.init_process()\n  File "${LIB}/gunicorn/workers/gthread.py", line 94, in init_process\n    super().init_process()\n  File "${LIB}/gunicorn/workers/base.py", line 135, in init_process\n    self.load_wsgi()\n  File "${LIB}/gunicorn/workers/base.py", line 147, in load_wsgi\n    self.wsgi = self.app.wsgi()\n                ^^^^^^^^^^^^^^^\n  File "${LIB}/gunicorn/app/base.py", line 66, in wsgi\n    self.callable = self.load()\n                    ^^^^^^^^^^^\n  File "${LIB}/gunicorn/app/wsgiapp.py", line 57, in load\n    return self.load_wsgiapp()\n           ^^^^^^^^^^^^^^^^^^^\n  File "${LIB}/gunicorn/app/wsgiapp.py", line 47, in load_wsgiapp\n    return util.import_app(self.app_uri)\n           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  File "${LIB}/gunicorn/util.py", line 370, in import_app\n    mod = importlib.import_module(module)\n          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  File "/usr/local/lib/python3.12/importlib/__init__.py", line 90, in import_module\n    return _bootstrap._gcd_import(name[level:], package, level)\n           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  File "<frozen importlib._bootstrap>", line 1387, in _gcd_import\n  File "<frozen importlib._bootstrap>", line 1360, in _find_and_load\n  File "<frozen importlib._bootstrap>", line 1331, in _find_and_load_unlocked\n  File "<frozen importlib._bootstrap>", line 935, in _load_unlocked\n  File "<frozen importlib._bootstrap_external>", line 995, in exec_module\n  File "<frozen importlib._bootstrap>", line 488, in _call_with_frames_removed\n  File "/app/main.py", line 19, in <module>\n    STRIPE_KEY = secrets.access_secret_version(name=STRIPE_SECRET).payload.data.decode()\n                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  File "${LIB}/google/cloud/secretmanager_v1/services/secret_manager_service/client.py", line 2214, in access_secret_version\n    response = rpc(\n               ^^^^\n  File "${LIB}/google/api_core/gapic_v1/method.py", line 131, in __call__\n    return wrapped_func(*args, **kwargs)\n           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  File "${LIB}/google/api_core/grpc_helpers.py", line 78, in error_remapped_callable\n    raise exceptions.from_grpc_error(exc) from exc\ngoogle.api_core.exceptions.PermissionDenied: 403 ${msg}`;
    const start = (w: Write): Write => as(w, `noise:${WF}:gunicorn-start`, 'INFO');
    return [
      start(gunicorn(t, 1, 'INFO', 'Starting gunicorn 23.0.0')),
      start(gunicorn(t, 1, 'INFO', 'Listening at: http://0.0.0.0:8080 (1)')),
      start(gunicorn(t, 1, 'INFO', 'Using worker: gthread')),
      start(gunicorn(t, 1, 'INFO', `Booting worker with pid: ${worker}`)),
      gunicorn(t, worker, 'ERROR', `Exception in worker process\n${tb}`),
      start(gunicorn(t, worker, 'INFO', `Worker exiting (pid: ${worker})`)),
      gunicorn(t, 1, 'ERROR', `Worker (pid:${worker}) exited with code 3.`),
      gunicorn(t, 1, 'ERROR', 'Shutting down: Master'),
      gunicorn(t, 1, 'ERROR', 'Reason: Worker failed to boot.'),
      containerExit(WF, 3),
    ];
  },
};

// The CSV export reads a whole collection into memory: the kernel kills the worker at the limit.
const wfSigkill: Family = {
  name: `${WF}:worker-sigkill`, level: 'ERROR', perDay: [4, 12],
  emit: ({ rng, t }) => {
    const pid = rng.int(12, 90);
    return [
      { stream: 'varlog/system', severity: 'ERROR', text: `Memory limit of 1024 MiB exceeded with ${rng.int(1025, 1100)} MiB used. Consider increasing the memory limit, see https://cloud.google.com/run/docs/configuring/memory-limits`, as: { family: `${WF}:platform-memory-limit`, level: 'ERROR' } },
      gunicorn(t, 1, 'ERROR', `Worker (pid:${pid}) was sent SIGKILL! Perhaps out of memory?`),
      as(gunicorn(t, 1, 'INFO', `Booting worker with pid: ${pid + rng.int(1, 5)}`), `noise:${WF}:gunicorn-start`, 'INFO'),
    ];
  },
};

const wfStale: Family = {
  name: `${WF}:stale-report-cache`, level: 'WARNING', perDay: [150, 300],
  emit: ({ rng, t, rev }) => [appRecord(rng, t, rev, 'WARNING', `report r_${rng.int(1, 400)} for tenant t_${rng.int(1, 60)} served from stale cache (age ${rng.int(301, 3600)}s)`, { file: '/app/main.py', line: 97, fn: 'reports' })],
};

const wfOk: Family = {
  name: `noise:${WF}:requests`, level: 'INFO', perDay: [300, 450],
  emit: ({ rng, t }) => [accessLine(rng, t, 'GET', rng.pick([`/reports?tenant=t_${rng.int(1, 60)}&cached=1`, `/dashboard/t_${rng.int(1, 60)}`, '/static/app.css']), 200)],
};

const wfBuilt: Family = {
  name: `noise:${WF}:report-built`, level: 'INFO', perDay: [150, 250],
  emit: ({ rng, t, rev }) => [appRecord(rng, t, rev, 'INFO', `report r_${rng.int(1, 400)} built in ${rng.int(40, 900)}ms (rows=${rng.int(10, 5000)}, errors=0)`, { file: '/app/main.py', line: 104, fn: 'reports' })],
};

export const webFlask: ServiceDef = {
  name: WF, stack: 'Python 3.12, Flask 3.0 on gunicorn 23, google-cloud-firestore, google-cloud-secret-manager', splitRate: 0.62,
  families: [wfIndex, wfSecretBoot, wfSigkill, wfStale, wfOk, wfBuilt],
};
