// What a cluster remembers about its entries: counts and a few samples, never the entries, so
// memory follows the number of clusters and not the number of entries.
import { addRecordLines, lastLineKey, MAX_LINE_RECORDS, MAX_RECORD_LINES } from './record-lines.js';
import { SEVERITIES, type Cluster, type Entry, type RevisionSeen, type Severity, type SeverityInference, type Timeline } from '../shared/types.js';

export const MAX_SAMPLES = 3;
export const MAX_SAMPLE_CHARS = 2000;
export const BUCKET_MS = 5 * 60 * 1000;

export interface ClusterStats {
  count: number;
  severity: Severity;
  /** Of the entries at `severity`: whether one had it from Cloud Logging, whether one had it from its text. */
  ownAtMax: boolean;
  textAtMax: boolean;
  firstSeen: number;
  lastSeen: number;
  services: Set<string>;
  revisions: Map<string, { firstSeen: number; count: number }>;
  samples: string[];
  buckets: Map<number, number>;
  /** Entries that were pieces of a record (Entry.piece). */
  pieces: number;
  /** The lines of the first few multi-line records and pieces (record-lines.ts). */
  lines: Set<string>;
  /** How many records `lines` was read from. */
  lineRecords: number;
  /** The revisions `lines` was read from, and how many records of each. */
  lineRevisions: Map<string, number>;
  /** The last line of each of the first few pieces: a write cut short may end mid-line. */
  cutLines: Set<string>;
}

const RANK = new Map<Severity, number>(SEVERITIES.map((s, i) => [s, i]));

export function emptyStats(): ClusterStats {
  return {
    count: 0,
    severity: 'DEFAULT',
    ownAtMax: false,
    textAtMax: false,
    firstSeen: Infinity,
    lastSeen: -Infinity,
    services: new Set(),
    revisions: new Map(),
    samples: [],
    buckets: new Map(),
    pieces: 0,
    lines: new Set(),
    lineRecords: 0,
    lineRevisions: new Map(),
    cutLines: new Set(),
  };
}

function addSample(samples: string[], text: string): void {
  if (samples.length >= MAX_SAMPLES) return;
  const sample = text.length > MAX_SAMPLE_CHARS ? text.slice(0, MAX_SAMPLE_CHARS) : text;
  if (!samples.includes(sample)) samples.push(sample);
}

/** What counting an entry reads of it: when, where, and at what severity from where. */
export type Occurrence = Pick<Entry, 'time' | 'severity' | 'severitySource' | 'service' | 'revision'>;

/** Counts one occurrence: count, severity, span, service, revision and chart, nothing of its text. */
export function count(stats: ClusterStats, entry: Occurrence): void {
  stats.count++;
  atSeverity(stats, entry.severity, entry.severitySource === undefined, entry.severitySource === 'text');
  stats.firstSeen = Math.min(stats.firstSeen, entry.time);
  stats.lastSeen = Math.max(stats.lastSeen, entry.time);
  if (entry.service) stats.services.add(entry.service);
  if (entry.revision) {
    const seen = stats.revisions.get(entry.revision);
    if (seen === undefined) stats.revisions.set(entry.revision, { firstSeen: entry.time, count: 1 });
    else {
      seen.count++;
      seen.firstSeen = Math.min(seen.firstSeen, entry.time);
    }
  }
  const bucket = Math.floor(entry.time / BUCKET_MS) * BUCKET_MS;
  stats.buckets.set(bucket, (stats.buckets.get(bucket) ?? 0) + 1);
}

/**
 * Records of a revision that read lines of a cluster whose first records were all of others. A rollout
 * that changes the formatter (loguru's diagnose traceback, then a plain one; a location added to the
 * header) writes the same trace in lines the first records never held, and the pieces of the new
 * revision's traces must still find the records that hold them.
 */
const LINE_RECORDS_PER_REVISION = 4;

/** Whether a record of `revision` is one the cluster reads its lines from. */
function readsLinesOf(stats: ClusterStats, revision: string): boolean {
  if (stats.lineRecords < MAX_LINE_RECORDS) return true;
  return revision !== '' && (stats.lineRevisions.get(revision) ?? 0) < LINE_RECORDS_PER_REVISION;
}

export function record(stats: ClusterStats, entry: Entry): void {
  count(stats, entry);
  addSample(stats.samples, entry.text);
  if (entry.piece) stats.pieces++;
  if ((entry.piece || entry.text.includes('\n')) && readsLinesOf(stats, entry.revision)) {
    stats.lineRecords++;
    stats.lineRevisions.set(entry.revision, (stats.lineRevisions.get(entry.revision) ?? 0) + 1);
    addRecordLines(stats.lines, entry.lead === undefined ? entry.text : `${entry.lead}\n${entry.text}`);
    const last = entry.piece ? lastLineKey(entry.text) : null;
    if (last !== null) stats.cutLines.add(last);
  }
}

/** Folds `from` into `into` (clusters that ended up with the same id). */
export function mergeStats(into: ClusterStats, from: ClusterStats): void {
  const empty = into.count === 0;
  into.count += from.count;
  if (empty) Object.assign(into, { severity: from.severity, ownAtMax: from.ownAtMax, textAtMax: from.textAtMax });
  else if (from.count > 0) atSeverity(into, from.severity, from.ownAtMax, from.textAtMax);
  into.firstSeen = Math.min(into.firstSeen, from.firstSeen);
  into.lastSeen = Math.max(into.lastSeen, from.lastSeen);
  for (const s of from.services) into.services.add(s);
  for (const [name, seen] of from.revisions) {
    const mine = into.revisions.get(name);
    if (mine === undefined) into.revisions.set(name, { ...seen });
    else {
      mine.count += seen.count;
      mine.firstSeen = Math.min(mine.firstSeen, seen.firstSeen);
    }
  }
  for (const s of from.samples) addSample(into.samples, s);
  for (const [b, n] of from.buckets) into.buckets.set(b, (into.buckets.get(b) ?? 0) + n);
  into.pieces += from.pieces;
  into.lineRecords += from.lineRecords;
  for (const [revision, n] of from.lineRevisions) into.lineRevisions.set(revision, (into.lineRevisions.get(revision) ?? 0) + n);
  for (const line of from.lines) if (into.lines.size < MAX_RECORD_LINES) into.lines.add(line);
  for (const line of from.cutLines) if (into.cutLines.size < MAX_LINE_RECORDS) into.cutLines.add(line);
}

/** Folds entries at `severity` into what the stats know of the highest severity and where it came from. */
function atSeverity(stats: ClusterStats, severity: Severity, own: boolean, text: boolean): void {
  const higher = (RANK.get(severity) ?? 0) - (RANK.get(stats.severity) ?? 0);
  if (higher > 0 || stats.count === 1) {
    stats.severity = severity;
    stats.ownAtMax = own;
    stats.textAtMax = text;
  } else if (higher === 0) {
    stats.ownAtMax ||= own;
    stats.textAtMax ||= text;
  }
}

/**
 * Set when no entry at the cluster's highest severity had it from Cloud Logging: 'text' when one of
 * them had it from its text, else 'level' (a payload's level field).
 */
export function severitySourceOf(stats: ClusterStats): SeverityInference | undefined {
  if (stats.count === 0 || stats.ownAtMax) return undefined;
  return stats.textAtMax ? 'text' : 'level';
}

export function cloneStats(stats: ClusterStats): ClusterStats {
  const copy = emptyStats();
  mergeStats(copy, stats);
  return copy;
}

export function revisionsOf(stats: ClusterStats): RevisionSeen[] {
  return [...stats.revisions]
    .map(([name, seen]) => ({ name, firstSeen: seen.firstSeen, count: seen.count }))
    .sort((a, b) => a.firstSeen - b.firstSeen || a.name.localeCompare(b.name));
}

export function timelineOf(stats: ClusterStats): Timeline {
  return [...stats.buckets].sort((a, b) => a[0] - b[0]);
}

/** What a cluster says of its entries' counts, read off its stats. */
export type ClusterCounts = Pick<Cluster, 'count' | 'severity' | 'severitySource' | 'firstSeen' | 'lastSeen' | 'services' | 'revisions' | 'timeline'>;

export function countsOf(stats: ClusterStats): ClusterCounts {
  const severitySource = severitySourceOf(stats);
  return {
    count: stats.count,
    severity: stats.severity,
    ...(severitySource === undefined ? {} : { severitySource }),
    firstSeen: stats.firstSeen,
    lastSeen: stats.lastSeen,
    services: [...stats.services].sort(),
    revisions: revisionsOf(stats),
    timeline: timelineOf(stats),
  };
}
