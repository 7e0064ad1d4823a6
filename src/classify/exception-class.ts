// An exception is its class and the words of its message, whichever shape printed it. Two vocabularies
// of that are read here.
//
// Ruby prints one exception in several shapes, all naming its class: `Redis::CommandError: OOM …` (the
// usual `Class: message`), `OOM … (Redis::CommandError)` (Exception#full_message, Logger),
// `#<Redis::CommandError: OOM …>` (Exception#inspect, what `p e` and error trackers print) and
// `ActionController::RoutingError (No route matches …):` (Rails' request log). Only namespaced classes
// (`A::B`) are read as Ruby's: `::` between capitalised names is Ruby's alone (Rust and C++ paths are
// lower-case, PHP's use backslashes, Java's, .NET's, Python's and Elixir's dots).
//
// An exception that says nothing of its own (no message, `None`, its class's name again, its repr
// `TimeLimitExceeded(30,)`, or only values) is its class alone, in any language:
// `kafka.errors.NoBrokersAvailable:`, `NoBrokersAvailable: NoBrokersAvailable`,
// `#<ActionController::InvalidAuthenticityToken: [REDACTED]>`, `ActionController::InvalidAuthenticityToken`.
// A class with a message of its own is left to the message: the text already says what failed.
import { REDACTED } from '../normalize/index.js';

/** An exception found at the end of a message: its key, and where in the text it starts. */
export interface ExceptionClass {
  key: string;
  start: number;
}

const RUBY_CLASS = String.raw`(?:[A-Z][A-Za-z0-9_]*::)+[A-Z][A-Za-z0-9_]*`;
// A class in a dotted language: an optional lower-case package path, then a name of two capitalised
// words or more (`NoBrokersAvailable`, `ServerDisconnectedError`), so that a word (`Error:`, `Fatal:`)
// is not read for one.
const DOTTED_CLASS = String.raw`(?:[a-z_][a-z0-9_]*\.)*[A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+`;

// Ruby's shapes. Each ends the message: what follows an exception would be another message, not its own.
const RUBY_SHAPES: ReadonlyArray<{ pattern: RegExp; klass: number; message: number }> = [
  // `#<Redis::CommandError: OOM …>`, also cut short before its `>`.
  { pattern: new RegExp(String.raw`#<(${RUBY_CLASS})(?::\s*(.*?))?>?\s*$`), klass: 1, message: 2 },
  // `ActionController::RoutingError (No route matches [GET] "/x"):`
  { pattern: new RegExp(String.raw`(?:^|\s)(${RUBY_CLASS}) \((.*)\):\s*$`), klass: 1, message: 2 },
  // `OOM command not allowed … (Redis::CommandError)`
  { pattern: new RegExp(String.raw`(?:^|\s)(\S.*?)\s+\((${RUBY_CLASS})\)\s*$`), klass: 2, message: 1 },
  // `Redis::CommandError: OOM …`, or the class alone.
  { pattern: new RegExp(String.raw`(?:^|[\s"'\[(])(${RUBY_CLASS})(?::\s+(.*))?\s*$`), klass: 1, message: 2 },
];

// A dotted class ending the message, with what it says after its colon, or with its repr's arguments.
const DOTTED_SHAPES: readonly RegExp[] = [
  new RegExp(String.raw`(?:^|[\s"'\[(])(${DOTTED_CLASS}):(?:\s+(.*))?$`),
  new RegExp(String.raw`(?:^|[\s"'\[(])(${DOTTED_CLASS})(\(.*\))?\s*$`),
];

const lastSegment = (name: string): string => name.slice(Math.max(name.lastIndexOf('.'), name.lastIndexOf(':')) + 1);

/** The message's own words: without the redactor's marks, the class's own name and `None`. */
function ownWords(message: string, klass: string, words: (text: string) => string[]): string[] {
  const name = lastSegment(klass);
  const text = message.split(REDACTED).join(' ');
  // The class named again, bare, qualified or as a repr: `NoBrokersAvailable`, `X.Y(<NUM>,)`.
  const again = new RegExp(String.raw`(?:[\w.:]*[.:])?${name}(?:\([^)]*\))?`, 'g');
  return words(text.replace(again, ' ')).filter((w) => w !== 'none');
}

function startOf(m: RegExpExecArray): number {
  return m.index + (m[0].length - m[0].trimStart().length) + (/^["'[(]/.test(m[0].trimStart()) ? 1 : 0);
}

/**
 * The exception a message ends with, keyed by its class and the words of its message (`words`
 * reduces a text to what identifies it): any Ruby shape of a namespaced class, or a class of any
 * language whose message says nothing of its own. Null for anything else.
 */
export function exceptionClass(head: string, words: (text: string) => string[]): ExceptionClass | null {
  for (const { pattern, klass, message } of RUBY_SHAPES) {
    const m = pattern.exec(head);
    if (m === null) continue;
    const name = m[klass] as string;
    return { key: `ruby-class\u0001${name}\u0001${ownWords(m[message] ?? '', name, words).join(' ')}`, start: startOf(m) };
  }
  for (const pattern of DOTTED_SHAPES) {
    const m = pattern.exec(head);
    if (m === null) continue;
    const name = m[1] as string;
    if (ownWords(m[2] ?? '', name, words).length > 0) return null;
    // A capitalised word ending a sentence (`… connect to MongoDB`) is no class: alone, a class is the
    // whole message, follows a colon, or shows itself by its package or its repr.
    const before = head.slice(0, startOf(m)).trimEnd();
    if (pattern === DOTTED_SHAPES[1] && before !== '' && !before.endsWith(':') && !name.includes('.') && m[2] === undefined) return null;
    return { key: `class-alone\u0001${lastSegment(name)}`, start: startOf(m) };
  }
  return null;
}
