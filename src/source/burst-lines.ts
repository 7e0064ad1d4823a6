// The lines of one write that no grammar knows. A runtime that writes a record in one call (CakePHP's
// error with its `Request URL:` / `Client IP:` / `Stack Trace:` / `- file:line` lines, R's deferred
// `Warning message:` then `In call : text`, Erlang's `=WARNING REPORT====` then its text) gets one
// Cloud Run entry per line: same instance, same stream, stamped microseconds apart. The grammar joins
// the lines it knows (frames, `Caused by:`, a framework's prefixes); this rule joins the rest by how
// they were written, whatever they say: a line that opens no record of its own, stamped within the
// interleave of the line before it, after a record head, is a line of that record.
import { stripLogHeader } from '../normalize/index.js';
import { firstLine, JUL_HEAD, NPM_ERROR, opensOwnRecord, takesHeader, type LineKind } from './trace-lines.js';
import { JUL_ROUTINE, STAMPED_LINE } from '../shared/record-shapes.js';
import { bareHeaderLevel, leadsMessage } from './message-lead.js';
import { isRoutineLevel } from './stdout-line.js';
import { isExcerptPlace } from './python-record-parts.js';
import { PRISMA_CLI_ERROR } from '../normalize/failure-lines.js';

/** A line as the reassembly holds it, with what was asked of it once. */
export interface WriteItem {
  text: string;
  kind: LineKind;
  ownRecord?: boolean;
  write?: boolean;
}

/**
 * Whether the item may be a later line of a write (mayContinueWrite), opening no record of its own:
 * no log header stating a level, no log header at all, no time of day near its start, no HTTP
 * request line opening it (an access log's record). A line that carries its logger's header
 * (a time, a source) was written by a call of its own: Beego's RecoverPanic logs each line of a panic
 * under its own header, milliseconds apart, and those lines are records, not one write. (So is a
 * message that merely starts with a date: it is read alone, as before. So is a header with a level and
 * nothing after it, `[error] p.a.h.DefaultHttpErrorHandler - `, which the header parser leaves whole.)
 */
export function continuesWrite(item: WriteItem): boolean {
  if (item.write !== undefined) return item.write;
  const line = firstLine(item.text);
  item.ownRecord ??= opensOwnRecord(line, item.kind);
  item.write = mayContinueWrite(line, item.kind) && !item.ownRecord && !STAMPED_LINE.test(line) &&
    !REQUEST_LINE.test(line) && stripLogHeader(line).rest.length === line.length && !leadsMessage(line);
  return item.write;
}

/**
 * Whether a line may be a later line of a write whose head came before it: no continuation line of
 * the grammar's (`cont`: frames, indented lines; where those go is its business, and a head it read
 * them under has the lines it knows), no line that opens a trace of its own (`start`: a traceback, a
 * panic, a .NET category line), no exception line (one a header may take, `KeyError: 'k'`: a record
 * of its own when no trace joins the two), and not a JSON object (a structured record is one write of
 * its own). Whether it carries a log header of its own is asked by continuesWrite.
 */
export function mayContinueWrite(line: string, kind: LineKind): boolean {
  if (kind === 'cont' || kind === 'start') return false;
  if (line.charCodeAt(0) === 123) return false; // `{`
  return kind === 'plain' || !takesHeader(line);
}

/**
 * Whether a record opened by `first` (then `second`, java.util.logging's level line) is one whose write
 * may go on in lines no grammar knows: it states a level above INFO in its log header, opens a trace,
 * or its message opens with a word naming a problem (R's `Error in f() :`, `Warning message:`,
 * Erlang's `=ERROR REPORT====`). A line that merely mentions one (`cache stats: load_errors=0`,
 * `synced, 0 errors`) heads nothing here, and neither does an exception line (its record is what the
 * grammar reads under it) or a record of a routine level (an INFO header, `INFO:` under
 * java.util.logging's time line): lines after them are read alone, as before.
 */
export function headsWrite(first: string, kind: LineKind, second: string | undefined, routine: (line: string) => boolean): boolean {
  if (kind !== 'head' && kind !== 'start') return false;
  // Prisma's CLI error reads like an exception line, but no frames follow it: its message does, in
  // sentences, in the same write (`Error: P3009`, a blank line, `migrate found failed migrations …`).
  if (PRISMA_CLI_ERROR.test(first)) return true;
  if (kind === 'head' && takesHeader(first)) return false;
  if (routine(first)) return false;
  // A GraphQL excerpt's place line opens the excerpt only (python-record-parts.ts), no write of lines after it.
  if (kind === 'start') return !(JUL_HEAD.test(first) && second !== undefined && JUL_ROUTINE.test(firstLine(second))) && !isExcerptPlace(first);
  const { level, rest } = stripLogHeader(first);
  if (level !== undefined || PROBLEM_FIRST.test(rest) || NPM_ERROR.test(rest)) return true;
  // A header stating a level above INFO with nothing after it: its message is the write's next lines,
  // all of them (Spring Boot's failure analysis: `… ERROR 1 --- [main] o.s.b.d.LoggingFailureAnalysisReporter   : `,
  // then the `APPLICATION FAILED TO START` banner, `Description:` and `Action:` with their text).
  const bare = bareHeaderLevel(first);
  return bare !== undefined && !isRoutineLevel(bare);
}

// A message opening with a word that names a problem, after at most two marks (`=`, `[`, `*`).
const PROBLEM_FIRST = /^[=[(*<]{0,2}(?:error|err|warning|warn|fatal|critical|crit|crash|panic|exception|failure|failed)\b/i;

// An HTTP request line opening the line (morgan's `GET /api/orders 200 610 ms`): an access log record.
const REQUEST_LINE = /^(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) \//;

/**
 * Whether the item is a record another writer put among a write's lines: it opens a record of its own
 * by its header (a level, a time), or is a JSON object; not a line that would end the write by what it
 * is (a continuation, a trace's start, an exception line), which no write goes on across.
 */
export function otherWrite(item: WriteItem): boolean {
  if (continuesWrite(item) || item.kind === 'cont' || item.kind === 'start') return false;
  return item.kind !== 'head' || !takesHeader(firstLine(item.text));
}
