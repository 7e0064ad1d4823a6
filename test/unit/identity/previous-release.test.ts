// Identity is forever: issues written by release 0.1.0 (state blocks as it wrote them, kept in
// test/fixtures/identity) are found again by today's classifier, whatever ids it now derives,
// and a sweep of the same logs files no second issue.
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { loadSettings } from '../../../src/config/load-settings.js';
import { parseStateBlock } from '../../../src/render/index.js';
import { createFileSource } from '../../../src/source/log-file.js';
import type { IssueStore } from '../../../src/shared/ports.js';
import type { ActionResult, TrackedIssue } from '../../../src/shared/types.js';
import { runSweep } from '../../../src/sweep.js';

interface FixtureIssue { number: number; title: string; labels: string[]; state: 'open'; body: string }

function issuesOf(file: string): TrackedIssue[] {
  const fixture = JSON.parse(readFileSync(`test/fixtures/identity/${file}`, 'utf8')) as { issues: FixtureIssue[] };
  return fixture.issues.map((i) => ({
    number: i.number, title: i.title, url: `https://github.com/acme/backend/issues/${i.number}`, state: i.state,
    stateReason: null, closedAt: null, labels: i.labels, author: 'log-gardener[bot]', authorIsGardener: true,
    body: i.body, state_block: parseStateBlock(i.body), evidenceCommentId: null, evidenceCommentBody: null,
  }));
}

function store(issues: TrackedIssue[]): IssueStore {
  return {
    repositoryUrl: 'https://github.com/acme/backend',
    listManaged: async () => issues,
    searchSimilar: async () => [],
    apply: async (action): Promise<ActionResult> => ({ ...action, status: 'done' }),
    commitFile: async () => ({ committed: false }),
  };
}

const day = (date: string) => ({ start: Date.parse(`${date}T00:00:00Z`), end: Date.parse(`${date}T00:00:00Z`) + 86_400_000 });
/** `fresh`: problems the release never read at all, which are filed now as new ones. */
const cases = [
  { name: 'the example day', logs: 'examples/cloud-run-backend-day.jsonl', config: 'config/examples/netra-backend-staging.yaml', issues: 'v0.1.0-issues-example-day.json', window: day('2025-09-11'), fresh: [] },
  { name: 'headers, suffixes, lists, wrappers, traces', logs: 'test/fixtures/identity/v0.1.0-input.jsonl', config: 'config/gardener.yaml', issues: 'v0.1.0-issues-handmade.json', window: day('2025-09-11'), fresh: [] },
  // .NET's JSON records (the JSON console formatter, Serilog's CLEF) were read as their whole object until
  // their message and level were read (dotnet-json.ts); Serilog's `[… WRN]` console lines had no level.
  {
    name: '.NET JSON and console records, before their message and level were read', logs: 'test/fixtures/identity/before-dotnet-json-input.jsonl',
    config: 'config/gardener.yaml', issues: 'before-dotnet-json-issues.json', window: day('2026-03-10'), fresh: ['GCP-new-P2-retrying-attempt'],
  },
];

describe.each(cases)('issues filed by release 0.1.0 for $name', ({ logs, config, issues: file, window, fresh }) => {
  const { settings } = loadSettings(readFileSync(config, 'utf8'), {});
  settings.github.maxCreatesPerRun = 1000;
  settings.github.maxWritesPerRun = 10_000;
  const issues = issuesOf(file);

  it('all carry a state block the current parser reads', () => {
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) expect(issue.state_block).not.toBeNull();
  });

  it('are each found again, and nothing is filed twice', async () => {
    const result = await runSweep(
      { source: createFileSource(logs), store: store(issues), logger: pino({ level: 'silent' }) },
      { runId: 'upgrade', window, services: [], dryRun: true, settings },
    );
    const creates = result.report.actions.filter((a) => a.kind === 'create');
    expect(creates.map((a) => a.title)).toEqual(fresh);
    const tracked = new Set(result.report.actions.map((a) => a.issue).filter((n) => n !== undefined));
    expect(issues.map((i) => i.number).filter((n) => !tracked.has(n))).toEqual([]);
  });
});
