import { buildFilter, quote } from '../../../src/source/build-filter.js';
import type { SourceQuery } from '../../../src/shared/ports.js';

const window = { start: Date.parse('2025-09-11T18:00:00Z'), end: Date.parse('2025-09-12T00:00:00Z') };
const TIME = 'timestamp >= "2025-09-11T18:00:00.000Z" AND timestamp < "2025-09-12T00:00:00.000Z"';

const cases: Array<{ name: string; query: SourceQuery; exclude?: string[]; expected: string }> = [
  {
    name: 'one service, default floor',
    query: { window, services: ['backend'], severityFloor: 'NOTICE' },
    expected: `${TIME} AND severity >= NOTICE AND resource.type = "cloud_run_revision" AND resource.labels.service_name = "backend"`,
  },
  {
    name: 'several services as one disjunction, duplicates dropped',
    query: { window, services: ['a', 'b', 'a'], severityFloor: 'WARNING' },
    expected: `${TIME} AND severity >= WARNING AND resource.type = "cloud_run_revision" AND resource.labels.service_name = ("a" OR "b")`,
  },
  {
    name: 'no services: every Cloud Run service but the gardener',
    query: { window, services: [], severityFloor: 'ERROR' },
    exclude: ['log-gardener'],
    expected: `${TIME} AND severity >= ERROR AND resource.type = "cloud_run_revision" AND NOT resource.labels.service_name = "log-gardener"`,
  },
  {
    name: 'quotes and backslashes in names are escaped',
    query: { window, services: ['we"ird\\name'], severityFloor: 'NOTICE' },
    expected: `${TIME} AND severity >= NOTICE AND resource.type = "cloud_run_revision" AND resource.labels.service_name = "we\\"ird\\\\name"`,
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

  test('quote', () => {
    expect(quote('plain')).toBe('"plain"');
    expect(quote('a"b')).toBe('"a\\"b"');
  });
});
