// A logfmt line is a flat record printed as text: `message="Quote q-1 failed" location=… cause="<trace>"`
// (zio-logging's logfmt, slog's TextHandler, go-kit, logrus's text formatter without a terminal) says
// what its JSON twin says as `{"message": …, "cause": …}`. When the error field holds a whole trace, its
// lines follow the first line's pairs and no rule that reads one line can take the line apart: the
// record is read as the JSON reader reads its twin (json-message.ts), the message, then the trace under
// it, so a service that moves from one encoder to the other at a rollout keeps its problems. A record
// whose error is one line is left to the line's own reading (problem-text.ts takes `msg err=…` apart).
// structlog's KeyValueRenderer prints each value as Python's repr() (`event='request_failed'
// exception='Traceback (most recent call last):\n  File …'`): a value in single quotes is read with repr's
// escapes, so its traceback is lines again (pythonRepr).
// Bounded: at most MAX_PAIRS pairs of the first line are read, each key and bare value bounded.
import { jsonMessage } from './json-message.js';

const MAX_PAIRS = 32;
const MAX_FIRST_LINE = 4096;
const KEY = /^([A-Za-z_@][\w.@-]{0,63})=/;
// A record has a message; the keys under which loggers put the error they were given.
const MESSAGE_KEYS = new Set(['msg', 'message', 'event']);
const ERROR_KEYS = new Set(['err', 'error', 'cause', 'exception', 'exc', 'exc_info', 'stack', 'stacktrace', 'stack_trace', 'traceback']);

/** The text a logfmt record whose error field spans lines reads as; the text itself otherwise. */
export function logfmtRecordText(text: string): string {
  // Cheap tests first: every line of every entry passes here.
  const newline = text.indexOf('\n');
  const nl = newline < 0 ? text.length : newline;
  if (nl > MAX_FIRST_LINE || !KEY.test(text.slice(0, 66))) return text;
  const record: Record<string, string> = {};
  let hasMessage = false;
  let i = 0;
  for (let n = 0; n < MAX_PAIRS; n++) {
    const key = KEY.exec(text.slice(i, i + 66));
    if (!key) return text;
    const name = key[1] as string;
    const at = i + key[0].length;
    if (text[at] === "'") {
      const close = closingReprQuote(text, at + 1, nl);
      if (close < 0) return text;
      record[name] = pythonRepr(text.slice(at + 1, close));
      i = close + 1;
    } else if (text[at] === '"') {
      const close = closingQuote(text, at + 1, nl);
      if (close < 0) {
        // An open quote: only an error field may run past the first line, to a quote that ends the text.
        const end = text.trimEnd();
        if (!ERROR_KEYS.has(name.toLowerCase()) || !hasMessage || !end.endsWith('"') || end.length - 1 <= nl) return text;
        record[name] = end.slice(at + 1, -1);
        return jsonMessage(record)?.text ?? text;
      }
      record[name] = unquote(text.slice(at + 1, close));
      i = close + 1;
    } else {
      let end = at;
      while (end < nl && text[end] !== ' ' && text[end] !== '\t') end++;
      record[name] = text.slice(at, end);
      i = end;
    }
    hasMessage ||= MESSAGE_KEYS.has(name.toLowerCase());
    if (newline < 0 && i >= nl) return oneLineRecord(text, record, hasMessage);
    if (text[i] !== ' ' && text[i] !== '\t') return text; // the first line ended (or a pair ran into text)
    while (i < nl && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i >= nl) return newline < 0 ? oneLineRecord(text, record, hasMessage) : text; // every quote closed on the first line
  }
  return text;
}

/**
 * A record on one line says what its JSON twin says (a formatter's rollout from logfmt to JSON keeps its
 * problems): its message, and its error under it. Read so when it is a logger's record, a message among
 * three pairs or more, nothing but pairs (its level may have been read off as a header already); else
 * the text as it is.
 */
function oneLineRecord(text: string, record: Record<string, string>, hasMessage: boolean): string {
  if (!hasMessage || Object.keys(record).length < 3) return text;
  return jsonMessage(record)?.text ?? text;
}

/** Where the quote opened before `from` closes on the first line (before `lineEnd`), or -1. */
function closingQuote(text: string, from: number, lineEnd: number): number {
  for (let j = from; j < lineEnd; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') {
      // A quote inside the value that its printer did not escape (`cause="Exception in thread "main" …`)
      // is followed by a word, where a closing quote is followed by the end of the line or the next pair.
      let k = j + 1;
      while (k < lineEnd && (text[k] === ' ' || text[k] === '\t')) k++;
      if (k >= lineEnd || (k > j + 1 && KEY.test(text.slice(k, k + 66)))) return j;
    }
  }
  return -1;
}

/**
 * Where a value repr() put in single quotes closes on the first line, or -1: repr escapes every single
 * quote inside such a value, so the first unescaped one closes it.
 */
function closingReprQuote(text: string, from: number, lineEnd: number): number {
  for (let j = from; j < lineEnd; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === "'") return j;
  }
  return -1;
}

const REPR_ESCAPE = /\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([\\'"nrt]))/g;
const REPR_CHARS: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", '"': '"' };

/** The string a repr() in single quotes stands for (its quotes taken off): its escapes read back. */
function pythonRepr(value: string): string {
  if (!value.includes('\\')) return value;
  return value.replace(REPR_ESCAPE, (whole, x?: string, u?: string, big?: string, c?: string) => {
    const hex = x ?? u ?? big;
    if (hex === undefined) return REPR_CHARS[c as string] ?? whole;
    const code = Number.parseInt(hex, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function unquote(value: string): string {
  if (!value.includes('\\')) return value;
  try {
    return JSON.parse(`"${value}"`) as string;
  } catch {
    return value;
  }
}
