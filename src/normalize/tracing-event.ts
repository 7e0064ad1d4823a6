// tracing-subscriber's text formatters (Rust: axum, tonic, tower-http, sqlx…) print one event three ways.
// Full, the default: `2026-12-04T10:00:00.123456Z ERROR request{method=GET uri=/x}:search{q="tent"}:
// app::routes: search failed error=…`: the time, the level padded to five, the thread's name and id when
// asked, the spans the event is in (root first, each with its fields in braces), the target, the file and
// line when asked, then the message and the event's fields as ` key=value`. Compact: the span names with no
// fields, the spans' fields after the event's. Pretty: the line indented by two, no spans on it, the fields
// as `, key: value`, then `at file:line` and `in span with fields` lines (span-context.ts).
//
// The spans and the target say where and for which request an event was logged, not what happened: the
// message is what follows them. Pretty's fields read as Full prints them, so one event printed by either
// formatter (a rollout that changes it, a local run and the deployed one) is one text. Full's own text is
// kept as it is printed: a line read without its spans before reads the same now.
//
// Every piece is anchored and bounded; span fields are scanned once, up to a bound, quotes and nesting
// followed so a `}` or `: ` inside a value ends nothing.
import type { StrippedHeader } from './log-header.js';

// RFC 3339, as the default timer (SystemTime) and the `time` crate's Rfc3339 print it, then the spaces
// before a level padded to five columns.
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})(?= )/;
const LEVEL = /^(TRACE|DEBUG|INFO|WARN|ERROR) /;
// `with_thread_ids`: `ThreadId(02) `; `with_thread_names`: the name, right-aligned to the longest seen.
const THREAD_ID = /^ThreadId\(\d{1,20}\) /;
const THREAD_NAME = /^ {0,64}[\w.-]{1,64} /;
const SPAN_NAME = /^[A-Za-z_][\w.-]{0,63}/;
// A target with a path (`app::routes`, `tower_http::trace::on_failure`), and the line Pretty prints after it
// when the file is not shown (`app::routes:57:`). A one-word target (a binary crate's `search_api`, a custom
// `API`) cannot be told from a message's first word: it stays in the message, in every formatter alike.
const TARGET = /^[A-Za-z_][\w-]{0,63}(?:::[A-Za-z_][\w-]{0,63}){1,12}:(?:\d{1,7}:)? /;
// `with_file` and `with_line_number` on a single-line formatter: `src/routes.rs:57: `.
const FILE_LINE = /^[^\s:]{1,300}\.rs:\d{1,7}: /;
// A Pretty field after the message or another field: `, key: ` (a dotted key from `record_error`'s sources).
const PRETTY_KEY = /^([A-Za-z_][\w.]{0,63}): /;

/** Span lists longer than this are no header (a brace run in a message). */
const MAX_SPAN_CHARS = 4096;
const MAX_SPANS = 32;
/** Only this much of a Pretty line has its fields rewritten; the rest is left as it is. */
const MAX_FIELDS_CHARS = 8192;

type Formatter = 'full' | 'pretty';

/**
 * The event a tracing-subscriber formatter printed, its header (time, level, thread, spans, target, file)
 * off and Pretty's fields as Full prints them; null when the first line is not such an event. A Full line
 * counts only with a span list or a target with a path after its level: a time and a level alone are any
 * logger's, read by the header reader.
 */
export function tracingEvent(text: string): StrippedHeader | null {
  // The head is read off the text's first characters (no piece of it spans a line): most lines stop here.
  const head = readHead(text);
  if (head === null) return null;
  const lineEnd = text.indexOf('\n');
  const line = lineEnd < 0 ? text : text.slice(0, lineEnd);
  let at = head.end;
  let message: string;
  if (head.formatter === 'pretty') {
    const target = TARGET.exec(line.slice(at, at + 800));
    if (target) at += target[0].length;
    message = fullFields(line.slice(at));
  } else {
    const context = threadAndContext(line, at);
    if (context === null) return null;
    at = context;
    const file = FILE_LINE.exec(line.slice(at, at + 320));
    if (file) at += file[0].length;
    message = line.slice(at);
  }
  if (message.trim() === '') return null;
  return { rest: message + (lineEnd < 0 ? '' : text.slice(lineEnd)), level: head.level };
}

/**
 * A sample stored as a Full event's text before its spans were read as context (`request{method=GET
 * uri=/x}: app::routes: msg …`): the message it reads as now; null when the text opens with no span list.
 */
export function tracingSpansLeftover(text: string): string | null {
  const spans = spanList(text, 0);
  if (spans === null) return null;
  const target = TARGET.exec(text.slice(spans.end, spans.end + 800));
  if (!spans.braces && !target) return null;
  const rest = text.slice(spans.end + (target ? target[0].length : 0));
  return rest.trim() === '' ? null : rest;
}

/**
 * A sample stored as a Pretty event's message before its fields were read as Full prints them
 * (`msg, key: value, key2: value2`): its first line as it reads now (`msg key=value key2=value2`); null
 * when no field comes off.
 */
export function tracingPrettyFieldsLeftover(text: string): string | null {
  const lineEnd = text.indexOf('\n');
  const line = lineEnd < 0 ? text : text.slice(0, lineEnd);
  const full = fullFields(line);
  return full === line ? null : full + (lineEnd < 0 ? '' : text.slice(lineEnd));
}

interface Head {
  formatter: Formatter;
  level: string;
  /** Where the text after the level and its space starts. */
  end: number;
}

/**
 * The time and the padded level: Full's at the line's start, Pretty's after two spaces. With no time
 * (`without_time`) only Full's: an indented level alone may be anything's continuation.
 */
function readHead(line: string): Head | null {
  let indent = 0;
  while (indent < 4 && line.charCodeAt(indent) === 32) indent++;
  const time = TIME.exec(line.slice(indent, indent + 40));
  let at = indent;
  let formatter: Formatter;
  if (time) {
    if (indent !== 0 && indent !== 2) return null;
    formatter = indent === 2 ? 'pretty' : 'full';
    at += time[0].length + 1;
  } else {
    formatter = 'full';
    at = 0;
  }
  let pad = 0;
  while (pad < 2 && line.charCodeAt(at + pad) === 32) pad++;
  const level = LEVEL.exec(line.slice(at + pad, at + pad + 6));
  if (!level) return null;
  // The level is padded to five columns: ` INFO`, ` WARN`.
  if (pad !== 5 - (level[1] as string).length) return null;
  return { formatter, level: level[1] as string, end: at + pad + level[0].length };
}

/** Full's optional thread name and id, then its span list and target: where the message starts, or null. */
function threadAndContext(line: string, from: number): number | null {
  const id = THREAD_ID.exec(line.slice(from, from + 40));
  if (id) return context(line, from + id[0].length);
  const direct = context(line, from);
  if (direct !== null) return direct;
  const name = THREAD_NAME.exec(line.slice(from, from + 140));
  if (!name) return null;
  let at = from + name[0].length;
  const after = THREAD_ID.exec(line.slice(at, at + 40));
  if (after) at += after[0].length;
  return context(line, at);
}

/** The span list and the target after it; null when neither is there. */
function context(line: string, from: number): number | null {
  const spans = spanList(line, from);
  let at = spans?.end ?? from;
  const target = TARGET.exec(line.slice(at, at + 800));
  if (target) at += target[0].length;
  // Names alone before a one-word target (`shaving_yaks: yak_events: …`) read as a message's words.
  if (spans !== null && !spans.braces && !target) return null;
  return spans === null && !target ? null : at;
}

/**
 * `name{fields}:name2:` then a space: Full's spans (Compact's without braces). `braces`: some span had
 * fields, which no message's first words look like.
 */
function spanList(line: string, from: number): { end: number; braces: boolean } | null {
  let at = from;
  let braces = false;
  const limit = Math.min(line.length, from + MAX_SPAN_CHARS);
  for (let n = 0; n < MAX_SPANS; n++) {
    const name = SPAN_NAME.exec(line.slice(at, at + 64));
    if (!name) return null;
    at += name[0].length;
    if (line[at] === '{') {
      const close = closingBrace(line, at, limit);
      if (close < 0) return null;
      at = close + 1;
      braces = true;
    }
    if (line[at] !== ':') return null;
    at++;
    if (line[at] === ' ') return { end: at + 1, braces };
  }
  return null;
}

/** Where the brace opened at `open` closes, quotes and nesting followed; -1 before `limit`. */
function closingBrace(line: string, open: number, limit: number): number {
  let depth = 0;
  let quoted = false;
  for (let i = open; i < limit; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

/**
 * Pretty's `message, key: value, key2: value2` as Full prints it, `message key=value key2=value2`. A `, `
 * inside a Debug value (`PgDatabaseError { severity: Error, code: "57014" }`, `[a, b]`) or a quoted string
 * is the value's own.
 */
function fullFields(line: string): string {
  const head = line.length > MAX_FIELDS_CHARS ? line.slice(0, MAX_FIELDS_CHARS) : line;
  let out = '';
  let from = 0;
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < head.length; i++) {
    const c = head[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
    else if (c === ',' && depth === 0 && head[i + 1] === ' ') {
      const key = PRETTY_KEY.exec(head.slice(i + 2, i + 68));
      if (!key) continue;
      out += `${head.slice(from, i)} ${key[1]}=`;
      from = i + 2 + key[0].length;
      i = from - 1;
    }
  }
  return out + head.slice(from) + line.slice(head.length);
}
