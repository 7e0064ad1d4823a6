// tracing-bunyan-formatter's record of a request span closing (tracing-actix-web's root span): the
// request's method, target and the status its span recorded.
import { describe, expect, it } from '@jest/globals';
import { extractMessage } from '../../../src/normalize/extract-message.js';
import { spanCloseRequest } from '../../../src/normalize/span-close-record.js';

/** A Bunyan record as tracing-bunyan-formatter writes one, the span's fields flattened into it. */
function bunyan(msg: string, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    v: 0, name: 'quotes', msg, level: 30, hostname: 'localhost', pid: 1, time: '2026-12-09T10:00:00.123456789Z',
    target: 'tracing_actix_web::root_span_builder', line: 41, file: 'src/root_span_builder.rs',
    'http.client_ip': '34.157.249.143', 'http.flavor': '1.1', 'http.host': 'quotes.example', 'http.method': 'POST', 'http.route': '/v1/quotes',
    'http.scheme': 'http', 'http.target': '/v1/quotes?currency=EUR', 'otel.kind': 'server', 'otel.name': 'HTTP POST /v1/quotes', request_id: '6b7f3c1e-7d7a-4a3e-9d61-1f0c2b9a4e55',
    ...fields,
  };
}

const failed = (status: number): Record<string, unknown> => bunyan('[HTTP REQUEST - END]', {
  elapsed_milliseconds: 5012, 'http.status_code': status, 'otel.status_code': 'ERROR',
  'exception.message': 'Failed to fetch FX rate', 'exception.details': 'Failed to fetch FX rate\n\nCaused by:\n\toperation timed out\n',
});

describe('spanCloseRequest', () => {
  it.each([
    ['a 500', failed(500), { method: 'POST', target: '/v1/quotes?currency=EUR', status: 500 }],
    ['a 422', failed(422), { method: 'POST', target: '/v1/quotes?currency=EUR', status: 422 }],
    ['a 200', bunyan('[HTTP REQUEST - END]', { elapsed_milliseconds: 3, 'http.status_code': 200, 'otel.status_code': 'OK' }), { method: 'POST', target: '/v1/quotes?currency=EUR', status: 200 }],
    // OpenTelemetry's newer HTTP names (semantic conventions 1.23): `http.request.method`, `url.path`, `http.response.status_code`.
    ['the newer attribute names', { msg: '[HTTP REQUEST - END]', 'http.request.method': 'GET', 'url.path': '/v1/rates', 'http.response.status_code': '503' }, { method: 'GET', target: '/v1/rates', status: 503 }],
  ])('reads %s', (_, record, request) => {
    expect(spanCloseRequest(record)).toEqual(request);
  });

  it.each([
    ['the span opening', bunyan('[HTTP REQUEST - START]', {})],
    ['an event inside the span (its fields, no status)', bunyan('[HTTP REQUEST - EVENT] Failed to fetch FX rate', { level: 50, error: 'operation timed out' })],
    ['an event inside the span that says a status', bunyan('[HTTP REQUEST - EVENT] partner answered', { 'http.status_code': 502 })],
    ['a span closing with no status', bunyan('[RELOAD TARIFFS - END]', { elapsed_milliseconds: 812 })],
    ['a status that is no HTTP status', bunyan('[HTTP REQUEST - END]', { 'http.status_code': 'ok' })],
    ['no method', { msg: '[HTTP REQUEST - END]', 'http.target': '/x', 'http.status_code': 500 }],
  ])('leaves %s alone', (_, record) => {
    expect(spanCloseRequest(record)).toBeNull();
  });
});

describe('the record of a request span closed on a 5xx', () => {
  it('reads as that request\'s log, as an access line of it does', () => {
    expect(extractMessage({ jsonPayload: failed(500) })).toEqual({
      text: 'POST /v1/quotes 500', request: { method: 'POST', path: '/v1/quotes', status: 500, accessLine: true },
    });
  });

  it('keeps its own words on a 4xx or a 2xx (chatter, or a client\'s error placed by where it was written)', () => {
    expect(extractMessage({ jsonPayload: failed(422) })?.request).toBeUndefined();
    expect(extractMessage({ jsonPayload: bunyan('[HTTP REQUEST - END]', { 'http.status_code': 200 }) })?.request).toBeUndefined();
  });
});
