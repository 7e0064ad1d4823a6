// The clocks this day's stacks print, from epoch microseconds (UTC; Cloud Run containers run in UTC).
import { at, hms, micros, p3, ymd } from '../clock-parts.js';

const millis = (t: number): string => p3(at(t).getUTCMilliseconds());
/** Three more digits below the microsecond, so clocks that print nanoseconds do not end in 000. */
const nanoTail = (t: number): string => p3((t * 7919) % 1000);

/** Epoch milliseconds (pino's default `time`) */
export const epochMs = (t: number): number => Math.floor(t / 1000);
/** { seconds, nanos } (the `timestamp` object Cloud Logging reads from a JSON line) */
export const secondsNanos = (t: number): { seconds: number; nanos: number } => ({ seconds: Math.floor(t / 1_000_000), nanos: (t % 1_000_000) * 1000 });
/** 2026-12-15T10:00:00.123456Z (structlog's TimeStamper(fmt="iso", utc=True); Java's Instant) */
export const isoMicros = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}Z`;
/** 2026-12-15T10:00:00.123456789Z (Go's RFC 3339 with nanoseconds, slog's JSONHandler) */
export const isoNanos = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}${nanoTail(t)}Z`;
/** 2026-12-15T10:00:00.123Z (slog's TextHandler, RFC 3339 to the millisecond) */
export const isoMillis = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${millis(t)}Z`;
/** 2026-12-15T10:00:00.1234567Z (Serilog's compact `@t`, a UTC DateTimeOffset in "O") */
export const isoTicks = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}${t % 10}Z`;
/** 2026-12-15 10:00:00,123 (Python logging's asctime) */
export const asctime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))},${millis(t)}`;
/** [2026-12-15 10:00:00 +0000] (gunicorn's error log) */
export const gunicornTime = (t: number): string => `[${ymd(at(t), '-')} ${hms(at(t))} +0000]`;
