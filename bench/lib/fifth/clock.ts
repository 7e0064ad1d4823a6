// Clocks this day's stacks print that the shared ones (bench/lib/stranger/text.ts) do not have.
import { DAYS, MON, p2, p3, p6, at, ymd, hms } from '../clock-parts.js';

/** Thu Dec  3 10:00:00 2026 (uWSGI's ctime) */
export function ctime(t: number): string {
  const d = at(t);
  return `${DAYS[d.getUTCDay()]} ${MON[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${hms(d)} ${d.getUTCFullYear()}`;
}
/** 2026/12/03 - 10:00:00 (gin's recovery and access lines) */
export function ginTime(t: number): string {
  const d = at(t);
  return `${ymd(d, '/')} - ${hms(d)}`;
}
/** 2026/12/03 10:00:00 (Go's log.LstdFlags) */
export function goStdTime(t: number): string {
  const d = at(t);
  return `${ymd(d, '/')} ${hms(d)}`;
}
/** 2026-12-03 10:00:00.1234 (NLog's ${longdate}) */
export function nlogTime(t: number): string {
  const d = at(t);
  return `${ymd(d, '-')} ${hms(d)}.${String(Math.floor((t % 1_000_000) / 100)).padStart(4, '0')}`;
}
/** 2026-12-03 10:00:00.123456 (Dart's DateTime.toString) */
export function dartTime(t: number): string {
  return `${ymd(at(t), '-')} ${hms(at(t))}.${p6(t % 1_000_000)}`;
}
/** 2026-12-03T10:00:00.123456 (Dart's toIso8601String, local time without zone) */
export function dartIso(t: number): string {
  return `${ymd(at(t), '-')}T${hms(at(t))}.${p6(t % 1_000_000)}`;
}
/** 0:00:00.012345 (Dart's Duration.toString) */
export function dartDuration(us: number): string {
  const s = Math.floor(us / 1_000_000);
  return `${Math.floor(s / 3600)}:${p2(Math.floor(s / 60) % 60)}:${p2(s % 60)}.${p6(us % 1_000_000)}`;
}
/** 2026-12-03 10:00:00.123 +00:00 (LogTape's default text formatter) */
export function logtapeTime(t: number): string {
  const d = at(t);
  return `${ymd(d, '-')} ${hms(d)}.${p3(d.getUTCMilliseconds())} +00:00`;
}
/** 2026-12-03T10:00:00+0000 (swift-log's StreamLogHandler) */
export function swiftLogTime(t: number): string {
  const d = at(t);
  return `${ymd(d, '-')}T${hms(d)}+0000`;
}
/** 2026-12-03 10:00:00.123 (Logback's %d{yyyy-MM-dd HH:mm:ss.SSS}) */
export function logbackTime(t: number): string {
  const d = at(t);
  return `${ymd(d, '-')} ${hms(d)}.${p3(d.getUTCMilliseconds())}`;
}
