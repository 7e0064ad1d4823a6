// Access records as frameworks document their default (or documented) line and as people pasted them
// in public bug reports: one request's method, target and status, whatever else a server prints
// around them. Each is read as the record of a request answered 5xx at 500/502/503/504, and not at
// 200/304/404; and lines that name a method, a URL and a status but are no server's record of its own
// request (an outbound call's error, a route table, a count) are not.
import { accessLine } from '../../../src/normalize/access-line.js';
import { accessRequest } from '../../../src/normalize/access-request.js';
import { answeredServerError, namedRequest } from '../../../src/normalize/access-status.js';
import { entrySeverityWithSource } from '../../../src/normalize/entry-fields.js';
import { mayMatter, meetsSeverityFloor } from '../../../src/normalize/severity-floor.js';
import { severityTextPattern } from '../../../src/normalize/text-severity.js';
import type { RawEntry } from '../../../src/shared/types.js';

const REASON: Record<number, string> = {
  200: 'OK', 304: 'Not Modified', 404: 'Not Found', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};
const UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

// [framework, where the shape is from, the line for a status]; the request is GET /api/orders/8812 throughout
// (or the path given after the line), so the test can say what each line names.
type Format = [string, string, (status: number) => string];
const PATH = '/api/orders/8812';

const FORMATS: readonly Format[] = [
  // Node
  ['morgan combined', 'expressjs/morgan README', (s) => `::ffff:169.254.1.1 - - [04/Dec/2026:10:00:00 +0000] "GET ${PATH} HTTP/1.1" ${s} 1432 "-" "${UA}"`],
  ['morgan common', 'expressjs/morgan README', (s) => `::ffff:169.254.1.1 - - [04/Dec/2026:10:00:00 +0000] "GET ${PATH} HTTP/1.1" ${s} 1432`],
  ['morgan dev', 'expressjs/morgan README (`:method :url :status :response-time ms - :res[content-length]`)', (s) => `GET ${PATH} ${s} 12.345 ms - 1432`],
  ['morgan dev, coloured', 'morgan dev on a terminal', (s) => `\x1b[0mGET ${PATH} \x1b[${s >= 500 ? 31 : 32}m${s}\x1b[0m 12.345 ms - 1432\x1b[0m`],
  ['morgan short', 'expressjs/morgan README', (s) => `::ffff:169.254.1.1 - GET ${PATH} HTTP/1.1 ${s} 1432 - 12.345 ms`],
  ['morgan tiny', 'expressjs/morgan README', (s) => `GET ${PATH} ${s} 1432 - 12.345 ms`],
  ['koa-logger', 'koajs/logger README (`--> GET / 200 835ms 746b`)', (s) => `  --> GET ${PATH} ${s} 835ms 2.1kb`],
  ['hono logger', "hono's logger middleware (`--> GET / 200 12ms`)", (s) => `--> GET ${PATH} \x1b[${s >= 500 ? 31 : 32}m${s}\x1b[0m 12ms`],
  ['Moleculer-web', 'moleculer-web logResponse (`<= 500 GET /api/orders [+5.123 ms]`)', (s) => `api-7f3c9-1/API: <= ${s} GET ${PATH} [+5.123 ms]`],
  ['NestJS request middleware', 'the LoggerMiddleware pattern of Nest guides (`${method} ${originalUrl} ${statusCode} ${contentLength} - ${userAgent} ${ip}`)', (s) => `GET ${PATH} ${s} 1432 - ${UA} ::ffff:169.254.1.1`],
  // Python
  ['uvicorn', 'uvicorn AccessFormatter', (s) => `169.254.169.126:46735 - "GET ${PATH} HTTP/1.1" ${s} ${REASON[s]}`],
  ['gunicorn', 'gunicorn access_log_format default', (s) => `169.254.1.1 - - [04/Dec/2026:10:00:00 +0000] "GET ${PATH} HTTP/1.1" ${s} 290 "-" "python-requests/2.32.3"`],
  ['hypercorn', 'hypercorn access_log_format, `%(r)s` = method, path, version (Scille/parsec-cloud#2688: `GET /foo 1.1 404 823`)', (s) => `169.254.1.1:0 - - [04/Dec/2026:10:00:00 +0000] "GET ${PATH} 1.1" ${s} 290 "-" "curl/8.5.0"`],
  ['werkzeug', 'werkzeug serving log_request', (s) => `127.0.0.1 - - [04/Dec/2026 10:00:00] "GET ${PATH} HTTP/1.1" ${s} -`],
  ['Django runserver', 'django.server WSGIRequestHandler', (s) => `[04/Dec/2026 10:00:00] "GET ${PATH} HTTP/1.1" ${s} 145`],
  ['aiohttp', 'aiohttp AccessLogger default `%a %t "%r" %s %b "%{Referer}i" "%{User-Agent}i"`', (s) => `169.254.1.1 [04/Dec/2026:10:00:00 +0000] "GET ${PATH} HTTP/1.1" ${s} 245 "-" "curl/8.5.0"`],
  ['CherryPy', 'cherrypy _cplogging access format', (s) => `169.254.1.1 - - [04/Dec/2026:10:00:00] "GET ${PATH} HTTP/1.1" ${s} 1234 "" "${UA}"`],
  ['Tornado', 'tornado.access log_request (tornadoweb/tornado#714, #3114: `400 GET /ws (87.201.244.252) 0.31ms`)', (s) => `${s} GET ${PATH} (169.254.1.1) 12.34ms`],
  ['Sanic', 'sanic.access `%(request)s %(message)s %(status)d %(byte)d`', (s) => `GET http://orders-abc123-ew.a.run.app${PATH}  ${s} 144`],
  // Go
  ['gin', 'gin defaultLogFormatter', (s) => `[GIN] 2026/12/04 - 10:00:00 | ${s} |    1.234567ms |     169.254.1.6 | GET      "${PATH}"`],
  ['chi middleware.Logger', 'chi DefaultLogFormatter', (s) => `"GET http://orders.internal${PATH} HTTP/1.1" from 169.254.1.1:53796 - ${s} 21B in 1.234ms`],
  ['echo text format', 'echo Logger docs (`method=${method}, uri=${uri}, status=${status}`)', (s) => `method=GET, uri=${PATH}, status=${s}`],
  ['fiber', 'gofiber/fiber#2561 (`22:13:06 [127.0.0.1] 200 -    1.218709ms GET /`)', (s) => `22:13:06 [169.254.1.1] ${s} -    1.218709ms GET ${PATH}`],
  ['fiber columns', 'fiber logger default `${time} | ${status} | ${latency} | ${ip} | ${method} | ${path} | ${error}`', (s) => `10:00:00 | ${s} |   1.234ms |  169.254.1.1 | GET     | ${PATH} | -`],
  ['go-zero', 'go-zero rest/handler/loghandler.go (`[HTTP] 503 - GET /api/orders/1 - 1.2.3.4 - curl/8.5.0`)', (s) => `[HTTP] ${s} - GET ${PATH} - 203.0.113.7 - ${UA}`],
  ['go-zero, older', 'go-zero loghandler.go, earlier releases (`[HTTP] METHOD - code - uri - …`)', (s) => `[HTTP] GET - ${s} - ${PATH} - 203.0.113.7 - curl/8.5.0`],
  ['Gorilla handlers', 'gorilla/handlers CombinedLoggingHandler', (s) => `169.254.1.1 - - [04/Dec/2026:10:00:00 +0000] "GET ${PATH} HTTP/1.1" ${s} 1432 "" "okhttp/4.12.0"`],
  ['Iris', 'iris logger middleware (`200 4.251µs ::1 GET /`)', (s) => `${s} 4.251ms 169.254.1.1 GET ${PATH}`],
  // Ruby
  ['Rack CommonLogger / Puma', 'Rack::CommonLogger FORMAT', (s) => `169.254.1.1 - - [04/Dec/2026:10:00:00 +0000] "GET ${PATH} HTTP/1.1" ${s} - 0.0123`],
  ['Hanami', 'hanami 2 rack logger (`GET 200 129µs 127.0.0.1 / -`)', (s) => `[bookshelf] [INFO] [2026-12-04 10:00:00 +0000] GET ${s} 129ms 169.254.1.1 ${PATH} -`],
  ['lograge', 'lograge default KeyValue formatter', (s) => `method=GET path=${PATH} format=json controller=OrdersController action=show status=${s} duration=12.30 view=0.00 db=2.10`],
  // PHP
  ['PHP built-in server', "php -S (`[Sat Dec 28 11:37:30 2013] 127.0.0.1:53757 [500]: /`, the method since PHP 7.4)", (s) => `[Fri Dec  4 10:00:00 2026] 169.254.1.1:53757 [${s}]: GET ${PATH}`],
  ['php-fpm access.log', 'php-fpm access.format default `%R - %u %t "%m %r%Q%q" %s`', (s) => `169.254.1.1 -  04/Dec/2026:10:00:00 +0000 "GET /index.php" ${s}`],
  ['Symfony local server', 'symfony/symfony#40189 (`|ERROR  | SERVER GET  (500) /img/favicon.png`)', (s) => `[Web Server ] Feb 14 21:06:10 |${s >= 500 ? 'ERROR' : 'INFO '}  | SERVER GET  (${s}) ${PATH} ip="::1"`],
  ['Laravel Octane', 'laravel/octane#654', (s) => `  ${s}    GET ${PATH} ${'.'.repeat(60)} 165.14 ms`],
  // JVM
  ['Tomcat AccessLogValve / Undertow / Micronaut / Quarkus common', '`%h %l %u %t "%r" %s %b`', (s) => `169.254.1.1 - - [04/Dec/2026:10:00:00 +0000] "GET ${PATH} HTTP/1.1" ${s} 1234`],
  ['Jetty NCSA', 'Jetty CustomRequestLog NCSA extended', (s) => `169.254.1.1 - - [04/Dec/2026:10:00:00 +0000] "GET ${PATH} HTTP/1.1" ${s} 1234 "-" "curl/8.5.0"`],
  ['Reactor Netty access log', 'reactor-netty AccessLog default', (s) => `169.254.1.1 - - [04/Dec/2026:10:00:00 +0000] "GET ${PATH} HTTP/1.1" ${s} 0 12 ms`],
  ['Ktor CallLogging', 'ktor CallLogging default `${status}: ${httpMethod.value} - ${uri}`', (s) => `${s} ${REASON[s]}: GET - ${PATH}`],
  ['Ktor CallLogging, timed', 'ktor 2.3 CallLogging (`… in 12ms`)', (s) => `${s} ${REASON[s]}: GET - ${PATH} in 12ms`],
  // .NET
  ['ASP.NET Core', 'Microsoft.AspNetCore.Hosting.Diagnostics[2]', (s) => `Request finished HTTP/1.1 GET http://orders.internal${PATH} - ${s} 0 - 31.2290ms`],
  ['Serilog request logging', 'serilog/serilog-aspnetcore#344 (`HTTP GET /api/test responded 500 in 55.9105 ms`)', (s) => `HTTP GET ${PATH} responded ${s} in 55.9105 ms`],
  // Rust
  ['tower-http TraceLayer', 'Embucket/embucket-labs#165 (`request{method=GET uri=/ping version=HTTP/1.1}: tower_http::trace::on_response: finished processing request latency=1 ms status=404`)',
    (s) => `request{method=GET uri=${PATH} version=HTTP/1.1}: tower_http::trace::on_response: finished processing request latency=1 ms status=${s}`],
  ['actix-web Logger', 'actix Logger default `%a "%r" %s %b "%{Referer}i" "%{User-Agent}i" %T`', (s) => `169.254.1.1 "GET ${PATH} HTTP/1.1" ${s} 0 "-" "curl/8.5.0" 0.001234`],
  ['warp log', 'warp::log', (s) => `169.254.1.1:53412 "GET ${PATH} HTTP/1.1" ${s} "-" "curl/8.5.0" 1.234ms`],
  // Proxies
  ['Envoy', 'Envoy default access log format', (s) => `[2026-12-04T10:00:00.000Z] "GET ${PATH} HTTP/1.1" ${s} UF 0 91 12 - "169.254.1.1" "curl/8.5.0" "f7c1e8d3-4a1b-4c2d-9e0f-123456789abc" "orders.example" "10.0.0.2:8080"`],
  ['Traefik CLF', 'Traefik access log common format', (s) => `169.254.1.1 - - [04/Dec/2026:10:00:00 +0000] "GET ${PATH} HTTP/1.1" ${s} 21 "-" "-" 1 "orders@docker" "http://10.0.0.2:8080" 12ms`],
];

// Lines that name a method, a URL or path and a 5xx status, or a count of 500, and are no server's
// record of a request it answered.
const NOT_ACCESS: readonly [string, string][] = [
  // an outbound call's error, as HTTP clients word it
  ['a client log line', 'GET https://partner.example/api/rates returned 503'],
  ['axios', 'AxiosError: Request failed with status code 500'],
  ['axios, bare', 'Request failed with status code 503'],
  ['got', 'HTTPError: Response code 503 (Service Unavailable)'],
  ['requests', 'requests.exceptions.HTTPError: 500 Server Error: Internal Server Error for url: https://api.partner.example/v2/quotes'],
  ['httpx INFO', 'HTTP Request: POST https://api.partner.example/v1/charges "HTTP/1.1 503 Service Unavailable"'],
  ['httpx raise_for_status', "httpx.HTTPStatusError: Server error '503 Service Unavailable' for url 'https://api.partner.example/v1/charges'"],
  ['Guzzle', 'Server error: `GET https://partner.example/api/rates` resulted in a `503 Service Unavailable` response'],
  ['Spring WebClient', 'org.springframework.web.reactive.function.client.WebClientResponseException$ServiceUnavailable: 503 Service Unavailable from GET https://partner.example/api/rates'],
  ['Spring RestTemplate', '500 Internal Server Error on GET request for "https://partner.example/api/rates": [no body]'],
  ['reqwest', 'HTTP status server error (500 Internal Server Error) for url (https://partner.example/api/rates)'],
  ['.NET HttpClient', 'System.Net.Http.HttpRequestException: Response status code does not indicate success: 502 (Bad Gateway).'],
  ['Faraday', 'Faraday::ServerError: the server responded with status 500'],
  ['a Go client error', 'unexpected status 503 from GET https://partner.example/api/rates'],
  ['a Go client error, bare', 'GET https://partner.example/api/rates: 503 Service Unavailable'],
  ['Ktor client', 'Server error(GET https://partner.example/api/rates: 503 Service Unavailable. Text: "upstream connect error"'],
  ['an application error naming its request', 'upstream GET /cart answered 500 after 3 retries'],
  ['an exception naming its request', 'RuntimeError: GET /cart 500: basket service unavailable'],
  ['a test failure', 'expected GET /api/orders/8812 to return 200, got 500'],
  // a line about a route
  ['NestJS RouterExplorer', 'Mapped {/api/orders/:id, GET} route +2ms'],
  ['gin debug', '[GIN-debug] GET    /api/orders/:id           --> main.getOrder (3 handlers)'],
  ['Laravel route:list', '  GET|HEAD  api/orders/{order} ........................ orders.show › OrderController@show'],
  ['a route registered', 'registered route GET /api/orders/:id with 500 ms timeout'],
  // 500 as a count or a time
  ['a count of requests', 'Processed 500 GET requests in 12 ms'],
  ['a duration', 'GET /api/orders/8812 took 500 ms'],
  ['a retry delay', 'retrying GET /api/orders/8812 in 500 ms (attempt 2)'],
  ['a rate limit', 'rate limit: 500 GET /api/orders per minute'],
  ['a count beside a request', 'cache warmup: 503 entries for GET /api/orders'],
  // an error report headed by its request: the failure, not its request's record
  ['Ghost, its error under its request line', '"GET /blog/" 500 22ms\n\nKnex: Timeout acquiring a connection. The pool is probably full. Are you missing a .transacting(trx) call?\n\nError ID:\n    e8e0de98-721c-448d-ac72-6fa4a9c9cd00\n\n----------------------------------------\n\nKnexTimeoutError: Knex: Timeout acquiring a connection.\n    at Client_MySQL2.acquireConnection (/var/lib/ghost/versions/5.105.0/node_modules/knex/lib/client.js:332:26)'],
  ['a request line over a trace', 'GET /api/orders/8812 500 12.345 ms - 1432\nTypeError: Cannot read properties of undefined (reading \'id\')\n    at show (/app/routes/orders.js:12:20)'],
  // nginx's error log names the request but no status it answered
  ['nginx error log', '2026/12/04 10:00:00 [error] 7#7: *1 upstream prematurely closed connection while reading response header from upstream, client: 10.0.0.1, server: _, request: "GET /api/orders/8812 HTTP/1.1", upstream: "http://127.0.0.1:9000/api/orders/8812", host: "orders.example"'],
];

const raw = (textPayload: string): RawEntry => ({ timestamp: '2026-12-04T10:00:00Z', resource: { type: 'cloud_run_revision', labels: { service_name: 'orders' } }, textPayload, labels: { instanceId: '00ab' } });


describe('access records in the formats frameworks document', () => {
  it('has at least 30 formats to read', () => {
    expect(FORMATS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(FORMATS)('%s (%s): a 5xx is read as a request answered 5xx', (_name, _from, line) => {
    for (const status of [500, 502, 503, 504]) expect({ line: line(status), read: answeredServerError(line(status)) }).toEqual({ line: line(status), read: true });
  });

  it.each(FORMATS)('%s (%s): read alone, a line ending its record', (_name, _from, line) => {
    expect(answeredServerError(`${line(503)}\n`)).toBe(true);
  });

  it.each(FORMATS)('%s (%s): a 2xx, 3xx or 4xx is not', (_name, _from, line) => {
    for (const status of [200, 304, 404]) expect({ line: line(status), read: answeredServerError(line(status)) }).toEqual({ line: line(status), read: false });
  });

  // The formats whose line names its request as Cloud Run's request log does (the quoted request line,
  // ASP.NET Core's, gin's, Octane's): read at ERROR as that request's log. The others are marked, not
  // raised: their level stays their logger's (access-status.ts, namedRequest, says why).
  const NAMED = new Set(['morgan combined', 'morgan common', 'uvicorn', 'gunicorn', 'werkzeug', 'Django runserver', 'aiohttp', 'CherryPy', 'gin', 'Gorilla handlers',
    'Rack CommonLogger / Puma', 'Laravel Octane', 'Tomcat AccessLogValve / Undertow / Micronaut / Quarkus common', 'Jetty NCSA', 'Reactor Netty access log', 'ASP.NET Core',
    'actix-web Logger', 'warp log', 'Envoy', 'Traefik CLF']);

  it.each(FORMATS)('%s (%s): names its request, and is read at ERROR, only in a shape of the request log', (name, _from, line) => {
    const record = raw(line(503));
    expect(namedRequest(line(503)) !== null).toBe(NAMED.has(name));
    // (Symfony's line names its logger's level, ERROR for a 5xx: that level is not the status's doing.)
    if (!/ERROR/.test(line(503))) expect(entrySeverityWithSource(record).severity === 'ERROR').toBe(NAMED.has(name));
    if (NAMED.has(name)) {
      expect(accessRequest(line(503))?.path).toBe(PATH);
      expect(mayMatter(record, 'ERROR') && meetsSeverityFloor(record, 'NOTICE')).toBe(true);
      expect(new RegExp(severityTextPattern('ERROR').replace('(?i)', ''), 'i').test(line(503))).toBe(true);
    }
  });

  it.each(NOT_ACCESS)('%s is no access record: %s', (_name, line) => {
    expect(answeredServerError(line)).toBe(false);
    expect(namedRequest(line)).toBeNull();
  });
});

describe('accessLine', () => {
  it.each(FORMATS)('%s (%s): reads the method, target and status of any status', (_name, _from, line) => {
    for (const status of [200, 404, 503]) expect(accessLine(line(status))).toMatchObject({ method: 'GET', status });
  });

  it.each([
    // the service's own host: loopback, a private address, a bare name, Cloud Run's, a cluster's
    ['GET http://localhost:8000/api/orders/8812  503 144', true],
    ['GET http://10.8.0.4:8080/api/orders/8812 503 12ms', true],
    ['GET http://orders:8080/api/orders/8812 503 12ms', true],
    ['GET https://orders-abc123-ew.a.run.app/api/orders/8812 503 12ms', true],
    // the request line as it was received, whatever its host (a proxy's absolute form)
    ['"GET https://partner.example/api/rates HTTP/1.1" from 10.0.0.1:53796 - 503 21B in 1.234ms', true],
    // another host, printed bare: an outbound call
    ['GET https://partner.example/api/rates 503 12ms', false],
  ])('%s: inbound %s', (line, inbound) => {
    expect(accessLine(line) !== null).toBe(inbound);
  });

  it('reads no status inside the target, nor a count or a time after it', () => {
    expect(accessLine('GET /api/orders/500 200 12ms')).toMatchObject({ status: 200 });
    expect(accessLine('GET /api/orders/8812 took 503 ms')).toBeNull();
  });

  it('reads one line: lines under it are another record', () => {
    expect(accessLine('GET /api/orders/8812 503 12ms\nTypeError: x')).toBeNull();
  });
});
