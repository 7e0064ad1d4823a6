// A Log Analytics sweep and a Cloud Logging sweep find what a file sweep of the same entries finds when the
// level is Auth.js's (`[auth][error] UntrustedHost: …`, `[auth][warn][code] Read more: …`), and Cloud
// Logging also when the parts of its error come as writes of their own (`[auth][cause]: …` with the
// cause's stack, `[auth][details]: {}`), read at ERROR in every source.
import { expect } from '@jest/globals';
import { buildDay, PROJECT } from '../../../bench/lib/twentyfourth/day.js';
import { expectSameProblems, mattering, sweepThreeWays } from './parity-sweep.js';

const SERVICES = ['portal-authjs'];

it('finds the same problems as a file sweep, each of these levels read in every source', async () => {
  const day = buildDay(0);
  // The failures whose parts (error, cause, details) are written within milliseconds of each other are one
  // problem in every source (classify/companions.ts; Log Analytics returns them whole:
  // source/analytics/companion-sql.ts).
  const entries = day.entries.filter((_e, i) => SERVICES.includes(day.truth[i]!.service));
  const sweeps = await sweepThreeWays(entries, { start: day.start, end: day.end + 1 }, SERVICES, PROJECT);
  expectSameProblems(sweeps);
  for (const r of [sweeps.byFile, sweeps.grouped, sweeps.cloud]) {
    const templates = r.report.clusters.filter((c) => c.matters).map((c) => c.template);
    expect(templates.some((t) => t.startsWith('UntrustedHost: Host must be trusted.'))).toBe(true);
    expect(templates.some((t) => t.startsWith('[env-url-basepath-redundant] Read more'))).toBe(true);
  }
}, 240_000);

it("reads an error's parts in Cloud Logging as the file sweep does", async () => {
  const day = buildDay(0);
  const entries = day.entries.filter((_e, i) => SERVICES.includes(day.truth[i]!.service));
  const { byFile, cloud } = await sweepThreeWays(entries, { start: day.start, end: day.end + 1 }, SERVICES, PROJECT);
  expect(cloud.report.errors).toEqual([]);
  expect(mattering(cloud)).toEqual(mattering(byFile));
  const templates = byFile.report.clusters.filter((c) => c.matters).map((c) => c.template);
  expect(templates.some((t) => t.startsWith('JWEDecryptionFailed: decryption operation failed'))).toBe(true);
  expect(templates.some((t) => t.startsWith('JWTSessionError'))).toBe(false);
}, 240_000);
