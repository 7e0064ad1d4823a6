// Rails 7.1 with Ougai as the Rails logger: the Bunyan formatter on the morning revision (`name`,
// `hostname`, `pid`, `level` 30/40/50, `time`, `v`, `msg`, `err{name, message, stack}`), Ougai's Pino
// formatter after (`level`, `time` in epoch milliseconds, `pid`, `hostname`, `name`, `msg`, `err`). No
// `severity` field: no entry severity. GoodJob runs in the same process (async mode).
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { epochMillis, isoOffset } from './clock.js';
import { fam } from './shared.js';

const SHOP = 'shop-ougai';
const HOST = 'localhost';
function og(t: number, rev: 0 | 1, level: number, msg: string, extra: Record<string, unknown> = {}): Write {
  const json = rev === 0
    ? { name: 'shop', hostname: HOST, pid: 1, level, time: isoOffset(t), v: 0, msg, ...extra }
    : { level, time: epochMillis(t), pid: 1, hostname: HOST, name: 'shop', msg, ...extra };
  return { stream: 'stdout', json };
}
const GEMS = '/usr/local/bundle/ruby/3.3.0/gems';
const err = (name: string, message: string, stack: readonly string[]): Record<string, unknown> => ({ err: { name, message, stack: stack.join('\n') } });
const reqId = (rng: Prng): string => rng.uuid();

export const shopOugai: ServiceDef = {
  name: SHOP, stack: 'Ruby 3.3, Rails 7.1 (Puma 6), ougai 2.0 as the Rails logger, GoodJob 4 in async mode, PostgreSQL, Faraday 2', splitRate: 0.7,
  families: [
    fam(`${SHOP}:inventory-job-timeout`, 'ERROR', [15, 40], ({ rng, t, rev }) => {
      const id = rng.uuid();
      return [og(t, rev, 50, `[ActiveJob] [SyncInventoryJob] [${id}] Error performing SyncInventoryJob (Job ID: ${id}) from GoodJob(default) in ${rng.fixed(30000, 30100, 2)}ms: Faraday::TimeoutError (Net::ReadTimeout with #<TCPSocket:(closed)>)`, err('Faraday::TimeoutError', 'Net::ReadTimeout with #<TCPSocket:(closed)>', [
        `${GEMS}/faraday-net_http-3.1.0/lib/faraday/adapter/net_http.rb:71:in \`rescue in call'`,
        `${GEMS}/faraday-net_http-3.1.0/lib/faraday/adapter/net_http.rb:62:in \`call'`,
        `${GEMS}/faraday-2.10.1/lib/faraday/rack_builder.rb:152:in \`build_response'`,
        '/rails/app/clients/warehouse_client.rb:18:in `stock_levels\'',
        '/rails/app/jobs/sync_inventory_job.rb:9:in `perform\'',
      ]))];
    }),
    fam(`${SHOP}:checkout-deadlock`, 'ERROR', [10, 30], ({ rng, t, rev }) => [
      og(t, rev, 50, `[${reqId(rng)}] ActiveRecord::Deadlocked (PG::TRDeadlockDetected: ERROR:  deadlock detected\nDETAIL:  Process ${rng.int(100, 999)} waits for ShareLock on transaction ${rng.int(100000, 999999)}; blocked by process ${rng.int(100, 999)}.\nHINT:  See server log for query details.\nCONTEXT:  while updating tuple (${rng.int(0, 90)},${rng.int(1, 40)}) in relation "stock_items"\n):`, err('ActiveRecord::Deadlocked', 'PG::TRDeadlockDetected: ERROR:  deadlock detected', [
        `${GEMS}/activerecord-7.1.5/lib/active_record/connection_adapters/postgresql_adapter.rb:894:in \`exec_params'`,
        '/rails/app/models/stock_item.rb:22:in `reserve!\'',
        '/rails/app/controllers/checkouts_controller.rb:14:in `create\'',
      ])),
      og(t + 30, rev, 30, `[${reqId(rng)}] Completed 500 Internal Server Error in ${rng.int(200, 3000)}ms (ActiveRecord: ${rng.fixed(100, 2000, 1)}ms | Allocations: ${rng.int(5000, 40000)})`, {}),
    ]),
    fam(`${SHOP}:card-declined`, 'WARNING', [50, 120], ({ rng, t, rev }) => [og(t, rev, 40, `[${reqId(rng)}] payment declined for order ${rng.int(10000, 99999)}: Stripe::CardError: Your card was declined. (code: card_declined, decline_code: ${rng.pick(['insufficient_funds', 'generic_decline', 'do_not_honor'])})`)]),
    fam(`${SHOP}:goodjob-notifier`, 'ERROR', [2, 6], ({ t, rev }) => [og(t, rev, 50, 'Notifier errored: ActiveRecord::ConnectionNotEstablished: connection to server at "10.8.0.3", port 5432 failed: server closed the connection unexpectedly', err('ActiveRecord::ConnectionNotEstablished', 'connection to server at "10.8.0.3", port 5432 failed: server closed the connection unexpectedly', [
      `${GEMS}/activerecord-7.1.5/lib/active_record/connection_adapters/postgresql_adapter.rb:59:in \`rescue in new_client'`,
      `${GEMS}/good_job-4.5.1/lib/good_job/notifier.rb:245:in \`block in create_listen_task'`,
    ]))]),
    fam(`noise:${SHOP}:requests`, 'INFO', [550, 850], ({ rng, t, rev }) => {
      const id = reqId(rng);
      return [og(t, rev, 30, rng.pick([
        `[${id}] Started GET "/products/${rng.int(1, 900)}" for 169.254.1.1 at ${isoOffset(t)}`,
        `[${id}] Completed 200 OK in ${rng.int(5, 300)}ms (Views: ${rng.fixed(1, 80, 1)}ms | ActiveRecord: ${rng.fixed(1, 90, 1)}ms | Allocations: ${rng.int(1000, 20000)})`,
        `[ActiveJob] [SyncInventoryJob] [${rng.uuid()}] Performed SyncInventoryJob from GoodJob(default) in ${rng.fixed(100, 3000, 2)}ms`,
        `inventory sync summary skus=${rng.int(100, 900)} errors=0`,
      ]))];
    }),
  ],
};
