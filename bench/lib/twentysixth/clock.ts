// The clocks this day's stacks print, from epoch microseconds (UTC; Cloud Run containers run in UTC).
import { at, DAYS, hms, MON, micros, p2, p3, ymd } from '../clock-parts.js';

const millis = (t: number): string => p3(at(t).getUTCMilliseconds());

/** 2026-12-06T10:00:00.123Z (JavaScript's toISOString, .NET's `yyyy-MM-ddTHH:mm:ss.fffZ`, zap's ISO8601 encoder) */
export const isoMillis = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${millis(t)}Z`;
/** 2026-12-06 10:00:00,123 (Python logging's asctime) */
export const asctime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))},${millis(t)}`;
/** [2026-12-06 10:00:00 +0000] (gunicorn's error log) */
export const gunicornTime = (t: number): string => `[${ymd(at(t), '-')} ${hms(at(t))} +0000]`;
/** 06/Dec/2026:10:00:00 +0000 (Apache's access log, without the brackets) */
export const clfTime = (t: number): string => { const d = at(t); return `${p2(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()}:${hms(d)} +0000`; };
/** Sun Dec 06 10:00:00.123456 2026 (Apache 2.4's error log, without the brackets) */
export const apacheErrorTime = (t: number): string => { const d = at(t); return `${DAYS[d.getUTCDay()]} ${MON[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${hms(d)}.${micros(t)} ${d.getUTCFullYear()}`; };
/** 2026-12-06T10:00:00.123456+00:00 (Monolog's `Y-m-d\TH:i:s.uP`) */
export const monologTime = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}+00:00`;
/** 2026/12/06 10:00:00 (Go's log package with LstdFlags) */
export const goLogTime = (t: number): string => `${ymd(at(t), '/')} ${hms(at(t))}`;
/** 1733479200.1234567 (zap's production encoder: epoch seconds as a float) */
export const epochFloat = (t: number): string => `${Math.floor(t / 1_000_000)}.${micros(t)}${(t * 7) % 10}`;
/** Epoch milliseconds (pino's default `time`). */
export const epochMillis = (t: number): number => Math.floor(t / 1000);
/** Dec 06, 2026 10:00:00 AM (java.util.logging's SimpleFormatter default, `%1$tb %1$td, %1$tY %1$tl:%1$tM:%1$tS %1$Tp`) */
export const julTime = (t: number): string => {
  const d = at(t);
  const h = d.getUTCHours();
  return `${MON[d.getUTCMonth()]} ${p2(d.getUTCDate())}, ${d.getUTCFullYear()} ${h % 12 === 0 ? 12 : h % 12}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
};
/** 2026-12-06 10:00:00.123 (`%1$tF %1$tT.%1$tL`) */
export const dateTimeMillis = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))}.${millis(t)}`;
/** 10:00:00.123 (Elixir Logger's default console `$time`) */
export const hmsMillis = (t: number): string => `${hms(at(t))}.${millis(t)}`;
/** 2026-12-06T10:00:00.123456Z (Elixir's DateTime.to_iso8601 with microseconds) */
export const isoMicros = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}Z`;
