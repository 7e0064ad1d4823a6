// A Log Analytics sweep finds what a file sweep finds, with the same counts, when a service logs its
// failures under one header and names each error in an object beside it: hapi-pino's `{"msg": "request
// error", "err": {"type": "Error", "message": "connect ECONNREFUSED 10.8.0.7:6379", "stack": …}}` (the
// thirteenth day's gateway), and tslog's JSON record, its arguments under their positions and no message
// key at all (`{"0": "Upload 65f… failed", "1": {"name": "MongoServerSelectionError", "message": …}}`, the
// fourteenth day's media service). The classifier reads the error object's message; a shape that did not
// (JSON_VALUE of an object is NULL; tslog's whole record, every string masked) made one shape of several
// problems, dealt out by its three samples, and counted each problem wrong.
import { buildDay as thirteenth, PROJECT as PROJECT_13 } from '../../../bench/lib/thirteenth/day.js';
import { buildDay as fourteenth, PROJECT as PROJECT_14 } from '../../../bench/lib/fourteenth/day.js';
import type { Day } from '../../../bench/lib/cloud-run-day.js';
import { expectSameProblems, sweepThreeWays } from './parity-sweep.js';

async function expectSameCounts(day: Day, services: string[], project: string, errorOf: (payload: Record<string, unknown>) => unknown): Promise<void> {
  const entries = day.entries.filter((_e, i) => services.includes(day.truth[i]!.service));
  // More than one error under one header, each an object (no string to read at the top of the record).
  const errors = new Set(entries.map((e) => e.jsonPayload as Record<string, unknown> | undefined).filter((p) => p !== undefined)
    .map(errorOf).filter((err): err is { message: string } => typeof err === 'object' && err !== null && typeof (err as { message?: unknown }).message === 'string')
    .map((err) => err.message.replace(/[\d.:]+/g, '')));
  expect(errors.size).toBeGreaterThan(1);
  const sweeps = await sweepThreeWays(entries, { start: day.start, end: day.end + 1 }, services, project);
  expectSameProblems(sweeps, 0);
  const { byFile, grouped } = sweeps;
  expect(grouped.report.clusters.map((c) => [c.id, c.count]).sort()).toEqual(byFile.report.clusters.map((c) => [c.id, c.count]).sort());
}

it('counts each error logged as an object under one header as a file sweep does (pino)', async () => {
  await expectSameCounts(thirteenth(0), ['gateway-hapi'], PROJECT_13, (p) => (p.msg === 'request error' ? p.err : undefined));
}, 240_000);

it('counts each error of a tslog record as a file sweep does', async () => {
  await expectSameCounts(fourteenth(0), ['media-tslog'], PROJECT_14, (p) => ('_meta' in p ? p['1'] : undefined));
}, 240_000);
