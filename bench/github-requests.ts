// What a sweep costs on GitHub: requests and seconds, through the real App client (Octokit's own
// pacing: 1 s between writes, 3 s between writes that notify people, its search limiter) against the
// local GitHub-shaped server. A first sweep over a day with many problems, filing maxCreatesPerRun
// of them, and the next sweep an hour later, filing the next ones; then a rerun of a repository that
// already tracks every problem, which must change nothing.
// Run: npm run build --silent && node dist/bench/github-requests.js [problems=60] [creates=5] [managed=50] [adopted=0]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '../src/config/load-settings.js';
import type { Settings } from '../src/config/schema.js';
import { createGitHubStore } from '../src/github/index.js';
import { createLogger } from '../src/shared/logger.js';
import type { IssueStore } from '../src/shared/ports.js';
import { createFileSource } from '../src/source/log-file.js';
import { runSweep, type SweepResult } from '../src/sweep.js';
import { problem, SERVICE, writeProblemLogs } from '../test/integration/github/problem-logs.js';
import { generateAppKeys } from '../test/integration/servers/github/app-keys.js';
import { startFakeGitHub, type FakeGitHub } from '../test/integration/servers/github/server.js';

const [problems = 60, creates = 5, managed = 50, adopted = 0] = process.argv.slice(2).map(Number);
const APP_ID = 4711;
const REPOSITORY = 'acme/shop';
const END = Date.parse('2025-09-12T00:00:00Z');
const keys = generateAppKeys();
const dir = mkdtempSync(join(tmpdir(), 'github-requests-'));

function settings(maxCreatesPerRun: number): Settings {
  const { settings: s } = loadSettings(`services: [${SERVICE}]\nwindow: 24h\n`, { GITHUB_REPOSITORY: REPOSITORY });
  return { ...s, github: { ...s.github, maxCreatesPerRun, maxWritesPerRun: 1000 } };
}

/** Octokit's own pacing unless `fast` (only to set a repository up). */
function store(server: FakeGitHub, fast = false): Promise<IssueStore> {
  return createGitHubStore({
    appId: String(APP_ID), privateKey: keys.privateKeyPem, repository: REPOSITORY, apiUrl: server.url, managedLabel: 'log-gardener',
    ...(fast ? { retry: { writeIntervalMs: 0 } } : {}),
  });
}

async function sweep(server: FakeGitHub, logs: string, maxCreates: number, end = END, fast = false) {
  const s = settings(maxCreates);
  const began = performance.now();
  const result = await runSweep(
    { source: createFileSource(logs), store: await store(server, fast), logger: createLogger({ level: 'silent' }) },
    { runId: 'bench', window: { start: end - 24 * 3600_000, end }, services: [SERVICE], dryRun: false, settings: s },
  );
  if (result.report.errors.length > 0) throw new Error(`sweep failed: ${JSON.stringify(result.report.errors)}`);
  return { result, seconds: (performance.now() - began) / 1000 };
}

function filedBy(server: FakeGitHub, result: SweepResult): number {
  return result.report.actions.filter((a) => a.kind === 'create' && server.issues().some((i) => i.number === a.issue)).length;
}

function costOf(server: FakeGitHub): string {
  const j = server.journal;
  const count = (test: (route: string) => boolean) => j.filter((e) => test(e.route ?? `${e.method} ${e.path}`)).length;
  return `${j.length} requests (${count((r) => r.startsWith('GET /search/'))} searches, ` +
    `${count((r) => r.endsWith('/comments') && r.startsWith('GET'))} comment lists, ${server.writes().length} writes)`;
}

const start = () => startFakeGitHub({ appId: APP_ID, publicKey: keys.publicKey, repository: REPOSITORY });

// 1. A first sweep: `problems` problems, none tracked, at most `creates` filed.
{
  const server = await start();
  const logs = writeProblemLogs(dir, problems, END);
  const { result, seconds } = await sweep(server, logs, creates);
  console.log(`first sweep, ${problems} problems, ${filedBy(server, result)} creates: ${costOf(server)}, ${seconds.toFixed(1)} s`);
  // The next sweep, an hour later, over the same day: nothing new on the filed ones, the next few filed.
  server.clearJournal();
  const next = await sweep(server, logs, creates, END + 3600_000);
  console.log(`next sweep, ${problems - creates} waiting, ${filedBy(server, next.result)} creates: ${costOf(server)}, ${next.seconds.toFixed(1)} s`);
  await server.close();
}

// 2. A no-op rerun: `managed` problems, each already tracked (`adopted` of them by a person's issue
// carrying the gardener's evidence comment); the same window again changes nothing.
{
  const server = await start();
  const logs = writeProblemLogs(dir, managed, END);
  for (let i = 0; i < adopted; i++) {
    const { exception, line } = problem((i * 7) % managed);
    server.seedIssue({ title: `${exception} in production`, labels: ['bug'], body: `We keep seeing this:\n\n    ${line}\n` });
  }
  await sweep(server, logs, managed, END, true);
  // People talk on the gardener's issues too: a comment on every other one.
  for (const issue of server.issues()) if (issue.number % 2 === 0) server.seedComment(issue.number, 'Seen again on staging, looking.');
  server.clearJournal();
  const { result, seconds } = await sweep(server, logs, managed);
  const tracked = server.issues().filter((i) => i.labels.includes('log-gardener')).length;
  const writes = result.report.actions.filter((a) => a.kind !== 'none').length;
  console.log(`no-op rerun, ${tracked} managed issues (${adopted} adopted): ${costOf(server)}, ${seconds.toFixed(1)} s, ${writes} planned writes`);
  await server.close();
}
rmSync(dir, { recursive: true, force: true });
