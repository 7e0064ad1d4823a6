// winston's `simple()` format read back as the record winston wrote. logform's simple prints
// `${level}:${padding} ${message}`, then, when the record has other fields, a space and those fields
// as one line of JSON (safe-stable-stringify): `error: price sync failed {"stack":"Error: …"}`. The
// same call under `json()` is `{"level":"error","message":"price sync failed","stack":"Error: …"}`;
// read as that record is (json-message.ts), the error a record carries in its fields (an `errors({stack})`
// stack, express-winston's `meta` with winston's exception info) is what both print, and an error
// logged under a fixed message (express-winston's `middlewareError`) is the error, not the message.
import { isRecord } from './is-record.js';

/** A line longer than this is read as it is (a record's fields are rarely more; a meta dump may be). */
const MAX_CHARS = 256 * 1024;
/** Most places a `{` is tried as the start of the fields: a message's own braces come before them. */
const MAX_TRIES = 8;

// winston's npm levels (its default) and syslog levels, lower case as winston names them; logform's
// padLevels pads after the colon.
const HEAD = /^(error|warn|info|http|verbose|debug|silly|emerg|alert|crit|warning|notice):( {1,12})(?=\S)/;

/** `{ level, message, ...fields }` of a simple() line whose fields follow its message, or null. */
export function winstonSimpleRecord(text: string): Record<string, unknown> | null {
  if (text.length > MAX_CHARS || !text.endsWith('}')) return null;
  const head = HEAD.exec(text);
  if (head === null) return null;
  const body = text.slice(head[0].length);
  // The fields open at a ` {"` (a JSON object with at least one key); the message may hold braces of its own.
  let at = body.indexOf(' {"');
  for (let tries = 0; at > 0 && tries < MAX_TRIES; tries++, at = body.indexOf(' {"', at + 1)) {
    let fields: unknown;
    try {
      fields = JSON.parse(body.slice(at + 1));
    } catch {
      continue;
    }
    if (!isRecord(fields)) return null;
    const message = body.slice(0, at);
    if (message.trim() === '') return null;
    return { level: head[1], message, ...fields };
  }
  return null;
}
