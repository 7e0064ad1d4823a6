// The owners of pieces (piece-owners.ts) and of access records (request-owners.ts) are found on each
// instance's own timeline: what one instance wrote, in the order it wrote it. Indexed by sighting (the
// ledger's entry numbers); writers < 0 have no instance to tell and are on no timeline.

/**
 * Each writer's sightings in time order (ties in sighting order), for the writers that wrote at least
 * one sighting with `marks[s] === 1`; none when no sighting is marked.
 */
export function markedTimelines(writers: ArrayLike<number>, times: ArrayLike<number>, marks: ArrayLike<number>): number[][] {
  const byWriter = new Map<number, number[]>();
  let any = false;
  for (let s = 0; s < marks.length; s++) {
    const w = writers[s]!;
    if (w < 0) continue;
    any ||= marks[s] === 1;
    const list = byWriter.get(w);
    if (list === undefined) byWriter.set(w, [s]);
    else list.push(s);
  }
  if (!any) return [];
  const out: number[][] = [];
  for (const list of byWriter.values()) {
    if (!list.some((s) => marks[s] === 1)) continue;
    list.sort((a, b) => times[a]! - times[b]! || a - b);
    out.push(list);
  }
  return out;
}
