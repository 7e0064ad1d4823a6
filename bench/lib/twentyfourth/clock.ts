// The clocks this day's stacks print, from epoch microseconds (UTC; Cloud Run containers run in UTC).
import { at, hms, MON, micros, p2, p3, ymd } from '../clock-parts.js';

const millis = (t: number): string => p3(at(t).getUTCMilliseconds());
/** Three more digits below the microsecond, so clocks that print nanoseconds do not end in 000. */
const nanoTail = (t: number): string => p3((t * 7919) % 1000);

/** 2026-12-04 10:00:00,123 (Python logging's asctime) */
export const asctime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))},${millis(t)}`;
/** [2026-12-04 10:00:00 +0000] (gunicorn's error log) */
export const gunicornTime = (t: number): string => `[${ymd(at(t), '-')} ${hms(at(t))} +0000]`;
/** [04/Dec/2026:10:00:00 +0000] (gunicorn's access log, `%(t)s`) */
export const clfTime = (t: number): string => { const d = at(t); return `[${p2(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()}:${hms(d)} +0000]`; };
/** 1204 10:00:00.123456 (absl's Python prefix after the level letter: month, day, time to the microsecond) */
export const abslTime = (t: number): string => { const d = at(t); return `${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${hms(d)}.${micros(t)}`; };
/** 2026-12-04 10:00:00.123456 (TensorFlow's own C++ log prefix before 2.16) */
export const tfTime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))}.${micros(t)}`;
/** 1733306400.123456 (absl C++ before InitializeLog: epoch seconds and microseconds after `E0000 00:00:`) */
export const epochMicros = (t: number): string => `${Math.floor(t / 1_000_000)}.${micros(t)}`;
/** 2026-12-04T10:00:00.123Z (zap's development encoder, ISO 8601 to the millisecond; Spring Boot's console) */
export const isoMillis = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${millis(t)}Z`;
/** 2026-12-04T10:00:00.123456789Z (zap's RFC 3339 nano encoder) */
export const isoNanos = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}${nanoTail(t)}Z`;
/** 2026-12-04T10:00:00.123456Z (Java's Instant as Boot's structured formats print it) */
export const isoMicros = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}Z`;
/** 2026/12/04 - 10:00:00 (gin's logger and Recovery) */
export const ginTime = (t: number): string => `${ymd(at(t), '/')} - ${hms(at(t))}`;
/** 2026-12-04 10:00:00.123 UTC (Prisma Migrate's `started at`) */
export const prismaTime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))}.${millis(t)} UTC`;
