// One Cloud Run day of the fifth day's services, shaped as bench/lib/cloud-run-day.ts says Cloud Run
// stores what a container writes. Every entry carries its ground truth.
import type { Family, ServiceDef } from '../stranger/model.js';
import { httpRequest, MEMORY, NO_INSTANCE, PROBE_FAILED, requests, shapeDay, TIMEOUT, type Day } from '../cloud-run-day.js';
import { feedsDart } from './dart.js';
import { hrNlog } from './dotnet.js';
import { ordersGin } from './go.js';
import { edgeDeno, imagesBun } from './js.js';
import { ledgerKtor, quotesQuarkus } from './jvm.js';
import { mediaUwsgi, tasksDramatiq } from './python.js';
import { payVapor } from './swift.js';

/** The project the day's services run in. */
export const PROJECT = 'harbor-prod-2291';

export const SERVICES: readonly ServiceDef[] = [tasksDramatiq, mediaUwsgi, quotesQuarkus, ledgerKtor, ordersGin, edgeDeno, imagesBun, payVapor, feedsDart, hrNlog];

/** 2026-12-03, [00:00, 24:00) UTC, in microseconds. */
export const DAY_START_US = Date.UTC(2026, 11, 3) * 1000;

const platform: Record<string, Family[]> = {
  'media-uwsgi': [
    requests('media-uwsgi', 502, [8, 25], 'POST', () => '/v1/uploads'),
    { name: 'media-uwsgi:platform-request-timeout', level: 'ERROR', perDay: [3, 10], emit: ({ rng, host }) => [{ stream: 'requests', severity: 'ERROR', text: TIMEOUT, httpRequest: httpRequest(rng, host, 'POST', '/v1/uploads', 504, 300 + rng.next() / 100) }] },
    requests('media-uwsgi', 200, [150, 300], 'GET', (rng) => `/v1/thumbs/${rng.hex(12)}?w=320`),
  ],
  'quotes-quarkus': [
    { name: 'quotes-quarkus:platform-startup-probe-failed', level: 'ERROR', perDay: [2, 6], emit: () => [{ stream: 'varlog/system', severity: 'ERROR', text: PROBE_FAILED('quotes-quarkus-1') }] },
  ],
  'ledger-ktor': [
    requests('ledger-ktor', 500, [20, 60], 'POST', () => '/api/transfers'),
    requests('ledger-ktor', 200, [150, 300], 'POST', () => '/api/transfers'),
  ],
  'orders-gin': [
    requests('orders-gin', 500, [10, 35], 'GET', (rng) => `/v1/orders/ord_${rng.alnum(20)}`),
  ],
  'edge-deno': [
    { name: 'edge-deno:platform-no-available-instance', level: 'ERROR', perDay: [5, 20], burst: 0.4, emit: ({ rng, host }) => [{ stream: 'requests', severity: 'ERROR', text: NO_INSTANCE, httpRequest: httpRequest(rng, host, 'GET', rng.pick(['/', '/pricing', '/blog/launch-week']), 500, rng.next() * 10) }] },
    requests('edge-deno', 200, [150, 300], 'GET', (rng) => rng.pick(['/', '/pricing', '/about'])),
  ],
  'images-bun': [
    { name: 'images-bun:platform-memory-limit', level: 'ERROR', perDay: [3, 10], emit: ({ rng }) => [{ stream: 'varlog/system', severity: 'ERROR', text: MEMORY(512, rng.int(513, 600)) }] },
  ],
  'pay-vapor': [
    requests('pay-vapor', 200, [150, 300], 'POST', () => '/v1/payments'),
  ],
};

export function buildDay(seed: number): Day {
  return shapeDay({ label: 'fifth-day', project: PROJECT, startUs: DAY_START_US, services: SERVICES, platform }, seed);
}

export { exportsOf, type Day } from '../cloud-run-day.js';
