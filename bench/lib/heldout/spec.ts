// What one held-out problem family is: the service that logs it, how often, and what one entry of
// it looks like. Written apart from the example generator's catalogues, on purpose: this data set
// is the outside check on the classifier, so it must not share the authors' phrasing.
import type { Prng } from '../prng.js';

export type Stream = 'stdout' | 'stderr' | 'requests' | 'varlog/system';

export interface HttpRequestJson {
  requestMethod: string;
  requestUrl: string;
  status: number;
  responseSize?: string;
  userAgent: string;
  remoteIp: string;
  serverIp?: string;
  latency: string;
  protocol: string;
}

/** The payload part of one LogEntry; the envelope comes from the data set builder. */
export interface Payload {
  stream: Stream;
  /** The LogEntry's own severity; absent is DEFAULT (a bare print). */
  severity?: string;
  textPayload?: string;
  jsonPayload?: Record<string, unknown>;
  httpRequest?: HttpRequestJson;
}

/** Records a secret or e-mail planted in a message, so the outputs can be searched for it. */
export interface Plant {
  secret(value: string): string;
  /** Plants an e-mail address and remembers its local part. */
  email(local: string, domain: string): string;
}

export interface Tools {
  rng: Prng;
  plant: Plant;
  /** Epoch ms of the entry. */
  time: number;
  service: string;
  revision: string;
}

export interface Family {
  /** Ground-truth problem name, unique across services. */
  name: string;
  service: string;
  /** Entries of this family in the data set. */
  count: number;
  /** Below NOTICE: noise, only in the all-entries figure. */
  noise?: boolean;
  emit(t: Tools): Payload;
}

export const pick = <T>(rng: Prng, items: readonly T[]): T => rng.pick(items);

/** A gcloud-style request log entry's httpRequest. */
export function request(
  t: Tools, method: string, url: string, status: number, latencyS: [number, number],
): HttpRequestJson {
  const { rng } = t;
  return {
    latency: `${rng.fixed(latencyS[0], latencyS[1], 6)}s`,
    protocol: 'HTTP/1.1',
    remoteIp: rng.publicIpv4(),
    requestMethod: method,
    requestUrl: url,
    responseSize: String(rng.int(0, 4000)),
    serverIp: '216.239.36.53',
    status,
    userAgent: rng.pick([
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0 Safari/537.36',
      'okhttp/4.12.0', 'python-requests/2.32.3', 'Go-http-client/2.0', 'curl/8.5.0',
    ]),
  };
}

/** RFC 3339 with milliseconds, as loggers print their own time field. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Python's logging asctime: `2025-10-07 13:02:11,532`. */
export function asctime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '').replace('.', ',');
}
