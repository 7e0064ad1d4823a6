// The clocks this day's stacks print, from epoch microseconds (UTC; Cloud Run containers run in UTC).
import { at, DAYS, hms, micros, MON, p2, p3, ymd } from '../clock-parts.js';

const millis = (t: number): string => p3(at(t).getUTCMilliseconds());

/** 2026-12-10T10:00:00.123Z (JavaScript's toISOString, winston's `timestamp()`, Spring Boot 3.4's console date in UTC, LogstashEncoder, slog's TextHandler) */
export const isoMillis = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${millis(t)}Z`;
/** 2026-12-10T10:00:00.123456789Z (Go's RFC3339Nano, echo's `time_rfc3339_nano`); the last three digits drawn */
export const isoNanos = (t: number, ns: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}${p3(ns)}Z`;
/** 2026-12-10T10:00:00Z (logrus' TextFormatter and JSONFormatter, RFC 3339) */
export const isoSeconds = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}Z`;
/** Thu Dec 10 2026 10:00:00 GMT+0000 (Coordinated Universal Time) (JavaScript's `Date#toString()`, winston's exception `date`) */
export const jsDate = (t: number): string => { const d = at(t); return `${DAYS[d.getUTCDay()]} ${MON[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${d.getUTCFullYear()} ${hms(d)} GMT+0000 (Coordinated Universal Time)`; };
/** 10:00:00.123 (pino-pretty's default `translateTime`, logback's default BasicConfigurator) */
export const hmsMillis = (t: number): string => `${hms(at(t))}.${millis(t)}`;
/** Epoch milliseconds (pino's `time`). */
export const epochMillis = (t: number): number => Math.floor(t / 1000);
/** Epoch seconds with microseconds (Caddy's `ts`). */
export const epochSeconds = (t: number): number => Math.floor(t) / 1_000_000;
/** 2026-12-10 10:00:00.123 (loguru's default `{time:YYYY-MM-DD HH:mm:ss.SSS}`) */
export const loguruTime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))}.${millis(t)}`;
/** 2026-12-10T10:00:00.123+0000 (loguru's `{time:YYYY-MM-DDTHH:mm:ss.SSSZZ}`) */
export const loguruIso = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${millis(t)}+0000`;
/** [2026-12-10 10:00:00 +0000] (gunicorn's error log) */
export const gunicornTime = (t: number): string => `[${ymd(at(t), '-')} ${hms(at(t))} +0000]`;
/** [10/Dec/2026:10:00:00 +0000] (gunicorn's access `%(t)s`) */
export const clfTime = (t: number): string => { const d = at(t); return `[${p2(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()}:${hms(d)} +0000]`; };
/** 2026/12/10 10:00:00 (Go's log.LstdFlags, slog's default handler through the log package) */
export const goStd = (t: number): string => `${ymd(at(t), '/')} ${hms(at(t))}`;
/** 2026-12-10 10:00:00 (Monolog's LineFormatter as Laravel sets it) */
export const plainTime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))}`;
/** 2026-12-10T10:00:00.123456+00:00 (Monolog's JsonFormatter `datetime`) */
export const monologIso = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}+00:00`;
