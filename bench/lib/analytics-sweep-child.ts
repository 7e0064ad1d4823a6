// The function's side of bench/analytics.ts, in a process of its own: one sweep in Log Analytics mode
// against the BigQuery server at argv[2]; sends back its time, peak memory and what it found.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { BUCKET_MS } from '../../src/classify/index.js';
import { loadSettings } from '../../src/config/load-settings.js';
import { createLogger } from '../../src/shared/logger.js';
import { createLogAnalyticsSource } from '../../src/source/analytics/log-analytics.js';
import { runSweep } from '../../src/sweep.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const START = Date.parse('2025-09-11T09:00:00Z');
const END = START + 3 * 3600_000;
const TABLE = 'bench-proj.gardener_logs._AllLogs';
const SAMPLE_MS = 50;

async function child(host: string): Promise<void> {
  let peakRss = 0;
  let peakHeap = 0;
  const sample = (): void => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, SAMPLE_MS);
  const { settings } = loadSettings(readFileSync(join(ROOT, 'config', 'gardener.yaml'), 'utf8'), {});
  const source = createLogAnalyticsSource({
    jobProject: 'bench-proj', table: TABLE, maximumBytesBilled: 1e13, queryTimeoutMs: 3_600_000,
    emulatorHost: host, excludeServices: ['log-gardener'], bucketMs: BUCKET_MS,
  });
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await runSweep(
    { source, store: null, logger: createLogger({ level: 'silent' }) },
    { runId: 'bench', window: { start: START, end: END }, services: [], dryRun: true, settings },
  );
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  sample();
  clearInterval(timer);
  const hwm = /VmHWM:\s+(\d+) kB/.exec(existsSync('/proc/self/status') ? readFileSync('/proc/self/status', 'utf8') : '');
  process.send!({
    ms,
    cpuMs: (used.user + used.system) / 1000,
    peakRss: hwm ? Number(hwm[1]) * 1024 : peakRss,
    peakHeap,
    read: result.report.entries.read,
    problems: result.report.clusters.length,
    counted: result.report.clusters.reduce((a, c) => a + c.count, 0),
    shapes: result.report.source.analytics?.shapes ?? 0,
    split: result.report.source.analytics?.splitShapes ?? 0,
    errors: result.report.errors.map((e) => e.message),
  });
}


await child(process.argv[2]!);
