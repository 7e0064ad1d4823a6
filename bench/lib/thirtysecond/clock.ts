// The clocks this day's stacks print, from epoch microseconds (UTC; Cloud Run containers run in UTC).
import { at, hms, micros, MON, p2, p3, ymd } from '../clock-parts.js';

const millis = (t: number): string => p3(at(t).getUTCMilliseconds());

/** 2026-12-06T10:00:00.123Z (Spring Boot 3.4's console `yyyy-MM-dd'T'HH:mm:ss.SSSXXX` in UTC) */
export const isoMillis = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${millis(t)}Z`;
/** 2026-12-06T10:00:00.123456Z (tracing-subscriber's default time; a Java Instant on Linux) */
export const isoMicros = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}Z`;
/** 2026-12-06T10:00:00Z (Go's time.RFC3339 in UTC: ginzap's `time` field) */
export const rfc3339 = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}Z`;
/** 2026-12-06T10:00:00.123456789Z (zap's `zap.Time` in JSON, RFC 3339 nano); the last three digits drawn */
export const isoNanos = (t: number, ns: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}${p3(ns)}Z`;
/** Epoch milliseconds (pino's `time`, `Date.now()`). */
export const epochMillis = (t: number): number => Math.floor(t / 1000);
/** Epoch seconds with the fraction (zap's production `ts`, EpochTimeEncoder): `1765015200.123456`. */
export const epochFloat = (t: number): number => Number((t / 1_000_000).toFixed(6));
/** 2026-12-06 10:00:00,123 (Python logging's default `asctime`) */
export const pyTime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))},${millis(t)}`;
/** 06/Dec/2026:10:00:00 +0000 (the common log format's time: morgan, Tomcat's access valve, Micronaut's access logger) */
export const clfTime = (t: number): string => { const d = at(t); return `${p2(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()}:${hms(d)} +0000`; };
/** 10:00:00.123 (Micronaut's generated logback pattern `%d{HH:mm:ss.SSS}`) */
export const hmsMillis = (t: number): string => `${hms(at(t))}.${millis(t)}`;
/** `10:00:00 ` (the .NET docs' JSON console example, `TimestampFormat = "HH:mm:ss "`) */
export const hmsSpace = (t: number): string => `${hms(at(t))} `;
/** 12/06/2026, 10:00:00 AM (Nest's ConsoleLogger, `Intl.DateTimeFormat` en-US with hour12) */
export function nestClock(t: number): string {
  const d = at(t);
  const h = d.getUTCHours();
  return `${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())}/${d.getUTCFullYear()}, ${h % 12 === 0 ? 12 : h % 12}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}
