// A Log Analytics sweep of .NET services finds what a file sweep of the same entries finds: the JSON
// console formatter's and Serilog's CLEF records at the level they carry, Serilog's `WRN`/`FTL` console
// lines, and the simple console formatter's records that Cloud Run split into one entry per line.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDay } from '../../../bench/lib/mixed/day.js';
import { BUCKET_MS } from '../../../src/classify/index.js';
import { loadSettings } from '../../../src/config/load-settings.js';
import { createLogger } from '../../../src/shared/logger.js';
import type { GroupedLogSource, LogSource } from '../../../src/shared/ports.js';
import { createLogAnalyticsSource } from '../../../src/source/analytics/log-analytics.js';
import { createFileSource } from '../../../src/source/log-file.js';
import { runSweep } from '../../../src/sweep.js';
import { startBigQueryServer } from '../servers/bigquery-server.js';

const SERVICES = ['portal-dotnet', 'audit-serilog'];
const dir = mkdtempSync(join(tmpdir(), 'analytics-dotnet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('finds the same .NET problems, at the same severities, as a file sweep', async () => {
  const day = buildDay(2);
  const entries = day.entries.filter((_e, i) => SERVICES.includes(day.truth[i]!.service));
  const file = join(dir, 'dotnet-day.jsonl');
  writeFileSync(file, `${entries.map((e) => JSON.stringify(e)).join('\n')}\n`);
  const window = { start: day.start, end: day.end + 1 };
  const server = await startBigQueryServer({ entries, pendingPolls: 0, pageRows: 1000 });
  try {
    const { settings } = loadSettings(readFileSync('config/gardener.yaml', 'utf8'), {});
    const run = (source: LogSource | GroupedLogSource) =>
      runSweep({ source, store: null, logger: createLogger({ level: 'silent' }) }, { runId: 'parity', window, services: SERVICES, dryRun: true, settings });
    const byFile = await run(createFileSource(file));
    const grouped = await run(createLogAnalyticsSource({
      jobProject: 'demo', table: 'demo.logs_link._AllLogs', maximumBytesBilled: 1e12, queryTimeoutMs: 60_000,
      emulatorHost: server.host, excludeServices: [], bucketMs: BUCKET_MS,
    }));
    expect(grouped.report.errors).toEqual([]);
    const mattering = (r: typeof byFile) => r.report.clusters.filter((c) => c.matters).map((c) => ({ id: c.id, severity: c.severity })).sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(mattering(grouped)).toEqual(mattering(byFile));
    expect(mattering(byFile).map((c) => c.severity)).toEqual(expect.arrayContaining(['WARNING', 'ERROR']));
    // Counts equal but for a line or two that the shapes and the lines read whole may hold differently.
    const fileCount = new Map(byFile.report.clusters.map((c) => [c.id, c.count]));
    const off = grouped.report.clusters.filter((c) => c.matters).map((c) => Math.abs(c.count - (fileCount.get(c.id) ?? 0)));
    expect(off.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2);
    expect(grouped.report.entries.read).toBe(byFile.report.entries.read);
  } finally {
    await server.stop();
  }
}, 180_000);
