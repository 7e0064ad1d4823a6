// Oracle Diagnostic Logging's uniform format, as GlassFish (4 and later) and Payara Server and Micro write
// their log: the time, the product (empty in Payara Micro: `[]`), the level, the message id (often empty),
// the logger, then named fields (`[tid: _ThreadID=104 _ThreadName=…]`, `[timeMillis: N]`, `[levelValue:
// 900]`, ODL's `[CLASSNAME: …]`, `[ecid: …]`), then the message between `[[` and `]]`. The message starts
// on the line after `[[` (its own indent, two spaces), and an exception's lines follow it unindented, as
// Throwable prints them; `]]` closes the record at the end of its last line:
//
//   [2024-05-01T14:08:09.304+0000] [Payara 6.2023.7] [WARNING] [] [edu.example.ExportService] [tid: _ThreadID=88 …] [timeMillis: 1714572489304] [levelValue: 900] [[
//     Exception thrown while creating export_croissant.cached : …]]
//
// Some write the message on the header line (microprofile/microprofile-conference#105: `[levelValue: 1000]
// Error adding HttpProbes. …`, no brackets). Levels are java.util.logging's (SEVERE, WARNING, INFO,
// CONFIG, FINE…), ODL's own (INCIDENT_ERROR:1, NOTIFICATION:16…), or an SLF4J bridge's (WARN).
// Anchored, every part bounded: a line costs a few steps.

const ODL_TIME = String.raw`\[\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?\]`;
const ODL_FIELDS = String.raw` \[[^\]\n]{0,80}\] \[([A-Z][A-Z_]{2,15})(?::\d{1,2})?\] \[[^\]\n]{0,120}\] \[[^\]\n]{1,400}\](?: \[[A-Za-z][\w-]{0,39}: [^\]\n]{0,400}\]){0,8}`;

/** The header, up to where the message starts (after `[[` and the spaces after it, or the space before it). */
export const ODL_HEADER = new RegExp(`^${ODL_TIME}${ODL_FIELDS}(?: \\[\\[ {0,8}| {1,8}(?=\\S)|\\s*$)`);
/** A header line with `[[` closing it: the message is on the lines after it. */
export const ODL_OPEN = new RegExp(`^${ODL_TIME}${ODL_FIELDS} \\[\\[\\s*$`);
/** ODL_OPEN in RE2, as the Log Analytics source's record lines read it (case-sensitive, at the start of a text). */
export const ODL_OPEN_RE2 = String.raw`\[\d{4}-\d{2}-\d{2}T[^\]]*\] \[[^\]]*\] \[[A-Z][A-Z_]+(?::\d+)?\] \[[^\]]*\] \[[^\]]+\](?: \[[A-Za-z][\w-]*: [^\]]*\])* \[\[\s*$`;
/** `]]` closing the record, at the end of its last line. */
export const ODL_CLOSE = /\]\][ \t]*$/;

// ODL's levels that are no word another logger writes, as the word that means the same.
const ODL_LEVELS: Record<string, string> = {
  INCIDENT_ERROR: 'CRITICAL', NOTIFICATION: 'INFO', CONFIG: 'INFO', FINE: 'DEBUG', FINER: 'DEBUG', FINEST: 'DEBUG',
};

/** The level an ODL header states, as a level word (`WARNING`, `SEVERE`, ODL's `NOTIFICATION` as `INFO`). */
export function odlLevel(word: string): string {
  return ODL_LEVELS[word] ?? word;
}
