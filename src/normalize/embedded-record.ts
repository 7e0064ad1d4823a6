// A JSON record printed inside a text line. A process manager or a sidecar that passes on what a
// program wrote puts its own prefix first (php-fpm's `[date] WARNING: [pool www] child 12 said into
// stderr: "…"`, a container runtime's time and stream); a line Cloud Run did not take for JSON stays
// text. The record inside is what the program logged: read as if it were the entry's jsonPayload, so
// the record printed bare and printed through a wrapper are one problem, and its own level is the
// entry's (fpm says WARNING of every line a worker writes to stderr, an INFO record's too).
//
// The record may come escaped (`{\"message\":…`: a wrapper that quotes what it passes on) and cut off
// (php-fpm cuts a worker's line at its `log_limit`, 1024 bytes by default): the fields that came whole
// are recovered from the prefix.
//
// So is the OpenTelemetry Java SDK's logging exporter's line (system-out-record.ts): a log record printed
// as text, the Java agent's INFO line around it.
import { MAX_JSON_DEPTH } from './json-message.js';
import { isRecord } from './is-record.js';
import { stripLogHeader } from './log-header.js';
import { systemOutRecord } from './system-out-record.js';

/** The wrapper's prefix is at most this long: a `{` further into the line is the message's own. */
const MAX_PREFIX_CHARS = 400;
/** A record is read from at most this much of the line. */
const MAX_RECORD_CHARS = 64 * 1024;

// The last text asked about and its answer: an entry's severity and its message both ask, one after
// the other, of the same string.
let lastText: string | undefined;
let lastRecord: Record<string, unknown> | null = null;

/** The JSON record a text line holds, whole or after a wrapper's prefix, or null when it holds none. */
export function embeddedRecord(text: string): Record<string, unknown> | null {
  if (text === lastText) return lastRecord;
  lastRecord = findRecord(text) ?? systemOutRecord(text);
  lastText = text;
  return lastRecord;
}

function findRecord(text: string): Record<string, unknown> | null {
  // Every text line is asked: only its head is searched, whatever its length.
  const brace = text.length > MAX_PREFIX_CHARS ? text.slice(0, MAX_PREFIX_CHARS + 1).indexOf('{') : text.indexOf('{');
  if (brace < 0 || (brace > 0 && text.lastIndexOf('\n', brace) >= 0)) return null;
  const lineEnd = text.indexOf('\n', brace);
  let body: string;
  if (brace === 0) body = lineEnd < 0 ? text : text.slice(0, lineEnd);
  else {
    // Only a prefix the header stripper reads as a header or a wrapper: `{` after words is the message's own.
    const { rest } = stripLogHeader(lineEnd < 0 ? text : text.slice(0, lineEnd));
    if (rest.charCodeAt(0) !== 0x7b || rest.length > text.length - brace) return null;
    body = rest;
  }
  if (body.length > MAX_RECORD_CHARS) body = body.slice(0, MAX_RECORD_CHARS);
  // `{\"`: the record as a quoted string's contents.
  if (body.startsWith('{\\"')) body = unescapeQuoted(body);
  else if (body.charCodeAt(1) !== 0x22 && !/^\{\s*"/.test(body.slice(0, 16))) return null;
  return parseRecord(body);
}

/** The record, whole or recovered from a prefix cut off at any point; null when no field came whole. */
function parseRecord(body: string): Record<string, unknown> | null {
  const end = body.trimEnd();
  if (end.endsWith('}')) {
    try {
      const whole: unknown = JSON.parse(end);
      return isRecord(whole) ? whole : null;
    } catch {
      // Cut off, or followed by something else: read the prefix.
    }
  }
  const prefix = completePrefix(body);
  if (prefix === null) return null;
  try {
    const recovered: unknown = JSON.parse(prefix);
    return isRecord(recovered) && Object.keys(recovered).length > 0 ? recovered : null;
  } catch {
    return null;
  }
}

/**
 * The longest prefix of `body` that ends after a whole value, with the brackets still open closed:
 * `{"a":1,"b":{"c":"x` -> `{"a":1}`. Null when the top object itself ends (its closing brace was
 * followed by something JSON.parse refused) or nothing came whole.
 */
function completePrefix(body: string): string | null {
  const open: number[] = [];
  let inString = false;
  let cut = -1;
  let cutOpen = '';
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (open.length >= MAX_JSON_DEPTH) return null;
      open.push(c);
    } else if (c === 0x7d || c === 0x5d) {
      open.pop();
      if (open.length === 0) return null;
      cut = i + 1;
      cutOpen = closers(open);
    } else if (c === 0x2c) {
      cut = i;
      cutOpen = closers(open);
    }
  }
  return cut < 0 ? null : body.slice(0, cut) + cutOpen;
}

function closers(open: readonly number[]): string {
  let out = '';
  for (let i = open.length - 1; i >= 0; i--) out += open[i] === 0x7b ? '}' : ']';
  return out;
}

/** A quoted string's contents as the text it stands for; an escape cut off at the end is dropped. */
function unescapeQuoted(body: string): string {
  let out = '';
  let from = 0;
  for (let i = body.indexOf('\\'); i >= 0 && i < body.length; i = body.indexOf('\\', i)) {
    out += body.slice(from, i);
    const next = body[i + 1];
    if (next === undefined) return out;
    out += next === 'n' ? '\n' : next === 't' ? '\t' : next;
    i += 2;
    from = i;
  }
  return out + body.slice(from);
}
