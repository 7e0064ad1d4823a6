// An application's own access line (morgan, gin, gorilla/handlers, chi, uvicorn, gunicorn, Rails,
// Phoenix, ASP.NET Core, nginx) is stamped with one level for every request, or none: its status says
// how the request ended. A line of a request answered 5xx, in a format access-status.ts reads, is read
// at ERROR, as Cloud Run's request log of it is, and one that names its request reads as that request's
// log: with Cloud Run's record of the same status one problem, not the failure filed a second time (the
// lines written beside an error count under that error: classify/companions.ts). Lines of requests that
// did not fail, and formats that print no quoted request line (morgan's dev/short/tiny, chi's), stay
// under the floor; one format's lines are one template whatever the path. A request line that names the
// error it ended in (lograge's `error=`) is a problem.
import { createClassifier } from '../../../src/classify/index.js';
import { meetsSeverityFloor } from '../../../src/normalize/severity-floor.js';
import { normalizeEntry } from '../../../src/normalize/normalize-entry.js';
import type { Entry, RawEntry } from '../../../src/shared/types.js';

const raw = (text: string): RawEntry => ({
  timestamp: '2026-12-04T10:00:00Z', textPayload: text,
  resource: { type: 'cloud_run_revision', labels: { service_name: 'shop', revision_name: 'shop-00001-abc' } },
});

function read(text: string): Entry {
  const entry = normalizeEntry(raw(text));
  if ('skip' in entry) throw new Error(`skipped: ${entry.skip}`);
  return entry;
}

// Each format's line for a path and a status, as the server's documented format writes it.
const FORMATS: ReadonlyArray<[string, (path: string, status: number) => string]> = [
  ['morgan combined', (p, s) => `::ffff:169.254.1.1 - - [04/Dec/2026:10:00:00 +0000] "GET ${p} HTTP/1.1" ${s} 1432 "-" "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X)"`],
  ['morgan common', (p, s) => `::ffff:169.254.1.1 - - [04/Dec/2026:10:00:00 +0000] "GET ${p} HTTP/1.1" ${s} 1432`],
  ['morgan dev', (p, s) => `GET ${p} ${s} 12.345 ms - 1432`],
  ['morgan short', (p, s) => `::ffff:169.254.1.1 - GET ${p} HTTP/1.1 ${s} 1432 - 12.345 ms`],
  ['morgan tiny', (p, s) => `GET ${p} ${s} 1432 - 12.345 ms`],
  ['gin', (p, s) => `[GIN] 2026/12/04 - 10:00:00 | ${s} |    1.234567ms |        10.0.0.1 | GET      "${p}"`],
  ['gorilla/handlers combined', (p, s) => `10.0.0.1 - - [04/Dec/2026:10:00:00 +0000] "GET ${p} HTTP/1.1" ${s} 1432 "" "okhttp/4.12.0"`],
  ['chi middleware.Logger', (p, s) => `2026/12/04 10:00:00 "GET http://shop.internal${p} HTTP/1.1" from 10.0.0.1:53796 - ${s} 21B in 1.234ms`],
  ['uvicorn', (p, s) => `INFO:     10.0.0.1:0 - "GET ${p} HTTP/1.1" ${s} ${s >= 500 ? 'Internal Server Error' : 'OK'}`],
  ['gunicorn', (p, s) => `10.0.0.1 - - [04/Dec/2026:10:00:00 +0000] "GET ${p} HTTP/1.1" ${s} 141 "-" "python-requests/2.32.3"`],
  ['ASP.NET Core', (p, s) => `Request finished HTTP/1.1 GET http://shop.internal${p} - ${s} 0 - 12.3456ms`],
  ['nginx combined', (p, s) => `169.254.1.1 - - [04/Dec/2026:10:00:00 +0000] "GET ${p} HTTP/1.1" ${s} 157 "https://shop.example/" "Mozilla/5.0 (X11; Linux x86_64)"`],
  // Laravel Octane's request line (laravel/octane#654), verbose (the worker's memory) or not, coloured on a terminal.
  ['Octane', (p, s) => `  ${s}    GET ${p} ${'.'.repeat(80 - p.length)} 165.14 ms`],
  ['Octane verbose', (p, s) => `  ${s}    POST ${p} ${'.'.repeat(80 - p.length)} 24.08 mb 162.09 ms`],
  ['Octane on a terminal', (p, s) => `  \x1b[31;1m${s} \x1b[39;22m   \x1b[36mGET\x1b[39m \x1b[1m${p}\x1b[22m\x1b[90m ${'.'.repeat(80 - p.length)} 12.5 ms\x1b[39m`],
];

const PATHS = ['/cart', '/products/tents', '/products/stoves', '/orders/8812/receipt'];

describe("an application's own access line", () => {
  // The formats that print the request line as its server documents it (quoted, or ASP.NET Core's, or gin's).
  const READ = new Set(['morgan combined', 'morgan common', 'gin', 'gorilla/handlers combined', 'uvicorn', 'gunicorn', 'ASP.NET Core', 'nginx combined',
    'Octane', 'Octane verbose', 'Octane on a terminal']);

  it.each(FORMATS)('%s: at 500 and 503 read at ERROR when its format names the request, as the request log is', (name, line) => {
    for (const status of [500, 503]) {
      for (const path of PATHS) expect(meetsSeverityFloor(raw(line(path, status)), 'NOTICE')).toBe(READ.has(name));
    }
  });

  it.each(FORMATS)('%s: under the floor at 200 and 404', (_name, line) => {
    for (const status of [200, 404]) {
      for (const path of PATHS) expect(meetsSeverityFloor(raw(line(path, status)), 'NOTICE')).toBe(false);
    }
  });

  it('is the same problem as Cloud Run\'s request log of its status', () => {
    const c = createClassifier();
    const access = c.resolve(c.add(read(FORMATS[0]![1]('/cart', 500)))).id;
    const logged = normalizeEntry({ ...raw(''), textPayload: undefined, httpRequest: { requestMethod: 'GET', requestUrl: 'https://shop-abc.a.run.app/cart', status: 500 } } as RawEntry);
    if ('skip' in logged) throw new Error(logged.skip);
    expect(c.resolve(c.add(logged)).id).toBe(access);
  });

  it.each(FORMATS)('%s: one template whatever the path', (_name, line) => {
    const c = createClassifier();
    const ids = PATHS.map((p) => c.resolve(c.add(read(line(p, 500)))).id);
    expect(new Set(ids).size).toBe(1);
  });

  it("Rails' and Phoenix's request summaries (no request named) stay under the floor", () => {
    for (const line of [
      'Completed 500 Internal Server Error in 12ms (ActiveRecord: 2.1ms | Allocations: 1234)',
      '10:00:00.123 request_id=F2xAbCdEfGhIj [info] Sent 500 in 12ms',
    ]) expect(meetsSeverityFloor(raw(line), 'NOTICE')).toBe(false);
  });
});

describe('what is not an access line', () => {
  it('a request line that names the error it ended in is a problem (lograge)', () => {
    const line = "method=GET path=/cart format=html controller=CartsController action=show status=500 error='PG::ConnectionBad: connection is closed' duration=12.30";
    expect(meetsSeverityFloor(raw(line), 'NOTICE')).toBe(true);
    expect(read(line).severity).toBe('ERROR');
  });

  it('a logged error that names a request and its status keeps its level', () => {
    const entry = read('ERROR:app:upstream GET /cart answered 500 after 3 retries');
    expect(entry.severity).toBe('ERROR');
  });

  it("a traceback whose frames or message hold a path is a trace, not an access line", () => {
    const entry = read([
      'Traceback (most recent call last):',
      '  File "/app/shop/views/cart.py", line 42, in get_cart',
      '    return render(request, "/cart", items)',
      'RuntimeError: GET /cart 500: basket service unavailable',
    ].join('\n'));
    expect(entry.kind).toBe('stack');
    expect(entry.severity).toBe('ERROR');
  });

  it("a line that opens with a count of 500 and ends in a time is no request line", () => {
    for (const line of ['500 rows exported to GET /reports in 12.5 ms', '  500    items ..... 12.5 ms', '500 GET requests ..... 12.5 ms']) {
      expect(meetsSeverityFloor(raw(line), 'NOTICE')).toBe(false);
      expect(read(line).request).toBeUndefined();
    }
  });

  it("a count of 500 is not a status: the line's own level stands", () => {
    expect(read('WARNING: queued 500 items for GET /export, over the batch limit').severity).toBe('WARNING');
  });
});
