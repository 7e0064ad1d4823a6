// The Node services of the sixteenth day: a push-notification API logging with winston (a `printf`
// format, then @google-cloud/logging-winston writing to stdout), and n8n.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { isoMillis } from './clock.js';
import { PROJECT, traceName } from './shared.js';

// ---------------------------------------------------------------- push-winston
// Morning revision: winston.format.combine(timestamp(), errors({ stack: true }), printf(...)) printing
// `${timestamp} [${level}]: ${stack ?? message}` — the stack replaces the message. After the rollout:
// LoggingWinston({ redirectToStdout: true }), one JSON line with `severity`, `message` (the stack for an
// error), `metadata`, the request's trace, and the uninterpolated `logName` that
// googleapis/nodejs-logging-winston#744 and #785 show.
const NM = '/app/node_modules';
const GRPC_STACK = (op: string): string => [
  `    at callErrorFromStatus (${NM}/@grpc/grpc-js/build/src/call.js:31:19)`,
  `    at Object.onReceiveStatus (${NM}/@grpc/grpc-js/build/src/client.js:193:76)`,
  `    at Object.onReceiveStatus (${NM}/@grpc/grpc-js/build/src/client-interceptors.js:360:141)`,
  `    at ${NM}/@grpc/grpc-js/build/src/resolving-call.js:99:78`,
  '    at process.processTicksAndRejections (node:internal/process/task_queues:77:11)',
  'for call at',
  `    at ServiceClientImpl.makeUnaryRequest (${NM}/@grpc/grpc-js/build/src/client.js:161:32)`,
  `    at ${NM}/google-gax/build/src/normalCalls/timeout.js:44:16`,
  `    at ${op}`,
].join('\n');
function winston(rng: Prng, t: number, rev: 0 | 1, level: 'info' | 'warn' | 'error', message: string, stack?: string, meta: Record<string, unknown> = {}): Write {
  if (rev === 0) return { stream: 'stdout', text: `${isoMillis(t)} [${level}]: ${stack ?? message}` };
  const severity = { info: 'INFO', warn: 'WARNING', error: 'ERROR' }[level];
  return {
    stream: 'stdout', json: {
      logName: 'projects/{{projectId}}/logs/winston_log', message: stack ?? message, metadata: { ...meta, timestamp: isoMillis(t) },
      severity, 'logging.googleapis.com/trace': traceName(rng, PROJECT), 'logging.googleapis.com/spanId': rng.hex(16),
    },
  };
}

export const pushWinston: ServiceDef = {
  name: 'push-winston', stack: 'Node 20, Express 4, winston 3, @google-cloud/logging-winston 6, @google-cloud/firestore 7, @google-cloud/pubsub 4, firebase-admin 12', splitRate: 0.72,
  families: [
    {
      name: 'push-winston:firestore-commit-deadline', level: 'ERROR', perDay: [22, 66], burst: 0.3,
      emit: ({ rng, t, rev }) => {
        const msg = `4 DEADLINE_EXCEEDED: Deadline exceeded after ${rng.fixed(59.9, 60.2, 3)}s,metadata filters: 0.00${rng.int(1, 9)}s,LB pick: 0.00${rng.int(1, 9)}s,remote_addr=142.250.${rng.int(1, 200)}.${rng.int(1, 250)}:443`;
        const stack = `Error: ${msg}\n${GRPC_STACK(`WriteBatch.commit (${NM}/@google-cloud/firestore/build/src/write-batch.js:433:23)`)}\n    at async saveDeviceToken (/app/dist/tokens.js:41:5)`;
        return [winston(rng, t, rev, 'error', `save device token failed: ${msg}`, stack, { userId: rng.int(1000, 999999) })];
      },
    },
    {
      name: 'push-winston:firestore-missing-index', level: 'ERROR', perDay: [44, 99],
      emit: ({ rng, t, rev }) => {
        const msg = `9 FAILED_PRECONDITION: The query requires an index. You can create it here: https://console.firebase.google.com/v1/r/project/${PROJECT}/firestore/indexes?create_composite=${rng.base64url(120)}`;
        const stack = `Error: ${msg}\n${GRPC_STACK(`QueryUtil._stream (${NM}/@google-cloud/firestore/build/src/reference/query-util.js:197:29)`)}\n    at async listCampaignTargets (/app/dist/campaigns.js:88:19)`;
        return [winston(rng, t, rev, 'error', msg, stack, { campaign: rng.lower(8) })];
      },
    },
    {
      name: 'push-winston:pubsub-publish-timeout', level: 'ERROR', perDay: [18, 44],
      emit: ({ rng, t, rev }) => {
        const stack = `Error: Total timeout of API google.pubsub.v1.Publisher exceeded 60000 milliseconds retrying error Error: 14 UNAVAILABLE: Connection dropped  before any response was received.\n    at repeat (${NM}/google-gax/build/src/normalCalls/retries.js:66:31)\n    at Timeout._onTimeout (${NM}/google-gax/build/src/normalCalls/retries.js:101:25)\n    at listOnTimeout (node:internal/timers:581:17)\n    at process.processTimers (node:internal/timers:519:7)`;
        return [winston(rng, t, rev, 'error', 'publish delivery-receipts failed', stack, { topic: 'delivery-receipts', code: 4 })];
      },
    },
    {
      name: 'push-winston:send-route-typeerror', level: 'ERROR', perDay: [11, 33],
      emit: ({ rng, t, rev }) => {
        const stack = "TypeError: Cannot read properties of undefined (reading 'tokens')\n    at sendToUser (/app/dist/routes/send.js:27:38)\n    at Layer.handle [as handle_request] (/app/node_modules/express/lib/router/layer.js:95:5)\n    at next (/app/node_modules/express/lib/router/route.js:149:13)\n    at Route.dispatch (/app/node_modules/express/lib/router/route.js:119:3)";
        return [winston(rng, t, rev, 'error', "Cannot read properties of undefined (reading 'tokens')", stack, { path: `/v1/users/${rng.int(1000, 999999)}/send` })];
      },
    },
    {
      name: 'push-winston:fcm-token-unregistered', level: 'WARNING', perDay: [440, 770],
      emit: ({ rng, t, rev }) => [winston(rng, t, rev, 'warn', `FCM token ${rng.base64url(11)}… unregistered, removing (messaging/registration-token-not-registered)`)],
    },
    {
      name: 'noise:push-winston:sent', level: 'INFO', perDay: [168, 265],
      emit: ({ rng, t, rev }) => [winston(rng, t, rev, 'info', `sent ${rng.int(1, 300)} notifications for campaign ${rng.lower(8)} (failures: 0)`)],
    },
  ],
};

// ---------------------------------------------------------------- flows-n8n
// n8n's logger at `info` with N8N_LOG_FORMAT=text prints the bare message (no time, no level) on the
// morning revision; N8N_LOG_FORMAT=json after: one object a line with `level`, `message`, `timestamp`
// and the metadata (`file`, `function`, ids).
function n8n(t: number, rev: 0 | 1, level: 'info' | 'warn' | 'error', message: string, meta: Record<string, unknown> = {}): Write {
  if (rev === 0) return { stream: 'stdout', text: message };
  return { stream: 'stdout', json: { level, message, metadata: { ...meta, timestamp: isoMillis(t) } } };
}
const PG_STACK = '    at /usr/local/lib/node_modules/n8n/node_modules/pg-pool/index.js:45:11\n    at processTicksAndRejections (node:internal/process/task_queues:95:5)\n    at PostgresDriver.obtainMasterConnection (/usr/local/lib/node_modules/n8n/node_modules/@n8n/typeorm/driver/postgres/PostgresDriver.js:883:28)\n    at PostgresQueryRunner.query (/usr/local/lib/node_modules/n8n/node_modules/@n8n/typeorm/driver/postgres/PostgresQueryRunner.js:178:36)';

export const flowsN8n: ServiceDef = {
  name: 'flows-n8n', stack: 'n8n 1.72 (Node 20), PostgreSQL on Cloud SQL, regular execution mode', splitRate: 0.7,
  families: [
    {
      name: 'flows-n8n:webhook-split-undefined', level: 'ERROR', perDay: [33, 77],
      emit: ({ t, rev }) => [n8n(t, rev, 'error', "Error in handling webhook request POST /webhook/orders-intake: Cannot read properties of undefined (reading 'split')", { file: 'webhook-helpers.js', function: 'executeWebhook' })],
    },
    {
      name: 'flows-n8n:execution-etimedout', level: 'ERROR', perDay: [33, 88],
      emit: ({ rng, t, rev }) => {
        const id = rng.int(10000, 99999);
        return [n8n(t, rev, 'error', `Problem with execution ${id}: connect ETIMEDOUT 34.${rng.int(100, 160)}.${rng.int(0, 255)}.${rng.int(1, 254)}:443. Aborting.`, { executionId: String(id), file: 'workflow-runner.js', function: 'processError' })];
      },
    },
    {
      name: 'flows-n8n:activation-auth-failed', level: 'ERROR', perDay: [3, 8],
      emit: ({ t, rev }) => [
        n8n(t, rev, 'error', 'Issue on initial workflow activation try of "Stripe → Sheets" (startup)', { workflowName: 'Stripe → Sheets', workflowId: 'q4XbnP2lKd9wTz1A', file: 'active-workflow-manager.js', function: 'addActiveWorkflows' }),
        n8n(t, rev, 'error', 'Authorization failed - please check your credentials', { workflowId: 'q4XbnP2lKd9wTz1A', file: 'active-workflow-manager.js', function: 'addActiveWorkflows' }),
      ],
    },
    {
      name: 'flows-n8n:db-connection-timeout', level: 'ERROR', perDay: [9, 26], burst: 0.4,
      emit: ({ t, rev }) => [rev === 0
        ? { stream: 'stderr', text: `Error: Connection terminated due to connection timeout\n${PG_STACK}` }
        : n8n(t, rev, 'error', 'Connection terminated due to connection timeout', { stack: `Error: Connection terminated due to connection timeout\n${PG_STACK}`, file: 'error-reporter.js', function: 'defaultReport' })],
    },
    {
      name: 'flows-n8n:settings-permissions', level: 'WARNING', perDay: [66, 132],
      emit: ({ t, rev }) => [n8n(t, rev, 'warn', 'Permissions 0644 for n8n settings file /home/node/.n8n/config are too wide. This is ignored for now, but in the future n8n will attempt to change the permissions automatically. To automatically enforce correct permissions now set N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=true (recommended), or turn this check off set N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=false.')],
    },
    {
      name: 'noise:flows-n8n:enqueued', level: 'INFO', perDay: [168, 265],
      emit: ({ rng, t, rev }) => {
        const id = rng.int(10000, 99999);
        return rng.chance(0.85)
          ? [n8n(t, rev, 'info', `Enqueued execution ${id} (job ${id})`)]
          : [n8n(t, rev, 'info', `Pruned executions: ${rng.int(0, 200)} deleted, 0 errors`)];
      },
    },
    {
      name: 'noise:flows-n8n:boot', level: 'INFO', perDay: [30, 60],
      emit: ({ host, t, rev }) => [n8n(t, rev, 'info', `Editor is now accessible via:\nhttps://${host}`)],
    },
  ],
};

