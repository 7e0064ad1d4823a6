// What reassembly reads of an entry: whether it is a container's stdout/stderr text line without a
// severity, the stream it belongs to, and its time to the microsecond (a trace's lines are stamped
// microseconds apart, so milliseconds would tie them).
import { entryRevision, entryService, parseTimestamp, stripLogHeader, withoutTerminalCodes } from '../normalize/index.js';
import type { RawEntry } from '../shared/types.js';
import { NET_RECORD } from './trace-lines.js';

/**
 * Cloud Run stdout/stderr: the instance and the stream. Without an instance id (an export that
 * dropped labels) the service and revision stand in: joining across instances of a revision is rare
 * (the grammar only joins trace-shaped lines, within a second) and better than not joining at all.
 * No stdout/stderr logName: not a container's text output, never joined.
 */
export function cloudRunStream(raw: RawEntry): string | null {
  const logName = raw.logName;
  if (typeof logName !== 'string') return null;
  const encoded = logName.lastIndexOf('%2F'); // projects/p/logs/run.googleapis.com%2Fstderr
  const stream = logName.slice(encoded >= 0 ? encoded + 3 : logName.lastIndexOf('/') + 1);
  if (stream !== 'stderr' && stream !== 'stdout') return null;
  const instance = isRecord(raw.labels) ? raw.labels.instanceId : undefined;
  if (typeof instance === 'string' && instance !== '') return `i ${instance} ${logName}`;
  return `r ${entryService(raw)} ${entryRevision(raw)} ${logName}`;
}

/**
 * textPayload of an entry without a severity (stdout/stderr text), without a trailing newline and
 * without terminal colours (a coloured line is read as its plain twin, as the normalizer reads it); else null.
 */
export function joinableText(raw: RawEntry): string | null {
  if (!isRecord(raw)) return null;
  const payload = raw.textPayload;
  if (typeof payload !== 'string') return null;
  const text = withoutTerminalCodes(payload);
  const severity = raw.severity;
  if (severity !== undefined && severity !== null && severity !== 'DEFAULT' && severity !== 0 && severity !== '') return null;
  if (text.endsWith('\n')) return text.endsWith('\r\n') ? text.slice(0, -2) : text.slice(0, -1);
  return text;
}

// Level words of routine records, as headers write them (glog's I, Ruby Logger's I/D, logcat's V, .NET's info/dbug/trce).
const ROUTINE_LEVEL = /^(?:info|information|debug|dbug|trace|trce|fine|finer|finest|i|d|v)$/i;

/** The line opens with a log header whose level is routine (INFO or below). */
export function routineHeader(line: string): boolean {
  // .NET's category line (`info: Microsoft.Hosting.Lifetime[0]`) is all header, its message on the
  // next line: its first word is its level.
  if (NET_RECORD.test(line)) return ROUTINE_LEVEL.test(line.slice(0, line.indexOf(':')));
  const { level } = stripLogHeader(line);
  return level !== undefined && isRoutineLevel(level);
}

/** A level word of a routine record (INFO or below), as a log header writes it. */
export function isRoutineLevel(level: string): boolean {
  return ROUTINE_LEVEL.test(level.trim());
}

/** Entry time in microseconds (timestamps are microseconds apart within a trace), or null. */
export function microTime(raw: RawEntry): number | null {
  if (!isRecord(raw)) return null;
  for (const value of [raw.timestamp, raw.receiveTimestamp]) {
    const ms = parseTimestamp(value);
    if (ms !== null) return ms * 1000 + subMillisecond(value);
  }
  return null;
}

/** Digits 4-6 of an RFC 3339 fraction (`…:05.123456789Z` -> 456). */
function subMillisecond(value: unknown): number {
  if (typeof value !== 'string' || value.charCodeAt(19) !== 46) return 0;
  let us = 0;
  for (let i = 23, scale = 100; i < 26; i++, scale /= 10) {
    const d = value.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) break;
    us += d * scale;
  }
  return us;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
