// Config rules: the first whose pattern fits the template or the first sample refines the problem.
import type { Rule } from '../config/schema.js';
import type { Cluster } from '../shared/types.js';

/** Rules read at most this much text: enough to identify a problem, bounded for any pattern. */
const MAX_RULE_TEXT = 8192;

export function findRule(rules: readonly Rule[], cluster: Pick<Cluster, 'template' | 'samples'>): Rule | undefined {
  const texts = [cluster.template, cluster.samples[0] ?? ''].map((t) => t.slice(0, MAX_RULE_TEXT));
  for (const rule of rules) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(rule.match, 'i');
    } catch {
      continue; // the settings loader rejects bad patterns; a stray one must not stop the plan
    }
    if (texts.some((t) => pattern.test(t))) return rule;
  }
  return undefined;
}
