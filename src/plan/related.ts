// Related problems: the same message (a problem belongs to one service, so the same message from
// another service is another problem, and its team wants to see both), the same component, the same
// exception type, or distinctive words in common.
// A link is written once, from one side (GitHub shows the other side as a mention by itself).
import { distinctiveWords } from '../render/template-text.js';
import type { RelatedLink } from '../render/index.js';

export interface RelatedNode {
  /** Issue number; absent for an issue this sweep will file. */
  number?: number;
  component?: string;
  exceptionType?: string;
  template: string;
  /** Issues this one already links to. */
  linked: number[];
}

/** Links from one issue to many are noise past a handful. */
const MAX_LINKS = 5;
const MIN_SHARED_WORDS = 2;

export class RelatedIndex {
  private readonly words: Map<RelatedNode, Set<string>>;
  private readonly docFreq = new Map<string, number>();

  constructor(private readonly nodes: RelatedNode[]) {
    this.words = new Map(nodes.map((n) => [n, distinctiveWords(n.template, n.exceptionType)]));
    for (const set of this.words.values()) for (const w of set) this.docFreq.set(w, (this.docFreq.get(w) ?? 0) + 1);
  }

  /** New links for `node`: related issues not yet linked either way, strongest first. */
  linksFor(node: RelatedNode): RelatedLink[] {
    const mine = this.words.get(node) ?? distinctiveWords(node.template, node.exceptionType);
    // A word most problems share (the service's name, say) relates nothing.
    const common = Math.max(2, Math.floor(this.nodes.length * 0.3));
    const scored: Array<RelatedLink & { strength: number }> = [];
    for (const other of this.nodes) {
      if (other === node || other.number === undefined || other.number === node.number) continue;
      if (node.linked.includes(other.number)) continue;
      if (node.number !== undefined && other.linked.includes(node.number)) continue;
      const reasons: string[] = [];
      let strength = 0;
      if (node.template === other.template) {
        reasons.push('same message');
        strength += 4;
      }
      if (node.component && node.component === other.component) {
        reasons.push(`same component ${node.component}`);
        strength += 3;
      }
      if (node.exceptionType && node.exceptionType === other.exceptionType) {
        reasons.push(`same exception ${node.exceptionType}`);
        strength += 2;
      }
      const shared = [...mine].filter((w) => this.words.get(other)?.has(w) && (this.docFreq.get(w) ?? 0) <= common);
      if (shared.length >= MIN_SHARED_WORDS) {
        reasons.push(`shares ${shared.slice(0, 4).join(', ')}`);
        strength += shared.length / 4;
      }
      if (reasons.length > 0) scored.push({ number: other.number, why: reasons.join('; '), strength });
    }
    scored.sort((a, b) => b.strength - a.strength || a.number - b.number);
    return scored.slice(0, MAX_LINKS).map(({ number, why }) => ({ number, why }));
  }
}
