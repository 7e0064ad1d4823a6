// The same .NET problems from a Cloud Logging server as from the file export: an ASP.NET Core service
// (the simple console formatter, then its JSON formatter) and a Serilog worker (CLEF and the console
// sink), records Cloud Run split into one entry per line among each other. The levels the JSON records
// carry and Serilog's `WRN`/`FTL` count on both sides: the server-side filter lets them through and the
// sweep judges them alike.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDay } from '../../../bench/lib/mixed/day.js';
import { loadSettings } from '../../../src/config/load-settings.js';
import { createLogger } from '../../../src/shared/logger.js';
import type { LogSource } from '../../../src/shared/ports.js';
import { createCloudLoggingSource } from '../../../src/source/cloud-logging.js';
import { createFileSource } from '../../../src/source/log-file.js';
import { runSweep } from '../../../src/sweep.js';
import { startLoggingServer, type LoggingServer, type LogEntryJson } from '../servers/logging/server.js';

const SERVICES = ['portal-dotnet', 'audit-serilog'];

let server: LoggingServer;
beforeEach(async () => {
  server = await startLoggingServer();
});
afterEach(async () => {
  await server.stop();
});

async function sweep(source: LogSource, window: { start: number; end: number }) {
  const { settings } = loadSettings(readFileSync('config/gardener.yaml', 'utf8'), {});
  const result = await runSweep(
    { source, store: null, logger: createLogger({ level: 'silent' }) },
    { runId: 'parity', window, services: SERVICES, dryRun: true, settings },
  );
  return {
    read: result.report.entries.read,
    clusters: result.report.clusters.map((c) => ({ id: c.id, count: c.count, severity: c.severity })).sort((a, b) => (a.id < b.id ? -1 : 1)),
  };
}

test('.NET JSON and console records give the same problems through Cloud Logging and through a newest-first export', async () => {
  const day = buildDay(3);
  const entries = day.entries.filter((_e, i) => SERVICES.includes(day.truth[i]!.service)) as unknown as LogEntryJson[];
  server.seed(entries);
  const path = join(mkdtempSync(join(tmpdir(), 'dotnet-parity-')), 'export.json');
  writeFileSync(path, JSON.stringify([...entries].reverse()));
  const window = { start: day.start, end: day.end + 1 };

  const cloud = await sweep(createCloudLoggingSource({
    project: 'demo', emulatorHost: server.address, pageSize: 1000, timeBudgetMs: 240_000, excludeServices: [], backoff: { initialMs: 5, maxMs: 20, maxTries: 4 },
  }), window);
  const file = await sweep(createFileSource(path), window);

  expect(file).toEqual(cloud);
  // Serilog's warnings (CLEF `@l: Warning`, console `WRN`) and the JSON formatter's are read; its
  // Information records, whatever their message says, are not.
  expect(cloud.clusters.map((c) => c.severity)).toContain('WARNING');
  expect(cloud.clusters.map((c) => c.severity)).toContain('CRITICAL');
  expect(cloud.clusters.length).toBeGreaterThanOrEqual(8);
  expect(cloud.clusters.length).toBeLessThanOrEqual(14);
}, 120_000);
