// The problems of a FastAPI backend on Cloud Run (netra-backend-staging), one family per real problem,
// from the team's hand-written worklog of 2025-09-11 and what such a backend logs around them.
import type { EmitContext, Emission, FamilySpec } from '../family-spec.js';
import { requestLog } from '../http-request.js';
import { agentRegistryKeyError, runIdValueError, sqlalchemyOperationalError } from './python-tracebacks.js';

/** What Python's structured logging handler writes: `severity` is lifted out of jsonPayload by Cloud Run. */
export function pyLog(severity: string, logger: string, message: string, extra: Record<string, unknown> = {}): Emission {
  return { stream: 'stderr', severity, traced: true, jsonPayload: { message, logger, ...extra } };
}

const PHASES = ['no_app_state', 'init', 'dependencies', 'database', 'cache'];
const TARGETS = ['services', 'websocket', 'ready'];
const MODELS = ['gemini-1.5-flash', 'gemini-1.5-pro', 'gemini-2.0-flash'];
const REPOS = ['netra-apex', 'netra-agents', 'netra-docs'];

function configDump(ctx: EmitContext): string {
  const { rng, secrets } = ctx;
  const pem = rng.pick(secrets.privateKeys).split('\n').map((l) => `    ${l}`).join('\n');
  return [
    'Configuration validation failed: JWT_PRIVATE_KEY could not be loaded (Could not deserialize key data). Effective configuration:',
    '  environment: staging',
    '  jwt_algorithm: RS256',
    '  jwt_private_key: |',
    pem,
    `  database_url: postgres://netra:${rng.pick(secrets.dbPasswords)}@db:5432/netra_staging`,
    `  redis_url: redis://default:${rng.pick(secrets.passwords)}@10.128.${rng.int(0, 9)}.${rng.int(2, 250)}:6379/0`,
    '  auth_service_url: https://auth.staging.netrasystems.ai',
    `  migration_run: ${1757350810 + rng.int(0, 90000)}`,
  ].join('\n');
}

export const pythonBackendProblems: FamilySpec[] = [
  {
    name: 'startup-race-condition',
    per3k: 14,
    emit: ({ rng }) => pyLog(rng.chance(0.4) ? 'CRITICAL' : 'ERROR', 'netra_backend.app.websocket_core.startup_guard',
      `RACE CONDITION DETECTED: Startup phase '${rng.pick(PHASES)}' did not reach '${rng.pick(TARGETS)}' within ${rng.fixed(0.5, 3, 1)}s`,
      { connection_id: `ws_${rng.hex(12)}` }),
  },
  {
    name: 'service-auth-db-session-401',
    per3k: 42,
    emit: ({ rng, secrets }) => {
      const requestId = `req_${rng.hex(16)}`;
      return pyLog('ERROR', 'netra_backend.app.dependencies',
        `Failed to create request-scoped database session ${requestId}: 401: Token detected - authentication failed `
        + `(user_id=service:netra-backend, Authorization: Bearer ${rng.pick(secrets.jwts)})`,
        { request_id: requestId, user_id: 'service:netra-backend', auth_service: 'https://auth.staging.netrasystems.ai',
          db_response_ms: rng.float(8, 18, 1), vpc_connectivity: 'enabled' });
    },
  },
  {
    name: 'session-middleware-missing',
    per3k: 76,
    emit: ({ rng }) => pyLog('WARNING', 'netra_backend.app.auth_integration.auth',
      'Session access failed (middleware not installed?): SessionMiddleware must be installed to access request.session',
      { path: rng.pick(['/api/user/profile', '/api/threads', '/auth/callback']) }),
  },
  {
    name: 'token-reuse-detected',
    per3k: 150,
    emit: ({ rng }) => pyLog('WARNING', 'netra_backend.app.auth_integration.token_guard',
      `🚨 AUTHENTICATION TOKEN DETECTED: Token used ${rng.fixed(0.001, 0.999, 3)}s ago (threshold: 1.0s) hash=${rng.hex(16)}`),
  },
  {
    name: 'user-auto-created',
    per3k: 40,
    emit: ({ rng, secrets }) => pyLog('NOTICE', 'netra_backend.app.services.user_service',
      `🔑 USER AUTO-CREATED: Created user ${rng.pick(secrets.emails)} from JWT (user_id=${rng.uuid()}, `
      + `provider=${rng.pick(['google', 'github', 'password'])})`),
  },
  {
    name: 'python-sqlalchemy-operational-error',
    per3k: 18,
    emit: (ctx) => ({ stream: 'stderr', severity: 'ERROR', traced: true, textPayload: sqlalchemyOperationalError(ctx) }),
  },
  {
    name: 'python-agent-registry-keyerror',
    per3k: 12,
    emit: (ctx) => ({ stream: 'stderr', severity: 'ERROR', traced: false, textPayload: agentRegistryKeyError(ctx) }),
  },
  {
    name: 'error-reporting-invalid-run-id',
    per3k: 10,
    emit: (ctx) => {
      const runId = `run_${ctx.rng.alnum(ctx.rng.int(6, 14))}`;
      return {
        stream: 'stderr', severity: 'ERROR', traced: true,
        jsonPayload: {
          '@type': 'type.googleapis.com/google.devtools.clouderrorreporting.v1beta1.ReportedErrorEvent',
          eventTime: new Date(ctx.time).toISOString(),
          serviceContext: { service: ctx.service.name, version: ctx.revision },
          message: runIdValueError(runId),
          context: {
            httpRequest: { method: 'GET', url: `/api/runs/${runId}/status`, responseStatusCode: 500,
              remoteIp: ctx.rng.publicIpv4(), userAgent: 'python-httpx/0.27.2' },
            user: ctx.rng.uuid(),
            reportLocation: { filePath: 'netra_backend/app/core/ids.py', lineNumber: 29, functionName: 'parse_run_id' },
          },
        },
      };
    },
  },
  {
    name: 'http-503-post-thread-messages',
    per3k: 30,
    spans: [[0.38, 0.42], [0.615, 0.65], [0.9, 0.935], [0, 1]],
    emit: (ctx) => requestLog(ctx, { method: 'POST', status: 503, latency: [0.2, 59.9], responseSize: 0,
      pathAndQuery: `/api/threads/${ctx.rng.uuid()}/messages?stream=${ctx.rng.pick(['true', 'false'])}` }),
  },
  {
    name: 'http-500-get-agent',
    per3k: 16,
    emit: (ctx) => requestLog(ctx, { method: 'GET', status: 500, latency: [0.01, 1.5],
      pathAndQuery: `/api/agents/agt_${ctx.rng.hex(10)}?include=tools` }),
  },
  {
    name: 'http-404-get-thread',
    per3k: 28,
    emit: (ctx) => requestLog(ctx, { method: 'GET', status: 404, latency: [0.004, 0.09],
      pathAndQuery: `/api/threads/${ctx.rng.uuid()}` }),
  },
  {
    name: 'http-401-websocket-token',
    per3k: 20,
    emit: (ctx) => requestLog(ctx, { method: 'GET', status: 401, latency: [0.002, 0.05], responseSize: 0,
      pathAndQuery: `/ws?token=${ctx.rng.pick(ctx.secrets.jwts)}&client=${ctx.rng.pick(['web', 'desktop'])}` }),
  },
  {
    name: 'config-private-key-rejected',
    per3k: 3,
    emit: (ctx) => ({ stream: 'stderr', severity: 'ERROR', traced: false, textPayload: configDump(ctx) }),
  },
  {
    name: 'github-sync-bad-credentials',
    per3k: 8,
    emit: ({ rng, secrets }) => pyLog('ERROR', 'netra_backend.app.integrations.github',
      `GitHub sync failed for netra-systems/${rng.pick(REPOS)}: 401 Bad credentials `
      + `(token=${rng.chance(0.6) ? rng.pick(secrets.githubTokens) : rng.pick(secrets.githubPats)}) after ${rng.int(1, 5)} attempts`),
  },
  {
    name: 's3-upload-signature-mismatch',
    per3k: 6,
    emit: ({ rng, secrets }) => pyLog('ERROR', 'netra_backend.app.storage.s3',
      `Failed to upload artifact s3://netra-staging-artifacts/runs/run_${rng.hex(24)}/report.json: SignatureDoesNotMatch `
      + `(AccessKeyId=${rng.pick(secrets.awsKeys)}, region=us-east-1, request_id=${rng.upperAlnum(16)})`),
  },
  {
    name: 'llm-quota-exhausted',
    per3k: 22,
    emit: ({ rng, secrets }) => pyLog('WARNING', 'netra_backend.app.llm.client',
      `LLM call failed with 429 RESOURCE_EXHAUSTED: POST https://generativelanguage.googleapis.com/v1beta/models/`
      + `${rng.pick(MODELS)}:generateContent?key=${rng.pick(secrets.googleKeys)} (retry in ${rng.fixed(1, 30, 1)}s, attempt ${rng.int(1, 5)}/5)`),
  },
  {
    name: 'redis-connection-refused',
    per3k: 14,
    emit: ({ rng, secrets }) => {
      const host = `10.128.${rng.int(0, 9)}.${rng.int(2, 250)}`;
      return pyLog('WARNING', 'netra_backend.app.redis_manager',
        `Redis connection failed (Error 111 connecting to ${host}:6379. Connection refused.); retrying in ${rng.int(100, 3200)}ms `
        + `(attempt ${rng.int(1, 5)}/5) host=${host} port=6379 db=0 password=${rng.pick(secrets.passwords)}`);
    },
  },
  {
    name: 'websocket-origin-rejected',
    per3k: 12,
    emit: ({ rng, secrets }) => pyLog('WARNING', 'netra_backend.app.websocket_core.handshake',
      `WebSocket upgrade rejected for ws_${rng.hex(12)}: origin https://${rng.pick(['preview', 'pr'])}-${rng.int(100, 999)}.netrasystems.dev `
      + `not allowed | Cookie: session=${rng.pick(secrets.sessionCookies)}; csrftoken=${rng.hex(32)}`),
  },
  {
    name: 'node-thread-summary-typeerror',
    per3k: 25,
    newestRevisionOnly: true,
    emit: ({ rng }) => {
      const threadId = rng.uuid();
      return {
        stream: 'stderr', severity: 'ERROR', traced: true,
        jsonPayload: {
          message: `Unhandled error while summarizing thread ${threadId}: Cannot read properties of undefined (reading 'id')`,
          stack_trace: [
            "TypeError: Cannot read properties of undefined (reading 'id')",
            '    at buildThreadSummary (/app/dist/services/thread-summary.js:57:38)',
            '    at Array.map (<anonymous>)',
            '    at ThreadSummaryService.summarize (/app/dist/services/thread-summary.js:31:29)',
            '    at async /app/dist/routes/threads.js:88:24',
            '    at async Layer.handle [as handle_request] (/app/node_modules/express/lib/router/layer.js:95:5)',
            '    at async next (/app/node_modules/express/lib/router/route.js:149:13)',
          ].join('\n'),
          thread_id: threadId,
          component: 'thread-summary-sidecar',
        },
      };
    },
  },
  {
    name: 'deprecation-pydantic-class-config',
    per3k: 30,
    emit: () => ({
      stream: 'stderr', severity: 'WARNING', traced: false,
      textPayload: '/usr/local/lib/python3.11/site-packages/pydantic/_internal/_config.py:291: PydanticDeprecatedSince20: '
        + 'Support for class-based `config` is deprecated, use ConfigDict instead. Deprecated in Pydantic V2.0 to be removed '
        + 'in V3.0. See Pydantic V2 Migration Guide at https://errors.pydantic.dev/2.8/migration/',
    }),
  },
  {
    name: 'deprecation-datetime-utcnow',
    per3k: 24,
    emit: () => ({
      stream: 'stderr', severity: 'WARNING', traced: false,
      textPayload: '/app/netra_backend/app/services/thread_service.py:73: DeprecationWarning: datetime.datetime.utcnow() is '
        + 'deprecated and scheduled for removal in a future version. Use timezone-aware objects to represent datetimes in '
        + 'UTC: datetime.datetime.now(datetime.UTC).',
    }),
  },
];
