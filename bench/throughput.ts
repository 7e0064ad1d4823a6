// How a dry-run file sweep compares with merely reading its input, measured from outside, as an
// operator would. Prints figures; asserts nothing.
//
//   npm run bench:throughput                 100k and 1M entries
//   npm run bench:throughput -- 20000 200000 other sizes
//   BENCH_RUNS=1 npm run bench:throughput    one run of each instead of three (medians)
//   BENCH_STAGES=0 npm run bench:throughput  without the per-stage breakdown
//   BENCH_PROBLEM_SCALE=5 npm run bench:throughput   problems five times as frequent: about half of
//                                            the entries at NOTICE and above instead of a tenth
//
// Inputs come from the seeded Cloud Run generator (bench/lib/cloud-run-generator.ts: four services, a
// day, mostly INFO/DEBUG noise, the rest notices, warnings and errors of a few dozen problem families)
// and are written once under bench/out/ (delete them after changing the generator), in both shapes a
// sweep reads: JSONL, oldest first, and the JSON array `gcloud logging read --format=json` prints
// (indented, newest first).
//
// Per size, each a separate process, alternated RUNS times, page cache warm (one untimed read first):
//   baseline  node dist/bench/bare-reader.js FILE.jsonl: readline + JSON.parse per line, counting the
//             entries at NOTICE and above, nothing else
//   sweep     node bin/log-gardener.js sweep --logs-file FILE --dry-run --json --now … --window 24h,
//             on the JSONL file and on the JSON array
// Time is the wall clock around the process, median of the runs; peak RSS is the child's maximum
// resident set (/usr/bin/time, else the child's own resource usage), the largest of the runs; CPU time
// is the child's, every thread; the busiest thread's CPU time (bench/lib/thread-cpu.ts) is what the
// wall time comes to on a machine with a free core for each busy thread (a large file's sweep reads
// and normalizes in worker threads while its main thread classifies), whatever the load here.
// Start-up is the same sweep on an empty file. Then, per stage (dist/bench/sweep-stages.js, each
// prefix of the pipeline in a process of its own, median of the runs): read and split, parse (with the
// source's filter), normalize and redact (with reassembly and the severity floor), classify, plan and
// render. Goal: sweep <= 1.5x the baseline at 1M, >= 120k entries/s, peak RSS <= 256 MB and flat in
// the number of entries, the same from the JSON array as from JSONL.
//
// Measured on a shared 2-core machine (CPU time; the load moved figures by 20% from run to run), with
// BENCH_PROBLEM_SCALE=5: at 100k, sweep 6.1 -> 4.0 s CPU from JSONL, normalize and redact 2.1 -> 1.1 s,
// classify 2.8 -> 2.1 s; at 1M, 40.2 -> 29.2 to 32.8 s (3.9x -> 2.4x to 3.6x the reader) from JSONL and
// 45.7 -> 28.5 to 34.4 s (4.4x -> 2.9x to 3.2x) from the JSON array; peak RSS 181 / 224 -> 272 to 281 MB
// (live heap 31 -> 36 MB), then 174 / 177 MB (160 / 157 MB at 100k) once the command line let the old
// generation grow by half the live heap at each full collection instead of up to four times.
// Then, with memos that no longer pay for texts seen once (before and after alternated, medians, on a
// machine whose wall clock ran at two to three times the CPU time): at 1M, 39.3 -> 30.0 s CPU from
// JSONL and 39.8 -> 30.7 s from the JSON array, reader 9.0 s (4.4x -> 3.3x and 3.4x); at 100k, 5.9 ->
// 4.6 s from JSONL, reader 1.2 s. Still short of the goal in time: classify and normalize are most of
// it, spread over many small costs.
// Then a large file read, joined and normalized in a worker thread beside the classifying thread
// (alternated, medians, same report): at 1M the busiest thread 29.2 -> 14.3 s from JSONL and 28.4 ->
// 16.0 s from the JSON array, reader 8.0 s (3.7x -> 1.8x / 2.0x); whole-process CPU 31.6 -> 26.8 s and
// 30.7 -> 28.2 s; peak RSS 181 -> 231 and 184 -> 225 MB. At 100k, busiest thread 3.6 -> 1.5 s and
// 3.1 -> 1.7 s, reader 1.0 s.
// Then the worker reading a chunk at a time in step, batches packed (repeated messages numbered, the
// classifier's memo per message) and the reading of messages shared as the load goes (alternated,
// medians, same report, on a machine with a load average of 15-19): at 1M the busiest thread 21.6 ->
// 13.6 s from JSONL and 22.0 -> 14.4 s from the JSON array, reader 10.3 s (2.1x -> 1.3x / 1.4x).
import { spawn } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { generateEntries } from './lib/cloud-run-generator.js';
import { KNOWN_SERVICES } from './lib/service-catalogue.js';
import { BENCH_END, STAGES, type Stage } from './sweep-stages.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST_BENCH = dirname(fileURLToPath(import.meta.url));
const OUT_DIR = join(ROOT, 'bench', 'out');
const SEED = 4242;
const END = Date.parse(BENCH_END);
const START = END - 24 * 3600 * 1000;
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3) || 3);
const WITH_STAGES = process.env.BENCH_STAGES !== '0';
const PROBLEM_SCALE = Number(process.env.BENCH_PROBLEM_SCALE ?? 1) || 1;
const MB = 1024 * 1024;
const TIME = '/usr/bin/time';
const PEAK_HOOK = join(DIST_BENCH, 'lib', 'report-peak-rss.js');
const THREAD_HOOK = join(DIST_BENCH, 'lib', 'thread-cpu.js');

type Format = 'jsonl' | 'array';

interface Run {
  ms: number;
  /** CPU time of the child (user + system, every thread), ms: steadier than the wall clock on a busy machine. */
  cpuMs: number;
  /** Peak resident set of the child, bytes. */
  rss: number;
  /** CPU time of its busiest thread, ms (0 where threads cannot be told apart): its wall time on free cores. */
  busiestMs: number;
  stdout: string;
}

/** Runs `node ARGS` in a child of its own; wall time from outside, peak RSS as the kernel counted it. */
function runNode(args: string[]): Promise<Run> {
  const peakFile = join(tmpdir(), `bench-peak-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const threadFile = `${peakFile}-threads`;
  const viaTime = existsSync(TIME);
  const [command, argv] = viaTime
    ? [TIME, ['-f', '%M %U %S', '-o', peakFile, process.execPath, '--import', THREAD_HOOK, ...args]]
    : [process.execPath, ['--import', PEAK_HOOK, '--import', THREAD_HOOK, ...args]];
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(command, argv, {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, BENCH_PEAK_RSS_FILE: peakFile, BENCH_THREAD_CPU_FILE: threadFile, LOG_LEVEL: '' },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', fail);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) return fail(new Error(`node ${args.join(' ')} exited ${code}: ${Buffer.concat(err).toString().slice(-500)}`));
      const [kb, user, system] = readFileSync(peakFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number) as [number, number, number];
      rmSync(peakFile, { force: true });
      const threads = existsSync(threadFile) ? readFileSync(threadFile, 'utf8').trim().split('\n').map(Number) : [];
      rmSync(threadFile, { force: true });
      const busiestMs = threads.length > 0 ? Math.max(...threads) * 1000 : 0;
      done({ ms, cpuMs: (user + system) * 1000, rss: kb * 1024, busiestMs, stdout: Buffer.concat(out).toString() });
    });
  });
}

const baseline = (jsonl: string) => runNode([join(DIST_BENCH, 'bare-reader.js'), jsonl]);
const sweep = (file: string) => runNode(['bin/log-gardener.js', 'sweep', '--logs-file', relative(ROOT, file), '--dry-run', '--json', '--now', BENCH_END, '--window', '24h']);
const stage = (name: Stage, file: string) => runNode([join(DIST_BENCH, 'sweep-stages.js'), name, file]);

/** The JSONL file of `count` entries, generated on first use. */
function jsonlFile(count: number): string {
  const path = join(OUT_DIR, `throughput-${SEED}-${PROBLEM_SCALE === 1 ? '' : `x${PROBLEM_SCALE}-`}${count}.jsonl`);
  if (existsSync(path)) return path;
  mkdirSync(OUT_DIR, { recursive: true });
  const partial = `${path}.partial`;
  writeFileSync(partial, '');
  let batch: string[] = [];
  for (const { entry } of generateEntries({ seed: SEED, count, start: new Date(START), end: new Date(END), services: Object.keys(KNOWN_SERVICES), problemScale: PROBLEM_SCALE })) {
    batch.push(JSON.stringify(entry));
    if (batch.length === 5000) {
      appendFileSync(partial, batch.join('\n') + '\n');
      batch = [];
    }
  }
  if (batch.length > 0) appendFileSync(partial, batch.join('\n') + '\n');
  renameSync(partial, path); // only when complete: an interrupted run never leaves a short file
  return path;
}

/**
 * The same entries as gcloud prints them: one indented JSON array, newest first. Written from the
 * JSONL file read backwards in blocks, so memory stays small at any size.
 */
function arrayFile(jsonl: string): string {
  const path = jsonl.replace(/\.jsonl$/, '.newest-first.json');
  if (existsSync(path)) return path;
  const partial = `${path}.partial`;
  const input = openSync(jsonl, 'r');
  const output = openSync(partial, 'w');
  const block = Buffer.alloc(8 * MB);
  let position = fstatSync(input).size;
  let tail = Buffer.alloc(0); // the start of a line whose beginning is in an earlier block
  let first = true;
  writeSync(output, '[\n');
  const emit = (lines: string[]) => {
    const text = lines.map((line) => {
      const element = JSON.stringify(JSON.parse(line), null, 2).replace(/\n/g, '\n  ');
      const separator = first ? '  ' : ',\n  ';
      first = false;
      return separator + element;
    }).join('');
    writeSync(output, text);
  };
  while (position > 0) {
    const length = Math.min(block.length, position);
    position -= length;
    readSync(input, block, 0, length, position);
    const text = Buffer.concat([block.subarray(0, length), tail]);
    const cut = position > 0 ? text.indexOf(10) + 1 : 0; // a line begins after the first newline
    tail = Buffer.from(text.subarray(0, cut));
    emit(text.subarray(cut).toString('utf8').split('\n').filter((l) => l.trim() !== '').reverse());
  }
  writeSync(output, '\n]\n');
  closeSync(input);
  closeSync(output);
  renameSync(partial, path);
  return path;
}

function emptyFile(): string {
  const path = join(OUT_DIR, 'empty.jsonl');
  if (!existsSync(path)) writeFileSync(path, '');
  return path;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const mb = (bytes: number) => (bytes / MB).toFixed(0);
const perSecond = (n: number, ms: number) => Math.round((n / ms) * 1000).toLocaleString('en-US');

interface ReportCounts {
  entries: { read: number; filtered: number; skipped: number };
  clusters: unknown[];
  actions: unknown[];
}

function counts(stdout: string): string {
  const report = JSON.parse(stdout) as ReportCounts;
  const e = report.entries;
  return `read ${e.read}, filtered ${e.filtered}, skipped ${e.skipped}, clusters ${report.clusters.length}, actions ${report.actions.length}`;
}

/** The report without what differs from run to run (its id), for comparing two runs or two versions. */
function stableReport(stdout: string): string {
  const report = JSON.parse(stdout) as Record<string, unknown>;
  delete report.runId;
  return JSON.stringify(report, null, 2) + '\n';
}

/** Reads a file through once, a chunk at a time: a whole-file read stops at 2 GB (a 2M-entry array is larger). */
function warm(file: string): void {
  const fd = openSync(file, 'r');
  const chunk = Buffer.allocUnsafe(16 * MB);
  try {
    while (readSync(fd, chunk, 0, chunk.length, null) > 0);
  } finally {
    closeSync(fd);
  }
}

async function measure(size: number): Promise<void> {
  const jsonl = jsonlFile(size);
  const files: Record<Format, string> = { jsonl, array: arrayFile(jsonl) };
  // Warm the page cache: one untimed read of each input.
  for (const file of Object.values(files)) warm(file);
  const base: Run[] = [];
  const sweeps: Record<Format, Run[]> = { jsonl: [], array: [] };
  for (let run = 0; run < RUNS; run++) {
    base.push(await baseline(jsonl));
    for (const format of ['jsonl', 'array'] as const) sweeps[format].push(await sweep(files[format]));
  }
  const bare = JSON.parse(base[0]!.stdout) as { entries: number; notice: number };
  const baseMs = median(base.map((r) => r.ms));
  console.log(`\n-- ${size.toLocaleString('en-US')} entries (${bare.notice.toLocaleString('en-US')} at NOTICE or above); `
    + `JSONL ${mb(statSync(jsonl).size)} MB, JSON array ${mb(statSync(files.array).size)} MB`);
  const baseCpu = median(base.map((r) => r.cpuMs));
  const baseBusiest = median(base.map((r) => r.busiestMs));
  console.log('   what                 median ms   runs ms              ratio   entries/s   peak RSS MB   CPU ms   CPU ratio   busiest thread ms   ratio');
  const line = (what: string, runs: Run[]) => {
    const ms = median(runs.map((r) => r.ms));
    const cpu = median(runs.map((r) => r.cpuMs));
    const busiest = median(runs.map((r) => r.busiestMs));
    const spread = runs.map((r) => r.ms.toFixed(0)).join('/');
    console.log(`   ${what.padEnd(20)} ${ms.toFixed(0).padStart(9)}   ${spread.padEnd(20)} ${(ms / baseMs).toFixed(2).padStart(5)}x `
      + `${perSecond(bare.entries, ms).padStart(11)}   ${mb(Math.max(...runs.map((r) => r.rss))).padStart(11)}   `
      + `${cpu.toFixed(0).padStart(6)}   ${(cpu / baseCpu).toFixed(2).padStart(8)}x   `
      + `${busiest.toFixed(0).padStart(17)}   ${(busiest / baseBusiest).toFixed(2).padStart(4)}x`);
  };
  line('baseline (JSONL)', base);
  line('sweep, JSONL', sweeps.jsonl);
  line('sweep, JSON array', sweeps.array);
  for (const format of ['jsonl', 'array'] as const) {
    const reports = new Set(sweeps[format].map((r) => stableReport(r.stdout)));
    const report = [...reports][0]!;
    writeFileSync(join(OUT_DIR, `report-${PROBLEM_SCALE === 1 ? '' : `x${PROBLEM_SCALE}-`}${size}-${format}.json`), report);
    console.log(`   ${format} report: ${counts(sweeps[format][0]!.stdout)}${reports.size > 1 ? ' (RUNS DISAGREE)' : ''}`);
  }
  if (!WITH_STAGES) return;
  for (const format of ['jsonl', 'array'] as const) {
    const times: Record<Stage, number[]> = { split: [], source: [], normalize: [], classify: [], sweep: [] };
    for (let run = 0; run < RUNS; run++) {
      for (const name of STAGES) times[name].push((JSON.parse((await stage(name, files[format])).stdout) as { cpuMs: number }).cpuMs);
    }
    const at = (name: Stage) => median(times[name]);
    const startup = median((await startupRuns()).map((r) => r.cpuMs));
    const rows: Array<[string, number]> = [
      ['start-up (modules, config)', startup],
      ['read and split', at('split')],
      ['parse (+ source filter)', at('source') - at('split')],
      ['normalize and redact', at('normalize') - at('source')],
      ['classify', at('classify') - at('normalize')],
      ['plan and render', at('sweep') - at('classify')],
    ];
    const total = rows.reduce((sum, [, ms]) => sum + ms, 0);
    console.log(`   where the time goes (${format}; CPU ms, each stage the difference of two runs of the pipeline cut after it):`);
    for (const [what, ms] of rows) console.log(`     ${what.padEnd(28)} ${ms.toFixed(0).padStart(7)} ms  ${((ms / total) * 100).toFixed(0).padStart(3)}%`);
  }
}

let startupCache: Run[] | null = null;
async function startupRuns(): Promise<Run[]> {
  if (startupCache) return startupCache;
  const runs: Run[] = [];
  for (let run = 0; run < RUNS; run++) runs.push(await sweep(emptyFile()));
  startupCache = runs;
  return runs;
}

const sizes = process.argv.slice(2).length > 0 ? process.argv.slice(2).map(Number) : [100_000, 1_000_000];
if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new RangeError(`sizes must be whole numbers > 0: ${process.argv.slice(2).join(' ')}`);
mkdirSync(OUT_DIR, { recursive: true });
console.log(`node ${process.version}; every figure a separate process; time: median of ${RUNS} alternated runs; peak RSS: the largest`);
const startup = await startupRuns();
console.log(`start-up: a sweep of an empty file takes ${median(startup.map((r) => r.ms)).toFixed(0)} ms (CPU ${median(startup.map((r) => r.cpuMs)).toFixed(0)} ms), `
  + `peak RSS ${mb(Math.max(...startup.map((r) => r.rss)))} MB`);
for (const size of sizes) await measure(size);
