// A server's access log written as JSON, one object per request with no message of its own: nginx's
// `log_format NAME escape=json '{"remote_addr":"$remote_addr","request":"$request","status":"$status",…}'`
// (ngx_http_log_module's `escape=json`, 1.11.8), the way its guides and the bug reports that paste it
// spell it: the request line in `request` (`$request`), or its method and target apart
// (`request_method` / `method` with `request_uri` / `uri` / `path`), and the status in `status`, quoted
// as escape=json's examples quote every variable or bare. Such a record of a request answered 5xx
// says what the same server's `combined` line says (access-status.ts): it is that request's log, read
// at ERROR, and written beside an error it goes with that error (classify/companions.ts). A record
// that names an error of its own (lograge's JSON: request-error.ts) or carries a message is not one.
import { firstString, isRecord } from './is-record.js';
import { recordStatus } from './request-error.js';

export interface AccessRecordRequest {
  method: string;
  target: string;
  status: number;
}

/** A request method as a record's field holds it whole (response-record.ts reads the same). */
export const METHOD = /^(?:GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|CONNECT|TRACE|PROPFIND)$/;
// `$request`: the request line as the client sent it.
const REQUEST_LINE = /^([A-Z]{3,9}) ([^\s"]{1,8192}) HTTP\/\d(?:\.\d)?$/;
const METHOD_KEYS = ['request_method', 'method'] as const;
const TARGET_KEYS = ['request_uri', 'uri', 'path'] as const;

function statusOf(value: unknown): number | null {
  const code = recordStatus(value);
  return code !== null && code >= 100 && code <= 599 ? code : null;
}

/** The request a JSON access record (no message, no error of its own) names, with its status; else null. */
export function jsonAccessRequest(payload: unknown): AccessRecordRequest | null {
  if (!isRecord(payload) || payload.error !== undefined) return null;
  const status = statusOf(payload.status);
  if (status === null) return null;
  if (typeof payload.request === 'string') {
    const m = REQUEST_LINE.exec(payload.request);
    return m !== null && METHOD.test(m[1]!) ? { method: m[1]!, target: m[2]!, status } : null;
  }
  const method = firstString(payload, METHOD_KEYS);
  const target = firstString(payload, TARGET_KEYS);
  if (method === undefined || target === undefined || !METHOD.test(method)) return null;
  return /^(?:\/|https?:\/\/)/.test(target) ? { method, target, status } : null;
}
