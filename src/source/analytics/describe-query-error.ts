// A failed BigQuery call -> one line that names the fix: the role the runtime account lacks, the
// link that is missing, the byte limit to raise. BigQuery answers with an HTTP status and, per
// error, a `reason` (accessDenied, notFound, bytesBilledLimitExceeded, …) and a message.

export interface QueryFailure {
  /** HTTP status, when the failure came over HTTP. */
  code?: number;
  /** BigQuery's reasons, first the main one. */
  reasons: string[];
  message: string;
}

export interface QueryContext {
  /** The project jobs run in (and are billed to). */
  jobProject: string;
  /** PROJECT.DATASET.VIEW */
  table: string;
  maximumBytesBilled: number;
}

/** Reads what a client error carries (ApiError: code, errors[].reason, message) without trusting its shape. */
export function queryFailure(error: unknown): QueryFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const list = Array.isArray(e.errors) ? e.errors : [];
  const reasons = list
    .map((x) => (typeof x === 'object' && x !== null ? (x as Record<string, unknown>).reason : undefined))
    .filter((r): r is string => typeof r === 'string');
  const message = typeof e.message === 'string' ? e.message : String(error);
  return { ...(typeof e.code === 'number' ? { code: e.code } : {}), reasons, message: message.split('\n')[0]!.slice(0, 300) };
}

export function describeQueryError(failure: QueryFailure, context: QueryContext): string {
  const { reasons, message, code } = failure;
  const dataset = context.table.slice(0, context.table.lastIndexOf('.'));
  const has = (reason: string): boolean => reasons.includes(reason);
  if (has('bytesBilledLimitExceeded')) {
    return `Log Analytics query stopped: it would bill more than source.analytics.maximumBytesBilled (${context.maximumBytesBilled} bytes); raise it or sweep a shorter window (${message})`;
  }
  // BigQuery answers an exhausted quota with 403 too.
  if (has('quotaExceeded') || has('rateLimitExceeded') || code === 429) {
    return `BigQuery quota exceeded in project ${context.jobProject}; the next sweep tries again (${message})`;
  }
  if (has('accessDenied') || code === 403) {
    if (/bigquery\.jobs\.create|jobs\.create/i.test(message)) {
      return `BigQuery denied running a query in project ${context.jobProject}: grant the runtime service account roles/bigquery.jobUser on that project (${message})`;
    }
    return `BigQuery denied reading ${context.table}: grant the runtime service account read on the linked dataset ${dataset} (roles/bigquery.dataViewer on the dataset) (${message})`;
  }
  if (has('notFound') || code === 404) {
    return `Log Analytics view ${context.table} not found: upgrade the log bucket to Log Analytics and link a BigQuery dataset to it, or correct source.analytics.table (${message})`;
  }
  if (has('invalidQuery')) return `the Log Analytics query was refused (${message}); is ${context.table} a Log Analytics view (_AllLogs)?`;
  if (code === 401) return `BigQuery refused the credentials: check the runtime service account (${message})`;
  return `Log Analytics query failed: ${message}`;
}
