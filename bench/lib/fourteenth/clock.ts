// The clocks this day's stacks print, from epoch microseconds (UTC; Cloud Run containers run in UTC).
import { p3, at, ymd, hms, micros } from '../clock-parts.js';

const millis = (t: number): string => p3(at(t).getUTCMilliseconds());

/** 2026-12-04 10:00:00.123 (Streamlit's `%(asctime)s` with its `.%(msecs)03d`) */
export const dotMillis = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))}.${millis(t)}`;
/** 2026-12-04 10:00:00,123 (log4j2's `%d` default, Metabase's pattern before 0.52) */
export const commaMillis = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))},${millis(t)}`;
/** 2026-12-04 10:00:00 (Laravel's queue:work lines, .NET's `TimestampFormat = "yyyy-MM-dd HH:mm:ss "`, Monolog's line `Y-m-d H:i:s`) */
export const ymdHms = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))}`;
/** 2026-12-04 10:00:00.123456 (semantic_logger's default formatter) */
export const dotMicros = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))}.${micros(t)}`;
/** 2026.12.04 10:00:00:123 (tslog's default pretty template) */
export const tslogTime = (t: number): string => `${ymd(at(t), '.')} ${hms(at(t))}:${millis(t)}`;
/** 2026-12-04T10:00:00.123Z (JavaScript's toISOString, Spring Boot's console `yyyy-MM-dd'T'HH:mm:ss.SSSXXX`) */
export const isoMillis = (t: number): string => at(t).toISOString();
/** 2026-12-04T10:00:00.123456Z (semantic_logger's JSON `timestamp`) */
export const isoMicros = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}Z`;
/** 2026-12-04T10:00:00.123456789Z (Go's RFC3339Nano, Grafana's `t`) */
export const isoNanos = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}${p3((t * 7) % 1000)}Z`;
/** 2026-12-04T10:00:00+00:00 (Metabase's pattern from 0.52, `%d{ISO8601_OFFSET_DATE_TIME_HHCMM}` in seconds) */
export const isoOffsetSeconds = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}+00:00`;
/** 2026-12-04T10:00:00.123+0000 (Hasura's `timestamp`) */
export const hasuraTime = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${millis(t)}+0000`;
/** 2026-12-04T10:00:00.123456+00:00 (Monolog's JSON `datetime`) */
export const isoMicrosOffset = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}+00:00`;
/** Seconds and nanoseconds of the epoch as Spring Cloud GCP's JSON layout writes them: the nanoseconds come
 * from the milliseconds, so they end in six zeros. */
export const epochParts = (t: number): { timestampSeconds: number; timestampNanos: number } => ({ timestampSeconds: Math.floor(t / 1_000_000), timestampNanos: Math.floor((t % 1_000_000) / 1000) * 1_000_000 });
