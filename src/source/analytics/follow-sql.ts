// The follow rules (follow-rules.ts) in SQL, for the Log Analytics query: the same heads and the same
// lines pulled as the file source and the Cloud Logging source read. Over each writer's stdout/stderr
// lines (instance and log) in time order, a line is pulled by the nearest head of a rule within the
// rule's reach when no gap between them is wider than FOLLOW_GAP_US and at most `lines` of the lines
// after the head, itself included, may continue the rule (pulledByHead, as window functions).
import { FOLLOW_GAP_US, FOLLOW_OTHERS, FOLLOW_REACH, FOLLOW_RULES } from '../follow-rules.js';
import type { ParamType } from './shape-query.js';

// Terminal escapes, as the rules read a line without them (SHAPE_MASKS' first mask, RE2).
const TERMINAL_CODES = '\\x1b\\[[0-?]{0,32}[ -/]{0,4}[@-~]';

const WRITER = `PARTITION BY follow_line, follow_instance, log_name ORDER BY timestamp, insert_id`;

export interface FollowSql {
  /** CTEs after `from` (a CTE with the window's rows and `std_text`): the last, `followed`, adds `followed`. */
  ctes: string;
  params: Record<string, string | number>;
  types: Record<string, ParamType>;
}

/** The CTEs, reading `from` and ending in one named `followed` that has `from`'s columns and `followed`. */
export function followCtes(from: string): FollowSql {
  const rules = FOLLOW_RULES.map((rule, i) => ({ rule, i, reach: rule.lines + FOLLOW_OTHERS }));
  const params: FollowSql['params'] = { follow_gap_us: FOLLOW_GAP_US, terminal_codes: TERMINAL_CODES };
  const types: FollowSql['types'] = { follow_gap_us: 'INT64', terminal_codes: 'STRING' };
  for (const { rule, i } of rules) {
    params[`follow_head_${i}`] = rule.head;
    params[`follow_next_${i}`] = rule.next;
    types[`follow_head_${i}`] = 'STRING';
    types[`follow_next_${i}`] = 'STRING';
    if (rule.notNext !== undefined) {
      params[`follow_not_next_${i}`] = rule.notNext;
      types[`follow_not_next_${i}`] = 'STRING';
    }
  }
  // A keptOnly rule's head opens a record only when the floor reads it (`kept`: the prefilter's rule).
  const marks = rules.map(({ rule, i }) => `follow_line AND ${rule.keptOnly ? 'kept AND ' : ''}REGEXP_CONTAINS(follow_text, @follow_head_${i}) AS head_${i},
    follow_line AND REGEXP_CONTAINS(follow_text, @follow_next_${i})${rule.notNext === undefined ? '' : ` AND NOT REGEXP_CONTAINS(follow_text, @follow_not_next_${i})`} AS next_${i}`).join(',\n    ');
  const sums = rules.map(({ i }) => `SUM(IF(next_${i}, 1, 0)) OVER (${WRITER} ROWS UNBOUNDED PRECEDING) AS cum_${i}`).join(',\n    ');
  const heads = rules.map(({ i, reach }) => `MAX(IF(head_${i}, follow_rn, NULL)) OVER (${WRITER} ROWS BETWEEN ${reach} PRECEDING AND 1 PRECEDING) AS head_rn_${i},
    MAX(IF(head_${i}, cum_${i}, NULL)) OVER (${WRITER} ROWS BETWEEN ${reach} PRECEDING AND 1 PRECEDING) AS head_cum_${i}`).join(',\n    ');
  const pulled = rules.map(({ rule, i }) =>
    `(next_${i} AND head_rn_${i} IS NOT NULL AND COALESCE(break_rn <= head_rn_${i}, TRUE) AND cum_${i} - head_cum_${i} <= ${rule.lines})`).join('\n      OR ');
  const anyHead = rules.map(({ i }) => `head_${i}`).join(' OR ');
  const dropped = ['follow_line', 'follow_instance', 'follow_text', 'follow_rn', 'follow_gap', 'break_rn',
    ...rules.flatMap(({ i }) => [`head_${i}`, `next_${i}`, `cum_${i}`, `head_rn_${i}`, `head_cum_${i}`])];
  const ctes = `follow_marks AS (
  SELECT *,
    std_text AND JSON_VALUE(labels, '$.instanceId') IS NOT NULL AS follow_line,
    JSON_VALUE(labels, '$.instanceId') AS follow_instance,
    IF(std_text, REGEXP_REPLACE(text_payload, @terminal_codes, ''), NULL) AS follow_text
  FROM ${from}
),
follow_rules AS (
  SELECT *,
    ${marks}
  FROM follow_marks
),
follow_order AS (
  SELECT *,
    ROW_NUMBER() OVER (${WRITER}) AS follow_rn,
    UNIX_MICROS(timestamp) - LAG(UNIX_MICROS(timestamp)) OVER (${WRITER}) AS follow_gap,
    ${sums}
  FROM follow_rules
),
follow_reach AS (
  SELECT *,
    ${heads},
    MAX(IF(follow_gap > @follow_gap_us, follow_rn, NULL)) OVER (${WRITER} ROWS BETWEEN ${FOLLOW_REACH - 1} PRECEDING AND CURRENT ROW) AS break_rn
  FROM follow_order
),
followed AS (
  SELECT * EXCEPT (${dropped.join(', ')}),
    COALESCE(follow_line AND (${anyHead}
      OR ${pulled}), FALSE) AS followed
  FROM follow_reach
)`;
  return { ctes, params, types };
}
