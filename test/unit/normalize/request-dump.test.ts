// An access line over the dump of its own request (Go's httputil.DumpRequest, as go-zero's access log
// appends it for a request not answered OK) is that request's record; other lines under it are not.
import { isRequestDump } from '../../../src/normalize/request-dump.js';
import { answeredServerError, namedRequest } from '../../../src/normalize/access-status.js';

const LINE = '[HTTP] 503 - GET /api/orders/1 - 1.2.3.4 - curl/8.5.0';
const DUMP = 'GET /api/orders/1 HTTP/1.1\r\nHost: api-gozero-abc-ew.a.run.app\r\nUser-Agent: curl/8.5.0\r\nAccept: application/json\r\nTraceparent: 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\r\nX-Forwarded-For: 1.2.3.4\r\n\r\n';

describe('isRequestDump', () => {
  it.each([
    ['the dump alone', DUMP],
    ['LF line ends', DUMP.replace(/\r\n/g, '\n')],
    ["logx plain's fields after it", `${DUMP}\tcaller=handler/loghandler.go:160\tduration=1.2ms\tspan=b7ad6b7169203331\ttrace=0af7651916cd43dd8448eb211c80319c`],
    ['a body after the blank line', 'GET /api/orders/1 HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n\r\n{"sku":"A-1","qty":2}'],
    ['headers to the end', 'GET /api/orders/1 HTTP/1.1\nHost: h\nAccept: */*'],
  ])('reads %s', (_name, rest) => {
    expect(isRequestDump(rest, 'GET', '/api/orders/1')).toBe(true);
  });

  it.each([
    ['another request', DUMP.replace('/api/orders/1 ', '/api/orders/2 '), 'GET'],
    ['another method', DUMP, 'POST'],
    ['a trace', 'Traceback (most recent call last):\n  File "/app/x.py", line 3, in f', 'GET'],
    ['a header block that turns into prose', 'GET /api/orders/1 HTTP/1.1\nHost: h\nthen the handler failed', 'GET'],
    ['a request line with no protocol', 'GET /api/orders/1\nHost: h', 'GET'],
  ])('leaves %s', (_name, rest, method) => {
    expect(isRequestDump(rest, method, '/api/orders/1')).toBe(false);
  });
});

describe('an access line over its request dump', () => {
  it('is the record of a request answered 5xx, with LF or CRLF after the line', () => {
    expect(answeredServerError(`${LINE}\n${DUMP}`)).toBe(true);
    expect(answeredServerError(`${LINE}\r\n${DUMP}`)).toBe(true);
    // marked, not read as the request's log (access-status.ts, namedRequest)
    expect(namedRequest(`${LINE}\n${DUMP}`)).toBeNull();
  });

  it('is no access record when other lines follow it, or the dump is of another request', () => {
    expect(answeredServerError(`${LINE}\nfind order 1: circuit breaker is open`)).toBe(false);
    expect(answeredServerError(`${LINE}\n${DUMP.replace('/api/orders/1 ', '/api/orders/2 ')}`)).toBe(false);
  });
});
