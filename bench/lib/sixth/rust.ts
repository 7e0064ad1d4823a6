// actix-web 4 on Rust 1.82. env_logger's default format (`[2026-12-03T10:00:00Z LEVEL target] msg`) on
// the morning revision, log4rs's JsonEncoder after (`time`, `message`, `module_path`, `file`, `line`,
// `level`, `target`, `thread`, `thread_id`, `mdc`; no `severity`). actix's Logger middleware writes its
// access line through the same logger; a handler panic is the std panic hook's text on stderr, whatever
// the logger (the arbiter thread survives); a failing `main` prints `Error: <Debug>`.
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { isoNanosOffset, isoSeconds } from './clock.js';

type Level = 'ERROR' | 'WARN' | 'INFO';
const arbiter = (rng: Prng): string => `actix-rt|system:0|arbiter:${rng.int(0, 3)}`;

function log(rev: 0 | 1, t: number, rng: Prng, level: Level, target: string, file: string, line: number, msg: string): Write {
  if (rev === 0) return { stream: 'stderr', text: `[${isoSeconds(t)} ${level.padEnd(5)} ${target}] ${msg}` };
  const thread = arbiter(rng);
  return { stream: 'stdout', json: { time: isoNanosOffset(t), message: msg, module_path: target, file, line, level, target, thread, thread_id: rng.int(2, 6), mdc: {} } };
}

const families: Family[] = [
  {
    name: 'search-actix:es-query-timeout', level: 'ERROR', perDay: [20, 60], burst: 0.25,
    emit: ({ rng, t, rev }) => [log(rev, t, rng, 'ERROR', 'search::handlers::search', 'src/handlers/search.rs', 88,
      `search failed for q=${JSON.stringify(rng.pick(['running shoes', 'usb-c hub', 'tent 2p', 'gift card']))}: error sending request for url (http://10.20.0.9:9200/products/_search): operation timed out`)],
  },
  {
    name: 'search-actix:suggest-unwrap-none', level: 'ERROR', perDay: [5, 20],
    emit: ({ rng }) => [{ stream: 'stderr', text: `thread '${arbiter(rng)}' panicked at src/handlers/suggest.rs:57:41:\ncalled \`Option::unwrap()\` on a \`None\` value\nnote: run with \`RUST_BACKTRACE=1\` environment variable to display a backtrace` }],
  },
  {
    name: 'search-actix:redis-cache-reset', level: 'WARNING', perDay: [80, 200],
    emit: ({ rng, t, rev }) => [log(rev, t, rng, 'WARN', 'search::cache', 'src/cache.rs', 42, `redis GET facets:${rng.hex(8)} failed, serving uncached: Connection reset by peer (os error 104)`)],
  },
  {
    // A new instance cannot open the index snapshot: main returns the error, the process ends.
    name: 'search-actix:snapshot-open-failed', level: 'CRITICAL', perDay: [1, 3],
    emit: () => [
      { stream: 'stderr', text: 'Error: Os { code: 2, kind: NotFound, message: "No such file or directory" }' },
      { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(1).', as: { family: 'search-actix:container-exit', level: 'WARNING' } },
    ],
  },
  {
    name: 'noise:search-actix:access', level: 'INFO', perDay: [400, 800],
    emit: ({ rng, t, rev }) => {
      const status = rng.weighted([[200, 20], [404, 1], [500, 1]] as const);
      const q = rng.pick(['shoes', 'hub', 'tent', 'error+code+e42']);
      return [log(rev, t, rng, 'INFO', 'actix_web::middleware::logger', '/usr/local/cargo/registry/src/index.crates.io-6f17d22bba15001f/actix-web-4.9.0/src/middleware/logger.rs', 421,
        `169.254.1.1 "GET /search?q=${q} HTTP/1.1" ${status} ${rng.int(20, 9000)} "-" "okhttp/4.12.0" ${rng.fixed(0.0005, 0.4, 6)}`)];
    },
  },
  {
    name: 'noise:search-actix:indexer', level: 'INFO', perDay: [60, 150],
    emit: ({ rng, t, rev }) => [log(rev, t, rng, 'INFO', 'search::indexer', 'src/indexer.rs', 130, `delta reindex finished: ${rng.int(10, 4000)} docs, 0 errors, took ${rng.int(40, 900)}ms`)],
  },
];

export const searchActix: ServiceDef = { name: 'search-actix', stack: 'Rust 1.82, actix-web 4, reqwest, redis', splitRate: 0.7, families };
