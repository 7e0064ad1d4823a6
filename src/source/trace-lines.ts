// What one line of a multi-line trace or record is, told from the line alone: its kind (continues,
// opens, names an error, or plain) and the shapes the grammar (trace-grammar.ts) steps on. Every test
// looks at a bounded prefix of a line with anchored regexes, so no line, however long or odd, costs
// more than a few hundred characters of work.
import { isExcerptPlace, opensPythonFrames } from './python-record-parts.js';
import { playwrightBlockLine } from '../shared/playwright-blocks.js';
import { continuesDartTrace } from '../shared/dart-trace.js';
import { opensWithPaddedLevel, stripLogHeader } from '../normalize/index.js';

import { continuesJvmRecord } from './jvm-record-lines.js';
import { DOCS_LINK, EX_ERROR, EX_FRAME, EX_TAIL, fpmChildLine, JUL_HEAD, JUL_LEVEL, JUL_ROUTINE, NET_DETAIL, NPGSQL_DETAIL } from '../shared/record-shapes.js';
import { bareTags, isBareRubyFrame } from './ruby-lines.js';
import { statusMarker } from '../shared/status-marker.js';
import { isOcamlFrame } from '../shared/ocaml-backtrace.js';
import { SPAN_AT, SPAN_IN } from '../shared/span-context.js';
import { CODE_FRAME, EXCEPTION_FIELD, POINTER_LINE, STACK_BANNER } from '../shared/tail-lines.js';
import { continuesBlock, isGinFrame, openBlock } from '../shared/block-lines.js';
import { PRETTY_HEAD, PRETTY_LEVEL_FIRST } from '../shared/pretty-object.js';
import { ODL_OPEN } from '../shared/odl-record.js';

export { SPAN_AT, SPAN_IN };
export { DOCS_LINK, EX_ERROR, EX_FRAME, EX_TAIL, fpmChildLine, JUL_HEAD, JUL_LEVEL, JUL_ROUTINE, NET_DETAIL };

/**
 * What a line can be, told from the line alone:
 * - `cont`: only ever continues a trace (an indented frame or source line, a blank line, `Caused by:`,
 *   `goroutine 1 [running]:`, `main.main()`, `exit status 2`…);
 * - `start`: always opens one (`Traceback (most recent call last):`, `panic: …`);
 * - `head`: names an error (`ValueError: x`, `java.lang.X: y`, `… failed …`): may open a trace when frames
 *   follow, or end a Python one;
 * - `plain`: anything else; never part of a trace. (So a line is held only when it could be: a log
 *   line followed by frames is joined when it names an error, as they nearly always do.)
 */
export type LineKind = 'cont' | 'start' | 'head' | 'plain';

/** Longest prefix of a line that is looked at. */
export const PREFIX = 256;

const CONT_PREFIXES = [
  'Caused by: ', 'Suppressed: ', '... ', '--- End of ', 'During handling of the above exception',
  'The above exception was the direct cause', 'goroutine ', 'created by ', 'exit status ', '[signal ',
  // What SQLAlchemy's StatementError adds after its message.
  '[SQL: ', '[parameters: ', '(Background on this error at: ',
  // loguru marks the frame that caught the exception with `> `; Node ends a crash with its version and
  // a warning with how to trace it.
  '> File "', 'Node.js v', '(Use `',
];
export const PY_TRACEBACK = 'Traceback (most recent call last)';
// `java.lang.IllegalStateException: x`, `TypeError: x`, `Error [ERR_X]: x`, `Npgsql.PostgresException (0x80004005): x`.
// Node's console.trace(err) prints `Trace: ` before the error's own line and frames (`Trace: KnexTimeoutError:
// Knex: Timeout acquiring a connection…`, louislam/uptime-kuma#2346): the error's line all the same.
const TYPE_LINE = /^(?:Uncaught |Trace: )?((?:[A-Za-z_$][\w$]{0,100}\.){0,20}([A-Za-z_$][\w$]{0,100}))(?: \[[\w-]{1,64}\]| \(0x[0-9A-Fa-f]{1,16}\))?(?::|$)/;
const TYPE_SUFFIX = /(?:Error|Exception|Warning|Exit|Interrupt|Iteration|Fault|Failure|Panic|Throwable|Timeout)$/;
const ERROR_WORDS = /error|exception|throwable|panic|fatal|fail|traceback|\.rb:\d/i;

export const PY_FILE = /^(?:\s+|> )File "/;
// pydantic's ValidationError prints each error's location unindented, then its message indented.
export const PY_ERROR_LOCATION = /^[\w.[\]'"-]{1,128}$/;
// SQLAlchemy's StatementError adds the statement, its parameters and a link, each on its own line.
export const PY_MESSAGE_LINE = /^(?:\[SQL: |\[parameters: |\(Background on this error at: )/;
// Java `\tat a.B.c(B.java:1)`, Node `    at f (x.js:1:2)`, .NET `   at N.C.M() in x.cs:line 1`;
// Ruby `\tfrom app.rb:3:in 'f'` and Rails' indented `  app/x.rb:3:in 'f'`; Ruby's unindented frames (ruby-lines.ts).
const INDENTED_FRAME = /^\s+(?:at \S|(?:from )?\S{1,512}?:\d{1,7}:in [`'])/;
export const FRAME = { test: (s: string): boolean => INDENTED_FRAME.test(s) || isBareRubyFrame(s) || isOcamlFrame(s) };
export const MORE = /^\s*\.\.\. \d{1,9} (?:more|common frames omitted|levels\.\.\.|lines matching cause stack trace)/;
export const END_OF = /^\s*--- End of (?:inner exception )?stack trace/;
export const CAUSE = /^\s*(?:Caused by|Suppressed): /;
// A goroutine's header; a stack printed through Go's standard logger (`log.Println(string(debug.Stack()))`,
// as gorilla/handlers' recovery does after logging the panic's value in a write of its own) carries the
// logger's date and time on that first line only.
export const GOROUTINE = /^(?:\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})? )?goroutine \d{1,12} \[/;
const GO_FUNCTION_NAME = /^[\w./*-]{1,256}$/;
// zap's stacktrace (console encoder) names each frame's function without arguments: `main.(*Router).Assign`.
export const GO_BARE_FUNCTION = /^[\w-]{1,64}(?:\/[\w.-]{1,64}){0,12}\.[\w.*()-]{1,256}$/;
export const GO_FILE_LINE = /^\t\S{1,512}:\d{1,7}$/;
// .NET's simple console formatter: `fail: Category[EventId]`, then the message and exception indented.
export const NET_RECORD = /^(?:trce|dbug|info|warn|fail|crit): [^\s[\]]{1,256}\[\d{1,10}\]$/;
// V8's uncaught-exception output opens with the throwing line's place: `/app/cart.js:12`, `node:internal/x:289`.
export const NODE_SOURCE_PLACE = /^(?:\/|file:\/\/|node:)[^\s:]{1,512}:\d{1,7}$/;
// Node's process warnings: `(node:12) MaxListenersExceededWarning: …`, `(node:12) [DEP0005] DeprecationWarning: …`.
export const NODE_WARNING = /^\(node:\d{1,10}\) /;
// Python's warnings module: `/app/repo.py:57: LegacyAPIWarning: …`, then the source line indented.
export const PY_WARNING = /^[^\s:]{1,512}\.py:\d{1,7}: (?:[A-Za-z_]\w{0,100}\.){0,20}[A-Za-z_]\w{0,100}Warning: /;
// Ruby's Logger line (`F, [time #pid] FATAL -- : `) whose message starts with Rails' request tags.
export const RUBY_TAGGED_HEAD = /^[DIWEFAU], \[[^\]\n]{1,80}\] {1,6}[A-Z]{4,7} -- [^:\n]{0,128}: ((?:\[[^\]\n]{1,255}\] ){1,8})/;
// A line of a tagged multi-line message: the tags again (the first an id: letters, digits, dashes).
export const RUBY_TAGGED_LINE = /^\[(?=[\w-]{0,255}\d)[\w-]{8,255}\](?: \[[^\]\n]{1,255}\]){0,7} /;

// PHP's exception trace (`Throwable::getTraceAsString()`, also inside Monolog's `[stacktrace]` block):
// `#0 /app/x.php(12): Foo->bar()`, `#1 [internal function]: f()`, `#2 {main}`. Monolog's LineFormatter
// (`%message% %context% %extra%`) writes a record's context and extra after its message, so a message that
// ends in a trace ends `#33 {main} [] []` (Magento) or `#8 {main} {"memory":59469102} ` (Craft): the last frame.
export const PHP_MAIN_END = String.raw`\{main\}(?: (?:\[\]|\{\}|\{"[^\n]{0,2000}\})){0,2}\s*$`;
export const PHP_FRAME = new RegExp(String.raw`^#\d{1,5} (?:${PHP_MAIN_END}|\[internal function\]: |\S.{0,400}?\(\d{1,7}\): )`);
// PHP's uncaught exception ends with where it was thrown, indented by two spaces.
export const PHP_THROWN = /^\s{1,8}thrown in \S.{0,512} on line \d{1,7}\s*$/;
// Monolog's LineFormatter closes the context it opened on the message line (`{"exception":"[object] (…)`),
// then prints the extra: nothing where Laravel drops empty parts, `[]` on Monolog's default format, or the
// fields a processor added (`{"url":"/checkout",…}`).
export const PHP_CONTEXT_END = /^"?\}(?: \[\]| \{"[^\n]{0,2000}\})?\s*$/;
// The tail yii\\db\\Exception::__toString() puts under PHP's exception string (yiisoft/yii2's and
// yiisoft/db's db Exception): `Additional Information:`, then print_r of the PDO error info, whose own
// lines at the left edge are `Array`, `(` and the closing `)`. Alone, each says nothing.
export const PRINT_R_EDGE = /^(?:Additional Information:|Array|\(|\))\s*$/;
// Rust's panic message: `thread 'main' panicked at src/main.rs:3:5:` (1.73+, the message on the next
// line) or `thread 'main' panicked at 'msg', src/main.rs:3:5` (before); newer releases add the thread id.
export const RUST_PANIC = /^thread '[^'\n]{0,200}'(?: \(\d{1,20}\))? panicked at /;
// Rust's backtrace (RUST_BACKTRACE=1): `stack backtrace:` (anyhow: `Stack backtrace:`), then numbered
// frames `   3: app::main` each with its place `             at ./src/main.rs:31:47`.
export const RUST_FRAME = /^\s{1,12}\d{1,4}: \S/;
const RUST_NOTE = /^note: (?:run with `RUST_BACKTRACE=|Some details are omitted)/;
// Elixir's crash reports (Plug's `#PID<0.1.0> running Endpoint (…) terminated`, a GenServer's
// `GenServer X terminating`) then `** (Kind) message` and frames `    (app 1.2.3) lib/x.ex:12: Mod.fun/3`.
export const EX_PLUG_CRASH = /#PID<\d{1,10}\.\d{1,10}\.\d{1,10}> running \S.{0,200} terminated\s*$/;
export const EX_TERMINATING = /\b(?:GenServer|gen_server|GenStateMachine|gen_statem|gen_event|Task|Agent|:proc_lib) .{1,200} terminating\s*$/;
// Plug.Cowboy's report names the connection under its first line: `Server: host:port (scheme)` (or
// `Server: host (scheme)` when no port is known), then `Request: METHOD path?query`.
export const PLUG_SERVER = /^Server: [^\s:()]{1,255}(?::\d{1,5})? \(https?\)\s*$/;
export const PLUG_REQUEST = /^Request: [A-Z][A-Z-]{1,15} \/\S{0,2000}\s*$/;
// Monolog's line at a routine level: Laravel reports exceptions at ERROR and above; a DEBUG or INFO line
// carrying `"error":null` in its context heads no trace.
export const MONOLOG_ROUTINE = /^\[\d{4}-\d{2}-\d{2}[T ][^\]\n]{8,40}\] [\w-]{1,64}\.(?:DEBUG|INFO): /;
// Prisma's error message: `Invalid \`prisma.order.create()\` invocation in`, the caller's place, a code
// frame (`  29     async create(data) {`, the failing line marked `→ 30 …`), then what failed.
export const PRISMA_INVALID = /^Invalid `[^`\n]{1,200}` invocation(?: in)?:?\s*$/;
export const PRISMA_CODE = /^(?:\s{1,8}|→ {1,4}|❯ {1,4})\d{1,7} /;
// kombu's message when it cannot reach the broker ends with its retry on a line of its own.
export const KOMBU_RETRY = /^Trying again in \d{1,6}(?:\.\d{1,3})? seconds\.\.\.(?: \(\d{1,9}\/\d{1,9}\))?\s*$/;


/** A line that only ever continues a multi-line PHP, Rust, Elixir, java.util.logging or kombu record. */
function continuesStackRecord(s: string): boolean {
  return PHP_FRAME.test(s) || s === 'Stack trace:' || s === '[stacktrace]' || s.startsWith('[previous exception] ') ||
    PHP_CONTEXT_END.test(s) || s === 'stack backtrace:' || s === 'Stack backtrace:' || RUST_NOTE.test(s) ||
    s === 'Caused by:' || PRISMA_INVALID.test(s) || PRISMA_CODE.test(s) || EX_ERROR.test(s) || EX_TAIL.test(s) || JUL_LEVEL.test(s) || KOMBU_RETRY.test(s) ||
    PLUG_SERVER.test(s) || PLUG_REQUEST.test(s) || continuesJvmRecord(s) || continuesDartTrace(s);
}

/** The first line of a message, at most PREFIX characters, without a trailing CR. */
export function firstLine(text: string): string {
  let s = text.length > PREFIX ? text.slice(0, PREFIX) : text;
  const nl = s.indexOf('\n');
  if (nl >= 0) s = s.slice(0, nl);
  return s.endsWith('\r') ? s.slice(0, -1) : s;
}

/** The kind of a line already cut by firstLine (or any line of at most PREFIX characters). */
export function lineKind(s: string): LineKind {
  if (s === '') return 'cont';
  const child = fpmChildLine(s);
  if (child !== null) return child === '' ? 'plain' : lineKind(child);
  const marker = statusMarker(s);
  if (marker !== null) return markedKind(lineKind(s.slice(marker.length)), marker.level);
  const c = s.charCodeAt(0);
  // Indented: a frame, a source line, an inner exception; not a level padded to a column (log-header.ts).
  if ((c === 32 || c === 9) && !opensWithPaddedLevel(s)) return 'cont';
  if (s === '}') return 'cont'; // the end of the properties Node prints after an error's frames
  // print_r's edges and their label under Yii's exception string (PRINT_R_EDGE): held, as a piece's lines are.
  if (PRINT_R_EDGE.test(s)) return 'cont';
  // A server's fixed block (uWSGI's harakiri status, its failed write): no line of it says `error`.
  if (openBlock(s) !== null) return 'start';
  if (continuesBlock(s)) return 'cont';
  if (DOCS_LINK.test(s) || POINTER_LINE.test(s)) return 'cont'; // `Read more: https://…`, `See … for more information` under its message
  for (const prefix of CONT_PREFIXES) if (s.startsWith(prefix)) return 'cont';
  if (c >= 48 && c <= 57 && GOROUTINE.test(s)) return 'cont'; // behind Go's log stamp, as `goroutine ` above
  // A .NET exception's detail line (`File name: '…'`) under its message: held, and joined where the grammar takes it.
  if (NET_DETAIL.test(s)) return 'cont';
  // pino-pretty's header (its epoch time in brackets is no request tag: `[1522431328992] INFO (42 on foo):
  // msg`) heads a record; at a routine level it opens one too, as its properties come on the lines
  // below it (pretty-object.ts), and apart from it they would be pieces that name nothing.
  // ODL's header line closed by `[[` (GlassFish, Payara: shared/odl-record.ts) opens a record whose
  // message and exception are the lines under it, at any level, as .NET's category line does.
  if (c === 91 && ODL_OPEN.test(s)) return 'start';
  if (c === 91 || PRETTY_LEVEL_FIRST.test(s)) {
    if (PRETTY_HEAD.test(s)) return namesProblem(s) ? 'head' : 'start';
  }
  if (isBareRubyFrame(s) || isOcamlFrame(s)) return 'cont';
  if (isGoFunction(s) || RUBY_TAGGED_LINE.test(s) || continuesStackRecord(s)) return 'cont';
  // An exception's field under its heading (`Type: PDOException`, `Code: 2002`): held, and joined only where
  // the grammar takes it (under a heading, or `Type:` opening the block whose heading was lost).
  if (c === 84 || c === 67 || c === 77 || c === 70 || c === 76) { // T C M F L
    // Not Node's `Trace: KnexTimeoutError: …` (console.trace of an error): an error's line, not a field.
    if (EXCEPTION_FIELD.test(s) && !(c === 84 && isTypeLine(s))) return 'cont';
  }
  if (RUST_PANIC.test(s) || JUL_HEAD.test(s)) return 'start';
  // A source excerpt (Bun prints it above the error) and a banner announcing a stack (glog) open a record.
  if (CODE_FRAME.test(s) || STACK_BANNER.test(s)) return 'start';
  if (EX_PLUG_CRASH.test(s) || EX_TERMINATING.test(s)) return 'head';
  if (opensPythonFrames(s) || s.startsWith('panic: ') || s.startsWith('fatal error: ')) return 'start';
  // graphql's printLocation place line (`GraphQL request:2:3`) opens the excerpt under it (python-record-parts.ts).
  if (isExcerptPlace(s)) return 'start';
  if (NET_RECORD.test(s) || NODE_SOURCE_PLACE.test(s) || NODE_WARNING.test(s) || PY_WARNING.test(s)) return 'start';
  if (isTypeLine(s)) return 'head';
  // One word alone: a frame of zap's stacktrace (`main.(*Router).Assign`), a pydantic error location
  // (`price`, `items.0.currency`). Held, and joined only where the grammar expects one.
  if (GO_BARE_FUNCTION.test(s) || PY_ERROR_LOCATION.test(s)) return 'cont';
  // Playwright's `Call log:` and its boxed notice under an error's line (shared/playwright-blocks.ts).
  if (playwrightBlockLine(s)) return 'cont';
  return namesProblem(s) ? 'head' : 'plain';
}

function namesProblem(s: string): boolean {
  return ERROR_WORDS.test(s) || warnsInHeader(s) || INITIAL_LEVEL.test(s) || LEADING_WARNING.test(s) || NPM_ERROR.test(s);
}

/**
 * npm's error banner after a script failed or was stopped, printed in one write with every line
 * prefixed (`npm error code 1` or `npm error path /app`, `npm error command failed`, `npm error signal
 * SIGTERM`, `npm error command sh -c node server.js`, where its log is; `npm ERR!` before npm 10): its
 * first line heads the write (burst-lines.ts), whose later lines name no problem of their own.
 */
export const NPM_ERROR = /^npm (?:ERR!|error) /;

// A line that opens with the word warning says what it is without a log header: R's deferred `Warning
// message:` (then `In call : text`), Erlang's `=WARNING REPORT==== time ===` (then the report's text).
const LEADING_WARNING = /^[=[(*]{0,2}warn(?:ing)?\b/i;

/**
 * A line a status marker opens (` ⨯ TypeError: x`, `✖ build failed`) is printed afresh, never the
 * indented continuation its leading space would make it: an error or warning marker names a problem,
 * which frames may follow; any other is read by its message.
 */
function markedKind(rest: LineKind, level: string | undefined): LineKind {
  if (rest === 'start' || rest === 'head') return rest;
  return level === 'error' || level === 'warn' ? 'head' : 'plain';
}

// A log header's level above NOTICE that names no error (`logger.warning(msg, exc_info=True)`: Celery's
// `[… WARNING/MainProcess] consumer: Connection to broker lost…` then its traceback): the record's head.
// Serilog's `[12:00:01 WRN]`, `[12:00:01 FTL]` read as WARNING and FATAL (serilog-levels.ts).
const WARNING_WORD = /warn|crit|severe|alert|emerg|wrn|ftl|fatl/i;
const WARNING_LEVEL = /^(?:warn|warning|crit|critical|severe|alert|emerg|emergency|fatal)$/i;

// The same level cut to its initial after the time (Python's `%(levelname).1s`: `12:00:01.123 E asyncio
// Unclosed client session`, whose next lines say what was left open): a record's head as its word is.
const INITIAL_LEVEL = /^(?:\d{4}-\d{2}-\d{2}[T ])?\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})? [EWFC] /;

function warnsInHeader(s: string): boolean {
  if (!WARNING_WORD.test(s.length > 120 ? s.slice(0, 120) : s)) return false;
  const { level } = stripLogHeader(s);
  return level !== undefined && WARNING_LEVEL.test(level);
}

// A Ruby frame after Rails' request tags (`[id] app/models/x.rb:3:in 'f'`), or the tags alone.
const RUBY_TAGGED_PIECE = /^(?:\[[^\]\n]{1,255}\] ?){1,8}(?:\s*$|\s*\S{1,512}?:\d{1,7}:in [`'])/;

/**
 * A line that only ever continues a record and never speaks for one: an indented frame or property
 * line, a closing brace, `Caused by: …`, `... 12 more`, a goroutine header, a Rails tagged frame. An entry
 * made of such lines alone is a piece of a record whose head was lost. Stricter than `lineKind`'s
 * `cont`: a one-word line or a tagged message (`[id] Started GET`) may be a whole record.
 */
export function isPieceLine(s: string): boolean {
  if (s === '' || s.trim() === '') return false;
  if (statusMarker(s) !== null) return false;
  // uWSGI's `uwsgi_response_…(): Broken pipe … (10.0.0.1)` reads like a Go frame's function line: it opens its block.
  if (openBlock(s) !== null) return false;
  // gin's Recovery frame place (`/app/orders.go:88 (0xd245b7)`) says nothing alone.
  if (isGinFrame(s)) return true;
  if (DOCS_LINK.test(s) || POINTER_LINE.test(s)) return true;
  const child = fpmChildLine(s);
  if (child !== null) return isPieceLine(child);
  // PHP's frames and the markers around them, Rust's backtrace and its notes, `** (exit) …` of an Elixir
  // report, the time and place line of a java.util.logging record, kombu's retry: each says nothing alone.
  if (PHP_FRAME.test(s) || s === 'Stack trace:' || s === '[stacktrace]' || s.startsWith('[previous exception] ') || PHP_CONTEXT_END.test(s)) return true;
  if (PRINT_R_EDGE.test(s)) return true;
  if (s === 'stack backtrace:' || s === 'Stack backtrace:' || RUST_NOTE.test(s) || s === 'Caused by:' || KOMBU_RETRY.test(s)) return true;
  if (STACK_BANNER.test(s)) return true; // glog's `*** Check failure stack trace: ***`
  if (playwrightBlockLine(s)) return true; // Playwright's `Call log:`, a row of its box (shared/playwright-blocks.ts)
  if (EX_TAIL.test(s) || /^\*\* \(exit\) an exception was raised:\s*$/.test(s) || PLUG_SERVER.test(s) || PLUG_REQUEST.test(s)) return true;
  if (continuesJvmRecord(s)) return true;
  if (NET_DETAIL.test(s) || NPGSQL_DETAIL.test(s)) return true; // a .NET exception's detail line (`File name: '…'`, Npgsql's `DETAIL: …`)
  const c = s.charCodeAt(0);
  if (((c === 32 || c === 9) && !opensWithPaddedLevel(s)) || s === '}') return true;
  for (const prefix of CONT_PREFIXES) if (s.startsWith(prefix)) return true;
  if (c >= 48 && c <= 57 && GOROUTINE.test(s)) return true;
  if (isBareRubyFrame(s) || isOcamlFrame(s)) return true;
  // A Go stack frame's function line: `main.(*Server).handle(0xc000…, {…})`, `panic({0x8a1b20?, …})`.
  if (isGoFunction(s)) return true;
  // zap's stacktrace names a frame's function without arguments: `main.(*Router).Assign`,
  // `net/http.HandlerFunc.ServeHTTP` (a package path, then an exported name).
  if (GO_BARE_FUNCTION.test(s) && (s.includes('(*') || /\/[\w-]+\.[A-Z]/.test(s))) return true;
  return RUBY_TAGGED_PIECE.test(s.length > PREFIX ? s.slice(0, PREFIX) : s);
}

/**
 * The line opens a record of its own: it carries a log header that states a level (`2026-… INFO …`,
 * `I, […]  INFO -- : …`, `[INFO] …`, `[… INFO  search::indexer] …`, `W1204 …]`, .NET's `info: Category[0]`).
 * Such a line was logged as a record, so it never continues one that another line opened: it is the
 * message of no panic, the next line of no exception message. A line that only ever continues (`cont`:
 * an indented frame, java.util.logging's `SEVERE: …` level line, Rails' tagged line) is not asked; a
 * php-fpm worker's line is read by the line it carries, its wrapper being said again on every line.
 */
export function opensOwnRecord(s: string, kind: LineKind): boolean {
  if (kind === 'cont') return false;
  const line = fpmChildLine(s) ?? s;
  if (NET_RECORD.test(line)) return true;
  // A program's own `error: …` under the code frame it printed (Bun, rustc) names the error of that output.
  return !PROGRAM_LEVEL.test(line) && stripLogHeader(line).level !== undefined;
}

// A level word in lower case opening the line with a colon is how a program prints its error (Bun's `error:
// queue drained` under its code frame, rustc's `error[E0308]: …`), not a logger's header.
const PROGRAM_LEVEL = /^(?:error|warning|warn|fatal|note)(?:\[\w{1,16}\])?: /;

/** An exception type opening the line: dotted with a capitalised last part, or named like one. */
function isTypeLine(s: string): boolean {
  const m = TYPE_LINE.exec(s);
  if (!m) return false;
  const last = m[2]!;
  return (m[1] !== last && last.charCodeAt(0) >= 65 && last.charCodeAt(0) <= 90) || TYPE_SUFFIX.test(last);
}

// Python prints the exception's qualified name (`module.Type: msg`, `socket.gaierror: x`; builtins and
// __main__ unqualified: `KeyError: 1`, `Conflict: x`, `StopIteration`); not a level as logging's default
// format writes it (`INFO:name:message`).
const PY_QUALIFIED = /^(?:[A-Za-z_]\w{0,100}\.){1,20}[A-Za-z_]\w{0,100}(?::|$)/;
const PY_UNQUALIFIED = /^[A-Z]\w{0,100}(?::|$)/;
const PY_LOGGING_LEVEL = /^(?:DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|FATAL|NOTSET):/;

export function isPythonException(s: string): boolean {
  if (PY_LOGGING_LEVEL.test(s)) return false;
  return isTypeLine(s) || PY_QUALIFIED.test(s) || PY_UNQUALIFIED.test(s);
}

// A name alone, dotted or not (`elastic_transport.Con`, `Ty`): no message, no spaces.
const BARE_NAME = /^(?:[A-Za-z_]\w{0,100}\.){0,20}([A-Za-z_]\w{0,100})$/;

/**
 * A Python exception line that can only be the start of one cut short: a name with no message that is
 * not named like an exception (`elastic_transport.Con`, `Ty`). Python prints a bare name only for an
 * exception without a message, and those are named for what they are: `StopIteration`,
 * `KeyboardInterrupt`, `asyncio.CancelledError`.
 */
export function isCutExceptionName(s: string): boolean {
  const m = BARE_NAME.exec(s);
  return m !== null && !TYPE_SUFFIX.test(m[1]!) && !CAMEL_WORDS.test(m[1]!);
}

// A class name of two capitalised words or more, the last of three letters or more (`TimeLimitExceeded`,
// `DoesNotExist`, `PermissionDenied`): named for what it is, as exceptions without a message are, though
// not with one of the usual suffixes. A name cut short mostly stops within a word (`Con`, `ConnectionTi`).
const CAMEL_WORDS = /^(?:[A-Z][a-z\d]{1,40}){1,10}[A-Z][a-z\d]{2,40}$/;

/** Go's frame function line: `main.main()`, `main.(*Server).handle(0xc0001, {0x7f, 0x1})`, `panic({0x1, 0x2})`. */
export function isGoFunction(s: string): boolean {
  const open = s.indexOf('(');
  return open > 0 && s.endsWith(')') && GO_FUNCTION_NAME.test(s.slice(0, open));
}

export const isBlank = (s: string) => s.trim() === '';
export const isIndented = (s: string) => s.charCodeAt(0) === 32 || s.charCodeAt(0) === 9;

/** The request tags a Rails multi-line message repeats on each of its lines, or null. */
export function tagsOf(s: string): string | null {
  return RUBY_TAGGED_HEAD.exec(s)?.[1] ?? bareTags(s);
}

/**
 * A line that opens a trace and may come right after a log line naming the error, as
 * `logger.exception()` and uvicorn print (`ERROR:    Exception in ASGI application`, then
 * `Traceback …`) and logback does (the message line, then `java.lang.X: …` and its frames).
 */
export function takesHeader(s: string): boolean {
  return opensPythonFrames(s) || s.startsWith('Exception in thread "') || isTypeLine(s);
}
