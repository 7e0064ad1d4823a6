// Some formatters print a record of several lines with its log header on every line: vLLM's
// NewLineFormatter (`ERROR 12-07 10:20:32 [serving_chat.py:200] ` before each line of a traceback), and
// the `MultiLineFormatter` recipes of Python's logging that copy it ("so that every line greps"). The
// header says how the record was logged, once: a record whose every line repeats its first line's header
// reads as the record the plain formatter writes, the header on its first line only. So the same
// traceback written by either formatter is one text; split one line per entry, its lines (each naming
// the level) are joined as the lines of one write (source/burst-lines.ts), then read so.
import { headerBefore, stripLogHeader } from './log-header.js';

/** Most characters of a line read for its header. */
const HEADER_CHARS = 400;

/** The log header `line` opens with when the header states a level (`ERROR 12-07 10:20:32 [x.py:200] `), or ''. */
function levelHeaderOf(line: string): string {
  const cut = line.length > HEADER_CHARS ? line.slice(0, HEADER_CHARS) : line;
  const { rest, level } = stripLogHeader(cut);
  return level === undefined ? '' : headerBefore(cut, rest);
}

/**
 * The text with its first line's header set aside from the lines after it that repeat it. A record whose
 * first line lost its header already (read off as the message's header: a sample a past release stored)
 * has its second line's header set aside from it and the lines after it when the third repeats it.
 */
export function withoutRepeatedHeader(text: string): string {
  const nl = text.indexOf('\n');
  if (nl < 0 || nl + 1 >= text.length) return text;
  let header = repeated(text, 0, nl);
  if (header === '') {
    const nl2 = text.indexOf('\n', nl + 1);
    if (nl2 < 0) return text;
    header = repeated(text, nl + 1, nl2);
    if (header === '') return text;
  }
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) if (lines[i]!.startsWith(header)) lines[i] = lines[i]!.slice(header.length);
  // A record cut at a bound (a stored sample) may end in the start of one more copy: it says nothing.
  const last = lines[lines.length - 1]!;
  if (lines.length > 2 && last !== '' && header.startsWith(last)) lines.pop();
  return lines.join('\n');
}

/** The header of the line [start, end) when the next line opens with it, or ''. */
function repeated(text: string, start: number, end: number): string {
  // Cheap first test: the next line opens with this line's first character.
  if (end + 1 >= text.length || text.charCodeAt(end + 1) !== text.charCodeAt(start)) return '';
  const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
  const header = levelHeaderOf(line);
  return header !== '' && text.startsWith(header, end + 1) ? header : '';
}
