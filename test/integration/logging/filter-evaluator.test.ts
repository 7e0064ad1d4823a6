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
  ])('%s -> %s', (filter, expected) => {
    expect(matches(parseFilter(filter), entry)).toBe(expected);
  });

  test.each(['severity >=', 'timestamp >= "unterminated', '(severity >= ERROR', 'severity >= BOGUS', 'AND severity >= ERROR'])(
    'refuses %s',
    (filter) => {
      expect(() => matches(parseFilter(filter), entry)).toThrow(FilterSyntaxError);
    },
  );
});
