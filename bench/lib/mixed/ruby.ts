// Ruby services. `billing-rails`: Rails 7.1 on Puma, logging to stdout through Ruby's Logger::Formatter
// (`E, [2026-03-10T12:00:01.123456 #1] ERROR -- : [request-id] ...`) on the morning revision and through
// ActiveSupport::TaggedLogging's bare formatter (`[request-id] ...`, no level) after the rollout; an
// unhandled controller exception is written by ActionDispatch::DebugExceptions at FATAL, its backtrace
// lines tagged like the first. Puma's own lines have no level at all. `mailer-sidekiq`: Sidekiq 7, whose
// default error handler writes three WARN records per failure (the job context as JSON, `Class: message`,
// then the backtrace), with the text formatter on one revision and Sidekiq's JSON formatter on the other.

import type { Ctx, Family, ServiceDef, Write } from '../stranger/model.js';
import { isoMillis, rubyTime, ymdHms } from './text.js';

const GEMS = '/usr/local/bundle/ruby/3.3.0/gems';

// Source: Ruby's Logger::Formatter `%.1s, [%s #%d] %5s -- %s: %s` (https://docs.ruby-lang.org/en/3.3/Logger/Formatter.html)
// and Rails' tagged request id; the no-level form is ActiveSupport::TaggedLogging.logger(STDOUT).
function railsLine(ctx: Ctx, level: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL', tag: string, msg: string, bare: boolean): string {
  if (bare) return `[${tag}] ${msg}`;
  return `${level[0]}, [${rubyTime(ctx.t)} #1] ${level.padStart(5)} -- : [${tag}] ${msg}`;
}

/** ActionDispatch::DebugExceptions#log_error: message, blank, then app backtrace lines, each tagged. */
function railsError(ctx: Ctx, family: string, cls: string, msg: string, trace: readonly string[]): Write {
  const tag = ctx.rng.uuid();
  const bare = ctx.rev === 1;
  const head = railsLine(ctx, 'FATAL', tag, '  ', bare);
  const lines = [head, `[${tag}] ${cls} (${msg}):`, `[${tag}]   `, ...trace.map((l) => `[${tag}] ${l}`)];
  return { stream: 'stdout', text: lines.join('\n'), as: bare ? { family, level: 'ERROR' } : undefined };
}

const poolTimeout: Family = {
  name: 'billing-rails:db-pool-timeout', level: 'CRITICAL', perDay: [20, 60], burst: 0.4,
  emit(ctx) {
    const { rng } = ctx;
    // ActiveRecord 7.1's message (github-education-resources/classroom#1458, puma/puma-dev#2).
    const waited = `${rng.fixed(5.0, 5.009, 3)}`;
    return [railsError(ctx, 'billing-rails:db-pool-timeout', 'ActiveRecord::ConnectionTimeoutError', `could not obtain a connection from the pool within 5.000 seconds (waited ${waited} seconds); all pooled connections were in use`, [
      'app/controllers/invoices_controller.rb:14:in `index\'',
      'app/controllers/application_controller.rb:22:in `with_tenant\'',
    ])];
  },
};

const invoiceNil: Family = {
  name: 'billing-rails:invoice-total-nil', level: 'CRITICAL', perDay: [15, 45],
  emit(ctx) {
    const id = ctx.rng.int(1000, 99999);
    return [railsError(ctx, 'billing-rails:invoice-total-nil', 'NoMethodError', `undefined method \`total_cents' for nil`, [
      `app/views/invoices/show.html.erb:12`,
      'app/controllers/invoices_controller.rb:31:in `show\'',
    ].map((l, i) => (i === 0 ? `${l}:in \`_app_views_invoices_show_html_erb___${id}'` : l)))];
  },
};

const csrf: Family = {
  name: 'billing-rails:csrf-token-unverified', level: 'WARNING', perDay: [40, 120],
  emit(ctx) {
    return [{ stream: 'stdout', text: railsLine(ctx, 'WARN', ctx.rng.uuid(), "Can't verify CSRF token authenticity.", ctx.rev === 1) }];
  },
};

// Source: Puma 6 LogWriter#unknown_error `DATE +0000: Rack app ("GET /path" - (ip)): #<Class: message>`
// (puma/puma-dev#2 shows the pre-5 form `Rack app error handling request { GET /x }`), and Puma's
// cluster `! Terminating timed out worker` line.
const pumaRackError: Family = {
  name: 'billing-rails:puma-rack-app-redis-error', level: 'ERROR', perDay: [8, 25],
  emit(ctx) {
    const { rng } = ctx;
    const path = rng.pick(['/invoices', `/invoices/${rng.int(1000, 99999)}`, '/webhooks/stripe']);
    const text = [
      `${ymdHms(ctx.t)} +0000: Rack app ("${rng.pick(['GET', 'POST'])} ${path}" - (${rng.publicIpv4()})): #<Redis::CannotConnectError: Error connecting to Redis on 10.20.${rng.int(0, 9)}.${rng.int(2, 250)}:6379 (Redis::TimeoutError)>`,
      `${GEMS}/redis-client-0.22.2/lib/redis_client/ruby_connection.rb:111:in \`rescue in connect'`,
      `${GEMS}/redis-client-0.22.2/lib/redis_client/ruby_connection.rb:107:in \`connect'`,
      `${GEMS}/rack-session-2.0.0/lib/rack/session/abstract/id.rb:272:in \`context'`,
      `${GEMS}/puma-6.4.3/lib/puma/request.rb:100:in \`handle_request'`,
    ].join('\n');
    return [{ stream: 'stderr', text }];
  },
};

const pumaWorkerTimeout: Family = {
  name: 'billing-rails:puma-worker-timeout', level: 'ERROR', perDay: [3, 10],
  emit(ctx) {
    const { rng } = ctx;
    return [{ stream: 'stdout', text: `[1] ! Terminating timed out worker (Worker ${rng.int(0, 3)} failed to check in within 60 seconds): ${rng.int(20, 900)}` }];
  },
};

const railsInfo: Family = {
  name: 'noise:billing-rails:requests', level: 'INFO', perDay: [250, 400],
  emit(ctx) {
    const { rng } = ctx;
    const tag = rng.uuid();
    const bare = ctx.rev === 1;
    return [{ stream: 'stdout', text: rng.pick([
      railsLine(ctx, 'INFO', tag, `Started GET "/invoices?page=${rng.int(1, 9)}" for ${rng.publicIpv4()} at ${ymdHms(ctx.t)} +0000`, bare),
      railsLine(ctx, 'INFO', tag, `Completed 200 OK in ${rng.int(5, 400)}ms (Views: ${rng.fixed(0.5, 90, 1)}ms | ActiveRecord: ${rng.fixed(0.5, 40, 1)}ms (${rng.int(1, 12)} queries, 0 cached) | GC: ${rng.fixed(0, 5, 1)}ms)`, bare),
      `[1] - Worker ${rng.int(0, 3)} (PID: ${rng.int(20, 900)}) booted in ${rng.fixed(0.4, 3, 2)}s, phase: 0`,
    ]) }];
  },
};

export const billingRails: ServiceDef = {
  name: 'billing-rails', stack: 'Ruby 3.3, Rails 7.1, Puma 6', splitRate: 0.7,
  families: [poolTimeout, invoiceNil, csrf, pumaRackError, pumaWorkerTimeout, railsInfo],
};

// ---- mailer-sidekiq ----------------------------------------------------------------------------

// Source: Sidekiq 7's Sidekiq::Logger::Formatters::Pretty (`TIME pid=1 tid=xyz class=C jid=J LEVEL: msg`)
// and ::JSON (`{"ts":..,"pid":..,"tid":..,"lvl":..,"msg":..,"ctx":{..}}`), and its default error handler
// (three warn calls: context JSON, `Class: message`, backtrace) — sidekiq/sidekiq#2707 shows the older
// per-line form.
function sidekiq(ctx: Ctx, tid: string, lvl: 'INFO' | 'WARN' | 'ERROR', msg: string, job?: { cls: string; jid: string }): Write {
  if (ctx.rev === 1) {
    const json: Record<string, unknown> = { ts: isoMillis(ctx.t), pid: 1, tid, lvl, msg };
    if (job) json.ctx = { class: job.cls, jid: job.jid };
    return { stream: 'stdout', json };
  }
  return { stream: 'stdout', text: `${isoMillis(ctx.t)} pid=1 tid=${tid}${job ? ` class=${job.cls} jid=${job.jid}` : ''} ${lvl}: ${msg}` };
}

function jobFailure(ctx: Ctx, cls: string, err: string, trace: readonly string[], args: unknown[]): Write[] {
  const { rng } = ctx;
  const tid = rng.lower(4) + rng.int(10, 99);
  const job = { cls, jid: rng.hex(24) };
  const context = JSON.stringify({ context: 'Job raised exception', job: { retry: true, queue: 'mailers', args, class: cls, jid: job.jid, created_at: ctx.t / 1e6 - rng.int(1, 600), retry_count: rng.int(0, 24) } });
  return [
    sidekiq(ctx, tid, 'WARN', context, job),
    sidekiq(ctx, tid, 'WARN', err, job),
    sidekiq(ctx, tid, 'WARN', trace.join('\n'), job),
  ];
}

const smtpTimeout: Family = {
  name: 'mailer-sidekiq:smtp-read-timeout', level: 'WARNING', perDay: [20, 60], burst: 0.3,
  emit(ctx) {
    return jobFailure(ctx, 'InvoiceMailerJob', 'Net::ReadTimeout: Net::ReadTimeout with #<TCPSocket:(closed)>', [
      '/usr/local/lib/ruby/3.3.0/net/protocol.rb:229:in `rbuf_fill\'',
      `${GEMS}/net-smtp-0.5.0/lib/net/smtp.rb:1020:in \`recv_response'`,
      `${GEMS}/mail-2.8.1/lib/mail/network/delivery_methods/smtp.rb:109:in \`start_smtp_session'`,
      '/app/app/jobs/invoice_mailer_job.rb:9:in `perform\'',
    ], [ctx.rng.int(1000, 99999)]);
  },
};

const templateMissing: Family = {
  name: 'mailer-sidekiq:template-missing', level: 'WARNING', perDay: [8, 25],
  emit(ctx) {
    const locale = ctx.rng.pick(['de', 'fr', 'pt-BR', 'ja']);
    return jobFailure(ctx, 'DunningMailerJob', `ActionView::MissingTemplate: Missing template dunning_mailer/reminder with {locale: [:${locale}], formats: [:html], variants: [], handlers: [:raw, :erb, :html, :builder, :ruby]}. Searched in: * "/app/app/views"`, [
      `${GEMS}/actionview-7.1.3/lib/action_view/path_set.rb:41:in \`find'`,
      `${GEMS}/actionmailer-7.1.3/lib/action_mailer/base.rb:1004:in \`collect_responses_from_templates'`,
      '/app/app/jobs/dunning_mailer_job.rb:12:in `perform\'',
    ], [ctx.rng.int(1000, 99999), locale]);
  },
};

const redisFetch: Family = {
  name: 'mailer-sidekiq:redis-fetch-error', level: 'ERROR', perDay: [5, 20],
  emit(ctx) {
    const { rng } = ctx;
    return [sidekiq(ctx, rng.lower(4) + rng.int(10, 99), 'ERROR', `Error fetching job: Error connecting to Redis on 10.20.${rng.int(0, 9)}.${rng.int(2, 250)}:6379 (RedisClient::ConnectionError)`)];
  },
};

const sidekiqInfo: Family = {
  name: 'noise:mailer-sidekiq:jobs', level: 'INFO', perDay: [250, 400],
  emit(ctx) {
    const { rng } = ctx;
    const job = { cls: rng.pick(['InvoiceMailerJob', 'DunningMailerJob', 'ReceiptMailerJob']), jid: rng.hex(24) };
    const tid = rng.lower(4) + rng.int(10, 99);
    return [rng.pick([
      sidekiq(ctx, tid, 'INFO', 'start', job),
      sidekiq(ctx, tid, 'INFO', `done: ${rng.fixed(0.01, 3, 3)} sec`, job),
      sidekiq(ctx, tid, 'INFO', `Scheduled poller: enqueued ${rng.int(0, 40)} jobs, 0 failed, retries=0`),
    ])];
  },
};

export const mailerSidekiq: ServiceDef = {
  name: 'mailer-sidekiq', stack: 'Ruby 3.3, Sidekiq 7', splitRate: 0.75,
  families: [smtpTimeout, templateMissing, redisFetch, sidekiqInfo],
};

