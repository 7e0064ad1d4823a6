// The clocks this day's stacks print, from epoch microseconds (UTC; Cloud Run containers run in UTC).
import { at, hms, MON, micros, p2, p3, ymd } from '../clock-parts.js';

const millis = (t: number): string => p3(at(t).getUTCMilliseconds());
/** Three more digits below the microsecond, so clocks that print nanoseconds do not end in 000. */
const nanoTail = (t: number): string => p3((t * 7919) % 1000);

/** 2026-12-04T10:00:00.123Z (bunyan's `time`, Sidekiq's formatters, Spring Boot's console) */
export const isoMillis = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${millis(t)}Z`;
/** 2026-12-04T10:00:00Z (logrus's JSONFormatter, RFC 3339 to the second) */
export const isoSeconds = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}Z`;
/** 2026-12-04T10:00:00.123456789Z (slog's JSONHandler) */
export const isoNanos = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}${nanoTail(t)}Z`;
/** 2026-12-04T10:00:00.123456+00:00 (Monolog's JsonFormatter, `Y-m-d\TH:i:s.uP`) */
export const monologTime = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}+00:00`;
/** 2026/12/04 10:00:00 (Go's log package with LstdFlags, grpclog's default logger) */
export const goLogTime = (t: number): string => `${ymd(at(t), '/')} ${hms(at(t))}`;
/** 2026-12-04 10:00:00,123 (Python logging's asctime) */
export const asctime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))},${millis(t)}`;
/** [2026-12-04 10:00:00 +0000] (gunicorn's error log) */
export const gunicornTime = (t: number): string => `[${ymd(at(t), '-')} ${hms(at(t))} +0000]`;
/** [04/Dec/2026:10:00:00 +0000] (gunicorn's and Apache's access logs) */
export const clfTime = (t: number): string => { const d = at(t); return `[${p2(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()}:${hms(d)} +0000]`; };
/** 2026-12-04T10:00:00.123456Z (Python's datetime.isoformat in a Cloud Run job's own lines) */
export const isoMicros = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}Z`;
