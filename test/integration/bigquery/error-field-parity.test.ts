// A Log Analytics sweep finds what a file sweep finds when a service logs every failure under one message
// and names the error in a field of its own: a Go Cloud Run function (functions-framework-go) whose slog
// handler writes `{"severity": "ERROR", "message": "resize failed", "error": "read gs://…: storage: object
// doesn't exist"}` before the framework's `Function error: …` on stderr. The classifier reads the error
// field; a shape of the message alone made every such record one shape, sampled as its most frequent
// error (`image: unknown format`), and the rarer errors' records were counted in that problem.
import { buildDay, PROJECT } from '../../../bench/lib/twentyfifth/day.js';
import { expectSameProblems, sweepThreeWays } from './parity-sweep.js';

const SERVICES = ['fn-resize'];

it('finds the same problems as a file sweep, each error under its own problem', async () => {
  const day = buildDay(0);
  const entries = day.entries.filter((_e, i) => SERVICES.includes(day.truth[i]!.service));
  const payloads = entries.map((e) => e.jsonPayload as { message?: unknown; error?: unknown } | undefined);
  // One message, more than one error beside it.
  const errors = new Set(payloads.filter((p) => p?.message === 'resize failed').map((p) => String(p!.error).replace(/gs:\/\/\S+/, '')));
  expect(errors.size).toBeGreaterThan(1);
  const sweeps = await sweepThreeWays(entries, { start: day.start, end: day.end + 1 }, SERVICES, PROJECT);
  expectSameProblems(sweeps, 0);
  const { byFile, grouped } = sweeps;
  expect(grouped.report.clusters.map((c) => [c.id, c.count]).sort()).toEqual(byFile.report.clusters.map((c) => [c.id, c.count]).sort());
  const gone = (r: typeof byFile): number => r.report.clusters.filter((c) => /object doesn't exist/.test(c.template)).reduce((n, c) => n + c.count, 0);
  expect(gone(byFile)).toBeGreaterThan(0);
  expect(gone(grouped)).toBe(gone(byFile));
}, 180_000);
