// One Cloud Run day of the twenty-eighth day's services, shaped as bench/lib/cloud-run-day.ts says
// Cloud Run stores what a container writes. Every entry carries its ground truth.
import type { Family, ServiceDef } from '../stranger/model.js';
import { liftSpecialFields, memoryLimit, requests, shapeDay, type Day } from '../cloud-run-day.js';
import { syncMasstransit } from './dotnet.js';
import { ingestBroadway } from './elixir.js';
import { apiGozero } from './go.js';
import { shopUndertow } from './jvm.js';
import { apiMoleculer } from './node.js';
import { apiHyperf } from './php.js';
import { tilesCherrypy, workerTemporal } from './python.js';
import { apiGrape } from './ruby.js';
import { rpcFx } from './rust.js';
import { PROJECT } from './shared.js';

export { PROJECT };

export const SERVICES: readonly ServiceDef[] = [workerTemporal, apiMoleculer, apiGozero, shopUndertow, syncMasstransit, apiHyperf, apiGrape, rpcFx, ingestBroadway, tilesCherrypy];

/** 2026-12-08, [00:00, 24:00) UTC, in microseconds. */
export const DAY_START_US = Date.UTC(2026, 11, 8) * 1000;

// The three workers (Temporal, MassTransit, Broadway) serve a health check only, so their request log
// holds 200s; gRPC answers its errors with HTTP 200 (the status is in the trailers), so the rates
// service has no 5xx in the request log either. The Moleculer gateway answers its request timeouts
// with 504 and its other failures with 500; go-zero's breaker and shedding answer 503, its handlers 500.
const platform: Record<string, Family[]> = {
  'worker-temporal': [requests('worker-temporal', 200, [30, 60], 'GET', () => '/healthz')],
  'api-moleculer': [requests('api-moleculer', 500, [25, 60], 'GET', (rng) => `/api/reports/${rng.pick(['revenue', 'stock-aging', 'returns'])}?from=2026-11-${rng.int(10, 30)}`), requests('api-moleculer', 504, [40, 90], 'POST', () => '/api/orders'), requests('api-moleculer', 200, [100, 200], 'GET', (rng) => `/api/orders/${rng.int(1000000, 9999999)}`)],
  'api-gozero': [requests('api-gozero', 503, [60, 140], 'GET', (rng) => rng.pick([`/api/orders/${rng.int(1000000, 9999999)}`, `/api/products?page=${rng.int(1, 40)}`])), requests('api-gozero', 500, [30, 70], 'POST', () => '/api/checkout'), requests('api-gozero', 200, [100, 200], 'GET', (rng) => `/api/products?page=${rng.int(1, 40)}`)],
  'shop-undertow': [requests('shop-undertow', 500, [50, 120], 'GET', (rng) => rng.pick(['/api/checkout', `/api/catalog/products/${rng.int(100000, 999999)}`])), requests('shop-undertow', 200, [100, 200], 'GET', () => '/api/catalog/products'), memoryLimit('shop-undertow', 1024, [6, 16], 120)],
  'sync-masstransit': [requests('sync-masstransit', 200, [30, 60], 'GET', () => '/healthz'), memoryLimit('sync-masstransit', 1024, [6, 16], 60)],
  'api-hyperf': [requests('api-hyperf', 500, [60, 140], 'GET', (rng) => rng.pick([`/orders/${rng.int(100000, 999999)}`, '/cart', '/checkout'])), requests('api-hyperf', 200, [100, 200], 'GET', () => '/products')],
  'api-grape': [requests('api-grape', 500, [60, 140], 'GET', (rng) => `/v1/accounts/${rng.int(100000, 999999)}/${rng.pick(['balance', 'statements/2026.csv', 'entries?limit=50'])}`), requests('api-grape', 200, [100, 200], 'GET', () => '/v1/transfers')],
  'rpc-fx': [requests('rpc-fx', 200, [150, 250], 'POST', (rng) => `/fx.v1.Rates/${rng.pick(['GetRate', 'Convert'])}`)],
  'ingest-broadway': [requests('ingest-broadway', 200, [30, 60], 'GET', () => '/healthz')],
  'tiles-cherrypy': [requests('tiles-cherrypy', 500, [40, 100], 'GET', (rng) => rng.pick([`/tiles/relief/${rng.int(8, 16)}/${rng.int(0, 30000)}/${rng.int(0, 30000)}.png`, `/parcels/${rng.int(8, 16)}/${rng.int(0, 30000)}/${rng.int(0, 30000)}.json`])), requests('tiles-cherrypy', 200, [150, 250], 'GET', () => '/tiles/relief/12/2104/1361.png'), memoryLimit('tiles-cherrypy', 2048, [8, 20], 200)],
};

export function buildDay(seed: number): Day {
  return liftSpecialFields(shapeDay({ label: 'twentyeighth-day', project: PROJECT, startUs: DAY_START_US, services: SERVICES, platform }, seed));
}

export { exportsOf, type Day } from '../cloud-run-day.js';
