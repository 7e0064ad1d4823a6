// The Cloud SQL Auth Proxy v2 as a sidecar container beside Odoo: Go's standard log (`2026/12/10
// 10:00:00 [conn] msg`, no level) on the morning revision, `--structured-logs` after (one JSON object a
// line: `severity`, `timestamp`, `message`), which Cloud Run lifts into the entry's severity.
import type { Write } from '../stranger/model.js';
import { isoMillis, slashTime } from './clock.js';

export const CONN = 'moss-harbor-4410:europe-west1:odoo-pg';

export function proxyLine(t: number, rev: 0 | 1, severity: 'INFO' | 'ERROR', msg: string): Write {
  if (rev === 0) return { stream: 'stderr', text: `${slashTime(t)} ${msg}` };
  return { stream: 'stdout', json: { severity, timestamp: isoMillis(t), message: msg } };
}
