import { describe, expect, it } from '@jest/globals';
import { jsonMessage } from '../../../src/normalize/json-message.js';

// An exception a logger records beside its message, found by the shape of its key and value rather than
// one framework's field names. The shapes are those the loggers document: Monolog's normalised
// exception in `context.exception`, OpenTelemetry's `exception.*` attributes (semantic conventions),
// ECS's `error.*` fields.
const TRACE = 'Traceback (most recent call last):\n  File "/app/app/reports.py", line 47, in summary\n    margin = (revenue - cost) / revenue\nZeroDivisionError: division by zero';

describe('jsonMessage: an exception recorded beside the message', () => {
  it('reads OpenTelemetry exception attributes: the stack names the error, the body where it surfaced', () => {
    const otel = {
      body: 'Exception on /api/reports/246/summary [GET]',
      severity_text: 'ERROR',
      attributes: { 'code.function': 'log_exception', 'exception.type': 'ZeroDivisionError', 'exception.message': 'division by zero', 'exception.stacktrace': TRACE },
    };
    // python-json-logger's record of the same error: `exc_info` holds the traceback.
    const plain = { levelname: 'ERROR', message: 'Exception on /api/reports/246/summary [GET]', exc_info: TRACE };
    expect(jsonMessage(otel)).toEqual(jsonMessage(plain));
    expect(jsonMessage(otel)?.text).toBe(`Exception on /api/reports/246/summary [GET]\n${TRACE}`);
  });

  it("leaves a record alone whose message already says its exception's message (Laravel logs the exception's own words)", () => {
    const msg = 'SQLSTATE[HY000] [2002] Connection refused (Connection: mysql, SQL: select 1)';
    const record = {
      message: msg,
      context: { exception: { class: 'Illuminate\\Database\\QueryException', message: msg, code: 2002, file: '/var/www/html/vendor/c.php:825' } },
      level: 400,
      level_name: 'ERROR',
    };
    // The same record through the line formatter carries no class: both must read as the same words.
    expect(jsonMessage(record)).toEqual(jsonMessage({ message: msg, level: 400, level_name: 'ERROR' }));
  });

  it("reads Monolog's context.exception as the exception's own line after the message", () => {
    const record = {
      message: 'Payment capture failed for order ORD-1',
      context: { order: 'ORD-1', exception: { class: 'Symfony\\Component\\HttpClient\\Exception\\TransportException', message: 'Idle timeout reached.', code: 0, file: '/var/www/html/vendor/a.php:56' } },
      level: 400,
      level_name: 'ERROR',
    };
    expect(jsonMessage(record)).toEqual({
      text: 'Payment capture failed for order ORD-1\nSymfony\\Component\\HttpClient\\Exception\\TransportException: Idle timeout reached.',
      errorType: 'Symfony\\Component\\HttpClient\\Exception\\TransportException',
    });
  });

  it('adds nothing when the message already says the exception', () => {
    const record = {
      message: 'Uncaught PHP Exception App\\NotFound: "No route found for "GET /x"" at RouterListener.php line 156',
      context: { exception: { class: 'App\\NotFound', message: 'No route found for "GET /x"', code: 0 } },
    };
    expect(jsonMessage(record)?.text).toBe(record.message);
  });

  it("reads ECS's error fields written as dotted keys", () => {
    const record = { message: 'sync failed', 'error.type': 'java.net.SocketTimeoutException', 'error.message': 'Read timed out' };
    expect(jsonMessage(record)).toEqual({ text: 'sync failed\njava.net.SocketTimeoutException: Read timed out', errorType: 'java.net.SocketTimeoutException' });
  });

  it('takes only exception-shaped values: a null error, a count or a bare word is context', () => {
    expect(jsonMessage({ message: 'invoice synced', attributes: { error: null, errors: 0, retries: 0 } })).toEqual({ text: 'invoice synced' });
    expect(jsonMessage({ message: 'order placed', context: { error: 'none', exception: { code: 0 } } })).toEqual({ text: 'order placed' });
    expect(jsonMessage({ message: 'done', data: { 'error.message': 'not a type beside it' } })).toEqual({ text: 'done' });
  });

  it('stays bounded on a deep or wide payload', () => {
    let deep: Record<string, unknown> = { exception: { class: 'DeepError', message: 'too deep' } };
    for (let i = 0; i < 10_000; i++) deep = { next: deep };
    expect(jsonMessage({ message: 'x', nested: deep })).toEqual({ text: 'x' });
    const wide: Record<string, unknown> = { message: 'x' };
    for (let i = 0; i < 50_000; i++) wide[`k${i}`] = { v: i };
    expect(jsonMessage(wide)).toEqual({ text: 'x' });
  });
});

describe('jsonMessage: an error sentence in a context object one level down', () => {
  // Cloud Foundry's lager writes the event as the message and the error under `data`.
  const lager = (message: string, error: unknown) => ({ timestamp: '1496958794.021312475', source: 'nats_to_syslog', message, log_level: 2, data: { error, session: '1' } });

  it('reads it after the message, as the same field at the top level is read', () => {
    const nested = lager('nats_to_syslog.connecting-to-nats.error', 'nats: no servers available for connection');
    expect(jsonMessage(nested)?.text).toBe('nats_to_syslog.connecting-to-nats.error\nnats: no servers available for connection');
    const top = { message: 'nats_to_syslog.connecting-to-nats.error', error: 'nats: no servers available for connection' };
    expect(jsonMessage(nested)?.text).toBe(jsonMessage(top)?.text);
  });

  it('keeps two errors logged under one event name apart', () => {
    const a = jsonMessage(lager('app.publish.failed', 'nats: no servers available for connection'));
    const b = jsonMessage(lager('app.publish.failed', 'dial tcp 10.0.0.1:4222: connect: connection refused'));
    expect(a?.text).not.toBe(b?.text);
  });

  it('leaves a value that is no sentence as context', () => {
    for (const value of ['none', 'ECONNRESET', 0, null, false, '42 17']) {
      expect(jsonMessage(lager('app.publish.done', value))?.text).toBe('app.publish.done');
    }
  });

  it('says nothing twice, and adds nothing when the record has its own error', () => {
    expect(jsonMessage({ message: 'publish failed: nats: no servers available', data: { error: 'nats: no servers available' } })?.text).toBe('publish failed: nats: no servers available');
    expect(jsonMessage({ message: 'publish failed', error: 'timeout after 5s', data: { error: 'nats: no servers available' } })?.text).toBe('publish failed\ntimeout after 5s');
  });
});

describe('jsonMessage: GELF records', () => {
  // Spring Boot's `gelf` structured format, as its pull request (spring-projects/spring-boot#42158) shows it.
  const trace = 'java.lang.RuntimeException: Boom\n\tat com.slissner.springbootgelf.ExampleLogger.run(ExampleLogger.java:23) ~[main/:?]\n\tat org.springframework.boot.SpringApplication.lambda$callRunner$5(SpringApplication.java:798) ~[spring-boot-3.4.0-SNAPSHOT.jar:3.4.0-SNAPSHOT]';
  const gelf = {
    version: '1.1', short_message: 'Test exception', timestamp: 1.725547337719e9, level: 3, _level_name: 'ERROR', _process_pid: 16597,
    _process_thread_name: 'main', host: 'spring-boot-gelf', _log_logger: 'com.slissner.springbootgelf.ExampleLogger', full_message: `Test exception\n\n${trace}`,
  };

  it('reads short_message, and full_message as the trace after it, as the console pattern prints the record', () => {
    expect(jsonMessage(gelf)?.text).toBe(`Test exception\n${trace}`);
    expect(jsonMessage(gelf)?.text).toBe(jsonMessage({ message: 'Test exception', stack_trace: trace })?.text);
  });

  it('reads a record with no exception as its short message', () => {
    const info = { version: '1.1', short_message: 'Hello structured logging!', timestamp: 1.725547337613e9, level: 6, _level_name: 'INFO', host: 'spring-boot-gelf' };
    expect(jsonMessage(info)?.text).toBe('Hello structured logging!');
  });

  it('reads an exception with no frames after the short message as the trace it is', () => {
    const reset = 'io.netty.channel.unix.Errors$NativeIoException: recvAddress(..) failed: Connection reset by peer';
    const record = { version: '1.1', host: 'pricing', short_message: 'The connection observed an error', full_message: `The connection observed an error\n\n${reset}`, level: 4 };
    expect(jsonMessage(record)?.text).toBe(`The connection observed an error\n${reset}`);
  });

  it('takes a full message that is no trace for nothing more', () => {
    expect(jsonMessage({ version: '1.1', short_message: 'cache warm', full_message: 'cache warm\n\n3 regions loaded', host: 'h' })?.text).toBe('cache warm');
  });
});

describe('jsonMessage: Python frames alone beside the exception type', () => {
  const frames = '  File "/app/forms/notify.py", line 31, in notify_owner\n    to = form[\'email\']\n';
  it("reads ecs-logging-python's error fields as the traceback Python prints", () => {
    const record = { message: 'Exception on /forms/1/submit [POST]', error: { type: 'KeyError', message: "'email'", stack_trace: frames } };
    expect(jsonMessage(record)?.text).toBe(`Exception on /forms/1/submit [POST]\nTraceback (most recent call last):\n${frames.trimEnd()}\nKeyError: 'email'`);
  });

  it('leaves a whole traceback, and frames with no type, as they are', () => {
    const whole = `Traceback (most recent call last):\n${frames}KeyError: 'email'`;
    expect(jsonMessage({ message: 'x', error: { type: 'KeyError', message: "'email'", stack_trace: whole } })?.text).toBe(`x\n${whole}`);
    expect(jsonMessage({ message: 'x', error: { stack_trace: frames } })?.text).toBe(`x\n${frames.trim()}`);
  });
});
