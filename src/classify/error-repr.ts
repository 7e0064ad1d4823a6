// An error object printed as a value, not as the language prints the error: Python's repr of an
// exception (`OperationalError('SSL SYSCALL error: EOF detected\n',)`, what `repr(e)`, `%r` and a
// container's str print, Celery's `Unrecoverable error: ReadOnlyError("…")`) and an Elixir error struct
// (`{:error, %HTTPoison.Error{id: nil, reason: :timeout}}`, what `inspect/1` and an `{:error, e}` tuple
// print). Both hold the same class and message as the line the runtime prints for the raised error
// (`OperationalError: SSL SYSCALL error: EOF detected`, `** (HTTPoison.Error) :timeout`), and a service
// prints one or the other by how it logged the error: the object reads as that line.
//
// Elixir's message for a `reason` atom is the atom with (HTTPoison, `inspect(reason)`) or without
// (Mint, `Atom.to_string`) its colon; which library worded it says nothing of what failed, so an
// exception line ending in an atom reads without the colon too.

/** A class in a dotted language: an optional lower-case package path, then two capitalised words or more. */
const PY_CLASS = String.raw`(?:[a-z_][a-z0-9_]{0,40}\.){0,8}[A-Z][a-z0-9]{1,40}(?:[A-Z][A-Za-z0-9]{0,40}){1,8}`;
// `Class('message')` / `Class("message",)` ending the line: a repr of one string argument (Python 2
// adds the trailing comma, and `u` before the quote). A message's own `\n` (libpq ends its messages
// with one) is how repr escapes the newline that ends it.
const PY_REPR = new RegExp(String.raw`(^|[\s:(\["'])(${PY_CLASS})\(u?(['"])(.{1,2000}?)(?:\\n)*\3,?\)\s*$`);

/** An Elixir module: capitalised segments joined by dots. */
const EX_MODULE = String.raw`[A-Z][A-Za-z0-9_]{0,60}(?:\.[A-Z][A-Za-z0-9_]{0,60}){0,8}`;
// `{:error, %Mod.Error{…, reason: R}}` or the struct alone, ending the line (a title may cut its last
// brace). Only a module named for an error or exception is one: `%User{…}` is a record, not a failure.
const EX_STRUCT = new RegExp(
  String.raw`(^|\s)(?:\{:error, )?%((?:[A-Z][A-Za-z0-9_]{0,60}\.){0,8}(?:[A-Z][A-Za-z0-9_]{0,60})?(?:Error|Exception))\{(?:[^{}\n]{0,400}, )?reason: (:?[\w.?!]{1,80}|"[^"\n]{1,400}")(?:, [^{}\n]{0,400})?\}\}?\s*$`,
);
// `** (Mint.TransportError) :timeout`: the atom that is the whole message.
const EX_ATOM_MESSAGE = new RegExp(String.raw`(\*\* \(${EX_MODULE}\)) :([\w.?!]{1,80})\s*$`);

/** The line with an error object it ends with read as the runtime's line for that error. */
export function errorReprLine(line: string): string {
  let out = line;
  if (out.endsWith(')') && (out.includes("('") || out.includes('("') || out.includes("(u'"))) {
    out = out.replace(PY_REPR, (_m, before: string, klass: string, _q: string, message: string) => `${before}${klass}: ${message.trim()}`);
  }
  if (out.includes('%') && out.includes('reason: ')) {
    out = out.replace(EX_STRUCT, (_m, before: string, module: string, reason: string) => `${before}** (${module}) ${reason.replace(/^:|^"|"$/g, '')}`);
  }
  if (out.includes('** (')) out = out.replace(EX_ATOM_MESSAGE, '$1 $2');
  return out;
}
