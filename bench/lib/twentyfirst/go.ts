// The Go service: an event processor on Watermill's router, subscribed to Pub/Sub through
// watermill-googlecloud, writing a ledger to Cloud SQL for PostgreSQL (pgx) and receipts via SendGrid.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { isoMillis, slashMicros } from './clock.js';
import { fam } from './shared.js';

// Morning: watermill.NewStdLogger, i.e. a log.Logger with the `[watermill] ` prefix and
// LstdFlags|Lmicroseconds|Lshortfile on stderr, each record `\tlevel=LEVEL msg="..." k=v ...` with the
// keys sorted and a value quoted only when it holds a space (so an error with newlines stays one write
// over several lines). After the rollout: watermill.NewSlogLogger over slog's JSONHandler on stdout
// (`time`, `level`, `msg`, the fields; no `severity`, so Cloud Run sets none).
const EV = 'events-watermill';
type Fields = Record<string, string | number>;
function wm(t: number, rev: 0 | 1, file: string, level: 'ERROR' | 'INFO ' | 'DEBUG', msg: string, fields: Fields): Write {
  if (rev === 0) {
    const kv = Object.keys(fields).sort().map((k) => {
      const v = String(fields[k]);
      return `${k}=${v.includes(' ') ? `"${v}"` : v}`;
    }).join(' ');
    return { stream: 'stderr', text: `[watermill] ${slashMicros(t)} ${file}: \tlevel=${level} msg="${msg}" ${kv} ` };
  }
  const { err, ...rest } = fields;
  const json: Record<string, unknown> = { time: isoMillis(t), level: level.trim(), msg, ...rest };
  if (err !== undefined) json.err = err;
  return { stream: 'stdout', json };
}
const handlerFields = (rng: Prng, handler: string, topic: string): Fields => ({
  handler_name: handler, message_uuid: rng.uuid(), subscriber_name: `projects/heron-quarry-4417/subscriptions/${topic}-${handler}`, topic,
});
const goroutinePanic = (rng: Prng): string => [
  `goroutine ${rng.int(40, 900)} [running]:`,
  'runtime/debug.Stack()',
  '\t/usr/local/go/src/runtime/debug/stack.go:26 +0x5e',
  'github.com/ThreeDotsLabs/watermill/message/router/middleware.Recoverer.func1.1()',
  '\t/go/pkg/mod/github.com/!three!dots!labs/watermill@v1.4.1/message/router/middleware/recoverer.go:29 +0x6a',
  'panic({0x8f3c20?, 0xc0004a2f90?})',
  '\t/usr/local/go/src/runtime/panic.go:785 +0x132',
  'github.com/heron/ledger/internal/fx.(*Table).Rate(0xc000182a80, {0xc0003b6e40, 0x3})',
  '\t/src/internal/fx/rates.go:58 +0x1c5',
  'github.com/heron/ledger/internal/projector.(*Invoices).Handle(0xc0001a8c00, 0xc0004d2a20)',
  '\t/src/internal/projector/invoices.go:91 +0x2b4',
  'github.com/ThreeDotsLabs/watermill/message.(*handler).handleMessage(0xc00019e2d0, 0xc0004d2a20, 0xc0001b2c60)',
  '\t/go/pkg/mod/github.com/!three!dots!labs/watermill@v1.4.1/message/router.go:896 +0x1a3',
].join('\n');
export const eventsWatermill: ServiceDef = {
  name: EV, stack: 'Go 1.23, Watermill 1.4 router, watermill-googlecloud 1.2 (Pub/Sub), pgx 5 on Cloud SQL for PostgreSQL, SendGrid v3 API', splitRate: 0.65,
  families: [
    // The Retry middleware logs each retry, then the router logs the handler's final error: one failure.
    fam(`${EV}:projector-duplicate-key`, 'ERROR', [20, 50], ({ rng, t, rev }) => {
      const f = handlerFields(rng, 'invoice_projector', 'invoices.created');
      const err = `insert ledger entry inv_${rng.alnum(12)}: ERROR: duplicate key value violates unique constraint "ledger_entries_pkey" (SQLSTATE 23505)`;
      return [
        wm(t, rev, 'retry.go:66', 'ERROR', 'Error occurred, retrying', { ...f, err, max_retries: 3, retry_no: 1, wait_time: '100ms', elapsed_time: '3.2ms' }),
        wm(t + 110_000, rev, 'router.go:904', 'ERROR', 'Handler returned error', { ...f, err }),
      ];
    }, 0.2),
    fam(`${EV}:receipt-sendgrid-429`, 'ERROR', [15, 40], ({ rng, t, rev }) => [
      wm(t, rev, 'router.go:904', 'ERROR', 'Handler returned error', {
        ...handlerFields(rng, 'receipt_mailer', 'invoices.paid'),
        err: `send receipt for inv_${rng.alnum(12)}: sendgrid: unexpected status 429 Too Many Requests: {"errors":[{"field":null,"message":"too many requests"}]}`,
      }),
    ]),
    // middleware.Recoverer turns the panic into an error whose text holds the goroutine's stack.
    fam(`${EV}:projector-panic-currency`, 'ERROR', [6, 18], ({ rng, t, rev }) => [
      wm(t, rev, 'router.go:904', 'ERROR', 'Handler returned error', {
        ...handlerFields(rng, 'invoice_projector', 'invoices.created'),
        err: `panic occurred: "fx: no rate for currency ${rng.pick(['XOF', 'BYN', 'VES', 'ZWL'])}", stacktrace: \n${goroutinePanic(rng)}`,
      }),
    ]),
    fam(`noise:${EV}:processed`, 'INFO', [450, 700], ({ rng, t, rev }) => [
      wm(t, rev, 'invoices.go:120', 'INFO ', 'Invoice projected', { ...handlerFields(rng, 'invoice_projector', 'invoices.created'), entries: rng.int(1, 6), errors: 0 }),
    ]),
    fam(`noise:${EV}:router`, 'INFO', [20, 50], ({ rng, t, rev }) => [
      wm(t, rev, 'router.go:458', 'INFO ', 'Starting handler', { subscriber_name: `projects/heron-quarry-4417/subscriptions/invoices.created-invoice_projector`, topic: 'invoices.created' }),
      wm(t + 2000, rev, 'subscriber.go:242', 'INFO ', 'Subscribing to Google Cloud PubSub topic', { provider: 'google_cloud_pubsub', subscription_name: `invoices.created-invoice_projector`, topic: 'invoices.created' }),
      ...(rng.chance(0.5) ? [wm(t + 4000, rev, 'router.go:302', 'INFO ', 'All handlers started', {})] : []),
    ]),
  ],
};
