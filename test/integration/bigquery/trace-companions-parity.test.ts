// A Log Analytics sweep finds what a file sweep finds when one request's records are written seconds
// apart and joined only by their trace id (classify/trace-neighbours.ts): an error, then its request's
// access line when the response is sent, while another request on the same instance fails in between,
// or with nothing written between them.
// Log Analytics returns both records whole (source/analytics/companion-sql.ts), with the entry's trace,
// so the function applies the same rule; the trace id read from the LogEntry and from the text alike.
import type { RawEntry } from '../../../src/shared/types.js';
import { entries, START, type Shape } from '../request-trace-day.js';
import { expectSameProblems, sweepThreeWays } from './parity-sweep.js';

const SERVICES = ['quotes'];

describe.each<[string, Shape]>([
  ['in the text (OpenTelemetry logging instrumentation)', 'text'],
  ['in the LogEntry (google-cloud-logging structured records)', 'json'],
])('a trace id %s', (_where, shape) => {
  it("counts each access line under its own request's error, as a file sweep does", async () => {
    const written = entries(shape, true) as RawEntry[];
    const sweeps = await sweepThreeWays(written, { start: START - 3_600_000, end: START + 86_400_000 }, SERVICES, 'shop-prod');
    expectSameProblems(sweeps, 0);
    const counts = (r: typeof sweeps.byFile): Array<[string, number]> => r.report.clusters.map((c): [string, number] => [c.template, c.count]).sort();
    expect(counts(sweeps.grouped)).toEqual(counts(sweeps.byFile));
    // The file sweep's answer (request-trace-companions.test.ts): each error 24, its access lines in it.
    expect(counts(sweeps.byFile).filter(([t]) => /quote for cart|stock lookup|tax rate for/.test(t)).map(([, n]) => n)).toEqual([24, 24, 24]);
  }, 240_000);
});
