// The clocks this day's stacks print, from epoch microseconds (UTC; Cloud Run containers run in UTC).
import { at, hms, micros, MON, p2, p3, ymd } from '../clock-parts.js';

const millis = (t: number): string => p3(at(t).getUTCMilliseconds());

/** 2026-12-07T10:00:00.123Z (JavaScript's toISOString, Spring Boot 3.4's console `yyyy-MM-dd'T'HH:mm:ss.SSSXXX` in UTC) */
export const isoMillis = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${millis(t)}Z`;
/** 2026-12-07T10:00:00.123456789Z (Go's RFC3339Nano, nanoseconds drawn from the microseconds) */
export const isoNanos = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}${p3((t * 37) % 1000)}Z`.replace(/0+Z$/, 'Z');
/** 2026-12-07 10:00:00,123 (Python logging's asctime) */
export const asctime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))},${millis(t)}`;
/** 2026/12/07 10:00:00 (Go's log package with LstdFlags, nginx's error log) */
export const slashTime = (t: number): string => `${ymd(at(t), '/')} ${hms(at(t))}`;
/** 2026/12/07 - 10:00:00 (gin's default logger) */
export const ginTime = (t: number): string => `${ymd(at(t), '/')} - ${hms(at(t))}`;
/** 10:00:00 (Fiber's logger middleware `${time}` with its default `15:04:05`) */
export const clockOnly = (t: number): string => hms(at(t));
/** [2026-12-07 10:00:00] (Laravel's Monolog line format) */
export const laravelTime = (t: number): string => `[${ymd(at(t), '-')} ${hms(at(t))}]`;
/** 2026-12-07T10:00:00.123456+00:00 (Monolog's JsonFormatter `Y-m-d\TH:i:s.uP`) */
export const monologTime = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}+00:00`;
/** 07/Dec/2026:10:00:00 +0000 (nginx's `$time_local`) */
export const clfTime = (t: number): string => { const d = at(t); return `${p2(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()}:${hms(d)} +0000`; };
