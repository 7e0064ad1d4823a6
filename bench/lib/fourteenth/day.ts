// One Cloud Run day of the fourteenth day's services, shaped as bench/lib/cloud-run-day.ts says Cloud Run
// stores what a container writes. Every entry carries its ground truth.
import type { Family, ServiceDef } from '../stranger/model.js';
import { httpRequest, memoryLimit, PROBE_FAILED, requests, shapeDay, TIMEOUT, type Day } from '../cloud-run-day.js';
import { accountsAspnet } from './dotnet.js';
import { dashGrafana } from './grafana.js';
import { graphqlHasura } from './hasura.js';
import { catalogGcpjson } from './jvm.js';
import { biMetabase } from './metabase.js';
import { apiFirebase, mediaTslog } from './node.js';
import { mailerArtisan } from './php.js';
import { insightsStreamlit } from './python.js';
import { ordersSemantic } from './ruby.js';

/** The project the day's services run in. */
export const PROJECT = 'quillmere-prod-2291';

export const SERVICES: readonly ServiceDef[] = [insightsStreamlit, dashGrafana, biMetabase, graphqlHasura, apiFirebase, mediaTslog, ordersSemantic, accountsAspnet, mailerArtisan, catalogGcpjson];

/** 2026-12-05, [00:00, 24:00) UTC, in microseconds. */
export const DAY_START_US = Date.UTC(2026, 11, 5) * 1000;

const platform: Record<string, Family[]> = {
  'insights-streamlit': [memoryLimit('insights-streamlit', 1024, [3, 8], 60)],
  'dash-grafana': [
    requests('dash-grafana', 500, [15, 45], 'POST', () => '/api/ds/query'),
    requests('dash-grafana', 200, [150, 300], 'GET', (rng) => `/api/dashboards/uid/${rng.alnum(9)}`),
  ],
  'bi-metabase': [
    { name: 'bi-metabase:platform-startup-probe-failed', level: 'ERROR', perDay: [2, 5], emit: () => [{ stream: 'varlog/system', severity: 'ERROR', text: PROBE_FAILED('metabase-1') }] },
  ],
  'graphql-hasura': [
    requests('graphql-hasura', 200, [150, 300], 'POST', () => '/v1/graphql'),
  ],
  'api-firebase': [
    { name: 'api-firebase:platform-request-timeout', level: 'ERROR', perDay: [3, 10], emit: ({ rng, host }) => [{ stream: 'requests', severity: 'ERROR', text: TIMEOUT, httpRequest: httpRequest(rng, host, 'POST', '/digest', 504, 60 + rng.next() / 100) }] },
    requests('api-firebase', 500, [15, 40], 'POST', (rng) => rng.pick(['/coupons/redeem', `/orders/${rng.alnum(20)}/charge`])),
  ],
  'media-tslog': [
    requests('media-tslog', 500, [15, 45], 'POST', () => '/upload'),
  ],
  'orders-semantic': [
    requests('orders-semantic', 500, [15, 45], 'POST', (rng) => rng.pick(['/orders', '/payments'])),
    requests('orders-semantic', 200, [150, 300], 'GET', () => '/orders'),
  ],
  'accounts-aspnet': [
    requests('accounts-aspnet', 500, [15, 40], 'GET', (rng) => rng.pick(['/api/accounts/me', `/api/accounts/${rng.int(10000, 99999)}/sessions`])),
  ],
  'catalog-gcpjson': [
    requests('catalog-gcpjson', 500, [15, 45], 'GET', (rng) => rng.pick([`/api/products/search?q=${rng.lower(5)}`, `/api/products/${rng.int(1000, 99999)}`])),
  ],
};

export function buildDay(seed: number): Day {
  return shapeDay({ label: 'fourteenth-day', project: PROJECT, startUs: DAY_START_US, services: SERVICES, platform }, seed);
}

export { exportsOf, type Day } from '../cloud-run-day.js';
