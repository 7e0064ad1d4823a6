// An access line of a request answered 5xx (access-status.ts) that names its request whole reads as
// that request's log: `POST /api/orders 502`, as Cloud Run's own request log of it would, so it groups
// as one (one problem per status: classify/request-signature.ts) whatever address, agent, size or
// time the line printed around it.
import type { HttpRequestInfo } from '../shared/types.js';
import { ASPNET_FINISHED, GIN_REQUEST, HEAD, QUOTED_REQUEST } from './access-status.js';
import { requestPath } from './request-info.js';

/**
 * The request an access line of a request answered 5xx names (method, path, status), or null: a line
 * of one line only that names it whole (the NCSA request line, ASP.NET Core's `Request finished`).
 * gin's Logger line too. Rails' `Completed 500` and Phoenix's `Sent 500` name no path and read as text; so does anything
 * printed under the line (a trace is what failed, not its access record).
 */
export function accessRequest(text: string): HttpRequestInfo | null {
  if (text.includes('\n') || !text.includes(' 5')) return null;
  const line = text.slice(0, HEAD);
  const m = QUOTED_REQUEST.exec(line) ?? ASPNET_FINISHED.exec(line);
  if (m !== null) return { method: m[1]!, path: requestPath(m[2]), status: Number(m[3]), accessLine: true };
  const gin = GIN_REQUEST.exec(line);
  return gin === null ? null : { method: gin[2]!, path: requestPath(gin[3]), status: Number(gin[1]), accessLine: true };
}

