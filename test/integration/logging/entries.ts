// Cloud Run LogEntry JSON for the logging tests, in the form `gcloud logging read --format=json` prints.
import type { LogEntryJson } from '../servers/logging/server.js';

export interface EntrySpec {
  at: string;
  service?: string;
  severity?: string;
  resourceType?: string;
  id?: string;
  text?: string;
  json?: Record<string, unknown>;
  status?: number;
}

let counter = 0;

export function runEntry(spec: EntrySpec): LogEntryJson {
  const service = spec.service ?? 'backend';
  const entry: LogEntryJson = {
    insertId: spec.id ?? `id-${String(++counter).padStart(7, '0')}`,
    timestamp: spec.at,
    receiveTimestamp: spec.at,
    severity: spec.severity ?? 'ERROR',
    logName: `projects/demo/logs/run.googleapis.com%2F${spec.status ? 'requests' : 'stderr'}`,
    resource: {
      type: spec.resourceType ?? 'cloud_run_revision',
      labels: { service_name: service, revision_name: `${service}-00042-abc`, location: 'us-central1', project_id: 'demo', configuration_name: service },
    },
    labels: { instanceId: '00f46b9285' },
    trace: 'projects/demo/traces/4bf92f3577b34da6a3ce929d0e0e4736',
  };
  if (spec.status) {
    entry.httpRequest = {
      requestMethod: 'GET', requestUrl: 'https://backend.example.run.app/api/threads/42', status: spec.status,
      latency: '0.250s', userAgent: 'curl/8', remoteIp: '203.0.113.9', protocol: 'HTTP/1.1',
    };
  } else if (spec.json) {
    entry.jsonPayload = spec.json;
  } else {
    entry.textPayload = spec.text ?? `something failed ${counter}`;
  }
  return entry;
}

/** `count` entries spread evenly over [start, start + spanMs). */
export function spread(count: number, start: string, spanMs: number, spec: Omit<EntrySpec, 'at'> = {}): LogEntryJson[] {
  const t0 = Date.parse(start);
  return Array.from({ length: count }, (_, i) => runEntry({ ...spec, at: new Date(t0 + Math.floor((i * spanMs) / count)).toISOString() }));
}
