// jobs-oban: Elixir 1.17 with Oban 2.18 and a Plug.Cowboy webhook endpoint, Ecto on Postgres. Elixir's
// Logger default console format (`\n$time $metadata[$level] $message\n`, metadata `request_id`) on the
// morning revision; the afternoon one sets `format: "$date $time [$level] $metadata$message\n"` with
// `metadata: [:mfa]`. Oban's default logger (Oban.Telemetry.attach_default_logger) writes each job event
// as one JSON-encoded message inside the Logger line (`"event":"job:exception"` at error with `error`
// holding the formatted exception, `"event":"job:stop"` at info). Plug.Cowboy's crash report
// (`#PID<…> running Endpoint (connection …, stream id 1) terminated` / `Server:` / `Request:` /
// `** (exit) an exception was raised:` and the indented frames) and DBConnection's checkout warning.
// Shapes from oban-bg/oban#305, #30 and OpenFn/lightning#690.
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import type { Prng } from '../prng.js';
import { elixirDate, elixirTime } from './clock.js';

type ExLevel = 'info' | 'warning' | 'error';

function logger(rng: Prng, t: number, rev: 0 | 1, level: ExLevel, message: string, mfa = 'Oban.Telemetry.handle_event/4'): Write {
  if (rev === 1) return { stream: 'stdout', text: `${elixirDate(t)} ${elixirTime(t)} [${level}] mfa=${mfa} ${message}` };
  const meta = rng.chance(0.5) ? `request_id=${rng.base64url(20)} ` : '';
  return { stream: 'stdout', text: `${elixirTime(t)} ${meta}[${level}] ${message}` };
}

const pid = (rng: Prng): string => `#PID<0.${rng.int(1000, 9999)}.0>`;

function obanEvent(rng: Prng, worker: string, queue: string, event: 'job:stop' | 'job:exception', error?: string): string {
  const o: Record<string, unknown> = {
    args: { user_id: rng.int(1, 90000) }, attempt: rng.int(1, 5), duration: rng.int(900, 90000000), event, id: rng.int(100000, 999999),
    max_attempts: 20, meta: {}, queue, queue_time: rng.int(1000, 9000000), source: 'oban', state: event === 'job:stop' ? 'success' : 'failure', tags: [], worker,
  };
  if (error !== undefined) o.error = error;
  return JSON.stringify(o);
}

export const jobsOban: ServiceDef = {
  name: 'jobs-oban', stack: 'Elixir 1.17, Oban 2.18, Plug.Cowboy, Ecto, Finch/Req', splitRate: 0.7,
  families: [
    {
      name: 'jobs-oban:send-digest-transport-timeout', level: 'ERROR', perDay: [15, 40],
      emit: ({ rng, t, rev }) => [logger(rng, t, rev, 'error', obanEvent(rng, 'Harbor.Workers.SendDigest', 'mailers', 'job:exception',
        '** (Req.TransportError) timeout\n    (req 0.5.6) lib/req.ex:1092: Req.request!/2\n    (harbor 1.4.0) lib/harbor/mailer/postmark.ex:41: Harbor.Mailer.Postmark.deliver/1\n    (harbor 1.4.0) lib/harbor/workers/send_digest.ex:22: Harbor.Workers.SendDigest.perform/1\n    (oban 2.18.3) lib/oban/queue/executor.ex:129: Oban.Queue.Executor.perform/1'))],
    },
    {
      name: 'jobs-oban:sync-inventory-constraint', level: 'ERROR', perDay: [8, 20],
      emit: ({ rng, t, rev }) => [logger(rng, t, rev, 'error', obanEvent(rng, 'Harbor.Workers.SyncInventory', 'default', 'job:exception',
        '** (Ecto.ConstraintError) constraint error when attempting to insert struct:\n\n    * "stock_levels_product_id_fkey" (foreign_key_constraint)\n\nIf you would like to stop this constraint violation from raising an\nexception and instead add it as an error to your changeset, please\ncall `foreign_key_constraint/3` on your changeset with the constraint\n`:name` as an option.\n\nThe changeset has not defined any constraint.\n\n    (ecto 3.12.4) lib/ecto/repo/schema.ex:815: anonymous fn/4 in Ecto.Repo.Schema.constraints_to_errors/3\n    (harbor 1.4.0) lib/harbor/workers/sync_inventory.ex:37: Harbor.Workers.SyncInventory.perform/1'))],
    },
    {
      // A provider posting an HTML error page to the webhook: Plug.Cowboy's crash report.
      name: 'jobs-oban:webhook-json-decode', level: 'ERROR', perDay: [8, 25],
      emit: ({ rng, t, rev }) => {
        const p = pid(rng);
        const body = [
          `${p} running HarborWeb.Endpoint (connection ${pid(rng)}, stream id 1) terminated`,
          'Server: jobs-oban.internal:8080 (http)',
          `Request: POST /webhooks/${rng.pick(['postmark', 'shopify'])}`,
          '** (exit) an exception was raised:',
          '    ** (Jason.DecodeError) unexpected byte at position 0: 0x3C ("<")',
          '        (jason 1.4.4) lib/jason.ex:92: Jason.decode!/2',
          '        (harbor 1.4.0) lib/harbor_web/webhook_plug.ex:18: HarborWeb.WebhookPlug.call/2',
          '        (harbor 1.4.0) lib/harbor_web/endpoint.ex:1: HarborWeb.Endpoint.plug_builder_call/2',
          '        (harbor 1.4.0) lib/harbor_web/endpoint.ex:1: HarborWeb.Endpoint.call/2',
          '        (plug_cowboy 2.7.2) lib/plug/cowboy/handler.ex:11: Plug.Cowboy.Handler.init/2',
          '        (cowboy 2.12.0) /app/deps/cowboy/src/cowboy_handler.erl:37: :cowboy_handler.execute/2',
          '        (cowboy 2.12.0) /app/deps/cowboy/src/cowboy_stream_h.erl:306: :cowboy_stream_h.execute/3',
          '        (cowboy 2.12.0) /app/deps/cowboy/src/cowboy_stream_h.erl:295: :cowboy_stream_h.request_process/3',
        ].join('\n');
        return [logger(rng, t, rev, 'error', body, 'Plug.Cowboy.Translator.translate/4')];
      },
    },
    {
      name: 'jobs-oban:db-checkout-timed-out', level: 'WARNING', perDay: [100, 250],
      emit: ({ rng, t, rev }) => [logger(rng, t, rev, 'warning', `Postgrex.Protocol (${pid(rng)}) disconnected: ** (DBConnection.ConnectionError) client ${pid(rng)} timed out because it queued and checked out the connection for longer than 15000ms`, 'DBConnection.Connection.handle_event/4')],
    },
    {
      name: 'noise:jobs-oban:job-done', level: 'INFO', perDay: [300, 600],
      emit: ({ rng, t, rev }) => [logger(rng, t, rev, 'info', obanEvent(rng, rng.pick(['Harbor.Workers.SendDigest', 'Harbor.Workers.SyncInventory', 'Harbor.Workers.PruneSessions']), rng.pick(['default', 'mailers']), 'job:stop'))],
    },
    {
      name: 'noise:jobs-oban:plug-requests', level: 'INFO', perDay: [100, 200],
      emit: ({ rng, t, rev }) => {
        const path = `/webhooks/${rng.pick(['postmark', 'shopify'])}`;
        return [logger(rng, t, rev, 'info', rng.chance(0.5) ? `POST ${path}` : `Sent ${rng.pick([200, 200, 202, 400])} in ${rng.int(1, 900)}ms`, 'Plug.Logger.call/2')];
      },
    },
  ] satisfies Family[],
};
