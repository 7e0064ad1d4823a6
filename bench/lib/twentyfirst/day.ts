// One Cloud Run day of the twenty-first day's services, shaped as bench/lib/cloud-run-day.ts says Cloud
// Run stores what a container writes. Every entry carries its ground truth.
import type { Family, ServiceDef } from '../stranger/model.js';
import { liftSpecialFields, memoryLimit, requests, shapeDay, type Day } from '../cloud-run-day.js';
import { llmLlamacpp } from './cpp.js';
import { portalOtel } from './dotnet.js';
import { eventsWatermill } from './go.js';
import { jobsFlyway, ordersOtelagent } from './jvm.js';
import { apiLoopback, statusKuma } from './node.js';
import { cmsCraft } from './php.js';
import { trackingMlflow } from './python.js';
import { chatFalcon } from './ruby.js';
import { PROJECT } from './shared.js';

export { PROJECT };

export const SERVICES: readonly ServiceDef[] = [trackingMlflow, eventsWatermill, statusKuma, apiLoopback, jobsFlyway, ordersOtelagent, portalOtel, chatFalcon, cmsCraft, llmLlamacpp];

/** 2026-12-12, [00:00, 24:00) UTC, in microseconds. */
export const DAY_START_US = Date.UTC(2026, 11, 12) * 1000;

const platform: Record<string, Family[]> = {
  'tracking-mlflow': [requests('tracking-mlflow', 500, [20, 50], 'POST', () => '/api/2.0/mlflow/runs/log-batch'), requests('tracking-mlflow', 200, [200, 400], 'POST', () => '/api/2.0/mlflow/runs/search')],
  'events-watermill': [memoryLimit('events-watermill', 512, [3, 8])],
  'api-loopback': [requests('api-loopback', 500, [30, 70], 'GET', (rng) => `/orders/${rng.int(1000, 99999)}`), requests('api-loopback', 200, [200, 400], 'GET', () => '/customers?filter=%7B%22limit%22%3A20%7D')],
  'orders-otelagent': [requests('orders-otelagent', 503, [10, 30], 'POST', (rng) => `/orders/${rng.int(100000, 999999)}/confirm`), requests('orders-otelagent', 200, [200, 400], 'GET', () => '/orders')],
  'portal-otel': [requests('portal-otel', 200, [150, 300], 'GET', () => '/invoices')],
  'chat-falcon': [memoryLimit('chat-falcon', 1024, [2, 6])],
  'cms-craft': [requests('cms-craft', 500, [25, 60], 'GET', (rng) => `/news/${rng.pick(['spring-sale', 'new-store', 'careers'])}`), requests('cms-craft', 200, [250, 450], 'GET', () => '/')],
  'llm-llamacpp': [memoryLimit('llm-llamacpp', 16384, [1, 3])],
};

export function buildDay(seed: number): Day {
  return liftSpecialFields(shapeDay({ label: 'twentyfirst-day', project: PROJECT, startUs: DAY_START_US, services: SERVICES, platform }, seed));
}

export { exportsOf, type Day } from '../cloud-run-day.js';
