// Records a server or a logger writes as several lines in one call that no error word marks line by
// line: a log line whose message is a Python traceback (its first line on the log line itself), and
// uWSGI's fixed blocks (a harakiri's status block, a failed response write and the Python plugin's
// `OSError: write error` under it). Cloud Run stores each line as an entry; the grammar
// (trace-grammar.ts) joins them as it joins a trace. The prefilter reads a line that continues one
// (mayBelongToTrace), as the server-side filter does (its `harakiri` phrase): uWSGI writes each status
// line in a call of its own, milliseconds apart, too far for the follow-up read's look-ahead. Every
// test is anchored and bounded, and a cheap substring test comes first, so a line that is none of
// these costs an `includes` or two.

import { continuesConsoleGemRecord, isFailureTitleRow, opensConsoleGemRecord } from './console-gem.js';

export type BlockState =
  | 'uwsgi-harakiri' | 'uwsgi-harakiri-end' | 'uwsgi-io' | 'uwsgi-io-end'
  | 'gin-recovery' | 'gin-error' | 'gin-frame' | 'gin-func' | 'gin-end'
  | 'swift-fatal' | 'swift-crash' | 'swift-thread' | 'swift-frame' | 'swift-gap' | 'swift-end'
  | 'console-in' | 'console-row' | 'console-end'
  | 'julia-open' | 'julia-row' | 'julia-end'
  | 'gem-open' | 'gem-row' | 'gem-title';

/** States a block may end in: a block cut short is still the block (its lines were written together). */
export const BLOCK_CAN_END: readonly BlockState[] = [
  'uwsgi-harakiri', 'uwsgi-harakiri-end', 'uwsgi-io', 'uwsgi-io-end', 'gin-error', 'gin-frame', 'gin-func', 'gin-end',
  'swift-fatal', 'swift-crash', 'swift-thread', 'swift-frame', 'swift-end', 'console-row', 'console-end',
  'julia-row', 'julia-end', 'gem-open', 'gem-row', 'gem-title',
];

const PY_TRACEBACK_OPEN = 'Traceback (most recent call last):';

/**
 * A log line that ends where a traceback starts (Falcon's `Request.log_error`: `2026-12-03 10:00:00
 * [FALCON] [ERROR] GET /x => Traceback (most recent call last):`): the frames follow on the next lines.
 * Whatever the prefix says, the traceback's first line is this line's end.
 */
export function opensTracebackInline(s: string): boolean {
  const end = s.trimEnd();
  return end.length > PY_TRACEBACK_OPEN.length && end.endsWith(PY_TRACEBACK_OPEN);
}

// uWSGI's master, with `log-date` (or its default time prefix in some builds): `Tue Dec  3 10:00:00 2026 - `.
const UWSGI_TIME = String.raw`(?:[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4} - )?`;
// `*** HARAKIRI ON WORKER 2 (pid: 31, try: 1) ***` (newer releases add `, graceful: yes`).
const HARAKIRI_HEAD = new RegExp(`^${UWSGI_TIME}\\*\\*\\* HARAKIRI ON (?:WORKER|MULE|SPOOLER) \\d{1,6} \\(pid: \\d{1,10}`);
// The verbose lines under it: `HARAKIRI: -- syscall> running`, `HARAKIRI !!! worker 2 status !!!`,
// `HARAKIRI [core 0] 10.0.0.1 - POST /upload since 1733220000`.
const HARAKIRI_LINE = new RegExp(`^${UWSGI_TIME}HARAKIRI(?:: -- | !!! | \\[core \\d{1,4}\\] )`);
const HARAKIRI_END = new RegExp(`^${UWSGI_TIME}HARAKIRI !!! end of (?:worker|mule|spooler) \\d{1,6} status !!!`);
// uWSGI's failed write: `uwsgi_response_writev_headers_and_body_do(): Broken pipe [core/writer.c line 306]
// during GET /x (10.0.0.1)`; the Python plugin then raises `OSError: write error` (IOError before 3.3).
const UWSGI_IO = new RegExp(`^${UWSGI_TIME}uwsgi_[a-z_]{1,80}\\(\\): [^\\[\\n]{1,120} \\[[\\w/.-]{1,80}\\.c line \\d{1,6}\\]`);
const UWSGI_WRITE_ERROR = /^(?:OSError|IOError): write error\s*$/;

// gin's Recovery middleware prints, in one write and in red (gin-gonic/gin recovery.go): `[Recovery]
// 2026/12/03 - 10:00:00 panic recovered:` (after the Go logger's own time), the panic's value, then
// each frame as its place and program counter (`/app/orders.go:88 (0xd245b7)`) over its function and
// source line (`\tGetOrder: c.JSON(…)`), then the colour reset alone. (In debug mode the request
// is dumped before the value: that block is not read here.)
const GIN_HEAD = /\[Recovery\] \d{4}\/\d{2}\/\d{2} - \d{2}:\d{2}:\d{2} panic recovered:\s*$/;
const GIN_FRAME = /^[^\s:]{1,400}:\d{1,7} \(0x[0-9a-f]{1,16}\)$/;
const GIN_FUNC = /^\t\S{1,200}: /;

/** A frame's place line of gin's Recovery output (`/app/orders.go:88 (0xd245b7)`). */
export function isGinFrame(s: string): boolean {
  return s.endsWith(')') && s.includes(' (0x') && GIN_FRAME.test(s);
}
/** The frame's place line for a server-side filter (RE2, at the start of a text): the prefilter reads it alone. */
export const GIN_FRAME_RE2 = String.raw`[^\s:]+:\d+ \(0x[0-9a-f]+\)(?:\n|$)`;

// Swift's backtracer (5.9+; swiftlang/swift docs/Backtracing.rst): a runtime trap's `Fatal error: …`
// (after its `file.swift:line:` place), `💣 Program crashed: System trap at 0x…` (`*** Program crashed:` with
// no terminal), `Thread 0 crashed:`, numbered frames `0 0x… RefundController.split(_:) + 412 in App at
// /app/…/Refund.swift:77:31` (with `[ra]`, `[inlined]` or `[system]` marks, source lines under them when
// sources are shown), other threads' `Thread 2:` and theirs, then `Backtrace took 0.41s`.
// The trap's line with its Swift source place: PHP prints a bare `Fatal error: Uncaught …` too.
const SWIFT_FATAL = /^[\w./-]{1,200}\.swift:\d{1,7}: Fatal error: \S/;
const SWIFT_CRASHED = /^(?:💣 |\*\*\* )Program crashed: \S/u;
const SWIFT_THREAD = /^Thread \d{1,5}(?: "[^"\n]{0,100}")?(?: crashed)?:\s*$/;
// With its address, any symbol (a runtime failure has no offset); without, a symbol and its offset.
const SWIFT_FRAME = /^\d{1,4} (?:\[[a-z]{1,12}\] ){0,3}(?:0x[0-9a-f]{4,16} \S[^\n]{0,300}? in \S|[^\n]{1,300}? \+ \d{1,9} in \S)/;
const SWIFT_TOOK = /^Backtrace took \d{1,6}(?:\.\d{1,3})?s\s*$/;

function isSwiftFrame(s: string): boolean {
  const c = s.charCodeAt(0);
  return c >= 48 && c <= 57 && s.includes(' in ') && SWIFT_FRAME.test(s);
}

// Symfony Console's rendering of an exception a command did not catch (Application::renderThrowable), on
// stderr: per exception, outer first, `In ExceptionConverter.php line 87:` (the file's base name, or `n/a`),
// then the message in a box of padded rows (two spaces in, padded with spaces to the box's width, wrapped at
// the terminal's; under -v the class in brackets first, `[Doctrine\DBAL\Exception\ConnectionException]`,
// and `Exception trace:` with its `  at /path/file.php:12` lines after), a blank row above and below. The
// command's synopsis follows the last box (`messenger:consume [-l|--limit LIMIT] … [--] [<receivers>...]`):
// the end of the block. Written so by every Symfony command and read alike.
const CONSOLE_SYNOPSIS = /^[a-z][\w-]{0,63}(?:(?::[\w-]{1,64}){1,4}(?: [^\n]{0,4000})?| (?:\[-|<)[^\n]{0,4000})$/;
const CONSOLE_IN = /^In [^\s/\\]{1,200} line (?:\d{1,7}|n\/a):\s*$/;

/** The first line of a box of Symfony Console's uncaught exception rendering (`In Foo.php line 12:`). */
export function opensConsoleBox(s: string): boolean {
  return s.startsWith('In ') && s.includes(' line ') && CONSOLE_IN.test(s.length > 260 ? s.slice(0, 260) : s);
}

/**
 * The text is Symfony Console's rendering (whole or joined): a box's first line, then a row of its message
 * (blank rows passed over). A command ends with it, exit status 1: CRITICAL, as an uncaught exception is.
 */
export function isConsoleBox(head: string): boolean {
  const lines = head.split('\n', 8);
  if (!opensConsoleBox(lines[0]!)) return false;
  const row = lines.slice(1).find((l) => l.trim() !== '');
  return row !== undefined && row.startsWith('  ');
}
/** The box's first line for a server-side filter (RE2, case-insensitive, at the start of a text). */
export const CONSOLE_IN_RE2 = String.raw`in [^\s/\\]+ line (?:\d+|n/a):`;

// Julia's ConsoleLogger (the Logging standard library's default logger, stdlib/Logging ConsoleLogger.jl)
// draws a record of more than one line as a box in its left margin, in one write: `┌ Error: message`, then
// `│ ` rows (the message's further lines; each keyword argument two spaces in, `│   key = value`, or
// `│   exception =` with the value's lines three spaces in: the error, `Stacktrace:` and its frames), and the
// last line `└ `, where Warn and Error records put the call's place (`└ @ Main.Tiles /app/src/tiles.jl:91`).
// A one-line record is `[ Info: message`. Rich's traceback box draws its rows between two bars (`│ … │`):
// a row ending in its bar is Rich's (shared/rich-traceback.ts).
const JULIA_ROW_END = /│[ \t]{0,400}$/;
const JULIA_BOX_HEAD = /^┌ (?:[A-Z][a-z]{1,10}|LogLevel\(-?\d{1,6}\)):(?: |$)/;

/** A row of Julia's ConsoleLogger box under its first line (`│   key = value`, `└ @ Main /app/x.jl:9`). */
export function continuesJuliaBox(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c === 0x2514) return s.length === 1 || s.charCodeAt(1) === 32; // └
  if (c !== 0x2502) return false; // │
  return s.length === 1 || (s.charCodeAt(1) === 32 && !JULIA_ROW_END.test(s.length > 1000 ? s.slice(-500) : s.slice(1)));
}

/** The first line of Julia's ConsoleLogger box: `┌ ` and a level (`┌ Error: `, `┌ Warning: `, `┌ LogLevel(-500): `). */
export function opensJuliaBox(s: string): boolean {
  return s.charCodeAt(0) === 0x250c && s.charCodeAt(1) === 32 && JULIA_BOX_HEAD.test(s.length > 64 ? s.slice(0, 64) : s);
}
/** The box's first line and rows for a server-side filter (RE2, at the start of a text). */
export const JULIA_BOX_RE2 = '[┌│└] ';

/** The state a block opened by this line is in, or null. */
export function openBlock(s: string): BlockState | null {
  if (s.includes('HARAKIRI ON ')) return HARAKIRI_HEAD.test(s) ? 'uwsgi-harakiri' : null;
  if (s.includes('uwsgi_')) return UWSGI_IO.test(s) ? 'uwsgi-io' : null;
  if (s.includes('[Recovery] ')) return GIN_HEAD.test(s.length > 200 ? s.slice(0, 200) : s) ? 'gin-recovery' : null;
  if (s.includes('Program crashed: ')) return SWIFT_CRASHED.test(s) ? 'swift-crash' : null;
  if (s.includes('Fatal error: ')) return SWIFT_FATAL.test(s) ? 'swift-fatal' : null;
  if (opensConsoleBox(s)) return 'console-in';
  if (opensJuliaBox(s)) return 'julia-open';
  // The Console gem's record (console-gem.ts): its first line at any level, its `| ` rows under it.
  if (opensConsoleGemRecord(s)) return 'gem-open';
  return null;
}

/**
 * A line that only ever continues a block (never opens one, never speaks alone for a problem); the
 * prefilter reads it (readsBlockLine) unless a follow rule pulls it after its head.
 */
export function continuesBlock(s: string): boolean {
  if (readsBlockLine(s)) return true;
  return (s.startsWith('Thread ') && SWIFT_THREAD.test(s)) || (s.startsWith('Backtrace took ') && SWIFT_TOOK.test(s)) || isSwiftFrame(s);
}

/** A line of a block the prefilter reads for itself: its lines come too far apart for a follow rule. */
export function readsBlockLine(s: string): boolean {
  if (isGinFrame(s)) return true;
  // A box's rows: a frame's or a keyword's row names no error, and the grammar joins them to their first line.
  if (continuesJuliaBox(s)) return true;
  return s.includes('HARAKIRI') && (HARAKIRI_END.test(s) || HARAKIRI_LINE.test(s)) && !HARAKIRI_HEAD.test(s);
}

/** The state after one more line (null: the line ends the block before it; undefined: not a block state). */
export function stepBlock(state: string, s: string): BlockState | null | undefined {
  switch (state) {
    case 'uwsgi-harakiri':
      if (!s.includes('HARAKIRI')) return null;
      if (HARAKIRI_END.test(s)) return 'uwsgi-harakiri-end';
      return HARAKIRI_LINE.test(s) ? 'uwsgi-harakiri' : null;
    case 'uwsgi-harakiri-end':
      return null;
    case 'uwsgi-io':
      return UWSGI_WRITE_ERROR.test(s) ? 'uwsgi-io-end' : null;
    case 'uwsgi-io-end':
      return null;
    case 'gin-recovery': // the panic's value, whatever it says
      if (s.trim() === '' || s.charCodeAt(0) === 9 || s.charCodeAt(0) === 32) return null;
      return isGinFrame(s) ? 'gin-frame' : 'gin-error';
    case 'gin-error':
      return isGinFrame(s) ? 'gin-frame' : null;
    case 'gin-frame':
    case 'gin-func':
      if (isGinFrame(s)) return 'gin-frame';
      if (state === 'gin-frame' && GIN_FUNC.test(s)) return 'gin-func';
      return s.trim() === '' ? 'gin-end' : null; // the colour reset, once colours are gone
    case 'gin-end':
      return null;
    case 'swift-fatal': // the trap's message, then the backtracer's report when it runs
      if (s.trim() === '') return 'swift-fatal';
      return SWIFT_CRASHED.test(s) ? 'swift-crash' : null;
    case 'swift-crash':
      if (s.trim() === '') return 'swift-crash';
      return SWIFT_THREAD.test(s) ? 'swift-thread' : null;
    case 'swift-thread':
    case 'swift-frame':
    case 'swift-gap':
      if (isSwiftFrame(s)) return 'swift-frame';
      if (s.trim() === '') return state === 'swift-thread' ? 'swift-thread' : 'swift-gap';
      if (state === 'swift-frame' && (s.charCodeAt(0) === 32 || s.charCodeAt(0) === 9)) return 'swift-frame'; // a source line under its frame
      if (state !== 'swift-thread' && SWIFT_THREAD.test(s)) return 'swift-thread'; // another thread's frames
      return state !== 'swift-thread' && SWIFT_TOOK.test(s) ? 'swift-end' : null;
    case 'swift-end':
      return null;
    case 'console-in': // the box's rows, blank or two spaces in; `Exception trace:` under -v
    case 'console-row':
      if (s.trim() === '' || s.startsWith('  ') || (state === 'console-row' && s.startsWith('Exception trace:'))) return 'console-row';
      if (state !== 'console-row') return null;
      if (opensConsoleBox(s)) return 'console-in'; // the previous exception's box
      return CONSOLE_SYNOPSIS.test(s) ? 'console-end' : null;
    case 'console-end':
      return null;
    case 'julia-open':
    case 'julia-row':
      if (!continuesJuliaBox(s)) return null;
      return s.charCodeAt(0) === 0x2514 ? 'julia-end' : 'julia-row';
    case 'julia-end':
      return null;
    case 'gem-open':
    case 'gem-row':
    case 'gem-title':
      if (!continuesConsoleGemRecord(s)) return null;
      return isFailureTitleRow(s) ? 'gem-title' : 'gem-row';

    default:
      return undefined;
  }
}
