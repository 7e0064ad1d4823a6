// The clocks this day's stacks print, from epoch microseconds (UTC; Cloud Run containers run in UTC).
import { MON, p2, p3, at, ymd, hms, micros } from '../clock-parts.js';

const millis = (t: number): string => p3(at(t).getUTCMilliseconds());

/** 2026/12/12 10:00:00 (MLflow's logging datefmt `%Y/%m/%d %H:%M:%S`) */
export const slashTime = (t: number): string => `${ymd(at(t), '/')} ${hms(at(t))}`;
/** 2026/12/12 10:00:00.123456 (Go's log.LstdFlags|log.Lmicroseconds, Watermill's std logger) */
export const slashMicros = (t: number): string => `${slashTime(t)}.${micros(t)}`;
/** [2026-12-12 10:00:00 +0000] (gunicorn's error log) */
export const gunicornTime = (t: number): string => `[${ymd(at(t), '-')} ${hms(at(t))} +0000]`;
/** 2026-12-12T10:00:00.123Z (toISOString; slog's JSONHandler; Spring Boot's console clock) */
export const isoMillis = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${millis(t)}Z`;
/** 2026-12-12T10:00:00.123456+00:00 (Monolog's JsonFormatter `datetime`) */
export const isoMicrosOffset = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}+00:00`;
/** 2026-12-12T10:00:00+00:00 (Uptime Kuma's log clock, dayjs().format()) */
export const isoSecondsOffset = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}+00:00`;
/** 2026-12-12T10:00:00.1234567Z (.NET's DateTime "O" round-trip format, OpenTelemetry's console exporter) */
export const isoTicks = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}${(t % 10)}Z`;
/** 2026-12-12 10:00:00 +0000 (Ruby's Time#to_s, the Console gem's header) */
export const rubyTime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))} +0000`;
/** 2026-12-12 10:00:00 (Craft's Monolog line format `Y-m-d H:i:s`) */
export const ymdHms = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))}`;
/** 12-Dec-2026 10:00:00 (php-fpm's master log) */
export const fpmTime = (t: number): string => {
  const d = at(t);
  return `${p2(d.getUTCDate())}-${MON[d.getUTCMonth()]}-${d.getUTCFullYear()} ${hms(d)}`;
};
/** 0.05.274.620 (llama.cpp's `--log-timestamps`: minutes.seconds.millis.micros since the process started) */
export const sinceStart = (t: number, startedUs: number): string => {
  const d = Math.max(0, t - startedUs);
  const min = Math.floor(d / 60_000_000);
  const s = Math.floor(d / 1_000_000) % 60;
  const ms = Math.floor(d / 1000) % 1000;
  const us = d % 1000;
  return `${min}.${p2(s)}.${p3(ms)}.${p3(us)}`;
};
/** 12/Dec/2026:10:00:00 +0000 (the common log format's clock, gunicorn's access log) */
export const clf = (t: number): string => {
  const d = at(t);
  return `${p2(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()}:${hms(d)} +0000`;
};
