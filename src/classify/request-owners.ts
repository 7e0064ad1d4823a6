// Which failure a request's access record goes with when its instance had more than one pending. The
// companion rule (companions.ts) sends an access record to the error written nearest before it, within
// a few milliseconds; but a request's records are spread over its latency, and when two requests fail
// at once on one instance the nearest error is as often the other request's (uWSGI's `POST
// /forms/7/submit … (HTTP/1.1 500)` written 2 ms after `Exception on /login [POST]`'s traceback).
//
// What tells them apart is what each record names (normalize/served-request.ts): the request's path, in
// the failure's report and in the access record alike, or the request's trace id. So an access record
// goes with the nearest failure (an entry of a group that outranks its own) that names its request,
// written on the same instance within NAMED_MS before it (within the request's span, when its record
// says how long the request took: a failure written before the request began is another's); never
// with one that names another request; and, when its record says how long the request took, with the
// failure written during the request when every failure written then that names nothing is of one
// group. Else the companion rule's nearest stands; and where that one was written beside it (same
// instance, within BESIDE_MS) and names another request, the access record stays where the classifier
// put it.
//
// Every array is indexed by sighting (the ledger's entry numbers); writers < 0 have no instance to tell.

import { markedTimelines } from './writer-timelines.js';

/** How far before its access record a failure naming the same request may have been written. */
export const NAMED_MS = 60_000;
/** Room around a request's span for clocks and buffered writes. */
const SLACK_MS = 5;
/** Entries looked at before an access record: a busy instance costs no more. */
const MAX_SCAN = 2048;
/** How near the companion rule's choice is written when it was written beside the access record (companions.ts' COMPANION_MS). */
const BESIDE_MS = 5;
/** The access record stays in its own group: the failure nearest names another request. */
export const STAY = -2;

type Numbers = ArrayLike<number>;

/** A request's path as a 32-bit number, never 0 (0: none): FNV-1a, a few bytes a record kept. */
export function requestKey(path: string | null): number {
  if (path === null) return 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 0x01000193);
  return h | 0 || 1;
}

export interface RequestColumns {
  group: Numbers;
  times: Numbers;
  writers: Numbers;
  /** 1 for an access record of a request answered 5xx. */
  accesses: Numbers;
  /** 1 for an entry that is only pieces of a trace (it names nothing: its error does). */
  pieces: Numbers;
  /** The request's path each entry names, as a number (0: none). */
  paths: Numbers;
  /** The request's trace (0: none). */
  traces: Numbers;
  /** How long (ms) an access record says its request took (< 0: it does not say). */
  tooks: Numbers;
}

/**
 * For each sighting: the entry an access record goes with by the request it names (>= 0), STAY, or -1
 * (no say: the companion rule decides). `outranks(o, s)`: whether the entry o is one s may go with;
 * `nearest[s]`: the companion rule's choice (-1: none).
 */
export function requestOwners(c: RequestColumns, outranks: (o: number, s: number) => boolean, nearest: Numbers): Int32Array {
  const owner = new Int32Array(c.group.length).fill(-1);
  for (const list of markedTimelines(c.writers, c.times, c.accesses)) {
    for (let k = 0; k < list.length; k++) {
      const s = list[k]!;
      if (c.accesses[s] === 1) owner[s] = ownerOf(list, k, c, outranks, nearest[s]!);
    }
  }
  return owner;
}

/**
 * 1: the two entries name one request; -1: two requests; 0: neither is told. Two paths tell two
 * requests; two trace ids do not: a record carries the trace of the activity current when it was
 * written, and a request's closing record is often written after its activity ended (Serilog's
 * `HTTP POST /x responded 500 in 167.4 ms` beside ASP.NET Core's `An unhandled exception has
 * occurred while executing the request.` with another TraceId, the same RequestPath and RequestId).
 * One trace id still tells one request.
 */
function sameRequest(c: RequestColumns, a: number, b: number): number {
  const [pa, pb, ta, tb] = [c.paths[a]!, c.paths[b]!, c.traces[a]!, c.traces[b]!];
  if (pa !== 0 && pb !== 0 && pa !== pb) return -1;
  return (pa !== 0 && pa === pb) || (ta !== 0 && ta === tb) ? 1 : 0;
}

function ownerOf(list: readonly number[], k: number, c: RequestColumns, outranks: (o: number, s: number) => boolean, nearest: number): number {
  const s = list[k]!;
  const t = c.times[s]!;
  const took = c.tooks[s]!;
  const span = took >= 0 ? took + SLACK_MS : -1;
  let named = -1;
  let namedGap = Infinity;
  let unnamed = -1;
  let unnamedGap = Infinity;
  const groups = new Set<number>();
  const look = (j: number): void => {
    const o = list[j]!;
    if (c.accesses[o] === 1 || c.pieces[o] === 1 || !outranks(o, s)) return;
    const gap = Math.abs(c.times[o]! - t);
    const same = sameRequest(c, s, o);
    // A failure written before the request began is another request's, whatever it names.
    if (span >= 0 && c.times[o]! < t && gap > span) return;
    if (same > 0) {
      if (gap < namedGap) [named, namedGap] = [o, gap];
    } else if (same === 0 && span >= 0) {
      groups.add(c.group[o]!);
      if (gap < unnamedGap) [unnamed, unnamedGap] = [o, gap];
    }
  };
  // Before it, back to the start of its request when it says, else NAMED_MS; after it, a few ms.
  const back = span >= 0 ? span : NAMED_MS;
  for (let j = k - 1, seen = 0; j >= 0 && seen < MAX_SCAN && t - c.times[list[j]!]! <= back; j--, seen++) look(j);
  for (let j = k + 1, seen = 0; j < list.length && seen < MAX_SCAN && c.times[list[j]!]! - t <= SLACK_MS; j++, seen++) look(j);
  if (named >= 0) return named;
  if (unnamed >= 0 && groups.size === 1) return unnamed;
  // The error written beside it (not one its group's others went with: the rule's choice for an entry
  // written beside nothing) is another request's: it is none of this one's.
  if (nearest >= 0 && c.writers[nearest] === c.writers[s] && Math.abs(c.times[nearest]! - t) <= BESIDE_MS && sameRequest(c, s, nearest) < 0) return STAY;
  return -1;
}
