// A LogEntry (REST JSON, as `gcloud logging read` prints it) -> a row of a Log Analytics view
// (_AllLogs), as Cloud Logging writes it: snake_case columns, JSON columns for payloads and labels,
// the http_request record with its latency as seconds and nanos.

/** The _AllLogs columns the tests and benches need, as DuckDB types. */
export const ALL_LOGS_COLUMNS: Record<string, string> = {
  timestamp: 'TIMESTAMPTZ',
  receive_timestamp: 'TIMESTAMPTZ',
  log_name: 'VARCHAR',
  insert_id: 'VARCHAR',
  severity: 'VARCHAR',
  severity_number: 'BIGINT',
  text_payload: 'VARCHAR',
  json_payload: 'JSON',
  proto_payload: 'JSON',
  http_request: 'STRUCT(request_method VARCHAR, request_url VARCHAR, status BIGINT, user_agent VARCHAR, remote_ip VARCHAR, protocol VARCHAR, latency STRUCT(seconds BIGINT, nanos BIGINT))',
  resource: 'STRUCT(type VARCHAR, labels JSON)',
  labels: 'JSON',
  trace: 'VARCHAR',
};

const SEVERITY_NUMBER: Record<string, number> = {
  DEFAULT: 0, DEBUG: 100, INFO: 200, NOTICE: 300, WARNING: 400, ERROR: 500, CRITICAL: 600, ALERT: 700, EMERGENCY: 800,
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function toAllLogsRow(entry: Record<string, unknown>): Record<string, unknown> {
  const severity = typeof entry.severity === 'string' ? entry.severity : null;
  const http = isRecord(entry.httpRequest) ? entry.httpRequest : null;
  const resource = isRecord(entry.resource) ? entry.resource : null;
  return {
    timestamp: entry.timestamp ?? null,
    receive_timestamp: entry.receiveTimestamp ?? entry.timestamp ?? null,
    log_name: entry.logName ?? null,
    insert_id: entry.insertId ?? null,
    severity,
    severity_number: severity === null ? null : (SEVERITY_NUMBER[severity] ?? null),
    text_payload: typeof entry.textPayload === 'string' ? entry.textPayload : null,
    json_payload: isRecord(entry.jsonPayload) ? entry.jsonPayload : null,
    proto_payload: isRecord(entry.protoPayload) ? entry.protoPayload : null,
    http_request: http === null ? null : {
      request_method: http.requestMethod ?? null,
      request_url: http.requestUrl ?? null,
      status: typeof http.status === 'number' ? http.status : null,
      user_agent: http.userAgent ?? null,
      remote_ip: http.remoteIp ?? null,
      protocol: http.protocol ?? null,
      latency: latency(http.latency),
    },
    resource: resource === null ? null : { type: resource.type ?? null, labels: isRecord(resource.labels) ? resource.labels : {} },
    labels: isRecord(entry.labels) ? entry.labels : null,
    trace: typeof entry.trace === 'string' ? entry.trace : null,
  };
}

/** `"0.250s"` -> {seconds: 0, nanos: 250000000}. */
function latency(value: unknown): { seconds: number; nanos: number } | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d+)(?:\.(\d{1,9}))?s$/.exec(value);
  if (!m) return null;
  return { seconds: Number(m[1]), nanos: Number((m[2] ?? '').padEnd(9, '0')) };
}
