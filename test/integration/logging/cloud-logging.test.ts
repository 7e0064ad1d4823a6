import * as grpc from '@grpc/grpc-js';
import { createCloudLoggingSource, type CloudLoggingSourceOptions } from '../../../src/source/cloud-logging.js';
import { buildFilter } from '../../../src/source/build-filter.js';
import { SourceError } from '../../../src/shared/errors.js';
import type { SourceQuery } from '../../../src/shared/ports.js';
import type { RawEntry } from '../../../src/shared/types.js';
import { createFileSource } from '../../../src/source/log-file.js';
import { meetsSeverityFloor } from '../../../src/normalize/index.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLoggingServer, type LoggingServer } from '../servers/logging/server.js';
import { runEntry, spread } from './entries.js';

const END = '2025-09-12T00:00:00.000Z';
const START = '2025-09-11T18:00:00.000Z';
const QUERY: SourceQuery = {
  window: { start: Date.parse(START), end: Date.parse(END) },
  services: ['backend', 'frontend'],
  severityFloor: 'NOTICE',
};
const FAST = { initialMs: 5, maxMs: 20, maxTries: 4 };

let server: LoggingServer;

beforeEach(async () => {
  server = await startLoggingServer();
});
afterEach(async () => {
  await server.stop();
});

function source(extra: Partial<CloudLoggingSourceOptions> = {}) {
  return createCloudLoggingSource({
    project: 'demo',
    emulatorHost: server.address,
    pageSize: 1000,
    timeBudgetMs: 240_000,
    excludeServices: ['log-gardener'],
    backoff: FAST,
    ...extra,
  });
}

async function readAll(s: ReturnType<typeof source>, query = QUERY) {
  const read = s.read(query);
  const entries: RawEntry[] = [];
  for await (const entry of read.entries) entries.push(entry);
  return { entries, result: read.result() };
}

describe('the Cloud Logging source, through the real client over gRPC', () => {
  test('reads exactly the entries that match: window [start, end), severity floor, services, resource, not its own', async () => {
    const keep = [
      runEntry({ at: START, id: 'at-start' }),
      runEntry({ at: '2025-09-11T20:00:00.123456789Z', id: 'nanos', severity: 'NOTICE' }),
      runEntry({ at: '2025-09-11T23:59:59.999Z', id: 'last', service: 'frontend', severity: 'CRITICAL' }),
    ];
    const drop = [
      runEntry({ at: END, id: 'at-end' }),
      runEntry({ at: '2025-09-11T17:59:59.999Z', id: 'before' }),
      runEntry({ at: '2025-09-11T19:00:00Z', id: 'info', severity: 'INFO' }),
      runEntry({ at: '2025-09-11T19:00:00Z', id: 'other-service', service: 'billing' }),
      runEntry({ at: '2025-09-11T19:00:00Z', id: 'own-logs', service: 'log-gardener' }),
      runEntry({ at: '2025-09-11T19:00:00Z', id: 'not-run', resourceType: 'gce_instance' }),
    ];
    server.seed([...drop, ...keep]);

    const { entries, result } = await readAll(source());

    expect(entries.map((e) => e.insertId)).toEqual(['at-start', 'nanos', 'last']);
    expect(result).toEqual({ filtered: 0, skippedBy: {}, complete: true });
    expect(server.matching(server.requests[0]!.filter).map((e) => e.insertId)).toEqual(['at-start', 'nanos', 'last']);
  });

  test('keeps the microseconds and nanoseconds each entry was written at, as an export does', async () => {
    // The lines of one trace Cloud Run stored microseconds apart: the reassembly reads their order and
    // gaps from those digits, which the client's Date would round to the millisecond.
    const times = ['2025-09-11T20:00:00.123456789Z', '2025-09-11T20:00:00.123457001Z', '2025-09-11T20:00:00.123999Z', '2025-09-11T20:00:01Z'];
    server.seed(times.map((at, i) => runEntry({ at, id: `t${i}`, severity: 'ERROR' })));
    const { entries } = await readAll(source());
    expect(entries.map((e) => e.timestamp)).toEqual(['2025-09-11T20:00:00.123456789Z', '2025-09-11T20:00:00.123457001Z', '2025-09-11T20:00:00.123999Z', '2025-09-11T20:00:01.000Z']);
  });

  test('entries Cloud Run gave no severity: the same entries through Cloud Logging and through a file', async () => {
    let n = 0;
    const at = () => new Date(Date.parse('2025-09-11T19:00:00Z') + 1000 * n++).toISOString();
    const plain = (id: string, text: string) => ({ ...runEntry({ at: at(), id, text }), severity: undefined });
    const json = (id: string, payload: Record<string, unknown>) => ({ ...runEntry({ at: at(), id, json: payload }), severity: 'DEFAULT' });
    const mixed = [
      plain('py-error', '2026-03-10 12:00:01,234 - app.db - ERROR - connection refused'),
      plain('py-info', 'INFO:     127.0.0.1:53124 - "GET /health HTTP/1.1" 200 OK'),
      plain('mention', 'health ok, error_count=0'),
      plain('retry', 'retrying after error'),
      plain('tb-1', 'Traceback (most recent call last):'),
      plain('tb-2', '  File "/app/main.py", line 10, in <module>'),
      plain('tb-3', '    main()'),
      plain('tb-4', 'ValueError: bad'),
      plain('go-panic', 'panic: assignment to entry in nil map'),
      plain('go-routine', 'goroutine 1 [running]:'),
      plain('go-frame', 'main.main()'),
      plain('java-frame', '\tat com.example.Foo.bar(Foo.java:42)'),
      plain('spring-warn', '2026-03-10T12:00:01.234Z  WARN 1 --- [main] c.e.Foo : slow start'),
      plain('spring-info', '2026-03-10T12:00:01.234Z  INFO 1 --- [main] c.e.Foo : started'),
      plain('glog-e', 'E0310 12:00:01.123456    1234 file.go:42] sync failed'),
      plain('glog-i', 'I0310 12:00:01.123456    1234 file.go:42] sync ok'),
      plain('plain', 'listening on :8080'),
      plain('dotnet-fail', 'fail: Microsoft.AspNetCore.Server.Kestrel[13]'),
      json('pino-50', { level: 50, msg: 'payment failed' }),
      json('pino-30', { level: 30, msg: 'payment ok' }),
      json('zap-error', { level: 'error', msg: 'boom' }),
      json('zap-info', { level: 'info', msg: 'ok' }),
      json('no-level-trace', { message: 'request failed', stack: 'TypeError: x\n    at f (/app/a.js:1:2)' }),
      json('no-level-plain', { message: 'request ok' }),
      runEntry({ at: at(), id: 'own-error', severity: 'ERROR', text: 'x' }),
      runEntry({ at: at(), id: 'own-info', severity: 'INFO', text: 'ERROR:root:said INFO by the entry' }),
    ];
    server.seed(mixed);
    const dir = mkdtempSync(join(tmpdir(), 'plain-'));
    const path = join(dir, 'export.json');
    writeFileSync(path, JSON.stringify(mixed.map((e) => JSON.parse(JSON.stringify(e)))));

    const cloud = await readAll(source());
    const file = createFileSource(path).read(QUERY);
    const fromFile: RawEntry[] = [];
    for await (const e of file.entries) fromFile.push(e);

    const ids = (entries: RawEntry[]) => entries.map((e) => e.insertId);
    expect(ids(cloud.entries)).toEqual(ids(fromFile));
    // Lines that name an error are kept too: they may head frames that follow.
    expect(ids(cloud.entries)).toEqual([
      'py-error', 'mention', 'retry', 'tb-1', 'tb-2', 'tb-3', 'tb-4', 'go-panic', 'go-routine', 'go-frame', 'java-frame', 'spring-warn', 'glog-e',
      'dotnet-fail', 'pino-50', 'zap-error', 'no-level-trace', 'own-error',
    ]);
    // After the prefilter, the floor: trace lines alone fall below it until they are rejoined.
    const kept = (entries: RawEntry[]) => ids(entries.filter((e) => meetsSeverityFloor(e, QUERY.severityFloor)));
    expect(kept(cloud.entries)).toEqual(kept(fromFile));
    expect(kept(cloud.entries)).toEqual(['py-error', 'tb-1', 'go-panic', 'spring-warn', 'glog-e', 'dotnet-fail', 'pino-50', 'zap-error', 'no-level-trace', 'own-error']);
    // The server's loose pattern let through more than the source kept; those are counted, not yielded.
    expect(cloud.result.filtered).toBeGreaterThan(0);
    expect(cloud.result.filtered).toBe(server.matching(server.requests[0]!.filter).length - cloud.entries.length);
  });

  test('own logs are excluded even when the service list names the gardener', async () => {
    server.seed([runEntry({ at: '2025-09-11T19:00:00Z', id: 'own', service: 'log-gardener' })]);
    const { entries } = await readAll(source(), { ...QUERY, services: ['log-gardener', 'backend'] });
    expect(entries).toEqual([]);
  });

  test('sends its own explicit filter, so the library adds no 24-hour clause, and asks for time order', async () => {
    server.seed(spread(3, START, 3_600_000));
    await readAll(source());
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toEqual({
      resourceNames: ['projects/demo'],
      filter: buildFilter(QUERY, { excludeServices: ['log-gardener'] }),
      orderBy: 'timestamp asc',
      pageSize: 1000,
      pageToken: '',
    });
    const filter = server.requests[0]!.filter;
    expect(filter.startsWith('timestamp >= "2025-09-11T18:00:00.000Z" AND timestamp < "2025-09-12T00:00:00.000Z" AND (severity >= NOTICE OR (severity = DEFAULT AND (')).toBe(true);
    expect(filter.endsWith(
      ' AND resource.type = "cloud_run_revision" AND resource.labels.service_name = ("backend" OR "frontend")' +
        ' AND NOT resource.labels.service_name = "log-gardener"',
    )).toBe(true);
  });

  test('yields entries in the JSON LogEntry shape the normalizer reads', async () => {
    server.seed([
      runEntry({ at: '2025-09-11T19:00:00.5Z', id: 'json', json: { message: 'boom', error: { name: 'TypeError', stack: ['a', 'b'] }, n: 3, ok: false, none: null } }),
      runEntry({ at: '2025-09-11T19:00:01Z', id: 'req', status: 503, severity: 'ERROR' }),
      runEntry({ at: '2025-09-11T19:00:02Z', id: 'text', text: 'RACE CONDITION DETECTED', severity: 'WARNING' }),
    ]);
    const { entries } = await readAll(source());
    expect(entries[0]).toEqual({
      insertId: 'json',
      timestamp: '2025-09-11T19:00:00.500Z',
      receiveTimestamp: '2025-09-11T19:00:00.500Z',
      severity: 'ERROR',
      logName: 'projects/demo/logs/run.googleapis.com%2Fstderr',
      trace: 'projects/demo/traces/4bf92f3577b34da6a3ce929d0e0e4736',
      jsonPayload: { message: 'boom', error: { name: 'TypeError', stack: ['a', 'b'] }, n: 3, ok: false, none: null },
      resource: {
        type: 'cloud_run_revision',
        labels: { service_name: 'backend', revision_name: 'backend-00042-abc', location: 'us-central1', project_id: 'demo', configuration_name: 'backend' },
      },
      labels: { instanceId: '00f46b9285' },
    });
    expect(entries[1]!.httpRequest).toEqual({
      requestMethod: 'GET', requestUrl: 'https://backend.example.run.app/api/threads/42', status: 503,
      latency: '0.25s', userAgent: 'curl/8', remoteIp: '203.0.113.9', protocol: 'HTTP/1.1',
    });
    expect(entries[1]!.textPayload).toBeUndefined();
    expect(entries[2]).toEqual(expect.objectContaining({ textPayload: 'RACE CONDITION DETECTED', severity: 'WARNING', timestamp: '2025-09-11T19:00:02.000Z' }));
  });

  test('pages through many pages with page tokens, reading every matching entry once', async () => {
    server.seed(spread(5_500, START, 6 * 3_600_000));
    server.seed(spread(700, START, 6 * 3_600_000, { severity: 'INFO' }));
    const { entries, result } = await readAll(source());

    expect(entries).toHaveLength(5_500);
    expect(new Set(entries.map((e) => e.insertId)).size).toBe(5_500);
    expect(result.complete).toBe(true);
    expect(server.requests.map((r) => r.pageSize)).toEqual([1000, 1000, 1000, 1000, 1000, 1000]);
    expect(server.requests[0]!.pageToken).toBe('');
    expect(server.requests.slice(1).every((r) => r.pageToken !== '')).toBe(true);
    const times = entries.map((e) => Date.parse(String(e.timestamp)));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  test('streams: the next page is asked for only when the reader gets there', async () => {
    server.seed(spread(2_500, START, 3_600_000));
    const read = source().read(QUERY);
    const iterator = read.entries[Symbol.asyncIterator]();
    await iterator.next();
    expect(server.requests).toHaveLength(1);
    await iterator.return?.();
  });

  test('survives RESOURCE_EXHAUSTED: backs off and resumes from the same page token', async () => {
    server.seed(spread(3_000, START, 3_600_000));
    server.fail({ code: grpc.status.RESOURCE_EXHAUSTED, times: 2, after: 1, message: 'Quota exceeded for quota metric Read requests per minute' });
    const { entries, result } = await readAll(source());

    expect(entries).toHaveLength(3_000);
    expect(result.complete).toBe(true);
    const tokens = server.requests.map((r) => r.pageToken);
    expect(tokens).toHaveLength(5);
    expect(tokens[1]).not.toBe('');
    expect([tokens[2], tokens[3]]).toEqual([tokens[1], tokens[1]]);
  });

  test('when the quota stays exhausted, ends cleanly with what it read and says where it stopped', async () => {
    const entriesIn = spread(1_500, START, 3_600_000);
    server.seed(entriesIn);
    server.fail({ code: grpc.status.RESOURCE_EXHAUSTED, times: Infinity, after: 1 });
    const { entries, result } = await readAll(source());

    expect(entries).toHaveLength(1_000);
    expect(result.complete).toBe(false);
    expect(result.note).toBe(`read stopped at ${String(entries[999]!.timestamp)} after 1000 entries (read quota exhausted: RESOURCE_EXHAUSTED 4 times)`);
    expect(server.requests).toHaveLength(1 + FAST.maxTries);
  });

  test('when the quota is exhausted before anything was read, the read fails with a SourceError', async () => {
    server.seed(spread(10, START, 3_600_000));
    server.fail({ code: grpc.status.RESOURCE_EXHAUSTED, times: Infinity });
    await expect(readAll(source())).rejects.toThrow(SourceError);
    await expect(readAll(source())).rejects.toThrow(/read quota of project demo stayed exhausted/);
  });

  test('a time budget ends the read cleanly and says how far it got', async () => {
    server.seed(spread(4_000, START, 4 * 3_600_000));
    // Each request to the server takes a minute of the source's clock.
    const clock = () => server.requests.length * 60_000;
    const { entries, result } = await readAll(source({ clock, timeBudgetMs: 150_000 }));

    expect(entries).toHaveLength(3_000);
    expect(result.complete).toBe(false);
    expect(result.note).toBe(`read stopped at ${String(entries[2_999]!.timestamp)} after 3000 entries (time budget 150s)`);
  });

  test.each([
    [grpc.status.PERMISSION_DENIED, /refused to read logs of project demo \(PERMISSION_DENIED\).*roles\/logging\.viewer/],
    [grpc.status.UNAUTHENTICATED, /project demo \(UNAUTHENTICATED\).*roles\/logging\.viewer/],
    [grpc.status.NOT_FOUND, /no project demo \(NOT_FOUND\).*roles\/logging\.viewer/],
    [grpc.status.INVALID_ARGUMENT, /read failed for project demo: INVALID_ARGUMENT/],
  ])('gRPC status %s becomes a one-line SourceError naming the project and the fix', async (code, message) => {
    server.fail({ code, times: Infinity, message: 'The caller does not have permission' });
    const failure = readAll(source());
    await expect(failure).rejects.toThrow(SourceError);
    await expect(readAll(source())).rejects.toThrow(message);
    expect(server.requests.filter((r) => r.pageToken === '').length).toBeGreaterThanOrEqual(1);
  });
});
