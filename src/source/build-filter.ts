// The Cloud Logging query for one sweep. Always carries its own time bounds: the client library adds a
// "last 24 hours" clause to any filter that does not mention `timestamp`, which would silently cut a
// longer window (and read the clock behind our back).
import type { SourceQuery } from '../shared/ports.js';

/** Cloud Run services (and 2nd-gen Cloud Functions, which run as Cloud Run services) log under this type. */
export const CLOUD_RUN_RESOURCE = 'cloud_run_revision';

export interface FilterOptions {
  /**
   * Services whose logs are never read: the gardener's own. A 2nd-gen function runs as a Cloud Run
   * service named after the function, and its stdout lands under `cloud_run_revision` with that
   * `service_name` — the same resource as the services it reads, so it is excluded by name.
   */
  excludeServices?: string[];
}

export function buildFilter(query: SourceQuery, options: FilterOptions = {}): string {
  const clauses = [
    `timestamp >= ${quote(new Date(query.window.start).toISOString())}`,
    `timestamp < ${quote(new Date(query.window.end).toISOString())}`,
    `severity >= ${query.severityFloor}`,
    `resource.type = ${quote(CLOUD_RUN_RESOURCE)}`,
  ];
  const services = unique(query.services);
  if (services.length > 0) clauses.push(`resource.labels.service_name = ${anyOf(services)}`);
  const excluded = unique(options.excludeServices ?? []);
  if (excluded.length > 0) clauses.push(`NOT resource.labels.service_name = ${anyOf(excluded)}`);
  return clauses.join(' AND ');
}

function anyOf(values: string[]): string {
  return values.length === 1 ? quote(values[0]!) : `(${values.map(quote).join(' OR ')})`;
}

/** A string literal of the Logging query language (backslash escapes, as in JSON). */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((value) => value.length > 0))];
}
