// The Go services of the day: a Cloud Tasks target on Cloud Spanner logging through zerolog (JSON with
// `level`, then `severity` and pkg/errors stacks through pkgerrors.MarshalStack), and a Cloud Run job
// in the shape of Google's Go jobs sample (the log package, then log/slog through the team's handler).
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { isoMillis, isoSeconds, slashTime } from './clock.js';
import { exitLine, fam } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// seats-spanner

const S = 'seats-spanner';
const s = (name: string): string => `${S}:${name}`;

type Frame = { func: string; line: string; source: string };
const zerolog = (t: number, rev: 0 | 1, level: 'error' | 'warn' | 'info', fields: Record<string, unknown>, message: string, stack?: Frame[]): Write => {
  const json: Record<string, unknown> = rev === 0 ? { level } : { severity: level === 'warn' ? 'WARNING' : level.toUpperCase() };
  if (rev === 1 && stack) json.stack = stack;
  Object.assign(json, fields, { time: isoSeconds(t), message });
  return { stream: 'stderr', json };
};

const taskName = (rng: Prng, queue: string): string => `projects/wren-ledger-2291/locations/europe-west1/queues/${queue}/tasks/${rng.int(10_000_000, 99_999_999)}${rng.int(10_000_000, 99_999_999)}`;

const holdStack: Frame[] = [
  { func: '(*Store).Hold', line: '88', source: 'store.go' },
  { func: '(*api).hold', line: '61', source: 'handlers.go' },
  { func: 'HandlerFunc.ServeHTTP', line: '2220', source: 'server.go' },
  { func: '(*ServeMux).ServeHTTP', line: '2747', source: 'server.go' },
  { func: 'serverHandler.ServeHTTP', line: '3210', source: 'server.go' },
  { func: '(*conn).serve', line: '2092', source: 'server.go' },
  { func: 'goexit', line: '1700', source: 'asm_amd64.s' },
];
const releaseStack: Frame[] = [
  { func: '(*Store).ReleaseExpired', line: '131', source: 'store.go' },
  { func: '(*api).sweep', line: '97', source: 'handlers.go' },
  { func: 'HandlerFunc.ServeHTTP', line: '2220', source: 'server.go' },
  { func: '(*conn).serve', line: '2092', source: 'server.go' },
  { func: 'goexit', line: '1700', source: 'asm_amd64.s' },
];

export const seatsSpanner: ServiceDef = {
  name: S,
  stack: 'Go 1.23, net/http, cloud.google.com/go/spanner 1.73, Cloud Tasks HTTP targets (queue seat-holds, payments), zerolog 1.33 with pkg/errors from the rollout',
  splitRate: 0.75,
  families: [
    fam(s('hold-deadline-exceeded'), 'ERROR', [20, 50], ({ rng, t, rev }) => {
      const show = rng.int(4000, 4999);
      return [zerolog(t, rev, 'error', { error: `hold seats for show ${show}: spanner: code = "DeadlineExceeded", desc = "context deadline exceeded"`, show, task: taskName(rng, 'seat-holds'), retry: rng.int(0, 4) }, 'hold seats failed', holdStack)];
    }),
    fam(s('release-null-column'), 'ERROR', [10, 30], ({ rng, t, rev }) => {
      const show = rng.int(4000, 4999);
      const seat = `${rng.pick(['A', 'B', 'C', 'D'])}${rng.int(1, 30)}`;
      return [zerolog(t, rev, 'error', { error: `release expired holds: spanner: code = "FailedPrecondition", desc = "Cannot specify a null value for column: Seats.HeldUntil in table: Seats referenced by key: {Int64(${show}), String(\\"${seat}\\")}"`, show }, 'release expired holds failed', releaseStack)];
    }),
    // The payment task comes before the provider confirmed: answered 503 so Cloud Tasks retries.
    fam(s('payment-pending-retry'), 'WARNING', [120, 220], ({ rng, t, rev }) => [
      zerolog(t, rev, 'warn', { order: `ord_${rng.alnum(10)}`, retry: rng.int(0, 6), task: taskName(rng, 'payments') }, 'payment not confirmed yet, answering 503 for a retry'),
    ]),
    // net/http recovers a handler's panic and prints it through the log package, goroutine and all.
    fam(s('confirm-nil-pointer'), 'ERROR', [5, 15], ({ rng, t }) => [{
      stream: 'stderr',
      text: [
        `${slashTime(t)} http: panic serving 169.254.169.126:${rng.int(30000, 60000)}: runtime error: invalid memory address or nil pointer dereference`,
        `goroutine ${rng.int(1000, 90000)} [running]:`,
        'net/http.(*conn).serve.func1()',
        '\t/usr/local/go/src/net/http/server.go:1947 +0xbe',
        `panic({0x${rng.hex(6)}?, 0x${rng.hex(7)}?})`,
        '\t/usr/local/go/src/runtime/panic.go:785 +0x132',
        `main.(*api).confirm(0xc0001${rng.hex(5)}, {0xb${rng.hex(5)}, 0xc000${rng.hex(6)}}, 0xc000${rng.hex(6)})`,
        '\t/src/handlers.go:142 +0x1c5',
        'net/http.HandlerFunc.ServeHTTP(0xc000012345?, {0xb1a2c8?, 0xc0002a61c0?}, 0xc0001f2360?)',
        '\t/usr/local/go/src/net/http/server.go:2220 +0x29',
        'net/http.(*ServeMux).ServeHTTP(0xc0000f4000?, {0xb1a2c8, 0xc0002a61c0}, 0xc0001f2360)',
        '\t/usr/local/go/src/net/http/server.go:2747 +0x1ca',
        'net/http.serverHandler.ServeHTTP({0xc0001a4000?}, {0xb1a2c8?, 0xc0002a61c0?}, 0x6?)',
        '\t/usr/local/go/src/net/http/server.go:3210 +0x8e',
        'net/http.(*conn).serve(0xc0001c2000, {0xb1b5d0, 0xc0001a2ff0})',
        '\t/usr/local/go/src/net/http/server.go:2092 +0x5d0',
        'created by net/http.(*Server).Serve in goroutine 1',
        '\t/usr/local/go/src/net/http/server.go:3360 +0x485',
      ].join('\n'),
    }]),
    fam(`noise:${S}:held`, 'INFO', [500, 700], ({ rng, t, rev }) => [
      zerolog(t, rev, 'info', { show: rng.int(4000, 4999), seats: rng.int(1, 8), errors: 0 }, rng.pick(['seats held', 'hold released', 'payment confirmed'])),
    ]),
    fam(`noise:${S}:start`, 'INFO', [3, 12], ({ t, rev }) => [zerolog(t, rev, 'info', { port: '8080' }, 'listening')]),
  ],
};

// ---------------------------------------------------------------------------------------------------
// jobs-gosync: Firestore bookings into BigQuery, a Cloud Run job

const G = 'jobs-gosync';
const g = (name: string): string => `${G}:${name}`;

/** The job's line: the log package's on the morning revision, slog's JSON through the team's handler after. */
const jobLine = (t: number, rev: 0 | 1, level: 'INFO' | 'WARN' | 'ERROR', message: string, attrs: Record<string, unknown>): Write => {
  if (rev === 0) {
    const tail = Object.entries(attrs).filter(([k]) => k !== 'task' && k !== 'attempt').map(([, v]) => String(v));
    return { stream: 'stderr', text: `${slashTime(t)} ${message}${tail.length ? `: ${tail.join(' ')}` : ''}` };
  }
  return { stream: 'stdout', json: { time: isoMillis(t), severity: level === 'WARN' ? 'WARNING' : level, message, ...attrs } };
};

const failed = (rng: Prng, t: number, rev: 0 | 1, err: string): Write[] => {
  const task = rng.int(0, 2);
  const attempt = rng.int(0, 2);
  return [jobLine(t, rev, 'ERROR', rev === 0 ? `Task #${task}, Attempt #${attempt} failed` : 'task failed', { task, attempt, error: err }), exitLine(G, 1)];
};

export const jobsGosync: ServiceDef = {
  name: G,
  stack: 'Go 1.23 Cloud Run job (three tasks every 30 minutes), cloud.google.com/go/firestore 1.17, bigquery 1.64, secretmanager 1.14',
  splitRate: 0.5,
  families: [
    fam(g('bq-schema-mismatch'), 'ERROR', [6, 14], ({ rng, t, rev }) => failed(rng, t, rev,
      'insert bookings: googleapi: Error 400: Provided Schema does not match Table wren-ledger-2291:analytics.bookings. Field venue_id has changed type from STRING to INTEGER, invalid')),
    fam(g('firestore-quota'), 'ERROR', [3, 8], ({ rng, t, rev }) => failed(rng, t, rev,
      `read bookings page ${rng.int(2, 40)}: rpc error: code = ResourceExhausted desc = Quota exceeded.`)),
    fam(g('secret-denied'), 'ERROR', [2, 5], ({ rng, t, rev }) => failed(rng, t, rev,
      "open partner token: rpc error: code = PermissionDenied desc = Permission 'secretmanager.versions.access' denied for resource 'projects/wren-ledger-2291/secrets/partner-token/versions/latest' (or it may not exist).")),
    fam(g('booking-missing-venue'), 'WARNING', [80, 160], ({ rng, t, rev }) => [
      jobLine(t, rev, 'WARN', 'skipping booking', { booking: `bk_${rng.alnum(12)}`, reason: 'missing venue_id' }),
    ]),
    fam(`noise:${G}:progress`, 'INFO', [250, 400], ({ rng, t, rev }) => {
      const task = rng.int(0, 2);
      return [rng.pick([
        jobLine(t, rev, 'INFO', rev === 0 ? `Starting Task #${task}, Attempt #0 ...` : 'starting task', { task, attempt: 0 }),
        jobLine(t, rev, 'INFO', rev === 0 ? `synced ${rng.int(10, 3000)} bookings (0 errors)` : 'synced bookings', rev === 0 ? {} : { task, count: rng.int(10, 3000), errors: 0 }),
        jobLine(t, rev, 'INFO', rev === 0 ? `Completed Task #${task}, Attempt #0` : 'completed task', { task, attempt: 0 }),
      ])];
    }),
  ],
};
