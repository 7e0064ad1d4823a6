// One Cloud Run day of the eighteenth day's services, shaped as bench/lib/cloud-run-day.ts says Cloud Run
// stores what a container writes. Every entry carries its ground truth.
import type { Family, ServiceDef } from '../stranger/model.js';
import { liftSpecialFields, memoryLimit, requests, shapeDay, type Day } from '../cloud-run-day.js';
import { gateOauth2proxy, tasksDispatch } from './go.js';
import { mlTorchserve } from './jvm.js';
import { syncDebug, webNpm } from './node.js';
import { filesNextcloud } from './php.js';
import { apiGranian, jobsHuey, llmLitellm } from './python.js';
import { shopOugai } from './ruby.js';
import { PROJECT } from './shared.js';

export { PROJECT };

export const SERVICES: readonly ServiceDef[] = [llmLitellm, mlTorchserve, gateOauth2proxy, webNpm, shopOugai, apiGranian, tasksDispatch, jobsHuey, syncDebug, filesNextcloud];

/** 2026-12-09, [00:00, 24:00) UTC, in microseconds. */
export const DAY_START_US = Date.UTC(2026, 11, 9) * 1000;

const platform: Record<string, Family[]> = {
  'llm-litellm': [requests('llm-litellm', 200, [300, 500], 'POST', () => '/v1/chat/completions')],
  'ml-torchserve': [memoryLimit('ml-torchserve', 4096, [3, 8])],
  'web-npm': [requests('web-npm', 500, [25, 60], 'GET', (rng) => `/api/cart/${rng.int(1000, 99999)}`), requests('web-npm', 200, [200, 400], 'GET', () => '/api/orders')],
  'shop-ougai': [requests('shop-ougai', 200, [200, 400], 'GET', (rng) => `/products/${rng.int(1, 900)}`)],
  'api-granian': [requests('api-granian', 200, [150, 300], 'GET', () => '/v1/quotes')],
  'jobs-huey': [memoryLimit('jobs-huey', 1024, [2, 6])],
  'files-nextcloud': [memoryLimit('files-nextcloud', 2048, [2, 6]), requests('files-nextcloud', 200, [150, 300], 'PROPFIND', () => '/remote.php/dav/files/u1/')],
};

export function buildDay(seed: number): Day {
  return liftSpecialFields(shapeDay({ label: 'eighteenth-day', project: PROJECT, startUs: DAY_START_US, services: SERVICES, platform }, seed));
}

export { exportsOf, type Day } from '../cloud-run-day.js';
