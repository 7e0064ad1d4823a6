// What Ruby programs print with no level: an exception with its backtrace is an ERROR; Puma's `!` lines
// are problems. A level the text states in its header comes first.
import { isRubyTrace } from '../../../src/normalize/ruby-severity.js';
import { textSeverity } from '../../../src/normalize/text-severity.js';

const GEMS = '/usr/local/bundle/ruby/3.3.0/gems';
const T = '[0e3ce334-2c66-4e10-8331-b61dfa2a0643] ';

describe('Ruby exceptions printed with no level', () => {
  it.each([
    ['Puma 6\'s error and backtrace', `2026-03-10 02:25:07 +0000: Rack app ("GET /invoices" - (203.0.113.7)): #<Redis::CannotConnectError: Error connecting to Redis on 10.0.0.5:6379>\n${GEMS}/redis-client-0.22.2/lib/redis_client/ruby_connection.rb:111:in \`rescue in connect'`],
    ['Rails\' tagged block, joined', `${T}  \nNoMethodError (undefined method \`total_cents' for nil):\n  \napp/views/invoices/show.html.erb:12:in \`_app_views_invoices_show_html_erb___4614'`],
    ['Rails\' tagged block as written, tags on every line', `${T}  \n${T}ActiveRecord::ConnectionTimeoutError (could not obtain a connection from the pool within 5.000 seconds):\n${T}  \n${T}app/controllers/invoices_controller.rb:14:in 'index'`],
    ['a namespaced error and Ruby 3.4 frames', "PG::ConnectionBad: connection to server at \"10.0.0.3\", port 5432 failed\napp/models/order.rb:17:in 'Order#total'"],
    ['an exception logged with its frames indented', "Timeout::Error: execution expired\n  app/jobs/sync_job.rb:8:in 'SyncJob#perform'"],
  ])('%s is an ERROR', (_name, text) => {
    expect(isRubyTrace(text)).toBe(true);
    expect(textSeverity(text)).toBe('ERROR');
  });

  it.each([
    ['Sidekiq\'s job failure at WARN', `2026-03-10T00:01:58.039Z pid=1 tid=sdlq20 WARN: Net::ReadTimeout: Net::ReadTimeout with #<TCPSocket:(closed)>\n${GEMS}/net-smtp-0.5.0/lib/net/smtp.rb:1020:in \`recv_response'`, 'WARNING'],
    ['Rails\' block under a FATAL header', `F, [2026-03-10T10:00:00.137334 #1] FATAL -- : ${T}  \n${T}NoMethodError (undefined method 'x' for nil):\n${T}app/models/x.rb:3:in 'f'`, 'CRITICAL'],
    ['a routine record that quotes a frame', `I, [2026-03-10T10:00:00.137334 #1]  INFO -- : retrying Net::ReadTimeout: x\napp/models/x.rb:3:in 'f'`, 'INFO'],
  ])('%s keeps the level its header states', (_name, text, severity) => {
    expect(textSeverity(text)).toBe(severity);
  });

  it.each([
    ['a line that starts with a date and says nothing of an error', '2026-03-10 02:25:07 +0000: cache warmed in 3.2s'],
    ['Puma\'s error line without its backtrace', '2026-03-10 02:25:07 +0000: Rack app ("GET /x" - (10.0.0.1)): #<Redis::CannotConnectError: Error connecting>'],
    ['frames under a line that names no exception', "Started GET \"/x\" for 10.0.0.1\napp/controllers/x_controller.rb:3:in 'index'"],
    ['frames under a word that is no exception name', "Report (daily): 3 rows\napp/jobs/report_job.rb:3:in 'perform'"],
    ['an exception named without frames', "NoMethodError (undefined method 'x' for nil):"],
  ])('not: %s', (_name, text) => {
    expect(isRubyTrace(text)).toBe(false);
  });
});

describe('Puma\'s `!` lines', () => {
  it.each([
    ['[1] ! Terminating timed out worker (Worker 1 failed to check in within 60 seconds): 345', 'ERROR'],
    ['! Unable to load application: LoadError: cannot load such file -- foo', 'ERROR'],
    ['[1] ! WARNING: Detected 1 Thread(s) started in app boot:', 'WARNING'],
  ])('%s', (line, severity) => {
    expect(textSeverity(line)).toBe(severity);
  });

  it.each([
    '[1] - Worker 2 (PID: 134) booted in 0.62s, phase: 0',
    '[1] * Listening on http://0.0.0.0:8080',
    '!important note',
  ])('not: %s', (line) => {
    expect(textSeverity(line)).toBeNull();
  });
});
