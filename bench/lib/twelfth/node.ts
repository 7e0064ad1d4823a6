// accounts-adonis: Node 20, AdonisJS 6 (its logger is pino), Lucid on knex and pg, axios for webhooks.
// The morning revision keeps pino's defaults (`level` 30/40/50, `time` in epoch ms, `msg`), the later
// one the site's Cloud Logging config (`formatters.level` giving the label and a `severity`,
// `messageKey: 'message'`, ISO time). Errors under the nested `err` (pino's serializer: type, message,
// stack and the error's own fields).
// storefront-remix: Node 20, Remix 2 on Express, Sequelize 6 on pg, morgan. The server's handleError
// does `console.error(error)`: Node's inspection of a Sequelize error, the stack then the error's own
// fields (`parent:`, `sql:`, pg's `severity: 'ERROR'`) on lines of their own. The later revision adds
// a prefix to that line and moves morgan from `combined` to `tiny`.
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { clf, epochMillis, isoMillis } from './clock.js';

const PINO_LEVEL = { info: 30, warn: 40, error: 50 } as const;
type PinoLevel = keyof typeof PINO_LEVEL;

function pino(rng: Prng, t: number, rev: 0 | 1, level: PinoLevel, msg: string, fields: Record<string, unknown> = {}): Write {
  const requestId = rng.alnum(21);
  if (rev === 0) {
    return { stream: 'stdout', json: { level: PINO_LEVEL[level], time: epochMillis(t), pid: 1, hostname: 'localhost', request_id: requestId, ...fields, msg } };
  }
  return { stream: 'stdout', json: { severity: level === 'warn' ? 'WARNING' : level.toUpperCase(), level, time: isoMillis(t), pid: 1, hostname: 'localhost', request_id: requestId, ...fields, message: msg } };
}

const axiosStack = (status: number): string => [
  `AxiosError: Request failed with status code ${status}`,
  '    at settle (file:///app/node_modules/axios/lib/core/settle.js:19:12)',
  '    at IncomingMessage.handleStreamEnd (file:///app/node_modules/axios/lib/adapters/http.js:599:11)',
  '    at IncomingMessage.emit (node:events:531:35)',
  '    at endReadableNT (node:internal/streams/readable:1696:12)',
  '    at process.processTicksAndRejections (node:internal/process/task_queues:82:21)',
  '    at async WebhookDispatcher.deliver (file:///app/build/app/services/webhook_dispatcher.js:48:9)',
].join('\n');

export const accountsAdonis: ServiceDef = {
  name: 'accounts-adonis', stack: 'Node 20, AdonisJS 6, pino, Lucid (knex, pg), axios', splitRate: 0.7,
  families: [
    {
      // The error under `err`, the message only says what the app was doing.
      name: 'accounts-adonis:webhook-delivery-503', level: 'ERROR', perDay: [10, 30], burst: 0.2,
      emit: ({ rng, t, rev }) => [pino(rng, t, rev, 'error', 'webhook delivery failed', {
        webhook_id: rng.int(100, 9999), url: `https://hooks.${rng.pick(['acme-crm', 'northwind', 'globex'])}.example/v1/events`,
        err: { type: 'AxiosError', message: 'Request failed with status code 503', stack: axiosStack(503), code: 'ERR_BAD_RESPONSE', status: 503 },
      })],
    },
    {
      // Adonis's exception handler reports with the error's message; knex puts the SQL in front of it.
      name: 'accounts-adonis:session-token-duplicate', level: 'ERROR', perDay: [6, 20],
      emit: ({ rng, t, rev }) => {
        const msg = 'insert into "sessions" ("created_at", "expires_at", "token", "user_id") values ($1, $2, $3, $4) returning "id" - duplicate key value violates unique constraint "sessions_token_unique"';
        return [pino(rng, t, rev, 'error', msg, {
          err: {
            type: 'DatabaseError', message: msg,
            stack: `error: ${msg}\n    at Parser.parseErrorMessage (/app/node_modules/pg-protocol/dist/parser.js:283:98)\n    at Parser.handlePacket (/app/node_modules/pg-protocol/dist/parser.js:122:29)\n    at Socket.<anonymous> (/app/node_modules/pg-protocol/dist/index.js:11:42)`,
            length: 236, name: 'error', severity: 'ERROR', code: '23505', detail: `Key (token)=(${rng.hex(40)}) already exists.`,
            schema: 'public', table: 'sessions', constraint: 'sessions_token_unique', file: 'nbtinsert.c', line: '666', routine: '_bt_check_unique',
          },
        })];
      },
    },
    {
      name: 'accounts-adonis:account-row-not-found', level: 'WARNING', perDay: [50, 130],
      emit: ({ rng, t, rev }) => [pino(rng, t, rev, 'warn', 'Row not found', {
        err: { type: 'Exception', message: 'Row not found', stack: 'Exception: Row not found\n    at ModelQueryBuilder.firstOrFail (/app/node_modules/@adonisjs/lucid/build/src/orm/query_builder/index.js:343:19)\n    at async AccountsController.show (file:///app/build/app/controllers/accounts_controller.js:21:25)', status: 404, code: 'E_ROW_NOT_FOUND' },
        url: `/api/accounts/${rng.int(1000, 99999)}`,
      })],
    },
    {
      name: 'noise:accounts-adonis:session', level: 'INFO', perDay: [180, 400],
      emit: ({ rng, t, rev }) => [pino(rng, t, rev, 'info', 'session refreshed', { user_id: rng.int(1, 90000) })],
    },
    {
      name: 'noise:accounts-adonis:mail-queue', level: 'INFO', perDay: [20, 60],
      emit: ({ rng, t, rev }) => [pino(rng, t, rev, 'info', 'mail queue drained', { sent: rng.int(0, 80), failed: 0, errors: [] })],
    },
  ],
};

// ---- storefront-remix ----

function handleError(rev: 0 | 1, method: string, path: string, inspected: string): string {
  return rev === 0 ? inspected : `[remix] ${method} ${path} failed: ${inspected}`;
}

const SQ = '/app/node_modules/sequelize/lib';

function deadlock(rng: Prng): string {
  const cart = rng.int(1000, 999999);
  const sql = `UPDATE "cart_items" SET "quantity"=$1,"updatedAt"=$2 WHERE "cartId" = $3 AND "sku" = $4`;
  const pgErr = (indent: string): string => [
    'error: deadlock detected',
    `${indent}    at Parser.parseErrorMessage (/app/node_modules/pg-protocol/dist/parser.js:283:98)`,
    `${indent}    at Parser.handlePacket (/app/node_modules/pg-protocol/dist/parser.js:122:29)`,
    `${indent}    at Socket.<anonymous> (/app/node_modules/pg-protocol/dist/index.js:11:42) {`,
    `${indent}  length: 310,`,
    `${indent}  severity: 'ERROR',`,
    `${indent}  code: '40P01',`,
    `${indent}  detail: 'Process ${rng.int(100, 9999)} waits for ShareLock on transaction ${rng.int(100000, 999999)}; blocked by process ${rng.int(100, 9999)}.',`,
    `${indent}  hint: 'See server log for query details.',`,
    `${indent}  where: 'while updating tuple (${rng.int(0, 99)},${rng.int(1, 60)}) in relation "cart_items"',`,
    `${indent}  routine: 'DeadLockReport',`,
    `${indent}  sql: '${sql}',`,
    `${indent}  parameters: [ ${rng.int(1, 5)}, '2026-12-04 ${String(rng.int(0, 23)).padStart(2, '0')}:12:09.115 +00:00', ${cart}, 'SKU-${rng.upperAlnum(6)}' ]`,
    `${indent}}`,
  ].join('\n');
  return [
    'DatabaseError [SequelizeDatabaseError]: deadlock detected',
    `    at Query.formatError (${SQ}/dialects/postgres/query.js:386:16)`,
    `    at Query.run (${SQ}/dialects/postgres/query.js:87:18)`,
    '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    `    at async ${SQ}/sequelize.js:619:16`,
    `    at async PostgresQueryInterface.bulkUpdate (${SQ}/dialects/abstract/query-interface.js:392:12)`,
    `    at async CartItem.update (${SQ}/model.js:1990:28)`,
    '    at async action (/app/build/server/index.js:1288:5) {',
    `  parent: ${pgErr('  ')},`,
    `  original: ${pgErr('  ')},`,
    `  sql: '${sql}',`,
    '  parameters: undefined',
    '}',
  ].join('\n');
}

const acquireTimeout = (): string => [
  'ConnectionAcquireTimeoutError [SequelizeConnectionAcquireTimeoutError]: Operation timeout',
  `    at ConnectionManager.getConnection (${SQ}/dialects/abstract/connection-manager.js:180:15)`,
  '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
  `    at async ${SQ}/sequelize.js:305:26`,
  `    at async PostgresQueryInterface.select (${SQ}/dialects/abstract/query-interface.js:407:12)`,
  `    at async Product.findAll (${SQ}/model.js:1140:21)`,
  '    at async loader (/app/build/server/index.js:512:20) {',
  '  parent: TimeoutError: Operation timeout',
  '      at Timeout._onTimeout (/app/node_modules/sequelize-pool/lib/Deferred.js:16:27)',
  '      at listOnTimeout (node:internal/timers:581:17)',
  '      at process.processTimers (node:internal/timers:519:7),',
  '  original: TimeoutError: Operation timeout',
  '      at Timeout._onTimeout (/app/node_modules/sequelize-pool/lib/Deferred.js:16:27)',
  '      at listOnTimeout (node:internal/timers:581:17)',
  '      at process.processTimers (node:internal/timers:519:7)',
  '}',
].join('\n');

const remixErrors: Family[] = [
  {
    name: 'storefront-remix:cart-update-deadlock', level: 'ERROR', perDay: [8, 25], burst: 0.3,
    emit: ({ rng, rev }) => [{ stream: 'stderr', text: handleError(rev, 'POST', '/cart', deadlock(rng)) }],
  },
  {
    name: 'storefront-remix:products-acquire-timeout', level: 'ERROR', perDay: [8, 25], burst: 0.4,
    emit: ({ rng, rev }) => [{ stream: 'stderr', text: handleError(rev, 'GET', `/products/${rng.pick(['tents', 'stoves', 'packs'])}`, acquireTimeout()) }],
  },
  {
    // Node's default warning handler; the hint line only follows a process's first warning.
    name: 'storefront-remix:event-emitter-leak', level: 'WARNING', perDay: [40, 110],
    emit: ({ rng }) => {
      const head = `(node:1) MaxListenersExceededWarning: Possible EventEmitter memory leak detected. ${rng.int(11, 40)} close listeners added to [TLSSocket]. Use emitter.setMaxListeners() to increase limit`;
      return [{ stream: 'stderr', text: rng.chance(0.2) ? `${head}\n(Use \`node --trace-warnings ...\` to show where the warning was created)` : head }];
    },
  },
];

export const storefrontRemix: ServiceDef = {
  name: 'storefront-remix', stack: 'Node 20, Remix 2 on Express 4, Sequelize 6 (pg), morgan', splitRate: 0.8,
  families: [
    ...remixErrors,
    {
      name: 'noise:storefront-remix:access', level: 'INFO', perDay: [250, 500],
      emit: ({ rng, t, rev }) => {
        const [m, p] = rng.pick<[string, string]>([['GET', '/'], ['GET', '/products/tents'], ['POST', '/cart'], ['GET', '/cart']]);
        const s = rng.weighted([[200, 40], [302, 6], [500, 1]] as const);
        const len = rng.int(300, 40000);
        return [{ stream: 'stdout', text: rev === 0
          ? `169.254.1.1 - - [${clf(t)}] "${m} ${p} HTTP/1.1" ${s} ${len} "-" "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X)"`
          : `${m} ${p} ${s} ${len} - ${rng.fixed(1, 400, 3)} ms` }];
      },
    },
    {
      name: 'noise:storefront-remix:build', level: 'INFO', perDay: [4, 12],
      emit: ({ rng }) => [{ stream: 'stdout', text: rng.pick(['[remix-express] http://localhost:8080 (http://169.254.8.1:8080)', `cache warmup: ${rng.int(100, 900)} products, 0 errors`]) }],
    },
  ],
};
