// One Cloud Run day of the thirteenth day's services, shaped as bench/lib/cloud-run-day.ts says Cloud Run
// stores what a container writes. Every entry carries its ground truth.
import type { Family, ServiceDef } from '../stranger/model.js';
import { httpRequest, MEMORY, NO_INSTANCE, PROBE_FAILED, requests, shapeDay, TIMEOUT, type Day } from '../cloud-run-day.js';
import { reportsWorker } from './dotnet.js';
import { eventsEcho } from './go.js';
import { jobsBatch } from './jvm.js';
import { edgeOpenresty } from './nginx.js';
import { gatewayHapi } from './node.js';
import { billingLaminas, notifyMessenger } from './php.js';
import { shopBottle, wikiPyramid } from './python.js';
import { searchAxum } from './rust.js';

/** The project the day's services run in. */
export const PROJECT = 'ternhollow-prod-5183';

export const SERVICES: readonly ServiceDef[] = [wikiPyramid, shopBottle, jobsBatch, eventsEcho, notifyMessenger, billingLaminas, searchAxum, gatewayHapi, reportsWorker, edgeOpenresty];

/** 2026-12-04, [00:00, 24:00) UTC, in microseconds. */
export const DAY_START_US = Date.UTC(2026, 11, 4) * 1000;

const platform: Record<string, Family[]> = {
  'wiki-pyramid': [
    requests('wiki-pyramid', 500, [20, 50], 'POST', (rng) => `/wiki/${rng.pick(['FrontPage', 'Onboarding', 'OnCallRunbook'])}/edit`),
    requests('wiki-pyramid', 200, [150, 300], 'GET', (rng) => `/wiki/${rng.pick(['FrontPage', 'Onboarding', 'OnCallRunbook'])}`),
  ],
  'shop-bottle': [
    requests('shop-bottle', 500, [15, 40], 'GET', (rng) => `/cart/${rng.hex(12)}`),
  ],
  'jobs-batch': [
    { name: 'jobs-batch:platform-memory-limit', level: 'ERROR', perDay: [2, 6], emit: ({ rng }) => [{ stream: 'varlog/system', severity: 'ERROR', text: MEMORY(512, rng.int(513, 560)) }] },
  ],
  'events-echo': [
    { name: 'events-echo:platform-startup-probe-failed', level: 'ERROR', perDay: [2, 5], emit: () => [{ stream: 'varlog/system', severity: 'ERROR', text: PROBE_FAILED('events-echo-1') }] },
    requests('events-echo', 202, [150, 300], 'POST', () => '/v1/events'),
  ],
  'search-axum': [
    { name: 'search-axum:platform-request-timeout', level: 'ERROR', perDay: [2, 8], emit: ({ rng, host }) => [{ stream: 'requests', severity: 'ERROR', text: TIMEOUT, httpRequest: httpRequest(rng, host, 'GET', `/search?q=${rng.lower(5)}`, 504, 300 + rng.next() / 100) }] },
    requests('search-axum', 500, [15, 40], 'GET', (rng) => `/search?q=${rng.lower(5)}`),
  ],
  'gateway-hapi': [
    { name: 'gateway-hapi:platform-no-available-instance', level: 'ERROR', perDay: [5, 20], burst: 0.4, emit: ({ rng, host }) => [{ stream: 'requests', severity: 'ERROR', text: NO_INSTANCE, httpRequest: httpRequest(rng, host, 'GET', '/v1/profile', 500, rng.next() * 10) }] },
    requests('gateway-hapi', 200, [150, 300], 'GET', () => '/v1/profile'),
  ],
  'billing-laminas': [
    requests('billing-laminas', 500, [10, 30], 'POST', (rng) => `/v1/invoices/${rng.int(1000, 99999)}/capture`),
  ],
  'reports-worker': [
    { name: 'reports-worker:platform-memory-limit', level: 'ERROR', perDay: [2, 6], emit: ({ rng }) => [{ stream: 'varlog/system', severity: 'ERROR', text: MEMORY(512, rng.int(513, 560)) }] },
  ],
  'edge-openresty': [
    requests('edge-openresty', 502, [15, 45], 'GET', (rng) => `/api/orders/${rng.int(1000, 99999)}`),
    requests('edge-openresty', 200, [150, 300], 'GET', () => '/api/catalog/search'),
  ],
};

export function buildDay(seed: number): Day {
  return shapeDay({ label: 'thirteenth-day', project: PROJECT, startUs: DAY_START_US, services: SERVICES, platform }, seed);
}

export { exportsOf, type Day } from '../cloud-run-day.js';
