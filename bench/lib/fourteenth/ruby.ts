// orders-semantic: Rails 7.2 on Puma 6 (Ruby 3.3) with rails_semantic_logger 4.17 and Active Job on the
// async adapter. semantic_logger's default text formatter (`time level-letter [pid:thread] {named tags}
// (duration) Name -- message -- payload -- Exception: Class: message` and the backtrace on the lines after)
// on the morning revision; `config.rails_semantic_logger.format = :json` after the rollout (`level`,
// `name`, `message`, `payload`, `exception` with `stack_trace` as an array). An unhandled exception is
// logged by ActionDispatch at fatal.
import type { Ctx, Family, ServiceDef } from '../stranger/model.js';
import { dotMicros, isoMicros } from './clock.js';

const SVC = 'orders-semantic';
const GEMS = '/usr/local/bundle/ruby/3.3.0/gems';
const LETTER: Record<string, string> = { debug: 'D', info: 'I', warn: 'W', error: 'E', fatal: 'F' };
const INDEX: Record<string, number> = { debug: 1, info: 2, warn: 3, error: 4, fatal: 5 };

interface Rec {
  level: string;
  name: string;
  message?: string;
  payload?: Record<string, unknown>;
  durationMs?: number;
  exception?: { name: string; message: string; backtrace: string[] };
  tags?: string[];
}

const rubyInspect = (v: unknown): string => {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null) return 'nil';
  return String(v);
};

function semantic(ctx: Ctx, r: Rec): { stream: 'stdout'; text?: string; json?: Record<string, unknown> } {
  const thread = `puma srv tp 00${ctx.rng.int(1, 5)}`;
  const requestId = ctx.rng.uuid();
  if (ctx.rev === 0) {
    let line = `${dotMicros(ctx.t)} ${LETTER[r.level] ?? 'I'} [1:${thread}]`;
    for (const tag of r.tags ?? []) line += ` [${tag}]`;
    line += ` {request_id: ${requestId}}`;
    if (r.durationMs !== undefined) line += ` (${r.durationMs.toFixed(1)}ms)`;
    line += ` ${r.name}`;
    if (r.message) line += ` -- ${r.message}`;
    if (r.payload) line += ` -- {${Object.entries(r.payload).map(([k, v]) => `:${k}=>${rubyInspect(v)}`).join(', ')}}`;
    if (r.exception) line += ` -- Exception: ${r.exception.name}: ${r.exception.message}\n${r.exception.backtrace.join('\n')}`;
    return { stream: 'stdout', text: line };
  }
  const json: Record<string, unknown> = {
    host: 'localhost', application: 'Semantic Logger', environment: 'production', timestamp: isoMicros(ctx.t),
    level: r.level, level_index: INDEX[r.level], pid: 1, thread,
  };
  if (r.durationMs !== undefined) { json.duration_ms = r.durationMs; json.duration = `${r.durationMs.toFixed(1)}ms`; }
  if (r.tags) json.tags = r.tags;
  json.named_tags = { request_id: requestId };
  json.name = r.name;
  if (r.message) json.message = r.message;
  if (r.payload) json.payload = r.payload;
  if (r.exception) json.exception = { name: r.exception.name, message: r.exception.message, stack_trace: r.exception.backtrace };
  return { stream: 'stdout', json };
}

const AR = `${GEMS}/activerecord-7.2.2`;
const duplicateBacktrace = [
  `${AR}/lib/active_record/connection_adapters/postgresql/database_statements.rb:162:in \`exec'`,
  `${AR}/lib/active_record/connection_adapters/postgresql/database_statements.rb:162:in \`perform_query'`,
  `${AR}/lib/active_record/connection_adapters/abstract/database_statements.rb:556:in \`block (2 levels) in raw_execute'`,
  `${AR}/lib/active_record/persistence.rb:250:in \`_insert_record'`,
  '/app/app/controllers/orders_controller.rb:31:in `create\'',
  `${GEMS}/actionpack-7.2.2/lib/action_controller/metal/basic_implicit_render.rb:8:in \`send_action'`,
  `${GEMS}/actionpack-7.2.2/lib/abstract_controller/base.rb:226:in \`process_action'`,
  `${GEMS}/puma-6.4.3/lib/puma/thread_pool.rb:155:in \`block in spawn_thread'`,
];

const duplicateKey: Family = {
  name: `${SVC}:create-order-duplicate-idempotency-key`, level: 'CRITICAL', perDay: [15, 45], burst: 0.3,
  emit: (ctx) => [semantic(ctx, {
    level: 'fatal', name: 'Rails',
    exception: {
      name: 'ActiveRecord::RecordNotUnique',
      message: `PG::UniqueViolation: ERROR:  duplicate key value violates unique constraint "index_orders_on_idempotency_key"\nDETAIL:  Key (idempotency_key)=(${ctx.rng.uuid()}) already exists.\n`,
      backtrace: duplicateBacktrace,
    },
  })],
};

const paymentTimeout: Family = {
  name: `${SVC}:payment-capture-read-timeout`, level: 'ERROR', perDay: [15, 50],
  emit: (ctx) => [semantic(ctx, {
    level: 'error', name: 'PaymentsController', message: `Payment capture failed for order ${ctx.rng.int(100000, 999999)}`,
    exception: {
      name: 'Faraday::TimeoutError', message: 'Net::ReadTimeout with #<TCPSocket:(closed)>',
      backtrace: [
        `${GEMS}/faraday-net_http-3.1.0/lib/faraday/adapter/net_http.rb:71:in \`rescue in call'`,
        `${GEMS}/faraday-net_http-3.1.0/lib/faraday/adapter/net_http.rb:61:in \`call'`,
        `${GEMS}/faraday-2.10.1/lib/faraday/rack_builder.rb:152:in \`build_response'`,
        `${GEMS}/faraday-2.10.1/lib/faraday/connection.rb:444:in \`run_request'`,
        '/app/app/services/payment_gateway.rb:44:in `capture\'',
        '/app/app/controllers/payments_controller.rb:19:in `create\'',
      ],
    },
  })],
};

const jobRedis: Family = {
  name: `${SVC}:shipment-sync-job-redis-refused`, level: 'ERROR', perDay: [10, 30],
  emit: (ctx) => {
    const jobId = ctx.rng.uuid();
    return [semantic(ctx, {
      level: 'error', name: 'ActiveJob', tags: ['ShipmentSyncJob', jobId], durationMs: ctx.rng.float(2, 40, 2),
      message: `Error performing ShipmentSyncJob (Job ID: ${jobId}) from Async(default)`,
      exception: {
        name: 'Redis::CannotConnectError', message: 'Error connecting to Redis on 10.48.0.12:6379 (Errno::ECONNREFUSED)',
        backtrace: [
          `${GEMS}/redis-client-0.22.2/lib/redis_client/ruby_connection.rb:136:in \`rescue in connect'`,
          `${GEMS}/redis-client-0.22.2/lib/redis_client/ruby_connection.rb:132:in \`connect'`,
          `${GEMS}/redis-client-0.22.2/lib/redis_client.rb:739:in \`ensure_connected'`,
          `${GEMS}/redis-5.3.0/lib/redis/commands/strings.rb:87:in \`set'`,
          '/app/app/jobs/shipment_sync_job.rb:14:in `perform\'',
          `${GEMS}/activejob-7.2.2/lib/active_job/execution.rb:68:in \`block in _perform_job'`,
        ],
      },
    })];
  },
};

const csrfWarn: Family = {
  name: `${SVC}:csrf-token-unverified`, level: 'WARNING', perDay: [120, 260],
  emit: (ctx) => [semantic(ctx, { level: 'warn', name: ctx.rng.pick(['CartsController', 'CheckoutsController']), message: "Can't verify CSRF token authenticity." })],
};

const completed: Family = {
  name: `noise:${SVC}:completed`, level: 'INFO', perDay: [350, 600],
  emit: (ctx) => {
    const [controller, action, path, status, text] = ctx.rng.pick([
      ['OrdersController', 'index', '/orders', 200, 'OK'], ['OrdersController', 'show', `/orders/${ctx.rng.int(100000, 999999)}`, 200, 'OK'],
      ['CartsController', 'update', '/cart', 200, 'OK'], ['OrdersController', 'create', '/orders', 422, 'Unprocessable Content'],
    ] as const);
    return [semantic(ctx, {
      level: 'info', name: controller, durationMs: ctx.rng.float(3, 400, 1), message: `Completed #${action}`,
      payload: { controller, action, format: 'JSON', method: action === 'index' || action === 'show' ? 'GET' : action === 'update' ? 'PATCH' : 'POST', path, status, view_runtime: ctx.rng.float(0, 40, 2), db_runtime: ctx.rng.float(0, 60, 2), allocations: ctx.rng.int(900, 40000), status_message: text },
    })];
  },
};

const reconcile: Family = {
  name: `noise:${SVC}:reconcile`, level: 'INFO', perDay: [60, 140],
  emit: (ctx) => [semantic(ctx, { level: 'info', name: 'ReconcileJob', message: `reconciled ${ctx.rng.int(10, 800)} orders`, payload: { errors: 0, skipped: ctx.rng.int(0, 4) } })],
};

export const ordersSemantic: ServiceDef = {
  name: SVC, stack: 'Ruby 3.3, Rails 7.2, Puma 6, rails_semantic_logger 4.17, PostgreSQL, redis-rb 5', splitRate: 0.75,
  families: [duplicateKey, paymentTimeout, jobRedis, csrfWarn, completed, reconcile],
};
