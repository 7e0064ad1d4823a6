// The entries the companion rule (classify/companions.ts) reads, chosen in SQL for the Log Analytics
// query: they come back whole, as lines (EntryGroup.line), so the function applies the very rule a file
// sweep applies, on when and by which instance each was written. A shape's samples cannot say that of
// the entries they stand for.
//
// The rule moves a group's entries to an error written beside them when nearly all of them were written
// by one instance within COMPANION_MS of another group's entry, and that instance was not simply busy
// (another group's entry DENSITY_SHIFT_MS away). So what comes back is, over each writer's entries in
// time order:
//   - every entry of a shape most of whose entries were written beside an error or a trace (`strong`):
//     the whole shape, so its share is judged on all of its entries, not on the ones beside an error;
//   - the entries within COMPANION_MS of one of those (the errors they go with, and whatever else was
//     written beside them, which the share counts too);
//   - the entries DENSITY_SHIFT_MS away from one of those, which tell a busy instance;
//   - the entries of the same writer that share a request's trace id with one of those within TRACE_MS
//     (classify/trace-neighbours.ts: a request's access record written when its response goes out,
//     seconds after its error), and an entry counts as beside an error when it shares one with it.
//     The id is read from the LogEntry's `trace` (Cloud Run lifts `logging.googleapis.com/trace` into it)
//     and a JSON record's OpenTelemetry / ECS fields; ids only in the text are not (a text line near a
//     record line comes back whole anyway: shape-query.ts's `near`).
// Rows grow with the entries written beside errors and traces (a shape comes back whole only when at
// least COMPANION_SHAPE_SHARE of it was: at most 1/COMPANION_SHAPE_SHARE times those), never with the
// window's entries.
import { COMPANION_MS, DENSITY_SHIFT_MS, TRACE_MS } from '../../classify/companions.js';
import { shapeExpression } from './shape-sql.js';
import type { ParamType } from './shape-query.js';

/**
 * Of a shape's entries, the share written beside an error or a trace for the shape to come back whole.
 * Below the rule's own share (COMPANION_SHARE): a problem can gather more than one shape, and its share
 * is that of all of them.
 */
export const COMPANION_SHAPE_SHARE = 0.5;

/** Cloud Run's own logs (the request log, platform messages): no instance wrote them (entryWriter). */
const PLATFORM_LOGS = String.raw`run\.googleapis\.com(?:%2F|/)(?:requests|varlog)`;

const WRITER = `PARTITION BY service, writer_id ORDER BY written_ms`;
/** One request's entries on one instance. */
const REQUEST = `PARTITION BY service, writer_id, trace_key ORDER BY written_ms`;

/** The id's hex digits (a W3C / Cloud Trace id or a 64-bit one), wherever the entry names it. */
const TRACE_KEY = `LOWER(REGEXP_EXTRACT(COALESCE(trace, JSON_VALUE(json_payload, '$.trace_id'), JSON_VALUE(json_payload, '$.traceId'),
      JSON_VALUE(json_payload, '$.trace.id')), @trace_id_re))`;

export interface CompanionSql {
  /** CTEs after `from`; the last, `chosen`, adds `coarse` (the row's shape) and `companion_line`. */
  ctes: string;
  params: Record<string, string | number>;
  types: Record<string, ParamType>;
}

/**
 * `from` has the chosen rows with `masked`, `writer_id`, `written_ms` and `kept`; `strong` is a SQL
 * condition over them (an error or a trace). The CTEs end in one named `chosen`, without `kept`.
 */
export function companionCtes(from: string, strong: string): CompanionSql {
  const beside = (of: string, frame: string): string => `SUM(IF(${of}, 1, 0)) OVER (${WRITER} RANGE BETWEEN ${frame})`;
  const sameRequest = (of: string): string => `trace_key IS NOT NULL AND SUM(IF(${of}, 1, 0)) OVER (${REQUEST} RANGE BETWEEN @trace_ms PRECEDING AND @trace_ms FOLLOWING)`;
  const ctes = `companion_marks AS (
  SELECT * EXCEPT (kept),
    ${shapeExpression('masked')} AS coarse,
    COALESCE(kept AND (${strong}), FALSE) AS strong,
    ${TRACE_KEY} AS trace_key
  FROM ${from}
),
companion_pairs AS (
  SELECT *,
    writer_id IS NOT NULL AND (${beside('strong', '@companion_ms PRECEDING AND @companion_ms FOLLOWING')} > IF(strong, 1, 0)
      OR ${sameRequest('strong')} > IF(strong, 1, 0)) AS beside_strong
  FROM companion_marks
),
companion_shapes AS (
  SELECT *,
    writer_id IS NOT NULL
      AND 100 * SUM(IF(beside_strong, 1, 0)) OVER (PARTITION BY service, severity_name, coarse) >= @companion_shape_percent * COUNT(*) OVER (PARTITION BY service, severity_name, coarse)
      AS companion_shape
  FROM companion_pairs
),
chosen AS (
  SELECT * EXCEPT (beside_strong, companion_shape, trace_key),
    writer_id IS NOT NULL AND (companion_shape
      OR ${beside('companion_shape', '@companion_ms PRECEDING AND @companion_ms FOLLOWING')} > 0
      OR ${beside('companion_shape', '@density_far PRECEDING AND @density_near PRECEDING')} > 0
      OR ${beside('companion_shape', '@density_near FOLLOWING AND @density_far FOLLOWING')} > 0
      OR ${sameRequest('companion_shape')} > 0) AS companion_line
  FROM companion_shapes
)`;
  return {
    ctes,
    params: {
      platform_logs: PLATFORM_LOGS,
      companion_ms: COMPANION_MS,
      companion_shape_percent: Math.round(100 * COMPANION_SHAPE_SHARE),
      density_near: DENSITY_SHIFT_MS,
      density_far: DENSITY_SHIFT_MS + 2 * COMPANION_MS,
      trace_ms: TRACE_MS,
      trace_id_re: '([0-9a-fA-F]{32}|[0-9a-fA-F]{16})',
    },
    types: { platform_logs: 'STRING', companion_ms: 'INT64', companion_shape_percent: 'INT64', density_near: 'INT64', density_far: 'INT64', trace_ms: 'INT64', trace_id_re: 'STRING' },
  };
}
