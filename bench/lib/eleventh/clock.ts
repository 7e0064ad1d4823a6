// The clocks this day's stacks print, from epoch microseconds (UTC; Cloud Run containers run in UTC).
import { p2, p3, at, ymd, hms, micros } from '../clock-parts.js';

/** 2026-12-02 10:00:00,123 (Python logging's asctime) */
export const pyAsctime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))},${p3(at(t).getUTCMilliseconds())}`;
/** 2026-12-02 10:00:00.123 (slf4j-simple's dateTimeFormat `yyyy-MM-dd HH:mm:ss.SSS`, Strapi's winston timestamp) */
export const ymdHmsMillis = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))}.${p3(at(t).getUTCMilliseconds())}`;
/** 2026-12-02 10:00:00 (CodeIgniter's `Y-m-d H:i:s`) */
export const ymdHms = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))}`;
/** 2026-12-02T10:00:00Z (Kratos's DefaultTimestamp, RFC 3339 to the second) */
export const rfc3339 = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}Z`;
/** 2026-12-02T10:00:00.123Z (JavaScript's toISOString) */
export const isoMillis = (t: number): string => at(t).toISOString();
/** 2026-12-02T10:00:00.123456Z (Ruby's Logger datetime, Crystal's Log timestamp) */
export const isoMicros = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}`;
/** 2026-12-02 10:00:00 UTC (Crystal's Time#to_s, Kemal's access log) */
export const crystalTime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))} UTC`;
/** 2026-12-02 10:00:00 +0000 (Ruby's Time#to_s, Puma's own lines) */
export const rubyTime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))} +0000`;
/** 02/Dec/2026:10:00:00 +0000 (Rack's CommonLogger) */
export function clfTime(t: number): string {
  const d = at(t);
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  return `${p2(d.getUTCDate())}/${mon}/${d.getUTCFullYear()}:${hms(d)} +0000`;
}
/** 02.12.26 10:00:00.123 (Dream's default log reporter) */
export function dreamTime(t: number): string {
  const d = at(t);
  return `${p2(d.getUTCDate())}.${p2(d.getUTCMonth() + 1)}.${p2(d.getUTCFullYear() % 100)} ${hms(d)}.${p3(d.getUTCMilliseconds())}`;
}
