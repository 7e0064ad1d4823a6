import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as grpc from '@grpc/grpc-js';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { startLoggingServer, type LoggingServer } from '../servers/logging/server.js';
import { spread } from '../logging/entries.js';

const NOW = '2025-09-12T00:00:00Z';
const SERVICE = 'netra-backend-staging';
let logging: LoggingServer;
let server: Server;
let base: string;

beforeAll(async () => {
  logging = await startLoggingServer();
  for (const name of Object.keys(process.env)) if (name.startsWith('GITHUB_')) delete process.env[name];
  Object.assign(process.env, { GOOGLE_CLOUD_PROJECT: 'demo', LOGGING_EMULATOR_HOST: logging.address, LOG_LEVEL: 'silent' });
  await import('../../../src/entry/function.js');
  server = getTestServer('logGardener');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await logging.stop();
});

beforeEach(() => {
  logging.clear();
  logging.clearFaults();
  logging.delayMs = 0;
  logging.requests.splice(0);
  logging.seed(spread(40, '2025-09-11T20:00:00Z', 3_600_000, { service: SERVICE, text: 'Session access failed (middleware not installed?)' }));
  logging.seed(spread(5, '2025-09-11T20:00:00Z', 3_600_000, { service: 'other-service' }));
  logging.seed(spread(7, '2025-09-10T20:00:00Z', 3_600_000, { service: SERVICE }));
});

// The parts of the run report (or error answer) these tests look at.
interface Answer {
  error?: string;
  runId?: string;
  dryRun?: boolean;
  window: { start: string; end: string };
  services?: string[];
  entries: { read: number };
  clusters: unknown[];
  errors?: Array<{ stage: string; message: string }>;
}

async function call(method: string, query = '', body?: unknown) {
  const response = await fetch(`${base}${query}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as Answer) : null };
}

describe('the function over HTTP (functions-framework server, Cloud Logging over gRPC)', () => {
  test('200 with the run report for a dry run from the query string', async () => {
    const { status, json } = await call('GET', `?window=6h&dryRun=true&now=${NOW}`);
    expect(status).toBe(200);
    expect(json).toEqual(expect.objectContaining({
      dryRun: true,
      window: { start: '2025-09-11T18:00:00.000Z', end: '2025-09-12T00:00:00.000Z' },
      services: [], // the shipped config reads every Cloud Run service
      errors: [],
    }));
    expect(json!.entries.read).toBe(45);
    expect(json!.entries.read).toBe(logging.matching(logging.requests[0]!.filter).length);
    expect(json!.clusters.length).toBeGreaterThan(0);
  });

  test("Cloud Scheduler's schedule time is the window's end, so a retried call sweeps the same window", async () => {
    const scheduled = (time: string, body: unknown) =>
      fetch(base, { method: 'POST', headers: { 'content-type': 'application/json', 'x-cloudscheduler': 'true', 'x-cloudscheduler-scheduletime': time }, body: JSON.stringify(body) })
        .then(async (r) => ({ status: r.status, json: (await r.json()) as Answer }));
    const first = await scheduled('2025-09-12T00:00:00.52Z', { window: '6h', dryRun: true });
    expect(first.status).toBe(200);
    expect(first.json.window).toEqual({ start: '2025-09-11T18:00:00.520Z', end: '2025-09-12T00:00:00.520Z' });
    const retry = await scheduled('2025-09-12T00:00:00.52Z', { window: '6h', dryRun: true });
    expect(retry.json.window).toEqual(first.json.window);
    // An explicit `now` (a replay) wins over the header.
    const replay = await scheduled('2025-09-12T00:00:00.52Z', { window: '6h', dryRun: true, now: '2025-09-11T12:00:00Z' });
    expect(replay.json.window.end).toBe('2025-09-11T12:00:00.000Z');
  });

  test('a JSON body wins over the query string; service may be a list', async () => {
    const { status, json } = await call('POST', '?window=1h&dryRun=false', { window: '6h', service: [SERVICE, 'other-service'], dryRun: 'true', now: NOW });
    expect(status).toBe(200);
    expect(json!.dryRun).toBe(true);
    expect(json!.window.start).toBe('2025-09-11T18:00:00.000Z');
    expect(json!.services).toEqual([SERVICE, 'other-service']);
    expect(json!.entries.read).toBe(45);
    expect(logging.requests[0]!.filter).toContain(`resource.labels.service_name = ("${SERVICE}" OR "other-service")`);
  });

  test.each([
    ['a window that is not a duration', '?window=forever&dryRun=true', undefined, /^window: /],
    ['a now that is not RFC 3339', '?now=yesterday&dryRun=true', undefined, /^now: /],
    ['a service that cannot be a Cloud Run service', '?service=Bad_Name!&dryRun=true', undefined, /^service: /],
    ['a dryRun that is not a boolean', '?dryRun=maybe', undefined, /^dryRun: /],
    ['an unknown parameter (a typo must not turn a dry run into a real one)', '?dryrun=true', undefined, /^dryrun: unknown parameter/],
    ['a body that is not an object', '', ['6h'], /^body: /],
    ['a bad value in the body', '?window=6h', { window: 6 }, /^window: /],
  ])('400 for %s', async (_, query, body, message) => {
    const { status, json } = await call(body === undefined ? 'GET' : 'POST', query, body);
    expect(status).toBe(400);
    expect(Object.keys(json!)).toEqual(['error']);
    expect(json!.error).toMatch(message);
    expect(logging.requests).toHaveLength(0);
  });

  test('400 naming what is missing when a real sweep has no GitHub App credentials', async () => {
    const { status, json } = await call('POST', '', { now: NOW });
    expect(status).toBe(400);
    expect(json!.error).toMatch(/GITHUB_REPOSITORY/);
  });

  test.each(['PUT', 'DELETE', 'PATCH'])('405 for %s, with Allow', async (method) => {
    const { status, headers, json } = await call(method, '?dryRun=true');
    expect(status).toBe(405);
    expect(headers.get('allow')).toBe('GET, POST');
    expect(json!.error).toMatch(/use GET or POST/);
  });

  test('409 for a second sweep while one runs; the first completes and the lock is freed', async () => {
    // The first sweep's read is held until the second request has its answer, so the first is still
    // running when the second arrives however slow the machine.
    const release = logging.hold();
    const first = call('POST', '', { dryRun: true, now: NOW });
    while (logging.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const second = await call('POST', '', { dryRun: true, now: NOW });
    release();
    expect(second).toEqual(expect.objectContaining({ status: 409, json: { error: 'a sweep is already running' } }));
    expect(second.headers.get('retry-after')).toBe('60');
    expect((await first).status).toBe(200);
    expect((await call('GET', `?dryRun=1&now=${NOW}`)).status).toBe(200);
  });

  test('500 with the run report and its errors when the sweep fails; the next sweep may run', async () => {
    logging.fail({ code: grpc.status.PERMISSION_DENIED, times: Infinity });
    const { status, json } = await call('POST', '', { dryRun: true, now: NOW });
    expect(status).toBe(500);
    expect(json!.runId).toEqual(expect.any(String));
    expect(json!.errors).toEqual([expect.objectContaining({ stage: 'source', message: expect.stringMatching(/project demo.*roles\/logging\.viewer/) })]);
    logging.clearFaults();
    expect((await call('POST', '', { dryRun: true, now: NOW })).status).toBe(200);
  });
});
