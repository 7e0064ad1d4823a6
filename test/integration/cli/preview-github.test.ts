// `--preview DIR` shows what lands on GitHub before it does: after a dry run with the App's
// credentials, the real sweep sends each create's title and body exactly as the preview files hold them.
import { jest } from '@jest/globals';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/entry/cli.js';
import { Capture } from '../../support/capture.js';
import { APP_ID, REPOSITORY, appKeys, shareFakeGitHub } from '../github/harness.js';
import type { FakeGitHub } from '../servers/github/server.js';

const EXAMPLE = 'examples/cloud-run-backend-day.jsonl';
let github: FakeGitHub;
shareFakeGitHub((server) => (github = server));

async function sweep(...extra: string[]) {
  const env = { GITHUB_API_URL: github.url, GITHUB_REPOSITORY: REPOSITORY, GITHUB_APP_ID: String(APP_ID), GITHUB_APP_PRIVATE_KEY: appKeys().privateKeyPem };
  const stdout = new Capture();
  const code = await main(['sweep', '--logs-file', EXAMPLE, '--json', '--now', '2025-09-11T04:00:00Z', '--window', '30m', ...extra], env, { stdout, stderr: new Capture() });
  return { code, stdout: stdout.text };
}

describe('--preview against a GitHub-shaped server', () => {
  jest.setTimeout(90_000);

  it('holds the title and body that the real sweep then sends', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'preview-'));
    expect((await sweep('--dry-run', '--preview', dir)).code).toBe(0);
    expect(github.writes()).toEqual([]);
    const previews = readdirSync(dir).sort().map((name) => readFileSync(join(dir, name), 'utf8'));
    expect(previews.length).toBeGreaterThan(0);

    expect((await sweep()).code).toBe(0);
    const sent = github.writes()
      .filter((w) => w.method === 'POST' && /\/issues$/.test(w.path))
      .map((w) => w.body as { title: string; body: string })
      .map((b) => `# ${b.title}\n\n${b.body}`);
    expect(sent).toEqual(previews);
  });
});
