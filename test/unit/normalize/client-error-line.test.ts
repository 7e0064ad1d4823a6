// The 4xx an access line says its request was answered with, in each server's documented default line.
import { answeredClientError } from '../../../src/normalize/client-error-line.js';

describe('answeredClientError', () => {
  it.each([
    // uvicorn's access line, as pasted in encode/uvicorn#1170.
    ['uvicorn', 'INFO:     127.0.0.1:58154 - "POST /token HTTP/1.1" 422 Unprocessable Entity', 422],
    ['uvicorn under gunicorn, no level', '169.254.3.95:47069 - "POST /holds HTTP/1.1" 409', 409],
    // NCSA combined, as nginx writes it.
    ['nginx combined', '10.0.0.7 - - [05/Dec/2026:10:00:00 +0000] "GET /api/orders/7 HTTP/1.1" 404 153 "-" "curl/8.5.0"', 404],
    ['Rails', 'I, [2026-12-05T10:00:00.123456 #1]  INFO -- : [5f1c] Completed 409 Conflict in 12ms (ActiveRecord: 1.2ms)', 409],
    ['ASP.NET Core', 'info: Microsoft.AspNetCore.Hosting.Diagnostics[2] Request finished HTTP/1.1 POST http://pay/webhooks/stripe - 400 0 - 3.1ms', 400],
    ['Phoenix', '10:00:00.123 request_id=F9x [info] Sent 422 in 4ms', 422],
    ['gin', '[GIN] 2026/12/04 - 00:02:55 | 429 |     4.074557s |     169.254.1.6 | GET      "/v1/profile/u1"', 429],
    // Serilog.AspNetCore's request logging (its default completion template, serilog/serilog-aspnetcore#94,
    // #344): on the console template, strings bare; in a JSON formatter's rendered message, quoted.
    ['Serilog request logging', '[00:13:16 INF] HTTP POST /invoices/737104/send responded 400 in 7.0348 ms', 400],
    ['Serilog request logging, no header', 'HTTP GET /api/test responded 404 in 55.9105 ms', 404],
    ['Serilog request logging, rendered', 'HTTP "POST" "/invoices/777235/send" responded 400 in 2.0789 ms', 400],
    ['Serilog request logging, {Properties:j} after', '[15:31:09 INF] HTTP GET / responded 404 in 13.8298 ms {"RequestId": "0HLNOCKKFBOL3:00000003", "CorrelationId": null}', 404],
    ['Serilog request logging, a query', 'HTTP "GET" "/search?q=a b" responded 422 in 12 ms', 422],
  ])('reads %s', (_, line, status) => {
    expect(answeredClientError(line)).toBe(status);
  });

  it.each([
    ['a 5xx (access-status.ts reads it)', '127.0.0.1:58154 - "GET /x HTTP/1.1" 500 Internal Server Error'],
    ['a 2xx', '127.0.0.1:58154 - "GET /x HTTP/1.1" 200 OK'],
    ['a status in prose', 'upstream answered 409 for hold h_1'],
    ['a size that reads like a status', '"GET /x HTTP/1.1" 200 404'],
    ['an access line with a trace under it', '127.0.0.1:1 - "GET /x HTTP/1.1" 404\nTraceback (most recent call last):'],
    ['Serilog request logging of a 5xx', 'HTTP POST /invoices responded 500 in 30012.1234 ms'],
    ['Serilog request logging of a 2xx', 'HTTP "GET" "/invoices" responded 200 in 27.5648 ms'],
    ['an outbound call in words', 'HTTP POST https://pdf.internal/render responded 429 after 3 attempts'],
    ['a message that says a status responded', 'Partner API responded 404 in 12 ms for HTTP GET'],
  ])('leaves %s alone', (_, line) => {
    expect(answeredClientError(line)).toBeNull();
  });
});
