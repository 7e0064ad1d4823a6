// The installed command as a shell runs it (bin/log-gardener.js on the built code): standard input
// for `-`, a pipe closed early by `head`, the version. `npm test` builds before it runs the tests.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const BIN = 'bin/log-gardener.js';
const EXAMPLE = 'examples/cloud-run-backend-day.jsonl';

function sh(command: string, input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.stdin.on('error', () => undefined); // a command that exits before reading all its input
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

beforeAll(() => {
  if (!existsSync('dist/src/entry/cli.js')) throw new Error('build first: npm run build');
});

describe('bin/log-gardener.js', () => {
  it('--version prints the package version', async () => {
    const out = await sh(`node ${BIN} --version`);
    expect(out).toEqual({ code: 0, stdout: `${(JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version}\n`, stderr: '' });
  });

  it('classify FILE | head ends quietly', async () => {
    const out = await sh(`node ${BIN} classify ${EXAMPLE} | head -n 2; echo "exit $?"`);
    expect(out.stdout.trim().split('\n')).toHaveLength(3);
    expect(out.stdout).toMatch(/exit 0\n$/);
    expect(out.stderr).toBe('');
  });

  it('classify - and sweep --logs-file - read standard input', async () => {
    const text = readFileSync(EXAMPLE, 'utf8');
    const fromFile = await sh(`node ${BIN} classify ${EXAMPLE}`);
    const fromStdin = await sh(`node ${BIN} classify -`, text);
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
    const swept = await sh(`node ${BIN} sweep --logs-file - --dry-run --json --now 2025-09-12T00:00:00Z --window 24h`, text);
    expect(swept.code).toBe(0);
    const report = JSON.parse(swept.stdout) as { entries: { read: number }; source: { description: string } };
    expect(report.entries.read).toBeGreaterThan(500);
    expect(report.source.description).toBe('standard input');
    // Three processes in a row: the suite's 30 s guard against a hang is too tight on a busy machine.
  }, 120_000);

  it('a README on standard input exits 2 with one line', async () => {
    const out = await sh(`node ${BIN} classify -`, '# Title\n\ntext\n');
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^log-gardener: standard input is not a Cloud Logging export[^\n]*\n$/);
  });
});
