// Whole sweeps (file source -> classify -> plan -> apply) against the fake GitHub, through the real
// App client: what on-call would see after one sweep, a rerun, and a crash followed by a rerun.
import { jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { loadSettings } from '../../../src/config/load-settings.js';
import type { Settings } from '../../../src/config/schema.js';
import { parseStateBlock, renderStateBlock } from '../../../src/render/index.js';
import { createLogger } from '../../../src/shared/logger.js';
import type { IssueStore } from '../../../src/shared/ports.js';
import type { Priority } from '../../../src/shared/types.js';
import { createFileSource } from '../../../src/source/log-file.js';
import { runSweep, type SweepResult } from '../../../src/sweep.js';
import type { FakeGitHub } from '../servers/github/server.js';
import { MANAGED, REPOSITORY, startGitHub, storeFor, useFakeGitHub } from './harness.js';

const LOGS = 'examples/cloud-run-backend-day.jsonl';
const END = Date.parse('2025-09-12T00:00:00Z');

/** The shipped settings, with room to file every problem in one sweep (the cap has its own tests). */
function settings(): Settings {
  const { settings: s } = loadSettings(readFileSync('config/examples/netra-backend-staging.yaml', 'utf8'), { GITHUB_REPOSITORY: REPOSITORY });
  return { ...s, github: { ...s.github, maxCreatesPerRun: 100, maxWritesPerRun: 1000 } };
}

function sweep(store: IssueStore, runId: string): Promise<SweepResult> {
  const s = settings();
  return runSweep(
    { source: createFileSource(LOGS), store, logger: createLogger({ level: 'silent' }) },
    { runId, window: { start: END - 24 * 3600_000, end: END }, services: s.services, dryRun: false, settings: s },
  );
}

/** Cluster id -> how many issues carry it in their state block. */
function issuesPerCluster(server: FakeGitHub): Map<string, number> {
  const counts = new Map<string, number>();
  for (const issue of server.issues()) {
    const id = parseStateBlock(issue.body)?.clusterId;
    if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

describe('sweeps against a GitHub-shaped server', () => {
  // Several full sweeps of the example day each: under a heavily loaded machine one took past 30 s.
  jest.setTimeout(120_000);
  let server: FakeGitHub;
  useFakeGitHub((s) => (server = s));

  it('files one labelled issue per problem, and a rerun writes nothing', async () => {
    const first = await sweep(await storeFor(server), 'r1');
    expect(first.report.errors).toEqual([]);
    const created = first.report.actions.filter((a) => a.kind === 'create');
    expect(created.length).toBeGreaterThan(0);
    expect(created.length).toBeLessThanOrEqual(settings().github.maxCreatesPerRun);
    expect(server.issues()).toHaveLength(created.length);
    expect([...issuesPerCluster(server).values()].every((n) => n === 1)).toBe(true);
    for (const issue of server.issues()) {
      expect(issue.labels).toContain(MANAGED);
      expect(issue.labels.filter((l) => /^P[0-3]$/.test(l))).toHaveLength(1);
      expect(issue.title).toMatch(/^GCP-(new|regression|active-dev|other)-P[0-3]-[a-z0-9-]+$/);
      expect(issue.body!.length).toBeLessThanOrEqual(65_536);
    }

    server.clearJournal();
    const rerun = await sweep(await storeFor(server), 'r2');
    expect(rerun.report.errors).toEqual([]);
    expect(server.writes()).toEqual([]);
  });

  it('converges after a sweep dies mid-way: no duplicate, and the rerun after that writes nothing', async () => {
    const fresh = await startGitHub();
    await sweep(await storeFor(fresh), 'reference');
    const expected = fresh.issues().length;
    await fresh.close();

    // The second create lands but its answer is lost, and the look-up that would find it fails too.
    const fragile = await storeFor(server, { retry: { retries: 0, retryAfterBaseMs: 1, writeIntervalMs: 0 } });
    server.injectFault({ method: 'POST', path: /^\/repos\/acme\/backend\/issues$/, status: 502, afterWrite: true, skip: 1 });
    server.injectFault({ method: 'GET', path: /^\/repos\/acme\/backend\/issues$/, status: 502, skip: 1 });
    const crashed = await sweep(fragile, 'crash');
    expect(crashed.report.errors.some((e) => e.stage === 'apply')).toBe(true);

    const rerun = await sweep(await storeFor(server), 'rerun');
    expect(rerun.report.errors).toEqual([]);
    expect(server.issues()).toHaveLength(expected);
    expect([...issuesPerCluster(server).values()].every((n) => n === 1)).toBe(true);

    server.clearJournal();
    await sweep(await storeFor(server), 'again');
    expect(server.writes()).toEqual([]);
  });

  it('rides out secondary rate limits in the middle of a sweep', async () => {
    server.injectFault({ method: 'POST', path: /^\/repos\/acme\/backend\/issues$/, status: 403, headers: { 'retry-after': '1' }, times: 3, skip: 1 });
    const result = await sweep(await storeFor(server), 'limited');
    expect(result.report.errors).toEqual([]);
    expect(server.journal.filter((e) => e.status === 403)).toHaveLength(3);
    expect([...issuesPerCluster(server).values()].every((n) => n === 1)).toBe(true);
  });

  it('adopts the issue a person filed about the same error instead of filing a twin, and keeps its priority', async () => {
    const reference = await startGitHub();
    const { report } = await sweep(await storeFor(reference), 'reference');
    await reference.close();
    const target = report.clusters.find((c) => /KeyError|OperationalError/.test(c.template)) ?? report.clusters[0]!;
    const person = server.seedIssue({
      title: 'Backend keeps failing', body: `On-call saw this many times today:\n\n    ${target.template}\n\nPlease look.`, labels: ['bug', 'P3'],
    });

    const result = await sweep(await storeFor(server), 'adopt');
    expect(result.report.errors).toEqual([]);
    const adopted = server.issue(person)!;
    expect(adopted.labels).toContain(MANAGED);
    expect(adopted.labels.filter((l) => /^P[0-3]$/.test(l))).toEqual(['P3']);
    expect(adopted.title).toBe('Backend keeps failing');
    expect(adopted.body).toContain('Please look.');
    const comments = server.comments(person);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.user.login).toBe(server.botLogin);
    expect(parseStateBlock(comments[0]!.body)?.clusterId).toBe(target.id);
    expect(issuesPerCluster(server).get(target.id)).toBeUndefined();
    expect(server.issues().filter((i) => i.title.startsWith('GCP-')).every((i) => parseStateBlock(i.body)?.clusterId !== target.id)).toBe(true);

    server.clearJournal();
    await sweep(await storeFor(server), 'again');
    expect(server.writes()).toEqual([]);
  });

  it('reopens an issue closed as completed when its problem returns, and leaves one closed as not planned', async () => {
    const reference = await startGitHub();
    const { report } = await sweep(await storeFor(reference), 'reference');
    await reference.close();
    const [back, ignored] = report.clusters;
    const bot = { login: server.botLogin, type: 'Bot' as const };
    const seed = (c: typeof back, stateReason: 'completed' | 'not_planned') =>
      server.seedIssue({
        title: `GCP-new-${c!.priority}-earlier`, labels: [MANAGED, c!.priority], author: bot, state: 'closed', stateReason,
        closedAt: '2025-09-10T12:00:00Z',
        body: `Earlier evidence\n\n${renderStateBlock({
          version: 1, clusterId: c!.id, aliases: [], template: c!.template, totalCount: 5, lastWindowCount: 5,
          firstSeen: '2025-09-09T00:00:00.000Z', lastSeen: '2025-09-10T00:00:00.000Z', priority: c!.priority as Priority,
          windowEnd: '2025-09-10T00:00:00.000Z', title: `GCP-new-${c!.priority}-earlier`,
        })}`,
      });
    const reopened = seed(back, 'completed');
    const stays = seed(ignored, 'not_planned');

    const result = await sweep(await storeFor(server), 'regression');
    expect(result.report.errors).toEqual([]);
    expect(server.issue(reopened)).toMatchObject({ state: 'open', stateReason: 'reopened' });
    expect(result.report.actions.find((a) => a.kind === 'reopen')).toMatchObject({ issue: reopened });
    expect(server.issue(stays)).toMatchObject({ state: 'closed', stateReason: 'not_planned' });
    expect(issuesPerCluster(server).get(back!.id)).toBe(1);
    expect(issuesPerCluster(server).get(ignored!.id)).toBe(1);

    server.clearJournal();
    await sweep(await storeFor(server), 'again');
    expect(server.writes()).toEqual([]);
  });
});
