// A Log Analytics sweep and a Cloud Logging sweep find what a file sweep of the same entries finds when a
// Julia service's ConsoleLogger boxes (`┌ Error: …`, `│` rows, `└ @ …`) reach Cloud Run one line per entry
// (shared/block-lines.ts): every source reads the rows and joins them to their first line.
import { buildDay, PROJECT } from '../../../bench/lib/fifteenth/day.js';
import { expectSameProblems, sweepThreeWays } from './parity-sweep.js';

const SERVICES = ['tiles-julia'];

it('finds the same problems as a file sweep, a box split line by line one record in each', async () => {
  const day = buildDay(0);
  const entries = day.entries.filter((_e, i) => SERVICES.includes(day.truth[i]!.service));
  const sweeps = await sweepThreeWays(entries, { start: day.start, end: day.end + 1 }, SERVICES, PROJECT);
  expectSameProblems(sweeps);
  const { byFile, grouped, cloud } = sweeps;
  // No row of a box (`│ exception =`, `│ Stacktrace:`, `└ @ …`) is a problem of its own in any source.
  for (const r of [byFile, grouped, cloud]) expect(r.report.clusters.filter((c) => c.matters && /^[│└]/.test(c.template))).toEqual([]);
}, 180_000);
