// A Temporal worker in Go: the SDK's default logger (Go's log with LstdFlags, the level padded to five,
// the message, then its keys and values separated by spaces) on the morning revision, the SDK's slog
// adapter with slog's JSONHandler after.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { goStd, isoNanos } from './clock.js';
import { containerExit } from './shared.js';

type Kv = Array<[string, string | number]>;
const NS = 'fulfil-prod.k3h2s';
const QUEUE = 'fulfilment';

function temporal(t: number, rev: 0 | 1, level: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR', msg: string, kv: Kv): Write {
  if (rev === 0) return { stream: 'stderr', text: `${goStd(t)} ${level.padEnd(5)} ${msg} ${kv.map(([k, v]) => `${k} ${v}`).join(' ')}` };
  const json: Record<string, unknown> = { time: isoNanos(t), level, msg };
  for (const [k, v] of kv) json[k] = v;
  return { stream: 'stderr', json };
}
const worker = (_rng: Prng): string => "1@localhost@";
const activityKv = (rng: Prng, type: string, attempt: number, err: string): Kv => [
  ['Namespace', NS], ['TaskQueue', QUEUE], ['WorkerID', worker(rng)], ['WorkflowID', `order-${rng.int(10000, 999999)}`], ['RunID', rng.uuid()],
  ['ActivityType', type], ['Attempt', attempt], ['Error', err],
];

export const workerTemporal: ServiceDef = {
  name: 'worker-temporal', stack: 'Go 1.23, Temporal Go SDK 1.31 worker on Temporal Cloud, Stripe, gRPC inventory service', splitRate: 0.7,
  families: [
    {
      name: 'worker-temporal:charge-card-timeout', level: 'ERROR', perDay: [33, 77],
      emit: ({ rng, t, rev }) => [temporal(t, rev, 'ERROR', 'Activity error.', activityKv(rng, 'ChargeCard', rng.int(1, 5), 'Post "https://api.stripe.com/v1/payment_intents": context deadline exceeded'))],
    },
    {
      name: 'worker-temporal:reserve-stock-unavailable', level: 'ERROR', perDay: [33, 77], burst: 0.3,
      emit: ({ rng, t, rev }) => [temporal(t, rev, 'ERROR', 'Activity error.', activityKv(rng, 'ReserveStock', rng.int(1, 5), `rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp 10.8.0.${rng.int(2, 40)}:50051: connect: connection refused"`))],
    },
    {
      name: 'worker-temporal:fulfil-workflow-panic', level: 'ERROR', perDay: [3, 8],
      emit: ({ rng, t, rev }) => {
        const stack = `coroutine root [panic]:\ngithub.com/marlpit/fulfil/workflows.FulfilOrder({0x1c4e2a0, 0xc000a1c2d0}, {0xc0004f8a80, 0x24})\n\t/src/workflows/fulfil.go:88 +0x1a5\nreflect.Value.call({0x18e9a40?, 0x1b0c5d8?, 0x7f3e5c2a1108?}, {0x1a39c6f, 0x4}, {0xc000a4e5a0, 0x2, 0x2?})\n\t/usr/local/go/src/reflect/value.go:581 +0xca6\ngo.temporal.io/sdk/internal.executeFunction({0x18e9a40, 0x1b0c5d8}, {0xc000a4e570, 0x2, 0x18e9a40?})\n\t/go/pkg/mod/go.temporal.io/sdk@v1.31.0/internal/internal_worker.go:1969 +0x2a6`;
        return [temporal(t, rev, 'ERROR', 'Workflow panic', [
          ['Namespace', NS], ['TaskQueue', QUEUE], ['WorkerID', worker(rng)], ['WorkflowType', 'FulfilOrder'], ['WorkflowID', `order-${rng.int(10000, 999999)}`], ['RunID', rng.uuid()],
          ['Attempt', 1], ['Error', 'runtime error: invalid memory address or nil pointer dereference'], ['StackTrace', stack],
        ])];
      },
    },
    {
      name: 'worker-temporal:client-tls-unknown-ca', level: 'ERROR', perDay: [1, 3],
      emit: ({ t }) => [
        { stream: 'stderr', text: `${goStd(t)} Unable to create client failed reaching server: last connection error: connection error: desc = "transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority"` },
        containerExit('worker-temporal', 1),
      ],
    },
    {
      name: 'worker-temporal:poll-failed', level: 'WARNING', perDay: [330, 660],
      emit: ({ rng, t, rev }) => [temporal(t, rev, 'WARN', 'Failed to poll for task.', [['Namespace', NS], ['TaskQueue', QUEUE], ['WorkerID', worker(rng)], ['WorkerType', rng.pick(['ActivityWorker', 'WorkflowWorker'])], ['Error', rng.pick(['context deadline exceeded', 'rpc error: code = Unavailable desc = error reading from server: EOF'])]])],
    },
    {
      name: 'noise:worker-temporal:lifecycle', level: 'INFO', perDay: [120, 216],
      emit: ({ rng, t, rev }) => [rng.weighted<Write>([
        [temporal(t, rev, 'INFO', 'Started Worker', [['Namespace', NS], ['TaskQueue', QUEUE], ['WorkerID', worker(rng)]]), 1],
        [temporal(t, rev, 'INFO', 'No logger configured for temporal client. Created default one.', []), 1],
        [temporal(t, rev, 'INFO', 'Task processing failed with client side error', [['Namespace', NS], ['TaskQueue', QUEUE], ['WorkerID', worker(rng)], ['WorkerType', 'ActivityWorker'], ['Error', 'context deadline exceeded']]), 2],
        [temporal(t, rev, 'DEBUG', 'ExecuteActivity', [['Namespace', NS], ['TaskQueue', QUEUE], ['WorkerID', worker(rng)], ['WorkflowType', 'FulfilOrder'], ['WorkflowID', `order-${rng.int(10000, 999999)}`], ['RunID', rng.uuid()], ['Attempt', 1], ['ActivityID', String(rng.int(5, 30))], ['ActivityType', rng.pick(['ChargeCard', 'ReserveStock', 'PrintLabel'])]]), 12],
      ])],
    },
  ],
};
