// The clocks this day's stacks print, from epoch microseconds (UTC; Cloud Run containers run in UTC).
import { MON, p2, p3, at, ymd, hms, micros } from '../clock-parts.js';

const ms = (t: number): string => p3(at(t).getUTCMilliseconds());

/** 2026-12-04T10:00:00.123Z (JavaScript's toISOString, Spring Boot's `yyyy-MM-dd'T'HH:mm:ss.SSSXXX` in UTC) */
export const isoMillis = (t: number): string => at(t).toISOString();
/** 2026-12-04T10:00:00.123456Z (katip's UTCTime) */
export const isoMicros = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}Z`;
/** 2026-12-04T10:00:00.123+0000 (the JBoss log manager's JSON `timestamp`) */
export const jbossJsonTime = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${ms(t)}+0000`;
/** 1796292000123 (epoch milliseconds, Nest's JSON `timestamp`) */
export const epochMillis = (t: number): number => Math.floor(t / 1000);
/** 1796292000.123 (GELF's `timestamp`, seconds with milliseconds) */
export const epochSecondsMillis = (t: number): number => Math.floor(t / 1000) / 1000;
/** 12/04/2026, 10:00:00 AM (Nest's ConsoleLogger: Intl.DateTimeFormat en-US, hour numeric) */
export function nestTime(t: number): string {
  const d = at(t);
  const h = d.getUTCHours();
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())}/${d.getUTCFullYear()}, ${h12}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}
/** 2026-12-04 10:00:00 +0000 (Sanic's default `[%Y-%m-%d %H:%M:%S %z]`) */
export const sanicTime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))} +0000`;
/** 10:00:00,123 (WildFly's console pattern `%d{HH:mm:ss,SSS}`) */
export const jbossTime = (t: number): string => `${hms(at(t))},${ms(t)}`;
/** 2026-12-04T10:00:00.123456 (Ruby's Logger::Formatter) */
export const rubyLoggerTime = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}`;
/** 2026/12/04 10:00:00 (Go's log.LstdFlags) */
export const goLog = (t: number): string => `${ymd(at(t), '/')} ${hms(at(t))}`;
/** 2026/12/04 10:00:00.123456 (Go's log.LstdFlags | log.Lmicroseconds) */
export const goLogMicros = (t: number): string => `${goLog(t)}.${micros(t)}`;
/** 10:00:00.123 (Elixir Logger's `$time`) */
export const elixirTime = (t: number): string => `${hms(at(t))}.${ms(t)}`;
/** 2026-12-04 (Elixir Logger's `$date`) */
export const elixirDate = (t: number): string => ymd(at(t), '-');
/** 04-Dec-2026 10:00:00 (php-fpm's error log) */
export function fpmTime(t: number): string {
  const d = at(t);
  return `${p2(d.getUTCDate())}-${MON[d.getUTCMonth()]}-${d.getUTCFullYear()} ${hms(d)}`;
}
/** 04/Dec/2026:10:00:00 +0000 (the common log format, wai-extra's Apache logger) */
export function clf(t: number): string {
  const d = at(t);
  return `${p2(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()}:${hms(d)} +0000`;
}
