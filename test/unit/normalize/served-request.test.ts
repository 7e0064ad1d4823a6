// Which request a record names (normalize/served-request.ts): a framework's report of a request's
// failure names its path, as the request's access record does; an access record that says how long
// its request took says when it began. Real lines as each framework writes them, and near-misses: an
// outbound client's request, a record that names no request.
import { describe, expect, it } from '@jest/globals';
import { accessRecordPath, accessRecordTookMs, failedRequestPath } from '../../../src/normalize/served-request.js';

describe('the request a failure record says it failed', () => {
  it.each([
    // Flask's log_exception, under its default `[%(asctime)s] %(levelname)s in %(module)s: %(message)s`.
    ['Flask', '[2026-12-11 22:58:04,015] ERROR in app: Exception on /login [POST]\nTraceback (most recent call last):\n  File "/usr/local/lib/python3.12/site-packages/flask/app.py", line 1511, in wsgi_app', '/login'],
    ['Flask, a path with ids', 'Exception on /forms/2050/submit [POST]', '/forms/2050/submit'],
    // Quarkus' QuarkusErrorHandler under the default console format.
    ['Quarkus', '2026-12-11 04:25:38,437 ERROR [io.qua.ver.htt.run.QuarkusErrorHandler] (executor-thread-21) HTTP Request to /products/BTS-7596 failed, error id: 7f74d186-5674-431e-b581-f828819936c6-89: jakarta.ws.rs.ProcessingException: The timeout period of 5000ms has been exceeded while executing GET /v2/prices/BTS-7596 for server null', '/products/BTS-7596'],
    ['Quarkus, the query left out', 'HTTP Request to /products?category=boots&page=12 failed, error id: 0b1c-12', '/products'],
    // Django's log_response (django.request).
    ['Django', 'Internal Server Error: /orders/7/\nTraceback (most recent call last):\n  File "/usr/local/lib/python3.12/site-packages/django/core/handlers/exception.py", line 55, in inner', '/orders/7/'],
    ['Django, behind its logger name', 'ERROR 2026-12-11 10:00:00,123 log 7 140 Internal Server Error: /api/cart', '/api/cart'],
    // plug_cowboy's translator of a crashed request.
    ['Cowboy', '#PID<0.5123.0> running LedgerWeb.Endpoint (connection #PID<0.5120.0>, stream id 1) terminated\nServer: ledger.example.com:80 (http)\nRequest: GET /accounts/81/balance\n** (exit) an exception was raised:', '/accounts/81/balance'],
  ])('%s', (_name, text, path) => {
    expect(failedRequestPath(text)).toBe(path);
  });

  it.each([
    ['an outbound client names another service\'s request', 'Caused by: io.vertx.core.impl.NoStackTraceTimeoutException: The timeout period of 5000ms has been exceeded while executing GET /v2/prices/STV-5774 for server null'],
    ['an outbound URL', 'GET https://partner.example.com/api/transfers returned 503 Service Unavailable'],
    ['a failure that names no request', 'sqlalchemy.exc.TimeoutError: QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30.00'],
    ['the words inside a sentence', 'Retrying: Exception on the first attempt [POST] was retried'],
    ['an ASP.NET Core handler record', 'An unhandled exception has occurred while executing the request.'],
  ])('%s: none', (_name, text) => {
    expect(failedRequestPath(text)).toBeNull();
  });
});

describe('the request an access record answered', () => {
  it.each([
    ['uWSGI default', '[pid: 30|app: 0|req: 337/1420] 169.254.5.68 () {41 vars in 1365 bytes} [Fri Dec 11 09:55:55 2026] POST /forms/2050/submit => generated 265 bytes in 30153 msecs (HTTP/1.1 500) 2 headers in 174 bytes (1 switches on core 0)', '/forms/2050/submit'],
    ['uWSGI JSON logformat', '{"ltime":"11/Dec/2026:22:58:03 +0000","addr":"169.254.6.75","pid":38,"wid":4,"method":"POST","uri":"/login","proto":"HTTP/1.1","status":500,"msecs":28,"size":265,"uagent":"Mozilla/5.0"}', '/login'],
    ['Quarkus access log (common)', '169.254.4.62 - - [11/Dec/2026:15:43:08 +0000] "GET /products?category=boots&page=12 HTTP/1.1" 500 -', '/products'],
    ['ASP.NET Core hosting', 'Request finished HTTP/1.1 GET http://pay.example.run.app/merchants/81/statements/2026-04 - 500 null application/problem+json; charset=utf-8 30012.3456ms', '/merchants/81/statements/2026-04'],
    ['gunicorn access', '169.254.1.1 - - [11/Dec/2026:10:00:00 +0000] "POST /api/orders HTTP/1.1" 500 141 "-" "curl/8.5.0"', '/api/orders'],
    ['morgan dev', 'POST /api/orders 500 12.345 ms - 21', '/api/orders'],
  ])('%s', (_name, text, path) => {
    expect(accessRecordPath(text)).toBe(path);
  });

  it('a JSON record with a target but no method names nothing', () => {
    expect(accessRecordPath('{"uri":"/login","status":500}')).toBeNull();
  });
});

describe('how long an access record says its request took', () => {
  it.each([
    ['uWSGI default', '[pid: 30|app: 0|req: 337/1420] 169.254.5.68 () {41 vars in 1365 bytes} [Fri Dec 11 09:55:55 2026] POST /forms/2050/submit => generated 265 bytes in 30153 msecs (HTTP/1.1 500) 2 headers in 174 bytes (1 switches on core 0)', 30153],
    ['uWSGI JSON logformat', '{"method":"POST","uri":"/login","proto":"HTTP/1.1","status":500,"msecs":28,"size":265}', 28],
    ['ASP.NET Core hosting', 'Request finished HTTP/1.1 GET http://pay.example.run.app/x - 500 null application/problem+json; charset=utf-8 30012.3456ms', 30012.3456],
    ['Rails', 'Completed 500 Internal Server Error in 12ms (ActiveRecord: 3.1ms | Allocations: 812)', 12],
    ['Phoenix', 'Sent 500 in 12ms', 12],
    ['morgan dev', 'POST /api/orders 500 12.345 ms - 21', 12.345],
  ])('%s', (_name, text, ms) => {
    expect(accessRecordTookMs(text)).toBe(ms);
  });

  it.each([
    ['Quarkus common format', '169.254.4.62 - - [11/Dec/2026:15:43:08 +0000] "GET /products HTTP/1.1" 500 -'],
    ['gunicorn default', '169.254.1.1 - - [11/Dec/2026:10:00:00 +0000] "POST /api/orders HTTP/1.1" 500 141 "-" "curl/8.5.0"'],
    ['a time past any request timeout', 'Sent 500 in 999999999ms'],
  ])('%s: does not say', (_name, text) => {
    expect(accessRecordTookMs(text)).toBeNull();
  });
});
