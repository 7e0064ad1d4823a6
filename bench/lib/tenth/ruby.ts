// books-hanami: Ruby 3.3, Hanami 2.1 on Puma, ROM over Sequel and pg, logging through dry-logger. The
// morning revision uses dry-logger's string formatter as Hanami sets it
// (`[progname] [LEVEL] [time] message`; the request line `GET 200 12ms ip /path -`; an exception as
// `message (Class)` then its backtrace one frame a line); the later revision switches Hanami's logger to
// `formatter: :json`, one object per record, an exception nested under `exception`
// (`error`, `message`, `backtrace`). dry-logger's JSON carries `severity`, which Cloud Run reads.
import type { Ctx, ServiceDef, Write } from '../stranger/model.js';
import { isoMicros, rubyTime } from './clock.js';
import { familyOf } from './family.js';

const S = 'books-hanami';
const fam = familyOf(S);
const GEMS = '/usr/local/bundle/gems';

function log(ctx: Ctx, level: 'INFO' | 'WARN' | 'ERROR', message: string, payload?: Record<string, unknown>, text?: string): Write {
  if (ctx.rev === 0) return { stream: 'stdout', text: `[bookshelf] [${level}] [${rubyTime(ctx.t)}] ${text ?? message}` };
  return { stream: 'stdout', json: { progname: 'bookshelf', severity: level, time: isoMicros(ctx.t), ...(message === '' ? {} : { message }), ...payload } };
}

function failed(ctx: Ctx, error: string, message: string, backtrace: string[]): Write {
  return log(ctx, 'ERROR', '', { exception: { error, message, backtrace } }, `${message} (${error})\n${backtrace.join('\n')}`);
}

const sequelFrames = (top: string[]): string[] => [
  ...top,
  `${GEMS}/sequel-5.85.0/lib/sequel/database/connecting.rb:278:in \`synchronize'`,
  `${GEMS}/sequel-5.85.0/lib/sequel/dataset/actions.rb:1105:in \`execute'`,
  `${GEMS}/rom-sql-3.6.4/lib/rom/sql/relation/reading.rb:71:in \`first'`,
  "/app/slices/catalog/repos/book_repo.rb:18:in `by_isbn'",
  "/app/slices/catalog/actions/books/show.rb:14:in `handle'",
  `${GEMS}/hanami-controller-2.1.0/lib/hanami/action.rb:319:in \`call'`,
  `${GEMS}/hanami-router-2.1.0/lib/hanami/router.rb:105:in \`call'`,
  `${GEMS}/puma-6.4.3/lib/puma/request.rb:100:in \`handle_request'`,
];

export const booksHanami: ServiceDef = {
  name: S, stack: 'Ruby 3.3, Hanami 2.1, ROM 5 / Sequel 5, pg, Puma 6, dry-logger', splitRate: 0.75,
  families: [
    fam('pg-connection-refused', 'ERROR', [8, 24], (ctx) => {
      const ip = `10.20.0.${ctx.rng.int(2, 9)}`;
      return [failed(ctx, 'Sequel::DatabaseConnectionError',
        `PG::ConnectionBad: connection to server at "${ip}", port 5432 failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?`,
        sequelFrames([
          `${GEMS}/sequel-5.85.0/lib/sequel/adapters/postgres.rb:208:in \`initialize'`,
          `${GEMS}/sequel-5.85.0/lib/sequel/adapters/postgres.rb:208:in \`new'`,
          `${GEMS}/sequel-5.85.0/lib/sequel/adapters/postgres.rb:208:in \`connect'`,
          `${GEMS}/sequel-5.85.0/lib/sequel/connection_pool.rb:122:in \`make_new'`,
        ]))];
    }, 0.3),
    fam('pool-timeout', 'ERROR', [6, 18], (ctx) => [failed(ctx, 'Sequel::PoolTimeout',
      `timeout: 5.0, elapsed: ${(5 + ctx.rng.next() / 100).toFixed(7)}`,
      sequelFrames([
        `${GEMS}/sequel-5.85.0/lib/sequel/connection_pool/timed_queue.rb:249:in \`raise_pool_timeout'`,
        `${GEMS}/sequel-5.85.0/lib/sequel/connection_pool/timed_queue.rb:199:in \`acquire'`,
        `${GEMS}/sequel-5.85.0/lib/sequel/connection_pool/timed_queue.rb:90:in \`hold'`,
      ]))]),
    fam('openlibrary-slow', 'WARNING', [90, 240], (ctx) => {
      const isbn = `978${ctx.rng.int(0, 1)}${String(ctx.rng.int(0, 999_999_999)).padStart(9, '0')}`;
      const secs = (2 + ctx.rng.next() * 6).toFixed(2);
      return [log(ctx, 'WARN', 'openlibrary lookup slow', { isbn, seconds: Number(secs) }, `openlibrary lookup slow isbn=${isbn} seconds=${secs}`)];
    }),
    fam('requests', 'INFO', [300, 600], (ctx) => {
      const status = ctx.rng.weighted<number>([[200, 50], [404, 2], [500, 1]]);
      const path = ctx.rng.pick(['/books', `/books/${ctx.rng.int(1, 9000)}`, '/authors']);
      const ms = ctx.rng.int(2, 400);
      const ip = ctx.rng.publicIpv4();
      return [log(ctx, 'INFO', '', { verb: 'GET', status, elapsed: `${ms}ms`, ip, path, length: ctx.rng.int(100, 9000), params: {} }, `GET ${status} ${ms}ms ${ip} ${path} -`)];
    }),
  ],
};
