// The Cloud Logging query for one sweep. Always carries its own time bounds: the client library adds a
// "last 24 hours" clause to any filter that does not mention `timestamp`, which would silently cut a
// longer window (and read the clock behind our back).
import { LEVEL_NAME_KEYS, levelWordPatterns, NEXTCLOUD_LEVELS, severityTextPattern, STATUS_SHAPE } from '../normalize/index.js';
import type { SourceQuery } from '../shared/ports.js';
import { SEVERITIES, type Severity } from '../shared/types.js';

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
    severityClause(query.severityFloor),
    `resource.type = ${quote(CLOUD_RUN_RESOURCE)}`,
  ];
  const services = unique(query.services);
  if (services.length > 0) clauses.push(`resource.labels.service_name = ${anyOf(services)}`);
  const excluded = unique(options.excludeServices ?? []);
  if (excluded.length > 0) clauses.push(`NOT resource.labels.service_name = ${anyOf(excluded)}`);
  return clauses.join(' AND ');
}

/**
 * `severity >= FLOOR`, or an entry Cloud Logging has at DEFAULT (text written to stdout/stderr, a
 * payload `level` it does not read; `severity = DEFAULT` also matches entries with no severity, the
 * field's default) that may state a severity at or above the floor, in the order entrySeverity reads
 * it: a payload `severity` (an export the logging agent did not lift it from), a payload `level` (a
 * GELF record's on the syslog scale), a request status, or the text: matching severityTextPattern, an RE2 superset of what the text rules
 * and the trace prefilter keep, or a JSON payload whose level says nothing (its text decides). The
 * source then applies mayMatter to what comes back, so both sources keep the same entries.
 */
function severityClause(floor: Severity): string {
  if (floor === 'DEFAULT') return 'severity >= DEFAULT';
  const text = quote(severityTextPattern(floor));
  const level = levelWordPatterns(floor);
  // A JSON payload's text decides only where no level of its own does, and those payloads are read
  // whole (the clause after textPayload's). Where a level does, the text can only raise an access line
  // of a request answered 5xx to ERROR (atLeastItsStatus): its status is all the message must show.
  // The full text pattern is for textPayload alone, which keeps the query far below Cloud Logging's
  // 20,000 characters.
  const defaults = [
    `textPayload =~ ${text}`,
    `(jsonPayload:* AND NOT jsonPayload.level =~ ${quote(level.readable)} AND NOT jsonPayload.level >= 0)`,
    // A level named by another key is read before `level` (python-json-logger's `levelname` beside a
    // `level` that holds Python's number): such payloads are few, read whole.
    `(jsonPayload.level:* AND (${NAMED_LEVELS.map((path) => `jsonPayload.${path}:*`).join(' OR ')}))`,
  ];
  if (rank(floor) <= rank('ERROR')) {
    const status = quote(STATUS_SHAPE.source);
    defaults.push(`jsonPayload.message =~ ${status}`, `jsonPayload.msg =~ ${status}`);
  }
  if (level.atLeast !== null) defaults.push(`jsonPayload.level =~ ${quote(level.atLeast)}`);
  const pino = PINO_FLOOR.find(([severity]) => rank(severity) >= rank(floor));
  if (pino) defaults.push(`jsonPayload.level >= ${pino[1]}`);
  defaults.push(`(jsonPayload.short_message:* AND jsonPayload.level <= ${gelfCeiling(floor)})`);
  const nextcloud = nextcloudFloor(floor);
  if (nextcloud !== null) defaults.push(`(jsonPayload.reqId:* AND jsonPayload.app:* AND jsonPayload.level >= ${nextcloud} AND jsonPayload.level <= 4)`);
  defaults.push(`jsonPayload.severity =~ ${quote(severityWordsPattern(floor))}`, `jsonPayload.severity >= ${rank(floor) * 100}`);
  // A request log's status, and a request record's that names its error (lograge's JSON).
  const status = rank(floor) <= rank('WARNING') ? 400 : rank(floor) <= rank('ERROR') ? 500 : null;
  if (status !== null) defaults.push(`httpRequest.status >= ${status}`, `(jsonPayload.error:* AND jsonPayload.status >= ${status})`);
  return `(severity >= ${floor} OR (severity = DEFAULT AND (${defaults.join(' OR ')})))`;
}

const rank = (severity: Severity): number => SEVERITIES.indexOf(severity);

/** The payload paths of a level named by another key than `level`, ECS's nested `log.level` last. */
const NAMED_LEVELS = [...LEVEL_NAME_KEYS.map(fieldKey), 'log.level'];

/** The highest GELF (syslog) level at or above the floor: 7 DEBUG down to 0 EMERGENCY. */
export function gelfCeiling(floor: Severity): number {
  return Math.max(0, Math.min(7, rank('EMERGENCY') - rank(floor)));
}

/** The lowest Nextcloud level (0 DEBUG to 4 FATAL: entry-fields.ts) at or above the floor, or null. */
export function nextcloudFloor(floor: Severity): number | null {
  const at = NEXTCLOUD_LEVELS.findIndex((severity) => rank(severity) >= rank(floor));
  return at < 0 ? null : at;
}

// pino / bunyan numeric levels, lowest first: 10 trace and 20 debug, 30 info, 40 warn, 50 error, 60 fatal.
export const PINO_FLOOR: Array<[Severity, number]> = [['DEBUG', 10], ['INFO', 30], ['WARNING', 40], ['ERROR', 50], ['CRITICAL', 60]];

// Words a payload `severity` may hold (parseSeverity: the LogSeverity names and their aliases), as prefixes.
const SEVERITY_WORDS: Array<[Severity, string]> = [
  ['DEBUG', 'debug|trace'], ['INFO', 'info'], ['NOTICE', 'notice'], ['WARNING', 'warn'], ['ERROR', 'err'],
  ['CRITICAL', 'crit|fatal'], ['ALERT', 'alert'], ['EMERGENCY', 'emerg|panic'],
];

/** An RE2 pattern for a payload `severity` word at or above `floor` (also the Log Analytics query's). */
export function severityWordsPattern(floor: Severity): string {
  const named = SEVERITY_WORDS.filter(([severity]) => rank(severity) >= rank(floor)).map(([, words]) => words);
  return `(?i)^\\s*(?:${named.join('|')})`;
}

/** A key of a field path: quoted unless a plain name (`"log.level"`, `"@level"`). */
function fieldKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : quote(key);
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
