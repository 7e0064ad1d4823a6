// Which issue tracks each cluster: by cluster id (or an alias), then by the ids its stored samples
// re-derive to with today's classifier (a template that merely looks alike vouches for nothing: two
// requests `GET <*> <NUM>` are not one problem; the issue whose samples are the record itself before one
// that held a piece of it), then a labelled issue without a state block, then a person's issue
// strong enough to adopt. One issue per cluster and one cluster per issue: a second cluster that
// finds every issue claiming it already taken is the same problem, never a reason to file a duplicate.
import { byPlacement, type Cluster, type PlacedId, type Placement, type TrackedIssue } from '../shared/types.js';
import { ADOPTION_THRESHOLD, adoptionScore } from './adoption-score.js';

export type MatchedBy = 'id' | 'rederived' | 'label' | 'adoption';

export interface IssueMatch {
  issue: TrackedIssue;
  by: MatchedBy;
  /** For 'label' and 'adoption': the adoption score. */
  score?: number;
  /** For 'rederived': how the issue's stored samples were placed in the cluster. */
  placed?: Placement;
}

export interface Matching {
  byCluster: Map<string, IssueMatch>;
  /** Clusters whose issue another cluster of this run already tracks: cluster id -> that match. */
  sameAs: Map<string, { issue: TrackedIssue; cluster: string }>;
  /** Strong matches among closed issues a person filed: linked from a new issue, not adopted. */
  closedCandidates: Map<string, TrackedIssue>;
}

/** Open before closed, then the oldest: the canonical issue when several claim one problem. */
function preferred(a: TrackedIssue, b: TrackedIssue): number {
  if (a.state !== b.state) return a.state === 'open' ? -1 : 1;
  return a.number - b.number;
}

function byCount(a: Cluster, b: Cluster): number {
  return b.count - a.count || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function matchClusters(
  clusters: Cluster[],
  issues: TrackedIssue[],
  candidates: Map<string, TrackedIssue[]>,
  wanted: (cluster: Cluster) => boolean = () => true,
  rederived: ReadonlyMap<number, readonly PlacedId[]> = new Map(),
): Matching {
  const byCluster = new Map<string, IssueMatch>();
  const sameAs = new Map<string, { issue: TrackedIssue; cluster: string }>();
  const closedCandidates = new Map<string, TrackedIssue>();
  const claimedBy = new Map<number, string>();
  const ordered = [...clusters].sort(byCount);
  const stated = issues.filter((i) => i.state_block !== null);

  const claim = (cluster: Cluster, found: TrackedIssue[], by: MatchedBy, order = preferred, placed?: (issue: TrackedIssue) => Placement): void => {
    if (found.length === 0) return;
    const sorted = [...found].sort(order);
    // An issue another cluster took is that cluster's; this one goes to the next that claims it, and
    // only when every one is taken is it the same problem as the first (one old issue, two problems).
    const best = sorted.find((i) => !claimedBy.has(i.number));
    if (best === undefined) sameAs.set(cluster.id, { issue: sorted[0]!, cluster: claimedBy.get(sorted[0]!.number)! });
    else {
      byCluster.set(cluster.id, { issue: best, by, ...(placed ? { placed: placed(best) } : {}) });
      claimedBy.set(best.number, cluster.id);
    }
  };
  const open = (c: Cluster): boolean => !byCluster.has(c.id) && !sameAs.has(c.id);

  for (const c of ordered) {
    claim(c, stated.filter((i) => i.state_block!.clusterId === c.id || i.state_block!.aliases.includes(c.id)), 'id');
  }
  // The issue's stored samples, placed by this sweep's classifier, landed in this cluster: the same
  // problem under an id a newer classifier derives. Vouched for by the classifier, not by likeness.
  // Where several old issues land in one cluster (pieces of a record now read whole, one error in two
  // surfaces), the one whose samples are the record itself tracks it: its title and evidence are what
  // on-call reads, where an issue that held a piece of it is titled after a line from inside the record.
  // An issue that tracks the cluster by id or alias (above) keeps it, so a rerun never moves it.
  for (const c of ordered.filter(open)) {
    const placed = new Map<number, Placement>();
    for (const i of stated) {
      const found = rederived.get(i.number)?.find((r) => r.id === c.id);
      if (found !== undefined) placed.set(i.number, found.placed);
    }
    const of = (i: TrackedIssue): Placement => placed.get(i.number)!;
    claim(c, stated.filter((i) => placed.has(i.number)), 'rederived', (a, b) => byPlacement(of(a), of(b)) || preferred(a, b), of);
  }
  // A labelled issue without a state block: a person labelled it, or an adoption stopped half-way.
  const unstated = issues.filter((i) => i.state_block === null);
  for (const c of ordered.filter(open)) {
    const best = strongest(c, unstated.filter((i) => !claimedBy.has(i.number)));
    if (best) {
      byCluster.set(c.id, { issue: best.issue, by: 'label', score: best.score });
      claimedBy.set(best.issue.number, c.id);
    }
  }
  const managed = new Set(issues.map((i) => i.number));
  for (const c of ordered.filter(open).filter(wanted)) {
    const pool = (candidates.get(c.id) ?? []).filter((i) => !managed.has(i.number) && !claimedBy.has(i.number));
    const best = strongest(c, pool.filter((i) => i.state === 'open'));
    if (best) {
      byCluster.set(c.id, { issue: best.issue, by: 'adoption', score: best.score });
      claimedBy.set(best.issue.number, c.id);
      continue;
    }
    const closed = strongest(c, pool.filter((i) => i.state === 'closed'));
    if (closed) closedCandidates.set(c.id, closed.issue);
  }
  return { byCluster, sameAs, closedCandidates };
}

function strongest(cluster: Cluster, pool: TrackedIssue[]): { issue: TrackedIssue; score: number } | null {
  let best: { issue: TrackedIssue; score: number } | null = null;
  for (const issue of pool) {
    const score = adoptionScore(cluster, issue);
    if (score < ADOPTION_THRESHOLD) continue;
    if (!best || score > best.score || (score === best.score && preferred(issue, best.issue) < 0)) best = { issue, score };
  }
  return best;
}
