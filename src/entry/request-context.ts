// Per-request log fields: a run id on every line, and the trace Cloud Run received, so the gardener's
// own lines group under the request in the Logs Explorer.
import { randomBytes } from 'node:crypto';

type Headers = Record<string, string | string[] | undefined>;

/** Cloud Logging's trace field for the request, or nothing when there is no trace header or project. */
export function traceFields(headers: Headers, project: string | undefined): Record<string, string> {
  const traceId = traceIdFrom(headers);
  if (!traceId || !project) return {};
  return { 'logging.googleapis.com/trace': `projects/${project}/traces/${traceId}` };
}

function traceIdFrom(headers: Headers): string | undefined {
  const cloud = first(headers['x-cloud-trace-context']);
  const fromCloud = cloud ? /^([0-9a-f]{32})(?:\/|;|$)/i.exec(cloud.trim())?.[1] : undefined;
  if (fromCloud) return fromCloud.toLowerCase();
  const parent = first(headers.traceparent);
  const fromParent = parent ? /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/i.exec(parent.trim())?.[1] : undefined;
  return fromParent && !/^0+$/.test(fromParent) ? fromParent.toLowerCase() : undefined;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Sortable and short: `20250912T000000-1a2b3c`. */
export function newRunId(now: number): string {
  return `${new Date(now).toISOString().replace(/[-:]/g, '').slice(0, 15)}-${randomBytes(3).toString('hex')}`;
}
