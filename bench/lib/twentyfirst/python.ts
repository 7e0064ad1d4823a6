// The Python service: an MLflow tracking server (gunicorn, Flask, SQLAlchemy on Cloud SQL for
// PostgreSQL, artifacts proxied to Cloud Storage).
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { clf, gunicornTime, slashTime } from './clock.js';
import { exitLine, fam, pyTraceback, type PyFrame } from './shared.js';

// MLflow configures its `mlflow` logger with `%(asctime)s %(levelname)s %(name)s: %(message)s` and
// `%Y/%m/%d %H:%M:%S` on stderr. The Flask app is named `mlflow.server`, so Flask finds that handler up
// the hierarchy, adds none of its own, and its `Exception on PATH [METHOD]` report comes out in MLflow's
// format with the traceback in the same write. gunicorn's own lines keep gunicorn's format. 2.18 in the
// morning, 2.19 after the rollout (line numbers in the site-packages frames move).
const ML = 'tracking-mlflow';
const SP = '/usr/local/lib/python3.11/site-packages';
const ml = (t: number, level: string, logger: string, msg: string): string => `${slashTime(t)} ${level} ${logger}: ${msg}`;
const gu = (t: number, pid: number, level: string, msg: string): string => `${gunicornTime(t)} [${pid}] [${level}] ${msg}`;
// gunicorn's access log (`--access-logfile -` through `--gunicorn-opts`), the default access format.
const access = (rng: Prng, t: number, req: string, status: number): string =>
  `169.254.1.1 - - [${clf(t)}] "${req} HTTP/1.1" ${status} ${status === 500 ? 265 : rng.int(2, 9000)} "-" "mlflow-python-client/2.18.0"`;
const flaskFrames = (rev: 0 | 1): PyFrame[] => [
  [`${SP}/flask/app.py`, 880, 'full_dispatch_request', 'rv = self.dispatch_request()'],
  [`${SP}/flask/app.py`, 865, 'dispatch_request', 'return self.ensure_sync(self.view_functions[rule.endpoint])(**view_args)  # type: ignore[no-any-return]'],
  [`${SP}/mlflow/server/handlers.py`, rev === 0 ? 573 : 581, 'wrapper', 'return func(*args, **kwargs)'],
];
function runsLogBatch(rng: Prng, rev: 0 | 1): string {
  return pyTraceback([
    ...flaskFrames(rev),
    [`${SP}/mlflow/server/handlers.py`, rev === 0 ? 1711 : 1724, '_log_batch', 'tracking_store.log_batch('],
    [`${SP}/mlflow/store/tracking/sqlalchemy_store.py`, rev === 0 ? 1186 : 1192, 'log_batch', 'self._log_metrics(run_id, metrics)'],
    [`${SP}/sqlalchemy/engine/base.py`, 1967, '_exec_single_context', 'self.dialect.do_execute('],
    [`${SP}/sqlalchemy/engine/default.py`, 941, 'do_execute', 'cursor.execute(statement, parameters)'],
  ], `sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) server closed the connection unexpectedly
\tThis probably means the server terminated abnormally
\tbefore or while processing the request.

[SQL: INSERT INTO metrics (key, value, timestamp, step, is_nan, run_uuid) VALUES (%(key)s, %(value)s, %(timestamp)s, %(step)s, %(is_nan)s, %(run_uuid)s)]
[parameters: {'key': 'val_loss', 'value': ${rng.fixed(0.01, 2, 4)}, 'timestamp': ${rng.int(1765500000000, 1765590000000)}, 'step': ${rng.int(1, 400)}, 'is_nan': False, 'run_uuid': '${rng.hex(32)}'}]
(Background on this error at: https://sqlalche.me/e/20/e3q8)`);
}
function artifactPut(rev: 0 | 1): string {
  return pyTraceback([
    ...flaskFrames(rev),
    [`${SP}/mlflow/server/handlers.py`, rev === 0 ? 2094 : 2110, '_upload_artifact', 'artifact_repo.log_artifact(tmp_path, artifact_path=dirname or None)'],
    [`${SP}/mlflow/store/artifact/gcs_artifact_repo.py`, 93, 'log_artifact', 'gcs_blob.upload_from_filename(local_file)'],
    [`${SP}/google/cloud/storage/blob.py`, 3017, 'upload_from_filename', 'self._handle_filename_and_upload('],
    [`${SP}/google/cloud/storage/blob.py`, 2876, '_prep_and_do_upload', '_raise_from_invalid_response(exc)'],
    [`${SP}/google/cloud/storage/blob.py`, 4791, '_raise_from_invalid_response', 'raise exceptions.from_http_status(response.status_code, message, response=response)'],
  ], `google.api_core.exceptions.Forbidden: 403 POST https://storage.googleapis.com/upload/storage/v1/b/heron-mlflow-artifacts/o?uploadType=multipart: {
  "error": {
    "code": 403,
    "message": "mlflow-server@heron-quarry-4417.iam.gserviceaccount.com does not have storage.objects.create access to the Google Cloud Storage object. Permission 'storage.objects.create' denied on resource (or it may not exist).",
    "errors": [
      {
        "message": "mlflow-server@heron-quarry-4417.iam.gserviceaccount.com does not have storage.objects.create access to the Google Cloud Storage object. Permission 'storage.objects.create' denied on resource (or it may not exist).",
        "domain": "global",
        "reason": "forbidden"
      }
    ]
  }
}
: ('Request failed with status code', 403, 'Expected one of', <HTTPStatus.OK: 200>)`);
}
export const trackingMlflow: ServiceDef = {
  name: ML, stack: 'MLflow 2.18 then 2.19 tracking server (Python 3.11, gunicorn 23, Flask 3, SQLAlchemy 2 on psycopg2), Cloud SQL for PostgreSQL 15, artifacts proxied to Cloud Storage', splitRate: 0.55,
  families: [
    fam(`${ML}:log-batch-db-closed`, 'ERROR', [15, 40], ({ rng, t, rev }) => [
      { stream: 'stderr', text: `${ml(t, 'ERROR', 'mlflow.server', 'Exception on /api/2.0/mlflow/runs/log-batch [POST]')}\n${runsLogBatch(rng, rev)}` },
      { stream: 'stdout', text: access(rng, t + 2000, 'POST /api/2.0/mlflow/runs/log-batch', 500) },
    ], 0.3),
    fam(`${ML}:artifact-upload-forbidden`, 'ERROR', [8, 25], ({ rng, t, rev }) => {
      const exp = rng.int(1, 40);
      const run = rng.hex(32);
      const file = rng.pick(['model/model.pkl', 'model/MLmodel', 'plots/confusion_matrix.png', 'model/requirements.txt']);
      const path = `/api/2.0/mlflow-artifacts/artifacts/${exp}/${run}/artifacts/${file}`;
      return [
        { stream: 'stderr', text: `${ml(t, 'ERROR', 'mlflow.server', `Exception on ${path} [PUT]`)}\n${artifactPut(rev)}` },
        { stream: 'stdout', text: access(rng, t + 2000, `PUT ${path}`, 500) },
      ];
    }),
    // gunicorn's arbiter kills a worker stuck past --timeout: the CRITICAL line and the SIGKILL line
    // are one failure.
    fam(`${ML}:worker-timeout`, 'CRITICAL', [3, 10], ({ rng, t }) => {
      const pid = rng.int(20, 400);
      return [
        { stream: 'stderr', text: gu(t, 1, 'CRITICAL', `WORKER TIMEOUT (pid:${pid})`) },
        { stream: 'stderr', text: gu(t + 400_000, 1, 'ERROR', `Worker (pid:${pid}) was sent SIGKILL! Perhaps out of memory?`) },
      ];
    }),
    // The 2.19 image meets a schema 2.18 left: `mlflow server` stops before gunicorn starts.
    fam(`${ML}:schema-out-of-date`, 'ERROR', [3, 8], ({ t, rev }) => (rev === 0 ? [] : [
      { stream: 'stderr', text: ml(t, 'INFO', 'mlflow.store.db.utils', 'Updating database tables'), as: { family: `noise:${ML}:boot`, level: 'INFO' } },
      { stream: 'stderr', text: pyTraceback([
        ['/usr/local/bin/mlflow', 8, '<module>', 'sys.exit(cli())'],
        [`${SP}/click/core.py`, 1161, '__call__', 'return self.main(*args, **kwargs)'],
        [`${SP}/click/core.py`, 788, 'invoke', 'return __callback(*args, **kwargs)'],
        [`${SP}/mlflow/cli.py`, 530, 'server', 'initialize_backend_stores(backend_store_uri, registry_store_uri, default_artifact_root)'],
        [`${SP}/mlflow/server/handlers.py`, 366, 'initialize_backend_stores', '_get_tracking_store(backend_store_uri, default_artifact_root)'],
        [`${SP}/mlflow/store/tracking/sqlalchemy_store.py`, 159, '__init__', 'mlflow.store.db.utils._verify_schema(self.engine)'],
        [`${SP}/mlflow/store/db/utils.py`, 102, '_verify_schema', 'raise MlflowException('],
      ], "mlflow.exceptions.MlflowException: Detected out-of-date database schema (found version 0584bdc529eb, but expected f5a4f2784254). Take a backup of your database, then run 'mlflow db upgrade <database_uri>' to migrate your database to the latest schema. NOTE: schema migration may result in database downtime - please consult your database's documentation for more detail.") },
      exitLine(ML, 1),
    ])),
    fam(`noise:${ML}:boot`, 'INFO', [10, 25], ({ rng, t }) => {
      const pid = rng.int(20, 400);
      return [
        { stream: 'stderr', text: gu(t, 1, 'INFO', 'Starting gunicorn 23.0.0') },
        { stream: 'stderr', text: gu(t + 2000, 1, 'INFO', 'Listening at: http://0.0.0.0:8080 (1)') },
        { stream: 'stderr', text: gu(t + 3000, 1, 'INFO', 'Using worker: sync') },
        { stream: 'stderr', text: gu(t + 9000, pid, 'INFO', `Booting worker with pid: ${pid}`) },
      ];
    }),
    fam(`noise:${ML}:access`, 'INFO', [300, 500], ({ rng, t }) => [
      { stream: 'stdout', text: access(rng, t, rng.pick(['POST /api/2.0/mlflow/runs/log-batch', 'GET /api/2.0/mlflow/runs/get?run_id=' + rng.hex(32), 'POST /api/2.0/mlflow/runs/search', 'GET /ajax-api/2.0/mlflow/experiments/search?max_results=25&errors=0']), 200) },
    ]),
  ],
};
