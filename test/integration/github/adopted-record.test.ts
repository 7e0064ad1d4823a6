// Over the wire: a repository holding the issues a past release filed (state blocks as it wrote them)
// is swept by today's release over the window those issues already recorded, as a rerun after an
// upgrade would be. Each issue found by its stored samples keeps the finding at once (the cluster's id
// as an alias) through an edit of its body's state block alone; an issue titled after a piece of its
// record is retitled with the problem's name in that same edit. No comment, no label. A rerun writes
// nothing, and the issues are found by id from then on.
import { readFileSync } from 'node:fs';
import { loadSettings } from '../../../src/config/load-settings.js';
import { parseStateBlock, parseTitle, readSection } from '../../../src/render/index.js';
import { createLogger } from '../../../src/shared/logger.js';
import { createFileSource } from '../../../src/source/log-file.js';
import { runSweep } from '../../../src/sweep.js';
import type { FakeGitHub } from '../servers/github/server.js';
import { REPOSITORY, storeFor, useFakeGitHub } from './harness.js';

const DIR = 'test/fixtures/identity';
const cases = [
  { name: 'errors printed as values', fixture: 'before-value-shapes', retitled: { 802: 'GCP-new-P1-nats-no-servers-available-connection' } as Record<number, string> },
  {
    name: 'the JVM\'s JSON encoders', fixture: 'before-jvm-json',
    retitled: {
      501: 'GCP-new-P1-illegal-state-no-open-period',
      502: 'GCP-new-P1-processing-exception-io-vertx-core-http-impl',
      503: 'GCP-new-P1-uninitialized-property-access-lateinit-renderer',
    } as Record<number, string>,
  },
];

describe.each(cases)('issues found again by their samples in a window they recorded ($name)', ({ fixture, retitled }) => {
  let server: FakeGitHub;
  useFakeGitHub((s) => (server = s));

  it('keep the finding and a proper title from the first sweep, quietly; a rerun writes nothing', async () => {
    const issues = (JSON.parse(readFileSync(`${DIR}/${fixture}-issues.json`, 'utf8')) as { issues: Array<{ number: number; title: string; labels: string[]; body: string }> }).issues;
    const bot = { login: server.botLogin, type: 'Bot' as const };
    const number = new Map(issues.map((i) => [i.number, server.seedIssue({ title: i.title, body: i.body, labels: i.labels, author: bot, viaApp: true })]));
    const seeded = new Set(number.values());
    const { settings: base } = loadSettings(readFileSync('config/gardener.yaml', 'utf8'), { GITHUB_REPOSITORY: REPOSITORY });
    const settings = { ...base, github: { ...base.github, maxCreatesPerRun: 100, maxWritesPerRun: 1000 } };
    const windowEnd = parseStateBlock(issues[0]!.body)!.windowEnd;
    const end = Date.parse(windowEnd);
    const sweep = async (runId: string) => runSweep(
      { source: createFileSource(`${DIR}/${fixture}-input.jsonl`), store: await storeFor(server), logger: createLogger({ level: 'silent' }) },
      { runId, window: { start: end - 86_400_000, end }, services: settings.services, dryRun: false, settings },
    );
    const before = new Map(server.issues().map((i) => [i.number, { body: i.body!, labels: [...i.labels] }]));

    const first = await sweep('adopted-1');
    expect(first.report.errors).toEqual([]);
    const onOld = first.actions.filter((a) => a.issue !== undefined && seeded.has(a.issue) && a.kind !== 'none');
    expect(onOld.length).toBeGreaterThan(0);
    const expected = Object.fromEntries(Object.entries(retitled).map(([n, t]) => [number.get(Number(n)), t]));
    for (const action of onOld) {
      expect(action).toMatchObject({ kind: 'update', status: 'done' });
      const issue = server.issue(action.issue!)!;
      const state = parseStateBlock(issue.body)!;
      expect(state.aliases).toContain(action.cluster);
      expect(state.windowEnd).toBe(windowEnd);
      expect(issue.title).toBe(expected[issue.number] ?? issues.find((i) => number.get(i.number) === issue.number)!.title);
      expect(state.title).toBe(issue.title);
      expect(readSection(issue.body!, 'evidence')).toBe(readSection(before.get(issue.number)!.body, 'evidence'));
      expect(issue.labels).toEqual(before.get(issue.number)!.labels);
      // One edit of the issue, no comment.
      expect(server.writes().filter((w) => w.path.includes(`/issues/${issue.number}`))).toEqual([expect.objectContaining({ method: 'PATCH', path: expect.stringMatching(new RegExp(`/issues/${issue.number}$`)) })]);
      expect(server.comments(issue.number)).toEqual([]);
    }
    expect(Object.fromEntries(onOld.filter((a) => a.newTitle).map((a) => [a.issue, a.newTitle]))).toEqual(expected);
    // The worklog says what was renamed, and from what.
    for (const [n, title] of Object.entries(retitled)) {
      const was = issues.find((i) => i.number === Number(n))!.title;
      expect(first.worklog).toContain(`retitled ${title} (its title, ${was}, came from a piece of the record)`);
    }
    const open = server.issues().filter((i) => i.state === 'open').map((i) => parseTitle(i.title)?.shortName ?? i.title);
    expect(new Set(open).size).toBe(open.length);

    const writes = server.writes().length;
    const rerun = await sweep('adopted-2');
    expect(rerun.report.errors).toEqual([]);
    expect(server.writes().length).toBe(writes);
    for (const n of seeded) {
      const action = rerun.actions.find((a) => a.issue === n && a.kind === 'none' && /already recorded/.test(a.reason));
      if (onOld.some((a) => a.issue === n)) expect(action).toBeDefined();
    }
  });
});
