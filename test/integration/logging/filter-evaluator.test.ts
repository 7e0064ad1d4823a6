// The test server judges "entries read == entries that match", so its reading of the query language
// is tested too.
import fc from 'fast-check';
import { mayMatter } from '../../../src/normalize/index.js';
import type { RawEntry } from '../../../src/shared/types.js';
import { buildFilter } from '../../../src/source/build-filter.js';
import { FilterSyntaxError, matches, parseFilter } from '../servers/logging/filter.js';

const entry = {
  timestamp: '2025-09-11T20:00:00.123456Z',
  severity: 'WARNING',
  resource: { type: 'cloud_run_revision', labels: { service_name: 'backend' } },
  httpRequest: { status: 503 },
  textPayload: 'Session access failed',
  labels: { 'run.googleapis.com/execution': 'job-1', instanceId: 'i-1' },
};

describe('the test server filter evaluator', () => {
  test.each([
    ['timestamp >= "2025-09-11T20:00:00.123456Z"', true],
    ['timestamp >= "2025-09-11T20:00:00.1234561Z"', false],
    ['timestamp < "2025-09-11T20:00:00.123456Z"', false],
    ['timestamp < "2025-09-11T22:00:00+02:00"', false],
    ['severity >= NOTICE', true],
    ['severity >= ERROR', false],
    ['severity = warning', true],
    ['resource.labels.service_name = ("frontend" OR "backend")', true],
    ['resource.labels.service_name != ("frontend" OR "backend")', false],
    ['NOT resource.labels.service_name = "backend"', false],
    ['-resource.labels.service_name = "frontend"', true],
    ['resource.labels.missing = "x"', false],
    ['httpRequest.status >= 500', true],
    ['textPayload : "access"', true],
    // OR binds tighter than AND in the Logging query language.
    ['severity >= ERROR OR textPayload : "session" AND resource.type = "cloud_run_revision"', true],
    ['severity >= ERROR OR textPayload : "nope" AND resource.type = "cloud_run_revision"', false],
    ['severity >= NOTICE resource.type = "cloud_run_revision"', true],
    ['(severity >= ERROR) AND resource.type = "cloud_run_revision"', false],
    ['', true],
    // Regular expressions (RE2, unanchored, case-sensitive unless (?i)).
    ['textPayload =~ "access"', true],
    ['textPayload =~ "^Session"', true],
    ['textPayload =~ "^access"', false],
    ['textPayload =~ "ACCESS"', false],
    ['textPayload =~ "(?i)ACCESS"', true],
    ['textPayload =~ "fail(ed|ure)$"', true],
    ['textPayload =~ "^\\\\s"', false],
    ['textPayload !~ "access"', false],
    ['textPayload !~ ("nope" OR "never")', true],
    ['textPayload =~ ("nope" OR "Sess")', true],
    ['jsonPayload.message =~ "x"', false],
    ['httpRequest.status =~ "^50"', true],
    // Presence.
    ['httpRequest:*', true],
    ['jsonPayload:*', false],
    ['NOT jsonPayload.level:*', true],
    // A key that is not a plain name is quoted in the path.
    ['labels."run.googleapis.com/execution" = "job-1"', true],
    ['labels."run.googleapis.com/execution":*', true],
    ['labels."run.googleapis.com".execution:*', false],
    ['labels.instanceId = "i-1"', true],
    // An entry without a severity is DEFAULT.
    ['severity = DEFAULT', false],
  ])('%s -> %s', (filter, expected) => {
    expect(matches(parseFilter(filter), entry)).toBe(expected);
  });

  const plain = { textPayload: 'ERROR:root:boom', jsonPayload: undefined };
  const pino = { severity: 'DEFAULT', jsonPayload: { level: 50, msg: 'boom' } };
  const zap = { jsonPayload: { level: 'error', msg: 'boom' } };
  test.each([
    [plain, 'severity = DEFAULT', true],
    [plain, 'severity >= NOTICE', false],
    [plain, 'severity < NOTICE', true],
    [pino, 'severity = DEFAULT AND jsonPayload.level >= 40', true],
    [pino, 'jsonPayload.level >= 60', false],
    [pino, 'jsonPayload.level:*', true],
    [zap, 'jsonPayload.level >= 40', false],
    [zap, 'jsonPayload.level =~ "(?i)^(?:err|warn)"', true],
    [zap, '(jsonPayload:* AND NOT jsonPayload.level:*)', false],
    [{ jsonPayload: { message: 'x' } }, '(jsonPayload:* AND NOT jsonPayload.level:*)', true],
  ])('%j: %s -> %s', (subject, filter, expected) => {
    expect(matches(parseFilter(filter), subject as Record<string, unknown>)).toBe(expected);
  });

  test.each(['severity >=', 'timestamp >= "unterminated', '(severity >= ERROR', 'severity >= BOGUS', 'AND severity >= ERROR',
    'textPayload =~ "(?=x)"', 'textPayload =~ "(a)\\\\1"', 'textPayload =~ "a(?i:b)"', 'textPayload =~ "("'])(
    'refuses %s',
    (filter) => {
      expect(() => matches(parseFilter(filter), entry)).toThrow(FilterSyntaxError);
    },
  );
});

// The sweep's filter, as this server judges it, keeps every entry the sources' prefilter keeps: so
// Cloud Logging and a file give the same entries.
describe('the sweep filter against the prefilter', () => {
  const window = { start: Date.parse('2025-09-11T00:00:00Z'), end: Date.parse('2025-09-12T00:00:00Z') };
  const texts = ['ERROR:root:x', 'INFO:app:ok', 'health ok', 'retrying after error', '  File "a.py", line 1', 'Traceback (most recent call last):',
    'panic: boom', '2026-03-10 12:00:01,234 - a - WARNING - slow', 'E0310 12:00:01.123456 1 f.go:1] x', 'TypeError: x\n    at f (a.js:1:2)', 'main.main()', 'listening',
    // Access lines of requests answered 5xx, which raise a record under a lower level of its own to ERROR.
    '10.0.0.1:5000 - "GET /api/orders HTTP/1.1" 500', 'Request finished HTTP/1.1 POST http://x/pay - 503 - application/json 12.3ms',
    '[GIN] 2026/12/05 - 10:00:00 | 500 |  1.2ms | 10.0.0.1 | GET "/x"', '"POST /x HTTP/1.1" 404'];
  const text = fc.constantFrom(...texts);
  const payload = fc.record(
    {
      level: fc.constantFrom(50, 30, 10, 60, 3, -1, '30', 'error', 'info', 'WARN', 'ERROR+2', 'verbose', ' error ', 'dpanic'), message: text, msg: text, stack: text, event: text,
      severity: fc.constantFrom('ERROR', 'INFO', 'loud'), levelname: fc.constantFrom('ERROR', 'INFO', 'loud'), lvl: fc.constantFrom('eror', 'info'),
      short_message: text, reqId: fc.constant('r1'), app: fc.constant('files'), status: fc.constantFrom(200, 503), error: fc.constant('boom'),
      'log.level': fc.constantFrom('error', 'info'), '@level': fc.constantFrom('Error', 'Debug'), log: fc.record({ level: fc.constantFrom('error', 'info') }),
    },
    { requiredKeys: [] },
  );
  const entry = fc.record(
    {
      severity: fc.constantFrom(undefined, 'DEFAULT', 'INFO', 'NOTICE', 'ERROR'),
      textPayload: text,
      jsonPayload: payload,
      httpRequest: fc.record({ status: fc.constantFrom(200, 404, 503) }),
    },
    { requiredKeys: [] },
  ).map((e) => ({ timestamp: '2025-09-11T10:00:00Z', resource: { type: 'cloud_run_revision', labels: { service_name: 'api' } }, ...(e.textPayload !== undefined ? { ...e, jsonPayload: undefined } : e) }));

  test.each(['NOTICE', 'WARNING', 'ERROR', 'DEBUG'] as const)('at floor %s', (floor) => {
    const node = parseFilter(buildFilter({ window, services: ['api'], severityFloor: floor }));
    fc.assert(
      fc.property(entry, (raw) => !mayMatter(raw as RawEntry, floor) || matches(node, JSON.parse(JSON.stringify(raw)))),
      { numRuns: 5_000, seed: 11 },
    );
  });
});
