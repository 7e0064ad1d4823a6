// A handler that logs the message and then `$e->getTraceAsString()` as two records (Hyperf's skeleton
// AppExceptionHandler through StdoutLogger): the trace record goes with its message, through `classify`
// and a sweep alike, and the traces of two errors that pass through one frame do not make a group of
// their own (source/trace-pieces.ts, classify/piece-owners.ts).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadSettings } from '../../../src/config/load-settings.js';
import { classifyFile } from '../../../src/entry/classify-file.js';
import type { RawEntry } from '../../../src/shared/types.js';
import { createFileSource } from '../../../src/source/log-file.js';
import { runSweep } from '../../../src/sweep.js';

const { settings } = loadSettings(readFileSync('config/gardener.yaml', 'utf8'), {});
const dir = mkdtempSync(join(tmpdir(), 'trace-pieces-swept-'));
const START = Date.parse('2026-12-08T10:00:00Z');
const WINDOW = { start: START - 60_000, end: START + 7_200_000 };

/** A line Hyperf's StdoutLogger wrote to stdout: no severity for Cloud Run, a `[LEVEL]` tag of its own. */
function record(us: number, text: string, instanceId: string): RawEntry {
  const iso = new Date(START + Math.floor(us / 1000)).toISOString().replace('Z', `${String(us % 1000).padStart(3, '0')}Z`);
  return {
    timestamp: iso,
    textPayload: text,
    logName: 'projects/p/logs/run.googleapis.com%2Fstdout',
    labels: { instanceId },
    resource: { type: 'cloud_run_revision', labels: { service_name: 'api-hyperf', revision_name: 'api-hyperf-00012-abc' } },
  };
}

const V = '/opt/www/vendor';
// The frames every query failure passes through, whatever the query and whatever failed.
const QUERY_FRAMES = [
  `${V}/hyperf/database/src/Connection.php(1060): Hyperf\\Database\\Connection->runQueryCallback('select * from \`...', Array, Object(Closure))`,
  `${V}/hyperf/database/src/Connection.php(368): Hyperf\\Database\\Connection->run('select * from \`...', Array, Object(Closure))`,
  `${V}/hyperf/database/src/Query/Builder.php(2948): Hyperf\\Database\\Connection->select('select * from \`...', Array, true)`,
];
const trace = (frames: readonly string[]): string => `[ERROR] ${[...frames, '{main}'].map((f, i) => `#${i} ${f}`).join('\n')}`;

const FAILURES = [
  {
    message: (i: number) => `[ERROR] SQLSTATE[HY000]: General error: 2006 MySQL server has gone away (SQL: select * from \`orders\` where \`id\` = ${1000 + i} limit 1)[1095] in ${V}/hyperf/database/src/Connection.php`,
    trace: trace([...QUERY_FRAMES, '/opt/www/app/Controller/OrderController.php(31): Hyperf\\Database\\Model\\Builder->first()']),
  },
  {
    message: (i: number) => `[ERROR] SQLSTATE[40001]: Serialization failure: 1213 Deadlock found when trying to get lock; try restarting transaction (SQL: select * from \`stock\` where \`sku\` = ${2000 + i} for update)[1095] in ${V}/hyperf/database/src/Connection.php`,
    trace: trace([...QUERY_FRAMES, '/opt/www/app/Service/StockService.php(58): Hyperf\\Database\\Query\\Builder->get()']),
  },
];

describe("a trace string logged as a record of its own after its message", () => {
  const entries: RawEntry[] = [];
  for (let i = 0; i < 12; i++) {
    const failure = FAILURES[i % 2]!;
    const at = i * 300_000_000;
    const instance = `i-${i % 3}`;
    entries.push(record(at, failure.message(i), instance), record(at + 1_700, failure.trace, instance));
    // Another instance's error in the same millisecond: never the one a trace goes with.
    if (i % 4 === 0) entries.push(record(at + 1_200, FAILURES[(i + 1) % 2]!.message(i), 'i-9'));
  }
  const path = join(dir, 'hyperf.jsonl');
  writeFileSync(path, entries.map((e) => JSON.stringify(e)).join('\n'));

  it('is counted under its message by classify: one problem per error, none for the frames they share', async () => {
    const rows: Array<{ cluster: string | null }> = [];
    await classifyFile(path, 'gcp', (line) => rows.push(JSON.parse(line) as { cluster: string | null }));
    const byText = (part: string): Set<string | null> => new Set(rows.filter((_, i) => String(entries[i]!.textPayload).includes(part)).map((r) => r.cluster));
    const [goneAway, deadlock] = [byText('gone away'), byText('Deadlock found')];
    expect(goneAway.size).toBe(1);
    expect(deadlock.size).toBe(1);
    expect(goneAway).not.toEqual(deadlock);
    rows.forEach((row, i) => {
      const text = String(entries[i]!.textPayload);
      if (!text.startsWith('[ERROR] #0')) return;
      // The message its instance logged just before it.
      const instance = (e: RawEntry): unknown => (e.labels as Record<string, string>).instanceId;
      const message = entries.slice(0, i).reverse().find((e) => instance(e) === instance(entries[i]!))!;
      expect(row.cluster).toBe(rows[entries.indexOf(message)]!.cluster);
    });
    expect(new Set(rows.map((r) => r.cluster)).size).toBe(2);
  });

  it('is filed under its message by a sweep of the same export', async () => {
    const result = await runSweep(
      { source: createFileSource(path, { offThread: false }), store: null, logger: pino({ level: 'silent' }) },
      { runId: 'pieces', window: WINDOW, services: [], dryRun: true, settings },
    );
    const counts = result.report.clusters.map((c) => c.count).sort((a, b) => a - b);
    // Six failures of each error, each a message and its trace; the other instance's three messages
    // (at i = 0, 4, 8, beside a gone-away failure) are deadlocks.
    expect(counts).toEqual([12, 15]);
  });
});
