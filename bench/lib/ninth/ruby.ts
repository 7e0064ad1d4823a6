// Ruby services: Sinatra 4 on Puma (Rack::CommonLogger and Sinatra's `dump_errors` on the morning
// revision; Ruby's Logger default formatter after, the app logging its own errors) and a Resque 2
// worker (VVERBOSE's `** [time] pid: msg` on the morning revision, VERBOSE's `*** msg` after).
import type { Ctx, Family, ServiceDef, Write } from '../stranger/model.js';
import { clf, resqueTime, rubyLogger, ymdHms } from './clock.js';

const GEMS = '/usr/local/bundle/gems';

// ---- shop-sinatra -------------------------------------------------------------------------------

const sinatraFrames = [
  `${GEMS}/sinatra-4.0.0/lib/sinatra/base.rb:1804:in \`block in compile!'`,
  `${GEMS}/sinatra-4.0.0/lib/sinatra/base.rb:1081:in \`block (3 levels) in route!'`,
  `${GEMS}/sinatra-4.0.0/lib/sinatra/base.rb:1100:in \`route_eval'`,
  `${GEMS}/sinatra-4.0.0/lib/sinatra/base.rb:1081:in \`block (2 levels) in route!'`,
  `${GEMS}/sinatra-4.0.0/lib/sinatra/base.rb:1130:in \`block in process_route'`,
  `${GEMS}/rack-3.1.8/lib/rack/head.rb:15:in \`call'`,
  `${GEMS}/puma-6.4.3/lib/puma/request.rb:99:in \`block in handle_request'`,
];

/** Sinatra's dump_errors (`time - Class - message:` then the backtrace joined with newline-tab), or the
 * app's `logger.error` on the later revision with Ruby Logger's default header. */
function rubyError(ctx: Ctx, cls: string, msg: string, app: string[]): Write {
  const frames = [...app, ...sinatraFrames];
  if (ctx.rev === 0) return { stream: 'stderr', text: [`${ymdHms(ctx.t)} - ${cls} - ${msg}:`, ...frames].join('\n\t') };
  return { stream: 'stdout', text: `E, [${rubyLogger(ctx.t)} #1] ERROR -- shop: ${cls}: ${msg}\n${frames.join('\n')}` };
}

const shopPriceNil: Family = {
  name: 'shop-sinatra:cart-total-price-nil', level: 'ERROR', perDay: [8, 30], burst: 0.2,
  emit: (ctx) => [rubyError(ctx, 'NoMethodError', "undefined method `price' for nil", [
    "/app/lib/cart.rb:31:in `block in total'",
    "/app/lib/cart.rb:30:in `sum'",
    "/app/lib/cart.rb:30:in `total'",
    "/app/app.rb:58:in `block in <class:Shop>'",
  ])],
};

const shopRedis: Family = {
  name: 'shop-sinatra:session-redis-cannot-connect', level: 'ERROR', perDay: [4, 15], burst: 0.5,
  emit: (ctx) => [rubyError(ctx, 'Redis::CannotConnectError', `Error connecting to Redis on 10.${ctx.rng.int(0, 20)}.0.7:6379 (Errno::ECONNREFUSED)`, [
    `${GEMS}/redis-client-0.22.2/lib/redis_client/ruby_connection.rb:133:in \`rescue in connect'`,
    `${GEMS}/redis-client-0.22.2/lib/redis_client/ruby_connection.rb:129:in \`connect'`,
    `${GEMS}/redis-client-0.22.2/lib/redis_client.rb:742:in \`ensure_connected'`,
    `${GEMS}/redis-5.3.0/lib/redis.rb:152:in \`send_command'`,
    `${GEMS}/redis-5.3.0/lib/redis/commands/strings.rb:191:in \`get'`,
    "/app/lib/session_store.rb:22:in `find_session'",
  ])],
};

const shopGatewaySlow: Family = {
  name: 'shop-sinatra:payment-gateway-slow', level: 'WARNING', perDay: [80, 200],
  emit: (ctx) => {
    const msg = `payment gateway slow: authorize took ${ctx.rng.fixed(2, 9, 2)}s for cart ${ctx.rng.alnum(10)}, retrying once`;
    if (ctx.rev === 0) return [{ stream: 'stderr', text: `WARN: ${msg}` }];
    return [{ stream: 'stdout', text: `W, [${rubyLogger(ctx.t)} #1]  WARN -- shop: ${msg}` }];
  },
};

const shopAccess: Family = {
  name: 'noise:shop-sinatra:common-log', level: 'INFO', perDay: [400, 800],
  emit: (ctx) => {
    const status = ctx.rng.weighted([[200, 30], [302, 4], [500, 1]] as const);
    const path = ctx.rng.pick(['/cart', '/checkout', `/products/${ctx.rng.int(1, 900)}`]);
    return [{ stream: 'stderr', text: `169.254.${ctx.rng.int(1, 8)}.${ctx.rng.int(1, 254)} - - [${clf(ctx.t)}] "${status === 302 ? 'POST' : 'GET'} ${path} HTTP/1.1" ${status} ${ctx.rng.int(0, 9000)} ${ctx.rng.fixed(0.002, 0.9, 4)}` }];
  },
};

const shopCheckout: Family = {
  name: 'noise:shop-sinatra:checkout-done', level: 'INFO', perDay: [100, 200],
  emit: (ctx) => {
    const msg = `checkout complete: order ${ctx.rng.int(10000, 99999)}, ${ctx.rng.int(1, 9)} items, errors: 0`;
    if (ctx.rev === 0) return [{ stream: 'stdout', text: msg }];
    return [{ stream: 'stdout', text: `I, [${rubyLogger(ctx.t)} #1]  INFO -- shop: ${msg}` }];
  },
};

export const shopSinatra: ServiceDef = {
  name: 'shop-sinatra', stack: 'Ruby 3.3, Sinatra 4.0, Puma 6, redis-rb 5', splitRate: 0.75,
  families: [shopPriceNil, shopRedis, shopGatewaySlow, shopAccess, shopCheckout],
};

// ---- mail-resque --------------------------------------------------------------------------------

/** VVERBOSE: `** [10:00:00 2026-12-04] 7: msg`; VERBOSE: `*** msg`. */
const resque = (ctx: Ctx, pid: number, msg: string): string => (ctx.rev === 0 ? `** [${resqueTime(ctx.t)}] ${pid}: ${msg}` : `*** ${msg}`);
const job = (queue: string, cls: string, arg: string): string => `(Job{${queue}} | ${cls} | [${arg}])`;

const mailSmtpTimeout: Family = {
  name: 'mail-resque:receipt-smtp-read-timeout', level: 'ERROR', perDay: [10, 35],
  emit: (ctx) => [{ stream: 'stdout', text: resque(ctx, ctx.rng.int(7, 90), `${job('mailers', 'ReceiptMailerJob', String(ctx.rng.int(10000, 99999)))} failed: #<Net::ReadTimeout: Net::ReadTimeout with #<TCPSocket:(closed)>>`) }],
};

const mailDirtyExit: Family = {
  name: 'mail-resque:job-dirty-exit-sigkill', level: 'ERROR', perDay: [2, 8],
  emit: (ctx) => {
    const pid = ctx.rng.int(7, 90);
    return [{ stream: 'stdout', text: resque(ctx, 1, `${job('digests', 'WeeklyDigestJob', `"${ctx.rng.uuid()}"`)} failed: #<Resque::DirtyExit: Child process received unhandled signal pid ${pid} SIGKILL>`) }];
  },
};

// Resque logs the inspect line, then the backtrace as a second record, then re-raises and the worker dies.
const mailReserveRedis: Family = {
  name: 'mail-resque:reserve-redis-cannot-connect', level: 'ERROR', perDay: [2, 8],
  emit: (ctx) => {
    const ip = `10.${ctx.rng.int(0, 20)}.0.7`;
    return [
      { stream: 'stdout', text: resque(ctx, 1, `Error reserving job: #<Redis::CannotConnectError: Error connecting to Redis on ${ip}:6379 (Errno::ECONNREFUSED)>`) },
      {
        stream: 'stdout', text: resque(ctx, 1, [
          `${GEMS}/redis-client-0.22.2/lib/redis_client/ruby_connection.rb:133:in \`rescue in connect'`,
          `${GEMS}/redis-client-0.22.2/lib/redis_client.rb:742:in \`ensure_connected'`,
          `${GEMS}/redis-5.3.0/lib/redis/commands/lists.rb:98:in \`lpop'`,
          `${GEMS}/resque-2.7.0/lib/resque/data_store.rb:101:in \`pop_from_queue'`,
          `${GEMS}/resque-2.7.0/lib/resque/worker.rb:361:in \`reserve'`,
          `${GEMS}/resque-2.7.0/lib/resque/worker.rb:243:in \`work_one_job'`,
        ].join('\n')),
      },
      { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(1).', as: { family: 'mail-resque:container-exit', level: 'WARNING' } },
    ];
  },
};

const mailGot: Family = {
  name: 'noise:mail-resque:got-done', level: 'INFO', perDay: [400, 800],
  emit: (ctx) => {
    const j = job('mailers', 'ReceiptMailerJob', String(ctx.rng.int(10000, 99999)));
    const pid = ctx.rng.int(7, 90);
    return [{ stream: 'stdout', text: resque(ctx, pid, `got: ${j}`) }, { stream: 'stdout', text: resque(ctx, pid, `done: ${j}`) }];
  },
};

const mailChecking: Family = {
  name: 'noise:mail-resque:checking', level: 'INFO', perDay: [150, 300],
  emit: (ctx) => [{ stream: 'stdout', text: resque(ctx, 1, ctx.rng.pick(['Checking mailers', 'Checking digests', 'Sleeping for 5.0 seconds', 'resque-2.7.0: Waiting for mailers,digests'])) }],
};

export const mailResque: ServiceDef = {
  name: 'mail-resque', stack: 'Ruby 3.3, Resque 2.7, redis-rb 5, Net::SMTP', splitRate: 0.7,
  families: [mailSmtpTimeout, mailDirtyExit, mailReserveRedis, mailGot, mailChecking],
};
