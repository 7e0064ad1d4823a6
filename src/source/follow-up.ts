// The follow rules (follow-rules.ts) for the Cloud Logging source. Its filter asks the server for
// what may matter, so the free-text lines a record head pulls in never come with the page; for each
// page, the heads it held are followed by one more read per batch of heads: every line of the head's
// writer (instance and log) within its reach, judged here by the same rules as a file's lines, and
// yielded in time order among the page's entries, as the reassembly expects each writer's lines.
import type { FollowedLines } from '../shared/ports.js';
import type { RawEntry } from '../shared/types.js';
import { quote } from './build-filter.js';
import { FOLLOW_GAP_US, FOLLOW_REACH, followLine, pulledByHead, reachOf, type FollowLine } from './follow-rules.js';
import { microTime } from './stdout-line.js';

/** Cloud Logging refuses filters over 20,000 characters; a batch of clauses stays well below. */
export const MAX_FOLLOW_FILTER_CHARS = 16_000;

interface Head {
  line: FollowLine;
  /** The head's timestamp as the entry has it (nanoseconds kept). */
  timestamp: string;
  /** µs after the head its record may reach. */
  reachUs: number;
}

interface Fetched {
  raw: RawEntry;
  line: FollowLine;
  key: string;
  kept: boolean;
}

const keyOf = (raw: RawEntry): string => `${String(raw.insertId ?? '')} ${String(raw.timestamp ?? '')} ${String(raw.logName ?? '')}`;

export class FollowUp {
  readonly counts: Required<FollowedLines> = { pulled: 0, heads: 0, reads: 0, fetched: 0 };
  private heads: Head[] = [];
  /** Per writer, its heads not yet out of reach: a line may be pulled by a head read in an earlier page. */
  private readonly known = new Map<string, Fetched[]>();
  private readonly candidates = new Map<string, Fetched[]>();
  /** Pulled lines not yet yielded, by the entry they come right after. */
  private readonly waiting = new Map<string, RawEntry[]>();
  private readonly pulledKeys = new Set<string>();

  /** An entry of the main read: whether it is read (the prefilter's verdict, or a record head). */
  note(raw: RawEntry, time: number | null, kept: boolean): boolean {
    const line = followLine(raw, time, kept);
    if (line === null || line.head === 0) return kept;
    if (!kept) this.counts.heads++;
    if (typeof raw.timestamp === 'string') this.heads.push({ line, timestamp: raw.timestamp, reachUs: reachOf(line) * FOLLOW_GAP_US });
    // Every head of the page is kept until the page's follow-up lines are judged (a busy writer's later
    // heads would push out one whose lines are still to come); then the last few, for the next page.
    const known = this.known.get(line.stream) ?? [];
    known.push({ raw, line, key: keyOf(raw), kept: true });
    this.known.set(line.stream, known);
    return true;
  }

  /** The heads noted since the last call. */
  takeHeads(): Head[] {
    const heads = this.heads;
    this.heads = [];
    return heads;
  }

  /** One page of a follow-up read. `kept`: the prefilter's verdict on an entry. */
  fetched(entries: RawEntry[], kept: (raw: RawEntry) => boolean): void {
    this.counts.reads++;
    this.counts.fetched += entries.length;
    for (const raw of entries) {
      const read = kept(raw);
      const line = followLine(raw, microTime(raw), read);
      if (line === null) continue;
      const list = this.candidates.get(line.stream) ?? [];
      list.push({ raw, line, key: keyOf(raw), kept: line.head !== 0 || read });
      this.candidates.set(line.stream, list);
    }
  }

  /**
   * The page's entries, each followed by the lines pulled right after it in its writer's lines (the
   * client gives timestamps to the millisecond, so the follow-up read's order places them, not their
   * time). At the last page, lines whose place never came go last.
   */
  *merge(kept: RawEntry[], last: boolean): Generator<RawEntry> {
    this.judge();
    for (const raw of kept) {
      yield raw;
      yield* this.after(keyOf(raw));
    }
    if (last) {
      for (const list of this.waiting.values()) for (const raw of list) yield raw;
      this.waiting.clear();
    }
  }

  private *after(key: string): Generator<RawEntry> {
    const list = this.waiting.get(key);
    if (list === undefined) return;
    this.waiting.delete(key);
    for (const raw of list) {
      yield raw;
      yield* this.after(keyOf(raw));
    }
  }

  /** Each fetched line the prefilter drops, judged against its writer's lines before it, in the server's order. */
  private judge(): void {
    for (const [stream, fetched] of this.candidates) {
      const keys = new Set(fetched.map((f) => f.key));
      const lines = [...fetched];
      // A head the follow-up did not return again (it reads after the head) goes before the lines after it,
      // those of its own millisecond too: the client gives times to the millisecond, and one write's lines
      // are stamped microseconds apart.
      for (const head of this.known.get(stream) ?? []) {
        if (keys.has(head.key)) continue;
        const at = lines.findIndex((f) => f.line.time >= head.line.time);
        lines.splice(at < 0 ? lines.length : at, 0, head);
      }
      let anchor: string | null = null;
      lines.forEach((f, i) => {
        if (f.kept || this.pulledKeys.has(f.key)) {
          anchor = f.key;
          return;
        }
        const before = lines.slice(Math.max(0, i - FOLLOW_REACH), i).reverse().map((b) => b.line);
        if (anchor === null || pulledByHead(f.line, before, true) !== true) return;
        this.pulledKeys.add(f.key);
        this.counts.pulled++;
        const list = this.waiting.get(anchor) ?? [];
        list.push(f.raw);
        this.waiting.set(anchor, list);
        anchor = f.key;
      });
    }
    this.candidates.clear();
    for (const [stream, known] of this.known) if (known.length > FOLLOW_REACH) this.known.set(stream, known.slice(-FOLLOW_REACH));
  }
}

/**
 * The follow-up filters for these heads: per head, its writer's lines after it within its reach
 * (and the window); heads of one writer whose reaches overlap share a clause; clauses OR-ed in
 * batches that keep each filter under MAX_FOLLOW_FILTER_CHARS.
 */
export function followUpFilters(heads: readonly Head[], windowEnd: number): string[] {
  const end = new Date(windowEnd).toISOString();
  const clauses: string[] = [];
  const sorted = [...heads].sort((a, b) => (a.line.stream < b.line.stream ? -1 : a.line.stream > b.line.stream ? 1 : a.line.time - b.line.time));
  for (let i = 0; i < sorted.length; ) {
    const first = sorted[i]!;
    let until = first.line.time + first.reachUs;
    let j = i + 1;
    while (j < sorted.length && sorted[j]!.line.stream === first.line.stream && sorted[j]!.line.time <= until) {
      until = Math.max(until, sorted[j]!.line.time + sorted[j]!.reachUs);
      j++;
    }
    clauses.push(`(labels.instanceId = ${quote(first.line.instance)} AND logName = ${quote(first.line.logName)} AND timestamp > ${quote(first.timestamp)} AND timestamp <= ${quote(isoMicros(until))})`);
    i = j;
  }
  const filters: string[] = [];
  const base = `timestamp < ${quote(end)} AND (`;
  let batch: string[] = [];
  let chars = base.length + 1;
  for (const clause of clauses) {
    if (batch.length > 0 && chars + clause.length + 4 > MAX_FOLLOW_FILTER_CHARS) {
      filters.push(`${base}${batch.join(' OR ')})`);
      batch = [];
      chars = base.length + 1;
    }
    batch.push(clause);
    chars += clause.length + 4;
  }
  if (batch.length > 0) filters.push(`${base}${batch.join(' OR ')})`);
  return filters;
}

/** µs since the epoch as RFC 3339 with six fraction digits. */
function isoMicros(us: number): string {
  const ms = Math.floor(us / 1000);
  return new Date(ms).toISOString().replace('Z', `${String(us - ms * 1000).padStart(3, '0')}Z`);
}
