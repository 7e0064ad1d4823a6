// Free text mined per service: a problem belongs to one service, so each service's messages go to a
// miner of their own (the same message from two services is two templates, and which other services
// are in the window changes nothing for a service). Within a service, the texts of each runtime they
// name (runtime-of.ts; '' for none) are mined apart too, so every variant holds one runtime's texts and
// a group can be cut by runtime after merging. Variants of all the miners are numbered in one
// sequence, as one miner numbers its own.
import type { ClusterStats } from './cluster-stats.js';
import { DEFAULT_TEXT_OPTIONS, TextClusters, type Resolved, type TextOptions } from './text-clusters.js';

interface Ref {
  service: string;
  /** The runtime the variant's texts name ('' for none). */
  runtime: string;
  /** The variant's index in its service's miner. */
  local: number;
}

export class ServiceTexts {
  private readonly spaces = new Map<string, TextClusters>();
  private readonly refs: Ref[] = [];
  private readonly numbers = new Map<string, Map<number, number>>();
  private readonly scopes = new Map<string, { service: string; runtime: string }>();

  constructor(private readonly options: TextOptions = DEFAULT_TEXT_OPTIONS) {}

  /** Adds masked tokens of a service's entry ('' for none) naming a runtime ('' for none); returns a variant number. */
  add(service: string, runtime: string, tokens: readonly string[], errorType?: string): number {
    const key = spaceKey(service, runtime);
    let space = this.spaces.get(key);
    if (space === undefined) {
      space = new TextClusters(this.options);
      this.spaces.set(key, space);
      this.numbers.set(key, new Map());
      this.scopes.set(key, { service, runtime });
    }
    return this.number(key, space.add(tokens, errorType));
  }

  stats(variant: number): ClusterStats {
    const { service, runtime, local } = this.ref(variant);
    return (this.spaces.get(spaceKey(service, runtime)) as TextClusters).stats(local);
  }

  /** The runtime a variant's texts name ('' for none). */
  runtime(variant: number): string {
    return this.ref(variant).runtime;
  }

  /** The variant this one was folded into (itself when it was not). */
  find(variant: number): number {
    const { service, runtime, local } = this.ref(variant);
    const key = spaceKey(service, runtime);
    return this.number(key, (this.spaces.get(key) as TextClusters).find(local));
  }

  /** Every live variant's service, runtime, and its id and template within that service (ids not yet scoped). */
  resolveAll(): Array<{ variant: number; service: string; runtime: string; resolved: Resolved }> {
    const out: Array<{ variant: number; service: string; runtime: string; resolved: Resolved }> = [];
    for (const [key, space] of this.spaces) {
      const { service, runtime } = this.scopes.get(key) as { service: string; runtime: string };
      for (const [local, resolved] of space.resolveAll()) out.push({ variant: this.number(key, local), service, runtime, resolved });
    }
    return out;
  }

  /** The id (not yet scoped) these tokens would get within the service and runtime; null when they match nothing. */
  locate(service: string, runtime: string, tokens: readonly string[], errorType?: string): string | null {
    return this.spaces.get(spaceKey(service, runtime))?.locate(tokens, errorType) ?? null;
  }

  /**
   * The runtimes ('' for none) whose miners of the service place these tokens, other than `runtime`'s,
   * each with the id (not yet scoped) they would get there. In order of runtime.
   */
  locateElsewhere(service: string, runtime: string, tokens: readonly string[], errorType?: string): Array<{ runtime: string; id: string }> {
    const out: Array<{ runtime: string; id: string }> = [];
    for (const [key, space] of this.spaces) {
      const scope = this.scopes.get(key) as { service: string; runtime: string };
      if (scope.service !== service || scope.runtime === runtime) continue;
      const id = space.locate(tokens, errorType);
      if (id !== null) out.push({ runtime: scope.runtime, id });
    }
    return out.sort((a, b) => (a.runtime < b.runtime ? -1 : a.runtime > b.runtime ? 1 : 0));
  }

  private ref(variant: number): Ref {
    const ref = this.refs[variant];
    if (ref === undefined) throw new RangeError(`unknown text variant ${variant}`);
    return ref;
  }

  private number(key: string, local: number): number {
    const numbers = this.numbers.get(key) as Map<number, number>;
    let n = numbers.get(local);
    if (n === undefined) {
      n = this.refs.length;
      this.refs.push({ ...(this.scopes.get(key) as { service: string; runtime: string }), local });
      numbers.set(local, n);
    }
    return n;
  }
}

/** A miner's key: the service alone for texts naming no runtime, so those mine as they always did. */
function spaceKey(service: string, runtime: string): string {
  return runtime === '' ? service : `${service}\u0000${runtime}`;
}
