// One Cloud Run day of the fifteenth day's services, shaped as bench/lib/cloud-run-day.ts says Cloud Run
// stores what a container writes. Every entry carries its ground truth.
import type { Family, ServiceDef } from '../stranger/model.js';
import { memoryLimit, PROBE_FAILED, requests, shapeDay, type Day } from '../cloud-run-day.js';
import { shopFrankenphp } from './frankenphp.js';
import { ledgerGorm } from './go.js';
import { tilesJulia } from './julia.js';
import { ordersLiberty } from './liberty.js';
import { apiSails, blogGhost } from './node.js';
import { crawlScrapy, etlPrefect, jobsArq } from './python.js';
import { jobsSolidqueue } from './ruby.js';

/** The project the day's services run in. */
export const PROJECT = 'tallowmere-prod-4417';

export const SERVICES: readonly ServiceDef[] = [crawlScrapy, jobsArq, etlPrefect, shopFrankenphp, ordersLiberty, blogGhost, apiSails, tilesJulia, jobsSolidqueue, ledgerGorm];

/** 2026-12-06, [00:00, 24:00) UTC, in microseconds. */
export const DAY_START_US = Date.UTC(2026, 11, 6) * 1000;

const platform: Record<string, Family[]> = {
  'crawl-scrapy': [memoryLimit('crawl-scrapy', 2048, [3, 8], 60)],
  'tiles-julia': [memoryLimit('tiles-julia', 4096, [2, 6], 60), requests('tiles-julia', 200, [150, 300], 'GET', (rng) => `/tiles/${rng.int(3, 16)}/${rng.int(0, 30000)}/${rng.int(0, 30000)}.mvt`)],
  'orders-liberty': [
    { name: 'orders-liberty:platform-startup-probe-failed', level: 'ERROR', perDay: [2, 5], emit: () => [{ stream: 'varlog/system', severity: 'ERROR', text: PROBE_FAILED('orders-liberty-1') }] },
  ],
  'blog-ghost': [
    requests('blog-ghost', 500, [15, 45], 'GET', (rng) => rng.pick(['/', '/tag/news/', `/${rng.lower(8)}-${rng.lower(6)}/`])),
  ],
  'api-sails': [
    requests('api-sails', 500, [15, 45], 'GET', (rng) => `/api/v1/devices?account=${rng.int(100, 9999)}`),
    requests('api-sails', 200, [150, 300], 'GET', () => '/api/v1/me'),
  ],
  'ledger-gorm': [
    requests('ledger-gorm', 500, [15, 45], 'POST', (rng) => `/v1/accounts/${rng.int(1000, 99999)}/entries`),
    requests('ledger-gorm', 200, [150, 300], 'GET', (rng) => `/v1/accounts/${rng.int(1000, 99999)}/balance`),
  ],
};

export function buildDay(seed: number): Day {
  return shapeDay({ label: 'fifteenth-day', project: PROJECT, startUs: DAY_START_US, services: SERVICES, platform }, seed);
}

export { exportsOf, type Day } from '../cloud-run-day.js';
