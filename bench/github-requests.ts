// What a sweep costs on GitHub: requests and seconds, through the real App client (Octokit's own
// pacing: 1 s between writes, 3 s between writes that notify people, its search limiter) against the
// local GitHub-shaped server. Two runs: a first sweep over a day with many problems, filing
// maxCreatesPerRun of them; and a rerun of a repository that already tracks every problem, which
// must change nothing.
// Run: npm run build --silent && node dist/bench/github-requests.js [problems=60] [creates=5] [managed=50] [adopted=0]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '../src/config/load-settings.js';
import type { Settings } from '../src/config/schema.js';
import { createGitHubStore } from '../src/github/index.js';
import { createLogger } from '../src/shared/logger.js';
import type { IssueStore } from '../src/shared/ports.js';
import { createFileSource } from '../src/source/log-file.js';
import { runSweep } from '../src/sweep.js';
import { generateAppKeys } from '../test/integration/servers/github/app-keys.js';
import { startFakeGitHub, type FakeGitHub } from '../test/integration/servers/github/server.js';

const [problems = 60, creates = 5, managed = 50, adopted = 0] = process.argv.slice(2).map(Number);
const APP_ID = 4711;
const REPOSITORY = 'acme/shop';
const SERVICE = 'shop-api';
const END = Date.parse('2025-09-12T00:00:00Z');
const keys = generateAppKeys();
const dir = mkdtempSync(join(tmpdir(), 'github-requests-'));

const NOUNS = ['Order', 'Invoice', 'Cart', 'Payment', 'Shipment', 'Coupon', 'Ledger', 'Refund', 'Catalog', 'Session', 'Webhook', 'Export'];
const VERBS = ['Sync', 'Lookup', 'Render', 'Persist', 'Publish', 'Validate', 'Reserve', 'Settle'];

/** A day of one service: `count` distinct Python exceptions, each raised a few times from its own frame. */
function writeLogs(count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const noun = NOUNS[i % NOUNS.length]!;
    const verb = VERBS[Math.floor(i / NOUNS.length) % VERBS.length]!;
    const module = `${noun.toLowerCase()}_${verb.toLowerCase()}`;
    for (let k = 0; k < 4 + (i % 5); k++) {
      const at = END - 20 * 3600_000 + i * 60_000 + k * 3_600_000;
      const text = [
        'Traceback (most recent call last):',
        `  File "/app/shop/${module}.py", line ${40 + i}, in handle_${module}`,
        `    return backend.${verb.toLowerCase()}(${noun.toLowerCase()}_id)`,
        `shop.errors.${noun}${verb}Error: could not ${verb.toLowerCase()} ${noun.toLowerCase()} ${1000 + k}`,
      ].join('\n');
      lines.push(JSON.stringify({
        insertId: `e${i}-${k}`, timestamp: new Date(at).toISOString(), severity: 'ERROR', textPayload: text,
        logName: 'projects/shop-prod/logs/run.googleapis.com%2Fstderr',
        resource: { type: 'cloud_run_revision', labels: { service_name: SERVICE, revision_name: `${SERVICE}-00012-abc`, project_id: 'shop-prod' } },
      }));
    }
  }
  const path = join(dir, `day-${count}.jsonl`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

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

async function sweep(server: FakeGitHub, logs: string, maxCreates: number, fast = false) {
  const s = settings(maxCreates);
  const began = performance.now();
  const result = await runSweep(
    { source: createFileSource(logs), store: await store(server, fast), logger: createLogger({ level: 'silent' }) },
    { runId: 'bench', window: { start: END - 24 * 3600_000, end: END }, services: [SERVICE], dryRun: false, settings: s },
  );
  if (result.report.errors.length > 0) throw new Error(`sweep failed: ${JSON.stringify(result.report.errors)}`);
  return { result, seconds: (performance.now() - began) / 1000 };
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
  const { result, seconds } = await sweep(server, writeLogs(problems), creates);
  const filed = result.report.actions.filter((a) => a.kind === 'create' && server.issues().some((i) => i.number === a.issue)).length;
  console.log(`first sweep, ${problems} problems, ${filed} creates: ${costOf(server)}, ${seconds.toFixed(1)} s`);
  await server.close();
}

// 2. A no-op rerun: `managed` problems, each already tracked (`adopted` of them by a person's issue
// carrying the gardener's evidence comment); the same window again changes nothing.
{
  const server = await start();
  const logs = writeLogs(managed);
  for (let i = 0; i < adopted; i++) {
    const [noun, verb] = [NOUNS[i % NOUNS.length]!, VERBS[Math.floor(i / NOUNS.length) % VERBS.length]!];
    server.seedIssue({
      title: `${noun}${verb}Error in production`, labels: ['bug'],
      body: `We keep seeing this:\n\n    shop.errors.${noun}${verb}Error: could not ${verb.toLowerCase()} ${noun.toLowerCase()} 1000\n`,
    });
  }
  await sweep(server, logs, managed, true);
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
