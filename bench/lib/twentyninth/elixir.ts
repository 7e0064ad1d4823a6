// The day's Elixir service: Phoenix 1.7 on Bandit with LoggerJSON 6's Elastic (ECS) formatter as the
// default handler's formatter; from the rollout the request id and the Plug conn's fields beside it.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { isoMillis } from './clock.js';
import { digits, fam } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// tickets-phoenix: Elixir 1.17 (OTP 27), Phoenix 1.7 on Bandit 1.6, Ecto 3.12 / Postgrex 0.19 to Cloud
// SQL for PostgreSQL (pool of 10, queue target 50 ms), Req 0.5 to a payment provider, a GenServer
// syncing refunds. `config :logger, :default_handler, formatter: {LoggerJSON.Formatters.Elastic, …}`:
// one JSON line a record on stdout: `@timestamp`, `ecs.version`, `log.level` (lower case), `message`,
// `log.logger` and `log.origin` from the `mfa`/`file`/`line` metadata when present, and for a record
// with `crash_reason` the `error.message`, `error.type` (`Elixir.`-prefixed) and `error.stack_trace`
// (Exception.format's banner and stacktrace); no `severity`. Morning revision: `metadata: []`. From the
// rollout `metadata: [:request_id]` and LoggerJSON's Plug metadata (`client.ip`, `http.request.method`,
// `url.path`, `user_agent.original`, …) on records written inside a request. Bandit logs an exception
// escaping the endpoint with Exception.format's text as the message and the crash reason; DBConnection
// logs a dropped connection as a plain message.
const TP = 'tickets-phoenix';

interface ReqCtx { id: string; method: string; path: string; ip: string }

function ecs(t: number, rev: 0 | 1, level: 'info' | 'warning' | 'error', message: string, origin?: { logger: string; file: string; line: number; fn: string }, crash?: { type: string; message: string; stack: string }, req?: ReqCtx): Write {
  const json: Record<string, unknown> = { '@timestamp': isoMillis(t), 'ecs.version': '8.11.0', 'log.level': level, message };
  if (crash) Object.assign(json, { 'error.message': crash.message, 'error.stack_trace': crash.stack, 'error.type': crash.type });
  if (origin) Object.assign(json, { 'log.logger': origin.logger, 'log.origin': { 'file.line': origin.line, 'file.name': origin.file, function: origin.fn } });
  if (rev === 1 && req) Object.assign(json, { request_id: req.id, 'client.ip': req.ip, 'http.request.method': req.method, 'http.version': 'HTTP/1.1', 'url.path': req.path, 'user_agent.original': 'okhttp/4.12.0' });
  return { stream: 'stdout', json };
}

const reqCtx = (rng: Prng, method: string, path: string): ReqCtx => ({ id: `F${rng.base64url(19)}`, method, path, ip: rng.publicIpv4() });

const DEADLOCK_FRAMES = [
  '    (ecto_sql 3.12.1) lib/ecto/adapters/sql.ex:1096: Ecto.Adapters.SQL.raise_sql_call_error/1',
  '    (ecto 3.12.5) lib/ecto/repo/schema.ex:1000: Ecto.Repo.Schema.apply/4',
  '    (ecto 3.12.5) lib/ecto/repo/schema.ex:500: anonymous fn/15 in Ecto.Repo.Schema.do_insert/4',
  '    (ecto_sql 3.12.1) lib/ecto/adapters/sql.ex:1400: anonymous fn/3 in Ecto.Adapters.SQL.checkout_or_transaction/4',
  '    (db_connection 2.7.0) lib/db_connection.ex:1756: DBConnection.run_transaction/4',
  '    (tickets 0.4.2) lib/tickets/holds.ex:58: Tickets.Holds.place/3',
  '    (tickets 0.4.2) lib/tickets_web/controllers/hold_controller.ex:14: TicketsWeb.HoldController.create/2',
  '    (tickets 0.4.2) lib/tickets_web/controllers/hold_controller.ex:1: TicketsWeb.HoldController.action/2',
  '    (tickets 0.4.2) lib/tickets_web/controllers/hold_controller.ex:1: TicketsWeb.HoldController.phoenix_controller_pipeline/2',
  '    (phoenix 1.7.18) lib/phoenix/router.ex:484: Phoenix.Router.__call__/5',
  '    (tickets 0.4.2) lib/tickets_web/endpoint.ex:1: TicketsWeb.Endpoint.plug_builder_call/2',
  '    (tickets 0.4.2) lib/tickets_web/endpoint.ex:1: TicketsWeb.Endpoint.call/2',
  '    (bandit 1.6.1) lib/bandit/pipeline.ex:127: Bandit.Pipeline.call_plug!/2',
];

// Two buyers hold overlapping seats: the seat rows are locked in opposite order, PostgreSQL kills one.
const tpDeadlock = fam(`${TP}:seat-hold-deadlock`, 'ERROR', [40, 90], ({ rng, t, rev }) => {
  const a = rng.int(1000, 9000);
  const b = a + rng.int(1, 9);
  const tx = rng.int(4_000_000, 4_999_000);
  const pg = `ERROR 40P01 (deadlock_detected) deadlock detected\n\n    Process ${a} waits for ShareLock on transaction ${tx}; blocked by process ${b}.\nProcess ${b} waits for ShareLock on transaction ${tx + rng.int(1, 30)}; blocked by process ${a}.\n\n    hint: See server log for query details.`;
  const banner = `** (Postgrex.Error) ${pg}`;
  const stack = `${banner}\n${DEADLOCK_FRAMES.join('\n')}`;
  const event = rng.int(100, 999);
  return [ecs(t, rev, 'error', stack, { logger: 'Elixir.Bandit.Pipeline', file: 'lib/bandit/pipeline.ex', line: 229, fn: 'handle_error/7' }, { type: 'Elixir.Postgrex.Error', message: pg, stack: `${stack}\n` }, reqCtx(rng, 'POST', `/api/events/${event}/holds`))];
}, 0.4);

const reqTimeout = (frames: string[]): string => `** (Req.TransportError) timeout\n    (req 0.5.8) lib/req.ex:1092: Req.request!/2\n${frames.join('\n')}\n`;

// The payment provider's capture endpoint stalls: the app logs the failure and answers 502.
const tpCapture = fam(`${TP}:payment-capture-timeout`, 'ERROR', [30, 70], ({ rng, t, rev }) => [ecs(t, rev, 'error', 'payment capture failed',
  { logger: 'Elixir.Tickets.Payments', file: 'lib/tickets/payments.ex', line: 44, fn: 'capture/2' },
  { type: 'Elixir.Req.TransportError', message: 'timeout', stack: reqTimeout(['    (tickets 0.4.2) lib/tickets/payments.ex:41: Tickets.Payments.capture/2', '    (tickets 0.4.2) lib/tickets_web/controllers/checkout_controller.ex:22: TicketsWeb.CheckoutController.pay/2', '    (tickets 0.4.2) lib/tickets_web/controllers/checkout_controller.ex:1: TicketsWeb.CheckoutController.action/2']) },
  reqCtx(rng, 'POST', `/api/orders/${digits(rng, 7)}/pay`))], 0.3);

// The same provider timeout from the refund sync process: another operation.
const tpRefund = fam(`${TP}:refund-sync-timeout`, 'ERROR', [20, 50], ({ t, rev }) => [ecs(t, rev, 'error', 'refund sync failed',
  { logger: 'Elixir.Tickets.Refunds.Sync', file: 'lib/tickets/refunds/sync.ex', line: 63, fn: 'handle_info/2' },
  { type: 'Elixir.Req.TransportError', message: 'timeout', stack: reqTimeout(['    (tickets 0.4.2) lib/tickets/refunds/sync.ex:58: Tickets.Refunds.Sync.push_batch/1', '    (tickets 0.4.2) lib/tickets/refunds/sync.ex:61: Tickets.Refunds.Sync.handle_info/2', '    (stdlib 6.1.2) gen_server.erl:2345: :gen_server.try_handle_info/3', '    (stdlib 6.1.2) gen_server.erl:2433: :gen_server.handle_msg/6', '    (stdlib 6.1.2) proc_lib.erl:329: :proc_lib.init_p_do_apply/3']) })]);

// A report query holds its connection past the checkout timeout: DBConnection drops it.
const tpCheckout = fam(`${TP}:db-checkout-timeout`, 'ERROR', [25, 60], ({ rng, t, rev }) => {
  const pid = (): string => `#PID<0.${rng.int(1000, 9999)}.0>`;
  const client = pid();
  return [ecs(t, rev, 'error', `Postgrex.Protocol (${pid()}) disconnected: ** (DBConnection.ConnectionError) client ${client} timed out because it queued and checked out the connection for longer than 15000ms\n\n${client} was at location:\n\n    :prim_inet.recv0/3\n    (postgrex 0.19.3) lib/postgrex/protocol.ex:3197: Postgrex.Protocol.msg_recv/4\n    (postgrex 0.19.3) lib/postgrex/protocol.ex:2222: Postgrex.Protocol.recv_bind/3\n    (postgrex 0.19.3) lib/postgrex/protocol.ex:2077: Postgrex.Protocol.bind_execute/4\n    (db_connection 2.7.0) lib/db_connection/holder.ex:354: DBConnection.Holder.holder_apply/4\n    (db_connection 2.7.0) lib/db_connection.ex:1558: DBConnection.run_execute/5\n    (db_connection 2.7.0) lib/db_connection.ex:1653: DBConnection.run/6\n    (db_connection 2.7.0) lib/db_connection.ex:772: DBConnection.execute/4\n`)];
});

// Holds that lapse before the buyer pays (frequent).
const tpExpired = fam(`${TP}:hold-expired`, 'WARNING', [120, 260], ({ rng, t, rev }) => [ecs(t, rev, 'warning',
  `Hold H-${digits(rng, 6)} for event ${rng.int(100, 999)} expired before payment (${rng.int(1, 8)} seats released)`,
  { logger: 'Elixir.Tickets.Holds.Reaper', file: 'lib/tickets/holds/reaper.ex', line: 31, fn: 'handle_info/2' })]);

const tpChatter = fam(`noise:${TP}:chatter`, 'INFO', [240, 360], ({ rng, t, rev }) => {
  const roll = rng.next();
  if (roll < 0.3) return [ecs(t, rev, 'info', `Refund sync pushed ${rng.int(1, 40)} refunds (0 errors)`, { logger: 'Elixir.Tickets.Refunds.Sync', file: 'lib/tickets/refunds/sync.ex', line: 70, fn: 'handle_info/2' })];
  const r = reqCtx(rng, rng.pick(['GET', 'POST']), rng.pick([`/api/events/${rng.int(100, 999)}`, `/api/events/${rng.int(100, 999)}/seats`, '/api/health']));
  return rng.chance(0.5)
    ? [ecs(t, rev, 'info', `${r.method} ${r.path}`, { logger: 'Elixir.Phoenix.Logger', file: 'lib/phoenix/logger.ex', line: 215, fn: 'phoenix_endpoint_start/4' }, undefined, r)]
    : [ecs(t, rev, 'info', `Sent ${rng.pick([200, 200, 201, 404])} in ${rng.int(1, 90)}ms`, { logger: 'Elixir.Phoenix.Logger', file: 'lib/phoenix/logger.ex', line: 237, fn: 'phoenix_endpoint_stop/4' }, undefined, r)];
});

export const ticketsPhoenix: ServiceDef = {
  name: TP, stack: 'Elixir 1.17 (OTP 27), Phoenix 1.7 on Bandit 1.6, Ecto 3.12 / Postgrex 0.19, Req 0.5, LoggerJSON 6 (Elastic)', splitRate: 0.6,
  families: [tpDeadlock, tpCapture, tpRefund, tpCheckout, tpExpired, tpChatter],
};
