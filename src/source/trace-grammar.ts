// How the lines of a multi-line trace follow one another, for joining back a trace that Cloud Run
// split into one entry per line: Python tracebacks (chained ones too), Java / Kotlin, Node, .NET,
// Go panics and Ruby backtraces, and the multi-line records some loggers write in one call (.NET's
// console formatter, Rails' exception block, zap's console stacktrace, Node's crash and warning output,
// Python's warnings). What a single line is lives in trace-lines.ts; here, the states and the segmentation.
import {
  CAUSE, DOCS_LINK, END_OF, firstLine, FRAME, GO_BARE_FUNCTION, GO_FILE_LINE, GOROUTINE, isBlank, isGoFunction, isIndented, isPythonException,
  lineKind, MORE, NET_DETAIL, NET_RECORD, NODE_SOURCE_PLACE, NODE_WARNING, PREFIX, PY_ERROR_LOCATION, PY_FILE, PY_MESSAGE_LINE, PY_TRACEBACK,
  PY_WARNING, RUBY_TAGGED_HEAD, RUBY_TAGGED_LINE, isPieceLine, opensOwnRecord, tagsOf, takesHeader, type LineKind,
  EX_ERROR, EX_FRAME, EX_TAIL, MONOLOG_ROUTINE, EX_PLUG_CRASH, EX_TERMINATING, fpmChildLine, JUL_HEAD, JUL_LEVEL, JUL_ROUTINE, KOMBU_RETRY, PHP_CONTEXT_END, PHP_FRAME, PHP_MAIN_END,
  PHP_THROWN, PLUG_REQUEST, PRINT_R_EDGE, PLUG_SERVER, PRISMA_CODE, PRISMA_INVALID, RUST_FRAME, RUST_PANIC, SPAN_AT, SPAN_IN,
} from './trace-lines.js';
import { continuesWrite, headsWrite, otherWrite } from './burst-lines.js';
import { JVM_CAN_END, stepJvmRecord, type JvmState } from './jvm-trace-steps.js';
import { JAVA_EXCEPTION } from './jvm-record-lines.js';
import { netMessageUnder } from './dotnet-lines.js';
import { bareTags } from './ruby-lines.js';
import { isLeadMessage, leadsMessage } from './message-lead.js';
import { stepNodeCrash } from './node-crash-lines.js';
import { DART_CAN_END, DART_UNHANDLED, stepDartTrace, type DartState } from '../shared/dart-trace.js';
import { withoutStatusMarker } from '../shared/status-marker.js';
import {
  AT_ADDRESS_FRAME, CARET_LINE, CODE_FRAME, CONTEXT_ITEM, DATA_LABEL, EXCEPTION_TYPE_FIELD, FIELD_RULE, isFieldLine, PG_CONTEXT_LINE, POINTER_LINE, STACK_BANNER, STACK_NOTE, VERSION_TRAILER,
} from '../shared/tail-lines.js';
import { BLOCK_CAN_END, openBlock, opensTracebackInline, stepBlock, type BlockState } from '../shared/block-lines.js';
import { PRETTY_CAN_END, PRETTY_HEAD, stepPrettyObject, type PrettyObjectState } from '../shared/pretty-object.js';
import { RICH_BOX_TOP, stepRichTraceback, type RichTracebackState } from '../shared/rich-traceback.js';
import { opensRichRecord } from '../normalize/index.js';
import { ODL_CLOSE, ODL_HEADER, ODL_OPEN } from '../shared/odl-record.js';
import { closesSqlStatement, isExcerptLine, isExcerptPlace, opensPythonFrames, opensSqlStatement, PY_STACK_INFO } from './python-record-parts.js';
import { isConsoleGemMessageRow } from '../shared/console-gem.js';
import { STAMPED_LINE } from '../shared/record-shapes.js';
import { openPlaywright, PLAYWRIGHT_CAN_END, stepPlaywright, type PlaywrightState } from './playwright-lines.js';

/** Where a trace is, after one of its lines. */
export type TraceState =
  | 'py-head' | 'py-frame' | 'py-code' | 'py-exc' | 'py-msg' | 'py-loc' | 'py-gap' | 'py-chain'
  | 'go-panic' | 'go-gap' | 'go-goroutine' | 'go-func' | 'go-loc' | 'go-end' | 'go-stack-func' | 'go-stack-loc'
  | 'header' | 'header-open' | 'header-msg' | 'header-gap' | 'frames-head' | 'frames' | 'frames-cause' | 'node-props' | 'node-end'
  | 'node-source' | 'node-gap' | 'node-version' | 'node-warning' | 'node-warning-end'
  | 'net-record' | 'net-exception' | 'net-frames' | 'rb-tagged' | 'py-warning' | 'py-warning-end'
  /** ODL's record (GlassFish, Payara): its lines under the `[[` header line, then the one `]]` ends. */
  | 'odl-record' | 'odl-end'
  | 'php-stack' | 'php-frames' | 'php-main' | 'php-gap' | 'php-prev' | 'php-end'
  | 'rs-panic-open' | 'rs-panic' | 'rs-bt' | 'rs-frame' | 'rs-end' | 'any-gap' | 'any-cause' | 'any-chain'
  | 'ex-report' | 'ex-term' | 'ex-exit' | 'ex-exc' | 'ex-exc-more' | 'ex-msg' | 'ex-msg-gap' | 'ex-frames' | 'ex-tail'
  | 'jul-head' | 'jul-record' | 'kombu-retry' | 'prisma-invalid' | 'prisma-bare' | 'prisma-place' | 'prisma-code' | 'prisma-msg' | 'prisma-error'
  | JvmState | DartState | BlockState | PrettyObjectState | RichTracebackState | PlaywrightState | 'node-error' | 'docs-link'
  | 'field' | 'frames-data' | 'code-lead' | 'code-tail' | 'addr-stack' | 'addr-frames' | 'py-context'
  /** SQLAlchemy's statement before its closing `]`; a source excerpt's place line (python-record-parts.ts). */
  | 'py-sql' | 'code-place'
  /** A record's stack_info: its banner, then the caller's frames, which end the record (no exception line). */
  | 'py-stack' | 'py-stack-frame' | 'py-stack-code'
  /** A record's lines of one write that no grammar knows (burst-lines.ts): nothing steps from it. */
  | 'write'
  /** tracing-subscriber's Pretty event context: its `at file:line` line, then its `in span with fields` lines. */
  | 'span-at' | 'span-in';

/**
 * States a trace may end in; a trace cut off by a truncated write is still a trace. So is a record cut
 * right after a line that announces more (`[stacktrace]`, `stack backtrace:`, `Caused by:`, Plug's
 * `Server:` / `Request:` and `** (exit) …:`, Prisma's `Invalid … invocation in` and its code frame):
 * the lines were written together, and apart each would be a record of its own that names nothing.
 */
const CAN_END: ReadonlySet<TraceState> = new Set<TraceState>([
  'py-head', 'py-frame', 'py-code', 'py-exc', 'py-msg', 'go-panic', 'go-goroutine', 'go-func', 'go-loc', 'go-end', 'go-stack-loc',
  'frames', 'frames-cause', 'node-props', 'node-end', 'node-version', 'node-source', 'node-warning', 'node-warning-end',
  'net-record', 'net-exception', 'net-frames', 'rb-tagged', 'py-warning', 'py-warning-end', 'odl-record', 'odl-end',
  'php-stack', 'php-frames', 'php-main', 'php-end', 'rs-panic', 'rs-bt', 'rs-frame', 'rs-end', 'any-cause', 'any-chain',
  'ex-report', 'ex-exit', 'ex-exc', 'ex-exc-more', 'ex-msg', 'ex-frames', 'ex-tail', 'jul-record', 'kombu-retry',
  'prisma-invalid', 'prisma-bare', 'prisma-place', 'prisma-code', 'prisma-msg', 'node-error', 'docs-link', ...JVM_CAN_END, ...DART_CAN_END, ...BLOCK_CAN_END, ...PRETTY_CAN_END,
  'field', 'frames-data', 'code-lead', 'code-tail', 'addr-stack', 'addr-frames', 'header-msg', 'py-context',
  'span-at', 'span-in', 'rich-head', 'rich-box', 'rich-end', ...PLAYWRIGHT_CAN_END, 'py-stack-frame', 'py-stack-code',
]);

/** The states of a Console gem record (shared/block-lines.ts). */
const GEM_STATES: ReadonlySet<TraceState> = new Set<TraceState>(['gem-open', 'gem-row', 'gem-title']);

/** Most lines of other writers in a row that a trace goes on across. */
export const MAX_OTHERS = 3;

/** The state a trace opened by this line is in, or null when the line cannot open one. */
function openTrace(line: string, kind: LineKind = lineKind(line)): TraceState | null {
  const s = withoutStatusMarker(fpmChildLine(line) ?? line);
  // A goroutine dump whose panic line was not read (or a dump on SIGQUIT) is still one trace.
  if (GOROUTINE.test(s)) return 'go-goroutine';
  // So are the records whose first lines were lost, from the line that says where they are: Plug's
  // report at its connection lines, an Elixir error at its `** (Kind)` line, java.util.logging's record
  // at its level line (its time and source line lost).
  if (kind === 'cont') {
    if (PLUG_SERVER.test(s) || PLUG_REQUEST.test(s)) return 'ex-report';
    if (EX_ERROR.test(s)) return elixirError(s);
    // Prisma's message under a class line that was lost: what failed and the frames are still under it.
    if (PRISMA_INVALID.test(s)) return prismaInvalid(s);
    if (bareTags(s) !== null) return 'rb-tagged'; // Rails' exception block, tagged with no level header
    if (CODE_FRAME.test(s)) return 'code-lead'; // a source excerpt whose line numbers are right-aligned
    if (EXCEPTION_TYPE_FIELD.test(s)) return 'field'; // an exception's field block whose heading was lost
    if (RICH_BOX_TOP.test(s)) return 'rich-box'; // Rich's traceback box whose RichHandler line was lost
    const playwright = openPlaywright(s); // Playwright's call log or notice whose error line was lost
    if (playwright !== null) return playwright;
    return JUL_LEVEL.test(s) ? 'jul-record' : null;
  }
  if (kind === 'plain') return null;
  if (kind === 'start') {
    if (opensPythonFrames(s)) return pythonFrames(s);
    if (isExcerptPlace(s)) return 'code-place';
    if (NET_RECORD.test(s)) return 'net-record';
    if (ODL_OPEN.test(s)) return 'odl-record';
    if (NODE_SOURCE_PLACE.test(s)) return 'node-source';
    if (NODE_WARNING.test(s)) return 'node-warning';
    if (PY_WARNING.test(s)) return 'py-warning';
    if (RUST_PANIC.test(s)) return s.trimEnd().endsWith(':') ? 'rs-panic-open' : 'rs-panic';
    if (JUL_HEAD.test(s)) return 'jul-head';
    if (CODE_FRAME.test(s)) return 'code-lead';
    if (STACK_BANNER.test(s)) return 'addr-stack';
    if (PRETTY_HEAD.test(s)) return 'pretty-head';
    return openBlock(s) ?? 'go-panic';
  }
  if (EX_PLUG_CRASH.test(s)) return 'ex-report';
  // RichHandler's line: its message may go on under it, then its traceback box (rich-traceback.ts).
  if (opensRichRecord(s)) return 'rich-head';
  // A log line whose message is the traceback itself (Falcon's `… [ERROR] GET /x => Traceback (most
  // recent call last):`): the traceback starts on it, whatever its prefix.
  if (opensTracebackInline(s)) return 'py-head';
  if (DART_UNHANDLED.test(s)) return 'dart-unhandled';
  if (MONOLOG_ROUTINE.test(s)) return null;
  if (EX_TERMINATING.test(s)) return 'ex-term';
  if (JAVA_EXCEPTION.test(s)) return 'jvm-exception';
  if (RUBY_TAGGED_HEAD.test(s)) return 'rb-tagged';
  // A log header with nothing after it (Play's `[error] p.a.h.DefaultHttpErrorHandler - `), or whose
  // message announces more (`… ->`): its message is on the next line (message-lead.ts).
  return leadsMessage(s) ? 'header-open' : 'header';
}

/** The state a Python frames banner opens: a traceback's (an exception line ends it) or a record's stack_info. */
function pythonFrames(s: string): TraceState {
  return s.startsWith(PY_STACK_INFO) ? 'py-stack' : 'py-head';
}

/** The state after one more line, or null when the line does not continue the trace. */
function stepTrace(state: TraceState, line: string, tags: string | null): TraceState | null {
  const cut = line.length > PREFIX ? line.slice(0, PREFIX) : line.endsWith('\r') ? line.slice(0, -1) : line;
  // A php-fpm worker's line, wrapped, steps as the line itself: a wrapped trace joins as a bare one.
  const s = fpmChildLine(cut) ?? cut;
  // A pointer to the message's documentation (`Read more: https://…`) under a line naming an error or at
  // the end of a record: part of it, as the message's own words are.
  if ((state === 'header' || CAN_END.has(state)) && (DOCS_LINK.test(s) || POINTER_LINE.test(s))) return 'docs-link';
  // Playwright's call log and boxed notice under its error's line (playwright-lines.ts).
  const playwright = stepPlaywright(state, s, FRAME.test);
  if (playwright !== undefined) return playwright === 'frame' ? frameState(s) : playwright;
  // A throwable printed indented under its record's line (java.util.logging's OneLineFormatter, as Tomcat
  // writes it: the exception line one tab in, its frames two; pino-pretty's error logged as the record,
  // `    Error: kaboom` and its frames under the header): the exception the record heads.
  if ((state === 'header' || state === 'header-msg' || state === 'field') && isIndented(s) && takesHeader(s.trimStart())) return 'frames-head';
  // pino-pretty's properties under its log line (pretty-object.ts): the record's own lines.
  const pretty = stepPrettyObject(state, s, state === 'header' || state === 'header-msg');
  if (pretty !== undefined) return pretty;
  // A .NET exception's own lines under its first line, before its frames (trace-lines.ts): its frames follow.
  if (NET_DETAIL.test(s) && (state === 'header' || state === 'frames-head' || state === 'any-gap')) return 'frames-head';
  const rich = stepRichTraceback(state, s, isPythonException);
  if (rich !== undefined) return rich;
  const tail = stepTail(state, s);
  if (tail !== undefined) return tail;
  const stack = stepStackRecord(state, s);
  if (stack !== undefined) return stack;
  const jvm = stepJvmRecord(state, s);
  if (jvm !== undefined) return jvm;
  const crash = stepNodeCrash(state, s);
  if (crash !== undefined) return crash;
  const dart = stepDartTrace(state, s);
  if (dart !== undefined) return dart;
  const block = stepBlock(state, s);
  if (block !== undefined) return block;
  switch (state) {
    case 'py-head':
      return PY_FILE.test(s) ? 'py-frame' : null;
    case 'py-frame':
    case 'py-code':
      if (PY_FILE.test(s)) return 'py-frame';
      if (isIndented(s) && !isBlank(s)) return 'py-code';
      return isPythonException(s) ? 'py-exc' : null; // the exception line ends the traceback
    case 'py-exc':
    case 'py-msg':
      // The rest of a multi-line message: indented lines, SQLAlchemy's statement lines, pydantic's
      // error locations (each followed by its indented message).
      if (isIndented(s) && !isBlank(s)) return 'py-msg';
      // SQLAlchemy's statement over several lines, a GraphQL error's excerpt, the record's stack_info
      // after its exception (python-record-parts.ts).
      if (opensSqlStatement(s)) return 'py-sql';
      if (isExcerptPlace(s)) return 'code-place';
      if (s.startsWith(PY_STACK_INFO)) return 'py-stack';
      // SQLAlchemy's statement lines; the fields a driver puts in the message (psycopg's `DETAIL:  …`,
      // `LINE 1: …`, `HINT:  …`, and what PostgreSQL says a CONTEXT is).
      if (PY_MESSAGE_LINE.test(s) || isFieldLine(s) || PG_CONTEXT_LINE.test(s)) return 'py-msg';
      // The `>` that closes a repr printed over several lines as the message (grpc's
      // `<_InactiveRpcError of RPC that terminated with:` … `>`, rpc-repr.ts).
      if (s.trimEnd() === '>' && state === 'py-msg') return 'py-msg';
      if (PY_ERROR_LOCATION.test(s) && !isGoFunction(s)) return 'py-loc';
      if (isBlank(s)) return 'py-gap';
      return s.startsWith('During handling of the above exception') || s.startsWith('The above exception was the direct cause')
        ? 'py-chain'
        : null;
    case 'py-loc':
      return isIndented(s) && !isBlank(s) ? 'py-msg' : null;
    case 'py-sql': // the statement's further clauses, up to the line that closes it
      if (isBlank(s) || opensPythonFrames(s)) return null;
      return closesSqlStatement(s) ? 'py-msg' : 'py-sql';
    case 'py-stack':
      return PY_FILE.test(s) ? 'py-stack-frame' : null;
    case 'py-stack-frame':
    case 'py-stack-code':
      if (PY_FILE.test(s)) return 'py-stack-frame';
      return isIndented(s) && !isBlank(s) ? 'py-stack-code' : null;
    case 'code-place': // printLocation's place line: its numbered lines follow
      return CODE_FRAME.test(s) ? 'code-tail' : null;
    case 'py-gap':
      if (isBlank(s)) return 'py-gap';
      if (s.startsWith(PY_STACK_INFO)) return 'py-stack';
      return s.startsWith('During handling of the above exception') || s.startsWith('The above exception was the direct cause')
        ? 'py-chain'
        : null;
    case 'py-chain':
      if (isBlank(s)) return 'py-chain';
      return s.startsWith(PY_TRACEBACK) ? 'py-head' : null;
    case 'go-panic':
      if (isBlank(s)) return 'go-gap';
      if (GOROUTINE.test(s)) return 'go-goroutine';
      return s.startsWith('[signal ') || s.startsWith('panic: ') || isIndented(s) ? 'go-panic' : null;
    case 'go-gap':
      if (isBlank(s)) return 'go-gap';
      if (GOROUTINE.test(s)) return 'go-goroutine';
      return s.startsWith('exit status ') ? 'go-end' : null;
    case 'go-goroutine':
      return isGoFunction(s) || s.startsWith('created by ') ? 'go-func' : null;
    case 'go-func':
      return isIndented(s) && !isBlank(s) ? 'go-loc' : null;
    case 'go-loc':
      if (isGoFunction(s) || s.startsWith('created by ')) return 'go-func';
      if (isBlank(s)) return 'go-gap';
      if (GOROUTINE.test(s)) return 'go-goroutine'; // the next goroutine, its blank line dropped
      if (s.startsWith('...additional frames elided...')) return 'go-loc';
      return s.startsWith('exit status ') ? 'go-end' : null;
    case 'go-end':
      return null;
    case 'go-stack-func':
      return GO_FILE_LINE.test(s) ? 'go-stack-loc' : null;
    case 'go-stack-loc':
      return GO_BARE_FUNCTION.test(s) || isGoFunction(s) ? 'go-stack-func' : null;
    case 'docs-link': // frames may still follow the message and its link (an Elixir error's too)
      if (EX_FRAME.test(s)) return 'ex-frames';
      if (isExcerptPlace(s)) return 'code-place'; // httpx's link, then the GraphQL error's excerpt
      if (opensPythonFrames(s)) return pythonFrames(s); // a Python message's link, then its exception or stack_info
      return FRAME.test(s) ? frameState(s) : null;
    case 'header': // a line naming an error: frames, or a trace that takes it as its header
      if (SPAN_AT.test(s)) return 'span-at';
      if (FRAME.test(s)) return frameState(s);
      if (s.startsWith(' ---> ')) return 'frames-head';
      if (opensPythonFrames(s)) return pythonFrames(s);
      // A Python record's message parts under its first line (python-record-parts.ts).
      if (opensSqlStatement(s)) return 'py-sql';
      if (PY_MESSAGE_LINE.test(s)) return 'py-msg';
      if (isExcerptPlace(s)) return 'code-place';
      if (GOROUTINE.test(s)) return 'go-goroutine'; // net/http: `http: panic serving 10.0.0.1:5000: …`
      // zap's console encoder: the stacktrace field, whose functions carry no argument list (a panic's do).
      if (GO_BARE_FUNCTION.test(s) && !s.endsWith(')')) return 'go-stack-func';
      if (s === 'Stack trace:' || s === '[stacktrace]') return 'php-stack';
      if (s === 'Caused by:') return 'any-cause';
      if (isBlank(s)) return 'any-gap';
      if (KOMBU_RETRY.test(s)) return 'kombu-retry';
      if (PRISMA_INVALID.test(s)) return prismaInvalid(s);
      return takesHeader(s) ? 'frames-head' : null;
    case 'header-open': { // a log header whose message is on the next lines (message-lead.ts)
      if (isBlank(s)) return 'header-open';
      const asHeader = stepTrace('header', s, null);
      if (asHeader !== null) return asHeader;
      const kind = lineKind(s);
      return (kind === 'head' || kind === 'plain') && isLeadMessage(s) ? 'header-msg' : null;
    }
    case 'header-msg': // the message under its header: it names the error, as a header line does
    case 'header-gap':
      return isBlank(s) ? 'header-gap' : stepTrace('header', s, null);
    case 'span-at':
    case 'span-in':
      return SPAN_IN.test(s) ? 'span-in' : null;
    case 'frames-head':
      if (FRAME.test(s)) return frameState(s);
      // A Prisma error's stack: its line holds the message's empty first line, the message follows.
      if (PRISMA_INVALID.test(s)) return prismaInvalid(s);
      return s.startsWith(' ---> ') ? 'frames-head' : null; // .NET inner exceptions before the frames
    case 'frames':
    case 'frames-cause':
      if (FRAME.test(s)) return frameState(s);
      if (MORE.test(s) || END_OF.test(s)) return 'frames';
      if (CAUSE.test(s)) return 'frames-cause';
      return nodeExit(s);
    case 'node-props': // `  code: 'ECONNREFUSED',`, `  [cause]: Error: …` and its frames, then `}`
      if (isIndented(s) && !isBlank(s)) return 'node-props';
      return s.trimEnd() === '}' ? 'node-end' : null;
    case 'node-end':
    case 'node-error': // an error printed in brackets, without frames
      return nodeExit(s);
    case 'node-gap':
      return nodeExit(s);
    case 'node-version':
      return null;
    case 'node-source': // the source line and the caret under it, a blank line, then the error and its frames
      if (isIndented(s) || isBlank(s)) return 'node-source';
      return takesHeader(s) ? 'frames-head' : null;
    case 'node-warning':
      return s.startsWith('(Use `') ? 'node-warning-end' : null;
    case 'node-warning-end':
      return null;
    case 'py-warning':
      return isIndented(s) && !isBlank(s) ? 'py-warning-end' : null;
    case 'py-warning-end':
      return null;
    case 'net-record': // every line of the record is indented under its category line
      // The message comes first, then the exception's own line (`System.X: …`), then its frames: a
      // frame right under the category line or the message is another record's (one whose head was
      // lost), written while this one was.
      if (!isIndented(s) || isBlank(s) || FRAME.test(s)) return null;
      return netExceptionLine(s) ? 'net-exception' : 'net-record';
    case 'net-exception': // the exception's message may run over several lines before its frames
      if (FRAME.test(s)) return 'net-frames';
      return isIndented(s) && !isBlank(s) ? 'net-exception' : null;
    case 'net-frames':
      // Under the frames, only more of the exception: frames, an inner exception and its end marker,
      // lines indented deeper than the message. A line at the message's indent is another record's.
      if (FRAME.test(s) || END_OF.test(s) || /^\s+---> /.test(s) || /^ {7,}\S|^\t{2,}\S/.test(s)) return 'net-frames';
      return null;
    case 'odl-record':
      // Whatever the lines say (the message, an exception's lines, its frames), up to the `]]` that
      // closes the record. A line of another record opens with its own header and is stopped before,
      // also another ODL header line written at the same moment by another thread.
      if (ODL_HEADER.test(s)) return null;
      return ODL_CLOSE.test(s) ? 'odl-end' : 'odl-record';
    case 'odl-end':
      return null;
    case 'rb-tagged':
      if (tags === null ? RUBY_TAGGED_LINE.test(s) : s.startsWith(tags)) return 'rb-tagged';
      return stepTrace('header', s, null); // a line naming an error may still head frames
    default:
      return null; // stepStackRecord's states
  }
}

/** A line of a .NET record that opens its exception: `System.X: message`, or an inner ` ---> System.Y: …`. */
function netExceptionLine(s: string): boolean {
  const t = s.trim();
  return takesHeader(t) || t.startsWith('---> ');
}


/**
 * The states of PHP's, Rust's, Elixir's, java.util.logging's and kombu's multi-line records (undefined:
 * not one of theirs).
 */
function stepStackRecord(state: TraceState, s: string): TraceState | null | undefined {
  switch (state) {
    // PHP: `Stack trace:` (an uncaught exception) or Monolog's `[stacktrace]`, `#N` frames, then where it
    // was thrown or the end of Monolog's context; a previous exception (`Next X: …`, `[previous exception]`)
    // brings its own frames.
    case 'php-stack':
      return PHP_FRAME.test(s) ? 'php-frames' : null;
    case 'php-frames':
      if (PHP_FRAME.test(s)) return phpFrameState(s);
      if (PHP_THROWN.test(s) || PHP_CONTEXT_END.test(s)) return 'php-end';
      if (isBlank(s)) return 'php-gap';
      return previousPhpException(s) ? 'php-prev' : null;
    case 'php-main':
      // After the trace's last frame, a field closing the block an error renderer printed (Slim's `Tips: …`).
      if (isFieldLine(s)) return 'php-end';
      return stepStackRecord('php-frames', s);
    case 'php-gap':
      if (isBlank(s)) return 'php-gap';
      if (PHP_CONTEXT_END.test(s)) return 'php-end';
      return previousPhpException(s) ? 'php-prev' : null;
    case 'php-prev':
      return s === 'Stack trace:' || s === '[stacktrace]' ? 'php-stack' : null;
    case 'php-end':
      return null;
    // Rust: the panic's message (on its own line since 1.73), then a note on how to get a backtrace, or the
    // backtrace and a note on how to get all of it.
    case 'rs-panic-open':
      return isBlank(s) || isIndented(s) ? null : 'rs-panic';
    case 'rs-panic':
      if (s.startsWith('note: ')) return 'rs-end';
      return s === 'stack backtrace:' ? 'rs-bt' : null;
    case 'rs-bt':
      return RUST_FRAME.test(s) ? 'rs-frame' : null;
    case 'rs-frame':
      if (RUST_FRAME.test(s) || /^\s+at \S/.test(s)) return 'rs-frame';
      return s.startsWith('note: ') ? 'rs-end' : null;
    case 'rs-end':
      return null;
    // anyhow's `{:?}`: the error, a blank line, `Caused by:` and its causes indented (numbered when more
    // than one), then its backtrace when one was captured.
    case 'any-gap':
      if (isBlank(s)) return 'any-gap';
      if (s === 'Caused by:') return 'any-cause';
      return s === 'Stack backtrace:' ? 'rs-bt' : null;
    case 'any-cause':
      return isIndented(s) && !isBlank(s) ? 'any-chain' : null;
    case 'any-chain':
      if (isIndented(s) && !isBlank(s)) return 'any-chain';
      if (s === 'Stack backtrace:') return 'rs-bt';
      return isBlank(s) ? 'any-gap' : null;
    // Elixir: Plug's report (`Server:`, `Request:`, `** (exit) an exception was raised:`), or a process's
    // `… terminating`; then `** (Kind) message`, the message's further lines, the frames, and a
    // GenServer's last message and state.
    case 'ex-report':
      if (s.startsWith('Server: ') || s.startsWith('Request: ')) return 'ex-report';
      return elixirError(s);
    case 'ex-term':
    case 'ex-exit':
      return elixirError(s);
    case 'ex-exc':
      if (EX_FRAME.test(s)) return 'ex-frames';
      if (isIndented(s) && !isBlank(s)) return 'ex-exc';
      return elixirTail(s) ? 'ex-tail' : null;
    case 'ex-exc-more': // the message goes on after its first line's colon (Ecto's query)
    case 'ex-msg':
    case 'ex-msg-gap':
      if (EX_FRAME.test(s)) return 'ex-frames';
      if (isBlank(s)) return state === 'ex-msg' ? 'ex-msg-gap' : state;
      if (ELIXIR_LOGGER_LINE.test(s) || elixirTail(s)) return null;
      return 'ex-msg';
    case 'ex-frames':
      if (EX_FRAME.test(s)) return 'ex-frames';
      return elixirTail(s) ? 'ex-tail' : null;
    case 'ex-tail':
      return elixirTail(s) || (isIndented(s) && !isBlank(s)) ? 'ex-tail' : null;
    // java.util.logging: the level and message under the time and source, then a thrown exception.
    case 'jul-head':
      return JUL_LEVEL.test(s) ? 'jul-record' : null;
    case 'jul-record':
      // SimpleFormatter prints a thrown exception as printStackTrace does, its own line first: a frame
      // right under the message is another record's (one whose head was lost), written meanwhile.
      return takesHeader(s) ? 'frames-head' : null;
    case 'kombu-retry':
      return null;
    // Prisma's message (under the line that logged it, and again as the error's own message).
    case 'prisma-invalid':
      return PRISMA_PLACE.test(s) ? 'prisma-place' : null;
    // `invocation:` with no call site under it (a bundled client): blank lines, then what failed.
    case 'prisma-bare':
      if (PRISMA_PLACE.test(s)) return 'prisma-place'; // Prisma 4 put the place under the colon form too
      if (isBlank(s)) return 'prisma-bare';
      return isPrismaMessage(s) ? 'prisma-msg' : null;
    case 'prisma-place':
    case 'prisma-code':
      if (PRISMA_CODE.test(s) || isBlank(s)) return 'prisma-code';
      return state === 'prisma-code' && !isIndented(s) ? 'prisma-msg' : null;
    case 'prisma-msg':
      if (FRAME.test(s)) return frameState(s);
      if (takesHeader(s)) return 'prisma-error';
      // What failed may take more lines, after a blank one: P1001's `Can't reach database server at …`,
      // then `Please make sure your database server is running at …`.
      return isBlank(s) || isPrismaMessage(s) ? 'prisma-msg' : null;
    case 'prisma-error':
      if (FRAME.test(s)) return frameState(s);
      return PRISMA_INVALID.test(s) ? prismaInvalid(s) : null;
    default:
      return undefined;
  }
}

// The caller's place under `Invalid \`…\` invocation in` (`/app/dist/orders/orders.service.js:41:37`).
const PRISMA_PLACE = /^\S{1,512}:\d{1,7}:\d{1,7}\s*$/;

/**
 * Prisma's message opens `Invalid \`prisma.x.y()\` invocation in` and the caller's place, or, where it read
 * no call site, `invocation:` and (after blank lines) what failed (createErrorMessageWithContext).
 */
function prismaInvalid(s: string): TraceState {
  return s.trimEnd().endsWith(':') ? 'prisma-bare' : 'prisma-invalid';
}

/** What failed, under Prisma's bare `invocation:` line: text, indented or not, that is no frame and no record of its own. */
function isPrismaMessage(s: string): boolean {
  if (FRAME.test(s)) return false;
  const text = s.trimStart();
  return text.charCodeAt(0) !== 123 && isLeadMessage(text); // `{`: a JSON record
}

/**
 * The tail lines of tail-lines.ts where they follow a record (undefined: the other steps decide):
 * - under a line naming an error or an exception line not yet at its frames, the error's fields
 *   (pgjdbc's `  Detail: …`, Npgsql's `DETAIL: …`), and then the frames as before;
 * - among frames, a block of fields under its label (Npgsql's `  Exception data:`);
 * - above an error, the source excerpt and caret Bun prints; under one, a code frame;
 * - under a line naming an error, a banner announcing a stack of `@ 0x…` frames (glog);
 * - under a line naming an error, the items of asyncio's context (`future: <Task …>`), then its traceback.
 */
function stepTail(state: TraceState, s: string): TraceState | null | undefined {
  switch (state) {
    case 'header':
    case 'jvm-exception':
    case 'frames-head':
      if (FRAME.test(s) || CAUSE.test(s)) return undefined;
      if (state === 'header' && CONTEXT_ITEM.test(s)) return 'py-context';
      if (isFieldLine(s)) return 'field';
      // The heading's underline, its fields under it (FIELD_RULE).
      if (state === 'header' && FIELD_RULE.test(s)) return 'field';
      if (state === 'frames-head' && isBlank(s)) return 'frames-head'; // .NET's blank line before an inner error's DETAIL
      if (state !== 'header') return undefined;
      if (STACK_BANNER.test(s)) return 'addr-stack';
      return CODE_FRAME.test(s) ? 'code-tail' : undefined;
    case 'field':
      if (isFieldLine(s) || PG_CONTEXT_LINE.test(s) || CARET_LINE.test(s)) return 'field';
      // An exception's field block goes on with its trace (`Trace: #0 …`, then `#1 …`).
      if (s.startsWith('Trace: ') && PHP_FRAME.test(s.slice(7))) return phpFrameState(s.slice(7));
      if (PHP_FRAME.test(s)) return phpFrameState(s);
      if (FRAME.test(s)) return frameState(s);
      if (MORE.test(s) || END_OF.test(s)) return 'frames';
      if (CAUSE.test(s)) return 'frames-cause';
      return s.startsWith(' ---> ') ? 'frames-head' : nodeExit(s);
    case 'frames-cause': // right under `Caused by: …`, the cause's fields before its frames (pgjdbc's `  Detail: …`)
      if (isFieldLine(s) && !FRAME.test(s) && !CAUSE.test(s)) return 'field';
      return DATA_LABEL.test(s) && !CAUSE.test(s) ? 'frames-data' : undefined;
    case 'frames':
      return DATA_LABEL.test(s) && !CAUSE.test(s) ? 'frames-data' : undefined;
    case 'frames-data':
      if (isIndented(s) && isFieldLine(s)) return 'frames-data';
      if (FRAME.test(s)) return frameState(s);
      if (MORE.test(s) || END_OF.test(s)) return 'frames';
      return CAUSE.test(s) ? 'frames-cause' : nodeExit(s);
    case 'code-lead': // Bun: the excerpt and caret, then the error and its frames
      if (isExcerptLine(s) || CARET_LINE.test(s) || isBlank(s)) return 'code-lead';
      // A GraphQL error's excerpt whose place line was lost, then the record's Python frames.
      if (opensPythonFrames(s)) return pythonFrames(s);
      if (takesHeader(s)) return 'frames-head';
      return lineKind(s) === 'head' ? 'header' : null;
    case 'code-tail':
      if (isExcerptLine(s) || CARET_LINE.test(s)) return 'code-tail';
      // A GraphQL error's excerpt in a Python record: its traceback or stack_info next.
      if (opensPythonFrames(s)) return pythonFrames(s);
      return FRAME.test(s) ? frameState(s) : null;
    case 'py-context': // more items (a source_traceback's frames under its own), then the traceback, if any
      if (CONTEXT_ITEM.test(s) || PY_FILE.test(s) || (isIndented(s) && !isBlank(s))) return 'py-context';
      return s.startsWith(PY_TRACEBACK) ? 'py-head' : null;
    case 'addr-stack':
    case 'addr-frames':
      if (AT_ADDRESS_FRAME.test(s)) return 'addr-frames';
      return STACK_BANNER.test(s) || STACK_NOTE.test(s) ? 'addr-stack' : null;
    default:
      return undefined;
  }
}

// The last frame of PHP's trace: `#12 {main}`.
const PHP_MAIN_FRAME = new RegExp(String.raw`^#\d{1,5} ${PHP_MAIN_END}`);
const phpFrameState = (frame: string): TraceState => (PHP_MAIN_FRAME.test(frame) ? 'php-main' : 'php-frames');
const previousPhpException = (s: string) => s.startsWith('[previous exception] ') || /^Next [A-Za-z_\\]/.test(s);
// Logger's default console format opens each record with the time (`12:00:01.123 [error] …`).
const ELIXIR_LOGGER_LINE = /^\d{2}:\d{2}:\d{2}\.\d{3} /;

function elixirError(s: string): TraceState | null {
  if (!EX_ERROR.test(s)) return null;
  if (/^\s*\*\* \(exit\) an exception was raised:\s*$/.test(s)) return 'ex-exit';
  return s.trimEnd().endsWith(':') ? 'ex-exc-more' : 'ex-exc';
}

const elixirTail = (s: string) => EX_TAIL.test(s);

/** After an uncaught exception's frames, Node (and Bun) prints a blank line and its version before it exits. */
function nodeExit(s: string): TraceState | null {
  if (isBlank(s)) return 'node-gap';
  return s.startsWith('Node.js v') || VERSION_TRAILER.test(s) ? 'node-version' : null;
}

/** Node ends the last frame with ` {` when properties of the error follow (util.inspect). */
function frameState(s: string): TraceState {
  return s.endsWith(' {') ? 'node-props' : 'frames';
}

/** One entry's message as the grammar sees it. */
interface TraceLine {
  /** Kind of its first line. */
  kind: LineKind;
  /** Its text, possibly several lines. */
  text: string;
  /** Its time in microseconds, when known (for telling another writer's line inside a trace). */
  time?: number;
  /** Whether it opens a record of its own (see ownRecord), once asked. */
  ownRecord?: boolean;
  /** Whether it may be a later line of a write (burst-lines.ts), once asked. */
  write?: boolean;
}

/** A run of consecutive lines [start, end) that make one trace (or one line alone). */
export interface Segment {
  start: number;
  end: number;
  /** For a trace: the state after its last line (a piece cut by a cap continues from it). */
  state: TraceState | null;
  /** The trace opened here still accepted the last of the lines: more lines may extend it. */
  open?: boolean;
  /**
   * Rails joined the lines of one message with its request tags (`lines.join("\n" + tags_text)`):
   * the tags that open every line after the first, to take off again.
   */
  tags?: string;
  /** Lines inside [start, end) that another writer put between the trace's lines: each goes out alone. */
  skip?: number[];
}

interface SegmentOptions {
  /** The first line continues a trace cut by a cap, from this state. */
  resume?: TraceState | null;
  /** The first lines are the end of a trace whose head is yet to come: join a leading run of `cont` lines. */
  headless?: boolean;
  /**
   * Most time, in µs, between a line another writer put inside a trace and each of its neighbours;
   * 0 (the default): no line is taken for another writer's.
   */
  interleaveUs?: number;
  /**
   * A line whose own log header states a routine level (INFO, DEBUG): one that lands inside a trace is
   * taken for another writer's even when frames follow it (a word such as `errors=0` names no error).
   */
  routine?: (line: string) => boolean;
}

/**
 * Splits lines, in true time order, into traces and single lines: greedy from the first line, each
 * trace as long as the grammar accepts (trailing lines it cannot end on, such as blank lines, are
 * left out). O(n²) in the worst case; callers keep n small (a cap on held lines).
 */
export function segmentTraces(items: readonly TraceLine[], options: SegmentOptions = {}): Segment[] {
  const segments: Segment[] = [];
  let i = 0;
  if (options.headless) {
    while (i < items.length && items[i]!.kind === 'cont') i++;
    if (i > 1) segments.push({ start: 0, end: i, state: null });
    else i = 0;
  }
  while (i < items.length) {
    const resumed = i === 0 && options.resume ? stepItem(options.resume, items[0]!, null) : null;
    // A Rails message repeats its request tags on every line: only lines with the same tags continue it.
    const tags = resumed ? null : tagsOf(firstLine(items[i]!.text));
    let state = resumed ?? openItem(items[i]!, tags);
    let end = i + 1;
    let j = i + 1;
    let skip: number[] = [];
    if (state === null) {
      // Lines of one write whose head was lost (cut off by the read window, or never written) stay
      // together: one piece, which the classifier can place by its lines, rather than one per line.
      const run = headlessRun(items, i, options);
      // A Python traceback's frames whose head was lost still end in its exception line, and what follows it.
      const exception = exceptionAfterFrames(items, i, run, options.interleaveUs ?? 0);
      if (exception !== null) {
        state = exception;
        end = j = run.end + 1;
        skip = [...run.skip];
      } else if (run.end > i + 1 || run.waiting) {
        segments.push({ start: i, end: run.end, state: null, ...(run.waiting ? { open: true } : {}), ...(run.skip.length > 0 ? { skip: run.skip } : {}) });
        i = run.end;
        continue;
      }
    }
    let endState = resumed ?? (state !== null && CAN_END.has(state) ? state : null);
    let waiting = false; // the last line may be another writer's: the trace may go on after it
    // Another writer's .NET category line set apart below whose message line has not come yet: a line
    // of the trace came between them (see owesMessage).
    let owed: TraceLine | null = null;
    for (; state !== null && j < items.length; j++) {
      if (owed !== null && netMessageUnder(owed.text, items[j]!.text) && near(owed, items[j], options.interleaveUs ?? 0)) {
        skip.push(j);
        owed = null;
        continue;
      }
      let next = stepItem(state, items[j]!, tags);
      if (next === null && state !== null) {
        // Up to MAX_OTHERS lines of other writers in a row, then a line that continues the trace.
        let k = j;
        // The trace has lines of its own after its head's first line (a head written whole with its
        // message has): a message line due now is no longer its own.
        const pastHead = j > i + 1 || items[i]!.text.indexOf('\n') >= 0;
        // An indented line may be another writer's too (.NET's message line of an `info:` record landing
        // among a `fail:` record's frames), once the trace has lines of its own after its head: right
        // under a head, an indented line the grammar refuses says the head heads nothing.
        // So may a line right under a Rails tagged head: one with other request tags is another request's.
        while (k < items.length && k - j < MAX_OTHERS && fromOtherWriter(items, k, options.interleaveUs ?? 0, j > i + 1 || tags !== null) && !nextPrettyRecord(state, items[k]!)) {
          const own = routineRecord(items, k, options, state) || k + 1 === items.length || !headsNext(items[k]!, items[k + 1]!) ||
            owesTraceback(state, items[j - 1]!, items[k + 1]!);
          if (!own) break;
          k++;
          // A routine record of another writer (.NET's `info: Category[2]`, then its message line):
          // the lines that continue it, and not the trace, go apart with it.
          // A Console gem record's message row right under another record's first line is that record's (a
          // routine record carries no exception; the rows of one are indented under the bar).
          while (k < items.length && k - j < MAX_OTHERS && items[k]!.kind === 'cont' &&
            (stepLines(state, items[k]!.text, 0, tags) === null || (pastHead && netMessageUnder(items[k - 1]!.text, items[k]!.text)) ||
              (GEM_STATES.has(state) && isConsoleGemMessageRow(firstLine(items[k]!.text)))) &&
            headsNext(items[k - 1]!, items[k]!) && near(items[k - 1], items[k], options.interleaveUs ?? 0)) k++;
          if (k === items.length) break;
          const after = stepItem(state, items[k]!, tags);
          if (after !== null) {
            for (let o = j; o < k; o++) skip.push(o);
            owed = pastHead && owesMessage(items[k - 1]!) ? items[k - 1]! : null;
            j = k;
            next = after;
            break;
          }
        }
        if (next === null && k === items.length && k > j) {
          waiting = true; // the trace may go on after these lines
          break;
        }
      }
      state = next;
      if (state !== null && CAN_END.has(state)) {
        end = j + 1;
        endState = state;
      }
    }
    skip = skip.filter((k) => k < end);
    let open = (state !== null && j === items.length) || waiting;
    // The lines of the head's write that no grammar knows (burst-lines.ts), under a head the grammar
    // read no trace under. A trace it read (frames, indented lines) ends where the grammar says, and a
    // plain line after it is another record, unless it labels a block the writer added to the trace
    // (PHP's `Additional Information:` then a print_r array, under Yii's exception): then the block's
    // lines are the record's too. (Lines held as possibly other writers' at the end may be such
    // lines: they are read as that first.)
    const traced = !noTraceUnder(items, i, end, skip);
    if (!resumed && !(state !== null && j === items.length) && (options.interleaveUs ?? 0) > 0 && (!traced || endState !== null) && headsWrite(firstLine(items[i]!.text), items[i]!.kind, items[i + 1]?.text, options.routine ?? noRoutine)) {
      const burst = writeLines(items, end, options.interleaveUs!, skip, options.routine ?? noRoutine, traced);
      // Lines taken as the write's are no other writer's: the trace no longer waits on them.
      open = burst.open || (waiting && burst.end === end);
      if (burst.end > end) {
        end = burst.end;
        if (endState === null) endState = 'write';
      }
    }
    const own = items.slice(i + 1, end).filter((_, k) => !skip.includes(i + 1 + k));
    const tagged = tags !== null && own.length > 0 && own.every((item) => item.text.startsWith(tags));
    segments.push({
      start: i, end, state: end > i + 1 || resumed ? endState : null,
      ...(open ? { open } : {}), ...(tagged ? { tags } : {}), ...(skip.length > 0 ? { skip } : {}),
    });
    i = end;
  }
  return segments;
}

const noRoutine = (): boolean => false;

// asyncio's repr of a future or task that ended in an exception (`<Task finished name='Task-8' coro=<…>
// exception=KeyError(1)>`, `<Future finished exception=…>`): the item of the loop's context that says
// the record has a traceback to come.
const FINISHED_WITH_EXCEPTION = /^[a-z_]{1,30}: <(?:Task|Future) finished [^\n]{0,4096}? exception=\S/;

/**
 * asyncio's default exception handler logs its message, the context's items and the exception's
 * traceback in one call, so under an item saying the future ended in an exception the traceback is due:
 * a line of another writer between that item and the traceback (another thread's record, stamped within
 * the same write) is not the traceback's head, even when it names an error (`errors=0`).
 */
function owesTraceback(state: TraceState, last: TraceLine, next: TraceLine): boolean {
  if (state !== 'py-context' || !next.text.startsWith(PY_TRACEBACK)) return false;
  const nl = last.text.lastIndexOf('\n');
  return FINISHED_WITH_EXCEPTION.test(nl < 0 ? last.text : last.text.slice(nl + 1));
}

/**
 * pino-pretty's next record after the properties of one (hapi-pino's `request completed` a few µs after
 * its `request error`): at a property's end, where the record before may be whole, its header ends that
 * record, as one process writes each record whole; the property lines after it are its own. (Right under
 * a header or inside an object, the record before is not done: a header there is another writer's.)
 */
function nextPrettyRecord(state: TraceState, item: TraceLine): boolean {
  return state === 'pretty-props' && PRETTY_HEAD.test(firstLine(item.text));
}

/** The lines [i + 1, end) less `skip` hold no continuation line (a frame, an indented line): no trace. */
function noTraceUnder(items: readonly TraceLine[], i: number, end: number, skip: readonly number[]): boolean {
  for (let k = i + 1; k < end; k++) if (items[k]!.kind === 'cont' && !skip.includes(k)) return false;
  return true;
}

/**
 * From line `from`, the lines of the write a record head opened that no grammar knows (mayContinueWrite):
 * each within `interleaveUs` of the line before it, across up to MAX_OTHERS lines of other writes that
 * land among them and head no write themselves (routine records: added to `skip`). `open`: the last
 * line was reached, so more may follow.
 */
function writeLines(
  items: readonly TraceLine[], from: number, interleaveUs: number, skip: number[], routine: (line: string) => boolean, traced: boolean,
): { end: number; open: boolean } {
  let k = from;
  // After a trace, the write goes on only from a line that labels a block (blockLabel).
  if (traced && k < items.length && !(blockLabel(items[k]!) && near(items[k - 1], items[k], interleaveUs))) return { end: k, open: false };
  // A line of the write: one no grammar knows, or past the write's first line, a line of a block printed
  // under it (dumpLine). Right under a head, an indented line is the grammar's (a frame) or nothing.
  const ofWrite = (at: number) => writeLine(items[at]!) || (at > from ? dumpLine(items[at]!) || labelled(items, at) : blockLabel(items[at]!));
  while (k < items.length) {
    if (ofWrite(k) && near(items[k - 1], items[k], interleaveUs)) {
      k++;
      continue;
    }
    let o = k;
    // A record that heads a write of its own is no other writer's line: the lines after it are its own.
    // Nor is one that opens a block of its own (Yii's `$_GET = [` context dump after the error): the
    // lines under it are its block's.
    while (o < items.length && o - k < MAX_OTHERS && otherWrite(items[o]!) && near(items[o - 1], items[o], interleaveUs) &&
      !headsWrite(firstLine(items[o]!.text), items[o]!.kind, items[o + 1]?.text, routine) && !OPENS_BLOCK.test(firstLine(items[o]!.text))) o++;
    if (o === k) return { end: k, open: false };
    if (o === items.length) return { end: k, open: true };
    if (!ofWrite(o) || !near(items[o - 1], items[o], interleaveUs)) return { end: k, open: false };
    for (let s = k; s < o; s++) skip.push(s);
    k = o + 1;
  }
  return { end: k, open: true };
}

function writeLine(item: TraceLine): boolean {
  return continuesWrite(item);
}

/**
 * The line under a label of the write (`Database error:`, a line that is all label): the value it labels,
 * quoted as another program printed it, even when that opens with a level of its own (Prisma Migrate's
 * P3018 quotes the database's `ERROR: could not create unique index …` under its `Database error:`).
 * Not a line stamped with a time (a record of its own), a JSON object, or a trace's start.
 */
function labelled(items: readonly TraceLine[], at: number): boolean {
  const item = items[at]!;
  if (item.kind === 'start' || item.kind === 'cont' || !BLOCK_LABEL.test(firstLine(items[at - 1]!.text))) return false;
  const line = firstLine(item.text);
  return line.charCodeAt(0) !== 123 && !STAMPED_LINE.test(line);
}

/**
 * A continuation line (indented, a bare word, a closing bracket) inside a write's lines, after its first
 * one: a dump the writer printed with its record, PHP's print_r (`Array` / `(` / `    [0] => HY000` /
 * `)`), a map or an object's fields one per line. Right under a head, where such a line is the
 * grammar's (a frame), it is not read so.
 */
function dumpLine(item: TraceLine): boolean {
  return item.kind === 'cont';
}

// A line ending in what opens a block under it: a bracket, or a colon.
const OPENS_BLOCK = /[[{(:]\s*$/;

// A short label closing on a colon, with nothing after it: `Additional Information:`, `Context:`.
const BLOCK_LABEL = /^[A-Z][\w ()'-]{0,60}:$/;

/**
 * A line of the write, no line of another record, that labels a block under it (`Additional
 * Information:`, then PHP's print_r array): what a writer adds after the trace of the record it writes.
 */
function blockLabel(item: TraceLine): boolean {
  // Yii's label is held as a piece's line (PRINT_R_EDGE), not as a line of a write.
  return BLOCK_LABEL.test(item.text) && (writeLine(item) || PRINT_R_EDGE.test(item.text));
}


/**
 * The record opened by line k states a routine level (INFO, DEBUG): in its own log header, or, for
 * java.util.logging, on its level line (the line itself, or the one under its time and source line).
 * A level line the trace in `state` could take as well (two time and source lines in a row, then a
 * level line) is left to the nearer of them: which record it was written with, its lines cannot tell.
 */
function routineRecord(items: readonly TraceLine[], k: number, options: SegmentOptions, state?: TraceState): boolean {
  const item = items[k]!;
  const line = firstLine(item.text);
  if (options.routine?.(line) === true || JUL_ROUTINE.test(line)) return true;
  if (!JUL_HEAD.test(line)) return false;
  const nl = item.text.indexOf('\n');
  if (nl >= 0) return JUL_ROUTINE.test(firstLine(item.text.slice(nl + 1)));
  const next = items[k + 1];
  return next !== undefined && JUL_ROUTINE.test(firstLine(next.text)) && (state === undefined || stepLines(state, next.text, 0, null) === null);
}

/**
 * After a run of a Python traceback's frames whose head was lost (from its first `File "…"` line on,
 * the source lines and markers under each), the exception line that ends it, written with them: the
 * state it leaves the traceback in, or null when the next line is no such line.
 */
function exceptionAfterFrames(items: readonly TraceLine[], i: number, run: Run, interleaveUs: number): TraceState | null {
  return exceptionAt(items, i, run.end, run.skip, interleaveUs);
}

/** The same for the run [i, end) less `skip`, and line `end`. */
function exceptionAt(items: readonly TraceLine[], i: number, end: number, skip: readonly number[], interleaveUs: number): TraceState | null {
  if (interleaveUs <= 0 || end >= items.length || !near(items[end - 1], items[end], interleaveUs)) return null;
  let state: TraceState | null = null;
  for (let k = i; k < end; k++) {
    if (skip.includes(k)) continue;
    if (state === null) {
      if (!PY_FILE.test(firstLine(items[k]!.text))) continue;
      state = 'py-head';
    }
    state = stepLines(state, items[k]!.text, 0, null);
    if (state === null) return null;
  }
  if (state !== 'py-frame' && state !== 'py-code') return null;
  return stepItem(state, items[end]!, null) === 'py-exc' ? 'py-exc' : null;
}

/** A run of lines whose head was lost: [start, end), less the lines of other writers inside it. */
interface Run {
  end: number;
  skip: number[];
  /** The last lines may be other writers' inside the run: it may go on after them. */
  waiting: boolean;
}

/**
 * The run of lines from `i` that only continue a record (isPieceLine), none of which opens a trace,
 * each within `interleaveUs` of the one before (one write), with the same leading request tag. Up to
 * MAX_OTHERS lines of other writers in a row may sit inside it (see otherWriterLines); the run goes
 * on across them when a line of its own follows.
 */
function headlessRun(items: readonly TraceLine[], i: number, options: SegmentOptions): Run {
  const interleaveUs = options.interleaveUs ?? 0;
  const first = firstLine(items[i]!.text);
  const skip: number[] = [];
  if (interleaveUs <= 0 || !isPieceLine(first)) return { end: i + 1, skip, waiting: false };
  const run = new RunShape(first);
  let j = i + 1;
  while (j < items.length) {
    if (run.takes(items[j - 1]!, items[j]!, interleaveUs)) {
      run.add(firstLine(items[j]!.text));
      j++;
      continue;
    }
    // A Python traceback's exception line ends its frames: it is no other writer's line among them.
    if (exceptionAt(items, i, j, skip, interleaveUs) !== null) return { end: j, skip, waiting: false };
    const k = otherWriterLines(items, j, run, options);
    if (k === items.length) return { end: j, skip, waiting: true };
    if (k === j || !run.takes(items[k - 1]!, items[k]!, interleaveUs)) break;
    for (let o = j; o < k; o++) skip.push(o);
    run.add(firstLine(items[k]!.text));
    j = k + 1;
  }
  return { end: j, skip, waiting: false };
}

/** What a headless run has taken so far, to tell whether a line is its own. */
class RunShape {
  private readonly tag: string | null;
  /** Frames have begun (and no Node property block has opened): only frame-list lines come now. */
  private framed = false;
  private props = false;
  /** print_r's array closed at the left edge (`)`): the end of the record that printed it (PRINT_R_EDGE). */
  private closed = false;

  constructor(first: string) {
    this.tag = RUBY_TAGGED_LINE.test(first) ? first.slice(0, first.indexOf(']') + 1) : null;
    this.add(first);
  }

  add(line: string): void {
    if (line.endsWith(' {')) this.props = true;
    if (FRAME.test(line)) this.framed = !this.props;
    if (line.trimEnd() === ')') this.closed = true;
  }

  /** `item`, right after `before`, continues the run. */
  takes(before: TraceLine, item: TraceLine, interleaveUs: number): boolean {
    if (this.closed) return false;
    const line = firstLine(item.text);
    if (!isPieceLine(line) || (this.tag !== null && !line.startsWith(this.tag)) || openItem(item, tagsOf(line)) !== null) return false;
    if (item.time === undefined || before.time === undefined || Math.abs(item.time - before.time) > interleaveUs) return false;
    return !this.amidFrames(line);
  }

  /**
   * Among frames, an indented line that is no part of a frame list (a frame, `... 3 more`, `--- End of
   * …`, `Caused by:`, an inner ` ---> `, Rust's numbered frame above its `at` line) is another record's:
   * .NET's message line of a routine record written while the frames were.
   */
  amidFrames(line: string): boolean {
    return this.framed && isIndented(line) && !FRAME.test(line) && !MORE.test(line) && !END_OF.test(line) && !CAUSE.test(line) && !/^\s+---> /.test(line) &&
      !RUST_FRAME.test(line);
  }
}

/**
 * From line j, which does not continue the run: the end of up to MAX_OTHERS lines of other writers,
 * each within `interleaveUs` of its neighbours (j itself when there are none). Another writer's line
 * is a log line that heads no trace of its own (or a routine one, INFO or DEBUG, whatever follows it),
 * with the lines its own record continues with (.NET's message line under its category line), or an
 * indented line among frames that no frame list holds.
 */
function otherWriterLines(items: readonly TraceLine[], j: number, run: RunShape, options: SegmentOptions): number {
  const interleaveUs = options.interleaveUs ?? 0;
  let k = j;
  while (k < items.length && k - j < MAX_OTHERS && fromOtherWriter(items, k, interleaveUs, true)) {
    const item = items[k]!;
    const line = firstLine(item.text);
    if (isPieceLine(line)) {
      if (!run.amidFrames(line)) break;
      k++;
      continue;
    }
    if (!routineRecord(items, k, options) && k + 1 < items.length && headsNext(item, items[k + 1]!)) break;
    k++;
    // The lines that continue the other writer's record go apart with it; a frame is the run's.
    let state = openItem(item, tagsOf(line));
    while (state !== null && k < items.length && k - j < MAX_OTHERS && items[k]!.kind === 'cont' && !FRAME.test(firstLine(items[k]!.text)) &&
      near(items[k - 1], items[k], interleaveUs)) {
      state = stepLines(state, items[k]!.text, 0, null);
      if (state === null) break;
      k++;
    }
  }
  return k;
}

/** The state a trace written in one entry ends in (null: the text is no trace). */
export function stateOfText(text: string): TraceState | null {
  const first = firstLine(text);
  return openItem({ kind: lineKind(first), text }, tagsOf(first));
}

/**
 * Line j, which does not continue the trace, may be another writer's line that landed inside it (a
 * shared stdout): within `interleaveUs` of the line before and of the one after; an indented line only
 * when `indentedToo`.
 */
function fromOtherWriter(items: readonly TraceLine[], j: number, interleaveUs: number, indentedToo: boolean): boolean {
  if (interleaveUs <= 0 || (!indentedToo && items[j]!.kind === 'cont')) return false;
  return near(items[j - 1], items[j], interleaveUs) && near(items[j], items[j + 1], interleaveUs);
}

/**
 * A .NET category line alone (`info: Portal.Jobs.AccountSync[0]`): the console formatter writes the
 * record's message on the next line, so when another writer's category line lands among a trace's lines
 * and a line of the trace comes before its message, the first message-padded line after it (not an
 * exception's own line) is that record's message, not the next line of the trace's exception message.
 * (Right under the trace's head the trace's own message is due first: see netMessageUnder.)
 */
function owesMessage(item: TraceLine): boolean {
  return item.text.indexOf('\n') < 0 && NET_RECORD.test(firstLine(item.text));
}

/** Two lines stamped within `interleaveUs` of each other (a missing neighbour is near). */
function near(a: TraceLine | undefined, b: TraceLine | undefined, interleaveUs: number): boolean {
  return a === undefined || b === undefined || (a.time !== undefined && b.time !== undefined && Math.abs(a.time - b.time) <= interleaveUs);
}

/** The line opens a trace the next line continues: it is no other writer's, but the head of its own. */
export function headsNext(line: TraceLine, next: TraceLine): boolean {
  const tags = tagsOf(firstLine(line.text));
  const state = openItem(line, tags);
  return state !== null && stepItem(state, next, tags) !== null;
}

/**
 * The state after entry `item` as the next line of a trace in `state`, or null when it does not continue
 * it. An entry that opens a record of its own under its own log header continues none (opensOwnRecord):
 * among a trace's lines, it is another writer's (another thread's INFO line read as a panic's message
 * joined two records and lost the panic's own message).
 */
function stepItem(state: TraceState, item: TraceLine, tags: string | null): TraceState | null {
  return ownRecord(item) ? null : stepLines(state, item.text, 0, tags);
}

function ownRecord(item: TraceLine): boolean {
  item.ownRecord ??= opensOwnRecord(firstLine(item.text), item.kind);
  return item.ownRecord;
}

function openItem(item: TraceLine, tags: string | null): TraceState | null {
  const nl = item.text.indexOf('\n');
  const state = openTrace(firstLine(item.text), item.kind);
  return state === null || nl < 0 ? state : stepLines(state, item.text, nl + 1, tags);
}

/** Steps through the lines of `text` from offset `from`; null as soon as one does not fit. */
function stepLines(state: TraceState, text: string, from: number, tags: string | null): TraceState | null {
  let current: TraceState | null = state;
  let at = from;
  while (current !== null && at <= text.length) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    current = stepTrace(current, text.slice(at, Math.min(end, at + PREFIX)), tags);
    if (nl < 0) break;
    at = nl + 1;
  }
  return current;
}
