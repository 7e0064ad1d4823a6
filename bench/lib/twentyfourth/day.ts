// One Cloud Run day of the twenty-fourth day's services, shaped as bench/lib/cloud-run-day.ts says Cloud
// Run stores what a container writes. Every entry carries its ground truth.
import type { Family, ServiceDef } from '../stranger/model.js';
import { liftSpecialFields, memoryLimit, requests, shapeDay, type Day } from '../cloud-run-day.js';
import { ledgerSqlserver } from './dotnet.js';
import { apiGindev } from './go.js';
import { ordersBoot } from './jvm.js';
import { botBolt, jobsMigrate, portalAuthjs } from './node.js';
import { chatLangchain, dashGunicorn, jobsTfscore, relayPubsub } from './python.js';
import { PROJECT } from './shared.js';

export { PROJECT };

export const SERVICES: readonly ServiceDef[] = [portalAuthjs, jobsMigrate, botBolt, dashGunicorn, relayPubsub, chatLangchain, jobsTfscore, apiGindev, ledgerSqlserver, ordersBoot];

/** 2026-12-04, [00:00, 24:00) UTC, in microseconds. */
export const DAY_START_US = Date.UTC(2026, 11, 4) * 1000;

const id = (rng: { int(lo: number, hi: number): number }): number => rng.int(100000, 999999);

const platform: Record<string, Family[]> = {
  'portal-authjs': [requests('portal-authjs', 500, [30, 80], 'POST', (rng) => rng.pick(['/api/auth/callback/credentials', '/api/auth/session', `/orgs/o${id(rng).toString(36)}/invite`])), requests('portal-authjs', 200, [100, 200], 'GET', (rng) => `/invoices/INV-${id(rng)}`)],
  'bot-bolt': [requests('bot-bolt', 500, [15, 40], 'POST', () => '/slack/events'), requests('bot-bolt', 200, [100, 200], 'POST', () => '/slack/events')],
  'dash-gunicorn': [requests('dash-gunicorn', 500, [20, 60], 'POST', () => '/_dash-update-component'), requests('dash-gunicorn', 200, [100, 200], 'POST', () => '/_dash-update-component')],
  'relay-pubsub': [requests('relay-pubsub', 500, [40, 100], 'POST', () => '/pubsub/push'), requests('relay-pubsub', 204, [100, 200], 'POST', () => '/pubsub/push')],
  'chat-langchain': [requests('chat-langchain', 500, [20, 60], 'POST', (rng) => rng.pick(['/chat', '/summarize'])), requests('chat-langchain', 200, [100, 200], 'POST', () => '/chat')],
  'jobs-tfscore': [memoryLimit('jobs-tfscore', 4096, [2, 6], 300)],
  'api-gindev': [requests('api-gindev', 500, [30, 80], 'POST', (rng) => rng.pick(['/v1/uploads', '/v1/share', `/v1/profile/u_${id(rng).toString(36)}`])), requests('api-gindev', 200, [100, 200], 'GET', (rng) => `/v1/profile/u_${id(rng).toString(36)}`)],
  'ledger-sqlserver': [requests('ledger-sqlserver', 500, [40, 100], 'POST', (rng) => rng.pick(['/transfers', '/tasks/settle', '/reports/balances'])), requests('ledger-sqlserver', 200, [100, 200], 'POST', () => '/transfers')],
  'orders-boot': [requests('orders-boot', 500, [20, 50], 'POST', (rng) => `/orders/${id(rng)}/label`), requests('orders-boot', 200, [100, 200], 'GET', (rng) => `/orders/${id(rng)}`)],
};

export function buildDay(seed: number): Day {
  return liftSpecialFields(shapeDay({ label: 'twentyfourth-day', project: PROJECT, startUs: DAY_START_US, services: SERVICES, platform }, seed));
}

export { exportsOf, type Day } from '../cloud-run-day.js';
