// RawEntry -> Entry: time, severity, service, the message extracted and redacted, its kind.
import type { Entry, EntryKind, RawEntry } from '../shared/types.js';
import { MAX_TEXT_CHARS, boundText, truncateText } from './bound-text.js';
import { exceptionTypeFromStack, isStackTrace } from './detect-stack.js';
import { entryRevision, entryService, entrySeverityWithSource, entryTime, isRecord } from './entry-fields.js';
import { extractMessage } from './extract-message.js';
import { stripLogHeader } from './log-header.js';
import { redact, redactUnremembered } from './redact.js';
import { currentPanicShape } from './rust-panic.js';
import { TextMemo } from './text-memo.js';

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
  const read = message.request ? requestMessage(message.text) : messageText(message.text);
  if (read === null) return { skip: 'no message' };
  const { text, kind } = read;
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
  if (read.lead !== undefined) entry.lead = read.lead;
  if (severity.source === 'level' || severity.source === 'text') entry.severitySource = severity.source;
  const errorType = message.errorType ?? read.stackType;
  if (errorType !== undefined) {
    const safe = redact(boundText(errorType, 128));
    if (safe !== '') entry.errorType = safe;
  }
  return entry;
}

interface MessageText {
  text: string;
  kind: EntryKind;
  /** The exception type a stack trace names. */
  stackType?: string;
  /** Lines set aside before the message (StrippedHeader.lead). */
  lead?: string;
}

// The same message comes back again and again (a failure every few seconds): what it reads as is
// remembered, a pure function of its text.
const messages = new TextMemo<MessageText | null>(5_000, 2_000_000);

/**
 * What a message reads as: redacted, bounded, its log header set aside, and its kind; null when
 * nothing is left. Redaction can lengthen text (`sid=1` -> `sid=[REDACTED]`): bound again after it.
 * A log header (time, level, logger, thread) is how the line was printed, not what happened: set
 * aside, so one error printed by two formatters is one text.
 */
function messageText(message: string): MessageText | null {
  let read = messages.get(message);
  if (read === undefined) {
    const { rest, lead } = stripLogHeader(truncateText(redactUnremembered(message), MAX_TEXT_CHARS));
    const text = currentPanicShape(rest);
    if (text.trim() === '') read = null;
    else if (isStackTrace(text)) {
      const stackType = exceptionTypeFromStack(text);
      read = stackType === undefined ? { text, kind: 'stack' } : { text, kind: 'stack', stackType };
    } else read = { text, kind: 'text' };
    if (read !== null && lead !== undefined) read.lead = lead;
    messages.set(message, read);
  }
  return read;
}

/** A request log's line (`GET /path 502`), redacted and bounded. */
function requestMessage(message: string): MessageText | null {
  const text = truncateText(redact(message), MAX_TEXT_CHARS);
  return text.trim() === '' ? null : { text, kind: 'request' };
}
