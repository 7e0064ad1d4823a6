// The Ruby service: a chat relay on Falcon (async, the Console gem) with Rails 7.2 for the API.
import type { Prng } from '../prng.js';
import type { ServiceDef } from '../stranger/model.js';
import { rubyTime } from './clock.js';
import { fam } from './shared.js';

// Falcon 0.48 with CONSOLE_OUTPUT=Text (the terminal format without colours): a header
// `  ELAPSED  level: Subject [oid=0x..] [ec=0x..] [pid=N] [time]`, then the message and the exception
// each line behind `               | `, the first frame marked `→`. The elapsed time counts from the
// process start (`0.0s`, `12m`, `3h`). Gem paths move with the rollout (async 2.20 then 2.21).
const CH = 'chat-falcon';
const GEMS = (_rev: 0 | 1): string => '/usr/local/bundle/ruby/3.3.0/gems';
const elapsed = (rng: Prng): string => rng.pick([`${rng.fixed(0.1, 59, 1)}s`, `${rng.int(1, 59)}m`, `${rng.int(1, 20)}h`]);
function consoleRecord(rng: Prng, t: number, level: 'warn' | 'error' | 'info', subject: string, lines: readonly string[]): string {
  const head = `${elapsed(rng).padStart(6)} ${level.padStart(8)}: ${subject} [oid=0x${rng.hex(4)}] [ec=0x${rng.hex(4)}] [pid=1] [${rubyTime(t)}]`;
  return [head, ...lines.map((l) => `               | ${l}`)].join('\n');
}
const asyncFrames = (rev: 0 | 1): string[] => [
  `    ${GEMS(rev)}/async-${rev === 0 ? '2.20.0' : '2.21.1'}/lib/async/task.rb:${rev === 0 ? 197 : 201} in \`block in run'`,
  `    ${GEMS(rev)}/async-${rev === 0 ? '2.20.0' : '2.21.1'}/lib/async/task.rb:${rev === 0 ? 422 : 431} in \`block in schedule'`,
];
export const chatFalcon: ServiceDef = {
  name: CH, stack: 'Ruby 3.3, Falcon 0.48 (async 2.20 then 2.21, async-http, the Console gem), Rails 7.2 API, redis-client 0.22 on Memorystore, PostgreSQL', splitRate: 0.6,
  families: [
    // A client dropped the socket under the HTTP/1 reader: async's warning for a task nobody waited on.
    fam(`${CH}:econnreset`, 'WARNING', [80, 160], ({ rng, t, rev }) => [{ stream: 'stdout', text: consoleRecord(rng, t, 'warn', 'Async::Task', [
      'Task may have ended with unhandled exception.',
      '  Errno::ECONNRESET: Connection reset by peer',
      `  → ${GEMS(rev)}/io-stream-0.6.1/lib/io/stream/buffered.rb:114 in \`read_nonblock'`,
      `    ${GEMS(rev)}/io-stream-0.6.1/lib/io/stream/buffered.rb:114 in \`sysread'`,
      `    ${GEMS(rev)}/io-stream-0.6.1/lib/io/stream/generic.rb:327 in \`fill_read_buffer'`,
      `    ${GEMS(rev)}/protocol-http1-0.28.1/lib/protocol/http1/connection.rb:${rev === 0 ? 289 : 291} in \`read_line?'`,
      `    ${GEMS(rev)}/async-http-0.82.3/lib/async/http/protocol/http1/server.rb:${rev === 0 ? 62 : 64} in \`each'`,
      ...asyncFrames(rev),
    ]) }]),
    fam(`${CH}:relay-redis-timeout`, 'ERROR', [20, 50], ({ rng, t, rev }) => [{ stream: 'stdout', text: consoleRecord(rng, t, 'error', 'ChatRelay', [
      `Failed to deliver message ${rng.uuid()} to room ${rng.int(1, 4000)}`,
      '  RedisClient::ReadTimeoutError: Waited 1.0 seconds (redis://10.12.0.4:6379)',
      `  → ${GEMS(rev)}/redis-client-0.22.2/lib/redis_client/ruby_connection/buffered_io.rb:214 in \`block in fill_buffer'`,
      `    ${GEMS(rev)}/redis-client-0.22.2/lib/redis_client/ruby_connection/buffered_io.rb:197 in \`loop'`,
      `    ${GEMS(rev)}/redis-client-0.22.2/lib/redis_client.rb:385 in \`call_v'`,
      '    /app/app/relays/chat_relay.rb:41 in `publish\'',
      '    /app/app/relays/chat_relay.rb:18 in `block in deliver\'',
      ...asyncFrames(rev),
    ]) }], 0.3),
    fam(`${CH}:ar-pool-timeout`, 'WARNING', [10, 30], ({ rng, t, rev }) => [{ stream: 'stdout', text: consoleRecord(rng, t, 'warn', 'Async::Task', [
      'Task may have ended with unhandled exception.',
      `  ActiveRecord::ConnectionTimeoutError: could not obtain a connection from the pool within 5.000 seconds (waited 5.00${rng.int(1, 9)} seconds); all pooled connections were in use`,
      `  → ${GEMS(rev)}/activerecord-7.2.2/lib/active_record/connection_adapters/abstract/connection_pool/queue.rb:128 in \`block in wait_poll'`,
      `    ${GEMS(rev)}/activerecord-7.2.2/lib/active_record/connection_adapters/abstract/connection_pool.rb:728 in \`acquire_connection'`,
      `    ${GEMS(rev)}/activerecord-7.2.2/lib/active_record/connection_adapters/abstract/connection_pool.rb:339 in \`checkout'`,
      '    /app/app/relays/presence.rb:27 in `block in broadcast\'',
      ...asyncFrames(rev),
    ]) }]),
    fam(`noise:${CH}:info`, 'INFO', [300, 500], ({ rng, t }) => [{ stream: 'stdout', text: consoleRecord(rng, t, 'info', rng.pick(['ChatRelay', 'Falcon::Service::Server', 'Presence']), [
      rng.pick([`Delivered ${rng.int(1, 80)} messages to room ${rng.int(1, 4000)} (errors=0)`, 'Starting server...', `Presence sweep: ${rng.int(0, 300)} sockets, 0 errors`]),
    ]) }]),
  ],
};
