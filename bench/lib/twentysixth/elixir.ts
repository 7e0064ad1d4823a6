// The day's Elixir service: Phoenix on Bandit, Logger's default console format, then LoggerJSON's
// Google Cloud formatter.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { hmsMillis, isoMicros } from './clock.js';
import { digits, fam, traceOf } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// bookings-phoenix: Elixir 1.17, Phoenix 1.7 on Bandit 1.6, Ecto 3.12 with Postgrex to Cloud SQL for
// PostgreSQL, Req 0.5 to a calendar partner. Morning revision: Logger's default console handler
// (`\n$time $metadata[$level] $message\n`, metadata `[:request_id]`) on stdout; an exception escaping a
// controller is Bandit's `** (Kind) message` report with the stacktrace lines under it. From the
// rollout LoggerJSON 6 with `LoggerJSON.Formatters.GoogleCloud` (`severity`, `message`, `time`,
// `logging.googleapis.com/sourceLocation`, `logging.googleapis.com/operation` with the pid, the
// request_id; crash reports with the Error Reporting `@type`, `stack_trace` and `serviceContext`).
const BP = 'bookings-phoenix';

interface Rec { level: 'info' | 'warning' | 'error'; msg: string; mfa?: [string, string, number]; crash?: { kind: string; message: string; frames: string } }
const SEV: Record<Rec['level'], string> = { info: 'INFO', warning: 'WARNING', error: 'ERROR' };
const pid = (rng: Prng): string => `#PID<0.${rng.int(300, 9000)}.0>`;

function logger(rng: Prng, t: number, rev: 0 | 1, r: Rec, requestId?: string): Write {
  if (rev === 0) {
    const body = r.crash ? `** (${r.crash.kind}) ${r.crash.message}\n${r.crash.frames}` : r.msg;
    return { stream: 'stdout', text: `${hmsMillis(t)} ${requestId ? `request_id=${requestId} ` : ''}[${r.level}] ${body}` };
  }
  const json: Record<string, unknown> = { severity: SEV[r.level], time: isoMicros(t), 'logging.googleapis.com/operation': { pid: pid(rng) } };
  if (r.mfa) json['logging.googleapis.com/sourceLocation'] = { file: r.mfa[0], function: r.mfa[1], line: r.mfa[2] };
  if (requestId) { json.request_id = requestId; json['logging.googleapis.com/trace'] = traceOf(rng); }
  if (r.crash) {
    json['@type'] = 'type.googleapis.com/google.devtools.clouderrorreporting.v1beta1.ReportedErrorEvent';
    json.stack_trace = `** (${r.crash.kind}) ${r.crash.message}\n${r.crash.frames}`;
    json.serviceContext = { service: 'bookings@127.0.0.1' };
    json.message = `** (${r.crash.kind}) ${r.crash.message}`;
  } else json.message = r.msg;
  return { stream: 'stdout', json };
}

const reqId = (rng: Prng): string => `GA${rng.base64url(18)}`;

const POOL_MSG = (ms: number): string => `connection not available and request was dropped from queue after ${ms}ms. This means requests are coming in and your connection pool cannot serve them fast enough. You can address this by:\n\n  1. Ensuring your database is available and that you can connect to it\n  2. Tracking down slow queries and making sure they are running fast enough\n  3. Increasing the pool_size (although this increases resource consumption)\n  4. Allowing requests to wait longer by increasing :queue_target and :queue_interval\n\nSee DBConnection.start_link/2 for more information`;

const bpPool = fam(`${BP}:slots-pool-exhausted`, 'ERROR', [40, 110], ({ rng, t, rev }) => [logger(rng, t, rev, { level: 'error', msg: '', crash: {
  kind: 'DBConnection.ConnectionError', message: POOL_MSG(rng.int(2900, 3100)),
  frames: `    (ecto_sql 3.12.1) lib/ecto/adapters/sql.ex:1096: Ecto.Adapters.SQL.raise_sql_call_error/1\n    (ecto_sql 3.12.1) lib/ecto/adapters/sql.ex:994: Ecto.Adapters.SQL.execute/6\n    (ecto 3.12.4) lib/ecto/repo/queryable.ex:232: Ecto.Repo.Queryable.execute/4\n    (ecto 3.12.4) lib/ecto/repo/queryable.ex:19: Ecto.Repo.Queryable.all/3\n    (bookings 0.4.2) lib/bookings_web/controllers/slot_controller.ex:14: BookingsWeb.SlotController.index/2\n    (bookings 0.4.2) lib/bookings_web/controllers/slot_controller.ex:1: BookingsWeb.SlotController.action/2\n    (bookings 0.4.2) lib/bookings_web/controllers/slot_controller.ex:1: BookingsWeb.SlotController.phoenix_controller_pipeline/2\n    (phoenix 1.7.14) lib/phoenix/router.ex:484: Phoenix.Router.__call__/5`,
} }, reqId(rng))], 0.4);

// Postgrex's own report when Cloud SQL drops idle connections (maintenance, failover): the library's
// line, not a request's.
const bpDisconnected = fam(`${BP}:postgrex-disconnected`, 'ERROR', [20, 60], ({ rng, t, rev }) => {
  const msg = `Postgrex.Protocol (${pid(rng)}) disconnected: ** (DBConnection.ConnectionError) ${rng.pick(['tcp recv (idle): closed', 'tcp recv (idle): timeout', 'ssl recv (idle): closed'])}`;
  return [logger(rng, t, rev, { level: 'error', msg, mfa: ['lib/db_connection/connection.ex', 'Elixir.DBConnection.Connection.handle_event/4', 229] })];
}, 0.5);

const bpConstraint = fam(`${BP}:booking-slot-constraint`, 'ERROR', [20, 60], ({ rng, t, rev }) => [logger(rng, t, rev, { level: 'error', msg: '', crash: {
  kind: 'Ecto.ConstraintError', message: `constraint error when attempting to insert struct:\n\n    * "bookings_slot_id_starts_at_index" (unique_constraint)\n\nIf you would like to stop this constraint violation from raising an\nexception and instead add it as an error to your changeset, please\ncall \`unique_constraint/3\` on your changeset with the constraint\n\`:name\` as an option.\n\nThe changeset has not defined any constraint.`,
  frames: `    (ecto 3.12.4) lib/ecto/repo/schema.ex:881: anonymous fn/4 in Ecto.Repo.Schema.constraints_to_errors/3\n    (elixir 1.17.3) lib/enum.ex:1703: Enum."-map/2-lists^map/1-1-"/2\n    (ecto 3.12.4) lib/ecto/repo/schema.ex:865: Ecto.Repo.Schema.constraints_to_errors/3\n    (ecto 3.12.4) lib/ecto/repo/schema.ex:846: Ecto.Repo.Schema.apply/4\n    (ecto 3.12.4) lib/ecto/repo/schema.ex:416: anonymous fn/15 in Ecto.Repo.Schema.do_insert/4\n    (bookings 0.4.2) lib/bookings/reservations.ex:${rng.pick([41, 42])}: Bookings.Reservations.book/2\n    (bookings 0.4.2) lib/bookings_web/controllers/booking_controller.ex:22: BookingsWeb.BookingController.create/2\n    (phoenix 1.7.14) lib/phoenix/router.ex:484: Phoenix.Router.__call__/5`,
} }, reqId(rng))]);

// Req's retry step logs each retry of the calendar partner's timeouts as two warnings: the retry, then
// the exception (one failure, two records).
const bpRetry = fam(`${BP}:calendar-retry-timeout`, 'WARNING', [80, 200], ({ rng, t, rev }) => {
  const left = rng.int(1, 3);
  const mfa: [string, string, number] = ['lib/req/steps.ex', 'Elixir.Req.Steps.log_retry/5', 2008];
  return [
    logger(rng, t, rev, { level: 'warning', msg: `retry: got exception, will retry in ${1000 * 2 ** (3 - left)}ms, ${left} attempt${left === 1 ? '' : 's'} left`, mfa }),
    logger(rng, t + rng.int(50, 2000), rev, { level: 'warning', msg: '** (Req.TransportError) timeout', mfa: ['lib/req/steps.ex', 'Elixir.Req.Steps.log_retry/5', 2013] }),
  ];
});

const bpChatter = fam(`noise:${BP}:chatter`, 'INFO', [290, 440], ({ rng, t, rev }) => {
  const id = reqId(rng);
  const path = rng.pick([`/api/slots?day=2026-12-${rng.int(6, 31)}`, '/api/bookings', `/api/bookings/${digits(rng, 6)}`]);
  return [rng.chance(0.5)
    ? logger(rng, t, rev, { level: 'info', msg: `${path === '/api/bookings' ? 'POST' : 'GET'} ${path.split('?')[0]}`, mfa: ['lib/phoenix/logger.ex', 'Elixir.Phoenix.Logger.phoenix_endpoint_start/4', 231] }, id)
    : logger(rng, t, rev, { level: 'info', msg: `Sent ${rng.pick([200, 200, 201, 204, 422])} in ${rng.int(1, 900)}ms`, mfa: ['lib/phoenix/logger.ex', 'Elixir.Phoenix.Logger.phoenix_endpoint_stop/4', 268] }, id)];
});

export const bookingsPhoenix: ServiceDef = {
  name: BP, stack: 'Elixir 1.17, Phoenix 1.7 on Bandit 1.6, Ecto 3.12 / Postgrex, Req 0.5, LoggerJSON 6 from the rollout', splitRate: 0.6,
  families: [bpPool, bpDisconnected, bpConstraint, bpRetry, bpChatter],
};
