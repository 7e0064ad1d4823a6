// The command line as a user drives it: the bundled example, other exports, bad usage and hostile
// files. Everything the user sees (stdout, stderr, the worklog) is checked for leaks.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plantedEmailLocalParts, plantedSecretStrings } from '../../../bench/lib/fake-secrets.js';
import { main } from '../../../src/entry/cli.js';
import { Capture } from '../../support/capture.js';
import type { RunReport } from '../../../src/report/run-report.js';

const EXAMPLE = 'examples/cloud-run-backend-day.jsonl';
const EXAMPLE_ARRAY = 'examples/cloud-run-backend-day.json';
const EXAMPLE_CONFIG = 'config/examples/netra-backend-staging.yaml'; // the rules that name the example's problems
const NOW = '2025-09-12T00:00:00Z';
const TITLE = /^GCP-(new|regression|active-dev|other)-P[0-3]-[a-z0-9]+(-[a-z0-9]+)*$/;
const dir = mkdtempSync(join(tmpdir(), 'cli-'));
const NO_CREDENTIALS = { LOG_LEVEL: 'info' }; // our own logs on, to check them for leaks too

async function run(args: string[], env: Record<string, string> = NO_CREDENTIALS) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(args, env, { stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('log-gardener sweep on the bundled example', () => {
  const worklogFile = join(dir, 'worklog.md');
  let result: Awaited<ReturnType<typeof run>>;
  let report: RunReport;

  beforeAll(async () => {
    result = await run(['sweep', '--config', EXAMPLE_CONFIG, '--logs-file', EXAMPLE, '--dry-run', '--json', '--now', NOW, '--window', '24h', '--worklog', worklogFile]);
    report = JSON.parse(result.stdout) as RunReport;
  });

  it('exits 0 with the run report on stdout', () => {
    expect(result.code).toBe(0);
    expect(report.dryRun).toBe(true);
    expect(report.window).toEqual({ start: '2025-09-11T00:00:00.000Z', end: NOW.replace('Z', '.000Z') });
    expect(report.entries.read).toBeGreaterThan(500);
    expect(report.entries.skipped).toBe(0);
    expect(report.errors).toEqual([]);
  });

  it('plans creates with titles in the agreed format, most urgent first', () => {
    const creates = report.actions.filter((a) => a.kind === 'create');
    expect(creates.length).toBeGreaterThan(0);
    for (const a of report.actions) expect(a.title).toMatch(TITLE);
    const order = report.clusters.filter((c) => c.matters).map((c) => Number(c.priority[1]));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(creates[0]!.title).toBe('GCP-new-P0-websocket-startup-race-condition');
    expect(creates.every((a) => a.issue === undefined && a.url === undefined)).toBe(true);
  });

  it('counts a problem once: the 76 SessionMiddleware warnings are one cluster escalated to P1', () => {
    const session = report.clusters.filter((c) => c.template.includes('SessionMiddleware'));
    expect(session).toHaveLength(1);
    expect(session[0]).toMatchObject({ count: 76, priority: 'P1', severity: 'WARNING' });
  });

  it('writes the worklog a person reads', () => {
    const worklog = readFileSync(worklogFile, 'utf8');
    for (const heading of ['## Executive summary', '## Problems, most urgent first', '## Technical context', '## Next steps']) {
      expect(worklog).toContain(heading);
    }
    expect(worklog).toContain('websocket-startup-race-condition');
  });

  it('lets no planted secret or e-mail local part reach stdout, stderr or the worklog', () => {
    const everything = result.stdout + result.stderr + readFileSync(worklogFile, 'utf8');
    for (const secret of plantedSecretStrings()) expect(everything).not.toContain(secret);
    for (const local of plantedEmailLocalParts()) expect(everything).not.toMatch(new RegExp(`\\b${local.replace(/[.+]/g, '\\$&')}@`));
  });

  it('reads the gcloud JSON array export the same way as JSONL', async () => {
    const array = await run(['sweep', '--logs-file', EXAMPLE_ARRAY, '--dry-run', '--json', '--now', NOW, '--window', '24h']);
    expect(array.code).toBe(0);
    const arrayReport = JSON.parse(array.stdout) as RunReport;
    expect(arrayReport.entries.read + arrayReport.entries.filtered).toBe(300);
  });

  it('prints the worklog (not JSON) without --json', async () => {
    const text = await run(['sweep', '--logs-file', EXAMPLE, '--dry-run', '--now', NOW, '--window', '24h']);
    expect(text.code).toBe(0);
    expect(text.stdout.startsWith('# Log gardener worklog')).toBe(true);
  });

  it('narrows to the window and services it is given', async () => {
    const narrow = await run(['sweep', '--logs-file', EXAMPLE, '--dry-run', '--json', '--now', '2025-09-11T12:00:00Z', '--window', '90m']);
    const narrowReport = JSON.parse(narrow.stdout) as RunReport;
    expect(narrowReport.entries.read).toBeLessThan(report.entries.read / 4);
    for (const c of narrowReport.clusters) {
      expect(Date.parse(c.firstSeen)).toBeGreaterThanOrEqual(Date.parse('2025-09-11T10:30:00Z'));
      expect(Date.parse(c.lastSeen)).toBeLessThan(Date.parse('2025-09-11T12:00:00Z'));
    }
    const other = await run(['sweep', '--logs-file', EXAMPLE, '--dry-run', '--json', '--now', NOW, '--window', '24h', '--service', 'some-other-service']);
    expect(JSON.parse(other.stdout).entries.read).toBe(0);
  });
});

describe('log-gardener classify', () => {
  it('prints one line per entry, in input order, with stable ids', async () => {
    const first = await run(['classify', EXAMPLE]);
    const lines = first.stdout.trim().split('\n').map((l) => JSON.parse(l) as { index: number; cluster: string; template: string });
    const entries = readFileSync(EXAMPLE, 'utf8').trim().split('\n').length;
    expect(first.code).toBe(0);
    expect(lines.map((l) => l.index)).toEqual([...Array(entries).keys()]);
    expect(lines.every((l) => /^c[0-9a-f]{12}$/.test(l.cluster) && typeof l.template === 'string')).toBe(true);
    // The same entries again, reversed, get the same ids.
    const reversed = join(dir, 'reversed.jsonl');
    writeFileSync(reversed, readFileSync(EXAMPLE, 'utf8').trim().split('\n').reverse().join('\n'));
    const second = (await run(['classify', reversed])).stdout.trim().split('\n').map((l) => JSON.parse(l) as { cluster: string });
    expect(second.map((l) => l.cluster).reverse()).toEqual(lines.map((l) => l.cluster));
  });

  it('reads plain lines with --format lines and redacts them', async () => {
    const file = join(dir, 'lines.txt');
    writeFileSync(file, 'user alice@example.com logged in from 10.0.0.1\nuser bob@example.com logged in from 10.0.0.2\n\ndisk full on /dev/sda1\n');
    const out = await run(['classify', '--format', 'lines', file]);
    const rows = out.stdout.trim().split('\n').map((l) => JSON.parse(l) as { index: number; cluster: string | null; template: string | null });
    expect(rows).toHaveLength(4);
    expect(rows[0]!.cluster).toBe(rows[1]!.cluster);
    expect(rows[3]!.cluster).not.toBe(rows[0]!.cluster);
    expect(out.stdout).not.toMatch(/alice|bob/);
  });

  describe('a traceback Cloud Run split into one entry per line', () => {
    const traceback = [
      'Traceback (most recent call last):',
      '  File "/app/backend/routes/threads.py", line 41, in get_thread',
      '    thread = await service.load(thread_id)',
      '  File "/app/backend/services/cache.py", line 20, in get',
      '    return self.entries[key]',
      "KeyError: 'thread-42'",
    ];
    const entry = (textPayload: string, us: number, instanceId: string) => ({
      textPayload,
      timestamp: `2025-09-11T10:00:00.${String(us).padStart(6, '0')}Z`,
      logName: 'projects/p/logs/run.googleapis.com%2Fstderr',
      labels: { instanceId },
      resource: { type: 'cloud_run_revision', labels: { service_name: 'backend', revision_name: 'backend-00042-abc' } },
    });
    type Row = { index: number; cluster: string | null; template: string | null; skipped?: string };
    const rowsOf = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l) as Row);

    // gcloud's export: a JSON array, newest first, another instance's lines in between, plus one
    // element that is not a LogEntry; and the same traceback as one entry.
    function writeFiles() {
      const split = traceback.map((t, i) => entry(t, 100 + i * 10, '00c527f6d4'));
      const other = [0, 1, 2, 3].map((i) => entry(`GET /items/${i} took ${i}ms`, 105 + i * 20, '00d93a10be'));
      const newestFirst = [...split, ...other].sort((a, b) => b.timestamp.localeCompare(a.timestamp));
      const file = join(dir, 'split-traceback.json');
      writeFileSync(file, JSON.stringify([...newestFirst, 'not an entry'], null, 2));
      const whole = join(dir, 'whole-traceback.jsonl');
      writeFileSync(whole, JSON.stringify(entry(traceback.join('\n'), 100, '00c527f6d4')));
      return { file, whole, newestFirst };
    }

    it('gives every line the cluster of the whole traceback, newest first with another instance in between', async () => {
      const { file, whole, newestFirst } = writeFiles();

      const rows = rowsOf((await run(['classify', file])).stdout);
      const [one] = rowsOf((await run(['classify', whole])).stdout);
      expect(rows.map((r) => r.index)).toEqual([...Array(newestFirst.length + 1).keys()]);
      const traceRows = rows.filter((_, i) => newestFirst[i] && traceback.includes(newestFirst[i]!.textPayload));
      expect(traceRows).toHaveLength(traceback.length);
      expect(new Set(traceRows.map((r) => r.cluster))).toEqual(new Set([one!.cluster]));
      expect(traceRows.every((r) => r.template === one!.template)).toBe(true);
      const otherRows = rows.filter((_, i) => newestFirst[i] && !traceback.includes(newestFirst[i]!.textPayload));
      expect(otherRows.every((r) => r.cluster !== one!.cluster)).toBe(true);
      expect(rows[rows.length - 1]!.skipped).toBe('not a LogEntry object');
    });

    it('is one problem, seen once, in a sweep', async () => {
      const { file, whole } = writeFiles();
      const [one] = rowsOf((await run(['classify', whole])).stdout);
      const swept = await run(['sweep', '--logs-file', file, '--dry-run', '--json', '--now', '2025-09-11T11:00:00Z', '--window', '2h']);
      expect(swept.code).toBe(0);
      const report = JSON.parse(swept.stdout) as RunReport;
      expect(report.clusters.map((c) => [c.id, c.count, c.severity])).toEqual([[one!.cluster, 1, 'ERROR']]);
    });

    it('joins a traceback in plain lines as well', async () => {
      const file = join(dir, 'traceback.txt');
      writeFileSync(file, ['INFO: starting', ...traceback, 'INFO: next request'].join('\n'));
      const whole = join(dir, 'whole-traceback-2.jsonl');
      writeFileSync(whole, JSON.stringify({ textPayload: traceback.join('\n'), timestamp: '1970-01-01T00:00:00Z' }));
      const rows = rowsOf((await run(['classify', '--format', 'lines', file])).stdout);
      const [one] = rowsOf((await run(['classify', whole])).stdout);
      expect(rows).toHaveLength(traceback.length + 2);
      expect(new Set(rows.slice(1, -1).map((r) => r.cluster))).toEqual(new Set([one!.cluster]));
      expect(rows[0]!.cluster).not.toBe(one!.cluster);
    });
  });
});

describe('bad usage and hostile input', () => {
  it.each([
    [['frobnicate'], /unknown command/],
    [['sweep', '--bogus'], /bogus/],
    [['sweep', '--logs-file', EXAMPLE, '--dry-run', '--window', 'forever'], /window/],
    [['sweep', '--logs-file', EXAMPLE, '--dry-run', '--now', 'yesterday'], /now/],
    [['sweep', '--logs-file', EXAMPLE, '--dry-run', '--service', 'Not A Service'], /service/],
    [['sweep', '--logs-file', 'no/such/file.jsonl', '--dry-run'], /no such file/],
    [['sweep', '--logs-file', EXAMPLE, '--dry-run', '--config', 'no/such/config.yaml'], /config/],
    [['sweep', '--logs-file', EXAMPLE], /GITHUB_REPOSITORY/],
    [['classify'], /FILE/],
    [['classify', '--format', 'xml', EXAMPLE], /format/],
  ])('%j exits 2 with a one-line reason', async (args, reason) => {
    const out = await run(args as string[], {});
    expect(out.code).toBe(2);
    const lines = out.stderr.trim().split('\n');
    expect(lines[0]).toMatch(reason);
    expect(out.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('names the bad key of a config file', async () => {
    const config = join(dir, 'bad.yaml');
    writeFileSync(config, readFileSync('config/gardener.yaml', 'utf8').replace('maxCreatesPerRun: 5', 'maxCreatesPerRun: lots'));
    const out = await run(['sweep', '--logs-file', EXAMPLE, '--dry-run', '--config', config], {});
    expect(out.code).toBe(2);
    expect(out.stderr.trim()).toMatch(/^log-gardener: github\.maxCreatesPerRun: /);
  });

  it('skips and counts hostile entries without crashing', async () => {
    const file = join(dir, 'hostile.jsonl');
    const deep = '{"a":'.repeat(200) + '1' + '}'.repeat(200);
    const lines = [
      '{"timestamp":"2025-09-11T10:00:00Z","severity":"ERROR","textPayload":"ok one","resource":{"labels":{"service_name":"netra-backend-staging"}}}',
      '{broken',
      '\u0000\u0000{"nul": true}',
      `{"timestamp":"2025-09-11T10:00:00Z","severity":"ERROR","jsonPayload":${deep},"resource":{"labels":{"service_name":"netra-backend-staging"}}}`,
      `{"timestamp":"2025-09-11T10:00:01Z","severity":"ERROR","textPayload":"${'a'.repeat(1 << 20)}!","resource":{"labels":{"service_name":"netra-backend-staging"}}}`,
      `{"timestamp":"2025-09-11T10:00:02Z","severity":"ERROR","textPayload":"${'@'.repeat(50000)}${'='.repeat(50000)}","resource":{"labels":{"service_name":"netra-backend-staging"}}}`,
      '{"severity":"ERROR","textPayload":"no time"}',
    ];
    writeFileSync(file, lines.join('\n'));
    const out = await run(['sweep', '--logs-file', file, '--dry-run', '--json', '--now', NOW, '--window', '24h']);
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout) as RunReport;
    expect(report.entries.skipped).toBeGreaterThanOrEqual(3);
    expect(report.entries.read).toBeGreaterThanOrEqual(1);
    expect(out.stdout.length).toBeLessThan(200_000);
  });
});
