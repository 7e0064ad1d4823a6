// Line shapes of multi-line records that both the reassembly of split entries and the classifier's
// reading of a record need: php-fpm's wrapper around a worker's line, Elixir's crash reports,
// java.util.logging's two-line record. Anchored regexes over a line, bounded repeats.

// php-fpm (catch_workers_output) writes each line a worker wrote to stderr as a warning of its own:
// `[10-Mar-2026 02:36:39] WARNING: [pool www] child 256 said into stderr: "line"` (`, pipe is closed` after
// the last one; a line over log_limit is cut, its closing quote lost). Read for its line.
const FPM_CHILD = /^\[\d{1,2}-[A-Z][a-z]{2}-\d{4} \d{2}:\d{2}:\d{2}(?:\.\d{1,9})?\] WARNING: \[pool ([^\]\n]{1,128})\] child (\d{1,10}) said into (std(?:err|out)): "/;
/** FPM_CHILD for a server-side filter (RE2, case-insensitive, at the start of a text). */
export const FPM_CHILD_RE2 = '\\[\\d+-[a-z]{3}-\\d{4} [\\d:.]+\\] warning: \\[pool [^\\]\\n]+\\] child \\d+ said into std(?:err|out): "';
// Elixir's `** (KeyError) message` (indented under Plug's `** (exit) an exception was raised:`), and its
// frames: `    (app 1.2.3) lib/x.ex:12: Mod.fun/3`, `    lib/x.ex:12: Mod.fun/3`, `    (stdlib 6.1) :gen_server.x/3`.
export const EX_ERROR = /^\s{0,8}\*\* \((?:[A-Z][\w.]{0,200}|exit|throw|error|EXIT)\) /;
export const EX_FRAME = /^\s{1,16}(?:\([\w.-]{1,100}(?: [\w.+-]{1,50})?\) )?\S{1,400}?:\d{1,7}: \S|^\s{1,16}\([\w.-]{1,100}(?: [\w.+-]{1,50})?\) \S{1,400}: \S/;
// What a GenServer's report says after the frames: the process's last message and state, and its client.
export const EX_TAIL = /^(?:Last message(?: \(from [^)\n]{1,200}\))?: |State: |Client #PID<[\d.]{1,40}> is (?:alive|dead))/;
// java.util.logging's SimpleFormatter writes a record on two lines: `Mar 10, 2026 12:14:15 AM com.acme.X method`
// (its default format, English locale), then `SEVERE: message`; a thrown exception and its frames follow.
// The source is the caller's class (qualified) and method, or the logger's name when the caller is unknown.
export const JUL_HEAD = /^[A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,2}:\d{2}:\d{2} [AP]M (?:[\w$-]{1,100}\.){1,30}[\w$-]{1,100}(?: [\w$<>-]{1,200})?$/;
export const JUL_LEVEL = /^(?:SEVERE|WARNING|INFO|CONFIG|FINE|FINER|FINEST): \S/;
// Its levels below WARNING: a record at one of them reports no problem, whatever its message says.
export const JUL_ROUTINE = /^(?:INFO|CONFIG|FINE|FINER|FINEST): \S/;
const PIPE_CLOSED = '", pipe is closed';
// A line that only points to the documentation of the message above it: Next.js's `Read more: https://nextjs.org/docs/messages/…`,
// `Learn more: …`, `See https://…`, `For more information, see …`, httpx's `For more information check: https://…`.
// Written with its message in one call, it may reach Cloud Run as an entry of its own; alone it names nothing.
// The words may be followed by up to three short words of the writer's own before the link (`check`, `please
// visit`, `go to`): how a pointer is phrased varies, its shape (those words, then a URL ending the line) does not.
const DOCS_WORDS = '(?:Read more|Learn more|More info(?:rmation)?|See(?: also)?|For more (?:info|information|details)|Docs|Documentation)';
const DOCS_VERB = '(?:,? [a-z]{1,12}){0,3}';
export const DOCS_LINK = new RegExp(`^\\s{0,8}${DOCS_WORDS}${DOCS_VERB}:? {1,3}<?https?:\\/\\/[^\\s>]{1,2000}>?\\.?\\s*$`, 'i');
/** DOCS_LINK for a server-side filter (RE2, case-insensitive, at the start of a text). */
export const DOCS_LINK_RE2 = `\\s*${DOCS_WORDS.toLowerCase()}${DOCS_VERB}:? +<?https?://`;

/** The line a php-fpm `child N said into stderr` warning carries, or null when it is no such warning. */
export function fpmChildLine(s: string): string | null {
  const m = FPM_CHILD.exec(s);
  if (!m) return null;
  let inner = s.slice(m[0].length);
  if (inner.endsWith(PIPE_CLOSED)) inner = inner.slice(0, -PIPE_CLOSED.length);
  else if (inner.endsWith('"')) inner = inner.slice(0, -1);
  return inner;
}

/**
 * Which of php-fpm's workers wrote the line (`www child 184 stderr`), or null when it is no `child N said
 * into` warning. Children serve requests side by side and fpm passes on their lines as they come, so
 * two children's traces interleave in the container's one stream: each child's lines are a stream of
 * their own, as a process manager's programs are (process-prefix.ts).
 */
export function fpmWriter(s: string): string | null {
  const m = FPM_CHILD.exec(s);
  return m ? `${m[1]} child ${m[2]} ${m[3]}` : null;
}

// Lines a .NET exception's ToString() puts between its message and its frames: the file of a
// FileNotFoundException, FileLoadException or BadImageFormatException (`File name: 'x.dll'`), the parameter
// of an ArgumentException on .NET Framework (`Parameter name: source`), the object of an
// ObjectDisposedException (`Object name: 'System.Net.Sockets.Socket'.`). Only ever part of the exception.
export const NET_DETAIL = /^(?:File name: '|Parameter name: \S|Object name: ')/;
/** NET_DETAIL for a server-side filter (RE2, case-insensitive, at the start of a text). */
export const NET_DETAIL_RE2 = "(?:file name: '|parameter name: \\S|object name: ')";
// The server's detail Npgsql's PostgresException prints under its message after a blank line (`DETAIL: Detail
// redacted as it may contain sensitive data. …`, or the detail itself; one space, where libpq and psycopg
// print two): a text that opens with it lost the exception's first line, and is a piece of that record.
export const NPGSQL_DETAIL = /^DETAIL: \S/;

// A time of day in a line's first 160 characters: a logger stamped it, as a record of its own (an access
// log's `[08/Dec/2026:00:11:17 +0000]`, a header the parser does not know), where the later lines of one
// write carry none. One pattern for the reassembly (burst-lines.ts) and the sweep's write-lines follow
// rule (RE2, in every source), so classify and the sweep part a write's lines alike: a time wholly in
// the first 160 characters is one whose shortest form, `h:mm:ss`, starts at most 153 characters in.
const STAMP_REACH = 160;
export const STAMPED_LINE_RE2 = String.raw`^[^\n]{0,${STAMP_REACH - 7}}\d:\d{2}:\d{2}`;
export const STAMPED_LINE = new RegExp(STAMPED_LINE_RE2);
