// The clocks this day's stacks print, from epoch microseconds (UTC; Cloud Run containers run in UTC).
import { DAYS, MON, p2, p3, at, ymd, hms, micros } from '../clock-parts.js';

const millis = (t: number): string => p3(at(t).getUTCMilliseconds());

/** 2026-12-10 10:00:00,123 (Python logging's asctime: Odoo, python-telegram-bot, ddtrace's format) */
export const asctime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))},${millis(t)}`;
/** 2026-12-10 10:00:00 +0000 (Dagster's console logger, gunicorn's `%Y-%m-%d %H:%M:%S %z`) */
export const zoned = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))} +0000`;
/** 2026/12/10 10:00:00 (Go's log.LstdFlags: the Cloud SQL Auth Proxy) */
export const slashTime = (t: number): string => `${ymd(at(t), '/')} ${hms(at(t))}`;
/** 2026/12/10 10:00:00.123456 (Go's log with Lmicroseconds: asynq's logger) */
export const slashMicros = (t: number): string => `${slashTime(t)}.${micros(t)}`;
/** Dec 10 10:00:00.123 (Go's time.StampMilli, tint's default TimeFormat; the day pads to two digits) */
export const stampMilli = (t: number): string => {
  const d = at(t);
  return `${MON[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${hms(d)}.${millis(t)}`;
};
/** 2026-12-10T10:00:00Z (imgproxy's pretty format and its `time`) */
export const isoSeconds = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}Z`;
/** 2026-12-10T10:00:00.123Z (the Cloud SQL Auth Proxy's structured `timestamp`) */
export const isoMillis = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${millis(t)}Z`;
/** 2026-12-10T10:00:00.123456 (Ruby's Logger::Formatter) */
export const rubyLogger = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}`;
/** 2026-12-10T10:00:00.123456Z (semantic_logger's JSON `timestamp`) */
export const isoMicros = (t: number): string => `${rubyLogger(t)}Z`;
/** 2026-12-10T10:00:00+0000 (delayed_job's `Time.now.strftime('%FT%T%z')`) */
export const djTime = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}+0000`;
/** 2026-12-10 10:00:00.1234 (Passenger's log, four decimals) */
export const passengerTime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))}.${String(Math.floor((t % 1_000_000) / 100)).padStart(4, '0')}`;
/** Thu Dec 10 10:00:00.123456 2026 (Apache httpd 2.4's error log) */
export const apacheError = (t: number): string => {
  const d = at(t);
  return `${DAYS[d.getUTCDay()]} ${MON[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${hms(d)}.${micros(t)} ${d.getUTCFullYear()}`;
};
/** 10/Dec/2026:10:00:00 +0000 (Apache's access log %t) */
export const apacheAccess = (t: number): string => {
  const d = at(t);
  return `${p2(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()}:${hms(d)} +0000`;
};
/** 10-Dec-2026 10:00:00 UTC (PHP's own error_log line) */
export const phpLog = (t: number): string => {
  const d = at(t);
  return `${p2(d.getUTCDate())}-${MON[d.getUTCMonth()]}-${d.getUTCFullYear()} ${hms(d)} UTC`;
};
/** 2026-12-10 10:00:00 (Matomo's CLI log) */
export const plainTime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))}`;
/** 1765360800.123456 (Python's record.created) */
export const epochSeconds = (t: number): number => Math.floor(t / 1000) / 1000;
/** 10/Dec/2026 10:00:00 (werkzeug's request line) */
export const werkzeugTime = (t: number): string => {
  const d = at(t);
  return `${p2(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()} ${hms(d)}`;
};
