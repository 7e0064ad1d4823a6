// Python services. `exports-rq`: an RQ 1.16 worker on Python 3.12. RQ's own log (`%(asctime)s
// %(message)s`, time as HH:MM:SS, no level) prints a job's traceback after `[Job id]: exception raised
// while executing (func)` and reports a work-horse killed from outside; the application logs through
// structlog's ConsoleRenderer, with ANSI colours on the morning revision and `colors=False` after.
// `api-gunicorn`: Flask 3 on gunicorn sync workers, Python 3.11. Application records go through
// python-json-logger (`asctime`, `levelname`, `name`, `message`, `exc_info`; no `severity`) on the
// morning revision and, after the rollout, through OpenTelemetry's LoggingHandler with the console log
// exporter (one compact JSON line per record: `body`, `severity_number`, `severity_text`, `attributes`
// with `exception.type/message/stacktrace` and `code.*`, `trace_id`, `span_id`, `resource`); gunicorn's
// arbiter writes `[time] [pid] [LEVEL]` lines on stderr.
//
// Sources: RQ's worker log lines (`Moving job to FailedJobRegistry (Work-horse terminated
// unexpectedly; waitpid returned ...)`, `Killed horse pid`), rq/rq#1966, #1041, #2155, rq/django-rq#407;
// RQ's `[Job %s]: exception raised while executing (%s)` and `Task exceeded maximum timeout value (N
// seconds)`, rq/worker.py and rq/timeouts.py; structlog's ConsoleRenderer (`[error    ]`, event padded
// to 30, `[logger]`, key=value), hynek/structlog#194, #186, #541; python-json-logger's JsonFormatter,
// https://github.com/nhairs/python-json-logger; OpenTelemetry Python's LogRecord.to_json fields,
// open-telemetry/opentelemetry-python#2099; gunicorn's `[CRITICAL] WORKER TIMEOUT (pid:N)` then
// `[ERROR] Worker (pid:N) was sent SIGKILL! Perhaps out of memory?`, open-runtimes/open-runtimes#330,
// devilry/devilry-django#1297, benoitc/gunicorn#3136.
import type { Prng } from '../prng.js';
import type { Ctx, Family, ServiceDef, Write } from '../stranger/model.js';
import { asctime, gunicornTime, hms, isoMicros } from './text.js';

/** [file, line, function, source, caret under the call when 3.11+ marks one] */
type Frame = readonly [string, number, string, string, boolean?];

function traceback(frames: readonly Frame[], last: string): string {
  const out = ['Traceback (most recent call last):'];
  for (const [file, line, fn, code, caret] of frames) {
    out.push(`  File "${file}", line ${line}, in ${fn}`);
    out.push(`    ${code}`);
    if (caret === true) {
      const at = code.indexOf(' = ') > 0 ? code.indexOf(' = ') + 3 : 0;
      out.push(`    ${' '.repeat(at)}${'^'.repeat(Math.max(1, code.length - at))}`);
    }
  }
  out.push(last);
  return out.join('\n');
}

// ---- exports-rq -------------------------------------------------------------------------------

const SITE312 = '/usr/local/lib/python3.12/site-packages';
const RQ_HEAD: readonly Frame[] = [
  [`${SITE312}/rq/worker.py`, 1431, 'perform_job', 'rv = job.perform()', true],
  [`${SITE312}/rq/job.py`, 1280, 'perform', 'self._result = self._execute()', true],
  [`${SITE312}/rq/job.py`, 1317, '_execute', 'result = self.func(*self.args, **self.kwargs)', true],
];

/** RQ's handle_exception record: no level on the line, the traceback after it. */
function rqFailure(ctx: Ctx, func: string, tb: string): Write {
  return { stream: 'stderr', text: `${hms(ctx.t)} [Job ${ctx.rng.uuid()}]: exception raised while executing (${func})\n${tb}` };
}

const ESC = '\u001b[';
/** structlog's ConsoleRenderer: coloured on the morning revision, plain after. */
function structlog(ctx: Ctx, level: 'info' | 'warning' | 'error', event: string, logger: string, kv: Record<string, string | number>, exc?: string): Write {
  const fields = Object.keys(kv).sort();
  const color = ctx.rev === 0;
  const lvl = level.padEnd(9);
  const ts = isoMicros(ctx.t);
  const line = color
    ? `${ESC}2m${ts}${ESC}0m [${level === 'error' ? `${ESC}31m${ESC}1m` : level === 'warning' ? `${ESC}33m` : `${ESC}32m`}${lvl}${ESC}0m] ${ESC}1m${event.padEnd(30)}${ESC}0m [${ESC}0m${ESC}1m${ESC}34m${logger}${ESC}0m]${ESC}0m${fields.map((k) => ` ${ESC}36m${k}${ESC}0m=${ESC}35m${kv[k]}${ESC}0m`).join('')}`
    : `${ts} [${lvl}] ${event.padEnd(30)} [${logger}]${fields.map((k) => ` ${k}=${kv[k]}`).join('')}`;
  return { stream: 'stderr', text: exc === undefined ? line : `${line}\n${exc}` };
}

const jobTimeout: Family = {
  name: 'exports-rq:export-job-timeout', level: 'ERROR', perDay: [10, 35],
  emit(ctx) {
    const secs = ctx.rng.pick([180, 180, 600]);
    return [rqFailure(ctx, 'app.jobs.export_csv', traceback([
      ...RQ_HEAD,
      ['/app/app/jobs/export_csv.py', 58, 'export_csv', 'for row in cursor:'],
      [`${SITE312}/psycopg/cursor.py`, 137, '__iter__', 'recs = self._conn.wait(self._stream_fetchone_gen(first))'],
      [`${SITE312}/rq/timeouts.py`, 63, 'handle_death_penalty', "raise self._exception('Task exceeded maximum timeout value ({0} seconds)'.format(self._timeout))"],
    ], `rq.timeouts.JobTimeoutException: Task exceeded maximum timeout value (${secs} seconds)`))];
  },
};

// The same KeyError from two jobs: two problems.
const keyErrorExport: Family = {
  name: 'exports-rq:export-row-missing-email', level: 'ERROR', perDay: [15, 45],
  emit(ctx) {
    return [rqFailure(ctx, 'app.jobs.export_csv', traceback([
      ...RQ_HEAD,
      ['/app/app/jobs/export_csv.py', 71, 'export_csv', 'writer.writerow(build_row(contact))', true],
      ['/app/app/jobs/rows.py', 22, 'build_row', 'return [c["id"], c["name"], c["email"], c["created_at"].isoformat()]', true],
    ], "KeyError: 'email'"))];
  },
};

const keyErrorNotify: Family = {
  name: 'exports-rq:notify-owner-missing-email', level: 'ERROR', perDay: [8, 30],
  emit(ctx) {
    return [rqFailure(ctx, 'app.jobs.notify_export_ready', traceback([
      ...RQ_HEAD,
      ['/app/app/jobs/notify.py', 34, 'notify_export_ready', 'send_mail(to=owner["email"], template="export-ready", link=url)', true],
    ], "KeyError: 'email'"))];
  },
};

const horseKilled: Family = {
  name: 'exports-rq:work-horse-killed', level: 'ERROR', perDay: [4, 14],
  emit(ctx) {
    return [{ stream: 'stderr', text: `${hms(ctx.t)} Moving job to FailedJobRegistry (Work-horse terminated unexpectedly; waitpid returned 9 (signal 9); )` }];
  },
};

const uploadForbidden: Family = {
  name: 'exports-rq:upload-forbidden', level: 'ERROR', perDay: [10, 30],
  emit(ctx) {
    const { rng } = ctx;
    const account = rng.int(1000, 99999);
    const obj = `exports/${account}/${rng.hex(8)}.csv`;
    const exc = traceback([
      ['/app/app/storage.py', 41, 'upload_export', 'blob.upload_from_filename(path, content_type="text/csv")'],
      [`${SITE312}/google/cloud/storage/blob.py`, 3016, 'upload_from_filename', 'self._handle_filename_and_upload(', true],
      [`${SITE312}/google/cloud/storage/blob.py`, 2876, '_prep_and_do_upload', '_raise_from_invalid_response(exc)'],
    ], `google.api_core.exceptions.Forbidden: 403 POST https://storage.googleapis.com/upload/storage/v1/b/acme-exports/o?uploadType=multipart: exports-rq@acme-prod.iam.gserviceaccount.com does not have storage.objects.create access to the Google Cloud Storage object. Permission 'storage.objects.create' denied on resource (or it may not exist).: ('Request failed with status code', 403, 'Expected one of', <HTTPStatus.OK: 200>)`);
    return [structlog(ctx, 'error', 'export upload failed', 'app.storage', { account_id: account, object: obj }, exc)];
  },
};

const largeExport: Family = {
  name: 'exports-rq:large-export-chunked', level: 'WARNING', perDay: [40, 120],
  emit(ctx) {
    const { rng } = ctx;
    const rows = rng.int(500000, 5000000);
    return [structlog(ctx, 'warning', 'export is large, streaming in chunks', 'app.jobs.export_csv', { account_id: rng.int(1000, 99999), rows, chunks: Math.ceil(rows / 100000) })];
  },
};

const rqInfo: Family = {
  name: 'noise:exports-rq:chatter', level: 'INFO', perDay: [250, 400],
  emit(ctx) {
    const { rng } = ctx;
    const r = rng.next();
    const id = rng.uuid();
    if (r < 0.35) return [{ stream: 'stderr', text: `${hms(ctx.t)} default: app.jobs.export_csv(account_id=${rng.int(1000, 99999)}) (${id})` }];
    if (r < 0.6) return [{ stream: 'stderr', text: `${hms(ctx.t)} default: Job OK (${id})` }];
    if (r < 0.75) return [{ stream: 'stderr', text: `${hms(ctx.t)} Result is kept for 500 seconds` }];
    return [structlog(ctx, 'info', 'export done', 'app.jobs.export_csv', { account_id: rng.int(1000, 99999), rows: rng.int(10, 90000), errors: 0, retries: 0 })];
  },
};

export const exportsRq: ServiceDef = {
  name: 'exports-rq', stack: 'Python 3.12, RQ 1.16, structlog ConsoleRenderer, google-cloud-storage', splitRate: 0.75,
  families: [jobTimeout, keyErrorExport, keyErrorNotify, horseKilled, uploadForbidden, largeExport, rqInfo],
};

// ---- api-gunicorn -----------------------------------------------------------------------------

const SITE311 = '/usr/local/lib/python3.11/site-packages';
const LEVEL_NUMBER = { INFO: 9, WARNING: 13, ERROR: 17 } as const;

interface PyExc { type: string; module: string; message: string; tb: string }

function appRecord(ctx: Ctx, level: 'INFO' | 'WARNING' | 'ERROR', logger: string, where: [string, string, number], message: string, extra: Record<string, unknown>, exc?: PyExc): Write {
  const { rng } = ctx;
  if (ctx.rev === 0) {
    const json: Record<string, unknown> = { asctime: asctime(ctx.t), levelname: level, name: logger, message, ...extra };
    if (exc) json.exc_info = exc.tb;
    return { stream: 'stderr', json };
  }
  const attributes: Record<string, unknown> = { ...extra, 'code.filepath': where[0], 'code.function': where[1], 'code.lineno': where[2] };
  if (exc) Object.assign(attributes, { 'exception.type': exc.type, 'exception.message': exc.message, 'exception.stacktrace': exc.tb });
  const ts = isoMicros(ctx.t);
  return {
    stream: 'stdout',
    json: {
      body: message, severity_number: LEVEL_NUMBER[level], severity_text: level, attributes, dropped_attributes: 0,
      timestamp: ts, observed_timestamp: ts, trace_id: `0x${rng.hex(32)}`, span_id: `0x${rng.hex(16)}`, trace_flags: 1,
      resource: { attributes: { 'telemetry.sdk.language': 'python', 'telemetry.sdk.name': 'opentelemetry', 'telemetry.sdk.version': '1.29.0', 'service.name': 'api-gunicorn' }, schema_url: '' },
    },
  };
}

const partnerTimeout: Family = {
  name: 'api-gunicorn:partner-invoice-read-timeout', level: 'ERROR', perDay: [20, 60], burst: 0.3,
  emit(ctx) {
    const { rng } = ctx;
    const message = "HTTPSConnectionPool(host='api.partner.example', port=443): Read timed out. (read timeout=10)";
    const tb = traceback([
      ['/app/app/partner.py', 88, 'sync_invoice', 'resp = requests.post(f"{BASE}/invoices", json=payload, timeout=10)', true],
      [`${SITE311}/requests/api.py`, 115, 'post', 'return request("post", url, data=data, json=json, **kwargs)', true],
      [`${SITE311}/requests/adapters.py`, 713, 'send', 'raise ReadTimeout(e, request=request)'],
    ], `requests.exceptions.ReadTimeout: ${message}`);
    return [appRecord(ctx, 'ERROR', 'app.partner', ['/app/app/partner.py', 'sync_invoice', 92], 'invoice sync failed', { invoice_id: `INV-${rng.int(100000, 999999)}` }, { type: 'ReadTimeout', module: 'requests.exceptions', message, tb })];
  },
};

const reportZeroDivision: Family = {
  name: 'api-gunicorn:report-zero-division', level: 'ERROR', perDay: [15, 45],
  emit(ctx) {
    const { rng } = ctx;
    const path = `/api/reports/${rng.int(1, 9999)}/summary`;
    const tb = traceback([
      [`${SITE311}/flask/app.py`, 880, 'full_dispatch_request', 'rv = self.dispatch_request()', true],
      [`${SITE311}/flask/app.py`, 865, 'dispatch_request', 'return self.ensure_sync(self.view_functions[rule.endpoint])(**view_args)  # type: ignore[no-any-return]', true],
      ['/app/app/reports.py', 47, 'summary', 'margin = (revenue - cost) / revenue', true],
    ], 'ZeroDivisionError: division by zero');
    // Flask's own record for an unhandled exception, through the application's handler.
    return [appRecord(ctx, 'ERROR', 'app', ['/usr/local/lib/python3.11/site-packages/flask/app.py', 'log_exception', 828], `Exception on ${path} [GET]`, {}, { type: 'ZeroDivisionError', module: 'builtins', message: 'division by zero', tb })];
  },
};

const partnerRejected: Family = {
  name: 'api-gunicorn:partner-rejected-lines', level: 'WARNING', perDay: [40, 120],
  emit(ctx) {
    const { rng } = ctx;
    const skus = Array.from({ length: rng.int(1, 7) }, () => `SKU-${rng.upperAlnum(6)}`);
    return [appRecord(ctx, 'WARNING', 'app.partner', ['/app/app/partner.py', 'sync_invoice', 101], `partner rejected ${skus.length} line items: ${JSON.stringify(skus).replace(/"/g, "'").replace(/,/g, ', ')}`, { invoice_id: `INV-${rng.int(100000, 999999)}` })];
  },
};

const workerTimeout: Family = {
  name: 'api-gunicorn:worker-timeout', level: 'CRITICAL', perDay: [6, 20],
  emit(ctx) {
    const pid = ctx.rng.int(8, 400);
    return [
      { stream: 'stderr', text: `[${gunicornTime(ctx.t)}] [1] [CRITICAL] WORKER TIMEOUT (pid:${pid})` },
      { stream: 'stderr', text: `[${gunicornTime(ctx.t + 900_000)}] [1] [ERROR] Worker (pid:${pid}) was sent SIGKILL! Perhaps out of memory?`, as: { family: 'api-gunicorn:worker-sigkill', level: 'ERROR' } },
    ];
  },
};

const gunicornInfo: Family = {
  name: 'noise:api-gunicorn:chatter', level: 'INFO', perDay: [300, 450],
  emit(ctx) {
    const { rng } = ctx;
    const r = rng.next();
    if (r < 0.6) return [appRecord(ctx, 'INFO', 'app.partner', ['/app/app/partner.py', 'sync_invoice', 95], 'invoice synced', { invoice_id: `INV-${rng.int(100000, 999999)}`, error: null, retries: 0 })];
    if (r < 0.9) return [appRecord(ctx, 'INFO', 'app.reports', ['/app/app/reports.py', 'summary', 52], `report built in ${rng.int(5, 900)} ms`, { rows: rng.int(1, 5000), errors: 0 })];
    return [{ stream: 'stderr', text: `[${gunicornTime(ctx.t)}] [${rng.int(8, 400)}] [INFO] Booting worker with pid: ${rng.int(8, 400)}` }];
  },
};

export const apiGunicorn: ServiceDef = {
  name: 'api-gunicorn', stack: 'Python 3.11, Flask 3, gunicorn, python-json-logger then OpenTelemetry logs', splitRate: 0.75,
  families: [partnerTimeout, reportZeroDivision, partnerRejected, workerTimeout, gunicornInfo],
};

