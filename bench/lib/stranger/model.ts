// The vocabulary of the stranger day: a service, its problem families, and one write of the program
// before Cloud Run turns it into LogEntry objects. Kept apart from the plain-text bench on purpose: this
// day is meant to have been written by someone who never saw that one.
import type { Prng } from '../prng.js';

/** What a person reads from the text, as a Cloud Logging severity. */
export type Level = 'DEBUG' | 'INFO' | 'NOTICE' | 'WARNING' | 'ERROR' | 'CRITICAL';

export const AT_LEAST_NOTICE: ReadonlySet<string> = new Set(['NOTICE', 'WARNING', 'ERROR', 'CRITICAL', 'ALERT', 'EMERGENCY']);

export type Stream = 'stdout' | 'stderr' | 'varlog/system' | 'requests';

export interface Write {
  stream: Stream;
  /** Text as the program wrote it; several lines when it wrote several. */
  text?: string;
  /** A JSON line, which Cloud Run parses into jsonPayload. */
  json?: Record<string, unknown>;
  /** Only Cloud Run's own messages, or a JSON line's own `severity` field, set this. */
  severity?: string;
  httpRequest?: Record<string, unknown>;
  /** A write of another problem that always comes with this one (gunicorn's kill after its timeout). */
  as?: { family: string; level: Level };
  /** Microseconds after the occurrence's previous write (a request's access record when its response
   * goes out, the request's latency after its error); unset, the shaping's own small gap. */
  delayUs?: number;
  /** The entry's `trace` (`projects/P/traces/T`), as Cloud Run's request log carries it. */
  trace?: string;
}

export interface Ctx {
  rng: Prng;
  /** Epoch microseconds. */
  t: number;
  /** 0: the morning revision, 1: the one rolled out later in the day. */
  rev: 0 | 1;
  /** The service's public host name. */
  host: string;
}

export interface Family {
  /** Ground truth: `service:problem`, or `noise:service:what` for chatter below NOTICE. */
  name: string;
  level: Level;
  perDay: readonly [number, number];
  /** Chance the same failure shows on a second instance at the same moment. */
  burst?: number;
  emit(ctx: Ctx): Write[];
}

export interface ServiceDef {
  name: string;
  stack: string;
  /** Share of multi-line writes Cloud Run stores as one entry per line. */
  splitRate: number;
  families: readonly Family[];
}

export interface Truth {
  family: string;
  severity: Level;
  service: string;
  /** `whole` (one entry for the write), `line` (one line of a split write), `cut`, `orphan` (head lost). */
  shape: string;
}
