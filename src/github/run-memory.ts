// What one store remembers during a run, updated on every read and write, so that apply can refuse
// to file an issue twice or add a second evidence comment even when the plan was made on stale data.
export interface EvidenceComment {
  id: number;
  body: string;
}

export class RunMemory {
  /** Cluster id (and its aliases) -> issue number that tracks it. */
  readonly issueByCluster = new Map<string, { number: number; url: string }>();
  /** Issue number -> the gardener's evidence comment on it. */
  readonly evidence = new Map<number, EvidenceComment>();
  /** Issues whose comments were listed in this run (so a missing entry in `evidence` means none). */
  readonly commentsKnown = new Set<number>();
  /**
   * Issue number -> its title, body and evidence comment as GitHub holds them. Re-sending what an
   * issue already shows publishes nothing new: the last outgoing check lets it pass (a person may
   * have written an address into a body the gardener keeps current).
   */
  readonly published = new Map<number, string>();
  /** The repository's label names (lower case), once listed. */
  labels: Set<string> | null = null;
  managedListed = false;
}
