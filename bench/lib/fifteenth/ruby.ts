// jobs-solidqueue: a Rails 8.0 app's `bin/jobs` (Solid Queue 1.1 supervisor and workers) on Cloud Run,
// Active Job and Action Mailer with Postmark, PostgreSQL. Morning revision: Rails 8's generated
// production logger, `ActiveSupport::TaggedLogging.logger(STDOUT)`, whose formatter prints the tags and
// the message and no level at all; a multi-line message (an error and its backtrace) keeps the tags on its
// first line. After the rollout `config.log_formatter = ::Logger::Formatter.new` puts Ruby's
// `E, [iso #pid] ERROR -- : ` before the tags.
import type { Ctx, Family, ServiceDef } from '../stranger/model.js';
import type { Prng } from '../prng.js';
import { rubyTime } from './clock.js';

const SVC = 'jobs-solidqueue';
const GEMS = '/usr/local/bundle/ruby/3.3.0/gems';

function rails(ctx: Ctx, level: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR', msg: string): string {
  return ctx.rev === 0 ? msg : `${level[0]}, [${rubyTime(ctx.t)} #1] ${level.padStart(5)} -- : ${msg}`;
}

const jobTags = (job: string, id: string): string => `[ActiveJob] [${job}] [${id}]`;
const ms = (rng: Prng, lo: number, hi: number): string => rng.float(lo, hi, 2).toFixed(2);

const invoiceTimeout: Family = {
  name: `${SVC}:invoice-sync-net-read-timeout`, level: 'ERROR', perDay: [25, 70], burst: 0.2,
  emit: (ctx) => {
    const id = ctx.rng.uuid();
    return [{
      stream: 'stdout',
      text: rails(ctx, 'ERROR', [
        `${jobTags('InvoiceSyncJob', id)} Error performing InvoiceSyncJob (Job ID: ${id}) from SolidQueue(default) in ${ms(ctx.rng, 30000, 30100)}ms: Net::ReadTimeout (Net::ReadTimeout):`,
        '/usr/local/lib/ruby/3.3.0/net/protocol.rb:229:in `rbuf_fill\'',
        '/usr/local/lib/ruby/3.3.0/net/protocol.rb:199:in `readuntil\'',
        '/usr/local/lib/ruby/3.3.0/net/http/response.rb:40:in `read_new\'',
        `${GEMS}/faraday-net_http-3.3.0/lib/faraday/adapter/net_http.rb:66:in \`perform_request'`,
        '/rails/app/clients/ledger_client.rb:37:in `push_invoice\'',
        '/rails/app/jobs/invoice_sync_job.rb:12:in `perform\'',
        `${GEMS}/activejob-8.0.1/lib/active_job/execution.rb:68:in \`block in _perform_job'`,
      ].join('\n')),
    }];
  },
};

const inactiveRecipient: Family = {
  name: `${SVC}:mail-delivery-postmark-inactive-recipient`, level: 'ERROR', perDay: [20, 60],
  emit: (ctx) => {
    const id = ctx.rng.uuid();
    return [{
      stream: 'stdout',
      text: rails(ctx, 'ERROR', [
        `${jobTags('ActionMailer::MailDeliveryJob', id)} Error performing ActionMailer::MailDeliveryJob (Job ID: ${id}) from SolidQueue(mailers) in ${ms(ctx.rng, 150, 900)}ms: Postmark::InactiveRecipientError (You tried to send to recipient(s) that have been marked as inactive. Found inactive addresses: ${ctx.rng.lower(7)}@${ctx.rng.pick(['gmail.com', 'outlook.com', 'web.de'])}. Inactive recipients are ones that have generated a hard bounce, a spam complaint, or a manual suppression.):`,
        `${GEMS}/postmark-1.25.1/lib/postmark/http_client.rb:67:in \`handle_response'`,
        `${GEMS}/postmark-1.25.1/lib/postmark/api_client.rb:23:in \`deliver'`,
        `${GEMS}/postmark-1.25.1/lib/postmark/handlers/mail.rb:32:in \`deliver!'`,
        `${GEMS}/mail-2.8.1/lib/mail/message.rb:2145:in \`do_delivery'`,
        `${GEMS}/actionmailer-8.0.1/lib/action_mailer/message_delivery.rb:149:in \`deliver_now'`,
      ].join('\n')),
    }];
  },
};

const exportDeadlock: Family = {
  name: `${SVC}:export-job-deadlock-retries-exhausted`, level: 'ERROR', perDay: [8, 25],
  emit: (ctx) => {
    const id = ctx.rng.uuid();
    return [{
      stream: 'stdout',
      text: rails(ctx, 'ERROR', `${jobTags('LedgerExportJob', id)} Stopped retrying LedgerExportJob (Job ID: ${id}) due to a ActiveRecord::Deadlocked (PG::TRDeadlockDetected: ERROR:  deadlock detected\nDETAIL:  Process ${ctx.rng.int(1000, 99999)} waits for ShareLock on transaction ${ctx.rng.int(1e6, 9e6)}; blocked by process ${ctx.rng.int(1000, 99999)}.\nProcess ${ctx.rng.int(1000, 99999)} waits for ShareLock on transaction ${ctx.rng.int(1e6, 9e6)}; blocked by process ${ctx.rng.int(1000, 99999)}.\nHINT:  See server log for query details.\nCONTEXT:  while updating tuple (${ctx.rng.int(1, 9000)},${ctx.rng.int(1, 90)}) in relation "ledger_entries"\n), which reoccurred on 5 attempts.`),
    }];
  },
};

const threadError: Family = {
  name: `${SVC}:solid-queue-thread-connection-timeout`, level: 'ERROR', perDay: [10, 30],
  emit: (ctx) => [{
    stream: 'stdout',
    text: rails(ctx, 'ERROR', `SolidQueue-1.1.2 Error in thread (${ms(ctx.rng, 0, 1)}ms)  error: "ActiveRecord::ConnectionTimeoutError could not obtain a connection from the pool within 5.000 seconds (waited ${(5 + ctx.rng.next() / 100).toFixed(3)} seconds); all pooled connections were in use"`),
  }],
};

const webhookGone: Family = {
  name: `${SVC}:webhook-endpoint-gone-warning`, level: 'WARNING', perDay: [120, 260],
  emit: (ctx) => {
    const id = ctx.rng.uuid();
    return [{ stream: 'stdout', text: rails(ctx, 'WARN', `${jobTags('WebhookDeliveryJob', id)} Endpoint https://${ctx.rng.lower(8)}.example-partner.com/hooks answered 410 Gone, disabling subscription ${ctx.rng.int(100, 99999)}`) }];
  },
};

const jobsChatter: Family = {
  name: `noise:${SVC}:jobs`, level: 'INFO', perDay: [320, 600],
  emit: (ctx) => {
    const id = ctx.rng.uuid();
    const job = ctx.rng.pick(['InvoiceSyncJob', 'LedgerExportJob', 'WebhookDeliveryJob']);
    const r = ctx.rng.next();
    if (r < 0.4) return [{ stream: 'stdout', text: rails(ctx, 'INFO', `${jobTags(job, id)} Performing ${job} (Job ID: ${id}) from SolidQueue(default) enqueued at ${rubyTime(ctx.t - 2_000_000).slice(0, 19)}Z with arguments: ${ctx.rng.int(1, 99999)}`) }];
    if (r < 0.8) return [{ stream: 'stdout', text: rails(ctx, 'INFO', `${jobTags(job, id)} Performed ${job} (Job ID: ${id}) from SolidQueue(default) in ${ms(ctx.rng, 3, 4000)}ms`) }];
    if (r < 0.9) return [{ stream: 'stdout', text: rails(ctx, 'INFO', `${jobTags('LedgerExportJob', id)} Retrying LedgerExportJob (Job ID: ${id}) after ${ctx.rng.int(1, 4)} attempts in 3 seconds, due to a ActiveRecord::Deadlocked (PG::TRDeadlockDetected: ERROR:  deadlock detected).`) }];
    return [{ stream: 'stdout', text: rails(ctx, 'INFO', `${jobTags('InvoiceSyncJob', id)} Pushed ${ctx.rng.int(1, 300)} invoices to the ledger (errors: 0)`) }];
  },
};

const supervisorChatter: Family = {
  name: `noise:${SVC}:supervisor`, level: 'INFO', perDay: [4, 12],
  emit: (ctx) => [
    { stream: 'stdout', text: rails(ctx, 'INFO', `SolidQueue-1.1.2 Started Supervisor (${ms(ctx.rng, 10, 90)}ms)  pid: 1, hostname: "localhost", process_id: ${ctx.rng.int(1, 9000)}, name: "supervisor-${ctx.rng.hex(20)}"`) },
    { stream: 'stdout', text: rails(ctx, 'INFO', `SolidQueue-1.1.2 Started Worker (${ms(ctx.rng, 10, 90)}ms)  pid: ${ctx.rng.int(7, 90)}, hostname: "localhost", process_id: ${ctx.rng.int(1, 9000)}, name: "worker-${ctx.rng.hex(20)}", polling_interval: 0.1, queues: "*", thread_pool_size: 3`) },
  ],
};

export const jobsSolidqueue: ServiceDef = {
  name: SVC, stack: 'Ruby 3.3, Rails 8.0, Solid Queue 1.1, Action Mailer + postmark 1.25, Faraday, PostgreSQL', splitRate: 0.7,
  families: [invoiceTimeout, inactiveRecipient, exportDeadlock, threadError, webhookGone, jobsChatter, supervisorChatter],
};
