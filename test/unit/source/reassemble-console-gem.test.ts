// The Console gem (socketry/console, the logger of Async and Falcon) writes a record as one write of
// several lines when its stream is no terminal: `ELAPSED    level: Subject [oid=…] [ec=…] [pid=N] [time]`,
// then `               | ` rows with the message and the exception its Failure formatter prints (`  Type:
// message`, `  → path:12 in 'm'`, `    path:40 in 'm'`). Cloud Run stores each line as an entry: the record
// joins again, is read at the level its first line states, and reads as its serialized (JSON) twin: the
// message, then the exception as Ruby's Logger prints it. Records below as pasted in ronin-rb/ronin#118
// (Async 2 over async-io, the ec= field), socketry/async#382 (a test run's `0.0s`) and socketry/falcon#117
// (a release that wrote no fiber id), and the serialized record of socketry/async-cable#1.
import { describe, expect, it } from '@jest/globals';
import { reassembleAll } from '../../../src/source/reassemble.js';
import { mayBelongToTrace, severityTextPattern, textSeverity } from '../../../src/normalize/text-severity.js';
import { normalizeEntry } from '../../../src/normalize/index.js';
import { mayMatter, meetsSeverityFloor } from '../../../src/normalize/severity-floor.js';
import { continuesConsoleGemRecord, opensConsoleGemRecord } from '../../../src/shared/console-gem.js';
import type { Entry, RawEntry } from '../../../src/shared/types.js';
import { cloudRunLines, INSTANCE_A, pieces, texts } from '../../support/cloud-run-lines.js';

const { line, split } = cloudRunLines('stdout');

// ronin-rb/ronin#118 (its first frames).
const RONIN_RESET = [
  ' 4.74s     warn: Async::Task [oid=0x1338] [ec=0x134c] [pid=10942] [2022-10-07 10:46:41 -0700]',
  '               | Task may have ended with unhandled exception.',
  '               |   Errno::ECONNRESET: Connection reset by peer',
  "               |   → /opt/rubies/ruby-3.1.2/lib/ruby/3.1.0/socket.rb:452 in `__read_nonblock'",
  "               |     /opt/rubies/ruby-3.1.2/lib/ruby/3.1.0/socket.rb:452 in `read_nonblock'",
  "               |     /data/home/postmodern/code/ronin-rb/vendor/bundle/ruby/3.1.0/gems/async-io-1.34.0/lib/async/io/generic.rb:216 in `async_send'",
  "               |     /data/home/postmodern/code/ronin-rb/vendor/bundle/ruby/3.1.0/gems/async-io-1.34.0/lib/async/io/stream.rb:261 in `fill_read_buffer'",
  "               |     lib/ronin/cli/commands/netcat.rb:311 in `block (2 levels) in client_loop'",
].join('\n');
// socketry/falcon#117: no fiber id, the elapsed time six columns wide with no space before it.
const FALCON_PIPE = [
  '16.31s    error: Async::Task [oid=0x2afaf43f2f2c] [pid=5824] [2020-05-05 10:25:59 +0200]',
  '               |   Errno::EPIPE: Broken pipe',
  "               |   → /home/gottlike/.rbenv/versions/2.6.5/lib/ruby/2.6.0/socket.rb:456 in `__write_nonblock'",
  "               |     /home/gottlike/.rbenv/versions/2.6.5/lib/ruby/2.6.0/socket.rb:456 in `write_nonblock'",
  "               |     /home/gottlike/.rbenv/versions/2.6.5/lib/ruby/gems/2.6.0/gems/async-io-1.29.0/lib/async/io/generic.rb:216 in `async_send'",
].join('\n');
// socketry/async#382: a test run's record, its frame relative to the project.
const ASYNC_TEST_ERROR = [
  '  0.0s     warn: Async::Task [oid=0x7b34] [ec=0x7b48] [pid=150195] [2025-04-09 11:52:45 +0000]',
  '               | Task may have ended with unhandled exception.',
  '               |   RuntimeError: test error',
  "               |   → spec/services/async_utils_spec.rb:9 in `block (4 levels) in <top (required)>'",
].join('\n');
// A record whose subject is a string: the message is on the first line.
const STRING_SUBJECT = '  1.52s     warn: Redis connection lost, retrying [ec=0x5d0] [pid=1] [2026-12-12 10:00:00 +0000]';
const INFO_RECORD = [
  '   21m     info: Falcon::Service::Server [oid=0x60d6] [ec=0xd8d0] [pid=1] [2026-12-12 10:00:00 +0000]',
  '               | Starting server...',
].join('\n');
const RECORDS: Array<[string, string]> = [['ronin netcat reset', RONIN_RESET], ['falcon broken pipe, no fiber id', FALCON_PIPE], ['async test error', ASYNC_TEST_ERROR], ['info', INFO_RECORD]];

function entry(raw: RawEntry): Entry {
  const e = normalizeEntry(raw);
  if ('skip' in e) throw new Error(`skipped: ${e.skip}`);
  return e;
}

describe("the Console gem's text record, split one line per entry", () => {
  it.each(RECORDS)('%s joins again, in both time orders', (_n, record) => {
    const entries = split(record, 0);
    for (const input of [entries, [...entries].reverse()]) expect(texts(reassembleAll(input))).toEqual([record]);
  });

  it("joins with another instance's lines in between; the next record of the same instance is a record of its own", () => {
    const record = split(RONIN_RESET, 0);
    const other = line('               | Delivered 8 messages to room 86 (errors=0)', 10, 'other-instance');
    const next = split(INFO_RECORD, 200, INSTANCE_A);
    const out = texts(reassembleAll([...record.slice(0, 3), other, ...record.slice(3), ...next]));
    expect(out).toEqual([RONIN_RESET, '               | Delivered 8 messages to room 86 (errors=0)', INFO_RECORD]);
  });

  it('is read at the level its first line states, whole or joined', () => {
    expect(textSeverity(RONIN_RESET)).toBe('WARNING');
    expect(textSeverity(FALCON_PIPE)).toBe('ERROR');
    expect(textSeverity(ASYNC_TEST_ERROR)).toBe('WARNING');
    expect(textSeverity(INFO_RECORD)).toBe('INFO');
    expect(textSeverity(STRING_SUBJECT)).toBe('WARNING');
    expect(textSeverity('    5h    fatal: Falcon::Controller::Serve [oid=0x1a] [ec=0x2b] [pid=1] [2026-12-12 10:00:00 +0000]')).toBe('CRITICAL');
  });

  it('every line of a warning is read by the prefilter and the server-side pattern; an info record is not kept', () => {
    const pattern = new RegExp(severityTextPattern('NOTICE').replace('(?i)', ''), 'i');
    for (const l of [...RONIN_RESET.split('\n'), ...FALCON_PIPE.split('\n')]) {
      expect(mayBelongToTrace(l)).toBe(true);
      expect(pattern.test(l)).toBe(true);
    }
    expect(meetsSeverityFloor(line(INFO_RECORD, 0), 'NOTICE')).toBe(false);
    expect(mayMatter(line(RONIN_RESET, 0), 'NOTICE')).toBe(true);
    expect(meetsSeverityFloor(line(RONIN_RESET, 0), 'NOTICE')).toBe(true);
  });

  it("reads as the message, then the exception as Ruby's Logger prints it, whole or joined", () => {
    const reset = entry(line(RONIN_RESET, 0));
    expect(reset.text).toBe([
      'Task may have ended with unhandled exception.',
      'Connection reset by peer (Errno::ECONNRESET)',
      "/opt/rubies/ruby-3.1.2/lib/ruby/3.1.0/socket.rb:452:in `__read_nonblock'",
      "/opt/rubies/ruby-3.1.2/lib/ruby/3.1.0/socket.rb:452:in `read_nonblock'",
      "/data/home/postmodern/code/ronin-rb/vendor/bundle/ruby/3.1.0/gems/async-io-1.34.0/lib/async/io/generic.rb:216:in `async_send'",
      "/data/home/postmodern/code/ronin-rb/vendor/bundle/ruby/3.1.0/gems/async-io-1.34.0/lib/async/io/stream.rb:261:in `fill_read_buffer'",
      "lib/ronin/cli/commands/netcat.rb:311:in `block (2 levels) in client_loop'",
    ].join('\n'));
    expect(reset.kind).toBe('stack');
    expect(reset.errorType).toBe('Errno::ECONNRESET');
    expect(entry(line(FALCON_PIPE, 0)).text.split('\n')[0]).toBe('Broken pipe (Errno::EPIPE)');
    expect(entry(line(INFO_RECORD, 0)).text).toBe('Starting server...');
    expect(entry(line(STRING_SUBJECT, 0)).text).toBe('Redis connection lost, retrying');
    const joined = reassembleAll(split(ASYNC_TEST_ERROR, 0));
    expect(entry(joined[0]!.raw).text).toBe("Task may have ended with unhandled exception.\ntest error (RuntimeError)\nspec/services/async_utils_spec.rb:9:in `block (4 levels) in <top (required)>'");
  });

  it('reads as its serialized twin (socketry/async-cable#1): one problem whichever output the service used', () => {
    const twin = (payload: Record<string, unknown>): RawEntry => ({ ...line('', 0), textPayload: undefined, jsonPayload: payload });
    const frames = [
      "/opt/rubies/ruby-3.1.2/lib/ruby/3.1.0/socket.rb:452:in `__read_nonblock'",
      "/opt/rubies/ruby-3.1.2/lib/ruby/3.1.0/socket.rb:452:in `read_nonblock'",
      "/data/home/postmodern/code/ronin-rb/vendor/bundle/ruby/3.1.0/gems/async-io-1.34.0/lib/async/io/generic.rb:216:in `async_send'",
      "/data/home/postmodern/code/ronin-rb/vendor/bundle/ruby/3.1.0/gems/async-io-1.34.0/lib/async/io/stream.rb:261:in `fill_read_buffer'",
      "lib/ronin/cli/commands/netcat.rb:311:in `block (2 levels) in client_loop'",
    ];
    const serialized = entry(twin({
      time: '2022-10-07T10:46:41-07:00', severity: 'warn', oid: 4920, pid: 10942, subject: 'Async::Task',
      message: 'Task may have ended with unhandled exception.',
      event: { type: 'failure', root: '/data/home/postmodern/code/ronin-rb', class: 'Errno::ECONNRESET', message: 'Connection reset by peer', backtrace: frames },
    }));
    expect(serialized.text).toBe(entry(line(RONIN_RESET, 0)).text);
    expect(serialized.severity).toBe('WARNING');
    // The record pasted in socketry/async-cable#1: its message an array of the arguments.
    const cable = entry(twin({
      time: '2025-09-21T18:54:51Z', severity: 'warn', pid: 1121, oid: 23416, fiber_id: 23424, subject: 'Async::Cable::Middleware',
      message: ['Abnormal client failure!', 'No async task available!'],
      event: { type: 'failure', root: '/app', class: 'RuntimeError', message: 'No async task available!', backtrace: ["/app/lib/async/cable/middleware.rb:40:in `call'"] },
    }));
    expect(cable.text).toBe("Abnormal client failure!\nNo async task available!\nNo async task available! (RuntimeError)\n/app/lib/async/cable/middleware.rb:40:in `call'");
    // Two exceptions under the same words are two texts.
    const pool = entry(twin({
      severity: 'warn', subject: 'Async::Task', message: 'Task may have ended with unhandled exception.',
      event: { type: 'failure', class: 'ActiveRecord::ConnectionTimeoutError', message: 'could not obtain a connection from the pool within 5.000 seconds', backtrace: ["/app/app/relays/presence.rb:27:in `block in broadcast'"] },
    }));
    expect(pool.text).not.toBe(serialized.text);
    expect(pool.errorType).toBe('ActiveRecord::ConnectionTimeoutError');
  });

  it("a record cut before its exception's frames is a piece; rows whose first line was lost read as the record's", () => {
    const cut = RONIN_RESET.split('\n').slice(0, 3).join('\n');
    expect(pieces(reassembleAll(split(cut, 0)))).toEqual([true]);
    expect(pieces(reassembleAll(split(RONIN_RESET, 0)))).toEqual([false]);
    const headless = reassembleAll(split(RONIN_RESET.split('\n').slice(2).join('\n'), 0));
    expect(pieces(headless)).toEqual([true]);
    const read = entry(headless[0]!.raw);
    expect(read.text.split('\n').slice(0, 2)).toEqual(['Connection reset by peer (Errno::ECONNRESET)', "/opt/rubies/ruby-3.1.2/lib/ruby/3.1.0/socket.rb:452:in `__read_nonblock'"]);
    expect(read.errorType).toBe('Errno::ECONNRESET');
  });

  it('leaves lines that only look alike as they are', () => {
    // No ids and time after the subject: no record of the gem.
    expect(opensConsoleGemRecord('  1.5s     warn: disk is almost full')).toBe(false);
    expect(opensConsoleGemRecord('warn: Async::Task [oid=0x1] [ec=0x2] [pid=1] [2026-12-12 10:00:00 +0000]')).toBe(false);
    // A table row or a Markdown table is no row of a record.
    expect(continuesConsoleGemRecord('| a | b |')).toBe(false);
    expect(continuesConsoleGemRecord('  | col |')).toBe(false);
    expect(continuesConsoleGemRecord('               | Task may have ended with unhandled exception.')).toBe(true);
    expect(textSeverity('               | Task may have ended with unhandled exception.')).toBeNull();
  });

  it('10,000 rows with no first line: bounded pieces, nothing lost', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => line(`               |     /app/lib/x.rb:${i} in \`f'`, i * 3));
    const out = reassembleAll(rows);
    expect(out.reduce((n, j) => n + j.members.length, 0)).toBe(10_000);
    expect(Math.max(...out.map((j) => j.members.length))).toBeLessThanOrEqual(200);
  });

  it('a long hostile first line costs a bounded test', () => {
    const long = `  1.5s     warn: ${'x '.repeat(50_000)}[pid=1] [2026-12-12 10:00:00 +0000]`;
    expect(opensConsoleGemRecord(long)).toBe(true);
    expect(opensConsoleGemRecord(`  1.5s     warn: ${'['.repeat(100_000)}`)).toBe(false);
  });
});
