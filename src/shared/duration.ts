// Durations as people write them: 90m, 6h, 2d, 30s, or combined (1h30m).
const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const DURATION = /^(?:\d{1,6}[smhdw])+$/;

/**
 * The longest duration accepted: a window (or look-back) past it is a typo (`999999w`), and reading
 * it would mean months of logs held in one sweep. 90 days is longer than Cloud Logging's default retention (30 d).
 */
export const MAX_DURATION_MS = 90 * UNIT_MS.d!;

/** Milliseconds, or null when the text is not a positive duration of at most 90 days. */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim().toLowerCase();
  if (!DURATION.test(trimmed)) return null;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+)([smhdw])/g)) {
    total += Number(amount) * UNIT_MS[unit as string]!;
  }
  return total > 0 && total <= MAX_DURATION_MS ? total : null;
}

export function formatDuration(ms: number): string {
  for (const unit of ['w', 'd', 'h', 'm', 's']) {
    const size = UNIT_MS[unit]!;
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:[Zz]|[+-](\d{2}):?(\d{2}))$/;

/**
 * Milliseconds for an RFC 3339 time whose every field is real, or null: `2025-02-30` is an error,
 * not March 2nd as Date.parse would have it; so are hour 24, minute 60 and an offset of +25:00.
 */
export function parseRfc3339(text: string): number | null {
  const m = RFC3339.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second = 0, offsetHour = 0, offsetMinute = 0] = m
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part))) as number[];
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  const real =
    month! >= 1 && month! <= 12 && day! >= 1 && day! <= daysInMonth &&
    hour! <= 23 && minute! <= 59 && second <= 59 && offsetHour <= 23 && offsetMinute <= 59;
  if (!real) return null;
  const ms = Date.parse(text.trim().replace(' ', 'T'));
  return Number.isNaN(ms) ? null : ms;
}
