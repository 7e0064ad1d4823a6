// Node services: Express 4 with morgan and Prisma 5 (morgan `dev` and Express's default error handler
// printing `err.stack` on the morning revision; morgan `combined` and an error middleware writing one
// JSON line after), and a gRPC server on @grpc/grpc-js (console on the morning revision, Cloud Run's
// structured JSON with `severity` after).
import type { Prng } from '../prng.js';
import type { Ctx, Family, ServiceDef, Write } from '../stranger/model.js';
import { clf, isoMillis } from './clock.js';

const NODE = 'Node.js v20.18.1';
const PRISMA_RT = '/app/node_modules/@prisma/client/runtime/library.js';

// ---- orders-express -----------------------------------------------------------------------------

const prismaFrames = (site: string): string[] => [
  `    at $n.handleRequestError (${PRISMA_RT}:121:7315)`,
  `    at $n.handleAndLogRequestError (${PRISMA_RT}:121:6623)`,
  `    at $n.request (${PRISMA_RT}:121:6307)`,
  `    at async l (${PRISMA_RT}:130:9633)`,
  `    at async ${site}`,
];

interface PrismaErr { code: string; invocation: string; site: string; source: string[]; message: string; meta?: Record<string, unknown> }

/** Prisma's message: `\nInvalid \`prisma.x.y()\` invocation in\nfile:line:col\n\n  code frame\nreason`. */
const prismaMessage = (e: PrismaErr): string => `\nInvalid \`${e.invocation}\` invocation in\n${e.site}\n\n${e.source.join('\n')}\n${e.message}`;

/** Express's default handler prints `err.stack`; the morning revision has nothing else. The later one's
 * error middleware writes the error's fields as one JSON line. */
function expressError(ctx: Ctx, e: PrismaErr, method: string, path: string): Write {
  if (ctx.rev === 0) return { stream: 'stderr', text: `PrismaClientKnownRequestError: ${prismaMessage(e)}\n${prismaFrames(e.site).join('\n')}` };
  return {
    stream: 'stdout',
    json: {
      level: 'error', time: isoMillis(ctx.t), msg: 'request failed', method, path,
      err: { name: 'PrismaClientKnownRequestError', code: e.code, clientVersion: '5.22.0', meta: e.meta ?? {}, message: prismaMessage(e) },
    },
  };
}

const createSource = [
  '  54 router.post(\'/\', async (req, res, next) => {',
  '  55   try {',
  '  56     const data = parseOrder(req.body);',
  '→ 57     const order = await prisma.order.create(',
];

const ordersUnique: Family = {
  name: 'orders-express:order-create-unique-idempotency-key', level: 'ERROR', perDay: [10, 40], burst: 0.2,
  emit: (ctx) => [expressError(ctx, {
    code: 'P2002', invocation: 'prisma.order.create()', site: '/app/dist/routes/orders.js:57:40', source: createSource,
    message: 'Unique constraint failed on the fields: (`idempotency_key`)', meta: { modelName: 'Order', target: ['idempotency_key'] },
  }, 'POST', '/api/orders')],
};

const poolTimeout = (rng: Prng): string => `Timed out fetching a new connection from the connection pool. More info: http://pris.ly/d/connection-pool (Current connection pool timeout: 10, connection limit: ${rng.pick([5, 9, 17])})`;

const ordersPoolCreate: Family = {
  name: 'orders-express:order-create-pool-timeout', level: 'ERROR', perDay: [5, 20], burst: 0.4,
  emit: (ctx) => [expressError(ctx, { code: 'P2024', invocation: 'prisma.order.create()', site: '/app/dist/routes/orders.js:57:40', source: createSource, message: poolTimeout(ctx.rng), meta: { modelName: 'Order', connection_limit: 9, timeout: 10 } }, 'POST', '/api/orders')],
};

// The same pool timeout from the listing route: another operation, another problem.
const ordersPoolList: Family = {
  name: 'orders-express:order-list-pool-timeout', level: 'ERROR', perDay: [5, 20], burst: 0.4,
  emit: (ctx) => [expressError(ctx, {
    code: 'P2024', invocation: 'prisma.order.findMany()', site: '/app/dist/routes/orders.js:23:44',
    source: ['  20 router.get(\'/\', async (req, res, next) => {', '  21   try {', '  22     const { cursor, take } = pageOf(req.query);', '→ 23     const orders = await prisma.order.findMany('],
    message: poolTimeout(ctx.rng), meta: { modelName: 'Order', connection_limit: 9, timeout: 10 },
  }, 'GET', '/api/orders')],
};

const ordersCantReach: Family = {
  name: 'orders-express:prisma-cannot-reach-database', level: 'CRITICAL', perDay: [1, 3],
  emit: (ctx) => {
    const ip = `10.${ctx.rng.int(20, 40)}.0.3`;
    return [
      {
        stream: 'stderr', text: [
          `${PRISMA_RT}:111`,
          '            throw new PrismaClientInitializationError(e.message, this.config.clientVersion, e.error_code);',
          '            ^',
          '',
          `PrismaClientInitializationError: Can't reach database server at \`${ip}:5432\``,
          '',
          `Please make sure your database server is running at \`${ip}:5432\`.`,
          `    at $n.start (${PRISMA_RT}:111:12226)`,
          '    at async main (/app/dist/server.js:14:3) {',
          '  clientVersion: \'5.22.0\',',
          '  errorCode: \'P1001\'',
          '}',
          '',
          NODE,
        ].join('\n'),
      },
      { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(1).', as: { family: 'orders-express:container-exit', level: 'WARNING' } },
    ];
  },
};

const ordersStockSlow: Family = {
  name: 'orders-express:stock-reservation-slow', level: 'WARNING', perDay: [80, 200],
  emit: (ctx) => {
    const ms = ctx.rng.int(1100, 6000);
    const sku = ctx.rng.upperAlnum(8);
    if (ctx.rev === 0) return [{ stream: 'stderr', text: `[orders] WARN stock reservation slow: ${ms}ms for sku ${sku} (budget 1000ms)` }];
    return [{ stream: 'stdout', json: { level: 'warn', time: isoMillis(ctx.t), msg: 'stock reservation slow', sku, ms, budgetMs: 1000 } }];
  },
};

const ordersMorgan: Family = {
  name: 'noise:orders-express:morgan', level: 'INFO', perDay: [400, 800],
  emit: (ctx) => {
    const status = ctx.rng.weighted([[200, 20], [201, 6], [409, 1], [500, 1]] as const);
    const method = status === 200 ? 'GET' : 'POST';
    const len = ctx.rng.int(20, 4000);
    if (ctx.rev === 0) return [{ stream: 'stdout', text: `${method} /api/orders ${status} ${ctx.rng.fixed(2, 900, 3)} ms - ${len}` }];
    return [{ stream: 'stdout', text: `169.254.${ctx.rng.int(1, 8)}.${ctx.rng.int(1, 254)} - - [${clf(ctx.t)}] "${method} /api/orders HTTP/1.1" ${status} ${len} "-" "okhttp/4.12.0"` }];
  },
};

const ordersSync: Family = {
  name: 'noise:orders-express:sync', level: 'INFO', perDay: [100, 200],
  emit: (ctx) => {
    const pushed = ctx.rng.int(0, 80);
    if (ctx.rev === 0) return [{ stream: 'stdout', text: `[orders] orders synced to ledger: ${pushed} pushed, 0 errors` }];
    return [{ stream: 'stdout', json: { level: 'info', time: isoMillis(ctx.t), msg: 'orders synced to ledger', pushed, errors: 0, error: null } }];
  },
};

export const ordersExpress: ServiceDef = {
  name: 'orders-express', stack: 'Node 20, Express 4.21, morgan, Prisma 5.22, PostgreSQL', splitRate: 0.75,
  families: [ordersUnique, ordersPoolCreate, ordersPoolList, ordersCantReach, ordersStockSlow, ordersMorgan, ordersSync],
};

// ---- rpc-grpcjs ---------------------------------------------------------------------------------

const GRPC = '/app/node_modules/@grpc/grpc-js/build/src';
const grpcClientFrames = [
  `    at callErrorFromStatus (${GRPC}/call.js:31:19)`,
  `    at Object.onReceiveStatus (${GRPC}/client.js:193:76)`,
  `    at Object.onReceiveStatus (${GRPC}/client-interceptors.js:360:141)`,
  `    at Object.onReceiveStatus (${GRPC}/client-interceptors.js:323:181)`,
  `    at ${GRPC}/resolving-call.js:129:78`,
  '    at process.processTicksAndRejections (node:internal/process/task_queues:77:11)',
  'for call at',
  `    at ServiceClientImpl.makeUnaryRequest (${GRPC}/client.js:161:32)`,
  `    at ServiceClientImpl.<anonymous> (${GRPC}/make-client.js:105:19)`,
];

/** A grpc-js client error as `console.error(prefix, err)` prints it: stack, then its own fields. */
function grpcError(code: number, name: string, details: string, site: string): string {
  return [
    `Error: ${code} ${name}: ${details}`,
    ...grpcClientFrames,
    `    at ${site}`,
    '    at Server.handleUnary (/app/node_modules/@grpc/grpc-js/build/src/server.js:1283:9) {',
    `  code: ${code},`,
    `  details: '${details}',`,
    '  metadata: Metadata { internalRepr: Map(0) {}, options: {} }',
    '}',
  ].join('\n');
}

function rpcLog(ctx: Ctx, level: 'INFO' | 'WARNING' | 'ERROR', msg: string, method: string, extra: Record<string, unknown> = {}): Write {
  if (ctx.rev === 0) return { stream: level === 'INFO' ? 'stdout' : 'stderr', text: msg };
  return { stream: 'stdout', json: { severity: level, message: msg, 'grpc.method': method, 'logging.googleapis.com/trace': `projects/quayside-prod-2291/traces/${ctx.rng.hex(32)}`, ...extra } };
}

const rpcReserveUnavailable: Family = {
  name: 'rpc-grpcjs:reserve-pricing-unavailable', level: 'ERROR', perDay: [8, 30], burst: 0.35,
  emit: (ctx) => {
    const details = `No connection established. Last error: connect ECONNREFUSED 10.8.${ctx.rng.int(0, 9)}.5:50051 (${isoMillis(ctx.t - ctx.rng.int(1000, 900_000))})`;
    const err = grpcError(14, 'UNAVAILABLE', details, 'StockService.reserve (/app/dist/stock/reserve.js:41:30)');
    if (ctx.rev === 0) return [{ stream: 'stderr', text: `Reserve failed ${err}` }];
    return [rpcLog(ctx, 'ERROR', `Reserve failed: 14 UNAVAILABLE: ${details}`, '/inventory.v1.Stock/Reserve', { stack: err.split('\n  code:')[0]?.replace(/ \{$/, ''), code: 14 })];
  },
};

const rpcQuoteDeadline: Family = {
  name: 'rpc-grpcjs:quote-deadline-degraded', level: 'WARNING', perDay: [100, 240],
  emit: (ctx) => {
    const msg = `quote degraded, using list price: 4 DEADLINE_EXCEEDED: Deadline exceeded after ${ctx.rng.fixed(0.5, 0.6, 3)}s,LB pick: 0.000s,remote_addr=10.8.${ctx.rng.int(0, 9)}.5:50051`;
    return [ctx.rev === 0 ? { stream: 'stderr', text: `WARN ${msg}` } : rpcLog(ctx, 'WARNING', msg, '/inventory.v1.Stock/Quote')];
  },
};

// Node prints its own warnings on stderr whatever the app's logger is.
const rpcMaxListeners: Family = {
  name: 'rpc-grpcjs:maxlisteners-leak-warning', level: 'WARNING', perDay: [4, 15],
  emit: (ctx) => [{ stream: 'stderr', text: `(node:1) MaxListenersExceededWarning: Possible EventEmitter memory leak detected. ${ctx.rng.int(11, 40)} cancelled listeners added to [ServerHttp2Stream]. Use emitter.setMaxListeners() to increase limit\n(Use \`node --trace-warnings ...\` to show where the warning was created)` }],
};

const rpcUnhandled: Family = {
  name: 'rpc-grpcjs:unhandled-rst-stream', level: 'CRITICAL', perDay: [1, 4],
  emit: () => [
    {
      stream: 'stderr', text: [
        'node:internal/process/promises:391',
        '    triggerUncaughtException(err, true /* fromPromise */);',
        '    ^',
        '',
        grpcError(13, 'INTERNAL', 'Received RST_STREAM with code 2 (Internal server error)', 'LedgerSync.flush (/app/dist/ledger/sync.js:77:22)'),
        '',
        NODE,
      ].join('\n'),
    },
    { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(1).', as: { family: 'rpc-grpcjs:container-exit', level: 'WARNING' } },
  ],
};

const rpcServed: Family = {
  name: 'noise:rpc-grpcjs:served', level: 'INFO', perDay: [400, 800],
  emit: (ctx) => {
    const method = ctx.rng.pick(['Reserve', 'Quote', 'Release']);
    const ms = ctx.rng.int(1, 200);
    if (ctx.rev === 0) return [{ stream: 'stdout', text: `served ${method} in ${ms}ms (OK) errors=0` }];
    return [rpcLog(ctx, 'INFO', 'call finished', `/inventory.v1.Stock/${method}`, { 'grpc.code': 'OK', 'grpc.time_ms': ms, errors: 0 })];
  },
};

export const rpcGrpcjs: ServiceDef = {
  name: 'rpc-grpcjs', stack: 'Node 20, @grpc/grpc-js 1.12, protobufjs', splitRate: 0.7,
  families: [rpcReserveUnavailable, rpcQuoteDeadline, rpcMaxListeners, rpcUnhandled, rpcServed],
};
