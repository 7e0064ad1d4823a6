// Template mining in the spirit of Drain (He et al., ICWS 2017): messages of the same token count
// are compared position by position with the templates seen so far; a close enough match joins
// the template and turns the positions that differ into wildcards. Templates only ever
// generalise, so a template index handed out once stays valid.
import { isMask, WILDCARD } from '../normalize/mask.js';

export interface MinerOptions {
  /** Share of positions that must agree for a message to join a template. */
  similarity: number;
  /** How many templates of the same length a message is compared with when its route misses. */
  maxScan: number;
}

export const DEFAULT_MINER_OPTIONS: MinerOptions = { similarity: 0.6, maxScan: 500 };

interface LengthGroup {
  all: number[];
  /** First token -> templates that messages starting with it joined (a learned shortcut). */
  routes: Map<string, number[]>;
}

function routeKey(tokens: readonly string[]): string {
  const first = tokens[0];
  if (first === undefined) return '';
  return isMask(first) ? WILDCARD : first;
}

/** Two different tokens as one: `rhost=<IP>` and `rhost=<HOST>` keep their key, `rhost=<*>`. */
export function generalise(a: string, b: string): string {
  if (a === b) return a;
  const eq = a.indexOf('=');
  if (eq > 0 && b.length > eq && b.slice(0, eq + 1) === a.slice(0, eq + 1)) return a.slice(0, eq + 1) + WILDCARD;
  return WILDCARD;
}

export class TemplateMiner {
  private readonly groups = new Map<string, LengthGroup>();
  private readonly templates: string[][] = [];

  constructor(private readonly options: MinerOptions = DEFAULT_MINER_OPTIONS) {}

  get size(): number {
    return this.templates.length;
  }

  template(index: number): readonly string[] {
    const t = this.templates[index];
    if (t === undefined) throw new RangeError(`no template ${index}`);
    return t;
  }

  /** Adds masked tokens; returns the index of the template they joined or started. */
  add(tokens: readonly string[], namespace = ''): number {
    const key = `${namespace}\u0000${tokens.length}`;
    let group = this.groups.get(key);
    if (group === undefined) {
      group = { all: [], routes: new Map() };
      this.groups.set(key, group);
    }
    const rk = routeKey(tokens);
    let route = group.routes.get(rk);
    let best = route === undefined ? -1 : this.best(route, tokens, route.length);
    if (best < 0) {
      best = this.best(group.all, tokens, this.options.maxScan);
      if (best >= 0) {
        if (route === undefined) group.routes.set(rk, (route = []));
        route.push(best);
      }
    }
    if (best < 0) {
      best = this.templates.length;
      this.templates.push([...tokens]);
      group.all.push(best);
      if (route === undefined) group.routes.set(rk, (route = []));
      route.push(best);
      return best;
    }
    const template = this.templates[best] as string[];
    for (let i = 0; i < template.length; i++) {
      if (template[i] !== tokens[i]) template[i] = generalise(template[i] as string, tokens[i] as string);
    }
    return best;
  }

  /** The template these tokens would join, without changing it; -1 when they would start a new one. */
  match(tokens: readonly string[], namespace = ''): number {
    const group = this.groups.get(`${namespace}\u0000${tokens.length}`);
    if (group === undefined) return -1;
    const route = group.routes.get(routeKey(tokens));
    const best = route === undefined ? -1 : this.best(route, tokens, route.length);
    return best >= 0 ? best : this.best(group.all, tokens, this.options.maxScan);
  }

  private best(candidates: readonly number[], tokens: readonly string[], limit: number): number {
    let bestIndex = -1;
    let bestSim = -1;
    let bestParams = -1;
    const from = Math.max(0, candidates.length - limit);
    for (let c = candidates.length - 1; c >= from; c--) {
      const index = candidates[c] as number;
      const template = this.templates[index] as string[];
      let same = 0;
      let params = 0;
      for (let i = 0; i < template.length; i++) {
        const t = template[i];
        if (t === WILDCARD) params++;
        else if (t === tokens[i]) same++;
      }
      const sim = template.length === 0 ? 1 : same / template.length;
      if (sim > bestSim || (sim === bestSim && params > bestParams)) {
        bestSim = sim;
        bestParams = params;
        bestIndex = index;
      }
    }
    return bestSim >= this.options.similarity ? bestIndex : -1;
  }
}
