// The grouped twin of the sweep's read loop: groups counted server-side (Log Analytics) in, the
// classifier fed with each group's samples, each sample standing for its share of the group.
// Shares are whole entries, dealt out bucket by bucket and revision by revision, so they add up
// to the group's exact counts: when a group's samples land in one problem (the usual case) its
// count, span, revisions and chart are exact; when they land in several, the group is split by
// its samples' shares and counted in `splitShapes`.
import { BUCKET_MS, emptyStats, record, type Classifier, type ClusterStats, type CompanionLedger } from './classify/index.js';
import { meetsSeverityFloor, normalizeEntry } from './normalize/index.js';
import type { EntryGroup } from './shared/ports.js';
import type { Entry, RawEntry, Severity } from './shared/types.js';
import { isPieceEntry, reassembleAll, type Joined } from './source/reassemble.js';
import { prepareJoined, type Prepared } from './prepare-entries.js';
import type { GroupedCompanions } from './grouped-companions.js';
import { microTime } from './source/stdout-line.js';

export interface GroupedCounts extends JoinedCounts {
  splitShapes: number;
  splitEntries: number;
}

export async function classifyGroups(
  groups: AsyncIterable<EntryGroup>,
  classifier: Classifier,
  floor: Severity,
  progress?: (read: number) => void,
  companions?: GroupedCompanions,
): Promise<GroupedCounts> {
  const counts: GroupedCounts = { read: 0, belowFloor: 0, skippedBy: {}, splitShapes: 0, splitEntries: 0 };
  // Handles of each group's classified samples, to find the groups split between problems at the end.
  const placed: Array<{ handles: number[]; entries: number }> = [];
  // Lines of multi-line records that Cloud Run split, read whole: joined back as a file sweep joins them.
  const lines: RawEntry[] = [];
  for await (const group of groups) {
    if (group.line) {
      lines.push(...group.samples.slice(0, 1));
      continue;
    }
    const shares = shareOut(group, group.samples.length);
    const handles: number[] = [];
    let entries = 0;
    group.samples.forEach((raw, i) => {
      const share = shares[i]!;
      if (!meetsSeverityFloor(raw, floor)) {
        counts.belowFloor += share.count;
        return;
      }
      const entry = normalizeEntry(raw);
      if ('skip' in entry) {
        counts.skippedBy[entry.skip] = (counts.skippedBy[entry.skip] ?? 0) + share.count;
        return;
      }
      if (isPieceEntry(raw)) entry.piece = true;
      const stats = statsOf(entry, share);
      handles.push(companions === undefined ? classifier.add(entry, stats) : companions.addShape(classifier, entry, stats));
      entries += share.count;
    });
    counts.read += entries;
    if (handles.length > 1) placed.push({ handles, entries });
    progress?.(counts.read);
  }
  // In time order, as a file sweep reads them: lines come grouped by severity, each group in time order.
  lines.sort(byWriteTime);
  for (const joined of reassembleAll(lines)) addPrepared(prepareJoined(joined, floor), classifier, counts, companions);
  if (lines.length > 0) progress?.(counts.read);
  for (const { handles, entries } of placed) {
    if (new Set(handles.map((h) => classifier.resolve(h).id)).size > 1) {
      counts.splitShapes++;
      counts.splitEntries += entries;
    }
  }
  return counts;
}

/** What the read loops count, in the entries a source gave (a trace rejoined from n lines is n). */
export interface JoinedCounts {
  read: number;
  belowFloor: number;
  skippedBy: Record<string, number>;
}

/**
 * One entry out of the reassembler into the classifier, as both read loops (entries, and lines read
 * whole beside Log Analytics shapes) take it: the severity floor applied to what the lines make once
 * rejoined, the piece mark carried over, every line counted.
 */
export function classifyJoined(joined: Joined, classifier: Classifier, floor: Severity, counts: JoinedCounts): void {
  addPrepared(prepareJoined(joined, floor), classifier, counts);
}

/**
 * A prepared entry into the classifier (and into `ledger`, which moves the entries of records written
 * beside an error to that error's group: classify/companions.ts), or into the counts of what was left out.
 */
export function addPrepared(prepared: Prepared, classifier: Classifier, counts: JoinedCounts, ledger?: Pick<CompanionLedger, 'note'>): void {
  if ('entry' in prepared) {
    const handle = classifier.add(prepared.entry, undefined, prepared.memo);
    ledger?.note(handle, prepared.entry);
    counts.read += prepared.lines;
  } else if ('skip' in prepared) {
    counts.skippedBy[prepared.skip] = (counts.skippedBy[prepared.skip] ?? 0) + prepared.lines;
  } else {
    counts.belowFloor += prepared.belowFloor;
  }
}

/** One sample's part of a group: whole entries per bucket and per revision, and its span. */
export interface Share {
  count: number;
  firstSeen: number;
  lastSeen: number;
  buckets: Map<number, number>;
  revisions: Map<string, { firstSeen: number; count: number }>;
}

/**
 * Deals a group's entries out to `k` samples: each bucket's (and each revision's) count split as
 * evenly as whole entries allow, the remainders going round, so every sample gets at least one
 * entry when the group has k or more, and the shares add up to the group exactly.
 */
export function shareOut(group: EntryGroup, k: number): Share[] {
  const shares: Share[] = Array.from({ length: k }, () => ({
    count: 0, firstSeen: Infinity, lastSeen: -Infinity, buckets: new Map(), revisions: new Map(),
  }));
  let turn = 0;
  for (const [bucket, n] of [...group.buckets].sort((a, b) => a[0] - b[0])) {
    for (let i = 0; i < k; i++) {
      const part = Math.floor(n / k) + ((i - turn + k) % k < n % k ? 1 : 0);
      if (part === 0) continue;
      const share = shares[i]!;
      share.buckets.set(bucket, part);
      share.count += part;
      share.firstSeen = Math.min(share.firstSeen, Math.max(group.firstSeen, bucket));
      share.lastSeen = Math.max(share.lastSeen, Math.min(group.lastSeen, bucket + BUCKET_MS - 1));
    }
    turn = (turn + (n % k)) % k;
  }
  turn = 0;
  for (const revision of [...group.revisions].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (revision.name === '') continue;
    for (let i = 0; i < k; i++) {
      const part = Math.floor(revision.count / k) + ((i - turn + k) % k < revision.count % k ? 1 : 0);
      if (part > 0) shares[i]!.revisions.set(revision.name, { firstSeen: revision.firstSeen, count: part });
    }
    turn = (turn + (revision.count % k)) % k;
  }
  return shares;
}

/** The classifier's stats for a sample standing for its share: its severity, service and text, the share's counts. */
function statsOf(entry: Entry, share: Share): ClusterStats {
  const stats = emptyStats();
  record(stats, entry);
  stats.count = share.count;
  stats.firstSeen = share.firstSeen;
  stats.lastSeen = share.lastSeen;
  stats.buckets = share.buckets;
  stats.revisions = share.revisions;
  return stats;
}

/** Lines by when they were written (microseconds), then by insertId: the order of a file sorted by time. */
function byWriteTime(a: RawEntry, b: RawEntry): number {
  const d = (microTime(a) ?? 0) - (microTime(b) ?? 0);
  if (d !== 0) return d;
  const [x, y] = [String(a.insertId ?? ''), String(b.insertId ?? '')];
  return x < y ? -1 : x > y ? 1 : 0;
}
