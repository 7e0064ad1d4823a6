// shop-lograge: Rails 7.1 on Puma with lograge and rack-timeout, Postgres. Rails' own logger keeps the
// generated production setup (`Logger::Formatter`: `E, [2026-12-04T10:00:00.123456 #1] ERROR -- : [request-id] msg`,
// ActionDispatch::DebugExceptions writing the exception at FATAL, one record per line group). lograge
// writes through its own `ActiveSupport::Logger.new(STDOUT)` (SimpleFormatter: the bare line, no level):
// the KeyValue formatter on the morning revision (`method=GET path=/cart format=html controller=… status=500
// error='Class: message' duration=…`), `Lograge::Formatters::Json` after the rollout. lograge's
// `error` field as in Coursemology/coursemology2#3835; rack-timeout's `source=rack-timeout id=… state=timed_out`.
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import type { Prng } from '../prng.js';
import { rubyLoggerTime } from './clock.js';

type RLevel = 'INFO' | 'WARN' | 'ERROR' | 'FATAL';

/** A record of Rails' own logger, tagged with the request id as the generated production.rb does. */
const rails = (t: number, level: RLevel, rid: string, message: string): Write =>
  ({ stream: 'stdout', text: `${level[0]}, [${rubyLoggerTime(t)} #1] ${level.padStart(5)} -- : [${rid}] ${message}` });

interface Req { method: string; path: string; controller: string; action: string; status: number; error?: string }

/** lograge's line for a request: key=value (error single-quoted) or JSON. */
function lograge(rng: Prng, rev: 0 | 1, r: Req): Write {
  const duration = rng.float(3, 15000, 2);
  const view = rng.float(0, 40, 2);
  const db = rng.float(0, 200, 2);
  if (rev === 1) {
    const json: Record<string, unknown> = { method: r.method, path: r.path, format: 'html', controller: r.controller, action: r.action, status: r.status };
    if (r.error !== undefined) json.error = r.error;
    Object.assign(json, { duration, view, db });
    return { stream: 'stdout', json };
  }
  const err = r.error === undefined ? '' : ` error='${r.error}'`;
  return { stream: 'stdout', text: `method=${r.method} path=${r.path} format=html controller=${r.controller} action=${r.action} status=${r.status}${err} duration=${duration} view=${view} db=${db}` };
}

const rid = (rng: Prng): string => rng.uuid();

export const shopLograge: ServiceDef = {
  name: 'shop-lograge', stack: 'Ruby 3.3, Rails 7.1, Puma 6, lograge, rack-timeout, Postgres', splitRate: 0.7,
  families: [
    {
      // A migration not yet run on the new revision's database: DebugExceptions' FATAL record and
      // lograge's line for the same request are one problem printed two ways.
      name: 'shop-lograge:cart-coupon-undefined-column', level: 'ERROR', perDay: [15, 40],
      emit: ({ rng, t, rev }) => {
        const id = rid(rng);
        const pg = 'PG::UndefinedColumn: ERROR:  column carts.coupon_code does not exist';
        const sqlLine = 'LINE 1: SELECT "carts"."coupon_code" FROM "carts" WHERE "carts"."id" = $1 LIMIT $2';
        const fatal = [
          `F, [${rubyLoggerTime(t)} #1] FATAL -- : [${id}]   `,
          `[${id}] ActiveRecord::StatementInvalid (${pg}`,
          `[${id}] ${sqlLine}`,
          `[${id}]                ^`,
          `[${id}] ):`,
          `[${id}]   `,
          `[${id}] app/models/cart.rb:42:in 'Cart#apply_coupon'`,
          `[${id}] app/controllers/carts_controller.rb:18:in 'CartsController#update'`,
        ].join('\n');
        return [
          { stream: 'stdout', text: fatal, as: { family: 'shop-lograge:cart-coupon-undefined-column', level: 'CRITICAL' } },
          lograge(rng, rev, { method: 'PATCH', path: '/cart', controller: 'CartsController', action: 'update', status: 500, error: `ActiveRecord::StatementInvalid: ${pg}\n${sqlLine}\n               ^\n` }),
        ];
      },
    },
    {
      // rack-timeout's own record, then lograge's line for the request it cut: one problem.
      name: 'shop-lograge:search-request-timeout', level: 'ERROR', perDay: [8, 25],
      emit: ({ rng, t, rev }) => {
        const id = rid(rng);
        const q = rng.pick(['tent', 'stove', 'boots', 'rain jacket'].map((s) => encodeURIComponent(s)));
        return [
          rails(t, 'ERROR', id, `source=rack-timeout id=${id} timeout=15000ms service=15000ms state=timed_out`),
          lograge(rng, rev, { method: 'GET', path: `/search?q=${q}`, controller: 'SearchController', action: 'index', status: 503, error: 'Rack::Timeout::RequestTimeoutException: Request ran for longer than 15000ms ' }),
        ];
      },
    },
    {
      name: 'shop-lograge:csrf-token-unverified', level: 'WARNING', perDay: [100, 250],
      emit: ({ rng, t, rev }) => [
        rails(t, 'WARN', rid(rng), "Can't verify CSRF token authenticity."),
        lograge(rng, rev, { method: 'POST', path: rng.pick(['/cart/items', '/checkout', '/account/address']), controller: rng.pick(['CartItemsController', 'CheckoutsController']), action: 'create', status: 422, error: "ActionController::InvalidAuthenticityToken: Can't verify CSRF token authenticity." }),
      ],
    },
    {
      name: 'noise:shop-lograge:requests', level: 'INFO', perDay: [300, 600],
      emit: ({ rng, rev }) => [lograge(rng, rev, rng.pick<Req>([
        { method: 'GET', path: '/', controller: 'HomeController', action: 'index', status: 200 },
        { method: 'GET', path: `/products/${rng.int(1, 5000)}`, controller: 'ProductsController', action: 'show', status: 200 },
        { method: 'GET', path: '/cart', controller: 'CartsController', action: 'show', status: 200 },
        { method: 'GET', path: '/up', controller: 'Rails::HealthController', action: 'show', status: 200 },
      ]))],
    },
    {
      name: 'noise:shop-lograge:job-summary', level: 'INFO', perDay: [40, 90],
      emit: ({ rng, t }) => [rails(t, 'INFO', rid(rng), `[ActiveJob] [AbandonedCartJob] Performed AbandonedCartJob (Job ID: ${rng.uuid()}) from Async(default) in ${rng.float(10, 900, 2)}ms, reminders=${rng.int(0, 40)} errors=0`)],
    },
    {
      name: 'noise:shop-lograge:puma-boot', level: 'INFO', perDay: [4, 10],
      emit: ({ rng }) => [{ stream: 'stdout', text: rng.pick(['Puma starting in single mode...', '* Puma version: 6.4.3 (ruby 3.3.6-p108) ("The Eagle of Durango")', '*  Min threads: 3', '* Listening on http://0.0.0.0:8080', 'Use Ctrl-C to stop']) }],
    },
  ] satisfies Family[],
};
