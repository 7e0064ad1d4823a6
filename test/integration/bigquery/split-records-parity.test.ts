// A Log Analytics sweep and a Cloud Logging sweep find what a file sweep of the same entries finds when
// records a program writes in one call reach Cloud Run one line per entry: Node's console.trace of an
// error (`Trace: KnexTimeoutError: …` and its frames, Uptime Kuma), Flyway's failed migration block (its
// heading, a rule and padded fields) and a PHP trace whose last frame carries Monolog's context (Craft CMS).
import { buildDay, PROJECT } from '../../../bench/lib/twentyfirst/day.js';
import { expectSameProblems, sweepThreeWays } from './parity-sweep.js';

const SERVICES = ['status-kuma', 'jobs-flyway', 'cms-craft'];

it('finds the same problems in every source, each split record one problem', async () => {
  const day = buildDay(0);
  const entries = day.entries.filter((_e, i) => SERVICES.includes(day.truth[i]!.service));
  const sweeps = await sweepThreeWays(entries, { start: day.start, end: day.end + 1 }, SERVICES, PROJECT);
  expectSameProblems(sweeps);
  for (const r of [sweeps.byFile, sweeps.grouped, sweeps.cloud]) {
    const templates = r.report.clusters.filter((c) => c.matters).map((c) => c.template);
    // The console.trace line is the error's own; no record is only its last PHP frame or Flyway's rule.
    expect(templates.some((t) => t.startsWith('KnexTimeoutError: Knex: Timeout acquiring a connection'))).toBe(true);
    expect(templates.some((t) => /^(?:<ID> )?\{main\}/.test(t))).toBe(false);
    expect(templates.some((t) => t.startsWith('---'))).toBe(false);
  }
}, 300_000);
