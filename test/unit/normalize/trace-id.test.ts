// The request's trace id an entry carries (normalize/trace-id.ts), read from where Cloud Run, logging
// libraries and tracers put it, and never from text that only looks like one.
import { describe, expect, it } from '@jest/globals';
import { entryTraceId, payloadTraceId, textTraceId, traceKey } from '../../../src/normalize/trace-id.js';
import { normalizeEntry } from '../../../src/normalize/normalize-entry.js';
import type { Entry, RawEntry } from '../../../src/shared/types.js';

const ID = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('the trace id of a JSON record', () => {
  it.each<[string, Record<string, unknown>, string]>([
    // go-zero's logx JSON, as pasted in a go-zero tutorial (the access record of one request)
    ['go-zero logx `trace`', { '@timestamp': '2025-06-29T23:37:56.124+08:00', caller: 'handler/loghandler.go:147', content: '[HTTP] 200 - POST /api/user/register - 127.0.0.1:57909 - curl/8.1.2', duration: '0.2ms', level: 'info', span: 'f210f98902642b4e', trace: '4a1bbe0e100b64023b7630d64bc813dd' }, '4a1bbe0e100b64023b7630d64bc813dd'],
    // Cloud Run's structured-logging sample, before the field is lifted into the entry (a file)
    ['logging.googleapis.com/trace', { severity: 'ERROR', message: 'x', 'logging.googleapis.com/trace': `projects/shop-prod/traces/${ID}` }, ID],
    // OpenTelemetry's "Trace Context in non-OTLP Log Formats": top-level trace_id, lower-case hex
    ['OpenTelemetry trace_id', { timestamp: 1581385157.14429, body: 'Incoming request', trace_id: ID, span_id: '00f067aa0ba902b7' }, ID],
    ['OpenTelemetry trace_id printed 0x-prefixed', { body: 'x', trace_id: `0x${ID}`, span_id: '0x00f067aa0ba902b7' }, ID],
    ['traceId (OTLP JSON, pino / winston instrumentations)', { level: 50, msg: 'x', traceId: ID.toUpperCase() }, ID],
    // Datadog's Node tracer nests its ids; Python's and Java's write the low 64 bits in decimal
    ['Datadog nested dd.trace_id (decimal)', { level: 'error', message: 'x', dd: { trace_id: '5165427312394791237', span_id: '1', service: 'orders' } }, '000000000000000047af48c5e4646945'],
    ['Datadog flat dd.trace_id (decimal number)', { message: 'x', 'dd.trace_id': 123456789 }, '000000000000000000000000075bcd15'],
    // Datadog's PHP tracer, in Monolog's context
    ['Datadog in Monolog context', { message: 'Hello, World!', context: { 'dd.trace_id': '1234567890abcdef', 'dd.span_id': '1234567890abcdef' }, level_name: 'ERROR' }, '00000000000000001234567890abcdef'],
    // ECS (ecs-logging): trace.id
    ['ECS trace.id', { '@timestamp': '2026-12-05T10:00:00.000Z', 'log.level': 'error', message: 'x', trace: { id: ID }, span: { id: '00f067aa0ba902b7' } }, ID],
    // Microsoft.Extensions.Logging's JSON console with IncludeScopes
    ['.NET JSON console Scopes', { EventId: 1, LogLevel: 'Error', Category: 'Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware', Message: 'An unhandled exception has occurred while executing the request.', Scopes: [{ Message: 'SpanId:00f067aa0ba902b7, TraceId:x, ParentId:0000000000000000', SpanId: '00f067aa0ba902b7', TraceId: ID, ParentId: '0000000000000000' }, { ConnectionId: '0HN8ABC' }] }, ID],
    // Serilog's JsonFormatter (Properties) and compact JSON (@tr)
    ['Serilog Properties.TraceId', { Timestamp: '2026-12-05T10:00:00.0000000+00:00', Level: 'Error', MessageTemplate: 'x', Properties: { TraceId: ID, SourceContext: 'Orders' } }, ID],
    ['Serilog CLEF @tr', { '@t': '2026-12-05T10:00:00.0000000Z', '@mt': 'x', '@l': 'Error', '@tr': ID, '@sp': '00f067aa0ba902b7' }, ID],
    // The request's own headers, which Cloud Run sets on every request it forwards (traceparent and
    // X-Cloud-Trace-Context), logged with the request: pino-http's req serializer (on every record a
    // handler logs through req.log as well as on `request completed`), express-winston's meta.req.
    ['pino-http req.headers.traceparent', { level: 50, msg: 'request errored', req: { id: 1, method: 'GET', url: '/x', headers: { host: 'shop.run.app', traceparent: `00-${ID}-00f067aa0ba902b7-01` } }, res: { statusCode: 500 } }, ID],
    ['pino-http req.headers x-cloud-trace-context', { level: 30, msg: 'request completed', req: { id: 1, method: 'POST', url: '/x', headers: { 'x-cloud-trace-context': `${ID}/8453025498567411207;o=1` } }, res: { statusCode: 500 } }, ID],
    ['express-winston meta.req.headers', { level: 'error', message: 'middlewareError', meta: { req: { url: '/checkout', headers: { traceparent: `00-${ID}-00f067aa0ba902b7-01` }, method: 'POST' } } }, ID],
  ])('%s', (_name, payload, expected) => {
    expect(payloadTraceId(payload)).toBe(expected);
  });

  it.each<[string, Record<string, unknown>]>([
    ['a stack trace in `trace`', { message: 'x', trace: '#0 /app/src/Db.php(42): PDO->query()\n#1 {main}' }],
    ['PHP frames as a list', { message: 'x', context: { exception: { trace: ['/app/src/Db.php:42'] } }, trace: ['#0 /app/a.php(1)'] }],
    ['OpenTelemetry logging outside any span (all zeros)', { message: 'x', trace_id: '00000000000000000000000000000000', otelTraceID: '0' }],
    ['a count in `trace`', { message: 'x', trace: '12' }],
    ['an outbound call\'s headers (not the request being served)', { msg: 'partner call failed', err: { config: { headers: { traceparent: `00-${ID}-00f067aa0ba902b7-01` } } } }],
    ['a header value that is no trace', { msg: 'x', req: { headers: { traceparent: 'none', 'x-cloud-trace-context': '' } } }],
    ['a span id alone', { message: 'x', span_id: '00f067aa0ba902b7', spanId: '00f067aa0ba902b7' }],
    ['a 40-digit sha in `traceId`', { message: 'x', traceId: 'da39a3ee5e6b4b0d3255bfef95601890afd80709' }],
    ['an empty Cloud Run field', { message: 'x', 'logging.googleapis.com/trace': '', 'logging.googleapis.com/spanId': '' }],
  ])('none: %s', (_name, payload) => {
    expect(payloadTraceId(payload)).toBeNull();
  });
});

describe('the trace id in a line of text', () => {
  it.each<[string, string, string]>([
    // go-zero's logx plain encoding: tab-separated fields after the content
    ['logx plain fields', `2026-12-08T10:00:00.123+00:00\terror\tfind order 5784404: circuit breaker is open\tcaller=logic/getorderlogic.go:41\tspan=93f378d534929056\ttrace=${ID}`, ID],
    // OpenTelemetry Python's logging instrumentation, its default format
    ['OTel Python logging format', `2026-12-05 10:00:01,234 ERROR [app.quotes] [quotes.py:88] [trace_id=${ID} span_id=00f067aa0ba902b7 resource.service.name=quotes trace_sampled=True] - quote failed`, ID],
    // Datadog's Python format (docs), decimal ids
    ['Datadog Python format', '2026-12-05 10:00:01,234 ERROR [app] [views.py:12] [dd.service=quotes dd.env=prod dd.version=1.4 dd.trace_id=5165427312394791237 dd.span_id=1] - quote failed', '000000000000000047af48c5e4646945'],
    // .NET's simple console with IncludeScopes
    ['.NET console scopes', `fail: Orders.Api[0]\n      => SpanId:00f067aa0ba902b7, TraceId:${ID}, ParentId:0000000000000000 => ConnectionId:0HN8ABC => RequestPath:/api/orders/17 RequestId:0HN8ABC:00000002\n      Loading order 17 failed`, ID],
    // go-zero's access record with its request dump (traceparent and Cloud Run's header)
    ['traceparent in a request dump', `[HTTP] 503 - GET /api/orders/5784404 - 151.171.172.227 - curl/8.5.0\nGET /api/orders/5784404 HTTP/1.1\r\nHost: api-gozero-jogfcrvpym-ew.a.run.app\r\nTraceparent: 00-${ID}-2066e01b058dd727-01\r\nX-Forwarded-Proto: https`, ID],
    ['X-Cloud-Trace-Context in a request dump', `POST /x HTTP/1.1\r\nX-Cloud-Trace-Context: ${ID}/845945395086891900;o=1\r\n`, ID],
    ['projects/P/traces/ID in text', `request ${'projects/shop-prod/traces/' + ID} failed`, ID],
    ['logfmt trace_id', `level=error msg="quote failed" trace_id=${ID} span_id=00f067aa0ba902b7`, ID],
  ])('%s', (_name, text, expected) => {
    expect(textTraceId(text)).toBe(expected);
  });

  it.each<[string, string]>([
    ['PHP `Stack trace:` then frames', 'PDOException: SQLSTATE[HY000] [2002] Connection refused in /app/src/Db.php:42\nStack trace:\n#0 /app/src/Db.php(42): PDO->__construct()\n#1 {main}'],
    ['a Python traceback', 'Traceback (most recent call last):\n  File "/app/main.py", line 4, in <module>\nValueError: bad'],
    ['a trace word before a hash on the next line', `stack trace:\n${ID}`],
    ['a span id alone', 'span_id=00f067aa0ba902b7 msg=x'],
    ['a 40-digit git sha after trace=', 'trace=da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    ['OTel Python logging outside a span', '2026-12-05 10:00:01,234 WARNING [app] [a.py:1] [trace_id=0 span_id=0 resource.service.name=quotes trace_sampled=False] - x'],
    ['a request id', `request_id=${ID} failed`],
  ])('none: %s', (_name, text) => {
    expect(textTraceId(text)).toBeNull();
  });
});

describe('an entry', () => {
  const resource = { type: 'cloud_run_revision', labels: { service_name: 'orders', revision_name: 'orders-00001-abc' } };
  const labels = { instanceId: '00bf4bf02d0e' };
  const stdout = 'projects/shop-prod/logs/run.googleapis.com%2Fstdout';

  function normalized(raw: RawEntry): Entry {
    const entry = normalizeEntry(raw);
    if ('skip' in entry) throw new Error(entry.skip);
    return entry;
  }

  it("reads the entry's own `trace` first, then its payload, then its text", () => {
    const other = 'aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb';
    expect(entryTraceId({ trace: `projects/shop-prod/traces/${ID}`, jsonPayload: { trace_id: other } }, '')).toBe(ID);
    expect(entryTraceId({ jsonPayload: { trace_id: ID, message: `trace_id=${other}` } }, `trace_id=${other}`)).toBe(ID);
    expect(entryTraceId({ textPayload: `x trace_id=${ID}` }, `x trace_id=${ID}`)).toBe(ID);
  });

  it('carries the id as a number, the same for every form of one id', () => {
    const forms: RawEntry[] = [
      { timestamp: '2026-12-05T10:00:00Z', resource, labels, logName: stdout, severity: 'ERROR', trace: `projects/shop-prod/traces/${ID}`, jsonPayload: { message: 'a' } },
      { timestamp: '2026-12-05T10:00:00Z', resource, labels, logName: stdout, jsonPayload: { level: 'error', content: 'b', trace: ID.toUpperCase() } },
      { timestamp: '2026-12-05T10:00:00Z', resource, labels, logName: stdout, textPayload: `ERROR c\ttrace=${ID}` },
    ];
    const keys = forms.map((raw) => normalized(raw).trace);
    expect(keys[0]).toBe(traceKey(ID));
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).not.toBe(traceKey('aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb'));
  });

  it('keeps ids apart that differ in one word, or repeat one', () => {
    const ids = ['0000000000000000000000000000002a', '000000000000002a0000000000000000', '2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a', '2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2b', ID];
    expect(new Set(ids.map(traceKey)).size).toBe(ids.length);
    expect(ids.map(traceKey)).not.toContain(0);
  });

  it("gives Cloud Run's request log no trace: no instance wrote it", () => {
    const entry = normalized({
      timestamp: '2026-12-05T10:00:00Z', resource, severity: 'ERROR', logName: 'projects/shop-prod/logs/run.googleapis.com%2Frequests',
      httpRequest: { requestMethod: 'GET', requestUrl: '/api/orders/17', status: 500 }, trace: `projects/shop-prod/traces/${ID}`,
    });
    expect(entry.trace).toBeUndefined();
  });

  it('keeps no trace where none is named', () => {
    expect(normalized({ timestamp: '2026-12-05T10:00:00Z', resource, labels, logName: stdout, severity: 'ERROR', textPayload: 'Stack trace:\n#0 {main}' }).trace).toBeUndefined();
  });
});
