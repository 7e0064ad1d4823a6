// A Log Analytics sweep and a Cloud Logging sweep find what a file sweep of the same entries finds when a
// Julia service's ConsoleLogger boxes (`┌ Error: …`, `│` rows, `└ @ …`) reach Cloud Run one line per entry
// (shared/block-lines.ts): every source reads the rows and joins them to their first line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDay, PROJECT } from '../../../bench/lib/fifteenth/day.js';
import { createCloudLoggingSource } from '../../../src/source/cloud-logging.js';
import { createFileSource } from '../../../src/source/log-file.js';
import { startBigQueryServer } from '../servers/bigquery-server.js';
import { startLoggingServer } from '../servers/logging/server.js';
import { countsOff, drySweep, localAnalytics, mattering } from './parity-sweep.js';

const SERVICES = ['tiles-julia'];
const dir = mkdtempSync(join(tmpdir(), 'analytics-julia-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('finds the same problems as a file sweep, a box split line by line one record in each', async () => {
  const day = buildDay(0);
  const entries = day.entries.filter((_e, i) => SERVICES.includes(day.truth[i]!.service));
  const file = join(dir, 'tiles-day.jsonl');
  writeFileSync(file, `${entries.map((e) => JSON.stringify(e)).join('\n')}\n`);
  const window = { start: day.start, end: day.end + 1 };
  const server = await startBigQueryServer({ entries, pendingPolls: 0, pageRows: 1000 });
  const logging = await startLoggingServer({ entries });
  try {
    const run = drySweep(window, SERVICES);
    const byFile = await run(createFileSource(file));
    const grouped = await run(localAnalytics(server.host));
    const cloud = await run(createCloudLoggingSource({
      project: PROJECT, emulatorHost: logging.address, pageSize: 1000, timeBudgetMs: 120_000, backoff: { initialMs: 5, maxMs: 20, maxTries: 4 },
    }));
    expect(grouped.report.errors).toEqual([]);
    expect(cloud.report.errors).toEqual([]);
    expect(mattering(grouped)).toEqual(mattering(byFile));
    expect(mattering(cloud)).toEqual(mattering(byFile));
    // No row of a box (`│ exception =`, `│ Stacktrace:`, `└ @ …`) is a problem of its own in any source.
    for (const r of [byFile, grouped, cloud]) expect(r.report.clusters.filter((c) => c.matters && /^[│└]/.test(c.template))).toEqual([]);
    expect(countsOff(grouped, byFile)).toBeLessThanOrEqual(2);
  } finally {
    await server.stop();
    await logging.stop();
  }
}, 180_000);
