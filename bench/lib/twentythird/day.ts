// One Cloud Run day of the twenty-third day's services, shaped as bench/lib/cloud-run-day.ts says Cloud
// Run stores what a container writes. Every entry carries its ground truth.
import type { Family, ServiceDef } from '../stranger/model.js';
import { liftSpecialFields, memoryLimit, requests, shapeDay, type Day } from '../cloud-run-day.js';
import { payCompact } from './dotnet.js';
import { syncChi } from './go.js';
import { catalogEcs, fnWebhook } from './jvm.js';
import { fnIntake, jobsNodeBq, linksHono, ordersNestPino } from './node.js';
import { accountsDjango, jobsAsyncio } from './python.js';
import { PROJECT } from './shared.js';

export { PROJECT };

export const SERVICES: readonly ServiceDef[] = [ordersNestPino, jobsNodeBq, linksHono, fnIntake, accountsDjango, jobsAsyncio, catalogEcs, fnWebhook, syncChi, payCompact];

/** 2026-12-15, [00:00, 24:00) UTC, in microseconds. */
export const DAY_START_US = Date.UTC(2026, 11, 15) * 1000;

const id = (rng: { int(lo: number, hi: number): number }): number => rng.int(100000, 999999);

const platform: Record<string, Family[]> = {
  'orders-nestpino': [requests('orders-nestpino', 500, [50, 110], 'POST', () => '/orders'), requests('orders-nestpino', 200, [100, 200], 'GET', (rng) => `/orders/${id(rng)}`), memoryLimit('orders-nestpino', 512, [2, 5], 120)],
  'links-hono': [requests('links-hono', 500, [20, 50], 'POST', () => '/c'), requests('links-hono', 302, [150, 250], 'GET', (rng) => `/r/${id(rng).toString(36)}`)],
  'fn-intake': [requests('fn-intake', 500, [40, 100], 'POST', () => '/')],
  'accounts-django': [requests('accounts-django', 500, [30, 80], 'GET', (rng) => rng.pick(['/accounts/profile/', '/accounts/sessions/', '/accounts/avatar/'])), requests('accounts-django', 200, [100, 200], 'GET', () => '/accounts/profile/')],
  'catalog-ecs': [requests('catalog-ecs', 500, [20, 50], 'GET', (rng) => `/products/search?q=${rng.pick(['shoe', 'lamp', 'desk', 'cable'])}`), requests('catalog-ecs', 200, [100, 200], 'GET', (rng) => `/products/${id(rng)}`)],
  'fn-webhook': [requests('fn-webhook', 500, [20, 45], 'POST', () => '/')],
  'sync-chi': [requests('sync-chi', 500, [40, 90], 'POST', (rng) => `/tenants/t_${id(rng).toString(36)}/sync`), requests('sync-chi', 200, [100, 200], 'POST', (rng) => `/tenants/t_${id(rng).toString(36)}/sync`)],
  'pay-compact': [requests('pay-compact', 500, [20, 45], 'POST', (rng) => `/payments/${id(rng)}/refunds`), requests('pay-compact', 200, [100, 200], 'POST', (rng) => `/payments/${id(rng)}/capture`)],
};

export function buildDay(seed: number): Day {
  return liftSpecialFields(shapeDay({ label: 'twentythird-day', project: PROJECT, startUs: DAY_START_US, services: SERVICES, platform }, seed));
}

export { exportsOf, type Day } from '../cloud-run-day.js';
