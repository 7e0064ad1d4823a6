// The clocks this day's stacks print, from epoch microseconds (UTC; Cloud Run containers run in UTC).
import { MON, p2, p3, p6, at, ymd, hms, micros } from '../clock-parts.js';

const millis = (d: Date): string => p3(d.getUTCMilliseconds());
const dMonY = (d: Date, sep: string): string => `${p2(d.getUTCDate())}${sep}${MON[d.getUTCMonth()]}${sep}${d.getUTCFullYear()}`;

/** 2026-12-04T10:00:00.123Z (ECS `@timestamp`, timbre 6, JSON loggers) */
export const isoMillis = (t: number): string => at(t).toISOString();
/** 2026-12-04 10:00:00,123 (Python's asctime, Play's `%date`, log4net's `%date`) */
export const commaMillis = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))},${millis(at(t))}`;
/** 10:00:00 (Fiber's logger middleware, `15:04:05`) */
export const clock = (t: number): string => hms(at(t));
/** 10:00:00.123 (a Python datefmt `%H:%M:%S` with `.%(msecs)03d`) */
export const clockMillis = (t: number): string => `${hms(at(t))}.${millis(at(t))}`;
/** 04/Dec/2026:10:00:00 +0000 (the common log format: morgan, aiohttp's access log, php-fpm's access log) */
export const clf = (t: number): string => `${dMonY(at(t), '/')}:${hms(at(t))} +0000`;
/** 04-Dec-2026 10:00:00.123 (Tomcat's OneLineFormatter and JsonFormatter) */
export const tomcatTime = (t: number): string => `${dMonY(at(t), '-')} ${hms(at(t))}.${millis(at(t))}`;
/** 04-Dec-2026 10:00:00 UTC (PHP's error_log prefix) */
export const phpErrorLogTime = (t: number): string => `${dMonY(at(t), '-')} ${hms(at(t))} UTC`;
/** 04-Dec-2026 10:00:00 (php-fpm's master log) */
export const fpmTime = (t: number): string => `${dMonY(at(t), '-')} ${hms(at(t))}`;
/** 26-12-04 10:00:00 (timbre 5's default `yy-MM-dd HH:mm:ss`) */
export const timbre5Time = (t: number): string => `${ymd(at(t), '-').slice(2)} ${hms(at(t))}`;
/** 2026-12-04T10:00:00.123 (log4js's basic layout, ISO8601 without a zone) */
export const log4jsTime = (t: number): string => at(t).toISOString().slice(0, -1);
/** 2026-12-04T10:00:00.123Z (log4js's ISO8601_WITH_TZ_OFFSET: date-format writes Z for a zero offset) */
export const log4jsOffsetTime = (t: number): string => at(t).toISOString();
/** 2026/12/04 10:00:00.123456 (Go's log with Lmicroseconds) */
export const goLogMicros = (t: number): string => `${ymd(at(t), '/')} ${hms(at(t))}.${micros(t)}`;
/** 2026-12-04T10:00:00.123456789Z (go-kit's DefaultTimestampUTC, RFC3339Nano) */
export const goNano = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}${p3((t * 7) % 1000)}Z`;
/** 2026-12-04T10:00:00.1234567+00:00 (.NET's round-trip `o` format) */
export const dotnetRoundTrip = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}${t % 10}+00:00`;
/** 2026-12-04T10:00:00.123456+00:00 (Monolog's `time`, RFC 3339 with microseconds) */
export const isoMicrosOffset = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}+00:00`;
