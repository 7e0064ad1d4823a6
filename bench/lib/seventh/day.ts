// One Cloud Run day of the seventh day's services, shaped as bench/lib/cloud-run-day.ts says Cloud Run
// stores what a container writes. Every entry carries its ground truth.
import type { Family, ServiceDef } from '../stranger/model.js';
import { httpRequest, MEMORY, NO_INSTANCE, PROBE_FAILED, requests, shapeDay, TIMEOUT, type Day } from '../cloud-run-day.js';
import { reportsLog4net } from './dotnet.js';
import { ledgerFiber } from './go.js';
import { legacyTomcat, shopPlay, syncTimbre } from './jvm.js';
import { hooksHapi, mailBullmq } from './node.js';
import { quotesSlim } from './php.js';
import { feedsAiohttp, formsWaitress } from './python.js';

/** The project the day's services run in. */
export const PROJECT = 'saltmarsh-prod-2291';

export const SERVICES: readonly ServiceDef[] = [formsWaitress, feedsAiohttp, shopPlay, legacyTomcat, syncTimbre, hooksHapi, mailBullmq, ledgerFiber, reportsLog4net, quotesSlim];

/** 2026-12-05, [00:00, 24:00) UTC, in microseconds. */
export const DAY_START_US = Date.UTC(2026, 11, 5) * 1000;

const platform: Record<string, Family[]> = {
  'forms-waitress': [
    requests('forms-waitress', 500, [20, 50], 'POST', (rng) => `/forms/${rng.int(100, 9999)}/submit`),
    requests('forms-waitress', 200, [150, 300], 'GET', (rng) => `/forms/${rng.int(100, 9999)}`),
  ],
  'feeds-aiohttp': [
    { name: 'feeds-aiohttp:platform-memory-limit', level: 'ERROR', perDay: [2, 6], emit: ({ rng }) => [{ stream: 'varlog/system', severity: 'ERROR', text: MEMORY(512, rng.int(513, 600)) }] },
    requests('feeds-aiohttp', 200, [150, 300], 'GET', (rng) => `/v1/feeds/${rng.int(1, 900)}/items`),
  ],
  'shop-play': [
    requests('shop-play', 500, [15, 40], 'POST', () => '/cart/checkout'),
    requests('shop-play', 200, [150, 300], 'GET', (rng) => `/products/${rng.pick(['trail-tent-2p', 'alpine-stove', 'merino-beanie'])}`),
  ],
  'legacy-tomcat': [
    { name: 'legacy-tomcat:platform-startup-probe-failed', level: 'ERROR', perDay: [2, 5], emit: () => [{ stream: 'varlog/system', severity: 'ERROR', text: PROBE_FAILED('legacy-tomcat-1') }] },
    requests('legacy-tomcat', 500, [10, 30], 'GET', (rng) => `/reports/${rng.int(1000, 99999)}`),
  ],
  'sync-timbre': [
    { name: 'sync-timbre:platform-memory-limit', level: 'ERROR', perDay: [2, 6], emit: ({ rng }) => [{ stream: 'varlog/system', severity: 'ERROR', text: MEMORY(1024, rng.int(1025, 1120)) }] },
  ],
  'hooks-hapi': [
    { name: 'hooks-hapi:platform-no-available-instance', level: 'ERROR', perDay: [5, 20], burst: 0.4, emit: ({ rng, host }) => [{ stream: 'requests', severity: 'ERROR', text: NO_INSTANCE, httpRequest: httpRequest(rng, host, 'POST', '/hooks/github', 500, rng.next() * 10) }] },
    requests('hooks-hapi', 200, [150, 300], 'POST', () => '/hooks/github'),
  ],
  'mail-bullmq': [
    requests('mail-bullmq', 200, [150, 300], 'POST', () => '/v1/send'),
  ],
  'ledger-fiber': [
    requests('ledger-fiber', 500, [15, 45], 'POST', () => '/v1/transfers'),
  ],
  'reports-log4net': [
    { name: 'reports-log4net:platform-request-timeout', level: 'ERROR', perDay: [2, 8], emit: ({ rng, host }) => [{ stream: 'requests', severity: 'ERROR', text: TIMEOUT, httpRequest: httpRequest(rng, host, 'GET', `/reports/${rng.int(1000, 99999)}/pdf`, 504, 300 + rng.next() / 100) }] },
  ],
  'quotes-slim': [
    requests('quotes-slim', 500, [10, 30], 'GET', (rng) => `/v1/quotes/${rng.pick(['EURUSD', 'GBPUSD', 'USDJPY'])}`),
    requests('quotes-slim', 200, [150, 300], 'GET', (rng) => `/v1/quotes/${rng.pick(['EURUSD', 'GBPUSD', 'USDJPY'])}`),
  ],
};

export function buildDay(seed: number): Day {
  return shapeDay({ label: 'seventh-day', project: PROJECT, startUs: DAY_START_US, services: SERVICES, platform }, seed);
}

export { exportsOf, type Day } from '../cloud-run-day.js';
