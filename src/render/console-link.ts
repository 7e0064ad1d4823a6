// A link that opens the cluster's entries in the Cloud Logging console (Logs Explorer) for the window.
import type { Cluster, Severity, Window } from '../shared/types.js';
import { longestFragment } from './template-text.js';

const CONSOLE = 'https://console.cloud.google.com/logs/query';

/** https://console.cloud.google.com/logs/query;query=…;startTime=…;endTime=…?project=… */
export function consoleLink(project: string | undefined, filter: string, window: Window): string {
  const start = new Date(window.start).toISOString();
  const end = new Date(window.end).toISOString();
  // The console splits its path on ';' and '=' and reads '(' ')' oddly when raw: encode them all.
  const query = encodeURIComponent(filter).replace(/[()!'*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const base = `${CONSOLE};query=${query};startTime=${start};endTime=${end}`;
  return project ? `${base}?project=${encodeURIComponent(project)}` : base;
}

/** A Logging query string literal. */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\r\n\t]+/g, ' ')}"`;
}

/**
 * The Logging query for a cluster: its services' Cloud Run revisions, the severity floor, and the
 * template's most distinctive constant text (or, for request logs, method, status and route prefix).
 */
export function clusterFilter(
  cluster: Pick<Cluster, 'template' | 'kind' | 'exceptionType' | 'services' | 'severitySource'>,
  services: string[],
  severityFloor: Severity,
): string {
  const clauses = ['resource.type="cloud_run_revision"'];
  const names = cluster.services.length > 0 ? cluster.services : services;
  if (names.length === 1) clauses.push(`resource.labels.service_name=${quoteFilterValue(names[0]!)}`);
  else if (names.length > 1) clauses.push(`resource.labels.service_name=(${names.map(quoteFilterValue).join(' OR ')})`);
  // Entries whose severity was read from their text stay DEFAULT in Cloud Logging: show them too.
  clauses.push(cluster.severitySource ? `(severity>=${severityFloor} OR severity=DEFAULT)` : `severity>=${severityFloor}`);
  const request = cluster.kind === 'request' ? requestClauses(cluster.template) : null;
  if (request) {
    clauses.push(...request);
  } else {
    const fragment = longestFragment(searchableTemplate(cluster), cluster.exceptionType);
    const terms: string[] = [];
    if (cluster.exceptionType && !fragment?.includes(cluster.exceptionType)) terms.push(cluster.exceptionType);
    if (fragment) terms.push(fragment);
    for (const term of terms) {
      const q = quoteFilterValue(term);
      clauses.push(`(textPayload:${q} OR jsonPayload:${q})`);
    }
  }
  return clauses.join('\n');
}

/**
 * The part of a template that occurs in the entries as written. A stack template joins the trace's
 * exception type to its message (`Type: message`), which Ruby, .NET and chained traces print
 * otherwise: search the message alone (the type is a term of its own).
 */
function searchableTemplate(cluster: Pick<Cluster, 'template' | 'kind' | 'exceptionType'>): string {
  if (cluster.kind !== 'stack' || !cluster.exceptionType) return cluster.template;
  const joined = `${cluster.exceptionType}: `;
  const at = cluster.template.indexOf(joined);
  return at < 0 ? cluster.template : cluster.template.slice(at + joined.length);
}

function requestClauses(template: string): string[] | null {
  const m = /\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\/\S*)\s+([1-5][0-9]{2})\b/.exec(template);
  if (!m) return null;
  const clauses = [`httpRequest.requestMethod="${m[1]}"`, `httpRequest.status=${m[3]}`];
  // The route up to its first variable part is a literal prefix of every request URL path.
  const prefix = m[2]!.split(/<[^>]*>/)[0]!;
  if (prefix.length > 1) clauses.push(`httpRequest.requestUrl:${quoteFilterValue(prefix)}`);
  return clauses;
}
