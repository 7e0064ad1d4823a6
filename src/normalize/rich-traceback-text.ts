// Rich's traceback box (shared/rich-traceback.ts) says what Python's own traceback says, drawn: the same
// exception raised through the same frames is one problem whether a service logs it through Python's
// handler or through RichHandler. The box is read back into Python's text (`Traceback (most recent call
// last):`, `  File "path", line N, in function`, the exception line), so every later step reads one form.
// The source rows around each frame are left out: they say what the code was, not where it failed.
import { RICH_BOX_BOTTOM, RICH_BOX_ROW, RICH_BOX_TOP } from '../shared/rich-traceback.js';

/** Lines of a record looked at for a box; a longer one is read as it is. */
const MAX_LINES = 2000;

// A frame's place, once the rows it was folded over are put back together: `path:line in function`.
const PLACE = /^(\S[^\n]{0,2000}?):(\d{1,7}) in (\S{1,300})$/;
// A row of source (`❱ 849 │ code`, `  846 │ code`, `  38`) or the count of frames left out.
const SOURCE_ROW = /^(?:❱ {0,8})?\d{1,7}(?: |$)/;
const HIDDEN_FRAMES = /^\.\.\. \d{1,7} frames hidden \.\.\.$/;
// A panel of the frame's locals (`show_locals=True`) drawn inside the box.
const LOCALS_ROW = /^[╭│╰]/;
/** Longest place read: a path folded over more rows than this is no frame. */
const MAX_PLACE = 2000;

// RichHandler wraps a message longer than its column onto the lines under it, at the message column, each
// padded to the console's width: the lines up to the traceback box (or the end) are one message, and
// where the wrap falls depends on the values in it.
const WRAPPED = /^ {8,60}\S/;
const PY_TRACEBACK = 'Traceback (most recent call last)';

/**
 * A RichHandler record's message (its header taken off) with the lines Rich wrapped it onto put back on
 * one; Python's traceback text under it (a handler not asked to draw it) taken back to its own column.
 */
export function unwrapRichMessage(text: string): string {
  const nl = text.indexOf('\n');
  if (nl < 0) return text;
  const lines = text.split('\n');
  if (lines.length > MAX_LINES) return text;
  let end = 1;
  // Up to a traceback: Rich's box, or Python's own text when the handler was not asked to draw it.
  while (end < lines.length && WRAPPED.test(lines[end]!) && !RICH_BOX_TOP.test(lines[end]!) && !lines[end]!.trimStart().startsWith(PY_TRACEBACK)) end++;
  const message = lines.slice(0, end).map((l) => l.trim()).join(' ');
  // Python's traceback text in the message column: its lines keep their places relative to its first.
  const after = lines[end];
  const indent = after !== undefined && after.trimStart().startsWith(PY_TRACEBACK) ? after.slice(0, after.length - after.trimStart().length) : '';
  if (end === 1 && indent === '') return text;
  return [message, ...lines.slice(end).map((l) => (indent !== '' && l.startsWith(indent) ? l.slice(indent.length) : l))].join('\n');
}

/** The text with its Rich traceback boxes read as Python's tracebacks; the text itself when it has none. */
export function plainRichTraceback(text: string): string {
  if (!text.includes('╭')) return text;
  const lines = text.split('\n');
  if (lines.length > MAX_LINES || !lines.some((l) => RICH_BOX_TOP.test(l))) return text;
  const out: string[] = [];
  let indent: string | null = null; // the box's own indent, taken off the lines under it
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!RICH_BOX_TOP.test(line)) {
      out.push(indent !== null && line.startsWith(indent) ? line.slice(indent.length).trimEnd() : line);
      continue;
    }
    indent = line.slice(0, line.length - line.trimStart().length);
    out.push('Traceback (most recent call last):');
    let place = '';
    for (i++; i < lines.length; i++) {
      const row = lines[i]!;
      if (RICH_BOX_BOTTOM.test(row)) break;
      // A row that stops before its right edge ends a write cut short: read as far as it goes (a frame's
      // function perhaps cut, as any last line of a cut write may be).
      const cut = i === lines.length - 1 && !RICH_BOX_ROW.test(row) && row.trimStart().startsWith('│');
      if (!cut && !RICH_BOX_ROW.test(row)) {
        i--; // the box was cut: what follows is read as it is
        break;
      }
      const inner = (cut ? row.trim().slice(1) : row.trim().slice(1, -1)).trim();
      if (inner === '' || SOURCE_ROW.test(inner) || HIDDEN_FRAMES.test(inner) || LOCALS_ROW.test(inner)) {
        place = '';
        continue;
      }
      // A path longer than the box goes on in the row under it, folded where the row ends; ` in` and the
      // function are wrapped as words, the space dropped where they were.
      const wordWrapped = place !== '' && (inner.startsWith('in ') || place.endsWith(' in'));
      place = place.length + inner.length > MAX_PLACE ? inner : place + (wordWrapped ? ' ' : '') + inner;
      const frame = PLACE.exec(place);
      if (frame === null) continue;
      place = '';
      // A path Rich cut at its start (`…ages/httpx/_models.py`) no longer says whose file it is.
      if (frame[1]!.startsWith('…')) continue;
      out.push(`  File "${frame[1]}", line ${frame[2]}, in ${frame[3]}`);
    }
  }
  return out.join('\n');
}
