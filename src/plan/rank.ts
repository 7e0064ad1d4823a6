// The one order of the sweep: what on-call should look at first. It decides who gets the per-sweep
// slots, which of two problems keeps the plainer name, and the order of the report and worklog.
//
// Whoever can reach a service chooses the words of its log lines and how often they are written: an
// attacker can fill a window with dozens of distinct lines, each thousands of times. Neither words nor
// count may buy a slot, so the order rests on what an outsider cannot forge, and count comes last:
// the priority a person (a rule) or the service (the severity it logged, a platform crash) gave, then
// severity, then what the service's own code and the platform vouch for (a stack through the
// service's frames, a 5xx it answered), then how many revisions showed it (an outsider cannot deploy).
import type { Cluster, Priority } from '../shared/types.js';
import { PRIORITIES } from '../shared/types.js';
import type { Assessment } from './assess.js';
import { severityPriority, urgencyTier } from './priority.js';

/** What backs a problem, most trusted first (see evidenceOf). */
const EVIDENCE = ['own-failure', 'words-only', 'client-error'] as const;
type Evidence = (typeof EVIDENCE)[number];

export interface Urgency {
  id: string;
  /**
   * The priority before any count: a configuration rule's, or the severity's (a platform crash at
   * least P1). Count escalation still labels the issue, but never moves it ahead of another problem.
   */
  standing: Priority;
  /** See urgencyTier: 0 for crashes and EMERGENCY/ALERT/CRITICAL, then ERROR, WARNING, the rest. */
  tier: number;
  evidence: Evidence;
  /** Distinct Cloud Run revisions that logged it in the window. */
  revisions: number;
  count: number;
}

/** The signals of one problem, from its cluster and its assessment (rule, priority verdict, crash). */
export function urgencyOf(cluster: Cluster, assessment: Pick<Assessment, 'rule' | 'verdict' | 'crash'>): Urgency {
  const evidence = evidenceOf(cluster);
  let standing = assessment.verdict.base;
  let tier = urgencyTier(cluster.severity, assessment.crash !== null);
  // A status the client chose (a path that does not exist, a login it failed) is the client's doing,
  // whatever severity the service logged it at or whatever words its path holds: at most a warning,
  // so it never outranks a 5xx or an error with a stack. A rule is a person's decision and stays.
  if (evidence === 'client-error' && !assessment.rule?.priority) {
    standing = lessUrgent(standing, severityPriority('WARNING'));
    tier = Math.max(tier, urgencyTier('WARNING', false));
  }
  return { id: cluster.id, standing, tier, evidence, revisions: new Set(cluster.revisions.map((r) => r.name)).size, count: cluster.count };
}

/**
 * Most urgent first: standing priority, then tier, then evidence, then revisions, then count, then id
 * (so the order never depends on the order clusters arrived in). A warning that its count escalated
 * to P1 comes after every error at P1; forty attacker-worded errors written thousands of times each
 * come after one error whose stack runs through the service's own code.
 */
export function byUrgency(a: Urgency, b: Urgency): number {
  return (
    PRIORITIES.indexOf(a.standing) - PRIORITIES.indexOf(b.standing) ||
    a.tier - b.tier ||
    EVIDENCE.indexOf(a.evidence) - EVIDENCE.indexOf(b.evidence) ||
    b.revisions - a.revisions ||
    b.count - a.count ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * own-failure: a stack through the service's own frames, or a request the service answered 5xx;
 * client-error: a request answered 4xx; words-only: a line of text, which anyone who reaches the
 * service may have worded.
 */
function evidenceOf(cluster: Cluster): Evidence {
  if (cluster.kind === 'stack' && (cluster.frames?.length ?? 0) > 0) return 'own-failure';
  if (cluster.kind === 'request') {
    const status = requestStatus(cluster.template);
    if (status !== null && status >= 500) return 'own-failure';
    if (status !== null && status >= 400) return 'client-error';
  }
  return 'words-only';
}

/** A request cluster's template is `METHOD ROUTE STATUS` (classify/request-signature.ts). */
function requestStatus(template: string): number | null {
  const m = / (\d{3})$/.exec(template);
  return m ? Number(m[1]) : null;
}

function lessUrgent(a: Priority, b: Priority): Priority {
  return PRIORITIES.indexOf(a) > PRIORITIES.indexOf(b) ? a : b;
}
