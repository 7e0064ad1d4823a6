// geo-kemal: Crystal 1.14, Kemal 1.5, crystal-pg, a MaxMind reader. The morning revision keeps Kemal's
// own log handler (access lines `2026-12-02 10:00:00 UTC 200 GET /path 1.23ms`; an exception the route
// raised as `Exception: message (Class)` + `  from file:line:col in 'method'` lines, no time, no level:
// kemalcr/kemal#254, #436 as pasted) and the app's `Log` with Crystal's ShortFormat
// (`2026-12-02T10:00:00.123456Z   WARN - geo: msg`); the later one sends everything through `Log` with a
// JSON formatter (`ts`, `severity`, `source`, `message`, the exception nested under `exception`).
import type { Ctx, ServiceDef, Write } from '../stranger/model.js';
import { crystalTime, isoMicros } from './clock.js';
import { familyOf } from './family.js';

const SERVICE = 'geo-kemal';
const fam = familyOf(SERVICE);

function log(ctx: Ctx, severity: 'INFO' | 'WARN' | 'ERROR', source: string, message: string, exception?: { cls: string; message: string; backtrace: string[] }): Write {
  if (ctx.rev === 1) {
    return { stream: 'stdout', json: { ts: `${isoMicros(ctx.t)}Z`, severity: severity === 'WARN' ? 'WARNING' : severity, source, message, ...(exception ? { exception: { class: exception.cls, message: exception.message, backtrace: exception.backtrace } } : {}) } };
  }
  return { stream: 'stdout', text: `${isoMicros(ctx.t)}Z ${severity.padStart(6, ' ')} - ${source}: ${message}` };
}

/** Kemal's exception handler: its own text on the morning revision, a `Log.error` with the exception after. */
function routeException(ctx: Ctx, cls: string, message: string, backtrace: string[]): Write {
  if (ctx.rev === 1) return log(ctx, 'ERROR', 'kemal', `Exception: ${message} (${cls})`, { cls, message, backtrace });
  return { stream: 'stdout', text: `Exception: ${message} (${cls})\n${backtrace.map((b) => `  from ${b}`).join('\n')}` };
}

const kemal = [
  "lib/kemal/src/kemal/route_handler.cr:49:7 in 'process_request'",
  "lib/kemal/src/kemal/filter_handler.cr:21:7 in 'call'",
  "lib/kemal/src/kemal/exception_handler.cr:8:7 in 'call'",
  "/usr/share/crystal/src/http/server/request_processor.cr:51:11 in 'process'",
  "/usr/share/crystal/src/fiber.cr:141:11 in 'run'",
  "???",
];

export const geoKemal: ServiceDef = {
  name: SERVICE,
  stack: 'Crystal 1.14, Kemal 1.5, crystal-pg 0.28',
  splitRate: 0.72,
  families: [
    fam('access', 'INFO', [320, 520], (ctx) => {
      const status = ctx.rng.weighted([[200, 88], [404, 8], [500, 4]] as const);
      const path = `/v1/lookup?ip=${ctx.rng.publicIpv4()}`;
      if (ctx.rev === 1) return [log(ctx, 'INFO', 'kemal', `${status} GET ${path} ${ctx.rng.fixed(0.2, 30, 2)}ms`)];
      return [{ stream: 'stdout', text: `${crystalTime(ctx.t)} ${status} GET ${path} ${ctx.rng.fixed(0.2, 30, 2)}ms` }];
    }),
    fam('db-reload', 'INFO', [20, 40], (ctx) => [log(ctx, 'INFO', 'geo', `GeoLite2-City reloaded: ${ctx.rng.int(3000000, 3400000)} networks, 0 errors`)]),
    fam('pg-connection-refused', 'ERROR', [8, 22], (ctx) => [routeException(ctx, 'DB::ConnectionRefused', 'Connection refused', [
      "lib/db/src/db/pool.cr:241:7 in 'build_resource'",
      "lib/db/src/db/pool.cr:101:11 in 'checkout'",
      "lib/db/src/db/database.cr:148:7 in 'using_connection'",
      "src/geo/overrides.cr:27:5 in 'override_for'",
      "src/geo/app.cr:34:3 in '->'",
      ...kemal,
    ])], 0.35),
    fam('range-index-error', 'ERROR', [5, 14], (ctx) => [routeException(ctx, 'IndexError', 'Index out of bounds', [
      "/usr/share/crystal/src/indexable.cr:93:15 in '[]'",
      "src/geo/asn.cr:61:14 in 'asn_for'",
      "src/geo/app.cr:41:3 in '->'",
      ...kemal,
    ])]),
    // Frequent and real: the database update keeps failing.
    fam('maxmind-update-failed', 'WARNING', [60, 160], (ctx) => [log(ctx, 'WARN', 'geo.updater',
      `GeoLite2 update failed: HTTP 401 Unauthorized; database is ${ctx.rng.int(31, 60)} days old`)]),
  ],
};
