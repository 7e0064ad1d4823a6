// The test server judges "entries read == entries that match", so its reading of the query language
// is tested too.
import { FilterSyntaxError, matches, parseFilter } from '../servers/logging/filter.js';

const entry = {
  timestamp: '2025-09-11T20:00:00.123456Z',
  severity: 'WARNING',
  resource: { type: 'cloud_run_revision', labels: { service_name: 'backend' } },
  httpRequest: { status: 503 },
  textPayload: 'Session access failed',
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
