// pino-pretty's multi-line record: the header (`[12:34:56.789] ERROR (1234 on host): request error`),
// then each property the message does not show on lines of its own, four spaces in (its `ident`):
// a scalar as `    key: value`, an object or array as `    key: {`, its JSON further in, then `    }`.
// An error-like object (`err`, `error`) keeps its stack under `"stack":`, one line of it per line.
// pino-pretty writes the whole record in one write; Cloud Run stores each line as an entry, and the
// grammar (trace-grammar.ts) joins the property lines to the header they were written under.

export type PrettyObjectState = 'pretty-object' | 'pretty-props';

/** States the property block may end in (a block cut short is still its record's). */
export const PRETTY_CAN_END: readonly PrettyObjectState[] = ['pretty-object', 'pretty-props'];

// `    req: {` / `    tags: [`: an object or array property opening, four spaces in.
const OPEN = /^ {4}[\w$.@-]{1,100}: [{[]\s*$/;
// `    responseTime: 12`: a scalar property (a key in pino may be any word).
const SCALAR = /^ {4}[\w$.@-]{1,100}: \S/;
// `    }` / `    ]`: the end of the property's value, at the property's indent.
const CLOSE = /^ {4}[}\]],?\s*$/;

/** Whether the line opens a property of pino-pretty's block (an object's or a scalar's). */
function opensProperty(s: string): PrettyObjectState | null {
  if (!s.startsWith('    ') || s.charCodeAt(4) === 32) return null;
  if (OPEN.test(s)) return 'pretty-object';
  return SCALAR.test(s) ? 'pretty-props' : null;
}

/**
 * The state after one more line (null: the line ends the block; undefined: not a state of this block).
 * `header`: the state is a record's log line naming an error, under which the block may open.
 */
export function stepPrettyObject(state: string, s: string, header: boolean): PrettyObjectState | null | undefined {
  if (header) return opensProperty(s) ?? undefined;
  switch (state) {
    case 'pretty-object': // the value's JSON, further in than its key (a stack's lines further still)
      if (CLOSE.test(s)) return 'pretty-props';
      return s.startsWith('      ') && s.trim() !== '' ? 'pretty-object' : null;
    case 'pretty-props':
      return opensProperty(s);
    default:
      return undefined;
  }
}
