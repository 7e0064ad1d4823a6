// Some formatters print a record of several lines with its log header on every line: vLLM's
// NewLineFormatter (`ERROR 12-07 10:20:32 [serving_chat.py:200] ` before each line of a traceback), and
// the `MultiLineFormatter` recipes of Python's logging that copy it ("so that every line greps"). The
// header says how the record was logged, once: a record whose every line repeats its first line's header
// reads as the record the plain formatter writes, the header on its first line only. So the same
// traceback written by either formatter is one text; split one line per entry, its lines (each naming
// the level) are joined as the lines of one write (source/burst-lines.ts), then read so.
import { stripLogHeader } from './log-header.js';

/** Most characters of a line read for its header. */
const HEADER_CHARS = 400;

/** The log header `line` opens with when the header states a level (`ERROR 12-07 10:20:32 [x.py:200] `), or ''. */
function levelHeaderOf(line: string): string {
  const cut = line.length > HEADER_CHARS ? line.slice(0, HEADER_CHARS) : line;
  const { rest, level } = stripLogHeader(cut);
  if (level === undefined || rest === '' || rest.length >= cut.length || !cut.endsWith(rest)) return '';
  return cut.slice(0, cut.length - rest.length);
}

/** The text with its first line's header set aside from the lines after it that repeat it. */
export function withoutRepeatedHeader(text: string): string {
  const nl = text.indexOf('\n');
  if (nl < 0 || nl + 1 >= text.length) return text;
  // Cheap first test: the second line opens with the first's first character.
  if (text.charCodeAt(nl + 1) !== text.charCodeAt(0)) return text;
  const first = text.charCodeAt(nl - 1) === 13 ? text.slice(0, nl - 1) : text.slice(0, nl);
  const header = levelHeaderOf(first);
  if (header === '' || !text.startsWith(header, nl + 1)) return text;
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) if (lines[i]!.startsWith(header)) lines[i] = lines[i]!.slice(header.length);
  return lines.join('\n');
}
