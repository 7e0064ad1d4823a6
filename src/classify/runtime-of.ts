// The runtime a message was written by, read off its shape: the grammar of its trace, the way its
// exception types are named, the words only one runtime's own libraries print. A problem belongs to
// one service's code, and one service runs one runtime: the same server text logged by a Python and a
// Node client (`duplicate key value violates unique constraint`, gRPC's `PERMISSION_DENIED`) is two
// services' problems. Most messages name no runtime (a bare server text): those say nothing either way.
//
// Read from the start of the text only (MAX_RUNTIME_CHARS), so that a sample an issue stored, cut at
// the state block's bound, reads the runtime its entry did.

export const RUNTIMES = ['python', 'node', 'java', 'go', 'ruby', 'dotnet', 'php', 'rust', 'elixir'] as const;
export type Runtime = (typeof RUNTIMES)[number];

/** The start of a text the runtime is read from: no more than an issue's state block keeps of a sample. */
export const MAX_RUNTIME_CHARS = 1000;

// Each pattern is a shape a runtime's own printing documents, not a word a message may hold by chance.
// All are linear: bounded repeats, no nested quantifiers. Source files come first: a trace another
// tool reformatted (Error Reporting prints every runtime's frames as `File "x.js", line 3, in f`) still
// names its runtime's files.
const FILES: ReadonlyArray<readonly [Runtime, RegExp]> = [
  ['python', /\.py", line \d/],
  ['node', /[\w/\\-]\.(?:js|mjs|cjs|ts|mts|cts|jsx|tsx)(?::\d{1,7}:\d{1,7}\b|", line \d)|\bnode:internal\/|\b(?:node|v8)::[A-Za-z_]|\bJavaScript heap out of memory\b/],
  ['java', /\((?:[\w$]{1,100}\.(?:java|kt|scala|groovy|clj):\d{1,7}|Native Method|Unknown Source)\)/],
  ['go', /^goroutine \d{1,9} \[|\.go:\d{1,7}\b/m],
  ['ruby', /\.rb:\d{1,7}:in [`']/],
  ['dotnet', /\.cs:line \d{1,7}/],
  ['php', /\bPHP (?:Fatal error|Warning|Notice|Parse error|Deprecated)\b|\.php(?:\(\d{1,7}\)|:\d{1,7}\b| on line \d)/],
  ['rust', /\bthread '[^'\n]{0,100}' panicked at\b|\.rs:\d{1,7}:\d{1,7}/],
  ['elixir', /\.exs?(?::\d{1,7}:|", line \d)|\((?:elixir|ecto|phoenix|plug|postgrex|db_connection) \d/],
];

// Then how a runtime names its exceptions and words only its own libraries print.
const NAMES: ReadonlyArray<readonly [Runtime, RegExp]> = [
  // Python: the traceback's header, a module-qualified error (`redis.exceptions.ConnectionError`, also
  // inside SQLAlchemy's `(psycopg2.OperationalError)`; a private class: `grpc._channel._InactiveRpcError`) or a class of an errors module (psycopg2's
  // `psycopg2.errors.UniqueViolation`), OSError's `[Errno N]`, a class's repr. A module path ending in
  // `Exception` is a JVM package's (below).
  ['python', /Traceback \(most recent call last\)|\[Errno -?\d{1,5}\]|<class '[\w.]{1,200}'>|(?:^|[\s(\[:'"])(?!(?:java|javax|jakarta|org|com|io|net|reactor|kotlin|scala|akka)\.)[a-z_][a-z0-9_]{0,40}(?:\.[a-z_][a-z0-9_]{0,40}){0,6}\._?[A-Z][A-Za-z0-9]{0,60}(?:Error|Warning)\b|(?:^|[\s(\[:'"])(?!(?:java|javax|jakarta|org|com|io|net|reactor|kotlin|scala|akka)\.)[a-z_][a-z0-9_]{0,40}(?:\.[a-z_][a-z0-9_]{0,40}){0,6}\.(?:errors|exceptions|exc)\.[A-Z][A-Za-z0-9]{0,60}\b(?<!Exception)/m],
  // Node: a V8 frame, the process's warning prefix, a system error's `syscall CODE` (`connect
  // ECONNREFUSED 127.0.0.1:5432`), an `[ERR_…]` code, an error's inspect (`code: 'ECONNRESET'`).
  ['node', /^[ \t]{1,16}at [^\n]{0,300}\(<anonymous>\)|^\(node:\d{1,9}\) |\[ERR_[A-Z0-9_]{2,60}\]|\bcode: '(?:ERR_[A-Z0-9_]{2,60}|E[A-Z]{3,20})'|\b(?:connect|getaddrinfo|read|write|listen|spawn|open|bind|querySrv|queryA|queryTxt|lstat|stat|unlink|mkdir|scandir|rename) E[A-Z]{3,20}\b/m],
  // JVM: the thread's crash line, a type in the JDK or in a package (`liquibase.exception.LockException`,
  // Logback's abbreviated `o.s.m.MailAuthenticationException`).
  ['java', /Exception in thread "|\b(?:java|javax|jakarta)\.[a-z]\w{0,40}\.|(?:^|[\s(\[:'"])[a-z][a-z0-9_]{0,40}(?:\.[a-z][a-z0-9_]{0,40}){1,8}\.[A-Z][\w$]{0,60}Exception\b|\b(?:org|com|io|net)\.[a-z][a-z0-9_]{0,40}(?:\.[a-z][a-z0-9_]{0,40}){0,8}\.[A-Z][\w$]{0,60}Error\b/m],
  // Go: the panic line, the net package's `dial tcp addr: `, gRPC-Go's status line.
  ['go', /^panic: |\bdial (?:tcp|udp|unix)[46]? [^\s:]{0,200}(?::\d{1,5})?: |\brpc error: code = [A-Za-z]{2,40} desc = /m],
  // Ruby: a constant scoped by `::` (`PG::ConnectionBad`, also in an inspect's `#<Redis::…`; V8 prints
  // a plain object as `#<Object>` too, so an inspect alone says nothing).
  ['ruby', /(?<![\w:.])[A-Z][A-Za-z0-9]{0,60}(?:::[A-Z][A-Za-z0-9]{0,60}){1,8}\b/],
  // .NET: a type in System or Microsoft, a PascalCase namespace's exception.
  ['dotnet', /\b(?:System|Microsoft)\.[A-Z][A-Za-z0-9]{0,60}\b|(?<![\w.])[A-Z][A-Za-z0-9]{0,60}(?:\.[A-Z][A-Za-z0-9]{0,60}){1,8}Exception\b/],
  // PHP: a namespaced class (`Illuminate\Database\QueryException`; not a Windows path's folders), PDO's SQLSTATE.
  ['php', /(?<![\w\\:])[A-Z][A-Za-z0-9]{0,60}(?:\\{1,2}[A-Z][A-Za-z0-9]{0,60}){1,8}\b(?![\\.])|\bSQLSTATE\[/],
  // Rust: a crate path (`hyper::Error`, `sqlx::Error`), std's io error Debug.
  ['rust', /(?<![\w.:])(?!(?:node|v8|std)::)[a-z_][a-z0-9_]{0,40}(?:::[a-z_][a-z0-9_]{0,40}){0,6}::[A-Z][A-Za-z0-9]{0,60}\b|\bOs \{ code: \d{1,5}, kind: /],
  // Elixir: a raised exception's `** (Mod.Error)`, a struct's inspect, a module's error (`DBConnection.ConnectionError`).
  ['elixir', /\*\* \([A-Z][\w.]{0,100}\)|%[A-Z][A-Za-z0-9]{0,60}(?:\.[A-Z][A-Za-z0-9]{0,60}){0,8}\{|(?<![\w.])[A-Z][A-Za-z0-9]{0,60}(?:\.[A-Z][A-Za-z0-9]{0,60}){1,8}Error\b/],
];

/**
 * The runtime the start of a text names; null when it names none. Source files before names; when
 * marks of several runtimes appear (a Python client quoting a Java server's exception), the first in
 * the text wins: a message starts with what its own runtime printed.
 */
export function runtimeOf(text: string): Runtime | null {
  const head = text.length > MAX_RUNTIME_CHARS ? text.slice(0, MAX_RUNTIME_CHARS) : text;
  return firstMarked(head, FILES) ?? firstMarked(head, NAMES);
}

/** The runtime whose mark comes first in the text (ties: the first listed); null: none. */
function firstMarked(text: string, markers: ReadonlyArray<readonly [Runtime, RegExp]>): Runtime | null {
  let best: { runtime: Runtime; at: number } | null = null;
  for (const [runtime, pattern] of markers) {
    const found = pattern.exec(text);
    if (found !== null && (best === null || found.index < best.at)) best = { runtime, at: found.index };
  }
  return best?.runtime ?? null;
}
