// One Cloud Run day of the eighth day's services, shaped as bench/lib/cloud-run-day.ts says Cloud Run
// stores what a container writes. Every entry carries its ground truth.
import type { Family, ServiceDef } from '../stranger/model.js';
import { httpRequest, MEMORY, NO_INSTANCE, PROBE_FAILED, requests, shapeDay, TIMEOUT, type Day } from '../cloud-run-day.js';
import { jobsOban } from './elixir.js';
import { linksChi } from './go.js';
import { recsWarp } from './haskell.js';
import { ledgerWildfly, pricingWebflux } from './jvm.js';
import { graphApollo, ordersNest } from './node.js';
import { cmsWordpress } from './php.js';
import { catalogSanic } from './python.js';
import { shopLograge } from './ruby.js';

/** The project the day's services run in. */
export const PROJECT = 'harbor-lane-prod-2291';

export const SERVICES: readonly ServiceDef[] = [ordersNest, catalogSanic, ledgerWildfly, shopLograge, linksChi, jobsOban, cmsWordpress, recsWarp, graphApollo, pricingWebflux];

/** 2026-12-05, [00:00, 24:00) UTC, in microseconds. */
export const DAY_START_US = Date.UTC(2026, 11, 5) * 1000;

const platform: Record<string, Family[]> = {
  'orders-nest': [
    requests('orders-nest', 500, [15, 45], 'POST', () => '/orders'),
    requests('orders-nest', 201, [150, 300], 'POST', () => '/orders'),
  ],
  'catalog-sanic': [
    requests('catalog-sanic', 500, [15, 40], 'GET', (rng) => `/products/${rng.int(100, 99999)}`),
  ],
  'ledger-wildfly': [
    { name: 'ledger-wildfly:platform-startup-probe-failed', level: 'ERROR', perDay: [2, 5], emit: () => [{ stream: 'varlog/system', severity: 'ERROR', text: PROBE_FAILED('ledger-wildfly-1') }] },
    requests('ledger-wildfly', 500, [10, 30], 'POST', () => '/ledger/api/entries'),
  ],
  'shop-lograge': [
    requests('shop-lograge', 503, [8, 25], 'GET', (rng) => `/search?q=${rng.lower(5)}`),
    requests('shop-lograge', 200, [150, 300], 'GET', (rng) => `/products/${rng.int(1, 5000)}`),
  ],
  'links-chi': [
    requests('links-chi', 500, [10, 30], 'GET', (rng) => `/${rng.alnum(7)}`),
  ],
  'cms-wordpress': [
    requests('cms-wordpress', 500, [10, 30], 'GET', (rng) => `/${rng.lower(8)}-${rng.lower(6)}/`),
    { name: 'cms-wordpress:platform-request-timeout', level: 'ERROR', perDay: [2, 8], emit: ({ rng, host }) => [{ stream: 'requests', severity: 'ERROR', text: TIMEOUT, httpRequest: httpRequest(rng, host, 'GET', '/wp-admin/admin-ajax.php?action=harbor_export', 504, 300 + rng.next() / 100) }] },
  ],
  'recs-warp': [
    { name: 'recs-warp:platform-memory-limit', level: 'ERROR', perDay: [2, 6], emit: ({ rng }) => [{ stream: 'varlog/system', severity: 'ERROR', text: MEMORY(512, rng.int(513, 560)) }] },
    requests('recs-warp', 200, [150, 300], 'GET', (rng) => `/v2/recs/${rng.int(1, 900000)}`),
  ],
  'graph-apollo': [
    { name: 'graph-apollo:platform-no-available-instance', level: 'ERROR', perDay: [5, 20], burst: 0.4, emit: ({ rng, host }) => [{ stream: 'requests', severity: 'ERROR', text: NO_INSTANCE, httpRequest: httpRequest(rng, host, 'POST', '/graphql', 500, rng.next() * 10) }] },
    requests('graph-apollo', 200, [150, 300], 'POST', () => '/graphql'),
  ],
  'pricing-webflux': [
    requests('pricing-webflux', 500, [10, 30], 'GET', (rng) => `/prices/SKU-${rng.int(10000, 99999)}`),
  ],
};

export function buildDay(seed: number): Day {
  return shapeDay({ label: 'eighth-day', project: PROJECT, startUs: DAY_START_US, services: SERVICES, platform }, seed);
}

export { exportsOf, type Day } from '../cloud-run-day.js';
