// Which text a LogEntry is about, from whichever payload it carries. Text comes back cleaned
// and bounded but not yet redacted; normalizeEntry redacts it before anything else sees it.
import type { HttpRequestInfo, RawEntry } from '../shared/types.js';
import { boundText } from './bound-text.js';
import { embeddedRecord } from './embedded-record.js';
import { isRecord } from './entry-fields.js';
import { jsonMessage } from './json-message.js';
import { prettyRecord } from './pretty-record.js';
import { inspectedRecord } from './inspected-record.js';
import { nestLikeRecord } from './nest-like-record.js';
import { winstonSimpleRecord } from './winston-simple-record.js';
import { redactValue } from './redact.js';
import { requestInfo, requestPath, requestText } from './request-info.js';
import { jsonAccessRequest } from './json-access-record.js';
import { spanCloseRequest } from './span-close-record.js';
import { messageWithJsonRecord, responseRecordStatus } from './response-record.js';
import { stripLogHeader } from './log-header.js';

export interface ExtractedMessage {
  text: string;
  /** Set when the entry is a request log with no other text: `text` is its request line. */
  request?: HttpRequestInfo;
  errorType?: string;
  /**
   * The status a structured record of the response its request got says (response-record.ts), when
   * the entry is one: the record keeps its text, and is marked as its request's access record.
   */
  answered?: number;
}

// Fields that say how a payload was logged, not what happened.
const META_KEY = /^(?:@type|severity|level|time|timestamp|serviceContext|logging\.googleapis\.com\/.*)$/;

/**
 * textPayload (the record it holds when it holds one: embedded-record.ts), else jsonPayload's message / error / stack, else protoPayload's status, else the
 * request a JSON access record of a 5xx names (json-access-record.ts), else the request line of httpRequest, else the remaining jsonPayload fields as compact JSON. Null when
 * the entry says nothing.
 */
export function extractMessage(raw: RawEntry): ExtractedMessage | null {
  if (!isRecord(raw)) return null;
  const text = plainText(raw.textPayload);
  if (text !== '') {
    // A JSON record printed inside the line (a wrapper's prefix before it, or none): read as a payload.
    // So is pino-pretty's record, its properties on lines of their own (pretty-record.ts), and a message
    // with its metadata inspected after it that carries an error (inspected-record.ts), and nest-winston's
    // nestLike line, its fields as JSON after the message (nest-like-record.ts).
    const record = nestLikeRecord(text) ?? embeddedRecord(text) ?? prettyRecord(text) ?? inspectedRecord(text);
    // winston's simple() line, its fields as JSON after the message (winston-simple-record.ts): read as
    // its JSON twin when the fields carry an error; without one the line reads as it always has.
    const read = record !== null ? (jsonMessage(record) ?? { text }) : (winstonErrorRecord(text) ?? { text });
    // A response record printed as text (pino-pretty's, winston's `simple`) is marked as its JSON twin is.
    // Only a line with a brace can print one, so the header is read for no other (every text entry passes here).
    return answering(read, record ?? (text.includes('{') ? messageWithJsonRecord(stripLogHeader(text).rest) : null));
  }
  const payload = isRecord(raw.jsonPayload) ? raw.jsonPayload : null;
  // A request span's closing record of a 5xx is that request's log, as its access line is (span-close-record.ts).
  const closed = payload ? spanCloseRequest(payload) : null;
  if (closed !== null && closed.status >= 500) {
    const info: HttpRequestInfo = { method: closed.method, path: requestPath(closed.target), status: closed.status, accessLine: true };
    return { text: requestText(info), request: info };
  }
  const structured = payload ? jsonMessage(payload) : null;
  // Cloud Run lifts a record's `httpRequest` to the entry's: read where the record wrote it.
  if (structured) return answering(structured, isRecord(raw.httpRequest) && payload !== null && payload.httpRequest === undefined ? { ...payload, httpRequest: raw.httpRequest } : payload);
  const proto = protoText(raw.protoPayload);
  if (proto !== '') return { text: proto };
  // A server's JSON access record of a request answered 5xx is that request's log, as its text line is.
  const access = payload ? jsonAccessRequest(payload) : null;
  if (access !== null && access.status >= 500) {
    const info: HttpRequestInfo = { method: access.method, path: requestPath(access.target), status: access.status, accessLine: true };
    return { text: requestText(info), request: info };
  }
  const request = requestInfo(raw.httpRequest);
  if (request) return { text: requestText(request), request };
  const rest = payload ? payloadFields(payload) : '';
  return rest === '' ? null : answering({ text: rest }, payload);
}

/** `read`, marked with the status `record` says when it is a server's record of a response (response-record.ts). */
function answering(read: ExtractedMessage, record: Record<string, unknown> | null): ExtractedMessage {
  const status = record === null ? null : responseRecordStatus(record);
  return status === null ? read : { ...read, answered: status };
}

/** The message a winston simple() line's record gives when its fields add an error to its message, or null. */
function winstonErrorRecord(text: string): ExtractedMessage | null {
  const record = winstonSimpleRecord(text);
  if (record === null) return null;
  const read = jsonMessage(record);
  return read !== null && read.text !== String(record.message).trim() ? read : null;
}

function plainText(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'string' ? boundText(value).trimEnd() : '';
}

/** Audit logs: `google.cloud.run.v1.Services.ReplaceService: Permission denied`. */
function protoText(payload: unknown): string {
  if (!isRecord(payload)) return '';
  const method = typeof payload.methodName === 'string' ? boundText(payload.methodName, 256).trim() : '';
  const status = isRecord(payload.status) && typeof payload.status.message === 'string' ? boundText(payload.status.message).trim() : '';
  return [method, status].filter((s) => s !== '').join(': ');
}

/** A payload with no message field: its own fields (secret-named ones already blanked), as JSON. */
function payloadFields(payload: Record<string, unknown>): string {
  const fields: Record<string, unknown> = {};
  let count = 0;
  for (const [key, value] of Object.entries(payload)) {
    if (META_KEY.test(key) || value === undefined || value === null || value === '') continue;
    fields[key] = value;
    if (++count >= 200) break;
  }
  if (count === 0) return '';
  return boundText(JSON.stringify(redactValue(fields)));
}
