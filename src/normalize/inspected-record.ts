// A log line whose message is followed by its metadata as Node's util.inspect prints an object: the
// message, ` {`, then one property a line two spaces in, `}` alone to close it. Temporal's TypeScript SDK
// (DefaultLogger: `2026-12-10T00:02:15.754Z [WARN] Activity failed {`, temporalio/sdk-typescript#1473)
// and winston or console loggers that append `util.inspect(meta)` write it so; an error in the metadata
// prints as its stack, frames eight spaces in, its own properties in braces after them:
//
//   2026-12-10T00:02:15.754Z [WARN] Activity failed {
//     attempt: 2,
//     activityType: 'syncInvoiceToXero',
//     error: Error: Xero API responded 503 Service Unavailable
//         at syncInvoiceToXero (/app/lib/activities/xero.js:44:11)
//   }
//
// What failed is the error the metadata carries, not the words every failed attempt shares: the record
// is read as its JSON twin (the same logger writing `{"message": …, "error": …}`) is read by
// json-message.ts, the message and then the error. Only a record whose metadata names an error under an
// error key is read so; any other keeps its text. Bounded: at most MAX_LINES lines are looked at.
import { stripLogHeader } from './log-header.js';

const MAX_LINES = 400;
const MAX_PROPS = 64;
// A property two spaces in: `  attempt: 2,`, `  error: Error: boom`, `  'content-type': 'x',`.
const PROP = /^ {2}([\w$]{1,100}|'[^'\n]{1,100}'): (\S[^\n]{0,4000}?),?$/;
// Keys under which loggers put the error they were given (as json-message.ts reads a JSON record's).
const ERROR_KEYS = new Set(['error', 'err', 'cause', 'exception', 'failure', 'reason']);

/** `{ msg, <error key>: error text }` for such a record, or null. */
export function inspectedRecord(text: string): Record<string, unknown> | null {
  const nl = text.indexOf('\n');
  if (nl < 0 || !text.startsWith('  ', nl + 1) || text.charCodeAt(nl + 3) === 32) return null;
  const first = text.slice(0, nl).trimEnd();
  if (!first.endsWith(' {')) return null;
  const { level, rest } = stripLogHeader(first);
  if (level === undefined) return null;
  const msg = rest.slice(0, -2).trim();
  if (msg === '' || msg.includes('\n')) return null;
  const lines = text.slice(nl + 1).split('\n', MAX_LINES);
  let props = 0;
  for (let i = 0; i < lines.length && props < MAX_PROPS; props++) {
    const line = lines[i]!.trimEnd();
    if (line === '}') return null;
    const prop = PROP.exec(line);
    if (prop === null) return null;
    const key = prop[1]!;
    // The property's own further lines: deeper than two spaces (an error's frames and fields).
    let end = i + 1;
    while (end < lines.length && lines[end]!.startsWith('   ')) end++;
    if (ERROR_KEYS.has(key.toLowerCase())) {
      const value = [prop[2]!.replace(/,$/, ''), ...lines.slice(i + 1, end).map((l) => l.slice(4).trimEnd())].join('\n');
      return { msg, [key]: value };
    }
    i = end;
  }
  return null;
}
