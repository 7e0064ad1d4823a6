// Issues a past release filed (kept in test/fixtures/identity), swept by today's release over the very
// window they recorded, as a rerun after an upgrade would: each issue found by its stored samples keeps
// the finding at once (the cluster's id as an alias, in a quiet write of its state alone), and one whose
// title a piece of its record gave takes the name of the problem it tracks. A dry run plans it all and
// writes nothing; the state blocks those releases wrote are read as they are, with the title they set.
import { readFileSync, readdirSync } from 'node:fs';
import { pino } from 'pino';
import { loadSettings } from '../../../src/config/load-settings.js';
import { parseStateBlock, parseTitle, readSection } from '../../../src/render/index.js';
import type { IssueStore } from '../../../src/shared/ports.js';
import type { ActionResult, TrackedIssue } from '../../../src/shared/types.js';
import { createFileSource } from '../../../src/source/log-file.js';
import { runSweep } from '../../../src/sweep.js';

interface FixtureIssue { number: number; title: string; labels: string[]; state: 'open'; body: string }
const DIR = 'test/fixtures/identity';

function fixtureIssues(file: string): FixtureIssue[] {
  return (JSON.parse(readFileSync(`${DIR}/${file}`, 'utf8')) as { issues: FixtureIssue[] }).issues;
}

function issuesOf(file: string): TrackedIssue[] {
  return fixtureIssues(file).map((i) => ({
    number: i.number, title: i.title, url: `https://github.com/acme/backend/issues/${i.number}`, state: i.state,
    stateReason: null, closedAt: null, labels: i.labels, author: 'log-gardener[bot]', authorIsGardener: true,
    body: i.body, state_block: parseStateBlock(i.body), evidenceCommentId: null, evidenceCommentBody: null,
  }));
}

describe('state blocks written by past releases', () => {
  const files = readdirSync(DIR).filter((f) => /-issues(-[a-z-]+)?\.json$/.test(f));

  it.each(files)('%s: each parses and records the title the gardener wrote', (file) => {
    const issues = fixtureIssues(file);
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) expect(parseStateBlock(issue.body)?.title).toBe(issue.title);
  });

  it('a block without a title (a person\'s edit) still parses: the title is then never the gardener\'s to change', () => {
    const body = fixtureIssues('before-value-shapes-issues.json')[0]!.body.replace(/\\"title\\":\\"[^\\]*\\",/, '').replace(/"title":"[^"]*",/, '');
    const state = parseStateBlock(body);
    expect(state).not.toBeNull();
    expect(state!.title).toBeUndefined();
  });
});

function store(issues: TrackedIssue[]): IssueStore {
  return {
    repositoryUrl: 'https://github.com/acme/backend',
    listManaged: async () => issues,
    searchSimilar: async () => [],
    apply: async (action): Promise<ActionResult> => { throw new Error(`a dry run wrote ${action.kind}`); },
    commitFile: async () => { throw new Error('a dry run committed'); },
  };
}

const day = (date: string) => ({ start: Date.parse(`${date}T00:00:00Z`), end: Date.parse(`${date}T00:00:00Z`) + 86_400_000 });
/** `retitled`: issue -> the title it takes (its old one came from a piece of the record it tracks now). */
const cases = [
  {
    name: 'errors printed as values, PHP, .NET, lager, GELF and one-letter levels', logs: `${DIR}/before-value-shapes-input.jsonl`,
    issues: 'before-value-shapes-issues.json', window: day('2026-12-03'),
    // #802 held lager's two errors as one `<HOST>` problem: the fallback name.
    retitled: { 802: 'GCP-new-P1-nats-no-servers-available-connection' } as Record<number, string>,
  },
  {
    name: 'the JVM\'s JSON encoders', logs: `${DIR}/before-jvm-json-input.jsonl`, issues: 'before-jvm-json-issues.json', window: day('2026-12-03'),
    // Each held the record's message line alone, read as the exception it logs today. #500's name
    // (`unhandled-post`) is the problem's name still.
    retitled: {
      501: 'GCP-new-P1-illegal-state-no-open-period',
      502: 'GCP-new-P1-processing-exception-io-vertx-core-http-impl',
      503: 'GCP-new-P1-uninitialized-property-access-lateinit-renderer',
    } as Record<number, string>,
  },
];

describe.each(cases)('a dry run over the window issues recorded, for $name', ({ logs, issues: file, window, retitled }) => {
  const { settings } = loadSettings(readFileSync('config/gardener.yaml', 'utf8'), {});
  settings.github.maxCreatesPerRun = 1000;
  settings.github.maxWritesPerRun = 10_000;
  const issues = issuesOf(file);

  it('plans a quiet state write for each issue found by its samples, and the retitles; writes nothing', async () => {
    const result = await runSweep(
      { source: createFileSource(logs), store: store(issues), logger: pino({ level: 'silent' }) },
      { runId: 'rerun-after-upgrade', window, services: [], dryRun: true, settings },
    );
    expect(result.report.errors).toEqual([]);
    const onOld = result.actions.filter((a) => a.issue !== undefined && a.kind !== 'none');
    expect(onOld.length).toBeGreaterThan(0);
    for (const action of onOld) {
      const issue = issues.find((i) => i.number === action.issue)!;
      expect(action).toMatchObject({ kind: 'update', status: 'planned' });
      const state = parseStateBlock(action.body)!;
      // The cluster it was found in, as an alias; what a person reads stays as it was.
      expect(state.aliases).toContain(action.cluster);
      expect(state).toMatchObject({ clusterId: issue.state_block!.clusterId, windowEnd: issue.state_block!.windowEnd, totalCount: issue.state_block!.totalCount });
      expect(readSection(action.body!, 'evidence')).toBe(readSection(issue.body, 'evidence'));
      expect(action.reason).toMatch(/^found again by its stored samples/);
      expect(action.newTitle).toBe(retitled[issue.number]);
      if (action.newTitle) {
        expect(state.title).toBe(action.newTitle);
        expect(action.reason).toContain(`retitled ${action.newTitle} (its title, ${issue.title}, came from a piece of the record)`);
      }
    }
    expect(Object.fromEntries(onOld.filter((a) => a.newTitle).map((a) => [a.issue, a.newTitle]))).toEqual(retitled);
    // No comment, no label on an old issue; titles stay unique among the open issues and the new ones.
    const titles = [
      ...issues.map((i) => onOld.find((a) => a.issue === i.number)?.newTitle ?? i.title),
      ...result.actions.filter((a) => a.kind === 'create').map((a) => a.title),
    ].map((t) => parseTitle(t)!.shortName);
    expect(new Set(titles).size).toBe(titles.length);
  });
});
