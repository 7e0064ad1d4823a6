// The JSON record tslog (v4, `new Logger({ type: "json" })`) writes: the logged arguments under their
// positions (`"0"` the first, `"1"` the next, ...) and the logger's own fields under `_meta`
// (`logLevelName` SILLY, TRACE, DEBUG, INFO, WARN, ERROR, FATAL; `logLevelId` 0-6; `date`, `path`,
// `runtime`). An Error argument is written as `{ nativeError, name, message, stack: [frame, ...] }`, each
// frame an object (`method`, `fullFilePath`, `fileName`, `fileLine`, ...), not the text Node prints.
// The generic reader (json-message.ts) finds no `message` in such a record and would take the whole
// object as its text, and no level either: read here as Node prints the same arguments (the message,
// then the error's `Name: message` and its `    at method (file:line:col)` frames).
import type { Severity } from '../shared/types.js';
import { boundText } from './bound-text.js';
import { isRecord } from './is-record.js';
import { levelWord } from './text-severity.js';

export interface TslogRecord {
  /** The arguments as Node prints them: strings joined by spaces, an error on the lines after. */
  text: string;
  /** `_meta.logLevelName`; null when it names no level. */
  level: Severity | null;
}

/** At most this many positional arguments are read (a logger call rarely passes more than a few). */
const MAX_ARGS = 16;
/** At most this many frames of an error's stack are printed. */
const MAX_FRAMES = 64;

// tslog's level names; SILLY, its lowest, is no level word elsewhere.
const LEVELS: Record<string, Severity> = { SILLY: 'DEBUG', TRACE: 'DEBUG', DEBUG: 'DEBUG', INFO: 'INFO', WARN: 'WARNING', ERROR: 'ERROR', FATAL: 'CRITICAL' };

/** tslog's `_meta`, when the payload is tslog's record: a `_meta` with a level name and a first argument. */
function tslogMeta(payload: Record<string, unknown>): Record<string, unknown> | null {
  const meta = payload._meta;
  if (!isRecord(meta) || typeof meta.logLevelName !== 'string' || !('0' in payload)) return null;
  return meta;
}

/** The level a tslog record states: undefined when the payload is not one, null when the name is none. */
export function tslogLevel(payload: Record<string, unknown>): Severity | null | undefined {
  const meta = tslogMeta(payload);
  if (meta === null) return undefined;
  const name = (meta.logLevelName as string).trim();
  return LEVELS[name.toUpperCase()] ?? levelWord(name);
}

/** The record tslog's JSON payload holds, or null when the payload is not tslog's. */
export function tslogRecord(payload: Record<string, unknown>): TslogRecord | null {
  const level = tslogLevel(payload);
  if (level === undefined) return null;
  const words: string[] = [];
  const errors: string[] = [];
  for (let i = 0; i < MAX_ARGS && i in payload; i++) {
    const arg = payload[String(i)];
    const error = errorText(arg);
    if (error !== undefined) errors.push(error);
    else if (typeof arg === 'string') words.push(arg);
    else if (typeof arg === 'number' || typeof arg === 'boolean') words.push(String(arg));
    else if (arg !== null && arg !== undefined) words.push(boundText(JSON.stringify(arg)));
  }
  const text = boundText([words.join(' ').trim(), ...errors].filter((s) => s !== '').join('\n'));
  return text === '' ? null : { text, level };
}

/** An argument tslog wrote as an error object, printed as Node prints the error; else undefined. */
function errorText(arg: unknown): string | undefined {
  if (!isRecord(arg) || typeof arg.message !== 'string' || !('nativeError' in arg || Array.isArray(arg.stack))) return undefined;
  const name = typeof arg.name === 'string' && arg.name !== '' ? arg.name : 'Error';
  const head = arg.message === '' ? name : `${name}: ${arg.message}`;
  const frames = Array.isArray(arg.stack) ? arg.stack.slice(0, MAX_FRAMES).map(frameText).filter((f) => f !== undefined) : [];
  return [head, ...frames].join('\n');
}

/** One of tslog's frame objects as V8 prints a frame. */
function frameText(frame: unknown): string | undefined {
  if (!isRecord(frame)) return undefined;
  const where = typeof frame.fullFilePath === 'string' ? frame.fullFilePath : typeof frame.filePathWithLine === 'string' ? frame.filePathWithLine : undefined;
  if (where === undefined) return undefined;
  const method = typeof frame.method === 'string' && frame.method !== '' ? frame.method : undefined;
  return method === undefined ? `    at ${where}` : `    at ${method} (${where})`;
}
