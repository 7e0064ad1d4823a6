// A server's access log written as JSON (nginx's `log_format … escape=json`, its keys as its guides
// and pasted configs spell them): a record of a request answered 5xx reads as that request's log at
// ERROR, as the same server's `combined` line does (app-access-lines.test.ts); records of requests
// that did not fail, records with a message or an error of their own, and objects that merely carry a
// `status` stay what they were.
import { createClassifier } from '../../../src/classify/index.js';
import { jsonAccessRequest } from '../../../src/normalize/json-access-record.js';
import { normalizeEntry } from '../../../src/normalize/normalize-entry.js';
import { meetsSeverityFloor } from '../../../src/normalize/severity-floor.js';
import type { Entry, RawEntry } from '../../../src/shared/types.js';

const raw = (jsonPayload: Record<string, unknown>): RawEntry => ({
  timestamp: '2026-12-04T10:00:00Z', jsonPayload,
  resource: { type: 'cloud_run_revision', labels: { service_name: 'web', revision_name: 'web-00001-abc' } },
});

function read(payload: Record<string, unknown>): Entry {
  const entry = normalizeEntry(raw(payload));
  if ('skip' in entry) throw new Error(`skipped: ${entry.skip}`);
  return entry;
}

// nginx with `log_format json escape=json '{"remote_addr":"$remote_addr","request":"$request","status":"$status",…}'`.
const requestKey = (path: string, status: string) => ({
  remote_addr: '169.254.7.205', request: `GET ${path} HTTP/1.1`, status, body_bytes_sent: '240', request_time: '20.433',
  upstream_addr: '127.0.0.1:4321', http_user_agent: 'Mozilla/5.0 (X11; Linux x86_64)',
});
// The method and target apart (`$request_method`, `$request_uri`), with the time and host a guide adds.
const apartKeys = (path: string, status: string) => ({
  time_iso8601: '2026-12-04T10:00:00+00:00', remote_addr: '10.0.0.7', server_protocol: 'HTTP/1.1', status,
  body_bytes_sent: '0', request_time: '0.004', request_method: 'POST', request_uri: path, http_referrer: '', host: 'shop.example',
});
// A status printed bare (`"status":$status`), `uri` for the target.
const bareStatus = (path: string, status: string) => ({ method: 'GET', uri: path, status: Number(status), request_time: 0.12 });

const SHAPES = [['request', requestKey], ['request_method + request_uri', apartKeys], ['bare status, uri', bareStatus]] as const;
const PATHS = ['/blog/seed-swap-2026', '/blog/bulbs-in-pots?draft=1', '/api/orders/8812'];

describe("a server's JSON access record", () => {
  it.each(SHAPES)('%s: at 500, 502 and 503 it reads at ERROR, as that request\'s log', (_name, shape) => {
    for (const status of ['500', '502', '503']) {
      for (const path of PATHS) {
        expect(meetsSeverityFloor(raw(shape(path, status)), 'NOTICE')).toBe(true);
        const entry = read(shape(path, status));
        expect(entry.severity).toBe('ERROR');
        expect(entry.kind).toBe('request');
        expect(entry.request?.accessLine).toBe(true);
        expect(entry.request?.status).toBe(Number(status));
        expect(entry.request?.path).toBe(path.replace(/\?.*$/, ''));
      }
    }
  });

  it.each(SHAPES)('%s: under the floor at 200, 304 and 404', (_name, shape) => {
    for (const status of ['200', '304', '404']) {
      for (const path of PATHS) {
        expect(meetsSeverityFloor(raw(shape(path, status)), 'NOTICE')).toBe(false);
        expect(read(shape(path, status)).request).toBeUndefined();
      }
    }
  });

  it("is the same problem as nginx's combined line and Cloud Run's request log of its status", () => {
    const c = createClassifier();
    const json = c.resolve(c.add(read(requestKey('/cart', '502')))).id;
    const combined = normalizeEntry({ ...raw({}), jsonPayload: undefined, textPayload: '169.254.1.1 - - [04/Dec/2026:10:00:00 +0000] "GET /cart HTTP/1.1" 502 157 "-" "Mozilla/5.0"' } as RawEntry);
    if ('skip' in combined) throw new Error(combined.skip);
    expect(c.resolve(c.add(combined)).id).toBe(json);
  });

  it('one problem per status, whatever the path, client or timing', () => {
    const c = createClassifier();
    const ids = PATHS.map((p) => c.resolve(c.add(read(requestKey(p, '500')))).id);
    expect(new Set(ids).size).toBe(1);
    expect(c.resolve(c.add(read(requestKey('/cart', '502')))).id).not.toBe(ids[0]);
  });
});

describe('what is not a JSON access record', () => {
  it.each([
    ['a record with a message of its own', { message: 'upstream failed', request: 'GET /cart HTTP/1.1', status: '500' }],
    ['a request record naming its error (lograge)', { method: 'GET', path: '/cart', status: 500, error: 'PG::ConnectionBad: connection is closed' }],
    ['a request field that is no request line', { request: 'sync of orders', status: '500' }],
    ['an unknown method', { request: 'FETCH /cart HTTP/1.1', status: '500' }],
    ['a status with no request named', { status: '500', body_bytes_sent: '12' }],
    ['a method with no target', { method: 'POST', status: 503 }],
    ['a target that is no path', { method: 'GET', path: 'orders', status: 500 }],
    ['a status that is no HTTP status', { request: 'GET /cart HTTP/1.1', status: 'failed' }],
    ['a status past 599', { request: 'GET /cart HTTP/1.1', status: '999' }],
  ])('%s', (_name, payload) => {
    const found = jsonAccessRequest(payload);
    const entry = read(payload);
    expect(found === null || entry.request === undefined).toBe(true);
    if (!('message' in payload) && !('error' in payload)) expect(found).toBeNull();
    expect(entry.request?.accessLine).toBeUndefined();
  });
});
