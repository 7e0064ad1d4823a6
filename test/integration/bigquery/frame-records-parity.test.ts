// A Log Analytics sweep and a Cloud Logging sweep find what a file sweep of the same entries finds when a
// service logs its stack trace one call per line (frame-records.ts): Nim's std/logging writes the error,
// then every frame as a record of its own under the same header; every source reads those records and the
// error and joins them, so the error is one problem, filed once, in each.
import { buildDay, PROJECT } from '../../../bench/lib/twelfth/day.js';
import { expectSameProblems, sweepThreeWays } from './parity-sweep.js';

const SERVICES = ['geo-nim'];

it('finds the same problems as a file sweep, the trace logged line by line one problem in both', async () => {
  const day = buildDay(0);
  const entries = day.entries.filter((_e, i) => SERVICES.includes(day.truth[i]!.service));
  const sweeps = await sweepThreeWays(entries, { start: day.start, end: day.end + 1 }, SERVICES, PROJECT);
  expectSameProblems(sweeps);
  const { byFile, grouped, cloud } = sweeps;
  // The timeout is one problem whose record holds its frames, in both; no frame is a problem of its own.
  for (const r of [byFile, grouped, cloud]) {
    const timeouts = r.report.clusters.filter((c) => c.matters && c.template.includes('timed out'));
    expect(timeouts).toHaveLength(1);
    expect(r.report.clusters.filter((c) => c.matters && /^\S+\.nim\(\d+\)|^<PATH>\)/.test(c.template))).toEqual([]);
  }
}, 180_000);
