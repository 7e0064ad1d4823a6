// An access line of a request answered 5xx (access-status.ts) that names its request whole reads as
// that request's log: `POST /api/orders 502`, as Cloud Run's own request log of it would, so it groups
// as one (one problem per status: classify/request-signature.ts) whatever address, agent, size or
// time the line printed around it.
import type { HttpRequestInfo } from '../shared/types.js';
import { namedRequest } from './access-status.js';
import { requestPath } from './request-info.js';
import { accessRecordTookMs } from './served-request.js';

/**
 * The request an access line of a request answered 5xx names (access-status.ts: namedRequest), path
 * redacted and without its query, and how long it took when the line says (served-request.ts: when the
 * request began, which the companion rule reads), or null.
 */
export function accessRequest(text: string): HttpRequestInfo | null {
  const named = namedRequest(text);
  if (named === null) return null;
  const info: HttpRequestInfo = { method: named.method, path: requestPath(named.target), status: named.status, accessLine: true };
  const took = accessRecordTookMs(text);
  if (took !== null) info.latencyMs = took;
  return info;
}
