// The day's Go service: gin in release mode with gin-contrib/zap for its request log and panic recovery,
// zap's production logger, whose encoder is re-keyed for Cloud Logging at the rollout.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { epochFloat, isoNanos, rfc3339 } from './clock.js';
import { digits, fam, peer, req, requestLog, UA, type Req } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// fleet-ginzap: Go 1.23, gin 1.10 (`gin.New()`, release mode), gin-contrib/zap 1.1
// (`ginzap.Ginzap(logger, time.RFC3339, true)` then `ginzap.RecoveryWithZap(logger, true)`), pgx v5
// pgxpool, a position compactor goroutine. zap on stderr, `zap.NewProduction()` in the morning (`level`
// lower case, `ts` epoch seconds, `caller`, `msg`, the fields, `stacktrace` at error); from the rollout
// the production config re-keyed for Cloud Logging (`severity` in capitals, `time` ISO 8601,
// `message`), which Cloud Run reads. Ginzap writes one record per request when the handlers return:
// with the request's `c.Errors` as the message at error level (one record per error), else an empty
// message at info, whatever the status; its fields `status`, `method`, `path`, `query`, `ip`,
// `user-agent`, `latency` (seconds) and `time` (RFC 3339). RecoveryWithZap logs `[Recovery from panic]`
// with `time`, `error`, the dumped `request` and `stack`, then aborts with 500; Ginzap's record follows.
const FG = 'fleet-ginzap';
const GINZAP_CALLER = 'zap@v1.1.4/zap.go:84';

function zapLine(rng: Prng, t: number, rev: 0 | 1, level: 'info' | 'warn' | 'error', caller: string, msg: string, fields: Record<string, unknown>, stacktrace?: string): Write {
  const json: Record<string, unknown> = rev === 0
    ? { level, ts: epochFloat(t), caller, msg }
    : { severity: level === 'warn' ? 'WARNING' : level.toUpperCase(), time: isoNanos(t, rng.int(0, 999)).replace(/(\.\d{3})\d+Z$/, '$1Z'), caller, message: msg };
  Object.assign(json, fields);
  if (stacktrace) json.stacktrace = stacktrace;
  return { stream: 'stderr', json };
}

const GIN_FRAMES = ['github.com/gin-gonic/gin.(*Context).Next\n\t/go/pkg/mod/github.com/gin-gonic/gin@v1.10.0/context.go:185', 'github.com/gin-gonic/gin.(*Engine).handleHTTPRequest\n\t/go/pkg/mod/github.com/gin-gonic/gin@v1.10.0/gin.go:633', 'github.com/gin-gonic/gin.(*Engine).ServeHTTP\n\t/go/pkg/mod/github.com/gin-gonic/gin@v1.10.0/gin.go:589', 'net/http.serverHandler.ServeHTTP\n\t/usr/local/go/src/net/http/server.go:3210', 'net/http.(*conn).serve\n\t/usr/local/go/src/net/http/server.go:2092'];
const GINZAP_STACK = ['github.com/gin-contrib/zap.GinzapWithConfig.func1\n\t/go/pkg/mod/github.com/gin-contrib/zap@v1.1.4/zap.go:84', ...GIN_FRAMES].join('\n');

/** Ginzap's record for a request: its fields, at error with the message when the handler set an error. */
function ginzap(rng: Prng, t: number, rev: 0 | 1, r: Req, ip: string, error?: string): Write {
  const [path, query = ''] = r.path.split('?');
  const fields = { status: r.status, method: r.method, path, query, ip, 'user-agent': rng.pick(UA), latency: Number((r.latencyUs / 1e6).toFixed(9)), time: rfc3339(t) };
  return error === undefined ? zapLine(rng, t, rev, 'info', GINZAP_CALLER, '', fields) : zapLine(rng, t, rev, 'error', GINZAP_CALLER, error, fields, GINZAP_STACK);
}

const PGX_TIMEOUT = 'timeout: context deadline exceeded';

export const fleetGinzap: ServiceDef = {
  name: FG, stack: 'Go 1.23, gin 1.10 release, gin-contrib/zap (Ginzap, RecoveryWithZap), zap production, pgx v5', splitRate: 0.6,
  families: [
    // The positions query over its 8 s context: `c.Error(err)` and a 500; Ginzap's record is the only one.
    fam(`${FG}:positions-query-timeout`, 'ERROR', [50, 120], ({ rng, t, rev, host }) => {
      const r = req(rng, 'GET', `/v1/vehicles/${digits(rng, 5)}/positions?since=${rng.int(1, 60)}m`, 500, rng.int(8_000_300, 8_040_000));
      return [{ ...ginzap(rng, t + r.latencyUs, rev, r, peer(rng), `list positions: ${PGX_TIMEOUT}`), delayUs: r.latencyUs }, requestLog(rng, host, FG, r, rng.int(300, 2500))];
    }, 0.3),
    // The same pgx timeout from the compactor goroutine: the app's own record with `error`.
    fam(`${FG}:compactor-query-timeout`, 'ERROR', [15, 40], ({ rng, t, rev }) => [zapLine(rng, t, rev, 'error', 'compactor/compactor.go:71', 'compaction failed', { vehicles: rng.int(10, 900), error: `compact positions: ${PGX_TIMEOUT}` }, ['fleet/internal/compactor.(*Compactor).Run\n\t/src/internal/compactor/compactor.go:71', 'main.main.func2\n\t/src/cmd/fleet/main.go:58'].join('\n'))]),
    // An index out of range in the stops handler: RecoveryWithZap's record, then Ginzap's info record with the 500.
    fam(`${FG}:stops-index-panic`, 'ERROR', [20, 60], ({ rng, t, rev, host }) => {
      const id = digits(rng, 5);
      const r = req(rng, 'GET', `/v1/routes/${id}/stops`, 500, rng.int(1_000, 25_000));
      const n = rng.int(1, 6);
      const ip = peer(rng);
      const dump = `GET /v1/routes/${id}/stops HTTP/1.1\r\nHost: ${host}\r\nAccept: application/json\r\nTraceparent: 00-${r.trace.slice(-32)}-${rng.hex(16)}-01\r\nUser-Agent: ${rng.pick(UA)}\r\nX-Forwarded-For: ${rng.publicIpv4()}\r\nX-Forwarded-Proto: https\r\n\r\n`;
      const g = rng.int(20, 9000);
      const stack = [`goroutine ${g} [running]:`, 'runtime/debug.Stack()', '\t/usr/local/go/src/runtime/debug/stack.go:26 +0x5e', 'github.com/gin-contrib/zap.CustomRecoveryWithZap.func1.1()', '\t/go/pkg/mod/github.com/gin-contrib/zap@v1.1.4/zap.go:154 +0x2c5', 'panic({0xa1c2e0?, 0xc000' + rng.hex(6) + '?})', '\t/usr/local/go/src/runtime/panic.go:785 +0x132', `fleet/internal/routes.(*Handler).Stops(0xc000${rng.hex(6)}, 0xc000${rng.hex(6)})`, `\t/src/internal/routes/stops.go:${rng.pick([47, 48])} +0x3a5`, 'github.com/gin-gonic/gin.(*Context).Next(...)', '\t/go/pkg/mod/github.com/gin-gonic/gin@v1.10.0/context.go:185', ''].join('\n');
      const at = t + r.latencyUs;
      return [
        { ...zapLine(rng, at - 200, rev, 'error', 'zap@v1.1.4/zap.go:150', '[Recovery from panic]', { time: rev === 0 ? epochFloat(at - 200) : isoNanos(at - 200, rng.int(0, 999)), error: `runtime error: index out of range [${n}] with length ${n}`, request: dump, stack }, ['github.com/gin-contrib/zap.CustomRecoveryWithZap.func1.1\n\t/go/pkg/mod/github.com/gin-contrib/zap@v1.1.4/zap.go:150', 'runtime.gopanic\n\t/usr/local/go/src/runtime/panic.go:785', 'runtime.goPanicIndex\n\t/usr/local/go/src/runtime/panic.go:115', 'fleet/internal/routes.(*Handler).Stops\n\t/src/internal/routes/stops.go:47', ...GIN_FRAMES].join('\n')), delayUs: r.latencyUs - 200 },
        { ...ginzap(rng, at, rev, r, ip), delayUs: rng.int(100, 400) },
        requestLog(rng, host, FG, r, rng.int(300, 2500)),
      ];
    }),
    fam(`${FG}:gps-fix-dropped`, 'WARNING', [150, 320], ({ rng, t, rev }) => [zapLine(rng, t, rev, 'warn', 'ingest/ingest.go:112', 'gps fix dropped', { vehicle: digits(rng, 5), hdop: rng.float(5, 30, 1), reason: 'hdop over limit' })]),
    fam(`noise:${FG}:requests-200`, 'INFO', [150, 300], ({ rng, t, rev }) => {
      const r = req(rng, 'GET', `/v1/vehicles/${digits(rng, 5)}`, 200, rng.int(1_000, 40_000));
      return [ginzap(rng, t, rev, r, peer(rng))];
    }),
    fam(`noise:${FG}:compacted`, 'INFO', [60, 140], ({ rng, t, rev }) => [zapLine(rng, t, rev, 'info', 'compactor/compactor.go:80', 'compaction done', { vehicles: rng.int(10, 900), rows: rng.int(1000, 90000), errors: 0 })]),
  ],
};
