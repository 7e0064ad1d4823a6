// Phoenix 1.7 on Bandit with Ecto/Postgrex. Elixir's Logger default console format (`$time $metadata
// [$level] $message`, metadata request_id) on the morning revision, LoggerJSON's GoogleCloud formatter
// after (a JSON line with `severity`, `message`, `time`, the source location, and for a crash the
// Error Reporting `@type` and `stack_trace`). Crash reports read `GenServer X terminating` / `** (Kind)
// msg` / indented `(app vsn) file:line: Mod.fun/arity` frames / `Last message:` / `State:`; a request
// that raises is logged by Bandit with the `** (Kind) msg` and frames.
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { hmsMillis, isoMillis } from './clock.js';

const reqId = (rng: Prng): string => `F${rng.base64url(19)}`;

/** One Logger event as each revision writes it; `crash` holds the report's `** (Kind) ...` and frames. */
function logger(rev: 0 | 1, t: number, rng: Prng, level: 'info' | 'warning' | 'error', msg: string, where: { file: string; line: number; fn: string }, crash?: string): Write {
  const rid = reqId(rng);
  if (rev === 0) {
    const meta = where.file.startsWith('lib/chat_web') ? `request_id=${rid} ` : '';
    return { stream: 'stdout', text: `${hmsMillis(t)} ${meta}[${level}] ${msg}` };
  }
  const json: Record<string, unknown> = {
    time: isoMillis(t), severity: level === 'warning' ? 'WARNING' : level.toUpperCase(), message: msg,
    'logging.googleapis.com/sourceLocation': { file: where.file, line: where.line, function: where.fn },
    request_id: rid,
  };
  if (crash !== undefined) {
    json['@type'] = 'type.googleapis.com/google.devtools.clouderrorreporting.v1beta1.ReportedErrorEvent';
    json.stack_trace = crash;
    json.serviceContext = { service: 'chat-phoenix', version: '0.1.0' };
  }
  return { stream: 'stdout', json };
}

const poolFrames = `    (db_connection 2.7.0) lib/db_connection.ex:1000: DBConnection.transaction/3
    (ecto_sql 3.12.1) lib/ecto/adapters/sql.ex:1071: Ecto.Adapters.SQL.checkout_or_transaction/4
    (chat 0.1.0) lib/chat/messages.ex:44: Chat.Messages.list_recent/2
    (chat 0.1.0) lib/chat_web/controllers/message_controller.ex:18: ChatWeb.MessageController.index/2
    (chat 0.1.0) lib/chat_web/controllers/message_controller.ex:1: ChatWeb.MessageController.action/2
    (chat 0.1.0) lib/chat_web/controllers/message_controller.ex:1: ChatWeb.MessageController.phoenix_controller_pipeline/2
    (phoenix 1.7.14) lib/phoenix/router.ex:484: Phoenix.Router.__call__/5
    (chat 0.1.0) lib/chat_web/endpoint.ex:1: ChatWeb.Endpoint.plug_builder_call/2
    (bandit 1.5.7) lib/bandit/pipeline.ex:127: Bandit.Pipeline.call_plug!/2`;

const poolMsg = (ms: number): string => `** (DBConnection.ConnectionError) connection not available and request was dropped from queue after ${ms}ms. This means requests are coming in and your connection pool cannot serve them fast enough. You can address this by:

  1. Ensuring your database is available and that you can connect to it
  2. Tracking down slow queries and making sure they are running fast enough
  3. Increasing the pool_size (although this increases resource consumption)
  4. Allowing requests to wait longer by increasing :queue_target and :queue_interval

See DBConnection.start_link/2 for more information
`;

function presenceCrash(rng: Prng): string {
  const room = `room:${rng.int(1, 400)}`;
  return `GenServer Chat.Presence.Tracker terminating
** (ArgumentError) errors were found at the given arguments:

  * 1st argument: the table identifier does not refer to an existing ETS table

    (stdlib 6.1) :ets.lookup(:presence_shards, "${room}")
    (chat 0.1.0) lib/chat/presence/tracker.ex:88: Chat.Presence.Tracker.handle_info/2
    (stdlib 6.1) gen_server.erl:2345: :gen_server.try_handle_info/3
    (stdlib 6.1) gen_server.erl:2433: :gen_server.handle_msg/6
    (stdlib 6.1) proc_lib.erl:329: :proc_lib.init_p_do_apply/3
Last message: {:heartbeat, "${room}"}
State: %{shards: 16, topic: "${room}", pending: ${rng.int(0, 40)}}`;
}

function channelCrash(rng: Prng): string {
  const pid = `#PID<0.${rng.int(1000, 99999)}.0>`;
  const room = rng.int(1, 400);
  return `GenServer ${pid} terminating
** (FunctionClauseError) no function clause matching in ChatWeb.RoomChannel.handle_in/3
    (chat 0.1.0) lib/chat_web/channels/room_channel.ex:34: ChatWeb.RoomChannel.handle_in("typing", %{"room" => ${room}, "user" => nil}, %Phoenix.Socket{assigns: %{user_id: ${rng.int(1, 90000)}}, channel: ChatWeb.RoomChannel, endpoint: ChatWeb.Endpoint, joined: true, topic: "room:${room}", transport: :websocket})
    (phoenix 1.7.14) lib/phoenix/channel/server.ex:322: Phoenix.Channel.Server.handle_info/2
    (stdlib 6.1) gen_server.erl:2345: :gen_server.try_handle_info/3
    (stdlib 6.1) gen_server.erl:2433: :gen_server.handle_msg/6
    (stdlib 6.1) proc_lib.erl:329: :proc_lib.init_p_do_apply/3
Last message: %Phoenix.Socket.Message{topic: "room:${room}", event: "typing", payload: %{"room" => ${room}, "user" => nil}, ref: "${rng.int(1, 90)}", join_ref: "${rng.int(1, 9)}"}
State: %Phoenix.Socket{assigns: %{user_id: ${rng.int(1, 90000)}}, channel: ChatWeb.RoomChannel, joined: true, topic: "room:${room}"}`;
}

/** A crash written whole: the text form puts the report after the header, the JSON one in `message`. */
function crash(rev: 0 | 1, t: number, rng: Prng, report: string, where: { file: string; line: number; fn: string }): Write {
  const [first, ...rest] = report.split('\n');
  return logger(rev, t, rng, 'error', report, where, rev === 1 ? `${first}\n${rest.filter((l) => l.startsWith('    (')).join('\n')}` : undefined);
}

const families: Family[] = [
  {
    name: 'chat-phoenix:db-pool-queue-timeout', level: 'ERROR', perDay: [20, 60], burst: 0.3,
    emit: ({ rng, t, rev }) => [crash(rev, t, rng, `${poolMsg(rng.pick([2000, 2000, 3112]))}\n${poolFrames}`, { file: 'lib/bandit/pipeline.ex', line: 127, fn: 'Bandit.Pipeline.call_plug!/2' })],
  },
  {
    name: 'chat-phoenix:presence-tracker-ets-missing', level: 'ERROR', perDay: [3, 10],
    emit: ({ rng, t, rev }) => [crash(rev, t, rng, presenceCrash(rng), { file: 'gen_server.erl', line: 2433, fn: ':gen_server.handle_msg/6' })],
  },
  {
    name: 'chat-phoenix:room-channel-typing-clause', level: 'ERROR', perDay: [5, 20],
    emit: ({ rng, t, rev }) => [crash(rev, t, rng, channelCrash(rng), { file: 'gen_server.erl', line: 2433, fn: ':gen_server.handle_msg/6' })],
  },
  {
    name: 'chat-phoenix:push-delivery-timeout', level: 'WARNING', perDay: [80, 200],
    emit: ({ rng, t, rev }) => [logger(rev, t, rng, 'warning', `push delivery to ${rng.int(1, 90000)} failed, retrying in ${rng.pick([30, 60, 120])}s: %Mint.TransportError{reason: :timeout}`, { file: 'lib/chat/push.ex', line: 61, fn: 'Chat.Push.deliver/2' })],
  },
  {
    // The BEAM cannot grow a heap and writes its crash dump; the process ends.
    name: 'chat-phoenix:beam-heap-alloc', level: 'CRITICAL', perDay: [1, 3],
    emit: ({ rng }) => [
      { stream: 'stderr', text: `eheap_alloc: Cannot allocate ${rng.int(100_000_000, 900_000_000)} bytes of memory (of type "heap").\n\nCrash dump is being written to: erl_crash.dump...done` },
      { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(1).', as: { family: 'chat-phoenix:container-exit', level: 'WARNING' } },
    ],
  },
  {
    name: 'noise:chat-phoenix:requests', level: 'INFO', perDay: [300, 600],
    emit: ({ rng, t, rev }) => {
      const path = rng.pick(['/api/rooms', `/api/rooms/${rng.int(1, 400)}/messages`, '/health']);
      const where = { file: 'lib/phoenix/logger.ex', line: 0, fn: 'Phoenix.Logger' };
      return [logger(rev, t, rng, 'info', `GET ${path}`, where), logger(rev, t + 4000, rng, 'info', `Sent ${rng.pick([200, 200, 200, 500])} in ${rng.int(1, 90)}ms`, where)];
    },
  },
  {
    name: 'noise:chat-phoenix:presence', level: 'INFO', perDay: [100, 200],
    emit: ({ rng, t, rev }) => [logger(rev, t, rng, 'info', `presence sync for ${rng.int(1, 400)} rooms done, 0 errors`, { file: 'lib/chat/presence/tracker.ex', line: 120, fn: 'Chat.Presence.Tracker.handle_info/2' })],
  },
];

export const chatPhoenix: ServiceDef = { name: 'chat-phoenix', stack: 'Elixir 1.17, Phoenix 1.7, Bandit, Ecto', splitRate: 0.75, families };
