// Which entries a sweep reads, in two steps. A trace that Cloud Run split into one entry per line is
// rejoined after reading, and only then does its first line's `Traceback` or `panic:` give the whole
// its severity: so the sources keep, besides what already reaches the floor, the lines that may belong
// to such a trace (mayMatter), and the floor itself is applied after rejoining (meetsSeverityFloor).
import { SEVERITIES, type RawEntry, type Severity } from '../shared/types.js';
import { entrySeverityWithSource, entryText, isRecord } from './entry-fields.js';
import { mayBelongToTrace } from './text-severity.js';

const rank = (severity: Severity): number => SEVERITIES.indexOf(severity);

/** The final check, after reassembly: the entry's severity (entrySeverity) is at or above the floor. */
export function meetsSeverityFloor(raw: RawEntry, floor: Severity): boolean {
  return rank(entrySeverityWithSource(raw).severity) >= rank(floor);
}

/**
 * The prefilter both sources apply before reassembly: the entry reaches the floor, or it has no
 * severity of its own nor a structured one (payload severity or level, request status) and its text
 * may be a line of a trace (mayBelongToTrace: a frame, `Caused by:`, a line that names an error). What it keeps is a superset of meetsSeverityFloor.
 */
export function mayMatter(raw: RawEntry, floor: Severity): boolean {
  const { severity, source } = entrySeverityWithSource(raw);
  if (rank(severity) >= rank(floor)) return true;
  if (source !== 'text' && source !== 'none') return false;
  return isRecord(raw) && mayBelongToTrace(entryText(raw));
}
