// Log-line headers (timestamp, level, logger, pid/thread, source location) as the common formatters
// of each stack print them. They say how a line was logged, not what happened: the same error
// printed by two formatters must be one text. Only the head of the first line is looked at, and
// every pattern is anchored with bounded quantifiers, so hostile text costs a few regex steps.
import { serilogLevelWord } from './serilog-levels.js';
import { sidekiqHeader } from './sidekiq-header.js';
import { processPrefix } from './process-prefix.js';
import { LEVEL_WORD, LEVEL_WORDS } from './level-words.js';
import { statusMarker } from '../shared/status-marker.js';
import { SEMANTIC_LOGGER_HEADER } from './semantic-logger.js';
import { ODL_CLOSE, ODL_HEADER, odlLevel } from '../shared/odl-record.js';
import { consoleGemHeader, opensConsoleGemRecord } from '../shared/console-gem.js';

export interface StrippedHeader {
  /** The message without its header; the input itself when there was none. */
  rest: string;
  /** The level the header names, as written (`ERROR`, `error`, glog's `E`, .NET's `fail`). */
  level?: string;
  /** Whole lines set aside before the message (Node's throw site): a piece of the record may hold them. */
  lead?: string;
}

/** A header is at most this long; the rest of a line is message. */
const MAX_HEADER_CHARS = 400;
/** Pieces peeled off one line at most (ts, level, pid, thread, logger, source…). */
const MAX_PIECES = 10;

// A date and time, as a header starts: 2026-03-10 12:00:01,234 / 2026-03-10T12:00:01.234Z /
// 2026/03/10 12:00:01 (Go, nginx) / 2026-03-10 12:00:01.234 UTC / +0000 offsets.
const DATE_TIME =
  /^\d{4}[-/]\d{2}[-/]\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:[.,]\d{1,9})?)?(?:Z| ?[+-]\d{2}:?\d{2}| UTC)?(?=[\s\]|:,]|$)/;
// java.util.logging as Tomcat's OneLineFormatter writes it (`26-Apr-2019 14:05:48.484`), and timbre 4's
// two-digit year (`16-07-18 14:38:23`): a day-first or short date, only with a time after it.
const DAY_MONTH_TIME = /^(?:\d{2}-[A-Z][a-z]{2}-\d{4}|\d{2}-\d{2}-\d{2}) \d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?=\s)/;
// tslog's pretty templates put the milliseconds after a colon (`{{hh}}:{{MM}}:{{ss}}:{{ms}}`, three digits).
const TIME_ONLY = /^\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9}|:\d{3})?(?=[\s\]|]|$)|^\d{1,2}:\d{2}(?:AM|PM)(?=\s)/;
// Also with a fraction: Go's time.StampMilli / StampMicro (`Dec 10 10:00:00.123`), tint's default for slog.
const SYSLOG_TIME = /^[A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?=\s)/;
const APACHE_TIME = /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{1,2} \d{2}:\d{2}:\d{2}(?:\.\d{1,9})? \d{4}$/;
const CLF_TIME = /^\d{2}\/[A-Z][a-z]{2}\/\d{4}[: ]\d{2}:\d{2}:\d{2}(?: [+-]\d{4})?$/;
// PHP's error_log and php-fpm's own log: `[10-Mar-2026 00:56:55]`, `[10-Mar-2026 00:56:55 UTC]`,
// `[10-Mar-2026 00:56:55 Europe/Paris]`, `[10-Mar-2026 00:56:55.123456]` (fpm's `log_level` with microseconds).
const PHP_TIME = /^\d{2}-[A-Z][a-z]{2}-\d{4} \d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?: [A-Za-z][\w+-]{0,31}(?:\/[\w+-]{1,32}){0,2})?$/;
const LOGFMT_TIME = /^(?:time|ts|timestamp)=(?:"[^"\n]{1,40}"|[^\s"]{1,40})(?=\s)/;
// java.util.logging's date with dots, as Helidon's logging.properties writes it (`%1$tY.%1$tm.%1$td
// %1$tH:%1$tM:%1$tS`): only with a time after it, since a version number opens messages too. tslog's
// default pretty template writes the same date with its milliseconds after a colon (`2026.12.05 10:00:00:123`).
const DOTTED_DATE_TIME = /^\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}:\d{2}(?::\d{3})?(?=\s)/;
// A month and day with no year before the time (vLLM's `%m-%d %H:%M:%S`, after its level: `ERROR 12-07
// 10:20:32 [serving_chat.py:200] `): only with a time after it.
const MONTH_DAY_TIME = /^\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?=\s)/;

// Whole formats with a fixed shape.
// logrus's TextFormatter writing to a terminal: the level cut to four letters (`ERRO`, `WARN`, `FATA`,
// `PANI`, `DEBU`, `TRAC`) glued to the seconds since the process started, `ERRO[0012] `, or with
// FullTimestamp set to the time, `ERRO[2026-12-04T00:10:33Z] `; apex/log's text handler the same with the
// whole level right-aligned in six columns (`%6s[%04d] `: ` ERROR[0012] `, `  WARN[0012] `). The message
// after it is padded to a column, then its fields follow.
const LEVEL_COUNTER = /^ {0,6}(PANI|FATA|ERRO|WARN|INFO|DEBU|TRAC|PANIC|FATAL|ERROR|WARNING|DEBUG|TRACE)\[(?:\d{1,10}|\d{4}-\d{2}-\d{2}[T ][^\]\s]{1,40})\] {0,2}/;
// A syslog priority as systemd's journal reads it off stdout (sd-daemon's `<3>`), before a header of the
// logger's own: Mojo::Log's `short` format `<5>[pid] [i] msg`. A logger maps its levels onto the
// priorities its own way (Mojo::Log writes info as 5, syslog's notice): a level the header writes after
// it is the one that counts; the priority only when it writes none.
const SYSLOG_PRIORITY = /^<([0-7])>/;
const SYSLOG_LEVELS = ['EMERG', 'ALERT', 'CRIT', 'ERROR', 'WARNING', 'NOTICE', 'INFO', 'DEBUG'];
// A level written as its first letter alone in brackets, inside a header already begun (Mojo::Log's
// short format: `[t]`, `[d]`, `[i]`, `[w]`, `[e]`, `[f]`; Beego's logs after its time: `[E] [items.go:57]`).
const BRACKETED_LETTER = /^[DIWEF]$/i;
// glog / klog / Abseil: `E0310 12:00:01.123456    1234 server.go:42] `. Abseil's logging before
// `absl::InitializeLog()` knows no time zone and prints the month and day as `0000` and the time as
// `00:00:` and the epoch seconds (`W0000 00:00:1722455981.557457    1804 zone_info_source.cc:122] `).
// The thread id is C++'s (a small tid) or absl-py's: Python's `threading.get_ident()` as an unsigned
// 64-bit number (`_THREAD_ID_MASK`), fifteen digits and more on Linux (`I1204 10:00:00.123456
// 140478147475048 train.py:61] `), up to twenty.
const GLOG = /^([IWEF])(?:\d{4} \d{2}:\d{2}:\d{2}|0000 00:00:\d{9,11})\.\d{1,9} {1,12}\d{1,20} [^\s\]]{1,200}:\d{1,7}\] ?/;
// TensorFlow's own C++ prefix after its date and time: `2021-12-10 23:47:50.828602: W
// tensorflow/core/framework/cpu_allocator_impl.cc:82] `: glog's level letter and source after a colon.
const TF_LEVEL_SOURCE = /^: ([IWEF]) [^\s\]]{1,200}:\d{1,7}\] ?/;
const RAILS = /^[DIWEFUA], \[[^\]\n]{1,64}\] {1,8}([A-Z]{3,7}) -- [^:\n]{0,64}: ?/;
const DOTNET = /^(fail|crit|warn|info|dbug|trce): [\w.`]{1,200}\[\d{1,10}\]\s*/;
// Android's logcat (`-v threadtime`, with `-v year` the year before the date): the time, the pid and the
// tid, then the priority as one letter (V D I W E F, A for assert) before the tag: `08-03 09:52:53.869  2727
// 2743 E SQLiteLog: (3850) …`. The header ends at the tag's colon: the message may open with a level word of
// its own (`E AndroidRuntime: FATAL EXCEPTION: main`), which is text, not more header.
const LOGCAT = /^(?:\d{4}-)?\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} {1,8}\d{1,10} {1,8}\d{1,10} ([VDIWEFA]) [^\n:]{1,120}: ?/;
// Tornado's LogFormatter, `[%(levelname)1.1s %(asctime)s %(module)s:%(lineno)d]`, and Jupyter's `[%(levelname)1.1s
// %(asctime)s.%(msecs).03d %(name)s]`: the level's first letter, a time and the logger in one bracket.
const TORNADO = /^\[([DIWEC]) (?:\d{6}|\d{4}-\d{2}-\d{2}) \d{2}:\d{2}:\d{2}(?:\.\d{1,6})? [^\]\n]{1,120}\] ?/;
// Phusion Passenger's own log: `[ E 2026-12-10 10:00:00.1234 17/T7 age/Cor/App/Implementation.cpp:221 ]: `, the
// level one letter (or `D2`, `D3`) before the time, then the pid and thread, the source file and line;
// Passenger 5.0 wrote no letter. N is its notice, the level it runs at and says its routine at (`Passenger
// core online`, `Starting Passenger watchdog...`): what other loggers call INFO, as with Redis's notice.
const PASSENGER = /^\[ (?:([CEWNID])[23]? )?\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{1,6} \d{1,10}\/\w{1,20} [^\s\]]{1,200}:\d{1,7} \]: ?/;
export const PASSENGER_LEVELS: Readonly<Record<string, string>> = { C: 'CRIT', E: 'ERROR', W: 'WARN', N: 'INFO', I: 'INFO', D: 'DEBUG' };
// llama.cpp's common log (common/log.cpp), as llama-server and the other tools print it with `--log-prefix`
// and `--log-timestamps` (LLAMA_LOG_PREFIX, LLAMA_LOG_TIMESTAMPS): the time since the process started as
// minutes, seconds, milliseconds and microseconds (`%d.%02d.%03d.%03d`), then the level's letter (I, W, E,
// D): `0.05.274.620 E srv    send_error: …`. The time alone is never printed, so both are read together.
const LLAMA_PREFIX = /^\d{1,7}\.\d{2}\.\d{3}\.\d{3} ([DIWE]) /;
// Go's standard logger with a prefix (`log.New(w, prefix, log.Ldate|log.Ltime|log.Lmicroseconds)`) writes the
// prefix before its date: asynq's `asynq: pid=1 2026/12/10 10:00:00.123456 ERROR: msg`. A program's name and a
// few `key=value` pairs, then the date as Go's log writes it: a prefix that names a level is read as one.
const GO_LOG_PREFIX = /^([A-Za-z][\w.-]{0,39}):(?: [\w.-]{1,40}=[^\s=]{1,40}){0,3} \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?= )/;
// OCaml Dream's reporter (src/server/log.ml): `dd.mm.yy HH:MM:SS.mmm`, the source right-aligned in 15
// columns, the level in five (`ERROR`, ` WARN`, ` INFO`, `DEBUG`; none for the application's own lines),
// ` REQ n` when the record belongs to a request, then the message: `03.03.25 19:46:52.173    dream.logger
// INFO REQ 1 GET /ws …`. A source is read only before a level, so a line with neither keeps its first word.
const DREAM = /^\d{2}\.\d{2}\.\d{2} \d{2}:\d{2}:\d{2}\.\d{3} {1,24}(?:(?:[\w.-]{1,64} {1,6})?(ERROR|WARN|INFO|DEBUG) {1,2})?(?:REQ \d{1,10} )?/;
// The level's first letter alone right after a time: Python's `%(levelname).1s` (D I W E C) as in
// `%(asctime)s %(levelname).1s %(name)s %(message)s`, and other printers' F for fatal. Only after a time
// and only standing alone before the text: a capital letter alone is no word of a message's start there.
const LETTER_LEVEL = /^([DIWECF])(?= \S)/;
// zerolog's ConsoleWriter: a time (`3:04PM`, time.Kitchen, by default), then the level in three letters.
const THREE_LETTER_LEVEL = /^(TRC|DBG|INF|WRN|ERR|FTL|PNC)(?= \S)/;
// NestJS's ConsoleLogger: `[Nest] 1  - 03/10/2026, 12:00:01 PM   ERROR [Context] msg +12ms`. The date is
// the process locale's (`10/03/2026, 12:00:01`, `10.3.2026, 12:00:01`, `2026-03-10 12:00:01`); the
// level is padded to seven; the `[Nest]` prefix may be the app's own (`new ConsoleLogger({ prefix })`).
// nest-winston's `nestLike` format copies it over winston's levels (`INFO`, `HTTP`, `SILLY` besides Nest's)
// and pads the pid to six (`[Api] 1      - 12/9/2026, 10:00:00 AM    WARN [Context] msg +9ms`).
const NEST = /^\[[\w.-]{1,40}\] \d{1,10} {1,8}- (?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},? )?\d{1,2}:\d{2}:\d{2}(?: ?[AaPp]\.? ?[Mm]\.?)? {1,8}(LOG|ERROR|WARN|DEBUG|VERBOSE|FATAL|INFO|HTTP|SILLY) {1,8}(?:\[[^\]\n]{1,120}\] ?)?/;
// dry-logger's default template, which Hanami 2 logs through: `[%<progname>s] [%<severity>s] [%<time>s]
// %<message>s` (`[bookshelf] [ERROR] [2022-11-20 13:48:05 +0100] Something's wrong`). A program's name in
// brackets opens no header by itself; before a bracketed level it is the logger's. Auth.js's default
// logger glues the two (@auth/core's logger.ts: `[auth][error] UntrustedHost: …`, `[auth][warn][code]
// Read more: …`, `[auth][debug]: …`; its `[auth][cause]:` and `[auth][details]:` name no level). Glued, the
// header ends at the level: a bracket after it is the message's own (a warning's code).
const PROGNAME_LEVEL = new RegExp(`^\\[[\\w.-]{1,64}\\] \\[(${LEVEL_WORDS})\\]`, 'i');
const GLUED_PROGNAME_LEVEL = new RegExp(`^\\[[\\w.-]{1,64}\\]\\[(${LEVEL_WORDS})\\]:?`, 'i');
// @slack/logger's ConsoleLogger, which Bolt, the Web API client and Socket Mode log through: the level's
// label, two spaces, the logger's name, then the message (`[ERROR]  bolt-app UnknownError: say is not a
// function`, `[INFO]  socket-mode:SocketModeClient:0 Now connected to Slack`; slackapi/bolt-js#1196 with no
// name, three spaces). A name is one lower-case word joined by `-` or `:` to the next (`bolt-app`,
// `web-api:WebClient:0`), never a message's first word; the message after it starts afresh.
const SLACK_CONSOLE = /^\[(ERROR|WARN|INFO|DEBUG)\] {2}(?:[a-z@][\w@./]{0,40}(?:[-:][\w@./]{1,40}){1,4})? (?=\S)/;
// The parts Auth.js's error() writes after `[auth][error]`, each with a console.error of its own: the cause's
// stack (`[auth][cause]: JWEDecryptionFailed: …`) and the details (`[auth][details]: {}`). Of that error,
// at its level. They name no level word; the server-side text pattern lets them through by the colour
// codes the logger always writes around its tags (text-severity.ts: `\x1b` anywhere).
const AUTHJS_ERROR_PART = /^\[[\w.-]{1,64}\]\[(?:cause|details)\]:/;
// FastAPI CLI (`fastapi run`, `fastapi dev`) gives uvicorn's loggers its own formatter (fastapi-cli's
// `utils/cli.py`: rich-toolkit's TaggedStyle): the level name right-aligned as a tag in ten columns, three
// spaces, the message; nothing else (`      INFO   Started server process [1]`, `     ERROR   Exception in
// ASGI application`). Only the exact column counts (fastapiTag): an indented source line is no record.
const FASTAPI_TAG = /^ {1,6}(DEBUG|INFO|WARNING|ERROR|CRITICAL) {3}(?=\S)/;
const FASTAPI_TAG_COLUMN = 10;

function fastapiTag(head: string): RegExpExecArray | null {
  const m = FASTAPI_TAG.exec(head);
  return m && m[0].length - 3 === FASTAPI_TAG_COLUMN ? m : null;
}
// The time since the logger's previous line, which Nest prints after the message: how it was logged.
const NEST_TIME_DIFF = / \+\d{1,9}ms$/;
// Monolog / Laravel: a channel, then the level: `app.ERROR: `, `production.WARNING: `.
const CHANNEL_LEVEL = new RegExp(`^[\\w-]{1,60}\\.(${LEVEL_WORDS}):`);
// PHP's own error messages, as error_log writes them (two spaces after the colon): `PHP Fatal error:  `,
// `PHP Warning:  `, `PHP Notice:  `, `PHP Deprecated:  `, `PHP Parse error:  `. Named as levelWord reads
// them: a fatal or parse error stops the script; a recoverable one is an error the handler may catch.
const PHP_MESSAGE = /^PHP (Fatal error|Parse error|Recoverable fatal error|Catchable fatal error|Warning|Notice|Deprecated|Strict Standards):\s{1,4}(?=\S)/;
const PHP_LEVELS: Record<string, string> = {
  'Fatal error': 'FATAL', 'Parse error': 'FATAL', 'Recoverable fatal error': 'ERROR', 'Catchable fatal error': 'ERROR',
  Warning: 'WARNING', Notice: 'NOTICE', Deprecated: 'NOTICE', 'Strict Standards': 'NOTICE',
};
// php-fpm passes on what a worker wrote to stderr as its own WARNING, quoted: `child 12 said into stderr: "…"`.
// The worker's line is the message, and only the level it states counts (a PHP fatal error): fpm's
// WARNING is said of every such line, a frame of a split trace as much as an error.
const FPM_CHILD = /^child \d{1,10} said into std(?:err|out): "/;
// php-fpm's FastCGI SAPI logs each of PHP's messages (an error, a warning, an error_log() call) at its own
// NOTICE, `PHP message: ` first (php-src sapi/fpm's log message hook): the NOTICE is said of every message,
// the level is PHP's own (`PHP Warning:  `) or none. Read as a wrapper: what follows starts afresh.
const FPM_PHP_MESSAGE = /^NOTICE: PHP message: (?=\S)/;
// Prefixes a container tool puts before each line a program wrote, whatever it wrote: a process
// manager's or docker compose's (process-prefix.ts); the CRI log format
// (containerd, CRI-O: kubelet's files) writes a time, the stream and whether the line is whole (F) or a
// partial (P). The line after it starts afresh, as after fpm's.
const CRI_STREAM = /^std(?:out|err) [FP] /;
// A bracketed header whose opening bracket a cut took off (a line read from the middle of its first
// character, or pasted so: `2025-01-06 07:28:04 +0000] [1] [CRITICAL] WORKER TIMEOUT`): the time's
// closing bracket is still header, and so is what follows it.
const CUT_TIME_BRACKET = /^\](?=[ \t])/;
// Elixir's Logger: `$time $metadata[$level] $message`, metadata as `key=value ` pairs (Phoenix's `request_id=…`).
const ELIXIR_METADATA = new RegExp(`^(?:[a-z_][\\w]{0,40}=(?:"[^"\\n]{0,200}"|[^\\s"]{1,200}) ){1,12}(?=\\[(?:${LEVEL_WORDS})\\])`, 'i');
// The same pairs after a bracketed level, as Mix's generated config.exs suggests (`format: "$date $time
// [$level] $metadata$message\n"`) and loggers of other stacks print their context (MDC) pairs: context of
// the line, not its message. Only when a message follows them: a line that is all pairs is its message.
const METADATA_AFTER_LEVEL = /^(?:[a-z_]\w{0,40}=(?:"[^"\n]{0,200}"|[^\s"=]{1,200}) ){1,12}(?![a-z_]\w{0,40}=)(?=\S)/;

// NLog's default layout, `${longdate}|${level:uppercase=true}|${logger}|${message}`: after the time, the
// level and the logger between pipes, the message glued to the last.
const NLOG_PIPES = new RegExp(`^\\|(${LEVEL_WORDS})\\|[\\w.$\`<>+-]{1,200}\\|`, 'i');
// swift-log's StreamLogHandler: `$timestamp $level $label :$metadata [$source] $message`, the metadata as
// ` key=value` pairs (Vapor's `request-id=…`); before swift-log 1.5 there is no `[$source]`.
// Rich's RichHandler (rich/_log_render.py): the time in brackets as `[%x %X]` writes it in the C locale
// (`[12/04/26 10:00:00]`), or blank when the line was logged within the same second as the one before it
// (the column kept: the line opens with spaces); the level padded to eight columns; the message; then where
// it was logged (`server.py:625`) right-aligned at the end of the first line. The exact padding of the
// level is what tells this line from an indented continuation.
const RICH = /^(?:\[\d{2}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}\] | {8,40})(?:(DEBUG|ERROR) {4}|(INFO) {5}|(WARNING) {2}|(CRITICAL) )(?=\S)/;
// Only where a run of spaces starts is a source tried (the lookbehind), so a line of spaces costs one pass.
const RICH_SOURCE = /(?<! ) {1,400}(?:[\w.-]{1,120}\.py|<\w{1,20}>):\d{1,7} {0,400}$/;
// Helidon's JUL format names the logger, then the thread as Thread.toString() writes it (`Thread[main,5,main]`,
// a virtual thread's `VirtualThread[#52,[0x6b3d9ab3 0x2a1f9c07] WebServer socket]/runnable@ForkJoinPool-1-worker-3`,
// one bracket inside the name at most), then a colon.
const LOGGER_THREAD = /^[\w$]{1,80}(?:\.[\w$]{1,80}){0,30} (?:Virtual)?Thread\[[^\n[\]]{0,200}(?:\[[^\n[\]]{0,200}\][^\n[\]]{0,200})?\](?:\/[^\s:]{1,200})?: /;
// Julia's ConsoleLogger (shared/block-lines.ts): `[ Info: message` for a one-line record, `┌ Error: message`
// opening a box of several lines. The level is the header; the message follows it.
const JULIA_LEVEL = /^[[┌] (Debug|Info|Warning|Error):(?= |$) ?/;
// Redis's own log (server.c, serverLogRaw): `pid:role day month year time.ms level message`, the role
// one letter (M master, S replica, C a child saving, X sentinel) and the level one mark: `.` debug, `-`
// verbose, `*` notice, `#` warning (`1:M 09 Dec 2026 07:45:27.695 # Can't save in background: fork: Cannot
// allocate memory`). The year came with Redis 6; Redis 2 wrote `[pid]` and no role. Redis's notice is the
// level it runs at and says its routine at (`* Ready to accept connections`): what other loggers call INFO.
const REDIS = /^(?:\d{1,10}:[MSCX]|\[\d{1,10}\]) \d{1,2} [A-Z][a-z]{2}(?: \d{4})? \d{2}:\d{2}:\d{2}\.\d{3} ([.*#-]) /;
export const REDIS_LEVELS: Readonly<Record<string, string>> = { '#': 'WARNING', '*': 'INFO', '-': 'DEBUG', '.': 'DEBUG' };
// The `debug` package's line when its stream is no terminal (Express, Knex, socket.io and many Node
// libraries log through it): `Date#toISOString()`, the namespace, the message (`2026-12-09T00:02:51.521Z
// sync:shopify page 62 failed TypeError: fetch failed`). Namespaces are colon-separated names
// (`express:router`, `knex:query`); a word, a colon and a letter, so that a host and port or a type's
// `Name: ` message stays message. It ends the header: the message follows.
const DEBUG_NAMESPACE = /^[A-Za-z][\w.-]{0,63}(?::[A-Za-z*][\w.*-]{0,63}){1,4}(?= \S)/;
const SWIFT_LOG = /^(trace|debug|info|notice|warning|error|critical) [^\s]{1,200} :(?: [^\s=\[\]]{1,64}=[^\s]{0,200}){0,16}(?: \[[\w.-]{1,120}\])? /;

// A level word on its own: upper case anywhere in a header; lower case only when a separator
// follows (`error: …`, `error - …`), since `Error: …` is a JavaScript exception, not a level.
const UPPER_LEVEL = new RegExp(`^(${LEVEL_WORDS})(?::(?=[\\w.]{1,120}:)|:?(?=\\s)|/(?=[\\w-]{1,40}\\]))`);
const LOWER_LEVEL = /^(error|warn|warning|info|debug|fatal|critical|notice)(?=: | - )/;
const PYTHON_LOGGER = /^[\w.-]{1,120}:(?!:)/; // after `ERROR:` in `ERROR:app.db:message`; `Redis::` is a namespace
// After a level: Flask's `ERROR in app: `, Django's verbose `module pid thread `, Rust's `my_app::db: `.
const FLASK_MODULE = /^in [\w.]{1,120}: /;
const DJANGO_VERBOSE = /^[a-z_][\w.]{0,80} \d{1,10} \d{1,20} /;
const RUST_TARGET = /^[a-z_]\w{0,60}(?:::[a-z_]\w{0,60}){1,12}:? /;
const LOGFMT_LEVEL = /^(?:level|lvl|severity)=("?)(\w{1,16})\1(?=\s)/;

// Pieces that only count once a timestamp or level showed this is a header.
const BRACKETED = /^\[([^[\]\n]{1,120})\]:?/;
// Context pairs in brackets, inside a header already begun: OpenTelemetry's Python logging instrumentation
// (`[trace_id=… span_id=… resource.service.name=… trace_sampled=True]`, its documented default format, and the
// variants services copy into uvicorn's log_config: `trace_flags=01`, `0x` ids, `log_trace_id=…`), a
// logback or log4j MDC printed as `[traceId=…, spanId=…]`. Longer than BRACKETED allows (ids and service
// names), so its own bound: at most 12 pairs, separated by a space or a comma.
const PAIR = '[A-Za-z_][\\w.-]{0,60}=[^\\s=,[\\]]{0,200}';
const BRACKETED_PAIRS = new RegExp(`^\\[${PAIR}(?:,? ${PAIR}|,${PAIR}){0,11}\\]:?`);
// php-fpm's pool: `WARNING: [pool www] …`.
const FPM_POOL = /^pool [\w.-]{1,64}$/;
const PARENTHESISED = /^\(([\w.-]{1,80})\):?/;
const PID_DASHES = /^\d{1,10}(?= {1,4}---)/;
const NGINX_PID = /^\d{1,10}#\d{1,10}:(?: \*\d{1,12})?/;
// Spring Boot's logger, abbreviated and padded: `c.e.billing.web.ApiExceptionHandler      : `. Dotted:
// a bare `ENOENT: ` after a level is the message (Node's system errors).
const SPRING_LOGGER = /^[\w$]{1,80}(?:\.[\w$]{1,80}){1,12} {0,60}: /;
const LOGGER_DASH = /^[\w.$<>-]{1,200}(?::[\w<>.-]{1,120}:\d{1,7})? - /;
const SYSLOG_TAG = /^(?:[\w.-]{1,64} )?[\w.-]{1,64}\[\d{1,10}\]:/;
const CELERY_TASK = /^[\w.-]{1,120}\[[\w-]{1,64}\]:/;
// A source file and line, as glog closes its header (`server.go:42] `) and vLLM before 0.7 did (`engine.py:160] `).
const SOURCE_LOCATION = /^[\w./-]{1,200}\.(?:go|py|js|mjs|ts|java|kt|rb|cs|rs|php|ex|exs):\d{1,7}[:\]]?(?=\s)/;
// java.util.logging's source, `class.method` (OneLineFormatter after the `[thread]`): a package, a class
// and a method with a space after, where an exception's name would have a colon.
const JUL_SOURCE = /^(?:[a-z_][\w$]{0,60}\.){1,12}[A-Z][\w$]{0,80}\.[\w$<>]{1,80}(?= )/;
// Play's production pattern: `[LEVEL] from <logger> in <thread> - `.
const PLAY_FROM = /^from [\w.$]{1,200} in \S{1,120} - /;
// The host name timbre prints between its time and level (`localhost.localdomain INFO [ns:1] - `).
const HOST_BEFORE_LEVEL = new RegExp(`^[A-Za-z0-9][\\w.-]{0,252}(?= (?:${LEVEL_WORDS}) )`);
const LOGGER_COLON = /^((?:[a-z_][\w$]{0,60}\.){1,12}[A-Z][\w$]{0,80}): /;
const SEPARATOR = /^(?:---?|\||:|-)(?=\s)/;
const EXCEPTION_NAME = /(?:Error|Exception|Warning|Fault|Failure|Panic|Exit|Interrupt)$/;

/** `trailer`: what the same printer puts after the message, at the end of the first line. */
/** `last`: a whole format whose end is the header's end (what follows is message, whatever it looks like). */
/** `priority`: a level a later level of the same header overrides (SYSLOG_PRIORITY). */
/** `closer`: what the same printer puts after the whole message, at the end of its last line (ODL's `]]`). */
type Piece = { length: number; level?: string; kind: 'time' | 'level' | 'other' | 'wrapper'; trailer?: RegExp; closer?: RegExp; last?: true; priority?: true };

function leadingTime(head: string): Piece | null {
  const m = DATE_TIME.exec(head) ?? TIME_ONLY.exec(head) ?? SYSLOG_TIME.exec(head) ?? LOGFMT_TIME.exec(head) ?? DAY_MONTH_TIME.exec(head) ??
    DOTTED_DATE_TIME.exec(head) ?? MONTH_DAY_TIME.exec(head);
  return m ? { length: m[0].length, kind: 'time' } : null;
}

/** `[2026-…]`, `[ERROR]`, `[2026-… : ERROR/MainProcess]`, `[nio-8080-exec-1]`, `[pid 12]`, dramatiq's `[PID 12]`… */
function bracketed(head: string, inHeader: boolean): Piece | null {
  const pairs = inHeader ? BRACKETED_PAIRS.exec(head) : null;
  if (pairs) return { length: pairs[0].length, kind: 'other' };
  const m = BRACKETED.exec(head);
  if (!m) return null;
  const inner = (m[1] as string).trim();
  if (inner === '') return null;
  const time = leadingTime(inner);
  if (time || APACHE_TIME.test(inner) || CLF_TIME.test(inner) || PHP_TIME.test(inner)) {
    const level = levelIn(inner.slice(time?.length ?? 0));
    return { length: m[0].length, kind: 'time', ...(level ? { level } : {}) };
  }
  if (inHeader && BRACKETED_LETTER.test(inner)) return { length: m[0].length, kind: 'level', level: inner.toUpperCase() };
  const levelOnly = /^([A-Za-z]{3,9})(?:[/:][\w.-]{1,40})?$/.exec(inner);
  if (levelOnly && LEVEL_WORD.test(levelOnly[1] as string)) return { length: m[0].length, kind: 'level', level: levelOnly[1] as string };
  const serilog = inHeader && levelOnly ? serilogLevelWord(levelOnly[1] as string) : undefined;
  if (serilog !== undefined) return { length: m[0].length, kind: 'level', level: serilog };
  // Apache's `[core:error]`.
  const moduleLevel = /^[\w-]{1,40}:([a-z]{3,9})$/.exec(inner);
  if (moduleLevel && LEVEL_WORD.test(moduleLevel[1] as string)) return { length: m[0].length, kind: 'level', level: moduleLevel[1] as string };
  // A thread, logger, pid, request tag or source file: only inside a header already begun.
  if (inHeader && (/^[^\s]{1,120}$/.test(inner) || /^pid \d{1,10}$/i.test(inner) || FPM_POOL.test(inner))) return { length: m[0].length, kind: 'other' };
  return null;
}

/** The level a piece of header text names: `ERROR/MainProcess`, ` : ERROR`, `[error]`. */
function levelIn(text: string): string | undefined {
  const m = /(?:^|[\s:|])([A-Za-z]{3,9})(?=$|[\s/\]:])/.exec(text.slice(0, 64));
  if (!m) return undefined;
  return LEVEL_WORD.test(m[1] as string) ? (m[1] as string) : serilogLevelWord(m[1] as string);
}

/**
 * `afterLevel`: the piece before was a level; `glued`: with no space after it (`ERROR:app.db:`): only
 * then is a `name:` that follows Python's logger and not the message (`error: ENOENT: no such file`).
 */
function nextPiece(
  head: string, inHeader: boolean, afterLevel: boolean, afterTime = false, glued = false, rightAfterTime = false, afterBracketedLevel = false,
): Piece | null {
  // A CLI's status symbol (` ⨯ `, `✖`, `⚠`): a level when it says one. Its length stops at the symbol,
  // so the message after it is not read as glued to a level (`⨯ unhandledRejection: …` is no logger).
  const marker = statusMarker(head);
  if (marker) return { length: marker.symbolEnd, kind: 'level', ...(marker.level !== undefined ? { level: marker.level } : {}) };
  const nest = NEST.exec(head);
  if (nest) return { length: nest[0].length, kind: 'level', level: nest[1] as string, trailer: NEST_TIME_DIFF };
  if (!inHeader) {
    const rich = RICH.exec(head);
    if (rich) return { length: rich[0].length, kind: 'level', level: (rich[1] ?? rich[2] ?? rich[3] ?? rich[4]) as string, trailer: RICH_SOURCE, last: true };
    const counter = LEVEL_COUNTER.exec(head);
    if (counter) return { length: counter[0].length, kind: 'level', level: counter[1] as string };
    const tagged = fastapiTag(head);
    if (tagged) return { length: tagged[0].length, kind: 'level', level: tagged[1] as string, last: true };
    // ODL's uniform format (GlassFish, Payara): a whole header of bracketed fields, the message after `[[`.
    const odl = ODL_HEADER.exec(head);
    if (odl) return { length: odl[0].length, kind: 'level', level: odlLevel(odl[1] as string), closer: ODL_CLOSE, last: true };
    // The Console gem's first line (shared/console-gem.ts): the elapsed time and the padded level; its
    // subject and ids are read by the record's reader (console-gem-record.ts).
    const gem = consoleGemHeader(head);
    if (gem) return { length: gem.length, kind: 'level', level: gem.level, last: true };
    const redis = REDIS.exec(head);
    if (redis) return { length: redis[0].length, kind: 'level', level: REDIS_LEVELS[redis[1] as string] as string, last: true };
    const julia = JULIA_LEVEL.exec(head);
    if (julia) return { length: julia[0].length, kind: 'level', level: julia[1] as string };
    const passenger = PASSENGER.exec(head);
    if (passenger) {
      const letter = passenger[1];
      return { length: passenger[0].length, last: true, ...(letter === undefined ? { kind: 'time' } : { kind: 'level', level: PASSENGER_LEVELS[letter] as string }) };
    }
    const go = GO_LOG_PREFIX.exec(head);
    if (go && !LEVEL_WORD.test(go[1] as string)) return { length: go[0].length, kind: 'time' };
    // What follows llama.cpp's letter is the message as the program wrote it: a `name: ` opening it is its
    // function's, not a logger's (`srv  log_server_r: request: …`, `llama_decode: failed to decode`).
    const llama = LLAMA_PREFIX.exec(head);
    if (llama) return { length: llama[0].length, kind: 'level', level: llama[1] as string, last: true };
    const priority = SYSLOG_PRIORITY.exec(head);
    if (priority) return { length: priority[0].length, kind: 'level', level: SYSLOG_LEVELS[Number(priority[1])] as string, priority: true };
  }
  const slack = inHeader ? null : SLACK_CONSOLE.exec(head);
  if (slack) return { length: slack[0].length, kind: 'level', level: slack[1] as string, last: true };
  const gluedName = inHeader ? null : GLUED_PROGNAME_LEVEL.exec(head);
  if (gluedName) return { length: gluedName[0].length, kind: 'level', level: gluedName[1] as string, last: true };
  const errorPart = inHeader ? null : AUTHJS_ERROR_PART.exec(head);
  if (errorPart) return { length: errorPart[0].length, kind: 'level', level: 'ERROR', last: true };
  const whole = GLOG.exec(head) ?? RAILS.exec(head) ?? DOTNET.exec(head) ?? CHANNEL_LEVEL.exec(head) ?? (inHeader ? null : PROGNAME_LEVEL.exec(head));
  if (whole) return { length: whole[0].length, kind: 'level', level: whole[1] as string };
  const dream = inHeader ? null : DREAM.exec(head);
  if (dream) return { length: dream[0].length, last: true, ...(dream[1] === undefined ? { kind: 'time' } : { kind: 'level', level: dream[1] }) };
  const closed = LOGCAT.exec(head) ?? TORNADO.exec(head);
  if (closed) return { length: closed[0].length, kind: 'level', level: closed[1] as string, last: true };
  const sapi = FPM_PHP_MESSAGE.exec(head);
  if (sapi) return { length: sapi[0].length, kind: 'wrapper' };
  const php = PHP_MESSAGE.exec(head);
  if (php) return { length: php[0].length, kind: 'level', level: PHP_LEVELS[php[1] as string] as string };
  if (inHeader) {
    const child = FPM_CHILD.exec(head);
    if (child) return { length: child[0].length, kind: 'wrapper', trailer: /"$/ };
  } else {
    const prefix = processPrefix(head);
    if (prefix) return { length: prefix.length, kind: 'wrapper' };
  }
  if (rightAfterTime) {
    const stream = CRI_STREAM.exec(head);
    if (stream) return { length: stream[0].length, kind: 'wrapper' };
    if (CUT_TIME_BRACKET.test(head)) return { length: 1, kind: 'other' };
  }
  const sidekiq = rightAfterTime || !inHeader ? sidekiqHeader(head) : null;
  // Its length up to the level's colon: the space after it shows the message is not glued to it.
  if (sidekiq) return { length: sidekiq.length - 1, kind: 'level', level: sidekiq.level };
  if (rightAfterTime) {
    const tf = TF_LEVEL_SOURCE.exec(head);
    if (tf) return { length: tf[0].length, kind: 'level', level: tf[1] as string, last: true };
    // semantic_logger's letter, process info, tags, duration and logger's name (semantic-logger.ts).
    const semantic = SEMANTIC_LOGGER_HEADER.exec(head);
    if (semantic) return { length: semantic[0].length, kind: 'level', level: semantic[1] as string, last: true };
    const letter = LETTER_LEVEL.exec(head) ?? THREE_LETTER_LEVEL.exec(head);
    if (letter) return { length: (letter[1] as string).length, kind: 'level', level: letter[1] as string };
    const metadata = ELIXIR_METADATA.exec(head);
    if (metadata) return { length: metadata[0].length, kind: 'other' };
    const namespace = DEBUG_NAMESPACE.exec(head);
    if (namespace) return { length: namespace[0].length, kind: 'other', last: true };
    const after = NLOG_PIPES.exec(head) ?? SWIFT_LOG.exec(head);
    if (after) return { length: after[0].length, kind: 'level', level: after[1] as string };
  }
  if (afterBracketedLevel) {
    const metadata = METADATA_AFTER_LEVEL.exec(head);
    if (metadata) return { length: metadata[0].length, kind: 'other' };
  }
  const time = leadingTime(head);
  if (time) return time;
  const br = bracketed(head, inHeader);
  if (br) return br;
  const upper = UPPER_LEVEL.exec(head);
  if (upper) return { length: upper[0].length, kind: 'level', level: upper[1] as string };
  const fmt = LOGFMT_LEVEL.exec(head);
  if (fmt) return { length: fmt[0].length, kind: 'level', level: fmt[2] as string };
  if (!inHeader) {
    const lower = LOWER_LEVEL.exec(head);
    return lower ? { length: lower[0].length, kind: 'level', level: lower[1] as string } : null;
  }
  if (afterLevel) {
    const after = FLASK_MODULE.exec(head) ?? RUST_TARGET.exec(head) ?? LOGGER_THREAD.exec(head);
    if (after) return { length: after[0].length, kind: 'other' };
    const logger = glued ? PYTHON_LOGGER.exec(head) : null;
    if (logger && !EXCEPTION_NAME.test(logger[0].slice(0, -1))) return { length: logger[0].length, kind: 'other' };
  }
  if (afterTime) {
    const verbose = DJANGO_VERBOSE.exec(head);
    if (verbose) return { length: verbose[0].length, kind: 'other' };
  }
  if (rightAfterTime) {
    const host = HOST_BEFORE_LEVEL.exec(head);
    if (host) return { length: host[0].length, kind: 'other' };
  }
  const lower = LOWER_LEVEL.exec(head);
  if (lower) return { length: lower[0].length, kind: 'level', level: lower[1] as string };
  // PDO's and the JDBC drivers' `SQLSTATE[40001]: Serialization failure: …` opens the message: the SQL
  // standard's code in brackets reads like a syslog tag's pid or a Celery task's id, and is neither.
  if (head.startsWith('SQLSTATE[')) return null;
  for (const re of [PARENTHESISED, PID_DASHES, NGINX_PID, SYSLOG_TAG, CELERY_TASK, SOURCE_LOCATION, PLAY_FROM, LOGGER_DASH, SPRING_LOGGER, JUL_SOURCE, SEPARATOR]) {
    const m = re.exec(head);
    if (m) return { length: m[0].length, kind: 'other' };
  }
  const named = LOGGER_COLON.exec(head);
  if (named && !EXCEPTION_NAME.test(named[1] as string)) return { length: named[0].length, kind: 'other' };
  return null;
}

/** The message without what closes it (ODL's `]]` after its last line), when the header's format has a closer. */
function closed(message: string, closer: RegExp | undefined): string {
  if (closer === undefined) return message;
  const tail = message.length > 64 ? message.length - 64 : 0;
  const m = closer.exec(message.slice(tail));
  return m ? message.slice(0, tail + m.index) : message;
}

/** logfmt's `msg="db down" err=…` is the message `db down err=…`, as any other formatter prints it. */
function unquoteLogfmtMessage(text: string): string {
  if (!text.startsWith('msg=')) return text;
  if (text[4] !== '"') {
    const end = text.indexOf(' ', 4);
    return end < 0 ? text.slice(4) : text.slice(4, end) + text.slice(end);
  }
  for (let i = 5; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return text.slice(5, i).replace(/\\"/g, '"') + text.slice(i + 1);
  }
  return text;
}

// Node prints where an uncaught error was thrown before the error itself: the file and line, that
// line of source, a caret under it, a blank line (`node:events:491` / `throw er; // Unhandled 'error'
// event` / `^`). It says how the process died, not what failed: the error below it is the message, as
// when the same error is logged (or caught by a framework) without the preamble.
const NODE_THROW_SITE = /^(?:node:)?[\w./\\@:-]{1,300}:\d{1,7}\n[^\n]{1,400}\n[ \t]{0,200}\^{1,400}[ \t]{0,20}\n(?:[ \t]{0,20}\n)?(?=\S)/;

/**
 * The line opens with a level its logger padded to a column (apex/log's ` ERROR[0012] `, `  WARN[0012] `,
 * RichHandler's level under a time it left blank, FastAPI CLI's tag):
 * indented, yet no continuation of the line before it. A test of the line's first few characters.
 */
export function opensWithPaddedLevel(line: string): boolean {
  if (line.charCodeAt(0) !== 32) return false;
  const head = line.length > 80 ? line.slice(0, 80) : line;
  return LEVEL_COUNTER.test(head) || INDENTED_STAMP.test(head) || RICH.test(head) || fastapiTag(head) !== null || isConsoleTaskLine(line) || opensConsoleGemRecord(line);
}

// Laravel's console components indent every line by two spaces and lay a task out as two columns joined
// by a dot leader: queue:work's job lines (`  2026-12-05 10:00:00 App\Jobs\SendInvoice ...... RUNNING`,
// then `... 1.52s FAIL` or `... DONE`), schedule:work's (`  2026-12-05 10:00:00 Running ['artisan' x] ...
// 1s DONE`), each one write of its own. A time first and a leader after it make such a line a record of
// its own, not a continuation of the line before it (a frame or a source line opens with neither).
const CONSOLE_TASK_STAMP = /^ {2}\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \S/;
const DOT_LEADER = / \.{3,} /;

function isConsoleTaskLine(line: string): boolean {
  return CONSOLE_TASK_STAMP.test(line) && DOT_LEADER.test(line.length > 1000 ? line.slice(0, 1000) : line);
}

/** The line opens with RichHandler's time (or the blank it leaves for a repeated one) and padded level. */
export function opensRichRecord(line: string): boolean {
  return RICH.test(line.length > 80 ? line.slice(0, 80) : line);
}

// tracing-subscriber's Pretty formatter indents its event line by two spaces (`  2026-12-04T10:00:00.123456Z
// ERROR target: message, field: value`), the `at file:line` and `in span with fields` lines under it by four:
// an RFC 3339 time then a level padded to five columns, after at most four spaces, is a header, not a
// continuation of the line before it. Only the indentation is matched; the pieces read it as any header.
const INDENTED_STAMP = /^ {1,4}(?=\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2}) {1,2}(?:TRACE|DEBUG|INFO|WARN|ERROR) )/;

/**
 * The header as written before `rest`, what stripLogHeader(line) left of a one-line `line`: '' when nothing
 * was read off or the rest is not the line's end as written (a trailer was taken off too).
 */
export function headerBefore(line: string, rest: string): string {
  return rest !== '' && rest.length < line.length && line.endsWith(rest) ? line.slice(0, line.length - rest.length) : '';
}

/** Peels a log header off the first line of a message. A line that is all header is left as it is. */
export function stripLogHeader(text: string): StrippedHeader {
  return stripHeader(text, false);
}

/**
 * Peels what is left of a header off a message that a header was already taken from: a logger or a
 * source that a release read no header piece before (Play's `from <logger> in <thread> - ` once its
 * `[LEVEL]` came off) is header too. For a sample a past release stored as its message, which may keep
 * the part of the header it did not read as one.
 */
export function stripHeaderLeftover(text: string): StrippedHeader {
  // A past release took the `debug` package's time off and kept its namespace as the message's first
  // word (`sync:shopify page 3 failed …`): the namespace is header now.
  const namespace = DEBUG_NAMESPACE.exec(text);
  if (namespace) return { rest: text.slice(namespace[0].length + 1) };
  return stripHeader(text, true);
}

function stripHeader(text: string, afterHeader: boolean): StrippedHeader {
  const site = NODE_THROW_SITE.exec(text.slice(0, 1200));
  if (site) return { rest: text.slice(site[0].length), lead: site[0].trimEnd() };
  const lineEnd = text.indexOf('\n');
  const line = lineEnd < 0 ? text : text.slice(0, lineEnd);
  const head = line.slice(0, MAX_HEADER_CHARS);
  let at = head.charCodeAt(0) === 32 ? (INDENTED_STAMP.exec(head)?.[0].length ?? 0) : 0;
  let level: string | undefined;
  let levelIsPriority = false;
  let inHeader = afterHeader;
  let afterLevel = false;
  let afterBracketedLevel = false;
  let afterTime = false;
  let sawLevel = false;
  let glued = false;
  const trailers: RegExp[] = [];
  let closer: RegExp | undefined;
  for (let n = 0; n < MAX_PIECES; n++) {
    const rest = head.slice(at);
    const piece = nextPiece(rest, inHeader, afterLevel, afterTime && sawLevel, glued, afterTime, afterBracketedLevel);
    if (!piece || piece.length === 0) break;
    if (piece.kind === 'other' && !inHeader) break;
    at += piece.length;
    afterLevel = piece.kind === 'level';
    afterBracketedLevel = afterLevel && head[at - 1] === ']';
    afterTime = piece.kind === 'time';
    sawLevel ||= piece.kind === 'level';
    if (piece.trailer) trailers.push(piece.trailer);
    closer ??= piece.closer;
    if (piece.kind === 'wrapper') {
      // The wrapped line starts afresh: only its own time or level is header, and its level.
      level = undefined;
      inHeader = false;
      sawLevel = false;
      continue;
    }
    inHeader = true;
    if (piece.level !== undefined && (level === undefined || levelIsPriority)) {
      level = piece.level;
      levelIsPriority = piece.priority === true;
    }
    glued = head[at] !== ' ' && head[at] !== '\t';
    while (at < head.length && (head[at] === ' ' || head[at] === '\t')) at++;
    if (piece.last) break;
  }
  if (at === 0) return { rest: text };
  let firstRest = line.slice(at);
  for (const trailer of trailers) firstRest = firstRest.replace(trailer, '');
  const remainder = unquoteLogfmtMessage(firstRest);
  if (remainder.trim() === '') {
    // A header line with nothing after it heads the lines that follow (Rails' `FATAL -- : [tag]`
    // before its exception block): the message is those lines.
    const next = closed(lineEnd < 0 ? '' : text.slice(lineEnd + 1), closer);
    // A format that brackets its message (ODL's `[[`) says by it that the message is on the lines to
    // come: its header line alone still states its record's level.
    if (next.trim() === '') return closer !== undefined && level !== undefined ? { rest: text, level } : { rest: text };
    return level === undefined ? { rest: next } : { rest: next, level };
  }
  const rest = closed(remainder + (lineEnd < 0 ? '' : text.slice(lineEnd)), closer);
  return level === undefined ? { rest } : { rest, level };
}
