// A C++17 map-tile renderer (cairo, libcurl) logging through spdlog 1.14: its default pattern
// (`[%Y-%m-%d %H:%M:%S.%e] [%n] [%l] %v`) on the morning revision, a pattern with source location after
// (`%Y-%m-%dT%H:%M:%S.%f%z [%l] [%t] %s:%# %v`). A geometry library linked in logs through glog, whose
// failed CHECK prints `F... file:line] Check failed: ...` and `*** Check failure stack trace: ***` with
// `    @ 0x... symbol` lines, then aborts (SIGABRT: Cloud Run's `Uncaught signal: 6`).
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { isoMicrosOffset, klogTime, ymdHmsMillis } from './clock.js';

type Level = 'critical' | 'error' | 'warning' | 'info';

function spd(rev: 0 | 1, t: number, rng: Prng, level: Level, src: string, msg: string): Write {
  return { stream: 'stderr', text: rev === 0 ? `[${ymdHmsMillis(t)}] [render] [${level}] ${msg}` : `${isoMicrosOffset(t)} [${level}] [${rng.int(14, 22)}] ${src} ${msg}` };
}
const tile = (rng: Prng): string => { const z = rng.int(10, 16); return `${z}/${rng.int(0, 2 ** z)}/${rng.int(0, 2 ** z)}`; };

const families: Family[] = [
  {
    name: 'render-spdlog:tile-bad-alloc', level: 'ERROR', perDay: [15, 50], burst: 0.2,
    emit: ({ rng, t, rev }) => [spd(rev, t, rng, 'error', 'tile_renderer.cpp:212', `tile ${tile(rng)} render failed: std::bad_alloc`)],
  },
  {
    name: 'render-spdlog:font-fallback', level: 'WARNING', perDay: [80, 200],
    emit: ({ rng, t, rev }) => [spd(rev, t, rng, 'warning', 'fonts.cpp:87', `font '${rng.pick(['Noto Sans CJK JP', 'Noto Sans Arabic'])}' not found, falling back to 'DejaVu Sans'`)],
  },
  {
    name: 'render-spdlog:tile-cache-unreachable', level: 'CRITICAL', perDay: [2, 8],
    emit: ({ rng, t, rev }) => [spd(rev, t, rng, 'critical', 'cache_client.cpp:140', `tile cache bucket unreachable: curl error 28: Operation timed out after ${rng.pick([30000, 30001, 30002])} milliseconds with 0 bytes received`)],
  },
  {
    name: 'render-spdlog:polygon-ring-check-failed', level: 'CRITICAL', perDay: [1, 4],
    emit: ({ rng, t }) => {
      const a = (): string => `0x${rng.pick(['55', '7f'])}${rng.hex(10)}`;
      return [
        { stream: 'stderr', text: `F${klogTime(t)}    ${rng.int(14, 22)} polygon.cc:311] Check failed: ring.size() >= 4 (${rng.int(1, 3)} vs. 4) degenerate ring in way ${rng.int(10_000_000, 999_999_999)}
*** Check failure stack trace: ***
    @     ${a()}  google::LogMessage::Fail()
    @     ${a()}  google::LogMessage::SendToLog()
    @     ${a()}  google::LogMessage::Flush()
    @     ${a()}  google::LogMessageFatal::~LogMessageFatal()
    @     ${a()}  geo::Polygon::Close()
    @     ${a()}  render::TileRenderer::DrawArea()
    @     ${a()}  render::TileRenderer::Render()
    @     ${a()}  (unknown)` },
        { stream: 'varlog/system', severity: 'ERROR', text: `Uncaught signal: 6, pid=1, tid=${rng.int(14, 22)}, fault_addr=0.`, as: { family: 'render-spdlog:uncaught-signal-6', level: 'ERROR' } },
      ];
    },
  },
  {
    name: 'noise:render-spdlog:batches', level: 'INFO', perDay: [200, 400],
    emit: ({ rng, t, rev }) => [spd(rev, t, rng, 'info', 'worker.cpp:66', `rendered ${rng.int(16, 512)} tiles in ${rng.fixed(0.2, 9, 1)}s (0 errors, ${rng.int(0, 40)} cache hits)`)],
  },
];

export const renderSpdlog: ServiceDef = { name: 'render-spdlog', stack: 'C++17, spdlog 1.14, glog, cairo, libcurl', splitRate: 0.7, families };
