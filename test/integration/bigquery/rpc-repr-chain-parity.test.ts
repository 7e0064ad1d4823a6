// A Log Analytics sweep and a Cloud Logging sweep find what a file sweep of the same entries finds when
// a Python chain whose cause is grpc's error repr (`grpc._channel._MultiThreadedRendezvous: <… of RPC
// that terminated with:`, its fields, `>` alone) reaches Cloud Run one line per entry, some writes
// without their first lines: the repr's class and its `>` are read by every source, and the chain's
// last exception is one problem, cut or whole (FastAPI on gunicorn over Spanner).
import { buildDay, PROJECT } from '../../../bench/lib/twentysixth/day.js';
import { mattering, sweepThreeWays } from './parity-sweep.js';

const SERVICES = ['seats-fastapi'];

it('finds the same problems in every source, the chained DeadlineExceeded one problem', async () => {
  const day = buildDay(0);
  const entries = day.entries.filter((_e, i) => SERVICES.includes(day.truth[i]!.service));
  const sweeps = await sweepThreeWays(entries, { start: day.start, end: day.end + 1 }, SERVICES, PROJECT);
  // The same problems everywhere. (Counts are not compared: Log Analytics counts uvicorn's access lines of
  // requests answered 500 on the request log's problem rather than beside their error, as before.)
  expect(sweeps.grouped.report.errors).toEqual([]);
  expect(sweeps.cloud.report.errors).toEqual([]);
  expect(mattering(sweeps.grouped)).toEqual(mattering(sweeps.byFile));
  expect(mattering(sweeps.cloud)).toEqual(mattering(sweeps.byFile));
  for (const r of [sweeps.byFile, sweeps.grouped, sweeps.cloud]) {
    const deadline = r.report.clusters.filter((c) => c.matters && c.template.startsWith('google.api_core.exceptions.DeadlineExceeded'));
    expect(deadline).toHaveLength(1);
  }
}, 300_000);
