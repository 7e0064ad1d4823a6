// Clocks and small pieces the mixed day's stacks print that the other days' clocks do not cover.
import type { Prng } from '../prng.js';
import { isoMicros, isoMillis, nginxTime } from '../stranger/text.js';

export { isoMicros, isoMillis, clfTime, ymdHms, ymdHmsComma, some } from '../stranger/text.js';

/** 2026/03/10 12:00:01 (Go's standard `log` with its default flags; grpc-go's logger too) */
export const goLogTime = nginxTime;
/** 1773144001.1234567 (zap's production encoder: epoch seconds as a float) */
export function epochSeconds(t: number): number {
  return t / 1e6;
}
/** 1773144001123 (pino: epoch milliseconds) */
export function epochMillis(t: number): number {
  return Math.floor(t / 1000);
}
/** 2026-03-10T12:00:01.123456 (Ruby's Logger::Formatter) */
export function rubyTime(t: number): string {
  return isoMicros(t).slice(0, -1);
}
/** 2026-03-10T12:00:01.1234560Z (.NET's round-trip "o" format, Serilog's @t) */
export function dotnetTime(t: number): string {
  return `${isoMicros(t).slice(0, -1)}0Z`;
}
/** 12:00:01 (Serilog's console template `{Timestamp:HH:mm:ss}`) */
export function hms(t: number): string {
  return isoMillis(t).slice(11, 19);
}
/** 12:00:01.123 (Logback's `%d{HH:mm:ss.SSS}`) */
export function hmsMillis(t: number): string {
  return isoMillis(t).slice(11, 23);
}
/** 2026-03-10 12:00:01.123 (loguru's default `{time:YYYY-MM-DD HH:mm:ss.SSS}`) */
export function loguruTime(t: number): string {
  return isoMillis(t).slice(0, 23).replace('T', ' ');
}
/** A Go pointer-ish argument as goroutine dumps print them. */
export function goPtr(rng: Prng): string {
  return `0xc000${rng.hex(6)}`;
}
/** A Go program counter offset (`+0x1d4`). */
export function goOff(rng: Prng): string {
  return `+0x${rng.int(0x10, 0x4ff).toString(16)}`;
}
/** A Cloud Trace id as Google's structured logging writes it. */
export function traceName(rng: Prng, project: string): string {
  return `projects/${project}/traces/${rng.hex(32)}`;
}
