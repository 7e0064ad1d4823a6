// One Cloud Run day of the sixteenth day's services, shaped as bench/lib/cloud-run-day.ts says Cloud Run
// stores what a container writes. Every entry carries its ground truth.
import type { Family, ServiceDef } from '../stranger/model.js';
import { memoryLimit, requests, shapeDay, type Day } from '../cloud-run-day.js';
import { ordersDotnet } from './dotnet.js';
import { workerTemporal } from './go.js';
import { eventsKotlin } from './kotlin.js';
import { flowsN8n, pushWinston } from './node.js';
import { biSuperset, etlDbt, ingestLoguru, llmVllm } from './python.js';
import { cartRust } from './rust.js';
import { PROJECT } from './shared.js';

export { PROJECT };

export const SERVICES: readonly ServiceDef[] = [llmVllm, biSuperset, etlDbt, ingestLoguru, pushWinston, flowsN8n, workerTemporal, cartRust, eventsKotlin, ordersDotnet];

/** 2026-12-07, [00:00, 24:00) UTC, in microseconds. */
export const DAY_START_US = Date.UTC(2026, 11, 7) * 1000;

const platform: Record<string, Family[]> = {
  'llm-vllm': [requests('llm-vllm', 200, [150, 300], 'POST', () => '/v1/chat/completions')],
  'bi-superset': [memoryLimit('bi-superset', 2048, [3, 8], 60), requests('bi-superset', 200, [150, 300], 'POST', () => '/api/v1/chart/data')],
  // Cloud Scheduler's POST that starts each dbt build.
  'etl-dbt': [requests('etl-dbt', 200, [100, 150], 'POST', () => '/run')],
  'push-winston': [requests('push-winston', 500, [15, 45], 'POST', (rng) => `/v1/users/${rng.int(1000, 999999)}/send`)],
  'cart-rust': [requests('cart-rust', 200, [150, 300], 'GET', (rng) => `/v1/carts/${rng.int(1000, 999999)}`)],
  'orders-dotnet': [requests('orders-dotnet', 500, [15, 45], 'GET', (rng) => `/v1/customers/${rng.int(1000, 99999)}/orders`)],
};

export function buildDay(seed: number): Day {
  return shapeDay({ label: 'sixteenth-day', project: PROJECT, startUs: DAY_START_US, services: SERVICES, platform }, seed);
}

export { exportsOf, type Day } from '../cloud-run-day.js';
