// The day's .NET service: ASP.NET Core 8 controllers logging through NLog (NLog's default layout, then
// its JsonLayout with the ASP.NET renderers).
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { longdate } from './clock.js';
import { fam, req, requestLog, type Req } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// pay-nlog: .NET 8, ASP.NET Core 8 MVC controllers, `AddProblemDetails()` + `UseExceptionHandler()`,
// NLog.Web.AspNetCore 5.3 (`builder.Host.UseNLog()`, Microsoft's loggers routed through NLog, the
// hosting diagnostics at Info), Npgsql 8 with Dapper, HttpClient to a payouts partner, a BackgroundService.
// NLog's console target on stdout: the morning revision keeps NLog's default layout
// `${longdate}|${level:uppercase=true}|${logger}|${message:withexception=true}` (the exception's
// ToString on the lines after); from the rollout a JsonLayout with `time`, `level`, `logger`, `message`,
// `exception` (ToString), `traceIdentifier` (`${aspnet-TraceIdentifier}`) and `url`
// (`${aspnet-request-url}`), the last two present only inside a request. No severity.
const PN = 'pay-nlog';

function nlog(t: number, rev: 0 | 1, level: 'INFO' | 'WARN' | 'ERROR', logger: string, message: string, exception?: string, ctx?: { traceIdentifier: string; url: string }): Write {
  if (rev === 0) return { stream: 'stdout', text: `${longdate(t)}|${level}|${logger}|${message}${exception ? `\n${exception}` : ''}` };
  const json: Record<string, unknown> = { time: longdate(t), level: level === 'WARN' ? 'Warn' : level === 'ERROR' ? 'Error' : 'Info', logger, message };
  if (exception) json.exception = exception;
  if (ctx) Object.assign(json, ctx);
  return { stream: 'stdout', json };
}

const connId = (rng: Prng): string => `0HN${rng.upperAlnum(10)}`;

const HTTP_TIMEOUT = (site: string[]): string => [
  'System.Threading.Tasks.TaskCanceledException: The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.',
  ' ---> System.TimeoutException: The operation was canceled.',
  ' ---> System.Threading.Tasks.TaskCanceledException: The operation was canceled.',
  ' ---> System.IO.IOException: Unable to read data from the transport connection: Operation canceled.',
  ' ---> System.Net.Sockets.SocketException (125): Operation canceled',
  '   --- End of inner exception stack trace ---',
  '   at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.ThrowException(SocketError error, CancellationToken cancellationToken)',
  '   at System.Net.Security.SslStream.ReadAsyncInternal[TIOAdapter](Memory`1 buffer, CancellationToken cancellationToken)',
  '   at System.Net.Http.HttpConnection.SendAsync(HttpRequestMessage request, Boolean async, CancellationToken cancellationToken)',
  '   --- End of inner exception stack trace ---',
  '   at System.Net.Http.HttpClient.HandleFailure(Exception e, Boolean telemetryStarted, HttpResponseMessage response, CancellationTokenSource cts, CancellationToken cancellationToken, CancellationTokenSource pendingRequestsCts)',
  '   at System.Net.Http.HttpClient.<SendAsync>g__Core|83_0(HttpRequestMessage request, HttpCompletionOption completionOption, CancellationTokenSource cts, Boolean disposeCts, CancellationTokenSource pendingRequestsCts, CancellationToken originalCancellationToken)',
  ...site,
].join('\n');

const NPGSQL_TIMEOUT = [
  'Npgsql.NpgsqlException (0x80004005): Exception while reading from stream',
  ' ---> System.TimeoutException: Timeout during reading attempt',
  '   at Npgsql.Internal.NpgsqlReadBuffer.<Ensure>g__EnsureLong|55_0(NpgsqlReadBuffer buffer, Int32 count, Boolean async, Boolean readingNotifications)',
  '   at Npgsql.Internal.NpgsqlConnector.ReadMessageLong(Boolean async, DataRowLoadingMode dataRowLoadingMode, Boolean readingNotifications, Boolean isReadingPrependedMessage)',
  '   --- End of inner exception stack trace ---',
  '   at Npgsql.Internal.NpgsqlConnector.ReadMessageLong(Boolean async, DataRowLoadingMode dataRowLoadingMode, Boolean readingNotifications, Boolean isReadingPrependedMessage)',
  '   at Npgsql.NpgsqlDataReader.NextResult(Boolean async, Boolean isConsuming, CancellationToken cancellationToken)',
  '   at Npgsql.NpgsqlCommand.ExecuteReader(Boolean async, CommandBehavior behavior, CancellationToken cancellationToken)',
  '   at Dapper.SqlMapper.QueryAsync[T](IDbConnection cnn, Type effectiveType, CommandDefinition command) in /_/Dapper/SqlMapper.Async.cs:line 434',
  '   at Kestrelmoor.Pay.Statements.StatementRepository.ForMerchantAsync(Guid merchantId, DateOnly month) in /src/Pay/Statements/StatementRepository.cs:line 31',
  '   at Kestrelmoor.Pay.Controllers.StatementsController.Get(Guid merchantId, String month) in /src/Pay/Controllers/StatementsController.cs:line 24',
].join('\n');

/** ExceptionHandlerMiddleware's record, the hosting diagnostics' `Request finished … 500`, Cloud Run's request log. */
function aspnetFailure(rng: Prng, t: number, rev: 0 | 1, host: string, r: Req, exception: string): Write[] {
  const end = t + r.latencyUs;
  const id = connId(rng);
  const ctx = { traceIdentifier: `${id}:0000000${rng.int(1, 9)}`, url: `http://${host}${r.path}` };
  return [
    { ...nlog(end, rev, 'ERROR', 'Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware', 'An unhandled exception has occurred while executing the request.', exception, ctx), delayUs: r.latencyUs },
    { ...nlog(end + 3000, rev, 'INFO', 'Microsoft.AspNetCore.Hosting.Diagnostics', `Request finished HTTP/1.1 ${r.method} http://${host}${r.path} - 500 null application/problem+json; charset=utf-8 ${(r.latencyUs / 1000 + rng.next()).toFixed(4)}ms`, undefined, ctx), delayUs: rng.int(1500, 5000) },
    requestLog(rng, host, PN, r, rng.int(300, 3000)),
  ];
}

export const payNlog: ServiceDef = {
  name: PN, stack: '.NET 8, ASP.NET Core 8 MVC, NLog.Web.AspNetCore 5.3 (default layout, then JsonLayout), Npgsql 8 + Dapper, HttpClient', splitRate: 0.6,
  families: [
    // The payouts partner hanging for HttpClient's whole 100 s: the request fails after it.
    fam(`${PN}:payout-create-http-timeout`, 'ERROR', [30, 70], ({ rng, t, rev, host }) => {
      const r = req(rng, 'POST', `/merchants/${rng.uuid()}/payouts`, 500, rng.int(100_000_000, 100_400_000));
      return aspnetFailure(rng, t, rev, host, r, HTTP_TIMEOUT(['   at Kestrelmoor.Pay.Payouts.PartnerClient.CreateTransferAsync(TransferRequest request) in /src/Pay/Payouts/PartnerClient.cs:line 48', '   at Kestrelmoor.Pay.Controllers.PayoutsController.Create(Guid merchantId, PayoutRequest body) in /src/Pay/Controllers/PayoutsController.cs:line 33']));
    }, 0.3),
    // The same timeout from the payout BackgroundService: logged by it, no request.
    fam(`${PN}:payout-batch-http-timeout`, 'ERROR', [15, 40], ({ rng, t, rev }) => [nlog(t, rev, 'ERROR', 'Kestrelmoor.Pay.Payouts.PayoutWorker', `Payout batch PB-${rng.int(100000, 999999)} failed after ${rng.int(1, 40)} of ${rng.int(40, 90)} transfers`, HTTP_TIMEOUT(['   at Kestrelmoor.Pay.Payouts.PartnerClient.CreateTransferAsync(TransferRequest request) in /src/Pay/Payouts/PartnerClient.cs:line 48', '   at Kestrelmoor.Pay.Payouts.PayoutWorker.RunBatchAsync(PayoutBatch batch, CancellationToken ct) in /src/Pay/Payouts/PayoutWorker.cs:line 71']))]),
    // A monthly statement query running into Npgsql's command timeout (30 s).
    fam(`${PN}:statement-read-timeout`, 'ERROR', [30, 70], ({ rng, t, rev, host }) => {
      const r = req(rng, 'GET', `/merchants/${rng.uuid()}/statements/2026-${String(rng.int(1, 11)).padStart(2, '0')}`, 500, rng.int(30_000_000, 30_300_000));
      return aspnetFailure(rng, t, rev, host, r, NPGSQL_TIMEOUT);
    }),
    fam(`${PN}:dataprotection-keys-ephemeral`, 'WARNING', [100, 220], ({ t, rev }) => [nlog(t, rev, 'WARN', 'Microsoft.AspNetCore.DataProtection.Repositories.FileSystemXmlRepository', "Storing keys in a directory '/root/.aspnet/DataProtection-Keys' that may not be persisted outside of the container. Protected data will be unavailable when container is destroyed. For more information go to https://aka.ms/aspnet/dataprotectionwarning")]),
    fam(`noise:${PN}:payout-settled`, 'INFO', [120, 240], ({ rng, t, rev }) => [nlog(t, rev, 'INFO', 'Kestrelmoor.Pay.Payouts.PayoutWorker', `Payout batch PB-${rng.int(100000, 999999)} settled: ${rng.int(10, 90)} transfers, 0 failed`)]),
    fam(`noise:${PN}:request-finished-200`, 'INFO', [120, 240], ({ rng, t, rev, host }) => [nlog(t, rev, 'INFO', 'Microsoft.AspNetCore.Hosting.Diagnostics', `Request finished HTTP/1.1 GET http://${host}/merchants/${rng.uuid()}/balance - 200 null application/json; charset=utf-8 ${rng.fixed(2, 90, 4)}ms`, undefined, { traceIdentifier: `${connId(rng)}:00000001`, url: `http://${host}/merchants/balance` })]),
  ],
};
