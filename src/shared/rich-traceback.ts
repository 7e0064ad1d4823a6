// Rich's traceback (rich/traceback.py), as RichHandler prints it under a record logged with an exception
// (`rich_tracebacks=True`) and `rich.traceback.install()` prints an uncaught one: a box headed
// `╭──── Traceback (most recent call last) ────╮`; each frame a row `│ path:line in function │` (a
// path longer than the box folded over the rows under it), the source around the line that raised
// (`│ ❱ 849 │ code │`), a blank row between frames; `╰────╯`; then the exception line under the box.
// RichHandler indents all of it to its message column and pads each row to the console's width.
// Every pattern is anchored and bounded: a row is at most a console's width.

/** Where a Rich traceback is, after one of its lines (trace-grammar.ts). */
export type RichTracebackState = 'rich-head' | 'rich-box' | 'rich-end';

export const RICH_BOX_TOP = /^[ \t]{0,120}╭─{1,400} Traceback \(most recent call last\) ─{1,400}╮[ \t]{0,400}$/;
export const RICH_BOX_ROW = /^[ \t]{0,120}│[^\n]{0,1000}│[ \t]{0,400}$/;
export const RICH_BOX_BOTTOM = /^[ \t]{0,120}╰─{1,1000}╯[ \t]{0,400}$/;

/**
 * The state after `s`, for a record a RichHandler line opened (`rich-head`) and its traceback box;
 * undefined when `state` is none of these. `isException`: the line names a Python exception.
 */
export function stepRichTraceback(state: string, s: string, isException: (s: string) => boolean): RichTracebackState | 'py-exc' | null | undefined {
  switch (state) {
    case 'rich-head':
      if (RICH_BOX_TOP.test(s)) return 'rich-box';
      // A message longer than its column goes on under it, at the message column.
      return isIndented(s) && s.trim() !== '' ? 'rich-head' : undefined;
    case 'rich-box':
      if (RICH_BOX_BOTTOM.test(s)) return 'rich-end';
      return RICH_BOX_ROW.test(s) ? 'rich-box' : null;
    case 'rich-end':
      // The exception line under the box (at the box's indent); its message's later lines then read as Python's.
      return s.trim() !== '' && isException(s.trim()) ? 'py-exc' : null;
    default:
      return state === 'header' && RICH_BOX_TOP.test(s) ? 'rich-box' : undefined;
  }
}

const isIndented = (s: string) => s.charCodeAt(0) === 32 || s.charCodeAt(0) === 9;
