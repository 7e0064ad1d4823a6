// The clocks this day's stacks print, from epoch microseconds (UTC; Cloud Run containers run in UTC).
import { MON, p2, p3, at, ymd, hms, micros } from '../clock-parts.js';

const millis = (t: number): string => p3(at(t).getUTCMilliseconds());

/** 2026-12-10T10:00:00.123456Z (tracing-subscriber's fmt layer: TGI, Vector) */
export const rfc3339Micros = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}Z`;
/** 2026-12-10T10:00:00.123Z (JavaScript's toISOString: Temporal's DefaultLogger; Spring Boot's console pattern) */
export const isoMillis = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${millis(t)}Z`;
/** 2026-12-10T10:00:00.123456000Z (Spring Boot's ECS `@timestamp`: an Instant with nanoseconds) */
export const isoNanos = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}000Z`;
/** 10 Dec 10:00:00 (Node-RED's console log: util.log's day without padding, month, time) */
export const nodeRedTime = (t: number): string => {
  const d = at(t);
  return `${d.getUTCDate()} ${MON[d.getUTCMonth()]} ${hms(d)}`;
};
/** 2026-12-10T10:00:00.123+0000 (Payara's ODL and JSON log formatters) */
export const odlTime = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${millis(t)}+0000`;
/** 1765360800123 (Payara's `timeMillis`) */
export const epochMillis = (t: number): number => Math.floor(t / 1000);
/** 2026-12-10 10:00:00 (a .NET console logger's `TimestampFormat = "yyyy-MM-dd HH:mm:ss "`) */
export const dotnetStamp = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))}`;
/** 10/Dec/2026:10:00:00.123 (HAProxy's httplog accept date) */
export const haproxyAccept = (t: number): string => {
  const d = at(t);
  return `${p2(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()}:${hms(d)}.${millis(t)}`;
};
/** [10/Dec/2026:10:00:00 +0000] (HAProxy's `option httplog clf`) */
export const clfTime = (t: number): string => {
  const d = at(t);
  return `[${p2(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()}:${hms(d)} +0000]`;
};
