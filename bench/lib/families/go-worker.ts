// A Go Pub/Sub worker: panics with goroutine traces (goroutine ids and pointer arguments vary, file:line
// frames stay), and slog/zap-style JSON with `message` or `msg` + `error`. Not in the demo.
import type { EmitContext, FamilySpec, ServiceShape } from '../family-spec.js';
import { platformFamilies } from './platform.js';

const ptr = (ctx: EmitContext): string => `0xc000${ctx.rng.hex(6)}`;

function nilMapPanic(ctx: EmitContext): string {
  const { rng } = ctx;
  return [
    'panic: assignment to entry in nil map',
    '',
    `goroutine ${rng.int(20, 4000)} [running]:`,
    `github.com/netra-systems/worker/internal/jobs.(*Aggregator).Add(${ptr(ctx)}, {${ptr(ctx)}, 0x${rng.hex(2)}})`,
    '\t/app/internal/jobs/aggregate.go:88 +0x1f4',
    `github.com/netra-systems/worker/internal/jobs.(*Runner).handle(${ptr(ctx)}, {0x1c2e4a0, ${ptr(ctx)}}, ${ptr(ctx)})`,
    '\t/app/internal/jobs/runner.go:142 +0x3c5',
    'created by github.com/netra-systems/worker/internal/jobs.(*Runner).Start in goroutine 1',
    '\t/app/internal/jobs/runner.go:61 +0x1a5',
  ].join('\n');
}

function indexPanic(ctx: EmitContext): string {
  const { rng } = ctx;
  const length = rng.int(0, 6);
  return [
    `panic: runtime error: index out of range [${length + rng.int(0, 4)}] with length ${length}`,
    '',
    `goroutine ${rng.int(20, 4000)} [running]:`,
    'github.com/netra-systems/worker/internal/billing.splitBatch(...)',
    '\t/app/internal/billing/batch.go:41',
    `github.com/netra-systems/worker/internal/billing.(*Exporter).Export(${ptr(ctx)}, {0x1c2e4a0, ${ptr(ctx)}}, ${ptr(ctx)})`,
    '\t/app/internal/billing/exporter.go:97 +0x2b1',
    `cloud.google.com/go/pubsub.(*Subscription).Receive.func2(${ptr(ctx)})`,
    '\t/go/pkg/mod/cloud.google.com/go/pubsub@v1.42.0/subscription.go:1105 +0x87',
    'created by cloud.google.com/go/pubsub.(*Subscription).Receive in goroutine 1',
    '\t/go/pkg/mod/cloud.google.com/go/pubsub@v1.42.0/subscription.go:1090 +0x4d2',
  ].join('\n');
}

const jobId = (ctx: EmitContext): string => String(ctx.rng.int(10 ** 15, 10 ** 16 - 1));

const problems: FamilySpec[] = [
  {
    name: 'go-panic-nil-map',
    per3k: 14,
    emit: (ctx) => ({ stream: 'stderr', severity: 'ERROR', traced: false, textPayload: nilMapPanic(ctx) }),
  },
  {
    name: 'go-panic-index-out-of-range',
    per3k: 9,
    emit: (ctx) => ({ stream: 'stderr', severity: 'ERROR', traced: false, textPayload: indexPanic(ctx) }),
  },
  {
    name: 'go-job-deadline-exceeded',
    per3k: 40,
    emit: (ctx) => ({
      stream: 'stdout', severity: 'ERROR', traced: false,
      jsonPayload: {
        message: `job ${jobId(ctx)} failed after ${ctx.rng.fixed(10, 60, 3)}s: rpc error: code = DeadlineExceeded desc = context deadline exceeded`,
        attempt: ctx.rng.int(1, 5),
        subscription: 'projects/netra-staging/subscriptions/worker-jobs',
      },
    }),
  },
  {
    name: 'go-db-password-auth-failed',
    per3k: 8,
    emit: (ctx) => {
      const host = ctx.rng.privateIpv4();
      return {
        stream: 'stdout', severity: 'ERROR', traced: false,
        jsonPayload: {
          msg: 'cannot open database',
          error: `failed to connect to \`host=${host} user=worker database=jobs\`: failed SASL auth (FATAL: password `
            + 'authentication failed for user "worker" (SQLSTATE 28P01))',
          dsn: `postgres://worker:${ctx.rng.pick(ctx.secrets.dbPasswords)}@${host}:5432/jobs?sslmode=disable`,
        },
      };
    },
  },
  {
    name: 'go-pubsub-ack-deadline',
    per3k: 22,
    emit: (ctx) => ({
      stream: 'stdout', severity: 'WARNING', traced: false,
      jsonPayload: { message: `ack deadline exceeded for message ${jobId(ctx)} (age=${ctx.rng.fixed(60, 600, 1)}s)` },
    }),
  },
];

const noise: FamilySpec[] = [
  {
    name: 'info-worker-job-done', per3k: 0, noiseWeight: 25,
    emit: (ctx) => ({ stream: 'stdout', severity: 'INFO', traced: false,
      jsonPayload: { message: `job ${jobId(ctx)} done in ${ctx.rng.int(3, 9000)}ms` } }),
  },
  {
    name: 'debug-worker-pulled', per3k: 0, noiseWeight: 10,
    emit: (ctx) => ({ stream: 'stdout', severity: 'DEBUG', traced: false,
      jsonPayload: { message: `pulled ${ctx.rng.int(1, 100)} messages` } }),
  },
];

export const goWorkerShape: ServiceShape = {
  name: 'go-worker',
  families: [
    ...problems,
    ...noise,
    ...platformFamilies({ memoryMiB: 1024, requestPath: () => ({ method: 'POST', path: '/pubsub/push' }) }),
  ],
};
