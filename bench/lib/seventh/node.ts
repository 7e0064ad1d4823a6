// Node services of the seventh day: a webhook relay on hapi with log4js, and a mail service (Express +
// morgan for its API, a BullMQ worker with nodemailer) whose worker moves from console lines to JSON.
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { clf, isoMillis, log4jsOffsetTime, log4jsTime } from './clock.js';

const at = (frames: readonly string[]): string => frames.map((f) => `    at ${f}`).join('\n');

// ---------------------------------------------------------------------------------------------------
// hooks-hapi: hapi 21 relaying GitHub webhooks to CI, log4js 6. Morning revision: log4js's basic layout
// `[2026-12-04T10:00:00.123] [ERROR] hooks - msg`, and hapi's own `debug` output for handler errors
// (`Debug: internal, implementation, error` + the stack, on stderr, no level). After the rollout: a
// pattern layout `%d{ISO8601_WITH_TZ_OFFSET} %p %c %m`, hapi's debug off, and the handler error logged
// by the app's `request` error listener through log4js: one problem printed two ways.

function log4js(t: number, rev: 0 | 1, level: 'ERROR' | 'WARN' | 'INFO', category: string, msg: string): string {
  return rev === 0 ? `[${log4jsTime(t)}] [${level}] ${category} - ${msg}` : `${log4jsOffsetTime(t)} ${level} ${category} ${msg}`;
}

const HAPI = [
  'exports.Manager.execute (/app/node_modules/@hapi/hapi/lib/toolkit.js:60:29)',
  'Object.internals.handler (/app/node_modules/@hapi/hapi/lib/handler.js:46:20)',
  'exports.execute (/app/node_modules/@hapi/hapi/lib/handler.js:31:36)',
  'Request._lifecycle (/app/node_modules/@hapi/hapi/lib/request.js:371:68)',
  'process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
  'async Request._execute (/app/node_modules/@hapi/hapi/lib/request.js:281:9)',
];

const handlerTypeError: Family = {
  name: 'hooks-hapi:github-handler-installation-undefined', level: 'ERROR', perDay: [15, 45], burst: 0.2,
  emit: ({ rng, t, rev }) => {
    const stack = `TypeError: Cannot read properties of undefined (reading 'id')\n${at(['handler (/app/src/routes/github.js:38:47)', ...HAPI])}`;
    if (rev === 0) return [{ stream: 'stderr', text: `Debug: internal, implementation, error \n    ${stack}` }];
    return [{ stream: 'stdout', text: log4js(t, rev, 'ERROR', 'hooks', `request error POST /hooks/github delivery=${rng.uuid()}: ${stack}`) }];
  },
};

const forwardTimeout: Family = {
  name: 'hooks-hapi:forward-to-ci-timeout', level: 'ERROR', perDay: [20, 60], burst: 0.3,
  emit: ({ rng, t, rev }) => {
    const stack = `AxiosError: timeout of 5000ms exceeded\n${at([
      'RedirectableRequest.handleRequestTimeout (/app/node_modules/axios/lib/adapters/http.js:647:16)',
      'RedirectableRequest.emit (node:events:519:28)',
      'Timeout.<anonymous> (/app/node_modules/follow-redirects/index.js:221:12)',
      'listOnTimeout (node:internal/timers:581:17)',
      'process.processTimers (node:internal/timers:519:7)',
      'Axios.request (/app/node_modules/axios/lib/core/Axios.js:45:41)',
      'async forward (/app/src/forward.js:22:5)',
    ])} {\n  code: 'ECONNABORTED'\n}`;
    return [{ stream: 'stdout', text: log4js(t, rev, 'ERROR', 'hooks.forward', `forward to ci failed delivery=${rng.uuid()} target=https://ci.internal.example/hooks/${rng.pick(['build', 'deploy', 'lint'])} ${stack}`) }];
  },
};

const signatureMismatch: Family = {
  name: 'hooks-hapi:signature-mismatch', level: 'WARNING', perDay: [150, 350], burst: 0.2,
  emit: ({ rng, t, rev }) => [{ stream: 'stdout', text: log4js(t, rev, 'WARN', 'hooks', `signature mismatch for delivery ${rng.uuid()} from 140.82.${rng.int(112, 127)}.${rng.int(1, 254)}, rejecting (x-hub-signature-256 sha256=${rng.hex(12)}...)`) }],
};

const accepted: Family = {
  name: 'noise:hooks-hapi:accepted', level: 'INFO', perDay: [300, 600],
  emit: ({ rng, t, rev }) => [{ stream: 'stdout', text: log4js(t, rev, 'INFO', 'hooks', `delivery ${rng.uuid()} ${rng.pick(['push', 'pull_request', 'check_run'])} accepted, forwarded=1 errors=0`) }],
};

export const hooksHapi: ServiceDef = {
  name: 'hooks-hapi', stack: 'Node 20, hapi 21, log4js 6, axios', splitRate: 0.75,
  families: [handlerTypeError, forwardTimeout, signatureMismatch, accepted],
};

// ---------------------------------------------------------------------------------------------------
// mail-bullmq: Express 4 with morgan `combined` for the API, a BullMQ 5 worker sending with nodemailer,
// in one container. Morning revision: the worker's events on console lines; after the rollout a small
// JSON logger with `severity` (Cloud Run lifts it) and `message`.

function workerWrite(t: number, rev: 0 | 1, severity: 'ERROR' | 'WARNING' | 'INFO', line: string, extra: Record<string, unknown> = {}): Write {
  if (rev === 0) return { stream: severity === 'INFO' ? 'stdout' : 'stderr', text: line };
  return { stream: 'stdout', json: { severity, message: line.split('\n')[0], ...extra, time: isoMillis(t), service: 'mail-worker' } };
}

const jobName = (rng: Prng): string => rng.pick(['send-receipt', 'send-reset-link', 'send-digest']);

const smtpTimeout: Family = {
  name: 'mail-bullmq:smtp-connection-timeout', level: 'ERROR', perDay: [40, 120], burst: 0.3,
  emit: ({ rng, t, rev }) => {
    const id = rng.int(10000, 999999);
    const name = jobName(rng);
    const attempts = rng.int(1, 5);
    return [workerWrite(t, rev, 'ERROR', `[worker] job ${id} (${name}) failed after ${attempts} attempts: Connection timeout`, { job: { id: String(id), name, attemptsMade: attempts }, err: { code: 'ETIMEDOUT', command: 'CONN', message: 'Connection timeout' } })];
  },
};

// Same failed-job line, another reason: BullMQ gave up on a job whose worker stalled too often.
const stalledLimit: Family = {
  name: 'mail-bullmq:job-stalled-limit', level: 'ERROR', perDay: [6, 20],
  emit: ({ rng, t, rev }) => {
    const id = rng.int(10000, 999999);
    const name = jobName(rng);
    return [workerWrite(t, rev, 'ERROR', `[worker] job ${id} (${name}) failed after 1 attempts: job stalled more than allowable limit`, { job: { id: String(id), name, attemptsMade: 1 }, err: { message: 'job stalled more than allowable limit' } })];
  },
};

const stalled: Family = {
  name: 'mail-bullmq:job-stalled', level: 'WARNING', perDay: [100, 250],
  emit: ({ rng, t, rev }) => {
    const id = rng.int(10000, 999999);
    return [workerWrite(t, rev, 'WARNING', `[worker] job ${id} stalled, moved back to wait`, { job: { id: String(id) } })];
  },
};

const missingLock: Family = {
  name: 'mail-bullmq:missing-lock-move-to-finished', level: 'ERROR', perDay: [8, 30],
  emit: ({ rng, t, rev }) => {
    const id = rng.int(10000, 999999);
    const stack = `Error: Missing lock for job ${id}. moveToFinished\n${at([
      'Scripts.finishedErrors (/app/node_modules/bullmq/dist/cjs/classes/scripts.js:283:24)',
      'Job.moveToFailed (/app/node_modules/bullmq/dist/cjs/classes/job.js:461:32)',
      'process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      'async handleFailed (/app/node_modules/bullmq/dist/cjs/classes/worker.js:564:17)',
      'async Worker.retryIfFailed (/app/node_modules/bullmq/dist/cjs/classes/worker.js:779:24)',
    ])}`;
    if (rev === 0) return [{ stream: 'stderr', text: `[worker] error ${stack}` }];
    return [workerWrite(t, rev, 'ERROR', `[worker] error Error: Missing lock for job ${id}. moveToFinished`, { stack })];
  },
};

// ioredis prints this itself when no `error` listener is attached (console.error, no level).
const ioredisUnhandled: Family = {
  name: 'mail-bullmq:ioredis-unhandled-connect-refused', level: 'ERROR', perDay: [10, 40], burst: 0.5,
  emit: ({ rng }) => [{ stream: 'stderr', text: `[ioredis] Unhandled error event: Error: connect ECONNREFUSED 10.40.${rng.int(0, 3)}.${rng.int(2, 40)}:6379\n${at(['TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)'])}` }],
};

// Express's final handler prints the stack of an error no middleware handled (status 500).
const expressTypeError: Family = {
  name: 'mail-bullmq:send-api-recipient-undefined', level: 'ERROR', perDay: [10, 30],
  emit: () => [{
    stream: 'stderr',
    text: `TypeError: Cannot read properties of undefined (reading 'to')\n${at([
      '/app/src/api/send.js:14:31',
      'Layer.handle [as handle_request] (/app/node_modules/express/lib/router/layer.js:95:5)',
      'next (/app/node_modules/express/lib/router/route.js:149:13)',
      'Route.dispatch (/app/node_modules/express/lib/router/route.js:119:3)',
      'Layer.handle [as handle_request] (/app/node_modules/express/lib/router/layer.js:95:5)',
      '/app/node_modules/express/lib/router/index.js:284:15',
      'Function.process_params (/app/node_modules/express/lib/router/index.js:346:12)',
      'next (/app/node_modules/express/lib/router/index.js:280:10)',
      'jsonParser (/app/node_modules/body-parser/lib/types/json.js:113:7)',
    ])}`,
  }],
};

const morgan: Family = {
  name: 'noise:mail-bullmq:morgan', level: 'INFO', perDay: [300, 600],
  emit: ({ rng, t }) => {
    const status = rng.weighted([[202, 85], [400, 8], [500, 7]] as const);
    return [{ stream: 'stdout', text: `${rng.privateIpv4()} - - [${clf(t)}] "POST /v1/send HTTP/1.1" ${status} ${rng.int(20, 200)} "-" "${rng.pick(['node-fetch/1.0', 'Go-http-client/2.0', 'python-requests/2.32.3'])}"` }];
  },
};

const completed: Family = {
  name: 'noise:mail-bullmq:completed', level: 'INFO', perDay: [300, 600],
  emit: ({ rng, t, rev }) => {
    const id = rng.int(10000, 999999);
    return [workerWrite(t, rev, 'INFO', `[worker] job ${id} (${jobName(rng)}) completed in ${rng.int(80, 4000)}ms, rejected=0`, { job: { id: String(id) } })];
  },
};

export const mailBullmq: ServiceDef = {
  name: 'mail-bullmq', stack: 'Node 20, Express 4 + morgan, BullMQ 5, ioredis, nodemailer', splitRate: 0.75,
  families: [smtpTimeout, stalledLimit, stalled, missingLock, ioredisUnhandled, expressTypeError, morgan, completed],
};
