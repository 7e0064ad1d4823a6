// A Log Analytics sweep and a Cloud Logging sweep find what a file sweep of the same entries finds when a
// server's access log is the word of a failed request: Apache's combined line of a request answered 500,
// written with no level beside PHP's fatal errors. Its status says ERROR in every source: the server-side
// patterns (Cloud Logging's `=~`, Log Analytics' REGEXP_CONTAINS) let it through and every line is read.
// Written beside its error, an access line counts under that error (classify/companions.ts): Log Analytics
// returns such lines whole, with the error beside them (source/analytics/companion-sql.ts), and the
// function applies the same rule, so the access lines count where a file sweep counts them.
import { buildDay, PROJECT } from '../../../bench/lib/nineteenth/day.js';
import { expectSameProblems, sweepThreeWays } from './parity-sweep.js';

const SERVICES = ['legacy-apache'];

it('finds the same problems as a file sweep, the access lines of requests answered 5xx read in every source', async () => {
  const day = buildDay(0);
  const entries = day.entries.filter((_e, i) => SERVICES.includes(day.truth[i]!.service));
  const failed = entries.filter((e) => typeof e.textPayload === 'string' && /HTTP\/1\.1" 5\d\d /.test(e.textPayload)).length;
  expect(failed).toBeGreaterThan(10);
  const sweeps = await sweepThreeWays(entries, { start: day.start, end: day.end + 1 }, SERVICES, PROJECT);
  expectSameProblems(sweeps, 0);
  const { byFile, grouped, cloud } = sweeps;
  expect(grouped.report.clusters.map((c) => [c.id, c.count]).sort()).toEqual(byFile.report.clusters.map((c) => [c.id, c.count]).sort());
  // The access lines went with their errors: no problem of their own, as in a file sweep.
  expect(grouped.report.clusters.filter((c) => c.matters && /^(?:GET|POST) \/\S* 500$/.test(c.template))).toEqual(
    byFile.report.clusters.filter((c) => c.matters && /^(?:GET|POST) \/\S* 500$/.test(c.template)));
  // Every access line of a failed request is read in every source, on its own problem or on the error beside it.
  for (const r of [byFile, grouped, cloud]) expect(r.report.entries.read).toBeGreaterThanOrEqual(failed);
}, 240_000);
