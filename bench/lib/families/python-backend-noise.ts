// The everyday INFO / DEBUG / DEFAULT traffic of the FastAPI backend: most of a day's entries, all below
// the sweep's severity floor. One family per message shape (per route and status for request logs), so
// that ground truth stays exact even for a grouping run over every entry.
import type { EmitContext, FamilySpec } from '../family-spec.js';
import { requestLog } from '../http-request.js';
import { pyLog } from './python-backend-problems.js';

const AGENTS = ['triage', 'data_helper', 'optimizations_core', 'reporting'];

function okRequest(name: string, weight: number, method: string, status: number,
  path: (ctx: EmitContext) => string, latency: [number, number] = [0.005, 0.4]): FamilySpec {
  return { name, per3k: 0, noiseWeight: weight, emit: (ctx) => requestLog(ctx, { method, status, latency, pathAndQuery: path(ctx) }) };
}

export const pythonBackendNoise: FamilySpec[] = [
  okRequest('info-request-get-threads-200', 10, 'GET', 200, ({ rng }) => `/api/threads?limit=${rng.pick([20, 50])}&offset=${rng.int(0, 8) * 20}`),
  okRequest('info-request-get-thread-200', 10, 'GET', 200, ({ rng }) => `/api/threads/${rng.uuid()}`),
  okRequest('info-request-post-thread-messages-200', 8, 'POST', 200,
    ({ rng }) => `/api/threads/${rng.uuid()}/messages?stream=${rng.pick(['true', 'false'])}`, [0.4, 24]),
  okRequest('info-request-get-agent-200', 4, 'GET', 200, ({ rng }) => `/api/agents/agt_${rng.hex(10)}?include=tools`),
  okRequest('info-request-get-run-status-200', 6, 'GET', 200, ({ rng }) => `/api/runs/run_${rng.hex(24)}/status?include=steps`),
  okRequest('info-request-options-threads-204', 3, 'OPTIONS', 204, () => '/api/threads', [0.001, 0.01]),
  okRequest('info-request-ws-upgrade-101', 3, 'GET', 101, ({ rng }) => `/ws?client=${rng.pick(['web', 'desktop'])}`, [30, 900]),
  {
    name: 'info-request-health-200',
    per3k: 0,
    noiseWeight: 8,
    emit: (ctx) => requestLog(ctx, { method: 'GET', status: 200, latency: [0.001, 0.02], responseSize: 15,
      pathAndQuery: '/health', userAgent: 'GoogleHC/1.0' }),
  },
  {
    name: 'info-uvicorn-health-access',
    per3k: 0,
    noiseWeight: 6,
    // uvicorn's access log printed to stdout: no severity, so Cloud Run records DEFAULT.
    emit: ({ rng }) => ({ stream: 'stdout', traced: false,
      textPayload: `INFO:     169.254.1.1:${rng.int(30000, 60999)} - "GET /health HTTP/1.1" 200 OK` }),
  },
  {
    name: 'info-processing-message',
    per3k: 0,
    noiseWeight: 12,
    emit: ({ rng }) => pyLog('INFO', 'netra_backend.app.services.message_handlers',
      `Processing message for thread ${rng.uuid()} (run_id=run_${rng.hex(24)}, agent=${rng.pick(AGENTS)})`),
  },
  {
    name: 'info-websocket-connected',
    per3k: 0,
    noiseWeight: 4,
    emit: ({ rng }) => pyLog('INFO', 'netra_backend.app.websocket_core.manager',
      `WebSocket connected: user_id=${rng.uuid()} connection_id=ws_${rng.hex(12)} (active=${rng.int(1, 240)})`),
  },
  {
    name: 'info-llm-call-completed',
    per3k: 0,
    noiseWeight: 5,
    emit: ({ rng }) => pyLog('INFO', 'netra_backend.app.llm.client',
      `LLM call completed model=${rng.pick(['gemini-1.5-flash', 'gemini-2.0-flash'])} prompt_tokens=${rng.int(200, 12000)} `
      + `completion_tokens=${rng.int(20, 2000)} latency_ms=${rng.int(300, 9000)}`),
  },
  {
    name: 'debug-cache-hit',
    per3k: 0,
    noiseWeight: 4,
    emit: ({ rng }) => pyLog('DEBUG', 'netra_backend.app.cache', `cache hit key=thread:${rng.uuid()}:summary ttl=${rng.int(1, 3600)}`),
  },
];
