// One Cloud Run day of the twelfth day's services, shaped as bench/lib/cloud-run-day.ts says Cloud Run
// stores what a container writes. Every entry carries its ground truth.
import type { Family, ServiceDef } from '../stranger/model.js';
import { httpRequest, MEMORY, NO_INSTANCE, PROBE_FAILED, requests, shapeDay, TIMEOUT, type Day } from '../cloud-run-day.js';
import { mediaGorilla } from './go.js';
import { catalogHelidon, pricingZio } from './jvm.js';
import { geoNim } from './nim.js';
import { accountsAdonis, storefrontRemix } from './node.js';
import { forumMojo } from './perl.js';
import { adminYii2 } from './php.js';
import { ledgerQuart } from './python.js';
import { checkoutHummingbird } from './swift.js';

/** The project the day's services run in. */
export const PROJECT = 'saltmarsh-prod-2291';

export const SERVICES: readonly ServiceDef[] = [ledgerQuart, catalogHelidon, pricingZio, accountsAdonis, storefrontRemix, mediaGorilla, forumMojo, adminYii2, geoNim, checkoutHummingbird];

/** 2026-12-04, [00:00, 24:00) UTC, in microseconds. */
export const DAY_START_US = Date.UTC(2026, 11, 4) * 1000;

const platform: Record<string, Family[]> = {
  'ledger-quart': [
    requests('ledger-quart', 500, [15, 40], 'POST', () => '/v1/ledger/entries'),
    requests('ledger-quart', 200, [150, 300], 'GET', (rng) => `/v1/ledger/accounts/${rng.int(100, 99999)}/balance`),
  ],
  'catalog-helidon': [
    requests('catalog-helidon', 500, [10, 35], 'GET', (rng) => `/products/${rng.int(10000, 99999)}`),
    { name: 'catalog-helidon:platform-startup-probe-failed', level: 'ERROR', perDay: [2, 5], emit: () => [{ stream: 'varlog/system', severity: 'ERROR', text: PROBE_FAILED('catalog-helidon-1') }] },
  ],
  'pricing-zio': [
    { name: 'pricing-zio:platform-memory-limit', level: 'ERROR', perDay: [2, 6], emit: ({ rng }) => [{ stream: 'varlog/system', severity: 'ERROR', text: MEMORY(512, rng.int(513, 560)) }] },
    requests('pricing-zio', 200, [150, 300], 'POST', () => '/v1/quotes'),
  ],
  'storefront-remix': [
    requests('storefront-remix', 500, [15, 45], 'GET', (rng) => rng.pick(['/products/tents', '/products/stoves', '/cart'])),
    { name: 'storefront-remix:platform-no-available-instance', level: 'ERROR', perDay: [5, 20], burst: 0.4, emit: ({ rng, host }) => [{ stream: 'requests', severity: 'ERROR', text: NO_INSTANCE, httpRequest: httpRequest(rng, host, 'GET', rng.pick(['/', '/products/tents']), 500, rng.next() * 10) }] },
  ],
  'media-gorilla': [
    requests('media-gorilla', 500, [6, 18], 'GET', (rng) => `/albums/${rng.int(1, 9999)}/cover`),
    { name: 'media-gorilla:platform-memory-limit', level: 'ERROR', perDay: [2, 6], emit: ({ rng }) => [{ stream: 'varlog/system', severity: 'ERROR', text: MEMORY(512, rng.int(520, 540)) }] },
  ],
  'admin-yii2': [
    { name: 'admin-yii2:platform-request-timeout', level: 'ERROR', perDay: [2, 8], emit: ({ rng, host }) => [{ stream: 'requests', severity: 'ERROR', text: TIMEOUT, httpRequest: httpRequest(rng, host, 'GET', `/index.php?r=report%2Fexport&id=${rng.int(1, 999)}`, 504, 300 + rng.next() / 100) }] },
  ],
  'checkout-hummingbird': [
    requests('checkout-hummingbird', 502, [10, 30], 'POST', () => '/v1/orders'),
    requests('checkout-hummingbird', 200, [150, 300], 'POST', () => '/v1/orders'),
  ],
  'geo-nim': [
    requests('geo-nim', 503, [5, 15], 'GET', (rng) => `/v1/geocode?q=${rng.lower(6)}`),
  ],
};

export function buildDay(seed: number): Day {
  return shapeDay({ label: 'twelfth-day', project: PROJECT, startUs: DAY_START_US, services: SERVICES, platform }, seed);
}

export { exportsOf, type Day } from '../cloud-run-day.js';
