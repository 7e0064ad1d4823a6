// The clocks this day's stacks print, from epoch microseconds (UTC; Cloud Run containers run in UTC).
import { p2, p3, at, ymd, hms, micros } from '../clock-parts.js';

const millis = (t: number): string => p3(at(t).getUTCMilliseconds());
const mmdd = (t: number): string => `${p2(at(t).getUTCMonth() + 1)}${p2(at(t).getUTCDate())}`;

/** 2026-12-08T10:00:00.123Z (slog's TextHandler, the collector's zap console encoder, Quarkus JSON) */
export const isoMillis = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${millis(t)}Z`;
/** 2026-12-08T10:00:00.123456789Z (zapdriver's RFC 3339 with nanoseconds) */
export const isoNanos = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}${p3(t % 1000)}Z`;
/** 2026/12/08 - 10:00:00 (gin's LoggerWithFormatter default) */
export const ginTime = (t: number): string => `${ymd(at(t), '/')} - ${hms(at(t))}`;
/** 2026-12-08T10:00:00+0000 (BentoML's `%Y-%m-%dT%H:%M:%S%z`) */
export const bentoTime = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}+0000`;
/** 2026-12-08 10:00:00,123 (Python logging's asctime; JBoss log manager's `%d{yyyy-MM-dd HH:mm:ss,SSS}`) */
export const asctime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))},${millis(t)}`;
/** 1765188000.123456 (zap's epoch-seconds `ts`) */
export const epochSeconds = (t: number): number => Number((t / 1_000_000).toFixed(6));
/** E0000 00:00:1765188000.123456 (absl's prefix before absl::InitializeLog(): no date, epoch seconds) */
export const abslEarly = (t: number): string => `0000 00:00:${(t / 1_000_000).toFixed(6)}`;
/** 1208 10:00:00.123456789 (gRPC core's gpr_log prefix after the level letter) */
export const gprTime = (t: number): string => `${mmdd(t)} ${hms(at(t))}.${micros(t)}${p3(t % 1000)}`;
/** 1208/100000.123456 (Chromium's LOG prefix) */
export const chromeTime = (t: number): string => `${mmdd(t)}/${hms(at(t)).replace(/:/g, '')}.${micros(t)}`;
/** 2026-12-08 10:00:00 +0000 (Rails' `Started ... at` time) */
export const railsTime = (t: number): string => `${ymd(at(t), '-')} ${hms(at(t))} +0000`;
/** 2026-12-08T10:00:00.123456 (Ruby Logger::Formatter's datetime) */
export const rubyTime = (t: number): string => `${ymd(at(t), '-')}T${hms(at(t))}.${micros(t)}`;
