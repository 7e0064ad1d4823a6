// Clocks and small pieces the polyglot day's stacks print that the other days' clocks do not cover.
import type { Prng } from '../prng.js';
import { isoMicros, isoMillis } from '../stranger/text.js';

export { isoMicros, isoMillis, fpmTime, ymdHms, some } from '../stranger/text.js';

/** 2026-03-10T12:00:01.123456+00:00 (Monolog's JsonFormatter, `Y-m-d\TH:i:s.uP`) */
export function monologTime(t: number): string {
  return `${isoMicros(t).slice(0, -1)}+00:00`;
}
/** 2026-03-10T12:00:01Z (RFC 3339 in seconds: zerolog's default, logrus' default) */
export function rfc3339(t: number): string {
  return `${isoMillis(t).slice(0, 19)}Z`;
}
/** 2026-03-10 12:00:01.123 (Log4j2's `%d{yyyy-MM-dd HH:mm:ss.SSS}`, envoy's `%Y-%m-%d %T.%e`) */
export function ymdHmsMillis(t: number): string {
  return isoMillis(t).slice(0, 23).replace('T', ' ');
}
/** 03/10/2026 12:00:01.123 (Pekko's and Akka's standard-out logger) */
export function pekkoTime(t: number): string {
  const s = isoMillis(t);
  return `${s.slice(5, 7)}/${s.slice(8, 10)}/${s.slice(0, 4)} ${s.slice(11, 23)}`;
}
/** 2026-03-10 12:00:01 +0000 (gunicorn's error log) */
export function gunicornTime(t: number): string {
  return `${isoMillis(t).slice(0, 19).replace('T', ' ')} +0000`;
}
/** 12:00:01 (RQ's worker log, `%(asctime)s` with datefmt `%H:%M:%S`) */
export function hms(t: number): string {
  return isoMillis(t).slice(11, 19);
}
/** 2026-03-10 12:00:01,123 (Python logging's asctime) */
export function asctime(t: number): string {
  return `${isoMillis(t).slice(0, 19).replace('T', ' ')},${isoMillis(t).slice(20, 23)}`;
}
/** Epoch milliseconds (pino's `time`). */
export function epochMillis(t: number): number {
  return Math.floor(t / 1000);
}
/** A Go program counter offset (`+0x1d4`). */
export function goOff(rng: Prng): string {
  return `+0x${rng.int(0x10, 0x4ff).toString(16)}`;
}
/** A VPC address with a port. */
export function vpcAddr(rng: Prng, port: number): string {
  return `10.8.${rng.int(0, 15)}.${rng.int(2, 250)}:${port}`;
}
