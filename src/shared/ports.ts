// The ports to the outside world. Pure stages never see an SDK; adapters implement these.
import type { Action, ActionResult, Cluster, RawEntry, Severity, TrackedIssue, Window } from './types.js';

export interface SourceQuery {
  window: Window;
  services: string[];
  /** Lowest severity read (NOTICE by default). */
  severityFloor: Severity;
}

export interface SourceReadResult {
  /**
   * Well-formed entries that did not match the query: a file's; from Cloud Logging, which filters
   * server-side, only entries without a severity that its loose text pattern let through.
   */
  filtered: number;
  /** Entries that could not be read, by reason ('malformed JSON', 'no timestamp', …). */
  skippedBy: Record<string, number>;
  /** False when the read stopped early (time budget, quota); `note` says how far it got. */
  complete: boolean;
  note?: string;
  /** When incomplete: epoch ms up to which the window was read (the source reads oldest first). */
  readUntil?: number;
  /** A grouped read (Log Analytics): its cost and shapes. */
  analytics?: GroupedReadSummary;
  /** Lines read for the multi-line records they belong to, which the severity prefilter alone would not read. */
  followed?: FollowedLines;
  /** A file's well-formed entries, matching or not: their time span and services, to say why none matched. */
  seen?: SeenEntries;
}

/**
 * Lines of a writer's stdout/stderr read because a record head before them says they are its own
 * (a Rust panic's message, Plug's request lines, java.util.logging's level line).
 */
export interface FollowedLines {
  /** Lines read as a record's own. */
  pulled: number;
  /** Record heads read although the prefilter alone would not have read them. */
  heads: number;
  /** Cloud Logging: follow-up reads sent, and the entries they returned. */
  reads?: number;
  fetched?: number;
}

export interface SeenEntries {
  /** Epoch ms of the earliest and latest timestamp; null when no entry had one. */
  first: number | null;
  last: number | null;
  /** Entries per service name ('' for entries without one). */
  services: Record<string, number>;
  /** Entries per Google Cloud project (from logName or resource.labels.project_id), when they say. */
  projects?: Record<string, number>;
}

export interface LogRead {
  /** The matching entries, streamed. Iterate once. */
  entries: AsyncIterable<RawEntry>;
  /** Valid once `entries` is exhausted. */
  result(): SourceReadResult;
}

/**
 * A read grouped server-side (Log Analytics): every matching entry is counted in exactly one group,
 * and each group carries a few of its entries as samples.
 */
export interface GroupedLogRead {
  /** Iterate once. */
  groups: AsyncIterable<EntryGroup>;
  /** Valid once `groups` is exhausted. */
  result(): SourceReadResult;
}

/** Entries of one coarse shape (service, severity, masked message): exact counts, a few samples. */
export interface EntryGroup {
  count: number;
  /** Epoch ms. */
  firstSeen: number;
  lastSeen: number;
  /** Entries per revision ('' for none) and the first time each was seen. */
  revisions: Array<{ name: string; count: number; firstSeen: number }>;
  /** [bucket start (epoch ms, a multiple of the classifier's bucket), entries], any order. */
  buckets: Array<[number, number]>;
  /** The most recent entries of the group, newest first; never empty. */
  samples: RawEntry[];
  /**
   * One stdout/stderr line (count 1, its entry the sample) of an instance writing a multi-line record
   * nearby: the sweep joins such lines back as a file sweep does, instead of counting them by shape.
   */
  line?: true;
}

/** A grouped read: what its query cost, how many shapes came back, and how many the classifier split. */
export interface GroupedReadSummary {
  bytesProcessed: number;
  bytesBilled: number;
  shapes: number;
  /** Lines read whole to be joined back (see EntryGroup.line). */
  lines: number;
  /** Shapes whose samples went to different problems: their entries were shared out by samples. */
  splitShapes: number;
  splitEntries: number;
}

export interface LogSource {
  /** For the report and worklog, e.g. `file examples/day.jsonl` or `Cloud Logging project my-proj`. */
  readonly description: string;
  read(query: SourceQuery): LogRead;
}

/** A source that groups the window server-side (Log Analytics) and hands over groups, not entries. */
export interface GroupedLogSource {
  readonly description: string;
  readGroups(query: SourceQuery): GroupedLogRead;
}

/** The GitHub side. `listManaged` is the truth; `searchSimilar` only finds issues a person filed. */
export interface IssueStore {
  /** e.g. `https://github.com/owner/name` — for links in the worklog. */
  readonly repositoryUrl: string;
  /** Every issue carrying the managed label, open and closed, all pages. */
  listManaged(): Promise<TrackedIssue[]>;
  /** Issues (any author, without the managed label) whose text matches the cluster: adoption candidates. */
  searchSimilar(cluster: Cluster): Promise<TrackedIssue[]>;
  /** Carries out one action; never throws for a failed GitHub call, returns status 'failed'. */
  apply(action: Action): Promise<ActionResult>;
  /** Creates or updates a file through the contents API. */
  commitFile(path: string, content: string, message: string): Promise<{ committed: boolean; url?: string }>;
}
