// One Cloud Run day of the twenty-sixth day's services, shaped as bench/lib/cloud-run-day.ts says Cloud
// Run stores what a container writes. Every entry carries its ground truth.
import type { Family, ServiceDef } from '../stranger/model.js';
import { liftSpecialFields, requests, shapeDay, type Day } from '../cloud-run-day.js';
import { payDotnet } from './dotnet.js';
import { bookingsPhoenix } from './elixir.js';
import { graphGqlgen, tasksZap } from './go.js';
import { jobsJavabq } from './jvm.js';
import { notifyPino, webExpress } from './node.js';
import { cmsDrupal } from './php.js';
import { crmDjango, seatsFastapi } from './python.js';
import { PROJECT } from './shared.js';

export { PROJECT };

export const SERVICES: readonly ServiceDef[] = [webExpress, notifyPino, crmDjango, seatsFastapi, graphGqlgen, tasksZap, jobsJavabq, cmsDrupal, payDotnet, bookingsPhoenix];

/** 2026-12-06, [00:00, 24:00) UTC, in microseconds. */
export const DAY_START_US = Date.UTC(2026, 11, 6) * 1000;

// GraphQL answers its resolver errors inside a 200, so the gqlgen API's request log holds 200s only;
// the notifier answers Pub/Sub's push with 500 when its handler fails (Pub/Sub redelivers); the job has
// no request log.
const platform: Record<string, Family[]> = {
  'web-express': [requests('web-express', 500, [30, 70], 'GET', (rng) => rng.pick(['/orders', `/customers/${rng.int(10000, 99999)}`, `/orders/${rng.int(100000, 999999)}/total`])), requests('web-express', 503, [60, 150], 'POST', () => '/tasks/send-receipt'), requests('web-express', 200, [100, 200], 'GET', () => '/orders')],
  'notify-pino': [requests('notify-pino', 500, [30, 80], 'POST', () => '/pubsub/push'), requests('notify-pino', 204, [100, 200], 'POST', () => '/pubsub/push')],
  'crm-django': [requests('crm-django', 500, [30, 70], 'GET', (rng) => rng.pick(['/api/contacts/', '/api/contacts/import/', `/api/contacts/${rng.int(10000, 99999)}/avatar/`])), requests('crm-django', 200, [100, 200], 'GET', () => '/api/contacts/')],
  'seats-fastapi': [requests('seats-fastapi', 500, [30, 70], 'GET', (rng) => `/events/${rng.int(10000, 99999)}/seatmap`), requests('seats-fastapi', 200, [100, 200], 'POST', () => '/holds')],
  'graph-gqlgen': [requests('graph-gqlgen', 200, [150, 250], 'POST', () => '/query')],
  'tasks-zap': [requests('tasks-zap', 500, [40, 100], 'POST', (rng) => rng.pick(['/tasks/inventory-sync', '/tasks/send-email'])), requests('tasks-zap', 200, [100, 200], 'POST', () => '/tasks/inventory-sync')],
  'cms-drupal': [requests('cms-drupal', 500, [30, 70], 'GET', (rng) => rng.pick(['/', '/events', `/node/${rng.int(1, 4000)}`])), requests('cms-drupal', 200, [100, 200], 'GET', (rng) => `/node/${rng.int(1, 4000)}`)],
  'pay-dotnet': [requests('pay-dotnet', 500, [30, 70], 'GET', (rng) => rng.pick([`/payments/pi_${rng.alnum(24)}/ledger`, `/payments/pi_${rng.alnum(24)}/receipt`])), requests('pay-dotnet', 200, [100, 200], 'POST', () => '/webhooks/stripe')],
  'bookings-phoenix': [requests('bookings-phoenix', 500, [30, 70], 'GET', (rng) => rng.pick([`/api/slots?day=2026-12-${rng.int(6, 31)}`, '/api/bookings'])), requests('bookings-phoenix', 200, [100, 200], 'GET', () => '/api/slots')],
};

export function buildDay(seed: number): Day {
  return liftSpecialFields(shapeDay({ label: 'twentysixth-day', project: PROJECT, startUs: DAY_START_US, services: SERVICES, platform }, seed));
}

export { exportsOf, type Day } from '../cloud-run-day.js';
