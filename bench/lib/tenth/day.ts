// One Cloud Run day of the tenth day's services, shaped as bench/lib/cloud-run-day.ts says Cloud Run
// stores what a container writes. Every entry carries its ground truth.
import type { Family, ServiceDef } from '../stranger/model.js';
import { httpRequest, MEMORY, NO_INSTANCE, PROBE_FAILED, requests, shapeDay, TIMEOUT, type Day } from '../cloud-run-day.js';
import { tilesDrogon } from './cpp.js';
import { routerCowboy } from './erlang.js';
import { catalogBeego } from './go.js';
import { scoresHttp4s, streamVertx } from './jvm.js';
import { webSveltekit } from './node.js';
import { legacyCakephp } from './php.js';
import { shopFlask } from './python.js';
import { quotePlumber } from './r.js';
import { booksHanami } from './ruby.js';

/** The project the day's services run in. */
export const PROJECT = 'larchmont-prod-5182';

export const SERVICES: readonly ServiceDef[] = [shopFlask, streamVertx, scoresHttp4s, webSveltekit, catalogBeego, booksHanami, legacyCakephp, tilesDrogon, quotePlumber, routerCowboy];

/** 2026-12-04, [00:00, 24:00) UTC, in microseconds. */
export const DAY_START_US = Date.UTC(2026, 11, 4) * 1000;

const platform: Record<string, Family[]> = {
  'shop-flask': [
    requests('shop-flask', 500, [15, 45], 'GET', (rng) => rng.pick(['/cart', '/cart/add'])),
    requests('shop-flask', 200, [150, 300], 'GET', (rng) => `/products/${rng.int(1, 900)}`),
  ],
  'stream-vertx': [
    { name: 'stream-vertx:platform-memory-limit', level: 'ERROR', perDay: [2, 6], emit: ({ rng }) => [{ stream: 'varlog/system', severity: 'ERROR', text: MEMORY(512, rng.int(513, 580)) }] },
    requests('stream-vertx', 200, [150, 300], 'GET', (rng) => `/hls/${rng.hex(8)}/seg-${rng.int(1, 900)}.ts`),
  ],
  'scores-http4s': [
    requests('scores-http4s', 500, [10, 30], 'GET', (rng) => `/v1/leagues/${rng.int(1, 60)}/table`),
  ],
  'web-sveltekit': [
    { name: 'web-sveltekit:platform-no-available-instance', level: 'ERROR', perDay: [5, 18], burst: 0.4, emit: ({ rng, host }) => [{ stream: 'requests', severity: 'ERROR', text: NO_INSTANCE, httpRequest: httpRequest(rng, host, 'GET', rng.pick(['/', '/blog', '/newsletter']), 500, rng.next() * 10) }] },
    requests('web-sveltekit', 200, [150, 300], 'GET', (rng) => rng.pick(['/', '/blog', `/blog/${rng.lower(8)}`])),
  ],
  'catalog-beego': [
    requests('catalog-beego', 500, [12, 36], 'GET', (rng) => `/api/items/${rng.int(100, 99999)}/variants`),
  ],
  'books-hanami': [
    { name: 'books-hanami:platform-request-timeout', level: 'ERROR', perDay: [2, 8], emit: ({ rng, host }) => [{ stream: 'requests', severity: 'ERROR', text: TIMEOUT, httpRequest: httpRequest(rng, host, 'GET', `/books/${rng.int(1, 9000)}/cover`, 504, 300 + rng.next() / 100) }] },
  ],
  'tiles-drogon': [
    { name: 'tiles-drogon:platform-memory-limit', level: 'ERROR', perDay: [3, 9], emit: ({ rng }) => [{ stream: 'varlog/system', severity: 'ERROR', text: MEMORY(1024, rng.int(1025, 1090)) }] },
    { name: 'tiles-drogon:platform-uncaught-signal', level: 'ERROR', perDay: [1, 4], emit: ({ rng }) => [{ stream: 'varlog/system', severity: 'ERROR', text: `Uncaught signal: 6, pid=1, tid=${rng.int(7, 22)}, fault_addr=0.` }] },
    requests('tiles-drogon', 200, [150, 300], 'GET', (rng) => `/tiles/${rng.int(3, 18)}/${rng.int(0, 60000)}/${rng.int(0, 60000)}.png`),
  ],
  'quote-plumber': [
    { name: 'quote-plumber:platform-startup-probe-failed', level: 'ERROR', perDay: [1, 4], emit: () => [{ stream: 'varlog/system', severity: 'ERROR', text: PROBE_FAILED('quote-plumber-1') }] },
    requests('quote-plumber', 500, [10, 30], 'POST', () => '/quote'),
  ],
  'router-cowboy': [
    requests('router-cowboy', 502, [10, 30], 'GET', (rng) => `/v2/${rng.pick(['orders', 'carts', 'quotes'])}/${rng.int(1000, 99999)}`),
  ],
};

export function buildDay(seed: number): Day {
  return shapeDay({ label: 'tenth-day', project: PROJECT, startUs: DAY_START_US, services: SERVICES, platform }, seed);
}

export { exportsOf, type Day } from '../cloud-run-day.js';
