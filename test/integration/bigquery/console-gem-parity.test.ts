// A Log Analytics sweep and a Cloud Logging sweep find what a file sweep of the same entries finds when a
// Falcon service's Console gem records (`ELAPSED    warn: Subject [oid=…] …` and their `| ` rows:
// shared/console-gem.ts) and llama-server's lines with and without llama.cpp's log prefix (`M.SS.mmm.uuu E`:
// log-header.ts) reach Cloud Run one line per entry: every source reads the rows and the prefixed levels.
import { buildDay, PROJECT } from '../../../bench/lib/twentyfirst/day.js';
import { expectSameProblems, sweepThreeWays } from './parity-sweep.js';

const SERVICES = ['chat-falcon', 'llm-llamacpp'];

it('finds the same problems as a file sweep, a record split line by line one record in each', async () => {
  const day = buildDay(0);
  const entries = day.entries.filter((_e, i) => SERVICES.includes(day.truth[i]!.service));
  const sweeps = await sweepThreeWays(entries, { start: day.start, end: day.end + 1 }, SERVICES, PROJECT);
  expectSameProblems(sweeps);
  const { byFile, grouped, cloud } = sweeps;
  for (const r of [byFile, grouped, cloud]) {
    // No row of a record is a problem of its own in any source, and each exception is one.
    expect(r.report.clusters.filter((c) => c.matters && /^\s*\|/.test(c.template))).toEqual([]);
    expect(r.report.clusters.filter((c) => c.matters && /Errno::ECONNRESET/.test(c.template)).length).toBeGreaterThanOrEqual(1);
    // The prefixed error lines are read at their letter's level.
    expect(r.report.clusters.some((c) => c.matters && /cudaMalloc failed: out of memory/.test(c.template))).toBe(true);
  }
}, 300_000);
