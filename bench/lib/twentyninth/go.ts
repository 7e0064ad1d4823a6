// The day's Go service: a gin API left in gin's debug mode, its access log through gin-contrib/logger
// (zerolog's ConsoleWriter by default, then zerolog JSON), the app's own zerolog JSON on stderr.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { epochMillis, goStd, isoSeconds, kitchen } from './clock.js';
import { digits, fam, UA } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// fleet-gin: Go 1.23, gin 1.10 (`gin.New()` with gin-contrib/logger 1.2 and `gin.Recovery()`; GIN_MODE
// never set, so gin runs in debug mode: `[GIN-debug]` route lines at start and Recovery dumping the
// request with its headers, Authorization masked), zerolog 1.33, pgx 5 to Cloud SQL for PostgreSQL,
// go-redis 9 to Memorystore. Access log (gin.DefaultWriter, stdout): morning revision the middleware's
// default, zerolog's ConsoleWriter without colours (not a terminal): `10:04AM ERR <msg> body_size=N
// ip=… latency=… method=… path=… status=N user_agent=…`, fields sorted, values with spaces quoted; the
// message is `Request`, or gin's `c.Errors.String()` (`Error #01: <err>\n`) when the handler recorded
// an error, so the fields land on a second line. From the rollout `logger.WithLogger(…)` returns
// `zerolog.New(out).With().Timestamp().Logger()`: JSON, the same message, `time` in epoch milliseconds
// (the app sets `zerolog.TimeFieldFormat = zerolog.TimeFormatUnixMs` in the same release). Levels: INF
// below 400, WRN for 4xx, ERR for 5xx. The app's records: zerolog's global logger, JSON on stderr
// (`level`, `error`, fields, `time`, `message`; `caller` from the rollout).
const FG = 'fleet-gin';

interface Access { status: number; method: string; path: string; msg: string }

function access(rng: Prng, t: number, rev: 0 | 1, a: Access): Write {
  const f = { body_size: a.status >= 500 ? rng.int(0, 40) : rng.int(40, 4000), ip: rng.publicIpv4(), latency: rng.float(0.2, a.status >= 500 ? 5000 : 80, 6), method: a.method, path: a.path, status: a.status, user_agent: rng.pick(UA) };
  const level = a.status >= 500 ? 'error' : a.status >= 400 ? 'warn' : 'info';
  if (rev === 0) {
    const q = (v: string | number): string => (typeof v === 'string' && /[\s"=]/.test(v) ? JSON.stringify(v) : String(v));
    const fields = Object.entries(f).sort(([x], [y]) => x.localeCompare(y)).map(([k, v]) => `${k}=${q(v)}`).join(' ');
    return { stream: 'stdout', text: `${kitchen(t)} ${level === 'error' ? 'ERR' : level === 'warn' ? 'WRN' : 'INF'} ${a.msg} ${fields}` };
  }
  return { stream: 'stdout', json: { level, status: f.status, method: f.method, path: f.path, ip: f.ip, latency: f.latency, user_agent: f.user_agent, body_size: f.body_size, time: epochMillis(t), message: a.msg } };
}

/** zerolog's global logger: `level`, `error`, the fields, `caller` (from the rollout), `time`, `message`. */
function app(t: number, rev: 0 | 1, level: 'info' | 'warn' | 'error', caller: string, message: string, fields: Record<string, unknown>, err?: string): Write {
  const json: Record<string, unknown> = { level };
  if (err !== undefined) json.error = err;
  Object.assign(json, fields);
  if (rev === 1) json.caller = caller;
  json.time = rev === 0 ? isoSeconds(t) : epochMillis(t);
  json.message = message;
  return { stream: 'stderr', json };
}

const vehicle = (rng: Prng): string => `V-${digits(rng, 4)}`;

// Memorystore's maintenance window: position reads wait for a pooled connection and give up.
const fgPosition = fam(`${FG}:position-redis-pool-timeout`, 'ERROR', [50, 110], ({ rng, t, rev }) => {
  const v = vehicle(rng);
  return [
    app(t, rev, 'error', 'api/position.go:41', 'read position', { vehicle_id: v }, 'redis: connection pool timeout'),
    access(rng, t + 4_000_000, rev, { status: 500, method: 'GET', path: `/v1/vehicles/${v}/position`, msg: 'Error #01: redis: connection pool timeout\n' }),
  ];
}, 0.4);

// Trips posted for vehicles the fleet sync has not created yet: the foreign key rejects them.
const fgTrip = fam(`${FG}:trip-insert-fk-violation`, 'ERROR', [30, 70], ({ rng, t, rev }) => {
  const v = vehicle(rng);
  const err = `insert trip ${v}: ERROR: insert or update on table "trips" violates foreign key constraint "trips_vehicle_id_fkey" (SQLSTATE 23503)`;
  return [
    app(t, rev, 'error', 'api/trips.go:77', 'create trip', { vehicle_id: v, driver_id: digits(rng, 5) }, err),
    access(rng, t + 30_000, rev, { status: 500, method: 'POST', path: '/v1/trips', msg: `Error #01: ${err}\n` }),
  ];
});

// A telemetry frame for a sensor type the ingester never initialised: a nil map, recovered by gin.
const fgPanic = fam(`${FG}:telemetry-nil-map-panic`, 'ERROR', [25, 60], ({ rng, t, rev, host }) => {
  const v = vehicle(rng);
  const hdrs = [`Host: ${host}`, 'Accept-Encoding: gzip', 'Authorization: *', 'Content-Length: ' + rng.int(200, 4000), 'Content-Type: application/json', `User-Agent: ${rng.pick(['okhttp/4.12.0', 'fleet-agent/3.4.1'])}`,
    ...(rng.chance(0.5) ? [`Traceparent: 00-${rng.hex(32)}-${rng.hex(16)}-01`] : []), `X-Cloud-Trace-Context: ${rng.hex(32)}/${digits(rng, 18)};o=1`, `X-Forwarded-For: ${rng.publicIpv4()}`, 'X-Forwarded-Proto: https'];
  const stack = [
    '/usr/local/go/src/runtime/map_faststr.go:224 (0x4152f4)',
    '\tmapassign_faststr: panic(plainError("assignment to entry in nil map"))',
    '/app/internal/telemetry/ingest.go:88 (0x8a1b2c)',
    '\t(*Ingester).Apply: t.sensors[r.Sensor] = r.Value',
    '/app/internal/api/telemetry.go:52 (0x8b4e11)',
    '\t(*API).telemetry: if err := a.ingest.Apply(v, batch); err != nil {',
    '/go/pkg/mod/github.com/gin-gonic/gin@v1.10.0/context.go:185 (0x8972ea)',
    '\t(*Context).Next: c.handlers[c.index](c)',
    '/go/pkg/mod/github.com/gin-gonic/gin@v1.10.0/recovery.go:102 (0x89c9a5)',
    '\tCustomRecoveryWithWriter.func1: c.Next()',
    '/go/pkg/mod/github.com/gin-gonic/gin@v1.10.0/context.go:185 (0x8972ea)',
    '\t(*Context).Next: c.handlers[c.index](c)',
    '/go/pkg/mod/github.com/gin-contrib/logger@v1.2.5/logger.go:76 (0x8c01d3)',
    '\tSetLogger.func1: c.Next()',
    '/go/pkg/mod/github.com/gin-gonic/gin@v1.10.0/gin.go:633 (0x8a9a4d)',
    '\t(*Engine).handleHTTPRequest: c.Next()',
    '/go/pkg/mod/github.com/gin-gonic/gin@v1.10.0/gin.go:589 (0x8a96fc)',
    '\t(*Engine).ServeHTTP: engine.handleHTTPRequest(c)',
    '/usr/local/go/src/net/http/server.go:3210 (0x6f5c0d)',
    '\tserverHandler.ServeHTTP: handler.ServeHTTP(rw, req)',
    '/usr/local/go/src/net/http/server.go:2092 (0x6ef0a4)',
    '\t(*conn).serve: serverHandler{c.server}.ServeHTTP(w, w.req)',
    '/usr/local/go/src/runtime/asm_amd64.s:1700 (0x47e4a0)',
    '\tgoexit: BYTE\t$0x90\t// NOP',
  ];
  return [
    { stream: 'stderr', text: `\n\n\x1b[31m${goStd(t)} [Recovery] ${goStd(t).replace(' ', ' - ')} panic recovered:\nPOST /v1/vehicles/${v}/telemetry HTTP/1.1\r\n${hdrs.join('\r\n')}\r\n\r\n\nassignment to entry in nil map\n${stack.join('\n')}\n\x1b[0m` },
    access(rng, t + 800, rev, { status: 500, method: 'POST', path: `/v1/vehicles/${v}/telemetry`, msg: 'Request' }),
  ];
}, 0.2);

const REASONS = ['speed: must be >= 0', 'ts: more than 5m in the future', 'lat: out of range', 'lon: out of range', 'odometer: decreased', 'fuel: must be <= 100'];

// Agents on an old firmware send readings the validator refuses: a warning with the reasons, and the
// access line's 422 at WRN (frequent).
const fgRejected = fam(`${FG}:telemetry-batch-rejected`, 'WARNING', [120, 260], ({ rng, t, rev }) => {
  const v = vehicle(rng);
  const errs = Array.from({ length: rng.int(1, 5) }, () => `readings[${rng.int(0, 63)}].${rng.pick(REASONS)}`);
  return [
    app(t, rev, 'warn', 'api/telemetry.go:46', 'telemetry batch rejected', { vehicle_id: v, firmware: `3.${rng.int(0, 2)}.${rng.int(0, 9)}`, errors: errs }),
    access(rng, t + 300, rev, { status: 422, method: 'POST', path: `/v1/vehicles/${v}/telemetry`, msg: 'Request' }),
  ];
});

const fgChatter = fam(`noise:${FG}:chatter`, 'INFO', [260, 380], ({ rng, t, rev }) => {
  const roll = rng.next();
  if (roll < 0.04) return [{ stream: 'stdout', text: rng.pick(['[GIN-debug] [WARNING] Running in "debug" mode. Switch to "release" mode in production.\n - using env:\texport GIN_MODE=release\n - using code:\tgin.SetMode(gin.ReleaseMode)', '[GIN-debug] GET    /v1/vehicles/:id/position --> fleet/internal/api.(*API).position-fm (3 handlers)', '[GIN-debug] POST   /v1/trips                 --> fleet/internal/api.(*API).createTrip-fm (3 handlers)', '[GIN-debug] Listening and serving HTTP on :8080']) }];
  if (roll < 0.25) return [app(t, rev, 'info', 'api/trips.go:95', 'trip closed', { vehicle_id: vehicle(rng), km: rng.float(0.5, 400, 1), errors: 0 })];
  const v = vehicle(rng);
  return [access(rng, t, rev, rng.pick<Access>([
    { status: 200, method: 'GET', path: `/v1/vehicles/${v}/position`, msg: 'Request' },
    { status: 202, method: 'POST', path: `/v1/vehicles/${v}/telemetry`, msg: 'Request' },
    { status: 201, method: 'POST', path: '/v1/trips', msg: 'Request' },
    { status: 200, method: 'GET', path: '/healthz', msg: 'Request' },
  ]))];
});

export const fleetGin: ServiceDef = {
  name: FG, stack: 'Go 1.23, gin 1.10 (debug mode), gin-contrib/logger 1.2, zerolog 1.33, pgx 5, go-redis 9', splitRate: 0.65,
  families: [fgPosition, fgTrip, fgPanic, fgRejected, fgChatter],
};
