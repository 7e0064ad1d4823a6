// Lines many stacks print under (or, for a code frame, above) an error line that are neither frames nor
// a header of their own, told by shape, whatever the framework:
// - a field of the error: a label of one word (a CamelCase one, or a word and a number) and a colon, then
//   its value: PostgreSQL's fields as libpq prints them (`DETAIL:  …`, `HINT:  …`, `LINE 1: …`), as pgjdbc
//   does (`  Detail: …`, `  Position: 15`) and Npgsql (`DETAIL: …`, `    SqlState: 23503` under
//   `  Exception data:`); never a level (`ERROR: …`) or an exception's name (`TypeError: …`);
// - a source excerpt: numbered lines (`12 | export function orient(meta) {`, Babel's `> 12 | …`) and the
//   caret or tilde line under them;
// - a banner that announces a stack (glog's `*** Check failure stack trace: ***`) and the frames such a
//   stack prints (`    @     0x55d4c2a1b7f3  google::LogMessage::Fail()`);
// - a runtime's version line closing its crash output (`Node.js v20.11.0`, `Bun v1.1.38 (Linux x64)`).
// Alone each says nothing; the grammar (trace-grammar.ts) takes one only where it follows a record, and the
// reassembly only within the write burst of that record. Anchored, bounded patterns over a line's prefix.

// An item of the context asyncio's event loop logs under its message (base_events.py's
// default_exception_handler: `key: repr(value)` for each item, then the exception's traceback): a
// snake_case key and an object's repr (`future: <Task finished … exception=TimeoutError()>`, `handle:
// <Handle …>`, aiohttp's `client_session: <aiohttp.client.ClientSession object at 0x…>`), a list of reprs
// (`connections: ['[(<…ResponseHandler object at 0x…>, 5.1)]']`), or where the object was made, its
// frames under it (`source_traceback: Object created at (most recent call last):`). Any library that
// hands the loop a context prints its items so; none of them names an error.
export const CONTEXT_ITEM = /^[a-z][a-z\d]{0,30}(?:_[a-z\d]{1,30}){0,4}: (?:<[A-Za-z_][\w.]{0,200}[\s>(]|\[['"(<]|[A-Z][a-z]{1,20} created at \(most recent call last\):)/;

// A label of one word, or CamelCase words run together, or upper case; optionally a number (`LINE 1`).
const FIELD = /^\s{0,12}([A-Z][a-z]{1,24}(?:[A-Z][a-z]{1,24}){0,3}|[A-Z]{2,24})(?: \d{1,6})?: {1,4}\S/;
// The labels that are a level (a log line of its own) or an exception's name (a line naming an error).
const LEVEL_LABEL = /^(?:ERROR|ERR|WARNING|WARN|INFO|DEBUG|NOTICE|LOG|FATAL|PANIC|CRITICAL|CRIT|SEVERE|TRACE|ALERT|EMERGENCY|Error|Warning|Warn|Info|Debug|Notice|Fatal|Panic|Critical|Severe|Trace|Alert)$/;
const ERROR_NAME = /(?:Error|Exception|Warning|Exit|Interrupt|Iteration|Fault|Failure|Panic|Throwable|Timeout)$/;

// A label of a few words padded to a column before its colon, as a report aligns its fields: Flyway's
// FlywaySqlScriptException under `Migration V1__init.sql failed` and its rule (`SQL State  : 42601`,
// `Error Code : 0`, `Message    : ERROR: syntax error …`, `Location   : …`, `Line       : 1`, `Statement  : …`;
// flyway/flyway#3145, lymengg/spring-boilerplate#63). The space before the colon tells it from a level.
const PADDED_FIELD = /^\s{0,12}([A-Z][A-Za-z]{1,24}(?: [A-Z][a-z]{1,24}){0,2}) {1,12}: {1,4}\S/;

/**
 * A rule under a heading that names an error, before its fields (Flyway's `-----------------------------`
 * under `Migration V1__init.sql failed`): the heading's underline.
 */
export const FIELD_RULE = /^-{3,200}\s*$/;

/** A field of the error: `DETAIL:  Failing row contains (…)`, `  Detail: Key (id)=(1) already exists.`, `LINE 1: SELECT …`. */
export function isFieldLine(s: string): boolean {
  const m = FIELD.exec(s) ?? PADDED_FIELD.exec(s);
  return m !== null && !LEVEL_LABEL.test(m[1]!) && !ERROR_NAME.test(m[1]!);
}

// The fields an error renderer prints for an exception, one a line, under a heading that names nothing
// (`Slim Application Error`, `404 Not Found`): `Type: PDOException`, `Code: 2002`, `Message: …`, `File: …`,
// `Line: 31`, then the trace as `Trace: #0 …` and `#N` frames. The names of an exception's own properties,
// as PHP's Throwable has them (getCode, getMessage, getFile, getLine, getTraceAsString); the renderers that
// print them so (Slim's, Whoops' and Symfony's plain text) are many. Each line alone says nothing; `Type:`
// opens the block (a heading before it may be lost), the others continue it.
export const EXCEPTION_FIELD = /^(?:Type|Code|Message|File|Line|Trace): \S/;
export const EXCEPTION_TYPE_FIELD = /^Type: \S/;

// An indented label alone, opening a block of fields under it (Npgsql's `  Exception data:`).
export const DATA_LABEL = /^\s{1,12}[A-Z][a-z]{1,24}(?: [a-z]{1,24}){0,2}:\s*$/;

// What PostgreSQL says a CONTEXT is, on its own lines: `PL/pgSQL function f(integer) line 23 at EXECUTE`,
// `SQL statement "…"`, `SQL function "f" statement 1`, `COPY t, line 3`.
export const PG_CONTEXT_LINE = /^(?:PL\/[A-Za-z]{1,20} function |SQL (?:statement|function) |COPY [\w."]{1,128}, line \d)/;

// A numbered source line of a code frame: Bun's and esbuild's `12 | code`, Babel's `> 12 | code`.
export const CODE_FRAME = /^\s{0,8}(?:> ?)?\d{1,6} \| /;
// The line under it marking the place: carets or tildes alone, with an optional note after them.
export const CARET_LINE = /^\s{0,400}[\^~]{1,400}(?: \S.{0,200})?$/;

// A banner that announces a stack under it: glog's `*** Check failure stack trace: ***`, its signal
// handler's `*** SIGABRT (@0x1) received by PID 1 (TID 0x7f) from PID 1; stack trace: ***`.
export const STACK_BANNER = /^\*\*\* [^*\n]{0,200}(?:stack trace|backtrace):? \*\*\*\s*$/;
// A frame of such a stack (`    @     0x55d4c2a1b7f3  google::LogMessage::Fail()`) and the handler's
// lines around its frames (`PC: @ 0x0 (unknown)`, `*** Aborted at 1677191484 (unix time) …`).
export const AT_ADDRESS_FRAME = /^\s{0,12}(?:PC: )?@ {1,16}(?:0x)?[0-9a-fA-F]{1,16}(?:\s|$)/;
export const STACK_NOTE = /^\*\*\* [^\n]{1,300}\*\*\*\s*$|^\*\*\* Aborted at /;

// A line pointing elsewhere for the rest (DOCS_LINK's kin without a URL): DBConnection's `See
// DBConnection.start_link/2 for more information`, rustc's `For more information about this error, try `…``.
// Not in the prefilter below: it names nothing, so a sweep that does not read it loses no problem.
export const POINTER_LINE = /^\s{0,8}(?:See \S.{0,300}? for more (?:information|details)\.?\s*$|For more information(?: about this error)?, (?:try|see|run|visit) \S)/;

// A runtime's version line closing its crash output: `Node.js v20.11.0`, `Bun v1.1.38 (Linux x64 baseline)`.
export const VERSION_TRAILER = /^[A-Z][\w.]{0,30} v\d{1,4}\.\d{1,4}\.\d{1,4}[\w.+-]{0,40}(?: \([^()\n]{1,80}\))?\s*$/;

// For the prefilter that keeps every line a record may hold (text-severity.ts), as a JS test on a line and
// as RE2 for Cloud Logging and Log Analytics (case-insensitive, at the start of a text): the tail lines
// that are not indented (indented lines it keeps anyway). RE2 has no lookahead to leave out a level
// (`INFO:     …` from uvicorn on every request), so of the field lines it names those of the one protocol
// whose fields drivers print unindented: PostgreSQL's (libpq's `DETAIL:  …`, Npgsql's `DETAIL: …`).
const PG_FIELDS = '(?:detail|hint|context|line \\d{1,6})';
export const TAIL_AT_START = new RegExp(
  `^(?:${PG_FIELDS}: {1,4}\\S|>? ?\\d{1,6} \\| |[A-Z][\\w.]{0,30} v\\d{1,4}\\.\\d{1,4}\\.\\d{1,4}|\\*\\*\\* [^*\\n]{0,200}(?:stack trace|backtrace):? \\*\\*\\*|(?:pl\\/[a-z]{1,20}|sql) (?:function|statement) )`,
  'i',
);
/** TAIL_AT_START loosened (a superset), short: the filter holds it three times. */
export const TAIL_AT_START_RE2: readonly string[] = [
  '(?:detail|hint|context|line \\d+): ',
  '>? ?\\d+ \\| ',
  '\\S+ v\\d+\\.\\d',
  '\\*\\*\\* ',
  '(?:pl/\\w+|sql) [fs]',
  // CONTEXT_ITEM: asyncio's context items, which name no error (an unclosed session, a pending task).
  '\\w+: (?:<\\w|\\[\\W|\\w+ created at)',
];
