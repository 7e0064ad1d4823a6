// Go services: `ledger-go` logs with zap's production JSON encoder on the morning revision and with
// log/slog's JSONHandler after the rollout (neither writes `severity`, so Cloud Run leaves the entry at
// DEFAULT); net/http prints a recovered handler panic through the standard `log` package; an unrecovered
// panic kills the process with a goroutine dump. `routes-go` mixes slog's TextHandler, the standard `log`
// package with a hand-written level word, and grpc-go's own logger.
import type { Prng } from '../prng.js';
import type { Ctx, Family, ServiceDef, Write } from '../stranger/model.js';
import { epochSeconds, goLogTime, goOff, goPtr, isoMillis } from './text.js';

const GOROOT = '/usr/local/go/src';

/** One goroutine frame: function with its (varying) arguments, then the tab-indented file line. */
function frame(rng: Prng, fn: string, file: string, line: number, args = 2): string {
  const a = Array.from({ length: args }, () => (rng.chance(0.5) ? `${goPtr(rng)}?` : `{0x${rng.hex(6)}, ${goPtr(rng)}}`)).join(', ');
  return `${fn}(${a})\n\t${file}:${line} ${goOff(rng)}`;
}

// Source: the net/http recovered-panic form `http: panic serving IP:PORT: ...` followed by the goroutine
// dump, as pasted in gitpod-io/gitpod#3963 (Cloud Logging) and Go's net/http/server.go (conn.serve).
function httpPanic(ctx: Ctx, handlerFn: string, handlerFile: string, handlerLine: number, what: string): string {
  const { rng } = ctx;
  return [
    `${goLogTime(ctx.t)} http: panic serving 169.254.8.1:${rng.int(30000, 60999)}: ${what}`,
    `goroutine ${rng.int(40, 90000)} [running]:`,
    `net/http.(*conn).serve.func1()\n\t${GOROOT}/net/http/server.go:1947 +0xbe`,
    `panic({0x${rng.hex(6)}?, 0x${rng.hex(7)}?})\n\t${GOROOT}/runtime/panic.go:785 +0x132`,
    frame(rng, handlerFn, handlerFile, handlerLine, 3),
    frame(rng, 'net/http.HandlerFunc.ServeHTTP', `${GOROOT}/net/http/server.go`, 2220, 3),
    frame(rng, 'net/http.(*ServeMux).ServeHTTP', `${GOROOT}/net/http/server.go`, 2747, 3),
    frame(rng, 'net/http.serverHandler.ServeHTTP', `${GOROOT}/net/http/server.go`, 3210, 3),
    `net/http.(*conn).serve(${goPtr(rng)}, {0x${rng.hex(6)}, ${goPtr(rng)}})\n\t${GOROOT}/net/http/server.go:2092 +0x${rng.hex(3)}`,
    `created by net/http.(*Server).Serve in goroutine 1\n\t${GOROOT}/net/http/server.go:3360 +0x485`,
  ].join('\n');
}

// ---- ledger-go ---------------------------------------------------------------------------------

// Source: zap's NewProduction() encoder config (level, ts as epoch float, caller, msg, stacktrace at
// ERROR and above), https://pkg.go.dev/go.uber.org/zap#NewProductionEncoderConfig; slog's JSONHandler
// with AddSource (time, level, source{function,file,line}, msg), https://pkg.go.dev/log/slog#JSONHandler.
function goRecord(ctx: Ctx, level: 'info' | 'warn' | 'error', caller: [string, number, string], msg: string, fields: Record<string, unknown>, stack?: string): Write {
  if (ctx.rev === 0) {
    const json: Record<string, unknown> = { level, ts: epochSeconds(ctx.t), caller: `${caller[0].replace(/^\/app\/internal\//, '')}:${caller[1]}`, msg, ...fields };
    if (stack !== undefined) json.stacktrace = stack;
    return { stream: 'stdout', json };
  }
  const json: Record<string, unknown> = { time: isoMillis(ctx.t).replace('Z', '+00:00'), level: level === 'warn' ? 'WARN' : level.toUpperCase(), source: { function: caller[2], file: caller[0], line: caller[1] }, msg, ...fields };
  return { stream: 'stdout', json };
}

function zapStack(rng: Prng, fns: Array<[string, string, number]>): string {
  return fns.map(([fn, file, line]) => `${fn}\n\t${file}:${line}`).join('\n') + (rng.chance(0.5) ? '' : `\nruntime.goexit\n\t${GOROOT}/runtime/asm_amd64.s:1700`);
}

const chargeUnavailable: Family = {
  name: 'ledger-go:charge-psp-unavailable', level: 'ERROR', perDay: [25, 70], burst: 0.3,
  emit(ctx) {
    const { rng } = ctx;
    const ip = `10.8.${rng.int(0, 9)}.${rng.int(2, 250)}`;
    // grpc-go's Unavailable status text as users paste it (grpc/grpc-go#4838, googleapis/google-cloud-go#1462).
    const err = `rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp ${ip}:443: i/o timeout"`;
    return [goRecord(ctx, 'error', ['/app/internal/payments/charge.go', 88, 'github.com/acme/ledger/internal/payments.(*Service).Charge'], 'charge failed',
      { order_id: `ord_${rng.alnum(14)}`, amount_cents: rng.int(100, 90000), attempt: rng.int(1, 3), error: err },
      zapStack(rng, [['github.com/acme/ledger/internal/payments.(*Service).Charge', '/app/internal/payments/charge.go', 88], ['github.com/acme/ledger/internal/api.(*Handler).Checkout', '/app/internal/api/checkout.go', 41], ['net/http.HandlerFunc.ServeHTTP', `${GOROOT}/net/http/server.go`, 2220]]))];
  },
};

const ledgerSlowQuery: Family = {
  name: 'ledger-go:slow-query', level: 'WARNING', perDay: [60, 160],
  emit(ctx) {
    const { rng } = ctx;
    return [goRecord(ctx, 'warn', ['/app/internal/store/pg.go', 132, 'github.com/acme/ledger/internal/store.(*DB).exec'], 'slow query',
      { query: rng.pick(['UPDATE balances SET amount = amount + $1 WHERE account_id = $2', 'SELECT * FROM ledger_entries WHERE account_id = $1 ORDER BY created_at DESC LIMIT 50']), duration: `${rng.fixed(1.0, 9.9, 3)}s`, rows: rng.int(0, 50) })];
  },
};

const ledgerDuplicate: Family = {
  name: 'ledger-go:duplicate-idempotency-key', level: 'ERROR', perDay: [10, 35],
  emit(ctx) {
    const { rng } = ctx;
    const key = rng.uuid();
    // pgx's PgError text: `ERROR: duplicate key value violates unique constraint "x" (SQLSTATE 23505)`.
    return [goRecord(ctx, 'error', ['/app/internal/store/entries.go', 61, 'github.com/acme/ledger/internal/store.(*DB).InsertEntry'], 'insert ledger entry',
      { idempotency_key: key, error: 'ERROR: duplicate key value violates unique constraint "ledger_entries_idempotency_key_key" (SQLSTATE 23505)' },
      zapStack(rng, [['github.com/acme/ledger/internal/store.(*DB).InsertEntry', '/app/internal/store/entries.go', 61], ['github.com/acme/ledger/internal/api.(*Handler).Post', '/app/internal/api/entries.go', 77]]))];
  },
};

const refundPanic: Family = {
  name: 'ledger-go:refund-nil-pointer-panic', level: 'ERROR', perDay: [8, 30],
  emit(ctx) {
    return [{ stream: 'stderr', text: httpPanic(ctx, 'github.com/acme/ledger/internal/api.(*Handler).Refund', '/app/internal/api/refund.go', 58, 'runtime error: invalid memory address or nil pointer dereference') }];
  },
};

// Source: an unrecovered panic: `panic: assignment to entry in nil map` + goroutine dump, process exits
// with status 2 (bdd/runitor#41, projectdiscovery/cloudlist#680 for the layout); Cloud Run then writes
// `Container called exit(2).`.
const reconcileCrash: Family = {
  name: 'ledger-go:reconcile-nil-map-crash', level: 'CRITICAL', perDay: [2, 6],
  emit(ctx) {
    const { rng } = ctx;
    const text = [
      'panic: assignment to entry in nil map',
      '',
      `goroutine ${rng.int(20, 400)} [running]:`,
      frame(rng, 'github.com/acme/ledger/internal/reconcile.(*Batch).add', '/app/internal/reconcile/batch.go', 34, 2),
      frame(rng, 'github.com/acme/ledger/internal/reconcile.Run', '/app/internal/reconcile/run.go', 72, 3),
      `created by main.main in goroutine 1\n\t/app/cmd/ledger/main.go:58 +0x${rng.hex(3)}`,
    ].join('\n');
    return [
      { stream: 'stderr', text },
      { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(2).', as: { family: 'ledger-go:container-exit', level: 'WARNING' } },
    ];
  },
};

const ledgerInfo: Family = {
  name: 'noise:ledger-go:requests', level: 'INFO', perDay: [250, 400],
  emit(ctx) {
    const { rng } = ctx;
    return [rng.chance(0.7)
      ? goRecord(ctx, 'info', ['/app/internal/api/middleware.go', 29, 'github.com/acme/ledger/internal/api.logRequests.func1'], 'request handled', { method: rng.pick(['GET', 'POST']), path: rng.pick(['/v1/balances', '/v1/entries', '/healthz']), status: 200, duration_ms: rng.int(1, 300), error: null })
      : goRecord(ctx, 'info', ['/app/internal/reconcile/run.go', 90, 'github.com/acme/ledger/internal/reconcile.Run'], 'reconcile pass done', { accounts: rng.int(100, 5000), retries: 0, errors: 0 })];
  },
};

export const ledgerGo: ServiceDef = {
  name: 'ledger-go', stack: 'Go 1.23, zap then log/slog JSON, net/http', splitRate: 0.7,
  families: [chargeUnavailable, ledgerSlowQuery, ledgerDuplicate, refundPanic, reconcileCrash, ledgerInfo],
};

// ---- routes-go ---------------------------------------------------------------------------------

// Source: slog's TextHandler with AddSource (`time=... level=ERROR source=/file.go:77 msg="..." k=v`),
// https://pkg.go.dev/log/slog#TextHandler; the `log` package's `2026/03/10 12:00:01 ` prefix with a
// level word written by hand, https://pkg.go.dev/log.
function slogText(ctx: Ctx, level: string, source: string, msg: string, kv: Array<[string, string | number]>): string {
  const q = (v: string | number): string => (typeof v === 'number' || /^[\w./:-]+$/.test(v) ? String(v) : JSON.stringify(v));
  return `time=${isoMillis(ctx.t)} level=${level} source=${source} msg=${q(msg)}${kv.map(([k, v]) => ` ${k}=${q(v)}`).join('')}`;
}

const planTimeout: Family = {
  name: 'routes-go:plan-deadline-exceeded', level: 'ERROR', perDay: [20, 60],
  emit(ctx) {
    const { rng } = ctx;
    const route = rng.int(10000, 99999);
    const stops = rng.int(3, 40);
    // The same failure through slog (newer call sites) or through the old `log.Printf("ERROR ...")`.
    const text = rng.chance(ctx.rev === 0 ? 0.3 : 0.75)
      ? slogText(ctx, 'ERROR', '/app/internal/plan/solver.go:77', 'plan failed', [['route_id', route], ['stops', stops], ['err', 'context deadline exceeded']])
      : `${goLogTime(ctx.t)} ERROR plan failed for route ${route} (${stops} stops): context deadline exceeded`;
    return [{ stream: 'stderr', text }];
  },
};

const geocodeQuota: Family = {
  name: 'routes-go:geocoder-quota-exceeded', level: 'WARNING', perDay: [40, 120],
  emit(ctx) {
    const { rng } = ctx;
    return [{ stream: 'stderr', text: slogText(ctx, 'WARN', '/app/internal/geo/client.go:118', 'geocoder returned 429, backing off', [['address_hash', rng.hex(12)], ['backoff', `${rng.int(1, 32)}s`], ['quota', 'requests-per-minute']]) }];
  },
};

// Source: grpc-go's component logger through its default `log`-based logger, severity word then
// `[core]` (grpc/grpc-go#3029, googleapis/google-cloud-go#1462, zeromicro/go-zero#2589).
const grpcConnect: Family = {
  name: 'routes-go:grpc-matrix-connect-refused', level: 'WARNING', perDay: [30, 100],
  emit(ctx) {
    const { rng } = ctx;
    const ip = `10.8.${rng.int(0, 9)}.${rng.int(2, 250)}:50051`;
    const ch = rng.int(2, 40);
    return [{ stream: 'stderr', text: `${goLogTime(ctx.t)} WARNING: [core] [Channel #${ch} SubChannel #${ch + 1}]grpc: addrConn.createTransport failed to connect to {Addr: "${ip}", ServerName: "matrix.internal:50051", }. Err: connection error: desc = "transport: Error while dialing: dial tcp ${ip}: connect: connection refused"` }];
  },
};

const optimizePanic: Family = {
  name: 'routes-go:optimize-index-out-of-range-panic', level: 'ERROR', perDay: [6, 20],
  emit(ctx) {
    const n = ctx.rng.int(1, 30);
    return [{ stream: 'stderr', text: httpPanic(ctx, 'github.com/acme/routes/internal/api.optimize', '/app/internal/api/optimize.go', 112, `runtime error: index out of range [${n}] with length ${n}`) }];
  },
};

const routesNotice: Family = {
  name: 'routes-go:traffic-feed-stale', level: 'NOTICE', perDay: [8, 24],
  emit(ctx) {
    // A JSON line with Cloud Logging's own `severity` and `message` fields (Cloud Run's structured
    // logging docs, https://cloud.google.com/run/docs/logging#special-fields).
    return [{ stream: 'stdout', json: { severity: 'NOTICE', message: `traffic feed is ${ctx.rng.int(6, 59)}m old, planning with historical speeds`, component: 'traffic' } }];
  },
};

const routesInfo: Family = {
  name: 'noise:routes-go:chatter', level: 'INFO', perDay: [200, 350],
  emit(ctx) {
    const { rng } = ctx;
    return [{ stream: 'stderr', text: rng.pick([
      slogText(ctx, 'INFO', '/app/internal/plan/solver.go:95', 'plan computed', [['route_id', rng.int(10000, 99999)], ['stops', rng.int(3, 40)], ['retries', 0], ['errors', 0]]),
      `${goLogTime(ctx.t)} INFO: [core] [Channel #${rng.int(2, 40)}]Channel Connectivity change to READY`,
      `${goLogTime(ctx.t)} served ${rng.int(1, 900)} requests in the last minute, error rate 0.00%`,
    ]) }];
  },
};

export const routesGo: ServiceDef = {
  name: 'routes-go', stack: 'Go 1.22, log/slog text, log, grpc-go', splitRate: 0.8,
  families: [planTimeout, geocodeQuota, grpcConnect, optimizePanic, routesNotice, routesInfo],
};
