// What the parity tests share: a dry-run sweep of any source over one window with the shipped settings,
// a Log Analytics source on the local BigQuery server, and the two comparisons they make of a sweep
// against the file sweep of the same entries (the problems that matter with their severity; how far
// the counts of those problems drift).
import { readFileSync } from 'node:fs';
import { BUCKET_MS } from '../../../src/classify/index.js';
import { loadSettings } from '../../../src/config/load-settings.js';
import { createLogger } from '../../../src/shared/logger.js';
import type { GroupedLogSource, LogSource } from '../../../src/shared/ports.js';
import { createLogAnalyticsSource } from '../../../src/source/analytics/log-analytics.js';
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
