// One Cloud Run day of the thirty-first day's services, shaped as bench/lib/cloud-run-day.ts says Cloud
// Run stores what a container writes. Every entry carries its ground truth. Cloud Run's request log
// entries of failed requests are written by the services' families (when the response goes out, with
// the request's trace); the 2xx ones here are chatter.
import type { Family, ServiceDef } from '../stranger/model.js';
import { liftSpecialFields, memoryLimit, requests, shapeDay, type Day } from '../cloud-run-day.js';
import { payNlog } from './dotnet.js';
import { ledgerPhoenix } from './elixir.js';
import { geoChi } from './go.js';
import { catalogQuarkus } from './jvm.js';
import { mediaKoa, ordersNest, shopNext } from './node.js';
import { shopSymfony } from './php.js';
import { formsFlask, quotesOtel } from './python.js';
import { PROJECT } from './shared.js';

export { PROJECT };

export const SERVICES: readonly ServiceDef[] = [ordersNest, shopNext, mediaKoa, formsFlask, quotesOtel, geoChi, catalogQuarkus, payNlog, ledgerPhoenix, shopSymfony];

/** 2026-12-11, [00:00, 24:00) UTC, in microseconds. */
export const DAY_START_US = Date.UTC(2026, 11, 11) * 1000;

const ok = (svc: string, path: string): Family => requests(svc, 200, [100, 200], 'GET', () => path);

const platform: Record<string, Family[]> = {
  'orders-nest': [ok('orders-nest', '/v1/orders?page=1')],
  'shop-next': [ok('shop-next', '/')],
  'media-koa': [ok('media-koa', '/resize/3f1c?w=320&fmt=webp'), memoryLimit('media-koa', 1024, [6, 16], 160)],
  'forms-flask': [ok('forms-flask', '/healthz')],
  'quotes-otel': [ok('quotes-otel', '/v1/quotes?status=open')],
  'geo-chi': [],
  'catalog-quarkus': [ok('catalog-quarkus', '/products?category=tents')],
  'pay-nlog': [ok('pay-nlog', '/health'), memoryLimit('pay-nlog', 512, [6, 16], 60)],
  'ledger-phoenix': [ok('ledger-phoenix', '/api/health')],
  'shop-symfony': [ok('shop-symfony', '/')],
};

export function buildDay(seed: number): Day {
  return liftSpecialFields(shapeDay({ label: 'thirtyfirst-day', project: PROJECT, startUs: DAY_START_US, services: SERVICES, platform }, seed));
}

export { exportsOf, type Day } from '../cloud-run-day.js';
