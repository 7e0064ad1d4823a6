// OpenTelemetry .NET's console exporter for logs (otel-log-records.ts): a record's block of label lines,
// one entry per line on Cloud Run, joined back per writer in either time order and read as the simple
// console formatter's record of the same event, its level from its own Severity line.
import { blockRole, consoleFormatterText, readOtelLogRecord } from '../../../src/source/otel-log-records.js';
import { reassembleAll } from '../../../src/source/reassemble.js';
import { normalizeEntry } from '../../../src/normalize/normalize-entry.js';
import type { Entry, RawEntry } from '../../../src/shared/types.js';
import { cloudRunLines, pieces, texts } from '../../support/cloud-run-lines.js';

const { line, writes } = cloudRunLines('stdout');

// As the Semantic Kernel observability docs paste the exporter's output (OpenTelemetry .NET 1.9).
const SEMANTIC_KERNEL = `LogRecord.Timestamp:               2024-09-12T21:48:35.2295938Z
LogRecord.TraceId:                 159d3f07664838f6abdad7af6a892cfa
LogRecord.SpanId:                  ac79a006da8a6215
LogRecord.TraceFlags:              Recorded
LogRecord.CategoryName:            Microsoft.SemanticKernel.KernelFunction
LogRecord.Severity:                Info
LogRecord.SeverityText:            Information
LogRecord.FormattedMessage:        Function InvokePromptAsync_290eb9bece084b00aea46b569174feae invoking.
LogRecord.Body:                    Function {FunctionName} invoking.
LogRecord.Attributes (Key:Value):
    FunctionName: InvokePromptAsync_290eb9bece084b00aea46b569174feae
    OriginalFormat (a.k.a Body): Function {FunctionName} invoking.

Resource associated with LogRecord:
service.name: TelemetryConsoleQuickstart
service.instance.id: a637dfc9-0e83-4435-9534-fb89902e64f8
telemetry.sdk.name: opentelemetry
telemetry.sdk.language: dotnet
telemetry.sdk.version: 1.9.0`;

// A warning as pasted under the console logger's own line in a project's notes (1.8), without a resource.
const REQUEST_TIME = `LogRecord.Timestamp:               2024-05-18T22:42:21.4624039Z
LogRecord.TraceId:                 f37bdaa73ae16f0c7aa161a69f48bd4a
LogRecord.SpanId:                  ce657749d526be42
LogRecord.TraceFlags:              None
LogRecord.CategoryName:            ArchDdd.Application.Abstractions.Middlewares.RequestTimeMiddleware
LogRecord.Severity:                Warn
LogRecord.SeverityText:            Warning
LogRecord.FormattedMessage:        Request [POST] at /api/user/register took 37205.9216 ms
LogRecord.Body:                    Request [{Method}] at {Path} took {Milliseconds} ms
LogRecord.Attributes (Key:Value):
    Method: POST
    Path: /api/user/register
    Milliseconds: 37205.9216`;

// An error with its exception (ToInvariantString(): the frames under it), as the exporter's source
// writes the Exception label (open-telemetry/opentelemetry-dotnet ConsoleLogRecordExporter.cs), from an
// ASP.NET Core app over Npgsql.
const UNHANDLED = `LogRecord.Timestamp:               2026-12-12T10:00:00.1234567Z
LogRecord.CategoryName:            Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware
LogRecord.Severity:                Error
LogRecord.SeverityText:            Error
LogRecord.FormattedMessage:        An unhandled exception has occurred while executing the request.
LogRecord.Body:                    An unhandled exception has occurred while executing the request.
LogRecord.Attributes (Key:Value):
    OriginalFormat (a.k.a Body): An unhandled exception has occurred while executing the request.
LogRecord.EventId:                 1
LogRecord.EventName:               UnhandledException
LogRecord.Exception:               Npgsql.NpgsqlException (0x80004005): Exception while reading from stream
 ---> System.TimeoutException: Timeout during reading attempt
   at Npgsql.Internal.NpgsqlConnector.ReadMessageLong(Boolean async, DataRowLoadingMode dataRowLoadingMode, Boolean readingNotifications, Boolean isReadingPrependedMessage)
   --- End of inner exception stack trace ---
   at Npgsql.NpgsqlDataReader.NextResult(Boolean async, Boolean isConsuming, CancellationToken cancellationToken)
   at Portal.Invoices.InvoiceEndpoints.ListAsync(PortalDbContext db, Int32 customerId, CancellationToken ct) in /src/Portal/Invoices/InvoiceEndpoints.cs:line 31

Resource associated with LogRecord:
service.name: portal
telemetry.sdk.name: opentelemetry
telemetry.sdk.language: dotnet
telemetry.sdk.version: 1.9.0`;

// The simple console formatter's record of the same event, as the service writes it beside the exporter.
const UNHANDLED_CONSOLE = `fail: Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware[1]
      An unhandled exception has occurred while executing the request.
      Npgsql.NpgsqlException (0x80004005): Exception while reading from stream
       ---> System.TimeoutException: Timeout during reading attempt
         at Npgsql.Internal.NpgsqlConnector.ReadMessageLong(Boolean async, DataRowLoadingMode dataRowLoadingMode, Boolean readingNotifications, Boolean isReadingPrependedMessage)
         --- End of inner exception stack trace ---
         at Npgsql.NpgsqlDataReader.NextResult(Boolean async, Boolean isConsuming, CancellationToken cancellationToken)
         at Portal.Invoices.InvoiceEndpoints.ListAsync(PortalDbContext db, Int32 customerId, CancellationToken ct) in /src/Portal/Invoices/InvoiceEndpoints.cs:line 31`;

/** One entry per line, each its own write 300 µs apart; blank lines dropped, as Cloud Run may. */
function exported(block: string, start: number, instance?: string): RawEntry[] {
  return block.split('\n').filter((l) => l.trim() !== '').map((text, i) => line(text, start + i * 300, instance));
}

const normalized = (raw: RawEntry) => normalizeEntry(raw) as Entry;

describe('readOtelLogRecord: what a block says', () => {
  it('reads the category, level, message, event id and the exception with its frames', () => {
    const record = readOtelLogRecord(UNHANDLED)!;
    expect(record.category).toBe('Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware');
    expect(record.level).toBe('Error');
    expect(record.message).toBe('An unhandled exception has occurred while executing the request.');
    expect(record.eventId).toBe('1');
    expect(record.exception!.split('\n')).toHaveLength(6);
    expect(record.exception).toMatch(/^Npgsql\.NpgsqlException \(0x80004005\)/);
    expect(record.exception).not.toContain('Resource associated');
  });

  it('takes the template when the formatted message was not kept, and the older LogLevel label', () => {
    const record = readOtelLogRecord('LogRecord.CategoryName:            Program\nLogRecord.LogLevel:                Critical\nLogRecord.Body:                    Food `{name}` recalled.')!;
    expect(record).toMatchObject({ level: 'Critical', message: 'Food `{name}` recalled.', category: 'Program' });
  });

  it('reads no record from lines that state no level', () => {
    expect(readOtelLogRecord('LogRecord.Timestamp:               2024-09-12T21:48:35.2295938Z\nLogRecord.TraceId:                 159d3f07664838f6abdad7af6a892cfa')).toBeNull();
  });
});

describe('blockRole: what a line is to a block', () => {
  it.each([
    ['LogRecord.Timestamp:               2024-09-12T21:48:35.2295938Z', 'open'],
    ['LogRecord.Severity:                Warn', 'label'],
    ['LogRecord.Attributes (Key:Value):', 'label'],
    ['    FunctionName: InvokePromptAsync', 'filler'],
    ['[Scope.0]:OrderId: 42', 'filler'],
    ['Resource associated with LogRecord:', 'filler'],
    ['service.instance.id: a637dfc9-0e83-4435-9534-fb89902e64f8', 'filler'],
    ['telemetry.sdk.version: 1.9.0', 'filler'],
  ])('%s', (text, role) => {
    expect(blockRole(text)).toBe(role);
  });

  it.each([
    ['an exception line', 'java.lang.IllegalStateException: boom'],
    ['a .NET exception line', 'System.InvalidOperationException: Sequence contains no elements'],
    ['a log line', 'info: Portal.Invoices.InvoiceEndpoints[0]'],
    ['a frame', '   at Portal.Invoices.InvoiceEndpoints.ListAsync() in /src/x.cs:line 31'],
    ['a sentence about a record', 'LogRecord.Timestamp is set by the SDK'],
  ])('no line of a block: %s', (_name, text) => {
    expect(blockRole(text)).toBeNull();
  });
});

describe('consoleFormatterText: the record as the console logger prints it', () => {
  it.each([
    ['Info', 'info'], ['Warn', 'warn'], ['Error', 'fail'], ['Fatal', 'crit'], ['Debug', 'dbug'], ['Trace', 'trce'],
    ['Information', 'info'], ['Warning', 'warn'], ['Critical', 'crit'], ['Error2', 'fail'],
  ])('%s -> %s', (level, word) => {
    expect(consoleFormatterText({ level, category: 'App', message: 'x' })).toBe(`${word}: App[0]\n      x`);
  });

  it('refuses a level that is none of the logger words', () => {
    expect(consoleFormatterText({ level: 'Verbose', category: 'App', message: 'x' })).toBeNull();
  });
});

describe('OtelRecordJoiner in the reassembly: one record a block', () => {
  it('joins an error block written one line per entry into one record, at its own level', () => {
    const out = reassembleAll(exported(UNHANDLED, 0));
    expect(out).toHaveLength(1);
    expect(pieces(out)).toEqual([false]);
    const entry = normalized(out[0]!.raw);
    expect(entry.severity).toBe('ERROR');
    expect(entry.text).toContain('An unhandled exception has occurred while executing the request.');
    expect(entry.text).toContain('Npgsql.NpgsqlException (0x80004005): Exception while reading from stream');
    expect(entry.text).not.toMatch(/LogRecord\.|service\.name/);
  });

  it('reads the same text as the console logger for the same event', () => {
    const [otel] = reassembleAll(exported(UNHANDLED, 0));
    const [console] = reassembleAll([line(UNHANDLED_CONSOLE, 0)]);
    const a = normalized(otel!.raw);
    const b = normalized(console!.raw);
    expect(a.text).toBe(b.text);
    expect(a.severity).toBe(b.severity);
  });

  it('joins the same in either time order', () => {
    const entries = [...exported(SEMANTIC_KERNEL, 0), ...exported(REQUEST_TIME, 50_000)];
    const oldest = texts(reassembleAll(entries));
    const newest = texts(reassembleAll([...entries].reverse()));
    expect(oldest).toHaveLength(2);
    expect([...newest].sort()).toEqual([...oldest].sort());
    expect(oldest[1]).toBe('warn: ArchDdd.Application.Abstractions.Middlewares.RequestTimeMiddleware[0]\n      Request [POST] at /api/user/register took 37205.9216 ms');
  });

  it('keeps two instances apart when their blocks interleave', () => {
    const a = exported(UNHANDLED, 0, 'instance-a');
    const b = exported(REQUEST_TIME, 150, 'instance-b');
    const mixed = [...a, ...b].sort((x, y) => String(x.timestamp).localeCompare(String(y.timestamp)));
    const out = texts(reassembleAll(mixed));
    expect(out).toHaveLength(2);
    expect(out.some((t) => t.startsWith('fail: Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware[1]'))).toBe(true);
    expect(out.some((t) => t.startsWith('warn: ArchDdd'))).toBe(true);
  });

  it('opens a new record at a label the block has already (releases that open with TraceId)', () => {
    const old = (level: string, message: string) => `LogRecord.TraceId:            00000000000000000000000000000000
LogRecord.CategoryName:       Program
LogRecord.LogLevel:           ${level}
LogRecord.State:              ${message}`;
    const out = texts(reassembleAll(writes(`${old('Warning', 'Disk almost full')}\n${old('Error', 'Disk full')}`, 0)));
    expect(out).toEqual(['warn: Program[0]\n      Disk almost full', 'fail: Program[0]\n      Disk full']);
  });

  it('marks a block whose level line was lost a piece', () => {
    const out = reassembleAll(exported('LogRecord.Timestamp:               2026-12-12T10:00:00.1234567Z\nLogRecord.CategoryName:            Program', 0));
    expect(out).toHaveLength(1);
    expect(pieces(out)).toEqual([true]);
  });

  it('leaves alone lines that only look like a block when none is held', () => {
    const lines = ['service.name: portal', '    Count: 21', 'info: Portal.Invoices.InvoiceEndpoints[0]'];
    const out = texts(reassembleAll(lines.map((text, i) => line(text, i * 300_000))));
    expect(out).toEqual(lines);
  });

  it('leaves alone a log line that merely mentions a LogRecord', () => {
    const text = 'LogRecord.Timestamp is set by the SDK, not by the app';
    expect(texts(reassembleAll([line(text, 0)]))).toEqual([text]);
  });
});
