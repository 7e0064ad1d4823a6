// One Cloud Run day of the polyglot services, shaped as bench/lib/cloud-run-day.ts says Cloud Run stores what
// a container writes. Every entry carries its ground truth.
import type { Family, ServiceDef } from '../stranger/model.js';
import { httpRequest, MEMORY, PROBE_FAILED, requests, shapeDay, TIMEOUT, type Day } from '../cloud-run-day.js';
import { checkoutSymfony } from './php.js';
import { fleetZerolog, syncLogrus } from './go.js';
import { pricingLog4j, streamPekko } from './jvm.js';
import { shopFastify, webNextjs } from './node.js';
import { geoRust } from './rust.js';
import { apiGunicorn, exportsRq } from './python.js';

/** The project the day's services run in. */
export const PROJECT = 'tidewater-prod-4417';

export const SERVICES: readonly ServiceDef[] = [checkoutSymfony, fleetZerolog, syncLogrus, pricingLog4j, streamPekko, shopFastify, webNextjs, geoRust, exportsRq, apiGunicorn];

/** 2026-04-14, [00:00, 24:00) UTC, in microseconds. */
export const DAY_START_US = Date.UTC(2026, 3, 14) * 1000;

const platform: Record<string, Family[]> = {
  'pricing-log4j': [
    { name: 'pricing-log4j:platform-memory-limit', level: 'ERROR', perDay: [3, 10], emit: ({ rng }) => [{ stream: 'varlog/system', severity: 'ERROR', text: MEMORY(1024, rng.int(1025, 1190)) }] },
    requests('pricing-log4j', 200, [100, 200], 'GET', (rng) => `/v2/prices?sku=SKU-${rng.upperAlnum(8)}`),
  ],
  'exports-rq': [
    { name: 'exports-rq:platform-memory-limit', level: 'ERROR', perDay: [2, 8], emit: ({ rng }) => [{ stream: 'varlog/system', severity: 'ERROR', text: MEMORY(2048, rng.int(2049, 2400)) }] },
  ],
  'stream-pekko': [
    { name: 'stream-pekko:platform-startup-probe-failed', level: 'ERROR', perDay: [2, 6], emit: () => [{ stream: 'varlog/system', severity: 'ERROR', text: PROBE_FAILED('stream-pekko-1') }] },
  ],
  'api-gunicorn': [
    { name: 'api-gunicorn:platform-request-timeout', level: 'ERROR', perDay: [4, 15], emit: ({ rng, host }) => [{ stream: 'requests', severity: 'ERROR', text: TIMEOUT, httpRequest: httpRequest(rng, host, 'GET', `/api/reports/${rng.int(1, 9999)}/export`, 504, 60 + rng.next() / 100) }] },
    requests('api-gunicorn', 200, [100, 200], 'POST', () => '/api/invoices/sync'),
  ],
  'shop-fastify': [
    requests('shop-fastify', 500, [20, 60], 'GET', (rng) => `/products/${rng.int(1, 99999)}`),
    requests('shop-fastify', 200, [150, 300], 'GET', (rng) => `/products/${rng.int(1, 99999)}`),
  ],
  'web-nextjs': [
    requests('web-nextjs', 503, [10, 40], 'GET', (rng) => rng.pick(['/', '/products/blue-kettle', '/cart'])),
    requests('web-nextjs', 200, [150, 300], 'GET', (rng) => rng.pick(['/', '/products/blue-kettle', '/cart'])),
  ],
  'checkout-symfony': [
    requests('checkout-symfony', 404, [40, 120], 'GET', (rng) => rng.pick(['/wp-login.php', '/.env', '/xmlrpc.php'])),
  ],
};

export function buildDay(seed: number): Day {
  return shapeDay({ label: 'polyglot-day', project: PROJECT, startUs: DAY_START_US, services: SERVICES, platform }, seed);
}

export { exportsOf, type Day } from '../cloud-run-day.js';
