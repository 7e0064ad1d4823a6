// The window of a scheduled sweep leaves no gap: a sweep that failed or never ran leaves its time
// unswept, so the next one reaches back to the end of the last window recorded on GitHub (the latest
// `windowEnd` in the managed issues' state), never further than `maxLookBack`. Reading a stretch twice
// counts nothing twice: each issue counts only occurrences after its own recorded windowEnd.
import type { TrackedIssue, Window } from '../shared/types.js';

export interface CaughtUp {
  window: Window;
  /** Set when the window was extended: the end of the last recorded window (epoch ms). */
  watermark?: number;
}

export function catchUpWindow(window: Window, issues: readonly TrackedIssue[], maxLookBackMs: number): CaughtUp {
  const ends = issues.map((issue) => Date.parse(issue.state_block?.windowEnd ?? '')).filter((t) => Number.isFinite(t));
  if (ends.length === 0) return { window }; // the first sweep: nothing recorded yet
  const watermark = Math.max(...ends);
  if (watermark >= window.start) return { window }; // no gap: the last sweep ended inside this window
  const start = Math.min(window.start, Math.max(watermark, window.end - maxLookBackMs));
  return start < window.start ? { window: { start, end: window.end }, watermark } : { window };
}
