import { buildFilter, quote } from '../../../src/source/build-filter.js';
import { levelWordPatterns, severityTextPattern } from '../../../src/normalize/index.js';
import { SEVERITIES } from '../../../src/shared/types.js';
import type { SourceQuery } from '../../../src/shared/ports.js';

const window = { start: Date.parse('2025-09-11T18:00:00Z'), end: Date.parse('2025-09-12T00:00:00Z') };
const STATUS = quote('(?:" |- |\\| |m )5\\d\\d\\b');
const TIME = 'timestamp >= "2025-09-11T18:00:00.000Z" AND timestamp < "2025-09-12T00:00:00.000Z"';

// At or above the floor, or DEFAULT (plain stdout/stderr, a payload level) with something that may say so.
function severityAtLeast(floor: 'NOTICE' | 'WARNING' | 'ERROR', pino: number, gelf: number, nextcloud: number, severities: string, status: number): string {
  const text = quote(severityTextPattern(floor));
  const { atLeast, readable } = levelWordPatterns(floor);
  return (
    `(severity >= ${floor} OR (severity = DEFAULT AND (textPayload =~ ${text}` +
    ` OR (jsonPayload:* AND NOT jsonPayload.level =~ ${quote(readable)} AND NOT jsonPayload.level >= 0)` +
    // A level named by another key is read before `level`: such payloads are read whole.
    ' OR (jsonPayload.level:* AND (jsonPayload.level_name:* OR jsonPayload.levelname:* OR jsonPayload.levelName:* OR jsonPayload.severity_text:*' +
    ' OR jsonPayload.severityText:* OR jsonPayload."log.level":* OR jsonPayload.log_level:* OR jsonPayload.loglevel:* OR jsonPayload."@level":*' +
    ' OR jsonPayload.log.level:*))' +
    // A JSON message under a level of its own matters only as an access line of a request answered 5xx.
    ` OR jsonPayload.message =~ ${STATUS} OR jsonPayload.msg =~ ${STATUS}` +
    ` OR jsonPayload.level =~ ${quote(atLeast!)} OR jsonPayload.level >= ${pino}` +
    // A GELF record's level is a syslog priority, 0 EMERGENCY to 7 DEBUG.
    ` OR (jsonPayload.short_message:* AND jsonPayload.level <= ${gelf})` +
    // A Nextcloud record's level, 0 DEBUG to 4 FATAL.
    ` OR (jsonPayload.reqId:* AND jsonPayload.app:* AND jsonPayload.level >= ${nextcloud} AND jsonPayload.level <= 4)` +
    ` OR jsonPayload.severity =~ ${quote(`(?i)^\\s*(?:${severities})`)} OR jsonPayload.severity >= ${SEVERITIES.indexOf(floor) * 100}` +
    ` OR httpRequest.status >= ${status} OR (jsonPayload.error:* AND jsonPayload.status >= ${status}))))`
  );
}
const NOTICE = severityAtLeast('NOTICE', 40, 5, 2, 'notice|warn|err|crit|fatal|alert|emerg|panic', 400);
const WARNING = severityAtLeast('WARNING', 40, 4, 2, 'warn|err|crit|fatal|alert|emerg|panic', 400);
const ERROR = severityAtLeast('ERROR', 50, 3, 3, 'err|crit|fatal|alert|emerg|panic', 500);

const cases: Array<{ name: string; query: SourceQuery; exclude?: string[]; expected: string }> = [
  {
    name: 'one service, default floor',
    query: { window, services: ['backend'], severityFloor: 'NOTICE' },
    expected: `${TIME} AND ${NOTICE} AND resource.type = "cloud_run_revision" AND resource.labels.service_name = "backend"`,
  },
  {
    name: 'several services as one disjunction, duplicates dropped',
    query: { window, services: ['a', 'b', 'a'], severityFloor: 'WARNING' },
    expected: `${TIME} AND ${WARNING} AND resource.type = "cloud_run_revision" AND resource.labels.service_name = ("a" OR "b")`,
  },
  {
    name: 'no services: every Cloud Run service but the gardener',
    query: { window, services: [], severityFloor: 'ERROR' },
    exclude: ['log-gardener'],
    expected: `${TIME} AND ${ERROR} AND resource.type = "cloud_run_revision" AND NOT resource.labels.service_name = "log-gardener"`,
  },
  {
    name: 'quotes and backslashes in names are escaped',
    query: { window, services: ['we"ird\\name'], severityFloor: 'NOTICE' },
    expected: `${TIME} AND ${NOTICE} AND resource.type = "cloud_run_revision" AND resource.labels.service_name = "we\\"ird\\\\name"`,
  },
];

describe('buildFilter', () => {
  test.each(cases)('$name', ({ query, exclude, expected }) => {
    expect(buildFilter(query, exclude ? { excludeServices: exclude } : {})).toBe(expected);
  });

  test('always names timestamp, so the client library never adds its own 24-hour bound', () => {
    for (const { query } of cases) expect(buildFilter(query)).toContain('timestamp');
  });

  test('the window is [start, end): start included, end excluded', () => {
    const filter = buildFilter({ window, services: [], severityFloor: 'DEFAULT' });
    expect(filter).toMatch(/timestamp >= "2025-09-11T18:00:00.000Z" AND timestamp < "2025-09-12T00:00:00.000Z"/);
  });

  test('a DEFAULT floor reads every severity', () => {
    expect(buildFilter({ window, services: [], severityFloor: 'DEFAULT' })).toContain(' AND severity >= DEFAULT AND ');
  });

  test('above CRITICAL no request status or pino level reaches the floor', () => {
    const filter = buildFilter({ window, services: [], severityFloor: 'ALERT' });
    expect(filter).toContain('(severity >= ALERT OR (severity = DEFAULT AND (');
    expect(filter).not.toMatch(/httpRequest\.status|jsonPayload\.level >= [1-9]/);
    expect(filter).toContain('jsonPayload.level =~ "(?i)^\\\\s*(?:emergency|emerg|alert)"');
  });

  // Each shape the prefilter reads adds to it (about 6,600 characters with the one-letter levels, .NET
  // detail lines, GELF levels and failures printed with no level; about 7,100 with Symfony Console's
  // boxed exception, Perl's warning place and pino-pretty's header at any level; about 8,300 with
  // tenacity's retry notice and the status of an access line of a request answered 5xx, gin's too; 8,405
  // with gin's frame places). Since the text pattern is for textPayload alone (a JSON message is read
  // by its level, or whole), about 4,000: the bound is a tripwire for growth.
  test('stays far below the 20,000 characters Cloud Logging allows a query', () => {
    expect(buildFilter({ window, services: ['a', 'b', 'c'], severityFloor: 'DEBUG' }, { excludeServices: ['g'] }).length).toBeLessThan(5_000);
  });

  test('quote', () => {
    expect(quote('plain')).toBe('"plain"');
    expect(quote('a"b')).toBe('"a\\"b"');
  });
});
