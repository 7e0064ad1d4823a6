// The clocks this day's stacks print, from epoch microseconds (UTC; Cloud Run containers run in UTC).
import { at, DAYS, hms, micros, MON, p2, p3, ymd } from '../clock-parts.js';

const millis = (t: number): string => p3(at(t).getUTCMilliseconds());

/** 2026-12-11T10:00:00.123Z (JavaScript's toISOString, Go's slog JSON with millisecond times cut by the app) */
export const isoMillis = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${millis(t)}Z`;
/** 2026-12-11T10:00:00.123456Z (tracing-subscriber's default `SystemTime` in RFC 3339, microseconds) */
export const isoMicros = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}Z`;
/** 2026-12-11T10:00:00.123456789Z (Go's time.Time in slog's JSONHandler, RFC 3339 with nanoseconds); the last three digits drawn */
export const isoNanos = (t: number, ns: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}${p3(ns)}Z`;
/** Epoch milliseconds (Nest's ConsoleLogger JSON `timestamp`, `Date.now()`). */
export const epochMillis = (t: number): number => Math.floor(t / 1000);
/** 2026-12-11 10:00:00,123 (Python logging's default `asctime`; Quarkus' `%d{yyyy-MM-dd HH:mm:ss,SSS}`) */
export const pyTime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))},${millis(t)}`;
/** Fri Dec 11 10:00:00 2026 (uWSGI's request log and its master's lines: C's asctime, the day space-padded) */
export const cTime = (t: number): string => { const d = at(t); return `${DAYS[d.getUTCDay()]} ${MON[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${hms(d)} ${d.getUTCFullYear()}`; };
/** 10/Dec/2026:10:00:00 +0000 (the common log format's time: Quarkus' access log) */
export const clfTime = (t: number): string => { const d = at(t); return `${p2(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()}:${hms(d)} +0000`; };
/** 2026-12-11 10:00:00.1234 (NLog's `${longdate}`: ten-thousandths of a second) */
export const longdate = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))}.${micros(t).slice(0, 4)}`;
/** 10:00:00.123 (Elixir Logger's default console `$time`) */
export const hmsMillis = (t: number): string => `${hms(at(t))}.${millis(t)}`;
/** Epoch seconds (uWSGI's `%(epoch)`), for a `since` value. */
export const epochSeconds = (t: number): number => Math.floor(t / 1_000_000);
/** 2026-12-11T10:00:00.123456+00:00 (Monolog 3's JsonFormatter `datetime`) */
export const monologIso = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}+00:00`;
