// One Cloud Run day of the seventeenth day's services, shaped as bench/lib/cloud-run-day.ts says Cloud Run
// stores what a container writes. Every entry carries its ground truth.
import type { Family, ServiceDef } from '../stranger/model.js';
import { liftSpecialFields, memoryLimit, requests, shapeDay, type Day } from '../cloud-run-day.js';
import { ledgerSpanner } from './dotnet.js';
import { llmOllama, shopConnect } from './go.js';
import { authKeycloak } from './jvm.js';
import { pdfPuppeteer } from './node.js';
import { agentAdk, eventsPubsub, mlBentoml, uiGradio } from './python.js';
import { notesLitestream } from './ruby.js';
import { PROJECT } from './shared.js';

export { PROJECT };

export const SERVICES: readonly ServiceDef[] = [llmOllama, mlBentoml, agentAdk, authKeycloak, shopConnect, notesLitestream, eventsPubsub, pdfPuppeteer, uiGradio, ledgerSpanner];

/** 2026-12-08, [00:00, 24:00) UTC, in microseconds. */
export const DAY_START_US = Date.UTC(2026, 11, 8) * 1000;

const platform: Record<string, Family[]> = {
  'llm-ollama': [requests('llm-ollama', 200, [300, 500], 'POST', () => '/api/chat')],
  'ml-bentoml': [memoryLimit('ml-bentoml', 16384, [2, 6])],
  'agent-adk': [requests('agent-adk', 200, [200, 400], 'POST', () => '/run_sse')],
  'auth-keycloak': [requests('auth-keycloak', 200, [300, 500], 'POST', () => '/realms/heron/protocol/openid-connect/token')],
  'events-pubsub': [memoryLimit('events-pubsub', 1024, [3, 8])],
  'pdf-puppeteer': [memoryLimit('pdf-puppeteer', 2048, [4, 10]), requests('pdf-puppeteer', 500, [25, 60], 'POST', (rng) => `/render/${rng.int(100000, 999999)}`)],
  'ledger-spanner': [requests('ledger-spanner', 200, [100, 200], 'POST', () => '/ledger.v1.Ledger/Transfer')],
  'ui-gradio': [requests('ui-gradio', 200, [150, 300], 'POST', () => '/gradio_api/queue/join')],
};

export function buildDay(seed: number): Day {
  return liftSpecialFields(shapeDay({ label: 'seventeenth-day', project: PROJECT, startUs: DAY_START_US, services: SERVICES, platform }, seed));
}

export { exportsOf, type Day } from '../cloud-run-day.js';
