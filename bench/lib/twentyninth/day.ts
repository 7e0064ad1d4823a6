// One Cloud Run day of the twenty-ninth day's services, shaped as bench/lib/cloud-run-day.ts says
// Cloud Run stores what a container writes. Every entry carries its ground truth.
import type { Family, ServiceDef } from '../stranger/model.js';
import { liftSpecialFields, memoryLimit, requests, shapeDay, type Day } from '../cloud-run-day.js';
import { invoicesAspnet } from './dotnet.js';
import { ticketsPhoenix } from './elixir.js';
import { fleetGin } from './go.js';
import { catalogLog4j2 } from './jvm.js';
import { apiNest } from './node.js';
import { portalLaravel } from './php.js';
import { searchFastapi, webDjango } from './python.js';
import { returnsRails } from './ruby.js';
import { quotesActix } from './rust.js';
import { PROJECT } from './shared.js';

export { PROJECT };

export const SERVICES: readonly ServiceDef[] = [webDjango, searchFastapi, apiNest, fleetGin, catalogLog4j2, invoicesAspnet, portalLaravel, returnsRails, quotesActix, ticketsPhoenix];

/** 2026-12-09, [00:00, 24:00) UTC, in microseconds. */
export const DAY_START_US = Date.UTC(2026, 11, 9) * 1000;

// Cloud Run's request log: a 5xx for each request a service failed (ERROR, no payload), 2xx as chatter.
// The Rust service's panics drop the connection (no request line of their own); the Elixir service
// answers a failed capture with 502; the others answer their failures with 500.
const platform: Record<string, Family[]> = {
  'web-django': [requests('web-django', 500, [30, 70], 'POST', () => '/checkout/'), requests('web-django', 500, [30, 70], 'GET', (rng) => `/checkout/shipping/?postcode=SW1A%20${rng.int(1, 9)}AA`), requests('web-django', 200, [100, 200], 'GET', () => '/products/')],
  'search-fastapi': [requests('search-fastapi', 500, [60, 140], 'GET', (rng) => rng.pick([`/search?q=tent&page=${rng.int(1, 9)}`, `/suggest?prefix=${rng.lower(3)}`])), requests('search-fastapi', 200, [100, 200], 'GET', () => '/search?q=stove')],
  'api-nest': [requests('api-nest', 500, [30, 70], 'GET', () => '/orders?status=open'), requests('api-nest', 500, [20, 50], 'POST', (rng) => `/checkout/${rng.int(1000000, 9999999)}/pay`), requests('api-nest', 200, [100, 200], 'GET', () => '/orders?status=shipped')],
  'fleet-gin': [requests('fleet-gin', 500, [40, 90], 'GET', (rng) => `/v1/vehicles/V-${rng.int(1000, 9999)}/position`), requests('fleet-gin', 500, [20, 50], 'POST', (rng) => rng.pick(['/v1/trips', `/v1/vehicles/V-${rng.int(1000, 9999)}/telemetry`])), requests('fleet-gin', 200, [100, 200], 'GET', () => '/healthz')],
  'catalog-log4j2': [requests('catalog-log4j2', 500, [40, 90], 'GET', (rng) => `/tags/${rng.pick(['tents', 'stoves', 'boots', 'packs'])}?page=${rng.int(1, 30)}`), requests('catalog-log4j2', 200, [100, 200], 'GET', () => '/products'), memoryLimit('catalog-log4j2', 1024, [6, 16], 120)],
  'invoices-aspnet': [requests('invoices-aspnet', 500, [30, 70], 'POST', () => '/invoices'), requests('invoices-aspnet', 500, [20, 50], 'GET', (rng) => `/invoices/${rng.uuid()}/pdf`), requests('invoices-aspnet', 200, [100, 200], 'GET', () => '/invoices'), memoryLimit('invoices-aspnet', 512, [6, 16], 60)],
  'portal-laravel': [requests('portal-laravel', 500, [60, 140], 'GET', (rng) => rng.pick(['/dashboard', '/billing', `/account/address/lookup?postcode=M1${rng.int(1, 9)}AB`])), requests('portal-laravel', 200, [100, 200], 'GET', () => '/dashboard')],
  'returns-rails': [requests('returns-rails', 500, [50, 120], 'POST', (rng) => `/returns/${rng.int(100000, 999999)}/${rng.pick(['label', 'refunds'])}`), requests('returns-rails', 200, [100, 200], 'GET', () => '/returns')],
  'quotes-actix': [requests('quotes-actix', 500, [60, 140], 'POST', () => '/v1/quotes'), requests('quotes-actix', 200, [150, 250], 'POST', () => '/v1/quotes')],
  'tickets-phoenix': [requests('tickets-phoenix', 500, [30, 80], 'POST', (rng) => `/api/events/${rng.int(100, 999)}/holds`), requests('tickets-phoenix', 502, [25, 60], 'POST', (rng) => `/api/orders/${rng.int(1000000, 9999999)}/pay`), requests('tickets-phoenix', 200, [100, 200], 'GET', () => '/api/health')],
};

export function buildDay(seed: number): Day {
  return liftSpecialFields(shapeDay({ label: 'twentyninth-day', project: PROJECT, startUs: DAY_START_US, services: SERVICES, platform }, seed));
}

export { exportsOf, type Day } from '../cloud-run-day.js';
