// RawEntry -> Entry: time, severity, service, the message extracted and redacted, its kind.
import type { Entry, EntryKind, RawEntry, Severity, SeverityInference } from '../shared/types.js';
import { accessRequest } from './access-request.js';
import { MAX_TEXT_CHARS, boundText, truncateText } from './bound-text.js';
import { requestText } from './request-info.js';
import { withoutSpanContext } from '../shared/span-context.js';
import { exceptionTypeFromStack, isStackTrace } from './detect-stack.js';
import { unpadDotnetConsole } from './dotnet-console.js';
import { entryRevision, entryService, entrySeverityWithSource, entryTime, entryWriter, isRecord } from './entry-fields.js';
import { exceptionDetailsShape } from './exception-details.js';
import { extractMessage, type ExtractedMessage } from './extract-message.js';
import { opensRichRecord, stripLogHeader } from './log-header.js';
import { plainRichTraceback, unwrapRichMessage } from './rich-traceback-text.js';
import { logfmtRecordText } from './logfmt-record.js';
import { juliaBoxText } from './julia-box.js';
import { withoutRepeatedHeader } from './repeated-header.js';
import { opensJuliaBox } from '../shared/block-lines.js';
import { continuesConsoleGemRecord, opensConsoleGemRecord } from '../shared/console-gem.js';
import { consoleGemText } from './console-gem-record.js';
import { redact, redactUnremembered } from './redact.js';
import { opensSemanticLoggerRecord, semanticLoggerException } from './semantic-logger.js';
import { currentPanicShape } from './rust-panic.js';
import { TextMemo } from './text-memo.js';
import { tracingEvent } from './tracing-event.js';
import { withoutRecoveredRequest } from './gin-recovery.js';
import { withoutAbslNotice } from './absl-notice.js';
import { entryTraceId, traceKey } from './trace-id.js';

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
  const outline = outlineEntry(raw);
  if ('skip' in outline) return outline;
  const { message } = outline;
  return completeEntry(outline, message.request ? requestMessage(message.text) : messageText(message.text));
}

/**
 * What an entry says before its message is read: every field of its Entry but the text, and its
 * message as extracted, not yet redacted (never to be kept or shown as it is). A file sweep reads
 * messages through a memo of its own (prepare-batch.ts); normalizeEntry is outline + read + complete.
 */
export interface EntryOutline {
  time: number;
  severity: Severity;
  severitySource?: SeverityInference;
  service: string;
  revision: string;
  writer?: string;
  /** Entry.trace. */
  trace?: number;
  message: ExtractedMessage;
}

/** The outline of an entry; `severity`, when the caller has it already, is entrySeverityWithSource(raw). */
export function outlineEntry(raw: RawEntry, known?: ReturnType<typeof entrySeverityWithSource>): EntryOutline | { skip: SkipReason } {
  if (!isRecord(raw)) return { skip: 'not an object' };
  const time = entryTime(raw);
  if (time === null) return { skip: 'no timestamp' };
  const message = extractMessage(raw);
  if (message === null) return { skip: 'no message' };
  const severity = known ?? entrySeverityWithSource(raw);
  const outline: EntryOutline = { time, severity: severity.severity, service: entryService(raw), revision: entryRevision(raw), message };
  if (severity.source === 'level' || severity.source === 'text') outline.severitySource = severity.source;
  const writer = entryWriter(raw);
  if (writer !== '') {
    outline.writer = writer;
    // Only what an instance wrote is joined by its request (Cloud Run's request log never is).
    const trace = entryTraceId(raw, message.text);
    if (trace !== null) outline.trace = traceKey(trace);
  }
  return outline;
}

/** The Entry of an outline whose message reads as `read` (messageText, or requestMessage for a request). */
export function completeEntry(outline: EntryOutline, read: MessageText | null): Entry | { skip: SkipReason } {
  if (read === null) return { skip: 'no message' };
  const { message } = outline;
  // A server's access line of a request answered 5xx reads as that request's log (access-request.ts).
  const access = message.request === undefined && read.kind === 'text' ? accessRequest(read.text) : null;
  const { text, kind } = access === null ? read : { text: requestText(access), kind: 'request' as const };
  const entry: Entry = {
    time: outline.time,
    severity: outline.severity,
    service: outline.service,
    revision: outline.revision,
    kind,
    text,
  };
  if (outline.writer !== undefined) entry.writer = outline.writer;
  if (outline.trace !== undefined) entry.trace = outline.trace;
  const request = message.request ?? access;
  if (request) entry.request = request;
  if (read.lead !== undefined) entry.lead = read.lead;
  if (message.answered !== undefined) entry.answered = message.answered;
  if (outline.severitySource !== undefined) entry.severitySource = outline.severitySource;
  const errorType = message.errorType ?? read.stackType;
  if (errorType !== undefined) {
    const safe = redact(boundText(errorType, 128));
    if (safe !== '') entry.errorType = safe;
  }
  return entry;
}

export interface MessageText {
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
    read = readMessage(message);
    messages.set(message, read);
  }
  return read;
}

/** messageText without the memo: for a caller that remembers the answers itself. */
export function readMessage(message: string): MessageText | null {
  const bounded = withoutAbslNotice(withoutRepeatedHeader(unpadDotnetConsole(truncateText(redactUnremembered(message), MAX_TEXT_CHARS))));
  // tracing-subscriber's events first: their spans and target are header too, and Pretty's fields read as Full's.
  const { rest, lead } = tracingEvent(bounded) ?? stripLogHeader(bounded);
  // RichHandler wraps a long message onto the lines under it and draws its traceback in a box.
  // Julia's ConsoleLogger draws a record of several lines as a box: read as its JSON twin. So is the
  // Console gem's record, its message and exception in rows under its first line.
  const unwrapped = opensRichRecord(bounded) ? unwrapRichMessage(rest) : opensSemanticLoggerRecord(bounded) ? semanticLoggerException(rest) :
    opensJuliaBox(bounded) ? juliaBoxText(rest) : readsAsConsoleGemRecord(bounded) ? consoleGemText(rest) : rest;
  const text = withoutRecoveredRequest(exceptionDetailsShape(currentPanicShape(logfmtRecordText(withoutSpanContext(plainRichTraceback(unwrapped))))));
  let read: MessageText | null;
  if (text.trim() === '') read = null;
  else if (isStackTrace(text)) {
    const stackType = exceptionTypeFromStack(text);
    read = stackType === undefined ? { text, kind: 'stack' } : { text, kind: 'stack', stackType };
  } else read = { text, kind: 'text' };
  if (read !== null && lead !== undefined) read.lead = lead;
  return read;
}

/** The text opens with the Console gem's first line, or with its rows when that line was lost. */
function readsAsConsoleGemRecord(text: string): boolean {
  const end = text.indexOf('\n');
  const first = end < 0 ? text : text.slice(0, end);
  return opensConsoleGemRecord(first) || continuesConsoleGemRecord(first);
}

/** A request log's line (`GET /path 502`), redacted and bounded. */
export function requestMessage(message: string): MessageText | null {
  const text = truncateText(redact(message), MAX_TEXT_CHARS);
  return text.trim() === '' ? null : { text, kind: 'request' };
}
