// What the parity tests share: a dry-run sweep of any source over one window with the shipped settings,
// a Log Analytics source on the local BigQuery server, the same entries swept from a file, Log Analytics
// and Cloud Logging, and the comparisons they make of a sweep against the file sweep of the same entries
// (the problems that matter with their severity; how far the counts of those problems drift).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from '@jest/globals';
import { BUCKET_MS } from '../../../src/classify/index.js';
import { loadSettings } from '../../../src/config/load-settings.js';
import { createLogger } from '../../../src/shared/logger.js';
import type { GroupedLogSource, LogSource } from '../../../src/shared/ports.js';
import type { RawEntry } from '../../../src/shared/types.js';
import { createLogAnalyticsSource } from '../../../src/source/analytics/log-analytics.js';
import { createCloudLoggingSource } from '../../../src/source/cloud-logging.js';
import { createFileSource } from '../../../src/source/log-file.js';
import { startBigQueryServer } from '../servers/bigquery-server.js';
import { startLoggingServer } from '../servers/logging/server.js';
import { runSweep, type SweepResult } from '../../../src/sweep.js';

/** A dry-run sweep of `window` with `config/gardener.yaml`, for any source. */
export function drySweep(window: { start: number; end: number }, services: string[]): (source: LogSource | GroupedLogSource) => Promise<SweepResult> {
  const { settings } = loadSettings(readFileSync('config/gardener.yaml', 'utf8'), {});
  return (source) => runSweep({ source, store: null, logger: createLogger({ level: 'silent' }) }, { runId: 'parity', window, services, dryRun: true, settings });
}

/** A Log Analytics source reading the local BigQuery server at `host`. */
export function localAnalytics(host: string): GroupedLogSource {
  return createLogAnalyticsSource({
    jobProject: 'demo', table: 'demo.logs_link._AllLogs', maximumBytesBilled: 1e12, queryTimeoutMs: 60_000,
    emulatorHost: host, excludeServices: [], bucketMs: BUCKET_MS,
  });
}

/** The problems a sweep would file, with their severity, in id order. */
export function mattering(result: SweepResult): { id: string; severity: string }[] {
  return result.report.clusters.filter((c) => c.matters).map((c) => ({ id: c.id, severity: c.severity })).sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** How many entries the problems that matter in `other` count apart from the same problems in `byFile`. */
export function countsOff(other: SweepResult, byFile: SweepResult): number {
  const fileCount = new Map(byFile.report.clusters.map((c) => [c.id, c.count]));
  return other.report.clusters.filter((c) => c.matters).reduce((sum, c) => sum + Math.abs(c.count - (fileCount.get(c.id) ?? 0)), 0);
}

export interface ThreeSweeps {
  byFile: SweepResult;
  /** Through Log Analytics (the local BigQuery server). */
  grouped: SweepResult;
  /** Through Cloud Logging (the local gRPC server), with its follow-up reads. */
  cloud: SweepResult;
}

/** The same entries swept from a file, through Log Analytics and through Cloud Logging, each against a local server. */
export async function sweepThreeWays(entries: RawEntry[], window: { start: number; end: number }, services: string[], project: string): Promise<ThreeSweeps> {
  const dir = mkdtempSync(join(tmpdir(), 'three-sweeps-'));
  const file = join(dir, 'day.jsonl');
  writeFileSync(file, `${entries.map((e) => JSON.stringify(e)).join('\n')}\n`);
  const server = await startBigQueryServer({ entries, pendingPolls: 0, pageRows: 1000 });
  const logging = await startLoggingServer({ entries });
  try {
    const run = drySweep(window, services);
    const byFile = await run(createFileSource(file));
    const grouped = await run(localAnalytics(server.host));
    const cloud = await run(createCloudLoggingSource({
      project, emulatorHost: logging.address, pageSize: 1000, timeBudgetMs: 120_000, backoff: { initialMs: 5, maxMs: 20, maxTries: 4 },
    }));
    return { byFile, grouped, cloud };
  } finally {
    await server.stop();
    await logging.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Log Analytics and Cloud Logging read with no error and find the file sweep's problems, Log Analytics' counts at most `off` apart. */
export function expectSameProblems({ byFile, grouped, cloud }: ThreeSweeps, off = 2): void {
  expect(grouped.report.errors).toEqual([]);
  expect(cloud.report.errors).toEqual([]);
  expect(mattering(grouped)).toEqual(mattering(byFile));
  expect(mattering(cloud)).toEqual(mattering(byFile));
  expect(countsOff(grouped, byFile)).toBeLessThanOrEqual(off);
}
