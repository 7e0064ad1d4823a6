// Reads the plain fields of a LogEntry, tolerant of anything a file or a server may hold.
import { SEVERITIES, type RawEntry, type Severity } from '../shared/types.js';
import { isRecord } from './is-record.js';
import { dotnetLevel } from './dotnet-json.js';
import { payaraRecord } from './payara-json.js';
import { embeddedRecord } from './embedded-record.js';
import { jsonMessage } from './json-message.js';
import { HEAD, LEADING_STATUS, namedRequest } from './access-status.js';
import { unpadDotnetConsole } from './dotnet-console.js';
import { stripLogHeader } from './log-header.js';
import { requestRecordSeverity } from './request-error.js';
import { jsonAccessRequest } from './json-access-record.js';
import { levelWord, textSeverity } from './text-severity.js';
import { tslogLevel } from './tslog-record.js';

export { isRecord };

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,12}))?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// The file source reads an entry's time to filter it, then normalization reads it again.
let lastText = '';
let lastMs: number | null = null;

/** RFC 3339 text (any number of fraction digits, Z or offset) -> epoch ms, or null. */
export function parseTimestamp(value: unknown): number | null {
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.getTime() : null;
  if (value !== null && typeof value === 'object') return protoTimestamp(value as Record<string, unknown>);
  if (typeof value !== 'string' || value.length > 64) return null;
  if (value === lastText) return lastMs;
  const fast = utcTimestamp(value);
  const ms = fast === undefined ? parseRfc3339(value) : fast;
  lastText = value;
  lastMs = ms;
  return ms;
}

const digit = (text: string, i: number): number => {
  const d = text.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : NaN;
};
const twoDigits = (text: string, i: number): number => digit(text, i) * 10 + digit(text, i + 1);

/**
 * The shape Cloud Logging always writes, `2025-09-11T23:16:22.123456789Z`, read without a regex.
 * Same answer as parseRfc3339; undefined hands anything else (offsets, leap seconds, years before
 * 100, stray spaces) to it.
 */
function utcTimestamp(text: string): number | null | undefined {
  const n = text.length;
  const zone = text.charCodeAt(n - 1);
  if (n < 20 || (zone !== 90 && zone !== 122)) return undefined; // Z z
  const sep = text.charCodeAt(10);
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  if (sep !== 84 && sep !== 116 && sep !== 32) return undefined; // T t space
  let millis = 0;
  if (n > 20) {
    if (text.charCodeAt(19) !== 46 || n - 21 > 12 || n - 21 < 1) return undefined; // '.' and 1-12 digits
    for (let i = 20; i < n - 1; i++) {
      const d = digit(text, i);
      if (Number.isNaN(d)) return undefined;
      if (i < 23) millis += d * (i === 20 ? 100 : i === 21 ? 10 : 1);
    }
  }
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if (Number.isNaN(year + month + day + hour + minute + second) || year < 100 || second === 60) return undefined;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const maxDay = month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > maxDay || hour > 23 || minute > 59 || second > 60) return null;
  return Date.UTC(year, month - 1, day, hour, minute, second) + millis;
}

function parseRfc3339(value: string): number | null {
  const m = RFC3339.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const maxDay = month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] ?? 0);
  // Second 60 is a leap second; Cloud Logging smears them, but a file may still hold one.
  if (month < 1 || month > 12 || day < 1 || day > maxDay || hour > 23 || minute > 59 || second > 60) return null;
  const millis = m[7] ? Number(`${m[7]}00`.slice(0, 3)) : 0;
  let offsetMin = 0;
  if (!m[8] && m[9]) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return null;
    offsetMin = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, Math.min(second, 59)));
  date.setUTCFullYear(year); // Date.UTC maps years 0-99 to 1900-1999
  const ms = date.getTime() + (second === 60 ? 1000 : 0) + millis - offsetMin * 60_000;
  return Number.isFinite(ms) ? ms : null;
}

/** `{seconds, nanos}` as a decoded protobuf Timestamp holds them (numbers, strings or Longs). */
function protoTimestamp(value: Record<string, unknown>): number | null {
  const seconds = Number(typeof value.seconds === 'object' ? String(value.seconds) : value.seconds);
  const nanos = value.nanos === undefined ? 0 : Number(value.nanos);
  if (!Number.isFinite(seconds) || !Number.isFinite(nanos) || !('seconds' in value)) return null;
  const ms = seconds * 1000 + Math.floor(nanos / 1e6);
  return Number.isSafeInteger(ms) ? ms : null;
}

/** Entry time -> epoch ms; falls back to receiveTimestamp; null if none is valid. */
export function entryTime(raw: RawEntry): number | null {
  if (!isRecord(raw)) return null;
  return parseTimestamp(raw.timestamp) ?? parseTimestamp(raw.receiveTimestamp);
}

// Cloud Logging's LogSeverity numbers: DEFAULT 0, DEBUG 100, … EMERGENCY 800.
const ALIASES: Record<string, Severity> = {
  WARN: 'WARNING',
  ERR: 'ERROR',
  FATAL: 'CRITICAL',
  CRIT: 'CRITICAL',
  TRACE: 'DEBUG',
  INFORMATION: 'INFO',
  EMERG: 'EMERGENCY',
  PANIC: 'EMERGENCY',
};

const EXACT_SEVERITY = new Map<string, Severity>(SEVERITIES.map((s) => [s, s]));

/** A severity in string or number form, or null when it names none. */
export function parseSeverity(value: unknown): Severity | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    const index = Math.max(0, Math.min(8, Math.floor(value / 100)));
    return SEVERITIES[index] ?? null;
  }
  if (typeof value !== 'string' || value.length > 32) return null;
  // Nearly every entry spells its severity as Cloud Logging does: no trimming, no case to fold.
  const exact = EXACT_SEVERITY.get(value);
  if (exact !== undefined) return exact;
  const word = value.trim().toUpperCase();
  if (/^\d{1,3}$/.test(word)) return parseSeverity(Number(word));
  if ((SEVERITIES as readonly string[]).includes(word)) return word as Severity;
  return ALIASES[word] ?? null;
}

/** Where an entry's severity was read: its own field, the payload's `severity` (which the logging agent
 * lifts into the entry) or `level`, a request log's status, the message text, or nowhere. */
export type SeveritySource = 'entry' | 'payload' | 'level' | 'status' | 'text' | 'none';

/**
 * Severity; missing -> 'DEFAULT'. When the entry carries none (or DEFAULT, as Cloud Run gives text
 * written to stdout/stderr): the payload's `severity`, then its `level` (pino's numbers, zap, slog,
 * logrus words) or the level of a .NET logger's record (`LogLevel`, CLEF's `@l`: dotnet-json.ts), then
 * the status of a request record that names its error (request-error.ts), then a JSON access record of
 * a 5xx (json-access-record.ts), then a request log's status
 * (>= 500 ERROR, >= 400 WARNING), then the level or trace the message text states (textSeverity).
 */
export function entrySeverity(raw: RawEntry): Severity {
  return entrySeverityWithSource(raw).severity;
}

/** entrySeverity, and where it was read. */
export function entrySeverityWithSource(raw: RawEntry): { severity: Severity; source: SeveritySource } {
  if (!isRecord(raw)) return { severity: 'DEFAULT', source: 'none' };
  const own = parseSeverity(raw.severity);
  if (own !== null && own !== 'DEFAULT') return { severity: own, source: 'entry' };
  const payload = isRecord(raw.jsonPayload) ? raw.jsonPayload : null;
  if (payload) {
    const own = payloadSeverity(payload);
    if (own !== null) return atLeastItsStatus(own, raw, payload);
  }
  // A request record that names its error (lograge's JSON): its status says how bad.
  const request = payload ? requestRecordSeverity(payload) : null;
  if (request !== null) return { severity: request, source: 'status' };
  // A server's JSON access record (no message) of a request answered 5xx, as its text line (json-access-record.ts).
  if (payload && (jsonAccessRequest(payload)?.status ?? 0) >= 500 && jsonMessage(payload) === null) return { severity: 'ERROR', source: 'status' };
  const status = httpStatus(raw.httpRequest);
  if (status >= 500) return { severity: 'ERROR', source: 'status' };
  if (status >= 400) return { severity: 'WARNING', source: 'status' };
  const record = typeof raw.textPayload === 'string' ? embeddedRecord(raw.textPayload) : null;
  if (record !== null) {
    // The record's own level, not the wrapper's: fpm says WARNING of whatever a worker writes.
    const own = payloadSeverity(record);
    if (own !== null) return { severity: own.severity, source: 'level' };
  }
  const text = textSeverity(entryText(raw, payload)) ?? (record === null ? null : textSeverity(raw.textPayload as string));
  return atLeastItsStatus(text === null ? { severity: 'DEFAULT', source: 'none' } : { severity: text, source: 'text' }, raw, payload);
}

const ERROR_RANK = SEVERITIES.indexOf('ERROR');

/**
 * An access logger stamps every request at one level (uvicorn's `INFO:`, a payload's `info`), or none:
 * its line of a request answered 5xx says ERROR by its status, as Cloud Run's request log of it does
 * (access-status.ts). Read from the text; a level above it stays.
 */
function atLeastItsStatus<T extends { severity: Severity; source: SeveritySource }>(read: T, raw: RawEntry, payload: Record<string, unknown> | null): T | { severity: Severity; source: 'text' } {
  if (SEVERITIES.indexOf(read.severity) >= ERROR_RANK || !mayNameStatus(raw, payload)) return read;
  // The line as the classifier reads it: .NET's console block unpadded, a log header set aside.
  const line = stripLogHeader(unpadDotnetConsole(entryText(raw, payload))).rest;
  return namedRequest(line) !== null ? { severity: 'ERROR', source: 'text' } : read;
}

/** A cheap look before the message is read: a 5xx status where an access line prints it. */
function mayNameStatus(raw: RawEntry, payload: Record<string, unknown> | null): boolean {
  if (typeof raw.textPayload === 'string') return STATUS_SHAPE.test(raw.textPayload.slice(0, HEAD)) || LEADING_STATUS.test(raw.textPayload);
  if (payload === null) return false;
  return [payload.message, payload.msg].some((v) => typeof v === 'string' && STATUS_SHAPE.test(v.slice(0, HEAD)));
}

// What every line namedRequest reads holds, loosened: `…" 500`, ASP.NET Core's `- 500`, gin's `| 500 |` (coloured: `…m 500`).
// Also valid RE2: the Cloud Logging filter reads JSON messages of this shape (build-filter.ts).
export const STATUS_SHAPE = /(?:" |- |\| |m )5\d\d\b/;

/** What a JSON record says of its own level: a payload's, or a record printed inside a text line. */
export function payloadSeverity(payload: Record<string, unknown>): { severity: Severity; source: 'payload' | 'level' } | null {
  // The agent lifts `severity` out of the payload; a raw export or a test file may not have.
  const named = parseSeverity(payload.severity);
  if (named !== null && named !== 'DEFAULT') return { severity: named, source: 'payload' };
  // A level spelled as a word says what the logger meant; a number beside it is on the logger's own
  // scale (Monolog's 400 is ERROR, OpenTelemetry's severity_number 17 too), which pino's would misread.
  // `lvl`: Sidekiq's JSON formatter, log15 and go-kit name the level so.
  // tslog's JSON: `_meta.logLevelName` (tslog-record.ts).
  const level = levelNameField(payload) ?? gelfLevel(payload) ?? nextcloudLevel(payload) ?? payloadLevel(payload.level) ?? payloadLevel(payload.lvl) ?? dotnetLevel(payload) ?? tslogLevel(payload) ?? payaraRecord(payload)?.level;
  return level !== null && level !== undefined ? { severity: level, source: 'level' } : null;
}

// Fields that hold a level as a word beside (or instead of) a numeric `level`: Monolog's `level_name`,
// Python's LogRecord attribute `levelname` (python-json-logger, structlog's stdlib bridge), the
// OpenTelemetry log data model's `severity_text` (`severityText` in OTLP JSON), ECS's `log.level`
// written as one dotted key, the `log_level` / `loglevel` spellings, and go-hclog's JSON `@level`.
/** Keys a payload names its level by, read before `level` (the Cloud Logging filter reads them too). */
export const LEVEL_NAME_KEYS = ['level_name', 'levelname', 'levelName', 'severity_text', 'severityText', 'log.level', 'log_level', 'loglevel', '@level'];

function levelNameField(payload: Record<string, unknown>): Severity | null {
  for (const key of LEVEL_NAME_KEYS) {
    const value = payload[key];
    if (typeof value === 'string') {
      const level = levelWord(value);
      if (level !== null) return level;
    }
  }
  // ECS nested: `{"log": {"level": "error"}}`.
  const log = payload.log;
  return isRecord(log) && typeof log.level === 'string' ? levelWord(log.level) : null;
}

// RFC 5424 priorities 0-7, as GELF's `level` holds them.
const SYSLOG_LEVELS: Severity[] = ['EMERGENCY', 'ALERT', 'CRITICAL', 'ERROR', 'WARNING', 'NOTICE', 'INFO', 'DEBUG'];

/**
 * A GELF record's level (Graylog's format: `version`, `host`, `short_message`, written by logback-gelf,
 * Spring Boot's `gelf` structured logging, Serilog's and pino's GELF sinks): a syslog priority, 0
 * EMERGENCY to 7 DEBUG, which pino's scale would read as DEBUG.
 */
function gelfLevel(payload: Record<string, unknown>): Severity | null {
  if (typeof payload.short_message !== 'string') return null;
  const level = typeof payload.level === 'string' && /^[0-7]$/.test(payload.level) ? Number(payload.level) : payload.level;
  return typeof level === 'number' && Number.isInteger(level) && level >= 0 && level <= 7 ? SYSLOG_LEVELS[level]! : null;
}

/** Nextcloud's (and ownCloud's) levels, 0 DEBUG to 4 FATAL. */
export const NEXTCLOUD_LEVELS: readonly Severity[] = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'];

/**
 * A Nextcloud record's level (its log, `nextcloud.log` or the container's stdout, one JSON object a line:
 * `reqId`, `level`, `time`, `remoteAddr`, `user`, `app`, `method`, `url`, `message`): 0 DEBUG, 1 INFO,
 * 2 WARN, 3 ERROR, 4 FATAL, which pino's scale would read as DEBUG. The request id and the app name
 * beside a level of 0 to 4 are what tell the record.
 */
function nextcloudLevel(payload: Record<string, unknown>): Severity | null {
  if (typeof payload.reqId !== 'string' || typeof payload.app !== 'string') return null;
  const level = payload.level;
  return typeof level === 'number' && Number.isInteger(level) && level >= 0 && level <= 4 ? NEXTCLOUD_LEVELS[level]! : null;
}

/**
 * A payload `level`: pino / bunyan numbers (10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal;
 * custom levels fall to the one below; also as digits in a string) or a level word (zap `dpanic`, slog `ERROR+2`, logrus `warning`).
 */
function payloadLevel(value: unknown): Severity | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return null;
    return value >= 60 ? 'CRITICAL' : value >= 50 ? 'ERROR' : value >= 40 ? 'WARNING' : value >= 30 ? 'INFO' : 'DEBUG';
  }
  if (typeof value === 'string' && /^\d{1,3}$/.test(value)) return payloadLevel(Number(value));
  return typeof value === 'string' ? levelWord(value) : null;
}

/** The message text a severity may be read from: textPayload, else the jsonPayload's message (and stack). */
export function entryText(raw: RawEntry, payload: Record<string, unknown> | null = isRecord(raw.jsonPayload) ? raw.jsonPayload : null): string {
  if (typeof raw.textPayload === 'string') {
    const record = embeddedRecord(raw.textPayload);
    return (record === null ? undefined : jsonMessage(record)?.text) ?? raw.textPayload;
  }
  return payload ? (jsonMessage(payload)?.text ?? '') : '';
}

/** httpRequest.status as a number (REST JSON may spell it as a string), 0 when absent. */
export function httpStatus(httpRequest: unknown): number {
  if (!isRecord(httpRequest)) return 0;
  const status = Number(httpRequest.status);
  return Number.isInteger(status) && status > 0 && status < 1000 ? status : 0;
}

/** resource.labels.service_name, else labels['run.googleapis.com/service_name'], else ''. */
export function entryService(raw: RawEntry): string {
  if (!isRecord(raw)) return '';
  return (
    label(isRecord(raw.resource) ? raw.resource.labels : undefined, 'service_name') ||
    label(raw.labels, 'run.googleapis.com/service_name')
  );
}

/**
 * The instance that wrote an entry of the application's (labels.instanceId), else '': Cloud Run's request
 * log and its platform messages (`varlog/system`) are written by Cloud Run about an instance.
 */
export function entryWriter(raw: RawEntry): string {
  if (!isRecord(raw)) return '';
  const logName = typeof raw.logName === 'string' ? raw.logName : '';
  if (/run\.googleapis\.com(?:%2F|\/)(?:requests|varlog)/i.test(logName)) return '';
  const id = isRecord(raw.labels) ? raw.labels.instanceId : undefined;
  // Cloud Run's instance ids run to a few hundred hex digits.
  return typeof id === 'string' && /^[A-Za-z0-9._-]{1,512}$/.test(id) ? id : '';
}

/** resource.labels.revision_name, else ''. */
export function entryRevision(raw: RawEntry): string {
  if (!isRecord(raw)) return '';
  return label(isRecord(raw.resource) ? raw.resource.labels : undefined, 'revision_name');
}

// Resource names are at most 63 characters; anything odd in one is not a name.
function label(labels: unknown, key: string): string {
  if (!isRecord(labels)) return '';
  const value = labels[key];
  return typeof value === 'string' && /^[A-Za-z0-9._-]{1,128}$/.test(value) ? value : '';
}
