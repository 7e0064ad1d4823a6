// Scheduled sweeps leave no gap: after a missed run, the next scheduled sweep reaches back to where
// the last one ended (the windowEnd recorded on GitHub), and nothing is counted twice.
import { jest } from '@jest/globals';
import { runSweepRequest } from '../../../src/entry/run-sweep.js';
import { createLogger } from '../../../src/shared/logger.js';
import { parseStateBlock } from '../../../src/render/index.js';
import { Capture } from '../../support/capture.js';
import { APP_ID, REPOSITORY, appKeys, shareFakeGitHub } from '../github/harness.js';
import type { FakeGitHub } from '../servers/github/server.js';

const EXAMPLE = 'examples/cloud-run-backend-day.jsonl';
let github: FakeGitHub;
shareFakeGitHub((server) => (github = server));

function sweep(now: string, scheduled: boolean) {
  const env = { GITHUB_API_URL: github.url, GITHUB_REPOSITORY: REPOSITORY, GITHUB_APP_ID: String(APP_ID), GITHUB_APP_PRIVATE_KEY: appKeys().privateKeyPem };
  return runSweepRequest({ now, window: '30m', logsFile: EXAMPLE, dryRun: false, scheduled }, env, { logger: createLogger({ level: 'silent', destination: new Capture() }) });
}

const windowEnds = () => github.issues().map((i) => parseStateBlock(i.body ?? '')?.windowEnd).filter(Boolean);

describe('a scheduled sweep after a missed one', () => {
  jest.setTimeout(150_000);

  it('reaches back to the end of the last recorded window, and a retry of it changes nothing', async () => {
    const first = await sweep('2025-09-11T04:00:00Z', true);
    expect(first.report.window).toEqual({ start: '2025-09-11T03:30:00.000Z', end: '2025-09-11T04:00:00.000Z' });
    expect(github.issues().length).toBeGreaterThan(0);

    // The 04:30 sweep never ran; the 05:00 one covers 04:00 to 05:00.
    const next = await sweep('2025-09-11T05:00:00Z', true);
    expect(next.failed).toBe(false);
    expect(next.report.window).toEqual({ start: '2025-09-11T04:00:00.000Z', end: '2025-09-11T05:00:00.000Z' });
    expect(Math.max(...windowEnds().map((t) => Date.parse(t!)))).toBe(Date.parse('2025-09-11T05:00:00Z'));

    // Cloud Scheduler delivers at least once: the same call again writes nothing.
    github.clearJournal();
    const retry = await sweep('2025-09-11T05:00:00Z', true);
    expect(retry.report.window.start).toBe('2025-09-11T04:30:00.000Z');
    expect(github.writes()).toEqual([]);
  });

  it('an ad-hoc sweep reads exactly the window it is given', async () => {
    const adHoc = await sweep('2025-09-11T07:00:00Z', false);
    expect(adHoc.report.window).toEqual({ start: '2025-09-11T06:30:00.000Z', end: '2025-09-11T07:00:00.000Z' });
  });
});
