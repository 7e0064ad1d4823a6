// recs-warp: a Haskell recommendations API on servant and warp, postgresql-simple and http-client. The
// morning revision logs with monad-logger's default text (`[Error] msg @(pkg:Module file:line:col)`, no
// time), the afternoon one with katip's JSON scribe (`at`, `env`, `host`, `loc`, `msg`, `ns`, `pid`,
// `sev` as `Error`/`Warning`/`Info`, `thread`). warp's default onException handler prints `show` of what
// escaped a handler to stderr (http-client's HttpExceptionRequest shows its Request record over many
// lines); wai-extra's Apache-format request logger writes the access lines. The GHC runtime's heap
// exhaustion ends the process. Texts as in yesodweb/wai#607, #610, PostgREST/postgrest#827
// (warp's messages), postgresql-simple's `SqlError {…}` show instance, GHC's RTS messages.
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import type { Prng } from '../prng.js';
import { clf, isoMicros } from './clock.js';

type HLevel = 'Info' | 'Warn' | 'Error';
const KATIP_SEV: Record<HLevel, string> = { Info: 'Info', Warn: 'Warning', Error: 'Error' };

function hlog(rng: Prng, t: number, rev: 0 | 1, level: HLevel, mod: string, file: string, line: number, msg: string): Write {
  if (rev === 1) {
    return {
      stream: 'stdout',
      json: {
        at: isoMicros(t), data: {}, env: 'production', host: 'localhost', loc: { loc_col: 5, loc_fn: file, loc_ln: line, loc_mod: mod, loc_pkg: 'recs-0.3.1-inplace' },
        msg, ns: ['recs'], pid: '1', sev: KATIP_SEV[level], thread: String(rng.int(8, 400)),
      },
    };
  }
  return { stream: level === 'Info' ? 'stdout' : 'stderr', text: `[${level}] ${msg} @(recs-0.3.1-inplace:${mod} ${file}:${line}:5)` };
}

export const recsWarp: ServiceDef = {
  name: 'recs-warp', stack: 'GHC 9.6, servant 0.20, warp 3.4, postgresql-simple, http-client, katip after the rollout', splitRate: 0.7,
  families: [
    {
      name: 'recs-warp:recs-query-statement-timeout', level: 'ERROR', perDay: [12, 35],
      emit: ({ rng, t, rev }) => [hlog(rng, t, rev, 'Error', 'Recs.Store', 'src/Recs/Store.hs', 88,
        `recommendations query failed for user ${rng.int(1, 900000)}: SqlError {sqlState = "57014", sqlExecStatus = FatalError, sqlErrorMsg = "canceling statement due to statement timeout", sqlErrorDetail = "", sqlErrorHint = ""}`)],
    },
    {
      // The feature-flag client's exception escapes the handler; warp's onException prints its show.
      name: 'recs-warp:features-connection-refused', level: 'ERROR', perDay: [8, 25],
      emit: ({ rng }) => [{
        stream: 'stderr',
        text: [
          'HttpExceptionRequest Request {',
          '  host                 = "features.internal"',
          '  port                 = 8080',
          '  secure               = False',
          '  requestHeaders       = [("Accept","application/json")]',
          `  path                 = "/v1/flags/recs-${rng.pick(['ranker', 'diversity', 'fresh'])}"`,
          '  queryString          = ""',
          '  method               = "GET"',
          '  proxy                = Nothing',
          '  rawBody              = False',
          '  redirectCount        = 10',
          '  responseTimeout      = ResponseTimeoutDefault',
          '  requestVersion       = HTTP/1.1',
          '  proxySecureMode      = ProxySecureWithConnect',
          '}',
          ` (ConnectionFailure Network.Socket.connect: <socket: ${rng.int(11, 90)}>: does not exist (Connection refused))`,
        ].join('\n'),
      }],
    },
    {
      name: 'recs-warp:flags-stale', level: 'WARNING', perDay: [100, 250],
      emit: ({ rng, t, rev }) => [hlog(rng, t, rev, 'Warn', 'Recs.Flags', 'src/Recs/Flags.hs', 52, `feature flags stale (age ${rng.int(600, 3000)}s), serving defaults`)],
    },
    {
      // The process runs out of its RTS heap (`+RTS -M512m`): the runtime's lines, then the platform's exit.
      name: 'recs-warp:heap-exhausted', level: 'CRITICAL', perDay: [1, 4],
      emit: () => [
        { stream: 'stderr', text: 'recs: Heap exhausted;\nrecs: Current maximum heap size is 536870912 bytes (512 MB).\nrecs: Use `+RTS -M<size>\' to increase it.' },
        { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(251).', as: { family: 'recs-warp:container-exit', level: 'WARNING' } },
      ],
    },
    {
      name: 'noise:recs-warp:access', level: 'INFO', perDay: [300, 600],
      emit: ({ rng, t }) => {
        const status = rng.weighted([[200, 92], [404, 5], [500, 3]] as const);
        return [{ stream: 'stdout', text: `169.254.1.1 - - [${clf(t)}] "GET /v2/recs/${rng.int(1, 900000)}?n=${rng.pick([10, 20])} HTTP/1.1" ${status} - "" "${rng.pick(['okhttp/4.12.0', 'Dart/3.5 (dart:io)'])}"` }];
      },
    },
    {
      name: 'noise:recs-warp:model-reload', level: 'INFO', perDay: [40, 90],
      emit: ({ rng, t, rev }) => [hlog(rng, t, rev, 'Info', 'Recs.Model', 'src/Recs/Model.hs', 31, `model reloaded: ${rng.int(10000, 90000)} items, 0 errors`)],
    },
  ] satisfies Family[],
};
