// OpenTelemetry .NET's console exporter for logs (ConsoleLogRecordExporter, `AddConsoleExporter()` on the
// logging builder) prints each record as a block of lines, one Console.WriteLine each, labels padded to 35:
//
//   LogRecord.Timestamp:               2024-09-12T21:48:35.2295938Z
//   LogRecord.TraceId:                 159d3f07664838f6abdad7af6a892cfa      (TraceId, SpanId, TraceFlags
//   LogRecord.CategoryName:            Microsoft.SemanticKernel.KernelFunction   when the record has a trace)
//   LogRecord.Severity:                Info                                  (1.7+; `LogRecord.LogLevel:` before)
//   LogRecord.SeverityText:            Information
//   LogRecord.FormattedMessage:        Function InvokePromptAsync invoking.  (with IncludeFormattedMessage)
//   LogRecord.Body:                    Function {FunctionName} invoking.
//   LogRecord.Attributes (Key:Value):
//       FunctionName: InvokePromptAsync
//   LogRecord.EventId:                 10000                                 (EventId, EventName when set)
//   LogRecord.Exception:               System.TimeoutException: … (ToString(): its frames on the lines under it)
//   Resource associated with LogRecord:
//   service.name: TelemetryConsoleQuickstart
//
// (open-telemetry/opentelemetry-dotnet src/OpenTelemetry.Exporter.Console/ConsoleLogRecordExporter.cs;
// pasted in open-telemetry/opentelemetry-dotnet#1438 and #3359 and in the Semantic Kernel and OpenTelemetry
// docs.) Cloud Run stores each line as an entry with no severity: alone, no line says what happened, and
// the label lines are the same whatever the record, so each label would gather every record's lines.
// This joins a block back, per writer (instance and stream), in either time order, after the lines of
// each write were joined (reassemble.ts), and writes it as Microsoft.Extensions.Logging's simple console
// formatter writes the same record (`fail: Category[EventId]`, then the message and the exception padded
// by six spaces: normalize/dotnet-console.ts): the level is the record's own Severity, and a service that
// logs through both gets one text for one event. Only the label lines that say what the record is are
// read (category, level, message, event id, exception): the server-side pattern reads every `LogRecord.X:`
// line as a dotted name (text-severity.ts), so every source joins the same text.
import type { Joined } from './reassemble.js';
import { cloudRunStream, joinableText, microTime } from './stdout-line.js';

// A label line: `LogRecord.` and a field, a colon, then the value after the padding (or nothing).
const LABEL = /^LogRecord\.([A-Za-z]{2,20})(?: \(Key:Value\))?:(?: {1,40}|$)/;
// The lines of a block that say nothing of the record: its attributes and scopes (`    Count: 21`,
// `[Scope.0]:OrderId: 42`), the resource heading, and the resource's attributes, dotted keys
// (`service.name: portal`, `telemetry.sdk.version: 1.9.0`), and the blank lines the exporter writes.
const ATTRIBUTE = /^ {4}\S[^\n:]{0,200}: /;
const SCOPE = /^\[Scope\.\d{1,3}\]:/;
const RESOURCE_HEAD = 'Resource associated with LogRecord:';
// Resource attribute keys are semantic-convention names: lower case, dotted (not `java.lang.Error: x`).
const RESOURCE_ATTRIBUTE = /^[a-z][a-z0-9_]{0,63}(?:\.[a-z0-9_]{1,64}){1,8}: /;

/**
 * Most time, in µs, between two lines of one block: the exporter writes them one call each, at once,
 * microseconds to milliseconds apart (as frames logged a call each: frame-records.ts).
 */
const LINE_GAP_US = 100_000;
/** How long, in µs of entry time, a writer's lines wait for the rest of their block. */
const WAIT_US = 5_000_000;
/**
 * How long lines that say nothing of a record wait for a block's label lines (newest first they come
 * after): a little over the reassembly's gap, within which it passes on the lines it holds.
 */
const FILLER_WAIT_US = 1_500_000;
/** Most lines held per writer, and most writers held at once. */
const MAX_HELD = 512;
const MAX_WRITERS = 256;

/** What a line is to a block: its first line, a label line, or a line inside it that says nothing. */
type Role = 'open' | 'label' | 'filler';

interface Held {
  joined: Joined;
  text: string;
  time: number;
  seq: number;
  role: Role;
  /** The label its first line states (`Severity`), or '' for a filler. */
  field: string;
}

interface Writer {
  key: string;
  items: Held[];
  last: number;
  first: number;
  /** It holds a label line, not only fillers. */
  labelled: boolean;
}

/** The fields of a block that say what the record is. */
export interface OtelLogRecord {
  category?: string;
  /** The level as printed: `Error`, `Warn`, `Fatal` (Severity), `Warning`, `Critical` (SeverityText, LogLevel). */
  level?: string;
  message?: string;
  eventId?: string;
  /** The exception's ToString(), its lines as written. */
  exception?: string;
}

/** The role of an entry's first line, or null: no line of an exporter block. */
export function blockRole(text: string): Role | null {
  const c = text.charCodeAt(0);
  if (c === 76 /* L */) {
    const label = LABEL.exec(text.length > 64 ? text.slice(0, 64) : text);
    if (label === null) return null;
    return label[1] === 'Timestamp' ? 'open' : 'label';
  }
  if (text.trim() === '') return 'filler';
  if (c === 32) return ATTRIBUTE.test(text.length > 256 ? text.slice(0, 256) : text) ? 'filler' : null;
  if (c === 91 /* [ */) return SCOPE.test(text) ? 'filler' : null;
  if (text === RESOURCE_HEAD || text.startsWith(`${RESOURCE_HEAD}\n`)) return 'filler';
  return RESOURCE_ATTRIBUTE.test(text.length > 140 ? text.slice(0, 140) : text) ? 'filler' : null;
}

/**
 * The record a block's text states (its lines in time order), or null when no line states a level. The
 * lines under `LogRecord.Exception:` up to the next label or the resource are the exception's.
 */
export function readOtelLogRecord(text: string): OtelLogRecord | null {
  const record: OtelLogRecord = {};
  let exception: string[] | null = null;
  let level: { from: 'severity' | 'text'; value: string } | null = null;
  const endException = () => {
    if (exception !== null && record.exception === undefined) record.exception = exception.join('\n').trimEnd();
    exception = null;
  };
  for (const line of text.split('\n')) {
    const label = line.startsWith('LogRecord.') ? LABEL.exec(line.length > 64 ? line.slice(0, 64) : line) : null;
    if (label === null) {
      if (line === RESOURCE_HEAD) endException();
      else if (exception !== null) exception.push(line);
      continue;
    }
    endException();
    const value = line.slice(label[0].length).trim();
    switch (label[1]) {
      case 'CategoryName':
        record.category = value;
        break;
      case 'Severity':
        level = { from: 'severity', value };
        break;
      case 'SeverityText':
      case 'LogLevel':
        if (level?.from !== 'severity') level = { from: 'text', value };
        break;
      case 'FormattedMessage':
        record.message = value;
        break;
      case 'Body':
      case 'State':
        // The template, when the formatted message was not kept (IncludeFormattedMessage off).
        record.message ??= value;
        break;
      case 'EventId':
        record.eventId = value;
        break;
      case 'Exception':
        exception = [line.slice(label[0].length)];
        break;
      default:
        break;
    }
  }
  endException();
  if (level === null) return null;
  record.level = (level as { value: string }).value;
  if (record.message === '') delete record.message;
  if (record.exception === '') delete record.exception;
  return record;
}

// The simple console formatter's level words (Microsoft.Extensions.Logging's GetLogLevelString), by the
// OpenTelemetry short names (`Info`, `Warn`, `Error`, `Fatal`, numbered `Info2`…) and the LogLevel names.
const CONSOLE_LEVEL: ReadonlyArray<[RegExp, string]> = [
  [/^Trace\d?$/, 'trce'], [/^Debug\d?$/, 'dbug'], [/^Info(?:\d|rmation)?$/, 'info'], [/^Warn(?:\d|ing)?$/, 'warn'],
  [/^Error\d?$/, 'fail'], [/^(?:Fatal\d?|Critical)$/, 'crit'],
];
const PADDING = '      ';

/**
 * The record as the simple console formatter prints it: `fail: Category[EventId]`, then the message and
 * the exception, every line padded by six spaces. Null when its level is none of the logger's.
 */
export function consoleFormatterText(record: OtelLogRecord): string | null {
  const level = CONSOLE_LEVEL.find(([shape]) => shape.test(record.level ?? ''))?.[1];
  if (level === undefined) return null;
  const category = record.category !== undefined && /^[^\s[\]]{1,256}$/.test(record.category) ? record.category : 'LogRecord';
  const eventId = record.eventId !== undefined && /^-?\d{1,10}$/.test(record.eventId) ? record.eventId : '0';
  const body = [record.message, record.exception].filter((part): part is string => part !== undefined).join('\n');
  const lines = body === '' ? [] : body.split('\n').map((line) => (line === '' ? '' : `${PADDING}${line}`));
  return [`${level}: ${category}[${eventId}]`, ...lines].join('\n');
}

/** Joins the exporter's blocks back into one record each (see the top of the file). */
export class OtelRecordJoiner {
  private readonly writers = new Map<string, Writer>();
  private seq = 0;
  /** 1: the entries run oldest first, -1: newest first, 0: not known (from consecutive times). */
  private direction = 0;
  private lastTime: number | null = null;

  push(joined: Joined, out: Joined[]): void {
    const raw = joined.raw;
    const text = joinableText(raw);
    const key = text === null ? null : cloudRunStream(raw);
    const time = microTime(raw);
    if (time !== null) {
      if (this.lastTime !== null && time !== this.lastTime) this.direction = time > this.lastTime ? 1 : -1;
      this.lastTime = time;
      if (this.writers.size > 0) this.expire(time, out);
    }
    const role = key === null || time === null ? null : blockRole(text!);
    // A filler line is held too while its writer holds no block: newest first, a block's fillers come
    // before its label lines (and the order the reassembly passes records on in says little of which way
    // the input runs). A filler no block takes passes on as it came.
    if (role === null) {
      out.push(joined);
      return;
    }
    let writer = this.writers.get(key!);
    if (writer !== undefined && (time! - writer.last > LINE_GAP_US || writer.first - time! > LINE_GAP_US || writer.items.length >= MAX_HELD)) {
      this.flush(writer, out);
      writer = undefined;
    }
    if (writer === undefined) writer = { key: key!, items: [], first: time!, last: time!, labelled: false };
    else this.writers.delete(key!); // most recently added to: last in line for expiry
    this.writers.set(key!, writer);
    if (this.writers.size > MAX_WRITERS) this.flush(this.writers.values().next().value!, out);
    writer.items.push({ joined, text: text!, time: time!, seq: this.seq++, role, field: role === 'filler' ? '' : LABEL.exec(text!.slice(0, 64))![1]! });
    if (role !== 'filler') writer.labelled = true;
    writer.first = Math.min(writer.first, time!);
    writer.last = Math.max(writer.last, time!);
  }

  end(out: Joined[]): void {
    for (const writer of [...this.writers.values()]) this.flush(writer, out);
  }

  private expire(time: number, out: Joined[]): void {
    for (const writer of [...this.writers.values()]) {
      const wait = writer.labelled ? WAIT_US : FILLER_WAIT_US;
      if (Math.abs(time - writer.last) > wait || Math.abs(time - writer.first) > wait) this.flush(writer, out);
    }
  }

  /**
   * The writer's lines in time order, a block from each first line on: the Timestamp line, or a label the
   * block has already (releases before 1.4 open with `LogRecord.TraceId:`), or any label after a gap.
   */
  private flush(writer: Writer, out: Joined[]): void {
    this.writers.delete(writer.key);
    const tie = this.direction < 0 ? -1 : 1;
    const items = writer.items.sort((a, b) => a.time - b.time || tie * (a.seq - b.seq));
    let block: Held[] = [];
    const fields = new Set<string>();
    for (const item of items) {
      const last = block[block.length - 1];
      const near = last !== undefined && item.time - last.time <= LINE_GAP_US;
      if (item.role === 'open' || (item.role === 'label' && (!near || fields.has(item.field)))) {
        if (block.length > 0) out.push(...joinBlock(block));
        block = [item];
        fields.clear();
        fields.add(item.field);
      } else if (near) {
        block.push(item);
        fields.add(item.field);
      } else out.push(item.joined); // a filler with no block before it
    }
    if (block.length > 0) out.push(...joinBlock(block));
  }
}

/** A block as one record (fillers with no label line before them pass on as they came). */
function joinBlock(block: readonly Held[]): Joined[] {
  const head = block[0]!;
  if (head.role === 'filler') return block.map((h) => h.joined);
  const text = block.map((h) => h.text).join('\n');
  const record = readOtelLogRecord(text);
  const written = record === null ? null : consoleFormatterText(record);
  const members = block.flatMap((h) => h.joined.members).sort((a, b) => a - b);
  // A block whose level line was lost is a piece of a record: the classifier may put it with the one that holds it.
  if (written === null) return [{ raw: { ...head.joined.raw, textPayload: text }, members, piece: true }];
  return [{ raw: { ...head.joined.raw, textPayload: written }, members }];
}
