// A Cloud Logging sweep finds what a file sweep of the same entries finds when a server's access log
// is the word of a failed request: Apache's combined line of a request answered 500, written with no
// level beside PHP's fatal errors. Its status says ERROR in every source: the server-side patterns
// (Cloud Logging's `=~`, Log Analytics' REGEXP_CONTAINS) let it through and every line is read.
// Log Analytics counts shapes server-side and cannot tell which instance wrote what beside what, so no
// record goes with the error beside it there (classify/companions.ts, for every companion record):
// the access lines stay a problem of their own in that source, and only that one differs.
import { buildDay, PROJECT } from '../../../bench/lib/nineteenth/day.js';
import { countsOff, mattering, sweepThreeWays } from './parity-sweep.js';

const SERVICES = ['legacy-apache'];

it('finds the same problems as a file sweep, the access lines of requests answered 5xx read in every source', async () => {
  const day = buildDay(0);
  const entries = day.entries.filter((_e, i) => SERVICES.includes(day.truth[i]!.service));
  const failed = entries.filter((e) => typeof e.textPayload === 'string' && /HTTP\/1\.1" 5\d\d /.test(e.textPayload)).length;
  expect(failed).toBeGreaterThan(10);
  const { byFile, grouped, cloud } = await sweepThreeWays(entries, { start: day.start, end: day.end + 1 }, SERVICES, PROJECT);
  expect(cloud.report.errors).toEqual([]);
  expect(grouped.report.errors).toEqual([]);
  expect(mattering(cloud)).toEqual(mattering(byFile));
  expect(countsOff(cloud, byFile)).toBe(0);
  // Log Analytics: the file sweep's problems, and the access lines' own.
  const fileIds = new Set(mattering(byFile).map((m) => m.id));
  const access = grouped.report.clusters.filter((c) => c.matters && !fileIds.has(c.id));
  expect(access).toHaveLength(1);
  // Read as the request's log: one problem per status, whatever path each line asked for.
  expect(access[0]!.template).toMatch(/^(?:GET|POST) \/\S* 500$/);
  expect(access[0]!.count).toBeLessThanOrEqual(failed);
  expect(access[0]!.severity).toBe('ERROR');
  expect(mattering(grouped).filter((m) => m.id !== access[0]!.id)).toEqual(mattering(byFile));
  // Every access line of a failed request is read in every source, on its own problem or on the error beside it.
  for (const r of [byFile, grouped, cloud]) expect(r.report.entries.read).toBeGreaterThanOrEqual(failed);
}, 240_000);
