// A Log Analytics sweep and a Cloud Logging sweep find what a file sweep of the same entries finds when
// a warning is said by a prefix or a shape no level word spells: absl-py's `W1204 … 140478147475048
// score.py:61] ` (Python's thread id, fifteen digits) and tenacity's bare `Retrying … in 4.0 seconds as it
// raised ResourceExhausted: …` (normalize/retry-notice.ts), a problem of its own beside the final error.
import { buildDay, PROJECT } from '../../../bench/lib/twentyfourth/day.js';
import { countsOff, expectSameProblems, sweepThreeWays } from './parity-sweep.js';

const SERVICES = ['jobs-tfscore', 'chat-langchain'];

it('finds the same problems as a file sweep, each of these warnings read in every source', async () => {
  const day = buildDay(0);
  // Left out: TF 2.18's cuInit record under absl's pre-init banner, which a grouped read sees a piece of
  // alone; not about these warnings. (TF's rendezvous warning under its morning header, `2026-12-04
  // 00:11:39.473990: W tensorflow/…`, is read by every source since the prefilter's RE2 twin of it.)
  const apart = new Set(['jobs-tfscore:cuinit-failed']);
  const entries = day.entries.filter((_e, i) => SERVICES.includes(day.truth[i]!.service) && !apart.has(day.truth[i]!.family));
  const sweeps = await sweepThreeWays(entries, { start: day.start, end: day.end + 1 }, SERVICES, PROJECT);
  // uvicorn's access lines of the failed requests count under the error beside them in every source
  // (classify/companions.ts; Log Analytics returns them whole: source/analytics/companion-sql.ts).
  expectSameProblems(sweeps, 0);
  expect(countsOff(sweeps.cloud, sweeps.byFile)).toBe(0);
  for (const r of [sweeps.byFile, sweeps.grouped, sweeps.cloud]) {
    const templates = r.report.clusters.filter((c) => c.matters).map((c) => c.template);
    expect(templates.some((t) => t.includes('has <NUM> record, skipping'))).toBe(true);
    expect(templates.some((t) => t.startsWith('Retrying ') && t.includes('as it raised ResourceExhausted'))).toBe(true);
    expect(templates.some((t) => t.includes('google.api_core.exceptions.ResourceExhausted'))).toBe(true);
  }
}, 240_000);
