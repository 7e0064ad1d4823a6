// tracing-subscriber's text formatters print one event three ways: Full (`time LEVEL span{fields}:span2:
// target: message key=value`), Compact (the span names only, their fields after the event's) and Pretty
// (indented by two, `message, key: value`, then `at` and `in` lines). A service that moves from one to
// the other, or that logs one event inside a request span and outside it, logs one problem: its message
// must read the same. Lines below are as the formatters' documentation shows them (tokio-rs/tracing,
// tracing-subscriber's fmt::format module: the fmt, fmt-compact and fmt-pretty examples) and as people
// pasted them (torrust/torrust-tracker#1151: Full, #1069: Pretty, the same tower-http failure).
import { describe, expect, test } from '@jest/globals';
import { readMessage } from '../../../src/normalize/normalize-entry.js';
import { normalizeEntry } from '../../../src/normalize/index.js';
import { rereadSampleEntry } from '../../../src/normalize/sample-entry.js';
import { tracingEvent } from '../../../src/normalize/tracing-event.js';

const text = (line: string) => readMessage(line)?.text;

// torrust/torrust-tracker#1151 (Full, no span) and #1069 (Pretty, with its `at` line).
const TORRUST_FULL = '2024-12-23T15:54:25.842837Z ERROR tower_http::trace::on_failure: response failed classification=Status code: 500 Internal Server Error latency=0 ms';
const TORRUST_PRETTY = [
  '  2024-11-01T09:27:25.702371Z ERROR tower_http::trace::on_failure: response failed, classification: Status code: 500 Internal Server Error, latency: 0 ms',
  '    at /home/developer1/.cargo/registry/src/index.crates.io-6f17d22bba15001f/tower-http-0.6.1/src/trace/on_failure.rs:93',
].join('\n');
const FAILURE = 'response failed classification=Status code: 500 Internal Server Error latency=0 ms';

describe('tracing-subscriber events read as one message whatever the formatter', () => {
  test('Full without a span: the message and its fields as printed (unchanged)', () => {
    expect(text(TORRUST_FULL)).toBe(FAILURE);
  });

  test('Pretty: its `key: value` fields read as Full prints them', () => {
    expect(text(TORRUST_PRETTY)).toBe(FAILURE);
  });

  test('Full inside a request span: the span list is context, as its target is', () => {
    const line = '2026-09-30T18:11:19.371040Z ERROR request{method=GET uri=/ version=HTTP/1.1}: tower_http::trace::on_failure: response failed classification=Status code: 500 Internal Server Error latency=0 ms';
    expect(text(line)).toBe(FAILURE);
  });

  test('nested spans, Debug-quoted field values (the fmt example)', () => {
    const full = '2022-02-15T18:40:14.290011Z TRACE shaving_yaks{yaks=3}:shave{yak=1}: fmt::yak_shave: hello! I\'m gonna shave a yak excitement="yay!"';
    const pretty = [
      '  2022-02-15T18:44:24.535442Z TRACE fmt::yak_shave: hello! I\'m gonna shave a yak, excitement: "yay!"',
      '    at examples/examples/fmt/yak_shave.rs:16 on main',
      '    in fmt::yak_shave::shave with yak: 1',
      '    in fmt::yak_shave::shaving_yaks with yaks: 3',
    ].join('\n');
    expect(text(full)).toBe('hello! I\'m gonna shave a yak excitement="yay!"');
    expect(text(pretty)).toBe(text(full));
  });

  test('Compact: span names before the target, span fields after the event\'s', () => {
    const compact = '2022-02-17T19:51:05.809414Z TRACE shaving_yaks:shave: fmt_compact::yak_shave: hello! I\'m gonna shave a yak excitement="yay!" yaks=3 yak=1';
    expect(text(compact)).toBe('hello! I\'m gonna shave a yak excitement="yay!" yaks=3 yak=1');
  });

  test('thread name and id before the spans (with_thread_names, with_thread_ids)', () => {
    const line = '2026-12-04T10:00:00.123456Z ERROR tokio-runtime-worker ThreadId(07) request{method=GET uri=/search?q=tent version=HTTP/1.1}: search_api::routes: search failed error=error returned from database: canceling statement due to statement timeout';
    expect(text(line)).toBe('search failed error=error returned from database: canceling statement due to statement timeout');
    const idOnly = '2026-12-04T10:00:00.123456Z ERROR ThreadId(02) search_api::routes: search failed error=pool timed out';
    expect(text(idOnly)).toBe('search failed error=pool timed out');
  });

  test('no time (without_time), span fields holding braces and quotes', () => {
    const line = 'ERROR grpc_request{endpoint="/kms.CoreServiceEndpoint/GetReencryptResult" headers={"te": "trailers", "content-type": "application/grpc"} trace_id="0af7651916cd43dd8448eb211c80319c"}: tower_http::trace::on_failure: response failed classification=Code: 14 latency=0 ms';
    expect(text(line)).toBe('response failed classification=Code: 14 latency=0 ms');
  });

  test('file and line after the target (with_file, with_line_number)', () => {
    const line = '2026-12-04T10:00:00.123456Z  WARN search_api::embed: src/embed.rs:41: embedding service throttled, backing off retry_after_ms=800 attempt=2';
    const pretty = '  2026-12-04T10:00:00.123456Z  WARN search_api::embed: embedding service throttled, backing off, retry_after_ms: 800, attempt: 2\n    at src/embed.rs:41';
    expect(text(line)).toBe('embedding service throttled, backing off retry_after_ms=800 attempt=2');
    expect(text(pretty)).toBe(text(line));
  });

  test('a Debug value\'s own `key: value` pairs stay inside it', () => {
    const debug = 'Database(PgDatabaseError { severity: Error, code: "57014", message: "canceling statement due to statement timeout" })';
    const pretty = `  2026-12-04T10:00:00.123456Z ERROR search_api::routes: search failed, error: ${debug}, q: "tent"\n    at src/routes.rs:57`;
    const full = `2026-12-04T10:00:00.123456Z ERROR request{method=GET}: search_api::routes: search failed error=${debug} q="tent"`;
    expect(text(pretty)).toBe(`search failed error=${debug} q="tent"`);
    expect(text(full)).toBe(text(pretty));
  });

  test('an error with sources (record_error) reads the same from both', () => {
    const full = '2026-12-04T10:00:00.123456Z ERROR app::db: query failed error=pool timed out error.sources=[connection refused]';
    const pretty = '  2026-12-04T10:00:00.123456Z ERROR app::db: query failed, error: pool timed out, error.sources: [connection refused]';
    expect(text(pretty)).toBe(text(full));
  });

  test('colours (ansi on, the default) read as the plain line', () => {
    const coloured = '\u001b[2m2026-12-04T10:00:00.123456Z\u001b[0m \u001b[31mERROR\u001b[0m \u001b[1mrequest\u001b[0m\u001b[1m{\u001b[0m\u001b[3mmethod\u001b[0m\u001b[2m=\u001b[0mGET\u001b[1m}\u001b[0m\u001b[2m:\u001b[0m \u001b[2mtower_http::trace::on_failure\u001b[0m\u001b[2m:\u001b[0m response failed \u001b[3mclassification\u001b[0m\u001b[2m=\u001b[0mStatus code: 500 Internal Server Error \u001b[3mlatency\u001b[0m\u001b[2m=\u001b[0m0 ms';
    const e = normalizeEntry({ timestamp: '2026-12-04T10:00:00Z', textPayload: coloured });
    expect('skip' in e ? undefined : e.text).toBe(FAILURE);
  });

  test('a target of one word stays in the message, in every formatter', () => {
    const full = '2026-12-04T10:00:00.123456Z ERROR search_api: listener stopped port=8080';
    const pretty = '  2026-12-04T10:00:00.123456Z ERROR search_api: listener stopped, port: 8080\n    at src/main.rs:30';
    expect(text(pretty)).toBe(text(full));
  });

  test('lines no tracing formatter wrote are left to the header reader', () => {
    expect(tracingEvent('2026-03-10T12:00:01.234567Z ERROR something went wrong, reason: disk full')).toBeNull();
    expect(tracingEvent('ERROR failed: request{id=1}: boom')).toBeNull();
    expect(tracingEvent('request{method=GET}: app::routes: done')).toBeNull();
    expect(tracingEvent('  at src/main.rs:12')).toBeNull();
  });

  test('hostile input (an unclosed brace run, a 100 KB line) reads as it is', () => {
    const braces = `2026-12-04T10:00:00Z ERROR a${'{'.repeat(50_000)}: x::y: z`;
    expect(tracingEvent(braces)).toBeNull();
    const long = `  2026-12-04T10:00:00Z ERROR a::b: m${', k: ('.repeat(20_000)}`;
    expect(tracingEvent(long)?.rest.startsWith('m k=(')).toBe(true);
  });
});

describe('a sample stored before spans were read as context', () => {
  test('re-reads as the message of the event it came from', () => {
    const stored = 'request{method=GET uri=/search?q=tent version=HTTP/1.1}: tower_http::trace::on_failure: response failed classification=Status code: 500 Internal Server Error latency=12 ms';
    const reread = rereadSampleEntry(stored, 'text');
    expect(reread?.text).toBe('response failed classification=Status code: 500 Internal Server Error latency=12 ms');
  });
});
