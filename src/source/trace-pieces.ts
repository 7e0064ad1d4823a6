// A record that is only part of a trace: its frames, `Caused by: …` and `... 12 more`, a traceback's
// head, and not one line that says what failed. Applications write one failure as two records more
// often than a reader can join them back: the message, then `$e->getTraceAsString()` on its own
// (Hyperf's and Laravel's handlers, `Log::error($e->getMessage()); Log::error($e->getTraceAsString())`
// in Symfony and Yii code alike, each one record); a line shipper that sends each line of a JVM trace
// as an event (fluentd, logstash and CloudWatch agents without a multiline rule); Python's `ERROR: msg`
// and its `Traceback (most recent call last):` apart (fluent-plugin-detect-exceptions#56). Such a
// record is no problem of its own: it belongs to the error its writer logged beside it
// (classify/piece-owners.ts). Told from the text alone, with the line grammar the reassembly uses.
import { FRAME, CAUSE, END_OF, GOROUTINE, GO_FILE_LINE, isPieceLine, MORE, PHP_FRAME, PREFIX, PY_FILE, RUST_FRAME } from './trace-lines.js';
import { opensPythonFrames } from './python-record-parts.js';
import type { Entry } from '../shared/types.js';

/** Most lines looked at: a piece longer than this is judged by its first lines. */
const MAX_LINES = 200;
// A record of one line alone (JBoss's stderr logger writes `printStackTrace()` a line a record, each
// frame at ERROR) keeps the problem it has: the issues earlier releases filed for such one-frame
// groups would otherwise become another problem's. Two lines of a trace in one record are a piece, and
// so is the line that opens a trace alone: PHP's `#0 …` (a trace string always starts there, and a
// logger's header on that line keeps the reassembly from joining the frames under it) and Python's
// `Traceback (most recent call last):`.
const MIN_LINES = 2;
const OPENS_PHP_TRACE = /^#0 /;

// A JVM or V8 frame that a logger's header took the indent from: `at com.acme.Cart.total(Cart.java:42)`,
// `at Object.handler (/app/index.js:12:5)`, `at java.base/java.lang.Thread.run(Unknown Source)`.
const BARE_FRAME = /^at \S{1,400}? ?\((?:[^()\s]{1,400}:\d{1,7}(?::\d{1,7})?|Native Method|Unknown Source)\)\s*$/;

/** A line that places a trace: a frame of any runtime the grammar knows, a cause, an omission, a head. */
function placesTrace(line: string): boolean {
  return PHP_FRAME.test(line) || FRAME.test(line) || PY_FILE.test(line) || BARE_FRAME.test(line) || MORE.test(line) ||
    CAUSE.test(line) || END_OF.test(line) || GOROUTINE.test(line) || GO_FILE_LINE.test(line) || RUST_FRAME.test(line) ||
    opensPythonFrames(line);
}

/**
 * Whether a message (its log header already set aside) is only pieces of a trace: every line one that
 * only ever continues a record (isPieceLine) or a traceback's head, and at least one a frame, a cause,
 * an omission or a head. One line that names the error (`ValueError: x`, `Order #1 failed`) or says
 * anything of its own makes it a record.
 */
export function isOnlyTracePieces(text: string): boolean {
  // Most records are one line, and one line alone is a piece only when it opens a trace: decided on
  // that line without the grammar's other patterns (this runs on every entry the companion ledger notes).
  if (!text.includes('\n')) {
    const line = text.slice(0, PREFIX).trim();
    if (!OPENS_PHP_TRACE.test(line) && !opensPythonFrames(line)) return false;
  }
  let placed = false;
  let seen = 0;
  let opens = false;
  // Line by line, so that a message fails on its first line without the rest being read.
  for (let from = 0, n = 0; from <= text.length && n < MAX_LINES; n++) {
    const nl = text.indexOf('\n', from);
    const end = nl < 0 ? text.length : nl;
    let line = text.slice(from, Math.min(end, from + PREFIX));
    from = end + 1;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() === '') continue;
    if (seen++ === 0) opens = OPENS_PHP_TRACE.test(line) || opensPythonFrames(line);
    const places = placesTrace(line);
    if (!places && !isPieceLine(line)) return false;
    placed ||= places;
  }
  return (seen >= MIN_LINES || (seen === 1 && opens)) && placed;
}

/** The same for an entry as the classifier took it (its text read, its header set aside). */
export const isTracePiece = (entry: Pick<Entry, 'text'>): boolean => isOnlyTracePieces(entry.text);
