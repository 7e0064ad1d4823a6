// A Log Analytics sweep and a Cloud Logging sweep of a Payara Micro service find what a file sweep of the
// same entries finds: ODL uniform-format records that Cloud Run split into one entry per line (the
// header line closed by `[[`, the message and the exception under it), at the level the header states,
// and the same records once the service logs through Payara's JSON formatter.
import { buildDay, PROJECT } from '../../../bench/lib/twentieth/day.js';
import { expectSameProblems, sweepThreeWays } from './parity-sweep.js';

const SERVICES = ['pay-payara'];

it('finds the same Payara problems in every source, from the ODL text and the JSON records', async () => {
  const day = buildDay(0);
  const entries = day.entries.filter((_e, i) => SERVICES.includes(day.truth[i]!.service));
  const sweeps = await sweepThreeWays(entries, { start: day.start, end: day.end + 1 }, SERVICES, PROJECT);
  expectSameProblems(sweeps);
  for (const r of [sweeps.byFile, sweeps.grouped, sweeps.cloud]) {
    const mattering = r.report.clusters.filter((c) => c.matters);
    const templates = mattering.map((c) => c.template);
    expect(templates.some((t) => t.startsWith('fraud score unavailable for payment'))).toBe(true);
    expect(templates.some((t) => t.startsWith('jakarta.ejb.EJBException: Transaction aborted'))).toBe(true);
    // No cluster is an ODL header with its message lost.
    expect(templates.some((t) => t.includes('[levelValue: '))).toBe(false);
  }
}, 240_000);
