// The .NET service of the twenty-fourth day: ASP.NET Core 9 minimal APIs on Cloud SQL for SQL Server,
// the console logger's simple format in the morning and its JSON format after. Formats follow
// Microsoft.Extensions.Logging.Console's source and the reports cited in README.md.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { fam } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// ledger-sqlserver: .NET 9, ASP.NET Core minimal APIs, EF Core 9 on Microsoft.Data.SqlClient 5.2 to
// Cloud SQL for SQL Server 2022, a Cloud Tasks queue calling `POST /tasks/settle`. Morning: the
// console logger's simple formatter (`fail: Category[EventId]`, the message and the exception
// indented six spaces, one write per record). After the rollout: `AddJsonConsole()` (`EventId`,
// `LogLevel`, `Category`, `Message`, `Exception`, `State`), one line per record, no severity. A failed
// SaveChanges writes three records (EF's command, EF's update, the exception handler's): one failure.
const LEDGER = 'ledger-sqlserver';
const CTX = 'Ledger.Data.LedgerDb';

const LEVEL: Record<string, [string, string]> = { Error: ['fail', 'Error'], Warning: ['warn', 'Warning'], Information: ['info', 'Information'], Critical: ['crit', 'Critical'] };

/** One console record: simple (morning) or JSON (after). */
function record(rev: 0 | 1, level: 'Error' | 'Warning' | 'Information', category: string, eventId: number, message: string, exception?: string, state: Record<string, unknown> = {}): Write {
  const [short] = LEVEL[level] ?? ['info'];
  if (rev === 0) {
    const body = [message, ...(exception ? [exception] : [])].join('\n').split('\n').map((l) => `      ${l}`).join('\n');
    return { stream: 'stdout', text: `${short}: ${category}[${eventId}]\n${body}` };
  }
  return { stream: 'stdout', json: { EventId: eventId, LogLevel: level, Category: category, Message: message, ...(exception ? { Exception: exception } : {}), State: { Message: message, ...state } } };
}

const SQLCLIENT_FRAMES = [
  '   at Microsoft.Data.SqlClient.SqlCommand.<>c.<ExecuteDbDataReaderAsync>b__209_0(Task`1 result)',
  '   at System.Threading.Tasks.ContinuationResultTaskFromResultTask`2.InnerInvoke()',
  '   at System.Threading.ExecutionContext.RunFromThreadPoolDispatchLoop(Thread threadPoolThread, ExecutionContext executionContext, ContextCallback callback, Object state)',
  '--- End of stack trace from previous location ---',
  '   at Microsoft.EntityFrameworkCore.Storage.RelationalCommand.ExecuteReaderAsync(RelationalCommandParameterObject parameterObject, CancellationToken cancellationToken)',
];

const conn = (rng: Prng): string => `ClientConnectionId:${rng.uuid()}`;

const transferDeadlock = fam(`${LEDGER}:transfer-deadlock-victim`, 'ERROR', [15, 40], ({ rng, rev }) => {
  const sqlEx = `Microsoft.Data.SqlClient.SqlException (0x80131904): Transaction (Process ID ${rng.int(51, 140)}) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction.`;
  const inner = [sqlEx, ...SQLCLIENT_FRAMES, '   at Microsoft.EntityFrameworkCore.Update.ReaderModificationCommandBatch.ExecuteAsync(IRelationalConnection connection, CancellationToken cancellationToken)', conn(rng), 'Error Number:1205,State:51,Class:13'];
  const ex = ['Microsoft.EntityFrameworkCore.DbUpdateException: An error occurred while saving the entity changes. See the inner exception for details.', ` ---> ${inner[0]}`, ...inner.slice(1), '   --- End of inner exception stack trace ---',
    '   at Microsoft.EntityFrameworkCore.Update.ReaderModificationCommandBatch.ExecuteAsync(IRelationalConnection connection, CancellationToken cancellationToken)',
    '   at Microsoft.EntityFrameworkCore.Update.Internal.BatchExecutor.ExecuteAsync(IEnumerable`1 commandBatches, IRelationalConnection connection, CancellationToken cancellationToken)',
    '   at Microsoft.EntityFrameworkCore.DbContext.SaveChangesAsync(Boolean acceptAllChangesOnSuccess, CancellationToken cancellationToken)',
    '   at Ledger.Api.Transfers.TransferEndpoints.PostTransfer(TransferRequest request, LedgerDb db, CancellationToken ct) in /src/Ledger.Api/Transfers/TransferEndpoints.cs:line 48',
    '   at Microsoft.AspNetCore.Http.RequestDelegateFactory.ExecuteTaskResult[T](Task`1 task, HttpContext httpContext)',
    '   at Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddlewareImpl.<Invoke>g__Awaited|10_0(ExceptionHandlerMiddlewareImpl middleware, HttpContext context, Task task)'].join('\n');
  const elapsed = rng.int(8, 400);
  const command = `Failed executing DbCommand (${elapsed}ms) [Parameters=[@p1='?' (DbType = Int64), @p0='?' (Precision = 18) (Scale = 2) (DbType = Decimal), @p3='?' (DbType = Int64), @p2='?' (Precision = 18) (Scale = 2) (DbType = Decimal)], CommandType='Text', CommandTimeout='30']\nSET IMPLICIT_TRANSACTIONS OFF;\nSET NOCOUNT ON;\nUPDATE [Accounts] SET [Balance] = @p0\nOUTPUT 1\nWHERE [Id] = @p1;\nUPDATE [Accounts] SET [Balance] = @p2\nOUTPUT 1\nWHERE [Id] = @p3;`;
  const update = `An exception occurred in the database while saving changes for context type '${CTX}'.\n${ex}`;
  return [
    record(rev, 'Error', 'Microsoft.EntityFrameworkCore.Database.Command', 20102, command, `${sqlEx}\n${SQLCLIENT_FRAMES.join('\n')}`, { elapsed: String(elapsed), commandType: 'Text', commandTimeout: 30 }),
    record(rev, 'Error', 'Microsoft.EntityFrameworkCore.Update', 10000, update, ex, { contextType: CTX }),
    record(rev, 'Error', 'Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware', 1, 'An unhandled exception has occurred while executing the request.', ex),
  ];
}, 0.25);

const reportTimeout = fam(`${LEDGER}:balance-report-timeout`, 'ERROR', [15, 40], ({ rng, rev }) => {
  const ex = ['Microsoft.Data.SqlClient.SqlException (0x80131904): Execution Timeout Expired.  The timeout period elapsed prior to completion of the operation or the server is not responding.', ' ---> System.ComponentModel.Win32Exception (258): The wait operation timed out.', '   --- End of inner exception stack trace ---', ...SQLCLIENT_FRAMES,
    '   at Microsoft.EntityFrameworkCore.Query.Internal.SingleQueryingEnumerable`1.AsyncEnumerator.InitializeReaderAsync(AsyncEnumerator enumerator, CancellationToken cancellationToken)',
    '   at Microsoft.EntityFrameworkCore.Query.Internal.SingleQueryingEnumerable`1.AsyncEnumerator.MoveNextAsync()',
    '   at Ledger.Api.Reports.BalanceReport.BuildAsync(DateOnly day, LedgerDb db, CancellationToken ct) in /src/Ledger.Api/Reports/BalanceReport.cs:line 36',
    conn(rng), 'Error Number:-2,State:0,Class:11'].join('\n');
  return [
    record(rev, 'Error', 'Microsoft.EntityFrameworkCore.Query', 10100, `An exception occurred while iterating over the results of a query for context type '${CTX}'.\n${ex}`, ex, { contextType: CTX }),
    record(rev, 'Error', 'Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware', 1, 'An unhandled exception has occurred while executing the request.', ex),
  ];
});

const settleThrottled = fam(`${LEDGER}:settlement-bank-throttled`, 'ERROR', [30, 80], ({ rng, rev }) => {
  const batch = `2026120${rng.int(3, 4)}-${String(rng.int(1, 48)).padStart(2, '0')}`;
  const retry = rng.int(0, 7);
  const ex = ['System.Net.Http.HttpRequestException: Response status code does not indicate success: 429 (Too Many Requests).', '   at System.Net.Http.HttpResponseMessage.EnsureSuccessStatusCode()', '   at Ledger.Api.Settlement.BankClient.SubmitAsync(SettlementBatch batch, CancellationToken ct) in /src/Ledger.Api/Settlement/BankClient.cs:line 41', '   at Ledger.Api.Settlement.SettleTaskHandler.HandleAsync(HttpContext context, LedgerDb db, BankClient bank) in /src/Ledger.Api/Settlement/SettleTaskHandler.cs:line 29'].join('\n');
  return [record(rev, 'Error', 'Ledger.Api.Settlement.SettleTaskHandler', 0, `Settlement batch ${batch} failed on Cloud Tasks retry ${retry}`, ex, { BatchId: batch, RetryCount: retry, '{OriginalFormat}': 'Settlement batch {BatchId} failed on Cloud Tasks retry {RetryCount}' })];
}, 0.2);

const KEYS = '/home/app/.aspnet/DataProtection-Keys';
/** A new instance's start: two Data Protection warnings (two problems) and the host's lines. */
const boot = fam(`${LEDGER}:dataprotection-keys-not-persisted`, 'WARNING', [8, 20], ({ rng, rev }) => [
  record(rev, 'Warning', 'Microsoft.AspNetCore.DataProtection.Repositories.FileSystemXmlRepository', 60, `Storing keys in a directory '${KEYS}' that may not be persisted outside of the container. Protected data will be unavailable when container is destroyed. For more information go to https://aka.ms/aspnet/dataprotectionwarning`, undefined, { path: KEYS }),
  { ...record(rev, 'Warning', 'Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager', 35, `No XML encryptor configured. Key {${rng.uuid()}} may be persisted to storage in unencrypted form.`), as: { family: `${LEDGER}:dataprotection-no-encryptor`, level: 'WARNING' } },
  { ...record(rev, 'Information', 'Microsoft.Hosting.Lifetime', 14, 'Now listening on: http://[::]:8080'), as: { family: `noise:${LEDGER}:boot`, level: 'INFO' } },
  { ...record(rev, 'Information', 'Microsoft.Hosting.Lifetime', 0, 'Application started. Press Ctrl+C to shut down.'), as: { family: `noise:${LEDGER}:boot`, level: 'INFO' } },
]);

const ledgerChatter = fam(`noise:${LEDGER}:posted`, 'INFO', [200, 450], ({ rng, rev }) => [rng.chance(0.7)
  ? record(rev, 'Information', 'Ledger.Api.Transfers.TransferEndpoints', 0, `Transfer ${rng.int(100000, 999999)} posted: 2 entries, 0 errors`)
  : record(rev, 'Information', 'Ledger.Api.Settlement.SettleTaskHandler', 0, `Settlement batch 2026120${rng.int(3, 4)}-${String(rng.int(1, 48)).padStart(2, '0')} submitted (${rng.int(10, 900)} transfers, errors=0)`)]);

export const ledgerSqlserver: ServiceDef = {
  name: LEDGER, stack: '.NET 9, ASP.NET Core minimal APIs, EF Core 9, Microsoft.Data.SqlClient 5.2, Cloud SQL for SQL Server 2022, Cloud Tasks', splitRate: 0.6,
  families: [transferDeadlock, reportTimeout, settleThrottled, boot, ledgerChatter],
};
