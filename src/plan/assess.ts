// What a cluster is, before GitHub: its priority verdict, component, short name, and whether it
// matters (noise stays in the worklog).
import type { Rule, Settings } from '../config/schema.js';
import { shortNameFor } from '../render/index.js';
import type { Cluster, Priority } from '../shared/types.js';
import { platformCrash } from './platform-crash.js';
import { assessPriority, type PriorityVerdict } from './priority.js';
import { findRule } from './rules.js';

export interface Assessment {
  rule?: Rule;
  verdict: PriorityVerdict;
  /** What crashed, when Cloud Run or the runtime says an instance died or never served. */
  crash: string | null;
  component?: string;
  shortName: string;
  ignored: boolean;
  /** Worth an issue: not ignored and at least the minimum count for its priority. */
  matters: boolean;
  /** Why it matters or not, in words. */
  why: string;
}

export function assessCluster(cluster: Cluster, settings: Settings, previous?: Priority): Assessment {
  const rule = findRule(settings.rules, cluster);
  const crash = platformCrash(cluster);
  const verdict = assessPriority({
    severity: cluster.severity,
    count: cluster.count,
    rulePriority: rule?.priority,
    crash,
    previous,
    thresholds: settings.thresholds,
  });
  const shortName = rule?.shortName ?? shortNameFor(cluster);
  const base = { rule, verdict, crash, component: rule?.component, shortName };
  if (rule?.ignore) {
    return { ...base, ignored: true, matters: false, why: `noise: ignored by the configuration rule /${rule.match}/` };
  }
  const min = settings.thresholds.minCount[verdict.priority];
  if (cluster.count < min) {
    return { ...base, ignored: false, matters: false, why: `noise: ${cluster.count} occurrences < ${min}, the minimum for ${verdict.priority}` };
  }
  return { ...base, ignored: false, matters: true, why: `${cluster.count} occurrences ≥ ${min}, the minimum for ${verdict.priority}` };
}
