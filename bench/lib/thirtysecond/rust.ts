// The day's Rust service: axum 0.8 with tower-http's TraceLayer, printed by tracing-subscriber's compact
// formatter, which gains thread ids and source lines at the rollout.
import type { ServiceDef, Write } from '../stranger/model.js';
import { isoMicros } from './clock.js';
import { fam, req, requestLog, type Req } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// tiles-axum: Rust 1.83, axum 0.8, tower-http 0.6 (`TraceLayer::new_for_http()` with its defaults: the
// `request` span with `method`, `uri`, `version`; `on_request`/`on_response` at DEBUG, filtered out;
// `on_failure` at ERROR, `response failed` with `classification` and `latency` in ms, for every 5xx),
// sqlx 0.8 (`acquire_timeout` 5 s), reqwest 0.12 to a geocoder, a prewarm task. tracing-subscriber
// 0.3 `fmt().compact().with_ansi(false)` on stdout: time, the level in five columns, the span names
// (`request:`), the target, the message, the event's fields, then the span's fields. From the rollout
// `.with_thread_ids(true).with_file(true).with_line_number(true)`. A handler's panic is printed by the
// Rust runtime on stderr and drops the connection (no response: Cloud Run's request log for it was
// not checked, so none is written here).
const TA = 'tiles-axum';

interface Site { target: string; file: string; line: number }

function compact(t: number, rev: 0 | 1, level: 'INFO' | 'WARN' | 'ERROR', site: Site, message: string, fields: string, span?: Req, thread = 7): Write {
  const spans = span ? 'request: ' : '';
  const thr = rev === 1 ? `ThreadId(${String(thread).padStart(2, '0')}) ` : '';
  const loc = rev === 1 ? `${site.file}:${site.line}: ` : '';
  const spanFields = span ? ` method=${span.method} uri=${span.path} version=HTTP/1.1` : '';
  return { stream: 'stdout', text: `${isoMicros(t)} ${level.padStart(5)} ${thr}${spans}${site.target}: ${loc}${message}${fields ? ` ${fields}` : ''}${spanFields}` };
}

const ON_FAILURE: Site = { target: 'tower_http::trace::on_failure', file: '/usr/local/cargo/registry/src/index.crates.io-6f17d22bba15001f/tower-http-0.6.2/src/trace/on_failure.rs', line: 93 };
const LABEL: Record<number, string> = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };
const POOL = 'pool timed out while waiting for an open connection';

/** The handler's record when the error surfaces, TraceLayer's `response failed`, Cloud Run's request log. */
function failure(rng: import('../prng.js').Prng, t: number, rev: 0 | 1, host: string, r: Req, site: Site, message: string, fields: string): Write[] {
  const at = t + r.latencyUs;
  const thread = rng.int(2, 9);
  return [
    { ...compact(at - 300, rev, 'ERROR', site, message, fields, r, thread), delayUs: r.latencyUs - 300 },
    { ...compact(at, rev, 'ERROR', ON_FAILURE, 'response failed', `classification=Status code: ${r.status} ${LABEL[r.status] ?? ''} latency=${Math.floor(r.latencyUs / 1000)} ms`, r, thread), delayUs: rng.int(100, 400) },
    requestLog(rng, host, TA, r, rng.int(300, 2500)),
  ];
}

const tile = (rng: import('../prng.js').Prng): string => `/tiles/${rng.int(6, 15)}/${rng.int(0, 16000)}/${rng.int(0, 11000)}.png`;

export const tilesAxum: ServiceDef = {
  name: TA, stack: 'Rust 1.83, axum 0.8, tower-http TraceLayer, tracing-subscriber compact, sqlx 0.8, reqwest 0.12', splitRate: 0.6,
  families: [
    fam(`${TA}:tile-pool-timeout`, 'ERROR', [50, 120], ({ rng, t, rev, host }) => {
      const r = req(rng, 'GET', tile(rng), 500, rng.int(5_000_400, 5_030_000));
      return failure(rng, t, rev, host, r, { target: 'tiles::render', file: 'src/render.rs', line: 88 }, 'tile render failed', `error=${POOL} layer=${rng.pick(['roads', 'water', 'hillshade'])}`);
    }, 0.3),
    fam(`${TA}:geocode-upstream-timeout`, 'ERROR', [30, 80], ({ rng, t, rev, host }) => {
      const q = `${rng.pick(['keswick', 'ambleside', 'buttermere', 'coniston'])}+${rng.int(1, 99)}`;
      const r = req(rng, 'GET', `/geocode?q=${q}`, 502, rng.int(10_000_200, 10_020_000));
      return failure(rng, t, rev, host, r, { target: 'tiles::geocode', file: 'src/geocode.rs', line: 41 }, 'geocoder request failed', `error=error sending request for url (https://geocode.partner.example/v1/search?q=${q}&limit=5)`);
    }, 0.2),
    // The same pool timeout from the prewarm task, outside any request.
    fam(`${TA}:prewarm-pool-timeout`, 'ERROR', [15, 40], ({ rng, t, rev }) => [compact(t, rev, 'ERROR', { target: 'tiles::prewarm', file: 'src/prewarm.rs', line: 33 }, 'prewarm batch failed', `error=${POOL} zoom=${rng.int(6, 12)}`, undefined, rng.int(2, 9))]),
    // An unwrap on a missing style layer: the runtime's panic message, then the connection is dropped.
    fam(`${TA}:style-unwrap-panic`, 'ERROR', [10, 30], ({ rng }) => [{ stream: 'stderr', text: `thread 'tokio-runtime-worker' panicked at src/style.rs:${rng.pick([57, 58])}:38:\ncalled \`Option::unwrap()\` on a \`None\` value\nnote: run with \`RUST_BACKTRACE=1\` environment variable to display a backtrace` }]),
    fam(`${TA}:style-layer-fallback`, 'WARNING', [150, 300], ({ rng, t, rev }) => [compact(t, rev, 'WARN', { target: 'tiles::style', file: 'src/style.rs', line: 72 }, 'style sheet has no such layer, using the default', `layer=${rng.pick(['hillshade', 'contours', 'paths'])} style=${rng.pick(['outdoor', 'winter'])}`, undefined, rng.int(2, 9))]),
    fam(`noise:${TA}:prewarmed`, 'INFO', [120, 260], ({ rng, t, rev }) => [compact(t, rev, 'INFO', { target: 'tiles::prewarm', file: 'src/prewarm.rs', line: 41 }, 'prewarmed tiles', `count=${rng.int(50, 900)} errors=0 zoom=${rng.int(6, 12)}`, undefined, rng.int(2, 9))]),
  ],
};
