// The severity a message's own text states. Cloud Run gives text written to stdout/stderr no
// severity (DEFAULT); the logger that wrote it usually put a level in a header, and a crash prints a
// trace. Only those count: a header's level, a `level=` key, a trace's shape. A free-text mention of
// "error" is not a level. Every rule is anchored and bounded, and reads at most the first HEAD_CHARS of
// a text, so hostile input costs a constant.
import { blocksBefore } from '../shared/playwright-blocks.js';
import { ANSWERED_5XX_RE2 } from './access-status.js';
import { CRASH_ANYWHERE, CRASH_AT_START, endsProcess, losesWorker, opensCrashRecord } from './crash-lines.js';
import { statesFailure } from './failure-lines.js';
import { isPerlWarning, PERL_PLACE_RE2 } from './perl-warning.js';
import { requestLineSeverity } from './request-error.js';
import { continuesDartTrace, hasDartFrames } from '../shared/dart-trace.js';
import { CONSOLE_IN_RE2, GIN_FRAME_RE2, isConsoleBox, JULIA_BOX_RE2, opensConsoleBox, opensJuliaBox, readsBlockLine } from '../shared/block-lines.js';
import { PASSENGER_LEVELS, REDIS_LEVELS, stripLogHeader } from './log-header.js';
import { processPrefix } from './process-prefix.js';
import { isRailsExceptionLine, isRubyTrace, opensRailsBlock, PUMA_PROBLEM, pumaProblemSeverity, RAILS_EXCEPTION_LINE_RE2 } from './ruby-severity.js';
import { withoutTerminalCodes } from './terminal-codes.js';
import { markerSymbols } from '../shared/status-marker.js';
import { DOCS_LINK, DOCS_LINK_RE2, fpmChildLine, FPM_CHILD_RE2, NET_DETAIL, NET_DETAIL_RE2 } from '../shared/record-shapes.js';
import { CONTEXT_ITEM, TAIL_AT_START, TAIL_AT_START_RE2 } from '../shared/tail-lines.js';
import { SEVERITIES, type Severity } from '../shared/types.js';
import { PRETTY_HEAD, PRETTY_HEAD_RE2 } from '../shared/pretty-object.js';
import { isRetryNotice, RETRY_NOTICE_RE2 } from './retry-notice.js';

/** How far into a text a header or a trace's shape is looked for. */
const HEAD_CHARS = 4096;
/** A header is on the first line, within this many characters. */
const LINE_CHARS = 512;

// Level words as loggers print them, in any case. FATAL and panic stop the process, as CRITICAL says;
// SEVERE is java.util.logging's highest level, an error; zap's dpanic only panics in development.
// logrus's text formatter cuts a level to four letters on a terminal (`ERRO`, `FATA`, `PANI`, `DEBU`,
// `TRAC`); zerolog's ConsoleWriter writes three (`TRC`, `DBG`, `INF`, `WRN`, `ERR`, `FTL`, `PNC`).
const LEVEL_WORDS: Record<string, Severity> = {
  emergency: 'EMERGENCY', emerg: 'EMERGENCY',
  alert: 'ALERT',
  critical: 'CRITICAL', crit: 'CRITICAL', fatal: 'CRITICAL', panic: 'CRITICAL', fata: 'CRITICAL', pani: 'CRITICAL', ftl: 'CRITICAL', pnc: 'CRITICAL',
  error: 'ERROR', err: 'ERROR', eror: 'ERROR', erro: 'ERROR', severe: 'ERROR', dpanic: 'ERROR', fail: 'ERROR',
  warning: 'WARNING', warn: 'WARNING', wrn: 'WARNING',
  notice: 'NOTICE',
  information: 'INFO', info: 'INFO', inf: 'INFO',
  debug: 'DEBUG', dbug: 'DEBUG', debu: 'DEBUG', dbg: 'DEBUG', trace: 'DEBUG', trce: 'DEBUG', trac: 'DEBUG', trc: 'DEBUG', fine: 'DEBUG', finer: 'DEBUG', finest: 'DEBUG',
};

/** A level word (`error`, `WARN`, `eror`, slog's `ERROR+2`) -> severity, or null. */
export function levelWord(word: string): Severity | null {
  if (word.length > 16) return null;
  const m = /^([A-Za-z]{3,11})(?:[+-]\d{1,3})?$/.exec(word.trim());
  return m ? (LEVEL_WORDS[m[1]!.toLowerCase()] ?? null) : null;
}

/**
 * RE2 patterns for a payload's `level` field: `atLeast` matches every level word levelWord reads at or
 * above `floor` (null when none is); `readable` matches only words levelWord reads, so a level it
 * does not match leaves the entry to its text.
 */
export function levelWordPatterns(floor: Severity): { atLeast: string | null; readable: string } {
  const rank = SEVERITIES.indexOf(floor);
  const words = Object.keys(LEVEL_WORDS);
  const atLeast = words.filter((w) => SEVERITIES.indexOf(LEVEL_WORDS[w]!) >= rank);
  return {
    atLeast: atLeast.length === 0 ? null : `(?i)^\\s*(?:${atLeast.join('|')})`,
    readable: `(?i)^(?:${words.join('|')})(?:[+-][0-9]{1,3})?$`,
  };
}

// Words of a header, longest first so that `ERROR` is not read as `ERR`.
const WORDS = 'emergency|emerg|alert|critical|crit|fatal|severe|error|eror|err|warning|warn|notice|information|info|debug|trace|dpanic|panic|finest|finer|fine';
const UPPER_WORDS = 'EMERGENCY|EMERG|ALERT|CRITICAL|CRIT|FATAL|SEVERE|ERROR|ERR|WARNING|WARN|NOTICE|INFO|DEBUG|TRACE';

// `2026-03-10 12:00:01,234`, `2026-03-10T12:00:01.234Z`, `2026/03/10 12:00:01 +0000`, `12:00:01.234`.
const TIME = '\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?';
const STAMP = `(?:\\d{4}[-/]\\d{2}[-/]\\d{2}(?:[T ]${TIME})?|${TIME})(?:[ \\t]?(?:Z|UTC|GMT|[+-]\\d{2}:?\\d{2}))?`;
// After the time, up to three fields before the level: `[thread]`, `(pid)`, a pid, `- logger.name`.
const FIELD = '[ \\t]+(?:\\[[^\\]\\n]{1,80}\\]|\\(\\S{1,80}\\)|\\d{1,10}|-[ \\t]+[\\w.$<>-]{1,128})';

const HEADERS: Array<{ pattern: RegExp; read: (m: RegExpExecArray) => Severity | null }> = [
  // Ruby Logger / Rails: `E, [2026-03-10T12:00:01.234567 #1] ERROR -- : msg`.
  { pattern: /^[DIWEFAU], \[[^\]\n]{1,80}\] {1,6}([A-Z]{4,7}) -- /, read: (m) => levelWord(m[1]!) },
  // glog / klog: `E0310 12:00:01.123456 1234 file.go:42] msg` (and the year-prefixed form); absl-py's
  // thread id is Python's, up to twenty digits (log-header.ts).
  { pattern: /^([IWEF])\d{4}(?:\d{4})? \d{2}:\d{2}:\d{2}\.\d{6} {1,12}\d{1,20} [^\s:\]]{1,256}:\d{1,7}\] /, read: (m) => LETTER_LEVELS[m[1]!] ?? null },
  // .NET console logger: `fail: Microsoft.AspNetCore.Server.Kestrel[13]`.
  { pattern: /^(trce|dbug|info|warn|fail|crit): [^\s[\]]{1,256}\[\d{1,10}\]/, read: (m) => levelWord(m[1]!) },
  // A syslog priority prefix, as systemd reads stdout: `<3>disk failure`.
  // A level the logger writes after it counts first (Mojo::Log's `<5>[pid] [i] `: log-header.ts).
  { pattern: /^<([0-7])>/, read: (m) => strippedLevel(stripLogHeader(m.input).level) ?? SYSLOG[Number(m[1])] ?? null },
  // npm's own lines: `npm ERR!`, `npm WARN` before npm 10, `npm error`, `npm warn` since.
  { pattern: /^npm (ERR!|WARN|error|warn) /, read: (m) => (m[1] === 'WARN' || m[1] === 'warn' ? 'WARNING' : 'ERROR') },
  { pattern: PUMA_PROBLEM, read: pumaProblemSeverity },
  // winston's simple and cli formats: `error: msg {meta}` (lower case, as winston names its levels).
  { pattern: /^(error|warn|info|debug|verbose|silly): \S/, read: (m) => (m[1] === 'verbose' || m[1] === 'silly' ? 'DEBUG' : levelWord(m[1]!)) },
  // Node's process warnings: `(node:12) MaxListenersExceededWarning: …`, `(node:12) [DEP0005] DeprecationWarning: …`.
  // Node's emitWarning prints any code a library gives in the brackets: the MongoDB driver's is `MONGODB
  // DRIVER` (`(node:1) [MONGODB DRIVER] Warning: useNewUrlParser is a deprecated option: …`).
  { pattern: /^\(node:\d{1,10}\) (?:\[[A-Z][A-Z0-9_ -]{1,30}\] )?[A-Za-z]{0,60}Warning: /, read: () => 'WARNING' },
  // Python's warnings module: `/app/db.py:57: LegacyAPIWarning: msg` (then the source line).
  { pattern: /^[^\s:]{1,512}:\d{1,7}: [A-Za-z_][\w.]{0,100}Warning: /, read: () => 'WARNING' },
  // logfmt (slog, logrus, log15, go-kit): a `level=`/`lvl=` key on a line of `key=value` pairs; with
  // none, a request line that names the error it ended in (lograge: request-error.ts).
  { pattern: /^[A-Za-z_][\w.-]{0,63}=/, read: (m) => logfmtLevel(m.input) ?? requestLineSeverity(m.input) },
  // `[error] msg`, `<error> msg`.
  { pattern: new RegExp(`^(?:\\[(${WORDS})\\]|<(${WORDS})>)(?=[\\s:]|$)`, 'i'), read: (m) => levelWord(m[1] ?? m[2]!) },
  // Python `ERROR:root:msg`, uvicorn `ERROR:    msg`, `WARN something`, PostgreSQL `FATAL:  msg`.
  { pattern: new RegExp(`^(${UPPER_WORDS})(?=[:\\s|\\]]|$)`), read: (m) => levelWord(m[1]!) },
  // zap's console encoder (uber-go/zap#267): time, level, then the message, each element ended by a tab
  // (`consoleSeparator`), the level in lower case under NewProductionEncoderConfig's LowercaseLevelEncoder and
  // the time an epoch float there (`1.7335e+09`); go-zero's `plain` encoding lays its lines out the same way.
  // The tabs make it a header whatever the level's case, where a bare lower-case word after a time is not.
  { pattern: new RegExp(`^(?:${STAMP}|\\d{9,10}(?:\\.\\d{1,9})?|\\d\\.\\d{1,9}e[+]?\\d{1,2})\\t(${WORDS})\\t`, 'i'), read: (m) => levelWord(m[1]!) },
  // A timestamp, a few fields, then the level: Spring Boot, logback, log4j, Python asctime formats,
  // loguru, Flask, gunicorn, nginx, slog's default logger. A bare level must be upper case.
  {
    pattern: new RegExp(
      `^(?:\\[${STAMP}\\]|${STAMP})(?:${FIELD}){0,3}[ \\t]*(?:[-|:][ \\t]*)?(?:\\[(${WORDS})\\]|<(${WORDS})>|(${WORDS}))(?=[\\s:|\\]]|$)`,
      'i',
    ),
    read: (m) => (m[3] !== undefined && m[3] !== m[3].toUpperCase() ? null : levelWord(m[1] ?? m[2] ?? m[3]!)),
  },
];

// A level written as its first letter (glog's and Python's `%(levelname).1s`, Tornado's, logcat's
// priorities): V and D below INFO; C is Python's CRITICAL, F fatal, A logcat's assert (Log.wtf).
const LETTER_LEVELS: Record<string, Severity> = {
  V: 'DEBUG', D: 'DEBUG', I: 'INFO', W: 'WARNING', E: 'ERROR', C: 'CRITICAL', F: 'CRITICAL', A: 'CRITICAL',
};

/** The keys of a header's table of level marks (log-header.ts) whose level is at `rank` or above, for a character class. */
function marksAtLeast(levels: Readonly<Record<string, string>>, rank: number): string {
  return Object.keys(levels).filter((mark) => SEVERITIES.indexOf(levelWord(levels[mark]!) ?? 'DEFAULT') >= rank).map((mark) => (mark === '-' ? '\\-' : mark)).join('');
}

// RFC 5424 priorities 0-7.
const SYSLOG: Severity[] = ['EMERGENCY', 'ALERT', 'CRITICAL', 'ERROR', 'WARNING', 'NOTICE', 'INFO', 'DEBUG'];

// The level quoted as logfmt quotes (`level="error"`) or as Python's repr() does (structlog's
// KeyValueRenderer: `level='error'`).
const LOGFMT_LEVEL = /(?:^|[ \t])(?:level|lvl|severity|loglevel)=(["']?)([A-Za-z]{3,11}(?:[+-]\d{1,3})?)\1(?=[ \t]|$)/;

function logfmtLevel(line: string): Severity | null {
  const m = LOGFMT_LEVEL.exec(line);
  return m ? levelWord(m[2]!) : null;
}

// java.util.logging's SimpleFormatter puts the level on the line after `Mar 10, 2026 12:00:01 PM cls method`.
const JUL_FIRST_LINE = /^[A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,2}:\d{2}:\d{2} [AP]M \S/;
const JUL_LEVEL = /^(SEVERE|WARNING|INFO|FINE|FINER|FINEST): /;

// A trace's shape. Go panics, a Rust panic on the main thread and Node's crash output stop the process:
// CRITICAL, like FATAL. Any other printed exception is an ERROR: Python tracebacks, JVM and .NET
// exceptions, Node errors are often caught and logged, and the process goes on; so is a Rust panic on
// any other thread (a spawned thread's panic ends that thread, and tokio catches a task's).
// .NET's runtime prints `Unhandled exception. ` (`Unhandled Exception: ` before .NET Core 3) and aborts:
// an exception no code caught ends the process whatever thread threw it.
const CRASH_LINE = /^(?:panic: |fatal error: |thread 'main'(?: \(\d{1,20}\))? panicked at |Unhandled [eE]xception\. \S|Unhandled Exception: (?:[\w`]{1,80}\.){1,12}[\w`]{1,80}: )/;
const THREAD_PANIC = /^thread '[^'\n]{0,100}'(?: \(\d{1,20}\))? panicked at /;
// Rust's `fn main() -> Result<(), E>` returning an error prints `Error: {err:?}` and exits with status 1;
// an error chain (anyhow, eyre without colours) debug-prints its causes under a `Caused by:` line of its
// own. The chain is what tells it from any text that starts with `Error: `.
const RUST_MAIN_ERROR = /^Error: \S[^\n]{0,512}\n(?:[ \t]*\n){0,2}Caused by:[ \t]*\n[ \t]+\S/;
// Node stopped by an uncaught exception ends its output with the runtime's version; one stopped by
// an unhandled rejection starts it at the internal line that rethrew it.
// Go's net/http recovers a handler's panic and logs it with the goroutine's stack: an ERROR the
// server survived (a panic that reaches the top prints `panic: ` first and stops the process).
const GO_RECOVERED = /^(?:\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})? )?http: panic serving \S/;
// A recovery middleware (Fiber's recover, a hand-written `defer func() { recover() … }`) prints the panic's
// value after `panic: ` as the runtime does, then the stack it took with runtime/debug.Stack: the runtime's
// own dump never shows that call, so a stack whose first frame is it was printed by a process still running.
const GO_STACK_TAKEN = /\ngoroutine \d{1,12} \[[^\]\n]{1,80}\]:\nruntime\/debug\.(?:Stack|PrintStack)\(\)/;
// Only as part of the crash output: the lone line (a split trace not joined back) says nothing alone.
const NODE_CRASH = /\nNode\.js v\d{1,3}\.\d{1,3}\.\d{1,3}[ \t]*(?:\n|$)|^node:internal\/process\/promises:\d{1,6}[ \t]*\n[^\n]*\S/;
const PYTHON_TRACEBACK = /^ {0,8}Traceback \(most recent call last\):?[ \t]*$/m;
const EXCEPTION_LINE = /^(?:Exception in thread "[^"\n]{0,200}" \S|\[UnhandledPromiseRejection: |Uncaught (?:[\w$]{1,80}\.){0,12}[\w$]{0,80}(?:Error|Exception)\b)/;
const RUBY_TRACE_LINE = /^[^\s:]{1,512}\.rb:\d{1,7}:in [`'][^\n]{0,300}\([A-Z]\w{0,80}(?:::[A-Z]\w{0,80}){0,8}\)$/;
// An `at` frame (Node, JVM, .NET), and on the line before it an exception type: `TypeError: msg`,
// `java.lang.IllegalStateException: msg`, `Unhandled rejection: MongoNetworkError: closed`.
const AT_FRAME = /\n[ \t]+at \S/;
const TYPE_NAMED = /(?:^|[\s:(\[])(?:[\w$]{1,80}\.){0,12}[\w$]{0,80}(?:Error|Exception|Throwable|Fault)(?:$|[\s:\]\[,)])/;

function typedFrames(head: string): boolean {
  const frame = AT_FRAME.exec(head);
  if (!frame) return false;
  // Playwright's call log or boxed notice between the error's line and its frames: that line is above them.
  const end = blocksBefore(head, frame.index) ?? frame.index + 1;
  const lineStart = head.lastIndexOf('\n', end - 2) + 1;
  return TYPE_NAMED.test(head.slice(Math.max(lineStart, end - 1 - LINE_CHARS), end - 1));
}

/** The severity a text states in a log header or a trace's shape, or null when it states none. */
export function textSeverity(text: string): Severity | null {
  if (typeof text !== 'string' || text === '') return null;
  const head = withoutBlankLead(cleanHead(text));
  const lineEnd = head.indexOf('\n');
  const first = (lineEnd < 0 ? head : head.slice(0, lineEnd)).slice(0, LINE_CHARS);
  if (lineEnd >= 0 && JUL_FIRST_LINE.test(first)) {
    const level = JUL_LEVEL.exec(head.slice(lineEnd + 1, lineEnd + 1 + LINE_CHARS));
    if (level) return levelWord(level[1]!);
  }
  if (endsProcess(first, head)) return 'CRITICAL';
  // A process manager's prefix (process-prefix.ts) says which program wrote the line: its header is read
  // as the program wrote it (Passenger's `App 77 output: F, [...] FATAL -- : [tag]`), as stripLogHeader does.
  const header = headerSeverity(first) ?? prefixedHeaderSeverity(first);
  if (header !== null) return header;
  // One list of header formats for both (log-header.ts): the level of a header the stripper knows,
  // else what the message after it says of itself.
  const stripped = stripLogHeader(first);
  const level = strippedLevel(stripped.level);
  return level ?? traceSeverity(first, head) ?? (statesFailure(stripped.rest) ? 'ERROR' : null) ?? (isPerlWarning(stripped.rest) ? 'WARNING' : null)
    ?? (isRetryNotice(stripped.rest) ? 'WARNING' : null);
}

/** The level a header the stripper knows wrote, as a word or as its first letter. */
function strippedLevel(level: string | undefined): Severity | null {
  if (level === undefined) return null;
  return level.length === 1 ? (LETTER_LEVELS[level] ?? null) : levelWord(level);
}

// A writer that opens its record with a newline (chi's Recoverer, a banner): the first line that
// holds anything is where a header or a trace starts.
const BLANK_LEAD = /^(?:[ \t]{0,16}\n){1,8}/;

function withoutBlankLead(head: string): string {
  if (head.charCodeAt(0) !== 10 && head.charCodeAt(0) !== 32 && head.charCodeAt(0) !== 9) return head;
  const m = BLANK_LEAD.exec(head);
  return m ? head.slice(m[0].length) : head;
}

/** The severity of the header after a process manager's prefix, or null (no prefix, or no header after it). */
function prefixedHeaderSeverity(line: string): Severity | null {
  const prefix = processPrefix(line);
  return prefix === null ? null : headerSeverity(line.slice(prefix.length));
}

function headerSeverity(line: string): Severity | null {
  for (const { pattern, read } of HEADERS) {
    const m = pattern.exec(line);
    if (m) {
      const severity = read(m);
      if (severity !== null) return severity;
    }
  }
  return null;
}

function traceSeverity(line: string, head: string): Severity | null {
  if (line.startsWith('panic: ') && GO_STACK_TAKEN.test(head)) return 'ERROR';
  if (CRASH_LINE.test(line) || NODE_CRASH.test(head) || RUST_MAIN_ERROR.test(head) || isConsoleBox(head)) return 'CRITICAL';
  if (EXCEPTION_LINE.test(line) || RUBY_TRACE_LINE.test(line) || isRailsExceptionLine(line) || GO_RECOVERED.test(line) || THREAD_PANIC.test(line) || losesWorker(line)) return 'ERROR';
  if (PYTHON_TRACEBACK.test(head) || typedFrames(head) || isRubyTrace(head) || opensRailsBlock(head) || hasDartFrames(head)) return 'ERROR';
  return null;
}

// Terminal escapes (a logger that thinks it writes to a terminal) and CR line ends.
function cleanHead(text: string): string {
  const head = text.length > HEAD_CHARS ? text.slice(0, HEAD_CHARS) : text;
  const lf = head.includes('\r') ? head.replace(/\r\n?/g, '\n') : head;
  return withoutTerminalCodes(lf);
}

// A line that continues a trace printed one line per entry: frames, the source lines under them,
// `Caused by:`, Go's goroutine blocks, the exception line that ends a Python traceback.
const CONTINUATION =
  /^(?:[ \t]+\S|Traceback \(most recent call last\)|(?:Caused by|Suppressed): |\.\.\. \d{1,9} |--- End of |\[signal |exit status |goroutine \d{1,9} |panic: |fatal error: |created by |During handling of the above exception|The above exception was the direct cause|Exception in thread |Unhandled [eE]xception\.|\[UnhandledPromiseRejection|(?:[\w$]{1,80}\.){0,12}[\w$]{0,80}(?:Error|Exception|Throwable|Exit|Interrupt|Iteration|Warning|Timeout|Fault|Failure)(?::|$)|[\w./*()-]{1,256}\([^\n]{0,512}\)$)/;
// A line of a multi-line record that reassembly joins (source/trace-grammar.ts): loguru's `> File`, Node's
// crash place (`/app/cart.js:12`, `node:internal/process/promises:289`), version trailer, process warning
// and its hint, a function of zap's console stacktrace, SQLAlchemy's statement lines, a line Rails
// prefixed with its request tags; PHP's frames and trace markers, Rust's backtrace and notes, anyhow's
// `Caused by:`, Elixir's `** (…)` and a GenServer's last message and state, java.util.logging's time and
// source line, Prisma's message lines, kombu's retry; Netty's leak report (`Recent access records:`, `#2:`,
// `Created at:`, the dropped records) and Reactor's `Assembly trace from producer […]` and `Original Stack
// Trace:` (source/jvm-record-lines.ts). Bounded so that the whole first line is read, never a cut prefix.
const RECORD_LINE =
  /^(?:Recent access records: ?\d{0,9}\s*$|(?:#\d{1,6}|Created at):\s*$|: \d{1,9} leak records were discarded |Original Stack Trace:|Assembly (?:trace from|site of) producer \[|#\d{1,5} \S|Stack trace:|\[stacktrace\]|"?\}\s*$|stack backtrace:|Stack backtrace:|note: |Caused by:$|\*\* \(|Last message|State: |Trying again in |Invalid `|[→❯] {1,4}\d|[A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,2}:\d{2}:\d{2} [AP]M |(?:\/|file:\/\/)[^\s:]{1,400}:\d{1,7}:\d{1,7}$|> File "|>\s*$|Node\.js v\d|\(node:\d{1,10}\) |\(Use `|\[SQL: |\[parameters: |\(Background on this error at: |(?:\/|file:\/\/|node:)[^\s:]{1,400}:\d{1,7}$|[\w-]{1,64}(?:\/[\w.-]{1,64}){0,4}\.[\w.*()-]{1,128}$|\[(?=[\w-]{0,255}\d)[\w-]{8,255}\](?: \[[^\]\n]{1,255}\]){0,7} )/;
// A line that names an error may be the head of the trace whose frames follow it
// (`Unhandled rejection: MongoNetworkError: closed`, `request failed` then `    at …`).
// A Ruby frame too (`x.rb:3:in 'f'`, an `.erb` template's `show.html.erb:12:in '_app_views…'`).
const NAMES_ERROR = /error|exception|throwable|panic|fatal|fail|traceback|\.rb:\d|:\d{1,7}:in [`']/i;
// `java.util.concurrent.TimeoutException: x`, `app.Conflict`: a dotted type opening the line.
// A module's private class keeps its underscore (grpc's `grpc._channel._MultiThreadedRendezvous`).
const DOTTED_TYPE = /^(?:[A-Za-z_$][\w$]{0,100}\.){1,20}_{0,4}[A-Z][\w$]{0,100}(?::|$)/;

/**
 * True when the text's first line may belong to a trace printed one line per entry: a continuation
 * (frames, source lines, `Caused by:`, goroutine blocks, the exception line that ends a Python
 * traceback) or a line that names an error, which may be its head.
 */
export function mayBelongToTrace(text: string): boolean {
  if (typeof text !== 'string' || text === '') return false;
  const head = cleanHead(text.length > LINE_CHARS * 2 ? text.slice(0, LINE_CHARS * 2) : text);
  const lineEnd = head.indexOf('\n');
  const written = lineEnd < 0 ? head : head.slice(0, lineEnd);
  // php-fpm's decoration says WARNING of every line a worker wrote (a Laravel record's `[stacktrace]` and
  // `#3 …` frames as much as its head): the line inside it is what may belong to a trace.
  const first = (written.charCodeAt(0) === 91 ? fpmChildLine(written) ?? written : written).slice(0, LINE_CHARS + 16);
  return CONTINUATION.test(first) || NAMES_ERROR.test(first) || DOTTED_TYPE.test(first) || RECORD_LINE.test(first) || DOCS_LINK.test(first) || NET_DETAIL.test(first) ||
    TAIL_AT_START.test(first) || CONTEXT_ITEM.test(first) || opensCrashRecord(first) || continuesDartTrace(first) || readsBlockLine(first) ||
    opensConsoleBox(first) || opensJuliaBox(first) || PRETTY_HEAD.test(first);
}

// The words that name each severity, as the server-side pattern looks for them anywhere.
const WORDS_BY_SEVERITY: Partial<Record<Severity, string[]>> = {
  EMERGENCY: ['emerg'],
  ALERT: ['alert'],
  CRITICAL: ['crit', 'fatal', 'panic', 'ftl', 'fatl', 'fata', 'pani', 'pnc'],
  ERROR: ['err', 'eror', 'severe', 'fail'],
  WARNING: ['warn', 'wrn'],
  // PHP's `Deprecated:` and `Strict Standards:` messages are notices (log-header.ts).
  NOTICE: ['notice', 'php deprecated', 'php strict standards'],
  INFO: ['info', 'inf'],
  DEBUG: ['debug', 'dbug', 'trace', 'trce', 'fine', 'dbg', 'trc'],
};
// Present in every trace shape and continuation line, whatever the floor.
const TRACE_WORDS = ['error', 'exception', 'throwable', 'fault', 'traceback', 'panic', 'fatal', 'fail', 'unhandled', 'caused by', 'suppressed', 'goroutine', 'created by'];

/**
 * An RE2 pattern (Cloud Logging's `=~`) that matches every text whose textSeverity is at or above
 * `floor`, and every line mayBelongToTrace keeps: a cheap superset, judged exactly once the entries are read.
 * Case-insensitive through a leading `(?i)`; no lookaround or backreference (RE2 has none).
 */
export function severityTextPattern(floor: Severity): string {
  const rank = SEVERITIES.indexOf(floor);
  const words = SEVERITIES.filter((s) => SEVERITIES.indexOf(s) >= rank).flatMap((s) => WORDS_BY_SEVERITY[s] ?? []);
  const glog = ['I', 'W', 'E', 'F'].filter((l) => SEVERITIES.indexOf(LETTER_LEVELS[l]!) >= rank).join('');
  const syslog = SYSLOG.map((s, i) => (SEVERITIES.indexOf(s) >= rank ? i : -1)).filter((i) => i >= 0);
  // Shapes at the start of the text. The text rules drop terminal escapes and read CR as a line end
  // wherever they are: a text that holds either is let through whole.
  const atStart = [
    '\\s',
    '\\.\\.\\. \\d',
    '--- end of ',
    '\\[signal ',
    'exit status ',
    `[\\w.$]*(?:exit|interrupt|iteration|warning|timeout|fault)(?::|\\n|$)`,
    `(?:[a-z_$][\\w$]*\\.)+_*[a-z][\\w$]*(?::|\\n|$)`,
    // The `>` alone that closes a repr printed over several lines (grpc's error, source/rpc-repr.ts).
    '>\\s*(?:\\n|$)',
    `[\\w./*()-]+\\([^\\n]*\\)(?:\\n|$)`,
    // RECORD_LINE, loosened.
    '#\\d+ +\\S', 'stack trace:', '\\[stacktrace\\]', '"?\\}\\s*(?:\\n|$)', 'stack backtrace:', 'note: ', 'caused by:', '\\*\\* \\(', 'last message', 'state: ',
    'trying again in ', 'invalid `', '[→❯] +\\d', '[a-z]{3} \\d+, \\d{4} \\d+:\\d+:\\d+ [ap]m ', '(?:/|file://)[^\\s:]+:\\d+:\\d+(?:\\n|$)',
    '> file "', 'node\\.js v\\d', '\\(node:\\d+\\) ', '\\(use `', '\\[sql: ', '\\[parameters: ', '\\(background on this error at: ',
    '(?:/|file://|node:)[^\\s:]+:\\d+(?:\\n|$)',
    '[\\w-]+(?:/[\\w.-]+)*\\.[\\w.*()-]+(?:\\n|$)',
    '\\[[\\w-]{8,}\\] ',
    // Netty's leak report and Reactor's checkpoint block (source/jvm-record-lines.ts).
    'recent access records:', '#\\d+:', 'created at:', ': \\d+ leak records', 'original stack trace:', 'assembly (?:trace from|site of) producer',
    // A pointer to the documentation of the message above it (`Read more: https://…`).
    DOCS_LINK_RE2,
    // A .NET exception's detail line under its message (`File name: '…'`).
    NET_DETAIL_RE2,
    // A retry library's notice of a retried call, a warning printed bare (retry-notice.ts).
    RETRY_NOTICE_RE2,
    // A record's tail lines that are not indented: an error's fields, a code frame, a stack banner, a version line (shared/tail-lines.ts).
    ...TAIL_AT_START_RE2,
    // Puma's `!` before a problem (ruby-severity.ts).
    '(?:\\[\\d+\\] )?! \\S',
    // Rails' exception line, after its request tags or not (ruby-severity.ts).
    RAILS_EXCEPTION_LINE_RE2,
    // A crash or a lost worker (crash-lines.ts).
    ...CRASH_AT_START,
    // Dart's frames and gaps (shared/dart-trace.ts).
    '(?:package|dart|file):', '=+ asynchronous gap', '<asynchronous suspension>',
    // Symfony Console's box of an uncaught exception, Julia's ConsoleLogger box (shared/block-lines.ts).
    CONSOLE_IN_RE2, JULIA_BOX_RE2,
    // gin's Recovery frame place, which the prefilter reads alone (shared/block-lines.ts).
    GIN_FRAME_RE2,
  ];
  // pino-pretty's header at any level: its properties, indented lines read whatever they say, are its
  // record's (shared/pretty-object.ts), and without it they would join a record near them. (At DEBUG
  // every level's word is matched anywhere already.)
  if (rank > SEVERITIES.indexOf('DEBUG')) atStart.push(PRETTY_HEAD_RE2);
  // A CLI's status symbol that says a level (shared/status-marker.ts).
  const markers = (['error', 'warn', 'info'] as const).filter((l) => rank <= SEVERITIES.indexOf(levelWord(l) as Severity)).flatMap(markerSymbols);
  if (markers.length > 0) atStart.push(`[${markers.join('')}]`);
  if (glog !== '') atStart.push(`[${glog}]\\d{4}`);
  // A level as its first letter (LETTER_LEVELS): after a time or logcat's tid, and opening Tornado's bracket.
  const letters = Object.keys(LETTER_LEVELS).filter((l) => SEVERITIES.indexOf(LETTER_LEVELS[l]!) >= rank).join('');
  if (letters !== '') atStart.push(`\\[[${letters}] \\d`);
  // Phusion Passenger's own header opens with its level's letter, a space inside the bracket (log-header.ts).
  const passenger = marksAtLeast(PASSENGER_LEVELS, rank);
  if (passenger !== '') atStart.push(`\\[ [${passenger}][23]? \\d{4}-`);
  // After a time, a bracket or TensorFlow's colon (`23:47:50.828602: W tensorflow/…cc:82] `), and alone
  // in brackets inside a header (Beego's `15.643 [W] [items.go:131]`, Mojo::Log's `<5>[1] [w]`:
  // log-header.ts BRACKETED_LETTER).
  const letterAfterTime = letters === '' ? [] : [`(?:\\d|z|utc|am|pm)[\\]:]? [${letters}] `, `\\[[${letters}]\\] `];
  if (syslog.length > 0) atStart.push(syslog.length === 1 ? `<${syslog[0]}>` : `<[${syslog[0]}-${syslog[syslog.length - 1]}]>`);
  // A Ruby frame's place (`:12:in 'f'`, also of an `.erb` template): a Ruby trace names no level word.
  // A Perl warning names no level, only its place (perl-warning.ts); a WARNING, so only at floors it reaches.
  const perl = rank <= SEVERITIES.indexOf('WARNING') ? [PERL_PLACE_RE2] : [];
  // Redis states its level by a mark alone (log-header.ts: `1:M 09 Dec 2026 07:45:27.695 # …`).
  const redis = marksAtLeast(REDIS_LEVELS, rank);
  if (redis !== '') atStart.push(`(?:\\d+:[mscx]|\\[\\d+\\]) \\d+ [a-z]{3}(?: \\d{4})? [\\d:.]+ [${redis}]`);
  // An access line of a request answered 5xx reads as ERROR (access-status.ts), whatever level it was stamped with.
  const access = rank <= SEVERITIES.indexOf('ERROR') ? ANSWERED_5XX_RE2 : [];
  // php-fpm's decoration of a worker's line: its `WARNING` is matched anywhere up to WARNING; above, the
  // worker's lines are read whole, as the shapes above would read them bare, and mayBelongToTrace judges them.
  if (rank > SEVERITIES.indexOf('WARNING')) atStart.push(FPM_CHILD_RE2);
  const anywhere = [...new Set([...words, ...TRACE_WORDS, ...CRASH_ANYWHERE]), ...letterAfterTime, ...perl, ...access, '\\.rb:\\d', ':\\d+:in [`\']', '\\x1b', '\\x9b', '\\r'];
  return `(?i)${anywhere.join('|')}|^(?:${atStart.join('|')})`;
}
