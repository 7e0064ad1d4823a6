// The red-team check from outside: secrets and personal data planted in every place a Cloud Run entry
// carries them, one whole sweep against the GitHub-shaped server, and every request sent, the issues,
// the committed worklog, the run report and the gardener's own log lines searched for each value.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadSettings } from '../../../src/config/load-settings.js';
import { createLogger } from '../../../src/shared/logger.js';
import { createFileSource } from '../../../src/source/log-file.js';
import { runSweep } from '../../../src/sweep.js';
import type { FakeGitHub } from '../servers/github/server.js';
import { REPOSITORY, storeFor, useFakeGitHub } from './harness.js';

const j = (...parts: string[]): string => parts.join('');
const hex32 = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const END = Date.parse('2025-09-12T00:00:00Z');
const SERVICE = 'netra-backend-staging';

/** What is planted, and the text that carries it. */
const planted: Array<{ secret: string; entry: (n: number) => Record<string, unknown> }> = [
  { secret: 'lemondrizzlecake', entry: () => ({ textPayload: 'ERROR config check failed DB_PASS=lemondrizzlecake' }) },
  { secret: 'treacletart42', entry: () => ({ jsonPayload: { message: 'smtp relay refused login', SMTP_PASS: 'treacletart42' } }) },
  { secret: 'sunflower77', entry: () => ({ textPayload: 'ERROR admin login failed: the password is sunflower77 for admin' }) },
  { secret: 'Wh1sk3yT4ngo', entry: () => ({ textPayload: 'ERROR deploy hook failed: curl -s -u deploy:Wh1sk3yT4ngo https://ci.internal/api' }) },
  { secret: 'Zebra-Crossing-9', entry: () => ({ jsonPayload: { message: 'sql.Open failed: app:Zebra-Crossing-9@tcp(10.1.2.3:3306)/orders' } }) },
  { secret: 'quinceJelly88', entry: () => ({ jsonPayload: { message: 'worker crashed on start', args: ['--db-password', 'quinceJelly88'] } }) },
  { secret: 'marmalade-sky-7', entry: () => ({ jsonPayload: { message: 'container spec rejected', env: [{ name: 'DB_PASSWORD', value: 'marmalade-sky-7' }] } }) },
  { secret: 'Qm9vZ3lNYW5NeXN0ZXJ5VG9rZW4x', entry: () => ({ httpRequest: { requestMethod: 'GET', requestUrl: 'https://shop.example/reset-password/Qm9vZ3lNYW5NeXN0ZXJ5VG9rZW4x', status: 500, remoteIp: '203.0.113.47' } }) },
  { secret: '4111 1111 1111 1111', entry: () => ({ textPayload: 'ERROR payment declined for card 4111 1111 1111 1111' }) },
  { secret: '198.51.100.23', entry: () => ({ textPayload: 'ERROR rate limiter rejected client 198.51.100.23' }) },
  { secret: '7946 0958', entry: () => ({ textPayload: 'ERROR sms to +44 20 7946 0958 failed' }) },
  { secret: 'priya.nair', entry: () => ({ textPayload: 'ERROR invite bounced for priya.nair&#64;cornell.edu' }) },
  { secret: 'omar.haddad', entry: () => ({ textPayload: 'ERROR owner omar.haddad＠example.net not found' }) },
  { secret: j('shpat', '_', hex32), entry: () => ({ textPayload: `ERROR shopify sync failed with ${j('shpat', '_', hex32)}` }) },
  { secret: j('hvs', '.', 'CAESIJlWpq9M2NvT0kL3yQ7rA8bX1cD5eF6gH9iJ0kL'), entry: () => ({ textPayload: `ERROR vault login failed token ${j('hvs', '.', 'CAESIJlWpq9M2NvT0kL3yQ7rA8bX1cD5eF6gH9iJ0kL')}` }) },
  { secret: j('dckr', '_pat_', 'Zq3xY8wV2uT6sR0pO4nM9lK1jH5'), entry: () => ({ jsonPayload: { message: `registry push denied for ${j('dckr', '_pat_', 'Zq3xY8wV2uT6sR0pO4nM9lK1jH5')}` } }) },
  { secret: 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun', entry: () => ({ textPayload: 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun' }) },
];

function logsFile(): string {
  const lines: string[] = [];
  planted.forEach(({ entry }, k) => {
    for (let n = 0; n < 4; n++) {
      lines.push(JSON.stringify({
        timestamp: new Date(END - 3600_000 * (k + 1) + n * 60_000).toISOString(),
        severity: 'ERROR',
        resource: { type: 'cloud_run_revision', labels: { service_name: SERVICE, revision_name: `${SERVICE}-00042-abc` } },
        ...entry(n),
      }));
    }
  });
  const dir = mkdtempSync(join(tmpdir(), 'red-team-'));
  const path = join(dir, 'logs.jsonl');
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

describe('a red-team sweep', () => {
  let server: FakeGitHub;
  useFakeGitHub((s) => (server = s));

  it('leaks no planted value to GitHub, the worklog, the report or its own logs', async () => {
    const { settings: s } = loadSettings(readFileSync('config/examples/netra-backend-staging.yaml', 'utf8'), { GITHUB_REPOSITORY: REPOSITORY });
    const settings = { ...s, github: { ...s.github, maxCreatesPerRun: 100, maxWritesPerRun: 1000, worklog: { ...s.github.worklog, commit: true } } };
    const logLines: string[] = [];
    const destination = new Writable({ write(chunk, _e, done) { logLines.push(String(chunk)); done(); } });
    const result = await runSweep(
      { source: createFileSource(logsFile()), store: await storeFor(server), logger: createLogger({ level: 'debug', destination }) },
      { runId: 'red1', window: { start: END - 24 * 3600_000, end: END }, services: [SERVICE], dryRun: false, settings },
    );
    expect(result.report.actions.filter((a) => a.kind === 'create').length).toBeGreaterThan(5);
    const sent = JSON.stringify(server.journal.map((e) => ({ query: e.query, body: e.body })));
    const committed = server.journal
      .filter((e) => e.method === 'PUT')
      .map((e) => Buffer.from(String((e.body as { content?: string }).content ?? ''), 'base64').toString('utf8'))
      .join('\n');
    expect(committed.length).toBeGreaterThan(0);
    const outputs = {
      requests: sent,
      issues: JSON.stringify(server.issues()),
      worklog: result.worklog,
      committed,
      report: JSON.stringify(result.report),
      logs: logLines.join(''),
    };
    const leaks = planted.flatMap(({ secret }) =>
      Object.entries(outputs).filter(([, text]) => text.includes(secret)).map(([where]) => `${secret.slice(0, 12)}… in ${where}`),
    );
    expect(leaks).toEqual([]);
  });

  it('renders markup from logs as text in the worklog tables', async () => {
    const { settings: s } = loadSettings(readFileSync('config/examples/netra-backend-staging.yaml', 'utf8'), { GITHUB_REPOSITORY: REPOSITORY });
    const hostile = 'WARNING upstream said ![x](https://evil.example/p.png) <img src=x onerror=alert(1)> ping @octocat see #1';
    const dir = mkdtempSync(join(tmpdir(), 'red-team-'));
    const path = join(dir, 'logs.jsonl');
    writeFileSync(path, JSON.stringify({
      timestamp: new Date(END - 3600_000).toISOString(), severity: 'WARNING',
      resource: { type: 'cloud_run_revision', labels: { service_name: SERVICE } }, textPayload: hostile,
    }) + '\n');
    const result = await runSweep(
      { source: createFileSource(path), store: await storeFor(server), logger: createLogger({ level: 'silent' }) },
      { runId: 'red2', window: { start: END - 24 * 3600_000, end: END }, services: [SERVICE], dryRun: true, settings: s },
    );
    const rows = result.worklog.split('\n').filter((line) => line.startsWith('|') && line.includes('evil.example'));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      // Each cell that holds log text is one code span: nothing of it is outside backticks.
      const outside = row.replace(/(`+)[^`]*?\1/g, '');
      expect(outside).not.toMatch(/evil|<img|@octocat|#1\b/);
    }
  });
});
