// The vocabulary of the plain-text day: a service (one stack), its problem families, and what one
// write of the program looks like before Cloud Run turns it into LogEntry objects.
import type { Prng } from '../prng.js';

/** The level a person reads from the text (Cloud Logging's names). */
export type Level = 'DEBUG' | 'INFO' | 'NOTICE' | 'WARNING' | 'ERROR' | 'CRITICAL';

export const AT_LEAST_NOTICE: ReadonlySet<string> = new Set(['NOTICE', 'WARNING', 'ERROR', 'CRITICAL', 'ALERT', 'EMERGENCY']);

export type Stream = 'stdout' | 'stderr' | 'varlog/system' | 'requests';

/** One write of the program (or of the platform): a text that may hold several lines, or a JSON line. */
export interface Write {
  stream: Stream;
  text?: string;
  /** A JSON line Cloud Run parsed into jsonPayload. */
  json?: Record<string, unknown>;
  /** The entry severity Cloud Run set (only from a `severity` field of a JSON line, or the platform's own). */
  severity?: string;
  httpRequest?: Record<string, unknown>;
  /** Force one entry for the whole text (true) or one entry per line (false); otherwise the service decides. */
  whole?: boolean;
}

export interface Ctx {
  rng: Prng;
  /** Epoch microseconds of the write. */
  t: number;
  svc: ServiceDef;
  /** 0 for the older revision, 1 for the newer one (rolled out during the day). */
  rev: number;
  /** The container's pid (1 for most; gunicorn workers have their own). */
  pid: number;
}

export interface Family {
  /** Ground truth: the real problem, or `noise:...` for chatter below NOTICE. */
  name: string;
  level: Level;
  /** Occurrences in a day, drawn in [lo, hi] per seed. */
  perDay: readonly [number, number];
  /** Parts of the day (fractions) when it happens; default: all day. */
  spans?: ReadonlyArray<readonly [number, number]>;
  /** Chance that an occurrence comes as a burst on two instances at once (lines interleaved). */
  burst?: number;
  emit(ctx: Ctx): Write | Write[];
}

export interface ServiceDef {
  name: string;
  stack: string;
  /** Share of multi-line plain-text writes that Cloud Run splits into one entry per line. */
  splitRate: number;
  /** When the newer revision takes the traffic (fraction of the day). */
  rollout: number;
  families: readonly Family[];
}
