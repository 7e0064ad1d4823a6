// Two old issues, one problem today, over the wire: a repository holding the issues a past release
// filed (state blocks as it wrote them) where two pairs are one problem now (WildFly's record in its
// pattern and its JSON formatter; hapi's console output and its logger's). The issue that goes quiet
// is told once, in place, which issue tracks its problem; a rerun writes nothing to either.
import { readFileSync } from 'node:fs';
import { loadSettings } from '../../../src/config/load-settings.js';
import { parseStateBlock } from '../../../src/render/index.js';
import { createLogger } from '../../../src/shared/logger.js';
import { createFileSource } from '../../../src/source/log-file.js';
import { runSweep } from '../../../src/sweep.js';
import type { FakeGitHub } from '../servers/github/server.js';
import { REPOSITORY, storeFor, useFakeGitHub } from './harness.js';

const FIXTURE = 'test/fixtures/identity/before-first-frame-exception';
/** Quiet issue -> the issue that tracks its problem, as numbered in the fixture. */
const SAME = { 1105: 1106, 1109: 1107 } as Record<number, number>;

describe('two old issues that are one problem today', () => {
  let server: FakeGitHub;
  useFakeGitHub((s) => (server = s));

  it('the quiet one is told once where its problem went, and nothing else is written to it', async () => {
    const fixture = JSON.parse(readFileSync(`${FIXTURE}-issues.json`, 'utf8')) as { issues: Array<{ number: number; title: string; labels: string[]; body: string }> };
    const bot = { login: server.botLogin, type: 'Bot' as const };
    // Seeded in the fixture's order, so the older stays the older; numbers are the server's.
    const number = new Map(fixture.issues.map((i) => [i.number, server.seedIssue({ title: i.title, body: i.body, labels: i.labels, author: bot, viaApp: true })]));
    const { settings: base } = loadSettings(readFileSync('config/gardener.yaml', 'utf8'), { GITHUB_REPOSITORY: REPOSITORY });
    const settings = { ...base, github: { ...base.github, maxCreatesPerRun: 100, maxWritesPerRun: 1000 } };
    const sweep = async (runId: string) => runSweep(
      { source: createFileSource(`${FIXTURE}-input.jsonl`), store: await storeFor(server), logger: createLogger({ level: 'silent' }) },
      { runId, window: { start: Date.parse('2026-12-05T00:00:00Z'), end: Date.parse('2026-12-06T00:00:00Z') }, services: settings.services, dryRun: false, settings },
    );
    const bodies = new Map(server.issues().map((i) => [i.number, i.body]));

    const first = await sweep('same-problem-1');
    expect(first.report.errors).toEqual([]);
    // Filed new, and only it: Apollo's ProductPage price error, which that release counted in the 503
    // issue by their shared header (see the fixture's README); no issue of the two pairs is filed again.
    expect(first.report.actions.filter((a) => a.kind === 'create').map((a) => a.title))
      .toEqual([expect.stringMatching(/product-page-failed-cannot-return/)]);
    for (const [quiet, owner] of Object.entries(SAME).map(([q, o]): [number, number] => [number.get(Number(q))!, number.get(o)!])) {
      const issue = server.issue(quiet)!;
      expect(issue.body).toContain(`Tracked in #${owner} now`);
      expect(parseStateBlock(issue.body)).toMatchObject({ trackedIn: owner });
      // What it held stays as it was: no evidence of the problem the other issue tracks.
      expect(issue.body!.replace(/<!-- log-gardener:note -->[\s\S]*?<!-- \/log-gardener:note -->\n*/, '').replace(/<!-- log-gardener:state .*-->/, ''))
        .toBe(bodies.get(quiet)!.replace(/<!-- log-gardener:state .*-->/, ''));
      expect(server.writes().filter((w) => w.path.endsWith(`/issues/${quiet}`))).toHaveLength(1);
      expect(first.report.actions.find((a) => a.issue === quiet)).toMatchObject({ kind: 'update', status: 'done', reason: expect.stringMatching(new RegExp(`^same problem as #${owner}: `)) });
      // The issue that tracks it is not told anything about the quiet one: the note's link shows in its timeline.
      expect(server.issue(owner)!.body).not.toContain(`#${quiet}`);
    }

    const before = server.writes().length;
    const rerun = await sweep('same-problem-2');
    expect(rerun.report.errors).toEqual([]);
    expect(server.writes().length).toBe(before);
    for (const quiet of Object.keys(SAME).map((q) => number.get(Number(q))!)) {
      expect(rerun.report.actions.find((a) => a.issue === quiet)).toMatchObject({ kind: 'none', reason: expect.stringMatching(/^same problem as #\d+: /) });
    }
  });
});
