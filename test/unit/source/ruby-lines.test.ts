// Ruby's unindented backtrace lines and Rails' tagged exception block, line by line.
import { bareTags, endsInCutRubyFrame, isBareRubyFrame, isWholeTaggedBlock } from '../../../src/source/ruby-lines.js';

describe('isBareRubyFrame', () => {
  it.each([
    ['a gem frame, label in `…\' (before Ruby 3.4)', "/usr/local/bundle/ruby/3.3.0/gems/puma-6.4.3/lib/puma/request.rb:100:in `handle_request'"],
    ['a rescue clause', "/usr/local/bundle/ruby/3.3.0/gems/redis-client-0.22.2/lib/redis_client/ruby_connection.rb:111:in `rescue in connect'"],
    ['Ruby 3.4 labels: quoted \'…\' with the class', "app/models/order.rb:17:in 'Order#total'"],
    ['a block, two levels down', "vendor/bundle/ruby/2.5.0/gems/sidekiq-5.2.8/lib/sidekiq/cli.rb:164:in `block (2 levels) in <class:CLI>'"],
    ['a template frame', "app/views/invoices/show.html.erb:12:in `_app_views_invoices_show_html_erb___4719'"],
    ['the interpreter\'s own file', "<internal:kernel>:187:in 'Kernel#loop'"],
    ['`from` as an uncaught exception prints it, unindented', "from bin/rails:4:in '<main>'"],
    ['a trailing space', "app/jobs/sync_job.rb:8:in `perform' "],
  ])('%s', (_name, line) => {
    expect(isBareRubyFrame(line)).toBe(true);
  });

  it.each([
    ['the uncaught exception\'s own line heads its frames', "app/jobs/sync_job.rb:8:in 'SyncJob#perform': execution expired (Net::OpenTimeout)"],
    ['an indented frame (another rule reads those)', "  app/models/order.rb:17:in 'Order#total'"],
    ['a Ruby warning', 'app/models/order.rb:3: warning: already initialized constant Order::LIMIT'],
    ['a Go caller', 'main.go:42: connection refused'],
    ['Python\'s warnings module', '/app/db.py:57: LegacyAPIWarning: Query.get() is legacy'],
    ['a message that names a frame after words', "Error raised in app/models/order.rb:17:in 'total'"],
    ['a Sidekiq line with its header', "2026-03-10T00:01:58.039Z pid=1 tid=sdlq20 WARN: /usr/local/lib/ruby/3.3.0/net/protocol.rb:229:in `rbuf_fill'"],
    ['a request log line', 'Started GET "/invoices?page=2" for 10.0.0.1 at 2026-03-10 12:00:01 +0000'],
    ['a frame cut short before its label closes', "/usr/local/bundle/ruby/3.3.0/gems/puma-6.4.3/lib/puma/request.rb:100:in `handle_req"],
  ])('not: %s', (_name, line) => {
    expect(isBareRubyFrame(line)).toBe(false);
  });
});

describe('bareTags', () => {
  it.each([
    ['one request id, then the blank first line', '[04b21b68-027f-48d7-aea3-ea1fb24e1f14]   ', '[04b21b68-027f-48d7-aea3-ea1fb24e1f14] '],
    ['several tags', '[req-7f3a9c21] [acme] [10.0.0.1]   ', '[req-7f3a9c21] [acme] [10.0.0.1] '],
    ['the tags with nothing after them', '[04b21b68-027f-48d7-aea3-ea1fb24e1f14] ', '[04b21b68-027f-48d7-aea3-ea1fb24e1f14] '],
  ])('%s', (_name, line, tags) => {
    expect(bareTags(line)).toBe(tags);
  });

  it.each([
    ['a tagged message', '[04b21b68-027f-48d7-aea3-ea1fb24e1f14] Started GET "/x" for 10.0.0.1'],
    ['a level in brackets', '[ERROR]   '],
    ['Puma\'s master process tag', '[1]   '],
    ['a tagged frame', "[04b21b68-027f-48d7-aea3-ea1fb24e1f14] app/models/x.rb:3:in 'f'"],
    ['no tags', '   '],
  ])('not: %s', (_name, line) => {
    expect(bareTags(line)).toBeNull();
  });
});

describe('isWholeTaggedBlock', () => {
  const T = '[04b21b68-027f-48d7-aea3-ea1fb24e1f14] ';
  it('the block as DebugExceptions writes it (tags on each line, or taken off when joined)', () => {
    expect(isWholeTaggedBlock([`${T}  `, `${T}NoMethodError (undefined method 'x' for nil):`, `${T}  `, `${T}app/models/x.rb:3:in 'f'`].join('\n'))).toBe(true);
    expect(isWholeTaggedBlock([`${T}  `, "NoMethodError (undefined method 'x' for nil):", '  ', "app/models/x.rb:3:in 'f'"].join('\n'))).toBe(true);
  });

  it.each([
    ['cut before its backtrace', [`${T}  `, `${T}ActiveRecord::ConnectionTimeoutError (could not obt`]],
    ['the tags line alone', [`${T}  `]],
    ['its first lines lost: the blank line before the frames, then frames', [`${T}  `, `${T}app/models/x.rb:3:in 'f'`, `${T}app/models/y.rb:9:in 'g'`]],
  ])('a piece: %s', (_name, lines) => {
    expect(isWholeTaggedBlock(lines.join('\n'))).toBe(false);
  });
});

describe('endsInCutRubyFrame', () => {
  const GEMS = '/usr/local/bundle/ruby/3.3.0/gems';
  it.each([
    ['a path cut short', `Net::ReadTimeout: x\n${GEMS}/net-smtp-0.5.0/lib/net/smtp.rb:1020:in \`recv_response'\n${GEMS}/ma`],
    ['after the line number', `Rack app: #<X: y>\n${GEMS}/a.rb:1:in \`f'\n${GEMS}/puma-6.4.3/lib/puma/request.rb:100`],
    ['inside the label', `Rack app: #<X: y>\n${GEMS}/a.rb:1:in \`f'\n${GEMS}/puma-6.4.3/lib/puma/request.rb:100:in \`handle_req`],
    ['Sidekiq\'s backtrace record, its header on the first frame', "2026-03-10T11:49:46.195Z pid=1 tid=ligo29 WARN: /usr/local/lib/ruby/3.3.0/net/protocol.rb:229:in `rbuf_fill'\n/usr/local/bundle/ruby/3.3.0/g"],
    ['tagged frames', "[0e3c1234-aaaa] app/models/x.rb:3:in 'f'\n[0e3c1234-aaaa] app/controllers/invoi"],
  ])('%s', (_name, text) => {
    expect(endsInCutRubyFrame(text)).toBe(true);
  });

  it.each([
    ['a whole backtrace', `Net::ReadTimeout: x\n${GEMS}/net-smtp-0.5.0/lib/net/smtp.rb:1020:in \`recv_response'\n/app/app/jobs/x_job.rb:9:in \`perform'`],
    ['a message line after the frames', `Net::ReadTimeout: x\n${GEMS}/a.rb:1:in \`f'\nretrying in 5 seconds`],
    ['one line', `${GEMS}/net-smtp-0.5.0/lib/net/sm`],
    ['no frame before the last line', 'job failed\n/usr/local/bundle/ruby/3.3.0/g'],
  ])('not: %s', (_name, text) => {
    expect(endsInCutRubyFrame(text)).toBe(false);
  });
});
