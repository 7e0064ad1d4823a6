// Two Node services. api-firebase: an Express app deployed as a Cloud Functions for Firebase 2nd gen
// `onRequest` function (a Cloud Run service), firebase-admin 13 and Stripe; on the morning revision the
// handlers report with `console.error(err)` (util.inspect: the stack, gRPC's `for call at` and `Caused by:`
// parts, then the error's own properties in braces), after the rollout with firebase-functions' logger (a
// JSON line with `severity` and the formatted message). Express's final handler prints an uncaught error's
// stack on stderr either way. media-tslog: Express 4 with Mongoose 8 and sharp, logging through tslog 4's
// pretty output (its default template, ANSI colours, the error block with `error stack:` and `  • file
// method` lines) on the morning revision, tslog's JSON after; V8's out-of-memory report ends the process.
import type { Ctx, Family, ServiceDef, Write } from '../stranger/model.js';
import { ansi } from '../stranger/text.js';
import { isoMillis, tslogTime } from './clock.js';

const FB = 'api-firebase';
const W = '/workspace/node_modules';

const grpcFrames = [
  `    at callErrorFromStatus (${W}/@grpc/grpc-js/build/src/call.js:32:19)`,
  `    at Object.onReceiveStatus (${W}/@grpc/grpc-js/build/src/client.js:359:73)`,
  `    at Object.onReceiveStatus (${W}/@grpc/grpc-js/build/src/client-interceptors.js:323:181)`,
  `    at ${W}/@grpc/grpc-js/build/src/resolving-call.js:129:78`,
  '    at process.processTicksAndRejections (node:internal/process/task_queues:77:11)',
  'for call at',
  `    at ServiceClientImpl.makeServerStreamRequest (${W}/@grpc/grpc-js/build/src/client.js:342:32)`,
  `    at ServiceClientImpl.<anonymous> (${W}/@grpc/grpc-js/build/src/make-client.js:105:19)`,
  `    at ${W}/@google-cloud/firestore/build/src/v1/firestore_client.js:237:29`,
  `    at ${W}/google-gax/build/src/streamingCalls/streamingApiCaller.js:38:28`,
  `    at ${W}/google-gax/build/src/normalCalls/timeout.js:44:16`,
  `    at Object.request (${W}/google-gax/build/src/streamingCalls/streaming.js:377:40)`,
  `    at Timeout.makeRequest [as _onTimeout] (${W}/retry-request/index.js:159:28)`,
  '    at listOnTimeout (node:internal/timers:581:17)',
  '    at process.processTimers (node:internal/timers:519:7)',
  'Caused by: Error',
  `    at Query._get (${W}/@google-cloud/firestore/build/src/reference/query.js:1003:23)`,
  `    at Query.get (${W}/@google-cloud/firestore/build/src/reference/query.js:992:21)`,
];

/** What `console.error(err)` or the logger's `format(msg, err)` prints of Firestore's missing-index error. */
function missingIndex(ctx: Ctx): string {
  const link = `https://console.firebase.google.com/v1/r/project/quillmere-prod-2291/firestore/indexes?create_composite=Cl${ctx.rng.base64url(118)}`;
  const details = `The query requires an index. You can create it here: ${link}`;
  return [
    `Error: 9 FAILED_PRECONDITION: ${details}`,
    ...grpcFrames,
    '    at sendDigest (/workspace/lib/digest.js:41:14)',
    '    at async /workspace/lib/routes/digest.js:12:5 {',
    '  code: 9,',
    `  details: '${details}',`,
    '  metadata: Metadata {',
    "    internalRepr: Map(1) { 'x-debug-tracking-id' => [Array] },",
    '    options: {}',
    '  }',
    '}',
  ].join('\n');
}

const digestIndex: Family = {
  name: `${FB}:digest-query-missing-index`, level: 'ERROR', perDay: [12, 30],
  emit: (ctx) => [ctx.rev === 0
    ? { stream: 'stderr', text: missingIndex(ctx) }
    : { stream: 'stdout', json: { severity: 'ERROR', message: `digest query failed ${missingIndex(ctx)}` } }],
};

function declined(ctx: Ctx): string {
  const charge = `ch_3Q${ctx.rng.alnum(22)}`;
  return [
    'StripeCardError: Your card was declined.',
    `    at StripeError.generate (${W}/stripe/cjs/Error.js:10:20)`,
    `    at res.toJSON.then.Error_js_1.StripeAPIError.message (${W}/stripe/cjs/RequestSender.js:105:54)`,
    '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    '    at async chargeOrder (/workspace/lib/routes/orders.js:58:20) {',
    "  type: 'StripeCardError',",
    '  raw: {',
    `    charge: '${charge}',`,
    "    code: 'card_declined',",
    `    decline_code: '${ctx.rng.pick(['generic_decline', 'insufficient_funds', 'do_not_honor'])}',`,
    "    doc_url: 'https://stripe.com/docs/error-codes/card-declined',",
    "    message: 'Your card was declined.',",
    `    request_log_url: 'https://dashboard.stripe.com/logs/req_${ctx.rng.alnum(14)}?t=${Math.floor(ctx.t / 1e6)}',`,
    "    type: 'card_error',",
    '    headers: { server: \'nginx\', \'content-type\': \'application/json\' },',
    '    statusCode: 402,',
    `    requestId: 'req_${ctx.rng.alnum(14)}'`,
    '  },',
    "  rawType: 'card_error',",
    "  code: 'card_declined',",
    "  doc_url: 'https://stripe.com/docs/error-codes/card-declined',",
    '  statusCode: 402,',
    '}',
  ].join('\n');
}

const cardDeclined: Family = {
  name: `${FB}:charge-order-card-declined`, level: 'ERROR', perDay: [20, 60],
  emit: (ctx) => [ctx.rev === 0
    ? { stream: 'stderr', text: declined(ctx) }
    : { stream: 'stdout', json: { orderId: ctx.rng.alnum(20), severity: 'ERROR', message: `charge failed ${declined(ctx)}` } }],
};

const redeemTypeError: Family = {
  name: `${FB}:redeem-coupon-typeerror`, level: 'ERROR', perDay: [10, 35],
  emit: () => [{
    stream: 'stderr',
    text: [
      "TypeError: Cannot read properties of undefined (reading 'uid')",
      '    at redeemCoupon (/workspace/lib/routes/coupons.js:18:41)',
      `    at Layer.handle [as handle_request] (${W}/express/lib/router/layer.js:95:5)`,
      `    at next (${W}/express/lib/router/route.js:149:13)`,
      `    at Route.dispatch (${W}/express/lib/router/route.js:119:3)`,
      `    at Layer.handle [as handle_request] (${W}/express/lib/router/layer.js:95:5)`,
      `    at ${W}/express/lib/router/index.js:284:15`,
      `    at Function.process_params (${W}/express/lib/router/index.js:346:12)`,
      `    at next (${W}/express/lib/router/index.js:280:10)`,
      `    at jsonParser (${W}/body-parser/lib/types/json.js:113:7)`,
    ].join('\n'),
  }],
};

const fcmWarn: Family = {
  name: `${FB}:fcm-tokens-not-registered`, level: 'WARNING', perDay: [120, 260],
  emit: (ctx) => {
    const n = ctx.rng.int(1, 9);
    return [{ stream: 'stdout', json: { failureCount: n, code: 'messaging/registration-token-not-registered', severity: 'WARNING', message: `FCM send failed for ${n} tokens` } }];
  },
};

const fbChatter: Family = {
  name: `noise:${FB}:digest-sent`, level: 'INFO', perDay: [220, 400],
  emit: (ctx) => [ctx.rng.chance(0.5)
    ? { stream: 'stdout', json: { users: ctx.rng.int(10, 4000), errors: 0, severity: 'INFO', message: 'digest batch sent' } }
    : { stream: 'stdout', text: `order ${ctx.rng.alnum(20)} charged ${ctx.rng.int(5, 300)}.${ctx.rng.int(10, 99)} EUR` }],
};

export const apiFirebase: ServiceDef = {
  name: FB, stack: 'Node 22, Cloud Functions for Firebase 2nd gen (firebase-functions 6, firebase-admin 13), Express 4, Stripe', splitRate: 0.75,
  families: [digestIndex, cardDeclined, redeemTypeError, fcmWarn, fbChatter],
};

// ---------------------------------------------------------------------------------------------------

const TS = 'media-tslog';
const A = '/app/node_modules';
const LEVEL_COLOUR: Record<string, string> = { INFO: '1;34', WARN: '1;33', ERROR: '1;31', FATAL: '1;91' };
const LEVEL_ID: Record<string, number> = { INFO: 3, WARN: 4, ERROR: 5, FATAL: 6 };

interface Frame { file: string; path: string; line: number; col: number; method: string }

/** tslog's `_meta.path` / stack entry for one frame. */
const frameJson = (f: Frame): Record<string, string> => ({
  fullFilePath: `${f.path}:${f.line}:${f.col}`, fileName: f.file, fileNameWithLine: `${f.file}:${f.line}`, fileColumn: String(f.col),
  fileLine: String(f.line), filePath: f.path, filePathWithLine: `${f.path}:${f.line}`, method: f.method,
});

/** One tslog record: the pretty line (and error block) on the morning revision, the JSON object after. */
function tslog(ctx: Ctx, level: string, at: Frame, msg: string, err?: { name: string; message: string; stack: Frame[] }): Write {
  if (ctx.rev === 0) {
    let text = `${tslogTime(ctx.t)}\t${ansi(LEVEL_COLOUR[level] ?? '1', level)}\t${at.path}:${at.line}\t${msg}`;
    if (err) {
      text += ` \n${ansi('1;101;97', err.name)} ${err.message}\nerror stack:\n`
        + err.stack.map((f) => `  • ${ansi('33', f.file)}\t${f.method}\n\t${f.path}:${f.line}`).join('\n');
    }
    return { stream: 'stdout', text };
  }
  const json: Record<string, unknown> = { 0: msg };
  if (err) json[1] = { nativeError: {}, name: err.name, message: err.message, stack: err.stack.map(frameJson) };
  json._meta = { runtime: 'Nodejs', runtimeVersion: 'v20.18.0', hostname: 'localhost', date: isoMillis(ctx.t), logLevelId: LEVEL_ID[level], logLevelName: level, path: frameJson(at) };
  return { stream: 'stdout', json };
}

const UPLOAD: Frame = { file: 'upload.js', path: '/dist/routes/upload.js', line: 42, col: 13, method: 'uploadHandler' };
const THUMB: Frame = { file: 'thumbnails.js', path: '/dist/jobs/thumbnails.js', line: 67, col: 11, method: 'renderThumbnail' };
const META: Frame = { file: 'metadata.js', path: '/dist/routes/metadata.js', line: 29, col: 9, method: 'saveMetadata' };

const mongoTimeout: Family = {
  name: `${TS}:upload-mongo-server-selection-timeout`, level: 'ERROR', perDay: [15, 45], burst: 0.4,
  emit: (ctx) => [tslog(ctx, 'ERROR', UPLOAD, `Upload ${ctx.rng.hex(24)} failed`, {
    name: 'MongoServerSelectionError', message: 'Server selection timed out after 30000 ms',
    stack: [
      { file: 'topology.js', path: `${A}/mongodb/lib/sdam/topology.js`, line: 303, col: 30, method: 'Timeout.<anonymous>' },
      { file: 'timers', path: 'node:internal/timers', line: 581, col: 17, method: 'listOnTimeout' },
      { file: 'timers', path: 'node:internal/timers', line: 519, col: 7, method: 'process.processTimers' },
    ],
  })],
};

const sharpUnsupported: Family = {
  name: `${TS}:thumbnail-unsupported-image-format`, level: 'ERROR', perDay: [25, 70],
  emit: (ctx) => [tslog(ctx, 'ERROR', THUMB, `Thumbnail for ${ctx.rng.hex(24)} failed`, {
    name: 'Error', message: 'Input buffer contains unsupported image format',
    stack: [
      { file: 'output.js', path: `${A}/sharp/lib/output.js`, line: 1630, col: 16, method: 'Sharp._pipeline' },
      { file: 'output.js', path: `${A}/sharp/lib/output.js`, line: 163, col: 17, method: 'Sharp.toBuffer' },
      { file: 'thumbnails.js', path: '/dist/jobs/thumbnails.js', line: 61, col: 8, method: 'renderThumbnail' },
    ],
  })],
};

const mongooseValidation: Family = {
  name: `${TS}:metadata-checksum-required`, level: 'ERROR', perDay: [10, 30],
  emit: (ctx) => [tslog(ctx, 'ERROR', META, 'Saving metadata failed', {
    name: 'ValidationError', message: 'Media validation failed: checksum: Path `checksum` is required.',
    stack: [
      { file: 'document.js', path: `${A}/mongoose/lib/document.js`, line: 3141, col: 7, method: 'model.Document.invalidate' },
      { file: 'document.js', path: `${A}/mongoose/lib/document.js`, line: 2996, col: 32, method: 'model.$__validate' },
      { file: 'metadata.js', path: '/dist/routes/metadata.js', line: 27, col: 5, method: 'saveMetadata' },
    ],
  })],
};

const abortedWarn: Family = {
  name: `${TS}:client-aborted-upload`, level: 'WARNING', perDay: [150, 300],
  emit: (ctx) => [tslog(ctx, 'WARN', UPLOAD, `Client aborted upload after ${ctx.rng.int(1, 900)} KiB`)],
};

/** V8 gives up on the heap; Node aborts, and Cloud Run reports the signal. */
const heapOom: Family = {
  name: `${TS}:javascript-heap-out-of-memory`, level: 'CRITICAL', perDay: [2, 6],
  emit: (ctx) => {
    const addr = `0x${ctx.rng.hex(7)}`;
    const ms = ctx.rng.int(100000, 9000000);
    return [
      {
        stream: 'stderr',
        text: [
          '',
          '<--- Last few GCs --->',
          '',
          `[1:${addr}] ${ms} ms: Mark-Compact 2035.1 (2083.4) -> 2034.2 (2084.4) MB, ${ctx.rng.fixed(900, 2000, 2)} / 0.00 ms  (average mu = 0.101, current mu = 0.010) allocation failure; scavenge might not succeed`,
          `[1:${addr}] ${ms + 1900} ms: Mark-Compact 2036.0 (2084.4) -> 2035.4 (2085.4) MB, ${ctx.rng.fixed(900, 2000, 2)} / 0.00 ms  (average mu = 0.060, current mu = 0.012) allocation failure; scavenge might not succeed`,
          '',
          '',
          '<--- JS stacktrace --->',
          '',
          'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
          '----- Native stack trace -----',
          '',
          ' 1: 0xb8ced1 node::OOMErrorHandler(char const*, v8::OOMDetails const&) [node]',
          ' 2: 0xf06460 v8::Utils::ReportOOMFailure(v8::internal::Isolate*, char const*, v8::OOMDetails const&) [node]',
          ' 3: 0xf06747 v8::internal::V8::FatalProcessOutOfMemory(v8::internal::Isolate*, char const*, v8::OOMDetails const&) [node]',
          ' 4: 0x1118105  [node]',
          ' 5: 0x112ff88 v8::internal::Heap::CollectGarbage(v8::internal::AllocationSpace, v8::internal::GarbageCollectionReason, v8::GCCallbackFlags) [node]',
          ' 6: 0x1106241 v8::internal::HeapAllocator::AllocateRawWithLightRetrySlowPath(int, v8::internal::AllocationType, v8::internal::AllocationOrigin, v8::internal::AllocationAlignment) [node]',
          ' 7: 0x10e35b6 v8::internal::Factory::NewFillerObject(int, v8::internal::AllocationAlignment, v8::internal::AllocationType, v8::internal::AllocationOrigin) [node]',
          ' 8: 0x153e1d6 v8::internal::Runtime_AllocateInYoungGeneration(int, unsigned long*, v8::internal::Isolate*) [node]',
          ' 9: 0x1977ef6  [node]',
        ].join('\n'),
      },
      { stream: 'varlog/system', severity: 'WARNING', text: 'Container terminated on signal 6.', as: { family: `${TS}:container-terminated-signal-6`, level: 'WARNING' } },
    ];
  },
};

const tsChatter: Family = {
  name: `noise:${TS}:stored`, level: 'INFO', perDay: [250, 450],
  emit: (ctx) => [tslog(ctx, 'INFO', UPLOAD, `Stored ${ctx.rng.hex(24)} (${ctx.rng.int(20, 9000)} KiB, ${ctx.rng.int(1, 4)} renditions, 0 errors)`)],
};

export const mediaTslog: ServiceDef = {
  name: TS, stack: 'Node 20, Express 4, tslog 4, Mongoose 8 (MongoDB Atlas), sharp 0.33', splitRate: 0.8,
  families: [mongoTimeout, sharpUnsupported, mongooseValidation, abortedWarn, heapOom, tsChatter],
};
