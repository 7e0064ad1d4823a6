// A Log Analytics sweep finds what a file sweep finds when Sidekiq logs through its JSON formatter: a failed
// job is three records (the context, `Class: message`, the backtrace), each an entry of its own, which every
// source joins into one (source/sidekiq-jobs.ts). Read by shape, the backtrace record alone (`msg` a bare
// frame, `app/services/stripe_sync.rb:22:in 'push_invoice'`) was a problem named `:`.
import { buildDay, PROJECT } from '../../../bench/lib/twentyfifth/day.js';
import { expectSameProblems, sweepThreeWays } from './parity-sweep.js';

const SERVICES = ['worker-sidekiq'];

it('finds the same problems as a file sweep, each failed job one record', async () => {
  const day = buildDay(0);
  const entries = day.entries.filter((_e, i) => SERVICES.includes(day.truth[i]!.service));
  // The day writes both formatters: the JSON one is what this reads.
  expect(entries.some((e) => typeof (e.jsonPayload as { msg?: unknown } | undefined)?.msg === 'string' && /:in [`']/.test(String((e.jsonPayload as { msg: string }).msg)))).toBe(true);
  const sweeps = await sweepThreeWays(entries, { start: day.start, end: day.end + 1 }, SERVICES, PROJECT);
  expectSameProblems(sweeps, 0);
  const { byFile, grouped } = sweeps;
  expect(grouped.report.clusters.map((c) => [c.id, c.count]).sort()).toEqual(byFile.report.clusters.map((c) => [c.id, c.count]).sort());
  // No backtrace line is a problem of its own.
  expect(grouped.report.clusters.filter((c) => /^\W*$/.test(c.template) || /:in /.test(c.template.slice(0, 80)))).toEqual([]);
}, 180_000);
