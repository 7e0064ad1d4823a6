// A Node.js (Express + pino) API gateway: stack traces in jsonPayload (`msg` + `err`), plain-text
// unhandled rejections, and request logs. Not in the demo; here so tests see a second service shape.
import type { EmitContext, Emission, FamilySpec, ServiceShape } from '../family-spec.js';
import { requestLog } from '../http-request.js';
import { platformFamilies } from './platform.js';

/** pino mapped to Cloud Logging severity, with pino's own keys kept (`msg`, `err`, `reqId`). */
function pino(severity: string, msg: string, extra: Record<string, unknown> = {}): Emission {
  return { stream: 'stdout', severity, traced: true, jsonPayload: { msg, pid: 1, hostname: 'localhost', ...extra } };
}

const sessionId = (ctx: EmitContext): string => `ses_${ctx.rng.alnum(20)}`;

const problems: FamilySpec[] = [
  {
    name: 'node-gateway-sessions-typeerror',
    per3k: 30,
    emit: (ctx) => pino('ERROR', `request failed: GET /v1/sessions/${sessionId(ctx)}`, {
      reqId: `req-${ctx.rng.int(1, 999999)}`,
      err: {
        type: 'TypeError',
        message: "Cannot read properties of null (reading 'map')",
        stack: [
          "TypeError: Cannot read properties of null (reading 'map')",
          '    at formatSessions (/app/dist/handlers/sessions.js:42:27)',
          '    at /app/dist/handlers/sessions.js:18:12',
          '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
          '    at async /app/node_modules/express-async-handler/index.js:3:3',
        ].join('\n'),
      },
    }),
  },
  {
    name: 'node-gateway-redis-econnrefused',
    per3k: 12,
    emit: ({ rng }) => {
      const addr = `10.8.${rng.int(0, 3)}.${rng.int(2, 250)}:6379`;
      return {
        stream: 'stderr', severity: 'ERROR', traced: false,
        textPayload: [
          `Unhandled promise rejection: Error: connect ECONNREFUSED ${addr}`,
          '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)',
          '    at RateLimiter.check (/app/dist/middleware/rate-limit.js:23:17)',
          '    at async /app/dist/middleware/rate-limit.js:51:9',
          '    at async /app/node_modules/express-async-handler/index.js:3:3',
        ].join('\n'),
      };
    },
  },
  {
    name: 'node-gateway-upstream-timeout',
    per3k: 25,
    emit: (ctx) => pino('WARNING', `upstream POST http://netra-backend-staging.internal/api/threads/${ctx.rng.uuid()}/messages `
      + `timed out after ${ctx.rng.pick([15000, 30000])}ms (attempt ${ctx.rng.int(1, 3)})`),
  },
  {
    name: 'node-gateway-jwt-invalid-signature',
    per3k: 18,
    emit: (ctx) => pino('WARNING', `rejecting request req-${ctx.rng.int(1, 999999)}: JsonWebTokenError: invalid signature `
      + `(Authorization: Bearer ${ctx.rng.pick(ctx.secrets.jwts)})`),
  },
  {
    name: 'http-502-get-session',
    per3k: 20,
    emit: (ctx) => requestLog(ctx, { method: 'GET', status: 502, latency: [0.5, 30], pathAndQuery: `/v1/sessions/${sessionId(ctx)}` }),
  },
  {
    name: 'node-deprecation-punycode',
    per3k: 10,
    emit: () => ({ stream: 'stderr', severity: 'WARNING', traced: false,
      textPayload: '(node:1) [DEP0040] DeprecationWarning: The `punycode` module is deprecated. Please use a userland alternative instead.' }),
  },
];

const noise: FamilySpec[] = [
  {
    name: 'info-gateway-request-get-session-200', per3k: 0, noiseWeight: 20,
    emit: (ctx) => requestLog(ctx, { method: 'GET', status: 200, latency: [0.003, 0.3], pathAndQuery: `/v1/sessions/${sessionId(ctx)}` }),
  },
  {
    name: 'info-gateway-request-completed', per3k: 0, noiseWeight: 15,
    emit: (ctx) => pino('INFO', `request completed in ${ctx.rng.int(2, 900)}ms`, { reqId: `req-${ctx.rng.int(1, 999999)}` }),
  },
];

export const nodeApiShape: ServiceShape = {
  name: 'node-api',
  families: [
    ...problems,
    ...noise,
    ...platformFamilies({
      memoryMiB: 256,
      requestPath: (ctx) => ({ method: 'GET', path: `/v1/sessions/${sessionId(ctx)}` }),
    }),
  ],
};
