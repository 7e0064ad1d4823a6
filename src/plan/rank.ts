// The one order of the sweep: what on-call should look at first. It decides who gets the per-sweep
// slots, which of two problems keeps the plainer name, and the order of the report and worklog.
import { PRIORITIES, type Priority } from '../shared/types.js';

export interface Urgency {
  id: string;
  priority: Priority;
  /** See urgencyTier: 0 for crashes and EMERGENCY/ALERT/CRITICAL, then ERROR, WARNING, the rest. */
  tier: number;
  count: number;
}

/**
 * Most urgent first: priority, then urgency within it, then count, then id (so the order never
 * depends on the order clusters arrived in). A warning that its count escalated to P1 comes after
 * every error at P1, however many more times it occurred.
 */
export function byUrgency(a: Urgency, b: Urgency): number {
  return (
    PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority) ||
    a.tier - b.tier ||
    b.count - a.count ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
