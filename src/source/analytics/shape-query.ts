// The one query a Log Analytics sweep runs: the window's entries, chosen by the same rule as the
// Logging API filter (build-filter.ts), counted per coarse shape (service, severity, masked message)
// and per revision and time bucket, with the few most recent entries of each shape as samples.
// Values travel as query parameters; only the view's name (checked by the config schema) and
// constants of this file are written into the text.
import { levelWordPatterns, severityTextPattern } from '../../normalize/index.js';
import type { SourceQuery } from '../../shared/ports.js';
import { SEVERITIES, type Severity } from '../../shared/types.js';
import { CLOUD_RUN_RESOURCE, gelfCeiling, nextcloudFloor, PINO_FLOOR, severityWordsPattern } from '../build-filter.js';
import { STD_STREAM_LOG } from '../follow-rules.js';
import { companionCtes } from './companion-sql.js';
import { followCtes } from './follow-sql.js';
import { maskedMessageExpression, RECORD_LINE, shapeExpression } from './shape-sql.js';
import { HEADER_FRAME_RE2 } from '../frame-records.js';
import { JOB_TRACE_MESSAGE_RE2 } from '../sidekiq-jobs.js';

/** Samples kept per shape: enough for the classifier to see how a shape's entries differ. */
export const SAMPLES_PER_SHAPE = 3;

export type ParamType = 'STRING' | 'INT64' | 'TIMESTAMP' | 'ARRAY<STRING>';

export interface ShapeQuery {
  sql: string;
  params: Record<string, string | number | string[]>;
  types: Record<string, ParamType>;
}

export interface ShapeQueryOptions {
  /** `PROJECT.DATASET.VIEW`, as the config schema allows it (no backtick, no space). */
  table: string;
  /** Services never read (the gardener's own). */
  excludeServices: string[];
  /** Width of a time bucket, the classifier's (BUCKET_MS). */
  bucketMs: number;
}

// Log Analytics keeps `severity` as the LogSeverity name; DEFAULT entries may have none.
const SEVERITY_RANK = `CASE COALESCE(severity, 'DEFAULT') ${SEVERITIES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ')} ELSE 0 END`;

/** The columns a sample carries: what the classifier reads of a LogEntry, nothing it does not. */
const SAMPLE_COLUMNS = ['severity', 'log_name', 'insert_id', 'text_payload', 'json_payload', 'http_request', 'resource', 'labels', 'trace'];

/** Cloud Run's stdout and stderr logs: the text a container writes, one entry per line. */
const STD_STREAMS = STD_STREAM_LOG;
/**
 * A line of the same instance and stream this close (µs) to a record line is read whole: the
 * reassembler's gap between two lines of one trace (gapMs).
 */
const NEAR_US = 1_000_000;

/**
 * A record of Sidekiq's JSON formatter at WARN or ERROR (sidekiq-jobs.ts reads the same fields): a failed
 * job is three of them, the context, the error and the backtrace, which the function joins into one (the
 * job joiner) when they come back whole. Those near a context or backtrace record of the same writer are
 * read whole (as `line`): one row per failed job's record, never per entry of the window.
 */
const JOB_JSON = `(json_payload IS NOT NULL AND REGEXP_CONTAINS(log_name, @std_streams)
      AND JSON_VALUE(json_payload, '$.tid') IS NOT NULL AND JSON_VALUE(json_payload, '$.msg') IS NOT NULL
      AND COALESCE(JSON_VALUE(json_payload, '$.lvl') IN ('WARN', 'ERROR'), FALSE))`;

/** The instance that wrote an entry, as the companion rule reads it (entryWriter): Cloud Run's request log and platform messages are no instance's. */
const WRITER_ID = `IF(REGEXP_CONTAINS(log_name, @platform_logs), NULL, JSON_VALUE(labels, '$.instanceId'))`;

export function buildShapeQuery(query: SourceQuery, options: ShapeQueryOptions): ShapeQuery {
  const rule = severityRule(query.severityFloor);
  const sample = `TO_JSON_STRING(STRUCT(UNIX_MILLIS(timestamp) AS time_ms, UNIX_MICROS(timestamp) AS time_us, ${SAMPLE_COLUMNS.map((c) => `${c} AS ${c}`).join(', ')}))`;
  const follow = followCtes('in_window');
  const strong = strongRule(query.severityFloor);
  const companion = companionCtes('masked_rows', strong.sql);
  const sql = `WITH in_window AS (
  SELECT
    timestamp,
    COALESCE(JSON_VALUE(resource.labels, '$.service_name'), '') AS service,
    COALESCE(JSON_VALUE(resource.labels, '$.revision_name'), '') AS revision,
    COALESCE(severity, 'DEFAULT') AS severity_name,
    DIV(UNIX_MILLIS(timestamp), @bucket_ms) * @bucket_ms AS bucket,
    ${SAMPLE_COLUMNS.join(', ')},
    ${rule.sql} AS kept,
    COALESCE(severity, 'DEFAULT') = 'DEFAULT' AND text_payload IS NOT NULL AND REGEXP_CONTAINS(log_name, @std_streams) AS std_text,
    ${JOB_JSON} AS job_json
  FROM \`${options.table}\`
  WHERE ${WHERE_WINDOW}
),
${follow.ctes},
masked_rows AS (
  SELECT *,
    ${maskedMessageExpression()} AS masked,
    ${WRITER_ID} AS writer_id,
    UNIX_MILLIS(timestamp) AS written_ms
  FROM followed
  WHERE kept OR followed
),
${companion.ctes},
near AS (
  SELECT *,
    companion_line OR std_text AND SUM(CASE WHEN std_text AND (REGEXP_CONTAINS(text_payload, @record_line) OR REGEXP_CONTAINS(text_payload, @header_frame) OR followed) THEN 1 ELSE 0 END) OVER (
      PARTITION BY JSON_VALUE(labels, '$.instanceId'), log_name
      ORDER BY UNIX_MICROS(timestamp)
      RANGE BETWEEN @near_us PRECEDING AND @near_us FOLLOWING) > 0
    OR job_json AND SUM(IF(job_json AND REGEXP_CONTAINS(JSON_VALUE(json_payload, '$.msg'), @job_trace), 1, 0)) OVER (
      PARTITION BY JSON_VALUE(labels, '$.instanceId'), log_name
      ORDER BY UNIX_MICROS(timestamp)
      RANGE BETWEEN @near_us PRECEDING AND @near_us FOLLOWING) > 0 AS line
  FROM chosen
),
matched AS (
  SELECT * EXCEPT (masked, coarse, std_text, job_json, writer_id, written_ms, strong, companion_line),
    IF(line, CONCAT(LPAD(CAST(UNIX_MICROS(timestamp) AS STRING), 20, '0'), ' ', COALESCE(insert_id, '')), coarse) AS shape
  FROM near
),
ranked AS (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY service, severity_name, shape ORDER BY timestamp DESC) AS recency
  FROM matched
)
SELECT
  service, severity_name, line, shape, revision, bucket,
  MAX(followed) AS followed,
  COUNT(*) AS entries,
  UNIX_MILLIS(MIN(timestamp)) AS first_ms,
  UNIX_MILLIS(MAX(timestamp)) AS last_ms,
  ARRAY_AGG(IF(recency <= ${SAMPLES_PER_SHAPE}, ${sample}, NULL) IGNORE NULLS) AS samples
FROM ranked
GROUP BY service, severity_name, line, shape, revision, bucket`;
  const window = windowParams(query, options);
  return {
    sql,
    params: { ...window.params, bucket_ms: options.bucketMs, ...rule.params, std_streams: STD_STREAMS, record_line: RECORD_LINE, header_frame: HEADER_FRAME_RE2, job_trace: JOB_TRACE_MESSAGE_RE2, near_us: NEAR_US, ...follow.params, ...strong.params, ...companion.params },
    types: { ...window.types, bucket_ms: 'INT64', ...rule.types, std_streams: 'STRING', record_line: 'STRING', header_frame: 'STRING', job_trace: 'STRING', near_us: 'INT64', ...follow.types, ...strong.types, ...companion.types },
  };
}

/**
 * For `auto`: how many entries of the window the Logging API would page through, at most (every
 * entry at the floor or without a severity). It reads only the small columns, so it costs little.
 */
export function buildCountQuery(query: SourceQuery, options: Omit<ShapeQueryOptions, 'bucketMs'>): ShapeQuery {
  const window = windowParams(query, options);
  const sql = `SELECT COUNT(*) AS entries
FROM \`${options.table}\`
WHERE ${WHERE_WINDOW}
  AND (${SEVERITY_RANK} >= @floor_rank OR ${SEVERITY_RANK} = 0)`;
  return {
    sql,
    params: { ...window.params, floor_rank: SEVERITIES.indexOf(query.severityFloor) },
    types: { ...window.types, floor_rank: 'INT64' },
  };
}

// The window, the resource and the services, as build-filter.ts bounds them.
const WHERE_WINDOW = `timestamp >= @window_start AND timestamp < @window_end
    AND resource.type = @resource_type
    AND (ARRAY_LENGTH(@services) = 0 OR JSON_VALUE(resource.labels, '$.service_name') IN UNNEST(@services))
    AND NOT COALESCE(JSON_VALUE(resource.labels, '$.service_name') IN UNNEST(@excluded_services), FALSE)`;

function windowParams(query: SourceQuery, options: Pick<ShapeQueryOptions, 'excludeServices'>): Pick<ShapeQuery, 'params' | 'types'> {
  return {
    params: {
      window_start: new Date(query.window.start).toISOString(),
      window_end: new Date(query.window.end).toISOString(),
      resource_type: CLOUD_RUN_RESOURCE,
      services: unique(query.services),
      excluded_services: unique(options.excludeServices),
    },
    types: { window_start: 'TIMESTAMP', window_end: 'TIMESTAMP', resource_type: 'STRING', services: 'ARRAY<STRING>', excluded_services: 'ARRAY<STRING>' },
  };
}

/**
 * build-filter.ts's severityClause in SQL: at or above the floor, or DEFAULT with a payload or text
 * that may state a severity at or above it (the same RE2 patterns, read by REGEXP_CONTAINS). What
 * comes back is judged exactly once read (mayMatter, meetsSeverityFloor), as the API's entries are.
 */
function severityRule(floor: Severity): { sql: string; params: ShapeQuery['params']; types: ShapeQuery['types'] } {
  const rank = SEVERITIES.indexOf(floor);
  if (floor === 'DEFAULT') return { sql: 'TRUE', params: {}, types: {} };
  const level = levelWordPatterns(floor);
  const params: ShapeQuery['params'] = {
    floor_rank: rank,
    text_pattern: severityTextPattern(floor),
    level_readable: level.readable,
    severity_words: severityWordsPattern(floor),
    severity_number_floor: rank * 100,
  };
  const types: ShapeQuery['types'] = { floor_rank: 'INT64', text_pattern: 'STRING', level_readable: 'STRING', severity_words: 'STRING', severity_number_floor: 'INT64' };
  const lvl = `JSON_VALUE(json_payload, '$.level')`;
  const defaults = [
    `REGEXP_CONTAINS(text_payload, @text_pattern)`,
    `REGEXP_CONTAINS(JSON_VALUE(json_payload, '$.message'), @text_pattern)`,
    `REGEXP_CONTAINS(JSON_VALUE(json_payload, '$.msg'), @text_pattern)`,
    // A payload whose level names nothing levelWord reads: its text decides, once read.
    `(json_payload IS NOT NULL AND NOT COALESCE(REGEXP_CONTAINS(${lvl}, @level_readable), FALSE) AND NOT COALESCE(SAFE_CAST(${lvl} AS FLOAT64) >= 0, FALSE))`,
    `REGEXP_CONTAINS(JSON_VALUE(json_payload, '$.severity'), @severity_words)`,
    `SAFE_CAST(JSON_VALUE(json_payload, '$.severity') AS FLOAT64) >= @severity_number_floor`,
  ];
  if (level.atLeast !== null) {
    params.level_at_least = level.atLeast;
    types.level_at_least = 'STRING';
    defaults.push(`REGEXP_CONTAINS(${lvl}, @level_at_least)`);
  }
  const pino = PINO_FLOOR.find(([severity]) => SEVERITIES.indexOf(severity) >= rank);
  if (pino) {
    params.pino_floor = pino[1];
    types.pino_floor = 'INT64';
    defaults.push(`SAFE_CAST(${lvl} AS FLOAT64) >= @pino_floor`);
  }
  // A GELF record's level is a syslog priority, highest first.
  params.gelf_ceiling = gelfCeiling(floor);
  types.gelf_ceiling = 'INT64';
  defaults.push(`(JSON_VALUE(json_payload, '$.short_message') IS NOT NULL AND SAFE_CAST(${lvl} AS FLOAT64) <= @gelf_ceiling)`);
  // A Nextcloud record's level: 0 DEBUG to 4 FATAL.
  const nextcloud = nextcloudFloor(floor);
  if (nextcloud !== null) {
    params.nextcloud_floor = nextcloud;
    types.nextcloud_floor = 'INT64';
    defaults.push(
      `(JSON_VALUE(json_payload, '$.reqId') IS NOT NULL AND JSON_VALUE(json_payload, '$.app') IS NOT NULL AND SAFE_CAST(${lvl} AS FLOAT64) BETWEEN @nextcloud_floor AND 4)`,
    );
  }
  const status = rank <= SEVERITIES.indexOf('WARNING') ? 400 : rank <= SEVERITIES.indexOf('ERROR') ? 500 : null;
  if (status !== null) {
    params.status_floor = status;
    types.status_floor = 'INT64';
    defaults.push('http_request.status >= @status_floor');
    defaults.push(`(JSON_VALUE(json_payload, '$.error') IS NOT NULL AND SAFE_CAST(JSON_VALUE(json_payload, '$.status') AS FLOAT64) >= @status_floor)`);
  }
  // A comparison with a missing field is false, as in the Logging query language.
  const any = defaults.map((d) => `COALESCE(${d}, FALSE)`).join('\n      OR ');
  return { sql: `(${SEVERITY_RANK} >= @floor_rank OR (${SEVERITY_RANK} = 0 AND (\n      ${any})))`, params, types };
}

/**
 * An entry that a record written beside it may accompany (classify/companions.ts): one at ERROR or above
 * (as the severity rule at ERROR reads it, loose as it is), or a trace (a line of a split trace, a line a
 * record head reads, a message or stack of more than one line). Read as a superset: the function applies
 * the rule itself to what comes back.
 */
function strongRule(floor: Severity): { sql: string; params: ShapeQuery['params']; types: ShapeQuery['types'] } {
  const error = SEVERITIES.indexOf(floor) > SEVERITIES.indexOf('ERROR') ? severityRule(floor) : severityRule('ERROR');
  // Its parameters under names of their own: the floor's rule has the same names for other values.
  const rename = (name: string): string => `error_${name}`;
  const sql = `${error.sql.replace(/@(\w+)/g, (_m, name: string) => `@${rename(name)}`)}
      OR followed OR (std_text AND REGEXP_CONTAINS(text_payload, @record_line)) OR STRPOS(masked, @newline) > 0`;
  return {
    sql,
    params: { ...Object.fromEntries(Object.entries(error.params).map(([k, v]) => [rename(k), v])), newline: '\n' },
    types: { ...Object.fromEntries(Object.entries(error.types).map(([k, v]) => [rename(k), v])), newline: 'STRING' },
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((value) => value.length > 0))];
}
