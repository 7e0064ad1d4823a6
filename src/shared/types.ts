// The data that flows through a sweep, one type per arrow, never flowing back:
//   RawEntry -> Entry -> Cluster -> Problem -> Action -> ActionResult -> RunReport / Worklog
//                                TrackedIssue ─┘

export const SEVERITIES = [
  'DEFAULT', 'DEBUG', 'INFO', 'NOTICE', 'WARNING', 'ERROR', 'CRITICAL', 'ALERT', 'EMERGENCY',
] as const;
export type Severity = (typeof SEVERITIES)[number];

export const PRIORITIES = ['P0', 'P1', 'P2', 'P3'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CATEGORIES = ['new', 'regression', 'active-dev', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

/** A LogEntry as Cloud Logging's JSON (REST / `gcloud logging read --format=json`) spells it. */
export interface RawEntry {
  timestamp?: unknown;
  receiveTimestamp?: unknown;
  severity?: unknown;
  logName?: unknown;
  insertId?: unknown;
  trace?: unknown;
  textPayload?: unknown;
  jsonPayload?: unknown;
  protoPayload?: unknown;
  httpRequest?: unknown;
  resource?: unknown;
  labels?: unknown;
  [key: string]: unknown;
}

export type EntryKind = 'text' | 'stack' | 'request';

export interface HttpRequestInfo {
  method: string;
  /** Path only (no query string, no host), already redacted. */
  path: string;
  status: number;
  latencyMs?: number;
  /**
   * Read from a server's access line the application printed (normalize/access-request.ts), not from
   * Cloud Run's request log: the same request's record in another hand, a problem apart from the
   * platform's, and one that goes with the error its instance logged beside it (classify/companions.ts).
   */
  accessLine?: true;
}

/** One log entry after message extraction and redaction: nothing secret or personal is left in it. */
export interface Entry {
  /** Epoch milliseconds. */
  time: number;
  severity: Severity;
  /** Cloud Run service (resource.labels.service_name), '' when unknown. */
  service: string;
  /** Cloud Run revision (resource.labels.revision_name), '' when unknown. */
  revision: string;
  /**
   * The container instance that wrote it (labels.instanceId), for what the application wrote; unset
   * for Cloud Run's own request log and platform messages (classify/companions.ts).
   */
  writer?: string;
  /**
   * The request's trace id (normalize/trace-id.ts) as a 32-bit number, for what an instance wrote: which
   * records one request wrote (classify/companions.ts). Never the id itself.
   */
  trace?: number;
  kind: EntryKind;
  /** The redacted message; for stack traces the whole multi-line trace. Bounded in length. */
  text: string;
  /** Set for request logs (kind 'request'). */
  request?: HttpRequestInfo;
  /** An error type the payload names outright (jsonPayload.error.name, `@type`, exception class…). */
  errorType?: string;
  /**
   * Set when Cloud Logging had no severity for the entry (DEFAULT) and it was read from the payload's
   * `level` (pino, zap, slog, logrus) or from the message text (a log header, a trace, a panic).
   */
  severitySource?: SeverityInference;
  /**
   * A piece of a record whose other part was not read: continuation lines with no head, a traceback
   * cut before its exception line (see the reassembler). It may join the cluster whose records hold it.
   */
  piece?: true;
  /**
   * Whole lines the message was printed under and that were set aside as a header (Node's throw site
   * above an uncaught error): not what happened, but lines a piece of the record may hold.
   */
  lead?: string;
  /**
   * The status a server's structured record of the response to a request says (normalize/response-record.ts),
   * when the entry is one: an access record of its request, its text its own.
   */
  answered?: number;
}

/** Where a severity Cloud Logging did not have came from: the payload's `level` field, or the text. */
export type SeverityInference = 'level' | 'text';

/** Occurrences per time bucket: [bucket start (epoch ms), count], sorted by time. */
export type Timeline = Array<[number, number]>;

export interface RevisionSeen {
  name: string;
  /** Epoch ms of the first occurrence in that revision. */
  firstSeen: number;
  count: number;
}

/** A group of entries that are the same problem. Produced by the classifier. */
export interface Cluster {
  /** Stable, content-derived: the same problem gets the same id in every run. */
  id: string;
  /** Masked template, e.g. `Session access failed (middleware not installed?): <*>`. */
  template: string;
  kind: EntryKind;
  /** For stack traces: the exception type; for structured errors the named error type. */
  exceptionType?: string;
  /** For stack traces: the top frames of the application's own code, innermost first. */
  frames?: string[];
  count: number;
  /** The highest severity seen. */
  severity: Severity;
  /** Set when every entry at that severity had it inferred (Entry.severitySource); 'text' if any was read from text. */
  severitySource?: SeverityInference;
  /** Epoch ms. */
  firstSeen: number;
  lastSeen: number;
  services: string[];
  /** Revisions in which it appeared, oldest first. */
  revisions: RevisionSeen[];
  /** Up to a few redacted sample messages, distinct, each bounded in length. */
  samples: string[];
  timeline: Timeline;
}

/** What the gardener knows about one GitHub issue it manages (or could adopt). */
export interface TrackedIssue {
  number: number;
  title: string;
  url: string;
  state: 'open' | 'closed';
  /** GitHub's state_reason: 'completed', 'not_planned', 'reopened' or null. */
  stateReason: string | null;
  closedAt: string | null;
  labels: string[];
  /** Login of whoever opened the issue. */
  author: string;
  /** True when the author is the gardener's App (a bot); a person's issue is never closed by us. */
  authorIsGardener: boolean;
  body: string;
  /** The hidden state block parsed from the body or the evidence comment; null if absent. */
  state_block: IssueState | null;
  /** The id of the gardener's evidence comment, when it keeps one. */
  evidenceCommentId: number | null;
  /** Body of that comment (to compare before writing). */
  evidenceCommentBody: string | null;
}

/** The machine-readable memory the gardener keeps in each issue it manages. */
export interface IssueState {
  version: 1;
  clusterId: string;
  /** Other cluster ids this issue tracks (templates that merged, ids seen before). */
  aliases: string[];
  template: string;
  /** Total occurrences seen over all sweeps. */
  totalCount: number;
  /** Occurrences in the last sweep's window. */
  lastWindowCount: number;
  firstSeen: string;
  lastSeen: string;
  /** Priority the gardener last set (to tell it apart from one a person set). */
  priority: Priority;
  /** End of the last window whose evidence was recorded (ISO); makes reruns no-ops. */
  windowEnd: string;
  /** First revision that showed the problem. */
  firstRevision?: string;
  /** The title the gardener last set; a different current title means a person retitled the issue. */
  title?: string;
  /** 'person' once a person set the priority (or it was theirs when adopted): never changed again. */
  priorityOwner?: 'gardener' | 'person';
  /** Component and exception type, to relate this issue to others when its problem is quiet. */
  component?: string;
  exceptionType?: string;
  /** Issues already linked from this one (never linked twice). */
  related?: number[];
  /** When the gardener noted that the problem had gone quiet (ISO); the note is written once. */
  staleNotedAt?: string;
  /**
   * The issue that tracks this one's problem now (two old issues that a newer classifier reads as one
   * problem), once this one was told so in place; the note is written once for each such issue.
   */
  trackedIn?: number;
  /** When the issue was last reopened as a regression, and when it had been closed (ISO). */
  reopenedAt?: string;
  closedAt?: string;
  /**
   * A few redacted messages of the problem and their kind. A later classifier may derive another id
   * for the same problem; it re-derives ids from these and finds this issue again (the new id then
   * becomes an alias, in that sweep), so an upgrade never files a second issue.
   */
  samples?: string[];
  kind?: EntryKind;
  /**
   * The service the samples came from ([] when the entries named none). A problem belongs to one
   * service, and the samples are placed within it; states written before this was kept have none,
   * and the services their evidence names stand in.
   */
  services?: string[];
}

/**
 * How an issue's stored samples were placed in a cluster of this sweep, nearest to the record first:
 * as they are (the record itself), as the start of a record the store cut at its bound (its head, not
 * its end), only as a piece of a record read whole now (a line from inside it), or by their core words
 * alone (the same message with a prefix or suffix one release read as part of it and another did not:
 * the least sure, so an issue placed any other way tracks the problem before one placed so).
 */
export const PLACEMENTS = ['whole', 'cut', 'piece', 'core'] as const;
export type Placement = (typeof PLACEMENTS)[number];

/** Nearest to the record first (PLACEMENTS' order): as they are, a record's cut start, a piece, by their words. */
export function byPlacement(a: Placement, b: Placement): number {
  return PLACEMENTS.indexOf(a) - PLACEMENTS.indexOf(b);
}

/** A cluster of this sweep an issue's stored samples land in, and how the nearest of them was placed. */
export interface PlacedId {
  id: string;
  placed: Placement;
}

/** A cluster with the decisions about it: priority, category, component, short name, whether it matters. */
export interface Problem extends Cluster {
  priority: Priority;
  category: Category;
  component?: string;
  shortName: string;
  /** False for noise: listed in the worklog, never filed. */
  matters: boolean;
  /** Why it matters or not, in words (thresholds, rule). */
  why: string;
}

export type ActionKind = 'create' | 'comment' | 'update' | 'reopen' | 'relabel' | 'link' | 'none';

/** One thing to do on GitHub; plan() produces them, apply() carries them out. */
export interface Action {
  kind: ActionKind;
  /** Cluster id the action is about. */
  cluster: string;
  /** Issue number, once an issue exists (absent for create). */
  issue?: number;
  title: string;
  url?: string;
  reason: string;
  /** What to write. Each kind uses the fields it needs. */
  body?: string;
  labels?: string[];
  removeLabels?: string[];
  commentId?: number;
  /** For link: the other issue. */
  relatedIssue?: number;
  /** For update: retitle the issue to this (sent with the body); only ever a title the gardener set itself. */
  newTitle?: string;
  /** For none: the per-sweep cap that held a write back; it waits for the next sweep. */
  deferredBy?: 'maxCreatesPerRun' | 'maxWritesPerRun';
}

export interface ActionResult extends Action {
  status: 'done' | 'planned' | 'skipped' | 'failed';
  error?: string;
}

export interface Window {
  /** Epoch ms, included. */
  start: number;
  /** Epoch ms, excluded. */
  end: number;
}

export interface EntryCounts {
  read: number;
  filtered: number;
  skipped: number;
  /** Skipped entries by reason, e.g. { 'malformed JSON': 2, 'no timestamp': 1 }. */
  skippedBy: Record<string, number>;
}

export interface StageError {
  stage: 'config' | 'source' | 'classify' | 'github' | 'plan' | 'apply' | 'worklog' | 'report';
  message: string;
}
