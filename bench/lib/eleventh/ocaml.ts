// feed-dream: OCaml 5.2, Dream 1.0.0~alpha, Caqti (PostgreSQL), cohttp-lwt for upstream feeds. Dream's
// reporter (src/server/log.ml) writes to stderr `dd.mm.yy HH:MM:SS.mmm`, the source right-aligned in 15
// columns, the level in five (`ERROR`, ` WARN`, ` INFO`), ` REQ n` when a request is known, then the
// message. An exception a handler raised is logged twice, each time as `Printexc.to_string exn` and then
// **each line of the backtrace as its own record with the same header** (`Raised at ...`, `Called from
// ...`): by the logger middleware at WARN (`dream.logger  WARN REQ n Aborted by: ...`) and by the error
// handler at ERROR (`dream.http ERROR REQ n ...`, src/http/error_handler.ml): one problem printed two ways.
// The later revision installs a JSON reporter: one line per record, `severity`, the backtrace as an array.
import type { Ctx, ServiceDef, Write } from '../stranger/model.js';
import { dreamTime, isoMicros } from './clock.js';
import { familyOf } from './family.js';

const SERVICE = 'feed-dream';
const fam = familyOf(SERVICE);

type DreamLevel = 'INFO' | 'WARN' | 'ERROR';

/** Dream's columns; request 0 is a record no request is known for (no `REQ n`). */
function head(ctx: Ctx, source: string, level: DreamLevel, req: number): string {
  return `${dreamTime(ctx.t)} ${source.padStart(15, ' ')} ${level.padStart(5, ' ')}${req === 0 ? '' : ` REQ ${req}`} `;
}

/** One record; with a backtrace, Dream's reporter writes each of its lines as another record. */
function log(ctx: Ctx, source: string, level: DreamLevel, req: number, message: string, backtrace?: string[]): Write[] {
  if (ctx.rev === 1) {
    return [{ stream: 'stderr', json: { severity: level === 'WARN' ? 'WARNING' : level, time: `${isoMicros(ctx.t)}Z`, source, ...(req === 0 ? {} : { request: String(req) }), message, ...(backtrace ? { backtrace } : {}) } }];
  }
  return [message, ...(backtrace ?? [])].map((m) => ({ stream: 'stderr' as const, text: `${head(ctx, source, level, req)}${m}` }));
}

/** A handler's exception as Dream logs it: the logger middleware's WARN records, then the error handler's. */
function handlerException(ctx: Ctx, family: string, exn: string, backtrace: string[]): Write[] {
  const req = reqId(ctx);
  const aborted = log(ctx, 'dream.logger', 'WARN', req, `Aborted by: ${exn}`, backtrace).map((w) => ({ ...w, as: { family, level: 'WARNING' as const } }));
  return [...aborted, ...log(ctx, 'dream.http', 'ERROR', req, exn, backtrace)];
}

const reqId = (ctx: Ctx): number => ctx.rng.int(1, 90000);

const lwt = [
  'Called from Lwt.Sequential_composition.bind.create_result_promise_and_callback_if_deferred.callback in file "src/core/lwt.ml", line 1844, characters 23-26',
  'Re-raised at Lwt.Miscellaneous.poll in file "src/core/lwt.ml", line 3068, characters 20-29',
  'Called from Dream__server__Catch.catch.(fun) in file "src/server/catch.ml", line 32, characters 10-36',
];


export const feedDream: ServiceDef = {
  name: SERVICE,
  stack: 'OCaml 5.2, Dream 1.0.0~alpha7, Caqti 2 (PostgreSQL), cohttp-lwt',
  splitRate: 0.7,
  families: [
    fam('request', 'INFO', [320, 520], (ctx) => {
      const req = reqId(ctx);
      const path = `/feed/${ctx.rng.lower(6)}.${ctx.rng.pick(['rss', 'atom', 'json'])}`;
      return ctx.rng.chance(0.5)
        ? log(ctx, 'dream.logger', 'INFO', req, `GET ${path} ${ctx.rng.privateIpv4()}:${ctx.rng.int(30000, 60000)} ${ctx.rng.pick(['Feedly/1.0', 'NetNewsWire (RSS Reader)', 'Mozilla/5.0'])}`)
        : log(ctx, 'dream.logger', 'INFO', req, `${ctx.rng.pick([200, 200, 304])} in ${ctx.rng.int(90, 9000)} μs`);
    }),
    fam('poll', 'INFO', [30, 60], (ctx) => log(ctx, 'feed', 'INFO', 0, `poll cycle: ${ctx.rng.int(40, 400)} sources, ${ctx.rng.int(0, 90)} new items, 0 errors`)),
    fam('statement-timeout', 'ERROR', [8, 20], (ctx) => handlerException(ctx, `${SERVICE}:statement-timeout`,
      'Failure("Request to <postgresql://10.8.0.9:5432/feed> failed: ERROR:  canceling statement due to statement timeout\\n Query: \\"SELECT id, title, link, published_at FROM items WHERE feed_id = ? ORDER BY published_at DESC LIMIT 50\\".")', [
        'Raised at Stdlib.failwith in file "stdlib.ml", line 29, characters 17-33',
        'Called from Feed__Store.latest.(fun) in file "lib/store.ml", line 41, characters 15-52',
        ...lwt,
      ]), 0.3),
    fam('render-not-found', 'ERROR', [5, 14], (ctx) => handlerException(ctx, `${SERVICE}:render-not-found`, 'Not_found', [
      'Raised at Stdlib__Hashtbl.find in file "hashtbl.ml", line 546, characters 13-28',
      'Called from Feed__Render.entry in file "lib/render.ml", line 73, characters 16-44',
      'Called from Stdlib__List.map in file "list.ml", line 86, characters 15-19',
      ...lwt,
    ])),
    fam('upstream-json-error', 'ERROR', [10, 26], (ctx) => log(ctx, 'feed', 'ERROR', 0,
      `upstream https://${ctx.rng.lower(7)}.example.org/feed.json: Yojson__Common.Json_error("Line 1, bytes 0-${ctx.rng.int(5, 15)}:\\nInvalid token '<html>'")`)),
    // Frequent and real: sources that answer slowly hold the poller.
    fam('upstream-slow', 'WARNING', [70, 180], (ctx) => log(ctx, 'feed', 'WARN', 0,
      `upstream https://${ctx.rng.lower(7)}.example.org/rss slow: ${ctx.rng.fixed(3, 12, 2)}s (budget 3s)`)),
  ],
};
