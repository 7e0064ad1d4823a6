// Identity is forever, over the wire: a repository whose issues release 0.1.0 filed (bodies and state
// blocks exactly as it wrote them) is swept by today's release through the real App client. The
// next day's logs of the same problems update those issues; nothing is filed twice.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '../../../src/config/load-settings.js';
import { parseStateBlock } from '../../../src/render/index.js';
import { createLogger } from '../../../src/shared/logger.js';
import { createFileSource } from '../../../src/source/log-file.js';
import { runSweep } from '../../../src/sweep.js';
import type { FakeGitHub } from '../servers/github/server.js';
import { MANAGED, REPOSITORY, storeFor, useFakeGitHub } from './harness.js';

const DAY = 24 * 3600_000;
const END = Date.parse('2025-09-13T00:00:00Z');

/** The same logs a day later, as the next day's sweep reads them. */
function nextDay(logs: string): string {
  const out = join(mkdtempSync(join(tmpdir(), 'upgrade-')), 'next-day.jsonl');
  const lines = readFileSync(logs, 'utf8').split('\n').filter((l) => l.trim() !== '').map((line) => {
    const entry = JSON.parse(line) as { timestamp: string; receiveTimestamp?: string };
    entry.timestamp = new Date(Date.parse(entry.timestamp) + DAY).toISOString();
    delete entry.receiveTimestamp;
    return JSON.stringify(entry);
  });
  writeFileSync(out, `${lines.join('\n')}\n`);
  return out;
}

const cases = [
  { name: 'the example day', logs: 'examples/cloud-run-backend-day.jsonl', config: 'config/examples/netra-backend-staging.yaml', issues: 'v0.1.0-issues-example-day.json' },
  { name: 'headers, suffixes, lists, wrappers, traces', logs: 'test/fixtures/identity/v0.1.0-input.jsonl', config: 'config/gardener.yaml', issues: 'v0.1.0-issues-handmade.json' },
];

describe.each(cases)('a repository of issues 0.1.0 filed for $name', ({ logs, config, issues: file }) => {
  let server: FakeGitHub;
  useFakeGitHub((s) => (server = s));

  it('gets its issues updated, none filed twice, and a rerun writes nothing', async () => {
    const fixture = JSON.parse(readFileSync(`test/fixtures/identity/${file}`, 'utf8')) as { issues: Array<{ title: string; labels: string[]; body: string }> };
    const bot = { login: server.botLogin, type: 'Bot' as const };
    const seeded = fixture.issues.map((i) => server.seedIssue({ title: i.title, body: i.body, labels: i.labels, author: bot, viaApp: true }));
    const { settings: base } = loadSettings(readFileSync(config, 'utf8'), { GITHUB_REPOSITORY: REPOSITORY });
    const settings = { ...base, github: { ...base.github, maxCreatesPerRun: 100, maxWritesPerRun: 1000 } };
    const source = createFileSource(nextDay(logs));
    const sweep = async (runId: string) => runSweep(
      { source, store: await storeFor(server), logger: createLogger({ level: 'silent' }) },
      { runId, window: { start: END - DAY, end: END }, services: settings.services, dryRun: false, settings },
    );

    const first = await sweep('upgrade-1');
    expect(first.report.errors).toEqual([]);
    expect(first.report.actions.filter((a) => a.kind === 'create').map((a) => a.title)).toEqual([]);
    expect(server.issues().map((i) => i.number).sort((a, b) => a - b)).toEqual([...seeded].sort((a, b) => a - b));
    const updated = server.issues().filter((i) => parseStateBlock(i.body)?.windowEnd === new Date(END).toISOString());
    expect(updated.length).toBe(seeded.length);
    for (const issue of server.issues()) {
      const state = parseStateBlock(issue.body)!;
      expect(issue.labels).toContain(MANAGED);
      // Found again by re-derivation, its old id kept: the state now holds samples for the next upgrade.
      expect(state.samples?.length ?? 0).toBeGreaterThan(0);
    }

    // Writes to the repository; the App's token exchange is not one.
    const writes = () => server.journal.filter((r) => r.method !== 'GET' && !r.path.endsWith('/access_tokens')).length;
    const writesBefore = writes();
    const rerun = await sweep('upgrade-2');
    expect(rerun.report.errors).toEqual([]);
    expect(writes()).toBe(writesBefore);
  });
});
