// One Cloud Run day of the twenty-fifth day's services, shaped as bench/lib/cloud-run-day.ts says Cloud
// Run stores what a container writes. Every entry carries its ground truth.
import type { Family, ServiceDef } from '../stranger/model.js';
import { liftSpecialFields, memoryLimit, requests, shapeDay, type Day } from '../cloud-run-day.js';
import { portalBlazor } from './dotnet.js';
import { fnResize, inventoryGrpc } from './go.js';
import { ordersCamel } from './jvm.js';
import { catalogMongoose, scrapePlaywright } from './node.js';
import { storeLaravel } from './php.js';
import { jobsAlembic, webFlask } from './python.js';
import { workerSidekiq } from './ruby.js';
import { PROJECT } from './shared.js';

export { PROJECT };

export const SERVICES: readonly ServiceDef[] = [scrapePlaywright, catalogMongoose, jobsAlembic, webFlask, ordersCamel, inventoryGrpc, fnResize, workerSidekiq, portalBlazor, storeLaravel];

/** 2026-12-04, [00:00, 24:00) UTC, in microseconds. */
export const DAY_START_US = Date.UTC(2026, 11, 4) * 1000;

const id = (rng: { int(lo: number, hi: number): number }): number => rng.int(100000, 999999);

// gRPC answers its errors inside an HTTP 200 (grpc-status in the trailers), so the inventory API's request
// log holds 200s only; the Blazor portal's failures happen on an open circuit, not in a request.
const platform: Record<string, Family[]> = {
  'scrape-playwright': [requests('scrape-playwright', 500, [30, 70], 'POST', (rng) => rng.pick(['/render', '/render?view=mobile'])), requests('scrape-playwright', 200, [100, 200], 'POST', () => '/render'), memoryLimit('scrape-playwright', 2048, [3, 8], 200)],
  'catalog-mongoose': [requests('catalog-mongoose', 500, [30, 70], 'GET', (rng) => rng.pick(['/products', `/products?page=${rng.int(1, 40)}`, '/products/import'])), requests('catalog-mongoose', 200, [100, 200], 'GET', (rng) => `/products/${id(rng).toString(16)}`)],
  'web-flask': [requests('web-flask', 500, [30, 70], 'GET', (rng) => `/reports?tenant=t_${rng.int(1, 60)}`), requests('web-flask', 200, [100, 200], 'GET', (rng) => `/dashboard/t_${rng.int(1, 60)}`)],
  'inventory-grpc': [requests('inventory-grpc', 200, [150, 250], 'POST', (rng) => `/inventory.v1.InventoryService/${rng.pick(['Reserve', 'GetStock', 'AdjustStock', 'Restock', 'ListWarehouses'])}`)],
  'fn-resize': [requests('fn-resize', 500, [40, 100], 'POST', () => '/'), requests('fn-resize', 200, [100, 200], 'POST', () => '/')],
  'portal-blazor': [requests('portal-blazor', 200, [100, 200], 'GET', (rng) => rng.pick(['/invoices', '/orders', `/invoices/INV-2026-${id(rng)}`]))],
  'store-laravel': [requests('store-laravel', 500, [30, 70], 'GET', (rng) => rng.pick(['/cart', '/checkout/shipping'])), requests('store-laravel', 200, [100, 200], 'GET', (rng) => `/products/${id(rng)}`)],
};

export function buildDay(seed: number): Day {
  return liftSpecialFields(shapeDay({ label: 'twentyfifth-day', project: PROJECT, startUs: DAY_START_US, services: SERVICES, platform }, seed));
}

export { exportsOf, type Day } from '../cloud-run-day.js';
