// Ruby's Exception#inspect above a backtrace, and Puma's error line: the error is the class and the
// message inside `#<…>`; which request failed is not the problem.
import { createClassifier, stackSignature } from '../../../src/classify/index.js';
import { inspectedException, rubyCallerLine } from '../../../src/classify/ruby-inspect.js';
import type { Entry } from '../../../src/shared/types.js';

describe('inspectedException', () => {
  it.each([
    ['Puma\'s error line', 'Rack app ("GET /invoices" - (203.0.113.7)): #<Redis::CannotConnectError: Error connecting to Redis on 10.0.0.5:6379 (Redis::TimeoutError)>', 'Redis::CannotConnectError', 'Error connecting to Redis on 10.0.0.5:6379 (Redis::TimeoutError)'],
    ['a message holding `>`', 'job failed: #<ArgumentError: expected a > b>', 'ArgumentError', 'expected a > b'],
    ['Ruby 3.4 quotes a message with a newline', 'worker died: #<RuntimeError: "line one\\nline two">', 'RuntimeError', '"line one\\nline two"'],
    ['a bare class name', 'Rack app: #<Timeout: request took too long>', 'Timeout', 'request took too long'],
  ])('%s', (_name, line, type, message) => {
    expect(inspectedException([line])).toEqual({ type, message });
  });

  it.each([
    ['an object that is no exception', 'cache miss for #<User id: 42, name: "x"> (retrying)'],
    ['an inspect form in the middle of a line', 'got #<Foo::Bar: baz> from upstream, retrying'],
    ['no inspect form', 'Rack app ("GET /x" - (10.0.0.1)): connection reset'],
  ])('not: %s', (_name, line) => {
    expect(inspectedException([line])).toBeNull();
  });
});

describe('rubyCallerLine', () => {
  it.each([
    ['Rack app ("GET /invoices/12?page=2" - (203.0.113.7)): #<X: y>', 'Rack app: #<X: y>'],
    ['Rack app ("POST /webhooks/stripe" - (2001:db8::1)): #<X: y>', 'Rack app: #<X: y>'],
    ['Read error ("GET /x HTTP/1.1" - (10.0.0.1)): #<EOFError: end of file reached>', 'Read error: #<EOFError: end of file reached>'],
    ['payment ("GET /x" - (10.0.0.1)) failed', 'payment ("GET /x" - (10.0.0.1)) failed'],
  ])('%s', (line, caller) => {
    expect(rubyCallerLine(line)).toBe(caller);
  });
});

const GEMS = '/usr/local/bundle/ruby/3.3.0/gems';
const puma = (request: string, error: string, frames = [`${GEMS}/redis-client-0.22.2/lib/redis_client/ruby_connection.rb:111:in \`rescue in connect'`, `${GEMS}/puma-6.4.3/lib/puma/request.rb:100:in \`handle_request'`]) =>
  [`2026-03-10 02:25:07 +0000: Rack app (${request}): ${error}`, ...frames].join('\n');
const REDIS = (ip: string) => `#<Redis::CannotConnectError: Error connecting to Redis on ${ip}:6379 (Redis::TimeoutError)>`;

const stack = (text: string, time = 0): Entry => ({ time, severity: 'ERROR', service: 'billing', revision: 'billing-001', kind: 'stack', text });
function ids(texts: string[]): string[] {
  const c = createClassifier();
  const handles = texts.map((t, i) => c.add(stack(t, i)));
  return handles.map((h) => c.resolve(h).id);
}

describe('Puma\'s error as a stack cluster', () => {
  it('names the error inside the inspect form', () => {
    expect(stackSignature(puma('"GET /invoices" - (203.0.113.7)', REDIS('10.0.0.5')))).toMatchObject({
      language: 'ruby', exceptionType: 'Redis::CannotConnectError',
    });
  });

  it('other methods, paths and clients are one problem', () => {
    const all = ids([
      puma('"GET /invoices" - (203.0.113.7)', REDIS('10.0.0.5')),
      puma('"POST /webhooks/stripe" - (198.51.100.4)', REDIS('10.0.0.9')),
      puma('"GET /invoices/8812?page=3" - (192.0.2.44)', REDIS('10.0.3.17')),
    ]);
    expect(new Set(all).size).toBe(1);
  });

  it('another error in the same place is another problem', () => {
    const [a, b] = ids([
      puma('"GET /invoices" - (203.0.113.7)', REDIS('10.0.0.5')),
      puma('"GET /invoices" - (203.0.113.7)', '#<Redis::CommandError: READONLY You can\'t write against a read only replica.>'),
    ]);
    expect(a).not.toBe(b);
  });

  it('the same error logged by another line is another caller', () => {
    const other = [`2026-03-10 02:25:07 +0000: cache warmup failed: ${REDIS('10.0.0.5')}`, `${GEMS}/redis-client-0.22.2/lib/redis_client/ruby_connection.rb:111:in \`rescue in connect'`].join('\n');
    const [a, b] = ids([puma('"GET /invoices" - (203.0.113.7)', REDIS('10.0.0.5')), other]);
    expect(a).not.toBe(b);
  });
});

describe('Puma\'s error line alone (its backtrace lost)', () => {
  const text = (request: string, ip: string): Entry => ({ time: 0, severity: 'ERROR', service: 'billing', revision: 'billing-001', kind: 'text', text: `Rack app (${request}): ${REDIS(ip)}` });
  it('other requests are one problem; another error is another', () => {
    const c = createClassifier();
    const [a, b, d] = [
      text('"GET /invoices" - (203.0.113.7)', '10.0.0.5'), text('"POST /webhooks/stripe" - (198.51.100.4)', '10.0.0.9'),
      { ...text('"GET /invoices" - (203.0.113.7)', '10.0.0.5'), text: 'Rack app ("GET /invoices" - (203.0.113.7)): #<Redis::CommandError: READONLY You can\'t write against a read only replica.>' },
    ].map((e) => c.add(e));
    expect(c.resolve(a!).id).toBe(c.resolve(b!).id);
    expect(c.resolve(d!).id).not.toBe(c.resolve(a!).id);
    expect(c.resolve(a!).template).toBe('Rack app: #<Redis::CannotConnectError: Error connecting to Redis on <IP> (Redis::TimeoutError)>');
  });
});
