// nest-winston's `nestLike` console format read back as the record winston wrote. Its printf
// (gremo/nest-winston, winston.utilities.ts) prints `[app] ` then the pid padded to six and ` - `,
// the timestamp (an ISO one turned into the locale's), the level upper-cased and padded to seven
// (`info` shown as `LOG`), `[context]`, the message, ` - ` and the record's other fields as one line
// of JSON (the `stack` array nest-winston builds from Nest's trace), then logform's `ms` (`+9ms`);
// the same colours or none. The same call under winston's JSON format is `{"context", "level",
// "message", "stack": […]}`: read as that record (json-message.ts), the line and the JSON are one text,
// the error and its stack, not a line whose header, escaped stack and timings differ every time.
import { withoutTerminalCodes } from './terminal-codes.js';

/** A record's line is short but its stack may be long; past this it is no one line nest-winston printed. */
const MAX_LINE = 64 * 1024;
/** Places ` - {` is tried as the start of the fields: the message may say ` - {` too. */
const MAX_TRIES = 8;

// `[Api] 1      - 12/9/2026, 10:00:00 AM   ERROR [Context] ` (timestamp and context optional).
const HEAD = /^\[([^\]\s]{1,64})\] \d{1,10} {0,6}- (?:.{1,64}? )? {0,6}(ERROR|WARN|LOG|INFO|HTTP|VERBOSE|DEBUG|SILLY) (?:\[([^\]\n]{1,200})\](?: |$))?/;
/** logform's `ms`: the time since the previous record, as the `ms` package prints it. */
const MS = / \+\d{1,9}(?:\.\d{1,3})?(?:ms|s|m|h|d)$/;

/**
 * The record a nestLike line with fields prints, or null when `text` is no such line. A line with no
 * fields is Nest's own ConsoleLogger's to the letter (`[Nest] 87109  - … ERROR [Context] msg +2ms`),
 * and reads as one already: its header set aside (log-header.ts).
 */
export function nestLikeRecord(text: string): Record<string, unknown> | null {
  if (text.length > MAX_LINE || !text.includes('] ')) return null;
  const line = withoutTerminalCodes(text).trimEnd();
  if (line.includes('\n')) return null;
  const head = HEAD.exec(line);
  if (head === null) return null;
  const level = (head[2] as string).toLowerCase();
  const record: Record<string, unknown> = { level: level === 'log' ? 'info' : level };
  if (head[3] !== undefined) record.context = head[3];
  const rest = line.slice(head[0].length).replace(MS, '');
  const fields = trailingFields(rest);
  if (fields === null) return null;
  Object.assign(record, fields.value);
  if (fields.at > 0) record.message = rest.slice(0, fields.at);
  return record;
}

/** The JSON object printed after the last ` - ` that starts one, and where that ` - ` is; else null. */
function trailingFields(rest: string): { at: number; value: Record<string, unknown> } | null {
  if (!rest.endsWith('}')) return null;
  let at = rest.length;
  for (let n = 0; n < MAX_TRIES; n++) {
    at = rest.lastIndexOf(' - {', at - 1);
    if (at < 0) return null;
    try {
      const value: unknown = JSON.parse(rest.slice(at + 3));
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return { at, value: value as Record<string, unknown> };
    } catch {
      // The message's own ` - {`: look further left.
    }
  }
  return null;
}
