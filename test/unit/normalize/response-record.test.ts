// A server's structured record of the response it sent (normalize/response-record.ts): the status as a
// field of its own, the request it answered, a message of the logger's fixed words. A 5xx one is marked
// as its request's access record (isServerErrorAccess), keeps its own text, and goes with the error its
// instance wrote beside it (classify/companions.ts). Records that carry an error of their own, say more
// than a response, record an outbound call's response, or a 4xx, are not marked.
import { describe, expect, it } from '@jest/globals';
import { CompanionLedger } from '../../../src/classify/companions.js';
import { isServerErrorAccess } from '../../../src/normalize/access-status.js';
import { normalizeEntry } from '../../../src/normalize/normalize-entry.js';
import { messageWithJsonRecord, responseBlockStatus, responseRecordStatus } from '../../../src/normalize/response-record.js';
import type { Entry, RawEntry } from '../../../src/shared/types.js';

const T0 = Date.parse('2026-12-10T10:00:00Z');
const resource = { type: 'cloud_run_revision', labels: { service_name: 'shop', revision_name: 'shop-00001-abc' } };
const json = (jsonPayload: Record<string, unknown>, at = 0): RawEntry => ({ timestamp: new Date(T0 + at).toISOString(), jsonPayload, resource, labels: { instanceId: '00a1b2' } });
const text = (textPayload: string, at = 0): RawEntry => ({ timestamp: new Date(T0 + at).toISOString(), textPayload, resource, labels: { instanceId: '00a1b2' } });

function read(raw: RawEntry): Entry {
  const entry = normalizeEntry(raw);
  if ('skip' in entry) throw new Error(`skipped: ${entry.skip}`);
  return entry;
}

const HEADERS = { host: 'shop-abc123-ew.a.run.app', 'user-agent': 'curl/8.5.0', accept: '*/*' };
// Each logger's record of a response, as its docs and the reports that paste it write it.
const RECORDS: ReadonlyArray<[string, (status: number) => Record<string, unknown>, string]> = [
  ['pino-http', (s) => ({ level: 30, time: 1765360800000, pid: 1, hostname: 'localhost', req: { id: 7, method: 'POST', url: '/api/orders', headers: HEADERS, remoteAddress: '::ffff:169.254.1.1', remotePort: 41822 }, res: { statusCode: s, headers: { 'content-type': 'application/json' } }, responseTime: 12, msg: 'request completed' }), 'request completed'],
  ['Fastify', (s) => ({ level: 30, time: 1765360800000, pid: 1, hostname: 'localhost', reqId: 'req-1a', res: { statusCode: s }, responseTime: 5229.0442, msg: 'request completed' }), 'request completed'],
  ['express-winston', (s) => ({ level: s >= 500 ? 'error' : 'info', message: 'HTTP GET /error', meta: { req: { url: '/error', headers: HEADERS, method: 'GET', httpVersion: '1.1', originalUrl: '/error', query: {} }, res: { statusCode: s }, responseTime: 3 }, timestamp: '2026-12-10T10:00:00.000Z' }), 'HTTP GET /error'],
  ['Caddy', (s) => ({ level: s >= 500 ? 'error' : 'info', ts: 1765360800.12, logger: 'http.log.access.log0', msg: 'handled request', request: { remote_ip: '169.254.1.1', remote_port: '53176', client_ip: '169.254.1.1', proto: 'HTTP/1.1', method: 'POST', host: 'portal.example.com', uri: '/subscriptions/81/renew', headers: { 'User-Agent': ['curl/8.5.0'] } }, bytes_read: 120, user_id: '', duration: 0.0421, size: 6615, status: s, resp_headers: { Server: ['Caddy'] } }), 'handled request'],
  ['go-chi/httplog', (s) => ({ time: '2026-12-10T10:00:00Z', level: s >= 500 ? 'ERROR' : 'INFO', msg: `Response: ${s} ${s >= 500 ? 'Internal Server Error' : 'OK'}`, httpRequest: { method: 'GET', url: '/v1/stock/81', proto: 'HTTP/1.1' }, httpResponse: { status: s, bytes: 21, elapsed: 12.3 } }), ''],
  // httplog v2 labels a status by its class (statusLabel: `OK`, `Redirect`, `Client Error`, `Server
  // Error`), its slog JSON handler with AddSource, the request group on every record of the request.
  ['go-chi/httplog v2', (s) => ({ timestamp: '2026-12-10T10:00:00.123456789Z', level: s >= 500 ? 'ERROR' : s >= 400 ? 'WARN' : 'INFO', source: { function: 'github.com/go-chi/httplog/v2.(*RequestLoggerEntry).Write', file: '/go/pkg/mod/github.com/go-chi/httplog/v2@v2.1.1/httplog.go', line: 116 }, msg: `Response: ${s} ${s >= 500 ? 'Server Error' : s >= 400 ? 'Client Error' : s >= 300 ? 'Redirect' : 'OK'}`, service: 'geo', httpRequest: { url: 'http://geo-abc123-ew.a.run.app/v1/tiles/9/12/40.mvt', method: 'GET', path: '/v1/tiles/9/12/40.mvt', remoteIP: '169.254.1.1:41822', proto: 'HTTP/1.1', requestID: 'localhost/Xk2Pq9-000042' }, httpResponse: { status: s, bytes: 28, elapsed: 8012.4, body: '{"error":"tile unavailable"}\n' } }), ''],
  ['ECS (OpenTelemetry names)', (s) => ({ '@timestamp': '2026-12-10T10:00:00Z', 'log.level': 'info', message: 'request finished', 'http.request.method': 'GET', 'url.path': '/v1/rates', 'http.response.status_code': s }), 'request finished'],
  ['Traefik', (s) => ({ ClientHost: '169.254.1.1', DownstreamStatus: s, OriginStatus: s, RequestMethod: 'GET', RequestPath: '/v1/rates', Duration: 12000000, level: 'info', msg: '', time: '2026-12-10T10:00:00Z' }), ''],
  ['an app record with Cloud Logging httpRequest', (s) => ({ severity: 'INFO', message: 'request completed', httpRequest: { requestMethod: 'GET', requestUrl: 'https://shop-abc123-ew.a.run.app/cart', status: s, latency: '0.120s' } }), 'request completed'],
];

describe("a server's structured record of a response", () => {
  it.each(RECORDS)('%s: a 5xx is its request\'s access record and keeps its text', (_name, record, message) => {
    for (const status of [500, 502, 503]) {
      expect(responseRecordStatus(record(status))).toBe(status);
      const entry = read(json(record(status)));
      expect(isServerErrorAccess(entry)).toBe(true);
      expect(entry.kind).not.toBe('request');
      if (message !== '') expect(entry.text).toBe(message);
    }
  });

  it.each(RECORDS)('%s: a 2xx or a 4xx is no server error\'s', (_name, record) => {
    for (const status of [200, 304, 400, 404]) expect(isServerErrorAccess(read(json(record(status))))).toBe(false);
  });

  it('reads one record printed as text as its JSON twin: pino-pretty, winston simple()', () => {
    const pretty = ['[10:00:00.123] INFO: request completed', '    reqId: "req-1a"', '    res: {', '      "statusCode": 500', '    }', '    responseTime: 5229.0442'].join('\n');
    expect(isServerErrorAccess(read(text(pretty)))).toBe(true);
    expect(read(text(pretty)).text).toBe('request completed');
    const simple = `error: HTTP POST /api/checkout/ch_1 ${JSON.stringify({ meta: { req: { url: '/api/checkout/ch_1', method: 'POST', headers: HEADERS }, res: { statusCode: 500 }, responseTime: 910 } })}`;
    expect(isServerErrorAccess(read(text(simple)))).toBe(true);
    expect(isServerErrorAccess(read(text(simple.replace('"statusCode":500', '"statusCode":200'))))).toBe(false);
  });

  it('reads ASP.NET Core HttpLogging\'s response block, console and JSON console alike', () => {
    const block = ['Response:', 'StatusCode: 500', 'Content-Length: 0', 'Date: Thu, 10 Dec 2026 10:00:00 GMT', 'Server: Kestrel'].join('\n');
    expect(responseBlockStatus(block)).toBe(500);
    expect(responseBlockStatus(block.replace(/\n/g, '\r\n'))).toBe(500);
    expect(responseBlockStatus(['Request and Response:', 'Protocol: HTTP/1.1', 'Method: POST', 'PathBase: ', 'Path: /payments', 'StatusCode: 503', 'Duration: 2.1ms'].join('\n'))).toBe(503);
    const console = ['info: Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware[2]', ...block.split('\n').map((l) => `      ${l}`)].join('\n');
    expect(isServerErrorAccess(read(text(console)))).toBe(true);
    const jsonConsole = { EventId: 2, LogLevel: 'Information', Category: 'Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware', Message: block, State: { Message: block, StatusCode: 500, '{OriginalFormat}': 'Response' } };
    expect(isServerErrorAccess(read(json(jsonConsole)))).toBe(true);
    expect(isServerErrorAccess(read(json({ ...jsonConsole, Message: block.replace('500', '200'), State: { StatusCode: 200 } })))).toBe(false);
  });

  it("reads Ktor's CallLogging line under Logback's default header, its logger's name set aside", () => {
    expect(isServerErrorAccess(read(text('10:00:00.123 [eventLoopGroupProxy-4-1] INFO  io.ktor.server.Application -- 500 Internal Server Error: POST - /v1/events in 30066ms')))).toBe(true);
    expect(isServerErrorAccess(read(text('10:00:00.123 [eventLoopGroupProxy-4-1] INFO  i.k.s.Application -- 503 Service Unavailable: GET - /v1/events/9/seats in 5008ms')))).toBe(true);
    expect(isServerErrorAccess(read(text('10:00:00.123 [eventLoopGroupProxy-4-1] INFO  io.ktor.server.Application -- 200 OK: GET - /v1/events in 12ms')))).toBe(false);
    // A host in the line is no logger's name: oauth2-proxy's request line keeps the words it had.
    expect(isServerErrorAccess(read(text('169.254.1.1:41822 - 6f1c2a9e-0b7d-4c1e-9f3a-2d5e8b7c4a10 - - [2026/12/08 10:00:00] admin.wren.example GET - "/oauth2/callback" HTTP/1.1 "Mozilla/5.0" 500 0 0.123')))).toBe(false);
    // An application's own words about a request under the same header stay its own.
    expect(isServerErrorAccess(read(text('10:00:00.123 [eventLoopGroupProxy-4-1] WARN  com.acme.events.Seats -- seat map refresh failed for GET /v1/venues/9 500')))).toBe(false);
  });
});

describe('near-misses stay apart', () => {
  it("httplog's response record of a recovered panic carries the panic: the failure itself", () => {
    const record = { level: 'ERROR', msg: 'Response: 500 Server Error - runtime error: invalid memory address or nil pointer dereference', httpRequest: { url: 'http://geo/v1/eta', method: 'GET', path: '/v1/eta' }, httpResponse: { status: 500, bytes: 22, elapsed: 3.1 }, stacktrace: 'goroutine 7 [running]:\nruntime/debug.Stack()', panic: 'runtime error: invalid memory address or nil pointer dereference' };
    expect(responseRecordStatus(record)).toBeNull();
    expect(responseRecordStatus({ ...record, msg: 'Response: 500 Server Error - tile store down', stacktrace: undefined, panic: undefined })).toBeNull();
  });

  it('a record that carries an error of its own is the failure, not its access record', () => {
    // Fastify's error record: `err` beside the `res` it answered; Echo's record with its handler's error.
    expect(responseRecordStatus({ level: 50, reqId: 'req-1', req: { method: 'GET', url: '/v1/routes/9' }, res: { statusCode: 500 }, err: { type: 'Error', message: 'timeout exceeded when trying to connect', stack: 'Error: timeout…' }, msg: 'timeout exceeded when trying to connect' })).toBeNull();
    expect(responseRecordStatus({ time: '2026-12-10T10:00:00Z', id: '', remote_ip: '10.0.0.1', host: 'stock', method: 'GET', uri: '/v1/stock/9', status: 500, error: 'lookup SKU: rpc error: code = DeadlineExceeded', latency: 5000 })).toBeNull();
    expect(responseRecordStatus({ message: 'HTTP GET /x', meta: { req: { method: 'GET', url: '/x' }, res: { statusCode: 500 }, stack: ['Error: boom', '    at f (/app/x.js:1:1)'] } })).toBeNull();
    expect(isServerErrorAccess(read(json({ level: 50, msg: 'request errored', req: { method: 'GET', url: '/x' }, res: { statusCode: 500 }, err: { type: 'Error', message: 'connect ECONNREFUSED 10.0.0.9:5432' } })))).toBe(false);
  });

  it('a record whose message says more than a response is the application\'s own', () => {
    for (const msg of ['partner answered 503', 'upstream failed', 'checkout failed for order 8812', 'request to billing timed out']) {
      expect(responseRecordStatus({ level: 50, msg, req: { method: 'POST', url: '/api/checkout' }, res: { statusCode: 502 } })).toBeNull();
    }
  });

  it("an outbound client's record of a response it received is not the service's", () => {
    expect(responseRecordStatus({ msg: 'request completed', req: { method: 'GET', url: 'https://api.partner.example/v2/rates' }, res: { statusCode: 503 } })).toBeNull();
    expect(responseRecordStatus({ message: 'HTTP GET https://api.partner.example/v2/rates', method: 'GET', url: 'https://api.partner.example/v2/rates', status: 503 })).toBeNull();
    // A URL on the service's own host is its own request.
    expect(responseRecordStatus({ msg: 'request completed', req: { method: 'GET', url: 'http://localhost:8080/v2/rates' }, res: { statusCode: 503 } })).toBe(503);
  });

  it('a bare status with no request and no response object is no response record', () => {
    expect(responseRecordStatus({ msg: 'done', status: 500 })).toBeNull();
    expect(responseRecordStatus({ msg: 'sync finished', code: 503 })).toBeNull();
    expect(responseRecordStatus({ msg: 'request completed', res: { statusCode: 'ok' } })).toBeNull();
  });

  it('a block with lines that are no fields is no HttpLogging block', () => {
    expect(responseBlockStatus('Response:\nStatusCode: 500\nthe partner said no')).toBeNull();
    expect(responseBlockStatus('Response: StatusCode: 500')).toBeNull();
    expect(responseBlockStatus('Request:\nProtocol: HTTP/1.1\nMethod: GET\nPath: /x')).toBeNull();
  });

  it('reads a `message {json}` line back only when the rest is one JSON object', () => {
    expect(messageWithJsonRecord('HTTP GET /x {"meta":{"res":{"statusCode":500}}}')).toEqual({ meta: { res: { statusCode: 500 } }, message: 'HTTP GET /x' });
    expect(messageWithJsonRecord('HTTP GET /x {"meta":{"res"')).toBeNull();
    expect(messageWithJsonRecord('{"meta":1}')).toBeNull();
    expect(messageWithJsonRecord('HTTP GET /x {"a":1}\nmore')).toBeNull();
  });
});

describe('a response record goes with the error written beside it', () => {
  /** The ledger over normalized entries, each entry's group named by its text. */
  function place(raws: RawEntry[]): string[] {
    const ledger = new CompanionLedger();
    const names: string[] = [];
    const sightings = raws.map((raw) => {
      const entry = read(raw);
      let handle = names.indexOf(entry.text);
      if (handle < 0) handle = names.push(entry.text) - 1;
      return ledger.note(handle, entry);
    });
    const resolver = { resolve: (h: number) => ({ id: names[h]!, template: names[h]! }) };
    return sightings.map((s) => ledger.placed(s, resolver).id);
  }

  it("Fastify's `request completed` 500 joins the handler's error; one beside no error keeps its group", () => {
    const raws: RawEntry[] = [];
    for (let i = 0; i < 10; i++) {
      raws.push(json({ level: 50, reqId: `req-${i}`, req: { method: 'GET', url: `/v1/routes/${i}` }, res: { statusCode: 500 }, err: { type: 'Error', message: 'timeout exceeded when trying to connect', stack: 'Error: timeout exceeded when trying to connect\n    at /app/node_modules/pg-pool/index.js:45:11' }, msg: 'timeout exceeded when trying to connect' }, i * 60_000));
      raws.push(json({ level: 30, reqId: `req-${i}`, res: { statusCode: 500 }, responseTime: 5000.1, msg: 'request completed' }, i * 60_000 + 1));
    }
    const placed = place(raws);
    for (let i = 0; i < 10; i++) expect(placed[2 * i + 1]).toBe(placed[2 * i]);
    expect(placed[0]).toBe(read(raws[0]!).text);
    // Requests answered 500 with no error logged beside them: their records stay their own problem.
    const alone = place(Array.from({ length: 10 }, (_, i) => json({ level: 30, reqId: `req-${i}`, res: { statusCode: 500 }, responseTime: 12.5, msg: 'request completed' }, i * 60_000)));
    expect(new Set(alone)).toEqual(new Set(['request completed']));
  });

  it("a 4xx record goes, as a group, with the warning the application logged before answering; a 5xx's never with a warning", () => {
    const raws: RawEntry[] = [];
    for (let i = 0; i < 10; i++) {
      raws.push(json({ level: 'warn', message: 'Stripe webhook rejected', error: 'No signatures found matching the expected signature for payload.' }, i * 60_000));
      raws.push(json({ level: 'warn', message: 'HTTP POST /webhooks/stripe', meta: { req: { url: '/webhooks/stripe', method: 'POST' }, res: { statusCode: 400 }, responseTime: 4 } }, i * 60_000 + 2));
    }
    const placed = place(raws);
    for (let i = 0; i < 10; i++) expect(placed[2 * i + 1]).toBe(placed[2 * i]);
    // 404s answered beside nothing stay their own group.
    const alone = place(Array.from({ length: 10 }, (_, i) => json({ level: 'warn', message: 'HTTP GET /wp-login.php', meta: { req: { url: '/wp-login.php', method: 'GET' }, res: { statusCode: 404 }, responseTime: 1 } }, i * 60_000)));
    expect(new Set(alone)).toEqual(new Set(['HTTP GET /wp-login.php']));
    // A 500's record stays off a warning written beside it: the request failed for another reason.
    const warned: RawEntry[] = [];
    for (let i = 0; i < 10; i++) {
      warned.push(json({ level: 'warn', message: 'cache miss storm, falling back to the database' }, i * 60_000));
      warned.push(json({ level: 'error', message: 'HTTP POST /api/orders', meta: { req: { url: '/api/orders', method: 'POST' }, res: { statusCode: 500 }, responseTime: 4 } }, i * 60_000 + 1));
    }
    const kept = place(warned);
    for (let i = 0; i < 10; i++) expect(kept[2 * i + 1]).toBe('HTTP POST /api/orders');
  });
});
