// The OpenTelemetry Java SDK's logging exporter for logs (SystemOutLogRecordExporter, `otel.logs.exporter=
// console` / `logging`, also in the Java agent) prints each log record on one line:
//
//   2026-12-12T10:00:00.123Z ERROR 'body' : 4bf92f3577b34da6a3ce929d0e0e4736 00f067aa0ba902b7 [scopeInfo: com.acme.Orders:] {exception.message="…", exception.stacktrace="…", exception.type="…"}
//
// (open-telemetry/opentelemetry-java exporters/logging SystemOutLogRecordExporter.formatLog: the time in
// ISO_DATE_TIME, the Severity enum's name, the body quoted, the span context, the scope's name and
// version, the attributes in their `{key=value, …}` form, string values quoted and not escaped; see
// open-telemetry/opentelemetry-java#8712 and #8713 on what the line holds.) Releases before it printed to
// System.out wrote the same line through java.util.logging at INFO, so the Java agent's own logger puts
// `[otel.javaagent 2026-12-12 10:00:00:123 +0000] [main] INFO io.opentelemetry.exporter.logging.
// SystemOutLogRecordExporter - ` before it: INFO whatever the record says. The record inside is what the
// application logged, read as OTLP's fields (severityText, body, the exception's attributes) as an embedded
// JSON record is (embedded-record.ts): its level is the entry's, and its body and exception its message.

/** The record starts within this many characters of the line: after a logger's header at most. */
const MAX_PREFIX_CHARS = 400;
/** The record is read from at most this much of the text. */
const MAX_RECORD_CHARS = 64 * 1024;

// The time and the severity (`INFO`, `ERROR2`, `UNDEFINED_SEVERITY_NUMBER`), then the body's opening quote.
const HEAD = /(?:^|[\s-])(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?Z) (TRACE|DEBUG|INFO|WARN|ERROR|FATAL|UNDEFINED_SEVERITY_NUMBER)[234]? '/;
// Where the body ends: the span context (zeros when none) and the scope, its name (which may hold
// brackets: Tomcat's `…ContainerBase.[Tomcat].[localhost]`), a colon and its version; the attributes follow.
const TAIL = /^' : [0-9a-f]{32} [0-9a-f]{16} \[scopeInfo: [^\n]{0,512}?:[^\s\]]{0,64}\] ?(?=\{)/;
const ATTRIBUTE_KEY = /^[A-Za-z_][\w.-]{0,100}=/;
const ATTRIBUTES_END = /\}[ \t\r]*(?:\n|$)/;
const EXCEPTION_KEYS = ['exception.type', 'exception.message', 'exception.stacktrace'] as const;

/** The log record a SystemOutLogRecordExporter line holds (OTLP's field names), or null when it holds none. */
export function systemOutRecord(text: string): Record<string, unknown> | null {
  // Cheap refusal first: every such line has the scope marker.
  const scope = text.indexOf(' [scopeInfo: ');
  if (scope < 0) return null;
  const lineEnd = text.indexOf('\n');
  const first = text.slice(0, Math.min(lineEnd < 0 ? text.length : lineEnd, MAX_PREFIX_CHARS + 64));
  const head = HEAD.exec(first);
  if (head === null || head.index > MAX_PREFIX_CHARS) return null;
  const bounded = text.length > MAX_RECORD_CHARS ? text.slice(0, MAX_RECORD_CHARS) : text;
  const bodyStart = head.index + head[0].length;
  // The body is quoted but not escaped: it ends at the first `' : <trace id> <span id> [scopeInfo: `
  // (a body that holds that too is a record printed inside a record, which no logger writes).
  let end = -1;
  let tail: RegExpExecArray | null = null;
  for (let at = bounded.indexOf("' : ", bodyStart); at >= 0 && tail === null; at = bounded.indexOf("' : ", at + 1)) {
    tail = TAIL.exec(bounded.slice(at, at + 600));
    end = at;
  }
  // A line cut before its span context (Cloud Run stores a body's lines apart, and a write may be cut)
  // still states the record's level, and its body so far.
  if (tail === null) return { severityText: head[2], body: bounded.slice(bodyStart).trimEnd() };
  const record: Record<string, unknown> = { severityText: head[2], body: bounded.slice(bodyStart, end) };
  // The attributes run to the end of their line, or of the last line of a value printed over several
  // (a stack trace): to the first `}` that ends a line, before any line of another record.
  const from = end + tail[0].length;
  const close = ATTRIBUTES_END.exec(bounded.slice(from));
  const attributes = close === null ? '' : bounded.slice(from, from + close.index + 1);
  if (attributes.startsWith('{')) Object.assign(record, exceptionAttributes(attributes.slice(1, -1)));
  return record;
}

/**
 * The exception's attributes among the record's (`exception.message="…", exception.stacktrace="…"`).
 * Values are not escaped: one ends where `", ` and the next key follow, or at the end.
 */
function exceptionAttributes(inner: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const key of EXCEPTION_KEYS) {
    const open = `${key}="`;
    const at = inner.startsWith(open) ? 0 : inner.indexOf(`, ${open}`);
    if (at < 0) continue;
    const start = at + (at === 0 ? 0 : 2) + open.length;
    let stop = inner.length;
    for (let next = inner.indexOf('", ', start); next >= 0; next = inner.indexOf('", ', next + 1)) {
      if (ATTRIBUTE_KEY.test(inner.slice(next + 3, next + 110))) {
        stop = next;
        break;
      }
    }
    const value = stop === inner.length ? inner.slice(start).replace(/"$/, '') : inner.slice(start, stop);
    if (value !== '') found[key] = value;
  }
  return found;
}
