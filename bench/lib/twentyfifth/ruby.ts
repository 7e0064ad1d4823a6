// The day's Ruby service: Sidekiq 7 workers of a Rails app, run as an always-on Cloud Run service on
// Memorystore for Redis.
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { isoMillis } from './clock.js';
import { digits, PROJECT } from './shared.js';

// worker-sidekiq: Ruby 3.3, Rails 7.2, Sidekiq 7.3 (redis-client), stripe 13, google-cloud-storage 1.52,
// PostgreSQL. Morning revision: Sidekiq's default Pretty formatter (`TIME pid=1 tid=T class=C jid=J
// LEVEL: msg`); from the rollout `Sidekiq::Logger::Formatters::JSON` (`ts`, `pid`, `tid`, `lvl`, `msg`,
// `ctx`). A failed job is written as the job logger's INFO `fail`, then the default error handler's
// three WARN records: the context as JSON, `Class: message`, the backtrace (cleaned by Rails' backtrace
// cleaner, app lines only).
const WS = 'worker-sidekiq';

interface Ctx { class?: string; jid?: string; elapsed?: string }

function line(t: number, rev: 0 | 1, tid: string, lvl: string, msg: string, ctx: Ctx): Write {
  const entries = Object.entries(ctx).filter(([, v]) => v !== undefined);
  if (rev === 0) {
    const c = entries.length > 0 ? ` ${entries.map(([k, v]) => `${k}=${v}`).join(' ')}` : '';
    return { stream: 'stdout', text: `${isoMillis(t)} pid=1 tid=${tid}${c} ${lvl}: ${msg}` };
  }
  const json: Record<string, unknown> = { ts: isoMillis(t), pid: 1, tid, lvl, msg };
  if (entries.length > 0) json.ctx = Object.fromEntries(entries);
  return { stream: 'stdout', json };
}

const tidOf = (rng: Prng): string => rng.int(36 ** 3, 36 ** 4).toString(36);

function jobFailure(family: string, rng: Prng, t: number, rev: 0 | 1, klass: string, args: unknown[], error: string, backtrace: string[]): Write[] {
  const tid = tidOf(rng);
  const jid = rng.hex(24);
  const ctx: Ctx = { class: klass, jid };
  const created = t / 1e6 - rng.int(5, 3000);
  const retryCount = rng.int(0, 12);
  const [errClass, ...rest] = error.split(': ');
  const job = {
    retry: true, queue: 'default', args, class: klass, jid, created_at: Number(created.toFixed(6)), enqueued_at: Number((t / 1e6 - rng.int(1, 4)).toFixed(6)),
    error_message: rest.join(': '), error_class: errClass, failed_at: Number((created + 1).toFixed(6)), retry_count: retryCount, retried_at: Number((t / 1e6 - 1).toFixed(6)),
  };
  return [
    // The job logger's line is the failure's too, at the level it is written.
    { ...line(t, rev, tid, 'INFO', 'fail', { ...ctx, elapsed: rng.fixed(0.05, 12, 3) }), as: { family, level: 'INFO' } },
    line(t, rev, tid, 'WARN', JSON.stringify({ context: 'Job raised exception', job }), ctx),
    line(t, rev, tid, 'WARN', error, ctx),
    line(t, rev, tid, 'WARN', backtrace.join('\n'), ctx),
  ];
}

const wsStripe: Family = {
  name: `${WS}:stripe-connection`, level: 'WARNING', perDay: [30, 80], burst: 0.3,
  emit: ({ rng, t, rev }) => jobFailure(`${WS}:stripe-connection`, rng, t, rev, 'InvoiceSyncJob', [rng.int(10000, 99999)],
    'Stripe::APIConnectionError: Unexpected error communicating with Stripe. If this problem persists,\nlet us know at support@stripe.com.\n\n(Network error: Net::ReadTimeout with #<TCPSocket:(closed)>)',
    ["app/services/stripe_sync.rb:22:in `push_invoice'", "app/jobs/invoice_sync_job.rb:9:in `perform'"]),
};

const wsDeadlock: Family = {
  name: `${WS}:ledger-deadlock`, level: 'WARNING', perDay: [15, 40],
  emit: ({ rng, t, rev }) => {
    const a = rng.int(100, 999);
    const b = rng.int(100, 999);
    const x = rng.int(1_000_000, 9_000_000);
    return jobFailure(`${WS}:ledger-deadlock`, rng, t, rev, 'LedgerPostJob', [rng.int(100000, 999999), 'capture'],
      `ActiveRecord::Deadlocked: PG::TRDeadlockDetected: ERROR:  deadlock detected\nDETAIL:  Process ${a} waits for ShareLock on transaction ${x}; blocked by process ${b}.\nProcess ${b} waits for ShareLock on transaction ${x + rng.int(1, 40)}; blocked by process ${a}.\nHINT:  See server log for query details.\nCONTEXT:  while updating tuple (${rng.int(0, 900)},${rng.int(1, 60)}) in relation "ledger_accounts"`,
      ["app/models/ledger_account.rb:41:in `apply!'", "app/services/ledger/post_entry.rb:18:in `block in call'", "app/services/ledger/post_entry.rb:12:in `call'", "app/jobs/ledger_post_job.rb:7:in `perform'"]);
  },
};

const wsExport: Family = {
  name: `${WS}:export-upload-forbidden`, level: 'WARNING', perDay: [20, 50],
  emit: ({ rng, t, rev }) => jobFailure(`${WS}:export-upload-forbidden`, rng, t, rev, 'ExportCsvJob', [`exp_${rng.alnum(10)}`],
    `Google::Cloud::PermissionDeniedError: ${WS}@${PROJECT}.iam.gserviceaccount.com does not have storage.objects.create access to the Google Cloud Storage object. Permission 'storage.objects.create' denied on resource (or it may not exist).`,
    ["app/services/exports/upload.rb:15:in `call'", "app/jobs/export_csv_job.rb:12:in `perform'"]),
};

// Memorystore's maintenance window: the fetcher cannot reach Redis; Sidekiq's handle_exception writes the
// error with no job context, then the INFO line when Redis is back.
const wsRedis: Family = {
  name: `${WS}:redis-unreachable`, level: 'WARNING', perDay: [6, 16], burst: 0.6,
  emit: ({ rng, t, rev }) => {
    const tid = tidOf(rng);
    return [
      line(t, rev, tid, 'WARN', 'RedisClient::CannotConnectError: Connection refused - connect(2) for 10.12.0.3:6379 (redis://10.12.0.3:6379)', {}),
      line(t, rev, tid, 'WARN', ["/usr/local/bundle/gems/redis-client-0.22.2/lib/redis_client/ruby_connection.rb:120:in `rescue in connect'", "/usr/local/bundle/gems/redis-client-0.22.2/lib/redis_client/ruby_connection.rb:113:in `connect'", "/usr/local/bundle/gems/sidekiq-7.3.6/lib/sidekiq/fetch.rb:47:in `retrieve_work'", "/usr/local/bundle/gems/sidekiq-7.3.6/lib/sidekiq/processor.rb:87:in `get_one'"].join('\n'), {}),
      { ...line(t, rev, tid, 'INFO', `Redis is online, ${rng.fixed(1, 40, 3)} sec downtime`, {}), as: { family: `noise:${WS}:redis-online`, level: 'INFO' } },
    ];
  },
};

const wsNoPayment: Family = {
  name: `${WS}:no-payment-method`, level: 'WARNING', perDay: [150, 300],
  emit: ({ rng, t, rev }) => [line(t, rev, tidOf(rng), 'WARN', `invoice ${digits(rng, 5)} skipped: customer cus_${rng.alnum(14)} has no default payment method`, { class: 'InvoiceSyncJob', jid: rng.hex(24) })],
};

const wsJobs: Family = {
  name: `noise:${WS}:jobs`, level: 'INFO', perDay: [200, 300],
  emit: ({ rng, t, rev }) => {
    const tid = tidOf(rng);
    const ctx: Ctx = { class: rng.pick(['InvoiceSyncJob', 'LedgerPostJob', 'ExportCsvJob', 'ReminderMailJob']), jid: rng.hex(24) };
    return [line(t, rev, tid, 'INFO', 'start', ctx), line(t + 100, rev, tid, 'INFO', 'done', { ...ctx, elapsed: rng.fixed(0.01, 4, 3) })];
  },
};

const wsBoot: Family = {
  name: `noise:${WS}:boot`, level: 'INFO', perDay: [6, 16],
  emit: ({ rng, t, rev }) => {
    const tid = tidOf(rng);
    return [
      line(t, rev, tid, 'INFO', 'Booted Rails 7.2.2 application in production environment', {}),
      line(t, rev, tid, 'INFO', 'Running in ruby 3.3.6 (2024-11-05 revision 75015d4c1f) +YJIT [x86_64-linux]', {}),
      line(t, rev, tid, 'INFO', 'Sidekiq 7.3.6 connecting to Redis with options {size: 10, pool_name: "internal", url: "redis://10.12.0.3:6379/0"}', {}),
      line(t, rev, tid, 'INFO', 'Starting processing, hit Ctrl-C to stop', {}),
    ];
  },
};

export const workerSidekiq: ServiceDef = {
  name: WS, stack: 'Ruby 3.3, Rails 7.2, Sidekiq 7.3 on Memorystore for Redis', splitRate: 0.6,
  families: [wsStripe, wsDeadlock, wsExport, wsRedis, wsNoPayment, wsJobs, wsBoot],
};
