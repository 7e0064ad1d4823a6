// A request log's httpRequest -> method, redacted path, status, latency.
import type { HttpRequestInfo } from '../shared/types.js';
import { boundText } from './bound-text.js';
import { httpStatus, isRecord } from './entry-fields.js';
import { redact } from './redact.js';

/** Longest path kept; routes are short, anything longer is ids or junk. */
export const MAX_PATH_CHARS = 2048;

/** The request a log entry describes, or null when it has no httpRequest object. */
export function requestInfo(httpRequest: unknown): HttpRequestInfo | null {
  if (!isRecord(httpRequest)) return null;
  const method = typeof httpRequest.requestMethod === 'string' ? httpRequest.requestMethod.trim().toUpperCase() : '';
  const info: HttpRequestInfo = {
    method: /^[A-Z]{1,16}$/.test(method) ? method : 'UNKNOWN',
    path: requestPath(httpRequest.requestUrl),
    status: httpStatus(httpRequest),
  };
  const latency = latencyMs(httpRequest.latency);
  if (latency !== undefined) info.latencyMs = latency;
  return info;
}

/** Path only: no scheme, host, query string or fragment; bounded, cleaned, redacted. */
export function requestPath(url: unknown): string {
  if (typeof url !== 'string') return '/';
  let path = url.length > 4 * MAX_PATH_CHARS ? url.slice(0, 4 * MAX_PATH_CHARS) : url;
  const authority = /^[A-Za-z][A-Za-z0-9+.-]{0,20}:\/\/[^\/?#]{0,2048}/.exec(path);
  if (authority) path = path.slice(authority[0].length);
  const end = path.search(/[?#]/);
  if (end >= 0) path = path.slice(0, end);
  path = boundText(path.trim(), MAX_PATH_CHARS).replace(/\s+/g, ' ');
  if (!path.startsWith('/')) path = `/${path}`;
  return redact(path);
}

/** Duration as REST JSON spells it (`"0.123456s"`) or as protobuf decodes it (`{seconds, nanos}`). */
export function latencyMs(latency: unknown): number | undefined {
  let ms: number | undefined;
  if (typeof latency === 'string') {
    const m = /^(\d{1,12})(?:\.(\d{1,9}))?s$/.exec(latency.trim());
    if (m) ms = Number(m[1]) * 1000 + (m[2] ? Number(`0.${m[2]}`) * 1000 : 0);
  } else if (isRecord(latency) && ('seconds' in latency || 'nanos' in latency)) {
    const seconds = Number(latency.seconds ?? 0);
    const nanos = Number(latency.nanos ?? 0);
    ms = seconds * 1000 + nanos / 1e6;
  }
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return undefined;
  return Math.round(ms * 1000) / 1000;
}

/** `GET /api/threads/123 502`: what the classifier templates for a request log. */
export function requestText(info: HttpRequestInfo): string {
  return `${info.method} ${info.path} ${info.status}`;
}
