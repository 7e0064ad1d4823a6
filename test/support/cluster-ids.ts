// End-to-end grouping in tests: texts normalised as Cloud Run ERROR lines and classified together.
import { createClassifier } from '../../src/classify/index.js';
import { normalizeEntry } from '../../src/normalize/index.js';
import type { Entry } from '../../src/shared/types.js';

function entry(text: string): Entry {
  const e = normalizeEntry({ timestamp: '2026-03-10T12:00:00Z', severity: 'ERROR', textPayload: text });
  if ('skip' in e) throw new Error(`skipped: ${e.skip}`);
  return e;
}

/** The cluster ids each group of texts lands in, all groups through one classifier. */
export function clusterIds(groups: string[][]): string[][] {
  const c = createClassifier();
  const handles = groups.map((g) => g.map((t) => c.add(entry(t))));
  return handles.map((hs) => [...new Set(hs.map((h) => c.resolve(h).id))]);
}
