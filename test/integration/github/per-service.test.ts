// A problem belongs to one service, over the wire: the real App client against the GitHub fake.
// A repository whose issues were filed while one message from two services was one problem is swept
// by this release: every old issue keeps tracking a problem of a service it named, the other service
// gets its own issue linking the old one, a rerun writes nothing and the next day files nothing.
// In a fresh repository, the same message from two services is two issues, linked as related.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '../../../src/config/load-settings.js';
import { parseEvidenceServices, parseStateBlock } from '../../../src/render/index.js';
import { createLogger } from '../../../src/shared/logger.js';
import type { IssueState } from '../../../src/shared/types.js';
import { createFileSource } from '../../../src/source/log-file.js';
import { runSweep } from '../../../src/sweep.js';
import type { FakeGitHub } from '../servers/github/server.js';
import { REPOSITORY, storeFor, useFakeGitHub } from './harness.js';

const DAY = 24 * 3600_000;
const LOGS = 'test/fixtures/identity/before-per-service-input.jsonl';
const FIRST_END = Date.parse('2025-09-12T00:00:00Z');

/** The fixture's logs moved `days` later, as that day's sweep reads them. */
function daysLater(days: number): string {
  const out = join(mkdtempSync(join(tmpdir(), 'per-service-')), `day-${days}.jsonl`);
  const lines = readFileSync(LOGS, 'utf8').split('\n').filter((l) => l.trim() !== '').map((line) => {
    const entry = JSON.parse(line) as { timestamp: string };
    entry.timestamp = new Date(Date.parse(entry.timestamp) + days * DAY).toISOString();
    return JSON.stringify(entry);
  });
  writeFileSync(out, `${lines.join('\n')}\n`);
  return out;
}

function sweeper(server: FakeGitHub) {
  const { settings: base } = loadSettings(readFileSync('config/gardener.yaml', 'utf8'), { GITHUB_REPOSITORY: REPOSITORY });
  const settings = { ...base, github: { ...base.github, maxCreatesPerRun: 100, maxWritesPerRun: 1000 } };
  return async (days: number, runId = `day-${days}`) => {
    const end = FIRST_END + days * DAY;
    return runSweep(
      { source: createFileSource(daysLater(days)), store: await storeFor(server), logger: createLogger({ level: 'silent' }) },
      { runId, window: { start: end - DAY, end }, services: [], dryRun: false, settings },
    );
  };
}

/** Each issue's state and the text on-call reads (body and the gardener's comments). */
function issuesOf(server: FakeGitHub): Array<{ number: number; state: IssueState; text: string }> {
  return server.issues().map((i) => {
    const comments = server.comments(i.number).map((c) => c.body);
    const state = parseStateBlock(i.body) ?? comments.map((c) => parseStateBlock(c)).find((s) => s !== null) ?? null;
    if (state === null) throw new Error(`#${i.number} has no state block`);
    return { number: i.number, state, text: [i.body ?? '', ...comments].join('\n') };
  });
}

const writes = (server: FakeGitHub) => server.journal.filter((r) => r.method !== 'GET' && !r.path.endsWith('/access_tokens')).length;

describe('issues filed while one message from two services was one problem', () => {
  let server: FakeGitHub;
  useFakeGitHub((s) => (server = s));

  it('each keep a service they named, the other service gets its own linked issue, and nothing is filed twice', async () => {
    const fixture = JSON.parse(readFileSync('test/fixtures/identity/before-per-service-issues.json', 'utf8')) as { issues: Array<{ title: string; labels: string[]; body: string }> };
    const bot = { login: server.botLogin, type: 'Bot' as const };
    const named = new Map<number, string[]>();
    for (const i of fixture.issues) named.set(server.seedIssue({ title: i.title, body: i.body, labels: i.labels, author: bot, viaApp: true }), parseEvidenceServices(i.body)!);
    const sweep = sweeper(server);

    const first = await sweep(1);
    expect(first.report.errors).toEqual([]);
    const twoServices = [...named].filter(([, s]) => s.length === 2);
    expect(twoServices).toHaveLength(4);
    const creates = first.report.actions.filter((a) => a.kind === 'create');
    expect(creates).toHaveLength(twoServices.length);

    const after = issuesOf(server);
    expect(after).toHaveLength(named.size + twoServices.length);
    for (const issue of after) expect(issue.state.services?.length ?? 0).toBeLessThanOrEqual(1);
    for (const [number, services] of named) {
      const old = after.find((i) => i.number === number)!;
      // Found again and updated with this window, for one service it named (none: entries with no service).
      expect(old.state.windowEnd).toBe(new Date(FIRST_END + DAY).toISOString());
      expect(services).toContain(old.state.services![0] ?? '');
    }
    for (const [number, services] of twoServices) {
      const kept = after.find((i) => i.number === number)!.state.services![0]!;
      const other = services.find((s) => s !== kept)!;
      const own = after.filter((i) => !named.has(i.number) && i.state.services?.[0] === other && i.state.template === after.find((x) => x.number === number)!.state.template);
      expect({ old: number, other, issues: own.length }).toEqual({ old: number, other, issues: 1 });
      expect(own[0]!.text).toContain(`#${number}: same message`);
      expect(own[0]!.text).toContain(`\`${other}\``);
    }
    // One issue per problem: no two issues track the same cluster id.
    const ids = after.flatMap((i) => [i.state.clusterId, ...i.state.aliases]);
    const live = new Set(first.report.clusters.map((c) => c.id));
    const tracking = first.report.clusters.map((c) => after.filter((i) => i.state.clusterId === c.id || i.state.aliases.includes(c.id)).length);
    expect(tracking).toEqual(first.report.clusters.map(() => 1));
    expect(ids.filter((id) => live.has(id))).toHaveLength(live.size);

    const before = writes(server);
    const rerun = await sweep(1, 'day-1-again');
    expect(rerun.report.errors).toEqual([]);
    expect(writes(server)).toBe(before);

    const next = await sweep(2);
    expect(next.report.errors).toEqual([]);
    expect(next.report.actions.filter((a) => a.kind === 'create').map((a) => a.title)).toEqual([]);
    expect(server.issues()).toHaveLength(named.size + twoServices.length);
    for (const issue of issuesOf(server)) expect(issue.state.windowEnd).toBe(new Date(FIRST_END + 2 * DAY).toISOString());
  });
});

describe('a fresh repository', () => {
  let server: FakeGitHub;
  useFakeGitHub((s) => (server = s));

  it('gets one issue per service for the same message, each naming its service, linked the next day', async () => {
    const sweep = sweeper(server);
    const first = await sweep(0);
    expect(first.report.errors).toEqual([]);
    const issues = issuesOf(server);
    expect(issues.length).toBe(first.report.clusters.filter((c) => c.matters).length);
    const byTemplate = new Map<string, typeof issues>();
    for (const i of issues) {
      expect(i.state.services?.length ?? 0).toBeLessThanOrEqual(1);
      byTemplate.set(i.state.template, [...(byTemplate.get(i.state.template) ?? []), i]);
    }
    const pairs = [...byTemplate.values()].filter((g) => g.length > 1);
    // Cloud Run's memory limit, a container exit, a traceback and a health check, each from two services.
    expect(pairs.map((g) => g.length)).toEqual([2, 2, 2, 2]);
    for (const [a, b] of pairs) {
      expect(a!.state.services).not.toEqual(b!.state.services);
      expect(a!.text).toContain(`\`${a!.state.services![0]}\``);
      expect(a!.text).not.toContain(`\`${b!.state.services![0]}\``);
    }

    await sweep(1);
    const linked = issuesOf(server);
    for (const [a, b] of pairs) {
      const [x, y] = [linked.find((i) => i.number === a!.number)!, linked.find((i) => i.number === b!.number)!];
      const links = [x.text.includes(`#${y.number}: same message`), y.text.includes(`#${x.number}: same message`)];
      // Both issues are updated in one sweep, neither linked yet: each lists the other.
      expect({ pair: [x.number, y.number], links }).toEqual({ pair: [x.number, y.number], links: [true, true] });
    }
  });
});
