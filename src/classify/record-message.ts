// What a multi-line record of a stack with no trace reading of its own (PHP, Rust, Elixir,
// java.util.logging, OCaml) says as a problem: its message, not the frames under it. The frames are the
// framework's route to the failure, shared by every failure that took it (Laravel's pipeline, Plug's
// endpoint), so read whole they make two problems look alike and one problem look two (a cut record).
// php-fpm's `child N said into stderr: "…"` wrapper is how the line was printed, not what happened.
// OCaml's backtrace (`Raised at …`, `Called from …`) is such frames, also when a reporter wrote each of its
// lines under its own header (OCaml Dream's): the exception the record names is the problem.
import { EX_ERROR, EX_FRAME, fpmChildLine, JUL_HEAD, JUL_LEVEL } from '../shared/record-shapes.js';
import { isOcamlFrame } from '../shared/ocaml-backtrace.js';
import { opensConsoleBox } from '../shared/block-lines.js';

// Cheap first look: a text with none of these is no such record (most texts, stack traces included).
const MARKERS = /^Type: \S|said into std|^Stack trace:|^\[stacktrace\]|[Bb]acktrace:|^note: |^Caused by:$|^\s*\*\* \(|^[A-Z][a-z]{2} \d{1,2}, \d{4} |Raised at |Raised by primitive |Called from /m;

/** Where a record's frames begin: PHP's trace markers, Rust's backtrace and its notes. */
function opensFrames(line: string): boolean {
  return line === 'Stack trace:' || line === '[stacktrace]' || line === 'stack backtrace:' || line === 'Stack backtrace:' ||
    line.startsWith('note: run with `RUST_BACKTRACE=') || line.startsWith('note: Some details are omitted');
}

/** The record's message lines; the text itself when it is no such record. */
export function recordMessage(text: string): string {
  const box = consoleBoxMessage(text);
  if (box !== null) return box;
  if (!MARKERS.test(text.length > 64 * 1024 ? text.slice(0, 64 * 1024) : text)) return text;
  const lines = text.split('\n', 400).map((l) => fpmChildLine(l) ?? l);
  const fields = exceptionFields(lines);
  if (fields !== null) return fields;
  let from = 0;
  // java.util.logging's first line and the level that opens its second are the record's header: the
  // record reads as its message, as the same message does when its first line was lost.
  if (lines.length > 1 && JUL_HEAD.test(lines[0]!) && JUL_LEVEL.test(lines[1]!)) {
    from = 1;
    lines[1] = lines[1]!.slice(lines[1]!.indexOf(': ') + 2);
  }
  // A report whose head was lost starts at its error line (`** (KeyError) …`): read from there on alike.
  let elixir = EX_ERROR.test(lines[from]!);
  let end = lines.length;
  for (let i = from + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (EX_ERROR.test(line)) elixir = true;
    if (opensFrames(line.trimEnd()) || (elixir && EX_FRAME.test(line)) || isOcamlFrame(line)) {
      end = i;
      break;
    }
  }
  return withRootCause(lines.slice(from, end)).join('\n');
}

// An error renderer's block of the exception's fields (tail-lines.ts): `Type:` within the first lines
// (under a heading, or first when the heading was lost), its `Message:` a few lines under it, then the
// place and the trace (`File:`, `Line:`, `Trace:`), which end a message that runs over several lines.
const TYPE_FIELD = /^Type: \S/;
const MESSAGE_FIELD = /^Message: /;
const PLACE_FIELD = /^(?:File|Line|Trace): /;

/**
 * The exception's type and message, when the record is such a block: the heading above them names
 * nothing (`Slim Application Error` for every problem), the place and trace are the route to it.
 */
function exceptionFields(lines: readonly string[]): string | null {
  const type = lines.findIndex((l, i) => i < 3 && TYPE_FIELD.test(l));
  if (type < 0) return null;
  let message = -1;
  for (let i = type + 1; i < Math.min(lines.length, type + 4); i++) if (MESSAGE_FIELD.test(lines[i]!)) message = i;
  if (message < 0) return null;
  let end = message + 1;
  while (end < lines.length && !PLACE_FIELD.test(lines[end]!)) end++;
  return [lines[type]!, ...lines.slice(message, end)].join('\n');
}

/**
 * anyhow's chain (`Caused by:`, then each cause indented, numbered when more than one) read as its
 * outermost message and its root cause: the layers of context in between come and go with the call
 * path (`reading gs://…` wrapped or not), the failure is the same.
 */
function withRootCause(lines: string[]): string[] {
  const at = lines.indexOf('Caused by:');
  if (at < 1) return lines;
  let last = -1;
  for (let i = at + 1; i < lines.length && /^\s+\S/.test(lines[i]!); i++) last = i;
  if (last < 0) return lines;
  const root = lines[last]!.trim().replace(/^\d{1,3}: /, '');
  return [...lines.slice(0, at).filter((l) => l.trim() !== ''), 'Caused by:', `    ${root}`, ...lines.slice(last + 1)];
}

// Symfony Console's box of an uncaught exception (block-lines.ts): the first box is the exception thrown,
// its rows its message wrapped at the terminal's width (a wrap may fall inside a word), under -v its class
// in brackets first; the boxes after it are the exceptions it wraps, the synopsis the command's.
const CONSOLE_LEAD = /^\s{0,1000}In \S/;
const CONSOLE_CLASS = /^\[([A-Za-z_\\][\w\\]{0,300})(?: \(-?\d{1,12}\))?\]$/;

/** The message of the text's first box (`Class: message` under -v), or null when it opens with none. */
function consoleBoxMessage(text: string): string | null {
  if (!CONSOLE_LEAD.test(text)) return null; // cheap first look: most texts open otherwise
  const lines = text.slice(0, 16 * 1024).split('\n', 200);
  let i = lines.findIndex((l) => l.trim() !== '');
  if (i < 0 || i > 4 || !opensConsoleBox(lines[i]!)) return null;
  const rows: string[] = [];
  for (i++; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') {
      if (rows.length > 0) break; // the blank row under the message
      continue;
    }
    if (!line.startsWith('  ')) break;
    rows.push(line.trim());
  }
  if (rows.length === 0) return null;
  const type = CONSOLE_CLASS.exec(rows[0]!);
  const message = (type ? rows.slice(1) : rows).join(' ');
  return type ? `${type[1]}: ${message}` : message;
}
