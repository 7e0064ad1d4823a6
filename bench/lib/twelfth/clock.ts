// The clocks this day's stacks print, from epoch microseconds (UTC; Cloud Run containers run in UTC).
import { DAYS, MON, p2, p3, at, ymd, hms, micros } from '../clock-parts.js';

/** 2026-12-04T10:00:00.123Z (JavaScript's toISOString, pino's isoTime) */
export const isoMillis = (t: number): string => at(t).toISOString();
/** 1796292000123 (pino's default `time`, epoch milliseconds) */
export const epochMillis = (t: number): number => Math.floor(t / 1000);
/** 2026-12-04 10:00:00,123 (Python logging's asctime, Quart's default handler) */
export const pyAsctime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))},${p3(at(t).getUTCMilliseconds())}`;
/** [12/04/26 10:00:00] (Rich's RichHandler, `[%x %X]` in the C locale) */
export const richTime = (t: number): string => {
  const d = at(t);
  return `[${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())}/${String(d.getUTCFullYear()).slice(2)} ${hms(d)}]`;
};
/** 04/Dec/2026:10:00:00 +0000 (the common log format: hypercorn, morgan's combined, gorilla's handlers) */
export function clf(t: number): string {
  const d = at(t);
  return `${p2(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()}:${hms(d)} +0000`;
}
/** 2026.12.04 10:00:00 (the JUL SimpleFormatter pattern of Helidon's examples) */
export const julDots = (t: number): string => `${ymd(at(t), '.')} ${hms(at(t))}`;
/** 2026-12-04T10:00:00.123 (`%1$tY-%1$tm-%1$tdT%1$tH:%1$tM:%1$tS.%1$tL`) */
export const julIso = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${p3(at(t).getUTCMilliseconds())}`;
/** 2026/12/04 10:00:00 (Go's standard log) */
export const goLog = (t: number): string => `${ymd(at(t), '/')} ${hms(at(t))}`;
/** 2026-12-04T10:00:00.123456789Z (Go's RFC3339Nano, apex/log's JSON handler) */
export const goNano = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}${String((t * 7) % 1000).padStart(3, '0')}Z`;
/** 2026-12-04 10:00:00.12345 (Mojo::Log, five decimals) */
export const mojoTime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))}.${micros(t).slice(0, 5)}`;
/** 2026-12-04 10:00:00 (Yii 2's log targets, Nim's $date $time) */
export const ymdHms = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))}`;
/** 2026-12-04T10:00:00 (Nim std/logging's $datetime) */
export const nimDatetime = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}`;
/** 2026-12-04T10:00:00.123456Z (java.time.Instant, ZIO's default logger) */
export const isoMicros = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}Z`;
/** 2026-12-04T10:00:00+0000 (swift-log's StreamLogHandler, `%Y-%m-%dT%H:%M:%S%z`) */
export const swiftLog = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}+0000`;
/** Fri, 04 Dec 2026 10:00:00 GMT (HTTP dates) */
export function httpDate(t: number): string {
  const d = at(t);
  return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MON[d.getUTCMonth()]} ${d.getUTCFullYear()} ${hms(d)} GMT`;
}
