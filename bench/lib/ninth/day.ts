// One Cloud Run day of the ninth day's services, shaped as bench/lib/cloud-run-day.ts says Cloud Run
// stores what a container writes. Every entry carries its ground truth.
import type { Family, ServiceDef } from '../stranger/model.js';
import { httpRequest, MEMORY, NO_INSTANCE, PROBE_FAILED, requests, shapeDay, TIMEOUT, type Day } from '../cloud-run-day.js';
import { modelsTfserving } from './cpp.js';
import { catalogDropwizard, tilesJetty } from './jvm.js';
import { ordersExpress, rpcGrpcjs } from './node.js';
import { feedsTornado, ingestLitestar } from './python.js';
import { mailResque, shopSinatra } from './ruby.js';
import { edgeRocket } from './rust.js';

/** The project the day's services run in. */
export const PROJECT = 'quayside-prod-2291';

export const SERVICES: readonly ServiceDef[] = [feedsTornado, ingestLitestar, catalogDropwizard, tilesJetty, ordersExpress, rpcGrpcjs, shopSinatra, mailResque, edgeRocket, modelsTfserving];

/** 2026-12-08, [00:00, 24:00) UTC, in microseconds. */
export const DAY_START_US = Date.UTC(2026, 11, 8) * 1000;

const platform: Record<string, Family[]> = {
  'feeds-tornado': [
    requests('feeds-tornado', 500, [10, 35], 'GET', (rng) => `/feeds/${rng.int(100, 9999)}/items`),
    requests('feeds-tornado', 200, [150, 300], 'GET', (rng) => `/feeds/${rng.int(100, 9999)}/items`),
  ],
  'ingest-litestar': [
    requests('ingest-litestar', 500, [10, 30], 'POST', () => '/v1/events'),
    { name: 'ingest-litestar:platform-no-available-instance', level: 'ERROR', perDay: [5, 20], burst: 0.4, emit: ({ rng, host }) => [{ stream: 'requests', severity: 'ERROR', text: NO_INSTANCE, httpRequest: httpRequest(rng, host, 'POST', '/v1/events', 500, rng.next() * 10) }] },
  ],
  'catalog-dropwizard': [
    { name: 'catalog-dropwizard:platform-memory-limit', level: 'ERROR', perDay: [2, 6], emit: ({ rng }) => [{ stream: 'varlog/system', severity: 'ERROR', text: MEMORY(512, rng.int(513, 560)) }] },
    requests('catalog-dropwizard', 200, [150, 300], 'GET', (rng) => `/items?q=${rng.lower(5)}`),
  ],
  'tiles-jetty': [
    requests('tiles-jetty', 500, [5, 20], 'GET', (rng) => `/tiles/${rng.int(3, 16)}/${rng.int(0, 40000)}/${rng.int(0, 40000)}.png`),
  ],
  'orders-express': [
    requests('orders-express', 500, [15, 45], 'POST', () => '/api/orders'),
    { name: 'orders-express:platform-startup-probe-failed', level: 'ERROR', perDay: [1, 4], emit: () => [{ stream: 'varlog/system', severity: 'ERROR', text: PROBE_FAILED('orders-express-1') }] },
  ],
  'shop-sinatra': [
    requests('shop-sinatra', 500, [10, 35], 'GET', () => '/cart'),
    { name: 'shop-sinatra:platform-request-timeout', level: 'ERROR', perDay: [2, 8], emit: ({ rng, host }) => [{ stream: 'requests', severity: 'ERROR', text: TIMEOUT, httpRequest: httpRequest(rng, host, 'POST', '/checkout', 504, 300 + rng.next() / 100) }] },
  ],
  'edge-rocket': [
    requests('edge-rocket', 500, [10, 35], 'GET', (rng) => `/v1/quote?zip=${rng.int(10000, 99999)}`),
    requests('edge-rocket', 200, [150, 300], 'GET', (rng) => `/v1/quote?zip=${rng.int(10000, 99999)}`),
  ],
  'models-tfserving': [
    { name: 'models-tfserving:platform-memory-limit', level: 'ERROR', perDay: [3, 10], emit: ({ rng }) => [{ stream: 'varlog/system', severity: 'ERROR', text: MEMORY(2048, rng.int(2049, 2200)) }] },
  ],
};

export function buildDay(seed: number): Day {
  return shapeDay({ label: 'ninth-day', project: PROJECT, startUs: DAY_START_US, services: SERVICES, platform }, seed);
}

export { exportsOf, type Day } from '../cloud-run-day.js';
