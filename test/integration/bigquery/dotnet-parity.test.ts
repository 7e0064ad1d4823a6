// A Log Analytics sweep of .NET services finds what a file sweep of the same entries finds: the JSON
// console formatter's and Serilog's CLEF records at the level they carry, Serilog's `WRN`/`FTL` console
// lines, and the simple console formatter's records that Cloud Run split into one entry per line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDay } from '../../../bench/lib/mixed/day.js';
import { createFileSource } from '../../../src/source/log-file.js';
import { startBigQueryServer } from '../servers/bigquery-server.js';
import { countsOff, drySweep, localAnalytics, mattering } from './parity-sweep.js';

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
    const run = drySweep(window, SERVICES);
    const byFile = await run(createFileSource(file));
    const grouped = await run(localAnalytics(server.host));
    expect(grouped.report.errors).toEqual([]);
    expect(mattering(grouped)).toEqual(mattering(byFile));
    expect(mattering(byFile).map((c) => c.severity)).toEqual(expect.arrayContaining(['WARNING', 'ERROR']));
    // Counts equal but for a line or two that the shapes and the lines read whole may hold differently.
    expect(countsOff(grouped, byFile)).toBeLessThanOrEqual(2);
    expect(grouped.report.entries.read).toBe(byFile.report.entries.read);
  } finally {
    await server.stop();
  }
}, 180_000);
