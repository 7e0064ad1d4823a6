// A JVM exception a JSON encoder wrote as an object, read back as the trace its pattern layout prints.
// A service whose formatter changes at a rollout (a pattern in the morning, a JSON encoder after) logs
// the same error both ways; the pattern's `Type: message`, `\tat class.method(File.java:12)` lines and
// `Caused by:` sections are what the classifier reads a JVM trace from, so the object becomes those lines.
// The encoders' shapes (each names a type, a message, an array of frame objects and a cause):
// - Logback's JsonEncoder: `throwable{className, message, stepArray[{className, methodName, fileName,
//   lineNumber}], cause{…}, commonFramesCount}`;
// - Log4j2's JsonLayout: `thrown{name, message, extendedStackTrace[{class, method, file, line}], cause{…}}`;
// - JBoss LogManager's structured formatter (quarkus-logging-json's detailed output): `exception{
//   exceptionType, message, frames[{class, method, line}], causedBy{exception{…}}}`; its ECS mapping
//   renames the exception's message `error.message`.
// A frame without a file prints as Java prints one: `(Unknown Source)`. A cause may have no frames (an
// exception made without a stack trace, as Vert.x's NoStackTraceTimeoutException): Java prints its line.
import { boundText } from './bound-text.js';
import { firstString, isRecord } from './is-record.js';

const TYPE_KEYS = ['className', 'exceptionType', 'name', 'class', 'type'] as const;
const MESSAGE_KEYS = ['message', 'error.message', 'localizedMessage'] as const;
const FRAMES_KEYS = ['stepArray', 'extendedStackTrace', 'frames', 'stackTrace', 'stack_trace', 'stacktrace'] as const;
const CAUSE_KEYS = ['cause', 'causedBy'] as const;
const FRAME_CLASS_KEYS = ['className', 'class', 'declaringClass'] as const;
const FRAME_METHOD_KEYS = ['methodName', 'method'] as const;
const FRAME_FILE_KEYS = ['fileName', 'file'] as const;
const FRAME_LINE_KEYS = ['lineNumber', 'line'] as const;

/** A JVM class name: dotted or `$`-nested identifiers, after the module Java 9+ names (`java.base@21.0.5/`). */
const CLASS_NAME = /^(?:[\w.-]{1,128}(?:@[\w.+-]{1,64})?\/)?[A-Za-z_$][\w$]{0,127}(?:\.[A-Za-z_$][\w$]{0,127}){0,31}$/;
const METHOD_NAME = /^[\w$<>-]{1,256}$/;
const FILE_NAME = /^[\w$.-]{1,256}$/;
/** Frames read per exception, and causes followed: a trace longer than this names its problem already. */
const MAX_FRAMES = 200;
const MAX_CAUSES = 8;

/**
 * The trace an exception object stands for (`Type: message`, its frames, `Caused by:` its causes), or
 * undefined when the object is not one: it must name a class and hold at least one frame object.
 */
export function exceptionObjectTrace(obj: Record<string, unknown>): string | undefined {
  const out: string[] = [];
  let current: Record<string, unknown> | undefined = obj;
  for (let depth = 0; current !== undefined && depth <= MAX_CAUSES; depth++) {
    const section = sectionLines(current, depth > 0);
    if (section === undefined) break;
    out.push(depth === 0 ? section[0]! : `Caused by: ${section[0]!}`, ...section.slice(1));
    current = causeOf(current);
  }
  return out.length === 0 ? undefined : out.join('\n');
}

/** `Type: message` and its frame lines; a cause may have none, the exception the object is must have one. */
function sectionLines(obj: Record<string, unknown>, isCause: boolean): string[] | undefined {
  const type = firstString(obj, TYPE_KEYS);
  if (type === undefined || !CLASS_NAME.test(type)) return undefined;
  const frames = framesOf(obj) ?? [];
  const message = firstString(obj, MESSAGE_KEYS);
  const lines = [message === undefined ? type : `${type}: ${boundText(message).trim()}`];
  for (let i = 0; i < frames.length && i < MAX_FRAMES; i++) {
    const line = frameLine(frames[i]);
    if (line !== undefined) lines.push(line);
  }
  return lines.length > 1 || isCause ? lines : undefined;
}

function framesOf(obj: Record<string, unknown>): unknown[] | undefined {
  for (const key of FRAMES_KEYS) {
    const value = obj[key];
    if (Array.isArray(value) && value.length > 0 && isRecord(value[0])) return value;
  }
  return undefined;
}

function frameLine(frame: unknown): string | undefined {
  if (!isRecord(frame)) return undefined;
  const cls = firstString(frame, FRAME_CLASS_KEYS);
  const method = firstString(frame, FRAME_METHOD_KEYS);
  if (cls === undefined || method === undefined || !CLASS_NAME.test(cls) || !METHOD_NAME.test(method)) return undefined;
  const file = firstString(frame, FRAME_FILE_KEYS);
  const line = FRAME_LINE_KEYS.map((k) => frame[k]).find((v) => typeof v === 'number' && Number.isInteger(v) && v >= 0);
  const where = file === undefined || !FILE_NAME.test(file) ? 'Unknown Source' : line === undefined ? file : `${file}:${line as number}`;
  return `\tat ${cls}.${method}(${where})`;
}

/** The cause: an exception object, or (JBoss) one wrapped as `{exception: {…}}`. */
function causeOf(obj: Record<string, unknown>): Record<string, unknown> | undefined {
  for (const key of CAUSE_KEYS) {
    const value = obj[key];
    if (!isRecord(value)) continue;
    return isRecord(value.exception) ? value.exception : value;
  }
  return undefined;
}
