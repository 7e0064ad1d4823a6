// Playwright writes two blocks of its own under an error's line, before the error's frames: `Call log:`
// and the steps the call had taken, each a dash two spaces in (`  - navigating to "…", waiting until
// "load"`, `  -   locator resolved to <button>`), which its formatLogRecording appends to the message of
// every failed call that logged steps (microsoft/playwright#12328 and #15079 paste it under
// `page.goto: Timeout 30000ms exceeded.`); and a notice in a box of double lines (`╔═…═╗`, `║ … ║`
// rows, `╚═…═╝`), as its wrapInASCIIBox draws the install hint under `browserType.launch: Executable
// doesn't exist at …` (ontola/atomic-server#996). Read by the reassembly (source/playwright-lines.ts),
// the severity a text states (normalize/text-severity.ts) and the classifier (classify/playwright-error.ts).

export const CALL_LOG = /^Call log:\s*$/;
export const CALL_STEP = /^\s{1,12}- \S/;
export const BOX_TOP = /^╔═{8,400}╗\s*$/;
export const BOX_ROW = /^║[^\n]{0,400}║\s*$/;
export const BOX_BOTTOM = /^╚═{8,400}╝\s*$/;

/** A line that is only ever a line of these blocks: their heading, a step, a row of the box. */
export function playwrightBlockLine(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c === 67) return CALL_LOG.test(s); // C
  if (c === 0x2554) return BOX_TOP.test(s); // ╔
  if (c === 0x2551) return BOX_ROW.test(s); // ║
  if (c === 0x255a) return BOX_BOTTOM.test(s); // ╚
  return CALL_STEP.test(s);
}

/** Most lines of the blocks read through (a call log is a few steps; a box a dozen rows). */
const MAX_BLOCK_LINES = 64;

/**
 * Where the blocks that end right before offset `end` of `text` (the line break before a frame) start:
 * the offset of their first line (`Call log:` or the box's top), when every line between there and
 * `end` is one of theirs or blank, and a line comes before them (the error's); else null.
 */
export function blocksBefore(text: string, end: number): number | null {
  let lineEnd = end;
  for (let n = 0; n < MAX_BLOCK_LINES && lineEnd > 0; n++) {
    const lineStart = text.lastIndexOf('\n', lineEnd - 1) + 1;
    const line = text.slice(lineStart, lineEnd);
    if (line.trim() !== '' && !playwrightBlockLine(line)) return null;
    if (CALL_LOG.test(line) || BOX_TOP.test(line)) return lineStart > 0 ? lineStart : null;
    if (lineStart === 0) return null;
    lineEnd = lineStart - 1;
  }
  return null;
}
