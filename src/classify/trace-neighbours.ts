// Which entries were written for one request: same instance, same trace id (Entry.trace), within a
// bounded time. The companion rule (companions.ts) reads them as it reads entries written within a few
// milliseconds of each other, for the records one request writes further apart than that.

export interface TraceNeighbours {
  /** 1 where another group's entry shares the entry's trace (same instance, within the window). */
  near: Uint8Array;
  /** The entry sharing its trace of a group that outranks the entry's, nearest in time (-1: none). */
  best: Int32Array;
}

/**
 * For each entry (`group[s]` its group, `writers[s]` its instance, -1: none, `traces[s]` its request's
 * trace, 0: none): whether an entry of another group was written for the same request by the same
 * instance within `withinMs`, and of those the nearest in time of a group that `outranks` its own. A
 * trace id with more than `maxRecords` entries, or whose entries on one instance span longer than `withinMs`,
 * is no request's and joins nothing.
 */
export function traceNeighbours(
  group: ArrayLike<number>, times: ArrayLike<number>, writers: ArrayLike<number>, traces: ArrayLike<number>,
  outranks: (a: number, b: number) => boolean, withinMs: number, maxRecords: number,
): TraceNeighbours {
  const n = group.length;
  const near = new Uint8Array(n);
  const best = new Int32Array(n).fill(-1);
  // The entries that carry a trace, sorted by instance, trace and time: each request's entries in a run.
  let count = 0;
  for (let s = 0; s < n; s++) if ((traces[s] ?? 0) !== 0 && writers[s]! >= 0) count++;
  if (count < 2) return { near, best };
  const order = new Int32Array(count);
  for (let s = 0, k = 0; s < n; s++) if ((traces[s] ?? 0) !== 0 && writers[s]! >= 0) order[k++] = s;
  order.sort((a, b) => writers[a]! - writers[b]! || traces[a]! - traces[b]! || times[a]! - times[b]! || a - b);
  for (let start = 0; start < count;) {
    let end = start + 1;
    const [w, t] = [writers[order[start]!]!, traces[order[start]!]!];
    while (end < count && writers[order[end]!] === w && traces[order[end]!] === t) end++;
    // A request lasts less than the window: an id whose entries on one instance span longer is a
    // process's or a stream's (a fixed id stamped on everything, a connection held for hours), and its
    // records are many failures, not one.
    const span = times[order[end - 1]!]! - times[order[start]!]!;
    if (end - start > 1 && end - start <= maxRecords && span <= withinMs) {
      for (let i = start; i < end; i++) {
        const s = order[i]!;
        let bestGap = Infinity;
        for (let j = start; j < end; j++) {
          const o = order[j]!;
          const gap = Math.abs(times[o]! - times[s]!);
          if (group[o] === group[s] || gap > withinMs) continue;
          near[s] = 1;
          // Nearest first; at one distance, the one read first.
          if (outranks(group[o]!, group[s]!) && (gap < bestGap || (gap === bestGap && o < best[s]!))) [best[s], bestGap] = [o, gap];
        }
      }
    }
    start = end;
  }
  return { near, best };
}
