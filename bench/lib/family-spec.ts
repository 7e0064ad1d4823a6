// The vocabulary shared by the family catalogues and the generator: what one problem family is, and what
// it emits for one log entry (the generator wraps that in Cloud Run's LogEntry envelope).
import type { Prng } from './prng.js';
import type { SecretPool } from './fake-secrets.js';

/** Cloud Run's log streams, as the tail of `logName`. */
export type LogStream = 'stderr' | 'stdout' | 'requests' | 'varlog/system';

export interface HttpRequestPayload {
  requestMethod: string;
  requestUrl: string;
  /** int64 fields are strings in LogEntry JSON. */
  requestSize?: string;
  status: number;
  responseSize?: string;
  userAgent: string;
  remoteIp: string;
  serverIp?: string;
  referer?: string;
  latency: string;
  protocol: string;
}

/** The part of a LogEntry a family decides; the envelope (ids, resource, times) comes from the generator. */
export interface Emission {
  stream: LogStream;
  /** Absent means DEFAULT (what a bare print to stdout gets). */
  severity?: string;
  textPayload?: string;
  jsonPayload?: Record<string, unknown>;
  httpRequest?: HttpRequestPayload;
  /** Whether the entry belongs to a traced request (gets `trace` and `spanId`). */
  traced: boolean;
}

export interface ServiceInfo {
  name: string;
  project: string;
  /** The service's public URL host. */
  host: string;
  /** Cloud Run's container name for the service's main container. */
  container: string;
  port: number;
}

export interface EmitContext {
  rng: Prng;
  secrets: SecretPool;
  service: ServiceInfo;
  revision: string;
  /** Epoch ms of the entry. */
  time: number;
}

export interface FamilySpec {
  /** Ground-truth name: one per real problem; shared by every service that shows the same problem. */
  name: string;
  /**
   * Occurrences in a reference day of 3,000 entries of one service; scaled by the entries asked for.
   * 0 marks background noise, which fills the rest by `noiseWeight`.
   */
  per3k: number;
  noiseWeight?: number;
  /** Parts of the window (fractions 0..1) when it happens, each with its share of the occurrences. */
  spans?: ReadonlyArray<readonly [from: number, to: number]>;
  /** Introduced by the newest revision: never seen before it rolled out. */
  newestRevisionOnly?: boolean;
  emit(ctx: EmitContext): Emission;
}

/** A catalogue: the families of one kind of service (its language, framework and platform). */
export interface ServiceShape {
  name: 'python-backend' | 'node-api' | 'go-worker' | 'java-service';
  families: readonly FamilySpec[];
}
