// Ruby's shapes of one exception (`Class: message`, `message (Class)`, `#<Class: message>`, Rails'
// `Class (message):`, the bare class) are one identity, and so is an exception of any language that
// says nothing of its own however it says it; another class, another message, a class that is not
// namespaced Ruby with a message of its own, or a capitalised word ending a sentence are not.
// Templates are as the masker leaves them.
import { errorIdentity } from '../../../src/classify/error-identity.js';
import { exceptionClass } from '../../../src/classify/exception-class.js';
import { coreWords } from '../../../src/classify/core-words.js';

const key = (template: string): string | null => errorIdentity(template)?.key ?? null;

describe('exceptionClass: the shapes one exception is printed in', () => {
  it.each([
    ['class: message, message (class), inspect', [
      "Redis::CommandError: OOM command not allowed when used memory > '<QUOTED>'.",
      "OOM command not allowed when used memory > '<QUOTED>'. (Redis::CommandError)",
      "#<Redis::CommandError: OOM command not allowed when used memory > '<QUOTED>'.>",
    ]],
    ['a class with no message of its own, bare, inspected with a masked value, in Rails\' request log', [
      'ActionController::InvalidAuthenticityToken',
      '#<ActionController::InvalidAuthenticityToken: [REDACTED]',
      'ActionController::InvalidAuthenticityToken (ActionController::InvalidAuthenticityToken):',
    ]],
    ['the message a wrapper class carries, both ways round', [
      'ActiveRecord::Deadlocked: Mysql2::Error: Deadlock found when trying to get lock; try restarting transaction',
      'Mysql2::Error: Deadlock found when trying to get lock; try restarting transaction (ActiveRecord::Deadlocked)',
    ]],
    ['Rails\' request log line and the exception line', [
      'ActionController::RoutingError (No route matches [GET] "<PATH>"):',
      'ActionController::RoutingError: No route matches [GET] "<PATH>"',
    ]],
    ['a Python exception with no message, with its name again, with None', [
      'kafka.errors.NoBrokersAvailable:',
      'kafka.errors.NoBrokersAvailable: NoBrokersAvailable',
      'NoBrokersAvailable: NoBrokersAvailable',
      'kafka.errors.NoBrokersAvailable: None',
    ]],
    ['an exception printed as its repr, after a wrapper\'s colon and as the class line', [
      'TimeLimitExceeded: TimeLimitExceeded(<NUM>,)',
      'billiard.exceptions.TimeLimitExceeded: TimeLimitExceeded(<NUM>,)',
      'TimeLimitExceeded(<NUM>,)',
    ]],
  ])('%s', (_name, templates) => {
    const keys = templates.map(key);
    expect(keys[0]).not.toBeNull();
    for (const k of keys) expect(k).toBe(keys[0]);
  });

  it.each([
    ['two classes, one message', 'Redis::CommandError: OOM command not allowed', 'Redis::TimeoutError: OOM command not allowed'],
    ['one class, two messages', 'Redis::CannotConnectError: Error connecting to Redis on <HOST> (ECONNREFUSED)',
      'Redis::CannotConnectError: Error connecting to Redis on <HOST> (ETIMEDOUT)'],
    ['a message and its negation', 'Faraday::ConnectionFailed: could connect', 'Faraday::ConnectionFailed: could not connect'],
    ['the inner class and the wrapper that carries it', 'Mysql2::Error: Deadlock found when trying to get lock',
      'ActiveRecord::Deadlocked: Mysql2::Error: Deadlock found when trying to get lock'],
    ['a bare class and the same class with a message', 'ActiveRecord::RecordNotFound', "ActiveRecord::RecordNotFound: Couldn't find User"],
    ['two Python classes that say nothing', 'kafka.errors.NoBrokersAvailable:', 'kafka.errors.KafkaTimeoutError:'],
    ['a Ruby class and a dotted class of one name', 'Foo::ServerDisconnectedError', 'aiohttp.client_exceptions.ServerDisconnectedError:'],
  ])('keeps apart %s', (_name, a, b) => {
    expect(key(a)).not.toBeNull();
    expect(key(b)).not.toBeNull();
    expect(key(a)).not.toBe(key(b));
  });

  it.each([
    ['a Rust path', 'hyper::Error(IncompleteMessage): connection closed before message completed'],
    ['a C++ name', 'terminate called after throwing an instance of std::runtime_error'],
    ['a Java class', 'java.net.SocketTimeoutException: Read timed out'],
    ['an Elixir module', '** (DBConnection.ConnectionError) tcp recv: closed'],
    ['a PHP class', 'Predis\\Connection\\ConnectionException: Connection refused [tcp://<IP>:<NUM>]'],
    ['a class that is not namespaced, with a message', 'RuntimeError: boom'],
    ['a Python class with a message of its own', 'aiohttp.client_exceptions.ServerDisconnectedError: Server disconnected'],
    ['a class in the middle of a line that goes on', 'ActiveRecord::StatementInvalid in sidekiq#default and then more words'],
    ['a capitalised word ending a sentence', 'failed to connect to MongoDB'],
    ['one capitalised word', 'Error:'],
  ])('reads no exception class in %s', (_name, template) => {
    expect(exceptionClass(template, coreWords)).toBeNull();
  });

  it('returns what was logged before the exception as its context', () => {
    const identity = errorIdentity('Error in cache sweeper: Redis::CommandError: OOM command not allowed');
    expect(identity?.namesOperation).toBe(false);
    expect(identity?.context).toContain('sweeper');
    expect(errorIdentity('Redis::CommandError: OOM command not allowed')?.context).toBe('');
  });
});
