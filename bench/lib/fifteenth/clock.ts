// The clocks this day's stacks print, from epoch microseconds (UTC; Cloud Run containers run in UTC).
import { p3, at, ymd, hms, micros } from '../clock-parts.js';

const millis = (t: number): string => p3(at(t).getUTCMilliseconds());

/** 2026-12-06 10:00:00 (Scrapy's LOG_DATEFORMAT `%Y-%m-%d %H:%M:%S`) */
export const ymdHms = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))}`;
/** 10:00:00 (arq's `%H:%M:%S` datefmt) */
export const hmsOnly = (t: number): string => hms(at(t));
/** 10:00:00.123 (Prefect's console `%(asctime)s.%(msecs)03d` with `%H:%M:%S`) */
export const hmsMillis = (t: number): string => `${hms(at(t))}.${millis(t)}`;
/** 2026-12-06T10:00:00.123456Z (structlog's TimeStamper(fmt="iso", utc=True)) */
export const isoMicros = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}Z`;
/** 2026/12/06 10:00:00 (Go's log.LstdFlags, charmbracelet/log's default TimeFormat) */
export const goStd = (t: number): string => `${ymd(at(t), '/')} ${hms(at(t))}`;
/** 2026/12/06 10:00:00.123 (Caddy's console encoder) */
export const goStdMillis = (t: number): string => `${ymd(at(t), '/')} ${hms(at(t))}.${millis(t)}`;
/** 1733479200.1234567 (zap's epoch seconds as Caddy's JSON encoder writes `ts`) */
export const epochFloat = (t: number): number => Number((t / 1_000_000).toFixed(7));
/** 2026-12-06T10:00:00.123+0000 (Open Liberty's JSON `ibm_datetime`) */
export const libertyIso = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${millis(t)}+0000`;
/** 2026-12-06 10:00:00 (Ghost's pretty stream `[YYYY-MM-DD HH:mm:ss]`) */
export const ghostTime = ymdHms;
/** 2026-12-06T10:00:00.123456 (Ruby's Logger::Formatter) */
export const rubyTime = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}`;
/** 2026-12-06T10:00:00.123 (Julia's `Dates.now(UTC)` as LoggingExtras' timestamp) */
export const juliaTime = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${millis(t)}`;
