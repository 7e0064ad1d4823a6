// A Log Analytics sweep and a Cloud Logging sweep find what a file sweep of the same entries finds when
// Playwright's errors reach Cloud Run one line per entry with their `Call log:` block or their boxed
// notice between the error's line and its frames (source/playwright-lines.ts), when a Go function's
// framework prints the error it returned (`Function error: …`) and when the MongoDB driver warns under
// its own code (`(node:1) [MONGODB DRIVER] Warning: …`): every source reads and joins the same lines.
import { buildDay, PROJECT } from '../../../bench/lib/twentyfifth/day.js';
import { countsOff, expectSameProblems, sweepThreeWays } from './parity-sweep.js';

const SERVICES = ['scrape-playwright', 'fn-resize', 'catalog-mongoose'];

it('finds the same problems as a file sweep, each of these read in every source', async () => {
  const day = buildDay(0);
  const entries = day.entries.filter((_e, i) => SERVICES.includes(day.truth[i]!.service));
  const sweeps = await sweepThreeWays(entries, { start: day.start, end: day.end + 1 }, SERVICES, PROJECT);
  // The function's JSON records of its failures (`resize failed` with `error: read …` or `decode …`) share one shape
  // in a grouped read, which counts a shape under the problem its samples name: Log Analytics' counts
  // of those two problems may differ by them. Cloud Logging reads every entry and counts as a file does.
  const json = entries.filter((e) => (e.jsonPayload as { message?: unknown } | undefined)?.message === 'resize failed' && /^read /.test(String((e.jsonPayload as { error?: unknown }).error))).length;
  expectSameProblems(sweeps, 2 + 2 * json);
  expect(countsOff(sweeps.cloud, sweeps.byFile)).toBe(0);
  for (const r of [sweeps.byFile, sweeps.grouped, sweeps.cloud]) {
    const templates = r.report.clusters.filter((c) => c.matters).map((c) => c.template);
    expect(templates.filter((t) => t.includes('page.goto: Timeout <NUM> exceeded.'))).toHaveLength(1);
    expect(templates.filter((t) => t.includes("browserType.launch: Executable doesn't exist"))).toHaveLength(1);
    expect(templates.some((t) => t.startsWith('write <URL>: googleapi: Error <NUM>'))).toBe(true);
    expect(templates.some((t) => t.includes('[MONGODB DRIVER] Warning: useNewUrlParser is a deprecated option'))).toBe(true);
    // No line of a call log or of the box is a problem of its own.
    expect(templates.filter((t) => /^(?:Call log:|[╔║╚]|- navigating)/.test(t))).toEqual([]);
  }
}, 240_000);
