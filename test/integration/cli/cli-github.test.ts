// The CLI writing to a GitHub-shaped server through the real GitHub App client, as the scheduled
// function does: the same entry point, env and settings a user gives it.
import { jest } from '@jest/globals';
import { plantedEmailLocalParts, plantedSecretStrings } from '../../../bench/lib/fake-secrets.js';
import { main } from '../../../src/entry/cli.js';
import { Capture } from '../../support/capture.js';
import type { RunReport } from '../../../src/report/run-report.js';
import { APP_ID, MANAGED, REPOSITORY, appKeys, shareFakeGitHub } from '../github/harness.js';
import type { FakeGitHub } from '../servers/github/server.js';

const EXAMPLE = 'examples/cloud-run-backend-day.jsonl';

let github: FakeGitHub;
shareFakeGitHub((server) => (github = server));

async function sweep(now: string, window: string, ...extra: string[]) {
  const stdout = new Capture();
  const stderr = new Capture();
  const env = {
    GITHUB_API_URL: github.url,
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_APP_ID: String(APP_ID),
    GITHUB_APP_PRIVATE_KEY: appKeys().privateKeyPem,
  };
  const code = await main(['sweep', '--logs-file', EXAMPLE, '--json', '--now', now, '--window', window, ...extra], env, { stdout, stderr });
  return { code, report: JSON.parse(stdout.text) as RunReport, stderr: stderr.text };
}

describe('log-gardener sweep against GitHub', () => {
  jest.setTimeout(90_000);

  it('a dry run with credentials reads the repository and writes nothing', async () => {
    const { code, report } = await sweep('2025-09-11T04:00:00Z', '30m', '--dry-run');
    expect(code).toBe(0);
    expect(report.actions.filter((a) => a.kind === 'create').length).toBeGreaterThan(0);
    expect(github.writes()).toEqual([]);
    expect(github.issues()).toEqual([]);
  });

  it('files one issue per problem that matters, then a rerun writes nothing', async () => {
    const first = await sweep('2025-09-11T04:00:00Z', '30m');
    expect(first.code).toBe(0);
    const creates = first.report.actions.filter((a) => a.kind === 'create');
    expect(creates.length).toBeGreaterThan(0);
    expect(creates.every((a) => a.status === 'done' && typeof a.issue === 'number' && a.url?.includes(`/issues/${a.issue}`))).toBe(true);
    const issues = github.issues();
    expect(issues.map((i) => i.title).sort()).toEqual(creates.map((a) => a.title).sort());
    for (const issue of issues) {
      expect(issue.labels).toContain(MANAGED);
      expect(issue.labels.filter((l) => /^P[0-3]$/.test(l))).toHaveLength(1);
    }

    github.clearJournal();
    const rerun = await sweep('2025-09-11T04:00:00Z', '30m');
    expect(rerun.code).toBe(0);
    expect(rerun.report.actions.every((a) => a.kind === 'none')).toBe(true);
    expect(github.writes()).toEqual([]);
    expect(github.issues()).toHaveLength(issues.length);
  });

  it('a later window updates the same issues in place instead of filing twins', async () => {
    const before = github.issues().length;
    const later = await sweep('2025-09-11T05:00:00Z', '1h');
    expect(later.code).toBe(0);
    const titles = github.issues().map((i) => i.title);
    expect(new Set(titles).size).toBe(titles.length);
    const updated = later.report.actions.filter((a) => a.kind === 'update' || a.kind === 'comment');
    expect(updated.length + later.report.actions.filter((a) => a.kind === 'create').length).toBeGreaterThan(0);
    expect(github.issues().length).toBeGreaterThanOrEqual(before);
  });

  it('sends only requests GitHub publishes, and no secret reaches an issue', () => {
    expect(github.nonConforming()).toEqual([]);
    const written = github.issues().map((i) => `${i.title}\n${i.body ?? ''}\n${github.comments(i.number).map((c) => c.body).join('\n')}`).join('\n');
    for (const secret of plantedSecretStrings()) expect(written).not.toContain(secret);
    for (const local of plantedEmailLocalParts()) expect(written).not.toMatch(new RegExp(`\\b${local.replace(/[.+]/g, '\\$&')}@`));
  });
});
