// Lines in which a runtime, a process manager or the C library says that a process or one of its
// workers ended or failed, with no log level: what a crash prints is the runtime's own text, written
// straight to stderr. Read by shape and position (the opener starts the line, or follows a short
// prefix), never as a free-text mention: `the worker died yesterday` is not a crash.
//
// Process end -> CRITICAL (as FATAL and Go's unrecovered `panic:`): Swift's `Fatal error:` (with its
// `file:line:` place) and its backtracer's `💣 Program crashed:`, Dart's `Unhandled exception:` on a
// line of its own, Deno's `error: Uncaught`, C++'s `terminate called after throwing`, glibc's abort
// messages (`*** stack smashing detected ***`, `free(): invalid pointer`, `double free or
// corruption`), a shell's `Segmentation fault` / `Aborted (core dumped)`, a bare signal report
// (`SIGSEGV: segmentation violation`), Python's faulthandler (`Fatal Python error:`), Rust's `fatal
// runtime error:`, a runtime out of memory (GHC's RTS: `prog: Heap exhausted;`, `prog: out of memory
// (requested N bytes)`; Rust's `memory allocation of N bytes failed`, then an abort), and the version
// trailer Bun prints under an error that ended the process (as Node prints `Node.js vX`).
//
// A worker lost or a request cut, which the server survives -> ERROR: a process killed by a signal
// (uWSGI's `DAMN ! worker 1 (pid: 9) died, killed by signal 9`, `terminated by signal SIGKILL`), a
// worker killed for running too long (uWSGI's `*** HARAKIRI ON WORKER`), a panic a middleware
// recovered (gin's `[Recovery] … panic recovered:`, echo's `[PANIC RECOVER]`), and a system call's
// error as C code reports it: `func(): Broken pipe`, `write: Connection reset by peer`.
/** The first line's opener is looked for within this many characters of its start. */
const OPENER_CHARS = 120;

const PROCESS_END = new RegExp(
  '^(?:' +
    [
      // Swift: `Fatal error: Index out of range`, `Swift/Array.swift:418: Fatal error: Index out of range`.
      '(?:[\\w./-]{1,200}:\\d{1,7}: )?Fatal error: \\S',
      '(?:💣 )?Program crashed: ',
      'Unhandled exception:[ \\t]*$',
      'error: Uncaught[ (]',
      'terminate called (?:after throwing|without an active exception)',
      '\\*\\*\\* (?:stack smashing detected|buffer overflow detected) \\*\\*\\*',
      '(?:free|malloc|realloc)\\(\\): (?:invalid|corrupted|unaligned)',
      'double free or corruption',
      'Segmentation fault',
      'Aborted \\(core dumped\\)',
      'SIG(?:SEGV|ABRT|BUS|ILL|FPE): [a-z]',
      'Fatal Python error: ',
      'fatal runtime error: ',
      '(?:[\\w.-]{1,64}: )?(?:Heap exhausted;|out of memory \\(requested \\d{1,20} bytes\\))',
      'memory allocation of \\d{1,20} bytes failed',
    ].join('|') +
    ')',
);
// Bun ends the output of an error that stopped the process with its version and platform.
const BUN_TRAILER = /\nBun v\d{1,3}\.\d{1,3}\.\d{1,3}(?:[-+][\w.]{1,40})? \([^()\n]{1,80}\)[ \t]*(?:\n|$)/;

// Within the first line, after whatever prefix the writer put there (a time, a pid, a tag).
const WORKER_KILLED = /\b(?:killed|terminated) by signal (?:\d{1,2}|SIG[A-Z]{2,6})\b|\*\*\* HARAKIRI ON WORKER \d/;
const PANIC_RECOVERED = /\b(?:panic recovered|recovered from panic|PANIC RECOVER(?:ED)?)\b/i;
// strerror(3) texts of a failed read, write or connect, after a function or an operation:
// `uwsgi_response_writev_headers_and_body_do(): Broken pipe [core/writer.c line 306]`, `write: Broken pipe`.
const SYSCALL_ERROR =
  /^[\w.:/-]{1,100}(?:\(\))?: (?:Broken pipe|Connection reset by peer|Connection refused)(?: \[|[ \t]*$| \()/;

/** Characters of the first line one of these phrases needs, for a cheap test before any regex. */
const PHRASE_HINTS = ['signal', 'HARAKIRI', 'ecover', 'ECOVER', ': '];

/**
 * True when the text is a runtime's report that the process ended (CRITICAL). It is read before any
 * header: Deno's `error: Uncaught` would otherwise be read as a logger's `error:` line.
 * `first` is the text's first line, `head` its bounded head, both cleaned.
 */
export function endsProcess(first: string, head: string): boolean {
  return PROCESS_END.test(first) || (head.includes('\nBun v') && BUN_TRAILER.test(head));
}

/**
 * True when the first line says a worker was lost or a request cut and the server went on (ERROR).
 * Read after the headers: a level the writer put in front of it wins.
 */
export function losesWorker(first: string): boolean {
  const opening = first.length > OPENER_CHARS ? first.slice(0, OPENER_CHARS) : first;
  if (!PHRASE_HINTS.some((hint) => opening.includes(hint))) return false;
  return WORKER_KILLED.test(opening) || PANIC_RECOVERED.test(opening) || SYSCALL_ERROR.test(first);
}

/** True when the line opens one of these records (the prefilter keeps it as a possible trace head). */
export function opensCrashRecord(first: string): boolean {
  return endsProcess(first, first) || losesWorker(first);
}

/**
 * RE2 alternatives for the server-side filter, as loose supersets of the rules above: phrases matched
 * anywhere (case-insensitively, under the filter's `(?i)`), and openers matched at the start of a text.
 */
export const CRASH_ANYWHERE = ['by signal', 'harakiri', 'program crashed', 'broken pipe', 'connection re(?:set|fused)', 'heap exhausted', 'out of memory'];
// Bun's trailer needs no alternative of its own: the error above it always names an error.
export const CRASH_AT_START = ['sig(?:segv|abrt|bus|ill|fpe): ', '(?:free|malloc|realloc)\\(\\): ', 'terminate called', '\\*\\*\\* ', 'double free', 'aborted \\('];
