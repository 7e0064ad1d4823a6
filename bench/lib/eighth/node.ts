// Node services: a NestJS API on Nest's own ConsoleLogger, and an Apollo Server GraphQL gateway.
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import type { Prng } from '../prng.js';
import { epochMillis, isoMillis, nestTime } from './clock.js';

// ---- orders-nest: NestJS 10 on Node 20, TypeORM on Postgres -------------------------------------
// Nest's ConsoleLogger: `[Nest] PID  - DATE, TIME   LEVEL [Context] message`, the level padded to 7,
// coloured unless NO_COLOR is set (it is not on the morning revision: Nest colours even when stdout is
// not a terminal); ExceptionsHandler's `error(message, stack)` prints the stack on its own lines after
// the record. The afternoon revision sets `new ConsoleLogger({ json: true })` (Nest 11): one JSON object
// a record, `level`, `pid`, `timestamp` in epoch ms, `message`, `context`, and `stack` as an array.
// Headers as pasted in samgozman/short-fork#275 and NarHakobyan/awesome-nest-boilerplate#111.
type NestLevel = 'log' | 'warn' | 'error';
const NEST_COLOUR: Record<NestLevel, string> = { log: '32', warn: '33', error: '31' };
const c = (code: string, s: string): string => `\u001b[${code}m${s}\u001b[39m`;

/** The record, and on the text revision the stack as its own write after it (printStackTrace). */
function nest(t: number, rev: 0 | 1, level: NestLevel, context: string, message: string, stack?: string): Write[] {
  const stream = level === 'error' ? 'stderr' : 'stdout';
  if (rev === 1) {
    const json: Record<string, unknown> = { level, pid: 1, timestamp: epochMillis(t), message, context };
    if (stack !== undefined) json.stack = [stack];
    return [{ stream, json }];
  }
  const col = NEST_COLOUR[level];
  const head = `${c(col, '[Nest] 1  - ')}${nestTime(t)} ${c(col, level.toUpperCase().padStart(7, ' '))} ${c('33', `[${context}] `)}${c(col, message)}`;
  return stack === undefined ? [{ stream, text: head }] : [{ stream, text: head }, { stream, text: stack }];
}

const nestFrames = (rng: Prng, first: string[]): string =>
  [...first,
    '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    `    at async OrdersController.create (/app/dist/orders/orders.controller.js:${rng.pick([31, 32])}:24)`,
    '    at async /app/node_modules/@nestjs/core/router/router-execution-context.js:46:28',
    '    at async /app/node_modules/@nestjs/core/router/router-proxy.js:9:17'].join('\n');

export const ordersNest: ServiceDef = {
  name: 'orders-nest', stack: 'Node 20, NestJS 10 (Nest 11 JSON logger after the rollout), TypeORM, Postgres', splitRate: 0.75,
  families: [
    {
      // A line item without a product: the TypeError from the pricing step, Nest's default 500.
      name: 'orders-nest:price-lines-reading-sku', level: 'ERROR', perDay: [15, 40],
      emit: ({ rng, t, rev }) => {
        const msg = "Cannot read properties of undefined (reading 'sku')";
        return nest(t, rev, 'error', 'ExceptionsHandler', msg, nestFrames(rng, [
          `TypeError: ${msg}`,
          `    at /app/dist/orders/orders.service.js:48:37`,
          '    at Array.map (<anonymous>)',
          '    at OrdersService.priceLines (/app/dist/orders/orders.service.js:47:26)',
          '    at OrdersService.create (/app/dist/orders/orders.service.js:29:32)',
        ]));
      },
    },
    {
      // A retried POST with the same idempotency key: TypeORM's QueryFailedError from the insert.
      name: 'orders-nest:insert-duplicate-idempotency-key', level: 'ERROR', perDay: [10, 30],
      emit: ({ rng, t, rev }) => {
        const msg = 'duplicate key value violates unique constraint "orders_idempotency_key_key"';
        return nest(t, rev, 'error', 'ExceptionsHandler', msg, nestFrames(rng, [
          `QueryFailedError: ${msg}`,
          '    at PostgresQueryRunner.query (/app/node_modules/typeorm/driver/postgres/PostgresQueryRunner.js:219:19)',
          '    at InsertQueryBuilder.execute (/app/node_modules/typeorm/query-builder/InsertQueryBuilder.js:106:33)',
          '    at SubjectExecutor.executeInsertOperations (/app/node_modules/typeorm/persistence/SubjectExecutor.js:260:42)',
          '    at EntityPersistExecutor.execute (/app/node_modules/typeorm/persistence/EntityPersistExecutor.js:140:13)',
          `    at OrdersService.create (/app/dist/orders/orders.service.js:${rng.pick([36, 37])}:21)`,
        ]));
      },
    },
    {
      name: 'orders-nest:inventory-reservation-timeout', level: 'WARNING', perDay: [120, 300],
      emit: ({ rng, t, rev }) => nest(t, rev, 'warn', 'InventoryClient', `inventory reservation for order ${rng.int(10000, 99999)} timed out after 5000ms, retrying (attempt ${rng.int(2, 3)}/3)`),
    },
    {
      name: 'noise:orders-nest:order-placed', level: 'INFO', perDay: [300, 600],
      emit: ({ rng, t, rev }) => nest(t, rev, 'log', 'OrdersService', `order ${rng.int(10000, 99999)} placed (${rng.int(1, 9)} lines), error_count=0`),
    },
    {
      name: 'noise:orders-nest:startup', level: 'INFO', perDay: [4, 10],
      emit: ({ rng, t, rev }) => rng.pick([
        nest(t, rev, 'log', 'NestFactory', 'Starting Nest application...'),
        nest(t, rev, 'log', 'RoutesResolver', 'OrdersController {/orders}:'),
        nest(t, rev, 'log', 'RouterExplorer', 'Mapped {/orders, POST} route'),
        nest(t, rev, 'log', 'NestApplication', 'Nest application successfully started'),
      ]),
    },
  ],
};

// ---- graph-apollo: Apollo Server 4 on Express, RESTDataSource ----------------------------------
// The morning revision logs from a `didEncounterErrors` plugin with console.error(prefix, err): Node's
// util.inspect of a GraphQLError (its stack, then its own properties in braces). The afternoon
// revision writes Cloud Logging's structured JSON by hand (`severity`, `message`, the trace field), the
// pattern of Cloud Run's Node.js logging guide. Error texts: graphql-js's non-null error, RESTDataSource's
// `503: Service Unavailable` with `extensions.response` (apollographql/apollo-server#4431 for the
// extensions shape), graphql-depth-limit's `'Op' exceeds maximum operation depth of 10`.
const TRACE = (rng: Prng): string => `projects/harbor-lane-prod-2291/traces/${rng.hex(32)}`;

function gql(rng: Prng, t: number, rev: 0 | 1, severity: 'ERROR' | 'WARNING' | 'INFO', prefix: string, message: string, inspected: string | undefined, extra: Record<string, unknown>): Write {
  if (rev === 1) {
    return { stream: 'stdout', json: { severity, message: `${prefix} ${message}`, ...extra, 'logging.googleapis.com/trace': TRACE(rng), time: isoMillis(t) } };
  }
  return { stream: severity === 'INFO' ? 'stdout' : 'stderr', text: inspected === undefined ? `${prefix} ${message}` : `${prefix} ${inspected}` };
}

const execFrames = [
  '    at completeValue (/app/node_modules/graphql/execution/execute.js:594:13)',
  '    at /app/node_modules/graphql/execution/execute.js:486:9',
  '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
  '    at async Promise.all (index 0)',
  '    at async execute (/app/node_modules/@apollo/server/dist/cjs/requestPipeline.js:219:20)',
  '    at async processGraphQLRequest (/app/node_modules/@apollo/server/dist/cjs/requestPipeline.js:161:27)',
];

export const graphApollo: ServiceDef = {
  name: 'graph-apollo', stack: 'Node 20, Apollo Server 4, Express, RESTDataSource', splitRate: 0.7,
  families: [
    {
      name: 'graph-apollo:product-price-non-null', level: 'ERROR', perDay: [20, 50],
      emit: ({ rng, t, rev }) => {
        const msg = 'Cannot return null for non-nullable field Product.price.';
        const op = rng.pick(['ProductPage', 'CartDrawer', 'SearchResults']);
        const inspected = [`GraphQLError: ${msg}`, ...execFrames, ' {', "  path: [ 'product', 'price' ],", `  locations: [ { line: ${rng.int(3, 9)}, column: 5 } ],`, "  extensions: { code: 'INTERNAL_SERVER_ERROR' }", '}'].join('\n');
        return [gql(rng, t, rev, 'ERROR', `[graphql] ${op} failed:`, msg, inspected, { operationName: op, path: ['product', 'price'], code: 'INTERNAL_SERVER_ERROR', stack: [`GraphQLError: ${msg}`, ...execFrames].join('\n') })];
      },
    },
    {
      name: 'graph-apollo:reviews-api-503', level: 'ERROR', perDay: [10, 30],
      emit: ({ rng, t, rev }) => {
        const id = rng.int(1000, 99999);
        const url = `http://reviews.internal/v2/products/${id}/reviews?limit=${rng.pick([5, 10, 20])}`;
        const frames = [
          '    at ReviewsAPI.errorFromResponse (/app/node_modules/@apollo/datasource-rest/dist/RESTDataSource.js:185:16)',
          '    at ReviewsAPI.throwIfResponseIsError (/app/node_modules/@apollo/datasource-rest/dist/RESTDataSource.js:171:24)',
          '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
          '    at async ReviewsAPI.fetch (/app/node_modules/@apollo/datasource-rest/dist/RESTDataSource.js:260:17)',
          '    at async Object.reviews (/app/dist/resolvers/product.js:41:20)',
        ];
        const inspected = ['GraphQLError: 503: Service Unavailable', ...frames, ' {', `  path: [ 'product', 'reviews' ],`, '  locations: [ { line: 12, column: 5 } ],', '  extensions: {', "    code: 'INTERNAL_SERVER_ERROR',", '    response: {', `      url: '${url}',`, '      status: 503,', "      statusText: 'Service Unavailable',", "      body: 'upstream connect error or disconnect/reset before headers. reset reason: connection failure'", '    }', '  }', '}'].join('\n');
        return [gql(rng, t, rev, 'ERROR', '[graphql] ProductPage failed:', '503: Service Unavailable', inspected, { operationName: 'ProductPage', path: ['product', 'reviews'], code: 'INTERNAL_SERVER_ERROR', response: { url, status: 503, statusText: 'Service Unavailable' } })];
      },
    },
    {
      name: 'graph-apollo:operation-depth-exceeded', level: 'WARNING', perDay: [80, 200],
      emit: ({ rng, t, rev }) => {
        const op = rng.pick(['SearchResults', 'CategoryTree', 'RelatedProducts']);
        return [gql(rng, t, rev, 'WARNING', '[graphql] rejected operation:', `'${op}' exceeds maximum operation depth of 10`, undefined, { operationName: op, code: 'GRAPHQL_VALIDATION_FAILED' })];
      },
    },
    {
      name: 'noise:graph-apollo:operation-done', level: 'INFO', perDay: [300, 600],
      emit: ({ rng, t, rev }) => {
        const op = rng.pick(['ProductPage', 'CartDrawer', 'SearchResults', 'CategoryTree']);
        const ms = rng.int(8, 400);
        return [rev === 1
          ? { stream: 'stdout', json: { severity: 'INFO', message: `operation ${op} completed`, durationMs: ms, errors: 0, time: isoMillis(t) } }
          : { stream: 'stdout', text: `[graphql] ${op} completed in ${ms}ms (errors: 0)` }];
      },
    },
    {
      name: 'noise:graph-apollo:ready', level: 'INFO', perDay: [3, 8],
      emit: () => [{ stream: 'stdout', text: '🚀 Server ready at http://localhost:8080/graphql' }],
    },
  ] satisfies Family[],
};
