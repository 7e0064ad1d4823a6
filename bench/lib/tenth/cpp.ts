// tiles-drogon: C++20, Drogon 1.9 on trantor, PostgreSQL through Drogon's ORM client. The morning
// revision prints trantor's own line (`yyyymmdd HH:MM:SS.micros UTC tid LEVEL msg - File.cc:line`, level
// padded to six, as pasted in drogonframework/drogon#1044, #2087 and an-tao/trantor#290); the later
// revision installs an output function (`trantor::Logger::setOutputFunction`) that writes one JSON object
// per line (`severity`, `message`, `thread`, `source`). An uncaught std::bad_alloc ends the process
// through libstdc++'s terminate handler, with no level.
import type { Ctx, ServiceDef, Write } from '../stranger/model.js';
import { trantorTime } from './clock.js';
import { familyOf } from './family.js';

const S = 'tiles-drogon';
const fam = familyOf(S);
const JSON_SEVERITY = { INFO: 'INFO', WARN: 'WARNING', ERROR: 'ERROR', FATAL: 'CRITICAL' } as const;

function trantor(ctx: Ctx, level: keyof typeof JSON_SEVERITY, msg: string, source: string): Write {
  const tid = ctx.rng.int(7, 22);
  if (ctx.rev === 0) return { stream: 'stdout', text: `${trantorTime(ctx.t)} ${tid} ${level.padEnd(6)}${msg} - ${source}` };
  return { stream: 'stdout', json: { severity: JSON_SEVERITY[level], message: msg, thread: tid, source } };
}
const tile = (ctx: Ctx): string => `z=${ctx.rng.int(3, 18)} x=${ctx.rng.int(0, 60000)} y=${ctx.rng.int(0, 60000)}`;

export const tilesDrogon: ServiceDef = {
  name: S, stack: 'C++20, Drogon 1.9, trantor, libpq, Cairo', splitRate: 0.7,
  families: [
    // trantor logs a failed shutdown at FATAL (LOG_SYSFATAL's level) and goes on; labelled as it says.
    fam('shutdown-write-enotconn', 'CRITICAL', [20, 70], (ctx) => [trantor(ctx, 'FATAL', 'Transport endpoint is not connected (errno=107) sockets::shutdownWrite', 'Socket.cc:110')]),
    fam('render-statement-timeout', 'ERROR', [10, 30], (ctx) => [trantor(ctx, 'ERROR', `render ${tile(ctx)} failed: ERROR:  canceling statement due to statement timeout`, 'TileController.cc:88')], 0.3),
    fam('pg-too-many-clients', 'ERROR', [4, 14], (ctx) => [trantor(ctx, 'ERROR', `Connection error: connection to server at "10.40.0.${ctx.rng.int(2, 9)}", port 5432 failed: FATAL:  sorry, too many clients already`, 'PgConnectionLibpq.cc:163')]),
    fam('tile-cache-high-water', 'WARNING', [90, 240], (ctx) => [trantor(ctx, 'WARN', `tile cache above high-water mark: ${ctx.rng.int(91, 99)}% of 2048 MiB, evicting ${ctx.rng.int(100, 4000)} entries`, 'TileCache.cc:54')]),
    fam('bad-alloc-terminate', 'CRITICAL', [1, 4], () => [{ stream: 'stderr', text: "terminate called after throwing an instance of 'std::bad_alloc'\n  what():  std::bad_alloc" }]),
    fam('tile-served', 'INFO', [250, 500], (ctx) => [trantor(ctx, 'INFO', `tile ${tile(ctx)} served in ${ctx.rng.int(1, 300)}ms cache_hit=${ctx.rng.int(0, 1)} errors=0`, 'TileController.cc:40')]),
  ],
};
