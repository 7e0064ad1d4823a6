// The day's Go services: a Pub/Sub push handler on Fiber (the log package, then the Cloud Logging
// client's RedirectAsJSON), and a cart API on gin's release-mode logger with slog's default handler
// (then slog's JSONHandler).
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { clockOnly, ginTime, isoNanos, slashTime } from './clock.js';
import { containerExit, digits, fam, peer, PROJECT, traceOf } from './shared.js';

/** Go's `%v` of a time.Duration, as loggers print latency. */
const dur = (rng: Prng, slow: boolean): string => {
  if (slow) return `${(rng.next() * 9 + 1).toFixed(rng.int(6, 9)).replace(/0+$/, '')}s`;
  return rng.chance(0.2) ? `${rng.int(40, 999)}.${rng.int(1, 999)}µs` : `${rng.int(1, 300)}.${String(rng.int(1, 999999)).padStart(6, '0')}ms`;
};

// ---------------------------------------------------------------------------------------------------
// events-fiber: Go 1.23, Fiber v2.52 (`logger.New()` with its default format, `recover.New(recover.
// Config{EnableStackTrace: true})`), cloud.google.com/go/bigquery 1.64 streaming inserts, a Pub/Sub
// push subscription on `/pubsub/push`. Fiber's access line on stdout on both revisions (`time | status
// | latency | ip | method | path | error`, no colours off a terminal). The app: the log package with
// LstdFlags on stderr (morning); from the rollout cloud.google.com/go/logging 1.12's logger with
// `logging.RedirectAsJSON(os.Stdout)` (`message`, `severity`, `timestamp`, the push's trace). The
// recover middleware prints `panic: …` and debug.Stack() on stderr before the error goes to the logger.
const EF = 'events-fiber';

const fiberLine = (rng: Prng, t: number, status: number, path: string, err = '', slow = false): Write => ({
  stream: 'stdout', text: `${clockOnly(t)} | ${status} | ${dur(rng, slow).padStart(13)} | ${peer(rng).padStart(15)} | POST    | ${path.padEnd(15)}${err ? ` | ${err}` : ' '}`,
});

function appLog(rng: Prng, t: number, rev: 0 | 1, severity: string, msg: string): Write {
  if (rev === 0) return { stream: 'stderr', text: `${slashTime(t)} ${msg}` };
  return { stream: 'stdout', json: { message: msg, severity, timestamp: isoNanos(t), 'logging.googleapis.com/spanId': rng.hex(16), 'logging.googleapis.com/trace': traceOf(rng) } };
}

// Rows the table's schema refuses: one to six of them, each with its own location and message.
const efRows = fam(`${EF}:insert-rows-rejected`, 'ERROR', [40, 100], ({ rng, t, rev }) => {
  const n = rng.int(1, 6);
  const rows = Array.from({ length: n }, () => {
    const [loc, m] = rng.pick([
      ['amount', `Cannot convert value to integer (bad value): ${rng.int(1, 99)}.${rng.int(1, 99)}`],
      ['occurred_at', `Invalid timestamp: '${rng.int(1, 28)}/12/2026'`],
      ['country', 'Field value of country cannot be empty.'],
    ] as const);
    return `insertion of row [insertID: "ev_${rng.alnum(16)}"; insertIndex: ${rng.int(0, 499)}] failed with error: {Location: "${loc}"; Message: "${m}"; Reason: "invalid"}`;
  });
  const head = `insert events: ${n} row insertion${n === 1 ? '' : 's'} failed`;
  return [appLog(rng, t, rev, 'ERROR', `${head}: ${rows.join('; ')}`), fiberLine(rng, t + 1000, 500, '/pubsub/push', head)];
}, 0.2);

const efDeadline = fam(`${EF}:insert-all-deadline`, 'ERROR', [30, 70], ({ rng, t, rev }) => {
  const err = `insert events: Post "https://bigquery.googleapis.com/bigquery/v2/projects/${PROJECT}/datasets/analytics/tables/events/insertAll?alt=json&prettyPrint=false": context deadline exceeded`;
  return [appLog(rng, t, rev, 'ERROR', err), fiberLine(rng, t + 1000, 500, '/pubsub/push', err, true)];
}, 0.4);

// A message without attributes: the handler indexes an empty slice.
const efPanic = fam(`${EF}:push-index-out-of-range`, 'ERROR', [12, 30], ({ rng, t }) => {
  const g = rng.int(30, 9000);
  const stack = `panic: runtime error: index out of range [0] with length 0\ngoroutine ${g} [running]:\nruntime/debug.Stack()\n\t/usr/local/go/src/runtime/debug/stack.go:26 +0x5e\ngithub.com/gofiber/fiber/v2/middleware/recover.defaultStackTraceHandler(0xc0002b4000?, {0x9e0f40, 0xc0003a2018})\n\t/go/pkg/mod/github.com/gofiber/fiber/v2@v2.52.5/middleware/recover/recover.go:12 +0x45\ngithub.com/gofiber/fiber/v2/middleware/recover.New.func1.1()\n\t/go/pkg/mod/github.com/gofiber/fiber/v2@v2.52.5/middleware/recover/recover.go:31 +0x7f\npanic({0x9e0f40?, 0xc0003a2018?})\n\t/usr/local/go/src/runtime/panic.go:785 +0x132\nmain.handlePush(0xc0002b4000)\n\t/src/push.go:47 +0x3c5\ngithub.com/gofiber/fiber/v2.(*App).next(0xc0001c6008, 0xc0002b4000)\n\t/go/pkg/mod/github.com/gofiber/fiber/v2@v2.52.5/router.go:145 +0x1b2`;
  return [{ stream: 'stderr', text: stack }, fiberLine(rng, t + 300, 500, '/pubsub/push', 'runtime error: index out of range [0] with length 0')];
});

// Messages whose payload does not match the event type are acked and dropped (frequent).
const efDecode = fam(`${EF}:push-decode-dropped`, 'WARNING', [100, 220], ({ rng, t, rev }) => {
  const field = rng.pick([['amount', 'string', 'int64'], ['quantity', 'number', 'int32'], ['items', 'object', '[]main.Item']] as const);
  return [appLog(rng, t, rev, 'WARNING', `dropping message ${digits(rng, 16)}: decode event: json: cannot unmarshal ${field[1]} into Go struct field Event.${field[0]} of type ${field[2]}`)];
});

const efChatter = fam(`noise:${EF}:chatter`, 'INFO', [220, 320], ({ rng, t, rev }) => {
  if (rng.chance(0.55)) return [fiberLine(rng, t, rng.pick([204, 204, 200]), '/pubsub/push')];
  return [appLog(rng, t, rev, 'INFO', rng.pick([`inserted ${rng.int(1, 500)} events (0 failed)`, 'listening on :8080', `batch flushed: ${rng.int(1, 500)} rows, errors=0`]))];
});

export const eventsFiber: ServiceDef = {
  name: EF, stack: 'Go 1.23, Fiber v2.52, cloud.google.com/go/bigquery 1.64, cloud.google.com/go/logging 1.12 from the rollout', splitRate: 0.6,
  families: [efRows, efDeadline, efPanic, efDecode, efChatter],
};

// ---------------------------------------------------------------------------------------------------
// api-gin: Go 1.23, gin 1.10 in release mode (`gin.Default()`: Logger and Recovery on stdout), pgx 5
// through cloud.google.com/go/cloudsqlconn 1.14 to Cloud SQL for PostgreSQL, go-redis 9 to Memorystore,
// Secret Manager 1.14 read at start. gin's access line, the handler's `c.Error(err)` as `Error #01:` on
// the line after; Recovery's `[Recovery] date panic recovered:` with gin's own stack format (headers
// only in debug mode). The app logs through slog's default handler (the log package's `date time LEVEL
// msg k=v`, stderr) on the morning revision, `slog.NewJSONHandler(os.Stdout, nil)` after (`time`,
// `level`, `msg`, attributes; no severity).
const AG = 'api-gin';

const ginLine = (rng: Prng, t: number, status: number, method: string, path: string, err?: string, slow = false): Write => ({
  stream: 'stdout', text: `[GIN] ${ginTime(t)} | ${status} | ${dur(rng, slow).padStart(13)} | ${peer(rng).padStart(15)} | ${method.padEnd(7)}  "${path}"${err ? `\nError #01: ${err}` : ''}`,
});

function slogRec(t: number, rev: 0 | 1, level: string, msg: string, attrs: Array<[string, string | number]>): Write {
  if (rev === 0) return { stream: 'stderr', text: `${slashTime(t)} ${level} ${msg}${attrs.map(([k, v]) => ` ${k}=${typeof v === 'string' && /[\s"=]/.test(v) ? JSON.stringify(v) : v}`).join('')}` };
  return { stream: 'stdout', json: { time: isoNanos(t), level, msg, ...Object.fromEntries(attrs) } };
}

// The cart cache's pool is exhausted under load: the handler logs and answers 503 with c.Error.
const agRedisPool = fam(`${AG}:cart-redis-pool-timeout`, 'ERROR', [40, 100], ({ rng, t, rev }) => {
  const cart = digits(rng, 7);
  return [slogRec(t, rev, 'ERROR', 'load cart', [['cart', cart], ['err', 'redis: connection pool timeout']]), ginLine(rng, t + 4000, 503, 'GET', `/v1/carts/${cart}`, `load cart ${cart}: redis: connection pool timeout`)];
}, 0.4);

const agDial = fam(`${AG}:checkout-cloudsql-dial-timeout`, 'ERROR', [30, 70], ({ rng, t, rev }) => {
  const err = `begin checkout tx: failed to connect to \`user=api-gin@${PROJECT}.iam database=shop\`: /tmp/.s.PGSQL.5432 (larkspur-run-prod:europe-west1:shop-pg): dial error: failed to dial (connection name = "larkspur-run-prod:europe-west1:shop-pg"): dial tcp 10.${rng.int(20, 40)}.0.${rng.int(2, 9)}:3307: i/o timeout`;
  return [slogRec(t, rev, 'ERROR', 'checkout failed', [['order', digits(rng, 7)], ['err', err]]), ginLine(rng, t + 9000, 500, 'POST', '/v1/checkout', err, true)];
}, 0.3);

// A coupon without an expiry date: gin's Recovery writes the panic and its stack, then the 500 line.
const agPanic = fam(`${AG}:coupon-nil-pointer`, 'ERROR', [15, 35], ({ rng, t, rev }) => {
  // Program counters are the binary's: the same frame has the same one within a revision.
  let frame = 0;
  const pc = (): string => { frame += 1; return `0x${(0x44b000 + frame * 0x7a3f1 + rev * 0x1c0).toString(16)}`; };
  const text = `[Recovery] ${ginTime(t)} panic recovered:\nruntime error: invalid memory address or nil pointer dereference\n/usr/local/go/src/runtime/panic.go:262 (${pc()})\n\tpanicmem: panic(memoryError)\n/usr/local/go/src/runtime/signal_unix.go:917 (${pc()})\n\tsigpanic: panicmem()\n/src/internal/cart/pricing.go:42 (${pc()})\n\tapplyCoupon: if c.Coupon.ExpiresAt.Before(now) {\n/src/internal/cart/handler.go:88 (${pc()})\n\t(*Handler).Quote: total := applyCoupon(cart, time.Now())\n/go/pkg/mod/github.com/gin-gonic/gin@v1.10.0/context.go:185 (${pc()})\n\t(*Context).Next: c.handlers[c.index](c)\n/go/pkg/mod/github.com/gin-gonic/gin@v1.10.0/recovery.go:102 (${pc()})\n\tCustomRecoveryWithWriter.func1: c.Next()\n/go/pkg/mod/github.com/gin-gonic/gin@v1.10.0/gin.go:633 (${pc()})\n\t(*Engine).handleHTTPRequest: c.Next()\n/usr/local/go/src/net/http/server.go:3210 (${pc()})\n\tserverHandler.ServeHTTP: handler.ServeHTTP(rw, req)\n/usr/local/go/src/runtime/asm_amd64.s:1700 (${pc()})\n\tgoexit: BYTE\t$0x90\t// NOP`;
  return [{ stream: 'stdout', text }, ginLine(rng, t + 50, 500, 'POST', `/v1/carts/${digits(rng, 7)}/quote`)];
});

// A key version disabled in Secret Manager: the process cannot start (exit 1, a problem of its own).
const agSecret = fam(`${AG}:startup-secret-denied`, 'ERROR', [8, 20], ({ t, rev }) => [
  slogRec(t, rev, 'ERROR', 'startup', [['err', `read secret stripe-key: rpc error: code = PermissionDenied desc = Permission 'secretmanager.versions.access' denied for resource 'projects/${PROJECT}/secrets/stripe-key/versions/latest' (or it may not exist).`]]),
  containerExit(AG, 1),
]);

const agCoupon = fam(`${AG}:coupon-rejected`, 'WARNING', [120, 240], ({ rng, t, rev }) => [
  slogRec(t, rev, 'WARN', 'coupon rejected', [['code', rng.upperAlnum(8)], ['reason', rng.pick(['expired', 'usage limit reached', 'minimum not met'])], ['cart', digits(rng, 7)]]),
]);

const agChatter = fam(`noise:${AG}:chatter`, 'INFO', [220, 320], ({ rng, t, rev }) => {
  if (rng.chance(0.6)) return [ginLine(rng, t, rng.pick([200, 200, 201, 304]), rng.pick(['GET', 'POST']), rng.pick([`/v1/carts/${digits(rng, 7)}`, '/v1/checkout', '/healthz', `/v1/carts/${digits(rng, 7)}/quote`]))];
  return [slogRec(t, rev, 'INFO', rng.pick(['order placed', 'cart saved', 'listening']), [['id', digits(rng, 7)], ['items', rng.int(1, 12)], ['errors', 0]])];
});

export const apiGin: ServiceDef = {
  name: AG, stack: 'Go 1.23, gin 1.10 (release mode), pgx 5 + cloudsqlconn 1.14, go-redis 9, Secret Manager 1.14, log/slog', splitRate: 0.6,
  families: [agRedisPool, agDial, agPanic, agSecret, agCoupon, agChatter],
};
