// Cloud Run's own words (and the runtimes') for an instance that died or never served: whatever
// severity the entry carries, on-call wants these before any warning, however frequent.
import type { Cluster } from '../shared/types.js';

/** Enough of a message to recognise a platform line; bounded for any pattern. */
const MAX_TEXT = 2000;

/**
 * Ordered: the first that fits names the crash. Wording as Cloud Run and the runtimes print it, at the
 * start of the message: these words rank a problem ahead of every warning, so they must be the
 * platform's or the runtime's own line, not words a client put into a request path or a form field
 * that the application logged (`invalid name: Memory limit of 1 MiB exceeded`).
 */
const CRASHES: ReadonlyArray<readonly [RegExp, string]> = [
  // `Memory limit of 512 MiB exceeded with 530 MiB used. Consider increasing the memory limit, see …`
  [/^Memory limit of\b.{0,40}\bexceeded\b/i, 'memory limit exceeded'],
  // `The user-provided container ran out of memory`; Node's `FATAL ERROR: … JavaScript heap out of
  // memory` (after its `<--- Last few GCs --->` block when that came first); the JVM's OutOfMemoryError
  // as the first line; OOMKilled.
  [/^(?:The user-provided container ran out of memory|(?:<--- Last few GCs --->[^]{0,4000}?\n)?FATAL ERROR: [^\n]{0,200}\bout of memory\b|(?:Exception in thread "[^"\n]{0,80}" )?(?:[\w$]{1,40}\.){0,8}OutOfMemoryError\b|OOM[- ]?kill(?:ed|er)?\b|Out of memory\b)/i, 'out of memory'],
  // `Container terminated on signal 9.` (15 is the normal shutdown, see SHUTDOWN_SIGNAL).
  [/^Container terminated on signal\b/i, 'container killed by a signal'],
  // `Container called exit(1).` (exit(0) is a clean stop, see the exit code check below).
  [/^Container called exit\(/i, 'container exited with an error'],
  // `The request failed because the instance failed the readiness probe.` (or startup, liveness)
  [/^The request failed because the instance failed the (?:readiness|startup|liveness) probe\b/i, 'instance failed its health probe'],
  // `Default STARTUP TCP probe failed 1 time consecutively for container "x" on port 8080.`
  [/^(?:Default )?(?:STARTUP|LIVENESS|READINESS) (?:TCP|HTTP|GRPC|gRPC) probe failed\b/i, 'instance failed its health probe'],
  // `Container failed to start. Failed to start and then listen on the port defined by the PORT …`
  [/^Container failed to start\b/i, 'container failed to start'],
  // Node's `Uncaught exception` / `uncaughtException` and the same words in other runtimes' loggers.
  [/^(?:Uncaught exception|uncaughtException)\b/i, 'uncaught exception'],
  // Go: `panic: …` and runtime `fatal error: …` end the process (`http: panic serving` is recovered).
  [/^(?:panic|fatal error): /, 'Go panic'],
];

/** A Python MemoryError or a JVM OutOfMemoryError named as the exception type. */
const OOM_TYPE = /(?:^|\.)(?:MemoryError|OutOfMemoryError)$/;
/** SIGTERM: Cloud Run stopping an idle or replaced instance, not a crash. */
const SHUTDOWN_SIGNAL = 15;

/** What crashed, in words, or null when the cluster is not a platform crash. */
export function platformCrash(cluster: Pick<Cluster, 'template' | 'samples' | 'exceptionType'> & { kind?: Cluster['kind'] }): string | null {
  // A request log's text is its method, path and status: a client's words, never a crash.
  if (cluster.kind === 'request') return null;
  if (cluster.exceptionType && OOM_TYPE.test(cluster.exceptionType)) return 'out of memory';
  const samples = cluster.samples.map((t) => t.slice(0, MAX_TEXT));
  const texts = [cluster.template.slice(0, MAX_TEXT), samples[0] ?? ''];
  for (const [pattern, what] of CRASHES) {
    if (!texts.some((t) => pattern.test(t))) continue;
    if (what === 'container killed by a signal' && onlyClean(samples, /\bsignal (\d{1,3})\b/i, SHUTDOWN_SIGNAL)) continue;
    if (what === 'container exited with an error' && onlyClean(samples, /\bexit\((\d{1,3})\)/i, 0)) continue;
    return what;
  }
  return null;
}

/** The template masks the number: a crash unless every sample that shows it shows the clean one. */
function onlyClean(samples: string[], pattern: RegExp, clean: number): boolean {
  const shown = samples.map((s) => pattern.exec(s)?.[1]).filter((n): n is string => n !== undefined).map(Number);
  return shown.length > 0 && shown.every((n) => n === clean);
}
