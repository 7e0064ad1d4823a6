// A cluster says when its severity was inferred: every entry at its highest severity had it from the
// text or a payload level, none from Cloud Logging.
import { createClassifier } from '../../../src/classify/index.js';
import type { Entry } from '../../../src/shared/types.js';

const T0 = Date.UTC(2025, 8, 11, 10, 0, 0);
const entry = (over: Partial<Entry>, i = 0): Entry => ({
  time: T0 + i, severity: 'ERROR', service: 'api', revision: 'api-001', kind: 'text', text: `payment ${i} declined by gateway`, ...over,
});

function sourceOf(entries: Array<Partial<Entry>>): string | undefined {
  const c = createClassifier();
  entries.forEach((over, i) => c.add(entry(over, i)));
  const clusters = c.clusters();
  expect(clusters).toHaveLength(1);
  return clusters[0]!.severitySource;
}

describe('Cluster.severitySource', () => {
  it.each([
    { name: 'all from Cloud Logging', entries: [{}, {}], expected: undefined },
    { name: 'all from text', entries: [{ severitySource: 'text' as const }, { severitySource: 'text' as const }], expected: 'text' },
    { name: 'all from a payload level', entries: [{ severitySource: 'level' as const }], expected: 'level' },
    { name: 'level and text at the top: text', entries: [{ severitySource: 'level' as const }, { severitySource: 'text' as const }], expected: 'text' },
    { name: 'one from Cloud Logging at the top', entries: [{ severitySource: 'text' as const }, {}], expected: undefined },
    {
      name: 'only the highest severity counts: a lower own one does not',
      entries: [{ severity: 'WARNING' as const }, { severity: 'CRITICAL' as const, severitySource: 'text' as const }],
      expected: 'text',
    },
    {
      name: 'a higher own severity wins over inferred lower ones',
      entries: [{ severity: 'WARNING' as const, severitySource: 'text' as const }, { severity: 'ERROR' as const }],
      expected: undefined,
    },
  ])('$name', ({ entries, expected }) => {
    expect(sourceOf(entries)).toBe(expected);
    expect(sourceOf([...entries].reverse())).toBe(expected);
  });
});
