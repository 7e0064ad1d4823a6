// A sweep through Log Analytics finds what a sweep of the same entries from a file finds: the same
// problems with the same counts, first and last seen, revisions and charts. The real BigQuery client
// talks to a local server that runs the product's SQL on DuckDB over the same entries.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateEntries } from '../../../bench/lib/cloud-run-generator.js';
import { KNOWN_SERVICES } from '../../../bench/lib/service-catalogue.js';
import { buildDay, exportsOf } from '../../../bench/lib/plaintext/day.js';
import { BUCKET_MS } from '../../../src/classify/index.js';
import { loadSettings } from '../../../src/config/load-settings.js';
import { createLogger } from '../../../src/shared/logger.js';
import type { GroupedLogSource, LogSource } from '../../../src/shared/ports.js';
import { createLogAnalyticsSource } from '../../../src/source/analytics/log-analytics.js';
import { createFileSource } from '../../../src/source/log-file.js';
import { runSweep } from '../../../src/sweep.js';
import { startBigQueryServer } from '../servers/bigquery-server.js';
import { countsOff, drySweep, mattering } from './parity-sweep.js';

const DAY = { start: Date.parse('2025-09-11T00:00:00Z'), end: Date.parse('2025-09-12T00:00:00Z') };
const dir = mkdtempSync(join(tmpdir(), 'analytics-parity-'));

function fromFile(file: string): Entry[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Entry);
}

function generated(count: number): string {
  const file = join(dir, `generated-${count}.jsonl`);
  const services = Object.keys(KNOWN_SERVICES);
  const lines = [...generateEntries({ seed: 7, count, start: new Date(DAY.start), end: new Date(DAY.end), services, problemScale: 3 })].map((g) => JSON.stringify(g.entry));
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Entry = Record<string, unknown>;

function analytics(host: string) {
  return createLogAnalyticsSource({
    jobProject: 'netra-staging',
    table: 'netra-staging.logs_link._AllLogs',
    maximumBytesBilled: 1e12,
    queryTimeoutMs: 60_000,
    emulatorHost: host,
    excludeServices: ['log-gardener'],
    bucketMs: BUCKET_MS,
  });
}

async function sweep(source: LogSource | GroupedLogSource) {
  const { settings } = loadSettings(readFileSync('config/gardener.yaml', 'utf8'), {});
  const result = await runSweep(
    { source, store: null, logger: createLogger({ level: 'silent' }) },
    { runId: 'parity', window: DAY, services: [], dryRun: true, settings },
  );
  return result;
}

/** What on-call reads of each problem: its id, counts, span, severity, and the evidence sections of its issue. */
function problems(result: Awaited<ReturnType<typeof sweep>>) {
  const bodies = new Map(result.actions.map((a) => [a.cluster, 'body' in a ? String(a.body ?? '') : '']));
  return result.report.clusters.map((c) => ({
    id: c.id, template: c.template, count: c.count, severity: c.severity, firstSeen: c.firstSeen, lastSeen: c.lastSeen, matters: c.matters, services: c.services,
    evidence: evidence(bodies.get(c.id) ?? ''),
  }));
}

/** The chart and the revisions of an issue body (its samples are the shapes' most recent, so they may differ). */
function evidence(body: string): string[] {
  return body.split('\n').filter((line) => /^\| (?:First seen|Last seen|Revisions|Occurrences|Count|Severity|Service)|^\s*(?:bar|line|x-axis|y-axis)\b/.test(line));
}

/** True when `specific` is `general` with some of its `<*>` filled in. */
function specialises(specific: string, general: string): boolean {
  const a = specific.split(' ');
  const b = general.split(' ');
  return a.length === b.length && b.every((token, i) => token === a[i] || token === '<*>');
}

describe('Log Analytics sweep against a file sweep of the same entries', () => {
  it.each([
    ['the example day', 'examples/cloud-run-backend-day.jsonl'],
    ['the four-service fixture', 'test/fixtures/logs/multi-service.jsonl'],
    ['a generated day of 12,000 entries, four services', ''],
  ])('finds the same problems with the same counts: %s', async (_name, path) => {
    const file = path || generated(12_000);
    const server = await startBigQueryServer({ entries: fromFile(file), pendingPolls: 2, pageRows: 100 });
    try {
      const byFile = await sweep(createFileSource(file));
      const grouped = await sweep(analytics(server.host));
      expect(grouped.report.errors).toEqual([]);
      // A file sweep counts the entries it read and left out; BigQuery leaves them out unread.
      expect({ ...grouped.report.entries, filtered: 0 }).toEqual({ ...byFile.report.entries, filtered: 0 });
      // Templates: a shape's samples may not show every variant the file held (a 16-digit job id
      // that reads as a card number and is redacted), so a template may be less general, never other.
      const general = new Map(problems(byFile).map((p) => [p.id, p.template]));
      for (const p of problems(grouped)) expect(specialises(p.template, general.get(p.id) ?? '')).toBe(true);
      const withoutTemplate = (list: ReturnType<typeof problems>) => list.map(({ template: _t, ...rest }) => rest);
      expect(withoutTemplate(problems(grouped))).toEqual(withoutTemplate(problems(byFile)));
      expect(grouped.report.clusters.length).toBeGreaterThan(5);
      expect(grouped.report.source.analytics).toMatchObject({ splitShapes: 0, splitEntries: 0 });
      expect(grouped.report.source.analytics!.shapes).toBeGreaterThan(0);
      // One query, paged: the function read rows of shapes, not entries.
      expect(server.jobs).toHaveLength(1);
      expect(server.jobs[0]!.rows).toBeLessThan(grouped.report.entries.read);
    } finally {
      await server.stop();
    }
  }, 120_000);
});

describe('Log Analytics sweep of plain-text services whose traces Cloud Run split into one entry per line', () => {
  it('joins the lines back as the file sweep does: the same problems with the same counts', async () => {
    const day = buildDay(1);
    const jsonl = exportsOf(day).find((e) => e.name.endsWith('.jsonl'))!;
    const file = join(dir, 'plain-text-day.jsonl');
    writeFileSync(file, jsonl.text);
    const window = { start: day.start, end: day.end + 1 };
    const server = await startBigQueryServer({ entries: fromFile(file), pendingPolls: 0, pageRows: 1000 });
    try {
      const run = drySweep(window, []);
      const byFile = await run(createFileSource(file));
      const grouped = await run(analytics(server.host));
      expect(grouped.report.errors).toEqual([]);
      // The same problems to file, with their severity; counts equal but for a line or two that the
      // shapes and the lines read whole hold differently (a record's header line that its instance
      // wrote apart from the rest: one entry in this day).
      expect(mattering(grouped)).toEqual(mattering(byFile));
      expect(mattering(byFile).length).toBeGreaterThan(20);
      expect(countsOff(grouped, byFile)).toBeLessThanOrEqual(2);
      expect(Math.abs(grouped.report.entries.read - byFile.report.entries.read)).toBeLessThanOrEqual(byFile.report.entries.read * 0.005);
      // The split lines came back whole, to be joined; the rest as shapes.
      expect(grouped.report.source.analytics!.lines).toBeGreaterThan(1000);
      expect(grouped.report.source.analytics!.shapes).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  }, 180_000);
});
