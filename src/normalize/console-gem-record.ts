// A record of the Console gem (socketry/console: Async's and Falcon's logger) read as one text whichever
// of its outputs wrote it, so a service that moves from the text output to the serialized one at a
// rollout, or whose record arrives whole or line by line, keeps its problems:
// - the text output (shared/console-gem.ts): its first line is header (log-header.ts reads the level), its
//   rows the message's lines and the exception its Failure formatter prints (`  Type: message`, then the
//   frames as `  → path:12 in 'method'`);
// - the serialized output (lib/console/output/serialized.rb, JSON): `severity`, `subject`, `message` (a
//   string, or an array of the arguments), and the exception as `event{type: "failure", class, message,
//   backtrace, cause}` (pasted so in socketry/async-cable#1).
// Both read as the message, then the exception as Ruby's Logger prints it (`message (Type)` over the frames
// `path:12:in 'method'`), the shape the classifier reads a Ruby trace from: the exception tells the
// problems apart (`Task may have ended with unhandled exception.` is said over any error).
import { boundText } from './bound-text.js';
import { isRecord } from './is-record.js';
import { consoleGemRowText, consoleGemSubject, continuesConsoleGemRecord, FAILURE_FRAME, FAILURE_TITLE, isSubjectClass } from '../shared/console-gem.js';

/** Most rows of a record read, frames per exception kept, and causes followed. */
const MAX_ROWS = 400;
const MAX_FRAMES = 200;
const MAX_CAUSES = 8;


interface Failure {
  type: string;
  message: string[];
  frames: string[];
}

/**
 * The text a record of the text output reads as, `rest` being what follows its header (its subject, then
 * its rows); rows whose first line was lost (`rest` opening with a row) read as the same record's.
 */
export function consoleGemText(rest: string): string {
  if (continuesConsoleGemRecord(rest.length > 48 ? rest.slice(0, 48) : rest)) rest = `\n${rest}`;
  const lines = rest.split('\n', MAX_ROWS + 1);
  const subject = consoleGemSubject(lines[0]!.trimEnd());
  const message: string[] = subject === '' ? [] : [subject];
  const failures: Failure[] = [];
  let k = 1;
  for (; k < lines.length; k++) {
    const line = lines[k]!.endsWith('\r') ? lines[k]!.slice(0, -1) : lines[k]!;
    if (!continuesConsoleGemRecord(line)) break;
    const row = consoleGemRowText(line);
    const title = FAILURE_TITLE.exec(row);
    if (title && (failures.length === 0 || title[1] !== undefined || failures[failures.length - 1]!.frames.length > 0)) {
      failures.push({ type: title[2]!, message: title[3] === undefined ? [] : [title[3]], frames: [] });
      continue;
    }
    const failure = failures[failures.length - 1];
    const frame = failure === undefined ? null : FAILURE_FRAME.exec(row);
    if (failure !== undefined && frame) {
      if (failure.frames.length < MAX_FRAMES) failure.frames.push(`${frame[1]}:${frame[2]}:${frame[3] ?? ''}`);
    } else if (failure !== undefined && failure.frames.length === 0 && row.startsWith('  ')) failure.message.push(row.slice(2));
    else if (failure === undefined) message.push(row);
    // The Failure formatter indents every row it prints: a row at the margin after the exception began is
    // the options' JSON after it (context), or a row of another record that landed among these.
  }
  if (message.length === 0 && failures.length === 0) return rest;
  const text = recordText(message, failures);
  // Lines after the record's rows (none, once joined) stay as they came.
  return k < lines.length ? `${text}\n${lines.slice(k).join('\n')}` : text;
}

/** The text a record of the serialized output reads as, or null when the payload is none. */
export function consoleGemJson(payload: Record<string, unknown>): { text: string; errorType: string } | null {
  const event = payload.event;
  if (!isRecord(event) || event.type !== 'failure' || typeof event.class !== 'string' || typeof payload.subject !== 'string') return null;
  const failures: Failure[] = [];
  let current: Record<string, unknown> | undefined = event;
  for (let depth = 0; current !== undefined && depth <= MAX_CAUSES; depth++) {
    if (typeof current.class !== 'string' || current.class === '') break;
    const said = typeof current.message === 'string' ? boundText(current.message).split('\n') : [];
    const trace = Array.isArray(current.backtrace) ? current.backtrace.slice(0, MAX_FRAMES).filter((f): f is string => typeof f === 'string') : [];
    failures.push({ type: boundText(current.class, 128), message: said, frames: trace.map((f) => boundText(f, 1200)) });
    current = isRecord(current.cause) ? current.cause : undefined;
  }
  const said = payload.message;
  // A string subject is the record's first words, as the text output prints it on the first line.
  const subject = isSubjectClass(payload.subject) ? [] : [payload.subject];
  const message = [...subject, ...(Array.isArray(said) ? said : said === undefined ? [] : [said])]
    .slice(0, MAX_ROWS)
    .filter((m): m is string | number | boolean => typeof m === 'string' || typeof m === 'number' || typeof m === 'boolean')
    .flatMap((m) => boundText(String(m)).split('\n'));
  return { text: recordText(message, failures), errorType: failures[0]!.type };
}

/** The message's lines, then each exception as Ruby's Logger prints it: `message (Type)`, further lines, frames. */
function recordText(message: string[], failures: readonly Failure[]): string {
  const out = message.map((line) => line.trimEnd());
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  for (const { type, message: said, frames } of failures) {
    const [first, ...more] = said;
    out.push(first === undefined || first.trim() === '' ? type : `${first.trim()} (${type})`, ...more.map((line) => line.trimEnd()), ...frames);
  }
  return out.join('\n');
}
