// Identity that survives a better classifier: the samples an issue stored are placed with the
// classifier of this sweep, and the ids they land on are that issue's problem today.
import type { Entry } from '../shared/types.js';
import type { Classifier } from './classifier.js';

export interface StoredSamples {
  issue: number;
  entries: Entry[];
}

/** Issue number -> the ids of this sweep's clusters that its samples belong to (none: left out). */
export function rederiveIds(classifier: Classifier, stored: readonly StoredSamples[], live: ReadonlySet<string>): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const { issue, entries } of stored) {
    const ids = new Set<string>();
    for (const entry of entries) {
      const id = classifier.locate(entry);
      if (id !== null && live.has(id)) ids.add(id);
    }
    if (ids.size > 0) out.set(issue, [...ids]);
  }
  return out;
}
