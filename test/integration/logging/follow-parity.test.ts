// The lines a record head pulls in (a Rust panic's message, Plug's request lines, Ecto's query,
// java.util.logging's level line, Prisma's message) come from a Cloud Logging server and from Log
// Analytics as from the file export: the real Logging client reads the day through the gRPC Logging
// server, with its follow-up reads, and yields the same entries, each writer's in the same order, as
// the file read oldest and newest first; the real BigQuery client runs the product's SQL on the local
// BigQuery server and reads the same lines whole.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDay } from '../../../bench/lib/stranger/day.js';
import { mayMatter } from '../../../src/normalize/index.js';
import type { LogSource, SourceQuery, SourceReadResult } from '../../../src/shared/ports.js';
import type { RawEntry } from '../../../src/shared/types.js';
import { BUCKET_MS } from '../../../src/classify/index.js';
import type { EntryGroup } from '../../../src/shared/ports.js';
import { createLogAnalyticsSource } from '../../../src/source/analytics/log-analytics.js';
import { createCloudLoggingSource } from '../../../src/source/cloud-logging.js';
import { followLine } from '../../../src/source/follow-rules.js';
import { MAX_FOLLOW_FILTER_CHARS } from '../../../src/source/follow-up.js';
import { microTime } from '../../../src/source/stdout-line.js';
import { createFileSource } from '../../../src/source/log-file.js';
import { startBigQueryServer, type BigQueryServer } from '../servers/bigquery-server.js';
import { startLoggingServer, type LoggingServer } from '../servers/logging/server.js';

const SERVICES = ['search-rs', 'realtime-ex', 'thumbs-kt', 'orders-nest'];
const day = buildDay(3);
const serviceOf = (e: RawEntry) => String((e.resource as { labels: Record<string, string> }).labels.service_name);

// The lines of one write no grammar knows, each a Cloud Run entry of its own microseconds apart under a
// line naming an error (burst-lines.ts): CakePHP's ErrorLogger block (the shape pasted in
// cakephp/cakephp#17599) and R's error with its `Calls:` and `Execution halted`. Most name no error.
const CAKE = [
  "2026-03-10 10:00:00 error: [Cake\\Http\\Exception\\MissingControllerException] Controller class `Wp-login` could not be found. in /var/www/html/vendor/cakephp/cakephp/src/Controller/ControllerFactory.php on line 289",
  'Request URL: /wp-login.php',
  'Client IP: 66.249.66.1',
  'Stack Trace:',
  '- /var/www/html/vendor/cakephp/cakephp/src/Controller/ControllerFactory.php:74',
  '- /var/www/html/vendor/cakephp/cakephp/src/Http/BaseApplication.php:328',
  '- /var/www/html/webroot/index.php:40',
];
const R_ERROR = ['Error in readRDS("/app/model/pricing.rds") : error reading from connection', 'Calls: <Anonymous> ... sourceUTF8 -> eval -> readRDS', 'Execution halted'];

/** `lines` as one write of a writer of the day (one entry per line, 9 µs apart), `afterMs` into the window. */
function write(lines: string[], like: RawEntry, afterMs: number, tag: string): RawEntry[] {
  const startUs = (day.start + afterMs) * 1000;
  return lines.map((text, i) => {
    const us = startUs + i * 9;
    const ms = Math.floor(us / 1000);
    return { ...like, textPayload: text, insertId: `write-${tag}-${i}`, timestamp: new Date(ms).toISOString().replace('Z', `${String(us - ms * 1000).padStart(3, '0')}Z`) };
  });
}
const writerOf = (service: string) => {
  const e = day.entries.find((x) => serviceOf(x) === service && typeof x.textPayload === 'string' && x.severity === undefined && (x.labels as Record<string, string> | undefined)?.instanceId !== undefined)!;
  return { resource: e.resource, logName: e.logName, labels: e.labels } as RawEntry;
};
const writes = [
  ...write(CAKE, writerOf('orders-nest'), 3_600_000, 'cake'),
  ...write(R_ERROR, writerOf('search-rs'), 7_200_000, 'r'),
];
const entries = [...day.entries.filter((e) => SERVICES.includes(serviceOf(e))), ...writes]
  .sort((a, b) => (String(a.timestamp) < String(b.timestamp) ? -1 : String(a.timestamp) > String(b.timestamp) ? 1 : 0));
const query: SourceQuery = { window: { start: day.start, end: day.end }, services: [], severityFloor: 'NOTICE' };

let server: LoggingServer;
let bigquery: BigQueryServer;
beforeAll(async () => {
  server = await startLoggingServer({ entries });
  bigquery = await startBigQueryServer({ entries });
});
afterAll(async () => {
  await server.stop();
  await bigquery.stop();
});

async function readAll(source: LogSource): Promise<{ entries: RawEntry[]; result: SourceReadResult }> {
  const reading = source.read(query);
  const out: RawEntry[] = [];
  for await (const e of reading.entries) out.push(e);
  return { entries: out, result: reading.result() };
}

/** Each writer's entries, by insertId, oldest first; and what is not a writer's line, as a set. */
function byWriter(list: RawEntry[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of list) {
    const instance = (e.labels as Record<string, string> | undefined)?.instanceId ?? '-';
    (out[`${instance} ${String(e.logName)}`] ??= []).push(String(e.insertId));
  }
  return out;
}

/** Put in time order within each writer (the file's newest-first export is read in its own order). */
function oldestFirst(list: RawEntry[]): RawEntry[] {
  return [...list].sort((a, b) => (String(a.timestamp) < String(b.timestamp) ? -1 : String(a.timestamp) > String(b.timestamp) ? 1 : 0));
}

describe('follow-up reads', () => {
  it('the Cloud Logging source keeps the same entries as the file source, oldest and newest first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'follow-parity-'));
    const jsonl = join(dir, 'day.jsonl');
    writeFileSync(jsonl, entries.map((e) => JSON.stringify(e)).join('\n'));
    const array = join(dir, 'day.json');
    writeFileSync(array, JSON.stringify([...entries].reverse()));

    const cloud = await readAll(createCloudLoggingSource({
      project: 'tidewater-prod-4471', emulatorHost: server.address, pageSize: 1000, timeBudgetMs: 240_000, backoff: { initialMs: 5, maxMs: 20, maxTries: 4 },
    }));
    const file = await readAll(createFileSource(jsonl));
    const newest = await readAll(createFileSource(array));

    // Lines read only through a head: the prefilter alone drops them.
    const pulled = file.entries.filter((e) => !mayMatter(e, 'NOTICE'));
    expect(pulled.length).toBeGreaterThan(20);
    expect(file.result.followed?.pulled).toBe(pulled.length);
    // Every line of the writes is read, though the prefilter drops some of them.
    const writeIds = writes.map((e) => String(e.insertId));
    expect(writes.some((e) => !mayMatter(e, 'NOTICE'))).toBe(true);
    expect(writeIds.filter((id) => !file.entries.some((e) => String(e.insertId) === id))).toEqual([]);

    expect(byWriter(cloud.entries)).toEqual(byWriter(file.entries));
    expect(byWriter(oldestFirst(newest.entries))).toEqual(byWriter(file.entries));
    expect(cloud.result.followed).toEqual(expect.objectContaining({ pulled: pulled.length }));
    expect(cloud.result.followed!.reads).toBeGreaterThan(0);

    // The follow-up reads: each within Cloud Logging's filter length, each clause one writer and a short span.
    const followUps = server.requests.filter((r) => r.filter.includes('labels.instanceId = '));
    expect(followUps.length).toBe(cloud.result.followed!.reads);
    for (const r of followUps) expect(r.filter.length).toBeLessThanOrEqual(MAX_FOLLOW_FILTER_CHARS);
    // The follow-up reads return the records' own lines around each head, not the window's chatter: a
    // writer's lines within a few milliseconds after a line naming an error (most of them in the same
    // burst of errors).
    expect(cloud.result.followed!.fetched).toBeLessThan(entries.length / 3);
  }, 120_000);

  it('Log Analytics reads whole the heads and the lines they pull, as the file source reads them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'follow-parity-'));
    const jsonl = join(dir, 'day.jsonl');
    writeFileSync(jsonl, entries.map((e) => JSON.stringify(e)).join('\n'));
    const file = await readAll(createFileSource(jsonl));
    const source = createLogAnalyticsSource({
      jobProject: 'tidewater-prod-4471', table: 'tidewater-prod-4471.logs_link._AllLogs', maximumBytesBilled: 1e12, queryTimeoutMs: 120_000,
      emulatorHost: bigquery.host, excludeServices: [], bucketMs: BUCKET_MS,
    });
    const reading = source.readGroups(query);
    const groups: EntryGroup[] = [];
    for await (const g of reading.groups) groups.push(g);
    const result = reading.result();

    const lines = groups.filter((g) => g.line).map((g) => String(g.samples[0]!.insertId));
    const read = new Set(file.entries.map((e) => String(e.insertId)));
    const pulled = file.entries.filter((e) => !mayMatter(e, 'NOTICE')).map((e) => String(e.insertId));
    expect(pulled.length).toBeGreaterThan(20);
    // Every line the heads pulled comes back whole, and every line read whole is one the file source reads.
    expect(lines).toEqual(expect.arrayContaining(pulled));
    expect(lines).toEqual(expect.arrayContaining(writes.map((e) => String(e.insertId))));
    expect(lines.filter((id) => !read.has(id))).toEqual([]);
    expect(result.followed).toEqual(expect.objectContaining({ pulled: pulled.length }));
    // The heads too: a record and its pulled lines are joined in the function, as the file sweep joins them.
    const heads = file.entries.filter((e) => (followLine(e, microTime(e), mayMatter(e, 'NOTICE'))?.head ?? 0) !== 0).map((e) => String(e.insertId));
    expect(heads.length).toBeGreaterThan(10);
    const missing = file.entries.filter((e) => heads.includes(String(e.insertId)) && !lines.includes(String(e.insertId)));
    expect(missing.map((e) => [e.severity, e.logName, String(e.textPayload).slice(0, 60)])).toEqual([]);
  }, 120_000);
});
