// Occurrences over time, as pictures GitHub renders: a Mermaid bar chart and a one-line sparkline.
import type { Timeline, Window } from '../shared/types.js';

const MINUTE = 60_000;
/** Round bin sizes, so the axis reads 15:45, 16:00… rather than 15:47, 16:02… */
const BIN_SIZES = [1, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080].map((m) => m * MINUTE);
const MAX_BINS = 24;
const BARS = '▁▂▃▄▅▆▇█';

export interface Bins {
  size: number;
  starts: number[];
  counts: number[];
}

/** Sums the timeline into at most 24 aligned bins covering the window (UTC). */
export function binTimeline(timeline: Timeline, window: Window): Bins {
  const span = Math.max(window.end - window.start, MINUTE);
  const size = BIN_SIZES.find((s) => Math.ceil(span / s) + 1 <= MAX_BINS) ?? BIN_SIZES[BIN_SIZES.length - 1]!;
  const first = Math.floor(window.start / size) * size;
  const n = Math.max(1, Math.ceil((window.end - first) / size));
  const counts = new Array<number>(n).fill(0);
  for (const [t, c] of timeline) {
    const i = Math.floor((t - first) / size);
    if (i >= 0 && i < n) counts[i]! += c;
  }
  return { size, starts: counts.map((_, i) => first + i * size), counts };
}

export function sparkline(counts: number[]): string {
  const max = Math.max(0, ...counts);
  if (max === 0) return BARS[0]!.repeat(counts.length);
  return counts.map((c) => (c === 0 ? BARS[0]! : BARS[Math.max(1, Math.ceil((c / max) * (BARS.length - 1)))]!)).join('');
}

export function binLabel(start: number, size: number, span: number): string {
  const iso = new Date(start).toISOString();
  if (size >= 1440 * MINUTE) return iso.slice(5, 10);
  return span > 1440 * MINUTE ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16);
}

export function binSizeText(size: number): string {
  const minutes = size / MINUTE;
  if (minutes % 1440 === 0) return minutes === 1440 ? 'day' : `${minutes / 1440} days`;
  if (minutes % 60 === 0) return minutes === 60 ? 'hour' : `${minutes / 60} h`;
  return `${minutes} min`;
}

/** A fenced Mermaid xychart-beta bar chart of the window's occurrences. */
export function renderTimelineChart(timeline: Timeline, window: Window): string {
  const bins = binTimeline(timeline, window);
  const span = window.end - window.start;
  const labels = bins.starts.map((s) => `"${binLabel(s, bins.size, span)}"`);
  return [
    '```mermaid',
    'xychart-beta',
    `    title "Occurrences per ${binSizeText(bins.size)} (UTC)"`,
    `    x-axis [${labels.join(', ')}]`,
    '    y-axis "Occurrences"',
    `    bar [${bins.counts.join(', ')}]`,
    '```',
  ].join('\n');
}
