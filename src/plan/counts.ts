// Counting across sweeps without counting an entry twice when windows overlap.
import type { Cluster } from '../shared/types.js';

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Occurrences at or after `since` (the end of the last recorded window). The timeline's buckets
 * may straddle `since`: such a bucket is left out rather than counted twice, and a problem whose
 * last occurrence is after `since` counts at least once.
 */
export function countSince(cluster: Pick<Cluster, 'count' | 'firstSeen' | 'lastSeen' | 'timeline'>, since: number): number {
  if (!Number.isFinite(since) || cluster.firstSeen >= since) return cluster.count;
  if (cluster.lastSeen < since) return 0;
  let n = 0;
  for (const [start, c] of cluster.timeline) if (start >= since) n += c;
  return Math.min(cluster.count, Math.max(1, n));
}

/** When the problem first showed again after `since` (approximately, to a timeline bucket). */
export function firstSince(cluster: Pick<Cluster, 'firstSeen' | 'timeline'>, since: number): number {
  if (cluster.firstSeen >= since) return cluster.firstSeen;
  for (const [start, c] of cluster.timeline) if (start >= since && c > 0) return start;
  return since;
}

export function uniq<T>(items: T[]): T[] {
  return [...new Set(items)];
}
