// The shape query answers one row per (shape, revision, time bucket); this folds them into one
// EntryGroup per shape. Memory follows the number of shapes, revisions and buckets, never entries.
import { mayMatter } from '../../normalize/index.js';
import type { EntryGroup, FollowedLines } from '../../shared/ports.js';
import type { RawEntry, Severity } from '../../shared/types.js';
import { followLine } from '../follow-rules.js';
import { microTime } from '../stdout-line.js';
import { SAMPLES_PER_SHAPE } from './shape-query.js';
import { sampleToRawEntry } from './sample-entry.js';

/** A result row as the BigQuery client returns it (INT64 may come as a string or a number). */
export interface ShapeRow {
  service: string;
  severity_name: string;
  /** A stdout/stderr line next to a multi-line record's lines: its own row, read whole (see shape-sql). */
  line: boolean | null;
  /** The entry heads a record whose next lines are read with it, or is such a line (follow-sql.ts). */
  followed?: boolean | null;
  shape: string;
  revision: string;
  bucket: number | string;
  entries: number | string;
  first_ms: number | string;
  last_ms: number | string;
  /** JSON text of each sample row, as TO_JSON_STRING wrote it. */
  samples: string[] | null;
}

interface Folding {
  group: EntryGroup;
  revisions: Map<string, { count: number; firstSeen: number }>;
  buckets: Map<number, number>;
  samples: Array<{ time: number; entry: RawEntry }>;
}

export class ShapeFolder {
  private readonly folding = new Map<string, Folding>();
  /** Entries of shapes none of whose samples could be read (never expected): counted as skipped, not lost. */
  unsampled = 0;
  /** Groups that are single lines read whole (EntryGroup.line). */
  lines = 0;
  /** Lines read whole that the prefilter drops (as the other sources drop them), unless a record head reads them. */
  filtered = 0;
  readonly followed: FollowedLines = { pulled: 0, heads: 0 };

  constructor(private readonly floor: Severity) {}

  add(row: ShapeRow): void {
    if (row.line === true && !this.judgeLine(row)) {
      this.filtered += Number(row.entries);
      return;
    }
    const key = JSON.stringify([row.service, row.severity_name, row.line === true, row.shape]);
    let f = this.folding.get(key);
    if (f === undefined) {
      f = {
        group: { count: 0, firstSeen: Infinity, lastSeen: -Infinity, revisions: [], buckets: [], samples: [], ...(row.line === true ? { line: true as const } : {}) },
        revisions: new Map(),
        buckets: new Map(),
        samples: [],
      };
      this.folding.set(key, f);
      if (row.line === true) this.lines++;
    }
    const n = Number(row.entries);
    const first = Number(row.first_ms);
    const last = Number(row.last_ms);
    f.group.count += n;
    f.group.firstSeen = Math.min(f.group.firstSeen, first);
    f.group.lastSeen = Math.max(f.group.lastSeen, last);
    const revision = f.revisions.get(row.revision);
    if (revision === undefined) f.revisions.set(row.revision, { count: n, firstSeen: first });
    else {
      revision.count += n;
      revision.firstSeen = Math.min(revision.firstSeen, first);
    }
    const bucket = Number(row.bucket);
    f.buckets.set(bucket, (f.buckets.get(bucket) ?? 0) + n);
    for (const text of row.samples ?? []) {
      const sample = sampleToRawEntry(text);
      if (sample !== null) f.samples.push(sample);
    }
  }

  /**
   * A line read whole is read as the file and Cloud Logging sources read it: when the prefilter keeps
   * it (the query's pattern is looser), or a record head reads it with it.
   */
  private judgeLine(row: ShapeRow): boolean {
    const sample = row.samples?.[0] === undefined ? null : sampleToRawEntry(row.samples[0]);
    if (sample === null || mayMatter(sample.entry, this.floor)) return true;
    if (row.followed !== true) return false;
    const line = followLine(sample.entry, microTime(sample.entry), false);
    if (line !== null && line.head !== 0) this.followed.heads++;
    else this.followed.pulled++;
    return true;
  }

  /**
   * The groups, each with its most recent samples first; groups in a stable order (by shape). Lines
   * come in time order within their service (their shape starts with the time), as the reassembler
   * reads them.
   */
  *groups(): Iterable<EntryGroup> {
    const keys = [...this.folding.keys()].sort();
    for (const key of keys) {
      const f = this.folding.get(key)!;
      this.folding.delete(key);
      f.samples.sort((a, b) => b.time - a.time);
      if (f.samples.length === 0) {
        this.unsampled += f.group.count;
        continue;
      }
      yield {
        ...f.group,
        revisions: [...f.revisions].map(([name, r]) => ({ name, ...r })),
        buckets: [...f.buckets],
        samples: f.samples.slice(0, SAMPLES_PER_SHAPE).map((s) => s.entry),
      };
    }
  }

  get size(): number {
    return this.folding.size;
  }
}
