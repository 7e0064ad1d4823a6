// Elixir/Phoenix (Logger's default console format, Plug.Cowboy's crash report, Postgrex connection
// errors), NestJS (ConsoleLogger text with ANSI colours on the older revision, its JSON mode on the newer)
// and a Node service logging with Bunyan (numeric `level`, no `severity`).
import type { Ctx, Family, ServiceDef, Write } from './model.js';
import { ansi, clockMillis, isoMillis, nestTime } from './text.js';

// ---- realtime-ex: Elixir 1.17, Phoenix 1.7 ---------------------------------------------------------

const exHead = (ctx: Ctx, level: string, requestId: boolean): string =>
  `${clockMillis(ctx.t)} ${requestId ? `request_id=${ctx.rng.base64url(20)} ` : ''}[${level}]`;
const pid = (ctx: Ctx): string => `#PID<0.${ctx.rng.int(300, 9999)}.0>`;

const roomMissing: Family = {
  name: 'realtime-ex:room-no-results',
  level: 'ERROR',
  perDay: [15, 40],
  emit(ctx) {
    const id = ctx.rng.int(1, 99999);
    const text = [
      `${exHead(ctx, 'error', true)} ${pid(ctx)} running RealtimeWeb.Endpoint (connection ${pid(ctx)}, stream id ${ctx.rng.int(1, 9)}) terminated`,
      `Server: ${ctx.host}:80 (http)`,
      `Request: GET /api/rooms/${id}`,
      '** (exit) an exception was raised:',
      '    ** (Ecto.NoResultsError) expected at least one result but got none in query:',
      '',
      'from r0 in Realtime.Rooms.Room,',
      `  where: r0.id == ^${id}`,
      '',
      '        (ecto 3.12.4) lib/ecto/repo/queryable.ex:164: Ecto.Repo.Queryable.one!/3',
      '        (realtime 0.9.2) lib/realtime_web/controllers/room_controller.ex:21: RealtimeWeb.RoomController.show/2',
      '        (realtime 0.9.2) lib/realtime_web/controllers/room_controller.ex:1: RealtimeWeb.RoomController.action/2',
      '        (realtime 0.9.2) lib/realtime_web/controllers/room_controller.ex:1: RealtimeWeb.RoomController.phoenix_controller_pipeline/2',
      '        (phoenix 1.7.14) lib/phoenix/router.ex:484: Phoenix.Router.__call__/5',
      '        (realtime 0.9.2) lib/realtime_web/endpoint.ex:1: RealtimeWeb.Endpoint.plug_builder_call/2',
    ];
    return [{ stream: 'stdout', text: text.join('\n') }];
  },
};

const trackerCrash: Family = {
  name: 'realtime-ex:presence-tracker-key-error',
  level: 'ERROR',
  perDay: [5, 20],
  emit(ctx) {
    const keys = ['room_id', 'joined_at', 'device', 'typing', 'last_seen'].slice(0, ctx.rng.int(1, 5));
    const map = `%{${keys.map((k) => `${k}: ${k === 'room_id' ? ctx.rng.int(1, 9999) : k === 'typing' ? 'false' : `"${ctx.rng.alnum(6)}"`}`).join(', ')}}`;
    const text = [
      `${exHead(ctx, 'error', false)} GenServer Realtime.Presence.Tracker terminating`,
      `** (KeyError) key :user_id not found in: ${map}`,
      '    (realtime 0.9.2) lib/realtime/presence/tracker.ex:88: Realtime.Presence.Tracker.handle_cast/2',
      '    (stdlib 6.1.2) gen_server.erl:2371: :gen_server.try_handle_cast/3',
      '    (stdlib 6.1.2) gen_server.erl:2433: :gen_server.handle_msg/6',
      '    (stdlib 6.1.2) proc_lib.erl:329: :proc_lib.init_p_do_apply/3',
      `Last message: {:"$gen_cast", {:track, ${pid(ctx)}, ${map}}}`,
      `State: %{rooms: %{}, refs: ${ctx.rng.int(0, 400)}}`,
    ];
    return [{ stream: 'stdout', text: text.join('\n') }];
  },
};

const postgrexRefused: Family = {
  name: 'realtime-ex:postgrex-connect-refused',
  level: 'ERROR',
  perDay: [10, 40],
  burst: 0.4,
  emit(ctx) {
    return [{ stream: 'stdout', text: `${exHead(ctx, 'error', false)} Postgrex.Protocol (${pid(ctx)}) failed to connect: ** (DBConnection.ConnectionError) tcp connect (10.20.0.7:5432): connection refused - :econnrefused` }];
  },
};

const exWarn: Family = {
  name: 'realtime-ex:socket-payload-too-large',
  level: 'WARNING',
  perDay: [15, 50],
  emit(ctx) {
    return [{ stream: 'stdout', text: `${exHead(ctx, 'warning', ctx.rng.chance(0.5))} Ignoring socket message: payload of ${ctx.rng.int(65_537, 900_000)} bytes exceeds the 65536 byte limit` }];
  },
};

const exNoise: Family = {
  name: 'noise:realtime-ex:requests',
  level: 'INFO',
  perDay: [300, 450],
  emit(ctx) {
    const { rng } = ctx;
    const id = `request_id=${rng.base64url(20)}`;
    const path = rng.pick(['/api/rooms', `/api/rooms/${rng.int(1, 99999)}`, '/health']);
    return [
      { stream: 'stdout', text: `${clockMillis(ctx.t)} ${id} [info] GET ${path}` },
      { stream: 'stdout', text: `${clockMillis(ctx.t + rng.int(500, 40_000))} ${id} [info] Sent 200 in ${rng.int(1, 90)}ms` },
    ];
  },
};

export const realtimeEx: ServiceDef = {
  name: 'realtime-ex',
  stack: 'Elixir 1.17, Phoenix 1.7, Ecto 3.12',
  splitRate: 0.75,
  families: [roomMissing, trackerCrash, postgrexRefused, exWarn, exNoise],
};

// ---- orders-nest: NestJS 10 / 11 ------------------------------------------------------------------

const NEST_COLOUR: Record<string, string> = { ERROR: '31', WARN: '33', LOG: '32' };

/** ConsoleLogger: `[Nest] pid  - time   LEVEL [Context] message` (colours on), or its `json: true` mode. */
function nest(ctx: Ctx, level: 'ERROR' | 'WARN' | 'LOG', context: string, message: string, stack?: string): Write {
  if (ctx.rev === 1) {
    const j: Record<string, unknown> = { level: level === 'LOG' ? 'log' : level.toLowerCase(), pid: 1, timestamp: Math.floor(ctx.t / 1000), message, context };
    if (stack) j.stack = [stack];
    return { stream: level === 'ERROR' ? 'stderr' : 'stdout', json: j };
  }
  const c = NEST_COLOUR[level] ?? '0';
  const head = `${ansi(c, '[Nest] 1  - ')}${nestTime(ctx.t)} ${ansi(c, level.padStart(7))} ${ansi('33', `[${context}]`)} ${ansi(c, message)}`;
  const delta = ctx.rng.chance(0.5) ? ` ${ansi('33', `+${ctx.rng.int(0, 900)}ms`)}` : '';
  return { stream: level === 'ERROR' ? 'stderr' : 'stdout', text: stack ? `${head}${delta}\n${stack}` : `${head}${delta}` };
}

const skuUndefined: Family = {
  name: 'orders-nest:price-line-undefined-sku',
  level: 'ERROR',
  perDay: [15, 45],
  emit(ctx) {
    const msg = "Cannot read properties of undefined (reading 'sku')";
    const stack = [
      `TypeError: ${msg}`,
      '    at OrdersService.priceLine (/app/dist/orders/orders.service.js:88:31)',
      '    at Array.map (<anonymous>)',
      '    at OrdersService.quote (/app/dist/orders/orders.service.js:61:38)',
      '    at OrdersController.create (/app/dist/orders/orders.controller.js:34:41)',
      '    at /app/node_modules/@nestjs/core/router/router-execution-context.js:38:29',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)',
    ].join('\n');
    return [nest(ctx, 'ERROR', 'ExceptionsHandler', msg, stack)];
  },
};

const prismaUnique: Family = {
  name: 'orders-nest:order-create-unique-idempotency-key',
  level: 'ERROR',
  perDay: [8, 30],
  emit(ctx) {
    const line = ctx.rng.int(30, 32);
    const msg = [
      '',
      'Invalid `this.prisma.order.create()` invocation in',
      `/app/dist/orders/orders.repository.js:${line}:38`,
      '',
      '  28     }',
      '  29     async create(data) {',
      `→ 30         return this.prisma.order.create(`,
      'Unique constraint failed on the fields: (`idempotency_key`)',
    ].join('\n');
    const stack = `PrismaClientKnownRequestError: ${msg}\n    at In.handleRequestError (/app/node_modules/@prisma/client/runtime/library.js:121:7315)\n    at In.handleAndLogRequestError (/app/node_modules/@prisma/client/runtime/library.js:121:6623)\n    at async OrdersRepository.create (/app/dist/orders/orders.repository.js:${line}:20)\n    at async OrdersService.place (/app/dist/orders/orders.service.js:102:23)`;
    return [nest(ctx, 'ERROR', 'ExceptionsHandler', msg, stack)];
  },
};

const paymentsSlow: Family = {
  name: 'orders-nest:payments-retry',
  level: 'WARNING',
  perDay: [20, 70],
  emit(ctx) {
    const a = ctx.rng.int(1, 3);
    return [nest(ctx, 'WARN', 'PaymentsClient', `payment provider slow, retrying (attempt ${a}/3) after ${a * 500}ms`)];
  },
};

const nestNoise: Family = {
  name: 'noise:orders-nest:log',
  level: 'INFO',
  perDay: [200, 350],
  emit(ctx) {
    const { rng } = ctx;
    return [rng.chance(0.85)
      ? nest(ctx, 'LOG', 'OrdersController', `order ${rng.uuid()} created total=${rng.fixed(5, 900, 2)} errors=0`)
      : nest(ctx, 'LOG', 'RouterExplorer', `Mapped {/api/orders/:id/cancel, POST} route`)];
  },
};

export const ordersNest: ServiceDef = {
  name: 'orders-nest',
  stack: 'Node 22, NestJS 10 / 11 ConsoleLogger, Prisma 5',
  splitRate: 0.7,
  families: [skuUndefined, prismaUnique, paymentsSlow, nestNoise],
};

// ---- cart-bunyan: Node 22, restify + Bunyan -------------------------------------------------------

function bunyan(ctx: Ctx, level: number, msg: string, extra: Record<string, unknown>): Write {
  return { stream: 'stdout', json: { name: 'cart', hostname: `localhost`, pid: 1, level, ...extra, msg, time: isoMillis(ctx.t), v: 0 } };
}

const redisTimeout: Family = {
  name: 'cart-bunyan:redis-command-timeout',
  level: 'ERROR',
  perDay: [15, 50],
  burst: 0.3,
  emit(ctx) {
    const key = `cart:${ctx.rng.uuid()}`;
    const message = 'Command timed out';
    return [bunyan(ctx, 50, 'failed to load cart', {
      req_id: ctx.rng.uuid(), cartKey: key,
      err: { message, name: 'Error', stack: `Error: ${message}\n    at Timeout._onTimeout (/app/node_modules/ioredis/built/Command.js:192:33)\n    at listOnTimeout (node:internal/timers:594:17)\n    at process.processTimers (node:internal/timers:529:7)` },
    })];
  },
};

const checkoutValidation: Family = {
  name: 'cart-bunyan:checkout-stale-price',
  level: 'WARNING',
  perDay: [20, 60],
  emit(ctx) {
    const n = ctx.rng.int(1, 4);
    const items = Array.from({ length: n }, () => `SKU-${ctx.rng.upperAlnum(6)}`);
    return [bunyan(ctx, 40, `checkout rejected: stale prices for ${items.join(', ')}`, { req_id: ctx.rng.uuid(), items: n })];
  },
};

const uncaught: Family = {
  name: 'cart-bunyan:uncaught-coupon-null',
  level: 'CRITICAL',
  perDay: [2, 6],
  emit(ctx) {
    const msg = "Cannot read properties of null (reading 'percentOff')";
    return [{ stream: 'stderr', text: [
      '/app/lib/coupons.js:47',
      '  const off = coupon.percentOff / 100;',
      '                     ^',
      '',
      `TypeError: ${msg}`,
      '    at applyCoupon (/app/lib/coupons.js:47:22)',
      '    at Object.total (/app/lib/cart.js:88:15)',
      '    at /app/routes/checkout.js:31:28',
      '',
      'Node.js v22.11.0',
    ].join('\n') }];
  },
};

const cartNoise: Family = {
  name: 'noise:cart-bunyan:info',
  level: 'INFO',
  perDay: [250, 400],
  emit(ctx) {
    const { rng } = ctx;
    return [bunyan(ctx, 30, rng.pick(['handled: 200', 'cart saved', 'handled: 204']), { req_id: rng.uuid(), latency: rng.int(1, 300), err: null })];
  },
};

export const cartBunyan: ServiceDef = {
  name: 'cart-bunyan',
  stack: 'Node 22, restify, Bunyan, ioredis',
  splitRate: 0.7,
  families: [redisTimeout, checkoutValidation, uncaught, cartNoise],
};
