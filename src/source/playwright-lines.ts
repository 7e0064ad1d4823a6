// Playwright's call log and boxed notice (shared/playwright-blocks.ts) between an error's line and its
// frames. Written by one `console.error(err)`, the lines reach Cloud Run one entry each; the grammar
// (trace-grammar.ts) steps them here, so they join the error's line and its frames again.
import { BOX_BOTTOM, BOX_ROW, BOX_TOP, CALL_LOG, CALL_STEP } from '../shared/playwright-blocks.js';

export { playwrightBlockLine } from '../shared/playwright-blocks.js';

/** The states of Playwright's blocks, after its error's line (the grammar's `header`). */
export type PlaywrightState = 'pw-call-log' | 'pw-call-gap' | 'pw-box' | 'pw-box-end';

/** States a record may end in: Playwright Test prints an error with its call log and no frames. */
export const PLAYWRIGHT_CAN_END: readonly PlaywrightState[] = ['pw-call-log', 'pw-box-end'];

/** The state a block opens in when the error's line above it was lost (the block is then a piece). */
export function openPlaywright(s: string): PlaywrightState | null {
  if (CALL_LOG.test(s)) return 'pw-call-log';
  return BOX_TOP.test(s) ? 'pw-box' : null;
}

/**
 * The state after `s`, `frame` when `s` is the error's first frame (the grammar reads it), or null
 * when `s` does not go on; undefined when `state` is none of these blocks' and `s` opens none.
 * `frame(s)`: whether `s` is a frame line.
 */
export function stepPlaywright(state: string, s: string, frame: (s: string) => boolean): PlaywrightState | 'frame' | null | undefined {
  switch (state) {
    case 'header':
      if (CALL_LOG.test(s)) return 'pw-call-log';
      return BOX_TOP.test(s) ? 'pw-box' : undefined;
    case 'pw-box':
      if (BOX_ROW.test(s)) return 'pw-box';
      return BOX_BOTTOM.test(s) ? 'pw-box-end' : null;
    case 'pw-box-end':
      if (CALL_LOG.test(s)) return 'pw-call-log';
      return frame(s) ? 'frame' : null;
    case 'pw-call-log':
    case 'pw-call-gap':
      // The steps, then a blank line before the frames (an Error's stack is its message, then frames).
      if (state === 'pw-call-log' && CALL_STEP.test(s)) return 'pw-call-log';
      if (s.trim() === '') return 'pw-call-gap';
      return frame(s) ? 'frame' : null;
    default:
      return undefined;
  }
}
