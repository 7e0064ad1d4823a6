// tiles-julia: a Julia 1.11 map-tile and geocoding API on Oxygen.jl over HTTP.jl 1.10, LibPQ.jl on
// PostGIS. Morning revision: Base's ConsoleLogger on stderr (`┌ Error: msg` / `│   key = value` /
// `└ @ Module file:line`, an exception's lines under `│    `; a one-line Info as `[ Info: msg`).
// After the rollout: LoggingExtras' FormatLogger with LoggingFormats.JSON (`level`, `msg`, `module`,
// `file`, `line`, `group`, `id`, `kwargs`), one object a line, no `severity`.
import type { Ctx, Family, ServiceDef } from '../stranger/model.js';

const SVC = 'tiles-julia';
const DEPOT = '/root/.julia/packages';

interface Rec { level: 'Error' | 'Warn' | 'Info'; msg: string; module: string; file: string; line: number; kwargs: Record<string, string>; exception?: string[] }

function julia(ctx: Ctx, r: Rec) {
  if (ctx.rev === 1) {
    const kwargs: Record<string, string> = { ...r.kwargs };
    if (r.exception) kwargs.exception = r.exception.join('\n');
    const group = r.file.split('/').pop()?.replace(/\.jl$/, '') ?? '';
    return { stream: 'stderr' as const, json: { level: r.level.toLowerCase(), msg: r.msg, module: r.module, file: r.file, line: r.line, group, id: `${r.module.replace(/\./g, '_')}_${ctx.rng.hex(8)}`, kwargs } };
  }
  const body: string[] = [];
  for (const [k, v] of Object.entries(r.kwargs)) body.push(`│   ${k} = ${v}`);
  if (r.exception) {
    body.push('│   exception =');
    for (const l of r.exception) body.push(`│    ${l}`);
  }
  const label = r.level === 'Warn' ? 'Warning' : r.level;
  if (r.level === 'Info' && body.length === 0) return { stream: 'stderr' as const, text: `[ Info: ${r.msg}` };
  const tail = r.level === 'Info' ? [`└   ${body.pop()?.slice(4) ?? ''}`] : [`└ @ ${r.module} ${r.file}:${r.line}`];
  // ConsoleLogger prints paths under the home directory (/root in the image) with `~`.
  return { stream: 'stderr' as const, text: [`┌ ${label}: ${r.msg}`, ...body, ...tail].join('\n').replaceAll('/root/', '~/') };
}

const geocodeKeyError: Family = {
  name: `${SVC}:geocode-keyerror-lat`, level: 'ERROR', perDay: [30, 90], burst: 0.2,
  emit: (ctx) => [julia(ctx, {
    level: 'Error', msg: 'geocode request failed', module: 'Main.Routes', file: '/app/src/routes.jl', line: 48,
    kwargs: { q: JSON.stringify(`${ctx.rng.int(1, 200)} ${ctx.rng.pick(['Rue de Rivoli', 'Kaiserstraße', 'Via Roma', 'Calle Mayor'])}`) },
    exception: [
      'KeyError: key "lat" not found',
      'Stacktrace:',
      '  [1] getindex(h::Dict{String, Any}, key::String)',
      '    @ Base ./dict.jl:477',
      '  [2] first_hit(body::Vector{Any})',
      '    @ Main.Upstream /app/src/upstream.jl:57',
      '  [3] geocode(req::HTTP.Messages.Request)',
      '    @ Main.Routes /app/src/routes.jl:44',
      '  [4] (::Oxygen.Core.var"#handler#25"{typeof(Main.Routes.geocode)})(req::HTTP.Messages.Request)',
      `    @ Oxygen.Core ${DEPOT}/Oxygen/Qj8Wb/src/core.jl:322`,
    ],
  })],
};

const tileTimeout: Family = {
  name: `${SVC}:tile-query-statement-timeout`, level: 'ERROR', perDay: [20, 60],
  emit: (ctx) => [julia(ctx, {
    level: 'Error', msg: 'tile query failed', module: 'Main.Tiles', file: '/app/src/tiles.jl', line: 91,
    kwargs: { z: String(ctx.rng.int(3, 16)), x: String(ctx.rng.int(0, 30000)), y: String(ctx.rng.int(0, 30000)) },
    exception: [
      'LibPQ.Errors.QueryCanceled: ERROR:  canceling statement due to statement timeout',
      '',
      'Stacktrace:',
      '  [1] handle_result(result::LibPQ.Result{true}; throw_error::Bool)',
      `    @ LibPQ ${DEPOT}/LibPQ/6fVY8/src/results.jl:224`,
      '  [2] execute(conn::LibPQ.Connection, query::String, parameters::Vector{Int64}; kwargs::@Kwargs{})',
      `    @ LibPQ ${DEPOT}/LibPQ/6fVY8/src/results.jl:298`,
      '  [3] render_tile(pool::Main.Db.Pool, z::Int64, x::Int64, y::Int64)',
      '    @ Main.Tiles /app/src/tiles.jl:84',
    ],
  })],
};

const handlerIoError: Family = {
  name: `${SVC}:handle-connection-stream-closed`, level: 'ERROR', perDay: [15, 50],
  emit: (ctx) => [julia(ctx, {
    level: 'Error', msg: 'handle_connection handler error', module: 'HTTP.Servers', file: `${DEPOT}/HTTP/sJD5V/src/Servers.jl`, line: 483, kwargs: {},
    exception: [
      'IOError: stream is closed or unusable',
      'Stacktrace:',
      '  [1] check_open',
      '    @ ./stream.jl:388 [inlined]',
      '  [2] uv_write_async(s::Sockets.TCPSocket, p::Ptr{UInt8}, n::UInt64)',
      '    @ Base ./stream.jl:1108',
      '  [3] unsafe_write(s::Sockets.TCPSocket, p::Ptr{UInt8}, n::UInt64)',
      '    @ Base ./stream.jl:1154',
      '  [4] handle_connection(f::Function, c::HTTP.Connections.Connection{Sockets.TCPSocket}, listener::HTTP.Servers.Listener{Nothing, Sockets.TCPServer}, readtimeout::Int64, access_log::Nothing)',
      `    @ HTTP.Servers ${DEPOT}/HTTP/sJD5V/src/Servers.jl:469`,
    ],
  })],
};

const slowUpstream: Family = {
  name: `${SVC}:slow-nominatim-warning`, level: 'WARNING', perDay: [90, 200],
  emit: (ctx) => [julia(ctx, {
    level: 'Warn', msg: 'slow upstream response', module: 'Main.Upstream', file: '/app/src/upstream.jl', line: 31,
    kwargs: { url: '"https://nominatim.tallowmere.internal/search"', elapsed: ctx.rng.float(2, 9, 3).toFixed(3) },
  })],
};

const tilesChatter: Family = {
  name: `noise:${SVC}:tiles`, level: 'INFO', perDay: [200, 400],
  emit: (ctx) => [ctx.rng.chance(0.5)
    ? julia(ctx, { level: 'Info', msg: 'tiles rendered', module: 'Main.Tiles', file: '/app/src/tiles.jl', line: 120, kwargs: { count: String(ctx.rng.int(1, 4000)), errors: '0' } })
    : julia(ctx, { level: 'Info', msg: `cache warmed: ${ctx.rng.int(100, 9000)} tiles`, module: 'Main.Cache', file: '/app/src/cache.jl', line: 17, kwargs: {} })],
};

const startChatter: Family = {
  name: `noise:${SVC}:startup`, level: 'INFO', perDay: [4, 12],
  emit: (ctx) => [julia(ctx, { level: 'Info', msg: 'Listening on: 0.0.0.0:8080, thread id: 1', module: 'HTTP.Servers', file: `${DEPOT}/HTTP/sJD5V/src/Servers.jl`, line: 382, kwargs: {} })],
};

export const tilesJulia: ServiceDef = {
  name: SVC, stack: 'Julia 1.11, Oxygen.jl 1.5, HTTP.jl 1.10, LibPQ.jl 1.18, PostGIS 3', splitRate: 0.75,
  families: [geocodeKeyError, tileTimeout, handlerIoError, slowUpstream, tilesChatter, startChatter],
};
