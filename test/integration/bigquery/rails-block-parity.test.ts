// A Log Analytics sweep and a Cloud Logging sweep find what a file sweep of the same entries finds when
// Rails writes its exception block with no level header (Rails 8's TaggedLogging.logger(STDOUT)):
// the request tags alone on the block's first line, then `[tags] Class (message):` and its frames, each
// line an entry of its own. The twenty-second day's Rails service rolls out to that format mid-day: the
// failures after the rollout are read in every source, under the issue the failures before it were,
// those whose message runs over several lines too.
import { buildDay, PROJECT } from '../../../bench/lib/twentysecond/day.js';
import { expectSameProblems, sweepThreeWays } from './parity-sweep.js';

const SERVICES = ['admin-rails'];

it('finds the same problems as a file sweep, the untagged-level exception lines read in every source', async () => {
  const day = buildDay(0);
  const entries = day.entries.filter((_e, i) => SERVICES.includes(day.truth[i]!.service));
  // Exception lines written with no level header: the rollout's format.
  const bare = entries.filter((e) => typeof e.textPayload === 'string' && /^\[[\w-]{36}\] {3}\n\[[\w-]{36}\] Google::Cloud::PermissionDeniedError \(/.test(e.textPayload)).length;
  expect(bare).toBeGreaterThan(5);
  const sweeps = await sweepThreeWays(entries, { start: day.start, end: day.end + 1 }, SERVICES, PROJECT);
  expectSameProblems(sweeps);
  for (const r of [sweeps.byFile, sweeps.grouped, sweeps.cloud]) {
    const denied = r.report.clusters.filter((c) => c.matters && c.template.includes('PermissionDeniedError'));
    expect(denied).toHaveLength(1);
    // Every failure's exception line, before the rollout and after it, is counted.
    const failures = entries.filter((e) => typeof e.textPayload === 'string' && e.textPayload.includes('PermissionDeniedError (')).length;
    expect(denied[0]!.count).toBeGreaterThanOrEqual(failures);
    // A message of several lines leaves its exception line open (PostgreSQL's socket error): read too.
    const socket = r.report.clusters.filter((c) => c.matters && c.template.includes('ConnectionNotEstablished'));
    expect(socket).toHaveLength(1);
    const lost = entries.filter((e) => typeof e.textPayload === 'string' && e.textPayload.includes('ConnectionNotEstablished (')).length;
    // One record lost its `FATAL -- : [tags]` line (the day's cut shape): its lines go on the INFO
    // `Completed 500` line written just before with the same tags, and are read as that line's.
    expect(socket[0]!.count).toBeGreaterThanOrEqual(lost - 1);
  }
}, 240_000);
