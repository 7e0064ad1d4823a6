// tracing-bunyan-formatter writes a span's opening and closing as records of their own, `[NAME -
// START]` and `[NAME - END]`, every span field flattened into them (and into each event inside,
// `[NAME - EVENT] msg`). tracing-actix-web's root span (the "Zero To Production" setup) names the
// request by OpenTelemetry's HTTP attributes and records the status on it as the request ends, with
// `otel.status_code` and, for an error, `exception.message` and `exception.details`: its END record
// is that request's access record, at the span's level (INFO) whatever became of the request. So it
// is read as the access lines are (access-status.ts): a 5xx as that request's log, written beside the
// error the handler logged it goes with that error; a 4xx placed by where it was written
// (entry/classify-file.ts, as client-error-line.ts's lines).
import { firstString, isRecord } from './is-record.js';
import { recordStatus } from './request-error.js';
import type { AccessRecordRequest } from './json-access-record.js';

/** A span's closing record as tracing-bunyan-formatter names it. */
const SPAN_END = /^\[[^\]\n]{1,128} - END\]$/;
const METHOD = /^(?:GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|CONNECT|TRACE)$/;
// OpenTelemetry's HTTP attributes, the names before semantic conventions 1.23 and after.
const STATUS_KEYS = ['http.status_code', 'http.response.status_code'] as const;
const METHOD_KEYS = ['http.method', 'http.request.method'] as const;
const TARGET_KEYS = ['http.target', 'url.path', 'http.route'] as const;

/** The request a span-closing record names, with the status its span recorded; else null. */
export function spanCloseRequest(payload: unknown): AccessRecordRequest | null {
  if (!isRecord(payload) || typeof payload.msg !== 'string' || !SPAN_END.test(payload.msg)) return null;
  let status: number | null = null;
  for (const key of STATUS_KEYS) status ??= recordStatus(payload[key]);
  if (status === null || status < 100 || status > 599) return null;
  const method = firstString(payload, METHOD_KEYS);
  const target = firstString(payload, TARGET_KEYS);
  if (method === undefined || target === undefined || !METHOD.test(method) || !target.startsWith('/')) return null;
  return { method, target, status };
}
