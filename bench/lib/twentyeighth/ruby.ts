// The day's Ruby service: a Grape API on Puma without Rails, Ruby's Logger with its default formatter,
// then a JSON formatter; Rack::CommonLogger's access lines and Puma's own error lines beside them.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { clfTime, rubyTime, rubyTimeToS } from './clock.js';
import { digits, fam, peer } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// api-grape: Ruby 3.3, Grape 2.2 mounted in a bare Rack app (config.ru) on Puma 6.5 (single mode, 5
// threads), Sequel 5.86 on the pg gem 1.5 to Cloud SQL for PostgreSQL, an API-key middleware that reads
// the key's account with Sequel before Grape runs. `use Rack::CommonLogger, $stdout` writes Rack's
// access line (`ip - - [time] "GET /path HTTP/1.1" 500 - 0.1234`) on stdout. The app's logger is
// `Logger.new($stdout)`: morning revision Ruby's default formatter (`E, [2026-12-08T10:00:00.123456 #1]
// ERROR -- : msg`); from the rollout a formatter writing one JSON object (`severity`, `time`,
// `progname`, `message`). Grape's `rescue_from :all` logs `Class: message` and the backtrace and
// answers 500; an exception raised in the key middleware escapes to Puma, which writes `time Rack app
// ("GET /path" - (ip)): #<Class: message>` and the backtrace on stderr and answers 500 itself.
const RG = 'api-grape';

function rlog(t: number, rev: 0 | 1, level: 'ERROR' | 'WARN' | 'INFO', msg: string): Write {
  if (rev === 0) return { stream: 'stdout', text: `${level[0]}, [${rubyTime(t)} #1] ${level.padStart(5)} -- : ${msg}` };
  return { stream: 'stdout', json: { severity: level === 'WARN' ? 'WARNING' : level, time: `${rubyTime(t)}Z`, progname: 'api-grape', message: msg } };
}

const common = (rng: Prng, t: number, method: string, path: string, status: number, slow = false): Write => ({
  stream: 'stdout', text: `${peer(rng)} - - [${clfTime(t)}] "${method} ${path} HTTP/1.1" ${status} ${status >= 500 ? '-' : rng.int(40, 9000)} ${(slow ? rng.next() * 25 + 5 : rng.next() * 0.3).toFixed(4)}`,
});

const GEMS = '/usr/local/bundle/gems';
const GRAPE_TAIL = [
  `${GEMS}/grape-2.2.0/lib/grape/endpoint.rb:58:in \`block (2 levels) in generate_api_method'`,
  `${GEMS}/activesupport-7.2.2/lib/active_support/notifications.rb:212:in \`instrument'`,
  `${GEMS}/grape-2.2.0/lib/grape/endpoint.rb:57:in \`block in generate_api_method'`,
  `${GEMS}/grape-2.2.0/lib/grape/endpoint.rb:274:in \`block in run'`,
  `${GEMS}/grape-2.2.0/lib/grape/middleware/error.rb:37:in \`call!'`,
  `${GEMS}/rack-3.1.8/lib/rack/common_logger.rb:43:in \`call'`,
  `${GEMS}/puma-6.5.0/lib/puma/request.rb:99:in \`block in handle_request'`,
];

// Cloud SQL's maintenance drops connections Sequel still holds: the balance read fails on one.
const rgDisconnect = fam(`${RG}:ledger-balance-pg-disconnect`, 'ERROR', [30, 70], ({ rng, t, rev }) => {
  const acct = digits(rng, 6);
  const bt = [
    `${GEMS}/sequel-5.86.0/lib/sequel/adapters/postgres.rb:171:in \`exec'`,
    `${GEMS}/sequel-5.86.0/lib/sequel/adapters/postgres.rb:171:in \`block in execute_query'`,
    `${GEMS}/sequel-5.86.0/lib/sequel/database/logging.rb:38:in \`log_connection_yield'`,
    `${GEMS}/sequel-5.86.0/lib/sequel/adapters/postgres.rb:171:in \`execute_query'`,
    `${GEMS}/sequel-5.86.0/lib/sequel/dataset/actions.rb:1094:in \`_execute'`,
    `/app/lib/ledger/balances.rb:14:in \`for_account'`,
    `/app/api/v1/ledger.rb:22:in \`block (2 levels) in <class:Ledger>'`,
    ...GRAPE_TAIL,
  ].join('\n');
  return [
    rlog(t, rev, 'ERROR', `Sequel::DatabaseDisconnectError: PG::ConnectionBad: PQconsumeInput() SSL connection has been closed unexpectedly\n${bt}`),
    common(rng, t + 2000, 'GET', `/v1/accounts/${acct}/balance`, 500),
  ];
}, 0.3);

// The yearly statement query runs past statement_timeout (30s): a different operation, a different error.
const rgStatementTimeout = fam(`${RG}:statement-query-canceled`, 'ERROR', [20, 50], ({ rng, t, rev }) => {
  const acct = digits(rng, 6);
  const bt = [
    `${GEMS}/sequel-5.86.0/lib/sequel/adapters/postgres.rb:171:in \`exec'`,
    `${GEMS}/sequel-5.86.0/lib/sequel/adapters/postgres.rb:171:in \`execute_query'`,
    `${GEMS}/sequel-5.86.0/lib/sequel/dataset/actions.rb:1094:in \`_execute'`,
    `${GEMS}/sequel-5.86.0/lib/sequel/dataset/actions.rb:152:in \`each'`,
    `/app/lib/ledger/statements.rb:31:in \`rows'`,
    `/app/api/v1/statements.rb:18:in \`block (2 levels) in <class:Statements>'`,
    ...GRAPE_TAIL,
  ].join('\n');
  return [
    rlog(t, rev, 'ERROR', `Sequel::DatabaseError: PG::QueryCanceled: ERROR:  canceling statement due to statement timeout\n${bt}`),
    common(rng, t + 30_000_000, 'GET', `/v1/accounts/${acct}/statements/${rng.pick([2024, 2025, 2026])}.csv`, 500, true),
  ];
});

// The key middleware waits for a pooled connection during a spike: Sequel's PoolTimeout escapes to Puma.
const rgPoolTimeout = fam(`${RG}:api-key-pool-timeout`, 'ERROR', [25, 60], ({ rng, t }) => {
  const path = rng.pick([`/v1/accounts/${digits(rng, 6)}/balance`, `/v1/accounts/${digits(rng, 6)}/entries?limit=${rng.pick([50, 100])}`, '/v1/transfers']);
  const method = path === '/v1/transfers' ? 'POST' : 'GET';
  const bt = [
    `${GEMS}/sequel-5.86.0/lib/sequel/connection_pool/timed_queue.rb:230:in \`acquire'`,
    `${GEMS}/sequel-5.86.0/lib/sequel/connection_pool/timed_queue.rb:100:in \`hold'`,
    `${GEMS}/sequel-5.86.0/lib/sequel/database/connecting.rb:283:in \`synchronize'`,
    `${GEMS}/sequel-5.86.0/lib/sequel/dataset/actions.rb:1094:in \`_execute'`,
    `${GEMS}/sequel-5.86.0/lib/sequel/dataset/actions.rb:226:in \`first'`,
    '/app/lib/middleware/api_key.rb:19:in `call\'',
    `${GEMS}/rack-3.1.8/lib/rack/common_logger.rb:43:in \`call'`,
    `${GEMS}/puma-6.5.0/lib/puma/configuration.rb:279:in \`call'`,
    `${GEMS}/puma-6.5.0/lib/puma/request.rb:99:in \`block in handle_request'`,
    `${GEMS}/puma-6.5.0/lib/puma/thread_pool.rb:167:in \`block in spawn_thread'`,
  ].join('\n');
  return [{ stream: 'stderr', text: `${rubyTimeToS(t)} Rack app ("${method} ${path}" - (${peer(rng)})): #<Sequel::PoolTimeout: timeout: 5.0, elapsed: 5.00${rng.int(1000, 9999)}>\n${bt}` }];
}, 0.4);

// Payment-provider webhooks whose signature does not verify (replays, a rotated secret): frequent.
const rgWebhook = fam(`${RG}:webhook-signature-rejected`, 'WARNING', [120, 240], ({ rng, t, rev }) => [
  rlog(t, rev, 'WARN', `webhook rejected: signature mismatch for delivery ${rng.uuid()} (event ${rng.pick(['transfer.settled', 'transfer.failed', 'payout.paid'])}, age ${rng.int(1, 900)}s)`),
]);

const rgChatter = fam(`noise:${RG}:chatter`, 'INFO', [220, 320], ({ rng, t, rev }) => {
  const r = rng.next();
  if (r < 0.05) return [{ stream: 'stdout', text: rng.pick(['Puma starting in single mode...', '* Puma version: 6.5.0 ("Sky\'s Version")', '*  Min threads: 5', '*  Max threads: 5', '*  Environment: production', '* Listening on http://0.0.0.0:8080', 'Use Ctrl-C to stop']) }];
  if (r < 0.65) return [common(rng, t, rng.pick(['GET', 'GET', 'POST']), rng.pick([`/v1/accounts/${digits(rng, 6)}/balance`, '/v1/transfers', '/health', `/v1/accounts/${digits(rng, 6)}/entries?limit=50`]), rng.pick([200, 200, 201, 304]))];
  return [rlog(t, rev, 'INFO', rng.pick([`transfer ${rng.uuid()} settled (${rng.int(1, 4)} legs, 0 errors)`, `statement ${digits(rng, 6)}/${rng.pick([2025, 2026])} built: ${rng.int(10, 9000)} rows`]))];
});

export const apiGrape: ServiceDef = {
  name: RG, stack: 'Ruby 3.3, Grape 2.2 on Puma 6.5 (no Rails), Sequel 5.86 + pg 1.5, Rack 3.1', splitRate: 0.65,
  families: [rgDisconnect, rgStatementTimeout, rgPoolTimeout, rgWebhook, rgChatter],
};
