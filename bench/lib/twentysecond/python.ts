// The Python services of the day: FastAPI under uvicorn with logging.basicConfig's default format, then
// Google's manual structured-logging formatter; a Cloud Run job written from Google's jobs sample; and a
// Cloud Run function (functions-framework) with no logging configuration at all, then with
// google-cloud-logging's setup_logging().
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { flaskTime, gunicornTime } from './clock.js';
import { cloudTrace, exitLine, fam, probeFailed, pyTraceback, type PyFrame } from './shared.js';

const SITE = '/usr/local/lib/python3.12/site-packages';

// ---------------------------------------------------------------------------------------------------
// quotes-fastapi

const Q = 'quotes-fastapi';
const q = (name: string): string => `${Q}:${name}`;

/** The app's record: basicConfig's `LEVEL:name:message` on the morning revision, Google's JSON line after. */
const appRecord = (rng: Prng, rev: 0 | 1, level: 'INFO' | 'WARNING' | 'ERROR', logger: string, message: string): Write =>
  rev === 0
    ? { stream: 'stderr', text: `${level}:${logger}:${message}` }
    : { stream: 'stdout', json: { severity: level, message, component: logger, 'logging.googleapis.com/trace': cloudTrace(rng) } };

const access = (rng: Prng, method: string, path: string, status: string): Write => ({
  stream: 'stdout', text: `INFO:     169.254.169.126:${rng.int(30000, 60000)} - "${method} ${path} HTTP/1.1" ${status}`,
});

const REGIONS = ['emea', 'amer', 'apac', 'latam'];

const bqFrames: PyFrame[] = [
  ['/app/app/reports.py', 48, 'region_report', 'rows = client.query(sql, job_config=cfg).result()'],
  [`${SITE}/google/cloud/bigquery/job/query.py`, 1681, 'result', 'while not is_job_done():'],
  [`${SITE}/google/api_core/retry/retry_unary.py`, 293, 'retry_wrapped_func', 'return retry_target('],
  [`${SITE}/google/api_core/retry/retry_unary.py`, 153, 'retry_target', '_retry_error_helper('],
  [`${SITE}/google/api_core/retry/retry_base.py`, 212, '_retry_error_helper', 'raise final_exc from source_exc'],
  [`${SITE}/google/cloud/bigquery/job/query.py`, 1630, 'is_job_done', 'raise job_failed_exception'],
];

const pydanticFrames: PyFrame[] = [
  [`${SITE}/uvicorn/protocols/http/httptools_impl.py`, 409, 'run_asgi', 'result = await app(  # type: ignore[func-returns-value]'],
  [`${SITE}/uvicorn/middleware/proxy_headers.py`, 60, '__call__', 'return await self.app(scope, receive, send)'],
  [`${SITE}/fastapi/applications.py`, 1054, '__call__', 'await super().__call__(scope, receive, send)'],
  [`${SITE}/starlette/applications.py`, 113, '__call__', 'await self.middleware_stack(scope, receive, send)'],
  [`${SITE}/starlette/middleware/errors.py`, 187, '__call__', 'raise exc'],
  [`${SITE}/starlette/middleware/errors.py`, 165, '__call__', 'await self.app(scope, receive, _send)'],
  [`${SITE}/starlette/middleware/exceptions.py`, 62, '__call__', 'await wrap_app_handling_exceptions(self.app, conn)(scope, receive, send)'],
  [`${SITE}/starlette/routing.py`, 715, '__call__', 'await self.middleware_stack(scope, receive, send)'],
  [`${SITE}/starlette/routing.py`, 288, 'handle', 'await self.app(scope, receive, send)'],
  [`${SITE}/fastapi/routing.py`, 301, 'app', 'raw_response = await run_endpoint_function('],
  [`${SITE}/fastapi/routing.py`, 212, 'run_endpoint_function', 'return await dependant.call(**values)'],
  ['/app/app/quotes.py', 63, 'partner_quote', 'quote = PartnerQuote.model_validate(resp.json())'],
];

const secretFrames: PyFrame[] = [
  [`${SITE}/starlette/routing.py`, 693, 'lifespan', 'async with self.lifespan_context(app) as maybe_state:'],
  ['/usr/local/lib/python3.12/contextlib.py', 210, '__aenter__', 'return await anext(self.gen)'],
  ['/app/app/main.py', 24, 'lifespan', 'app.state.partner_key = secrets.access_secret_version(name=PARTNER_KEY).payload.data.decode()'],
  [`${SITE}/google/cloud/secretmanager_v1/services/secret_manager_service/client.py`, 2281, 'access_secret_version', 'response = rpc('],
  [`${SITE}/google/api_core/gapic_v1/method.py`, 131, '__call__', 'return wrapped_func(*args, **kwargs)'],
  [`${SITE}/google/api_core/grpc_helpers.py`, 78, 'error_remapped_callable', 'raise exceptions.from_grpc_error(exc) from exc'],
];

const SECRET = 'projects/wren-ledger-2291/secrets/partner-api-key/versions/latest';
const secretTrace = (rng: Prng): string => [
  pyTraceback([
    [`${SITE}/google/api_core/grpc_helpers.py`, 76, 'error_remapped_callable', 'return callable_(*args, **kwargs)'],
    [`${SITE}/grpc/_channel.py`, 1181, '__call__', 'return _end_unary_response_blocking(state, call, False, None)'],
    [`${SITE}/grpc/_channel.py`, 1006, '_end_unary_response_blocking', 'raise _InactiveRpcError(state)  # pytype: disable=not-instantiable'],
  ], [
    'grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with:',
    '\tstatus = StatusCode.PERMISSION_DENIED',
    `\tdetails = "Permission 'secretmanager.versions.access' denied for resource '${SECRET}' (or it may not exist)."`,
    `\tdebug_error_string = "UNKNOWN:Error received from peer ipv4:142.250.${rng.int(0, 255)}.${rng.int(1, 254)}:443 {grpc_message:"Permission 'secretmanager.versions.access' denied for resource '${SECRET}' (or it may not exist).", grpc_status:7, created_time:"2026-12-14T${rng.int(10, 23)}:${rng.int(10, 59)}:${rng.int(10, 59)}.${rng.int(100000000, 999999999)}+00:00"}"`,
    '>',
  ].join('\n'), true),
  '',
  'The above exception was the direct cause of the following exception:',
  '',
  pyTraceback(secretFrames, `google.api_core.exceptions.PermissionDenied: 403 Permission 'secretmanager.versions.access' denied for resource '${SECRET}' (or it may not exist).`, true),
].join('\n');

export const quotesFastapi: ServiceDef = {
  name: Q,
  stack: 'Python 3.12, FastAPI 0.115 under uvicorn 0.32 (one process), google-cloud-bigquery 3.27, google-cloud-firestore 2.19, google-cloud-secret-manager 2.21, httpx 0.27, pydantic 2.9',
  splitRate: 0.65,
  families: [
    // logger.exception in the report endpoint, which answers 502; uvicorn's access line says so.
    fam(q('report-unrecognized-name'), 'ERROR', [20, 50], ({ rng, rev }) => {
      const region = rng.pick(REGIONS);
      const msg = `report query failed for region=${region}\n${pyTraceback(bqFrames, `google.api_core.exceptions.BadRequest: 400 Unrecognized name: regoin at [4:9]; reason: invalidQuery, location: query, message: Unrecognized name: regoin at [4:9]\n\nLocation: EU\nJob ID: ${rng.uuid()}`, true)}`;
      return [appRecord(rng, rev, 'ERROR', 'app.reports', msg), access(rng, 'GET', `/reports/${region}`, '502 Bad Gateway')];
    }),
    // The cache read times out; the endpoint falls back to BigQuery and says so.
    fam(q('cache-deadline'), 'WARNING', [80, 160], ({ rng, rev }) => [
      appRecord(rng, rev, 'WARNING', 'app.cache', `quote cache unavailable for sku=SKU-${rng.int(10000, 99999)}, reading BigQuery: 504 Deadline Exceeded`),
    ]),
    // A partner answer pydantic rejects, unhandled: uvicorn's report, then its access line.
    fam(q('partner-quote-validation'), 'ERROR', [15, 40], ({ rng }) => {
      const sku = `SKU-${rng.int(10000, 99999)}`;
      const last = [
        'pydantic_core._pydantic_core.ValidationError: 1 validation error for PartnerQuote',
        'price',
        "  Input should be a valid number, unable to parse string as a number [type=float_parsing, input_value='N/A', input_type=str]",
        '    For further information visit https://errors.pydantic.dev/2.9/v/float_parsing',
      ].join('\n');
      return [
        { stream: 'stderr', text: `ERROR:    Exception in ASGI application\n${pyTraceback(pydanticFrames, last, true)}` },
        access(rng, 'GET', `/quotes/${sku}`, '500 Internal Server Error'),
      ];
    }),
    // The lifespan reads a secret it may not read: uvicorn's two lines, the exit, the failed probe.
    fam(q('startup-secret-denied'), 'ERROR', [2, 4], ({ rng }) => [
      { stream: 'stderr', text: 'INFO:     Waiting for application startup.' , as: { family: `noise:${Q}:startup`, level: 'INFO' } },
      { stream: 'stderr', text: `ERROR:    Traceback (most recent call last):\n${secretTrace(rng).replace(/^Traceback \(most recent call last\):\n/, '')}` },
      { stream: 'stderr', text: 'ERROR:    Application startup failed. Exiting.' },
      exitLine(Q, 3),
      probeFailed(q('platform-startup-probe')),
    ]),
    fam(`noise:${Q}:access`, 'INFO', [450, 650], ({ rng }) => [
      rng.chance(0.7) ? access(rng, 'GET', `/quotes/SKU-${rng.int(10000, 99999)}`, '200 OK') : access(rng, 'GET', `/reports/${rng.pick(REGIONS)}`, '200 OK'),
    ]),
    fam(`noise:${Q}:app`, 'INFO', [200, 350], ({ rng, rev }) => [
      appRecord(rng, rev, 'INFO', 'app.quotes', rng.chance(0.5)
        ? `quote sku=SKU-${rng.int(10000, 99999)} served from cache (errors=0)`
        : `report region=${rng.pick(REGIONS)} rows=${rng.int(10, 900)} bytes_billed=${rng.int(10, 90)}MB`),
    ]),
    fam(`noise:${Q}:startup`, 'INFO', [3, 12], () => [
      { stream: 'stderr', text: 'INFO:     Started server process [1]' },
      { stream: 'stderr', text: 'INFO:     Waiting for application startup.' },
      { stream: 'stderr', text: 'INFO:     Application startup complete.' },
      { stream: 'stderr', text: 'INFO:     Uvicorn running on http://0.0.0.0:8080 (Press CTRL+C to quit)' },
    ]),
  ],
};

// ---------------------------------------------------------------------------------------------------
// jobs-export: a Cloud Run job in the shape of Google's jobs sample

const J = 'jobs-export';
const j = (name: string): string => `${J}:${name}`;
const TABLES = ['finance.ledger_2026', 'finance.invoices', 'sales.orders_daily', 'sales.refunds'];

const bqJobFrames: PyFrame[] = [
  ['/app/main.py', 41, '<module>', 'job(config)'],
  ['/app/export/job.py', 57, 'job', 'rows = bq.query(sql, location="EU").result()'],
  [`${SITE}/google/cloud/bigquery/job/query.py`, 1681, 'result', 'while not is_job_done():'],
  [`${SITE}/google/api_core/retry/retry_unary.py`, 293, 'retry_wrapped_func', 'return retry_target('],
  [`${SITE}/google/cloud/bigquery/job/query.py`, 1630, 'is_job_done', 'raise job_failed_exception'],
];
const gcsFrames: PyFrame[] = [
  ['/app/main.py', 41, '<module>', 'job(config)'],
  ['/app/export/job.py', 71, 'job', 'blob.upload_from_string(csv_bytes, content_type="text/csv")'],
  [`${SITE}/google/cloud/storage/blob.py`, 3156, 'upload_from_string', 'self.upload_from_file('],
  [`${SITE}/google/cloud/storage/blob.py`, 2999, 'upload_from_file', '_raise_from_invalid_response(exc)'],
  [`${SITE}/google/cloud/storage/blob.py`, 4827, '_raise_from_invalid_response', 'raise exceptions.from_http_status(response.status_code, message, response=response)'],
];

/** The sample's failure line (str(err)); the later revision appends traceback.format_exc(). */
const taskFailed = (rng: Prng, rev: 0 | 1, err: string, frames: PyFrame[], cls: string): Write => {
  const head = `Task #${rng.int(0, 3)}, Attempt #${rng.int(0, 2)} failed: ${err}`;
  return { stream: 'stdout', json: { message: rev === 0 ? head : `${head}\n${pyTraceback(frames, `${cls}: ${err}`, true)}`, severity: 'ERROR' } };
};

export const jobsExport: ServiceDef = {
  name: J,
  stack: 'Python 3.12 Cloud Run job (four tasks, hourly from Cloud Scheduler), google-cloud-bigquery 3.27, google-cloud-storage 2.18',
  splitRate: 0.6,
  families: [
    fam(j('bq-access-denied'), 'ERROR', [5, 12], ({ rng, rev }) => {
      const t = rng.pick(TABLES);
      const err = `403 Access Denied: Table wren-ledger-2291:${t}: User does not have permission to query table wren-ledger-2291:${t}, or perhaps it does not exist in location EU.\n\nLocation: EU\nJob ID: ${rng.uuid()}\n`;
      return [taskFailed(rng, rev, err, bqJobFrames, 'google.api_core.exceptions.Forbidden'), exitLine(J, 1)];
    }),
    fam(j('gcs-rate-limit'), 'ERROR', [3, 9], ({ rng, rev }) => {
      const err = `429 POST https://storage.googleapis.com/upload/storage/v1/b/wren-exports/o?uploadType=multipart: {\n  "error": {\n    "code": 429,\n    "message": "The object wren-exports/daily/${rng.pick(TABLES)}.csv exceeded the rate limit for object mutation operations (create, update, and delete). Please reduce your request rate. See https://cloud.google.com/storage/docs/gcs429.",\n    "errors": [\n      {\n        "message": "The object wren-exports/daily/ledger.csv exceeded the rate limit for object mutation operations (create, update, and delete). Please reduce your request rate. See https://cloud.google.com/storage/docs/gcs429.",\n        "domain": "usageLimits",\n        "reason": "rateLimitExceeded"\n      }\n    ]\n  }\n}\n: ('Request failed with status code', 429, 'Expected one of', <HTTPStatus.OK: 200>)`;
      return [taskFailed(rng, rev, err, gcsFrames, 'google.api_core.exceptions.TooManyRequests'), exitLine(J, 1)];
    }),
    // An execution started with an override that drops a variable: the import-time KeyError, uncaught.
    fam(j('missing-env'), 'ERROR', [1, 3], () => [
      { stream: 'stderr', text: pyTraceback([
        ['/app/main.py', 7, '<module>', 'from export.config import Config'],
        ['/app/export/config.py', 12, '<module>', 'DATASET = os.environ["EXPORT_DATASET"]'],
        ['<frozen os>', 714, '__getitem__', ''],
      ], "KeyError: 'EXPORT_DATASET'", true).replace('\n    \n', '\n') },
      exitLine(J, 1),
    ]),
    fam(j('partition-missing'), 'WARNING', [60, 120], ({ rng }) => [{
      stream: 'stdout',
      json: { message: `Skipping partition ${rng.int(20261101, 20261130)}: table wren-ledger-2291:${rng.pick(TABLES)}$${rng.int(20261101, 20261130)} not found`, severity: 'WARNING' },
    }]),
    fam(`noise:${J}:progress`, 'INFO', [350, 500], ({ rng }) => [{
      stream: 'stdout',
      text: rng.pick([
        `Starting Task #${rng.int(0, 3)}, Attempt #0...`,
        `Exported ${rng.int(100, 90000)} rows of ${rng.pick(TABLES)} to gs://wren-exports/daily/${rng.hex(6)}.csv (errors=0)`,
        `Completed Task #${rng.int(0, 3)}.`,
      ]),
    }]),
  ],
};

// ---------------------------------------------------------------------------------------------------
// ingest-function: a Cloud Run function (functions-framework) on a Pub/Sub trigger

const I = 'ingest-function';
const i = (name: string): string => `${I}:${name}`;
const PIP = '/layers/google.python.pip/pip/lib/python3.12/site-packages';
const PY = '/layers/google.python.runtime/python/lib/python3.12';

const flaskFrames: PyFrame[] = [
  [`${PIP}/flask/app.py`, 1511, 'wsgi_app', 'response = self.full_dispatch_request()'],
  [`${PIP}/flask/app.py`, 919, 'full_dispatch_request', 'rv = self.handle_user_exception(e)'],
  [`${PIP}/flask/app.py`, 917, 'full_dispatch_request', 'rv = self.dispatch_request()'],
  [`${PIP}/flask/app.py`, 902, 'dispatch_request', 'return self.ensure_sync(self.view_functions[rule.endpoint])(**view_args)  # type: ignore[no-any-return]'],
  [`${PIP}/functions_framework/__init__.py`, 134, 'view_func', 'function(event)'],
  ['/workspace/main.py', 31, 'ingest', 'payload = json.loads(base64.b64decode(cloud_event.data["message"]["data"]))'],
  [`${PY}/json/__init__.py`, 346, 'loads', 'return _default_decoder.decode(s)'],
  [`${PY}/json/decoder.py`, 338, 'decode', 'obj, end = self.raw_decode(s, idx=_w(s, 0).end())'],
  [`${PY}/json/decoder.py`, 356, 'raw_decode', 'raise JSONDecodeError("Expecting value", s, err.value) from None'],
];

/** A record through the root logger: logging's last resort (the bare message) before the rollout,
 * google-cloud-logging's StructuredLogHandler after. */
const rootRecord = (rng: Prng, rev: 0 | 1, severity: 'WARNING' | 'ERROR', message: string, line: number): Write =>
  rev === 0
    ? { stream: 'stderr', text: message }
    : {
        stream: 'stdout',
        json: {
          message, severity, 'logging.googleapis.com/labels': { python_logger: 'main' },
          'logging.googleapis.com/trace': cloudTrace(rng), 'logging.googleapis.com/spanId': rng.hex(16), 'logging.googleapis.com/trace_sampled': false,
          'logging.googleapis.com/sourceLocation': { line, file: '/workspace/main.py', function: 'ingest' },
          httpRequest: { requestMethod: 'POST', requestUrl: '/', userAgent: 'APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)', protocol: 'HTTP/1.1' },
        },
      };

export const ingestFunction: ServiceDef = {
  name: I,
  stack: 'Python 3.12 Cloud Run function (functions-framework 3.8 on gunicorn, Flask 3), Eventarc Pub/Sub trigger, google-cloud-bigquery 3.27, google-cloud-storage 2.18, google-cloud-logging 3.11 from the rollout',
  splitRate: 0.7,
  families: [
    // A message whose data is not JSON: Flask's report of the function's exception (after the rollout
    // the root logger's JSON handler prints the same record again).
    fam(i('message-not-json'), 'ERROR', [30, 60], ({ rng, t, rev }) => {
      const tb = pyTraceback(flaskFrames, 'json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)', true);
      const out: Write[] = [{ stream: 'stderr', text: `${flaskTime(t)} ERROR in app: Exception on / [POST]\n${tb}` }];
      if (rev === 1) out.push({ stream: 'stdout', json: { message: `Exception on / [POST]\n${tb}`, severity: 'ERROR', 'logging.googleapis.com/labels': { python_logger: 'functions_framework' }, 'logging.googleapis.com/trace': cloudTrace(rng) } });
      return out;
    }),
    fam(i('bq-insert-rows-errors'), 'ERROR', [20, 50], ({ rng, rev }) => {
      const n = rng.int(1, 4);
      const day = `2026-${rng.pick(['13', '00', '14'])}-${rng.int(10, 28)}`;
      const errs = Array.from({ length: n }, (_, k) => `{'index': ${k}, 'errors': [{'reason': 'invalid', 'location': 'ts', 'debugInfo': '', 'message': "Could not parse '${day} ${rng.int(10, 23)}:00:00' as a timestamp. Required format is YYYY-MM-DD HH:MM[:SS[.SSSSSS]] or YYYY/MM/DD HH:MM[:SS[.SSSSSS]]"}]}`);
      return [rootRecord(rng, rev, 'ERROR', `BigQuery insert_rows_json returned ${n} errors for events.clicks: [${errs.join(', ')}]`, 58)];
    }),
    fam(i('source-object-gone'), 'WARNING', [100, 200], ({ rng, rev }) => {
      const obj = `clicks/2026/12/14/part-${String(rng.int(0, 9999)).padStart(4, '0')}.json`;
      return [rootRecord(rng, rev, 'WARNING', `source object gone: 404 GET https://storage.googleapis.com/download/storage/v1/b/wren-raw/o/${encodeURIComponent(obj)}?alt=media: No such object: wren-raw/${obj}: ('Request failed with status code', 404, 'Expected one of', <HTTPStatus.OK: 200>, <HTTPStatus.PARTIAL_CONTENT: 206>)`, 44)];
    }),
    fam(`noise:${I}:processed`, 'INFO', [450, 650], ({ rng }) => [{
      stream: 'stdout',
      text: `processed message ${rng.int(10_000_000_000, 19_999_999_999)}: ${rng.int(1, 500)} rows, 0 errors`,
    }]),
    fam(`noise:${I}:gunicorn`, 'INFO', [3, 12], ({ t }) => [
      { stream: 'stderr', text: `${gunicornTime(t)} [1] [INFO] Starting gunicorn 23.0.0` },
      { stream: 'stderr', text: `${gunicornTime(t)} [1] [INFO] Listening at: http://0.0.0.0:8080 (1)` },
      { stream: 'stderr', text: `${gunicornTime(t)} [1] [INFO] Using worker: gthread` },
      { stream: 'stderr', text: `${gunicornTime(t)} [1] [INFO] Booting worker with pid: 4` },
    ]),
  ],
};
