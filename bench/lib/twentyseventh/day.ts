// One Cloud Run day of the twenty-seventh day's services, shaped as bench/lib/cloud-run-day.ts says
// Cloud Run stores what a container writes. Every entry carries its ground truth.
import type { Family, ServiceDef } from '../stranger/model.js';
import { liftSpecialFields, memoryLimit, requests, shapeDay, type Day } from '../cloud-run-day.js';
import { jobsInvoices } from './dotnet.js';
import { apiGin, eventsFiber } from './go.js';
import { mediaBoot } from './jvm.js';
import { apiFeathers, ordersOtel, webAstro } from './node.js';
import { shopOctane } from './php.js';
import { graphStrawberry, jobsSheets } from './python.js';
import { PROJECT } from './shared.js';

export { PROJECT };

export const SERVICES: readonly ServiceDef[] = [graphStrawberry, jobsSheets, apiFeathers, ordersOtel, webAstro, jobsInvoices, mediaBoot, eventsFiber, apiGin, shopOctane];

/** 2026-12-07, [00:00, 24:00) UTC, in microseconds. */
export const DAY_START_US = Date.UTC(2026, 11, 7) * 1000;

// GraphQL answers its resolver errors inside a 200, so the Strawberry API's 500s are its CSV export's;
// the nginx sidecar answers Cloud Run, so the site's request log holds nginx's 500s (its 502s at an
// instance's start are left out of the request log's families, as the earlier days keep one 5xx status); the two jobs have no
// request log; the push handler answers Pub/Sub with 500 when an insert fails (Pub/Sub redelivers).
const platform: Record<string, Family[]> = {
  'graph-strawberry': [requests('graph-strawberry', 500, [25, 60], 'GET', (rng) => `/exports/orders.csv?from=2026-11-${rng.int(10, 28)}`), requests('graph-strawberry', 200, [100, 200], 'POST', () => '/graphql')],
  'api-feathers': [requests('api-feathers', 500, [30, 80], 'GET', (rng) => rng.pick(['/reports', `/reports?name=${rng.pick(['churn', 'mrr'])}`])), requests('api-feathers', 201, [100, 200], 'POST', () => '/users')],
  'orders-otel': [requests('orders-otel', 500, [40, 100], 'POST', (rng) => rng.pick(['/orders', `/orders/${rng.int(1000000, 9999999)}`])), requests('orders-otel', 201, [100, 200], 'POST', () => '/orders')],
  'web-astro': [requests('web-astro', 500, [30, 70], 'GET', (rng) => `/blog/${rng.pick(['winter-planting', 'soil-ph-basics', 'pruning-roses', 'compost-101'])}`), requests('web-astro', 200, [150, 250], 'GET', () => '/blog')],
  'media-boot': [requests('media-boot', 500, [40, 100], 'POST', (rng) => rng.pick(['/api/uploads', `/api/albums?owner=${rng.int(10000, 99999)}`])), requests('media-boot', 200, [100, 200], 'GET', () => '/api/albums'), memoryLimit('media-boot', 2048, [8, 20], 200)],
  'events-fiber': [requests('events-fiber', 500, [60, 140], 'POST', () => '/pubsub/push'), requests('events-fiber', 204, [150, 250], 'POST', () => '/pubsub/push')],
  'api-gin': [requests('api-gin', 503, [40, 100], 'GET', (rng) => `/v1/carts/${rng.int(1000000, 9999999)}`), requests('api-gin', 500, [40, 100], 'POST', (rng) => rng.pick(['/v1/checkout', `/v1/carts/${rng.int(1000000, 9999999)}/quote`])), requests('api-gin', 200, [100, 200], 'GET', () => '/v1/carts')],
  'shop-octane': [requests('shop-octane', 500, [50, 120], 'GET', (rng) => rng.pick(['/cart', '/checkout', `/cart/${rng.int(100000, 999999)}`])), requests('shop-octane', 200, [150, 250], 'GET', () => '/')],
};

export function buildDay(seed: number): Day {
  return liftSpecialFields(shapeDay({ label: 'twentyseventh-day', project: PROJECT, startUs: DAY_START_US, services: SERVICES, platform }, seed));
}

export { exportsOf, type Day } from '../cloud-run-day.js';
