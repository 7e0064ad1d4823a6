// The clocks this day's stacks print, from epoch microseconds (UTC; Cloud Run containers run in UTC).
import { MON, p2, p3, at, ymd, hms, micros } from '../clock-parts.js';

const millis = (t: number): string => p3(at(t).getUTCMilliseconds());

/** 10:00:00 (LiteLLM's `%H:%M:%S` datefmt: no date) */
export const timeOnly = (t: number): string => hms(at(t));
/** 2026-12-08T10:00:00.123456 (Python's datetime.isoformat(), LiteLLM's JSON logs) */
export const isoNaive = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}`;
/** 2026-12-08T10:00:00,123 (log4j2's %d{ISO8601}, TorchServe) */
export const log4jIso = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))},${millis(t)}`;
/** 2026/12/08 10:00:00 (oauth2-proxy's standard and request log clock; Go's log.LstdFlags) */
export const slashTime = (t: number): string => `${ymd(at(t), '/')} ${hms(at(t))}`;
/** 2026/12/08 10:00:00.123456 (Go's log.LstdFlags|log.Lmicroseconds) */
export const slashMicros = (t: number): string => `${slashTime(t)}.${micros(t)}`;
/** 2026-12-08T10:00:00.123Z (JavaScript's toISOString: the debug package, slog's JSONHandler time) */
export const isoMillis = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${millis(t)}Z`;
/** 2026-12-08T10:00:00.123+00:00 (Ougai's bunyan `time`) */
export const isoOffset = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${millis(t)}+00:00`;
/** 1765188000123 (Ougai's pino formatter `time`: epoch milliseconds) */
export const epochMillis = (t: number): number => Math.floor(t / 1000);
/** 2026-12-08 10:00:00,123 (Python logging's asctime, huey's consumer) */
export const asctime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))},${millis(t)}`;
/** 2026-12-08 10:00:00 +0000 (a gunicorn-like `%Y-%m-%d %H:%M:%S %z` datefmt) */
export const zoned = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))} +0000`;
/** 08 Dec 2026 10:00:00.123 (Redis's server log) */
export const redisTime = (t: number): string => {
  const d = at(t);
  return `${p2(d.getUTCDate())} ${MON[d.getUTCMonth()]} ${d.getUTCFullYear()} ${hms(d)}.${millis(t)}`;
};
/** 2026-12-08T10:00:00+00:00 (Nextcloud's `logdateformat` default, DateTime::ATOM) */
export const atom = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}+00:00`;
