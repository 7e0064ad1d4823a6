// A service whose logs are plain text on stdout/stderr: Cloud Run gives them no severity. A dry run
// reads the ones whose header says NOTICE or above, files them, and says the severity came from the text.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadSettings } from '../../src/config/load-settings.js';
import type { RawEntry } from '../../src/shared/types.js';
import { createFileSource } from '../../src/source/log-file.js';
import { runSweep } from '../../src/sweep.js';

const { settings } = loadSettings(readFileSync('config/gardener.yaml', 'utf8'), {});
const window = { start: Date.parse('2025-09-11T00:00:00Z'), end: Date.parse('2025-09-11T06:00:00Z') };

function line(i: number, text: string): RawEntry {
  return {
    timestamp: new Date(window.start + i * 60_000).toISOString(),
    textPayload: text,
    logName: 'projects/demo/logs/run.googleapis.com%2Fstderr',
    resource: { type: 'cloud_run_revision', labels: { service_name: 'api', revision_name: 'api-00001-abc' } },
  };
}

describe('a dry run over plain-text logs', () => {
  it('reads the entries whose text states NOTICE or above, and says where their severity came from', async () => {
    const raw: RawEntry[] = [];
    for (let i = 0; i < 30; i++) {
      raw.push(line(3 * i, `2025-09-11 00:${String(i).padStart(2, '0')}:01,234 - app.db - ERROR - connection to db-${i % 3} refused`));
      raw.push(line(3 * i + 1, `INFO:     10.0.0.${i}:53124 - "GET /health HTTP/1.1" 200 OK`));
      raw.push(line(3 * i + 2, `health ok, error_count=0 after ${i} checks`));
    }
    const path = join(mkdtempSync(join(tmpdir(), 'plain-sweep-')), 'day.jsonl');
    writeFileSync(path, raw.map((e) => JSON.stringify(e)).join('\n'));

    const result = await runSweep(
      { source: createFileSource(path), store: null, logger: pino({ level: 'silent' }) },
      { runId: 'r1', window, services: ['api'], dryRun: true, settings },
    );

    expect(result.report.entries).toMatchObject({ read: 30, filtered: 60, skipped: 0 });
    const [cluster, ...rest] = result.report.clusters;
    expect(rest).toHaveLength(0);
    expect(cluster).toMatchObject({ count: 30, severity: 'ERROR', severitySource: 'text' });
    expect(result.worklog).toContain('ERROR (severity read from the text)');
  });

  it('counts a trace rejoined from n lines as n entries read, so read + filtered + skipped is every entry', async () => {
    const trace = [
      'Traceback (most recent call last):',
      '  File "/app/main.py", line 5, in handler',
      "    return cache['k']",
      "KeyError: 'k'",
    ];
    const at = (ms: number, text: string): RawEntry => ({
      ...line(0, text),
      timestamp: new Date(window.start + ms).toISOString(),
      labels: { instanceId: 'i-1' },
    });
    const raw = [...trace.map((t, i) => at(1000 + i, t)), at(90_000, 'INFO:     GET /health 200'), at(95_000, 'not json at all')];
    const path = join(mkdtempSync(join(tmpdir(), 'plain-sweep-')), 'day.jsonl');
    writeFileSync(path, `${raw.map((e) => JSON.stringify(e)).join('\n')}\n{"broken":\n`);

    const result = await runSweep(
      { source: createFileSource(path), store: null, logger: pino({ level: 'silent' }) },
      { runId: 'r2', window, services: ['api'], dryRun: true, settings },
    );

    expect(result.report.clusters).toHaveLength(1);
    const { read, filtered, skipped } = result.report.entries;
    expect({ read, filtered, skipped }).toEqual({ read: 4, filtered: 2, skipped: 1 });
  });
});
