// End-to-end grouping in tests: texts normalised as Cloud Run ERROR lines and classified together.
import { createClassifier } from '../../src/classify/index.js';
import { normalizeEntry } from '../../src/normalize/index.js';
import { reassembleAll } from '../../src/source/reassemble.js';
import type { Entry, RawEntry } from '../../src/shared/types.js';

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

/**
 * Entries reassembled as the file source joins them, then classified together: per cluster id, the
 * first line of each joined entry in it (pieces marked as the source marks them).
 */
export function reassembledClusters(entries: RawEntry[]): Map<string, string[]> {
  const c = createClassifier();
  const handles: Array<[number, string]> = [];
  for (const joined of reassembleAll(entries)) {
    const e = normalizeEntry(joined.raw);
    if ('skip' in e) continue;
    if (joined.piece) e.piece = true;
    handles.push([c.add(e as Entry), (joined.raw.textPayload as string).split('\n')[0]!.trim()]);
  }
  const out = new Map<string, string[]>();
  for (const [h, first] of handles) {
    const id = c.resolve(h).id;
    out.set(id, [...(out.get(id) ?? []), first]);
  }
  return out;
}
