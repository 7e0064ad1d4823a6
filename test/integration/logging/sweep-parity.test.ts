// The same problems from a Cloud Logging server as from the file export: a plain-text day whose
// tracebacks Cloud Run split into one entry per line, two instances interleaved, swept through the
// real client over gRPC and through a gcloud export written newest first.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '../../../src/config/load-settings.js';
import { createLogger } from '../../../src/shared/logger.js';
import type { LogSource } from '../../../src/shared/ports.js';
import { createCloudLoggingSource } from '../../../src/source/cloud-logging.js';
import { createFileSource } from '../../../src/source/log-file.js';
import { runSweep } from '../../../src/sweep.js';
import { startLoggingServer, type LoggingServer } from '../servers/logging/server.js';
import { runEntry } from './entries.js';

const START = Date.parse('2025-09-11T18:00:00Z');
const END = Date.parse('2025-09-12T00:00:00Z');

let server: LoggingServer;
beforeEach(async () => {
  server = await startLoggingServer();
});
afterEach(async () => {
  await server.stop();
});

/** A plain-text line as Cloud Run stores it: no severity, one instance's stderr. */
function line(ms: number, instance: string, text: string, service = 'backend') {
  const entry = runEntry({ at: new Date(ms).toISOString().replace('Z', '') + '123Z', text, service });
  return { ...entry, severity: undefined, labels: { instanceId: instance } };
}

function day() {
  const out = [];
  for (let k = 0; k < 6; k++) {
    const t = START + k * 1800_000;
    const trace = [
      '2025-09-11 19:00:01,234 - app.orders - ERROR - order sync failed',
      'Traceback (most recent call last):',
      '  File "/app/orders/sync.py", line 88, in sync',
      '    row = rows[0]',
      'IndexError: list index out of range',
    ];
    // Two instances write at once: their lines interleave, each trace's lines microseconds apart.
    trace.forEach((text, i) => {
      out.push(line(t + i, `inst-a-${k % 2}`, text));
      if (i === 2) out.push(line(t + i, `inst-b-${k % 2}`, 'INFO:     10.0.0.1:5312 - "GET /health HTTP/1.1" 200 OK'));
    });
    out.push(line(t + 500, `inst-b-${k % 2}`, `[2025-09-11T19:00:01.234Z] [ERROR] [pay] payment client failed: Error: socket hang up`));
    out.push(line(t + 900, `inst-b-${k % 2}`, 'health ok, error_count=0'));
  }
  return out;
}

async function sweep(source: LogSource) {
  const { settings } = loadSettings(readFileSync('config/gardener.yaml', 'utf8'), {});
  const result = await runSweep(
    { source, store: null, logger: createLogger({ level: 'silent' }) },
    { runId: 'parity', window: { start: START, end: END }, services: ['backend'], dryRun: true, settings },
  );
  return result.report.clusters.map((c) => ({ id: c.id, count: c.count, severity: c.severity })).sort((a, b) => (a.id < b.id ? -1 : 1));
}

test('a split plain-text day gives the same problems through Cloud Logging and through a newest-first export', async () => {
  const entries = day();
  server.seed(entries);
  const path = join(mkdtempSync(join(tmpdir(), 'parity-')), 'export.json');
  writeFileSync(path, JSON.stringify([...entries].reverse().map((e) => JSON.parse(JSON.stringify(e)))));

  const cloud = await sweep(createCloudLoggingSource({
    project: 'demo', emulatorHost: server.address, pageSize: 1000, timeBudgetMs: 240_000, excludeServices: [], backoff: { initialMs: 5, maxMs: 20, maxTries: 4 },
  }));
  const file = await sweep(createFileSource(path));

  expect(file).toEqual(cloud);
  // Two problems, each counted once per occurrence: the six tracebacks joined back, the six hang-ups.
  expect(cloud.map((c) => c.count).sort()).toEqual([6, 6]);
  expect(cloud.map((c) => c.severity)).toEqual(['ERROR', 'ERROR']);
});
