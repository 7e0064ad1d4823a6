// The day's .NET service: ASP.NET Core 9 minimal APIs on the console logger's JSON formatter, set up as
// the .NET docs' example sets it (indented, `HH:mm:ss ` timestamps) until the rollout makes it one line.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { hmsSpace } from './clock.js';
import { fam, req, requestLog, type Req } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// ledger-aspnet9: .NET 9, ASP.NET Core minimal APIs, `AddProblemDetails()` + `UseExceptionHandler()`,
// `UseHttpsRedirection()` left in from the template, EF Core 9 on Npgsql 9, a BackgroundService
// reconciler, the template's appsettings (`Microsoft.AspNetCore: Warning`, so no hosting request
// records). `AddJsonConsole` with the options of the docs' example (`IncludeScopes = false`,
// `TimestampFormat = "HH:mm:ss "`, `JsonWriterOptions { Indented = true }`) in the morning: every
// record a multi-line JSON object in one write, which Cloud Run cannot parse and stores line by line;
// from the rollout `Indented = false`, one JSON line Cloud Run parses (no severity: `LogLevel`). Fields
// `Timestamp`, `EventId`, `LogLevel`, `Category`, `Message`, `Exception` (ToString), `State`.
const LA = 'ledger-aspnet9';

function jc(t: number, rev: 0 | 1, level: 'Information' | 'Warning' | 'Error', eventId: number, category: string, message: string, exception?: string, state: Record<string, unknown> = {}): Write {
  const json: Record<string, unknown> = { Timestamp: hmsSpace(t), EventId: eventId, LogLevel: level, Category: category, Message: message };
  if (exception) json.Exception = exception;
  json.State = { Message: message, ...state, '{OriginalFormat}': state['{OriginalFormat}'] ?? message };
  return rev === 1 ? { stream: 'stdout', json } : { stream: 'stdout', text: JSON.stringify(json, null, 2) };
}

const EXHAUSTED = (site: string[]): string => [
  "Npgsql.NpgsqlException (0x80004005): The connection pool has been exhausted, either raise 'Max Pool Size' (currently 20) or 'Timeout' (currently 15 seconds) in your connection string.",
  ' ---> System.TimeoutException: The operation has timed out.',
  '   --- End of inner exception stack trace ---',
  '   at Npgsql.PoolingDataSource.<Get>g__RentAsync|34_0(NpgsqlConnection conn, NpgsqlTimeout timeout, Boolean async, CancellationToken cancellationToken)',
  '   at Npgsql.NpgsqlConnection.<Open>g__OpenAsync|42_0(Boolean async, CancellationToken cancellationToken)',
  '   at Microsoft.EntityFrameworkCore.Storage.RelationalConnection.OpenInternalAsync(Boolean errorsExpected, CancellationToken cancellationToken)',
  '   at Microsoft.EntityFrameworkCore.Storage.RelationalConnection.OpenAsync(CancellationToken cancellationToken, Boolean errorsExpected)',
  '   at Microsoft.EntityFrameworkCore.Query.Internal.SingleQueryingEnumerable`1.AsyncEnumerator.InitializeReaderAsync(AsyncEnumerator enumerator, CancellationToken cancellationToken)',
  '   at Npgsql.EntityFrameworkCore.PostgreSQL.Storage.Internal.NpgsqlExecutionStrategy.ExecuteAsync[TState,TResult](TState state, Func`4 operation, Func`4 verifySucceeded, CancellationToken cancellationToken)',
  ...site,
].join('\n');

const DUPLICATE = (line: number): string => [
  'Microsoft.EntityFrameworkCore.DbUpdateException: An error occurred while saving the entity changes. See the inner exception for details.',
  ` ---> Npgsql.PostgresException (0x80004005): 23505: duplicate key value violates unique constraint "IX_entries_idempotency_key"`,
  '',
  `DETAIL: Detail redacted as it may contain sensitive data. Specify 'Include Error Detail' in the connection string to include this information.`,
  '   at Npgsql.Internal.NpgsqlConnector.ReadMessageLong(Boolean async, DataRowLoadingMode dataRowLoadingMode, Boolean readingNotifications, Boolean isReadingPrependedMessage)',
  '   at Npgsql.NpgsqlDataReader.NextResult(Boolean async, Boolean isConsuming, CancellationToken cancellationToken)',
  '   at Microsoft.EntityFrameworkCore.Update.ReaderModificationCommandBatch.ExecuteAsync(IRelationalConnection connection, CancellationToken cancellationToken)',
  '  Exception data:',
  '    Severity: ERROR',
  '    SqlState: 23505',
  '    MessageText: duplicate key value violates unique constraint "IX_entries_idempotency_key"',
  '    SchemaName: public',
  '    TableName: entries',
  '    ConstraintName: IX_entries_idempotency_key',
  '   --- End of inner exception stack trace ---',
  '   at Microsoft.EntityFrameworkCore.Update.ReaderModificationCommandBatch.ExecuteAsync(IRelationalConnection connection, CancellationToken cancellationToken)',
  '   at Microsoft.EntityFrameworkCore.DbContext.SaveChangesAsync(Boolean acceptAllChangesOnSuccess, CancellationToken cancellationToken)',
  `   at Program.<>c.<<<Main>$>b__0_3>d.MoveNext() in /src/Ledger.Api/Program.cs:line ${line}`,
].join('\n');

const UNHANDLED = 'An unhandled exception has occurred while executing the request.';
const EH = 'Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware';

function handlerFailure(rng: Prng, t: number, rev: 0 | 1, host: string, r: Req, exception: string, before: Write[] = []): Write[] {
  const at = t + r.latencyUs;
  const lead = before.map((w, i) => (i === 0 ? { ...w, delayUs: r.latencyUs - 3000 } : w));
  return [
    ...lead,
    { ...jc(at - 1500, rev, 'Error', 1, EH, UNHANDLED, exception), delayUs: lead.length ? rng.int(200, 1200) : r.latencyUs - 1500 },
    requestLog(rng, host, LA, r, rng.int(1500, 4000)),
  ];
}

export const ledgerAspnet9: ServiceDef = {
  name: LA, stack: '.NET 9, ASP.NET Core minimal APIs, AddJsonConsole (indented, then one line), EF Core 9 / Npgsql 9', splitRate: 0.8,
  families: [
    fam(`${LA}:entries-pool-exhausted`, 'ERROR', [40, 90], ({ rng, t, rev, host }) => {
      const r = req(rng, 'GET', `/ledger/accounts/${rng.uuid()}/entries`, 500, rng.int(15_001_000, 15_040_000));
      return handlerFailure(rng, t, rev, host, r, EXHAUSTED([`   at Program.<>c.<<<Main>$>b__0_2>d.MoveNext() in /src/Ledger.Api/Program.cs:line ${rng.pick([44, 45])}`, '   at Microsoft.AspNetCore.Http.RequestDelegateFactory.<ExecuteTaskResult>g__ExecuteAwaited|119_0[T](Task`1 task, HttpContext httpContext, JsonTypeInfo`1 jsonTypeInfo)', '   at Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddlewareImpl.<Invoke>g__Awaited|10_0(ExceptionHandlerMiddlewareImpl middleware, HttpContext context, Task task)']));
    }, 0.3),
    // EF Core logs the failed save, then the exception handler logs the same exception: one failure.
    fam(`${LA}:entry-duplicate-key`, 'ERROR', [20, 60], ({ rng, t, rev, host }) => {
      const r = req(rng, 'POST', '/ledger/entries', 500, rng.int(20_000, 160_000));
      const ex = DUPLICATE(rng.pick([58, 59]));
      return handlerFailure(rng, t, rev, host, r, ex, [jc(t + r.latencyUs - 3000, rev, 'Error', 10000, 'Microsoft.EntityFrameworkCore.Update', "An exception occurred in the database while saving changes for context type 'Ledger.Data.LedgerDb'.", ex, { contextType: 'Ledger.Data.LedgerDb', '{OriginalFormat}': "An exception occurred in the database while saving changes for context type '{contextType}'." })]);
    }),
    // The same pool exhaustion in the reconciler, a BackgroundService with no request.
    fam(`${LA}:reconcile-pool-exhausted`, 'ERROR', [15, 40], ({ rng, t, rev }) => {
      const n = rng.int(0, 400);
      return [jc(t, rev, 'Error', 0, 'Ledger.Reconciler', `Reconciliation pass failed after ${n} accounts`, EXHAUSTED(['   at Ledger.Reconciler.ExecuteAsync(CancellationToken stoppingToken) in /src/Ledger.Api/Reconciler.cs:line 37']), { count: n, '{OriginalFormat}': 'Reconciliation pass failed after {count} accounts' })];
    }),
    // The template's UseHttpsRedirection behind Cloud Run's TLS: no https port to redirect to.
    fam(`${LA}:https-port-undetermined`, 'WARNING', [150, 300], ({ t, rev }) => [jc(t, rev, 'Warning', 3, 'Microsoft.AspNetCore.HttpsPolicy.HttpsRedirectionMiddleware', 'Failed to determine the https port for redirect.')]),
    fam(`noise:${LA}:posted`, 'INFO', [150, 300], ({ rng, t, rev }) => {
      const id = rng.uuid();
      return [jc(t, rev, 'Information', 0, 'Ledger.Api', `Posted entry ${id} (0 warnings)`, undefined, { id, '{OriginalFormat}': 'Posted entry {id} (0 warnings)' })];
    }),
  ],
};
