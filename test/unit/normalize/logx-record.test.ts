// go-zero's logx JSON records (`Encoding: json`) as go-zero's own examples and pasted logs show them:
// the message is `content`, read only beside logx's `caller` and `level`.
import { describe, expect, it } from '@jest/globals';
import { jsonMessage } from '../../../src/normalize/json-message.js';
import { logxContent } from '../../../src/normalize/logx-record.js';

// zeromicro/go-zero#1847's output of `logx.Errorw("failed to fetch URL", logx.Field("url", …), …)`.
const ERRORW = { '@timestamp': '2022-04-30T13:00:23.692+08:00', attempt: 3, backoff: '1s', caller: 'main.go:20', content: 'failed to fetch URL', level: 'error', url: 'http://localhost:8080/hello' };
// A handler's error with the request's context (`trace`, `span`).
const WITH_TRACE = { '@timestamp': '2026-12-08T10:00:00.123Z', caller: 'logic/getorderlogic.go:41', content: 'find order 1234567: circuit breaker is open', level: 'error', span: '4a2f0c1d9e8b7a65', trace: '0af7651916cd43dd8448eb211c80319c' };
// rest's access log of a 5xx: the request dumped after the first line.
const ACCESS_5XX = { '@timestamp': '2026-12-08T10:00:00.423Z', caller: 'handler/loghandler.go:160', content: '[HTTP] 503 - GET /api/orders/1234567 - 203.0.113.9 - curl/8.5.0\nGET /api/orders/1234567 HTTP/1.1\r\nHost: api.example.com\r\nUser-Agent: curl/8.5.0\r\n\r\n', duration: '1.2ms', level: 'error', span: '4a2f0c1d9e8b7a65', trace: '0af7651916cd43dd8448eb211c80319c' };
// logx's `slow` level with a duration.
const SLOW = { '@timestamp': '2026-12-08T10:00:00.000Z', caller: 'handler/loghandler.go:153', content: '[HTTP] 200 - GET /api/products?page=3 - 203.0.113.9 - curl/8.5.0 - slowcall(812.4ms)', duration: '812.4ms', level: 'slow' };

describe('logxContent', () => {
  it.each([
    ['Errorw with fields', ERRORW, 'failed to fetch URL'],
    ['a record with a trace', WITH_TRACE, 'find order 1234567: circuit breaker is open'],
    ['a slow record', SLOW, SLOW.content],
  ])('%s: the content', (_n, payload, expected) => {
    expect(logxContent(payload)).toBe(expected);
  });

  it.each([
    ['content without caller and level (a document)', { id: 7, title: 'Quarterly report', content: 'Revenue grew 4%' }],
    ['content with a level but no caller', { level: 'error', content: 'x y z' }],
    ['a numeric level (pino) beside content', { level: 50, caller: 'a.go:1', content: 'boom' }],
    ['Infov of an object', { '@timestamp': 't', caller: 'main.go:9', content: { url: 'x', attempt: 3 }, level: 'info' }],
    ['empty content', { '@timestamp': 't', caller: 'main.go:9', content: '  ', level: 'error' }],
  ])('%s: none', (_n, payload) => {
    expect(logxContent(payload as Record<string, unknown>)).toBeNull();
  });
});

describe('jsonMessage of a logx record', () => {
  it('reads the content, not the whole object', () => {
    expect(jsonMessage(WITH_TRACE)?.text).toBe('find order 1234567: circuit breaker is open');
    expect(jsonMessage(ERRORW)?.text).toBe('failed to fetch URL');
  });

  it('keeps the dumped request after the access line', () => {
    const text = jsonMessage(ACCESS_5XX)?.text ?? '';
    expect(text.startsWith('[HTTP] 503 - GET /api/orders/1234567 - 203.0.113.9 - curl/8.5.0\n')).toBe(true);
    expect(text).not.toContain('"caller"');
  });

  it('a message key still comes first', () => {
    expect(jsonMessage({ caller: 'a.go:1', level: 'error', message: 'the message', content: 'a body' })?.text).toBe('the message');
  });
});
