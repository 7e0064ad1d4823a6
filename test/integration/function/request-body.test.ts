// The function as Cloud Functions runs it: the Functions Framework's own command serving the built
// code, real HTTP requests. A malformed JSON body is a JSON 400 and a body over the limit a JSON 413,
// each with a one-line reason, and neither runs a sweep (nothing reaches Cloud Logging).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { startLoggingServer, type LoggingServer } from '../servers/logging/server.js';
import { spread } from '../logging/entries.js';

const NOW = '2025-09-12T00:00:00Z';
let logging: LoggingServer;
let framework: ChildProcess;
let base: string;
let logLines: string[];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

beforeAll(async () => {
  if (!existsSync('dist/src/entry/function.js')) throw new Error('build first: npm run build');
  logging = await startLoggingServer();
  logging.seed(spread(10, '2025-09-11T20:00:00Z', 3_600_000, { service: 'netra-backend-staging', text: 'Session access failed' }));
  const port = await freePort();
  framework = spawn(
    process.execPath,
    ['node_modules/@google-cloud/functions-framework/build/src/main.js', '--source=dist/src/entry/function.js', '--target=logGardener', `--port=${port}`],
    { env: { PATH: process.env.PATH ?? '', GOOGLE_CLOUD_PROJECT: 'demo', LOGGING_EMULATOR_HOST: logging.address, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  logLines = [];
  const lines = createInterface({ input: framework.stdout! });
  await new Promise<void>((resolve, reject) => {
    framework.once('exit', (code) => reject(new Error(`functions-framework exited with ${code}`)));
    lines.on('line', (line) => {
      logLines.push(line);
      if (line.startsWith('URL: ')) resolve();
    });
  });
  base = `http://127.0.0.1:${port}/`;
});

afterAll(async () => {
  framework.kill('SIGTERM');
  await logging.stop();
});

beforeEach(() => void logging.requests.splice(0));

async function post(body: BodyInit, headers: Record<string, string> = { 'content-type': 'application/json' }, query = '') {
  const response = await fetch(`${base}${query}`, { method: 'POST', headers, body, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit);
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

/** A JSON answer whose only key is a one-line `error`, with no trace of a stack or of the body sent. */
function expectRefusal(answer: { status: number; type: string | null; text: string }, status: number, reason: RegExp): void {
  expect(answer.status).toBe(status);
  expect(answer.type).toMatch(/^application\/json/);
  const json = JSON.parse(answer.text) as Record<string, unknown>;
  expect(Object.keys(json)).toEqual(['error']);
  expect(json.error).toMatch(reason);
  expect(json.error).not.toMatch(/\n|\bat \S+ \(|node_modules|SyntaxError/);
  expect(logging.requests).toEqual([]);
}

describe('request bodies the function refuses (functions-framework command, real HTTP)', () => {
  test('a sweep runs on a well-formed body: the refusals below are not the only answer', async () => {
    const answer = await post(JSON.stringify({ window: '6h', dryRun: true, now: NOW }));
    expect(answer.status).toBe(200);
    expect((JSON.parse(answer.text) as { entries: { read: number } }).entries.read).toBe(10);
    expect(logging.requests.length).toBeGreaterThan(0);
  });

  test.each([
    ['a truncated object', '{"window": "6h", "dryRun": tru'],
    ['a quote missing', '{"window": "6h}'],
    ['a bare word', 'password=hunter2'],
    ['a JSON string, not an object or array', '"6h"'],
  ])('400 in JSON for a malformed body (%s), without echoing it', async (_name, body) => {
    const answer = await post(body);
    expectRefusal(answer, 400, /^the body is not valid JSON/);
    expect(answer.text).not.toContain('hunter2');
  });

  test('413 in JSON for a body over 64 KiB, valid JSON or not, with its length declared', async () => {
    const padded = JSON.stringify({ window: '6h', dryRun: true, now: NOW, pad: 'x'.repeat(70 * 1024) });
    expectRefusal(await post(padded), 413, /larger than 64 KiB/);
    expectRefusal(await post(`{"pad": "${'y'.repeat(100 * 1024)}`), 413, /larger than 64 KiB/);
  });

  test('413 for a 40 MB body, answered before it is parsed', async () => {
    expectRefusal(await post(Buffer.alloc(40 * 1024 * 1024, 'a')), 413, /larger than 64 KiB/);
  });

  test('413 for a body over 64 KiB sent in chunks, with no length declared', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(16 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 6) controller.enqueue(chunk);
        else controller.close();
      },
    });
    expectRefusal(await post(stream, { 'content-type': 'text/plain' }), 413, /larger than 64 KiB/);
  });

  test('415 in JSON for a charset the parser cannot read', async () => {
    expectRefusal(await post('{}', { 'content-type': 'application/json; charset=x-unknown' }), 415, /UTF-8/);
  });

  test('each refusal is one warning line in the function log', () => {
    const warnings = logLines.filter((l) => l.includes('request refused'));
    expect(warnings.length).toBeGreaterThan(0);
    for (const line of warnings) expect(JSON.parse(line)).toMatchObject({ severity: 'WARNING' });
  });
});
