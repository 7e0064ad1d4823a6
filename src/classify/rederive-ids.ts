// Identity that survives a better classifier: the samples an issue stored are placed with the
// classifier of this sweep, and the ids they land on are that issue's problem today.
import type { Entry } from '../shared/types.js';
import type { Classifier } from './classifier.js';

export interface StoredSamples {
  issue: number;
  /** The samples, each as an entry of a service the issue is about (Entry.service). */
  entries: Entry[];
  /**
   * Of an entry, the sample read again with what is left of a header taken off (rereadSampleEntry):
   * tried when the entry lands in no cluster of this sweep, as it is or as a piece of a record.
   */
  rereads?: ReadonlyMap<Entry, Entry>;
  /**
   * The entries whose sample was cut at the store's bound: the start of a record, which may have ended
   * in lines the classifier now reads its id from (a cause chain's root, the application's frames).
   */
  cut?: ReadonlySet<Entry>;
}

/** A cluster of this sweep: its service ('' for none) and its count in the window. */
export interface LiveCluster {
  service: string;
  count: number;
}

/**
 * Issue number -> the ids of this sweep's clusters that its samples belong to (none: left out).
 *
 * A problem belongs to one service. An issue filed when one problem could span services (samples
 * stored without their service) may land in the clusters of several services; it keeps tracking
 * the one whose service logged it most in this window (ties: the first by name), and the other
 * services' clusters are problems of their own: each team gets its own issue, linked to the old one
 * as related. The issue then records its service, so later sweeps place its samples there alone.
 */
export function rederiveIds(classifier: Classifier, stored: readonly StoredSamples[], live: ReadonlyMap<string, LiveCluster>): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const { issue, entries, rereads, cut } of stored) {
    const byService = new Map<string, { ids: Set<string>; count: number }>();
    for (const entry of entries) {
      // The sample as stored, then read again without what is left of a header; as it is or as a piece
      // of a record first, and only then, for a sample cut at the store's bound, as a record's start.
      const reread = rereads?.get(entry);
      const readings = reread === undefined ? [entry] : [entry, reread];
      const id = firstPlaced(readings, (e) => placeSample(classifier, e, live))
        ?? (cut?.has(entry) === true ? firstPlaced(readings, (e) => placeCutSample(classifier, e, live)) : null);
      const cluster = id === null ? undefined : live.get(id);
      if (id === null || cluster === undefined) continue;
      const found = byService.get(cluster.service) ?? { ids: new Set<string>(), count: 0 };
      if (!found.ids.has(id)) {
        found.ids.add(id);
        found.count += cluster.count;
      }
      byService.set(cluster.service, found);
    }
    let best: [string, { ids: Set<string>; count: number }] | undefined;
    for (const candidate of byService) {
      if (best === undefined || candidate[1].count > best[1].count || (candidate[1].count === best[1].count && candidate[0] < best[0])) best = candidate;
    }
    if (best !== undefined) out.set(issue, [...best[1].ids].sort());
  }
  return out;
}

function firstPlaced(readings: readonly Entry[], place: (entry: Entry) => string | null): string | null {
  for (const entry of readings) {
    const id = place(entry);
    if (id !== null) return id;
  }
  return null;
}

/** The cluster of this sweep a sample lands in, as it is or as a piece of a record; null: none. */
function placeSample(classifier: Classifier, entry: Entry, live: ReadonlyMap<string, LiveCluster>): string | null {
  const placed = classifier.locate(entry);
  if (placed !== null && live.has(placed)) return placed;
  // A sample that no longer reads as a problem of its own may be a piece of a record read whole now.
  const inRecord = classifier.locateInRecords(entry);
  return inRecord !== null && live.has(inRecord) ? inRecord : null;
}

/**
 * The cluster of this sweep whose records a cut sample is the start of; null: none (the problem has
 * gone quiet, and no other issue is filed for it). Only when the sample lands nowhere as it is: a cut
 * trace read on its own lacks its end, so its id may be one no record has. Clusters of the sample's
 * service only (Classifier.locateCut). When several fit (records alike up to where the sample was cut,
 * told apart by what follows), the one with the most entries in this window: the problem the issue
 * most likely counted; ties go to the first id in order, so every sweep picks the same.
 */
function placeCutSample(classifier: Classifier, entry: Entry, live: ReadonlyMap<string, LiveCluster>): string | null {
  let best: { id: string; count: number } | null = null;
  for (const id of classifier.locateCut(entry)) {
    const cluster = live.get(id);
    if (cluster === undefined || cluster.service !== entry.service) continue;
    if (best === null || cluster.count > best.count || (cluster.count === best.count && id < best.id)) best = { id, count: cluster.count };
  }
  return best === null ? null : best.id;
}
