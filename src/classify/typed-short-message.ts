// A short message says which problem it is together with the type it was raised as: `jwt expired`
// alone is two words, too few to join anything by (core-merge.ts), but `TokenExpiredError: jwt expired`
// is jsonwebtoken's one error, however it was printed (bare, inside `{ TokenExpiredError: … }`, after
// the source line Node prints above an uncaught throw, after a logger's `JWTVerification:: Error`).
// The same holds for `ClientAbortException: java.io.IOException: Broken pipe`, `Net::OpenTimeout:
// execution expired`, `sqlite3.OperationalError: database is locked`. The key is the type's own name
// (its package drifts between wrappers: `django.db.utils.OperationalError` re-raises the driver's) and
// the message's core words.
//
// A runtime's built-in types are no such name: `TypeError: fetch failed`, `KeyError: 'id'`,
// `TimeoutError: timed out`, `IllegalStateException: closed` are raised by many libraries and by the
// application for many reasons; a short message under them stays where it is.
import { tokenize } from '../normalize/mask.js';
import { coreWords } from './core-words.js';

/** A message of fewer core words than this is short (longer ones meet by their core alone). */
const MAX_SHORT_WORDS = 4;
/** Tokens after the type that a short message spans; more is a sentence with more in it. */
const MAX_MESSAGE_TOKENS = 8;

// A type before its colon, perhaps in a package and brackets: `{ TokenExpiredError:`,
// `org.apache.catalina.connector.ClientAbortException:`, `Net::OpenTimeout:`, `[ErrorReply:`.
// Anchored, each part a bounded class: linear on a bounded token.
const TYPE_TOKEN = /^[[({]?((?:[A-Za-z_$][\w$]{0,80}(?:\.|::|\\)){0,12})([A-Z][A-Za-z0-9_$]{2,80}):$/;
// The type's own name reads as a type: humps of CamelCase, the last naming an error, an exception or
// a timeout (`Net::ReadTimeout`), so a message's own word before a colon (`Failed: …`) is none.
const TYPE_NAME = /^(?:[A-Z][a-z0-9]*){2,12}$/;
const TYPE_SUFFIX = /(?:Error|Exception|Timeout|Failure|Fault)$/;

/** Built-in types of the runtimes the classifier reads (Python, Node, JVM, .NET, Ruby, Go's none). */
const BUILT_IN = new Set([
  // Python
  'ArithmeticError', 'AssertionError', 'AttributeError', 'BlockingIOError', 'BrokenPipeError', 'BufferError',
  'ChildProcessError', 'ConnectionAbortedError', 'ConnectionError', 'ConnectionRefusedError', 'ConnectionResetError',
  'EOFError', 'EnvironmentError', 'FileExistsError', 'FileNotFoundError', 'FloatingPointError', 'IOError', 'ImportError',
  'IndentationError', 'IndexError', 'InterruptedError', 'IsADirectoryError', 'KeyError', 'LookupError', 'MemoryError',
  'ModuleNotFoundError', 'NameError', 'NotADirectoryError', 'NotImplementedError', 'OSError', 'OverflowError',
  'PermissionError', 'ProcessLookupError', 'RecursionError', 'ReferenceError', 'RuntimeError', 'SyntaxError',
  'SystemError', 'TabError', 'TimeoutError', 'TypeError', 'UnboundLocalError', 'UnicodeDecodeError',
  'UnicodeEncodeError', 'UnicodeError', 'ValueError', 'ZeroDivisionError', 'CancelledError', 'InvalidStateError',
  // JavaScript
  'AggregateError', 'EvalError', 'RangeError', 'URIError', 'AbortError', 'SystemError', 'DOMException',
  // JVM
  'ArrayIndexOutOfBoundsException', 'ClassCastException', 'ClassNotFoundException', 'ConcurrentModificationException',
  'EOFException', 'ExecutionException', 'FileNotFoundException', 'IOException', 'IllegalArgumentException',
  'IllegalStateException', 'IndexOutOfBoundsException', 'InterruptedException', 'NoSuchElementException',
  'NullPointerException', 'NumberFormatException', 'RuntimeException', 'SocketException', 'SocketTimeoutException',
  'TimeoutException', 'UncheckedIOException', 'UnsupportedOperationException', 'CompletionException',
  'StackOverflowError', 'OutOfMemoryError', 'NoClassDefFoundError', 'ConnectException', 'UnknownHostException',
  // .NET
  'AggregateException', 'ArgumentException', 'ArgumentNullException', 'ArgumentOutOfRangeException',
  'FormatException', 'HttpRequestException', 'InvalidCastException', 'InvalidOperationException',
  'KeyNotFoundException', 'NotImplementedException', 'NotSupportedException', 'NullReferenceException',
  'ObjectDisposedException', 'OperationCanceledException', 'TaskCanceledException', 'WebException',
  // Ruby
  'ArgumentError', 'NoMethodError', 'StandardError', 'ScriptError', 'ThreadError', 'ZeroDivisionError',
  'FrozenError', 'StopIteration', 'ClosedQueueError', 'FiberError', 'IOError', 'LocalJumpError',
]);

// Where a trace's frames start in a template: the message ends before them.
const FRAME_START = /^(?:File|at|from)$/;

/**
 * The key of a short message under a named type (`tokenexpirederror jwt expired`), read at the last
 * type before a colon (the innermost of a chain printed on one line); null when there is none, the type
 * is a built-in, or the message is long or empty.
 */
export function typedShortKey(template: string): string | null {
  const tokens = tokenize(template, 64);
  let at = -1;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (FRAME_START.test(token) && i > 0) break;
    if (TYPE_TOKEN.test(token)) at = i;
  }
  if (at < 0) return null;
  // A wrapper's type printed right before a built-in one (`ClientAbortException: java.io.IOException:
  // Broken pipe`) names the error; the innermost type named is the one read.
  let name = '';
  for (let j = at; j >= 0; j--) {
    const m = TYPE_TOKEN.exec(tokens[j] as string);
    if (!m) break;
    const own = m[2] as string;
    if (TYPE_NAME.test(own) && TYPE_SUFFIX.test(own) && !BUILT_IN.has(own)) {
      name = own;
      break;
    }
  }
  if (name === '') return null;
  const rest: string[] = [];
  for (let i = at + 1; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (FRAME_START.test(token)) break;
    rest.push(token);
  }
  if (rest.length === 0 || rest.length > MAX_MESSAGE_TOKENS) return null;
  const words = coreWords(rest.join(' '));
  if (words.length === 0 || words.length >= MAX_SHORT_WORDS) return null;
  return [name.toLowerCase(), ...words].join(' ');
}
