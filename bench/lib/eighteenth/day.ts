// One Cloud Run day of the eighteenth day's services, shaped as bench/lib/cloud-run-day.ts says Cloud Run
// stores what a container writes. Every entry carries its ground truth.
import type { Family, ServiceDef } from '../stranger/model.js';
import { MEMORY, requests, shapeDay, type Day } from '../cloud-run-day.js';
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

const memory = (svc: string, limit: number, perDay: readonly [number, number]): Family => ({
  name: `${svc}:platform-memory-limit`, level: 'ERROR', perDay,
  emit: ({ rng }) => [{ stream: 'varlog/system', severity: 'ERROR', text: MEMORY(limit, rng.int(limit + 1, limit + 80)) }],
});

const platform: Record<string, Family[]> = {
  'llm-litellm': [requests('llm-litellm', 200, [300, 500], 'POST', () => '/v1/chat/completions')],
  'ml-torchserve': [memory('ml-torchserve', 4096, [3, 8])],
  'web-npm': [requests('web-npm', 500, [25, 60], 'GET', (rng) => `/api/cart/${rng.int(1000, 99999)}`), requests('web-npm', 200, [200, 400], 'GET', () => '/api/orders')],
  'shop-ougai': [requests('shop-ougai', 200, [200, 400], 'GET', (rng) => `/products/${rng.int(1, 900)}`)],
  'api-granian': [requests('api-granian', 200, [150, 300], 'GET', () => '/v1/quotes')],
  'jobs-huey': [memory('jobs-huey', 1024, [2, 6])],
  'files-nextcloud': [memory('files-nextcloud', 2048, [2, 6]), requests('files-nextcloud', 200, [150, 300], 'PROPFIND', () => '/remote.php/dav/files/u1/')],
};

// Cloud Run lifts these special fields of a JSON line out of jsonPayload into the LogEntry.
const LIFTED: ReadonlyArray<readonly [string, string]> = [
  ['logging.googleapis.com/trace', 'trace'],
  ['logging.googleapis.com/spanId', 'spanId'],
  ['logging.googleapis.com/trace_sampled', 'traceSampled'],
  ['logging.googleapis.com/sourceLocation', 'sourceLocation'],
];

function liftSpecialFields(day: Day): Day {
  for (const e of day.entries) {
    const payload = e.jsonPayload as Record<string, unknown> | undefined;
    if (!payload) continue;
    for (const [from, to] of LIFTED) {
      if (from in payload) {
        e[to] = payload[from];
        delete payload[from];
      }
    }
  }
  return day;
}

export function buildDay(seed: number): Day {
  return liftSpecialFields(shapeDay({ label: 'eighteenth-day', project: PROJECT, startUs: DAY_START_US, services: SERVICES, platform }, seed));
}

export { exportsOf, type Day } from '../cloud-run-day.js';
