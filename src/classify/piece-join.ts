// Pieces of records whose other part was not read (continuation lines with no head, a traceback cut
// before its exception line) go with the cluster whose records hold them. Without this, each piece is
// a cluster of its own: `errno: -111,` or `at TCPConnectWrap.afterConnect …` next to the whole
// `connect ECONNREFUSED` record they came from, each a candidate issue that names nothing.
import { informativeLines, looseKey } from './record-lines.js';
import { sameBarValues } from './message-line-values.js';

export interface PieceGroup {
  id: string;
  /** Every entry of the group is a piece. */
  piece: boolean;
  count: number;
  services: ReadonlySet<string>;
  /** The group's record lines (see record-lines.ts). */
  lines: ReadonlySet<string>;
  /** Of a piece's lines, those that ended a piece: a write cut short may have cut them mid-line. */
  cutLines?: ReadonlySet<string>;
}

/** A group may hold a piece of one of the piece's services; a piece of none, only a group of none. */
export function ofPieceServices(pieceServices: ReadonlySet<string>, groupServices: ReadonlySet<string>): boolean {
  if (pieceServices.size === 0) return groupServices.size === 0;
  for (const s of pieceServices) if (groupServices.has(s)) return true;
  return false;
}

/** A line cut mid-way is the start of a whole one. */
function startsALine(lines: ReadonlySet<string>, start: string): boolean {
  for (const line of lines) if (line.startsWith(start)) return true;
  return false;
}

/** One of the lines is the line bar the values it names (message-line-values.ts). */
function holdsBarValues(lines: ReadonlySet<string>, line: string): boolean {
  const key = looseKey(line);
  for (const l of lines) if (sameBarValues(looseKey(l), key)) return true;
  return false;
}

/**
 * The whole group a piece joins, read from `whole` (groups of whole records): the one group of one of
 * the piece's services that holds every informative line of it; the last line of a piece may be the
 * start of a line (a write cut short). When several groups hold it (`Traceback (most recent call
 * last):` and a framework's frame, nothing of the error), it could be a piece of any: none, rather than
 * add to the wrong count. A piece with no informative line (`}`, a bare request tag) has none either.
 * The index is built once; each look-up costs the groups holding one of the piece's lines. `alsoAs`: a
 * other readings of a whole group's line that a piece's line may hold instead.
 */
export function pieceIndex(whole: readonly PieceGroup[], alsoAs?: (line: string) => readonly string[], barValues = false): (piece: PieceGroup) => string | null {
  const holders = pieceHolders(whole, alsoAs, barValues);
  return (p) => {
    const found = holders(p, 2);
    return found.length === 1 ? (found[0] as PieceGroup).id : null;
  };
}

/**
 * Every whole group (of `whole`) of one of the piece's services that holds every informative line of
 * it, the piece's cut lines (`cutLines`) perhaps only as the start of one; at most `limit`, in the
 * order of `whole`. None for a piece with no informative line. See pieceIndex. `barValues`: the piece's
 * first line may be held as a line that differs from it only in the values it names
 * (message-line-values.ts), when at least two more lines of the piece are held as they are.
 */
export function pieceHolders(whole: readonly PieceGroup[], alsoAs?: (line: string) => readonly string[], barValues = false): (piece: PieceGroup, limit: number) => PieceGroup[] {
  const groups = whole.filter((g) => !g.piece && g.lines.size > 0);
  // The whole groups holding each line: a piece with a line that must be held whole looks only at those.
  const holding = new Map<string, PieceGroup[]>();
  const loose = new Map<PieceGroup, Set<string>>();
  const hold = (g: PieceGroup, keys: Set<string>, key: string): void => {
    keys.add(key);
    const list = holding.get(key);
    if (list === undefined) holding.set(key, [g]);
    else if (list[list.length - 1] !== g) list.push(g);
  };
  for (const g of groups) {
    const keys = new Set<string>();
    for (const line of g.lines) {
      hold(g, keys, looseKey(line));
      for (const other of alsoAs?.(line) ?? []) hold(g, keys, looseKey(other));
    }
    loose.set(g, keys);
  }
  return (p, limit) => {
    const found: PieceGroup[] = [];
    const lines = informativeLines([...p.lines]);
    if (lines.length === 0) return found;
    // The line read bar its values is the piece's first, a message that names them; the rest vouch for it.
    let first: string | undefined;
    if (barValues) {
      first = p.lines.values().next().value;
      if (first !== lines[0] || lines.length < 3) return found;
    }
    const mustHold = lines.find((l) => l !== first && p.cutLines?.has(l) !== true);
    const candidates = mustHold === undefined ? groups : (holding.get(looseKey(mustHold)) ?? []);
    for (const g of candidates) {
      if (!ofPieceServices(p.services, g.services)) continue;
      const held = loose.get(g)!;
      if (!lines.every((l) => held.has(looseKey(l)) || (p.cutLines?.has(l) === true && startsALine(g.lines, l)) ||
        (l === first && holdsBarValues(g.lines, l)))) continue;
      found.push(g);
      if (found.length >= limit) break;
    }
    return found;
  };
}

/**
 * piece group id -> the id of the group it joins (pieceIndex over the groups of whole records). `alsoAs`:
 * other readings of the whole groups' lines, asked only for a piece their lines as they are place nowhere
 * (a second reading must not make a placed piece ambiguous).
 */
export function joinPieces(groups: readonly PieceGroup[], alsoAs?: (line: string) => readonly string[]): Map<string, string> {
  const find = pieceIndex(groups);
  let findAs: ((piece: PieceGroup) => string | null) | undefined;
  let findBarValues: ((piece: PieceGroup) => string | null) | undefined;
  const out = new Map<string, string>();
  for (const p of groups) {
    if (!p.piece) continue;
    let to = find(p);
    if (to === null && alsoAs !== undefined) {
      findAs ??= pieceIndex(groups, alsoAs);
      to = findAs(p);
    }
    // Last, a piece whose first line names values no kept record's does (a tenant's slug, a redacted id).
    if (to === null) {
      findBarValues ??= pieceIndex(groups, undefined, true);
      to = findBarValues(p);
    }
    if (to !== null) out.set(p.id, to);
  }
  return out;
}

/**
 * Whether `holder`'s records hold at least half of the informative lines of `piece`'s (both groups as
 * the piece look-ups read them): a trace of the same shape, which a piece of it written beside it
 * belongs to (piece-owners.ts). Half, as a piece group mixes pieces of several errors that share a frame.
 */
export function holdsMostOf(holder: PieceGroup, piece: PieceGroup): boolean {
  const lines = informativeLines([...piece.lines]);
  if (lines.length === 0 || holder.lines.size === 0) return false;
  const held = new Set([...holder.lines].map(looseKey));
  const n = lines.filter((l) => held.has(looseKey(l))).length;
  return 2 * n >= lines.length;
}
