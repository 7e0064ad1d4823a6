// Node's report of an uncaught error whose value has no stack of its own: under the throwing place, its
// source line and caret, util.inspect prints the error in brackets (`[UnhandledPromiseRejection: This error
// originated … reason "Redis connection lost".] {` for a promise rejected with a non-Error since Node 15,
// `[Error: boom]` for an error whose stack was deleted), then its properties (`code: 'ERR_UNHANDLED_REJECTION'`),
// the closing brace, a blank line and `Node.js v22.11.0`. The grammar (trace-grammar.ts) steps it here.

// `[Name: message]` with ` {` when properties follow; the name as an error class is named.
export const BRACKETED_ERROR = /^\[(?:[A-Za-z_$][\w$]{0,100}\.){0,20}[A-Z][\w$]{0,100}(?: \[[\w-]{1,64}\])?: [^\n]{0,4000}\](?: \{)?\s*$/;

/** The state after `s` under Node's crash place and source line; undefined: not such a line. */
export function stepNodeCrash(state: string, s: string): 'node-props' | 'node-error' | undefined {
  if (state !== 'node-source' || s.charCodeAt(0) !== 91 || !BRACKETED_ERROR.test(s)) return undefined; // [
  return s.trimEnd().endsWith(' {') ? 'node-props' : 'node-error';
}
