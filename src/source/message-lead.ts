// A log line whose header is followed by nothing, or by a message that announces more (ending in `->`
// or `:`), heads the lines written with it: its message is on the next lines. Play's error handler
// writes `[error] p.a.h.DefaultHttpErrorHandler - ` and then, on the following lines, `! @id - Internal
// server error, for (GET) [/path] ->` and the exception; Rails' Logger writes `FATAL -- : ` before its
// exception block. Split one entry per line, the header line alone says nothing of the problem (every
// problem's header is the same line), so it is joined with the lines that say what happened.
// The normalizer reads such a record the same way (stripLogHeader: a header-only line's message is the
// lines after it). Every test here looks at a bounded line (firstLine's prefix) and starts with a cheap
// look at its last character.
import { stripLogHeader } from '../normalize/index.js';

/** The header's text ends like a header with nothing after it, or a message that announces more. */
function endsOpen(trimmed: string): boolean {
  const last = trimmed.charCodeAt(trimmed.length - 1);
  // `-` (`logger - `), `:` (`FATAL -- :`, `failed for:`), `>` (`->`), `]` (`[ERROR]`), `|` (`…|ERROR|`).
  return last === 45 || last === 58 || last === 62 || last === 93 || last === 124;
}

// What the header parser may leave of a header with nothing after it: the logger's name with an empty
// or bracketed context, and the separator (Lagom's `[error] application [] -`).
const BARE_LOGGER = /^[\w.$-]{1,200}(?: \[[^\]\n]{0,200}\]){0,3} ?[-:]$/;

/**
 * The line is a log header with a level and nothing after it (`[error] p.a.h.DefaultHttpErrorHandler - `,
 * `E, […] ERROR -- : `), or a log line with a level whose message ends in `->` or `:`.
 */
export function leadsMessage(line: string): boolean {
  const trimmed = line.trimEnd();
  if (trimmed.length === 0 || !endsOpen(trimmed)) return false;
  // Read with a line after it, the header parser says whether anything of the first line is message.
  const probe = stripLogHeader(`${trimmed} \n.`);
  if (probe.level === undefined) return false;
  if (probe.rest === '.') return true;
  const firstRest = probe.rest.slice(0, probe.rest.indexOf('\n')).trimEnd();
  if (BARE_LOGGER.test(firstRest)) return true;
  return trimmed.endsWith('->') || (trimmed.endsWith(':') && probe.rest.length > 2);
}

/**
 * The level of a log header with nothing after it (`… ERROR 1 --- [main] o.s.b.d.LoggingFailureAnalysisReporter   : `),
 * as the header parser reads it with a line after it; undefined for any other line.
 */
export function bareHeaderLevel(line: string): string | undefined {
  const trimmed = line.trimEnd();
  if (trimmed.length === 0 || !endsOpen(trimmed)) return undefined;
  const probe = stripLogHeader(`${trimmed} \n.`);
  return probe.rest === '.' ? probe.level : undefined;
}

/**
 * A line that can be the message a lead line announces: unindented text that is no log record of its
 * own (no header with a level: a line with one is the next record).
 */
export function isLeadMessage(line: string): boolean {
  const c = line.charCodeAt(0);
  if (line.length === 0 || c === 32 || c === 9) return false;
  // Read with a line after it: a header with nothing after it is a record of its own too.
  return stripLogHeader(`${line}\n.`).level === undefined;
}
