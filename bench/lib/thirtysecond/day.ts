// One Cloud Run day of the thirty-second day's services, shaped as bench/lib/cloud-run-day.ts says Cloud
// Run stores what a container writes. Every entry carries its ground truth. Cloud Run's request log
// entries of failed requests are written by the services' families (when the response goes out, with
// the request's trace); the 2xx ones here are chatter.
import type { Family, ServiceDef } from '../stranger/model.js';
import { liftSpecialFields, memoryLimit, requests, shapeDay, type Day } from '../cloud-run-day.js';
import { ledgerAspnet9 } from './dotnet.js';
import { fleetGinzap } from './go.js';
import { invoicesBoot, notifyMicronaut } from './jvm.js';
import { ordersExpress5, ordersNestfast, shopNextlog } from './node.js';
import { searchJsonlog } from './python.js';
import { returnsPuma } from './ruby.js';
import { tilesAxum } from './rust.js';
import { PROJECT } from './shared.js';

export { PROJECT };

export const SERVICES: readonly ServiceDef[] = [ordersExpress5, shopNextlog, ordersNestfast, fleetGinzap, tilesAxum, invoicesBoot, notifyMicronaut, searchJsonlog, returnsPuma, ledgerAspnet9];

/** 2026-12-16, [00:00, 24:00) UTC, in microseconds. */
export const DAY_START_US = Date.UTC(2026, 11, 16) * 1000;

const ok = (svc: string, path: string): Family => requests(svc, 200, [100, 200], 'GET', () => path);

const platform: Record<string, Family[]> = {
  'orders-express5': [ok('orders-express5', '/api/orders/1180442')],
  'shop-nextlog': [ok('shop-nextlog', '/'), memoryLimit('shop-nextlog', 1024, [6, 16], 140)],
  'orders-nestfast': [ok('orders-nestfast', '/v1/orders?page=1')],
  'fleet-ginzap': [ok('fleet-ginzap', '/v1/vehicles/20417')],
  'tiles-axum': [ok('tiles-axum', '/tiles/12/2044/1362.png')],
  'invoices-boot': [ok('invoices-boot', '/actuator/health')],
  'notify-micronaut': [ok('notify-micronaut', '/health')],
  'search-jsonlog': [ok('search-jsonlog', '/search?q=tent')],
  'returns-puma': [ok('returns-puma', '/up'), memoryLimit('returns-puma', 1024, [6, 16], 90)],
  'ledger-aspnet9': [ok('ledger-aspnet9', '/healthz')],
};

export function buildDay(seed: number): Day {
  return liftSpecialFields(shapeDay({ label: 'thirtysecond-day', project: PROJECT, startUs: DAY_START_US, services: SERVICES, platform }, seed));
}

export { exportsOf, type Day } from '../cloud-run-day.js';
