// A Log Analytics sweep and a Cloud Logging sweep find what a file sweep of the same entries finds when the
// level is a letter inside Phusion Passenger's bracket (`[ E 2026-… 17/T7 file.cpp:221 ]: `, `[ W … ]: `), and
// in the application's lines Passenger relays behind `App N output: `; a word behind a Go logger's prefix
// (asynq's `asynq: pid=1 2026/12/10 … WARN: `), and tint's `ERR` after Go's StampMilli time.
import { buildDay, PROJECT } from '../../../bench/lib/nineteenth/day.js';
import { expectSameProblems, sweepThreeWays } from './parity-sweep.js';

const SERVICES = ['web-passenger', 'worker-asynq'];

it('finds the same problems as a file sweep, each of these levels read in every source', async () => {
  const day = buildDay(0);
  // asynq's panic report and the ErrorHandler's `task failed … panic [...]` line beside it are one problem in
  // every source (classify/companions.ts; Log Analytics returns them whole: source/analytics/companion-sql.ts).
  const entries = day.entries.filter((_e, i) => SERVICES.includes(day.truth[i]!.service));
  const sweeps = await sweepThreeWays(entries, { start: day.start, end: day.end + 1 }, SERVICES, PROJECT);
  expectSameProblems(sweeps);
  for (const r of [sweeps.byFile, sweeps.grouped, sweeps.cloud]) {
    const templates = r.report.clusters.filter((c) => c.matters).map((c) => c.template);
    expect(templates.some((t) => t.includes('Request queue full'))).toBe(true);
    expect(templates.some((t) => t.includes('no longer exists! Detaching it from the pool'))).toBe(true);
    expect(templates.some((t) => t.includes('Could not spawn process for application'))).toBe(true);
    expect(templates.some((t) => t.includes('recoverer: could not move task to archive'))).toBe(true);
    expect(templates.some((t) => t.includes('Dequeue error'))).toBe(true);
    expect(templates.some((t) => t.includes('task failed type=email:deliver: send mail: unexpected status'))).toBe(true);
  }
}, 240_000);
