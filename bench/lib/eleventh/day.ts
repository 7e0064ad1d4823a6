// One Cloud Run day of the eleventh day's services, shaped as bench/lib/cloud-run-day.ts says Cloud Run
// stores what a container writes. Every entry carries its ground truth.
import type { Family, ServiceDef } from '../stranger/model.js';
import { httpRequest, MEMORY, NO_INSTANCE, PROBE_FAILED, requests, shapeDay, TIMEOUT, type Day } from '../cloud-run-day.js';
import { geoKemal } from './crystal.js';
import { hooksDotnet } from './dotnet.js';
import { edgeKratos } from './go.js';
import { payJavalin } from './jvm.js';
import { cmsStrapi } from './node.js';
import { feedDream } from './ocaml.js';
import { formsCi4 } from './php.js';
import { rankGrpc } from './python.js';
import { notesRoda } from './ruby.js';
import { imgZig } from './zig.js';

/** The project the day's services run in. */
export const PROJECT = 'tollgate-prod-7730';

export const SERVICES: readonly ServiceDef[] = [rankGrpc, payJavalin, cmsStrapi, edgeKratos, notesRoda, formsCi4, geoKemal, imgZig, feedDream, hooksDotnet];

/** 2026-12-02, [00:00, 24:00) UTC, in microseconds. */
export const DAY_START_US = Date.UTC(2026, 11, 2) * 1000;

const platform: Record<string, Family[]> = {
  'rank-grpc': [
    { name: 'rank-grpc:platform-memory-limit', level: 'ERROR', perDay: [2, 7], emit: ({ rng }) => [{ stream: 'varlog/system', severity: 'ERROR', text: MEMORY(512, rng.int(513, 560)) }] },
  ],
  'pay-javalin': [
    requests('pay-javalin', 500, [12, 36], 'POST', (rng) => rng.pick(['/v1/charges', '/v1/refunds'])),
    { name: 'pay-javalin:platform-no-available-instance', level: 'ERROR', perDay: [4, 14], burst: 0.4, emit: ({ rng, host }) => [{ stream: 'requests', severity: 'ERROR', text: NO_INSTANCE, httpRequest: httpRequest(rng, host, 'POST', '/v1/charges', 500, rng.next() * 10) }] },
  ],
  'cms-strapi': [
    { name: 'cms-strapi:platform-startup-probe-failed', level: 'ERROR', perDay: [1, 3], emit: () => [{ stream: 'varlog/system', severity: 'ERROR', text: PROBE_FAILED('strapi-1') }] },
    { name: 'cms-strapi:platform-container-exit', level: 'WARNING', perDay: [1, 3], emit: () => [{ stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(1).' }] },
    requests('cms-strapi', 200, [150, 300], 'GET', (rng) => `/api/articles/${rng.int(1, 4000)}`),
  ],
  'edge-kratos': [
    requests('edge-kratos', 503, [10, 30], 'GET', (rng) => `/v1/quote/${rng.upperAlnum(2)}-${rng.int(100, 999)}`),
    { name: 'edge-kratos:platform-request-timeout', level: 'ERROR', perDay: [2, 8], emit: ({ rng, host }) => [{ stream: 'requests', severity: 'ERROR', text: TIMEOUT, httpRequest: httpRequest(rng, host, 'GET', '/v1/offers?region=eu', 504, 300 + rng.next() / 100) }] },
  ],
  'notes-roda': [
    requests('notes-roda', 500, [10, 30], 'GET', (rng) => `/notes/${rng.int(1, 20000)}`),
  ],
  'forms-ci4': [
    requests('forms-ci4', 500, [12, 32], 'POST', (rng) => `/forms/${rng.pick(['contact', 'quote', 'newsletter'])}`),
    requests('forms-ci4', 200, [150, 300], 'GET', (rng) => `/forms/${rng.pick(['contact', 'quote', 'newsletter'])}`),
  ],
  'geo-kemal': [
    { name: 'geo-kemal:platform-no-available-instance', level: 'ERROR', perDay: [5, 16], burst: 0.4, emit: ({ rng, host }) => [{ stream: 'requests', severity: 'ERROR', text: NO_INSTANCE, httpRequest: httpRequest(rng, host, 'GET', `/v1/lookup?ip=${rng.publicIpv4()}`, 500, rng.next() * 10) }] },
    requests('geo-kemal', 200, [150, 300], 'GET', (rng) => `/v1/lookup?ip=${rng.publicIpv4()}`),
  ],
  'img-zig': [
    { name: 'img-zig:platform-memory-limit', level: 'ERROR', perDay: [3, 9], emit: ({ rng }) => [{ stream: 'varlog/system', severity: 'ERROR', text: MEMORY(1024, rng.int(1025, 1100)) }] },
    requests('img-zig', 200, [150, 300], 'GET', (rng) => `/img/${rng.int(1000, 99999)}.jpg?w=512`),
  ],
  'feed-dream': [
    requests('feed-dream', 500, [10, 28], 'GET', (rng) => `/feed/${rng.lower(6)}.rss`),
  ],
  'hooks-dotnet': [
    requests('hooks-dotnet', 500, [10, 30], 'POST', () => '/v1/events'),
  ],
};

export function buildDay(seed: number): Day {
  return shapeDay({ label: 'eleventh-day', project: PROJECT, startUs: DAY_START_US, services: SERVICES, platform }, seed);
}

export { exportsOf, type Day } from '../cloud-run-day.js';
