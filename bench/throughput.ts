// Throughput and memory of a dry-run sweep, against reading and parsing the same file without
// classifying it. Prints figures; asserts nothing.
//
//   npm run bench:throughput                 100k and 1M entries
//   npm run bench:throughput -- 20000 200000 other sizes
//   BENCH_RUNS=1 npm run bench:throughput    one timed run per phase instead of the median of three
//
// Entries come from the seeded Cloud Run generator (four services, a day, most of it INFO/DEBUG noise
// that the severity floor drops, the rest notices, warnings and errors of a few dozen problem families
// with varying values). Files are written once as JSONL under bench/out/ and reused (delete them after
// changing the generator). For each size, two phases, each in a child process of its own so that one
// phase's peak memory never counts against the other, alternated three times (the median is shown):
//   parse  createFileSource(file).read(query): stream, split, JSON.parse, window/service/severity filter
//   sweep  runSweep over the same file source: the above plus normalize, redact, mask, classify, plan
//          (dry run, no GitHub store, a silent logger, the shipped config/gardener.yaml)
// Each child samples process.memoryUsage() every 50 ms and reports the maxima, and VmHWM (the kernel's
// peak resident set) where /proc is there. A third child runs the sweep again, untimed, collecting
// garbage before each sample (every 250 ms): its largest heap is what the sweep really holds ("live"),
// where the peaks also count garbage the collector had not yet needed to free. Targets: sweep <= 2x parse time; peak RSS <= 512 MB at 1M;
// memory at the largest size no more than at the smallest plus the clusters (it follows problems,
// not entries).
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { loadSettings } from '../src/config/load-settings.js';
import { createFileSource } from '../src/source/log-file.js';
import { runSweep } from '../src/sweep.js';
import { KNOWN_SERVICES } from './lib/service-catalogue.js';
import { generateEntries } from './lib/cloud-run-generator.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT_DIR = join(ROOT, 'bench', 'out');
const SEED = 4242;
const START = Date.parse('2025-09-11T00:00:00Z');
const END = Date.parse('2025-09-12T00:00:00Z');
const SERVICES = Object.keys(KNOWN_SERVICES);
const SAMPLE_MS = 50;
const LIVE_SAMPLE_MS = 250;
/** Timed runs of each phase (BENCH_RUNS); the median is reported. */
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3) || 3);
const MB = 1024 * 1024;

/** `live`: the sweep again, with a full collection before each sample, for the heap it really holds. */
type Phase = 'parse' | 'sweep' | 'live';

interface PhaseResult {
  phase: Phase;
  /** Entries handed on by the source (after its filter). */
  passed: number;
  /** Entries in the file, as the source counted them (passed + filtered + skipped). */
  total: number;
  ms: number;
  clusters: number;
  rss: number;
  heap: number;
  hwm: number | null;
  /** Largest heap left after a full collection (live phase only). */
  live: number | null;
}

type Combined = PhaseResult & { spread: string };

/** Median time of the runs; the largest of each memory figure. */
function combine(runs: PhaseResult[]): Combined {
  const times = runs.map((r) => r.ms).sort((a, b) => a - b);
  const max = (pick: (r: PhaseResult) => number | null) => {
    const values = runs.map(pick).filter((v): v is number => v !== null);
    return values.length > 0 ? Math.max(...values) : null;
  };
  return {
    ...(runs[0] as PhaseResult),
    ms: times[Math.floor(times.length / 2)] as number,
    rss: max((r) => r.rss) ?? 0,
    heap: max((r) => r.heap) ?? 0,
    hwm: max((r) => r.hwm),
    spread: `${(times[0] as number).toFixed(0)}-${(times[times.length - 1] as number).toFixed(0)}`,
  };
}

/** The file of `count` entries, generated on first use. */
function dataFile(count: number): string {
  const path = join(OUT_DIR, `throughput-${SEED}-${count}.jsonl`);
  if (existsSync(path)) return path;
  mkdirSync(OUT_DIR, { recursive: true });
  const partial = `${path}.partial`;
  writeFileSync(partial, '');
  const started = performance.now();
  let batch: string[] = [];
  const generated = generateEntries({ seed: SEED, count, start: new Date(START), end: new Date(END), services: SERVICES });
  for (const { entry } of generated) {
    batch.push(JSON.stringify(entry));
    if (batch.length === 5000) {
      appendFileSync(partial, batch.join('\n') + '\n');
      batch = [];
    }
  }
  if (batch.length > 0) appendFileSync(partial, batch.join('\n') + '\n');
  // Renamed only when complete, so an interrupted run never leaves a short file to be reused.
  renameSync(partial, path);
  console.log(`generated ${count} entries -> ${path} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return path;
}

function settings() {
  return loadSettings(readFileSync(join(ROOT, 'config', 'gardener.yaml'), 'utf8'), {}).settings;
}

function peakResident(): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

async function runPhase(phase: Phase, path: string): Promise<PhaseResult> {
  const peak = { rss: 0, heap: 0 };
  const collect = phase === 'live' ? (globalThis as { gc?: () => void }).gc : undefined;
  if (phase === 'live' && !collect) throw new Error('the live phase needs node --expose-gc');
  const sample = () => {
    collect?.();
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heap = Math.max(peak.heap, m.heapUsed);
  };
  const timer = setInterval(sample, collect ? LIVE_SAMPLE_MS : SAMPLE_MS);
  const s = settings();
  const window = { start: START, end: END };
  const source = createFileSource(path);
  let passed = 0;
  let clusters = 0;
  let total = 0;
  const started = performance.now();
  if (phase === 'parse') {
    const read = source.read({ window, services: SERVICES, severityFloor: s.severityFloor });
    for await (const raw of read.entries) if (raw) passed++;
    const r = read.result();
    total = passed + r.filtered + Object.values(r.skippedBy).reduce((a, b) => a + b, 0);
  } else {
    const logger = pino({ level: 'silent' });
    const { report } = await runSweep(
      { source, store: null, logger },
      { runId: 'bench', window, services: SERVICES, dryRun: true, settings: s },
    );
    const e = report.entries;
    total = e.read + e.filtered + e.skipped;
    passed = total - e.filtered;
    clusters = report.clusters.length;
  }
  const ms = performance.now() - started;
  clearInterval(timer);
  sample();
  return { phase, passed, total, ms, clusters, rss: peak.rss, heap: peak.heap, hwm: peakResident(), live: collect ? peak.heap : null };
}

function inChild(phase: Phase, path: string): Promise<PhaseResult> {
  return new Promise((done, fail) => {
    const child = fork(fileURLToPath(import.meta.url), ['--phase', phase, path], { execArgv: process.execArgv });
    let result: PhaseResult | undefined;
    child.on('message', (m) => (result = m as PhaseResult));
    child.on('error', fail);
    child.on('exit', (code) => (result && code === 0 ? done(result) : fail(new Error(`${phase} phase exited with ${code}`))));
  });
}

const mb = (bytes: number | null) => (bytes === null ? 'n/a' : (bytes / MB).toFixed(0));
const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en-US')}`;

function row(cells: Array<string | number>, widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i] ?? 8) : String(c).padStart(widths[i] ?? 8))).join('  ');
}

async function main(sizes: number[]): Promise<void> {
  const results: Array<{ size: number; parse: Combined; sweep: Combined; bytes: number }> = [];
  for (const size of sizes) {
    const path = dataFile(size);
    // Alternated, so a burst of load on a shared machine falls on both phases alike.
    const parses: PhaseResult[] = [];
    const sweeps: PhaseResult[] = [];
    for (let run = 0; run < RUNS; run++) {
      parses.push(await inChild('parse', path));
      sweeps.push(await inChild('sweep', path));
    }
    const live = await inChild('live', path);
    results.push({ size, parse: combine(parses), sweep: { ...combine(sweeps), live: live.live }, bytes: statSync(path).size });
  }
  const widths = [7, 10, 9, 10, 13, 11, 8, 8, 9, 8, 8];
  console.log(`\nnode ${process.version}, ${SERVICES.length} services, severity floor ${settings().severityFloor}, `
    + `median of ${RUNS} runs (memory: the largest)\n`);
  console.log(row(['phase', 'entries', 'sev>=', 'time ms', 'runs ms', 'entries/s', 'RSS MB', 'heap MB', 'VmHWM MB', 'live MB', 'clusters'], widths));
  for (const { size, parse, sweep, bytes } of results) {
    console.log(`-- ${size.toLocaleString('en-US')} entries (${mb(bytes)} MB file)`);
    for (const p of [parse, sweep]) {
      console.log(row([p.phase, p.total, p.passed, p.ms.toFixed(0), p.spread, rate(p.total, p.ms), mb(p.rss), mb(p.heap), mb(p.hwm), p.live === null ? '' : mb(p.live), p.phase === 'sweep' ? p.clusters : ''], widths));
    }
  }
  console.log('\nratios (targets: sweep/parse <= 2.00; peak RSS <= 512 MB at 1M; memory at the largest size ~ the smallest + clusters)');
  for (const { size, parse, sweep } of results) {
    console.log(`  ${String(size).padStart(8)}: sweep/parse time ${(sweep.ms / parse.ms).toFixed(2)}x`);
  }
  const first = results[0];
  const last = results[results.length - 1];
  if (first && last && first !== last) {
    const peakOf = (p: PhaseResult) => p.hwm ?? p.rss;
    console.log(`  sweep memory ${last.size}/${first.size}: peak RSS ${(peakOf(last.sweep) / peakOf(first.sweep)).toFixed(2)}x `
      + `(${mb(peakOf(first.sweep))} -> ${mb(peakOf(last.sweep))} MB), heap ${(last.sweep.heap / first.sweep.heap).toFixed(2)}x `
      + `(${mb(first.sweep.heap)} -> ${mb(last.sweep.heap)} MB), live heap ${mb(first.sweep.live)} -> ${mb(last.sweep.live)} MB; `
      + `clusters ${first.sweep.clusters} -> ${last.sweep.clusters}`);
  }
}

const args = process.argv.slice(2);
if (args[0] === '--phase') {
  const result = await runPhase(args[1] as Phase, args[2] as string);
  process.send?.(result);
} else {
  const sizes = args.length > 0 ? args.map(Number) : [100_000, 1_000_000];
  if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new RangeError(`sizes must be whole numbers > 0: ${args.join(' ')}`);
  await main(sizes);
}
