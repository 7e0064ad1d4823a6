// The Go services: an asynq worker on Memorystore that logs through tint, and imgproxy.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { isoSeconds, slashMicros, stampMilli } from './clock.js';
import { fam } from './shared.js';

// An asynq 0.24 server (always-on CPU) on Memorystore for Redis. asynq's own logger on stderr on every
// revision: `asynq: pid=1 2026/12/10 10:00:00.123456 LEVEL: msg`. The app's ErrorHandler and handlers
// log through log/slog with tint: colours on (tint's default: faint time and keys, the level and `err`
// in bright colours) on the morning revision; `NoColor: true, AddSource: true` after (the source as
// `dir/file.go:N` after the level).
const ASYNQ = 'worker-asynq';
const ESC = '\x1b';
const aq = (t: number, level: string, msg: string): string => `asynq: pid=1 ${slashMicros(t)} ${level}: ${msg}`;
const quote = (v: string): string => (/[\s"=]/.test(v) ? JSON.stringify(v) : v);
function tint(t: number, rev: 0 | 1, level: 'ERR' | 'WRN' | 'INF', source: string, msg: string, attrs: ReadonlyArray<readonly [string, string]>): Write {
  if (rev === 1) {
    const kv = attrs.map(([k, v]) => `${k}=${quote(v)}`).join(' ');
    return { stream: 'stderr', text: `${stampMilli(t)} ${level} ${source} ${msg}${kv ? ` ${kv}` : ''}` };
  }
  const colour = level === 'ERR' ? '91' : level === 'WRN' ? '93' : '92';
  const kv = attrs.map(([k, v]) => (k === 'err' ? `${ESC}[91m${ESC}[2merr=${ESC}[22m${quote(v)}${ESC}[0m` : `${ESC}[2m${k}=${ESC}[0m${quote(v)}`)).join(' ');
  return { stream: 'stderr', text: `${ESC}[2m${stampMilli(t)}${ESC}[0m ${ESC}[${colour}m${level}${ESC}[0m ${msg}${kv ? ` ${kv}` : ''}` };
}
const taskFailed = (rng: Prng, t: number, rev: 0 | 1, type: string, err: string): Write =>
  tint(t, rev, 'ERR', 'worker/errors.go:23', 'task failed', [['type', type], ['id', rng.uuid()], ['queue', 'default'], ['retried', String(rng.int(0, 24))], ['max_retry', '25'], ['err', err]]);
const panicStack = (rng: Prng): string => [
  `goroutine ${rng.int(40, 900)} [running]:`,
  'runtime/debug.Stack()',
  '\t/usr/local/go/src/runtime/debug/stack.go:26 +0x5e',
  'github.com/hibiken/asynq.(*processor).perform.func1()',
  '\t/go/pkg/mod/github.com/hibiken/asynq@v0.24.1/processor.go:403 +0x76',
  'panic({0xa1b2c0?, 0xc0003e2018?})',
  '\t/usr/local/go/src/runtime/panic.go:785 +0x132',
  'github.com/mossharbor/worker/catalog.(*Syncer).applyVariants(0xc00021e0a0, {0xc0004a8000, 0x3, 0x4})',
  '\t/src/catalog/sync.go:41 +0x2f4',
  'github.com/mossharbor/worker/catalog.(*Syncer).ProcessTask(0xc00021e0a0, {0xc71d28, 0xc000312f00}, 0xc0001c2480)',
  '\t/src/catalog/sync.go:22 +0x1a5',
  'github.com/hibiken/asynq.HandlerFunc.ProcessTask(...)',
  '\t/go/pkg/mod/github.com/hibiken/asynq@v0.24.1/server.go:580',
  'github.com/hibiken/asynq.(*processor).perform(0xc000180000, {0xc71d28, 0xc000312f00}, 0xc0001c2480)',
  '\t/go/pkg/mod/github.com/hibiken/asynq@v0.24.1/processor.go:414 +0x13d',
  'created by github.com/hibiken/asynq.(*processor).exec.func1 in goroutine 36',
  '\t/go/pkg/mod/github.com/hibiken/asynq@v0.24.1/processor.go:262 +0x5d6',
].join('\n');
export const workerAsynq: ServiceDef = {
  name: ASYNQ, stack: 'Go 1.23, asynq 0.24.1 on Memorystore for Redis 7.2 (always-on CPU), log/slog through lmittmann/tint 1.0, cloud.google.com/go/storage 1.47', splitRate: 0.7,
  families: [
    fam(`${ASYNQ}:email-rate-limited`, 'ERROR', [30, 70], ({ rng, t, rev }) => [taskFailed(rng, t, rev, 'email:deliver', 'send mail: unexpected status 429: {"errors":[{"message":"too many requests","field":null,"help":null}]}')], 0.3),
    fam(`${ASYNQ}:invoice-upload-403`, 'ERROR', [10, 25], ({ rng, t, rev }) => [taskFailed(rng, t, rev, 'invoice:render', `upload invoice INV-${rng.int(100000, 999999)}: googleapi: Error 403: worker@moss-harbor-4410.iam.gserviceaccount.com does not have storage.objects.create access to the Google Cloud Storage object. Permission 'storage.objects.create' denied on resource (or it may not exist)., forbidden`)]),
    fam(`${ASYNQ}:catalog-sync-panic`, 'ERROR', [6, 16], ({ rng, t, rev }) => [
      { stream: 'stderr', text: `${aq(t, 'ERROR', 'recovering from panic. See the stack trace below for details:')}\n${panicStack(rng)}` },
      taskFailed(rng, t + 400, rev, 'catalog:sync', 'panic [catalog/sync.go:41]: runtime error: index out of range [3] with length 3'),
    ]),
    fam(`${ASYNQ}:dequeue-readonly`, 'ERROR', [3, 8], ({ t }) => [{ stream: 'stderr', text: aq(t, 'ERROR', "Dequeue error: UNKNOWN: redis eval error: READONLY You can't write against a read only replica.") }], 0.7),
    fam(`${ASYNQ}:recoverer-not-found`, 'WARNING', [40, 110], ({ t }) => [{ stream: 'stderr', text: aq(t, 'WARN', 'recoverer: could not move task to archive: INTERNAL_ERROR: redis eval error: NOT FOUND') }]),
    fam(`noise:${ASYNQ}:done`, 'INFO', [450, 650], ({ rng, t, rev }) => [tint(t, rev, 'INF', 'worker/log.go:17', 'task done', [['type', rng.pick(['email:deliver', 'invoice:render', 'catalog:sync'])], ['id', rng.uuid()], ['elapsed', `${rng.fixed(0.01, 9, 3)}s`], ['errors', '0']])]),
    fam(`noise:${ASYNQ}:lifecycle`, 'INFO', [10, 30], ({ rng, t }) => [{ stream: 'stderr', text: aq(t, 'INFO', rng.pick(['Starting processing', 'Send signal TSTP to stop processing new tasks', 'Send signal TERM or INT to terminate the process', 'Starting graceful shutdown', 'Waiting for all workers to finish...', 'All workers have finished', 'Exiting'])) }]),
  ],
};

// imgproxy 3.26 (libvips) behind Cloud CDN, sources on a bucket (`gs://`) and on partners' hosts. The
// `pretty` log format on the morning revision (`LEVEL   [2026-12-10T10:00:00Z] msg key=value ...`, the
// level padded to eight, a stack trace on the lines after a 500), IMGPROXY_LOG_FORMAT=gcp after (one JSON
// object, keys sorted, `severity`, `message`, `time`, `stack` for a 500), which Cloud Run lifts.
const IMG = 'img-imgproxy';
const imgPath = (rng: Prng): string => `/${rng.base64url(43)}/rs:fit:${rng.pick([300, 600, 1200])}:${rng.pick([300, 600, 900])}/g:sm/${rng.base64url(16)}/${rng.base64url(16)}/${rng.base64url(12)}`;
const latency = (rng: Prng, slow: boolean): string => (slow ? `${rng.fixed(10, 10.002, 9)}s` : `${rng.fixed(2, 900, 6)}ms`);
const downloadStack = [
  '/app/imagedata/download.go:195 github.com/imgproxy/imgproxy/v3/imagedata.SendRequest',
  '/app/imagedata/download.go:207 github.com/imgproxy/imgproxy/v3/imagedata.requestImage',
  '/app/imagedata/download.go:272 github.com/imgproxy/imgproxy/v3/imagedata.download',
  '/app/imagedata/image_data.go:134 github.com/imgproxy/imgproxy/v3/imagedata.Download',
  '/app/processing_handler.go:333 main.handleProcessing.func2',
  '/app/processing_handler.go:334 main.handleProcessing',
  '/app/server.go:110 main.buildRouter.withCORS.func1',
  '/app/server.go:167 main.buildRouter.withPanicHandler.func2',
  '/app/router/router.go:156 github.com/imgproxy/imgproxy/v3/router.(*Router).ServeHTTP',
  '/usr/local/go/src/net/http/server.go:3211 net/http.serverHandler.ServeHTTP',
].join('\n');
function completed(rng: Prng, t: number, rev: 0 | 1, status: number, error: string | undefined, slow = false): Write {
  const level = status >= 500 ? 'ERROR' : status >= 400 ? 'WARNING' : 'INFO';
  const msg = `Completed in ${latency(rng, slow)} ${imgPath(rng)}`;
  const requestId = rng.base64url(21);
  const ip = rng.publicIpv4();
  const stack = status === 500 ? downloadStack : undefined;
  if (rev === 0) {
    const tail = error === undefined ? '' : ` error=${JSON.stringify(error)}`;
    return { stream: 'stderr', text: `${level.padEnd(8)}[${isoSeconds(t)}] ${msg} request_id=${requestId} method=GET status=${status} client_ip=${ip}${tail}${stack ? `\n${stack}` : ''}` };
  }
  const json: Record<string, unknown> = { client_ip: ip };
  if (error !== undefined) json.error = error;
  Object.assign(json, { message: msg, method: 'GET', request_id: requestId, severity: level });
  if (stack) json.stack = stack;
  Object.assign(json, { status, time: isoSeconds(t) });
  return { stream: 'stderr', json };
}
export const imgImgproxy: ServiceDef = {
  name: IMG, stack: 'imgproxy 3.26 (Go 1.23, libvips 8.15) behind Cloud CDN; sources on Cloud Storage (`gs://`) and partners\' HTTPS hosts', splitRate: 0.7,
  families: [
    fam(`${IMG}:source-404`, 'WARNING', [80, 180], ({ rng, t, rev }) => [completed(rng, t, rev, 404, "Can't download source image: Status: 404; <?xml version='1.0' encoding='UTF-8'?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>")]),
    fam(`${IMG}:bucket-403`, 'ERROR', [10, 30], ({ rng, t, rev }) => [completed(rng, t, rev, 500, `Can't download source image: Get "gs://moss-media/products/${rng.hex(12)}.jpg": googleapi: got HTTP response code 403 with body: <?xml version='1.0' encoding='UTF-8'?><Error><Code>AccessDenied</Code><Message>Access denied.</Message><Details>imgproxy@moss-harbor-4410.iam.gserviceaccount.com does not have storage.objects.get access to the Google Cloud Storage object. Permission 'storage.objects.get' denied on resource (or it may not exist).</Details></Error>`)], 0.3),
    fam(`${IMG}:request-timeout`, 'ERROR', [15, 40], ({ rng, t, rev }) => [completed(rng, t, rev, 503, `Request was timed out after ${rng.fixed(10, 10.002, 9)}s`, true)], 0.5),
    fam(`${IMG}:resolution-too-big`, 'WARNING', [30, 80], ({ rng, t, rev }) => [completed(rng, t, rev, 422, "Can't download source image: Source image resolution is too big")]),
    fam(`${IMG}:partner-dns`, 'ERROR', [8, 20], ({ rng, t, rev }) => [completed(rng, t, rev, 500, `Can't download source image: Get "https://assets.partner-cdn.example/img/${rng.hex(10)}.png": dial tcp: lookup assets.partner-cdn.example on 169.254.169.254:53: no such host`)]),
    fam(`noise:${IMG}:requests`, 'INFO', [400, 600], ({ rng, t, rev }) => {
      if (rng.chance(0.5)) return [completed(rng, t, rev, 200, undefined)];
      const started = `Started ${imgPath(rng)}`;
      const requestId = rng.base64url(21);
      const ip = rng.publicIpv4();
      if (rev === 0) return [{ stream: 'stderr', text: `INFO    [${isoSeconds(t)}] ${started} request_id=${requestId} method=GET client_ip=${ip}` }];
      return [{ stream: 'stderr', json: { client_ip: ip, message: started, method: 'GET', request_id: requestId, severity: 'INFO', time: isoSeconds(t) } }];
    }),
  ],
};
