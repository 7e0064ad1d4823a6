// Config rules: the first whose pattern fits the template or the first sample refines the problem.
// Patterns run on a linear-time engine (see shared/rule-pattern.ts): a hostile pattern or line cannot stall a sweep.
import type { Rule } from '../config/schema.js';
import { compileRulePattern, type RulePattern } from '../shared/rule-pattern.js';
import type { Cluster } from '../shared/types.js';

/** Rules read at most this much text: enough to identify a problem, bounded for any pattern. */
const MAX_RULE_TEXT = 8192;

// The same few rules are tried on every cluster: each pattern is compiled once.
const compiled = new Map<string, RulePattern | null>();

function patternFor(source: string): RulePattern | null {
  let pattern = compiled.get(source);
  if (pattern === undefined) {
    try {
      pattern = compileRulePattern(source);
    } catch {
      pattern = null; // the settings loader rejects bad patterns; a stray one must not stop the plan
    }
    if (compiled.size > 1000) compiled.clear();
    compiled.set(source, pattern);
  }
  return pattern;
}

export function findRule(rules: readonly Rule[], cluster: Pick<Cluster, 'template' | 'samples'>): Rule | undefined {
  const texts = [cluster.template, cluster.samples[0] ?? ''].map((t) => t.slice(0, MAX_RULE_TEXT));
  for (const rule of rules) {
    const pattern = patternFor(rule.match);
    if (pattern !== null && texts.some((t) => pattern.test(t))) return rule;
  }
  return undefined;
}
