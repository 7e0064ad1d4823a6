// The clocks this day's stacks print, from epoch microseconds (UTC; Cloud Run containers run in UTC).
import { MON, p2, p3, at, ymd, hms, micros } from '../clock-parts.js';

const millis = (t: number): string => p3(at(t).getUTCMilliseconds());

/** 2026-12-04 10:00:00,123 (Python logging's asctime) */
export const pyAsctime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))},${millis(t)}`;
/** 10:00:00 (honcho's prefix, Serilog's `{Timestamp:HH:mm:ss}`, Monolog's console `H:i:s`) */
export const hmsOnly = (t: number): string => hms(at(t));
/** 10:00:00.123 (pino-pretty's `translateTime: 'HH:MM:ss.l'`) */
export const hmsMillis = (t: number): string => `${hms(at(t))}.${millis(t)}`;
/** 2026-12-04T10:00:00.123Z (Spring Boot's console `yyyy-MM-dd'T'HH:mm:ss.SSSXXX`, ECS `@timestamp`) */
export const isoMillis = (t: number): string => at(t).toISOString();
/** 2026-12-04T10:00:00.123456Z (tracing-subscriber's default timer) */
export const isoMicros = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}Z`;
/** 2026-12-04T10:00:00.1234567Z (Serilog's compact JSON `@t`, .NET's round-trip "o") */
export const isoTicks = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}${(t * 3) % 10}Z`;
/** 2026-12-04T10:00:00Z (zerolog's JSON `time`, RFC 3339 in seconds) */
export const isoSeconds = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}Z`;
/** 2026-12-04T10:00:00+00:00 (PHP's date('c'), laminas-log's timestamp) */
export const isoOffset = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}+00:00`;
/** 2026-12-04T10:00:00.123456+00:00 (Monolog's JSON `datetime`) */
export const isoMicrosOffset = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}+00:00`;
/** 10:04AM (Go's time.Kitchen, zerolog ConsoleWriter's default) */
export function kitchen(t: number): string {
  const h = at(t).getUTCHours();
  return `${h % 12 === 0 ? 12 : h % 12}:${p2(at(t).getUTCMinutes())}${h < 12 ? 'AM' : 'PM'}`;
}
/** 04-Dec-2026 10:00:00 (php-fpm's own log) */
export const fpmTime = (t: number): string => `${p2(at(t).getUTCDate())}-${MON[at(t).getUTCMonth()]}-${at(t).getUTCFullYear()} ${hms(at(t))}`;
/** 2026/12/04 10:00:00 (nginx's error log) */
export const nginxTime = (t: number): string => `${ymd(at(t), '/')} ${hms(at(t))}`;
/** 04/Dec/2026:10:00:00 +0000 (nginx's `$time_local`) */
export const timeLocal = (t: number): string => `${p2(at(t).getUTCDate())}/${MON[at(t).getUTCMonth()]}/${at(t).getUTCFullYear()}:${hms(at(t))} +0000`;
/** 04/Dec/2026 10:00:00 (Python's wsgiref request log) */
export const wsgirefTime = (t: number): string => `${p2(at(t).getUTCDate())}/${MON[at(t).getUTCMonth()]}/${at(t).getUTCFullYear()} ${hms(at(t))}`;
/** 1796292000123 (pino's `time`, epoch milliseconds) */
export const epochMillis = (t: number): number => Math.floor(t / 1000);
/** 2026-12-04T10:00:00.123456789Z (java.time.Instant as Spring Boot's structured logging writes it) */
export const isoNanos = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}${p3((t * 13) % 1000)}Z`;
