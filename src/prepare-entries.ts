// What the read loop does to each joined entry before the classifier sees it: the severity floor
// applied to what the lines make once rejoined, normalization, the piece mark, and how many lines of
// the input it stands for. A pure step, the same in the sweep's own thread and in a worker thread
// (read-off-thread.ts), so both give the classifier the same entries in the same order.
import { meetsSeverityFloor, normalizeEntry, type SkipReason } from './normalize/index.js';
import type { LogSource, SourceQuery, SourceReadResult } from './shared/ports.js';
import type { Entry, Severity } from './shared/types.js';
import type { Joined } from './source/reassemble.js';

/**
 * One joined entry, ready for the classifier or counted out; `lines`: the input entries it was made of;
 * `memo`: the same object for every entry of the same message (prepare-batch.ts), for the classifier.
 */
export type Prepared =
  | { entry: Entry; lines: number; memo?: object }
  | { belowFloor: number }
  | { skip: SkipReason; lines: number };

export function prepareJoined({ raw, members, piece }: Joined, floor: Severity): Prepared {
  const lines = members.length;
  if (!meetsSeverityFloor(raw, floor)) return { belowFloor: lines };
  const entry = normalizeEntry(raw);
  if ('skip' in entry) return { skip: entry.skip, lines };
  if (piece) entry.piece = true;
  return { entry, lines };
}

/** The prepared entries of a read, in input order, a batch at a time. */
export interface PreparedRead {
  batches: AsyncIterable<Prepared[]>;
  /** Valid once `batches` is exhausted, or once it threw. */
  result(): SourceReadResult;
  /**
   * Entries of the source looked at so far, read or not, where the read counts them as it goes. It may
   * hand over an empty batch only to say that this has moved.
   */
  scanned?: () => number;
}

/**
 * A source that can also hand over its entries prepared (joined, floored, normalized) away from the
 * sweep's thread: the file source, whose reading and normalizing then run beside the classifier.
 */
export interface PreparingSource extends LogSource {
  /** null when this read is better done in the sweep's own thread (a small file, standard input). */
  readPrepared(query: SourceQuery): PreparedRead | null;
}

export const isPreparingSource = (source: LogSource): source is PreparingSource => 'readPrepared' in source;
