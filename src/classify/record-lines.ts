// The lines of a cluster's multi-line records, each reduced so that the same line printed again
// (other numbers, ids, request tags) reads the same. A piece of a record (see Entry.piece) is put with
// the cluster whose records hold every line it has.
import { EX_TAIL } from '../shared/record-shapes.js';
import { problemText } from './problem-text.js';
import { withoutCheckpointRequest } from './checkpoint-request.js';

/** Most distinct lines a cluster keeps. */
export const MAX_RECORD_LINES = 128;
/** Most multi-line records (or pieces) a cluster reads lines from: the first few say what its records hold. */
export const MAX_LINE_RECORDS = 16;
/** Longest line kept, after reduction. */
const MAX_LINE_CHARS = 240;
/** Most lines read from one record. */
const MAX_LINES_PER_RECORD = 64;

// Rails repeats its request tags on each line of a message; the reassembler takes them off again.
const TAGS = /^(?:\[[^\]\n]{1,255}\] ?){1,8}/;
const UUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g;
// Any 0x literal (a pointer, an argument of a Go frame), and a long run of hex digits and letters.
const HEX_LITERAL = /\b0x[0-9a-fA-F]+\b/g;
const HEX = /\b[0-9a-fA-F]*\d[0-9a-fA-F]*[a-fA-F][0-9a-fA-F]*\b|\b[0-9a-fA-F]*[a-fA-F][0-9a-fA-F]*\d[0-9a-fA-F]*\b/g;
const DIGITS = /\d+/g;
const SPACE = /\s+/g;

/** One line as it is compared: tags, spacing, numbers, ids and hex set aside. null: a blank line. */
export function lineKey(line: string): string | null {
  const bounded = line.length > 4 * MAX_LINE_CHARS ? line.slice(0, 4 * MAX_LINE_CHARS) : line;
  const key = bounded
    .replace(TAGS, '')
    .replace(UUID, '<ID>')
    .replace(HEX_LITERAL, '<ID>')
    .replace(HEX, (m) => (m.length >= 8 ? '<ID>' : m))
    .replace(DIGITS, '0')
    .replace(SPACE, ' ')
    .trim();
  return key === '' ? null : key.slice(0, MAX_LINE_CHARS);
}

/**
 * Adds the lines of `text` to `lines` (bounded). The first line goes in as the problem text reads it,
 * so a context suffix that comes and goes (`[path=… method=…]`) does not make it another line.
 */
export function addRecordLines(lines: Set<string>, text: string): void {
  const all = text.split('\n', MAX_LINES_PER_RECORD);
  all[0] = problemText(all[0] as string);
  for (const line of all) {
    if (lines.size >= MAX_RECORD_LINES) return;
    const key = lineKey(line);
    if (key !== null) lines.add(key);
  }
}

/** The keys of every line of a text, in order (the first read as the problem text reads it). */
export function recordLineKeys(text: string): string[] {
  const lines = new Set<string>();
  addRecordLines(lines, text);
  return [...lines];
}

/** The key of a text's last line (read as addRecordLines reads it). */
export function lastLineKey(text: string): string | null {
  const nl = text.lastIndexOf('\n');
  return lineKey(nl < 0 ? problemText(text) : text.slice(nl + 1));
}

/**
 * A line that could tell one record from another: a word of three letters, not only a brace, a tag, a
 * number; and not the data a GenServer's report dumps after its frames (`Last message: …`, `State: …`),
 * which is the process's input at that moment, different in every report.
 */
export function informative(key: string): boolean {
  return /[A-Za-z]{3}/.test(key.replace(/<ID>/g, '')) && !EX_TAIL.test(key);
}

// A value alone on its line, quoted as util.inspect and Python's repr quote strings.
const QUOTED_VALUE = /^(?:'[^'\n]*'|"[^"\n]*"|`[^`\n]*`),?$/;
// The line that closes an array (util.inspect's `]`, `],`, `] }`).
const CLOSES_ARRAY = /^\],?(?: \}+,?)?$/;

/**
 * Of a text's line keys in order (recordLineKeys), the informative ones, save the elements of an array
 * util.inspect broke over lines (past its 80 columns: `params: [` / `    17999,` / `    'https://…',` /
 * `  ]`): a quoted value that another element follows (its comma) or that the array's `]` closes is the
 * data of one record, other in every record, as a number there is. A quoted value alone elsewhere says
 * what failed (Python's KeyError message as a JSON formatter prints it: `'email'`).
 */
export function informativeLines(keys: readonly string[]): string[] {
  return keys.filter((key, i) => informative(key) && !(QUOTED_VALUE.test(key) && (key.endsWith(',') || CLOSES_ARRAY.test(keys[i + 1] ?? ''))));
}

// java.util.logging's time and source line as lineKey leaves it (`Mar 0, 0 0:0:0 AM com.acme.X put`):
// the month and half of the day are values too.
const JUL_HEAD_TIME = /^[A-Z][a-z]{2} 0, 0 0:0:0 [AP]M (?=\S)/;

// A cause's line is the same line whether the trace says it is one (`Caused by: X: m`) or a record
// printed the cause's message alone: a JSON record read before its exception object was read as a
// trace (exception-object.ts) stored `X: m` as a line of its own.
const CAUSED_BY = 'Caused by: ';

/**
 * A line key with the values lineKey keeps set aside as well, for telling which records hold a piece's
 * line (not for ids: a key goes into a piece's id as it is).
 */
// The jar a JVM frame came from, which Log4j2's extended trace (`%xEx`) and Logback's packaging data print
// after it (`(Cls.java:0) ~[app-0.0.jar:0.0]`) and a JSON encoder's frame objects leave out.
const FRAME_PACKAGING = /\) {1,4}~?\[[^\]\n]{0,200}\]$/;

// StackTraceElement.toString's class loader and module (`at app//com.acme.X.f(…)`, `at
// org.jboss.resteasy.resteasy-core@6.2.7.Final//org.jboss…`): what a redeploy or a JDK update moves, and
// what an earlier release's redaction may have stored as `***@6.2.7.Final//…`. The frame is the class and
// method after the last `/` before its location, as the trace's signature reads it.
function withoutFrameLoader(key: string): string {
  const paren = key.indexOf('(');
  const slash = paren < 0 ? -1 : key.lastIndexOf('/', paren);
  return slash > 3 ? `at ${key.slice(slash + 1)}` : key;
}

// util.inspect's property holding an array of values on one line (`parameters: [ 4, 'SKU-G2KWYQ' ]`, the
// bound parameters Sequelize keeps on its DatabaseError): data, other in every record.
const INLINE_ARRAY = /^([A-Za-z_$][\w$]{0,63}: )\[ [^\n]{0,400} \](,?)$/;

// util.inspect's objects and arrays past its depth, `[Object]` and `[Array]`, in an array on one line
// (`insertErrors: [ [Object], [Object] ] }`): as many as there were items, other in every record.
const FOLDED_ITEMS = /\[ \[(?:Object|Array)\](?:, \[(?:Object|Array)\]){0,200} \]/g;
// A URL in a line is the request's or the resource's (`for url 'https://api.partner-d.example/v2/catalog?page=18'`),
// as the template miner masks it: the same error line for another host or page.
const URL = /\b[a-zA-Z][a-zA-Z0-9+.-]{0,15}:\/\/[^\s'"`<>]{1,2000}/g;
// util.inspect ends every element of an object or array with a comma but the last: the same property
// or element reads with one or without as more follow it or not (`{ errors: [Array], row: [Object] },`).
const ELEMENT_COMMA = /,$/;

export function looseKey(key: string): string {
  if (key.startsWith(CAUSED_BY)) key = key.slice(CAUSED_BY.length);
  if (key.endsWith(']') || key.endsWith('],')) key = key.replace(INLINE_ARRAY, '$1[ <*> ]$2');
  if (key.includes('[ [')) key = key.replace(FOLDED_ITEMS, '[ <*> ]');
  if (key.includes('://')) key = key.replace(URL, '<URL>');
  key = key.replace(ELEMENT_COMMA, '');
  if (key.startsWith('at ')) {
    if (key.endsWith(']')) key = key.replace(FRAME_PACKAGING, ')');
    key = withoutFrameLoader(key);
  }
  return JUL_HEAD_TIME.test(key) ? key.replace(JUL_HEAD_TIME, '<TIME> ') : withoutCheckpointRequest(key);
}
