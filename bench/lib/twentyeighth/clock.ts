// The clocks this day's stacks print, from epoch microseconds (UTC; Cloud Run containers run in UTC).
import { at, hms, micros, MON, p2, p3, ymd } from '../clock-parts.js';

const millis = (t: number): string => p3(at(t).getUTCMilliseconds());

/** 2026-12-08T10:00:00.123Z (JavaScript's toISOString, Spring Boot 3.4's console `yyyy-MM-dd'T'HH:mm:ss.SSSXXX` in UTC) */
export const isoMillis = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${millis(t)}Z`;
/** 2026-12-08T10:00:00.123+00:00 (go-zero's logx `2006-01-02T15:04:05.000Z07:00`, logstash's `@timestamp` offset form) */
export const isoOffset = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${millis(t)}+00:00`;
/** 2026-12-08T10:00:00Z (humantime's format_rfc3339_seconds, fern's README format) */
export const isoSeconds = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}Z`;
/** 2026-12-08 10:00:00,123 (Python logging's asctime) */
export const asctime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))},${millis(t)}`;
/** 08/Dec/2026:10:00:00 (CherryPy's error and access log time, no zone) */
export const cherryTime = (t: number): string => { const d = at(t); return `${p2(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()}:${hms(d)}`; };
/** 08/Dec/2026:10:00:00 +0000 (Rack::CommonLogger's `%d/%b/%Y:%H:%M:%S %z`) */
export const clfTime = (t: number): string => `${cherryTime(t)} +0000`;
/** 2026-12-08T10:00:00.123456 (Ruby Logger's default formatter `%Y-%m-%dT%H:%M:%S.%6N`) */
export const rubyTime = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}`;
/** 2026-12-08 10:00:00 +0000 (Puma's error lines, Ruby's Time#to_s) */
export const rubyTimeToS = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))} +0000`;
/** 10:00:00.123 (Elixir Logger's default `$time`) */
export const exTime = (t: number): string => `${hms(at(t))}.${millis(t)}`;
/** 2026-12-08 10:00:00.123 (Elixir Logger's `$date $time`) */
export const exDateTime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))}.${millis(t)}`;
/** 2026-12-08 10:00:00 (Swoole's log time, Monolog's LineFormatter default `Y-m-d H:i:s`) */
export const plainTime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))}`;
/** 2026-12-08T10:00:00.123456+00:00 (Monolog's JsonFormatter `Y-m-d\TH:i:s.uP`) */
export const monologTime = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}+00:00`;
/** Epoch milliseconds (Moleculer's JSON formatter `ts`). */
export const epochMillis = (t: number): number => Math.floor(t / 1000);
