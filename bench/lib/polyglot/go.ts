// Go services. `fleet-zerolog`: zerolog's JSON (`level`, `error`, `message`, `caller`, `time`) with no
// `severity` on the morning revision; after the rollout zerolog is configured the way Cloud Run's docs
// suggest (`zerolog.LevelFieldName = "severity"`, upper-case levels), so Cloud Run sets the entry's
// severity and the same records carry `severity` instead of `level`. A data race ends the process with
// the runtime's `fatal error: concurrent map writes` and its goroutine dump. `sync-logrus`: logrus'
// TextFormatter (`time=".." level=error msg=".." key=value`, the form it takes when stdout is not a
// terminal) on the morning revision, its JSONFormatter (keys sorted) after.
//
// Sources: zerolog's field order (`level`, fields, `error`, `time`, `message`) as printed in
// rs/zerolog#311; zerolog's LevelFieldName/LevelFieldMarshalFunc, https://pkg.go.dev/github.com/rs/zerolog;
// the runtime's `fatal error: concurrent map writes` dump, slackhq/nebula#316, albus01/ibenchmark#2,
// labstack/echo#2784; logrus' non-terminal text form, sirupsen/logrus#1191 and #150; logrus'
// JSONFormatter, https://pkg.go.dev/github.com/sirupsen/logrus#JSONFormatter; grpc-go status strings
// (`rpc error: code = DeadlineExceeded desc = context deadline exceeded`), grpc/grpc-go#4838.
import type { Prng } from '../prng.js';
import type { Ctx, Family, ServiceDef, Write } from '../stranger/model.js';
import { goOff, rfc3339 } from './text.js';

const GOROOT = '/usr/local/go/src';

// ---- fleet-zerolog ----------------------------------------------------------------------------

type ZLevel = 'info' | 'warn' | 'error';

function zerolog(ctx: Ctx, level: ZLevel, caller: string, message: string, fields: Record<string, unknown>, err?: string): Write {
  const json: Record<string, unknown> = {};
  if (ctx.rev === 0) json.level = level;
  else json.severity = level === 'warn' ? 'WARNING' : level.toUpperCase();
  Object.assign(json, fields);
  if (err !== undefined) json.error = err;
  json.time = rfc3339(ctx.t);
  json.caller = caller;
  json.message = message;
  return { stream: 'stdout', json };
}

const vehicle = (rng: Prng): string => `VH-${rng.upperAlnum(6)}`;

const decodeEof: Family = {
  name: 'fleet-zerolog:telemetry-decode-eof', level: 'ERROR', perDay: [40, 120], burst: 0.3,
  emit(ctx) {
    const { rng } = ctx;
    return [zerolog(ctx, 'error', '/app/internal/telemetry/ingest.go:88', 'decode telemetry frame',
      { vehicle_id: vehicle(rng), bytes: rng.int(12, 4096), remote: `10.8.${rng.int(0, 15)}.${rng.int(2, 250)}:${rng.int(30000, 60999)}` }, 'unexpected EOF')];
  },
};

// One call site, two gRPC codes: two problems.
const publishDeadline: Family = {
  name: 'fleet-zerolog:publish-deadline-exceeded', level: 'ERROR', perDay: [20, 60],
  emit(ctx) {
    const { rng } = ctx;
    return [zerolog(ctx, 'error', '/app/internal/positions/publisher.go:61', 'publish position update',
      { vehicle_id: vehicle(rng), topic: 'positions', attempt: rng.int(1, 5) }, 'rpc error: code = DeadlineExceeded desc = context deadline exceeded')];
  },
};

const publishUnavailable: Family = {
  name: 'fleet-zerolog:publish-unavailable', level: 'ERROR', perDay: [10, 35],
  emit(ctx) {
    const { rng } = ctx;
    return [zerolog(ctx, 'error', '/app/internal/positions/publisher.go:61', 'publish position update',
      { vehicle_id: vehicle(rng), topic: 'positions', attempt: rng.int(1, 5) }, 'rpc error: code = Unavailable desc = The service was unable to fulfill your request. Please try again. [code=8a75]')];
  },
};

const geofenceStale: Family = {
  name: 'fleet-zerolog:geofence-cache-stale', level: 'WARNING', perDay: [60, 160],
  emit(ctx) {
    const { rng } = ctx;
    return [zerolog(ctx, 'warn', '/app/internal/geofence/cache.go:140', 'geofence cache is stale, serving last known polygons',
      { age: `${rng.int(6, 59)}m${rng.int(0, 59)}s`, polygons: rng.int(200, 4000) })];
  },
};

function goFrame(rng: Prng, fn: string, file: string, line: number): string {
  return `${fn}\n\t${file}:${line} ${goOff(rng)} fp=0xc000${rng.hex(6)} sp=0xc000${rng.hex(6)} pc=0x${rng.hex(6)}`;
}

const mapWrites: Family = {
  name: 'fleet-zerolog:concurrent-map-writes', level: 'CRITICAL', perDay: [2, 6],
  emit(ctx) {
    const { rng } = ctx;
    const text = [
      'fatal error: concurrent map writes',
      '',
      `goroutine ${rng.int(30, 9000)} [running]:`,
      goFrame(rng, `runtime.throw({0x${rng.hex(6)}?, 0x0?})`, `${GOROOT}/runtime/panic.go`, 1023),
      goFrame(rng, `runtime.mapassign_faststr(0x${rng.hex(6)}, 0xc000${rng.hex(6)}, {0xc000${rng.hex(6)}, 0x9})`, `${GOROOT}/runtime/map_faststr.go`, 211),
      goFrame(rng, `github.com/acme/fleet/internal/positions.(*Tracker).Update(0xc000${rng.hex(6)}, {0xc000${rng.hex(6)}, 0x9}, 0x${rng.hex(8)})`, '/app/internal/positions/tracker.go', 47),
      goFrame(rng, `github.com/acme/fleet/internal/telemetry.(*Ingest).handle(0xc000${rng.hex(6)}, 0xc000${rng.hex(6)})`, '/app/internal/telemetry/ingest.go', 104),
      `runtime.goexit({})\n\t${GOROOT}/runtime/asm_amd64.s:1695 +0x1 fp=0xc000${rng.hex(6)} sp=0xc000${rng.hex(6)} pc=0x${rng.hex(6)}`,
      `created by github.com/acme/fleet/internal/telemetry.(*Ingest).Serve in goroutine ${rng.int(1, 30)}\n\t/app/internal/telemetry/ingest.go:71 +0x1c5`,
    ].join('\n');
    return [
      { stream: 'stderr', text },
      { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(2).', as: { family: 'fleet-zerolog:container-exit', level: 'WARNING' } },
    ];
  },
};

const fleetInfo: Family = {
  name: 'noise:fleet-zerolog:chatter', level: 'INFO', perDay: [300, 450],
  emit(ctx) {
    const { rng } = ctx;
    return [rng.chance(0.6)
      ? zerolog(ctx, 'info', '/app/internal/positions/flush.go:33', 'positions flushed', { batch: rng.int(10, 900), errors: 0, dropped: 0 })
      : zerolog(ctx, 'info', '/app/internal/api/log.go:19', 'request', { method: 'POST', path: '/v1/positions', status: 202, latency_ms: rng.int(1, 80), errors: 0 })];
  },
};

export const fleetZerolog: ServiceDef = {
  name: 'fleet-zerolog', stack: 'Go 1.22, zerolog, grpc-go (Pub/Sub)', splitRate: 0.75,
  families: [decodeEof, publishDeadline, publishUnavailable, geofenceStale, mapWrites, fleetInfo],
};

// ---- sync-logrus ------------------------------------------------------------------------------

type LLevel = 'info' | 'warning' | 'error' | 'fatal';

/** logrus TextFormatter (quotes a value with spaces or quotes) or JSONFormatter (keys sorted). */
function logrus(ctx: Ctx, level: LLevel, msg: string, fields: Record<string, string | number>): Write {
  if (ctx.rev === 1) {
    const all: Record<string, string | number> = { ...fields, level, msg, time: rfc3339(ctx.t) };
    const json: Record<string, unknown> = {};
    for (const k of Object.keys(all).sort()) json[k] = all[k];
    return { stream: 'stderr', json };
  }
  const q = (v: string | number): string => (typeof v === 'number' || /^[\w./:@-]+$/.test(v) ? String(v) : JSON.stringify(v));
  const kv = Object.keys(fields).sort().map((k) => ` ${k}=${q(fields[k] as string | number)}`).join('');
  return { stream: 'stderr', text: `time="${rfc3339(ctx.t)}" level=${level} msg=${q(msg)}${kv}` };
}

const account = (rng: Prng): string => `acct_${rng.alnum(10)}`;

// One HTTP client, two statuses: two problems.
const crm503: Family = {
  name: 'sync-logrus:crm-unavailable-503', level: 'ERROR', perDay: [20, 60], burst: 0.25,
  emit(ctx) {
    const { rng } = ctx;
    const page = rng.int(1, 40);
    return [logrus(ctx, 'error', 'fetch contacts page', { account: account(rng), page, error: `unexpected status 503 Service Unavailable from https://crm.example.com/api/v2/contacts?page=${page}` })];
  },
};

const crm401: Family = {
  name: 'sync-logrus:crm-unauthorized-401', level: 'ERROR', perDay: [10, 30],
  emit(ctx) {
    const { rng } = ctx;
    const page = rng.int(1, 40);
    return [logrus(ctx, 'error', 'fetch contacts page', { account: account(rng), page, error: `unexpected status 401 Unauthorized from https://crm.example.com/api/v2/contacts?page=${page}` })];
  },
};

const serialization: Family = {
  name: 'sync-logrus:upsert-serialization-failure', level: 'ERROR', perDay: [10, 35],
  emit(ctx) {
    const { rng } = ctx;
    return [logrus(ctx, 'error', 'upsert contacts', { account: account(rng), rows: rng.int(1, 500), error: 'ERROR: could not serialize access due to concurrent update (SQLSTATE 40001)' })];
  },
};

const configFatal: Family = {
  name: 'sync-logrus:config-missing-fatal', level: 'CRITICAL', perDay: [1, 4],
  emit(ctx) {
    return [
      logrus(ctx, 'fatal', 'cannot load config', { error: 'open /secrets/crm/credentials.json: no such file or directory' }),
      { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(1).', as: { family: 'sync-logrus:container-exit', level: 'WARNING' } },
    ];
  },
};

const slowBatch: Family = {
  name: 'sync-logrus:slow-sync-batch', level: 'WARNING', perDay: [40, 120],
  emit(ctx) {
    const { rng } = ctx;
    return [logrus(ctx, 'warning', 'sync batch slower than budget', { account: account(rng), took: `${rng.fixed(10, 90, 3)}s`, budget: '10s', contacts: rng.int(100, 9000) })];
  },
};

const syncInfo: Family = {
  name: 'noise:sync-logrus:chatter', level: 'INFO', perDay: [250, 400],
  emit(ctx) {
    const { rng } = ctx;
    return [rng.chance(0.7)
      ? logrus(ctx, 'info', 'sync pass done', { account: account(rng), contacts: rng.int(0, 9000), errors: 0, failed: 0 })
      : logrus(ctx, 'info', 'token refreshed', { expires_in: `${rng.int(50, 60)}m0s`, error: '<nil>' })];
  },
};

export const syncLogrus: ServiceDef = {
  name: 'sync-logrus', stack: 'Go 1.21, logrus, pgx', splitRate: 0.7,
  families: [crm503, crm401, serialization, configFatal, slowBatch, syncInfo],
};
