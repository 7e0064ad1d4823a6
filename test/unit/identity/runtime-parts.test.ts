// An issue filed when one problem held two runtimes' messages (state blocks written by 93b3f5b, before
// each runtime's was a problem of its own) follows the runtime its stored samples name, whichever runtime
// logs most in the window; the other runtime's problem is filed new, and neither receives the other's
// messages.
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { loadSettings } from '../../../src/config/load-settings.js';
import { parseStateBlock } from '../../../src/render/index.js';
import { createFileSource } from '../../../src/source/log-file.js';
import type { IssueStore } from '../../../src/shared/ports.js';
import type { ActionResult, TrackedIssue } from '../../../src/shared/types.js';
import { runSweep } from '../../../src/sweep.js';

const LOGS = 'test/fixtures/identity/before-runtime-parts-input.jsonl';

function issues(): TrackedIssue[] {
  const fixture = JSON.parse(readFileSync('test/fixtures/identity/before-runtime-parts-issues.json', 'utf8')) as { issues: Array<{ number: number; title: string; labels: string[]; body: string }> };
  return fixture.issues.map((i) => ({
    number: i.number, title: i.title, url: `https://github.com/acme/backend/issues/${i.number}`, state: 'open' as const,
    stateReason: null, closedAt: null, labels: i.labels, author: 'log-gardener[bot]', authorIsGardener: true,
    body: i.body, state_block: parseStateBlock(i.body), evidenceCommentId: null, evidenceCommentBody: null,
  }));
}

function store(tracked: TrackedIssue[]): IssueStore {
  return {
    repositoryUrl: 'https://github.com/acme/backend',
    listManaged: async () => tracked,
    searchSimilar: async () => [],
    apply: async (action): Promise<ActionResult> => ({ ...action, status: 'done' }),
    commitFile: async () => ({ committed: false }),
  };
}

/** The day's sweep: each issue's action, and the body of what is filed new. */
async function sweep(date: string) {
  const { settings } = loadSettings(readFileSync('config/gardener.yaml', 'utf8'), {});
  settings.github.maxCreatesPerRun = 1000;
  settings.github.maxWritesPerRun = 10_000;
  const start = Date.parse(`${date}T00:00:00Z`);
  const result = await runSweep(
    { source: createFileSource(LOGS), store: store(issues()), logger: pino({ level: 'silent' }) },
    { runId: 'upgrade', window: { start, end: start + 86_400_000 }, services: [], dryRun: true, settings },
  );
  return result.report;
}

describe("one error logged by two runtimes, filed as one issue before", () => {
  const lines = readFileSync(LOGS, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { timestamp: string; textPayload: string });
  const count = (date: string, start: string) => lines.filter((l) => l.timestamp.startsWith(date) && l.textPayload.startsWith(start)).length;

  it('is a window where the Python client logs the error most, then one where the Node client does', () => {
    expect(count('2026-03-10', 'google.api_core')).toBeGreaterThan(count('2026-03-10', 'Error: 7 PERMISSION_DENIED'));
    expect(count('2026-03-11', 'google.api_core')).toBeLessThan(count('2026-03-11', 'Error: 7 PERMISSION_DENIED'));
  });

  it.each(['2026-03-10', '2026-03-11'])('stays with the runtime its samples name on %s, and the other runtime is filed new', async (date) => {
    const report = await sweep(date);
    const tracking = report.actions.find((a) => a.issue === 1303 && a.kind !== 'none' && !/^same problem/.test(a.reason))
      ?? report.actions.find((a) => a.issue === 1303);
    expect(tracking).toBeDefined();
    const cluster = report.clusters.find((c) => c.id === tracking!.cluster);
    expect(cluster?.template).toContain('google.api_core.exceptions.PermissionDenied');
    expect(cluster?.count).toBe(count(date, 'google.api_core'));
    const created = report.actions.filter((a) => a.kind === 'create');
    expect(created).toHaveLength(1);
    const fresh = report.clusters.find((c) => c.id === created[0]!.cluster);
    expect(fresh?.template).toContain('PERMISSION_DENIED');
    expect(fresh?.template).not.toContain('google');
    expect(fresh?.count).toBe(count(date, 'Error: 7 PERMISSION_DENIED'));
  });
});
