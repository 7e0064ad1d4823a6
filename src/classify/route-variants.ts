// Route segments that are values without looking like one (product slugs `blue-denim-jacket`,
// letter-only ids) show themselves by number: among routes of one method and status that agree
// everywhere else (on one service), a position holding many different words, or words beside an id, is a value.
// Judged on the final set of distinct routes, so the answer does not depend on arrival order.
import { isMask, WILDCARD } from '../normalize/mask.js';

export interface RouteKey {
  /** The service that answered: two services' routes are two APIs, never variants of one. */
  service?: string;
  method: string;
  status: number;
  /** The route template, `/a/<NUM>/b`. */
  route: string;
}

/** More distinct words than this at one position (the rest equal) make it a value. */
export const ROUTE_SPLIT_MAX_WORDS = 6;

/** The route of each input with value positions as `<*>`; the same index order as the input. */
export function generaliseRoutes(keys: readonly RouteKey[], maxWords = ROUTE_SPLIT_MAX_WORDS): string[] {
  const out = keys.map((k) => k.route);
  const groups = new Map<string, number[]>();
  keys.forEach((k, i) => {
    const segments = k.route.split('/').length;
    const g = `${k.service ?? ''}\u0000${k.method} ${k.status} ${segments}`;
    const list = groups.get(g);
    if (list) list.push(i);
    else groups.set(g, [i]);
  });
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const segs = members.map((i) => (keys[i] as RouteKey).route.split('/'));
    generaliseGroup(segs, maxWords);
    members.forEach((i, m) => (out[i] = (segs[m] as string[]).join('/')));
  }
  return out;
}

const SLUG = /^[a-z0-9]{1,40}(?:-[a-z0-9]{1,40}){1,12}$/;

/** Two may be two reports (`/reports/monthly-summary`, `/reports/ar-aging`); three are items. */
const MIN_SLUGS = 3;

/**
 * `/posts/my-first-post`, `/products/blue-denim-jacket`: three or more hyphenated words under a
 * plural collection name are items of that collection, however few a window shows.
 */
function slugs(words: ReadonlySet<string>, parent: string | undefined): boolean {
  if (words.size < MIN_SLUGS || parent === undefined || !/^[a-z]{3,30}s$/.test(parent)) return false;
  for (const w of words) if (!SLUG.test(w)) return false;
  return true;
}

/** Turns value positions into wildcards in place, until nothing changes (a unique fixpoint: it only generalises). */
function generaliseGroup(segs: string[][], maxWords: number): void {
  const width = (segs[0] as string[]).length;
  for (let changed = true; changed; ) {
    changed = false;
    for (let p = 1; p < width; p++) {
      const siblings = new Map<string, number[]>();
      segs.forEach((s, r) => {
        const key = s.map((v, q) => (q === p ? '' : v)).join('/');
        const list = siblings.get(key);
        if (list) list.push(r);
        else siblings.set(key, [r]);
      });
      for (const rows of siblings.values()) {
        const words = new Set<string>();
        let masks = 0;
        for (const r of rows) {
          const v = (segs[r] as string[])[p] as string;
          if (isMask(v)) masks++;
          else words.add(v);
        }
        if (words.size === 0 || !(words.size > maxWords || (masks > 0 && words.size >= 2) || slugs(words, (segs[rows[0] as number] as string[])[p - 1]))) continue;
        for (const r of rows) (segs[r] as string[])[p] = WILDCARD;
        changed = true;
      }
    }
  }
}
