// The clocks this day's stacks print, from epoch microseconds (UTC; Cloud Run containers run in UTC).
import { at, hms, micros, MON, p2, p3, ymd } from '../clock-parts.js';

const millis = (t: number): string => p3(at(t).getUTCMilliseconds());

/** 2026-12-09T10:00:00.123Z (JavaScript's toISOString, Spring Boot 3.4's console date in UTC, log4j2's EcsLayout, LoggerJSON, logstash-event) */
export const isoMillis = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${millis(t)}Z`;
/** 2026-12-09T10:00:00.123456Z (structlog's `TimeStamper(fmt="iso", utc=True)`) */
export const isoMicros = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}Z`;
/** 2026-12-09T10:00:00.123456789Z (tracing-bunyan-formatter: time's RFC 3339 with nanoseconds); the last three digits drawn */
export const isoNanos = (t: number, ns: number): string => `${isoMicros(t).slice(0, -1)}${p3(ns)}Z`;
/** 2026-12-09T10:00:00Z (zerolog's default `TimeFieldFormat`, RFC 3339) */
export const isoSeconds = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}Z`;
/** 2026-12-09T10:00:00.1234567+00:00 (.NET's DateTimeOffset round-trip `o`, Serilog's ECS `@timestamp`) */
export const dotnetO = (t: number, tick: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}${tick % 10}+00:00`;
/** 2026-12-09T10:00:00.123+00:00 (PHP's `DateTimeInterface::RFC3339_EXTENDED`, Monolog's GoogleCloudLoggingFormatter `time`) */
export const rfc3339Ext = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${millis(t)}+00:00`;
/** 2026-12-09 10:00:00,123 (Python logging's asctime) */
export const asctime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))},${millis(t)}`;
/** 12/9/2026, 10:00:00 AM (Node's `Date#toLocaleString()` in en-US, nest-winston's nestLike) */
export const localeUS = (t: number): string => {
  const d = at(t);
  const h = d.getUTCHours();
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}, ${h % 12 === 0 ? 12 : h % 12}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
};
/** 10:04AM (zerolog's ConsoleWriter default `time.Kitchen`) */
export const kitchen = (t: number): string => {
  const d = at(t);
  const h = d.getUTCHours();
  return `${h % 12 === 0 ? 12 : h % 12}:${p2(d.getUTCMinutes())}${h < 12 ? 'AM' : 'PM'}`;
};
/** 2026/12/09 10:00:00 (Go's log.LstdFlags, gin's Recovery) */
export const goStd = (t: number): string => `${ymd(at(t), '/')} ${hms(at(t))}`;
/** Epoch milliseconds (zerolog's `TimeFormatUnixMs`). */
export const epochMillis = (t: number): number => Math.floor(t / 1000);
/** 10:00:00 (Serilog's console default `{Timestamp:HH:mm:ss}`) */
export const hhmmss = (t: number): string => hms(at(t));
/** 09-Dec-2026 10:00:00 (php-fpm's error log) */
export const fpmTime = (t: number): string => { const d = at(t); return `${p2(d.getUTCDate())}-${MON[d.getUTCMonth()]}-${d.getUTCFullYear()} ${hms(d)}`; };
/** 2026-12-09 10:00:00 (Monolog's LineFormatter as Laravel sets it) */
export const plainTime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))}`;
/** 09/Dec/2026:10:00:00 +0000 (nginx's `$time_local`) */
export const clfTime = (t: number): string => { const d = at(t); return `${p2(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()}:${hms(d)} +0000`; };
/** 2026-12-09T10:00:00.123456 (Ruby Logger's default formatter `%Y-%m-%dT%H:%M:%S.%6N`) */
export const rubyTime = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}`;
