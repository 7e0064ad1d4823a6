// RawEntry -> Entry: time, severity, service, the message extracted and redacted, its kind.
import type { Entry, EntryKind, RawEntry } from '../shared/types.js';
import { MAX_TEXT_CHARS, boundText, truncateText } from './bound-text.js';
import { exceptionTypeFromStack, isStackTrace } from './detect-stack.js';
import { entryRevision, entryService, entrySeverityWithSource, entryTime, isRecord } from './entry-fields.js';
import { extractMessage } from './extract-message.js';
import { stripLogHeader } from './log-header.js';
import { redact } from './redact.js';

/** Why an entry was not turned into an Entry; counted in the run report's `skippedBy`. */
export type SkipReason = 'not an object' | 'no timestamp' | 'no message' | 'unreadable entry';

/**
 * RawEntry -> Entry (text extracted, redacted, bounded; kind text|stack|request; errorType when
 * the payload names one), or why it was skipped. Never throws.
 */
export function normalizeEntry(raw: RawEntry): Entry | { skip: SkipReason } {
  try {
    return normalize(raw);
  } catch {
    // Only an exotic object (a throwing getter, a Proxy) gets here; JSON never does.
    return { skip: 'unreadable entry' };
  }
}

function normalize(raw: RawEntry): Entry | { skip: SkipReason } {
  if (!isRecord(raw)) return { skip: 'not an object' };
  const time = entryTime(raw);
  if (time === null) return { skip: 'no timestamp' };
  const message = extractMessage(raw);
  if (message === null) return { skip: 'no message' };
  // Redaction can lengthen text (`sid=1` -> `sid=[REDACTED]`): bound again after it. A log header
  // (time, level, logger, thread) is how the line was printed, not what happened: set aside, so
  // one error printed by two formatters is one text.
  const redacted = truncateText(redact(message.text), MAX_TEXT_CHARS);
  const text = message.request ? redacted : stripLogHeader(redacted).rest;
  if (text.trim() === '') return { skip: 'no message' };
  const kind: EntryKind = message.request ? 'request' : isStackTrace(text) ? 'stack' : 'text';
  const severity = entrySeverityWithSource(raw);
  const entry: Entry = {
    time,
    severity: severity.severity,
    service: entryService(raw),
    revision: entryRevision(raw),
    kind,
    text,
  };
  if (message.request) entry.request = message.request;
  if (severity.source === 'level' || severity.source === 'text') entry.severitySource = severity.source;
  const errorType = message.errorType ?? (kind === 'stack' ? exceptionTypeFromStack(text) : undefined);
  if (errorType !== undefined) {
    const safe = redact(boundText(errorType, 128));
    if (safe !== '') entry.errorType = safe;
  }
  return entry;
}
