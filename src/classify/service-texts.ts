// Free text mined per service: a problem belongs to one service, so each service's messages go to a
// miner of their own (the same message from two services is two templates, and which other services
// are in the window changes nothing for a service). Variants of all the miners are numbered in one
// sequence, as one miner numbers its own.
import type { ClusterStats } from './cluster-stats.js';
import { DEFAULT_TEXT_OPTIONS, TextClusters, type Resolved, type TextOptions } from './text-clusters.js';

interface Ref {
  service: string;
  /** The variant's index in its service's miner. */
  local: number;
}

export class ServiceTexts {
  private readonly spaces = new Map<string, TextClusters>();
  private readonly refs: Ref[] = [];
  private readonly numbers = new Map<string, Map<number, number>>();

  constructor(private readonly options: TextOptions = DEFAULT_TEXT_OPTIONS) {}

  /** Adds masked tokens of a service's entry ('' for none); returns a variant number. */
  add(service: string, tokens: readonly string[], errorType?: string): number {
    let space = this.spaces.get(service);
    if (space === undefined) {
      space = new TextClusters(this.options);
      this.spaces.set(service, space);
      this.numbers.set(service, new Map());
    }
    return this.number(service, space.add(tokens, errorType));
  }

  stats(variant: number): ClusterStats {
    const { service, local } = this.ref(variant);
    return (this.spaces.get(service) as TextClusters).stats(local);
  }

  /** The variant this one was folded into (itself when it was not). */
  find(variant: number): number {
    const { service, local } = this.ref(variant);
    return this.number(service, (this.spaces.get(service) as TextClusters).find(local));
  }

  /** Every live variant's service and its id and template within that service (ids not yet scoped). */
  resolveAll(): Array<{ variant: number; service: string; resolved: Resolved }> {
    const out: Array<{ variant: number; service: string; resolved: Resolved }> = [];
    for (const [service, space] of this.spaces) {
      for (const [local, resolved] of space.resolveAll()) out.push({ variant: this.number(service, local), service, resolved });
    }
    return out;
  }

  /** The id (not yet scoped) these tokens would get within the service; null when they match nothing. */
  locate(service: string, tokens: readonly string[], errorType?: string): string | null {
    return this.spaces.get(service)?.locate(tokens, errorType) ?? null;
  }

  private ref(variant: number): Ref {
    const ref = this.refs[variant];
    if (ref === undefined) throw new RangeError(`unknown text variant ${variant}`);
    return ref;
  }

  private number(service: string, local: number): number {
    const numbers = this.numbers.get(service) as Map<number, number>;
    let n = numbers.get(local);
    if (n === undefined) {
      n = this.refs.length;
      this.refs.push({ service, local });
      numbers.set(local, n);
    }
    return n;
  }
}
