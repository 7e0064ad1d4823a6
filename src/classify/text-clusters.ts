// Free text: the miner finds templates, then each template's wildcard positions are judged by the
// words seen there. A position that only ever held a few plain words (`VM Started` / `VM Paused`,
// `data address` / `instruction address`) names different problems and splits the template; one
// that held many words, or any number or id, is a value. The words are remembered per distinct
// combination (a variant), never per entry, and a template keeps at most MAX_VARIANTS of them.
import { isMask, WILDCARD } from '../normalize/mask.js';
import { isAnchor, textClusterId } from './cluster-id.js';
import { introducesName } from './entity-nouns.js';
import { emptyStats, mergeStats, type ClusterStats } from './cluster-stats.js';
import { DEFAULT_MINER_OPTIONS, TemplateMiner, type MinerOptions } from './template-miner.js';
import { keptCodes } from '../normalize/http-status.js';

/**
 * The miner's namespace for masked tokens: the error type, and the codes masking kept (a client
 * error status, a server's error number: http-status.ts), so `Request failed with status code 401`
 * and `… 429` are never one template whose wildcard then reads the status as a value.
 */
function namespaceOf(tokens: readonly string[], errorType: string | undefined): string {
  const statuses = keptCodes(tokens);
  return statuses === '' ? errorType ?? '' : `${errorType ?? ''}\u0002${statuses}`;
}

export interface TextOptions extends MinerOptions {
  /** A wildcard position with at most this many distinct plain words splits its template. */
  splitMaxWords: number;
  /** A word filling wildcard positions of at least this many templates is a name (0: off). */
  sharedWordTemplates: number;
}

export const DEFAULT_TEXT_OPTIONS: TextOptions = { ...DEFAULT_MINER_OPTIONS, splitMaxWords: 6, sharedWordTemplates: 2 };

/** Distinct words after a noun that introduces a name that make the position a value. */
const NAMES_AFTER_NOUN = 3;

/** Variants a template keeps before positions already proven variable are folded together. */
const MAX_VARIANTS = 64;

interface Variant {
  template: number;
  words: string[];
  stats: ClusterStats;
  parent: number;
}

interface TemplateState {
  errorType: string | undefined;
  byKey: Map<string, number>;
  /** Positions proven to be values; monotone, so folding by them cannot depend on order. */
  variable: Set<number>;
}

export interface Resolved {
  id: string;
  template: string;
}

export class TextClusters {
  private readonly miner: TemplateMiner;
  private readonly variants: Variant[] = [];
  private readonly states = new Map<number, TemplateState>();
  /** sharedWords() as of the last add: locate() asks it once per stored sample. */
  private shared: Set<string> | null = null;

  constructor(private readonly options: TextOptions = DEFAULT_TEXT_OPTIONS) {
    this.miner = new TemplateMiner(options);
  }

  /** Adds masked tokens; returns a variant index whose stats the caller records into. */
  add(tokens: readonly string[], errorType?: string): number {
    this.shared = null;
    const template = this.miner.add(tokens, namespaceOf(tokens, errorType));
    let state = this.states.get(template);
    if (state === undefined) {
      state = { errorType, byKey: new Map(), variable: new Set() };
      this.states.set(template, state);
    }
    const words = tokens.map((t) => (isAnchor(t) ? t : '*'));
    let key = this.keyOf(words, state);
    let index = state.byKey.get(key);
    if (index === undefined && state.byKey.size >= MAX_VARIANTS) {
      this.fold(template, state);
      key = this.keyOf(words, state);
      index = state.byKey.get(key);
    }
    if (index === undefined) {
      index = this.variants.length;
      this.variants.push({ template, words, stats: emptyStats(), parent: index });
      state.byKey.set(key, index);
    }
    return index;
  }

  stats(index: number): ClusterStats {
    return (this.variants[this.find(index)] as Variant).stats;
  }

  find(index: number): number {
    let i = index;
    while ((this.variants[i] as Variant).parent !== i) i = (this.variants[i] as Variant).parent;
    // Path compression keeps later look-ups short.
    let j = index;
    while ((this.variants[j] as Variant).parent !== i) {
      const next = (this.variants[j] as Variant).parent;
      (this.variants[j] as Variant).parent = i;
      j = next;
    }
    return i;
  }

  /** Final id and template of every live variant (roots only). */
  resolveAll(): Map<number, Resolved> {
    const out = new Map<number, Resolved>();
    const shared = this.sharedWords();
    for (const [template, state] of this.states) {
      const tokens = this.miner.template(template);
      const variable = this.variablePositions(tokens, state, shared);
      for (const index of state.byKey.values()) {
        const words = (this.variants[index] as Variant).words;
        const refined = tokens.map((t, p) => (t === WILDCARD && !variable.has(p) ? (words[p] as string) : t));
        out.set(index, { id: textClusterId(refined, state.errorType), template: refined.join(' ') });
      }
    }
    return out;
  }

  /**
   * The id these tokens would get if they had been added, without adding them; null when they
   * match no template. Used to find the issue of a problem from samples a past release stored.
   */
  locate(tokens: readonly string[], errorType?: string): string | null {
    const template = this.miner.match(tokens, namespaceOf(tokens, errorType));
    const state = template < 0 ? undefined : this.states.get(template);
    if (state === undefined || state.errorType !== errorType) return null;
    const general = this.miner.template(template);
    const variable = this.variablePositions(general, state, this.sharedWords());
    const refined = general.map((t, p) => (t === WILDCARD && !variable.has(p) ? (isAnchor(tokens[p] as string) ? (tokens[p] as string) : '*') : t));
    return textClusterId(refined, state.errorType);
  }

  /**
   * Words that fill a wildcard position in more than one template: names of things (users,
   * queues, hosts) that many messages mention, so a position holding one is a value.
   */
  private sharedWords(): Set<string> {
    this.shared ??= this.findSharedWords();
    return this.shared;
  }

  private findSharedWords(): Set<string> {
    const seenIn = new Map<string, Set<number>>();
    const shared = new Set<string>();
    const needed = this.options.sharedWordTemplates;
    if (needed <= 0) return shared;
    for (const [template, state] of this.states) {
      const tokens = this.miner.template(template);
      for (const index of state.byKey.values()) {
        const words = (this.variants[index] as Variant).words;
        for (let p = 0; p < tokens.length; p++) {
          const w = words[p] as string;
          if (tokens[p] !== WILDCARD || w === '*') continue;
          const where = seenIn.get(w) ?? new Set<number>();
          where.add(template);
          seenIn.set(w, where);
          if (where.size >= needed) shared.add(w);
        }
      }
    }
    return shared;
  }

  private keyOf(words: readonly string[], state: TemplateState): string {
    return words.map((w, p) => (state.variable.has(p) ? '*' : w)).join('\u0001');
  }

  private variablePositions(tokens: readonly string[], state: TemplateState, shared = new Set<string>()): Set<number> {
    const variable = new Set(state.variable);
    for (let p = 0; p < tokens.length; p++) {
      if (tokens[p] !== WILDCARD || variable.has(p)) continue;
      const seen = new Set<string>();
      for (const index of state.byKey.values()) {
        const w = (this.variants[index] as Variant).words[p] as string;
        seen.add(w);
        // Three names after `tenant`, `user`…: names. Two may be a noun compound (`model config`, `model weights`).
        const named = seen.size >= NAMES_AFTER_NOUN && introducesName(tokens[p - 1]);
        if (w === '*' || isMask(w) || shared.has(w) || named || seen.size > this.options.splitMaxWords) {
          variable.add(p);
          break;
        }
      }
    }
    return variable;
  }

  private fold(template: number, state: TemplateState): void {
    const tokens = this.miner.template(template);
    for (const p of this.variablePositions(tokens, state)) state.variable.add(p);
    const byKey = new Map<string, number>();
    for (const index of state.byKey.values()) {
      const key = this.keyOf((this.variants[index] as Variant).words, state);
      const into = byKey.get(key);
      if (into === undefined) byKey.set(key, index);
      else {
        mergeStats((this.variants[into] as Variant).stats, (this.variants[index] as Variant).stats);
        (this.variants[index] as Variant).parent = into;
      }
    }
    state.byKey = byKey;
    // Past the cap with nothing left to fold: the newest words join an existing variant's key.
    if (byKey.size >= MAX_VARIANTS) {
      for (let p = 0; p < tokens.length; p++) if (tokens[p] === WILDCARD) state.variable.add(p);
      this.fold(template, state);
    }
  }
}
