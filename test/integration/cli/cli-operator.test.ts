// The CLI as an operator meets it on a bad day: foreign and mismatched input, no credentials, a preview
// of what would land on GitHub. Each answer is one line that says what is wrong and what to do.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { main } from '../../../src/entry/cli.js';
import type { RunReport } from '../../../src/report/run-report.js';
import { Capture } from '../../support/capture.js';

const EXAMPLE = 'examples/cloud-run-backend-day.jsonl';
const EXAMPLE_CONFIG = 'config/examples/netra-backend-staging.yaml';
const NOW = '2025-09-12T00:00:00Z';
const dir = mkdtempSync(join(tmpdir(), 'cli-operator-'));

async function run(args: string[], env: Record<string, string> = {}) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(args, env, { stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('input that is not a Cloud Logging export', () => {
  it.each([
    ['a README', () => writeFileSync(join(dir, 'README.md'), '# My service\n\nSome text.\n'), 'README.md', /README\.md is not a Cloud Logging export: it starts with "# My service"/],
    ['a gzip', () => writeFileSync(join(dir, 'logs.json.gz'), gzipSync('[{"timestamp":"2025-09-11T00:00:00Z"}]')), 'logs.json.gz', /logs\.json\.gz is gzip-compressed: decompress it first/],
  ])('%s: sweep and classify exit 2 with a one-line reason', async (_name, write, file, reason) => {
    write();
    for (const args of [['sweep', '--dry-run', '--logs-file', join(dir, file)], ['classify', join(dir, file)]]) {
      const out = await run(args);
      expect(out.code).toBe(2);
      expect(out.stderr.trim().split('\n')).toHaveLength(1);
      expect(out.stderr).toMatch(reason);
      expect(out.stdout).toBe('');
    }
  });
});

describe('zero entries read says why', () => {
  it('the window misses the file: both spans are shown', async () => {
    const out = await run(['sweep', '--logs-file', EXAMPLE, '--dry-run', '--json', '--now', '2025-10-01T00:00:00Z', '--window', '6h']);
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout) as RunReport;
    expect(report.source.nothingRead).toMatch(/window 2025-09-30T18:00:00Z to 2025-10-01T00:00:00Z does not overlap the file's entries \(2025-09-11T00:00:\d\d(\.\d+)?Z to 2025-09-11T23:59:\d\d(\.\d+)?Z\)/);
    expect(out.stderr.split('\n')[0]).toBe(`log-gardener: ${report.source.nothingRead}`);
  });

  it('no entry of the named service: the services seen are listed, in the worklog too', async () => {
    const out = await run(['sweep', '--logs-file', EXAMPLE, '--dry-run', '--now', NOW, '--window', '24h', '--service', 'checkout']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/## Executive summary\n\nNo entries read: no entry of service checkout; services seen: netra-backend-staging \(\d+\)\./);
  });

  it('every line malformed', async () => {
    const file = join(dir, 'broken.jsonl');
    writeFileSync(file, '{"timestamp": \n{nope}\n{"a": [}\n');
    const out = await run(['sweep', '--logs-file', file, '--dry-run', '--json', '--now', NOW]);
    expect(out.code).toBe(0);
    expect((JSON.parse(out.stdout) as RunReport).source.nothingRead).toBe('No entries read: every one of the 3 entries was unreadable (3 malformed JSON).');
  });
});

describe('a sweep that fails', () => {
  it('opens its stderr summary and its worklog with the failure and the fix', async () => {
    // No credentials anywhere: an empty home, no key file, no metadata server (Google's auth library
    // reads these from the process environment).
    const saved = { ...process.env };
    Object.assign(process.env, { HOME: dir, METADATA_SERVER_DETECTION: 'none' });
    delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
    const out = await run(['sweep', '--dry-run', '--window', '1h'], { GOOGLE_CLOUD_PROJECT: 'demo' });
    process.env = saved;
    expect(out.code).toBe(1);
    const lines = out.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^log-gardener: sweep failed: source: /);
    expect(lines[1]).toMatch(/^log-gardener: fix: .*gcloud auth application-default login/);
    expect(out.stdout.slice(0, out.stdout.indexOf('## Executive summary'))).toMatch(/## Run failed\n\n- \*\*Failed:\*\* `source`: [^\n]+\n- \*\*Fix:\*\* [^\n]*gcloud auth application-default login/);
    expect(out.stdout).not.toContain('No problem crossed the thresholds');
  });
});

describe('--preview DIR', () => {
  it('writes one file per planned create, the title and the body as they would be sent, named in the worklog', async () => {
    const preview = join(dir, 'preview');
    const out = await run(['sweep', '--config', EXAMPLE_CONFIG, '--logs-file', EXAMPLE, '--dry-run', '--json', '--now', NOW, '--window', '24h', '--preview', preview, '--worklog', join(dir, 'w.md')]);
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout) as RunReport;
    const creates = report.actions.filter((a) => a.kind === 'create');
    const files = readdirSync(preview).sort();
    expect(files).toHaveLength(creates.length);
    files.forEach((file, i) => {
      const text = readFileSync(join(preview, file), 'utf8');
      expect(text.startsWith(`# ${creates[i]!.title}\n\n`)).toBe(true);
      expect(text).toContain('<!-- log-gardener:state');
      expect(file).toMatch(/^\d\d-create-new-gcp-/);
    });
    const worklog = readFileSync(join(dir, 'w.md'), 'utf8');
    for (const a of creates) expect(worklog).toContain(`\`${a.title}\``);
  });

  it('links each issue to the Logs Explorer in the project the file came from (no project configured)', async () => {
    const preview = join(dir, 'preview-project');
    const out = await run(['sweep', '--logs-file', EXAMPLE, '--dry-run', '--now', NOW, '--window', '24h', '--preview', preview]);
    expect(out.code).toBe(0);
    for (const file of readdirSync(preview)) {
      const links = readFileSync(join(preview, file), 'utf8').match(/https:\/\/console\.cloud\.google\.com\/logs\/query[^)\s]*/g) ?? [];
      expect(links.length).toBeGreaterThan(0);
      for (const link of links) expect(link).toMatch(/\?project=netra-staging$/);
    }
  });

  it('is refused without --dry-run', async () => {
    const out = await run(['sweep', '--logs-file', EXAMPLE, '--preview', join(dir, 'p2')]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/--preview: needs --dry-run/);
  });
});

describe('the log level', () => {
  it('an unknown LOG_LEVEL is a named config mistake (exit 2), not a crash', async () => {
    const out = await run(['sweep', '--logs-file', EXAMPLE, '--dry-run'], { LOG_LEVEL: 'chatty' });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^log-gardener: logLevel: "chatty" is not allowed: use one of fatal, error, warn, info, debug, trace, silent\n$/);
  });

  it("the config's logLevel sets the CLI's own logs (on stderr)", async () => {
    const config = join(dir, 'debug.yaml');
    writeFileSync(config, 'logLevel: info\n');
    const quiet = await run(['sweep', '--logs-file', EXAMPLE, '--dry-run', '--json', '--now', NOW, '--window', '1h']);
    const chatty = await run(['sweep', '--config', config, '--logs-file', EXAMPLE, '--dry-run', '--json', '--now', NOW, '--window', '1h']);
    expect(quiet.stderr).not.toMatch(/"severity":"INFO"/);
    expect(chatty.stderr).toMatch(/"severity":"INFO"[^\n]*"message":"sweep started"/);
  });
});

describe('help and version', () => {
  it.each([
    [['--version'], /^\d+\.\d+\.\d+\n$/],
    [['--help'], /log-gardener sweep[\s\S]*log-gardener classify/],
    [['sweep', '--help'], /--preview DIR[\s\S]*--logs-file FILE/],
    [['classify', '--help'], /--format gcp\|lines[\s\S]*--config FILE/],
  ])('%j prints to stdout and exits 0', async (args, text) => {
    const out = await run(args as string[]);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(text);
    expect(out.stderr).toBe('');
  });
});

describe('classify --config', () => {
  it('shows the verdict of the rule that names a problem, and validates the file', async () => {
    const out = await run(['classify', '--config', EXAMPLE_CONFIG, EXAMPLE]);
    expect(out.code).toBe(0);
    const rows = out.stdout.trim().split('\n').map((l) => JSON.parse(l) as { rule?: { shortName?: string } });
    expect(rows.some((r) => r.rule?.shortName === 'websocket-startup-race-condition')).toBe(true);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'windw: 6h\n');
    const refused = await run(['classify', '--config', bad, EXAMPLE]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/windw/);
  });
});
