// What every planning step shares for one sweep.
import type { Settings } from '../config/schema.js';
import type { Action, Cluster, PlacedId, Problem, TrackedIssue, Window } from '../shared/types.js';
import type { PieceTitle } from './piece-titles.js';
import type { RelatedIndex, RelatedNode } from './related.js';
import type { RevisionIndex } from './revisions.js';

export interface PlanInput {
  clusters: Cluster[];
  /** Every issue carrying the managed label (open and closed). Empty for a dry run without GitHub. */
  issues: TrackedIssue[];
  /** Adoption candidates found by searching for issues a person filed, per cluster id. */
  candidates: Map<string, TrackedIssue[]>;
  settings: Settings;
  window: Window;
  /** End of window (= window.end usually); epoch ms. */
  now: number;
  /** Google Cloud project (for the Cloud Logging console link), may be undefined. */
  project: string | undefined;
  services: string[];
  /**
   * Issue number -> the clusters of this sweep that the issue's stored samples belong to under the
   * current classifier, and how they were placed (see classify/rederive-ids). Absent: none re-derived.
   */
  rederived?: ReadonlyMap<number, readonly PlacedId[]>;
}

export interface PlanOutput {
  /** Ranked: P0 first, then by count, most first. */
  problems: Problem[];
  actions: Action[];
}

export interface PlanContext {
  input: PlanInput;
  revisions: RevisionIndex;
  related: RelatedIndex;
  /** The related-issues node of each cluster (by cluster id) and of each managed issue (by number). */
  nodes: { byCluster: Map<string, RelatedNode>; byIssue: Map<number, RelatedNode> };
  /** Tracked clusters whose issue's title came from a piece of the record: the name it takes, and why. */
  retitles: ReadonlyMap<string, { shortName: string; why: PieceTitle }>;
}

/** The actions about one problem (or one quiet issue), kept together under the write cap. */
export interface ActionGroup {
  problem?: Problem;
  actions: Action[];
  /**
   * Writes only what an issue keeps about itself when the sweep has nothing new for it (the hidden
   * state, a title a piece of the record gave): it takes a write slot only after every other group.
   */
  bookkeeping?: true;
}
