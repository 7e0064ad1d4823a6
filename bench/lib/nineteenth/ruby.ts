// The Ruby services: a delayed_job worker under `bin/rails jobs:work`, and a Rails app served by Phusion
// Passenger standalone.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { djTime, isoMicros, passengerTime, rubyLogger } from './clock.js';
import { exitLine, fam } from './shared.js';

const GEMS = '/usr/local/bundle/ruby/3.3.0/gems';
/** Ruby's Logger::Formatter: `E, [2026-12-10T10:00:00.123456 #1] ERROR -- : msg` (the level right-aligned in five). */
const rubyLine = (t: number, pid: number, level: string, msg: string): string => `${level[0]}, [${rubyLogger(t)} #${pid}] ${level.padStart(5)} -- : ${msg}`;

// delayed_job 4.1 (delayed_job_active_record) run by `bin/rails jobs:work` on Rails 7.1, always-on CPU.
// The worker is not quiet: each `say` goes to stdout with `puts` ([Worker(host:localhost pid:1)] ...) and
// to the Rails logger prefixed with `Time.now.strftime('%FT%T%z')`. The Rails logger is 7.1's generated
// production one (Logger::Formatter, TaggedLogging) on the morning revision and rails_semantic_logger's
// JSON format after (no severity field). Active Job logs `Error performing ...` with the backtrace
// before delayed_job's `FAILED (n prior attempts) with Class: message`.
const DJ = 'jobs-delayed';
const WORKER = '[Worker(host:localhost pid:1)]';
function railsLog(rng: Prng, t: number, rev: 0 | 1, level: 'ERROR' | 'WARN' | 'INFO', name: string, msg: string, exc?: { name: string; message: string; stack: readonly string[] }, tags = ''): Write {
  if (rev === 0) {
    const body = exc ? `${tags}${msg}: ${exc.name} (${exc.message}):\n${exc.stack.join('\n')}` : `${tags}${msg}`;
    return { stream: 'stdout', text: rubyLine(t, 1, level, body) };
  }
  const json: Record<string, unknown> = {
    host: 'localhost', application: 'Semantic Logger', environment: 'production', timestamp: isoMicros(t), level: level === 'WARN' ? 'warn' : level.toLowerCase(),
    level_index: level === 'ERROR' ? 4 : level === 'WARN' ? 3 : 2, pid: 1, thread: String(rng.int(1000, 9000)), name, message: msg,
  };
  if (exc) json.exception = { name: exc.name, message: exc.message, stack_trace: exc.stack };
  return { stream: 'stdout', json };
}
const djSay = (rng: Prng, t: number, rev: 0 | 1, level: 'ERROR' | 'INFO', text: string): Write[] => [
  { stream: 'stdout', text: `${WORKER} ${text}` },
  railsLog(rng, t + 20, rev, level, 'Rails', `${djTime(t)}: ${WORKER} ${text}`),
];
const jobName = (job: string, id: string, queue: string, args: string, dbId: number): string => `Job ${job} [${id}] from DelayedJob(${queue}) with arguments: ${args} (id=${dbId}) (queue=${queue})`;
const timeoutStack = [
  '/usr/local/lib/ruby/3.3.0/net/protocol.rb:229:in `rbuf_fill\'',
  '/usr/local/lib/ruby/3.3.0/net/protocol.rb:199:in `readuntil\'',
  '/usr/local/lib/ruby/3.3.0/net/http/response.rb:42:in `read_status_line\'',
  `${GEMS}/faraday-net_http-3.3.0/lib/faraday/adapter/net_http.rb:63:in \`call'`,
  '/rails/app/clients/carrier_client.rb:31:in `shipments\'',
  '/rails/app/jobs/sync_shipments_job.rb:12:in `perform\'',
];
const nilStack = [
  '/rails/app/pdfs/invoice_pdf.rb:44:in `render_lines\'',
  '/rails/app/pdfs/invoice_pdf.rb:18:in `render\'',
  '/rails/app/jobs/invoice_pdf_job.rb:9:in `perform\'',
  `${GEMS}/activejob-7.1.5/lib/active_job/execution.rb:68:in \`block in _perform_job'`,
];
export const jobsDelayed: ServiceDef = {
  name: DJ, stack: 'Ruby 3.3, Rails 7.1, delayed_job 4.1 (delayed_job_active_record) under `bin/rails jobs:work`, Cloud SQL for PostgreSQL, Faraday 2; rails_semantic_logger 4.17 from the rollout', splitRate: 0.7,
  families: [
    fam(`${DJ}:shipments-timeout`, 'ERROR', [20, 50], ({ rng, t, rev }) => {
      const id = rng.uuid();
      const attempts = rng.int(0, 4);
      return [
        railsLog(rng, t, rev, 'ERROR', 'SyncShipmentsJob', `Error performing SyncShipmentsJob (Job ID: ${id}) from DelayedJob(default) in ${rng.fixed(30000, 30100, 2)}ms`, { name: 'Net::ReadTimeout', message: 'Net::ReadTimeout with #<TCPSocket:(closed)>', stack: timeoutStack }, `[ActiveJob] [SyncShipmentsJob] [${id}] `),
        ...djSay(rng, t + 50, rev, 'ERROR', `${jobName('SyncShipmentsJob', id, 'default', `[${rng.int(1000, 9999)}]`, rng.int(10000, 99999))} FAILED (${attempts} prior attempts) with Net::ReadTimeout: Net::ReadTimeout with #<TCPSocket:(closed)>`),
      ];
    }),
    fam(`${DJ}:invoice-nil-lines`, 'ERROR', [10, 25], ({ rng, t, rev }) => {
      const id = rng.uuid();
      const attempts = rng.int(0, 4);
      const name = jobName('InvoicePdfJob', id, 'invoices', `[${rng.int(100000, 999999)}]`, rng.int(10000, 99999));
      return [
        railsLog(rng, t, rev, 'ERROR', 'InvoicePdfJob', `Error performing InvoicePdfJob (Job ID: ${id}) from DelayedJob(invoices) in ${rng.fixed(20, 900, 2)}ms`, { name: 'NoMethodError', message: "undefined method `line_items' for nil", stack: nilStack }, `[ActiveJob] [InvoicePdfJob] [${id}] `),
        ...djSay(rng, t + 50, rev, 'ERROR', `${name} FAILED (${attempts} prior attempts) with NoMethodError: undefined method \`line_items' for nil`),
        ...(attempts === 4 ? djSay(rng, t + 90, rev, 'ERROR', `${name} FAILED permanently because of 5 consecutive failures`) : []),
      ];
    }),
    fam(`${DJ}:reserve-connection-lost`, 'ERROR', [2, 5], ({ rng, t, rev }) => {
      const msg = 'PQconsumeInput() server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally\n\tbefore or while processing the request.';
      return [
        ...djSay(rng, t, rev, 'INFO', `Error while reserving job: ${msg}`),
        { stream: 'stderr', text: [
          'bin/rails aborted!',
          `ActiveRecord::ConnectionNotEstablished: ${msg} (ActiveRecord::ConnectionNotEstablished)`,
          `${GEMS}/activerecord-7.1.5/lib/active_record/connection_adapters/postgresql_adapter.rb:894:in \`exec_params'`,
          `${GEMS}/delayed_job_active_record-4.1.10/lib/delayed/backend/active_record.rb:112:in \`reserve_with_scope_using_optimized_postgres'`,
          `${GEMS}/delayed_job-4.1.13/lib/delayed/worker.rb:333:in \`reserve_job'`,
          `${GEMS}/delayed_job-4.1.13/lib/delayed/tasks.rb:11:in \`block (2 levels) in <main>'`,
          '',
          'Caused by:',
          `PG::ConnectionBad: ${msg} (PG::ConnectionBad)`,
          `${GEMS}/activerecord-7.1.5/lib/active_record/connection_adapters/postgresql_adapter.rb:894:in \`exec_params'`,
          'Tasks: TOP => jobs:work',
          '(See full trace by running task with --trace)',
        ].join('\n') },
        exitLine(DJ, 1),
      ];
    }),
    fam(`${DJ}:carrier-backoff`, 'WARNING', [40, 100], ({ rng, t, rev }) => [railsLog(rng, t, rev, 'WARN', 'SyncShipmentsJob', `carrier API rate limited (429), backing off ${rng.pick([15, 30, 60])}s`, undefined, `[ActiveJob] [SyncShipmentsJob] [${rng.uuid()}] `)]),
    fam(`noise:${DJ}:jobs`, 'INFO', [150, 230], ({ rng, t, rev }) => {
      const id = rng.uuid();
      const job = rng.pick(['SyncShipmentsJob', 'InvoicePdfJob', 'WelcomeMailJob']);
      const name = jobName(job, id, job === 'InvoicePdfJob' ? 'invoices' : 'default', `[${rng.int(1000, 99999)}]`, rng.int(10000, 99999));
      return [
        ...djSay(rng, t, rev, 'INFO', `${name} RUNNING`),
        ...djSay(rng, t + rng.int(50_000, 3_000_000), rev, 'INFO', `${name} COMPLETED after ${rng.fixed(0.05, 3, 4)}`),
      ];
    }),
    fam(`noise:${DJ}:processed`, 'INFO', [40, 70], ({ rng, t, rev }) => djSay(rng, t, rev, 'INFO', `${rng.int(1, 40)} jobs processed at ${rng.fixed(0.2, 9, 4)} j/s, 0 failed`)),
  ],
};

// Rails 7.1 served by Phusion Passenger 6.0 standalone (its nginx engine) as the container's process.
// Passenger's own log `[ L 2026-12-10 10:00:00.1234 17/T5 file.cpp:N ]: msg`; the app's stdout relayed
// line by line as `App <pid> output: <line>` (the pid is the app process, which Passenger respawns).
// Rails' generated production logger (Logger::Formatter, TaggedLogging with the request id) on the
// morning revision; Rails 8.0 after, whose `TaggedLogging.logger(STDOUT)` prints tags and message only.
const PAX = 'web-passenger';
const pax = (t: number, level: string, thread: string, where: string, msg: string): string => `[ ${level} ${passengerTime(t)} 17/${thread} ${where} ]: ${msg}`;
const appPid = (rng: Prng, rev: 0 | 1): number => rng.pick(rev === 0 ? [45, 61, 77] : [52, 68, 84]);
function relayed(rng: Prng, t: number, rev: 0 | 1, level: 'FATAL' | 'INFO' | 'WARN', lines: readonly string[]): Write[] {
  const pid = appPid(rng, rev);
  const first = rev === 0 ? rubyLine(t, pid, level, lines[0] ?? '') : (lines[0] ?? '');
  return [first, ...lines.slice(1)].map((l) => ({ stream: 'stdout', text: `App ${pid} output: ${l}` }));
}
const reqTag = (rng: Prng): string => `[${rng.uuid()}] `;
export const webPassenger: ServiceDef = {
  name: PAX, stack: 'Ruby 3.3, Rails 7.1 then 8.0, Phusion Passenger 6.0.23 standalone (nginx engine), PostgreSQL', splitRate: 0.7,
  families: [
    fam(`${PAX}:spawn-timeout`, 'ERROR', [4, 10], ({ rng, t }) => {
      const errId = rng.hex(8);
      const spawn: Write = { stream: 'stderr', text: `${pax(t, 'E', `T${rng.lower(1)}`, 'age/Cor/App/Implementation.cpp:221', 'Could not spawn process for application /app: A timeout error occurred while spawning an application process.')}\n  Error ID: ${errId}\n  Error details saved to: /tmp/passenger-error-${rng.alnum(6)}.html\n` };
      const checkouts: Write[] = Array.from({ length: rng.int(1, 4) }, (_, i) => ({ stream: 'stderr', text: pax(t + 10_000 * (i + 1), 'E', `T${rng.lower(1)}`, 'age/Cor/Con/CheckoutSession.cpp:276', `[Client ${rng.int(1, 4)}-${rng.int(1, 900)}] Cannot checkout session because a spawning error occurred. The identifier of the error is ${errId}. Please see earlier logs for details about the error.`) }));
      return [spawn, ...checkouts];
    }),
    fam(`${PAX}:queue-full`, 'WARNING', [20, 60], ({ rng, t }) => [{ stream: 'stderr', text: pax(t, 'W', `T${rng.int(2, 9)}`, 'age/Cor/Con/CheckoutSession.cpp:245', `[Client ${rng.int(1, 4)}-${rng.int(1, 900)}] Returning HTTP 503 due to: Request queue full (configured max. size: 100)`) }], 0.5),
    fam(`${PAX}:report-statement-timeout`, 'ERROR', [12, 30], ({ rng, t, rev }) => {
      const tag = reqTag(rng);
      return relayed(rng, t, rev, 'FATAL', [
        `${tag}  `,
        `${tag}ActiveRecord::QueryCanceled (PG::QueryCanceled: ERROR:  canceling statement due to statement timeout`,
        `${tag}):`,
        `${tag}  `,
        `${tag}app/models/report.rb:27:in \`monthly_totals'`,
        `${tag}app/controllers/reports_controller.rb:9:in \`show'`,
      ]);
    }),
    fam(`${PAX}:order-customer-nil`, 'ERROR', [15, 35], ({ rng, t, rev }) => {
      const tag = reqTag(rng);
      return relayed(rng, t, rev, 'FATAL', [
        `${tag}  `,
        `${tag}ActionView::Template::Error (undefined method \`name' for nil):`,
        `${tag}    10:   <h1>Order <%= @order.number %></h1>`,
        `${tag}    11:   <p>`,
        `${tag}    12:     <%= @order.customer.name %>`,
        `${tag}    13:   </p>`,
        `${tag}  `,
        `${tag}app/views/orders/show.html.erb:12`,
        `${tag}app/views/orders/show.html.erb:12:in \`_app_views_orders_show_html_erb___${rng.int(1e15, 9e15)}_${rng.int(10000, 99999)}'`,
      ]);
    }),
    fam(`${PAX}:process-gone`, 'WARNING', [6, 18], ({ rng, t, rev }) => [{ stream: 'stderr', text: pax(t, 'W', `T${rng.int(2, 9)}`, 'age/Cor/App/Pool/AnalyticsCollection.cpp:56', `Process (pid=${appPid(rng, rev)}, group=/app (production)) no longer exists! Detaching it from the pool.`) }]),
    fam(`noise:${PAX}:requests`, 'INFO', [250, 380], ({ rng, t, rev }) => {
      const tag = reqTag(rng);
      const path = rng.pick(['/orders', '/orders/1842', '/reports/2026-11', '/health', '/products?page=3']);
      return [
        ...relayed(rng, t, rev, 'INFO', [`${tag}Started GET "${path}" for 169.254.1.1 at ${rubyLogger(t).slice(0, 19).replace('T', ' ')} +0000`]),
        ...relayed(rng, t + rng.int(5000, 300_000), rev, 'INFO', [`${tag}Completed 200 OK in ${rng.int(4, 400)}ms (Views: ${rng.fixed(1, 90, 1)}ms | ActiveRecord: ${rng.fixed(0.5, 120, 1)}ms (${rng.int(1, 30)} queries, 0 cached) | GC: ${rng.fixed(0, 9, 1)}ms)`]),
      ];
    }),
    fam(`noise:${PAX}:passenger`, 'INFO', [20, 50], ({ rng, t }) => [{ stream: 'stderr', text: pax(t, 'N', 'T1', rng.pick(['age/Wat/WatchdogMain.cpp:1373', 'age/Cor/CoreMain.cpp:1338', 'age/Cor/CoreMain.cpp:1015']), rng.pick(['Starting Passenger watchdog...', 'Passenger core online, PID 17', 'Signal received. Gracefully shutting down... (send signal 2 more time(s) to force shutdown)'])) }]),
  ],
};
