// A Log Analytics sweep finds what a file sweep finds when one failure writes more than one record: a gRPC
// service on go-grpc-middleware whose recovery interceptor logs `recovered from panic` with the goroutine's
// stack, and whose logging interceptor then writes the call's `finished call` record with `rpc error: code =
// Internal desc = runtime error: …`, both within a millisecond on one instance. A file sweep counts the
// second under the first (classify/companions.ts); Log Analytics returns both whole, with what was written
// beside them (source/analytics/companion-sql.ts), and the function applies the same rule.
import { buildDay, PROJECT } from '../../../bench/lib/twentyfifth/day.js';
import { expectSameProblems, sweepThreeWays } from './parity-sweep.js';

const SERVICES = ['inventory-grpc'];

it('finds the same problems as a file sweep, the records written beside an error counted under it', async () => {
  const day = buildDay(0);
  const entries = day.entries.filter((_e, i) => SERVICES.includes(day.truth[i]!.service));
  const text = (e: (typeof entries)[number]): string => JSON.stringify(e.jsonPayload ?? e.textPayload ?? '');
  expect(entries.some((e) => text(e).includes('recovered from panic'))).toBe(true);
  const sweeps = await sweepThreeWays(entries, { start: day.start, end: day.end + 1 }, SERVICES, PROJECT);
  expectSameProblems(sweeps, 0);
  const { byFile, grouped } = sweeps;
  expect(grouped.report.clusters.map((c) => [c.id, c.count]).sort()).toEqual(byFile.report.clusters.map((c) => [c.id, c.count]).sort());
  // The call's record went with the panic in both: no problem named by the call's error alone.
  const callOnly = (r: typeof byFile): string[] => r.report.clusters.filter((c) => c.matters && /^(?:finished|rpc error)/.test(c.template)).map((c) => c.id);
  expect(callOnly(grouped)).toEqual(callOnly(byFile));
  // Entries come back whole only beside errors and traces: fewer rows than entries.
  expect(grouped.report.source.analytics!.lines).toBeLessThan(entries.length);
}, 240_000);
