// pino-pretty's record read back as the record pino wrote: the header line (`[12:34:56.789] ERROR
// (1234 on host): request error`), then the properties four spaces in (`    err: {`, its JSON six in,
// an error's stack under `"stack":` one line of it per line, `    }`; a scalar as `    key: value`).
// Read as pino's JSON record is (`{"level":50,"err":{…},"msg":"request error"}`: json-message.ts), so
// the logger printed pretty and printed as JSON is one problem: the error it carries, not the words
// every failed request shares.
import { stripLogHeader } from './log-header.js';
import { PRETTY_HEAD } from '../shared/pretty-object.js';

/** Most properties read back; a record rarely has more than a handful. */
const MAX_PROPS = 64;
/** Most lines of the text read (a stack may be long; the rest changes nothing). */
const MAX_LINES = 400;

// `    req: {` / `    tags: [`, and `    responseTime: 12`, four spaces in.
const OPEN = /^ {4}([\w$.@-]{1,100}): ([{[])\s*$/;
const SCALAR = /^ {4}([\w$.@-]{1,100}): (\S.{0,4000})$/;
const CLOSE = /^ {4}[}\]],?\s*$/;
// `      "message": "connect ECONNREFUSED",` inside an object; `      "stack":` with its lines below.
const FIELD = /^ {6}"((?:[^"\\]|\\.){1,200})": ?(.{0,8000}?),?\s*$/;

/** The record the text prints, with its message as `msg`, or null when the text is no such record. */
export function prettyRecord(text: string): Record<string, unknown> | null {
  const nl = text.indexOf('\n');
  // A record with no property to show is its header alone: its message without `(pid on host):`, as
  // the same record with properties reads (a host name differs from one container to the next).
  if (nl < 0) return headerMessage(text) === null ? null : { msg: headerMessage(text) };
  // Cheap first: a second line four spaces in, a word after them.
  if (!text.startsWith('    ', nl + 1) || text.charCodeAt(nl + 5) === 32) return null;
  const msg = headerMessage(text.slice(0, nl)) ?? loggedMessage(text.slice(0, nl));
  if (msg === null) return null;
  return withProperties({ msg }, text.slice(nl + 1).split('\n', MAX_LINES));
}

/**
 * pino-pretty's record as a past release stored a sample of it, its time and level taken off as a header:
 * the rest of the header line (`(1 on localhost): upstream slow`) with the property lines under it, or,
 * the header line stored apart, the property lines alone (`    req: {` …). Read as the record pino
 * wrote (no `msg` for the lines alone), so the sample finds the record read whole today; null when the
 * text opens with neither pino-pretty's source nor a property line, or its other lines are no properties.
 */
export function prettyRecordWithoutHeader(text: string): Record<string, unknown> | null {
  const nl = text.indexOf('\n');
  const first = nl < 0 ? text : text.slice(0, nl);
  const source = PID_SOURCE.exec(first);
  if (source !== null) {
    const msg = first.slice(source[0].length).trim();
    if (msg === '') return null;
    return nl < 0 ? { msg } : withProperties({ msg }, text.slice(nl + 1).split('\n', MAX_LINES));
  }
  if (!OPEN.test(first.trimEnd()) && !SCALAR.test(first)) return null;
  return withProperties({}, text.split('\n', MAX_LINES));
}

/** `record` with the property lines read into it; null when the first line is none. */
function withProperties(record: Record<string, unknown>, lines: readonly string[]): Record<string, unknown> | null {
  let props = 0;
  for (let i = 0; i < lines.length && props < MAX_PROPS; props++) {
    const line = lines[i]!.trimEnd();
    const open = OPEN.exec(line);
    if (open !== null) {
      let end = i + 1;
      while (end < lines.length && !CLOSE.test(lines[end]!)) end++;
      record[open[1]!] = open[2] === '{' ? objectOf(lines.slice(i + 1, end)) : lines.slice(i + 1, end).map((l) => valueOf(l.trim().replace(/,$/, '')));
      i = end + 1;
      continue;
    }
    const scalar = SCALAR.exec(line);
    if (scalar === null) return props === 0 ? null : record;
    record[scalar[1]!] = valueOf(scalar[2]!);
    i++;
  }
  return props === 0 ? null : record;
}

// pino-pretty's `(pid on host):` / `(name/pid):` before the message: not the message's words.
const SOURCE = /^\([^()\n]{1,200}\):\s?/;
// The same, as it opens a stored sample: only the shapes pino-pretty prints (`(1234 on host):`,
// `(name/1234 on host):`, `(name/1234):`), a process id in them, so a message that opens with words in
// parentheses is not read as one.
const PID_SOURCE = /^\((?:[\w.@-]{1,100}\/)?\d{1,10}(?: on [\w.-]{1,253})?\): ?/;

function messageOf(rest: string): string {
  return rest.replace(SOURCE, '');
}

/** The message after pino-pretty's header (PRETTY_HEAD: its epoch time too), or null. */
function headerMessage(line: string): string | null {
  const head = PRETTY_HEAD.exec(line);
  return head === null ? null : line.slice(head[0].length);
}

/** The message after another log header with a level, or null. */
function loggedMessage(line: string): string | null {
  const { level, rest } = stripLogHeader(line);
  return level === undefined ? null : messageOf(rest);
}

/** An object's fields, one a line; a field with no value on its line (`"stack":`) takes the lines below it. */
function objectOf(lines: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < lines.length; i++) {
    const field = FIELD.exec(lines[i]!.trimEnd());
    if (field === null) continue;
    const key = field[1]!;
    if (field[2] !== '') {
      out[key] = valueOf(field[2]!);
      continue;
    }
    let end = i + 1;
    while (end < lines.length && lines[end]!.startsWith('        ')) end++;
    const block = lines.slice(i + 1, end);
    const indent = Math.min(...block.map((l) => l.length - l.trimStart().length));
    out[key] = block.map((l) => l.slice(indent).trimEnd()).join('\n');
    i = end - 1;
  }
  return out;
}

function valueOf(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
