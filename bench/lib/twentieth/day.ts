// One Cloud Run day of the twentieth day's services, shaped as bench/lib/cloud-run-day.ts says Cloud Run
// stores what a container writes. Every entry carries its ground truth.
import type { Family, ServiceDef } from '../stranger/model.js';
import { liftSpecialFields, memoryLimit, requests, shapeDay, type Day } from '../cloud-run-day.js';
import { edgeFresh } from './deno.js';
import { jobsHangfire } from './dotnet.js';
import { frontHaproxy } from './haproxy.js';
import { chatSpringai, payPayara } from './jvm.js';
import { flowsNodered, ngPlatform, webAngular, workerTemporal } from './node.js';
import { ingestVector, llmTgi } from './rust.js';
import { PROJECT } from './shared.js';

export { PROJECT };

export const SERVICES: readonly ServiceDef[] = [llmTgi, ingestVector, flowsNodered, webAngular, workerTemporal, edgeFresh, payPayara, chatSpringai, jobsHangfire, frontHaproxy];

/** 2026-12-10, [00:00, 24:00) UTC, in microseconds. */
export const DAY_START_US = Date.UTC(2026, 11, 10) * 1000;

const platform: Record<string, Family[]> = {
  'llm-tgi': [requests('llm-tgi', 200, [200, 350], 'POST', () => '/v1/chat/completions')],
  'ingest-vector': [memoryLimit('ingest-vector', 512, [2, 6]), requests('ingest-vector', 200, [200, 350], 'POST', (rng) => `/webhooks/${rng.pick(['shopify', 'stripe', 'github'])}`)],
  'web-angular': ngPlatform,
  'edge-fresh': [requests('edge-fresh', 200, [150, 300], 'GET', (rng) => `/blog/${rng.lower(8)}`)],
  'pay-payara': [memoryLimit('pay-payara', 1024, [2, 6]), requests('pay-payara', 200, [200, 350], 'POST', (rng) => `/api/payments/${rng.int(10000, 999999)}/capture`)],
  'chat-springai': [requests('chat-springai', 500, [25, 60], 'POST', () => '/api/chat'), requests('chat-springai', 200, [200, 350], 'POST', () => '/api/chat')],
  'jobs-hangfire': [memoryLimit('jobs-hangfire', 512, [2, 6])],
};

export function buildDay(seed: number): Day {
  return liftSpecialFields(shapeDay({ label: 'twentieth-day', project: PROJECT, startUs: DAY_START_US, services: SERVICES, platform }, seed));
}

export { exportsOf, type Day } from '../cloud-run-day.js';
