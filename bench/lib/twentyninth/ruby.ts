// The day's Ruby service: Rails 7.2 then 8.0 with lograge's Logstash formatter beside the Rails logger
// (the generated production logger, then Rails 8's tagged logger without level or time).
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { isoMillis, rubyTime } from './clock.js';
import { as, digits, fam } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// returns-rails: Ruby 3.3, Rails 7.2 on the morning revision and 8.0 after the rollout (Puma 6.5, 3
// threads), PostgreSQL over the Cloud SQL connector socket, Faraday 2 to a carrier's label API, Active
// Job on the async adapter. lograge 0.14 with `Lograge::Formatters::Logstash.new` and its own
// `ActiveSupport::Logger.new(STDOUT)` (SimpleFormatter: the JSON alone, which Cloud Run parses; keys
// `method`, `path`, `format`, `controller`, `action`, `status`, `error` for an exception, `duration`,
// `view`, `db`, then logstash-event's `@timestamp`, `@version` and lograge's `message` `[500] POST
// /path (Controller#action)`; no severity). The Rails logger, morning: Rails 7.2's generated production
// logger (`Logger::Formatter` under TaggedLogging, `config.log_tags = [:request_id]`:
// `E, [time #1] ERROR -- : [request-id] msg`); after: Rails 8's `ActiveSupport::TaggedLogging.logger(
// STDOUT)` (`[request-id] msg`, no level, no time). DebugExceptions logs an exception as one FATAL
// write whose lines after the first carry the tags again (lines inside the exception's message do not),
// the backtrace cleaned to the app's frames. That block is logged with `logger.fatal`: its truth is
// CRITICAL (FATAL), on both revisions; lograge's 500 line and Active Job's error stay ERROR.
const RR = 'returns-rails';

function rlog(t: number, rev: 0 | 1, level: 'FATAL' | 'ERROR' | 'WARN' | 'INFO', tags: string[], lines: string[]): Write {
  const tag = tags.map((x) => `[${x}] `).join('');
  const body = lines.join(`\n${tag}`);
  if (rev === 0) return { stream: 'stdout', text: `${level[0]}, [${rubyTime(t)} #1] ${level.padStart(5)} -- : ${tag}${body}` };
  return { stream: 'stdout', text: `${tag}${body}` };
}

function lograge(rng: Prng, t: number, method: string, path: string, controller: string, action: string, status: number, error?: string): Write {
  const json: Record<string, unknown> = { method, path, format: 'html', controller, action, status };
  if (error !== undefined) json.error = error;
  Object.assign(json, { duration: rng.float(status >= 500 ? 200 : 5, status >= 500 ? 31000 : 400, 2), view: status >= 500 ? 0.0 : rng.float(1, 80, 2), db: rng.float(0.5, 60, 2), '@timestamp': isoMillis(t), '@version': '1', message: `[${status}] ${method} ${path} (${controller}#${action})` });
  return { stream: 'stdout', json };
}

const TIMEOUT = 'Net::ReadTimeout with #<TCPSocket:(closed)>';

// The carrier's label endpoint stalls at the end of its batch window: the label request fails.
const rrLabel = fam(`${RR}:label-carrier-timeout`, 'ERROR', [40, 90], ({ rng, t, rev }) => {
  const rid = rng.uuid();
  const id = digits(rng, 6);
  return [
    as(rlog(t, rev, 'FATAL', [rid], ['  ', `Faraday::TimeoutError (${TIMEOUT}):`, '  ', "app/services/carrier_client.rb:22:in `label'", "app/controllers/returns_controller.rb:41:in `label'"]), `${RR}:label-carrier-timeout`, 'CRITICAL'),
    lograge(rng, t + 2_000, 'POST', `/returns/${id}/label`, 'ReturnsController', 'label', 500, `Faraday::TimeoutError: ${TIMEOUT}`),
  ];
}, 0.35);

// Two refunds on one order update the same rows in opposite order: PostgreSQL kills one.
const rrDeadlock = fam(`${RR}:refund-deadlock`, 'ERROR', [25, 60], ({ rng, t, rev }) => {
  const rid = rng.uuid();
  const a = rng.int(1000, 9000);
  const b = a + rng.int(1, 9);
  const tx = rng.int(9_000_000, 9_999_000);
  const pg = `PG::TRDeadlockDetected: ERROR:  deadlock detected\nDETAIL:  Process ${a} waits for ShareLock on transaction ${tx}; blocked by process ${b}.\nProcess ${b} waits for ShareLock on transaction ${tx + rng.int(1, 40)}; blocked by process ${a}.\nHINT:  See server log for query details.\nCONTEXT:  while updating tuple (${rng.int(0, 400)},${rng.int(1, 60)}) in relation "refunds"\n`;
  const id = digits(rng, 6);
  return [
    as(rlog(t, rev, 'FATAL', [rid], ['  ', `ActiveRecord::Deadlocked (${pg}):`, '  ', "app/models/refund.rb:31:in `settle!'", "app/controllers/refunds_controller.rb:18:in `create'"]), `${RR}:refund-deadlock`, 'CRITICAL'),
    lograge(rng, t + 1_000, 'POST', `/returns/${id}/refunds`, 'RefundsController', 'create', 500, `ActiveRecord::Deadlocked: ${pg}`),
  ];
});

// The same carrier timeout from the label job (a return created by the courier's webhook): Active Job
// logs it, another operation.
const rrJob = fam(`${RR}:label-job-carrier-timeout`, 'ERROR', [25, 60], ({ rng, t, rev }) => {
  const job = rng.uuid();
  const ms = rng.float(30000, 30100, 2);
  return [rlog(t, rev, 'ERROR', ['ActiveJob', 'GenerateLabelJob', job], [`Error performing GenerateLabelJob (Job ID: ${job}) from Async(default) in ${ms}ms: Faraday::TimeoutError (${TIMEOUT}):\napp/services/carrier_client.rb:22:in \`label'\napp/jobs/generate_label_job.rb:9:in \`perform'`])];
});

// Returns flagged for manual review (frequent).
const rrFlag = fam(`${RR}:return-flagged`, 'WARNING', [120, 240], ({ rng, t, rev }) =>
  [rlog(t, rev, 'WARN', [rng.uuid()], [`Return R-${digits(rng, 6)} flagged for review: ${rng.int(3, 9)} returns in 30 days (customer ${digits(rng, 6)})`])]);

const rrChatter = fam(`noise:${RR}:chatter`, 'INFO', [240, 360], ({ rng, t, rev }) => {
  const roll = rng.next();
  if (roll < 0.2) {
    const job = rng.uuid();
    return [rlog(t, rev, 'INFO', ['ActiveJob', 'GenerateLabelJob', job], [`Performed GenerateLabelJob (Job ID: ${job}) from Async(default) in ${rng.float(200, 3000, 2)}ms`])];
  }
  if (roll < 0.3) return [rlog(t, rev, 'INFO', [rng.uuid()], [`Refund ${digits(rng, 6)} settled (0 errors, ${rng.int(1, 4)} lines)`])];
  const id = digits(rng, 6);
  return [lograge(rng, t, ...rng.pick<[string, string, string, string, number]>([['GET', `/returns/${id}`, 'ReturnsController', 'show', 200], ['POST', '/returns', 'ReturnsController', 'create', 302], ['GET', '/up', 'Rails::HealthController', 'show', 200]]))];
});

export const returnsRails: ServiceDef = {
  name: RR, stack: 'Ruby 3.3, Rails 7.2 then 8.0 (Puma 6.5), lograge 0.14 (Logstash formatter), PostgreSQL, Faraday 2, Active Job (async)', splitRate: 0.65,
  families: [rrLabel, rrDeadlock, rrJob, rrFlag, rrChatter],
};
