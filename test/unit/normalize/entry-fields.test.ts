import { describe, expect, it } from '@jest/globals';
import type { RawEntry } from '../../../src/shared/types.js';
import { entryRevision, entryService, entrySeverity, entryTime } from '../../../src/normalize/index.js';

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
    { name: 'payload level word is not lifted by Cloud Logging either', entry: { jsonPayload: { level: 'warning', message: 'x' } }, expected: 'DEFAULT' },
    { name: 'payload numeric level is not ours to read', entry: { jsonPayload: { level: 50, message: 'x' } }, expected: 'DEFAULT' },
  ])('$name', ({ entry, expected }) => {
    expect(entrySeverity(entry)).toBe(expected);
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
