// Lines that JVM libraries add to a printed exception or write as one report, read from the line alone
// (a bounded prefix, anchored regexes):
// - Reactor's checkpoint block. Reactor attaches the sites an error travelled through as a suppressed
//   exception (`Suppressed: reactor.core.publisher.FluxOnAssembly$OnAssemblyException: `, since 3.4.x
//   also `Suppressed: The stacktrace has been enhanced by Reactor, …`) whose message runs over
//   unindented lines: `Error has been observed at the following site(s):` (before 3.3: `… by the following
//   operator(s):`), one `\t*__checkpoint ⇢ …` / `\t|_ checkpoint ⇢ …` line per site, then `Original Stack
//   Trace:` (3.2/3.3: `Stack trace:`) and the original frames; with the debug hook an `Assembly trace from
//   producer [reactor.core.publisher.MonoError] :` block of bare frames comes first.
// - Netty's leak report (ResourceLeakDetector at ADVANCED or PARANOID): under `LEAK: ByteBuf.release() was
//   not called …`, `Recent access records: ` (older releases add the count), `#N:` records and `Created at:`,
//   each followed by tab-indented frames without `at` (and an optional `\tHint: …`), and a line saying how
//   many records were dropped.
// - A Java exception line printed without frames: Netty's native and connect exceptions fill in no stack
//   trace, nor do exceptions the JIT throws pre-allocated (-XX:+OmitStackTraceInFastThrow); Logback
//   prints such an exception under its message line all the same.

export const REACTOR_OBSERVED = /^Error has been observed (?:at|by) the following (?:site|operator)\(s\):\s*$/;
export const REACTOR_ASSEMBLY = /^Assembly (?:trace from producer|site of producer) \[[\w.$]{1,200}\]/;
/** A site of the checkpoint block: `\t*__checkpoint ⇢ …`, `\t*____Mono.map ⇢ at …`, `\t|_ checkpoint ⇢ …`, `|_\t[…]`. */
export const REACTOR_SITE = /^\s{0,8}(?:\*_|\|_)/;
export const REACTOR_ORIGINAL = /^(?:Original Stack Trace|Stack trace):\s*$/;

export const NETTY_LEAK_RECORDS = /^Recent access records: ?\d{0,9}\s*$/;
export const NETTY_LEAK_RECORD = /^(?:#\d{1,6}|Created at):\s*$/;
export const NETTY_LEAK_DROPPED = /^: \d{1,9} leak records were discarded /;

// `io.netty.channel.unix.Errors$NativeIoException: recvAddress(..) failed: …`, `java.lang.NullPointerException`:
// a package in lower case, a class named as an exception or error.
export const JAVA_EXCEPTION = /^(?:[a-z][\w]{0,60}\.){1,30}[A-Z][\w$]{0,200}(?:Exception|Error|Throwable)(?::|\s*$)/;

/** A line that only ever continues one of these records (say nothing alone). */
export function continuesJvmRecord(s: string): boolean {
  const c = s.charCodeAt(0);
  // First-character checks keep the common line to one comparison.
  if (c === 69) return REACTOR_OBSERVED.test(s); // E
  if (c === 65) return REACTOR_ASSEMBLY.test(s); // A
  if (c === 79) return s.startsWith('Original Stack Trace:'); // O
  if (c === 82) return NETTY_LEAK_RECORDS.test(s); // R
  if (c === 35 || c === 67) return NETTY_LEAK_RECORD.test(s); // # C
  if (c === 58) return NETTY_LEAK_DROPPED.test(s); // :
  return false;
}
