// Ruby's multi-line records as the programs that write them document them, split by Cloud Run into one
// entry per line: Puma's error and its unindented backtrace, Sidekiq's backtrace record, Rails' tagged
// exception block written with no level header. Joined back in either time order, apart from what
// other writers put between their lines.
import { reassembleAll } from '../../../src/source/reassemble.js';
import { cloudRunLines, pieces, texts } from '../../support/cloud-run-lines.js';

const { line, split } = cloudRunLines('stderr');
const out = cloudRunLines('stdout');
const GEMS = '/usr/local/bundle/ruby/3.3.0/gems';

// Puma 6's LogWriter#unknown_error: the time, the text, the request, the error's inspect form, then
// `backtrace.join("\n")` (puma/puma-dev#2 shows the same block from an older Puma).
const PUMA = [
  '2026-03-10 02:25:07 +0000: Rack app ("GET /invoices" - (203.0.113.7)): #<Redis::CannotConnectError: Error connecting to Redis on 10.20.2.139:6379 (Redis::TimeoutError)>',
  `${GEMS}/redis-client-0.22.2/lib/redis_client/ruby_connection.rb:111:in \`rescue in connect'`,
  `${GEMS}/redis-client-0.22.2/lib/redis_client/ruby_connection.rb:107:in \`connect'`,
  `${GEMS}/puma-6.4.3/lib/puma/request.rb:100:in \`handle_request'`,
].join('\n');
// Ruby 3.4 quotes labels '…' and names the class.
const PUMA_34 = [
  '2026-03-10 02:25:09 +0000: Rack app ("POST /webhooks/stripe" - (198.51.100.4)): #<PG::ConnectionBad: connection to server at "10.0.0.3", port 5432 failed: Connection refused>',
  `${GEMS}/pg-1.5.9/lib/pg/connection.rb:701:in 'PG::Connection.connect_to_hosts'`,
  "app/controllers/webhooks_controller.rb:9:in 'WebhooksController#create'",
].join('\n');
// Sidekiq 6/7's Pretty formatter writes the backtrace record as one warn call: the header on its first
// frame, the other frames bare (sidekiq/sidekiq#4516); Sidekiq 5 wrote `pid TID-…` (sidekiq/sidekiq#4573).
const SIDEKIQ_6 = [
  "2020-04-02T17:46:36.556Z pid=84584 tid=ovh2dh8hg class=InvoiceMailerJob jid=9c07f1a4d68f7ea5eaf5a627 WARN: /usr/local/lib/ruby/3.3.0/net/protocol.rb:229:in `rbuf_fill'",
  `${GEMS}/net-smtp-0.5.0/lib/net/smtp.rb:1020:in \`recv_response'`,
  "/app/app/jobs/invoice_mailer_job.rb:9:in `perform'",
].join('\n');
const SIDEKIQ_5 = [
  "2020-05-21T20:58:41.974Z 19615 TID-gpjbkve57 WARN: vendor/bundle/ruby/2.5.0/gems/sidekiq-5.2.8/lib/sidekiq/cli.rb:164:in `backtrace'",
  "vendor/bundle/ruby/2.5.0/gems/sidekiq-5.2.8/lib/sidekiq/cli.rb:164:in `block (2 levels) in <class:CLI>'",
  "vendor/bundle/ruby/2.5.0/gems/sidekiq-5.2.8/lib/sidekiq/cli.rb:161:in `each'",
].join('\n');

describe('reassemble: Ruby backtraces printed without indentation', () => {
  it.each([
    ['Puma\'s error', PUMA],
    ['Puma\'s error, Ruby 3.4 labels', PUMA_34],
    ['Sidekiq 6\'s backtrace record', SIDEKIQ_6],
    ['Sidekiq 5\'s backtrace record', SIDEKIQ_5],
  ])('%s, split, is one record oldest or newest first', (_name, record) => {
    expect(texts(reassembleAll(split(record, 0)))).toEqual([record]);
    expect(texts(reassembleAll(split(record, 0).reverse()))).toEqual([record]);
  });

  it('two Puma errors in a row are two records, each with its frames', () => {
    const joined = reassembleAll([...split(PUMA, 0), ...split(PUMA_34, 40)]);
    expect(texts(joined)).toEqual([PUMA, PUMA_34]);
    expect(pieces(joined)).toEqual([false, false]);
  });

  it('a line of another writer among the frames goes apart', () => {
    const lines = split(PUMA, 0);
    const worker = line('[1] - Worker 2 (PID: 134) booted in 0.62s, phase: 0', 10);
    const joined = reassembleAll([...lines.slice(0, 2), worker, ...lines.slice(2)]);
    expect(texts(joined)).toEqual([PUMA, '[1] - Worker 2 (PID: 134) booted in 0.62s, phase: 0']);
  });

  it('written in one entry and cut short mid-frame, it is a piece', () => {
    const cut = PUMA.slice(0, PUMA.lastIndexOf('/puma-6'));
    expect(pieces(reassembleAll([line(cut, 0)]))).toEqual([true]);
    expect(pieces(reassembleAll([line(PUMA, 0)]))).toEqual([false]);
  });

  it('frames whose head was lost are one piece', () => {
    const frames = PUMA.split('\n').slice(1).join('\n');
    const joined = reassembleAll(split(frames, 0));
    expect(texts(joined)).toEqual([frames]);
    expect(pieces(joined)).toEqual([true]);
  });

  it('frames a second after a line are not its frames', () => {
    const [head, ...frames] = PUMA.split('\n');
    const joined = reassembleAll([line(head!, 0), ...split(frames.join('\n'), 2_000_000)]);
    expect(texts(joined)).toEqual([head, frames.join('\n')]);
  });

  it('frames of another instance are not joined', () => {
    const [head, ...frames] = PUMA.split('\n');
    const joined = reassembleAll([line(head!, 0), ...split(frames.join('\n'), 7, 'another-instance')]);
    expect(joined).toHaveLength(2);
  });
});

// ActiveSupport::TaggedLogging with no Logger header (Rails' default on stdout since 7.1): DebugExceptions'
// block opens with the request tags alone, its lines joined with the tags.
const T = '[0e3ce334-2c66-4e10-8331-b61dfa2a0643] ';
const BARE_BLOCK = [
  `${T}  `,
  `${T}NoMethodError (undefined method \`total_cents' for nil):`,
  `${T}  `,
  `${T}app/views/invoices/show.html.erb:12:in \`_app_views_invoices_show_html_erb___4614'`,
  `${T}app/controllers/invoices_controller.rb:31:in \`show'`,
];
const JOINED = [BARE_BLOCK[0], ...BARE_BLOCK.slice(1).map((l) => l.slice(T.length))].join('\n');
const OTHER = '[449eded8-75d0-4fff-9999-028dc1a1d394] Completed 200 OK in 339ms (Views: 84.4ms | ActiveRecord: 6.9ms (11 queries, 0 cached) | GC: 0.2ms)';

describe('reassemble: Rails\' tagged exception block without a level header', () => {
  it('split, it is one record, its tags taken off the lines after the first', () => {
    const joined = reassembleAll(out.split(BARE_BLOCK.join('\n'), 0));
    expect(texts(joined)).toEqual([JOINED]);
    expect(pieces(joined)).toEqual([false]);
  });

  it('newest first too', () => {
    expect(texts(reassembleAll(out.split(BARE_BLOCK.join('\n'), 0).reverse()))).toEqual([JOINED]);
  });

  it('another request\'s line right under its first line goes apart', () => {
    const lines = out.split(BARE_BLOCK.join('\n'), 0);
    const joined = reassembleAll([lines[0]!, out.line(OTHER, 3), ...lines.slice(1)]);
    expect(texts(joined)).toEqual([JOINED, OTHER]);
  });

  it('two requests\' blocks one after the other are two records', () => {
    const U = '[7082ec67-38f6-4206-9178-ae1f74156f40] ';
    const other = BARE_BLOCK.map((l) => l.replace(T, U));
    const joined = reassembleAll([...out.split(BARE_BLOCK.join('\n'), 0), ...out.split(other.join('\n'), 40)]);
    expect(texts(joined)).toEqual([JOINED, JOINED.replace(T, U)]);
    expect(pieces(joined)).toEqual([false, false]);
  });

  it('cut before its backtrace, it is a piece', () => {
    const joined = reassembleAll(out.split(BARE_BLOCK.slice(0, 2).join('\n'), 0));
    expect(joined).toHaveLength(1);
    expect(pieces(joined)).toEqual([true]);
  });

  it('written in one entry, it is a record, not a piece', () => {
    expect(pieces(reassembleAll([out.line(BARE_BLOCK.join('\n'), 0)]))).toEqual([false]);
  });

  it('a tagged message line is no block: it joins nothing', () => {
    const joined = reassembleAll([out.line(OTHER, 0), out.line(`${T}Started GET "/invoices/12" for 10.0.0.1`, 5)]);
    expect(joined).toHaveLength(2);
  });
});

