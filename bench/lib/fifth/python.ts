// Python services: a Dramatiq worker (its CLI's log format, then google-cloud-logging's
// StructuredLogHandler after the rollout) and a Falcon app under uWSGI with an nginx sidecar.
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { nginxTime, ymdHmsComma } from '../stranger/text.js';
import { ctime } from './clock.js';

/** A frame of a Python traceback; `code` is absent for compiled modules (Falcon is built with Cython). */
type Frame = readonly [file: string, line: number, fn: string, code?: string];

export function traceback(frames: readonly Frame[], exc: string): string {
  const lines = ['Traceback (most recent call last):'];
  for (const [file, line, fn, code] of frames) {
    lines.push(`  File "${file}", line ${line}, in ${fn}`);
    if (code !== undefined) lines.push(`    ${code}`);
  }
  lines.push(exc);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// tasks-dramatiq: Dramatiq 1.17 on Redis. The CLI's default format is
// `[%(asctime)s] [PID %(process)d] [%(threadName)s] [%(name)s] [%(levelname)s] %(message)s`
// (Bogdanp/dramatiq#234, #726); after the rollout the root logger goes through
// google-cloud-logging's StructuredLogHandler, one JSON line with `message` (traceback appended) and
// `severity`, which Cloud Run lifts into the entry (its other special fields leave the payload too).

const DQ = '/usr/local/lib/python3.12/site-packages/dramatiq';
const PY = '/usr/local/lib/python3.12';

function dramatiq(rng: Prng, rev: 0 | 1, t: number, logger: string, level: string, message: string, thread: string): Write {
  if (rev === 0) return { stream: 'stderr', text: `[${ymdHmsComma(t)}] [PID ${rng.int(8, 11)}] [${thread}] [${logger}] [${level}] ${message}` };
  return { stream: 'stderr', json: { message, severity: level } };
}
const worker = (rng: Prng): string => `Thread-${rng.int(4, 11)}`;
const ACTOR_FRAMES: readonly Frame[] = [
  [`${DQ}/worker.py`, 513, 'process_message', 'res = actor(*message.args, **message.kwargs)'],
  [`${DQ}/actor.py`, 185, '__call__', 'return self.fn(*args, **kwargs)'],
];

const failed = (call: string, frames: readonly Frame[], exc: string): string =>
  `Failed to process message ${call} with unhandled exception.\n${traceback([...ACTOR_FRAMES, ...frames], exc)}`;

const dramatiqFamilies: Family[] = [
  {
    name: 'tasks-dramatiq:send-receipt-smtp-disconnected', level: 'ERROR', perDay: [20, 60], burst: 0.1,
    emit: ({ rng, rev, t }) => [dramatiq(rng, rev, t, 'dramatiq.worker.WorkerThread', 'ERROR', failed(`send_receipt('ord_${rng.alnum(14)}')`, [
      ['/app/tasks/receipts.py', 41, 'send_receipt', 'smtp.send_message(msg)'],
      [`${PY}/smtplib.py`, 986, 'send_message', 'return self.sendmail(from_addr, to_addrs, flatmsg, mail_options,'],
      [`${PY}/smtplib.py`, 887, 'sendmail', '(code, resp) = self.mail(from_addr, esmtp_opts)'],
      [`${PY}/smtplib.py`, 548, 'mail', 'return self.getreply()'],
      [`${PY}/smtplib.py`, 405, 'getreply', 'raise SMTPServerDisconnected("Connection unexpectedly closed")'],
    ], 'smtplib.SMTPServerDisconnected: Connection unexpectedly closed'), worker(rng))],
  },
  // The same KeyError from two actors: two places in the code, two problems.
  {
    name: 'tasks-dramatiq:sync-inventory-missing-sku', level: 'ERROR', perDay: [15, 45],
    emit: ({ rng, rev, t }) => [dramatiq(rng, rev, t, 'dramatiq.worker.WorkerThread', 'ERROR', failed(`sync_inventory(${rng.int(100, 999)}, batch='${rng.hex(8)}')`, [
      ['/app/tasks/inventory.py', 58, 'sync_inventory', 'for row in rows: upsert_stock(row["sku"], row["qty"])'],
    ], "KeyError: 'sku'"), worker(rng))],
  },
  {
    name: 'tasks-dramatiq:price-update-missing-sku', level: 'ERROR', perDay: [10, 30],
    emit: ({ rng, rev, t }) => [dramatiq(rng, rev, t, 'dramatiq.worker.WorkerThread', 'ERROR', failed(`apply_price_update('feed-${rng.int(1, 40)}')`, [
      ['/app/tasks/pricing.py', 112, 'apply_price_update', 'changes = {item["sku"]: item["price"] for item in feed["items"]}'],
      ['/app/tasks/pricing.py', 112, '<dictcomp>', 'changes = {item["sku"]: item["price"] for item in feed["items"]}'],
    ], "KeyError: 'sku'"), worker(rng))],
  },
  {
    name: 'tasks-dramatiq:consumer-redis-connection', level: 'CRITICAL', perDay: [3, 10], burst: 0.5,
    emit: ({ rng, rev, t }) => {
      const host = `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(2, 254)}`;
      return [dramatiq(rng, rev, t, 'dramatiq.worker.ConsumerThread(default)', 'CRITICAL', `Consumer encountered an unexpected error.\n${traceback([
        [`${DQ}/worker.py`, 290, 'run', 'for message in self.consumer:'],
        [`${DQ}/brokers/redis.py`, 357, '__next__', 'self.message_refc, self.message_cache = self.broker.do_fetch('],
        ['/usr/local/lib/python3.12/site-packages/redis/connection.py', 357, 'connect', 'raise ConnectionError(self._error_message(e))'],
      ], `redis.exceptions.ConnectionError: Error 111 connecting to ${host}:6379. Connection refused.`)}`, 'Thread-2')];
    },
  },
  // The TimeLimit middleware's warning, then the actor's failure: they come together but say different things.
  {
    name: 'tasks-dramatiq:report-time-limit', level: 'ERROR', perDay: [5, 20],
    emit: ({ rng, rev, t }) => {
      const thread = rng.int(139_000_000_000_000, 139_999_999_999_999);
      return [
        { ...dramatiq(rng, rev, t, 'dramatiq.middleware.time_limit.TimeLimit', 'WARNING', `Time limit exceeded. Raising exception in worker thread ${thread}.`, 'Thread-1'), as: { family: 'tasks-dramatiq:time-limit-exceeded', level: 'WARNING' } },
        dramatiq(rng, rev, t + 900, 'dramatiq.worker.WorkerThread', 'ERROR', failed(`build_sales_report('${rng.pick(['daily', 'weekly'])}', store=${rng.int(1, 80)})`, [
          ['/app/tasks/reports.py', 77, 'build_sales_report', 'df = pd.read_sql(query, engine)'],
          ['/usr/local/lib/python3.12/site-packages/pandas/io/sql.py', 706, 'read_sql', 'return pandas_sql.read_query('],
        ], 'dramatiq.middleware.time_limit.TimeLimitExceeded'), worker(rng)),
      ];
    },
  },
  {
    name: 'tasks-dramatiq:message-retry', level: 'WARNING', perDay: [120, 300],
    emit: ({ rng, rev, t }) => [dramatiq(rng, rev, t, 'dramatiq.middleware.retries.Retries', 'WARNING', `Retrying message '${rng.uuid()}' in ${rng.int(8, 300) * 1000} milliseconds.`, worker(rng))],
  },
  {
    name: 'noise:tasks-dramatiq:receipt-sent', level: 'INFO', perDay: [300, 600],
    emit: ({ rng, rev, t }) => [dramatiq(rng, rev, t, 'tasks.receipts', 'INFO', `receipt sent order=ord_${rng.alnum(14)} attempts=1 errors=0`, worker(rng))],
  },
  {
    name: 'noise:tasks-dramatiq:boot', level: 'INFO', perDay: [4, 12],
    emit: ({ rng, rev, t }) => [
      dramatiq(rng, rev, t, 'dramatiq.MainProcess', 'INFO', "Dramatiq '1.17.1' is booting up.", 'MainThread'),
      dramatiq(rng, rev, t + 800_000, 'dramatiq.WorkerProcess(0)', 'INFO', 'Worker process is ready for action.', 'MainThread'),
      dramatiq(rng, rev, t + 900_000, 'dramatiq.worker.ConsumerThread(default)', 'INFO', 'Restarting consumer in 3.00 seconds.', 'Thread-2'),
    ],
  },
];

export const tasksDramatiq: ServiceDef = { name: 'tasks-dramatiq', stack: 'Python 3.12, Dramatiq 1.17, Redis', splitRate: 0.75, families: dramatiqFamilies };

// ---------------------------------------------------------------------------------------------
// media-uwsgi: Falcon 3 under uWSGI 2.0 behind an nginx sidecar, all plain text. Falcon's
// `req.log_error` writes `{%Y-%m-%d %H:%M:%S} [FALCON] [ERROR] GET /path => ` + the traceback to
// wsgi.errors; uWSGI's own lines (harakiri, `DAMN ! worker`, a broken pipe and Python's `OSError:
// write error`) follow unbit/uwsgi#480, #1779, #2606 and singularityhub/sregistry#80; the app's logging
// uses basicConfig's default `LEVEL:name:message` on the morning revision, an asctime format after.

const SITE = '/usr/local/lib/python3.11/site-packages';
const falconTime = (t: number): string => ymdHmsComma(t).slice(0, 19);
const falcon = (t: number, method: string, path: string, tb: string): Write => ({ stream: 'stderr', text: `${falconTime(t)} [FALCON] [ERROR] ${method} ${path} => ${tb}` });
const appLog = (t: number, rev: 0 | 1, level: string, name: string, msg: string): Write => ({
  stream: 'stderr', text: rev === 0 ? `${level}:${name}:${msg}` : `${ymdHmsComma(t)} ${level.padEnd(8)} [${name}] ${msg}`,
});
const FALCON_FRAME: Frame = ['falcon/app.py', 365, 'falcon.app.App.__call__'];
const nginx = (rng: Prng, t: number, level: string, msg: string): string => `${nginxTime(t)} [${level}] 23#23: *${rng.int(100, 99_999)} ${msg}`;

const mediaFamilies: Family[] = [
  {
    name: 'media-uwsgi:thumb-unidentified-image', level: 'ERROR', perDay: [30, 80],
    emit: ({ rng, t }) => [falcon(t, 'GET', `/v1/thumbs/${rng.hex(12)}?w=${rng.pick([160, 320, 640])}`, traceback([
      FALCON_FRAME,
      ['/app/media/thumbs.py', 57, 'on_get', 'img = Image.open(io.BytesIO(blob))'],
      [`${SITE}/PIL/Image.py`, 3339, 'open', 'raise UnidentifiedImageError(msg)'],
    ], `PIL.UnidentifiedImageError: cannot identify image file <_io.BytesIO object at 0x7f${rng.hex(10)}>`))],
  },
  {
    name: 'media-uwsgi:upload-gcs-forbidden', level: 'ERROR', perDay: [8, 25],
    emit: ({ rng, t }) => [falcon(t, 'POST', '/v1/uploads', traceback([
      FALCON_FRAME,
      ['/app/media/uploads.py', 33, 'on_post', 'blob.upload_from_file(req.bounded_stream, content_type=req.content_type)'],
      [`${SITE}/google/cloud/storage/blob.py`, 2958, 'upload_from_file', '_raise_from_invalid_response(exc)'],
      [`${SITE}/google/cloud/storage/blob.py`, 4791, '_raise_from_invalid_response', 'raise exceptions.from_http_status(response.status_code, message, response=response)'],
    ], `google.api_core.exceptions.Forbidden: 403 POST https://storage.googleapis.com/upload/storage/v1/b/media-originals-prod/o?uploadType=multipart: media-runtime@harbor-prod-2291.iam.gserviceaccount.com does not have storage.objects.create access to the Google Cloud Storage object. Permission 'storage.objects.create' denied on resource (or it may not exist).: ('Request failed with status code', 403, 'Expected one of', <HTTPStatus.OK: 200>)`))],
  },
  {
    name: 'media-uwsgi:cache-memcached-refused', level: 'WARNING', perDay: [150, 400],
    emit: ({ rng, t, rev }) => [appLog(t, rev, 'WARNING', 'media.cache', `memcached get failed for key thumb:${rng.hex(12)}:${rng.pick([160, 320, 640])}: [Errno 111] Connection refused`)],
  },
  // A request that outlives `harakiri`: uWSGI's verbose status lines, then the kill.
  {
    name: 'media-uwsgi:harakiri', level: 'ERROR', perDay: [4, 14],
    emit: ({ rng, t }) => {
      const w = rng.int(1, 4);
      const pid = rng.int(20, 400);
      const since = Math.floor(t / 1_000_000) - rng.int(60, 64);
      const head = (dt: number): string => `${ctime(t + dt)} - `;
      return [
        { stream: 'stderr', text: `${head(0)}*** HARAKIRI ON WORKER ${w} (pid: ${pid}, try: 1) ***` },
        { stream: 'stderr', text: `${head(1)}HARAKIRI !!! worker ${w} status !!!` },
        { stream: 'stderr', text: `${head(2)}HARAKIRI [core 0] 169.254.1.1 - POST /v1/uploads since ${since}` },
        { stream: 'stderr', text: `${head(3)}HARAKIRI !!! end of worker ${w} status !!!` },
        { stream: 'stderr', text: `${head(900_000)}DAMN ! worker ${w} (pid: ${pid}) died, killed by signal 9 :( trying respawn ...`, as: { family: 'media-uwsgi:worker-killed', level: 'ERROR' } },
        { stream: 'stderr', text: `${head(900_100)}Respawned uWSGI worker ${w} (new pid: ${pid + rng.int(1, 40)})`, as: { family: 'noise:media-uwsgi:respawned', level: 'INFO' } },
      ];
    },
  },
  // The client went away while the response was written: uWSGI's line and the Python plugin's.
  {
    name: 'media-uwsgi:response-write-broken-pipe', level: 'ERROR', perDay: [20, 60],
    emit: ({ rng }) => {
      const path = `/v1/thumbs/${rng.hex(12)}?w=${rng.pick([160, 320, 640])}`;
      return [
        { stream: 'stderr', text: `uwsgi_response_writev_headers_and_body_do(): Broken pipe [core/writer.c line 306] during GET ${path} (169.254.1.1)` },
        { stream: 'stderr', text: 'OSError: write error' },
      ];
    },
  },
  {
    name: 'media-uwsgi:nginx-upstream-prematurely-closed', level: 'ERROR', perDay: [6, 20],
    emit: ({ rng, t, host }) => [{ stream: 'stderr', text: nginx(rng, t, 'error', `upstream prematurely closed connection while reading response header from upstream, client: 169.254.1.1, server: _, request: "POST /v1/uploads HTTP/1.1", upstream: "uwsgi://127.0.0.1:3031", host: "${host}"`) }],
  },
  {
    name: 'media-uwsgi:nginx-body-buffered', level: 'WARNING', perDay: [100, 250],
    emit: ({ rng, t, host }) => [{ stream: 'stderr', text: nginx(rng, t, 'warn', `a client request body is buffered to a temporary file /var/cache/nginx/client_temp/${String(rng.int(1, 9_999_999)).padStart(10, '0')}, client: 169.254.1.1, server: _, request: "POST /v1/uploads HTTP/1.1", host: "${host}"`) }],
  },
  // uWSGI's request line carries no level: chatter, 5xx included (the request log has the status).
  {
    name: 'noise:media-uwsgi:request-line', level: 'INFO', perDay: [400, 800],
    emit: ({ rng, t }) => {
      const status = rng.weighted([[200, 90], [304, 6], [500, 4]] as const);
      return [{ stream: 'stderr', text: `[pid: ${rng.int(20, 400)}|app: 0|req: ${rng.int(1, 900)}/${rng.int(900, 90_000)}] 169.254.1.1 () {${rng.int(34, 48)} vars in ${rng.int(600, 1400)} bytes} [${ctime(t)}] GET /v1/thumbs/${rng.hex(12)}?w=320 => generated ${rng.int(200, 90_000)} bytes in ${rng.int(2, 900)} msecs (HTTP/1.1 ${status}) ${rng.int(2, 5)} headers in ${rng.int(70, 200)} bytes (1 switches on core 0)` }];
    },
  },
  {
    name: 'noise:media-uwsgi:resized', level: 'INFO', perDay: [100, 200],
    emit: ({ rng, t, rev }) => [appLog(t, rev, 'INFO', 'media.thumbs', `resized ${rng.hex(12)} to ${rng.pick([160, 320, 640])}px in ${rng.int(3, 400)}ms (cache miss, error=None)`)],
  },
];

export const mediaUwsgi: ServiceDef = { name: 'media-uwsgi', stack: 'Python 3.11, Falcon 3, uWSGI 2.0, nginx sidecar', splitRate: 0.7, families: mediaFamilies };
