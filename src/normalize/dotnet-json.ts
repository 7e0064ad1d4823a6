// The JSON records .NET loggers write, read as the text their console twins print. Their keys are
// capitalised or sigiled, so the generic reader (json-message.ts) finds no `message` and would take the
// whole object as the text: a record written as JSON and the same record printed as text were two
// problems, and the JSON one had no level, so it counted at whatever its text seemed to say.
// - Microsoft.Extensions.Logging's JSON console formatter (AddJsonConsole, .NET 5+): `EventId`,
//   `LogLevel` (Trace … Critical, None), `Category`, `Message`, `Exception` (the exception's ToString()),
//   `State` (`{OriginalFormat}` and the values; .NET 10 no longer repeats `Message` there), `Scopes`,
//   `Timestamp`. The simple formatter prints Message, then Exception, under `fail: Category[EventId]`.
// - Serilog's compact JSON (CLEF, CompactJsonFormatter / RenderedCompactJsonFormatter): `@t`, `@mt` the
//   message template with the properties at the top level (or `@m` the rendered message), `@l` the
//   level, absent at Information, `@x` the exception, `@r` renderings of formatted holes, `@i` event id.
//   The console sink prints the rendered message, then the exception.
// - Serilog's JsonFormatter: `Timestamp`, `Level`, `MessageTemplate`, `RenderedMessage` (optional),
//   `Exception`, `Properties`.
// - Any other layout with capitalised `Message` and `Level` (NLog's JsonLayout, log4net JSON layouts
//   configured so), with `Exception` when there is one.
import type { Severity } from '../shared/types.js';
import { boundText } from './bound-text.js';
import { isRecord } from './is-record.js';
import { renderSerilogTemplate } from './serilog-template.js';
import { levelWord } from './text-severity.js';

export interface DotnetRecord {
  /** The message, then the exception on the lines after it, as the console formatter prints them. */
  text: string;
  /** The record's level; null when its level field names none. */
  level: Severity | null;
}

// Microsoft.Extensions.Logging.LogLevel and Serilog's LogEventLevel, by name.
const LEVELS: Record<string, Severity | null> = {
  Trace: 'DEBUG', Verbose: 'DEBUG', Debug: 'DEBUG',
  Information: 'INFO',
  Warning: 'WARNING',
  Error: 'ERROR',
  Critical: 'CRITICAL', Fatal: 'CRITICAL',
  None: null,
};

/** The record a .NET logger's JSON payload holds, or null when the payload is none of their shapes. */
export function dotnetRecord(payload: Record<string, unknown>): DotnetRecord | null {
  if (isClef(payload)) return clefRecord(payload);
  if (isMel(payload)) {
    return record(stringField(payload.Message), stringField(payload.Exception), levelOf(payload.LogLevel, null));
  }
  if (typeof payload.Level === 'string') {
    if (typeof payload.MessageTemplate === 'string' || typeof payload.RenderedMessage === 'string') {
      const properties = isRecord(payload.Properties) ? payload.Properties : {};
      const message = stringField(payload.RenderedMessage) ?? renderSerilogTemplate(payload.MessageTemplate as string, properties);
      return record(message, stringField(payload.Exception), levelOf(payload.Level, null));
    }
    if (typeof payload.Message === 'string') {
      const level = levelOf(payload.Level, undefined);
      if (level !== undefined) return record(stringField(payload.Message), exceptionText(payload.Exception), level);
    }
  }
  return null;
}

/**
 * The level of a .NET logger's JSON payload, read without rendering its message (severity is asked of
 * every entry): undefined when the payload is none of their shapes, null when its level names none.
 */
export function dotnetLevel(payload: Record<string, unknown>): Severity | null | undefined {
  if (isClef(payload)) return payload['@l'] === undefined ? 'INFO' : levelOf(payload['@l'], null);
  if (isMel(payload)) return levelOf(payload.LogLevel, null);
  if (typeof payload.Level !== 'string') return undefined;
  if (typeof payload.MessageTemplate === 'string' || typeof payload.RenderedMessage === 'string') return levelOf(payload.Level, null);
  return typeof payload.Message === 'string' ? levelOf(payload.Level, undefined) : undefined;
}

const isClef = (p: Record<string, unknown>): boolean =>
  typeof p['@t'] === 'string' && (typeof p['@m'] === 'string' || typeof p['@mt'] === 'string' || typeof p['@x'] === 'string');
const isMel = (p: Record<string, unknown>): boolean =>
  typeof p.LogLevel === 'string' && (typeof p.Message === 'string' || typeof p.Category === 'string');

function clefRecord(payload: Record<string, unknown>): DotnetRecord | null {
  const rendered = stringField(payload['@m']);
  const template = payload['@mt'];
  const renderings = Array.isArray(payload['@r']) ? payload['@r'] : [];
  const message = rendered ?? (typeof template === 'string' ? renderSerilogTemplate(template, payload, renderings) : undefined);
  // CLEF leaves `@l` out at Information.
  const level = payload['@l'] === undefined ? 'INFO' : levelOf(payload['@l'], null);
  return record(message, stringField(payload['@x']), level);
}

function record(message: string | undefined, exception: string | undefined, level: Severity | null): DotnetRecord | null {
  const head = message === undefined ? '' : boundText(message).trim();
  const tail = exception === undefined ? '' : boundText(exception).trim();
  const text = head === '' ? tail : tail === '' || head.includes(tail) ? head : `${head}\n${tail}`;
  return text === '' ? null : { text, level };
}

function levelOf<T>(value: unknown, unknown: T): Severity | null | T {
  if (typeof value !== 'string') return unknown;
  if (Object.prototype.hasOwnProperty.call(LEVELS, value)) return LEVELS[value] ?? null;
  return levelWord(value) ?? unknown;
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** NLog and log4net write the exception as text, some layouts as an object with its own message. */
function exceptionText(value: unknown): string | undefined {
  if (typeof value === 'string') return stringField(value);
  if (!isRecord(value)) return undefined;
  const type = stringField(value.Type) ?? stringField(value.ClassName);
  const message = stringField(value.Message);
  const stack = stringField(value.StackTrace) ?? stringField(value.StackTraceString);
  const head = type !== undefined && message !== undefined ? `${type}: ${message}` : (message ?? type);
  return head === undefined ? stack : stack === undefined ? head : `${head}\n${stack}`;
}
