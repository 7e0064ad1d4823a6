// A JVM exception's own line, `pkg.Class: message` (or the class alone), read apart from the log record it
// was printed in. A container that writes each line as an entry of its own may lose a record's head and
// frames and keep that one line: it is then the exception of the trace that printed the same class and
// message, when one trace alone did (the same exception from two operations cannot tell which).
import { coreWords } from './core-words.js';

// A package in lower case, then a class (`io.netty.channel.AbstractChannel$AnnotatedConnectException`),
// optionally after `Caused by: `; bounded so that a long line costs one pass.
const EXCEPTION_LINE = /^(?:Caused by: )?((?:[a-z][\w]{0,60}\.){1,30}[A-Z][\w$]{0,200})(?::\s(.{0,2000}))?$/;

/** The key of the exception `line` is alone (its class and its message's core words), or null. */
export function exceptionLineKey(line: string): string | null {
  if (line.indexOf('\n') >= 0) return null;
  const m = EXCEPTION_LINE.exec(line.trim());
  if (m === null) return null;
  return `${m[1] as string}\u0001${coreWords(m[2] ?? '').join(' ')}`;
}

/** The same key for a trace's surfaced exception: its type and its (masked) message. */
export function thrownKey(exceptionType: string, message: string): string {
  return `${exceptionType}\u0001${coreWords(message).join(' ')}`;
}
