// The day's Go service: chi with go-chi/httplog v2 (log/slog JSON with the request's fields), whose
// level key becomes `severity` at the rollout.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { isoNanos } from './clock.js';
import { as, fam, peer, req, requestLog, type Req } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// geo-chi: Go 1.23, chi v5.1, go-chi/httplog v2.1 (`httplog.NewLogger("geo-chi", httplog.Options{JSON:
// true})`, `r.Use(httplog.RequestLogger(logger))`, which chains chi's RequestID and Recoverer), pgx v5
// pgxpool to PostGIS, go-redis v9. httplog writes slog's JSONHandler on stderr with `AddSource`:
// `timestamp` (RFC 3339 nano), the level under `level` (morning) or, from the rollout,
// `LevelFieldName: "severity"` with `Tags` (`tags.version`, `tags.env`), which Cloud Run reads as the
// entry's severity (slog's `WARN` matched to WARNING); `source`, `msg`, `service`, and on every record
// of a request the `httpRequest` group (`url`, `method`, `path`, `remoteIP`, `proto`, `requestID`).
// A request writes `Request: METHOD path` when it starts and `Response: STATUS Label` when it ends
// (`httpResponse.status`, `bytes`, `elapsed` in ms, the body of a 4xx/5xx); a recovered panic adds
// `stacktrace` and `panic` to the response record and ` - <panic>` to its message. The app logs
// through the request's logger (`httplog.LogEntry(ctx)`) with `err` from `httplog.ErrAttr`.
const GC = 'geo-chi';

interface Rq { r: Req; id: string; remote: string; host: string }

function slogLine(rng: Prng, t: number, rev: 0 | 1, level: 'INFO' | 'WARN' | 'ERROR', source: [string, string, number], msg: string, extra: Record<string, unknown>, rq?: Rq, delayUs?: number): Write {
  const json: Record<string, unknown> = { timestamp: isoNanos(t, rng.int(0, 999)) };
  // What Cloud Run keeps of `severity`: the entry's severity, slog's WARN matched to WARNING.
  if (rev === 1) json.severity = level === 'WARN' ? 'WARNING' : level; else json.level = level;
  json.source = { function: source[0], file: source[1], line: source[2] };
  json.msg = msg;
  json.service = GC;
  if (rev === 1) json.tags = { env: 'prod', version: 'v2.14.0-7c1e0aa' };
  if (rq) json.httpRequest = { url: `http://${rq.host}${rq.r.path}`, method: rq.r.method, path: rq.r.path.split('?')[0], remoteIP: rq.remote, proto: 'HTTP/1.1', requestID: rq.id };
  Object.assign(json, extra);
  return { stream: 'stderr', json, ...(delayUs === undefined ? {} : { delayUs }) };
}

const HL: [string, string, number] = ['github.com/go-chi/httplog/v2.(*RequestLoggerEntry).Write', '/go/pkg/mod/github.com/go-chi/httplog/v2@v2.1.1/httplog.go', 116];
const HL_REQ: [string, string, number] = ['github.com/go-chi/httplog/v2.(*requestLogger).NewLogEntry', '/go/pkg/mod/github.com/go-chi/httplog/v2@v2.1.1/httplog.go', 93];
const label = (s: number): string => (s >= 500 ? 'Server Error' : s >= 400 ? 'Client Error' : 'OK');

function rqOf(rng: Prng, r: Req, host: string): Rq {
  return { r, host, id: `localhost/${rng.alnum(10)}-${String(rng.int(1, 999999)).padStart(6, '0')}`, remote: `${peer(rng)}:${rng.int(30000, 60000)}` };
}

/** `Request: …` at the start, the app's writes at the end, `Response: …`, Cloud Run's request log. */
function request(rng: Prng, t: number, rev: 0 | 1, host: string, rq: Rq, app: (end: number) => Write[], body: string, extra: Record<string, unknown> = {}, msgTail = ''): Write[] {
  const { r } = rq;
  const end = t + r.latencyUs;
  const level = r.status >= 500 ? 'ERROR' : r.status >= 400 ? 'WARN' : 'INFO';
  const writes = app(end);
  const first = writes[0];
  if (first) writes[0] = { ...first, delayUs: r.latencyUs };
  return [
    // The request's opening record is chatter (INFO), whatever becomes of the request.
    as(slogLine(rng, t, rev, 'INFO', HL_REQ, `Request: ${r.method} ${r.path.split('?')[0]}`, {}, rq), `noise:${GC}:request-start`, 'INFO'),
    ...writes,
    slogLine(rng, end + 200, rev, level, HL, `Response: ${r.status} ${label(r.status)}${msgTail}`, { ...extra, httpResponse: { status: r.status, bytes: body.length, elapsed: Number((r.latencyUs / 1000 + rng.next()).toFixed(6)), body } }, rq, writes.length === 0 ? r.latencyUs : rng.int(100, 900)),
    requestLog(rng, host, GC, r, rng.int(300, 3000)),
  ];
}

const tilePath = (rng: Prng): string => `/v1/tiles/${rng.int(8, 15)}/${rng.int(0, 32000)}/${rng.int(0, 21000)}.mvt`;

export const geoChi: ServiceDef = {
  name: GC, stack: 'Go 1.23, chi v5.1, go-chi/httplog v2 (slog JSON), pgx v5, go-redis v9', splitRate: 0.6,
  families: [
    // A PostGIS tile query over the statement timeout: pgx's PgError, the app's record, the 500.
    fam(`${GC}:tile-statement-timeout`, 'ERROR', [60, 140], ({ rng, t, rev, host }) => {
      const rq = rqOf(rng, req(rng, 'GET', tilePath(rng), 500, rng.int(8_000_000, 8_060_000)), host);
      return request(rng, t, rev, host, rq, (end) => [slogLine(rng, end, rev, 'ERROR', ['main.(*tileHandler).ServeHTTP', '/src/tiles.go', 77], 'tile query failed', { layer: rng.pick(['roads', 'buildings', 'landuse']), err: 'ERROR: canceling statement due to statement timeout (SQLSTATE 57014)' }, rq)], '{"error":"tile unavailable"}\n');
    }, 0.3),
    // A nil pointer in the ETA handler for routes without a depot: chi's Recoverer, httplog's panic fields.
    fam(`${GC}:eta-nil-pointer-panic`, 'ERROR', [30, 70], ({ rng, t, rev, host }) => {
      const rq = rqOf(rng, req(rng, 'GET', `/v1/routes/${rng.uuid()}/eta`, 500, rng.int(800, 30_000)), host);
      const g = rng.int(20, 4000);
      const stack = [`goroutine ${g} [running]:`, 'runtime/debug.Stack()', '\t/usr/local/go/src/runtime/debug/stack.go:26 +0x5e', 'github.com/go-chi/chi/v5/middleware.Recoverer.func1.1()', '\t/go/pkg/mod/github.com/go-chi/chi/v5@v5.1.0/middleware/recoverer.go:28 +0x1b6', 'panic({0x9b5e40?, 0xe8f1a0?})', '\t/usr/local/go/src/runtime/panic.go:785 +0x132', `main.etaHandler(${'{'}0xb0a8f0, 0xc000${rng.hex(6)}${'}'}, 0xc000${rng.hex(6)})`, `\t/src/eta.go:${rng.pick([52, 53])} +0x8c`, 'net/http.HandlerFunc.ServeHTTP(0xc0001a2f60?, {0xb0a8f0?, 0xc000398000?}, 0xc0001e4000?)', '\t/usr/local/go/src/net/http/server.go:2220 +0x29', ''].join('\n');
      const panicText = 'runtime error: invalid memory address or nil pointer dereference';
      return request(rng, t, rev, host, rq, () => [], 'Internal Server Error\n', { stacktrace: stack, panic: panicText }, ` - ${panicText}`);
    }),
    // go-redis' pool timeout in the geocode handler: the app's record and the 500.
    fam(`${GC}:geocode-redis-pool-timeout`, 'ERROR', [40, 90], ({ rng, t, rev, host }) => {
      const rq = rqOf(rng, req(rng, 'GET', `/v1/geocode?q=${rng.pick(['leeds', 'york', 'hull', 'ripon'])}+${rng.int(1, 99)}`, 500, rng.int(4_000_000, 4_100_000)), host);
      return request(rng, t, rev, host, rq, (end) => [slogLine(rng, end, rev, 'ERROR', ['main.(*geocoder).Lookup', '/src/geocode.go', 61], 'geocode cache lookup failed', { err: 'redis: connection pool timeout' }, rq)], '{"error":"geocoding unavailable"}\n');
    }, 0.25),
    // The same pool timeout from the tile cache warmer, a goroutine with no request.
    fam(`${GC}:warmer-redis-pool-timeout`, 'ERROR', [15, 40], ({ rng, t, rev }) => [slogLine(rng, t, rev, 'ERROR', ['main.(*warmer).run', '/src/warmer.go', 44], 'tile cache warm-up aborted', { zoom: rng.int(8, 12), warmed: rng.int(0, 4000), err: 'redis: connection pool timeout' })]),
    fam(`noise:${GC}:requests-200`, 'INFO', [120, 240], ({ rng, t, rev, host }) => request(rng, t, rev, host, rqOf(rng, req(rng, 'GET', tilePath(rng), 200, rng.int(2_000, 90_000)), host), () => [], '')),
    fam(`noise:${GC}:warmed`, 'INFO', [100, 200], ({ rng, t, rev }) => [slogLine(rng, t, rev, 'INFO', ['main.(*warmer).run', '/src/warmer.go', 51], 'tile cache warmed', { zoom: rng.int(8, 12), tiles: rng.int(100, 4000), errors: 0 })]),
  ],
};
