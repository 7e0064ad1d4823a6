// One Cloud Run day of the mixed services, shaped as bench/lib/cloud-run-day.ts says Cloud Run stores what
// a container writes. Every entry carries its ground truth.
import type { Family, ServiceDef } from '../stranger/model.js';
import { httpRequest, MEMORY, NO_INSTANCE, PROBE_FAILED, requests, shapeDay, TIMEOUT, type Day } from '../cloud-run-day.js';
import { ledgerGo, routesGo } from './go.js';
import { billingRails, mailerSidekiq } from './ruby.js';
import { auditSerilog, portalDotnet } from './dotnet.js';
import { catalogNode, searchWinston } from './node.js';
import { gatewayNetty, ordersJava } from './jvm.js';
import { mlFastapi } from './python.js';
import { PROJECT } from './project.js';

export const SERVICES: readonly ServiceDef[] = [ledgerGo, routesGo, billingRails, mailerSidekiq, portalDotnet, auditSerilog, catalogNode, searchWinston, ordersJava, gatewayNetty, mlFastapi];

export { PROJECT };
/** 2026-03-10, [00:00, 24:00) UTC, in microseconds. */
export const DAY_START_US = Date.UTC(2026, 2, 10) * 1000;

const platform: Record<string, Family[]> = {
  'ml-fastapi': [
    { name: 'ml-fastapi:platform-memory-limit', level: 'ERROR', perDay: [3, 10], emit: ({ rng }) => [{ stream: 'varlog/system', severity: 'ERROR', text: MEMORY(2048, rng.int(2049, 2300)) }] },
    { name: 'ml-fastapi:platform-startup-probe-failed', level: 'ERROR', perDay: [2, 6], emit: () => [{ stream: 'varlog/system', severity: 'ERROR', text: PROBE_FAILED('ml-fastapi-1') }] },
    requests('ml-fastapi', 500, [20, 60], 'POST', () => '/predict'),
    requests('ml-fastapi', 200, [100, 200], 'POST', () => '/predict'),
  ],
  'catalog-node': [
    { name: 'catalog-node:platform-memory-limit', level: 'ERROR', perDay: [2, 8], emit: ({ rng }) => [{ stream: 'varlog/system', severity: 'ERROR', text: MEMORY(512, rng.int(513, 600)) }] },
  ],
  'orders-java': [
    { name: 'orders-java:platform-request-timeout', level: 'ERROR', perDay: [4, 15], emit: ({ rng, host }) => [{ stream: 'requests', severity: 'ERROR', text: TIMEOUT, httpRequest: httpRequest(rng, host, 'POST', '/api/orders', 504, 300 + rng.next() / 100) }] },
    requests('orders-java', 200, [100, 200], 'GET', (rng) => `/api/orders/${rng.int(100000, 999999)}`),
  ],
  'gateway-netty': [
    { name: 'gateway-netty:platform-no-instance', level: 'ERROR', perDay: [5, 20], emit: ({ rng, host }) => [{ stream: 'requests', severity: 'ERROR', text: NO_INSTANCE, httpRequest: httpRequest(rng, host, 'GET', `/api/catalog/${rng.int(1, 9999)}`, 429, rng.next()) }] },
    requests('gateway-netty', 503, [10, 40], 'GET', (rng) => `/api/${rng.pick(['orders', 'catalog', 'portal'])}/${rng.int(1, 9999)}`),
    requests('gateway-netty', 200, [150, 300], 'GET', (rng) => `/api/${rng.pick(['orders', 'catalog', 'portal'])}/${rng.int(1, 9999)}`),
  ],
  'search-winston': [
    requests('search-winston', 429, [20, 60], 'GET', (rng) => `/search?q=${rng.lower(rng.int(3, 9))}`),
    requests('search-winston', 200, [100, 200], 'GET', (rng) => `/search?q=${rng.lower(rng.int(3, 9))}`),
  ],
  'portal-dotnet': [
    { name: 'portal-dotnet:platform-memory-limit', level: 'ERROR', perDay: [2, 6], emit: ({ rng }) => [{ stream: 'varlog/system', severity: 'ERROR', text: MEMORY(1024, rng.int(1025, 1200)) }] },
    requests('portal-dotnet', 500, [15, 45], 'GET', (rng) => `/api/accounts/${rng.int(1, 9999)}`),
  ],
};

export function buildDay(seed: number): Day {
  return shapeDay({ label: 'mixed-day', project: PROJECT, startUs: DAY_START_US, services: SERVICES, platform }, seed);
}

export { exportsOf, type Day } from '../cloud-run-day.js';
