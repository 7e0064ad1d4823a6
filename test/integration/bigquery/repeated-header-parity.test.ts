// A Log Analytics sweep and a Cloud Logging sweep find what a file sweep of the same entries finds when a
// service's formatter repeats its header on every line of a traceback (vLLM's NewLineFormatter:
// normalize/repeated-header.ts) and Cloud Run stores each line as an entry.
import { buildDay, PROJECT } from '../../../bench/lib/sixteenth/day.js';
import { expectSameProblems, sweepThreeWays } from './parity-sweep.js';

const SERVICES = ['llm-vllm'];

it('finds the same problems as a file sweep, each traceback one record in each', async () => {
  const day = buildDay(0);
  // The engine's crash is written as two records, the second naming the first: one problem in every source,
  // by the writer's companion records (classify/companions.ts; source/analytics/companion-sql.ts).
  const entries = day.entries.filter((_e, i) => SERVICES.includes(day.truth[i]!.service));
  const sweeps = await sweepThreeWays(entries, { start: day.start, end: day.end + 1 }, SERVICES, PROJECT);
  expectSameProblems(sweeps);
  const { byFile, grouped, cloud } = sweeps;
  // No line of a traceback (`File "…"`, a source line) is a problem of its own in any source.
  for (const r of [byFile, grouped, cloud]) expect(r.report.clusters.filter((c) => c.matters && /File "|^\s*\)|Traceback/.test(c.template.split(' ').slice(0, 3).join(' ')))).toEqual([]);
}, 180_000);
