// Identity that survives a better classifier: the samples an issue stored are placed with the
// classifier of this sweep, and the ids they land on are that issue's problem today.
import { byPlacement, type Entry, type PlacedId, type Placement } from '../shared/types.js';
import type { Classifier } from './classifier.js';

/** What re-deriving asks of a classifier: where a sample would land. */
export type Locator = Pick<Classifier, 'locate' | 'locateInRecords' | 'locateCut' | 'locateByCore'>;
import { runtimeOf } from './runtime-of.js';

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
 * Issue number -> the clusters of this sweep that its samples belong to, each with how the nearest of
 * them was placed there (none: left out), in order of id. How matters when two old issues land in one
 * cluster: the one whose samples are the record itself tracks it, not one that held a piece of it.
 *
 * A problem belongs to one service. An issue filed when one problem could span services (samples
 * stored without their service) may land in the clusters of several services; it keeps tracking
 * the one whose service logged it most in this window (ties: the first by name), and the other
 * services' clusters are problems of their own: each team gets its own issue, linked to the old one
 * as related. The issue then records its service, so later sweeps place its samples there alone.
 *
 * A problem belongs to one runtime too (runtimeParts in classifier.ts). An issue filed when one group
 * held two runtimes' messages stored samples of both: it follows the runtime most of its stored samples
 * name (ties: the one its earliest sample names), a choice its own samples fix, never how much each runtime logged in
 * this window, so every sweep makes the same one; samples naming no runtime go with it. The other
 * runtime's part is a problem of its own, filed new.
 */
export function rederiveIds(classifier: Locator, stored: readonly StoredSamples[], live: ReadonlyMap<string, LiveCluster>): Map<number, PlacedId[]> {
  const out = new Map<number, PlacedId[]>();
  for (const { issue, entries, rereads, cut } of stored) {
    const byService = new Map<string, { placed: Map<string, Placement>; count: number }>();
    const runtime = storedRuntime(entries);
    for (const entry of entries) {
      const named = runtimeOf(entry.text);
      if (named !== null && named !== runtime) continue;
      // The sample as stored, then read again without what is left of a header; as it is or as a piece
      // of a record first, and only then, for a sample cut at the store's bound, as a record's start.
      const reread = rereads?.get(entry);
      const readings = reread === undefined ? [entry] : [entry, reread];
      const found = firstPlaced(readings, (e) => placeSample(classifier, e, live))
        ?? (cut?.has(entry) === true ? firstPlaced(readings, (e) => placeCutSample(classifier, e, live)) : null)
        ?? firstPlaced(readings, (e) => placeByCore(classifier, e, live));
      const cluster = found === null ? undefined : live.get(found.id);
      if (found === null || cluster === undefined) continue;
      const group = byService.get(cluster.service) ?? { placed: new Map<string, Placement>(), count: 0 };
      const before = group.placed.get(found.id);
      if (before === undefined) group.count += cluster.count;
      if (before === undefined || byPlacement(found.placed, before) < 0) group.placed.set(found.id, found.placed);
      byService.set(cluster.service, group);
    }
    let best: [string, { placed: Map<string, Placement>; count: number }] | undefined;
    for (const candidate of byService) {
      if (best === undefined || candidate[1].count > best[1].count || (candidate[1].count === best[1].count && candidate[0] < best[0])) best = candidate;
    }
    if (best !== undefined) out.set(issue, [...best[1].placed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, placed]) => ({ id, placed })));
  }
  return out;
}

/**
 * The runtime most of an issue's stored samples name; ties: the one its earliest stored sample names
 * (the oldest samples are those its id was derived from); null: none names one.
 */
function storedRuntime(entries: readonly Entry[]): string | null {
  const counts = new Map<string, { count: number; first: number }>();
  const seen = new Set<string>();
  for (const { text } of entries) {
    // A sample is placed once per service it may belong to: counted once.
    if (seen.has(text)) continue;
    seen.add(text);
    const named = runtimeOf(text);
    if (named === null) continue;
    const at = counts.get(named) ?? { count: 0, first: seen.size };
    at.count++;
    counts.set(named, at);
  }
  let best: [string, { count: number; first: number }] | null = null;
  for (const candidate of counts) {
    if (best === null || candidate[1].count > best[1].count || (candidate[1].count === best[1].count && candidate[1].first < best[1].first)) best = candidate;
  }
  return best?.[0] ?? null;
}

function firstPlaced(readings: readonly Entry[], place: (entry: Entry) => PlacedId | null): PlacedId | null {
  for (const entry of readings) {
    const found = place(entry);
    if (found !== null) return found;
  }
  return null;
}

/** The cluster of this sweep a sample lands in, as it is or as a piece of a record; null: none. */
function placeSample(classifier: Locator, entry: Entry, live: ReadonlyMap<string, LiveCluster>): PlacedId | null {
  const placed = classifier.locate(entry);
  if (placed !== null && live.has(placed)) return { id: placed, placed: 'whole' };
  // A sample that no longer reads as a problem of its own may be a piece of a record read whole now.
  const inRecord = classifier.locateInRecords(entry);
  return inRecord !== null && live.has(inRecord) ? { id: inRecord, placed: 'piece' } : null;
}

/**
 * The cluster of this sweep a sample joins by its core words alone (Classifier.locateByCore), when it
 * lands nowhere as it is, in a record or as a record's start: a release read a prefix as a header (PDO's
 * `SQLSTATE[40001]: ` after Laravel's header) that this one reads as the message's, or the other way
 * round. Tried last, so a sample found any nearer way is placed there.
 */
function placeByCore(classifier: Locator, entry: Entry, live: ReadonlyMap<string, LiveCluster>): PlacedId | null {
  const id = classifier.locateByCore(entry);
  return id !== null && live.has(id) ? { id, placed: 'core' } : null;
}

/**
 * The cluster of this sweep whose records a cut sample is the start of; null: none (the problem has
 * gone quiet, and no other issue is filed for it). Only when the sample lands nowhere as it is: a cut
 * trace read on its own lacks its end, so its id may be one no record has. Clusters of the sample's
 * service only (Classifier.locateCut). When several fit (records alike up to where the sample was cut,
 * told apart by what follows), the one with the most entries in this window: the problem the issue
 * most likely counted; ties go to the first id in order, so every sweep picks the same.
 */
function placeCutSample(classifier: Locator, entry: Entry, live: ReadonlyMap<string, LiveCluster>): PlacedId | null {
  let best: { id: string; count: number } | null = null;
  for (const id of classifier.locateCut(entry)) {
    const cluster = live.get(id);
    if (cluster === undefined || cluster.service !== entry.service) continue;
    if (best === null || cluster.count > best.count || (cluster.count === best.count && id < best.id)) best = { id, count: cluster.count };
  }
  return best === null ? null : { id: best.id, placed: 'cut' };
}
