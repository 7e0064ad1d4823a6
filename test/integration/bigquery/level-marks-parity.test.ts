// A Log Analytics sweep and a Cloud Logging sweep find what a file sweep of the same entries finds when
// the level is said in ways no word spells: a Nextcloud record's `level` on its 0-4 scale, Redis's mark
// (`#` a warning), npm's banner split one line per entry, and a Go `log.Printf` of an operation that
// failed with its cause (`Error redeeming code …: …`). Every source reads them at the same floor.
import { buildDay, PROJECT } from '../../../bench/lib/eighteenth/day.js';
import { expectSameProblems, sweepThreeWays } from './parity-sweep.js';

const SERVICES = ['files-nextcloud', 'web-npm', 'gate-oauth2proxy'];

it('finds the same problems as a file sweep, each of these levels read in every source', async () => {
  const day = buildDay(0);
  const entries = day.entries.filter((_e, i) => SERVICES.includes(day.truth[i]!.service));
  const sweeps = await sweepThreeWays(entries, { start: day.start, end: day.end + 1 }, SERVICES, PROJECT);
  expectSameProblems(sweeps);
  for (const r of [sweeps.byFile, sweeps.grouped, sweeps.cloud]) {
    const templates = r.report.clusters.filter((c) => c.matters).map((c) => c.template);
    expect(templates.some((t) => t.startsWith('Login failed'))).toBe(true);
    expect(templates.some((t) => t.includes("Can't save in background"))).toBe(true);
    expect(templates.some((t) => t.startsWith('npm error') && t.includes('signal SIGTERM'))).toBe(true);
    expect(templates.some((t) => t.startsWith('Error redeeming code during OAuth2 callback'))).toBe(true);
  }
}, 240_000);
