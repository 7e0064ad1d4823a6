// The clocks this day's stacks print, from epoch microseconds (UTC; Cloud Run containers run in UTC).
import { p2, p3, at, ymd, hms, micros } from '../clock-parts.js';

const millis = (t: number): string => p3(at(t).getUTCMilliseconds());

/** 12-06 10:00:00 (vLLM's `%m-%d %H:%M:%S`) */
export const monthDayHms = (t: number): string => `${p2(at(t).getUTCMonth() + 1)}-${p2(at(t).getUTCDate())} ${hms(at(t))}`;
/** 2026-12-06 10:00:00,123 (Python logging's default asctime) */
export const asctime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))},${millis(t)}`;
/** 2026/12/06 10:00:00 (Go's log.LstdFlags) */
export const goStd = (t: number): string => `${ymd(at(t), '/')} ${hms(at(t))}`;
/** 2026-12-06T10:00:00.123Z (JavaScript's toISOString, log4j2's GcpLayout, the SQL proxy's structured logs) */
export const isoMillis = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${millis(t)}Z`;
/** 2026-12-06T10:00:00.123456Z (tracing-subscriber's and dbt's RFC 3339 with microseconds) */
export const isoMicros = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}Z`;
/** 2026-12-06T10:00:00.123456789Z (Go's time.RFC3339Nano as slog's JSONHandler writes it) */
export const isoNanos = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}${p3(t % 1000)}Z`;
/** 10:00:00 (dbt's text log, `%H:%M:%S`) */
export const hmsOnly = (t: number): string => hms(at(t));
/** 2026-12-06 10:00:00.123456+00:00 (loguru's `record["time"]` repr) */
export const loguruRepr = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))}.${micros(t)}+00:00`;
/** 2026-12-06 10:00:00.123 (loguru's default `{time:YYYY-MM-DD HH:mm:ss.SSS}`) */
export const loguruText = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))}.${millis(t)}`;
/** 1733479200.123456 (epoch seconds, loguru's `timestamp`) */
export const epochMicros = (t: number): number => Number((t / 1_000_000).toFixed(6));
