// The parameters of one sweep, as the CLI and the HTTP function receive them, validated in one place.
import { ConfigError } from '../shared/errors.js';
import { parseDuration, parseRfc3339 } from '../shared/duration.js';

export interface SweepParams {
  window?: string;
  services?: string[];
  dryRun?: boolean;
  /** RFC 3339 end of the window. */
  now?: string;
  logsFile?: string;
  configPath?: string;
  worklogFile?: string;
  /** A Cloud Scheduler call: the window reaches back to where the last sweep ended (no gap). */
  scheduled?: boolean;
}

// Cloud Run service names: lower-case letters, digits and hyphens. Anything else could not name a
// service and must never reach the Logging filter.
const SERVICE_NAME = /^[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:[Zz]|[+-]\d{2}:?\d{2})$/;

/** From a query string and/or JSON body (already merged, body winning). Throws ConfigError naming the parameter. */
export function parseSweepParams(input: Record<string, unknown>): SweepParams {
  const params: SweepParams = {};
  if (input.window !== undefined) params.window = checkWindow(input.window);
  const service = input.service ?? input.services;
  if (service !== undefined) params.services = checkServices(service);
  if (input.dryRun !== undefined) params.dryRun = checkBoolean(input.dryRun, 'dryRun');
  if (input.now !== undefined) params.now = checkNow(input.now);
  return params;
}

export function checkWindow(value: unknown): string {
  if (typeof value !== 'string' || parseDuration(value) === null) {
    throw new ConfigError('window', 'must be a duration from 1s to 90d, such as 90m, 6h or 2d');
  }
  return value.trim().toLowerCase();
}

export function checkServices(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : null;
  if (!list || list.length === 0) throw new ConfigError('service', 'must be a service name or a list of them');
  return list.map((s) => {
    const name = typeof s === 'string' ? s.trim() : '';
    if (!SERVICE_NAME.test(name)) throw new ConfigError('service', `not a Cloud Run service name: ${JSON.stringify(String(s)).slice(0, 80)}`);
    return name;
  });
}

export function checkNow(value: unknown): string {
  if (typeof value !== 'string' || !RFC3339.test(value.trim()) || parseRfc3339(value) === null) {
    throw new ConfigError('now', 'must be a real RFC 3339 time such as 2025-09-12T00:00:00Z');
  }
  return value.trim();
}

function checkBoolean(value: unknown, key: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (['true', '1', 'yes', ''].includes(v)) return true;
    if (['false', '0', 'no'].includes(v)) return false;
  }
  throw new ConfigError(key, 'must be true or false');
}
