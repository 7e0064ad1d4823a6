// What whole sweeps ask of GitHub, counted request by request through the real App client: a
// no-op rerun reads the listing and nothing else, a sweep searches only for what it files, and a
// problem held back by the per-run cap is looked up (and adopted, not duplicated) when its turn comes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '../../../src/config/load-settings.js';
import { parseStateBlock } from '../../../src/render/index.js';
import { createLogger } from '../../../src/shared/logger.js';
import type { IssueStore } from '../../../src/shared/ports.js';
import { createFileSource } from '../../../src/source/log-file.js';
import { runSweep, type SweepResult } from '../../../src/sweep.js';
import type { FakeGitHub } from '../servers/github/server.js';
import { MANAGED, REPOSITORY, storeFor, useFakeGitHub } from './harness.js';
import { problem, SERVICE, writeProblemLogs } from './problem-logs.js';

const END = Date.parse('2025-09-12T00:00:00Z');
const HOUR = 3600_000;

function sweep(store: IssueStore, logs: string, maxCreatesPerRun: number, end = END): Promise<SweepResult> {
  const { settings: s } = loadSettings(`services: [${SERVICE}]\nwindow: 24h\n`, { GITHUB_REPOSITORY: REPOSITORY });
  const settings = { ...s, github: { ...s.github, maxCreatesPerRun, maxWritesPerRun: 1000 } };
  return runSweep(
    { source: createFileSource(logs), store, logger: createLogger({ level: 'silent' }) },
    { runId: `r${end}`, window: { start: end - 24 * HOUR, end }, services: [SERVICE], dryRun: false, settings },
  );
}

/** Requests per published route, e.g. `{ 'GET /search/issues': 5 }`. */
function routes(server: FakeGitHub): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of server.journal) counts[e.route ?? `${e.method} ${e.path}`] = (counts[e.route ?? `${e.method} ${e.path}`] ?? 0) + 1;
  return counts;
}

const CONNECT = {
  'GET /app': 1,
  'GET /repos/{owner}/{repo}/installation': 1,
  'POST /app/installations/{installation_id}/access_tokens': 1,
};

/** Cluster id -> issues whose state block (body or the gardener's evidence comment) names it. */
function issuesPerCluster(server: FakeGitHub): Map<string, number[]> {
  const found = new Map<string, number[]>();
  for (const issue of server.issues()) {
    const texts = [issue.body ?? '', ...server.comments(issue.number).filter((c) => c.user.login === server.botLogin).map((c) => c.body)];
    const ids = new Set(texts.map((t) => parseStateBlock(t)?.clusterId).filter((id): id is string => id !== undefined));
    for (const id of ids) found.set(id, [...(found.get(id) ?? []), issue.number]);
  }
  return found;
}

describe('what a sweep asks of GitHub', () => {
  let server: FakeGitHub;
  let dir: string;
  useFakeGitHub((s) => (server = s));
  beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'sweep-requests-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reruns over a repository of 50 managed issues with the listing alone: 4 requests, plus one per adopted issue', async () => {
    const logs = writeProblemLogs(dir, 50, END);
    const adopted = [3, 17].map((i) => server.seedIssue({
      title: `${problem(i).exception} in production`, labels: ['bug'], body: `We keep seeing this:\n\n    ${problem(i).line}\n`,
    }));
    const first = await sweep(await storeFor(server), logs, 100);
    expect(first.report.errors).toEqual([]);
    expect(server.issues().filter((i) => i.labels.includes(MANAGED))).toHaveLength(50);
    expect(adopted.every((n) => server.comments(n).length === 1)).toBe(true);
    // People talk on the gardener's issues: that must not cost a request per issue.
    for (const issue of server.issues()) server.seedComment(issue.number, 'Seen on staging too.');

    server.clearJournal();
    const rerun = await sweep(await storeFor(server), logs, 100);

    expect(rerun.report.errors).toEqual([]);
    expect(rerun.report.actions.filter((a) => a.kind !== 'none')).toEqual([]);
    expect(routes(server)).toEqual({
      ...CONNECT,
      'GET /repos/{owner}/{repo}/issues': 1,
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments': adopted.length,
    });
    expect(server.journal.length).toBeLessThanOrEqual(10);
  }, 120_000);

  it('searches only for the problems it files, after ranking and the cap; the next sweep for the next ones', async () => {
    const logs = writeProblemLogs(dir, 60, END);

    const first = await sweep(await storeFor(server), logs, 5);
    expect(first.report.errors).toEqual([]);
    const filed = first.report.actions.filter((a) => a.kind === 'create');
    expect(filed).toHaveLength(5);
    expect(first.report.clusters.filter((c) => c.matters)).toHaveLength(60);
    expect(routes(server)).toEqual({
      ...CONNECT,
      'GET /repos/{owner}/{repo}/issues': 1,
      'GET /search/issues': 5,
      'GET /repos/{owner}/{repo}/labels': 1,
      'POST /repos/{owner}/{repo}/labels': 2,
      'POST /repos/{owner}/{repo}/issues': 5,
    });
    // Each search was about a problem the sweep then filed.
    const searched = server.journal.filter((e) => e.route === 'GET /search/issues').map((e) => e.query.q!);
    for (const action of filed) {
      const block = parseStateBlock(server.issue(action.issue!)!.body)!;
      expect(searched.filter((q) => q.includes(block.exceptionType!.split('.').pop()!))).toHaveLength(1);
    }

    server.clearJournal();
    const second = await sweep(await storeFor(server), logs, 5, END + HOUR);
    expect(second.report.errors).toEqual([]);
    expect(second.report.actions.filter((a) => a.kind === 'create')).toHaveLength(5);
    expect(routes(server)['GET /search/issues']).toBe(5);
    expect(routes(server)['GET /repos/{owner}/{repo}/issues/{issue_number}/comments']).toBeUndefined();
    expect([...issuesPerCluster(server).values()].every((issues) => issues.length === 1)).toBe(true);
    expect(server.issues()).toHaveLength(10);
  });

  it("adopts a person's issue when its problem's turn comes, through lost answers, and files no twin", async () => {
    const logs = writeProblemLogs(dir, 12, END);
    const last = problem(11);
    const person = server.seedIssue({ title: `${last.exception} on checkout`, labels: ['bug'], body: `Seen today:\n\n    ${last.line}\n` });
    const searchesFor = (exception: string) => server.journal.filter((e) => e.route === 'GET /search/issues' && e.query.q!.includes(exception));

    // Sweep 1 files the five most urgent; the person's problem, least frequent, waits and is not searched for.
    const first = await sweep(await storeFor(server), logs, 5);
    expect(first.report.errors).toEqual([]);
    expect(searchesFor(last.exception)).toEqual([]);
    expect(server.issue(person)!.labels).toEqual(['bug']);

    // Sweep 2: the second create lands but its answer is lost, and so does the listing that would find it.
    const fragile = await storeFor(server, { retry: { retries: 0, retryAfterBaseMs: 1, writeIntervalMs: 0 } });
    server.injectFault({ method: 'POST', path: /^\/repos\/acme\/backend\/issues$/, status: 502, afterWrite: true, skip: 1 });
    server.injectFault({ method: 'GET', path: /^\/repos\/acme\/backend\/issues$/, status: 502, skip: 1 });
    const crashed = await sweep(fragile, logs, 5, END + HOUR);
    expect(crashed.report.errors.some((e) => e.stage === 'apply')).toBe(true);

    // Later sweeps converge: every problem has one issue, the person's problem in the person's issue.
    for (const at of [END + 2 * HOUR, END + 3 * HOUR, END + 4 * HOUR]) {
      const result = await sweep(await storeFor(server), logs, 5, at);
      expect(result.report.errors).toEqual([]);
    }
    const tracked = issuesPerCluster(server);
    expect(tracked.size).toBe(12);
    expect([...tracked.values()].every((issues) => issues.length === 1)).toBe(true);
    expect(server.issue(person)!.labels).toContain(MANAGED);
    const evidence = server.comments(person).filter((c) => c.user.login === server.botLogin);
    expect(evidence).toHaveLength(1);
    expect(parseStateBlock(evidence[0]!.body)!.template).toContain(last.exception);

    // Nothing new in the logs: a rerun writes nothing and searches nothing.
    server.clearJournal();
    await sweep(await storeFor(server), logs, 5, END + 4 * HOUR);
    expect(server.writes()).toEqual([]);
    expect(routes(server)['GET /search/issues']).toBeUndefined();
  });
});
