// The clocks this day's stacks print, from epoch microseconds (UTC; Cloud Run containers run in UTC).
import { DAYS, MON, p2, p3, p6, at, ymd, hms, micros } from '../clock-parts.js';

/** 2026-12-03T10:00:00.123Z */
export const isoMillis = (t: number): string => at(t).toISOString();
/** 2026-12-03T10:00:00Z (env_logger's default, whole seconds) */
export const isoSeconds = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}Z`;
/** 2026-12-03T10:00:00.123456789+00:00 (log4rs's JSON `time`, chrono's RFC 3339 with nanoseconds) */
export const isoNanosOffset = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}${String(t % 1000).padStart(3, '0')}+00:00`;
/** 2026-12-03T10:00:00.123456+00:00 (Monolog's JSON `datetime`, spdlog's `%Y-%m-%dT%H:%M:%S.%f%z`) */
export const isoMicrosOffset = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}+00:00`;
/** 2026-12-03T10:00:00.123456789Z (Go's RFC3339Nano) */
export const goNano = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}${String((t * 7) % 1000).padStart(3, '0')}Z`;
/** 2026-12-03 10:00:00,123 (Python logging's asctime) */
export const pyAsctime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))},${p3(at(t).getUTCMilliseconds())}`;
/** 10:00:00.123 (Elixir Logger's `$time`, Logback's `%d{HH:mm:ss.SSS}`) */
export const hmsMillis = (t: number): string => `${hms(at(t))}.${p3(at(t).getUTCMilliseconds())}`;
/** 2026-12-03 10:00:00 (Laravel's Monolog line `[%datetime%]`) */
export const ymdHms = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))}`;
/** 2026-12-03 10:00:00.123 (spdlog's default pattern) */
export const ymdHmsMillis = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))}.${p3(at(t).getUTCMilliseconds())}`;
/** 2026/12/03 10:00:00.123 (Caddy's console encoder) */
export const caddyTime = (t: number): string => `${ymd(at(t), '/')} ${hms(at(t))}.${p3(at(t).getUTCMilliseconds())}`;
/** Thu Dec 03 10:00:00.123456 2026 (Apache httpd's error log) */
export function apacheErrorTime(t: number): string {
  const d = at(t);
  return `${DAYS[d.getUTCDay()]} ${MON[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${hms(d)}.${micros(t)} ${d.getUTCFullYear()}`;
}
/** 03/Dec/2026:10:00:00 +0000 (the common log format) */
export function clf(t: number): string {
  const d = at(t);
  return `${p2(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()}:${hms(d)} +0000`;
}
/** 03/Dec/2026:10:00:00 (daphne's access log, no zone) */
export const daphneTime = (t: number): string => clf(t).slice(0, -6);
/** 1203 10:00:00.123456 (glog and klog, after the level letter) */
export const klogTime = (t: number): string => `${p2(at(t).getUTCMonth() + 1)}${p2(at(t).getUTCDate())} ${hms(at(t))}.${micros(t)}`;
/** 1796292000.123456 (Caddy's JSON `ts`, seconds as a float) */
export const epochSeconds = (t: number): number => Math.floor(t / 1000) / 1000 + (t % 1000) / 1_000_000;
