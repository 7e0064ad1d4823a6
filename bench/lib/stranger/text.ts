// Clocks and text shared by the stacks: each framework prints the same instant its own way.
import type { Prng } from '../prng.js';

const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number): string => String(n).padStart(2, '0');
const p3 = (n: number): string => String(n).padStart(3, '0');
const p6 = (n: number): string => String(n).padStart(6, '0');

interface Parts { y: number; mo: number; d: number; h: number; mi: number; s: number; ms: number; us: number }
function parts(tUs: number): Parts {
  const d = new Date(Math.floor(tUs / 1000));
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth(), d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(), ms: d.getUTCMilliseconds(), us: tUs % 1_000_000 };
}

/** 2026-03-10T12:00:01.123456Z (tracing-subscriber, structlog) */
export function isoMicros(t: number): string {
  const p = parts(t);
  return `${p.y}-${p2(p.mo + 1)}-${p2(p.d)}T${p2(p.h)}:${p2(p.mi)}:${p2(p.s)}.${p6(p.us)}Z`;
}
/** 2026-03-10T12:00:01.123Z (bunyan, JavaScript's toISOString) */
export function isoMillis(t: number): string {
  return new Date(Math.floor(t / 1000)).toISOString();
}
/** 2026-03-10T12:00:01Z (env_logger) */
export function isoSeconds(t: number): string {
  return `${isoMillis(t).slice(0, 19)}Z`;
}
/** 2026-03-10 12:00:01 (Monolog's Laravel line) */
export function ymdHms(t: number): string {
  const p = parts(t);
  return `${p.y}-${p2(p.mo + 1)}-${p2(p.d)} ${p2(p.h)}:${p2(p.mi)}:${p2(p.s)}`;
}
/** 2026-03-10 12:00:01,234 (Python logging's asctime, JBoss log manager) */
export function ymdHmsComma(t: number): string {
  return `${ymdHms(t)},${p3(parts(t).ms)}`;
}
/** 10-Mar-2026 12:00:01 (php-fpm) */
export function fpmTime(t: number): string {
  const p = parts(t);
  return `${p2(p.d)}-${MON[p.mo]}-${p.y} ${p2(p.h)}:${p2(p.mi)}:${p2(p.s)}`;
}
/** 2026/03/10 12:00:01 (nginx error log) */
export function nginxTime(t: number): string {
  const p = parts(t);
  return `${p.y}/${p2(p.mo + 1)}/${p2(p.d)} ${p2(p.h)}:${p2(p.mi)}:${p2(p.s)}`;
}
/** 10/Mar/2026:12:00:01 +0000 (combined access log) */
export function clfTime(t: number): string {
  const p = parts(t);
  return `${p2(p.d)}/${MON[p.mo]}/${p.y}:${p2(p.h)}:${p2(p.mi)}:${p2(p.s)} +0000`;
}
/** 12:00:01.123 (Elixir Logger's default console format) */
export function clockMillis(t: number): string {
  const p = parts(t);
  return `${p2(p.h)}:${p2(p.mi)}:${p2(p.s)}.${p3(p.ms)}`;
}
const h12 = (h: number): number => (h % 12 === 0 ? 12 : h % 12);
/** 03/10/2026, 12:00:01 PM (NestJS ConsoleLogger: toLocaleString in en-US) */
export function nestTime(t: number): string {
  const p = parts(t);
  return `${p2(p.mo + 1)}/${p2(p.d)}/${p.y}, ${h12(p.h)}:${p2(p.mi)}:${p2(p.s)} ${p.h < 12 ? 'AM' : 'PM'}`;
}
/** Mar 10, 2026 12:00:01 PM (java.util.logging SimpleFormatter) */
export function julTime(t: number): string {
  const p = parts(t);
  return `${MON[p.mo]} ${p.d}, ${p.y} ${h12(p.h)}:${p2(p.mi)}:${p2(p.s)} ${p.h < 12 ? 'AM' : 'PM'}`;
}
/** The entry's own timestamp as an export prints it (nanoseconds). */
export function entryTime(t: number, rng: Prng): string {
  return `${isoMicros(t).slice(0, -1)}${String(rng.int(0, 999)).padStart(3, '0')}Z`;
}

/** ANSI colour as a terminal-minded logger writes it even when stdout is not a terminal. */
export const ansi = (code: string, s: string): string => `\u001b[${code}m${s}\u001b[0m`;

/** n of `items`, in a random order without repeats. */
export function some<T>(rng: Prng, items: readonly T[], n: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) out.push(pool.splice(rng.int(0, pool.length - 1), 1)[0] as T);
  return out;
}
