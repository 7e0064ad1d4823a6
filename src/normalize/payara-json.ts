// Payara's JSON log formatter (JSONLogFormatter, payara/Payara#2952), which GlassFish's ODL uniform format
// gives way to when a server or Payara Micro is set to log JSON: `Timestamp`, `Level` (java.util.logging's
// word: SEVERE, WARNING, INFO…), `Version`, `LoggerName`, `ThreadID`, `ThreadName`, `TimeMillis`,
// `LevelValue`, `MessageID` when the record has one, `LogMessage`, and `Throwable` with the exception's
// `Exception` (its toString()) and `StackTrace` (what printStackTrace prints). Its keys are capitalised, so
// the generic reader (json-message.ts) finds no message and would take the whole object as the text: the
// record written as JSON and the same record in the uniform format (shared/odl-record.ts) were two
// problems. Read as the uniform format prints it: the message, then the exception's lines.
import type { Severity } from '../shared/types.js';
import { boundText } from './bound-text.js';
import { isRecord } from './is-record.js';
import { levelWord } from './text-severity.js';
import { odlLevel } from '../shared/odl-record.js';

export interface PayaraRecord {
  /** The message, then the exception's stack on the lines after it. */
  text: string;
  /** The record's level; null when `Level` names none. */
  level: Severity | null;
}

/** The record a Payara JSON payload holds, or null when the payload is not one. */
export function payaraRecord(payload: Record<string, unknown>): PayaraRecord | null {
  if (typeof payload.LogMessage !== 'string' || typeof payload.Level !== 'string') return null;
  if (typeof payload.LoggerName !== 'string' && payload.LevelValue === undefined) return null;
  const message = boundText(payload.LogMessage).trim();
  const thrown = throwableText(payload.Throwable);
  const text = message === '' ? thrown : thrown === '' || message.includes(thrown) ? message : `${message}\n${thrown}`;
  if (text === '') return null;
  return { text, level: levelWord(odlLevel(payload.Level.trim())) };
}

function throwableText(value: unknown): string {
  if (typeof value === 'string') return boundText(value).trim();
  if (!isRecord(value)) return '';
  const stack = typeof value.StackTrace === 'string' ? boundText(value.StackTrace).trim() : '';
  if (stack !== '') return stack;
  return typeof value.Exception === 'string' ? boundText(value.Exception).trim() : '';
}
