// `classify` prints for each entry the cluster the sweep files it under: for every entry a sweep of the
// same export reads, the two derive the same id, whatever else the export holds (lines the sweep never
// reads, entries below its floor).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { buildDay } from '../../../bench/lib/fifth/day.js';
import { loadSettings } from '../../../src/config/load-settings.js';
import { classifyFile } from '../../../src/entry/classify-file.js';
import type { RawEntry } from '../../../src/shared/types.js';
import { createFileSource } from '../../../src/source/log-file.js';
import { runSweep } from '../../../src/sweep.js';

const { settings } = loadSettings(readFileSync('config/gardener.yaml', 'utf8'), {});
const dir = mkdtempSync(join(tmpdir(), 'classify-as-swept-'));
const START = Date.parse('2026-03-10T12:00:00Z');

interface Row { index: number; cluster: string | null }

async function classify(path: string): Promise<Row[]> {
  const rows: Row[] = [];
  await classifyFile(path, 'gcp', (line) => rows.push(JSON.parse(line) as Row));
  return rows;
}

async function sweptIds(path: string, window: { start: number; end: number }): Promise<string[]> {
  const result = await runSweep(
    { source: createFileSource(path, { offThread: false }), store: null, logger: pino({ level: 'silent' }) },
    { runId: 'agree', window, services: [], dryRun: true, settings },
  );
  return result.report.clusters.map((c) => c.id).sort();
}

function write(name: string, entries: readonly RawEntry[]): string {
  const path = join(dir, name);
  writeFileSync(path, entries.map((e) => JSON.stringify(e)).join('\n'));
  return path;
}

/** A line a container wrote to stdout/stderr: Cloud Run gives it no severity. */
function line(us: number, text: string, instanceId = 'i-1', stream = 'stderr'): RawEntry {
  const ms = Math.floor(us / 1000);
  const iso = new Date(START + ms).toISOString().replace('Z', `${String(us % 1000).padStart(3, '0')}Z`);
  return {
    timestamp: iso,
    textPayload: text,
    logName: `projects/p/logs/run.googleapis.com%2F${stream}`,
    labels: { instanceId },
    resource: { type: 'cloud_run_revision', labels: { service_name: 'media', revision_name: 'media-00001-abc' } },
  };
}

const WINDOW = { start: START - 60_000, end: START + 3_600_000 };

describe('classify and a sweep of the same export', () => {
  it('join uWSGI\'s broken pipe and its OSError alike when another worker\'s request line, which the sweep never reads, came between them', async () => {
    const entries: RawEntry[] = [];
    for (let i = 0; i < 4; i++) {
      const at = i * 60_000_000;
      entries.push(line(at, `uwsgi_response_writev_headers_and_body_do(): Broken pipe [core/writer.c line 306] during GET /v1/thumbs/${i}a5f?w=160 (169.254.1.1)`));
      // Another worker's request log, 27 µs later: INFO chatter the prefilter drops.
      if (i % 2 === 0) entries.push(line(at + 27, `[pid: 8${i}|app: 0|req: 386/7869${i}] 169.254.1.1 () {37 vars in 976 bytes} [Tue Mar 10 12:0${i}:00 2026] GET /v1/thumbs/${i}bc?w=320 => generated 14622 bytes in 12 msecs (HTTP/1.1 200) 2 headers in 80 bytes (1 switches on core 0)`));
      entries.push(line(at + 2_300, 'OSError: write error'));
    }
    const path = write('uwsgi.jsonl', entries);

    const rows = await classify(path);
    const swept = await sweptIds(path, WINDOW);
    const errorRows = rows.filter((_, i) => !String(entries[i]!.textPayload).startsWith('[pid:'));
    expect(swept).toHaveLength(1);
    expect(new Set(errorRows.map((r) => r.cluster))).toEqual(new Set(swept));
  });

  it('give a problem the same id when a line of it alone, below the floor, is in the export too', async () => {
    const record = (feed: number) => [
      `2026-03-10 12:00:00.198997\t0:00:08.416619\tPOST\t/feeds/${feed}/refresh`,
      'TimeoutException after 0:00:10.000000: Future not completed',
      'dart:async                                          _FutureExtensions.timeout',
      'package:feeds/src/fetch.dart 27:8                   Fetcher.get',
      '===== asynchronous gap ===========================',
      'package:feeds/src/refresh.dart 39:21                Refresher.refresh',
    ].join('\n');
    const entries = [
      ...[1, 2, 3].map((k) => line(k * 60_000_000, record(6280 + k), `i-${k}`, 'stdout')),
      // The exception line alone, with no severity of its own nor a trace to give it one: below NOTICE.
      line(5 * 60_000_000, 'TimeoutException after 0:00:10.000000: Future not completed', 'i-9', 'stdout'),
    ];
    const path = write('dart.jsonl', entries);

    const rows = await classify(path);
    const swept = await sweptIds(path, WINDOW);
    expect(swept).toHaveLength(1);
    expect(rows.slice(0, 3).map((r) => r.cluster)).toEqual([swept[0], swept[0], swept[0]]);
  });

  it("keep pino-pretty's INFO records, split one line an entry, apart from the warning written just before them", async () => {
    // hapi-pino through pino-pretty: `upstream slow` whole in one entry, then 300 µs later a request's
    // `request completed` (INFO) one line an entry; its property lines are indented, which the sweep reads.
    const warn = '[10:00:00.123]  WARN (1 on localhost): upstream slow\n    upstream: {\n      "name": "billing",\n      "ms": 2100\n    }';
    const completed = (id: number) => [
      '[10:00:00.123]  INFO (1 on localhost): request completed',
      '    req: {', `      "id": "1796342741685:localhost:1:k82m08u1:${id}",`, '      "method": "get",', '      "url": "/v1/profile"', '    }',
      '    res: {', '      "statusCode": 200', '    }', '    responseTime: 12',
    ];
    const entries: RawEntry[] = [];
    for (let i = 0; i < 4; i++) {
      const at = i * 60_000_000;
      entries.push(line(at, warn, 'i-1', 'stdout'));
      completed(i).forEach((text, k) => entries.push(line(at + 300 + k * 7, text, 'i-1', 'stdout')));
    }
    const path = write('pino-pretty.jsonl', entries);

    const rows = await classify(path);
    const swept = await sweptIds(path, WINDOW);
    expect(swept).toHaveLength(1);
    const warnRows = rows.filter((_, i) => String(entries[i]!.textPayload).includes('WARN'));
    const infoRows = rows.filter((_, i) => !String(entries[i]!.textPayload).includes('WARN'));
    expect(new Set(warnRows.map((r) => r.cluster))).toEqual(new Set(swept));
    expect(infoRows.filter((r) => r.cluster === swept[0])).toEqual([]);
  });

  // One seed of a held-out day, three of its services, in both export orders.
  describe('on a day of uWSGI, Dart and gin services', () => {
    const SERVICES = new Set(['media-uwsgi', 'feeds-dart', 'orders-gin']);
    const day = buildDay(4);
    const entries = day.entries.filter((e) => SERVICES.has(String((e.resource as { labels: Record<string, string> }).labels.service_name)));

    it.each([
      ['oldest first (JSONL)', false],
      ['newest first (gcloud\'s array)', true],
    ])('every cluster the sweep files is the id classify gives its entries, %s', async (_order, reversed) => {
      const path = join(dir, reversed ? 'day.json' : 'day.jsonl');
      writeFileSync(path, reversed ? JSON.stringify([...entries].reverse()) : entries.map((e) => JSON.stringify(e)).join('\n'));
      const rows = await classify(path);
      const swept = await sweptIds(path, { start: day.start, end: day.end });
      const given = new Set(rows.map((r) => r.cluster));
      expect(swept.length).toBeGreaterThan(10);
      expect(swept.filter((id) => !given.has(id))).toEqual([]);
    }, 120_000);
  });
});
