// A link that opens the cluster's entries in the Cloud Logging console (Logs Explorer) for the window.
import type { Cluster, Severity, Window } from '../shared/types.js';
import { constantFragments, longestFragment } from './template-text.js';

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
  cluster: Pick<Cluster, 'template' | 'kind' | 'exceptionType' | 'services' | 'severitySource'> & { samples?: readonly string[] },
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
    const fragment = verbatimFragment(searchableTemplate(cluster), cluster.exceptionType, cluster.samples?.[0]);
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
 * A fragment the entries hold as written. The template is built from the problem's text with
 * context set aside (a logged `err="…"` unquoted, a JSON object's error lifted out), so its longest
 * fragment may span text no entry holds: keep the longest that the sample holds, or none.
 */
function verbatimFragment(template: string, exceptionType: string | undefined, sample: string | undefined): string | null {
  const best = longestFragment(template, exceptionType);
  if (best === null || sample === undefined || sample.includes(best)) return best;
  let found: string | null = null;
  for (const fragment of constantFragments(template)) {
    // The longest run of the fragment's words that the sample holds as written.
    const words = fragment.split(' ').slice(0, 40);
    for (let i = 0; i < words.length; i++) {
      for (let j = words.length; j > i; j--) {
        const run = words.slice(i, j).join(' ');
        if (run.length <= (found?.length ?? 7) || run.length > 100) continue;
        if (/[A-Za-z]{2}/.test(run) && sample.includes(run)) found = run;
      }
    }
  }
  return found;
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
  // A request of one status whatever was asked (classify/request-signature.ts) may vary in its method too.
  const m = /(?:\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)|<\*>)\s+(\/\S*)\s+([1-5][0-9]{2})\b/.exec(template);
  if (!m) return null;
  const clauses = [...(m[1] !== undefined ? [`httpRequest.requestMethod="${m[1]}"`] : []), `httpRequest.status=${m[3]}`];
  // The route up to its first variable part is a literal prefix of every request URL path.
  const prefix = m[2]!.split(/<[^>]*>/)[0]!;
  if (prefix.length > 1) clauses.push(`httpRequest.requestUrl:${quoteFilterValue(prefix)}`);
  return clauses;
}
