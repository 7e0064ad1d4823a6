// The coarse shape Log Analytics groups entries by: the entry's message (the same fields the
// classifier reads first), its variable parts masked, cut to a bounded length. Coarse on purpose:
// the classifier refines it from each shape's samples; the shape only has to keep entries of
// different problems apart often enough, and be cheap to compute over every entry of a window.
import { ERROR_KEYS, MESSAGE_KEYS } from '../../normalize/index.js';
import { ODL_OPEN_RE2 } from '../../shared/odl-record.js';

/**
 * Masks as ordered data, most specific first: a UUID is not read as hex and numbers, an address
 * not as four numbers. RE2 syntax (BigQuery's REGEXP_REPLACE); `\1` in a mask puts back what the
 * pattern's first group held.
 */
export const SHAPE_MASKS: ReadonlyArray<[pattern: string, mask: string]> = [
  // Terminal escapes go first, as the normalizer drops them (terminal-codes.ts): a coloured line has its plain twin's shape.
  ['\\x1b\\[[0-?]{0,32}[ -/]{0,4}[@-~]', ''],
  // An access line's status after its quoted request line: a request answered 5xx is read at ERROR and
  // is another problem than the same route's 200s (normalize/access-status.ts), so not one shape with them.
  ['(HTTP/[0-9.]{1,3}" )5[0-9][0-9]\\b', '\\1<SERVER-ERROR>'],
  ['[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}', '<UUID>'],
  ['[0-9]{1,3}(?:\\.[0-9]{1,3}){3}(?::[0-9]{1,5})?', '<IP>'],
  // A quoted value, not a JSON key: after a colon (a JSON value), or opening a word in prose.
  [':"[^"]{0,200}"', ':"<Q>"'],
  ['(^|[\\s(=\\[])"[^"]{0,200}"', '\\1"<Q>"'],
  ["(^|[\\s(=\\[:])'[^']{0,200}'", "\\1'<Q>'"],
  ['(?i)\\b0x[0-9a-f]+\\b', '<HEX>'],
  ['(?i)\\b[0-9a-f]*[0-9][0-9a-f]*[a-f][0-9a-f]*\\b|\\b[0-9a-f]*[a-f][0-9a-f]*[0-9][0-9a-f]*\\b', '<HEX>'],
  ['[0-9]+', '<N>'],
];

/**
 * A text line that only makes sense inside a multi-line record (RE2): an indented frame or property,
 * a closing brace, `Caused by:`, `... 12 more`, a traceback's or a goroutine dump's first line, a .NET
 * category line, Rails' tagged lines of one exception block (the Logger header with tags alone, a
 * tagged frame), Netty's leak report lines and Reactor's checkpoint block (jvm-record-lines.ts), ODL's header line
 * closed by `[[` (odl-record.ts), the line under a Node process warning that says how to trace it. Cloud Run stores each line of a trace written to stdout/stderr as an entry of its
 * own; such lines, and their instance's lines next to them, are read whole and joined back in the
 * function (the reassembler), as a file or API sweep joins them, instead of being counted by shape.
 */
export const RECORD_LINE = String.raw`^(?:[ \t]+\S|\}\s*$|Caused by: |Suppressed: |\.\.\. \d|--- End of |Traceback \(most recent call last\)|During handling of the above exception|The above exception was the direct cause|goroutine \d+ \[|created by |exit status |\[signal |panic: |fatal error: |(?:trce|dbug|info|warn|fail|crit): \S+\[\d+\]\s*$|[DIWEFAU], \[[^\]]+\] +[A-Z]+ -- [^:]*: (?:\[[^\]]+\] ?)+\s*$|(?:\[[^\]]+\] ?)+(?:\s*$|\S+:\d+:in )|Recent access records: ?\d*\s*$|(?:#\d+|Created at):\s*$|: \d+ leak records were discarded |Original Stack Trace:|\(Use \x60node --trace-|Error has been observed (?:at|by) the following|Assembly (?:trace from|site of) producer \[|${ODL_OPEN_RE2})`;

/** A key of a JSON payload as a JSONPath step: quoted unless a plain name (`grpc.error`, `@message`, tslog's `0`). */
const jsonKey = (key: string): string => (/^[A-Za-z_]\w*$/.test(key) ? key : `"${key}"`);

/** tslog's positional arguments an error is most often passed as (`logger.error(err)`, `logger.error(msg, err)`). */
const TSLOG_ERROR_ARGS = ['0', '1'];
/** tslog's first argument, its message when a string. */
const TSLOG_MESSAGE_ARG = '0';

/** Characters of a message read for its shape: the head of a trace says where, its tail what. */
const READ_CHARS = 4000;
const HEAD_CHARS = 200;
const TAIL_CHARS = 100;

// .NET's JSON records (dotnet-json.ts): the JSON console formatter's Message, Serilog's rendered message or
// template (CLEF, JsonFormatter), Payara's LogMessage (payara-json.ts), after the level they carry: records of one formatter have the same keys,
// so without it a warning and the routine records around it would be one shape, sampled as routine.
const DOTNET_MESSAGE = `CONCAT(
        COALESCE(JSON_VALUE(json_payload, '$.LogLevel'), JSON_VALUE(json_payload, '$."@l"'), JSON_VALUE(json_payload, '$.Level'), ''), ' ',
        COALESCE(JSON_VALUE(json_payload, '$.Message'), JSON_VALUE(json_payload, '$."@m"'), JSON_VALUE(json_payload, '$."@mt"'),
          JSON_VALUE(json_payload, '$.RenderedMessage'), JSON_VALUE(json_payload, '$.MessageTemplate'), JSON_VALUE(json_payload, '$.LogMessage')))`;
// The fields extract-message.ts reads first, in its order (json-message.ts's MESSAGE_KEYS: loguru's
// serialized record is `{"text": "… | WARNING | …", "record": {…}}`, and without its text every record of
// a service, whatever its level, was one shape); tslog's first argument (tslog-record.ts: its
// record has no message key, and its whole JSON, every string masked, would be one shape for all of its
// messages); a request log's line when there is no other.
const MESSAGE = `COALESCE(
      NULLIF(text_payload, ''),
      ${MESSAGE_KEYS.map((key) => `JSON_VALUE(json_payload, '$.${jsonKey(key)}')`).join(', ')},
      JSON_VALUE(json_payload, '$.error.message'), JSON_VALUE(json_payload, '$.error'), JSON_VALUE(json_payload, '$.err'),
      JSON_VALUE(json_payload, '$.${jsonKey(TSLOG_MESSAGE_ARG)}'),
      ${DOTNET_MESSAGE},
      CONCAT(http_request.request_method, ' ', REGEXP_EXTRACT(http_request.request_url, '^(?:[a-zA-Z]+://[^/]+)?([^?#]*)'), ' ', CAST(http_request.status AS STRING)),
      TO_JSON_STRING(json_payload),
      '')`;
// A structured entry's stack names the error its message may not.
const DETAIL = `COALESCE(
      JSON_VALUE(json_payload, '$.stack_trace'), JSON_VALUE(json_payload, '$.stack'), JSON_VALUE(json_payload, '$.error.stack'),
      JSON_VALUE(json_payload, '$.exception'), JSON_VALUE(json_payload, '$.traceback'),
      JSON_VALUE(json_payload, '$.Exception'), JSON_VALUE(json_payload, '$."@x"'), JSON_VALUE(json_payload, '$.Throwable.StackTrace'),
      JSON_VALUE(json_payload, '$."grpc.error"'), '')`;

// The error a structured record names beside its message, as the classifier reads it (json-message.ts's
// ERROR_KEYS, when a string): slog's `{"message": "resize failed", "error": "read …: storage: object doesn't
// exist"}`. Without it, every failure a function logs under one message would be one shape, sampled as the
// most frequent error, and the rarer errors counted in its problem.
//
// An error logged as an object names itself by its message one level down (JSON_VALUE of an object is
// NULL): pino's `{"msg": "request error", "err": {"type": "Error", "message": "connect ECONNREFUSED …"}}`,
// one header over different failures, which the classifier reads apart (json-message.ts's fromObject).
// So is tslog's error argument (tslog-record.ts: `{"0": "Upload … failed", "1": {"name": …, "message": …}}`).
// Only beside a message of its own: a record with none is read by its error object's message already (MESSAGE).
const ERROR_TEXT = `COALESCE(${[
  ...ERROR_KEYS.map((key) => `JSON_VALUE(json_payload, '$.${jsonKey(key)}')`),
  `IF(COALESCE(${[...MESSAGE_KEYS, TSLOG_MESSAGE_ARG].map((key) => `JSON_VALUE(json_payload, '$.${jsonKey(key)}')`).join(', ')}) IS NULL, NULL, COALESCE(${[
    ...ERROR_KEYS.map((key) => `JSON_VALUE(json_payload, '$.${jsonKey(key)}.message')`),
    ...TSLOG_ERROR_ARGS.map((arg) => `JSON_VALUE(json_payload, '$.${jsonKey(arg)}.message')`),
  ].join(', ')}))`,
].join(', ')})`;

/** A SQL expression over a Log Analytics row: its message, the error it names and its stack head, variable parts masked. */
export function maskedMessageExpression(): string {
  // The error, when there is one, with a space after it (CONCAT with a NULL is NULL).
  const error = `COALESCE(CONCAT(SUBSTR(${ERROR_TEXT}, 1, ${HEAD_CHARS}), ' '), '')`;
  const text = `SUBSTR(CONCAT(${MESSAGE}, ' ', ${error}, SUBSTR(${DETAIL}, 1, ${HEAD_CHARS})), 1, ${READ_CHARS})`;
  return SHAPE_MASKS.reduce((inner, [pattern, mask]) => `REGEXP_REPLACE(${inner}, ${sqlString(pattern)}, ${sqlString(mask)})`, text);
}

/** A SQL expression: the shape of a masked message (`column`), at most HEAD_CHARS + TAIL_CHARS + 3 characters. */
export function shapeExpression(column: string): string {
  return `IF(LENGTH(${column}) <= ${HEAD_CHARS + TAIL_CHARS}, ${column}, CONCAT(SUBSTR(${column}, 1, ${HEAD_CHARS}), ' … ', SUBSTR(${column}, LENGTH(${column}) - ${TAIL_CHARS - 1})))`;
}

/** A constant of this file as a GoogleSQL string literal (single-quoted, backslash escapes). */
function sqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
