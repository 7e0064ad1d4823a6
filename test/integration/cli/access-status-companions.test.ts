// An access line for a request answered 5xx, written by uvicorn at its INFO level a few milliseconds
// after the traceback the same instance printed for that request, is the error's request: `classify`
// gives it the error's cluster, through the real file source, and the sweep, which reads it at ERROR
// (its status), counts it on the error's problem. A 503 line written beside no error is the only word
// of that failure: a problem of its own. A 200 line stays chatter.
import { pino } from 'pino';
import { loadSettings } from '../../../src/config/load-settings.js';
import { createFileSource } from '../../../src/source/log-file.js';
import { runSweep } from '../../../src/sweep.js';
import { clustersByInsertId, dayFiles } from './classified-ids.js';

const START = Date.parse('2026-12-05T10:00:00Z');
const resource = { type: 'cloud_run_revision', labels: { service_name: 'quotes', revision_name: 'quotes-00041-exw', location: 'europe-west1', project_id: 'shop-prod' } };
const stdout = 'projects/shop-prod/logs/run.googleapis.com%2Fstdout';
const stderr = 'projects/shop-prod/logs/run.googleapis.com%2Fstderr';
const iso = (ms: number): string => new Date(ms).toISOString();

const TRACEBACK = [
  'ERROR:    Exception in ASGI application',
  'Traceback (most recent call last):',
  '  File "/usr/local/lib/python3.12/site-packages/uvicorn/protocols/http/httptools_impl.py", line 409, in run_asgi',
  '    result = await app(  # type: ignore[func-returns-value]',
  '  File "/app/app/quotes.py", line 57, in get_quote',
  '    return PartnerQuote.model_validate(payload)',
  'pydantic_core._pydantic_core.ValidationError: 1 validation error for PartnerQuote',
  'price',
  '  Input should be a valid number [type=float_type, input_value=None, input_type=NoneType]',
].join('\n');

function entries(): object[] {
  const out: object[] = [];
  for (let i = 0; i < 10; i++) {
    const t = START + i * 11 * 60_000;
    const labels = { instanceId: `00a1b2c3d4e5f6${i % 2}` };
    out.push({ insertId: `e${i}`, timestamp: iso(t), logName: stderr, resource, labels, textPayload: TRACEBACK });
    out.push({ insertId: `a${i}`, timestamp: iso(t + 2), logName: stdout, resource, labels,
      textPayload: `INFO:     169.254.169.126:${40000 + i} - "GET /quotes/SKU-${7000 + i} HTTP/1.1" 500 Internal Server Error` });
    out.push({ insertId: `ok${i}`, timestamp: iso(t + 3), logName: stdout, resource, labels,
      textPayload: `INFO:     169.254.169.126:${50000 + i} - "GET /reports/latam HTTP/1.1" 200 OK` });
    out.push({ insertId: `u${i}`, timestamp: iso(t + 300_000), logName: stdout, resource, labels,
      textPayload: `INFO:     169.254.169.126:${60000 + i} - "GET /quotes/SKU-${8000 + i} HTTP/1.1" 503 Service Unavailable` });
  }
  return out;
}

const write = dayFiles('access-status-');
const file = write('day.jsonl', entries());

describe('an access line for a request answered 5xx beside the error', () => {
  it('gets the error\'s cluster from classify; lines beside no error keep their own', async () => {
    const clusterOf = await clustersByInsertId(file, entries() as Array<{ insertId: string }>);
    const error = clusterOf(/^e/);
    expect(error.size).toBe(1);
    expect(clusterOf(/^a/)).toEqual(error);
    expect(clusterOf(/^ok/).size).toBe(1);
    expect(clusterOf(/^u/).size).toBe(1);
    expect([...clusterOf(/^ok/)][0]).not.toBe([...error][0]);
    expect([...clusterOf(/^u/)][0]).not.toBe([...error][0]);
  });

  it('counts the access lines on the error they were written beside; the 503s beside none are a problem of their own', async () => {
    const settings = loadSettings('{}', {}).settings;
    const { report } = await runSweep(
      { source: createFileSource(file), store: null, logger: pino({ level: 'silent' }) },
      { runId: 'access-status', window: { start: START - 3_600_000, end: START + 86_400_000 }, services: [], dryRun: true, settings },
    );
    expect(report.clusters.map((c) => ({ count: c.count, severity: c.severity }))).toEqual([{ count: 20, severity: 'ERROR' }, { count: 10, severity: 'ERROR' }]);
    expect(report.clusters[0]!.template).toContain('ValidationError');
    // The 503s read as their request's log, one problem whatever the id in the path.
    expect(report.clusters[1]!.template).toBe('GET /quotes/<ID> 503');
    expect(report.clusters[1]!.severitySource).toBe('text');
  });
});

// nestjs-pino: Nest's ExceptionsHandler logs the error at level 50 with `err`, then pino-http closes the
// request with its INFO `request errored` over the error it makes up (`failed with status code 500`,
// pino-http's own stack), the same for every failure (iamolegga/nestjs-pino#416, pinojs/pino-http#365).
// Each goes with the error its request failed with, not with one another.
const NEST_ERRORS: ReadonlyArray<[string, string]> = [
  ['/orders', 'error: duplicate key value violates unique constraint "orders_idempotency_key_key"\n    at /app/node_modules/pg/lib/client.js:535:17\n    at async OrdersService.create (/app/dist/src/orders/orders.service.js:58:11)'],
  ['/quotes', "TypeError: Cannot read properties of undefined (reading 'currency')\n    at QuotesService.price (/app/dist/src/quotes/quotes.service.js:31:42)\n    at async QuotesController.create (/app/dist/src/quotes/quotes.controller.js:22:20)"],
];
const STAND_IN = 'Error: failed with status code 500\n    at onResFinished (/app/node_modules/pino-http/logger.js:115:39)\n    at ServerResponse.onResponseComplete (/app/node_modules/pino-http/logger.js:178:14)\n    at ServerResponse.emit (node:events:530:35)';

function nestEntries(level = 30): Array<{ insertId: string }> {
  const out: Array<{ insertId: string }> = [];
  for (let i = 0; i < 12; i++) {
    const t = START + i * 7 * 60_000;
    const labels = { instanceId: `00f1e2d3c4b5a6${i % 2}` };
    const [url, stack] = NEST_ERRORS[i % 2]!;
    const req = { id: 100 + i, method: 'POST', url, headers: { host: 'orders.example' } };
    const message = stack.slice(stack.indexOf(': ') + 2, stack.indexOf('\n'));
    out.push({ insertId: `e${i % 2}-${i}`, timestamp: iso(t), logName: stdout, resource, labels,
      jsonPayload: { level: 50, time: t, pid: 1, hostname: 'localhost', req, context: 'ExceptionsHandler', err: { type: 'Error', message, stack }, msg: message } } as never);
    out.push({ insertId: `r${i % 2}-${i}`, timestamp: iso(t + 1), logName: stdout, resource, labels,
      jsonPayload: { level, time: t + 1, pid: 1, hostname: 'localhost', req, res: { statusCode: 500 }, err: { type: 'Error', message: 'failed with status code 500', stack: STAND_IN }, responseTime: 40, msg: 'request errored' } } as never);
    out.push({ insertId: `ok-${i}`, timestamp: iso(t + 90_000), logName: stdout, resource, labels,
      jsonPayload: { level: 30, time: t + 90_000, pid: 1, hostname: 'localhost', req, res: { statusCode: 201 }, responseTime: 12, msg: 'request completed' } } as never);
  }
  return out;
}

const nestFile = write('nest.jsonl', nestEntries());
// pino-http's README logs a 5xx at `error` (customLogLevel): the sweep reads the record then.
const nestErrorLevelFile = write('nest-error-level.jsonl', nestEntries(50));

describe("pino-http's `request errored` beside the error Nest logged", () => {
  it('gets the cluster of the error its request failed with', async () => {
    const clusterOf = await clustersByInsertId(nestFile, nestEntries());
    const [first, second] = [clusterOf(/^e0-/), clusterOf(/^e1-/)];
    expect(first.size).toBe(1);
    expect(second.size).toBe(1);
    expect(first).not.toEqual(second);
    expect(clusterOf(/^r0-/)).toEqual(first);
    expect(clusterOf(/^r1-/)).toEqual(second);
    expect(clusterOf(/^ok-/).size).toBe(1);
    expect(clusterOf(/^ok-/)).not.toEqual(first);
  });
});

describe.each([['ERROR (customLogLevel)', nestErrorLevelFile]])("pino-http's `request errored` at %s beside the error Nest logged", (_level, file) => {
  it('is counted under the error its request failed with: two problems filed, not a third for the 500s', async () => {
    const settings = loadSettings('{}', {}).settings;
    const { report } = await runSweep(
      { source: createFileSource(file), store: null, logger: pino({ level: 'silent' }) },
      { runId: 'pino-http-errored', window: { start: START - 3_600_000, end: START + 86_400_000 }, services: [], dryRun: true, settings },
    );
    const clusters = report.clusters.map((c) => ({ count: c.count, severity: c.severity, template: c.template })).sort((a, b) => a.template.localeCompare(b.template));
    expect(clusters).toHaveLength(2);
    expect(clusters.map((c) => c.count)).toEqual([12, 12]);
    expect(clusters.every((c) => !c.template.includes('request errored'))).toBe(true);
  });
});

// gunicorn's access log (`--access-logfile -`, its default combined format) and gin's Logger write one
// template for every request, whatever its status: the lines of requests that did not fail, written
// beside no error, are most of that template. The 500s still go each with the error written beside
// it, the failure of its own request, and the 200s stay chatter.
const ACCESS_ERRORS: ReadonlyArray<[string, (i: number) => string]> = [
  ['gunicorn', () => '[2026-12-05 10:00:00 +0000] [12] [ERROR] Error handling request /reports\nTraceback (most recent call last):\n  File "/app/reports.py", line 40, in revenue\n    rows = client.query(sql).result()\ngoogle.api_core.exceptions.NotFound: 404 Not found: Table shop:sales.daily was not found in location EU'],
  ['gunicorn', () => '[2026-12-05 10:00:00 +0000] [12] [ERROR] Error handling request /map\nTraceback (most recent call last):\n  File "/app/map.py", line 18, in regions\n    df = frame["region"]\nKeyError: \'region\''],
];
const gunicornLine = (path: string, status: number, i: number): string =>
  `169.254.169.126 - - [05/Dec/2026:10:${String(i % 60).padStart(2, '0')}:00 +0000] "POST ${path} HTTP/1.1" ${status} ${200 + i} "https://shop.example${path}" "Mozilla/5.0 (X11; Linux x86_64)"`;

function accessEntries(): Array<{ insertId: string }> {
  const out: Array<{ insertId: string }> = [];
  for (let i = 0; i < 12; i++) {
    const t = START + i * 5 * 60_000;
    const labels = { instanceId: `00c1d2e3f4a5b6${i % 3}` };
    const which = i % 2;
    out.push({ insertId: `e${which}-${i}`, timestamp: iso(t), logName: stderr, resource, labels, textPayload: ACCESS_ERRORS[which]![1](i) } as never);
    out.push({ insertId: `a${which}-${i}`, timestamp: iso(t + 2), logName: stdout, resource, labels, textPayload: gunicornLine(which === 0 ? '/reports' : '/map', 500, i) } as never);
    for (let k = 0; k < 4; k++) {
      out.push({ insertId: `ok-${i}-${k}`, timestamp: iso(t + 60_000 + k * 7_000), logName: stdout, resource, labels, textPayload: gunicornLine(k % 2 ? '/reports' : '/map', 200, i + k) } as never);
    }
  }
  return out;
}
const accessFile = write('access.jsonl', accessEntries());

describe('access lines of one template for every status', () => {
  it('puts each 500 with the error written beside it, and leaves the 200s apart', async () => {
    const clusterOf = await clustersByInsertId(accessFile, accessEntries());
    const [first, second] = [clusterOf(/^e0-/), clusterOf(/^e1-/)];
    expect(first.size).toBe(1);
    expect(second.size).toBe(1);
    expect(first).not.toEqual(second);
    expect(clusterOf(/^a0-/)).toEqual(first);
    expect(clusterOf(/^a1-/)).toEqual(second);
    const ok = clusterOf(/^ok-/);
    expect(ok.size).toBe(1);
    expect(ok).not.toEqual(first);
    expect(ok).not.toEqual(second);
  });
});
