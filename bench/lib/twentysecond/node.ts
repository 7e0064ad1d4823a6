// The Node service of the day: Express 5 taking Eventarc's Cloud Storage events and Pub/Sub pushes,
// logging as Google's structured-logging sample does (`console.log(JSON.stringify({severity, message}))`)
// and, on the morning revision, `console.error(msg, err)` for failures (util.inspect's text, `[cause]`
// and AggregateError's `[errors]` blocks included).
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { cloudTrace, fam } from './shared.js';

const SVC = 'events-eventarc';
const f = (name: string): string => `${SVC}:${name}`;

const json = (severity: string, message: string, rng: Prng, extra: Record<string, unknown> = {}): Write => ({
  stream: 'stdout',
  json: { severity, message, component: 'eventarc-handler', ...extra, 'logging.googleapis.com/trace': cloudTrace(rng) },
});

const objectName = (rng: Prng): string => `uploads/${rng.int(2024, 2026)}/${rng.hex(8)}/${rng.pick(['IMG_', 'scan-', 'photo-'])}${rng.int(1000, 9999)}.${rng.pick(['heic', 'jpg', 'png', 'webp'])}`;

// sharp's error for an image it cannot decode, wrapped by the handler with `{ cause }`.
const thumbStack = (): string => [
  '    at renderThumbnail (file:///app/src/thumbnails.js:41:11)',
  '    at async handleFinalized (file:///app/src/handlers/storage.js:27:5)',
  '    at async file:///app/src/server.js:58:7',
].join('\n');
const sharpCause = (): string => [
  '  [cause]: Error: Input buffer contains unsupported image format',
  '      at Sharp.toBuffer (/app/node_modules/sharp/lib/output.js:163:17)',
  '      at renderThumbnail (file:///app/src/thumbnails.js:38:8)',
  '      at async handleFinalized (file:///app/src/handlers/storage.js:27:5)',
].join('\n');

// Node 20+'s happy-eyeballs connect: both loopback addresses refused while the Auth Proxy sidecar starts.
const aggregate = (): string => {
  const errno = '-111';
  const one = (addr: string, fam6: boolean): string => [
    `    Error: connect ECONNREFUSED ${fam6 ? `::1` : addr}:5432`,
    '        at createConnectionError (node:net:1652:14)',
    '        at afterConnectMultiple (node:net:1682:16) {',
    `      errno: ${errno},`,
    "      code: 'ECONNREFUSED',",
    "      syscall: 'connect',",
    `      address: '${fam6 ? '::1' : addr}',`,
    '      port: 5432',
    '    }',
  ].join('\n');
  return [
    'AggregateError [ECONNREFUSED]: ',
    '    at /app/node_modules/pg-pool/index.js:45:11',
    '    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)',
    '    at async upsertOrder (file:///app/src/db.js:22:18)',
    '    at async handlePush (file:///app/src/handlers/pubsub.js:34:5) {',
    "  code: 'ECONNREFUSED',",
    '  [errors]: [',
    `${one('::1', true)},`,
    one('127.0.0.1', false),
    '  ]',
    '}',
  ].join('\n');
};

const contention = (): string => [
  'Error: 10 ABORTED: Too much contention on these documents. Please try again.',
  '    at callErrorFromStatus (/app/node_modules/@grpc/grpc-js/build/src/call.js:32:19)',
  '    at Object.onReceiveStatus (/app/node_modules/@grpc/grpc-js/build/src/client.js:193:76)',
  '    at Object.onReceiveStatus (/app/node_modules/@grpc/grpc-js/build/src/client-interceptors.js:361:141)',
  '    at Object.onReceiveStatus (/app/node_modules/@grpc/grpc-js/build/src/client-interceptors.js:324:181)',
  '    at /app/node_modules/@grpc/grpc-js/build/src/resolving-call.js:135:78',
  '    at process.processTicksAndRejections (node:internal/process/task_queues:85:11)',
  'for call at',
  '    at ServiceClientImpl.makeUnaryRequest (/app/node_modules/@grpc/grpc-js/build/src/client.js:161:32)',
  '    at ServiceClientImpl.<anonymous> (/app/node_modules/@grpc/grpc-js/build/src/make-client.js:105:19)',
  '    at /app/node_modules/@google-cloud/firestore/build/src/v1/firestore_client.js:237:29',
].join('\n');
const contentionProps = (): string => [
  '  code: 10,',
  "  details: 'Too much contention on these documents. Please try again.',",
  "  metadata: Metadata { internalRepr: Map(0) {}, options: {} },",
  "  note: 'Exception occurred in retry method that was not classified as transient'",
].join('\n');

export const eventsEventarc: ServiceDef = {
  name: SVC,
  stack: 'Node 22, Express 5, Eventarc (Cloud Storage) and Pub/Sub push, sharp 0.33, pg 8, @google-cloud/firestore 7',
  splitRate: 0.7,
  families: [
    // An image sharp cannot read: the handler wraps sharp's error with `{ cause }`.
    fam(f('thumbnail-unsupported-format'), 'ERROR', [30, 70], ({ rng, rev }) => {
      const obj = `gs://wren-uploads/${objectName(rng)}`;
      if (rev === 0) {
        return [{ stream: 'stderr', text: `thumbnail failed for ${obj} Error: thumbnail render failed\n${thumbStack()} {\n${sharpCause()}\n}` }];
      }
      return [json('ERROR', `thumbnail failed for ${obj}: Error: thumbnail render failed\n${thumbStack()}`, rng, { cause: 'Error: Input buffer contains unsupported image format', eventType: 'google.cloud.storage.object.v1.finalized' })];
    }),
    // The pool cannot reach the Auth Proxy on localhost: AggregateError with its two refusals.
    fam(f('pg-connect-refused'), 'ERROR', [10, 30], ({ rng, rev }) => {
      const id = rng.int(10_000_000_000, 19_999_999_999);
      if (rev === 0) return [{ stream: 'stderr', text: `order upsert failed for message ${id} ${aggregate()}` }];
      // err.stack: the message is empty, so the head is the bare class name (util.inspect adds the code).
      const frames = aggregate().split('\n').slice(1, 5).join('\n').replace(/ \{$/, '');
      return [json('ERROR', `order upsert failed for message ${id}: AggregateError\n${frames}`, rng, { code: 'ECONNREFUSED', messageId: String(id) })];
    }, 0.3),
    // Firestore's counter document under contention.
    fam(f('firestore-contention'), 'ERROR', [20, 50], ({ rng, rev }) => {
      const doc = `counters/${rng.pick(['uploads', 'thumbnails', 'orders'])}-${rng.int(1, 16)}`;
      if (rev === 0) return [{ stream: 'stderr', text: `counter update failed for ${doc} ${contention()} {\n${contentionProps()}\n}` }];
      return [json('ERROR', `counter update failed for ${doc}: ${contention()}`, rng, { code: 10 })];
    }),
    // Express 5's final handler prints err.stack for an event without the field the handler reads.
    fam(f('storage-event-typeerror'), 'ERROR', [15, 35], () => [{
      stream: 'stderr',
      text: [
        "TypeError: Cannot read properties of undefined (reading 'bucket')",
        '    at parseStorageEvent (file:///app/src/handlers/storage.js:12:28)',
        '    at handleFinalized (file:///app/src/handlers/storage.js:21:17)',
        '    at Layer.handleRequest (/app/node_modules/router/lib/layer.js:152:17)',
        '    at next (/app/node_modules/router/lib/route.js:157:13)',
        '    at Route.dispatch (/app/node_modules/router/lib/route.js:117:3)',
        '    at handle (/app/node_modules/router/index.js:435:11)',
        '    at Layer.handleRequest (/app/node_modules/router/lib/layer.js:152:17)',
        '    at /app/node_modules/router/index.js:295:15',
        '    at processParams (/app/node_modules/router/index.js:582:12)',
        '    at next (/app/node_modules/router/index.js:291:5)',
      ].join('\n'),
    }]),
    // A push whose message lacks the attribute the handler routes on: acknowledged and skipped.
    fam(f('push-missing-attribute'), 'WARNING', [120, 240], ({ rng }) => [
      json('WARNING', `Ignoring Pub/Sub message ${rng.int(10_000_000_000, 19_999_999_999)}: missing attribute "orderId"`, rng, { subscription: `projects/wren-ledger-2291/subscriptions/orders-push` }),
    ]),
    fam(`noise:${SVC}:received`, 'INFO', [450, 650], ({ rng }) => [
      json('INFO', rng.chance(0.5)
        ? `Received event google.cloud.storage.object.v1.finalized id=${rng.int(10_000_000_000, 19_999_999_999)} object=${objectName(rng)}`
        : `Received Pub/Sub message ${rng.int(10_000_000_000, 19_999_999_999)} on orders-push`, rng),
    ]),
    fam(`noise:${SVC}:done`, 'INFO', [250, 400], ({ rng }) => [
      json('INFO', rng.chance(0.5)
        ? `thumbnail written gs://wren-thumbs/${rng.hex(8)}.webp (${rng.int(200, 640)}x${rng.int(200, 480)}, errors=0)`
        : `order ${rng.int(100000, 999999)} upserted, 0 errors, ${rng.int(1, 9)} lines`, rng),
    ]),
    fam(`noise:${SVC}:start`, 'INFO', [3, 12], () => [{ stream: 'stdout', text: 'events-eventarc listening on port 8080' }]),
  ],
};
