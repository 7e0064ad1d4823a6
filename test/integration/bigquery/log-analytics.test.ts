// The Log Analytics source over BigQuery's REST protocol, as the real client speaks it: a dry run,
// then the job with its byte limit, results polled until the job is done and read page by page;
// what a sweep reports of it; and what it says when a role, the link or the byte budget is missing.
import { jest } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUCKET_MS } from '../../../src/classify/index.js';
import { loadSettings } from '../../../src/config/load-settings.js';
import { runSweepRequest } from '../../../src/entry/run-sweep.js';
import { createLogger } from '../../../src/shared/logger.js';
import { createLogAnalyticsSource, type LogAnalyticsOptions } from '../../../src/source/analytics/log-analytics.js';
import { runSweep } from '../../../src/sweep.js';
import { startBigQueryServer, type BigQueryServer } from '../servers/bigquery-server.js';
import { startLoggingServer, type LoggingServer } from '../servers/logging/server.js';

const FILE = 'examples/cloud-run-backend-day.jsonl';
const DAY = { start: Date.parse('2025-09-11T00:00:00Z'), end: Date.parse('2025-09-12T00:00:00Z') };
const entries = readFileSync(FILE, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);
const TABLE = 'netra-staging.logs_link._AllLogs';

let server: BigQueryServer;
beforeAll(async () => {
  server = await startBigQueryServer({ entries, pendingPolls: 2, pageRows: 40 });
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  server.journal.length = 0;
  server.jobs.length = 0;
});

function source(over: Partial<LogAnalyticsOptions> = {}) {
  return createLogAnalyticsSource({
    jobProject: 'netra-staging', table: TABLE, maximumBytesBilled: 1e12, queryTimeoutMs: 60_000,
    emulatorHost: server.host, excludeServices: ['log-gardener'], bucketMs: BUCKET_MS, ...over,
  });
}

async function sweep(over: Partial<LogAnalyticsOptions> = {}) {
  const { settings } = loadSettings(readFileSync('config/gardener.yaml', 'utf8'), {});
  return runSweep(
    { source: source(over), store: null, logger: createLogger({ level: 'silent' }) },
    { runId: 'la', window: DAY, services: [], dryRun: true, settings },
  );
}

const posts = () => server.journal.filter((r) => r.method === 'POST' && r.path.endsWith('/jobs'));
const queryOf = (r: { body?: unknown }) => (r.body as { configuration: { dryRun?: boolean; query: Record<string, unknown> } }).configuration;

describe('Log Analytics source over the BigQuery REST protocol', () => {
  // Each sweep here runs the product's whole SQL on DuckDB through the REST round trips: 5-20 s on a
  // loaded two-core machine, too close to jest's 30 s default to tell a slow run from a hang.
  jest.setTimeout(90_000);

  it('dry-runs first, then runs one job with the byte limit, polls until done and reads every page', async () => {
    const result = await sweep({ maximumBytesBilled: 5e9 });
    expect(result.report.errors).toEqual([]);
    const [dry, real] = posts();
    expect(posts()).toHaveLength(2);
    expect(queryOf(dry!).dryRun).toBe(true);
    expect(queryOf(real!).dryRun).toBeUndefined();
    expect(queryOf(real!).query.maximumBytesBilled).toBe('5000000000');
    expect(queryOf(real!).query.useLegacySql).toBe(false);
    // Values travel as parameters, never in the text.
    expect(queryOf(real!).query.query).not.toContain('2025-09-11');
    expect(queryOf(real!).query.query).toContain(`\`${TABLE}\``);
    const reads = server.journal.filter((r) => r.path.includes('/queries/'));
    const rows = server.jobs[0]!.rows;
    expect(rows).toBeGreaterThan(80); // more than two pages of 40
    expect(reads.filter((r) => r.query.pageToken !== undefined).length).toBe(Math.ceil(rows / 40) - 1);
    expect(reads.length).toBe(2 + Math.ceil(rows / 40)); // two polls while running, then each page
  });

  it('reports the bytes scanned and billed, in the run report and the worklog', async () => {
    const result = await sweep();
    const analytics = result.report.source.analytics!;
    expect(analytics.bytesProcessed).toBeGreaterThan(1_000_000);
    expect(analytics.bytesBilled).toBe(10 * 1024 * 1024); // BigQuery bills at least 10 MB a query
    expect(result.report.source.description).toBe(`Log Analytics view ${TABLE} via ${server.host}`);
    expect(result.worklog).toContain(`${analytics.bytesProcessed} bytes scanned, ${analytics.bytesBilled} bytes billed`);
    expect(result.worklog).toContain(`${analytics.shapes} shapes`);
  });

  it('stops before running a query whose dry run scans more than maximumBytesBilled', async () => {
    const result = await sweep({ maximumBytesBilled: 1000 });
    expect(result.failed).toBe(true);
    expect(result.report.errors).toEqual([{ stage: 'source', message: expect.stringMatching(/^the Log Analytics query would scan \d+ bytes, more than source\.analytics\.maximumBytesBilled \(1000\)/) }]);
    expect(posts()).toHaveLength(1);
    expect(result.report.entries.read).toBe(0);
  });

  it.each([
    [
      'running jobs (no roles/bigquery.jobUser)',
      { on: 'insert' as const, status: 403, reason: 'accessDenied', message: 'Access Denied: Project netra-staging: User does not have bigquery.jobs.create permission in project netra-staging.' },
      /^BigQuery denied running a query in project netra-staging: grant the runtime service account roles\/bigquery\.jobUser on that project/,
    ],
    [
      'reading the view (no read on the dataset)',
      { on: 'insert' as const, status: 403, reason: 'accessDenied', message: `Access Denied: Table ${TABLE}: User does not have permission to query table ${TABLE}.` },
      /^BigQuery denied reading netra-staging\.logs_link\._AllLogs: grant the runtime service account read on the linked dataset netra-staging\.logs_link/,
    ],
    [
      'a missing link',
      { on: 'insert' as const, status: 404, reason: 'notFound', message: 'Not found: Dataset netra-staging:logs_link was not found in location US' },
      /^Log Analytics view netra-staging\.logs_link\._AllLogs not found: upgrade the log bucket to Log Analytics and link a BigQuery dataset to it/,
    ],
    [
      'a failure while reading results',
      { on: 'results' as const, status: 400, reason: 'invalidQuery', message: 'Unrecognized name: text_payload' },
      /^the Log Analytics query was refused \(Unrecognized name: text_payload\)/,
    ],
  ])('fails the read with one line naming the fix: %s', async (_name, fault, message) => {
    server.fail(fault);
    const result = await sweep();
    expect(result.failed).toBe(true);
    expect(result.report.errors).toHaveLength(1);
    expect(result.report.errors[0]).toEqual({ stage: 'source', message: expect.stringMatching(message) });
    expect(result.report.errors[0]!.message).not.toContain('\n');
    expect(result.report.source.complete).toBe(false);
  });

  it('cancels a query still running at its timeout and says which setting to raise', async () => {
    const slow = await startBigQueryServer({ entries: entries.slice(0, 50), pendingPolls: 1000 });
    try {
      const read = createLogAnalyticsSource({
        jobProject: 'p', table: TABLE, maximumBytesBilled: 1e12, queryTimeoutMs: 300,
        emulatorHost: slow.host, excludeServices: [], bucketMs: BUCKET_MS,
      }).readGroups({ window: DAY, services: [], severityFloor: 'NOTICE' });
      await expect((async () => { for await (const _ of read.groups); })()).rejects.toThrow(/did not finish within source\.analytics\.queryTimeoutSeconds; it was cancelled/);
      expect(slow.journal.some((r) => r.method === 'POST' && r.path.endsWith('/cancel'))).toBe(true);
      // BigQuery also stops the job itself at the deadline it was given.
      const job = slow.journal.find((r) => r.method === 'POST' && r.path.endsWith('/jobs') && !queryOf(r).dryRun);
      expect((job!.body as { configuration: { jobTimeoutMs?: string } }).configuration.jobTimeoutMs).toBeDefined();
    } finally {
      await slow.stop();
    }
  });
});

describe('source.mode auto', () => {
  jest.setTimeout(90_000);

  let logging: LoggingServer;
  const dir = mkdtempSync(join(tmpdir(), 'auto-mode-'));
  beforeAll(async () => {
    logging = await startLoggingServer();
    logging.seed(entries);
  });
  afterAll(async () => {
    await logging.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  // The budget runs on the wall clock: 60 s leaves a busy machine room (a sweep here takes a few seconds).
  async function autoSweep(pageSize: number) {
    const config = join(dir, `auto-${pageSize}.yaml`);
    writeFileSync(config, `source:\n  mode: auto\n  pageSize: ${pageSize}\n  timeBudgetSeconds: 60\n  analytics:\n    table: ${TABLE}\n`);
    const env = { GOOGLE_CLOUD_PROJECT: 'netra-staging', LOGGING_EMULATOR_HOST: logging.address, BIGQUERY_EMULATOR_HOST: server.host };
    return runSweepRequest({ configPath: config, dryRun: true, window: '24h', now: '2025-09-12T00:00:00Z' }, env, { logger: createLogger({ level: 'silent' }), defaultLogLevel: 'silent' });
  }

  it('reads Log Analytics when the window holds more than the API reads within the budget', async () => {
    const result = await autoSweep(10); // the API would read 10 x 60 = 600 entries in 60 s
    expect(result.report.source.description).toMatch(/^Log Analytics view .* \(auto: \d+ entries in the window, more than the 600 the Logging API reads in 60s\)$/);
    expect(result.report.source.analytics).toBeDefined();
    expect(result.report.entries.read).toBe(665);
  });

  it('finds the same problems through either, with the same counts', async () => {
    const grouped = await autoSweep(10);
    const api = await autoSweep(1000);
    expect(grouped.report.source.analytics).toBeDefined();
    expect(api.report.source.analytics).toBeUndefined();
    const problems = (r: typeof api) => r.report.clusters.map((c) => ({ id: c.id, count: c.count, firstSeen: c.firstSeen, lastSeen: c.lastSeen, severity: c.severity, priority: c.priority }));
    expect(problems(grouped)).toEqual(problems(api));
    expect(grouped.report.actions.map((a) => a.title)).toEqual(api.report.actions.map((a) => a.title));
  }, 120_000);

  it('reads the Logging API, and says why, when counting in Log Analytics fails', async () => {
    server.fail({ on: 'insert', status: 403, reason: 'accessDenied', message: 'Access Denied: Project netra-staging: User does not have bigquery.jobs.create permission in project netra-staging.' });
    const result = await autoSweep(10); // a count that worked would have chosen Log Analytics
    expect(result.report.source.description).toMatch(/^Cloud Logging project netra-staging via .* \(auto: counting in Log Analytics failed: BigQuery denied running a query in project netra-staging: grant the runtime service account roles\/bigquery\.jobUser/);
    expect(result.report.errors).toEqual([]);
    expect(result.report.entries.read).toBe(665);
  });

  it('reads the Logging API when it can read the window within the budget', async () => {
    const result = await autoSweep(1000);
    expect(result.report.source.description).toMatch(/^Cloud Logging project netra-staging via .* \(auto: \d+ entries in the window, within the 60000 the Logging API reads in 60s\)$/);
    expect(result.report.source.analytics).toBeUndefined();
    expect(result.report.entries.read).toBe(665);
  });
});
