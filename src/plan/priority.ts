// Priority: a default from severity (a platform crash at least P1), one step up when a window's count
// crosses the configured threshold, held by hysteresis once the gardener escalated, and a config
// rule's priority as final. Urgency orders problems of the same priority: what broke before what
// was merely frequent.
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

/**
 * How urgent a problem is within its priority, 0 first: EMERGENCY, ALERT, CRITICAL and platform
 * crashes (an instance died or never served), then ERROR, then WARNING, then NOTICE and the rest.
 * Count escalation changes the priority, never this: 80 warnings at P1 stay behind an error at P1.
 */
export function urgencyTier(severity: Severity, crash: boolean): number {
  if (crash) return 0;
  switch (severity) {
    case 'EMERGENCY':
    case 'ALERT':
    case 'CRITICAL':
      return 0;
    case 'ERROR':
      return 1;
    case 'WARNING':
      return 2;
    case 'NOTICE':
      return 3;
    default:
      return 4;
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
  /** What crashed, when the cluster is a platform crash (see platform-crash.ts). */
  crash?: string | null;
  /** The priority the gardener set earlier, when it is still the gardener's (not a person's). */
  previous?: Priority;
  thresholds: Settings['thresholds'];
}

/** The priority before any count: the severity's, and at least P1 for a platform crash. */
function defaultPriority(severity: Severity, crash: string | null | undefined): { priority: Priority; note: string } {
  const bySeverity = severityPriority(severity);
  if (!crash) return { priority: bySeverity, note: `default for ${severity}` };
  // An instance that died or never served is at least an error, whatever severity its line carries.
  if (isMoreUrgent('P1', bySeverity)) return { priority: 'P1', note: `platform crash (${crash}): at least P1, though logged as ${severity}` };
  return { priority: bySeverity, note: `platform crash (${crash}), default for ${severity}` };
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
  const { priority: base, note: defaultNote } = defaultPriority(severity, input.crash);
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
