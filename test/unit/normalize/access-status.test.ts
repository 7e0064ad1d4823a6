import { answeredServerError } from '../../../src/normalize/access-status.js';
import { normalizeEntry } from '../../../src/normalize/normalize-entry.js';

/** The text the classifier reads of a JSON record on stdout (a pino line). */
function textOf(payload: Record<string, unknown>): string {
  const entry = normalizeEntry({ timestamp: '2026-12-04T10:00:00Z', jsonPayload: payload, resource: { type: 'cloud_run_revision', labels: { service_name: 'orders' } } });
  if ('skip' in entry) throw new Error(entry.skip);
  return entry.text;
}

/** pino-http's record of a finished request, as its logger.js writes it (`req`, `res`, `err`, `responseTime`). */
function pinoHttpRecord(statusCode: number, err: Record<string, unknown>, msg = 'request errored'): Record<string, unknown> {
  return {
    level: 30, time: 1797294991855, pid: 1, hostname: 'localhost',
    req: { id: 4598, method: 'POST', url: '/orders', query: {}, params: {}, headers: { host: 'orders.example' }, remoteAddress: '::ffff:169.254.1.9', remotePort: 40138 },
    res: { statusCode, headers: { 'content-type': 'application/json; charset=utf-8' } },
    err, responseTime: 794, msg,
  };
}

describe('answeredServerError', () => {
  it.each([
    // uvicorn's access logger (uvicorn.logging.AccessFormatter), after its `INFO:` is read as a header
    '169.254.169.126:46735 - "GET /quotes/SKU-77799 HTTP/1.1" 500 Internal Server Error',
    '172.17.0.1:52012 - "POST /api/v1/predict HTTP/1.1" 502 Bad Gateway',
    // gunicorn's default access_log_format, nginx's and Apache's combined format
    '169.254.1.1 - - [12/Dec/2026:02:05:39 +0000] "POST /api/2.0/mlflow/runs/log-batch HTTP/1.1" 500 290 "-" "python-requests/2.32.3"',
    '10.0.0.7 - - [04/Dec/2026:10:00:00 +0000] "GET /health HTTP/2.0" 503 0 "-" "GoogleHC/1.0"',
    // werkzeug / Django runserver
    '127.0.0.1 - - [03/Dec/2026 10:00:00] "GET /cart HTTP/1.1" 500 -',
    '"GET /admin/ HTTP/1.1" 500 145',
    // Rails' ActionController, tagged with the request id and not
    '[e32a6e0f-0f10-46ed-b037-d66ff3ba4e04] Completed 500 Internal Server Error in 782ms (ActiveRecord: 8.4ms (3 queries, 0 cached) | GC: 1.2ms)',
    'Completed 503 Service Unavailable in 12ms',
    // ASP.NET Core's Microsoft.AspNetCore.Hosting.Diagnostics[2]
    'Request finished HTTP/1.1 GET http://orders.internal/api/orders/42 - 500 0 - 31.2290ms',
    'Request finished HTTP/2 POST https://billing-abc-ew.a.run.app/invoices - 503 - text/plain 4.1ms',
    // uWSGI's default request log (logging.c), with --log-micros, and a response sent by sendfile
    '[pid: 30|app: 0|req: 337/1420] 169.254.5.68 () {41 vars in 1365 bytes} [Fri Dec 11 09:55:55 2026] POST /forms/2050/submit => generated 265 bytes in 30153 msecs (HTTP/1.1 500) 2 headers in 174 bytes (1 switches on core 0)',
    '[pid: 7|app: 0|req: 1/1] 10.0.0.2 (alice) {38 vars in 512 bytes} [Thu Dec 10 10:00:00 2026] GET /export.csv => generated 0 bytes in 5012 micros (HTTP/2.0 502) 1 headers in 61 bytes (0 switches on core 0)',
    '[pid: 7|app: 0|req: 2/2] 10.0.0.2 () {38 vars in 512 bytes} [Thu Dec 10 10:00:00 2026] GET /files/a.pdf => generated 9120 bytes in 3 msecs via sendfile (HTTP/1.1 503) 2 headers in 80 bytes (0 switches on core 0)',
    // Phoenix's Plug.Logger
    'Sent 500 in 12ms',
    '[request_id=F-x1] Sent 502 in 1ms',
    // gin's Logger, its defaultLogFormatter (logger.go): plain, and coloured as on a terminal
    '[GIN] 2026/12/04 - 00:02:55 | 500 |     4.074557s |     169.254.1.6 | GET      "/v1/profile/u_kopnxw3y"',
    '[GIN] 2019/09/01 - 20:35:22 | 502 |      1.2345ms |       127.0.0.1 | POST     /api/upload',
    '[GIN] 2026/12/04 - 00:02:55 |\u001b[97;41m 500 \u001b[0m|     4.074557s |     169.254.1.6 |\u001b[97;46m POST    \u001b[0m "/v1/share"',
  ])('reads %s', (line) => {
    expect(answeredServerError(line)).toBe(true);
  });

  it.each([
    // the same loggers for requests that did not fail on the server
    '169.254.169.126:37525 - "GET /reports/latam HTTP/1.1" 200 OK',
    '169.254.1.1 - - [12/Dec/2026:02:05:39 +0000] "GET /missing HTTP/1.1" 404 153 "-" "curl/8.5.0"',
    'Completed 422 Unprocessable Entity in 4ms',
    'Request finished HTTP/1.1 GET http://orders.internal/ - 200 - application/json 3.1ms',
    'Sent 200 in 380µs',
    '[pid: 30|app: 0|req: 338/1421] 169.254.5.68 () {41 vars in 1365 bytes} [Fri Dec 11 09:55:56 2026] GET /forms/2050 => generated 9568 bytes in 222 msecs (HTTP/1.1 200) 2 headers in 80 bytes (1 switches on core 0)',
    '[pid: 30|app: 0|req: 339/1422] 169.254.5.68 () {41 vars in 1365 bytes} [Fri Dec 11 09:55:57 2026] POST /login => generated 500 bytes in 12 msecs (HTTP/1.1 404) 2 headers in 80 bytes (1 switches on core 0)',
    '[GIN] 2026/12/04 - 00:02:19 | 200 |     120.427ms |     169.254.1.3 | GET      "/v1/uploads"',
    '[GIN-debug] POST   /v1/share                 --> main.(*API).share-fm (3 handlers)',
    // a status in a place that is not an access line's
    'upstream answered 500 for GET /x',
    'Completed 500 jobs in 12 minutes',
    'HTTP 500 from https://api.partner.example/v2/quotes',
    'order 500 sent in 3 parts',
    'Sent 500 in 3 batches',
    // a request line in quotes with its status on the next line only
    '"GET /x HTTP/1.1"\n500',
    '',
  ])('leaves %j', (line) => {
    expect(answeredServerError(line)).toBe(false);
  });

  describe("pino-http's record of a request answered 5xx with no error handed to it", () => {
    // pino-http makes up `new Error('failed with status code ' + statusCode)` and logs it under its
    // `useLevel` (info): pinojs/pino-http#61 (Express), iamolegga/nestjs-pino#416 (Nest), as printed
    // there; its first frame is pino-http's onResFinished, through cls-hooked's wrapper or not.
    it.each([
      ['pinojs/pino-http#61', 'Error: failed with status code 500\n    at ServerResponse.onResFinished (/<foo>/node_modules/pino-http/logger.js:48:33)'],
      ['iamolegga/nestjs-pino#416', 'Error: failed with status code 500\n    at ServerResponse.onResFinished (/Users/shahaf/Source/muil/muil/node_modules/pino-http/logger.js:73:38)\n    at ServerResponse.clsBind (/Users/shahaf/Source/muil/muil/node_modules/cls-hooked/context.js:172:17)\n    at ServerResponse.emit (node:events:388:22)'],
      ['pino-http 10', 'Error: failed with status code 503\n    at onResFinished (/app/node_modules/pino-http/logger.js:115:39)\n    at ServerResponse.onResponseComplete (/app/node_modules/pino-http/logger.js:178:14)\n    at ServerResponse.emit (node:events:530:35)'],
      ['a serializer that drops the stack', undefined],
    ])('reads %s', (_from, stack) => {
      const status = stack?.includes('503') ? 503 : 500;
      const err = { type: 'Error', message: `failed with status code ${status}`, ...(stack === undefined ? {} : { stack }) };
      expect(answeredServerError(textOf(pinoHttpRecord(status, err)))).toBe(true);
      // customErrorMessage changes the message, not the error
      expect(answeredServerError(textOf(pinoHttpRecord(status, err, 'POST /orders failed')))).toBe(true);
    });

    it('leaves the record that carries the error the request failed with (res.err set): it is that error', () => {
      const err = { type: 'TypeError', message: "Cannot read properties of undefined (reading 'currency')", stack: "TypeError: Cannot read properties of undefined (reading 'currency')\n    at QuotesService.price (/app/dist/src/quotes/quotes.service.js:31:42)" };
      expect(answeredServerError(textOf(pinoHttpRecord(500, err)))).toBe(false);
    });

    it.each([
      // a 4xx: pino-http makes up no error for it
      ['Error: failed with status code 404'],
      // the same words raised by the application, and axios' error for a 500 it was answered
      ['sync failed\nError: failed with status code 502\n    at PartnerClient.fetch (/app/dist/partner.js:40:11)'],
      ['webhook delivery failed\nAxiosError: Request failed with status code 500\n    at settle (/app/node_modules/axios/dist/node/axios.cjs:2019:12)'],
      // the stand-in's words further down a record
      ['job failed\nbecause\nError: failed with status code 500'],
    ])('leaves %j', (text) => {
      expect(answeredServerError(text)).toBe(false);
    });
  });

  it('reads only the first line of a record', () => {
    expect(answeredServerError('Traceback (most recent call last):\n  "GET /x HTTP/1.1" 500 -')).toBe(false);
  });

  it('is quick on a long line that almost matches', () => {
    // Many request openings and no status: every attempt ends at the next quote or blank.
    const line = '"GET /'.repeat(20_000) + ' 5';
    expect(answeredServerError(line)).toBe(false);
    expect(answeredServerError(`"GET /${'a'.repeat(100_000)} HTTP/1.1" 500 -`)).toBe(false);
  });
});
