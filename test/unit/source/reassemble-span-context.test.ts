// tracing-subscriber's Pretty formatter: the event on a line indented by two spaces, then where it was
// logged (`    at file:line`, ` on <thread>` when asked) and each span it is in (`    in name with
// fields`), innermost first. Cloud Run stores each line as an entry of its own; the context lines stay
// with their event and stay out of its message (span fields carry a request's values).
import { reassembleAll } from '../../../src/source/reassemble.js';
import { readMessage } from '../../../src/normalize/normalize-entry.js';
import { stripLogHeader } from '../../../src/normalize/index.js';
import { withoutSpanContext } from '../../../src/shared/span-context.js';
import { cloudRunLines, texts } from '../../support/cloud-run-lines.js';
import { expectWhole } from '../../support/expect-whole.js';

const { split } = cloudRunLines('stdout');

const OTHER_LINES = ['GET /healthz 200 1ms', 'worker 3 idle', 'GET /healthz 200 2ms'];

const event = (level: string, message: string, q: string) => [
  `  2026-12-04T10:00:00.123456Z ${level.padStart(5)} search_api::routes: ${message}`,
  '    at src/routes.rs:57 on tokio-runtime-worker',
  `    in search_api::routes::search with q: "${q}"`,
  `    in tower_http::trace::make_span::request with method: GET, uri: /search?q=${q}, version: HTTP/1.1`,
].join('\n');

const FAILED = (q: string) => event('ERROR', 'search failed, error: error returned from database: canceling statement due to statement timeout', q);
const THROTTLED = (q: string) => event('WARN', 'embedding service throttled, backing off, retry_after_ms: 400, attempt: 2', q);

describe('tracing-subscriber Pretty events', () => {
  test('the indented event line reads as a log header with its level', () => {
    const { rest, level } = stripLogHeader('  2026-12-04T10:00:00.123456Z  WARN search_api::embed: throttled, attempt: 2');
    expect(level).toBe('WARN');
    expect(rest).toBe('throttled, attempt: 2');
  });

  test('an error event keeps its at and in lines, among another instance\'s lines', () => {
    expectWhole(FAILED('tent'), OTHER_LINES);
  });

  test('a warning event keeps its at and in lines', () => {
    expectWhole(THROTTLED('stove'), OTHER_LINES);
  });

  test('two events in a row each keep their own context', () => {
    const out = texts(reassembleAll([...split(FAILED('tent'), 0), ...split(FAILED('stove'), 100)]));
    expect(out).toEqual([FAILED('tent'), FAILED('stove')]);
  });

  test('the message leaves the context out: span fields do not split one problem', () => {
    const a = readMessage(FAILED('tent'));
    const b = readMessage(FAILED('headlamp'));
    // Its fields as the Full formatter prints them (tracing-event.ts): one text for both formatters.
    expect(a?.text).toBe('search failed error=error returned from database: canceling statement due to statement timeout');
    expect(b?.text).toBe(a?.text);
    expect(a?.kind).toBe('text');
  });

  test('only a context block is cut: frames and other indented text stay', () => {
    const node = 'TypeError: x is undefined\n    at handler (/app/routes.js:10:5)\n    at next (/app/router.js:3:1)';
    expect(withoutSpanContext(node)).toBe(node);
    const mixed = 'failed\n    at src/main.rs:12\n    something else';
    expect(withoutSpanContext(mixed)).toBe(mixed);
    expect(withoutSpanContext('failed\n    at src/main.rs:12')).toBe('failed');
  });
});
