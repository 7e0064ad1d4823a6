// Priority: a default from severity, one step up when a window's count crosses the configured
// threshold, held by hysteresis once the gardener escalated, and a config rule's priority as final.
import type { Settings } from '../config/schema.js';
import { PRIORITIES, type Priority, type Severity } from '../shared/types.js';

export function severityPriority(severity: Severity): Priority {
  switch (severity) {
    case 'EMERGENCY':
    case 'ALERT':
    case 'CRITICAL':
      return 'P0';
    case 'ERROR':
      return 'P1';
    case 'WARNING':
      return 'P2';
    default:
      return 'P3';
  }
}

/** True when `a` is more urgent than `b` (P0 is the most urgent). */
export function isMoreUrgent(a: Priority, b: Priority): boolean {
  return PRIORITIES.indexOf(a) < PRIORITIES.indexOf(b);
}

export function mostUrgent(a: Priority, b: Priority): Priority {
  return isMoreUrgent(b, a) ? b : a;
}

function oneUp(p: Priority): Priority {
  return PRIORITIES[Math.max(0, PRIORITIES.indexOf(p) - 1)]!;
}

/** The most urgent priority label on an issue, or null. */
export function priorityLabel(labels: string[]): Priority | null {
  let best: Priority | null = null;
  for (const l of labels) {
    const p = (PRIORITIES as readonly string[]).includes(l) ? (l as Priority) : null;
    if (p && (best === null || isMoreUrgent(p, best))) best = p;
  }
  return best;
}

export interface PriorityVerdict {
  priority: Priority;
  /** Before escalation: the rule's or the severity's. */
  base: Priority;
  /** In words, for the issue and the worklog. */
  note: string;
}

export interface PriorityInput {
  severity: Severity;
  /** Occurrences in this window. */
  count: number;
  rulePriority?: Priority;
  /** The priority the gardener set earlier, when it is still the gardener's (not a person's). */
  previous?: Priority;
  thresholds: Settings['thresholds'];
}

/**
 * One step at most: thresholds are per level (P3 at 200, P2 at 50…), so chaining them would send
 * any P3 past 200 straight to P1. A rule's priority is a person's decision and is final.
 */
export function assessPriority(input: PriorityInput): PriorityVerdict {
  const { severity, count, thresholds } = input;
  if (input.rulePriority) {
    return { priority: input.rulePriority, base: input.rulePriority, note: 'set by a configuration rule' };
  }
  const base = severityPriority(severity);
  const defaultNote = `default for ${severity}`;
  if (base === 'P0') return { priority: base, base, note: defaultNote };
  const threshold = thresholds.escalate[base];
  const up = oneUp(base);
  if (count >= threshold) {
    return { priority: up, base, note: `escalated from ${base}: ${count} occurrences in the window ≥ ${threshold}` };
  }
  const hold = Math.ceil(thresholds.hysteresis * threshold);
  if (input.previous && isMoreUrgent(input.previous, base) && count >= hold) {
    return {
      priority: up,
      base,
      note: `held at ${up}: ${count} occurrences ≥ ${Math.round(thresholds.hysteresis * 100)}% of the ${threshold} that escalated it`,
    };
  }
  return { priority: base, base, note: defaultNote };
}
