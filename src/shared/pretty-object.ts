// pino-pretty's multi-line record: the header (`[12:34:56.789] ERROR (1234 on host): request error`),
// then each property the message does not show on lines of its own, four spaces in (its `ident`):
// a scalar as `    key: value`, an object or array as `    key: {`, its JSON further in, then `    }`.
// An error-like object (`err`, `error`) keeps its stack under `"stack":`, one line of it per line.
// pino-pretty writes the whole record in one write; Cloud Run stores each line as an entry, and the
// grammar (trace-grammar.ts) joins the property lines to the header they were written under.

export type PrettyObjectState = 'pretty-head' | 'pretty-object' | 'pretty-props';

/** States the property block may end in (a block cut short is still its record's). */
export const PRETTY_CAN_END: readonly PrettyObjectState[] = ['pretty-object', 'pretty-props'];

// pino-pretty's header line: the time in brackets (epoch ms, `HH:MM:ss.l`, `yyyy-mm-dd HH:MM:ss.l o`, or
// ISO; with `levelFirst` after the level), the level label (padded to five before v7: `INFO `, `WARN `),
// then `(name/pid on host)` unless ignored, and a colon: `[12:34:56.789] INFO (1234 on host): msg`,
// `[2020-04-24 05:42:24.836 +0000] INFO : msg`, `INFO [1522431328992] (42 on foo): msg`.
const LEVEL = '(?:TRACE|DEBUG|INFO|WARN|ERROR|FATAL)';
const TIME = String.raw`\[[^\]\n]{1,40}\]`;
/** A line that may be pino-pretty's header with `levelFirst` (the cheap test before PRETTY_HEAD's). */
export const PRETTY_LEVEL_FIRST = new RegExp(`^${LEVEL} {1,3}\\[`);
export const PRETTY_HEAD = new RegExp(String.raw`^(?:${TIME} {1,3}${LEVEL}|${LEVEL} {1,3}${TIME}) {0,3}(?:\([^()\n]{1,200}\) ?)?:(?: |$)`);
/**
 * A loose RE2 twin, without its anchor, for the server-side pattern's shapes at the start (text-severity.ts,
 * case-insensitive there): the time and the level, or the level and the time's bracket.
 */
export const PRETTY_HEAD_RE2 = String.raw`\[[^\]\n]{1,40}\] {1,3}${LEVEL}|${LEVEL} {1,3}\[`;

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
    case 'pretty-head': // the header of a routine record (INFO, DEBUG): its properties, or nothing
      return opensProperty(s);
    case 'pretty-object': // the value's JSON, further in than its key (a stack's lines further still)
      if (CLOSE.test(s)) return 'pretty-props';
      return s.startsWith('      ') && s.trim() !== '' ? 'pretty-object' : null;
    case 'pretty-props':
      return opensProperty(s);
    default:
      return undefined;
  }
}
