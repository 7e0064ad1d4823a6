// Sidekiq's log line header (Pretty, WithoutTimestamp, Sidekiq 5's TID- form) and its JSON formatter's
// `lvl`: the level is read, the header set aside, so the same message through either formatter is one text.
import { entrySeverity, stripLogHeader } from '../../../src/normalize/index.js';
import { sidekiqThread } from '../../../src/normalize/sidekiq-header.js';
import { textSeverity } from '../../../src/normalize/text-severity.js';

describe('Sidekiq\'s header', () => {
  it.each([
    ['Sidekiq 7 Pretty, in a job', '2026-03-10T00:01:58.039Z pid=1 tid=sdlq20 class=InvoiceMailerJob jid=9c07f1a4d68f7ea5eaf5a627 WARN: Net::ReadTimeout: Net::ReadTimeout with #<TCPSocket:(closed)>', 'WARN', 'Net::ReadTimeout: Net::ReadTimeout with #<TCPSocket:(closed)>'],
    ['outside a job (the fetcher, the handler after the job)', '2026-03-10T00:01:58.039Z pid=1 tid=sdlq20 ERROR: Error fetching job: Error connecting to Redis on 10.20.1.2:6379 (RedisClient::ConnectionError)', 'ERROR', 'Error fetching job: Error connecting to Redis on 10.20.1.2:6379 (RedisClient::ConnectionError)'],
    ['the job\'s elapsed time and tags', '2026-03-10T00:01:58.039Z pid=7 tid=2ss class=HardJob jid=abc123 tags=billing,eu elapsed=0.519 INFO: done', 'INFO', 'done'],
    ['WithoutTimestamp (Heroku)', 'pid=4 tid=ovh2dh8hg WARN: Thread TID-ovh2dh8hg', 'WARN', 'Thread TID-ovh2dh8hg'],
    ['Sidekiq 5 (sidekiq/sidekiq#4573)', '2020-05-21T20:58:41.972Z 19615 TID-gpjbkve57 WARN: Thread TID-gpjbkve57', 'WARN', 'Thread TID-gpjbkve57'],
    ['Sidekiq 5 in a job', '2018-10-11T07:20:52.721Z 44689 TID-oxtmzvjn9 HardJob JID-b4a577edbccf1d805744efa9 INFO: start', 'INFO', 'start'],
  ])('%s', (_name, line, level, rest) => {
    expect(stripLogHeader(line)).toEqual({ rest, level });
  });

  it.each([
    ['logfmt with a pid and no level word', 'pid=12 tid=3 msg="worker started"'],
    ['a level word that is the message', '2026-03-10T00:01:58.039Z pid=1 booted WARN: x'],
    ['Puma\'s cluster line', '[1] - Worker 2 (PID: 134) booted in 0.62s, phase: 0'],
  ])('not: %s', (_name, line) => {
    expect(stripLogHeader(line).level).toBeUndefined();
  });

  it('gives the text its level', () => {
    expect(textSeverity('2026-03-10T00:01:58.039Z pid=1 tid=sdlq20 class=InvoiceMailerJob jid=9c07f1a4 WARN: {"context":"Job raised exception"}')).toBe('WARNING');
    expect(textSeverity('2026-03-10T00:01:58.039Z pid=1 tid=sdlq20 ERROR: Error fetching job: boom')).toBe('ERROR');
    expect(textSeverity('2026-03-10T00:01:58.039Z pid=1 tid=sdlq20 class=X jid=1 INFO: start')).toBe('INFO');
  });

  it('names the thread and, in a job, the job', () => {
    expect(sidekiqThread('2026-03-10T00:01:58.039Z pid=1 tid=sdlq20 class=InvoiceMailerJob jid=9c07f1a4 WARN: x')).toMatchObject({ tid: 'sdlq20', jid: '9c07f1a4', level: 'WARN' });
    expect(sidekiqThread('pid=1 tid=sdlq20 WARN: x')).toEqual({ tid: 'sdlq20', length: 'pid=1 tid=sdlq20 WARN: '.length, level: 'WARN' });
    expect(sidekiqThread('2020-05-21T20:58:41.972Z 19615 TID-gpjbkve57 HardJob JID-b4a5 WARN: x')).toMatchObject({ tid: 'gpjbkve57', jid: 'b4a5' });
    expect(sidekiqThread('2026-03-10T00:01:58.039Z worker 1 WARN: x')).toBeNull();
  });
});

describe('Sidekiq\'s JSON formatter', () => {
  const json = (lvl: string, msg: string) => ({ jsonPayload: { ts: '2026-03-10T00:01:58.039Z', pid: 1, tid: 'sdlq20', lvl, msg, ctx: { class: 'InvoiceMailerJob', jid: '9c07' } } });
  it.each([
    ['WARN', 'WARNING'], ['ERROR', 'ERROR'], ['FATAL', 'CRITICAL'], ['INFO', 'INFO'], ['DEBUG', 'DEBUG'],
  ])('lvl %s is %s', (lvl, severity) => {
    expect(entrySeverity(json(lvl, 'Net::ReadTimeout: Net::ReadTimeout with #<TCPSocket:(closed)>'))).toBe(severity);
  });

  it('a `level` the payload also holds comes first', () => {
    expect(entrySeverity({ jsonPayload: { level: 'error', lvl: 'INFO', msg: 'x' } })).toBe('ERROR');
  });
});
