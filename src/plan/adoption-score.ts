// How strongly an issue a person filed is about a cluster: its error text quoted in the issue, or
// most of the cluster's distinctive words present. Used to adopt rather than duplicate.
import { constantFragments, distinctiveWords, splitWords } from '../render/template-text.js';
import type { Cluster, TrackedIssue } from '../shared/types.js';

/** At or above this, the issue is the cluster's: adopt it. */
export const ADOPTION_THRESHOLD = 0.7;

function normalize(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ');
}

/** Pieces of constant text a person would paste: fragments and their clauses. */
function quotable(template: string): string[] {
  const out = new Set<string>();
  for (const f of constantFragments(template)) {
    out.add(f);
    for (const clause of f.split(/[:;()[\]{}]/)) if (clause.trim().length >= 12) out.add(clause.trim());
  }
  return [...out];
}

export function adoptionScore(cluster: Pick<Cluster, 'template' | 'exceptionType'>, issue: Pick<TrackedIssue, 'title' | 'body'>): number {
  const text = normalize(`${issue.title}\n${issue.body}`);
  let quoted = 0;
  for (const piece of quotable(cluster.template)) {
    const p = normalize(piece);
    if (p.length < 12 || !text.includes(p)) continue;
    quoted = Math.max(quoted, p.length >= 30 ? 1 : p.length >= 20 ? 0.85 : 0.6);
  }
  const words = distinctiveWords(cluster.template, cluster.exceptionType);
  let covered = 0;
  if (words.size > 0) {
    const present = new Set(splitWords(`${issue.title}\n${issue.body}`));
    let hits = 0;
    for (const w of words) if (present.has(w)) hits++;
    // Two words in common say little: scale the coverage down until there are four to compare.
    covered = (hits / words.size) * Math.min(1, words.size / 4);
  }
  const typeBonus = cluster.exceptionType && text.includes(cluster.exceptionType.toLowerCase()) ? 0.1 : 0;
  return Math.min(1, Math.max(quoted, covered) + typeBonus);
}
