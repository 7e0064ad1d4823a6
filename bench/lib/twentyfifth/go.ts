// The day's Go services: a gRPC inventory API behind Cloud Run (HTTP/2 end to end) logged by
// go-grpc-middleware, and a Cloud Run function on the Go Functions Framework resizing uploads.
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { goLogTime, isoNanos, isoSeconds } from './clock.js';
import { digits, PROJECT, traceOf } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// inventory-grpc: Go 1.23, grpc-go 1.68, cloud.google.com/go/firestore 1.17, pubsub 1.45. Morning
// revision: go-grpc-middleware v1's grpc_logrus interceptor with logrus's JSONFormatter (keys sorted,
// `level`, `msg`, `time`; the level from the status code: Aborted, DeadlineExceeded, PermissionDenied,
// Unavailable warn, Internal and Unknown error, NotFound and OK info) and grpc_recovery. From the
// rollout go-grpc-middleware v2's logging interceptor through slog's JSONHandler with a ReplaceAttr that
// writes `severity` (WARNING for slog's WARN) and `message`, logging FinishCall only. grpc-go's own
// logger at GRPC_GO_LOG_SEVERITY_LEVEL=warning on stderr.
const IG = 'inventory-grpc';
const SVC = 'inventory.v1.InventoryService';

interface Call { method: string; code: string; level: 'info' | 'warning' | 'error'; err?: string }
const SLOG: Record<Call['level'], string> = { info: 'INFO', warning: 'WARNING', error: 'ERROR' };

function finished(rng: Prng, t: number, rev: 0 | 1, c: Call): Write {
  const peer = `169.254.${rng.int(1, 8)}.${rng.int(1, 254)}:${rng.int(30000, 60000)}`;
  const ms = rng.next() * (c.code === 'DeadlineExceeded' ? 5000 : 400) + 0.2;
  if (rev === 0) {
    const json: Record<string, unknown> = {};
    if (c.err) json.error = c.err;
    Object.assign(json, {
      'grpc.code': c.code, 'grpc.method': c.method, 'grpc.service': SVC, 'grpc.start_time': isoSeconds(t), 'grpc.time_ms': Math.round(ms * 1000) / 1000,
      level: c.level, msg: `finished unary call with code ${c.code}`, 'peer.address': peer, 'span.kind': 'server', system: 'grpc', time: isoSeconds(t),
    });
    return { stream: 'stderr', json };
  }
  const json: Record<string, unknown> = {
    time: isoNanos(t), severity: SLOG[c.level], message: 'finished call', protocol: 'grpc', 'grpc.component': 'server', 'grpc.service': SVC,
    'grpc.method': c.method, 'grpc.method_type': 'unary', 'peer.address': peer, 'grpc.start_time': isoSeconds(t), 'grpc.code': c.code,
  };
  if (c.err) json['grpc.error'] = c.err;
  json['grpc.time_ms'] = ms.toFixed(3);
  return { stream: 'stdout', json };
}

const sku = (rng: Prng): string => `SKU-${digits(rng, 5)}`;

const igContention: Family = {
  name: `${IG}:reserve-contention`, level: 'WARNING', perDay: [90, 200],
  emit: ({ rng, t, rev }) => [finished(rng, t, rev, { method: 'Reserve', code: 'Aborted', level: 'warning', err: `rpc error: code = Aborted desc = reserve ${sku(rng)}: rpc error: code = Aborted desc = Too much contention on these documents. Please try again.` })],
};

const igPublish: Family = {
  name: `${IG}:adjust-publish-denied`, level: 'ERROR', perDay: [30, 70],
  emit: ({ rng, t, rev }) => [finished(rng, t, rev, { method: 'AdjustStock', code: 'Internal', level: 'error', err: `rpc error: code = Internal desc = publish stock event for ${sku(rng)}: rpc error: code = PermissionDenied desc = User not authorized to perform this action.` })],
};

const igDeadline: Family = {
  name: `${IG}:restock-deadline`, level: 'WARNING', perDay: [25, 60], burst: 0.3,
  emit: ({ rng, t, rev }) => [finished(rng, t, rev, { method: 'Restock', code: 'DeadlineExceeded', level: 'warning', err: 'rpc error: code = DeadlineExceeded desc = context deadline exceeded' })],
};

const PANIC = 'runtime error: index out of range [3] with length 3';
const panicStack = (rng: Prng, rev: 0 | 1): string => `goroutine ${rng.int(40, 900)} [running]:\nruntime/debug.Stack()\n\t/usr/local/go/src/runtime/debug/stack.go:26 +0x5e\nmain.recoverPanic({0xb2c1a0, 0xc0003a2f48})\n\t/src/cmd/server/main.go:61 +0x45\n${rev === 0 ? 'github.com/grpc-ecosystem/go-grpc-middleware/recovery.recoverFrom(...)\n\t/go/pkg/mod/github.com/grpc-ecosystem/go-grpc-middleware@v1.4.0/recovery/interceptors.go:61' : 'github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/recovery.recoverFrom({0xd41e28?, 0xc0004b6f00?}, {0xb2c1a0, 0xc0003a2f48}, 0xc0001f2e40?)\n\t/go/pkg/mod/github.com/grpc-ecosystem/go-grpc-middleware/v2@v2.1.0/interceptors/recovery/interceptors.go:57 +0x46'}\npanic({0xb2c1a0?, 0xc0003a2f48?})\n\t/usr/local/go/src/runtime/panic.go:785 +0x132\ngithub.com/harbor/inventory/internal/server.(*Server).ListWarehouses(0xc0001d4000, {0xd41e28, 0xc0004b6f00}, 0xc0003a2e80)\n\t/src/internal/server/warehouses.go:47 +0x3c5\ngithub.com/harbor/inventory/gen/inventory/v1._InventoryService_ListWarehouses_Handler.func1({0xd41e28?, 0xc0004b6f00?}, {0xbd3e40?, 0xc0003a2e80?})\n\t/src/gen/inventory/v1/inventory_grpc.pb.go:301 +0xcb`;
const igPanic: Family = {
  name: `${IG}:list-warehouses-panic`, level: 'ERROR', perDay: [15, 40],
  emit: ({ rng, t, rev }) => [
    rev === 0
      ? { stream: 'stderr', json: { level: 'error', msg: `recovered from panic\n${panicStack(rng, 0)}`, panic: PANIC, time: isoSeconds(t) } }
      : { stream: 'stdout', json: { time: isoNanos(t), severity: 'ERROR', message: 'recovered from panic', panic: PANIC, stack: panicStack(rng, 1) } },
    finished(rng, t, rev, { method: 'ListWarehouses', code: 'Internal', level: 'error', err: `rpc error: code = Internal desc = ${PANIC}` }),
  ],
};

// Scale-in closes HTTP/2 connections while a status is still being written.
const igTransport: Family = {
  name: `${IG}:transport-closing`, level: 'WARNING', perDay: [60, 140],
  emit: ({ t }) => [{ stream: 'stderr', text: `${goLogTime(t)} WARNING: [core] [Server #1] grpc: Server.processUnaryRPC failed to write status: connection error: desc = "transport is closing"` }],
};

const igNotFound: Family = {
  name: `noise:${IG}:not-found-calls`, level: 'INFO', perDay: [100, 200],
  emit: ({ rng, t, rev }) => { const s = sku(rng); return [finished(rng, t, rev, { method: 'GetStock', code: 'NotFound', level: 'info', err: `rpc error: code = NotFound desc = sku ${s} not found` })]; },
};

const igOk: Family = {
  name: `noise:${IG}:ok-calls`, level: 'INFO', perDay: [350, 500],
  emit: ({ rng, t, rev }) => [finished(rng, t, rev, { method: rng.pick(['GetStock', 'Reserve', 'ListWarehouses', 'AdjustStock']), code: 'OK', level: 'info' })],
};

const igStart: Family = {
  name: `noise:${IG}:start`, level: 'INFO', perDay: [6, 16],
  emit: ({ t, rev }) => [rev === 0
    ? { stream: 'stderr', json: { level: 'info', msg: 'serving gRPC on :8080 (reflection=false, errors=0)', time: isoSeconds(t) } }
    : { stream: 'stdout', json: { time: isoNanos(t), severity: 'INFO', message: 'serving gRPC', addr: ':8080' } }],
};

export const inventoryGrpc: ServiceDef = {
  name: IG, stack: 'Go 1.23, grpc-go 1.68, go-grpc-middleware v1 (logrus) then v2 (slog), Firestore, Pub/Sub', splitRate: 0.6,
  families: [igContention, igPublish, igDeadline, igPanic, igTransport, igNotFound, igOk, igStart],
};

// ---------------------------------------------------------------------------------------------------
// fn-resize: a Go 1.23 Cloud Run function (functions-framework-go 1.8) on an Eventarc trigger for
// Cloud Storage `object.v1.finalized`, disintegration/imaging, cloud.google.com/go/storage 1.47. The
// framework writes `Function error: <err>` on stderr when the CloudEvent function returns an error.
// Morning revision: the function logs with the log package (`2026/12/04 10:00:00 msg`); from the
// rollout a slog JSONHandler with a ReplaceAttr writing `severity` and `message` and the trace from the
// CloudEvent's traceparent, and the function logs its failure before returning it.
const FR = 'fn-resize';
const UPLOADS = 'harbor-uploads';

const objectName = (rng: Prng, ext: string): string => `uploads/u_${digits(rng, 5)}/${rng.pick(['IMG_', 'photo_', 'DSC'])}${digits(rng, 4)}.${ext}`;

function failure(rng: Prng, t: number, rev: 0 | 1, object: string, err: string): Write[] {
  const out: Write[] = [];
  if (rev === 1) out.push({ stream: 'stdout', json: { time: isoNanos(t), severity: 'ERROR', message: 'resize failed', bucket: UPLOADS, object, error: err, 'logging.googleapis.com/trace': traceOf(rng) } });
  out.push({ stream: 'stderr', text: `Function error: ${err}` });
  return out;
}

const frUnknown: Family = {
  name: `${FR}:heic-unknown-format`, level: 'ERROR', perDay: [40, 90],
  emit: ({ rng, t, rev }) => { const o = objectName(rng, 'HEIC'); return failure(rng, t, rev, o, `decode gs://${UPLOADS}/${o}: image: unknown format`); },
};

const frGone: Family = {
  name: `${FR}:object-gone`, level: 'ERROR', perDay: [15, 40],
  emit: ({ rng, t, rev }) => { const o = objectName(rng, 'jpg'); return failure(rng, t, rev, o, `read gs://${UPLOADS}/${o}: storage: object doesn't exist`); },
};

const frDenied: Family = {
  name: `${FR}:thumb-write-denied`, level: 'ERROR', perDay: [30, 70],
  emit: ({ rng, t, rev }) => {
    if (rev === 1) return [];
    const o = objectName(rng, 'jpg');
    return failure(rng, t, rev, o, `write gs://harbor-thumbs/${o.replace('uploads/', '').replace('.jpg', '_320.jpg')}: googleapi: Error 403: ${FR}@${PROJECT}.iam.gserviceaccount.com does not have storage.objects.create access to the Google Cloud Storage object. Permission 'storage.objects.create' denied on resource (or it may not exist)., forbidden`);
  },
};

const frHuge: Family = {
  name: `${FR}:huge-image`, level: 'WARNING', perDay: [100, 220],
  emit: ({ rng, t, rev }) => {
    const o = objectName(rng, 'jpg');
    const w = rng.int(8000, 12000);
    const h = rng.int(6000, 9000);
    return [rev === 0
      ? { stream: 'stderr', text: `${goLogTime(t)} warning: gs://${UPLOADS}/${o} is ${w}x${h} (${Math.round((w * h) / 1e6)} MP), resizing in two passes` }
      : { stream: 'stdout', json: { time: isoNanos(t), severity: 'WARNING', message: 'image over 40 MP, resizing in two passes', bucket: UPLOADS, object: o, width: w, height: h, 'logging.googleapis.com/trace': traceOf(rng) } }];
  },
};

const frDone: Family = {
  name: `noise:${FR}:resized`, level: 'INFO', perDay: [350, 500],
  emit: ({ rng, t, rev }) => {
    const o = objectName(rng, 'jpg');
    const ms = rng.int(90, 2400);
    return [rev === 0
      ? { stream: 'stderr', text: `${goLogTime(t)} resized gs://${UPLOADS}/${o} to 320/640/1280 in ${ms}ms` }
      : { stream: 'stdout', json: { time: isoNanos(t), severity: 'INFO', message: 'resized', bucket: UPLOADS, object: o, sizes: [320, 640, 1280], ms, 'logging.googleapis.com/trace': traceOf(rng) } }];
  },
};

export const fnResize: ServiceDef = {
  name: FR, stack: 'Go 1.23 Cloud Run function, functions-framework-go 1.8, Eventarc, Cloud Storage', splitRate: 0.6,
  families: [frUnknown, frGone, frDenied, frHuge, frDone],
};
