// The day's Elixir service: Phoenix 1.7 on Cowboy (Plug.Cowboy), Logger's default console format. An
// exception in a request reaches the log as Plug.Cowboy's translated crash report, with the request's
// server and path and no request id, after Phoenix's own `Sent 500` line.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { hmsMillis } from './clock.js';
import { as, digits, fam, req, requestLog, type Req } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// ledger-phoenix: Elixir 1.17 (OTP 27), Phoenix 1.7.14 with `adapter: Phoenix.Endpoint.Cowboy2Adapter`
// (plug_cowboy 2.7, cowboy 2.12), Ecto 3.12 / Postgrex 0.19 (pool 10), Req 0.5 to an FX partner, a
// GenServer rate cache. Logger's default console formatter on stdout, `$time $metadata[$level]
// $message`, metadata `[:request_id]` (morning); from the rollout `[:request_id, :remote_ip]`.
// Phoenix logs `METHOD path` when a request comes in and `Sent STATUS in Nms` when it goes out;
// Plug.Cowboy's translator reports the crash: `#PID<…> running LedgerWeb.Endpoint (connection #PID<…>,
// stream id N) terminated`, `Server: host:80 (http)`, `Request: METHOD path`, `** (exit) an exception
// was raised:` and the exception with its stacktrace, indented. No severity anywhere.
const LP = 'ledger-phoenix';
const pid = (rng: Prng): string => `#PID<0.${rng.int(400, 90000)}.0>`;
const reqId = (rng: Prng): string => `F${rng.base64url(19)}`;

function ex(t: number, rev: 0 | 1, level: 'info' | 'warning' | 'error', message: string, meta: { id?: string; ip?: string } = {}): string {
  const parts: string[] = [];
  if (meta.id) parts.push(`request_id=${meta.id}`);
  if (rev === 1 && meta.ip) parts.push(`remote_ip=${meta.ip}`);
  return `${hmsMillis(t)} ${parts.map((p) => `${p} `).join('')}[${level}] ${message}`;
}

const indent = (s: string, n: number): string => s.split('\n').map((l) => (l === '' ? l : `${' '.repeat(n)}${l}`)).join('\n');

/** `GET /path` in, `Sent 500 in Nms` out, the crash report, Cloud Run's request log. */
function phoenixCrash(rng: Prng, t: number, rev: 0 | 1, host: string, r: Req, exception: string, frames: string[]): Write[] {
  const id = reqId(rng);
  const ip = `${rng.publicIpv4()}`;
  const end = t + r.latencyUs;
  const report = [
    `${pid(rng)} running LedgerWeb.Endpoint (connection ${pid(rng)}, stream id ${rng.int(1, 6)}) terminated`,
    `Server: ${host}:80 (http)`,
    `Request: ${r.method} ${r.path}`,
    '** (exit) an exception was raised:',
    indent(exception, 4),
    ...frames.map((f) => `        ${f}`),
  ].join('\n');
  return [
    as({ stream: 'stdout', text: ex(t, rev, 'info', `${r.method} ${r.path.split('?')[0]}`, { id, ip }) }, `noise:${LP}:request-in`, 'INFO'),
    { stream: 'stdout', delayUs: r.latencyUs, text: ex(end, rev, 'info', `Sent 500 in ${Math.round(r.latencyUs / 1000)}ms`, { id, ip }) },
    { stream: 'stdout', delayUs: rng.int(200, 2000), text: ex(end + 1000, rev, 'error', report) },
    requestLog(rng, host, LP, r, rng.int(300, 3000)),
  ];
}

const QUEUE = (ms: number): string => `** (DBConnection.ConnectionError) connection not available and request was dropped from queue after ${ms}ms. This means requests are coming in and your connection pool cannot serve them fast enough. You can address this by:\n\n  1. Ensuring your database is available and that you can connect to it\n  2. Tracking down slow queries and making sure they are running fast enough\n  3. Increasing the pool_size (although this increases resource consumption)\n  4. Allowing requests to wait longer by increasing :queue_target and :queue_interval\n\nSee DBConnection.start_link/2 for more information\n`;
const ENDPOINT_FRAMES = ['(ledger 0.9.0) lib/ledger_web/endpoint.ex:1: LedgerWeb.Endpoint.plug_builder_call/2', '(ledger 0.9.0) deps/plug/lib/plug/debugger.ex:136: LedgerWeb.Endpoint."call (overridable 3)"/2', '(ledger 0.9.0) lib/ledger_web/endpoint.ex:1: LedgerWeb.Endpoint.call/2', '(phoenix 1.7.14) lib/phoenix/endpoint/sync_code_reload_plug.ex:22: Phoenix.Endpoint.SyncCodeReloadPlug.call/2', '(plug_cowboy 2.7.2) lib/plug/cowboy/handler.ex:11: Plug.Cowboy.Handler.init/2', '(cowboy 2.12.0) /app/deps/cowboy/src/cowboy_handler.erl:37: :cowboy_handler.execute/2', '(cowboy 2.12.0) /app/deps/cowboy/src/cowboy_stream_h.erl:306: :cowboy_stream_h.execute/3', '(cowboy 2.12.0) /app/deps/cowboy/src/cowboy_stream_h.erl:295: :cowboy_stream_h.request_process/3'];

const CONSTRAINT = '** (Ecto.ConstraintError) constraint error when attempting to insert struct:\n\n    * "transfers_idempotency_key_index" (unique_constraint)\n\nIf you would like to stop this constraint violation from raising an exception and instead add it as an error to your changeset, please call `unique_constraint/3` on your changeset with the constraint `:name` as an option.\n\nThe changeset defined the following constraints:\n\n    * "transfers_pkey" (unique_constraint)\n';

export const ledgerPhoenix: ServiceDef = {
  name: LP, stack: 'Elixir 1.17, Phoenix 1.7 on Plug.Cowboy 2.7 (Cowboy 2.12), Ecto 3.12 / Postgrex, Req 0.5', splitRate: 0.6,
  families: [
    fam(`${LP}:balance-queue-dropped`, 'ERROR', [50, 120], ({ rng, t, rev, host }) => {
      const r = req(rng, 'GET', `/api/accounts/${digits(rng, 8)}/balance`, 500, rng.int(2_000_000, 4_800_000));
      return phoenixCrash(rng, t, rev, host, r, QUEUE(Math.round(r.latencyUs / 1000) - rng.int(2, 30)), ['(ecto_sql 3.12.1) lib/ecto/adapters/sql.ex:1096: Ecto.Adapters.SQL.raise_sql_call_error/1', '(ecto_sql 3.12.1) lib/ecto/adapters/sql.ex:994: Ecto.Adapters.SQL.execute/6', '(ecto 3.12.4) lib/ecto/repo/queryable.ex:232: Ecto.Repo.Queryable.execute/4', '(ledger 0.9.0) lib/ledger/accounts.ex:58: Ledger.Accounts.balance!/1', '(ledger 0.9.0) lib/ledger_web/controllers/balance_controller.ex:9: LedgerWeb.BalanceController.show/2', ...ENDPOINT_FRAMES]);
    }, 0.35),
    fam(`${LP}:transfer-idempotency-constraint`, 'ERROR', [20, 50], ({ rng, t, rev, host }) => {
      const r = req(rng, 'POST', '/api/transfers', 500, rng.int(20_000, 180_000));
      return phoenixCrash(rng, t, rev, host, r, CONSTRAINT, ['(ecto 3.12.4) lib/ecto/repo/schema.ex:881: anonymous fn/4 in Ecto.Repo.Schema.constraints_to_errors/3', '(elixir 1.17.3) lib/enum.ex:1703: Enum."-map/2-lists^map/1-1-"/2', '(ecto 3.12.4) lib/ecto/repo/schema.ex:865: Ecto.Repo.Schema.constraints_to_errors/3', '(ecto 3.12.4) lib/ecto/repo/schema.ex:377: Ecto.Repo.Schema.do_insert/4', '(ledger 0.9.0) lib/ledger/transfers.ex:31: Ledger.Transfers.create!/1', '(ledger 0.9.0) lib/ledger_web/controllers/transfer_controller.ex:14: LedgerWeb.TransferController.create/2', ...ENDPOINT_FRAMES]);
    }),
    // Req's timeout from the FX partner inside a transfer: the request crashes.
    fam(`${LP}:transfer-fx-timeout`, 'ERROR', [30, 70], ({ rng, t, rev, host }) => {
      const r = req(rng, 'POST', '/api/transfers', 500, rng.int(15_000_000, 15_300_000));
      return phoenixCrash(rng, t, rev, host, r, '** (Req.TransportError) timeout', ['(req 0.5.8) lib/req.ex:1114: Req.request!/2', '(ledger 0.9.0) lib/ledger/fx.ex:22: Ledger.Fx.quote!/2', '(ledger 0.9.0) lib/ledger/transfers.ex:19: Ledger.Transfers.create!/1', '(ledger 0.9.0) lib/ledger_web/controllers/transfer_controller.ex:14: LedgerWeb.TransferController.create/2', ...ENDPOINT_FRAMES]);
    }, 0.25),
    // The same timeout in the rate cache's refresh: the GenServer's crash report, then its restart is silent.
    fam(`${LP}:rates-cache-fx-timeout`, 'ERROR', [10, 30], ({ rng, t, rev }) => [{ stream: 'stdout', delayUs: 15_000_000, text: ex(t + 15_000_000, rev, 'error', [`GenServer Ledger.Fx.RatesCache terminating`, '** (Req.TransportError) timeout', '    (req 0.5.8) lib/req.ex:1114: Req.request!/2', '    (ledger 0.9.0) lib/ledger/fx/rates_cache.ex:47: Ledger.Fx.RatesCache.handle_info/2', '    (stdlib 6.1.2) gen_server.erl:2345: :gen_server.try_handle_info/3', '    (stdlib 6.1.2) gen_server.erl:2433: :gen_server.handle_msg/6', '    (stdlib 6.1.2) proc_lib.erl:329: :proc_lib.init_p_do_apply/3', 'Last message: :refresh', `State: %{rates: %{}, fetched_at: ~U[2026-12-11 ${String(rng.int(0, 23)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00Z], failures: ${rng.int(0, 4)}}`].join('\n')) }]),
    fam(`${LP}:fx-rate-stale`, 'WARNING', [150, 320], ({ rng, t, rev }) => [{ stream: 'stdout', text: ex(t, rev, 'warning', `stale FX rate for ${rng.pick(['GBP/EUR', 'EUR/USD', 'GBP/USD'])} (age ${rng.int(300, 1800)}s), quoting with it`, { id: reqId(rng), ip: rng.publicIpv4() }) }]),
    fam(`noise:${LP}:sent-200`, 'INFO', [150, 300], ({ rng, t, rev }) => {
      const meta = { id: reqId(rng), ip: rng.publicIpv4() };
      return [{ stream: 'stdout', text: ex(t, rev, 'info', `GET /api/accounts/${digits(rng, 8)}/transactions`, meta) }, { stream: 'stdout', delayUs: rng.int(3000, 80000), text: ex(t, rev, 'info', `Sent 200 in ${rng.int(3, 80)}ms`, meta) }];
    }),
    fam(`noise:${LP}:reconciled`, 'INFO', [60, 120], ({ rng, t, rev }) => [{ stream: 'stdout', text: ex(t, rev, 'info', `reconciled ${rng.int(20, 400)} transfers against the bank file: 0 errors, ${rng.int(0, 3)} pending`) }]),
  ],
};
