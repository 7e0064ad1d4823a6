// notes-roda: Ruby 3.3, Roda 3.86 on Puma 6, redis-rb 5, rack-timeout. The morning revision logs with
// Ruby's Logger default format (`E, [2026-12-02T10:00:00.123456 #1] ERROR -- notes: msg`, the error_handler
// plugin writing `Class: message` and the backtrace on the lines after), the later one with a JSON
// formatter (`time`, `level`, `progname`, `msg`, the exception nested under `error{class, message,
// backtrace}`; no `severity`). Rack's CommonLogger writes the access lines; Puma writes its own parse
// errors with no level.
import type { Ctx, ServiceDef, Write } from '../stranger/model.js';
import { clfTime, isoMicros, rubyTime } from './clock.js';
import { familyOf } from './family.js';

const SERVICE = 'notes-roda';
const fam = familyOf(SERVICE);
const GEMS = '/usr/local/bundle/gems';

const LEVEL_PAD: Record<string, string> = { INFO: ' INFO', WARN: ' WARN', ERROR: 'ERROR' };

function rec(ctx: Ctx, level: 'INFO' | 'WARN' | 'ERROR', msg: string, error?: { cls: string; message: string; backtrace: string[] }): Write {
  if (ctx.rev === 1) {
    return { stream: 'stdout', json: { time: `${isoMicros(ctx.t)}Z`, level, progname: 'notes', msg, ...(error ? { error: { class: error.cls, message: error.message, backtrace: error.backtrace } } : {}) } };
  }
  const body = error ? `${error.cls}: ${error.message}\n${error.backtrace.join('\n')}` : msg;
  return { stream: 'stdout', text: `${level[0]}, [${isoMicros(ctx.t)} #1] ${LEVEL_PAD[level]} -- notes: ${body}` };
}

const roda = [
  `${GEMS}/roda-3.86.0/lib/roda/plugins/error_handler.rb:72:in \`_roda_handle_main_route'`,
  `${GEMS}/roda-3.86.0/lib/roda.rb:550:in \`call'`,
  `${GEMS}/rack-3.1.8/lib/rack/common_logger.rb:43:in \`call'`,
  `${GEMS}/puma-6.4.3/lib/puma/request.rb:99:in \`handle_request'`,
];

export const notesRoda: ServiceDef = {
  name: SERVICE,
  stack: 'Ruby 3.3, Roda 3.86, Puma 6.4, redis-rb 5, rack-timeout',
  splitRate: 0.75,
  families: [
    fam('access', 'INFO', [320, 500], (ctx) => {
      const status = ctx.rng.weighted([[200, 80], [302, 8], [404, 8], [500, 4]] as const);
      return [{ stream: 'stdout', text: `${ctx.rng.publicIpv4()} - - [${clfTime(ctx.t)}] "${ctx.rng.pick(['GET', 'POST'])} /notes/${ctx.rng.int(1, 20000)} HTTP/1.1" ${status} ${ctx.rng.int(200, 9000)} ${ctx.rng.fixed(0.002, 0.4, 4)}` }];
    }),
    fam('sync', 'INFO', [30, 60], (ctx) => [rec(ctx, 'INFO', `synced ${ctx.rng.int(1, 40)} notes to search index, errors=0`)]),
    fam('redis-cannot-connect', 'ERROR', [8, 24], (ctx) => {
      const ip = `10.8.${ctx.rng.int(0, 3)}.5`;
      return [rec(ctx, 'ERROR', 'request failed', {
        cls: 'Redis::CannotConnectError', message: `Error connecting to Redis on ${ip}:6379 (Errno::ECONNREFUSED)`,
        backtrace: [`${GEMS}/redis-client-0.22.2/lib/redis_client/ruby_connection.rb:135:in \`rescue in connect'`, `${GEMS}/redis-5.3.0/lib/redis/client.rb:91:in \`blocking_call_v'`, '/app/notes/session_store.rb:22:in `fetch\'', ...roda],
      })];
    }, 0.35),
    fam('title-nomethod', 'ERROR', [5, 14], (ctx) => [rec(ctx, 'ERROR', 'request failed', {
      cls: 'NoMethodError', message: 'undefined method `strip\' for nil',
      backtrace: ['/app/notes/routes/notes.rb:48:in `block (2 levels) in <class:App>\'', ...roda],
    })]),
    fam('rack-timeout', 'ERROR', [4, 12], (ctx) => [rec(ctx, 'ERROR', 'request failed', {
      cls: 'Rack::Timeout::RequestTimeoutException', message: `Request ran for longer than 15000ms`,
      backtrace: [`${GEMS}/pg-1.5.8/lib/pg/connection.rb:242:in \`exec_params'`, '/app/notes/repo.rb:61:in `search\'', ...roda],
    })]),
    fam('puma-parse-error', 'ERROR', [10, 30], (ctx) => [{ stream: 'stdout',
      text: `${rubyTime(ctx.t)}: HTTP parse error, malformed request: ${ctx.rng.publicIpv4()}: #<Puma::HttpParserError: Invalid HTTP format, parsing fails. Are you trying to open an SSL connection to a non-SSL Puma?>` }]),
    // Frequent and real: markdown rendering too slow.
    fam('render-slow', 'WARNING', [70, 180], (ctx) => [rec(ctx, 'WARN', `markdown render slow note_id=${ctx.rng.int(1, 20000)} ms=${ctx.rng.int(600, 4000)}`)]),
  ],
};
