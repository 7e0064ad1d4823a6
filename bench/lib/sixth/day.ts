// One Cloud Run day of the sixth day's services, shaped as bench/lib/cloud-run-day.ts says Cloud Run
// stores what a container writes. Every entry carries its ground truth.
import type { Family, ServiceDef } from '../stranger/model.js';
import { httpRequest, MEMORY, NO_INSTANCE, PROBE_FAILED, requests, shapeDay, TIMEOUT, type Day } from '../cloud-run-day.js';
import { renderSpdlog } from './cpp.js';
import { chatPhoenix } from './elixir.js';
import { inventoryEcho } from './go.js';
import { notifyMicronaut } from './jvm.js';
import { apiKoa, webNuxt } from './node.js';
import { billingLaravel } from './php.js';
import { adminDjango, jobsCelery } from './python.js';
import { searchActix } from './rust.js';

/** The project the day's services run in. */
export const PROJECT = 'tidewater-prod-7730';

export const SERVICES: readonly ServiceDef[] = [adminDjango, jobsCelery, chatPhoenix, searchActix, billingLaravel, apiKoa, webNuxt, notifyMicronaut, inventoryEcho, renderSpdlog];

/** 2026-12-04, [00:00, 24:00) UTC, in microseconds. */
export const DAY_START_US = Date.UTC(2026, 11, 4) * 1000;

const platform: Record<string, Family[]> = {
  'admin-django': [
    requests('admin-django', 500, [15, 45], 'POST', () => '/admin/orders/export/'),
    requests('admin-django', 200, [150, 300], 'GET', (rng) => `/admin/orders/order/${rng.int(1000, 99999)}/change/`),
  ],
  'chat-phoenix': [
    { name: 'chat-phoenix:platform-memory-limit', level: 'ERROR', perDay: [2, 6], emit: ({ rng }) => [{ stream: 'varlog/system', severity: 'ERROR', text: MEMORY(512, rng.int(513, 590)) }] },
    requests('chat-phoenix', 200, [150, 300], 'GET', (rng) => `/api/rooms/${rng.int(1, 400)}/messages`),
  ],
  'search-actix': [
    { name: 'search-actix:platform-no-available-instance', level: 'ERROR', perDay: [5, 20], burst: 0.4, emit: ({ rng, host }) => [{ stream: 'requests', severity: 'ERROR', text: NO_INSTANCE, httpRequest: httpRequest(rng, host, 'GET', `/search?q=${rng.lower(5)}`, 500, rng.next() * 10) }] },
    requests('search-actix', 200, [150, 300], 'GET', (rng) => `/search?q=${rng.lower(5)}`),
  ],
  'billing-laravel': [
    requests('billing-laravel', 500, [10, 30], 'GET', (rng) => `/api/invoices/${rng.int(1000, 99999)}`),
    { name: 'billing-laravel:platform-request-timeout', level: 'ERROR', perDay: [2, 8], emit: ({ rng, host }) => [{ stream: 'requests', severity: 'ERROR', text: TIMEOUT, httpRequest: httpRequest(rng, host, 'GET', `/api/invoices/${rng.int(1000, 99999)}/pdf`, 504, 300 + rng.next() / 100) }] },
  ],
  'api-koa': [
    { name: 'api-koa:platform-startup-probe-failed', level: 'ERROR', perDay: [2, 5], emit: () => [{ stream: 'varlog/system', severity: 'ERROR', text: PROBE_FAILED('api-koa-1') }] },
    requests('api-koa', 200, [150, 300], 'GET', () => '/v1/account/entitlements'),
  ],
  'web-nuxt': [
    requests('web-nuxt', 502, [10, 30], 'GET', (rng) => rng.pick(['/', '/cart', '/products/trail-tent-2p'])),
  ],
  'inventory-echo': [
    requests('inventory-echo', 500, [15, 45], 'POST', () => '/v1/reservations'),
  ],
  'render-spdlog': [
    { name: 'render-spdlog:platform-memory-limit', level: 'ERROR', perDay: [3, 10], emit: ({ rng }) => [{ stream: 'varlog/system', severity: 'ERROR', text: MEMORY(1024, rng.int(1025, 1100)) }] },
  ],
};

export function buildDay(seed: number): Day {
  return shapeDay({ label: 'sixth-day', project: PROJECT, startUs: DAY_START_US, services: SERVICES, platform }, seed);
}

export { exportsOf, type Day } from '../cloud-run-day.js';
