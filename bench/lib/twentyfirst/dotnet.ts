// The .NET service: an ASP.NET Core customer portal with OpenTelemetry's console exporter for logs left
// on from development.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { isoTicks } from './clock.js';
import { fam } from './shared.js';

// OpenTelemetry .NET 1.9's ConsoleLogRecordExporter writes a record as one Console.WriteLine a field
// (`LogRecord.Timestamp:` padded to 35 columns, ...), a blank line, then the resource. On the morning
// revision the default console logger is still registered too, so each record also comes out in the
// simple formatter's `fail: Category[EventId]` + six-space-indented message and exception; the rollout
// clears the providers, leaving only the exporter. No severity on any entry.
const PO = 'portal-otel';
const pad = (k: string): string => `${k}:`.padEnd(35);
const SEV: Record<string, [string, string, string]> = {
  // level: OTel severity, severity text, simple console tag
  Error: ['Error', 'Error', 'fail'],
  Warning: ['Warn', 'Warning', 'warn'],
  Information: ['Info', 'Information', 'info'],
};
interface Rec { category: string; level: 'Error' | 'Warning' | 'Information'; eventId: number; eventName?: string; message: string; format?: string; attrs?: Record<string, string>; exception?: string }
function otel(rng: Prng, t: number, r: Rec, traced: boolean): string[] {
  const [sev, text] = SEV[r.level] ?? ['Info', 'Information'];
  const out = [`${pad('LogRecord.Timestamp')}${isoTicks(t)}`];
  if (traced) out.push(`${pad('LogRecord.TraceId')}${rng.hex(32)}`, `${pad('LogRecord.SpanId')}${rng.hex(16)}`, `${pad('LogRecord.TraceFlags')}Recorded`);
  out.push(`${pad('LogRecord.CategoryName')}${r.category}`, `${pad('LogRecord.Severity')}${sev}`, `${pad('LogRecord.SeverityText')}${text}`);
  out.push(`${pad('LogRecord.FormattedMessage')}${r.message}`, `${pad('LogRecord.Body')}${r.format ?? r.message}`);
  out.push('LogRecord.Attributes (Key:Value):');
  for (const [k, v] of Object.entries(r.attrs ?? {})) out.push(`    ${k}: ${v}`);
  out.push(`    OriginalFormat (a.k.a Body): ${r.format ?? r.message}`);
  if (r.eventId !== 0) {
    out.push(`${pad('LogRecord.EventId')}${r.eventId}`);
    if (r.eventName) out.push(`${pad('LogRecord.EventName')}${r.eventName}`);
  }
  if (r.exception) out.push(`${pad('LogRecord.Exception')}${r.exception}`);
  out.push('', 'Resource associated with LogRecord:', 'service.name: portal', `service.instance.id: ${rng.uuid()}`, 'telemetry.sdk.name: opentelemetry', 'telemetry.sdk.language: dotnet', 'telemetry.sdk.version: 1.9.0', '');
  return out;
}
const simple = (r: Rec): string => {
  const tag = SEV[r.level]?.[2] ?? 'info';
  const body = r.message.split('\n').map((l) => `      ${l}`).join('\n');
  return `${tag}: ${r.category}[${r.eventId}]\n${body}${r.exception ? `\n      ${r.exception}` : ''}`;
};
function records(rng: Prng, t: number, rev: 0 | 1, rs: readonly Rec[], traced: boolean): Write[] {
  const out: Write[] = [];
  let at = t;
  for (const r of rs) {
    if (rev === 0) out.push({ stream: 'stdout', text: simple(r) });
    for (const line of otel(rng, at, r, traced)) if (line !== '') out.push({ stream: 'stdout', text: line });
    at += rng.int(300, 3000);
  }
  return out;
}
const UNHANDLED: Omit<Rec, 'exception'> = { category: 'Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware', level: 'Error', eventId: 1, eventName: 'UnhandledException', message: 'An unhandled exception has occurred while executing the request.' };
const npgsqlTimeout = [
  'Npgsql.NpgsqlException (0x80004005): Exception while reading from stream',
  ' ---> System.TimeoutException: Timeout during reading attempt',
  '   at Npgsql.Internal.NpgsqlReadBuffer.<Ensure>g__EnsureLong|55_0(NpgsqlReadBuffer buffer, Int32 count, Boolean async, Boolean readingNotifications)',
  '   at Npgsql.Internal.NpgsqlConnector.ReadMessageLong(Boolean async, DataRowLoadingMode dataRowLoadingMode, Boolean readingNotifications, Boolean isReadingPrependedMessage)',
  '   --- End of inner exception stack trace ---',
  '   at Npgsql.NpgsqlDataReader.NextResult(Boolean async, Boolean isConsuming, CancellationToken cancellationToken)',
  '   at Npgsql.NpgsqlCommand.ExecuteReader(Boolean async, CommandBehavior behavior, CancellationToken cancellationToken)',
  '   at Microsoft.EntityFrameworkCore.Storage.RelationalCommand.ExecuteReaderAsync(RelationalCommandParameterObject parameterObject, CancellationToken cancellationToken)',
  '   at Microsoft.EntityFrameworkCore.Query.Internal.SingleQueryingEnumerable`1.AsyncEnumerator.InitializeReaderAsync(AsyncEnumerator enumerator, CancellationToken cancellationToken)',
  '   at Portal.Invoices.InvoiceEndpoints.ListAsync(PortalDbContext db, Int32 customerId, CancellationToken ct) in /src/Portal/Invoices/InvoiceEndpoints.cs:line 37',
  '   at Microsoft.AspNetCore.Http.RequestDelegateFactory.ExecuteTaskResult[T](Task`1 task, HttpContext httpContext)',
  '   at Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddlewareImpl.<Invoke>g__Awaited|10_0(ExceptionHandlerMiddlewareImpl middleware, HttpContext context, Task task)',
].join('\n');
const concurrency = [
  "Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException: The database operation was expected to affect 1 row(s), but actually affected 0 row(s); data may have been modified or deleted since entities were loaded. See https://go.microsoft.com/fwlink/?LinkId=527962 for information on understanding and handling optimistic concurrency exceptions.",
  '   at Npgsql.EntityFrameworkCore.PostgreSQL.Update.Internal.NpgsqlModificationCommandBatch.ThrowAggregateUpdateConcurrencyExceptionAsync(RelationalDataReader reader, Int32 commandIndex, Int32 expectedRowsAffected, Int32 rowsAffected, CancellationToken cancellationToken)',
  '   at Npgsql.EntityFrameworkCore.PostgreSQL.Update.Internal.NpgsqlModificationCommandBatch.Consume(RelationalDataReader reader, Boolean async, CancellationToken cancellationToken)',
  '   at Microsoft.EntityFrameworkCore.Update.Internal.BatchExecutor.ExecuteAsync(IEnumerable`1 commandBatches, IRelationalConnection connection, CancellationToken cancellationToken)',
  '   at Microsoft.EntityFrameworkCore.DbContext.SaveChangesAsync(Boolean acceptAllChangesOnSuccess, CancellationToken cancellationToken)',
  '   at Portal.Profile.ProfileEndpoints.UpdateAsync(PortalDbContext db, ProfileUpdate update, CancellationToken ct) in /src/Portal/Profile/ProfileEndpoints.cs:line 52',
].join('\n');
export const portalOtel: ServiceDef = {
  name: PO, stack: '.NET 8, ASP.NET Core minimal APIs (Kestrel), EF Core 8 on Npgsql 8, OpenTelemetry .NET 1.9 with the console exporter for logs, Cloud SQL for PostgreSQL', splitRate: 0.8,
  families: [
    fam(`${PO}:invoices-read-timeout`, 'ERROR', [8, 20], ({ rng, t, rev }) => records(rng, t, rev, [{ ...UNHANDLED, exception: npgsqlTimeout }], true), 0.4),
    // EF Core logs the failed save, then the exception handler logs the same exception: one failure.
    fam(`${PO}:profile-concurrency`, 'ERROR', [5, 14], ({ rng, t, rev }) => records(rng, t, rev, [
      { category: 'Microsoft.EntityFrameworkCore.Update', level: 'Error', eventId: 10000, eventName: 'Microsoft.EntityFrameworkCore.Update.SaveChangesFailed', message: "An exception occurred in the database while saving changes for context type 'Portal.Data.PortalDbContext'.", format: "An exception occurred in the database while saving changes for context type '{contextType}'.{newline}{error}", attrs: { contextType: 'Portal.Data.PortalDbContext' }, exception: concurrency },
      { ...UNHANDLED, exception: concurrency },
    ], true)),
    // Cloud Run ends TLS in front, so the app has no https port to redirect to.
    fam(`${PO}:https-port`, 'WARNING', [6, 14], ({ rng, t, rev }) => records(rng, t, rev, [{ category: 'Microsoft.AspNetCore.HttpsPolicy.HttpsRedirectionMiddleware', level: 'Warning', eventId: 3, eventName: 'FailedToDeterminePort', message: 'Failed to determine the https port for redirect.' }], true)),
    // At each start: keys kept in the container's memory only.
    fam(`${PO}:ephemeral-keys`, 'WARNING', [4, 10], ({ rng, t, rev }) => records(rng, t, rev, [
      { category: 'Microsoft.AspNetCore.DataProtection.Repositories.EphemeralXmlRepository', level: 'Warning', eventId: 50, eventName: 'UsingInmemoryRepository', message: 'Using an in-memory repository. Keys will not be persisted to storage.' },
      { category: 'Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager', level: 'Warning', eventId: 59, eventName: 'UsingEphemeralKeyRepository', message: 'Neither user profile nor HKLM registry available. Using an ephemeral key repository. Protected data will be unavailable when application exits.' },
    ], false)),
    fam(`noise:${PO}:requests`, 'INFO', [35, 60], ({ rng, t, rev }) => {
      const n = rng.int(0, 40);
      const c = rng.int(1, 9000);
      return records(rng, t, rev, [{ category: 'Portal.Invoices.InvoiceEndpoints', level: 'Information', eventId: 0, message: `Listed ${n} invoices for customer ${c} (errors=0)`, format: 'Listed {Count} invoices for customer {CustomerId} (errors=0)', attrs: { Count: String(n), CustomerId: String(c) } }], true);
    }),
  ],
};
