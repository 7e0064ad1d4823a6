// How the lines of a multi-line trace follow one another, for joining back a trace that Cloud Run
// split into one entry per line: Python tracebacks (chained ones too), Java / Kotlin, Node, .NET,
// Go panics and Ruby backtraces, and the multi-line records some loggers write in one call (.NET's
// console formatter, Rails' exception block, zap's console stacktrace, Node's crash and warning output). Every test looks at a bounded prefix of a line with anchored
// regexes, so no line, however long or odd, costs more than a few hundred characters of work.

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

/** Where a trace is, after one of its lines. */
export type TraceState =
  | 'py-head' | 'py-frame' | 'py-code' | 'py-exc' | 'py-msg' | 'py-loc' | 'py-gap' | 'py-chain'
  | 'go-panic' | 'go-gap' | 'go-goroutine' | 'go-func' | 'go-loc' | 'go-end' | 'go-stack-func' | 'go-stack-loc'
  | 'header' | 'frames-head' | 'frames' | 'frames-cause' | 'node-props' | 'node-end'
  | 'node-source' | 'node-gap' | 'node-version' | 'node-warning' | 'node-warning-end'
  | 'net-record' | 'rb-tagged' | 'py-warning' | 'py-warning-end';

/** States a trace may end in; a trace cut off by a truncated write is still a trace. */
const CAN_END: ReadonlySet<TraceState> = new Set<TraceState>([
  'py-frame', 'py-code', 'py-exc', 'py-msg', 'go-panic', 'go-goroutine', 'go-func', 'go-loc', 'go-end', 'go-stack-loc',
  'frames', 'frames-cause', 'node-props', 'node-end', 'node-version', 'node-warning', 'node-warning-end',
  'net-record', 'rb-tagged', 'py-warning', 'py-warning-end',
]);

/** Most lines of other writers in a row that a trace goes on across. */
export const MAX_OTHERS = 3;

/** Longest prefix of a line that is looked at. */
const PREFIX = 256;

const CONT_PREFIXES = [
  'Caused by: ', 'Suppressed: ', '... ', '--- End of ', 'During handling of the above exception',
  'The above exception was the direct cause', 'goroutine ', 'created by ', 'exit status ', '[signal ',
  // What SQLAlchemy's StatementError adds after its message.
  '[SQL: ', '[parameters: ', '(Background on this error at: ',
  // loguru marks the frame that caught the exception with `> `; Node ends a crash with its version and
  // a warning with how to trace it.
  '> File "', 'Node.js v', '(Use `',
];
const PY_TRACEBACK = 'Traceback (most recent call last)';
// `java.lang.IllegalStateException: x`, `TypeError: x`, `Error [ERR_X]: x`, `Npgsql.PostgresException (0x80004005): x`.
const TYPE_LINE = /^(?:Uncaught )?((?:[A-Za-z_$][\w$]{0,100}\.){0,20}([A-Za-z_$][\w$]{0,100}))(?: \[[\w-]{1,64}\]| \(0x[0-9A-Fa-f]{1,16}\))?(?::|$)/;
const TYPE_SUFFIX = /(?:Error|Exception|Warning|Exit|Interrupt|Iteration|Fault|Failure|Panic|Throwable|Timeout)$/;
const ERROR_WORDS = /error|exception|throwable|panic|fatal|fail|traceback|\.rb:\d/i;

const PY_FILE = /^(?:\s+|> )File "/;
// pydantic's ValidationError prints each error's location unindented, then its message indented.
const PY_ERROR_LOCATION = /^[\w.[\]'"-]{1,128}$/;
// SQLAlchemy's StatementError adds the statement, its parameters and a link, each on its own line.
const PY_MESSAGE_LINE = /^(?:\[SQL: |\[parameters: |\(Background on this error at: )/;
// Java `\tat a.B.c(B.java:1)`, Node `    at f (x.js:1:2)`, .NET `   at N.C.M() in x.cs:line 1`;
// Ruby `\tfrom app.rb:3:in 'f'` and Rails' indented `  app/x.rb:3:in 'f'`.
const FRAME = /^\s+(?:at \S|(?:from )?\S{1,512}?:\d{1,7}:in [`'])/;
const MORE = /^\s*\.\.\. \d{1,9} (?:more|common frames omitted|levels\.\.\.|lines matching cause stack trace)/;
const END_OF = /^\s*--- End of (?:inner exception )?stack trace/;
const CAUSE = /^\s*(?:Caused by|Suppressed): /;
const GOROUTINE = /^goroutine \d{1,12} \[/;
const GO_FUNCTION_NAME = /^[\w./*-]{1,256}$/;
// zap's stacktrace (console encoder) names each frame's function without arguments: `main.(*Router).Assign`.
const GO_BARE_FUNCTION = /^[\w-]{1,64}(?:\/[\w.-]{1,64}){0,12}\.[\w.*()-]{1,256}$/;
const GO_FILE_LINE = /^\t\S{1,512}:\d{1,7}$/;
// .NET's simple console formatter: `fail: Category[EventId]`, then the message and exception indented.
const NET_RECORD = /^(?:trce|dbug|info|warn|fail|crit): [^\s[\]]{1,256}\[\d{1,10}\]$/;
// V8's uncaught-exception output opens with the throwing line's place: `/app/cart.js:12`, `node:internal/x:289`.
const NODE_SOURCE_PLACE = /^(?:\/|file:\/\/|node:)[^\s:]{1,512}:\d{1,7}$/;
// Node's process warnings: `(node:12) MaxListenersExceededWarning: …`, `(node:12) [DEP0005] DeprecationWarning: …`.
const NODE_WARNING = /^\(node:\d{1,10}\) /;
// Python's warnings module: `/app/repo.py:57: LegacyAPIWarning: …`, then the source line indented.
const PY_WARNING = /^[^\s:]{1,512}\.py:\d{1,7}: (?:[A-Za-z_]\w{0,100}\.){0,20}[A-Za-z_]\w{0,100}Warning: /;
// Ruby's Logger line (`F, [time #pid] FATAL -- : `) whose message starts with Rails' request tags.
const RUBY_TAGGED_HEAD = /^[DIWEFAU], \[[^\]\n]{1,80}\] {1,6}[A-Z]{4,7} -- [^:\n]{0,128}: ((?:\[[^\]\n]{1,255}\] ){1,8})/;
// A line of a tagged multi-line message: the tags again (the first an id: letters, digits, dashes).
const RUBY_TAGGED_LINE = /^\[(?=[\w-]{0,255}\d)[\w-]{8,255}\](?: \[[^\]\n]{1,255}\]){0,7} /;

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
  const c = s.charCodeAt(0);
  if (c === 32 || c === 9) return 'cont'; // indented: a frame, a source line, an inner exception
  if (s === '}') return 'cont'; // the end of the properties Node prints after an error's frames
  for (const prefix of CONT_PREFIXES) if (s.startsWith(prefix)) return 'cont';
  if (isGoFunction(s) || RUBY_TAGGED_LINE.test(s)) return 'cont';
  if (s.startsWith(PY_TRACEBACK) || s.startsWith('panic: ') || s.startsWith('fatal error: ')) return 'start';
  if (NET_RECORD.test(s) || NODE_SOURCE_PLACE.test(s) || NODE_WARNING.test(s) || PY_WARNING.test(s)) return 'start';
  if (isTypeLine(s)) return 'head';
  // One word alone: a frame of zap's stacktrace (`main.(*Router).Assign`), a pydantic error location
  // (`price`, `items.0.currency`). Held, and joined only where the grammar expects one.
  if (GO_BARE_FUNCTION.test(s) || PY_ERROR_LOCATION.test(s)) return 'cont';
  return ERROR_WORDS.test(s) ? 'head' : 'plain';
}

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

function isPythonException(s: string): boolean {
  if (PY_LOGGING_LEVEL.test(s)) return false;
  return isTypeLine(s) || PY_QUALIFIED.test(s) || PY_UNQUALIFIED.test(s);
}

/** Go's frame function line: `main.main()`, `main.(*Server).handle(0xc0001, {0x7f, 0x1})`, `panic({0x1, 0x2})`. */
function isGoFunction(s: string): boolean {
  const open = s.indexOf('(');
  return open > 0 && s.endsWith(')') && GO_FUNCTION_NAME.test(s.slice(0, open));
}

const isBlank = (s: string) => s.trim() === '';
const isIndented = (s: string) => s.charCodeAt(0) === 32 || s.charCodeAt(0) === 9;

/** The state a trace opened by this line is in, or null when the line cannot open one. */
function openTrace(s: string, kind: LineKind = lineKind(s)): TraceState | null {
  if (kind === 'cont' || kind === 'plain') return null;
  if (kind === 'start') {
    if (s.startsWith(PY_TRACEBACK)) return 'py-head';
    if (NET_RECORD.test(s)) return 'net-record';
    if (NODE_SOURCE_PLACE.test(s)) return 'node-source';
    if (NODE_WARNING.test(s)) return 'node-warning';
    if (PY_WARNING.test(s)) return 'py-warning';
    return 'go-panic';
  }
  return RUBY_TAGGED_HEAD.test(s) ? 'rb-tagged' : 'header';
}

/** The request tags a Rails multi-line message repeats on each of its lines, or null. */
function tagsOf(s: string): string | null {
  return RUBY_TAGGED_HEAD.exec(s)?.[1] ?? null;
}

/**
 * A line that opens a trace and may come right after a log line naming the error, as
 * `logger.exception()` and uvicorn print (`ERROR:    Exception in ASGI application`, then
 * `Traceback …`) and logback does (the message line, then `java.lang.X: …` and its frames).
 */
export function takesHeader(s: string): boolean {
  return s.startsWith(PY_TRACEBACK) || s.startsWith('Exception in thread "') || isTypeLine(s);
}

/** The state after one more line, or null when the line does not continue the trace. */
function stepTrace(state: TraceState, line: string, tags: string | null): TraceState | null {
  const s = line.length > PREFIX ? line.slice(0, PREFIX) : line.endsWith('\r') ? line.slice(0, -1) : line;
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
      if (PY_MESSAGE_LINE.test(s)) return 'py-msg';
      if (PY_ERROR_LOCATION.test(s) && !isGoFunction(s)) return 'py-loc';
      if (isBlank(s)) return 'py-gap';
      return s.startsWith('During handling of the above exception') || s.startsWith('The above exception was the direct cause')
        ? 'py-chain'
        : null;
    case 'py-loc':
      return isIndented(s) && !isBlank(s) ? 'py-msg' : null;
    case 'py-gap':
      if (isBlank(s)) return 'py-gap';
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
    case 'header': // a line naming an error: frames, or a trace that takes it as its header
      if (FRAME.test(s)) return frameState(s);
      if (s.startsWith(' ---> ')) return 'frames-head';
      if (s.startsWith(PY_TRACEBACK)) return 'py-head';
      if (GOROUTINE.test(s)) return 'go-goroutine'; // net/http: `http: panic serving 10.0.0.1:5000: …`
      // zap's console encoder: the stacktrace field, whose functions carry no argument list (a panic's do).
      if (GO_BARE_FUNCTION.test(s) && !s.endsWith(')')) return 'go-stack-func';
      return takesHeader(s) ? 'frames-head' : null;
    case 'frames-head':
      if (FRAME.test(s)) return frameState(s);
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
      return isIndented(s) && !isBlank(s) ? 'net-record' : null;
    case 'rb-tagged':
      if (tags === null ? RUBY_TAGGED_LINE.test(s) : s.startsWith(tags)) return 'rb-tagged';
      return stepTrace('header', s, null); // a line naming an error may still head frames
  }
}

/** After an uncaught exception's frames, Node prints a blank line and its version before it exits. */
function nodeExit(s: string): TraceState | null {
  if (isBlank(s)) return 'node-gap';
  return s.startsWith('Node.js v') ? 'node-version' : null;
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
    const resumed = i === 0 && options.resume ? stepLines(options.resume, items[0]!.text, 0, null) : null;
    // A Rails message repeats its request tags on every line: only lines with the same tags continue it.
    const tags = resumed ? null : tagsOf(firstLine(items[i]!.text));
    let state = resumed ?? openItem(items[i]!, tags);
    let end = i + 1;
    let endState = resumed ?? (state !== null && CAN_END.has(state) ? state : null);
    let j = i + 1;
    let skip: number[] = [];
    let waiting = false; // the last line may be another writer's: the trace may go on after it
    for (; state !== null && j < items.length; j++) {
      let next = stepLines(state, items[j]!.text, 0, tags);
      if (next === null && state !== null) {
        // Up to MAX_OTHERS lines of other writers in a row, then a line that continues the trace.
        let k = j;
        while (k < items.length && k - j < MAX_OTHERS && fromOtherWriter(items, k, options.interleaveUs ?? 0)) {
          const own = options.routine?.(firstLine(items[k]!.text)) || k + 1 === items.length || !headsNext(items[k]!, items[k + 1]!);
          if (!own) break;
          k++;
          if (k === items.length) break;
          const after = stepLines(state, items[k]!.text, 0, tags);
          if (after !== null) {
            for (let o = j; o < k; o++) skip.push(o);
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
    const open = (state !== null && j === items.length) || waiting;
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

/**
 * Line j, which does not continue the trace, may be another writer's line that landed inside it (a
 * shared stdout): not a continuation itself, within `interleaveUs` of the line before and of the one after.
 */
function fromOtherWriter(items: readonly TraceLine[], j: number, interleaveUs: number): boolean {
  if (interleaveUs <= 0 || items[j]!.kind === 'cont') return false;
  const near = (a: TraceLine | undefined, b: TraceLine | undefined) =>
    a === undefined || b === undefined || (a.time !== undefined && b.time !== undefined && Math.abs(a.time - b.time) <= interleaveUs);
  return near(items[j - 1], items[j]) && near(items[j], items[j + 1]);
}

/** The line opens a trace the next line continues: it is no other writer's, but the head of its own. */
function headsNext(line: TraceLine, next: TraceLine): boolean {
  const tags = tagsOf(firstLine(line.text));
  const state = openItem(line, tags);
  return state !== null && stepLines(state, next.text, 0, tags) !== null;
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
