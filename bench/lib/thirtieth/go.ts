// The day's Go services: an Echo v4 API with Echo's default request logger and log/slog's default
// logger (then a TextHandler), and a gin API whose request log is gin-logrus on logrus' text, then JSON.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { goStd, isoMillis, isoNanos, isoSeconds } from './clock.js';
import { digits, fam, UA } from './shared.js';

/** Go's `%q`-style quoting as slog's and logrus' text handlers apply it to values that need it. */
const q = (s: string): string => (/^[A-Za-z0-9_./:@-]+$/.test(s) ? s : JSON.stringify(s));

// ---------------------------------------------------------------------------------------------------
// stock-echo: Go 1.23, Echo v4.12 with `middleware.Logger()` (its default JSON template on stdout:
// `time`, `id`, `remote_ip`, `host`, `method`, `uri`, `user_agent`, `status`, `error`, `latency`,
// `latency_human`, `bytes_in`, `bytes_out`; `error` holds what the handler returned), pgx 5 to Cloud
// SQL over private IP, Firestore 1.17, Pub/Sub 1.45. The app logs with log/slog. Morning revision: no
// handler set, so slog's default writes through the log package (`2026/12/10 10:00:00 ERROR msg
// k=v` on stderr); from the rollout `slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{AddSource:
// true})` (`time=… level=ERROR source=file:line msg="…" k=v`).
const SE = 'stock-echo';

function slogw(t: number, rev: 0 | 1, level: 'INFO' | 'WARN' | 'ERROR', src: string, msg: string, attrs: ReadonlyArray<readonly [string, string]>): Write {
  const kv = attrs.map(([k, v]) => ` ${k}=${q(v)}`).join('');
  if (rev === 0) return { stream: 'stderr', text: `${goStd(t)} ${level} ${msg}${kv}` };
  return { stream: 'stderr', text: `time=${isoMillis(t)} level=${level} source=${src} msg=${q(msg)}${kv}` };
}

/** Go's `time.Duration.String()` for a latency in nanoseconds (`8.251125598s`, `1.204567ms`). */
function goDuration(ns: number): string {
  const trim = (n: number, unit: number, suffix: string): string => `${(n / unit).toFixed(String(unit).length - 1).replace(/\.?0+$/, '')}${suffix}`;
  return ns >= 1e9 ? trim(ns, 1e9, 's') : ns >= 1e6 ? trim(ns, 1e6, 'ms') : trim(ns, 1e3, 'µs');
}

function echoAccess(rng: Prng, t: number, host: string, method: string, uri: string, status: number, error: string): Write {
  const latency = rng.int(200_000, 9_000_000_000);
  const human = goDuration(latency);
  return { stream: 'stdout', json: { time: isoNanos(t, rng.int(0, 999)), id: '', remote_ip: rng.publicIpv4(), host, method, uri, user_agent: rng.pick(UA), status, error, latency, latency_human: human, bytes_in: method === 'GET' ? 0 : rng.int(40, 900), bytes_out: status >= 500 ? 36 : rng.int(20, 4000) } };
}

// Cloud SQL's private IP is unreachable for a minute after maintenance: reservations cannot connect
// (burst). The app's record, then the access record with the returned error.
const seReserve = fam(`${SE}:reserve-db-dial-timeout`, 'ERROR', [40, 90], ({ rng, t, rev, host }) => {
  const sku = `${rng.pick(['TNT', 'STV', 'BTS'])}-${digits(rng, 4)}`;
  const err = 'failed to connect to `user=stock database=stock`: 10.20.0.3:5432 (10.20.0.3): dial error: dial tcp 10.20.0.3:5432: i/o timeout';
  return [
    slogw(t, rev, 'ERROR', '/app/internal/stock/reserve.go:57', 'reserve failed', [['sku', sku], ['order', digits(rng, 8)], ['err', err]]),
    echoAccess(rng, t + 5000, host, 'POST', `/v1/stock/${sku}/reservations`, 500, `reserve ${sku}: ${err}`),
  ];
}, 0.35);

const DEADLINE = 'rpc error: code = DeadlineExceeded desc = context deadline exceeded';
// Firestore lookups hit their deadline while the database is hot-spotted (burst): only the access
// record says so (the handler returns the error)...
const seLookup = fam(`${SE}:lookup-firestore-deadline`, 'ERROR', [30, 70], ({ rng, t, host }) => {
  const sku = `${rng.pick(['TNT', 'STV', 'BTS'])}-${digits(rng, 4)}`;
  return [echoAccess(rng, t, host, 'GET', `/v1/stock/${sku}`, 500, `lookup ${sku}: ${DEADLINE}`)];
}, 0.3);

// ...and the same gRPC deadline from the Pub/Sub publish of stock events (another operation).
const sePublish = fam(`${SE}:publish-deadline`, 'ERROR', [10, 30], ({ rng, t, rev }) =>
  [slogw(t, rev, 'ERROR', '/app/internal/events/publish.go:33', 'publish stock event failed', [['topic', 'stock-events'], ['sku', `${rng.pick(['TNT', 'STV', 'BTS'])}-${digits(rng, 4)}`], ['err', DEADLINE]])]);

// Low stock (frequent).
const seLow = fam(`${SE}:stock-below-threshold`, 'WARNING', [120, 240], ({ rng, t, rev }) =>
  [slogw(t, rev, 'WARN', '/app/internal/stock/levels.go:91', 'stock below threshold', [['sku', `${rng.pick(['TNT', 'STV', 'BTS'])}-${digits(rng, 4)}`], ['left', String(rng.int(0, 9))], ['threshold', '10']])]);

const seChatter = fam(`noise:${SE}:chatter`, 'INFO', [240, 380], ({ rng, t, rev, host }) => {
  if (rng.chance(0.7)) return [echoAccess(rng, t, host, 'GET', rng.pick(['/healthz', `/v1/stock/TNT-${digits(rng, 4)}`, '/v1/stock?warehouse=2']), 200, '')];
  return [slogw(t, rev, 'INFO', '/app/internal/events/publish.go:41', 'stock events published', [['count', String(rng.int(1, 500))], ['errors', '0']])];
});

export const stockEcho: ServiceDef = {
  name: SE, stack: 'Go 1.23, Echo v4.12 (middleware.Logger), log/slog, pgx 5, Firestore 1.17, Pub/Sub 1.45', splitRate: 0.6,
  families: [seReserve, seLookup, sePublish, seLow, seChatter],
};

// ---------------------------------------------------------------------------------------------------
// fleet-ginrus: Go 1.23, gin 1.10 in release mode with toorop/gin-logrus as the request logger (no
// gin.Logger), logrus 1.9 on stderr, go-redsync 4 on Memorystore, googlemaps/google-maps-services-go.
// gin-logrus: one record a request with the fields `hostname`, `statusCode`, `latency`, `clientIP`,
// `method`, `path`, `referer`, `dataLength`, `userAgent`; the message gin's `c.Errors` (`Error #01:
// …\n`) when a handler recorded one, else an access line in the common log format; level error for
// 5xx, warn for 4xx. Morning revision: logrus' TextFormatter without a TTY (`time="…" level=… msg="…"
// k=v`, keys sorted); from the rollout its JSONFormatter (keys sorted, no severity).
const FG = 'fleet-ginrus';

function lrus(t: number, rev: 0 | 1, level: 'info' | 'warning' | 'error', msg: string, fields: Record<string, string | number>): Write {
  const keys = Object.keys(fields).sort();
  if (rev === 1) {
    const json: Record<string, unknown> = {};
    for (const k of [...keys, 'level', 'msg', 'time'].sort()) json[k] = k === 'level' ? level : k === 'msg' ? msg : k === 'time' ? isoSeconds(t) : fields[k];
    return { stream: 'stderr', json };
  }
  const kv = keys.map((k) => ` ${k}=${typeof fields[k] === 'number' ? fields[k] : q(String(fields[k]))}`).join('');
  return { stream: 'stderr', text: `time="${isoSeconds(t)}" level=${level} msg=${q(msg)}${kv}` };
}

function ginAccess(rng: Prng, t: number, rev: 0 | 1, method: string, path: string, status: number, errors?: string): Write {
  const latency = rng.int(1, 9000);
  const ip = rng.publicIpv4();
  const ua = rng.pick(UA);
  const size = status >= 500 ? 34 : rng.int(2, 3000);
  const level = status > 499 ? 'error' : status > 399 ? 'warning' : 'info';
  const fields = { hostname: 'localhost', statusCode: status, latency, clientIP: ip, method, path, referer: '', dataLength: size, userAgent: ua };
  const d = new Date(Math.floor(t / 1000));
  const clf = `${String(d.getUTCDate()).padStart(2, '0')}/${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]}/${d.getUTCFullYear()}:${isoSeconds(t).slice(11, 19)} +0000`;
  const msg = errors !== undefined ? `${errors}\n` : `${ip} - localhost [${clf}] "${method} ${path}" ${status} ${size} "" "${ua}" (${latency}ms)`;
  return lrus(t, rev, level, msg, fields);
}

// Two dispatchers race for the same vehicle and the lock's retries run out (burst): the handler's
// record and the access record with gin's error list.
const fgAssign = fam(`${FG}:assign-lock-not-acquired`, 'ERROR', [40, 90], ({ rng, t, rev }) => {
  const vehicle = `VH-${digits(rng, 5)}`;
  return [
    lrus(t, rev, 'error', 'assign driver failed', { error: 'redsync: failed to acquire lock', vehicle, driver: `DR-${digits(rng, 4)}` }),
    ginAccess(rng, t + 4000, rev, 'POST', `/v1/vehicles/${vehicle}/assign`, 500, 'Error #01: redsync: failed to acquire lock'),
  ];
}, 0.35);

// The ETA endpoint runs through the Maps quota at the morning peak: only the access record.
const fgEta = fam(`${FG}:eta-maps-over-query-limit`, 'ERROR', [30, 80], ({ rng, t, rev }) =>
  [ginAccess(rng, t, rev, 'GET', `/v1/trips/${digits(rng, 7)}/eta`, 500, 'Error #01: maps: OVER_QUERY_LIMIT - You have exceeded your rate-limit for this API.')], 0.3);

// GPS fixes too coarse to use (frequent).
const fgFix = fam(`${FG}:gps-fix-rejected`, 'WARNING', [120, 240], ({ rng, t, rev }) =>
  [lrus(t, rev, 'warning', 'gps fix rejected: accuracy too low', { vehicle: `VH-${digits(rng, 5)}`, accuracy_m: rng.int(120, 2500), limit_m: 100 })]);

const fgChatter = fam(`noise:${FG}:chatter`, 'INFO', [240, 380], ({ rng, t, rev }) => {
  if (rng.chance(0.75)) return [ginAccess(rng, t, rev, 'GET', rng.pick(['/healthz', `/v1/vehicles/VH-${digits(rng, 5)}`, '/v1/trips?open=true']), 200)];
  return [lrus(t, rev, 'info', 'trip closed', { trip: digits(rng, 7), stops: rng.int(1, 30), errors: 0 })];
});

export const fleetGinrus: ServiceDef = {
  name: FG, stack: 'Go 1.23, gin 1.10 (release mode), toorop/gin-logrus, logrus 1.9, go-redsync 4, google-maps-services-go', splitRate: 0.6,
  families: [fgAssign, fgEta, fgFix, fgChatter],
};


