import { describe, expect, it } from '@jest/globals';
import type { RawEntry } from '../../../src/shared/types.js';
import { entryRevision, entryService, entrySeverity, entrySeverityWithSource, entryTime, entryWriter } from '../../../src/normalize/index.js';

describe('entryTime', () => {
  const base = Date.UTC(2025, 8, 11, 23, 16, 22);
  it.each([
    { name: 'Z, no fraction', timestamp: '2025-09-11T23:16:22Z', expected: base },
    { name: 'milliseconds', timestamp: '2025-09-11T23:16:22.123Z', expected: base + 123 },
    { name: 'microseconds', timestamp: '2025-09-11T23:16:22.123456Z', expected: base + 123 },
    { name: 'nanoseconds (Cloud Logging)', timestamp: '2025-09-11T23:16:22.123456789Z', expected: base + 123 },
    { name: 'one fraction digit', timestamp: '2025-09-11T23:16:22.5Z', expected: base + 500 },
    { name: 'twelve fraction digits', timestamp: '2025-09-11T23:16:22.999999999999Z', expected: base + 999 },
    { name: 'positive offset', timestamp: '2025-09-12T01:16:22+02:00', expected: base },
    { name: 'negative offset', timestamp: '2025-09-11T19:16:22.000-04:00', expected: base },
    { name: 'offset without colon', timestamp: '2025-09-11T19:16:22-0400', expected: base },
    { name: 'lower-case t and z', timestamp: '2025-09-11t23:16:22z', expected: base },
    { name: 'space separator', timestamp: '2025-09-11 23:16:22Z', expected: base },
    { name: 'leap second', timestamp: '2016-12-31T23:59:60Z', expected: Date.UTC(2017, 0, 1) },
    { name: 'leap day', timestamp: '2024-02-29T00:00:00Z', expected: Date.UTC(2024, 1, 29) },
    { name: 'year before 100', timestamp: '0042-01-01T00:00:00Z', expected: Date.parse('0042-01-01T00:00:00.000Z') },
    { name: 'protobuf Timestamp', timestamp: { seconds: String(base / 1000), nanos: 5_000_000 }, expected: base + 5 },
    { name: 'protobuf Timestamp, numbers', timestamp: { seconds: base / 1000 }, expected: base },
  ])('$name', ({ timestamp, expected }) => {
    expect(entryTime({ timestamp })).toBe(expected);
  });

  it.each([
    { name: 'missing', entry: {} },
    { name: 'not a date', entry: { timestamp: 'yesterday' } },
    { name: 'no zone', entry: { timestamp: '2025-09-11T23:16:22' } },
    { name: 'month 13', entry: { timestamp: '2025-13-01T00:00:00Z' } },
    { name: 'February 30', entry: { timestamp: '2025-02-30T00:00:00Z' } },
    { name: 'February 29 in a common year', entry: { timestamp: '2025-02-29T00:00:00Z' } },
    { name: 'hour 24', entry: { timestamp: '2025-09-11T24:00:00Z' } },
    { name: 'a number', entry: { timestamp: 1757632582000 } },
    { name: 'an array', entry: { timestamp: ['2025-09-11T23:16:22Z'] } },
    { name: 'very long', entry: { timestamp: '2025-09-11T23:16:22.' + '1'.repeat(100000) + 'Z' } },
    { name: 'object without seconds', entry: { timestamp: { nanos: 1 } } },
  ])('null when $name', ({ entry }) => {
    expect(entryTime(entry)).toBeNull();
  });

  it('falls back to receiveTimestamp when timestamp is missing or invalid', () => {
    expect(entryTime({ receiveTimestamp: '2025-09-11T23:16:22.5Z' })).toBe(base + 500);
    expect(entryTime({ timestamp: 'garbage', receiveTimestamp: '2025-09-11T23:16:22Z' })).toBe(base);
    expect(entryTime({ timestamp: '2025-09-11T23:16:21Z', receiveTimestamp: '2025-09-11T23:16:22Z' })).toBe(base - 1000);
  });

  it('is null for something that is not an entry', () => {
    expect(entryTime(null as unknown as RawEntry)).toBeNull();
    expect(entryTime('2025-09-11T23:16:22Z' as unknown as RawEntry)).toBeNull();
  });
});

describe('entrySeverity', () => {
  it.each([
    { severity: 'ERROR', expected: 'ERROR' },
    { severity: 'error', expected: 'ERROR' },
    { severity: ' Warning ', expected: 'WARNING' },
    { severity: 'WARN', expected: 'WARNING' },
    { severity: 'FATAL', expected: 'CRITICAL' },
    { severity: 'NOTICE', expected: 'NOTICE' },
    { severity: 'EMERGENCY', expected: 'EMERGENCY' },
    { severity: 0, expected: 'DEFAULT' },
    { severity: 100, expected: 'DEBUG' },
    { severity: 200, expected: 'INFO' },
    { severity: 300, expected: 'NOTICE' },
    { severity: 400, expected: 'WARNING' },
    { severity: 500, expected: 'ERROR' },
    { severity: 600, expected: 'CRITICAL' },
    { severity: 700, expected: 'ALERT' },
    { severity: 800, expected: 'EMERGENCY' },
    { severity: 450, expected: 'WARNING' },
    { severity: 9000, expected: 'EMERGENCY' },
    { severity: -5, expected: 'DEFAULT' },
    { severity: '500', expected: 'ERROR' },
    { severity: undefined, expected: 'DEFAULT' },
    { severity: 'LOUD', expected: 'DEFAULT' },
    { severity: Number.NaN, expected: 'DEFAULT' },
    { severity: { level: 'ERROR' }, expected: 'DEFAULT' },
  ])('$severity -> $expected', ({ severity, expected }) => {
    expect(entrySeverity({ severity })).toBe(expected);
  });

  it.each([
    { name: '502 request, no severity', entry: { httpRequest: { status: 502 } }, expected: 'ERROR' },
    { name: '500 request as a string', entry: { httpRequest: { status: '500' } }, expected: 'ERROR' },
    { name: '404 request, no severity', entry: { httpRequest: { status: 404 } }, expected: 'WARNING' },
    { name: '200 request, no severity', entry: { httpRequest: { status: 200 } }, expected: 'DEFAULT' },
    { name: 'DEFAULT severity on a 503', entry: { severity: 'DEFAULT', httpRequest: { status: 503 } }, expected: 'ERROR' },
    { name: 'explicit severity wins over status', entry: { severity: 'INFO', httpRequest: { status: 503 } }, expected: 'INFO' },
    { name: 'payload severity, not lifted', entry: { jsonPayload: { severity: 'ERROR', message: 'x' } }, expected: 'ERROR' },
  ])('$name', ({ entry, expected }) => {
    expect(entrySeverity(entry)).toBe(expected);
  });

  // Cloud Logging leaves a payload `level` (pino, zap, slog, logrus) and text written to stdout at
  // DEFAULT; the gardener reads them, and says where a severity came from.
  it.each([
    { name: 'own severity', entry: { severity: 'ERROR', jsonPayload: { level: 30 } }, expected: ['ERROR', 'entry'] },
    { name: 'own INFO wins over a payload level', entry: { severity: 'INFO', jsonPayload: { level: 50 } }, expected: ['INFO', 'entry'] },
    { name: 'payload severity before level', entry: { jsonPayload: { severity: 'WARNING', level: 50, message: 'x' } }, expected: ['WARNING', 'payload'] },
    { name: 'pino 10 trace', entry: { jsonPayload: { level: 10, msg: 'x' } }, expected: ['DEBUG', 'level'] },
    { name: 'pino 20 debug', entry: { jsonPayload: { level: 20, msg: 'x' } }, expected: ['DEBUG', 'level'] },
    { name: 'pino 30 info', entry: { jsonPayload: { level: 30, msg: 'x' } }, expected: ['INFO', 'level'] },
    { name: 'pino custom 35', entry: { jsonPayload: { level: 35, msg: 'x' } }, expected: ['INFO', 'level'] },
    { name: 'pino 40 warn', entry: { jsonPayload: { level: 40, msg: 'x' } }, expected: ['WARNING', 'level'] },
    { name: 'pino 50 error', entry: { jsonPayload: { level: 50, msg: 'x' } }, expected: ['ERROR', 'level'] },
    { name: 'pino 60 fatal', entry: { jsonPayload: { level: 60, msg: 'x' } }, expected: ['CRITICAL', 'level'] },
    { name: 'pino level as digits', entry: { jsonPayload: { level: '50', msg: 'x' } }, expected: ['ERROR', 'level'] },
    { name: 'a negative level says nothing', entry: { jsonPayload: { level: -1, msg: 'ERROR:root:x' } }, expected: ['ERROR', 'text'] },
    { name: 'zap error', entry: { jsonPayload: { level: 'error', msg: 'x' } }, expected: ['ERROR', 'level'] },
    { name: 'zap dpanic', entry: { jsonPayload: { level: 'dpanic', msg: 'x' } }, expected: ['ERROR', 'level'] },
    { name: 'zap panic', entry: { jsonPayload: { level: 'panic', msg: 'x' } }, expected: ['CRITICAL', 'level'] },
    { name: 'zap fatal', entry: { jsonPayload: { level: 'fatal', msg: 'x' } }, expected: ['CRITICAL', 'level'] },
    { name: 'slog ERROR+2', entry: { jsonPayload: { level: 'ERROR+2', msg: 'x' } }, expected: ['ERROR', 'level'] },
    { name: 'slog WARN', entry: { jsonPayload: { level: 'WARN', msg: 'x' } }, expected: ['WARNING', 'level'] },
    { name: 'logrus warning', entry: { jsonPayload: { level: 'warning', message: 'x' } }, expected: ['WARNING', 'level'] },
    // A word beside a number on another scale: Monolog's 400 is ERROR, OpenTelemetry's 13 is WARN.
    { name: 'Monolog level_name beside its number', entry: { jsonPayload: { message: 'x', level: 400, level_name: 'ERROR' } }, expected: ['ERROR', 'level'] },
    { name: 'Monolog WARNING at 300', entry: { jsonPayload: { message: 'x', level: 300, level_name: 'WARNING' } }, expected: ['WARNING', 'level'] },
    { name: 'Monolog INFO at 200 is no problem', entry: { jsonPayload: { message: 'x', level: 200, level_name: 'INFO' } }, expected: ['INFO', 'level'] },
    { name: 'python-json-logger levelname', entry: { jsonPayload: { message: 'x', levelname: 'WARNING' } }, expected: ['WARNING', 'level'] },
    { name: 'OpenTelemetry severity_text', entry: { jsonPayload: { body: 'x', severity_number: 13, severity_text: 'WARN' } }, expected: ['WARNING', 'level'] },
    { name: 'OTLP severityText', entry: { jsonPayload: { body: 'x', severityNumber: 17, severityText: 'ERROR' } }, expected: ['ERROR', 'level'] },
    { name: 'ECS log.level as one key', entry: { jsonPayload: { message: 'x', 'log.level': 'error' } }, expected: ['ERROR', 'level'] },
    { name: 'ECS log.level nested', entry: { jsonPayload: { message: 'x', log: { level: 'warn', logger: 'app' } } }, expected: ['WARNING', 'level'] },
    { name: 'a level name that is no level: the number decides', entry: { jsonPayload: { msg: 'x', level: 50, level_name: 'custom' } }, expected: ['ERROR', 'level'] },
    { name: 'a level on a DEFAULT entry', entry: { severity: 'DEFAULT', jsonPayload: { level: 50 } }, expected: ['ERROR', 'level'] },
    // GELF's `level` is a syslog priority (the GELF 1.1 specification's example record, level 1).
    { name: 'GELF level 1 alert', entry: { jsonPayload: { version: '1.1', host: 'example.org', short_message: 'A short message that helps you identify what is going on', full_message: 'Backtrace here\n\nmore stuff', timestamp: 1385053862.3072, level: 1, _user_id: 9001 } }, expected: ['ALERT', 'level'] },
    { name: 'GELF level 3 error (Spring Boot 3.4 gelf)', entry: { jsonPayload: { version: '1.1', host: 'pricing', short_message: 'Operator called default onErrorDropped', level: 3, _level_name: 'ERROR', _log_logger: 'reactor.core.publisher.Operators' } }, expected: ['ERROR', 'level'] },
    { name: 'GELF level 4 warning', entry: { jsonPayload: { version: '1.1', host: 'h', short_message: 'x', level: 4 } }, expected: ['WARNING', 'level'] },
    { name: 'GELF level 6 informational', entry: { jsonPayload: { version: '1.1', host: 'h', short_message: 'x', level: 6 } }, expected: ['INFO', 'level'] },
    { name: 'GELF level as a digit string', entry: { jsonPayload: { version: '1.1', host: 'h', short_message: 'x', level: '2' } }, expected: ['CRITICAL', 'level'] },
    { name: 'a level beyond the syslog scale is pino\'s', entry: { jsonPayload: { short_message: 'x', level: 50 } }, expected: ['ERROR', 'level'] },
    // Nextcloud's JSON log record (its admin manual's example fields): `level` 0 DEBUG to 4 FATAL.
    { name: 'Nextcloud level 3 error', entry: { jsonPayload: { reqId: 'cw4GwrLGK4cMyPYER4RC', level: 3, time: '2026-12-09T00:00:00+00:00', remoteAddr: '10.0.0.1', user: '--', app: 'files', method: 'PROPFIND', url: '/remote.php/dav/files/u1/', message: 'An exception occurred while executing a query: SQLSTATE[40001]: Serialization failure: 1213 Deadlock found when trying to get lock; try restarting transaction', userAgent: 'Mozilla/5.0 (Linux) mirall/3.14.1', version: '29.0.9.2' } }, expected: ['ERROR', 'level'] },
    { name: 'Nextcloud level 2 warning', entry: { jsonPayload: { reqId: 'x1', level: 2, app: 'core', message: 'Login failed: someone (Remote IP: 10.0.0.2)' } }, expected: ['WARNING', 'level'] },
    { name: 'Nextcloud level 4 fatal', entry: { jsonPayload: { reqId: 'x1', level: 4, app: 'PHP', message: 'Allowed memory size exhausted' } }, expected: ['CRITICAL', 'level'] },
    { name: 'Nextcloud level 1 info', entry: { jsonPayload: { reqId: 'x1', level: 1, app: 'core', message: 'x' } }, expected: ['INFO', 'level'] },
    { name: 'a small level with no Nextcloud fields is pino\'s', entry: { jsonPayload: { level: 3, app: 'core', message: 'x' } }, expected: ['DEBUG', 'level'] },
    { name: 'a Nextcloud-like record beyond its scale is pino\'s', entry: { jsonPayload: { reqId: 'x1', level: 50, app: 'core', message: 'x' } }, expected: ['ERROR', 'level'] },
    { name: 'level before status', entry: { jsonPayload: { level: 30 }, httpRequest: { status: 503 } }, expected: ['INFO', 'level'] },
    { name: 'status', entry: { httpRequest: { status: 503 } }, expected: ['ERROR', 'status'] },
    { name: 'an unknown level word: the text decides', entry: { jsonPayload: { level: 'verbose', message: 'ERROR:root:x' } }, expected: ['ERROR', 'text'] },
    { name: 'a level that is no level', entry: { jsonPayload: { level: { n: 50 }, message: 'x' } }, expected: ['DEFAULT', 'none'] },
    { name: 'text header', entry: { textPayload: '2026-03-10 12:00:01,234 - app.db - ERROR - connection refused' }, expected: ['ERROR', 'text'] },
    { name: 'text on a DEFAULT entry', entry: { severity: 'DEFAULT', textPayload: 'WARNING: disk low' }, expected: ['WARNING', 'text'] },
    { name: 'Python traceback on stderr', entry: { textPayload: 'Traceback (most recent call last):\n  File "/app/a.py", line 1, in <module>\nValueError: x' }, expected: ['ERROR', 'text'] },
    { name: 'Go panic', entry: { textPayload: 'panic: boom\n\ngoroutine 1 [running]:' }, expected: ['CRITICAL', 'text'] },
    { name: 'jsonPayload message', entry: { jsonPayload: { message: 'ERROR:root:x' } }, expected: ['ERROR', 'text'] },
    { name: 'jsonPayload stack without a level', entry: { jsonPayload: { msg: 'request failed', stack: 'TypeError: x\n    at f (/app/a.js:1:2)' } }, expected: ['ERROR', 'text'] },
    { name: 'plain text that mentions error', entry: { textPayload: 'health ok, error_count=0' }, expected: ['DEFAULT', 'none'] },
    { name: 'INFO text', entry: { textPayload: 'INFO:app:started' }, expected: ['INFO', 'text'] },
    { name: 'nothing at all', entry: {}, expected: ['DEFAULT', 'none'] },
    { name: 'not an entry', entry: null, expected: ['DEFAULT', 'none'] },
  ])('$name', ({ entry, expected }) => {
    const [severity, source] = expected;
    expect(entrySeverityWithSource(entry as RawEntry)).toEqual({ severity, source });
    expect(entrySeverity(entry as RawEntry)).toBe(severity);
  });
});

describe('entryService / entryRevision', () => {
  const run: RawEntry = {
    resource: { type: 'cloud_run_revision', labels: { service_name: 'netra-backend-staging', revision_name: 'netra-backend-staging-00042-abc' } },
  };

  it('reads the Cloud Run resource labels', () => {
    expect(entryService(run)).toBe('netra-backend-staging');
    expect(entryRevision(run)).toBe('netra-backend-staging-00042-abc');
  });

  it('falls back to the entry label for the service', () => {
    expect(entryService({ labels: { 'run.googleapis.com/service_name': 'auth' } })).toBe('auth');
  });

  it.each([
    { name: 'no resource', entry: {} },
    { name: 'labels not an object', entry: { resource: { labels: 'x' } } },
    { name: 'a number', entry: { resource: { labels: { service_name: 7, revision_name: 7 } } } },
    { name: 'text that is no name', entry: { resource: { labels: { service_name: 'a b\n', revision_name: '' } } } },
    { name: 'null entry', entry: null },
  ])("'' when $name", ({ entry }) => {
    expect(entryService(entry as RawEntry)).toBe('');
    expect(entryRevision(entry as RawEntry)).toBe('');
  });
});

describe('entryWriter', () => {
  const labels = { instanceId: '00f1c2d3e4a5b6c7d8e9' };
  it.each([
    ['stdout', 'projects/p/logs/run.googleapis.com%2Fstdout', '00f1c2d3e4a5b6c7d8e9'],
    ['stderr', 'projects/p/logs/run.googleapis.com%2Fstderr', '00f1c2d3e4a5b6c7d8e9'],
    ['an application log of its own', 'projects/p/logs/app', '00f1c2d3e4a5b6c7d8e9'],
    ['Cloud Run\'s request log', 'projects/p/logs/run.googleapis.com%2Frequests', ''],
    ['Cloud Run\'s platform messages', 'projects/p/logs/run.googleapis.com%2Fvarlog%2Fsystem', ''],
    ['the same, unescaped', 'projects/p/logs/run.googleapis.com/varlog/system', ''],
  ])('reads the instance of an entry on %s', (_what, logName, writer) => {
    expect(entryWriter({ logName, labels, timestamp: '2026-12-05T10:00:00Z' })).toBe(writer);
  });
  it('reads none without an instance, or from one that is no id', () => {
    expect(entryWriter({ logName: 'projects/p/logs/run.googleapis.com%2Fstdout' })).toBe('');
    expect(entryWriter({ labels: { instanceId: 42 } })).toBe('');
    expect(entryWriter({ labels: { instanceId: 'a b<script>' } })).toBe('');
    expect(entryWriter({ labels: { instanceId: 'f'.repeat(600) } })).toBe('');
  });
});
