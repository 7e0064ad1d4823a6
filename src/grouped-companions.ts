// The companion rule (classify/companions.ts) over a grouped read (Log Analytics): the entries it reads
// come back whole, as lines (source/analytics/companion-sql.ts), and go through the very ledger a file
// sweep fills; each shape's samples stand for entries whose time and instance the read does not tell, so
// they are counted where they were classified and never move.
//
// Counts are read again, as the ledger reads them, for each problem that gained or lost entries: the
// lines placed in it, one by one, and its shapes' shares as they were counted. A problem part of whose
// entries were counted by shape keeps its lines too: the rule judges a group on all of its entries, and
// the read told only some of them; but an access line of a request answered 5xx goes with the error
// written beside it whatever the rest of its group does (companionTargets' eachAlone), so it moves.
import { CompanionLedger, type Classifier } from './classify/index.js';
import { cloneStats, count, countsOf, emptyStats, mergeStats, type ClusterStats, type Occurrence } from './classify/cluster-stats.js';
import type { Cluster, Entry } from './shared/types.js';
import { isTracePiece } from './source/trace-pieces.js';

interface Line {
  handle: number;
  sighting: number;
  occurrence: Occurrence;
}

export class GroupedCompanions {
  private readonly ledger = new CompanionLedger(isTracePiece);
  private readonly lines: Line[] = [];
  /** Each shape sample's handle and its share's counts. */
  private readonly shapes: Array<{ handle: number; stats: ClusterStats }> = [];

  /** A line read whole, as the classifier took it (addPrepared). */
  note(handle: number, entry: Entry): number {
    const sighting = this.ledger.note(handle, entry);
    const occurrence: Occurrence = { time: entry.time, severity: entry.severity, service: entry.service, revision: entry.revision };
    if (entry.severitySource !== undefined) occurrence.severitySource = entry.severitySource;
    this.lines.push({ handle, sighting, occurrence });
    return sighting;
  }

  /** A shape's sample into the classifier, standing for `stats`' entries; returns its handle. */
  addShape(classifier: Classifier, entry: Entry, stats: ClusterStats): number {
    const counted = cloneStats(stats);
    const handle = classifier.add(entry, stats);
    this.shapes.push({ handle, stats: counted });
    return handle;
  }

  /** The classifier's clusters with each companion's lines counted under the problem they accompany. */
  clusters(classifier: Classifier): Cluster[] {
    const settled = this.settle(classifier);
    const clusters = classifier.clusters();
    if (settled.touched.size === 0) return clusters;
    const counts = new Map<string, ClusterStats>();
    for (const id of settled.touched) {
      const shaped = settled.shaped.get(id);
      counts.set(id, shaped === undefined ? emptyStats() : cloneStats(shaped));
    }
    this.lines.forEach((line, i) => {
      const stats = counts.get(settled.to[i]!);
      if (stats !== undefined) count(stats, line.occurrence);
    });
    const out: Cluster[] = [];
    for (const cluster of clusters) {
      const stats = counts.get(cluster.id);
      if (stats === undefined) out.push(cluster);
      else if (stats.count > 0) out.push({ ...cluster, ...countsOf(stats) });
    }
    return out;
  }

  /** The ids whose every entry went with one other problem: id -> that problem's id. */
  absorbed(classifier: Classifier): Map<string, string> {
    const settled = this.settle(classifier);
    const went = new Map<string, Set<string>>();
    this.lines.forEach((line, i) => {
      const from = settled.from[i]!;
      const set = went.get(from) ?? new Set<string>();
      set.add(settled.to[i]!);
      went.set(from, set);
    });
    const absorbed = new Map<string, string>();
    for (const [from, to] of went) {
      const [only] = [...to];
      if (to.size === 1 && only !== from && !settled.shaped.has(from)) absorbed.set(from, only!);
    }
    return absorbed;
  }

  private settle(classifier: Classifier): { from: string[]; to: string[]; touched: Set<string>; shaped: Map<string, ClusterStats> } {
    const shaped = new Map<string, ClusterStats>();
    for (const { handle, stats } of this.shapes) {
      const id = classifier.resolve(handle).id;
      const into = shaped.get(id);
      if (into === undefined) shaped.set(id, cloneStats(stats));
      else mergeStats(into, stats);
    }
    const from = this.lines.map((line) => classifier.resolve(line.handle).id);
    // An access line of a request answered 5xx goes with the error written beside it whatever its group does.
    const stays = (line: Line, id: string): boolean => shaped.has(id) && !this.ledger.isAccessLine(line.sighting);
    const to = this.lines.map((line, i) => (stays(line, from[i]!) ? from[i]! : this.ledger.placed(line.sighting, classifier).id));
    const touched = new Set<string>();
    from.forEach((id, i) => {
      if (to[i] === id) return;
      touched.add(id);
      touched.add(to[i]!);
    });
    return { from, to, touched, shaped };
  }
}
