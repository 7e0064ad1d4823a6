// semantic_logger's default text formatter (lib/semantic_logger/formatters/default.rb): `time level-letter
// [pid:thread file:line] [tags] {named: tags} (duration) Name -- message -- payload -- Exception: Class:
// message` and the backtrace on the lines under it. The time, the letter, the process info, the tags, the
// duration and the logger's name say how the line was logged; the exception is the one its JSON formatter
// writes as `exception: {name, message, stack_trace}`. The lines follow reidmorrison/semantic_logger#285,
// reidmorrison/rails_semantic_logger#14, #41 and #53 as pasted.
import { describe, expect, it } from '@jest/globals';
import { normalizeEntry, stripLogHeader } from '../../../src/normalize/index.js';
import { createClassifier } from '../../../src/classify/index.js';
import type { Entry, RawEntry } from '../../../src/shared/types.js';

const GEMS = '/usr/local/bundle/ruby/3.3.0/gems';

// reidmorrison/semantic_logger#285
const APPENDER_285 = [
  "2024-06-25 19:06:00.035405 E [47683:SemanticLogger::Appenders diagnostic_context.rb:323] SemanticLogger::Appenders -- Failed to log to appender: SemanticLogger::Appender::File -- Exception: NoMethodError: undefined method `[]' for nil",
  `${GEMS}/semantic_logger-4.15.0/lib/semantic_logger/formatters/base.rb:72:in \`format_time'`,
  `${GEMS}/semantic_logger-4.15.0/lib/semantic_logger/appender/file.rb:200:in \`log'`,
].join('\n');

// reidmorrison/rails_semantic_logger#14: a warning with a message and an exception, a source location in the process info.
const LOG_FILE_14 = [
  '2016-04-11 10:08:44.094424 W [14802:70115773506000 base.rb:19] Rails -- Rails Error: Unable to access log file. -- Exception: ArgumentError: Unknown options: {:multiline=>false}',
  `${GEMS}/semantic_logger-3.3.0/lib/semantic_logger/formatters/base.rb:19:in \`initialize'`,
  `${GEMS}/semantic_logger-3.3.0/lib/semantic_logger/formatters/color.rb:20:in \`initialize'`,
].join('\n');

const at = (t: string) => ({ timestamp: t, resource: { type: 'cloud_run_revision', labels: { service_name: 'orders' } } });
const text = (line: string): RawEntry => ({ ...at('2026-12-05T10:00:00Z'), textPayload: line }) as RawEntry;
const json = (payload: Record<string, unknown>): RawEntry => ({ ...at('2026-12-05T10:00:00Z'), jsonPayload: payload }) as RawEntry;
const entry = (raw: RawEntry): Entry => {
  const e = normalizeEntry(raw);
  if ('skip' in e) throw new Error(`skipped: ${e.skip}`);
  return e;
};
const clusterIds = (raws: RawEntry[]): string[] => {
  const c = createClassifier();
  const handles = raws.map((r) => c.add(entry(r)));
  return handles.map((h) => c.resolve(h)!.id);
};

describe("semantic_logger's text header", () => {
  it('reads the level letter and takes the process info, tags, named tags, duration and name off', () => {
    expect(stripLogHeader(APPENDER_285)).toMatchObject({ level: 'E' });
    expect(stripLogHeader(APPENDER_285).rest.startsWith('Failed to log to appender: SemanticLogger::Appender::File -- Exception: NoMethodError')).toBe(true);
    // rails_semantic_logger#53, its ISO time (a message in brackets of its own, a payload after it).
    const skylight = '2017-12-19T20:45:43.067183Z I [4:70005105193240] Rails -- [SKYLIGHT] [1.4.2] Skylight agent enabled -- {:pid=>4}';
    expect(stripLogHeader(skylight)).toEqual({ level: 'I', rest: '[SKYLIGHT] [1.4.2] Skylight agent enabled -- {:pid=>4}' });
    const job = '2026-12-05 10:00:00.123456 E [1:puma srv tp 003] [ShipmentSyncJob] [5b0c] {request_id: 9f1e, user_id: 12} (12.3ms) ActiveJob -- Error performing ShipmentSyncJob';
    expect(stripLogHeader(job)).toEqual({ level: 'E', rest: 'Error performing ShipmentSyncJob' });
  });

  it('reads the exception as the line Ruby prints, message then class, with the record message above it', () => {
    const e = entry(text(LOG_FILE_14));
    expect(e.text.split('\n').slice(0, 2)).toEqual(['Rails Error: Unable to access log file.', 'Unknown options: {:multiline=>false} (ArgumentError)']);
    expect(entry(text(APPENDER_285)).text.split('\n')[1]).toBe("undefined method `[]' for nil (NoMethodError)");
    // reidmorrison/rails_semantic_logger#41: an object's inspect in the message, the process info with no file.
    const appender41 = [
      '2017-06-15 20:44:35.748368 E [1:SemanticLogger::Processor] SemanticLogger -- Appender thread: Failed to log to appender: #<SemanticLogger::Appender::File:0x00563291684588 @log=#<IO:<STDOUT>>, @formatter=:default, @application=nil> -- Exception: NoMethodError: undefined method `call\' for :default:Symbol',
      '/usr/local/bundle/gems/semantic_logger-4.1.1/lib/semantic_logger/appender/file.rb:101:in `log\'',
    ].join('\n');
    expect(stripLogHeader(appender41).level).toBe('E');
    expect(entry(text(appender41)).text.split('\n')[1]).toBe("undefined method `call' for :default:Symbol (NoMethodError)");
  });
});

describe('semantic_logger text and JSON records of one exception', () => {
  const frames = [
    `${GEMS}/activerecord-7.2.2/lib/active_record/connection_adapters/postgresql/database_statements.rb:162:in \`exec'`,
    `${GEMS}/activerecord-7.2.2/lib/active_record/persistence.rb:250:in \`_insert_record'`,
    "/app/app/controllers/orders_controller.rb:31:in `create'",
  ];
  const unique = (key: string) => `PG::UniqueViolation: ERROR:  duplicate key value violates unique constraint "index_orders_on_idempotency_key"\nDETAIL:  Key (idempotency_key)=(${key}) already exists.\n`;

  it('are one problem: an exception with no record message and a multi-line exception message', () => {
    const textForm = `2026-12-05 10:00:01.123456 F [1:puma srv tp 002] {request_id: 7f1c0c4e} Rails -- Exception: ActiveRecord::RecordNotUnique: ${unique('8f1c0c4e-9e0b-4b64-8a9c-2b1e7a3f0d11')}\n${frames.join('\n')}`;
    const jsonForm = { level: 'fatal', level_index: 5, pid: 1, thread: 'puma srv tp 001', named_tags: { request_id: 'a1' }, name: 'Rails',
      exception: { name: 'ActiveRecord::RecordNotUnique', message: unique('1d2e3f40-9e0b-4b64-8a9c-2b1e7a3f0d11'), stack_trace: frames } };
    const [a, b] = clusterIds([text(textForm), json(jsonForm)]);
    expect(a).toBe(b);
  });

  it('are one problem: a record message beside the exception', () => {
    const textForm = `2026-12-05 10:00:00.123456 E [1:puma srv tp 003] {request_id: 6f1c0c4e} PaymentsController -- Payment capture failed for order 123456 -- Exception: Faraday::TimeoutError: Net::ReadTimeout with #<TCPSocket:(closed)>\n${frames.join('\n')}`;
    const jsonForm = { level: 'error', level_index: 4, pid: 1, thread: 'puma srv tp 003', named_tags: { request_id: 'x' }, name: 'PaymentsController',
      message: 'Payment capture failed for order 654321', exception: { name: 'Faraday::TimeoutError', message: 'Net::ReadTimeout with #<TCPSocket:(closed)>', stack_trace: frames } };
    const [a, b] = clusterIds([text(textForm), json(jsonForm)]);
    expect(a).toBe(b);
  });

  it('keeps two exceptions under one logger message apart', () => {
    const line = (cls: string, msg: string) => `2026-12-05 10:00:00.123456 E [1:puma srv tp 003] ActiveJob -- Error performing SyncJob -- Exception: ${cls}: ${msg}\n${frames.join('\n')}`;
    const [a, b] = clusterIds([text(line('Redis::CannotConnectError', 'Error connecting to Redis on 10.0.0.1:6379 (Errno::ECONNREFUSED)')), text(line('Net::ReadTimeout', 'Net::ReadTimeout with #<TCPSocket:(closed)>'))]);
    expect(a).not.toBe(b);
  });
});
