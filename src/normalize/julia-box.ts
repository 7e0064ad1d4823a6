// Julia's ConsoleLogger box (shared/block-lines.ts) is a record printed as text: its message on the first
// line (the level before it is header, log-header.ts), the message's further lines as `│ ` rows, each
// keyword argument two spaces in (`│   key = value`, or `│   exception =` with the value's lines three
// spaces in), and where Warn and Error records were logged on the last line (`└ @ Main.Tiles /app/x.jl:91`).
// It says what its JSON twin says (a JSON logger of the same records, LoggingExtras' or a hand-written
// one, writes `{"level": "error", "msg": …, "exception": …}`): the message, and the error it carries under
// it. The keywords' other values (`z = 4`, `url = "…"`) are the record's context, as a JSON record's other
// keys are; the call's place is how it was logged. So a service that moves from one logger to the other,
// or whose box arrives whole or line by line, keeps its problems.
import { jsonMessage } from './json-message.js';

/** Most rows of a box that are read: a long stack trace's rows past them stay in the value as they are. */
const MAX_ROWS = 400;
// A keyword argument's row: two spaces in, a name, ` = ` and its value, or ` =` alone (its lines follow).
const KEYWORD = /^ {2}([^\s=][^=\n]{0,80}?) =(?: (.*))?$/;
// The keywords whose value is the error the record carries (Julia's convention is `exception`).
const ERROR_KEYWORDS = new Set(['exception', 'ex', 'err', 'error', 'e', 'cause']);

/**
 * The text a box reads as, once its level was read off as header (`rest`: the message's first line, then
 * the box's rows); the text itself when the rows are not a box's.
 */
export function juliaBoxText(rest: string): string {
  const newline = rest.indexOf('\n');
  if (newline < 0) return rest;
  const lines = rest.split('\n', MAX_ROWS + 1);
  const message = [lines[0]!];
  const errors: Record<string, string> = {};
  let value: string[] | null = null; // the lines of a keyword's value that spans rows
  let valueKey = '';
  const closeValue = () => {
    if (value !== null && ERROR_KEYWORDS.has(valueKey)) errors[valueKey] = value.join('\n').trimEnd();
    value = null;
  };
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.endsWith('\r') ? lines[i]!.slice(0, -1) : lines[i]!;
    const bar = line.charCodeAt(0);
    if (bar !== 0x2502 && bar !== 0x2514) return rest; // not a row of the box: leave the text as it is
    const row = line.slice(2);
    if (bar === 0x2514 && row.startsWith('@ ')) break; // the call's place ends the box
    if (value !== null && row.startsWith('   ')) {
      value.push(row.slice(3));
      continue;
    }
    if (value !== null && row.trim() === '') {
      value.push('');
      continue;
    }
    closeValue();
    const keyword = KEYWORD.exec(row);
    if (keyword) {
      const key = keyword[1]!.trim();
      if (keyword[2] === undefined) {
        value = [];
        valueKey = key;
      } else if (ERROR_KEYWORDS.has(key)) errors[key] = keyword[2];
    } else if (Object.keys(errors).length === 0 && !row.startsWith('  ')) message.push(row);
  }
  closeValue();
  const record = { message: message.join('\n').trimEnd(), ...errors };
  return jsonMessage(record)?.text ?? rest;
}
