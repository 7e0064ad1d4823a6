// A record that is only part of a trace (frames, `Caused by: …`, a traceback's head with no exception
// line: source/trace-pieces.ts) is never a problem of its own. Its writer logged it beside the error
// it belongs to: the message before `$e->getTraceAsString()` (one record each in Hyperf's and Laravel's
// handlers), the head of a JVM trace whose lines a shipper sent one by one, Python's `ERROR: msg`
// before its traceback. Left alone, each piece is a group keyed on its top frame, and the pieces of
// several errors that pass through one frame (a database driver's) make one group of hundreds.
//
// So each piece goes, entry by entry, with an entry the same instance wrote within PIECE_MS of it that
// is no piece: first the nearest whose group's records share a line with the piece's (the frames tell
// which of two nearby errors it belongs to), else the nearest that holds no trace of its own (a message
// logged apart from its trace). A trace written beside it that shares none of its lines is another
// failure's. A piece with no such entry near stays where the classifier put it. Unlike a companion
// (companions.ts), a piece moves alone, not with its group: one frame group holds pieces of many errors.
//
// Every array is indexed by sighting (the ledger's entry numbers); writers < 0 have no instance to tell.

import { markedTimelines } from './writer-timelines.js';

/**
 * How far from a piece (same instance) the entry it belongs to may have been written: a handler writes
 * the message and then the trace in one go, a shipper sends a write's lines together; a tenth of a
 * second leaves room for a pause between two writes, and little for another failure to fall in.
 */
export const PIECE_MS = 100;
/** Entries looked at on each side of a piece: an instance writing thousands a second costs no more. */
const MAX_SCAN = 64;

type Numbers = ArrayLike<number>;

export interface PieceColumns {
  /** 1 for an entry that is only pieces of a trace. */
  pieces: Numbers;
  times: Numbers;
  writers: Numbers;
  /** 1 for an entry that holds a trace of its own (Entry.kind 'stack'). */
  stacks: Numbers;
  /** 1 for an entry a piece may never go with (an access line: a request's record, not its error). */
  barred: Numbers;
}

/**
 * For each sighting: the sighting of the error a piece goes with (-1: not a piece, or nothing near).
 * `sameTrace(piece, other)`: whether the two entries' groups share a line of their records.
 */
export function pieceOwners(c: PieceColumns, sameTrace: (piece: number, other: number) => boolean): Int32Array {
  const owner = new Int32Array(c.pieces.length).fill(-1);
  for (const list of markedTimelines(c.writers, c.times, c.pieces)) {
    for (let k = 0; k < list.length; k++) {
      const s = list[k]!;
      if (c.pieces[s] === 1) owner[s] = nearestOwner(list, k, c, sameTrace);
    }
  }
  return owner;
}

/** The entry a piece (list[k]) goes with: the nearest of the same trace, else the nearest with no trace. */
function nearestOwner(list: readonly number[], k: number, c: PieceColumns, sameTrace: (piece: number, other: number) => boolean): number {
  const s = list[k]!;
  const t = c.times[s]!;
  // [0]: of the same trace; [1]: with no trace of its own. Nearest first; at one distance, the one read first.
  const best = [-1, -1];
  const gaps = [Infinity, Infinity];
  for (const step of [-1, 1]) {
    for (let j = k + step, seen = 0; j >= 0 && j < list.length && seen < MAX_SCAN; j += step, seen++) {
      const o = list[j]!;
      const gap = Math.abs(c.times[o]! - t);
      if (gap > PIECE_MS) break;
      if (c.pieces[o] === 1 || c.barred[o] === 1) continue;
      const tier = sameTrace(s, o) ? 0 : c.stacks[o] === 1 ? -1 : 1;
      if (tier < 0) continue;
      if (gap < gaps[tier]! || (gap === gaps[tier] && o < best[tier]!)) [best[tier], gaps[tier]] = [o, gap];
    }
  }
  return best[0]! >= 0 ? best[0]! : best[1]!;
}
