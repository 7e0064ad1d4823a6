// The clocks this day's stacks print, from epoch microseconds (UTC; Cloud Run containers run in UTC).
import { MON, p2, p3, at, ymd, hms, micros } from '../clock-parts.js';

/** 2026-12-04T10:00:00.123Z (JavaScript's toISOString, cats-effect's starvation warning) */
export const isoMillis = (t: number): string => at(t).toISOString();
/** 2026-12-04 10:00:00,123 (Python logging's asctime, logback's `yyyy-MM-dd HH:mm:ss,SSS`) */
export const pyAsctime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))},${p3(at(t).getUTCMilliseconds())}`;
/** 2026-12-04 10:00:00 (CakePHP's file/console log, R logger's default layout) */
export const ymdHms = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))}`;
/** 2026-12-04T10:00:00+00:00 (PHP's DATE_ATOM, CakePHP's JsonFormatter) */
export const atom = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}+00:00`;
/** 2026-12-04 10:00:00 +0000 (Ruby's Time#to_s, dry-logger's text formatter) */
export const rubyTime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))} +0000`;
/** 2026-12-04T10:00:00.123456Z (dry-logger's JSON formatter, Time#iso8601(6)) */
export const isoMicros = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}Z`;
/** 2026/12/04 10:00:00.123 (Beego's logs package) */
export const beegoTime = (t: number): string => `${ymd(at(t), '/')} ${hms(at(t))}.${p3(at(t).getUTCMilliseconds())}`;
/** 20261204 10:00:00.123456 UTC (trantor's logger, as Drogon prints it) */
export const trantorTime = (t: number): string => `${ymd(at(t), '')} ${hms(at(t))}.${micros(t)} UTC`;
/** Dec 04, 2026 10:00:00 AM (java.util.logging's SimpleFormatter default, `%1$tb %1$td, %1$tY %1$tl:%1$tM:%1$tS %1$Tp`) */
export function julTime(t: number): string {
  const d = at(t);
  const h = d.getUTCHours();
  return `${MON[d.getUTCMonth()]} ${p2(d.getUTCDate())}, ${d.getUTCFullYear()} ${h % 12 === 0 ? 12 : h % 12}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}
/** 4-Dec-2026::10:00:00.123456 (OTP logger's legacy `=ERROR REPORT====` header) */
export const otpLegacy = (t: number): string => `${at(t).getUTCDate()}-${MON[at(t).getUTCMonth()]}-${at(t).getUTCFullYear()}::${hms(at(t))}.${micros(t)}`;
/** 2026-12-04T10:00:00.123456+00:00 (OTP logger's RFC 3339 time) */
export const otpRfc3339 = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}+00:00`;
/** Epoch milliseconds (logback's JsonEncoder `timestamp`) */
export const epochMillis = (t: number): number => Math.floor(t / 1000);
