// The clocks this day's stacks print, from epoch microseconds (UTC; Cloud Run containers run in UTC).
import { MON, p2, p3, at, ymd, hms, micros } from '../clock-parts.js';

/** 2026-12-04T10:00:00.123Z (JavaScript's toISOString) */
export const isoMillis = (t: number): string => at(t).toISOString();
/** 2026-12-04T10:00:00.123456Z (tracing-subscriber's JSON `timestamp`) */
export const isoMicros = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}Z`;
/** 261204 10:00:00 (Tornado's LogFormatter, `%y%m%d %H:%M:%S`) */
export const tornadoTime = (t: number): string => `${ymd(at(t), '').slice(2)} ${hms(at(t))}`;
/** 2026-12-04 10:00:00,123 (Python logging's asctime, logback's `%d{ISO8601}`) */
export const commaMillis = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))},${p3(at(t).getUTCMilliseconds())}`;
/** [2026-12-04 10:00:00 +0000] (hypercorn's error log, `[%Y-%m-%d %H:%M:%S %z]`) */
export const hypercornTime = (t: number): string => `[${ymd(at(t), '-')} ${hms(at(t))} +0000]`;
/** 04/Dec/2026:10:00:00 +0000 (the common log format) */
export function clf(t: number): string {
  const d = at(t);
  return `${p2(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()}:${hms(d)} +0000`;
}
/** 2026-12-04 10:00:00.123 (Jetty's StdErrAppender) */
export const dotMillis = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))}.${p3(at(t).getUTCMilliseconds())}`;
/** 2026-12-04 10:00:00 (Sinatra's dump_errors, `%Y-%m-%d %H:%M:%S`) */
export const ymdHms = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))}`;
/** 2026-12-04T10:00:00.123456 (Ruby Logger's default formatter) */
export const rubyLogger = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}`;
/** 10:00:00 2026-12-04 (Resque's very verbose formatter, `%H:%M:%S %Y-%m-%d`) */
export const resqueTime = (t: number): string => `${hms(at(t))} ${ymd(at(t), '-')}`;
/** 2026-12-04 10:00:00.123456 (TensorFlow's C++ log prefix) */
export const tfTime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))}.${micros(t)}`;
/** 0000 00:00:1796292000.123456 (Abseil's log prefix before InitializeLog: no date, epoch seconds) */
export const abslTime = (t: number): string => `0000 00:00:${Math.floor(t / 1_000_000)}.${micros(t)}`;
/** 1796292000123 (Dropwizard's JSON layout `timestamp`, epoch milliseconds) */
export const epochMillis = (t: number): number => Math.floor(t / 1000);
