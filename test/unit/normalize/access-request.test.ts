// A server's access line of a request answered 5xx: read at ERROR by its status in every source, and
// as that request's log (`POST /x 502`), one problem per status whatever else the line printed.
import { accessRequest } from '../../../src/normalize/access-request.js';
import { answeredServerError, namedRequest } from '../../../src/normalize/access-status.js';
import { entrySeverityWithSource } from '../../../src/normalize/entry-fields.js';
import { normalizeEntry } from '../../../src/normalize/normalize-entry.js';
import { mayMatter, meetsSeverityFloor } from '../../../src/normalize/severity-floor.js';
import { severityTextPattern } from '../../../src/normalize/text-severity.js';
import type { Entry, RawEntry } from '../../../src/shared/types.js';

const resource = { type: 'cloud_run_revision', labels: { service_name: 'shop' } };
const text = (textPayload: string, extra: Partial<RawEntry> = {}): RawEntry => ({ timestamp: '2026-12-04T10:00:00Z', resource, textPayload, labels: { instanceId: '00ab' }, ...extra });

function entry(raw: RawEntry): Entry {
  const e = normalizeEntry(raw);
  if ('skip' in e) throw new Error(e.skip);
  return e;
}

// As each server documents its default line (and as pasted in reports).
const FAILED: ReadonlyArray<[string, string, string, number]> = [
  // [line, method, path as redacted, status]
  // uvicorn's AccessFormatter after its `INFO:` header
  ['INFO:     169.254.169.126:46735 - "GET /quotes/SKU-77799 HTTP/1.1" 500 Internal Server Error', 'GET', '/quotes/SKU-77799', 500],
  // gunicorn's default access_log_format, Apache's and nginx's combined format
  ['169.254.1.1 - - [12/Dec/2026:02:05:39 +0000] "POST /api/2.0/mlflow/runs/log-batch HTTP/1.1" 500 290 "-" "python-requests/2.32.3"', 'POST', '/api/2.0/mlflow/runs/log-batch', 500],
  ['10.0.0.7 - - [04/Dec/2026:10:00:00 +0000] "GET /admin/export.php?from=2026-3-01 HTTP/1.1" 503 0 "https://shop.example/admin" "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"', 'GET', '/admin/export.php', 503],
  // TorchServe's ACCESS_LOG through log4j2
  ['2026-12-10T10:00:00,123 [INFO ] W-9000-resnet ACCESS_LOG - /169.254.1.1:43122 "POST /predictions/resnet HTTP/1.1" 503 41', 'POST', '/predictions/resnet', 503],
  // ASP.NET Core's Hosting.Diagnostics[2]
  ['info: Microsoft.AspNetCore.Hosting.Diagnostics[2]\n      Request finished HTTP/1.1 GET http://orders.internal/api/orders/42 - 500 0 - 31.2290ms', 'GET', '/api/orders/42', 500],
];

describe('an access line of a request answered 5xx', () => {
  it.each(FAILED)('%s reads as the request\'s log at ERROR, from its text', (line, method, path, status) => {
    const raw = text(line);
    expect(entrySeverityWithSource(raw)).toEqual({ severity: 'ERROR', source: 'text' });
    expect(mayMatter(raw, 'ERROR') && meetsSeverityFloor(raw, 'NOTICE')).toBe(true);
    const e = entry(raw);
    expect(e.kind).toBe('request');
    expect(e.request).toMatchObject({ method, status, accessLine: true });
    expect(e.text).toBe(`${method} ${path} ${status}`);
    // The server-side pattern (Cloud Logging's `=~`, Log Analytics' REGEXP_CONTAINS) lets it through.
    expect(new RegExp(severityTextPattern('ERROR').replace('(?i)', ''), 'i').test(line)).toBe(true);
  });

  it('names the path without its query, the ids in it as values', () => {
    expect(accessRequest('169.254.1.1 - - [12/Dec/2026:02:05:39 +0000] "GET /orders/8812/items?page=2 HTTP/1.1" 502 0 "-" "curl/8.5.0"'))
      .toEqual({ method: 'GET', path: '/orders/8812/items', status: 502, accessLine: true });
    expect(accessRequest('Request finished HTTP/2 POST https://billing-abc-ew.a.run.app/invoices?x=1 - 503 - text/plain 4.1ms'))
      .toEqual({ method: 'POST', path: '/invoices', status: 503, accessLine: true, latencyMs: 4.1 });
  });

  it('keeps a stated level above ERROR, and a severity Cloud Logging has', () => {
    expect(entrySeverityWithSource(text('CRITICAL 169.254.1.1 - - [12/Dec/2026:02:05:39 +0000] "GET /x HTTP/1.1" 500 0')).severity).toBe('CRITICAL');
    expect(entrySeverityWithSource(text('169.254.1.1 - - [12/Dec/2026:02:05:39 +0000] "GET /x HTTP/1.1" 500 0', { severity: 'INFO' }))).toEqual({ severity: 'INFO', source: 'entry' });
  });

  it('reads a JSON record whose message is the line, at its logger\'s info, at ERROR', () => {
    const raw: RawEntry = { timestamp: '2026-12-04T10:00:00Z', resource, jsonPayload: { level: 'info', message: '172.17.0.1:52012 - "POST /api/v1/predict HTTP/1.1" 502 Bad Gateway' } };
    expect(entrySeverityWithSource(raw)).toEqual({ severity: 'ERROR', source: 'text' });
  });

  it.each([
    // requests that did not fail on the server: chatter, as before
    'INFO:     169.254.169.126:37525 - "GET /reports/latam HTTP/1.1" 200 OK',
    '169.254.1.1 - - [12/Dec/2026:02:05:39 +0000] "GET /missing HTTP/1.1" 404 153 "-" "curl/8.5.0"',
    // a status in a place that is not an access line's
    'INFO upstream answered 500 for GET /x',
    'order 500 sent in 3 parts',
  ])('leaves %j as it was', (line) => {
    const raw = text(line);
    expect(entrySeverityWithSource(raw).severity).not.toBe('ERROR');
    expect(entry(raw).kind).toBe('text');
  });

  it('does not speak for lines read on under it: another record whose own first line was lost', () => {
    // A Rails record that lost its `FATAL -- : [tags]` line, its message read on from the `Completed
    // 500` line written just before with the same tags.
    const joined = 'I, [2026-12-14T02:33:53.912464 #1]  INFO -- : [89461079-1d38] Completed 500 Internal Server Error in 786ms (ActiveRecord: 3.6ms)\n[89461079-1d38]   \n[89461079-1d38] Is the server running locally and accepting connections on that socket?';
    expect(answeredServerError(joined)).toBe(true);
    expect(namedRequest(joined)).toBeNull();
    expect(entrySeverityWithSource(text(joined)).severity).toBe('INFO');
    // Rails' and Phoenix's lines name no request: read at their own level (classify places them beside their error).
    const completed = text('I, [2026-12-14T02:33:53.912464 #1]  INFO -- : [89461079-1d38] Completed 500 Internal Server Error in 786ms (ActiveRecord: 3.6ms)');
    expect(entrySeverityWithSource(completed).severity).toBe('INFO');
    expect(entry(completed).kind).toBe('text');
  });

  it('is found by the server-side pattern at floors up to ERROR only', () => {
    const line = '169.254.1.1 - - [12/Dec/2026:02:05:39 +0000] "GET /x HTTP/1.1" 500 0 "-" "curl/8.5.0"';
    const matches = (floor: 'NOTICE' | 'ERROR' | 'CRITICAL'): boolean => new RegExp(severityTextPattern(floor).replace('(?i)', ''), 'i').test(line);
    expect(matches('NOTICE')).toBe(true);
    expect(matches('ERROR')).toBe(true);
    expect(matches('CRITICAL')).toBe(false);
  });
});

describe("gin's Logger line of a request answered 5xx", () => {
  // defaultLogFormatter in gin's logger.go, plain and as a terminal colours it.
  it.each([
    ['[GIN] 2026/12/04 - 00:02:55 | 500 |     4.074557s |     169.254.1.6 | GET      "/v1/profile/u1"', 'GET /v1/profile/u1 500'],
    ['[GIN] 2026/12/04 - 00:02:55 |\u001b[97;41m 502 \u001b[0m|     4.074557s |     169.254.1.6 |\u001b[97;44m POST    \u001b[0m "/v1/share/42?x=1"', 'POST /v1/share/42 502'],
  ])('%j reads as the request\'s log at ERROR', (line, request) => {
    expect(entrySeverityWithSource(text(line))).toEqual({ severity: 'ERROR', source: 'text' });
    expect(entry(text(line)).text).toBe(request);
    expect(new RegExp(severityTextPattern('NOTICE').replace('(?i)', ''), 'i').test(line)).toBe(true);
  });

  it('leaves its 200s and 404s chatter', () => {
    const ok = text('[GIN] 2026/12/04 - 00:02:55 | 200 |     1.2ms |     169.254.1.6 | GET      "/v1/profile/u1"');
    expect(entrySeverityWithSource(ok).severity).toBe('DEFAULT');
    expect(entry(ok).kind).toBe('text');
  });
});
