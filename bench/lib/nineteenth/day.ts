// One Cloud Run day of the nineteenth day's services, shaped as bench/lib/cloud-run-day.ts says Cloud Run
// stores what a container writes. Every entry carries its ground truth.
import type { Family, ServiceDef } from '../stranger/model.js';
import { liftSpecialFields, memoryLimit, NO_INSTANCE, PROBE_FAILED, requests, shapeDay, type Day } from '../cloud-run-day.js';
import { imgImgproxy, workerAsynq } from './go.js';
import { legacyApache, statsMatomo } from './php.js';
import { apiDdtrace, botTelegram, erpOdoo, jobsDagster } from './python.js';
import { jobsDelayed, webPassenger } from './ruby.js';
import { PROJECT } from './shared.js';

export { PROJECT };

export const SERVICES: readonly ServiceDef[] = [erpOdoo, jobsDagster, botTelegram, apiDdtrace, workerAsynq, imgImgproxy, jobsDelayed, webPassenger, legacyApache, statsMatomo];

/** 2026-12-10, [00:00, 24:00) UTC, in microseconds. */
export const DAY_START_US = Date.UTC(2026, 11, 10) * 1000;

const platformLine = (name: string, level: 'ERROR' | 'WARNING', perDay: readonly [number, number], text: string): Family => ({
  name, level, perDay, emit: () => [{ stream: 'varlog/system', severity: level, text }],
});

const platform: Record<string, Family[]> = {
  'erp-odoo': [requests('erp-odoo', 200, [100, 200], 'POST', () => '/web/dataset/call_kw')],
  'jobs-dagster': [memoryLimit('jobs-dagster', 4096, [2, 5])],
  'bot-telegram': [platformLine('bot-telegram:platform-no-instance', 'ERROR', [2, 6], NO_INSTANCE), requests('bot-telegram', 200, [120, 220], 'POST', () => '/telegram/webhook')],
  'api-ddtrace': [requests('api-ddtrace', 500, [20, 50], 'GET', (rng) => `/v1/quotes/SKU-${rng.int(10000, 99999)}`), requests('api-ddtrace', 200, [150, 250], 'GET', (rng) => `/v1/quotes/SKU-${rng.int(10000, 99999)}`)],
  'img-imgproxy': [requests('img-imgproxy', 200, [150, 250], 'GET', (rng) => `/${rng.base64url(43)}/rs:fit:600:600/g:sm/${rng.base64url(16)}`)],
  'web-passenger': [platformLine('web-passenger:platform-startup-probe', 'ERROR', [1, 4], PROBE_FAILED('passenger'))],
  'legacy-apache': [requests('legacy-apache', 200, [100, 200], 'GET', (rng) => `/product.php?id=${rng.int(1, 900)}`)],
};

export function buildDay(seed: number): Day {
  return liftSpecialFields(shapeDay({ label: 'nineteenth-day', project: PROJECT, startUs: DAY_START_US, services: SERVICES, platform }, seed));
}

export { exportsOf, type Day } from '../cloud-run-day.js';
