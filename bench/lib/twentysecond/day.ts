// One Cloud Run day of the twenty-second day's services, shaped as bench/lib/cloud-run-day.ts says Cloud
// Run stores what a container writes. Every entry carries its ground truth.
import type { Family, ServiceDef } from '../stranger/model.js';
import { liftSpecialFields, memoryLimit, requests, shapeDay, type Day } from '../cloud-run-day.js';
import { billingSerilog } from './dotnet.js';
import { jobsGosync, seatsSpanner } from './go.js';
import { ordersLogback } from './jvm.js';
import { eventsEventarc } from './node.js';
import { shopLaravel } from './php.js';
import { ingestFunction, jobsExport, quotesFastapi } from './python.js';
import { adminRails } from './ruby.js';
import { PROJECT } from './shared.js';

export { PROJECT };

export const SERVICES: readonly ServiceDef[] = [eventsEventarc, quotesFastapi, jobsExport, ordersLogback, seatsSpanner, billingSerilog, ingestFunction, jobsGosync, shopLaravel, adminRails];

/** 2026-12-14, [00:00, 24:00) UTC, in microseconds. */
export const DAY_START_US = Date.UTC(2026, 11, 14) * 1000;

const id = (rng: { int(lo: number, hi: number): number }): number => rng.int(10000, 99999);

const platform: Record<string, Family[]> = {
  'events-eventarc': [requests('events-eventarc', 500, [40, 90], 'POST', () => '/'), requests('events-eventarc', 200, [100, 200], 'POST', () => '/'), memoryLimit('events-eventarc', 1024, [2, 5], 200)],
  'quotes-fastapi': [requests('quotes-fastapi', 502, [20, 50], 'GET', (rng) => `/reports/${rng.pick(['emea', 'amer', 'apac', 'latam'])}`), requests('quotes-fastapi', 200, [100, 200], 'GET', (rng) => `/quotes/SKU-${id(rng)}`)],
  'orders-logback': [requests('orders-logback', 500, [40, 90], 'POST', (rng) => `/orders/${rng.int(100000, 999999)}/confirm`), requests('orders-logback', 200, [100, 200], 'GET', () => '/orders?status=open')],
  'seats-spanner': [requests('seats-spanner', 503, [120, 220], 'POST', () => '/tasks/confirm-payment'), requests('seats-spanner', 200, [120, 220], 'POST', () => '/tasks/hold')],
  'billing-serilog': [requests('billing-serilog', 500, [15, 40], 'POST', (rng) => `/invoices/${id(rng)}/pay`), requests('billing-serilog', 200, [100, 200], 'GET', () => '/invoices')],
  'ingest-function': [requests('ingest-function', 500, [30, 60], 'POST', () => '/')],
  'shop-laravel': [requests('shop-laravel', 502, [10, 25], 'GET', () => '/account/orders')],
  'admin-rails': [requests('admin-rails', 500, [30, 70], 'POST', (rng) => `/admin/orders/${rng.int(100000, 999999)}/refund`)],
};

export function buildDay(seed: number): Day {
  return liftSpecialFields(shapeDay({ label: 'twentysecond-day', project: PROJECT, startUs: DAY_START_US, services: SERVICES, platform }, seed));
}

export { exportsOf, type Day } from '../cloud-run-day.js';
