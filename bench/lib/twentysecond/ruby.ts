// The Ruby service of the day: a Rails admin app on Puma with the generated production logger
// (Rails 7.2: Logger::Formatter under TaggedLogging, `config.log_tags = [:request_id]`), then Rails 8.0's
// `ActiveSupport::TaggedLogging.logger(STDOUT)` (no level, no time) after the rollout; DebugExceptions'
// report is one write with every line tagged.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { rubyLoggerTime } from './clock.js';
import { fam } from './shared.js';

const SVC = 'admin-rails';
const f = (name: string): string => `${SVC}:${name}`;
const LETTER = { DEBUG: 'D', INFO: 'I', WARN: 'W', ERROR: 'E', FATAL: 'F' } as const;

const rails = (t: number, rev: 0 | 1, level: keyof typeof LETTER, rid: string, lines: readonly string[]): string => {
  const tagged = lines.map((l) => `[${rid}] ${l}`).join('\n');
  return rev === 0 ? `${LETTER[level]}, [${rubyLoggerTime(t)} #1] ${level.padStart(5)} -- : ${tagged}` : tagged;
};

/** The Active Record gem in the backtrace: 7.2 on the morning revision, 8.0 after. */
const ar = (rev: 0 | 1): string => (rev === 0 ? '7.2.2' : '8.0.1');

const rid = (rng: Prng): string => rng.uuid();

/** DebugExceptions' report of a request that raised, then ActionController's Completed 500 line. */
const failedRequest = (family: string, rng: Prng, t: number, rev: 0 | 1, method: string, path: string, exc: string[], trace: string[]): Write[] => {
  const r = rid(rng);
  return [
    { stream: 'stdout', text: rails(t, rev, 'INFO', r, [`Started ${method} "${path}" for ${rng.publicIpv4()} at ${rubyLoggerTime(t).replace('T', ' ').slice(0, 19)} +0000`]), as: { family: `noise:${SVC}:requests`, level: 'INFO' } },
    { stream: 'stdout', text: rails(t + 400_000, rev, 'INFO', r, [`Completed 500 Internal Server Error in ${rng.int(30, 900)}ms (ActiveRecord: ${rng.fixed(0, 20, 1)}ms (${rng.int(0, 6)} queries, 0 cached) | GC: ${rng.fixed(0, 5, 1)}ms)`]) },
    // DebugExceptions logs at FATAL; Rails 8's logger prints no level, so that record reads as an error.
    { stream: 'stdout', text: rails(t + 401_000, rev, 'FATAL', r, ['  ', ...exc, '  ', ...trace]), as: { family, level: rev === 0 ? 'CRITICAL' : 'ERROR' } },
  ];
};

export const adminRails: ServiceDef = {
  name: SVC,
  stack: 'Ruby 3.3, Rails 7.2 then 8.0 (Puma 6.4), Cloud SQL for PostgreSQL over the /cloudsql Unix socket, google-cloud-pubsub 2.19',
  splitRate: 0.6,
  families: [
    fam(f('refund-publish-denied'), 'ERROR', [20, 45], ({ rng, t, rev }) => failedRequest(f('refund-publish-denied'), rng, t, rev, 'POST', `/admin/orders/${rng.int(100000, 999999)}/refund`, [
      `Google::Cloud::PermissionDeniedError (7:User not authorized to perform this action.. debug_error_string:{UNKNOWN:Error received from peer ipv4:142.250.${rng.int(0, 255)}.${rng.int(1, 254)}:443 {grpc_message:"User not authorized to perform this action.", grpc_status:7, created_time:"${rubyLoggerTime(t)}+00:00"}}):`,
    ], [
      "google-cloud-pubsub (2.19.0) lib/google/cloud/pubsub/service.rb:168:in `rescue in publish'",
      "google-cloud-pubsub (2.19.0) lib/google/cloud/pubsub/service.rb:160:in `publish'",
      "google-cloud-pubsub (2.19.0) lib/google/cloud/pubsub/topic.rb:688:in `publish'",
      "app/services/order_events.rb:14:in `publish'",
      "app/controllers/admin/orders_controller.rb:41:in `refund'",
    ])),
    fam(f('cloudsql-socket-missing'), 'ERROR', [10, 30], ({ rng, t, rev }) => failedRequest(f('cloudsql-socket-missing'), rng, t, rev, 'GET', rng.pick(['/admin/orders', '/admin/customers', '/admin']), [
      'ActiveRecord::ConnectionNotEstablished (connection to server on socket "/cloudsql/wren-ledger-2291:europe-west1:admin-pg/.s.PGSQL.5432" failed: No such file or directory',
      '\tIs the server running locally and accepting connections on that socket?',
      '):',
    ], [
      `activerecord (${ar(rev)}) lib/active_record/connection_adapters/postgresql_adapter.rb:60:in \`rescue in new_client'`,
      `activerecord (${ar(rev)}) lib/active_record/connection_adapters/postgresql_adapter.rb:51:in \`new_client'`,
      `activerecord (${ar(rev)}) lib/active_record/connection_adapters/postgresql_adapter.rb:1020:in \`connect'`,
      "app/controllers/admin/base_controller.rb:9:in `load_stats'",
    ])),
    fam(f('slow-export'), 'WARNING', [80, 160], ({ rng, t, rev }) => [
      { stream: 'stdout', text: rails(t, rev, 'WARN', rid(rng), [`Slow export: ${rng.int(5000, 90000)} rows took ${rng.fixed(10, 60, 1)}s`]) },
    ]),
    fam(`noise:${SVC}:requests`, 'INFO', [300, 450], ({ rng, t, rev }) => {
      const r = rid(rng);
      const path = rng.pick(['/admin/orders', '/admin/customers', `/admin/orders/${rng.int(100000, 999999)}`, '/up']);
      return [
        { stream: 'stdout', text: rails(t, rev, 'INFO', r, [`Started GET "${path}" for ${rng.publicIpv4()} at ${rubyLoggerTime(t).replace('T', ' ').slice(0, 19)} +0000`]) },
        { stream: 'stdout', text: rails(t + 80_000, rev, 'INFO', r, [`Completed 200 OK in ${rng.int(5, 200)}ms (Views: ${rng.fixed(1, 80, 1)}ms | ActiveRecord: ${rng.fixed(0, 20, 1)}ms (${rng.int(1, 9)} queries, 0 cached) | GC: 0.0ms)`]) },
      ];
    }),
    fam(`noise:${SVC}:puma`, 'INFO', [3, 12], () => [{
      stream: 'stdout',
      text: ['Puma starting in single mode...', '* Puma version: 6.4.3 (ruby 3.3.6-p108) ("The Eagle of Durango")', '*  Min threads: 3', '*  Max threads: 3', '*  Environment: production', '*          PID: 1', '* Listening on http://0.0.0.0:8080', 'Use Ctrl-C to stop'].join('\n'),
    }]),
  ],
};
