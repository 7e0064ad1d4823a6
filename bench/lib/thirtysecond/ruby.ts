// The day's Ruby service: Rails 8 on Puma in cluster mode (two worker processes on one stdout), lograge's
// plain JSON formatter for the request line, Rails' own tagged logger for everything else.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { as, fam, interleave, req, requestLog, type Req } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// returns-puma: Ruby 3.3, Rails 8.0 API, Puma 6.5 in cluster mode (`workers 2`, `threads 3, 3`,
// `worker_timeout 60`), PostgreSQL (pool 3), Faraday 2 to a carrier, Active Job on the async adapter.
// Rails' production logger `ActiveSupport::TaggedLogging.logger(STDOUT)` with `log_tags = [:request_id]`
// (no time, no level); lograge 0.14 with `Lograge::Formatters::Json` on the same logger, one line per
// request written when the action finishes (with `error` when it raised), before DebugExceptions, higher
// in the middleware stack, logs the exception (its lines each tagged, one write). From the rollout
// lograge's `custom_options` add `request_id` and `time`. Puma's master (pid 1) writes its own `[1] `
// lines. Two worker processes share the stream: their records interleave (each record is one write
// under PIPE_BUF, so never inside one another here). Active Job tags only its first line.
const RP = 'returns-puma';
const POOL = (waited: string): string => `could not obtain a connection from the pool within 5.000 seconds (waited ${waited} seconds); all pooled connections were in use`;

interface Rr { r: Req; id: string; controller: string; action: string }

function lograge(t: number, rev: 0 | 1, rr: Rr, duration: number, error?: string): Write {
  const { r } = rr;
  const json: Record<string, unknown> = { method: r.method, path: r.path.split('?')[0], format: 'json', controller: rr.controller, action: rr.action, status: r.status, allocations: 1200 + (rr.id.charCodeAt(0) * 37) % 9000, duration: Number(duration.toFixed(2)), view: 0.0, db: error ? 0.0 : Number((duration / 3).toFixed(2)) };
  if (error) json.error = error;
  if (rev === 1) { json.request_id = rr.id; json.time = new Date(Math.floor(t / 1000)).toISOString(); }
  return { stream: 'stdout', json };
}

/** DebugExceptions' record: every line tagged with the request id, one write. */
const debugExceptions = (id: string, head: string, trace: string[]): Write => ({ stream: 'stdout', text: ['  ', head, '  ', ...trace].map((l) => `[${id}] ${l}`).join('\n') });

function railsFailure(rng: Prng, t: number, rev: 0 | 1, host: string, rr: Rr, klass: string, message: string, trace: string[]): Write[] {
  const { r } = rr;
  return [
    { ...lograge(t + r.latencyUs, rev, rr, r.latencyUs / 1000 - rng.float(0.2, 2, 2), `${klass}: ${message}`), delayUs: r.latencyUs - 2000 },
    { ...debugExceptions(rr.id, `${klass} (${message}):`, trace), delayUs: rng.int(300, 1500) },
    requestLog(rng, host, RP, r, rng.int(300, 2500)),
  ];
}

const RAILS_POOL_TRACE = (site: string[]): string[] => [...site, 'activerecord (8.0.1) lib/active_record/connection_adapters/abstract/connection_pool/queue.rb:128:in `block in wait_poll\'', 'activerecord (8.0.1) lib/active_record/connection_adapters/abstract/connection_pool.rb:855:in `acquire_connection\''];

function createTimeout(rng: Prng, t: number, rev: 0 | 1, host: string): Write[] {
  const rr: Rr = { r: req(rng, 'POST', '/returns', 500, rng.int(5_003_000, 5_040_000)), id: rng.uuid(), controller: 'ReturnsController', action: 'create' };
  return railsFailure(rng, t, rev, host, rr, 'ActiveRecord::ConnectionTimeoutError', POOL(`5.00${rng.int(1, 9)}`), RAILS_POOL_TRACE([`app/controllers/returns_controller.rb:${rng.pick([14, 15])}:in \`create'`]));
}

function carrierTimeout(rng: Prng, t: number, rev: 0 | 1, host: string): Write[] {
  const rr: Rr = { r: req(rng, 'POST', `/returns/${rng.int(10000, 99999)}/label`, 500, rng.int(10_010_000, 10_100_000)), id: rng.uuid(), controller: 'LabelsController', action: 'create' };
  return railsFailure(rng, t, rev, host, rr, 'Faraday::TimeoutError', 'Net::ReadTimeout with #<TCPSocket:(closed)>', ['faraday-net_http (3.4.0) lib/faraday/adapter/net_http.rb:76:in `rescue in call\'', 'faraday (2.12.2) lib/faraday/rack_builder.rb:152:in `build_response\'', 'app/services/carrier_client.rb:31:in `create_label\'', 'app/controllers/labels_controller.rb:9:in `create\'']);
}

export const returnsPuma: ServiceDef = {
  name: RP, stack: 'Ruby 3.3, Rails 8.0, Puma 6.5 cluster (2 workers), lograge JSON, Faraday 2, Active Job async', splitRate: 0.6,
  families: [
    fam(`${RP}:return-create-pool-timeout`, 'ERROR', [40, 100], ({ rng, t, rev, host }) => createTimeout(rng, t, rev, host), 0.3),
    fam(`${RP}:carrier-label-timeout`, 'ERROR', [30, 70], ({ rng, t, rev, host }) => carrierTimeout(rng, t, rev, host), 0.2),
    // Both at once on one instance, in the two worker processes: their records interleave.
    fam(`${RP}:return-create-pool-timeout`, 'ERROR', [10, 25], ({ rng, t, rev, host }) => {
      const off = rng.int(200_000, 6_000_000);
      return interleave(createTimeout(rng, t, rev, host), carrierTimeout(rng, t + off, rev, host).map((w) => (w.as ? w : as(w, `${RP}:carrier-label-timeout`, 'ERROR'))), off);
    }),
    // The same pool timeout in the label job on the async adapter: Active Job's error record.
    fam(`${RP}:label-job-pool-timeout`, 'ERROR', [15, 40], ({ rng }) => {
      const jid = rng.uuid();
      const ms = `${rng.int(5001, 5040)}.${rng.int(10, 99)}`;
      return [{ stream: 'stdout', text: [`[ActiveJob] [ReturnLabelJob] [${jid}] Error performing ReturnLabelJob (Job ID: ${jid}) from Async(default) in ${ms}ms: ActiveRecord::ConnectionTimeoutError (${POOL(`5.00${rng.int(1, 9)}`)}):`, ...RAILS_POOL_TRACE(['app/jobs/return_label_job.rb:8:in `perform\''])].join('\n') }];
    }),
    // A worker stuck past worker_timeout: Puma's master kills it and boots another.
    fam(`${RP}:puma-worker-timeout`, 'ERROR', [4, 12], ({ rng }) => {
      const w = rng.int(0, 1);
      return [
        { stream: 'stdout', text: `[1] ! Terminating timed out worker (Worker ${w} failed to check in within 60 seconds): ${rng.int(20, 400)}` },
        { stream: 'stdout', text: `[1] - Worker ${w} (PID: ${rng.int(400, 900)}) booted in ${rng.float(1.2, 3.5, 2)}s, phase: 0`, delayUs: rng.int(1_200_000, 3_500_000) },
      ];
    }),
    fam(`${RP}:refund-capped`, 'WARNING', [150, 300], ({ rng }) => [{ stream: 'stdout', text: `[${rng.uuid()}] return ${rng.int(10000, 99999)}: refund ${rng.int(50, 900)}.00 exceeds the order total, capped` }]),
    fam(`noise:${RP}:requests-200`, 'INFO', [150, 300], ({ rng, t, rev }) => {
      const rr: Rr = { r: req(rng, 'GET', `/returns/${rng.int(10000, 99999)}`, 200, rng.int(3_000, 60_000)), id: rng.uuid(), controller: 'ReturnsController', action: 'show' };
      return [lograge(t, rev, rr, rr.r.latencyUs / 1000)];
    }),
  ],
};
