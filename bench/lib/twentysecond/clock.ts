// The clocks this day's stacks print, from epoch microseconds (UTC; Cloud Run containers run in UTC).
import { MON, p3, at, ymd, hms, micros, p2 } from '../clock-parts.js';

const millis = (t: number): string => p3(at(t).getUTCMilliseconds());

/** 2026-12-14T10:00:00.123Z (Date#toISOString; logback-contrib's `yyyy-MM-dd'T'HH:mm:ss.SSSX` in UTC) */
export const isoMillis = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${millis(t)}Z`;
/** 2026-12-14T10:00:00.123456Z (Spring Boot's structured `@timestamp`, an Instant in UTC) */
export const isoMicros = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}Z`;
/** 2026-12-14T10:00:00Z (zerolog's default time field, RFC 3339 to the second) */
export const isoSeconds = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}Z`;
/** 2026-12-14T10:00:00.1234567+00:00 (Serilog's JsonFormatter, DateTimeOffset "O") */
export const isoTicksOffset = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}${t % 10}+00:00`;
/** 2026/12/14 10:00:00 (Go's log.LstdFlags; nginx's error log) */
export const slashTime = (t: number): string => `${ymd(at(t), '/')} ${hms(at(t))}`;
/** [2026-12-14 10:00:00 +0000] (gunicorn's error log) */
export const gunicornTime = (t: number): string => `[${ymd(at(t), '-')} ${hms(at(t))} +0000]`;
/** [2026-12-14 10:00:00,123] (Flask's default handler, logging's asctime) */
export const flaskTime = (t: number): string => `[${ymd(at(t), '-')} ${hms(at(t))},${millis(t)}]`;
/** 2026-12-14 10:00:00 (Laravel's Monolog line date format) */
export const ymdHms = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))}`;
/** 2026-12-14T10:00:00.123456 (Ruby's Logger::Formatter) */
export const rubyLoggerTime = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}`;
/** 14-Dec-2026 10:00:00 (php-fpm's master log) */
export const fpmTime = (t: number): string => {
  const d = at(t);
  return `${p2(d.getUTCDate())}-${MON[d.getUTCMonth()]}-${d.getUTCFullYear()} ${hms(d)}`;
};
/** 14/Dec/2026:10:00:00 +0000 (the common log format's clock, nginx's access log) */
export const clf = (t: number): string => {
  const d = at(t);
  return `${p2(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()}:${hms(d)} +0000`;
};
