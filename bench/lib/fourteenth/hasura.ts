// graphql-hasura: Hasura GraphQL Engine v2.44 (Haskell) over Cloud SQL for PostgreSQL, with an action
// whose handler is another Cloud Run service. Hasura writes one JSON object a line with its own `level`
// and `type` (no `severity`, so Cloud Run leaves every entry at DEFAULT); its keys come out sorted. A
// GraphQL error is an http-log at level "error" with HTTP status 200.
import type { Ctx, Family, ServiceDef } from '../stranger/model.js';
import { hasuraTime } from './clock.js';

const SVC = 'graphql-hasura';

function hasura(ctx: Ctx, level: string, type: string, detail: unknown): Record<string, unknown> {
  return { detail, level, timestamp: hasuraTime(ctx.t), type };
}

function httpLog(ctx: Ctx, level: string, operationName: string, role: string, error: unknown): Record<string, unknown> {
  const rid = ctx.rng.uuid();
  const size = ctx.rng.int(60, 4000);
  const operation: Record<string, unknown> = {};
  if (error !== undefined) operation.error = error;
  Object.assign(operation, {
    query: { operationName }, query_execution_time: ctx.rng.next() / 10, request_id: rid, request_mode: 'single',
    response_size: size, uncompressed_response_size: size, user_vars: { 'x-hasura-role': role },
  });
  return hasura(ctx, level, 'http-log', {
    http_info: { content_encoding: null, http_version: 'HTTP/1.1', ip: ctx.rng.privateIpv4(), method: 'POST', status: 200, url: '/v1/graphql' },
    operation, request_id: rid,
  });
}

const actionWebhook: Family = {
  name: `${SVC}:action-create-checkout-webhook-failed`, level: 'ERROR', perDay: [25, 80], burst: 0.3,
  emit: (ctx) => [{ stream: 'stdout', json: httpLog(ctx, 'error', 'CreateCheckout', 'customer', { code: 'unexpected', error: 'http exception when calling webhook', path: '$' }) }],
};

const uniqueOrder: Family = {
  name: `${SVC}:insert-order-uniqueness-violation`, level: 'ERROR', perDay: [20, 60],
  emit: (ctx) => [{
    stream: 'stdout',
    json: httpLog(ctx, 'error', 'InsertOrder', 'customer', { code: 'constraint-violation', error: 'Uniqueness violation. duplicate key value violates unique constraint "orders_external_ref_key"', path: '$.selectionSet.insert_orders_one.args.object' }),
  }],
};

/** The catalog migration at start cannot reach the database; the engine prints the error twice and exits. */
const startupFailed: Family = {
  name: `${SVC}:startup-postgres-connection-slots`, level: 'ERROR', perDay: [2, 6],
  emit: (ctx) => {
    const info = { code: 'postgres-error', error: 'connection error', internal: 'connection to server at "10.48.0.3", port 5432 failed: FATAL:  remaining connection slots are reserved for non-replication superuser connections\n', path: '$' };
    return [
      { stream: 'stdout', json: hasura(ctx, 'error', 'startup', { info, kind: 'catalog_migrate' }) },
      { stream: 'stdout', json: info },
      { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(1).', as: { family: `${SVC}:container-exit-1`, level: 'WARNING' } },
    ];
  },
};

const pgRetry: Family = {
  name: `${SVC}:pg-client-connection-retrying`, level: 'WARNING', perDay: [120, 260],
  emit: (ctx) => [{ stream: 'stdout', json: hasura(ctx, 'warn', 'pg-client', { message: `postgres connection failed, retrying(${ctx.rng.int(0, 4)}).` }) }],
};

const httpChatter: Family = {
  name: `noise:${SVC}:http-log`, level: 'INFO', perDay: [350, 650],
  emit: (ctx) => [{ stream: 'stdout', json: httpLog(ctx, 'info', ctx.rng.pick(['ProductList', 'CartItems', 'OrderHistory', 'Me']), ctx.rng.pick(['customer', 'anonymous']), undefined) }],
};

const startupChatter: Family = {
  name: `noise:${SVC}:startup`, level: 'INFO', perDay: [4, 12],
  emit: (ctx) => [
    { stream: 'stdout', json: hasura(ctx, 'info', 'startup', { info: { database_url: 'postgres://hasura:...@10.48.0.3:5432/shop', retries: 1 }, kind: 'postgres_connection' }) },
    { stream: 'stdout', json: hasura(ctx, 'info', 'startup', { info: 'starting API server, took 2.41s', kind: 'server' }) },
  ],
};

export const graphqlHasura: ServiceDef = {
  name: SVC, stack: 'Hasura GraphQL Engine v2.44, Cloud SQL for PostgreSQL 15', splitRate: 0.7,
  families: [actionWebhook, uniqueOrder, startupFailed, pgRetry, httpChatter, startupChatter],
};
