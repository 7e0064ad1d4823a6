// One Cloud Run day of the thirtieth day's services, shaped as bench/lib/cloud-run-day.ts says Cloud
// Run stores what a container writes. Every entry carries its ground truth.
import type { Family, ServiceDef } from '../stranger/model.js';
import { liftSpecialFields, memoryLimit, requests, shapeDay, type Day } from '../cloud-run-day.js';
import { payAspnet } from './dotnet.js';
import { fleetGinrus, stockEcho } from './go.js';
import { catalogBoot, eventsKtor } from './jvm.js';
import { routeFastify, shopExpress } from './node.js';
import { portalLaravel } from './php.js';
import { quotesLoguru, webDjango } from './python.js';
import { PROJECT } from './shared.js';

export { PROJECT };

export const SERVICES: readonly ServiceDef[] = [shopExpress, routeFastify, quotesLoguru, webDjango, catalogBoot, eventsKtor, payAspnet, stockEcho, fleetGinrus, portalLaravel];

/** 2026-12-10, [00:00, 24:00) UTC, in microseconds. */
export const DAY_START_US = Date.UTC(2026, 11, 10) * 1000;

// Cloud Run's request log: a 5xx for each request a service failed (ERROR, no payload), 2xx as chatter.
const platform: Record<string, Family[]> = {
  'shop-express': [requests('shop-express', 500, [40, 90], 'POST', (rng) => `/api/checkout/${rng.alnum(20)}`), requests('shop-express', 500, [40, 90], 'GET', (rng) => `/api/products/${rng.hex(24)}`), requests('shop-express', 200, [100, 200], 'GET', () => '/api/products?page=1')],
  'route-fastify': [requests('route-fastify', 500, [30, 70], 'POST', (rng) => `/v1/stops/geocode?batch=${rng.int(1, 40)}`), requests('route-fastify', 500, [30, 70], 'GET', (rng) => `/v1/routes/${rng.uuid()}`), requests('route-fastify', 200, [100, 200], 'GET', () => '/v1/routes?depot=3')],
  'quotes-loguru': [requests('quotes-loguru', 500, [60, 140], 'POST', (rng) => rng.pick(['/v1/quotes', `/v1/quotes/${rng.int(1000000, 9999999)}/summary`])), requests('quotes-loguru', 200, [100, 200], 'GET', () => '/v1/quotes?status=open')],
  'web-django': [requests('web-django', 500, [40, 100], 'GET', (rng) => rng.pick([`/orders/export/?format=csv`, `/reports/monthly/?month=2026-${rng.int(1, 11)}`])), requests('web-django', 200, [100, 200], 'GET', () => '/orders/')],
  'catalog-boot': [requests('catalog-boot', 500, [40, 90], 'GET', (rng) => `/products/${rng.pick(['TNT', 'STV', 'BTS'])}-${rng.int(1000, 9999)}`), requests('catalog-boot', 500, [20, 50], 'POST', () => '/import/products'), requests('catalog-boot', 200, [100, 200], 'GET', () => '/products?tag=tents'), memoryLimit('catalog-boot', 1024, [6, 16], 120)],
  'events-ktor': [requests('events-ktor', 500, [40, 90], 'POST', () => '/v1/events'), requests('events-ktor', 500, [30, 70], 'GET', (rng) => `/v1/events/${rng.int(1000, 9999)}/seats?venue=${rng.int(100, 999)}`), requests('events-ktor', 200, [100, 200], 'GET', () => '/v1/events?city=leeds')],
  'pay-aspnet': [requests('pay-aspnet', 500, [40, 90], 'POST', () => '/payments'), requests('pay-aspnet', 500, [30, 70], 'GET', (rng) => `/merchants/${rng.uuid()}/refunds`), requests('pay-aspnet', 200, [100, 200], 'GET', () => '/health'), memoryLimit('pay-aspnet', 512, [6, 16], 60)],
  'stock-echo': [requests('stock-echo', 500, [60, 140], 'GET', (rng) => `/v1/stock/${rng.pick(['TNT', 'STV', 'BTS'])}-${rng.int(1000, 9999)}`), requests('stock-echo', 500, [30, 70], 'POST', (rng) => `/v1/stock/TNT-${rng.int(1000, 9999)}/reservations`), requests('stock-echo', 200, [100, 200], 'GET', () => '/healthz')],
  'fleet-ginrus': [requests('fleet-ginrus', 500, [60, 140], 'POST', (rng) => `/v1/vehicles/VH-${rng.int(10000, 99999)}/assign`), requests('fleet-ginrus', 500, [30, 70], 'GET', (rng) => `/v1/trips/${rng.int(1000000, 9999999)}/eta`), requests('fleet-ginrus', 200, [100, 200], 'GET', () => '/healthz')],
  'portal-laravel': [requests('portal-laravel', 500, [60, 140], 'GET', (rng) => rng.pick(['/billing/invoices?page=1', `/subscriptions/${rng.int(100000, 999999)}/renew`])), requests('portal-laravel', 200, [100, 200], 'GET', () => '/dashboard')],
};

export function buildDay(seed: number): Day {
  return liftSpecialFields(shapeDay({ label: 'thirtieth-day', project: PROJECT, startUs: DAY_START_US, services: SERVICES, platform }, seed));
}

export { exportsOf, type Day } from '../cloud-run-day.js';
