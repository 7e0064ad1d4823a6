// One request's records joined by its trace id, through the real file source, sweep and `classify`. A
// FastAPI service logs through OpenTelemetry's logging instrumentation (its default format puts
// `trace_id=… span_id=…` in every record, uvicorn's access log included: the ASGI middleware's send span
// is the request's trace), on stderr. Two requests fail on one instance at once: the quote handler logs
// its error, retries its partner for 2.4 s, and answers 500; the stock handler's error is written a
// millisecond before the quote's access line, and its own access line two after. Each access line is
// its own request's record: it counts under its request's error, not under the error written nearest
// to it. Cloud Run's request log of the same requests (same trace, no instance) stays its own problem.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadSettings } from '../../../src/config/load-settings.js';
import { classifyFile } from '../../../src/entry/classify-file.js';
import { createFileSource } from '../../../src/source/log-file.js';
import { runSweep } from '../../../src/sweep.js';

const START = Date.parse('2026-12-05T10:00:00Z');
const INSTANCE = '00bf4bf02d0e7c1aa3c2e95b1d7f4a60e8c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6';
const resource = { type: 'cloud_run_revision', labels: { service_name: 'quotes', revision_name: 'quotes-00007-kex', location: 'europe-west1', project_id: 'shop-prod' } };
const stderr = 'projects/shop-prod/logs/run.googleapis.com%2Fstderr';
const requests = 'projects/shop-prod/logs/run.googleapis.com%2Frequests';

const iso = (ms: number): string => new Date(ms).toISOString();
/** Python logging's asctime: `2026-12-05 10:00:02,400`. */
const asctime = (ms: number): string => iso(ms).replace('T', ' ').replace('.', ',').slice(0, 23);
/** Hex digits drawn from `n` (a trace or span id of its own for each n). */
const hex = (n: number, width: number): string =>
  [2654435761, 2246822519, 3266489917, 668265263].map((m) => (Math.imul(n, m) >>> 0).toString(16).padStart(8, '0')).join('').slice(0, width);

interface Written { insertId: string; [key: string]: unknown }

/** A record in the instrumentation's default format (opentelemetry-instrumentation-logging's DEFAULT_LOGGING_FORMAT). */
function record(id: string, ms: number, level: string, logger: string, where: string, trace: string, span: number, message: string): Written {
  return {
    insertId: id, timestamp: iso(ms), logName: stderr, resource, labels: { instanceId: INSTANCE },
    textPayload: `${asctime(ms)} ${level} [${logger}] [${where}] [trace_id=${trace} span_id=${hex(span, 16)} resource.service.name=quotes trace_sampled=True] - ${message}`,
  };
}

/** Cloud Run's request log of a request: no instance wrote it, its trace in the entry. */
function requestLog(id: string, ms: number, method: string, path: string, trace: string): Written {
  return {
    insertId: id, timestamp: iso(ms), logName: requests, resource, severity: 'ERROR', trace: `projects/shop-prod/traces/${trace}`,
    httpRequest: { requestMethod: method, requestUrl: `https://quotes-kq3h2x7ufa-ew.a.run.app${path}`, status: 500, latency: '2.41s' },
  };
}

function entries(): Written[] {
  const out: Written[] = [];
  for (let i = 0; i < 12; i++) {
    const t = START + i * 7 * 60_000;
    const [quote, stock] = [hex(2 * i + 1, 32), hex(2 * i + 2, 32)];
    out.push(record(`qe${i}`, t, 'ERROR', 'app.quotes', 'quotes.py:88', quote, 10 * i + 1, `quote for cart ${1000 + i} failed: partner answered 503, retrying`));
    out.push(record(`se${i}`, t + 2_399, 'ERROR', 'app.stock', 'stock.py:41', stock, 10 * i + 2, `stock lookup for SKU-${200 + i} failed: connection reset by peer`));
    out.push(record(`qa${i}`, t + 2_400, 'INFO', 'uvicorn.access', 'h11_impl.py:477', quote, 10 * i + 3, '169.254.1.1:0 - "POST /api/quote HTTP/1.1" 500'));
    out.push(record(`sa${i}`, t + 2_402, 'INFO', 'uvicorn.access', 'h11_impl.py:477', stock, 10 * i + 4, `169.254.1.1:0 - "GET /api/stock/SKU-${200 + i} HTTP/1.1" 500`));
    out.push(requestLog(`qr${i}`, t + 2_401, 'POST', '/api/quote', quote));
  }
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'request-trace-'));
const file = join(dir, 'day.jsonl');
writeFileSync(file, `${entries().map((e) => JSON.stringify(e)).join('\n')}\n`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a request's access line written seconds after its error", () => {
  it("is counted under its own request's error by the sweep, not under the error written beside it", async () => {
    const settings = loadSettings('{}', {}).settings;
    const { report } = await runSweep(
      { source: createFileSource(file), store: null, logger: pino({ level: 'silent' }) },
      { runId: 'request-trace', window: { start: START - 3_600_000, end: START + 86_400_000 }, services: [], dryRun: true, settings },
    );
    const clusters = report.clusters.map((c) => ({ template: c.template, count: c.count, severity: c.severity }));
    expect(clusters.find((c) => c.template.includes('quote for cart'))).toMatchObject({ count: 24, severity: 'ERROR' });
    expect(clusters.find((c) => c.template.includes('stock lookup for'))).toMatchObject({ count: 24, severity: 'ERROR' });
    // Cloud Run's request log is the platform's record of the request: a problem of its own, its 12 entries.
    expect(clusters.find((c) => c.template.endsWith(' 500'))).toMatchObject({ count: 12 });
    expect(clusters).toHaveLength(3);
  });

  it("gets its request's error's cluster from classify, as the sweep files it", async () => {
    const lines: Array<{ index: number; cluster: string }> = [];
    await classifyFile(file, 'gcp', (line) => lines.push(JSON.parse(line) as { index: number; cluster: string }));
    const all = entries();
    const clusterOf = (prefix: string): Set<string> => new Set(lines.filter((l) => all[l.index]!.insertId.startsWith(prefix)).map((l) => l.cluster));
    expect(clusterOf('qa')).toEqual(clusterOf('qe'));
    expect(clusterOf('sa')).toEqual(clusterOf('se'));
    expect(clusterOf('qe').size).toBe(1);
    expect(clusterOf('qe')).not.toEqual(clusterOf('se'));
    expect(clusterOf('qr').size).toBe(1);
    expect([...clusterOf('qr')][0]).not.toBe([...clusterOf('qe')][0]);
  });
});
