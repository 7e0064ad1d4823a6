// A large file is read and its entries prepared in worker threads, beside the classifier: the same
// report as in one thread, whatever the number of workers, the batch size and how far they may run
// ahead; the same one-line error for input that cannot be read. Worker threads run the built code,
// so these sweeps run in a Node process of their own on dist/ (`npm test` builds first).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

// Sweeps FILE in dry runs, once per off-thread setting of the file source (a JSON list; false: one
// thread), and prints each report without its run id, or the error's class and message.
const dist = (path: string) => pathToFileURL(resolve('dist/src', path)).href;
const SWEEP = `
import { readFileSync } from 'node:fs';
import { pino } from '${pathToFileURL(resolve('node_modules/pino/pino.js')).href}';
import { loadSettings } from '${dist('config/load-settings.js')}';
import { createFileSource } from '${dist('source/log-file.js')}';
import { runSweep } from '${dist('sweep.js')}';
const [file, settingsList] = process.argv.slice(2);
const settings = loadSettings(readFileSync('config/gardener.yaml', 'utf8'), {}).settings;
const end = Date.parse('2025-09-12T00:00:00Z');
const out = [];
for (const offThread of JSON.parse(settingsList)) {
  try {
    const { report, worklog } = await runSweep(
      { source: createFileSource(file, { offThread }), store: null, logger: pino({ level: 'silent' }) },
      { runId: 'fixed', window: { start: end - 7 * 86400000, end }, services: settings.services, dryRun: true, settings },
    );
    out.push({ offThread, report, worklog });
  } catch (error) {
    out.push({ offThread, error: error.constructor.name, message: error.message });
  }
}
process.stdout.write(JSON.stringify(out));
`;

const scripts = mkdtempSync(join(tmpdir(), 'off-thread-sweep-'));
const script = join(scripts, 'sweep.mjs');
writeFileSync(script, SWEEP);
afterAll(() => rmSync(scripts, { recursive: true, force: true }));

type Outcome = { offThread: unknown; report?: unknown; worklog?: string; error?: string; message?: string };

function sweeps(file: string, settings: unknown[]): Promise<Outcome[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, file, JSON.stringify(settings)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(stdout) as Outcome[]) : reject(new Error(`exit ${code}: ${stderr}`))));
  });
}

/** Each outcome with the setting it was swept with: all equal to the one-thread sweep's. */
const asAlone = ([alone, ...others]: Outcome[]) => others.map((o) => ({ ...alone, offThread: o.offThread }));

// Every batch size and lead below is far smaller than a sweep's: batches end inside traces being
// joined, workers wait for the sweep to take their batches, and the last batch is short.
// Messages are read in the worker, in the sweep's thread, or as the load goes; the numbering of
// repeated messages (and the classifier's memo on each) starts over every few messages.
const SETTINGS = [
  { parts: 1, minBytes: 0 },
  { parts: 2, minBytes: 0, batchSize: 7, inFlight: 1 },
  { parts: 3, minBytes: 0, batchSize: 1, inFlight: 2 },
  { parts: 1, minBytes: 0, batchSize: 5, inFlight: 2, reads: false, limits: { messages: 3, chars: 1_000_000 } },
  { parts: 1, minBytes: 0, batchSize: 4, inFlight: 3, reads: true, limits: { messages: 1_000, chars: 400 } },
  { parts: 2, minBytes: 0, batchSize: 3, inFlight: 4, limits: { messages: 2, chars: 1_000_000 } },
];

beforeAll(() => {
  if (!existsSync('dist/src/prepare-worker.js')) throw new Error('build first: npm run build');
});

describe('a file read in worker threads', () => {
  it.each([
    'examples/cloud-run-backend-day.jsonl',
    'examples/cloud-run-backend-day.json',
    'test/fixtures/logs/multi-service.jsonl',
    'test/fixtures/logs/hostile.jsonl',
    'test/fixtures/logs/bom-crlf.jsonl',
    'test/fixtures/logs/gcloud-array-truncated.json',
    'test/fixtures/logs/gcloud-array-empty.json',
  ])('%s: the same report and worklog as in one thread', async (file) => {
    const outcomes = await sweeps(file, [false, ...SETTINGS]);
    expect(outcomes[0]).toHaveProperty('report');
    expect(outcomes.slice(1)).toEqual(asAlone(outcomes));
  }, 180_000);

  describe('input that cannot be read: the same one-line error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'off-thread-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it.each([
      ['a directory', () => dir],
      ['a README', () => {
        const path = join(dir, 'README.md');
        writeFileSync(path, '# Title\n\ntext\n');
        return path;
      }],
      ['no such file', () => join(dir, 'missing.jsonl')],
    ])('%s', async (_, make) => {
      const path = make();
      const outcomes = await sweeps(path, [false, { parts: 2, minBytes: 0 }]);
      expect(outcomes[0]).toEqual({ offThread: false, error: 'InputError', message: expect.stringContaining(path) });
      expect(outcomes.slice(1)).toEqual(asAlone(outcomes));
    }, 180_000);
  });
});

// A read that lets few entries through posts few batches: the workers say how far they got, so a sweep
// of a large quiet file shows its progress, and what it reports is the same.
const PROGRESS = SWEEP
  .replace("{ source: createFileSource(file, { offThread }), store: null, logger: pino({ level: 'silent' }) }",
    "{ source: createFileSource(file, { offThread }), store: null, logger: pino({ level: 'silent' }), progress: (p) => events.push(p) }")
  .replace('for (const offThread of JSON.parse(settingsList)) {', 'for (const offThread of JSON.parse(settingsList)) {\n  const events = [];')
  .replace('out.push({ offThread, report, worklog });', 'out.push({ offThread, report, worklog, events });');

describe('a quiet file read in worker threads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'off-thread-quiet-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('shows how far the read got while it finds few entries, and reports the same', async () => {
    const progressScript = join(scripts, 'progress.mjs');
    writeFileSync(progressScript, PROGRESS);
    const start = Date.parse('2025-09-11T00:00:00Z');
    const lines: string[] = [];
    for (let i = 0; i < 45_000; i++) {
      const severity = i % 15_000 === 7 ? 'ERROR' : 'INFO';
      lines.push(JSON.stringify({ timestamp: new Date(start + i * 1000).toISOString(), severity, textPayload: severity === 'ERROR' ? 'payment provider unreachable' : `request ${i} served`, resource: { type: 'cloud_run_revision', labels: { service_name: 'api', revision_name: 'api-00001-abc' } } }));
    }
    const file = join(dir, 'quiet.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const outcomes = await new Promise<Array<Outcome & { events?: Array<{ phase: string; entries: number; scanned?: number }> }>>((resolve, reject) => {
      const child = spawn(process.execPath, [progressScript, file, JSON.stringify([false, { parts: 1, minBytes: 0 }, { parts: 2, minBytes: 0, batchSize: 2 }])], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(`exit ${code}: ${stderr}`))));
    });
    const [alone, ...others] = outcomes;
    expect((alone!.report as { entries: { read: number } }).entries.read).toBe(3);
    for (const o of others) {
      expect({ ...o, events: undefined }).toEqual({ ...alone, offThread: o.offThread, events: undefined });
      const scanned = o.events!.filter((e) => e.phase === 'read').map((e) => e.scanned ?? 0);
      // One heartbeat every 20,000 entries looked at: at least two before the last batch.
      expect(scanned.filter((n) => n >= 20_000).length).toBeGreaterThanOrEqual(2);
      expect(scanned).toEqual([...scanned].sort((a, b) => a - b));
    }
  }, 180_000);
});
