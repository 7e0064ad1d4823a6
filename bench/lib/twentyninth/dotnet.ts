// The day's .NET service: ASP.NET Core 9 minimal APIs on Serilog, the console sink's default template
// (with Serilog's request logging), then Elastic's EcsTextFormatter.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { dotnetO, hhmmss } from './clock.js';
import { as, digits, fam } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// invoices-aspnet: .NET 9, ASP.NET Core minimal APIs with Razor-free form posts (antiforgery on),
// EF Core 9 on Npgsql 9 to Cloud SQL for PostgreSQL, an HttpClient to a PDF renderer behind
// Microsoft.Extensions.Http.Resilience's standard handler (Polly 8: 10 s attempt timeout, three
// retries), a BackgroundService sending reminders. Serilog 4.2 with Serilog.AspNetCore 9
// (`UseSerilogRequestLogging`: `HTTP {RequestMethod} {RequestPath} responded {StatusCode} in
// {Elapsed:0.0000} ms`, Error for a 5xx) and `UseExceptionHandler`. Morning revision: the console sink's
// default output template `[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}` on
// stdout (the exception's ToString() on the lines after). From the rollout
// Elastic.CommonSchema.Serilog 8's `EcsTextFormatter`: `@timestamp`, `log.level` (Serilog's level
// name), `message`, `ecs.version`, `log.logger`, `labels.MessageTemplate`, `event`, `process`,
// `service`, `error{type, message, stack_trace}`, `trace.id`; no `severity`. EF Core's
// SaveChangesFailed record puts the exception's text in its message and attaches it too.
const IA = 'invoices-aspnet';

type SLevel = 'Information' | 'Warning' | 'Error';
const U3: Record<SLevel, string> = { Information: 'INF', Warning: 'WRN', Error: 'ERR' };
const SEV: Record<SLevel, number> = { Information: 2, Warning: 3, Error: 4 };

interface Ex { type: string; message: string; text: string }

type Props = Record<string, string | number | boolean>;

/**
 * A template rendered as the console sink's `{Message:lj}` does (strings as they are) or as Serilog's
 * RenderMessage does for the ECS `message` (strings in double quotes, their quotes escaped).
 */
function render(template: string, props: Props, quoted: boolean): string {
  return template.replace(/\{(\w+)(?::([^}]+))?\}/g, (_m, name: string, fmt?: string) => {
    const v = props[name];
    if (v === undefined) return `{${name}}`;
    if (typeof v === 'number') return fmt === '0.0000' ? v.toFixed(4) : String(v);
    if (typeof v === 'boolean') return v ? 'True' : 'False';
    return quoted ? `"${v.replace(/"/g, '\\"')}"` : v;
  });
}

function slog(rng: Prng, t: number, rev: 0 | 1, level: SLevel, logger: string, template: string, props: Props, ex?: Ex, trace?: string): Write {
  if (rev === 0) return { stream: 'stdout', text: `[${hhmmss(t)} ${U3[level]}] ${render(template, props, false)}${ex ? `\n${ex.text}` : ''}` };
  const json: Record<string, unknown> = {
    '@timestamp': dotnetO(t, rng.int(0, 9)), 'log.level': level, message: render(template, props, true), 'ecs.version': '8.11.0',
    log: { logger }, labels: { MessageTemplate: template },
    event: { created: dotnetO(t, rng.int(0, 9)), severity: SEV[level], timezone: 'Coordinated Universal Time' },
    process: { name: 'Invoices.Api', pid: 1, thread: { id: rng.int(4, 40) }, title: '' },
    service: { name: 'Invoices.Api', type: 'dotnet', version: '1.4.0' },
  };
  if (ex) json.error = { message: ex.message, stack_trace: ex.text, type: ex.type };
  if (trace) json['trace.id'] = trace;
  return { stream: 'stdout', json };
}

const requestLog = (rng: Prng, t: number, rev: 0 | 1, method: string, path: string, status: number, ms: number, trace: string): Write =>
  slog(rng, t, rev, status >= 500 ? 'Error' : 'Information', 'Serilog.AspNetCore.RequestLoggingMiddleware', 'HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms', { RequestMethod: method, RequestPath: path, StatusCode: status, Elapsed: ms }, undefined, trace);

const RDF = [
  '   at Microsoft.AspNetCore.Http.RequestDelegateFactory.ExecuteTaskResult[T](Task`1 task, HttpContext httpContext)',
  '   at Microsoft.AspNetCore.Antiforgery.Internal.AntiforgeryMiddleware.InvokeAwaited(HttpContext context)',
  '   at Serilog.AspNetCore.RequestLoggingMiddleware.Invoke(HttpContext httpContext)',
  '   at Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddlewareImpl.<Invoke>g__Awaited|10_0(ExceptionHandlerMiddlewareImpl middleware, HttpContext context, Task task)',
];

const saveTimeout = (): Ex => {
  const text = ['Microsoft.EntityFrameworkCore.DbUpdateException: An error occurred while saving the entity changes. See the inner exception for details.',
    ' ---> Npgsql.NpgsqlException (0x80004005): Exception while reading from stream',
    ' ---> System.TimeoutException: Timeout during reading attempt',
    '   at Npgsql.Internal.NpgsqlReadBuffer.<Ensure>g__EnsureLong|55_0(NpgsqlReadBuffer buffer, Int32 count, Boolean async, Boolean readingNotifications)',
    '   at System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder`1.StateMachineBox`1.System.Threading.Tasks.Sources.IValueTaskSource<TResult>.GetResult(Int16 token)',
    '   at Npgsql.Internal.NpgsqlConnector.ReadMessageLong(Boolean async, DataRowLoadingMode dataRowLoadingMode, Boolean readingNotifications, Boolean isReadingPrependedMessage)',
    '   --- End of inner exception stack trace ---',
    '   at Npgsql.Internal.NpgsqlConnector.ReadMessageLong(Boolean async, DataRowLoadingMode dataRowLoadingMode, Boolean readingNotifications, Boolean isReadingPrependedMessage)',
    '   at System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder`1.StateMachineBox`1.System.Threading.Tasks.Sources.IValueTaskSource<TResult>.GetResult(Int16 token)',
    '   at Npgsql.NpgsqlDataReader.NextResult(Boolean async, Boolean isConsuming, CancellationToken cancellationToken)',
    '   at Npgsql.NpgsqlCommand.ExecuteReader(Boolean async, CommandBehavior behavior, CancellationToken cancellationToken)',
    '   at Microsoft.EntityFrameworkCore.Storage.RelationalCommand.ExecuteReaderAsync(RelationalCommandParameterObject parameterObject, CancellationToken cancellationToken)',
    '   at Microsoft.EntityFrameworkCore.Update.ReaderModificationCommandBatch.ExecuteAsync(IRelationalConnection connection, CancellationToken cancellationToken)',
    '   --- End of inner exception stack trace ---',
    '   at Microsoft.EntityFrameworkCore.Update.ReaderModificationCommandBatch.ExecuteAsync(IRelationalConnection connection, CancellationToken cancellationToken)',
    '   at Microsoft.EntityFrameworkCore.Update.Internal.BatchExecutor.ExecuteAsync(IEnumerable`1 commandBatches, IRelationalConnection connection, CancellationToken cancellationToken)',
    '   at Microsoft.EntityFrameworkCore.ChangeTracking.Internal.StateManager.SaveChangesAsync(IList`1 entriesToSave, CancellationToken cancellationToken)',
    '   at Npgsql.EntityFrameworkCore.PostgreSQL.Storage.Internal.NpgsqlExecutionStrategy.ExecuteAsync[TState,TResult](TState state, Func`4 operation, Func`4 verifySucceeded, CancellationToken cancellationToken)',
    '   at Microsoft.EntityFrameworkCore.DbContext.SaveChangesAsync(Boolean acceptAllChangesOnSuccess, CancellationToken cancellationToken)'].join('\n');
  return { type: 'Microsoft.EntityFrameworkCore.DbUpdateException', message: 'An error occurred while saving the entity changes. See the inner exception for details.', text };
};

// A long VACUUM on the invoices table: inserts wait past Npgsql's read timeout. EF logs the failed
// save, the exception handler logs the request's exception, Serilog logs the 500 (one failure).
const iaSave = fam(`${IA}:invoice-save-npgsql-timeout`, 'ERROR', [40, 90], ({ rng, t, rev }) => {
  const base = saveTimeout();
  const ex: Ex = { ...base, text: `${base.text}\n   at Invoices.Api.InvoiceEndpoints.CreateAsync(CreateInvoice body, BillingDb db, CancellationToken ct) in /src/Invoices.Api/InvoiceEndpoints.cs:line 48\n${RDF.join('\n')}` };
  const trace = rng.hex(32);
  return [
    slog(rng, t, rev, 'Error', 'Microsoft.EntityFrameworkCore.Update', "An exception occurred in the database while saving changes for context type '{contextType}'.{newline}{error}", { contextType: 'Invoices.Data.BillingDb', newline: '\n', error: ex.text }, ex, trace),
    slog(rng, t + 1_500, rev, 'Error', 'Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware', 'An unhandled exception has occurred while executing the request.', {}, ex, trace),
    requestLog(rng, t + 3_000, rev, 'POST', '/invoices', 500, rng.float(30000, 30400, 4), trace),
  ];
}, 0.35);

const pdfTimeout = (top: string[]): Ex => {
  const text = ["Polly.Timeout.TimeoutRejectedException: The operation didn't complete within the allowed timeout of '00:00:10'.",
    ' ---> System.Threading.Tasks.TaskCanceledException: The operation was canceled.',
    ' ---> System.IO.IOException: Unable to read data from the transport connection: Operation canceled.',
    ' ---> System.Net.Sockets.SocketException (125): Operation canceled',
    '   --- End of inner exception stack trace ---',
    '   at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.ThrowException(SocketError error, CancellationToken cancellationToken)',
    '   at System.Net.Http.HttpConnection.SendAsync(HttpRequestMessage request, Boolean async, CancellationToken cancellationToken)',
    '   --- End of inner exception stack trace ---',
    '   at System.Net.Http.HttpConnection.SendAsync(HttpRequestMessage request, Boolean async, CancellationToken cancellationToken)',
    '   at System.Net.Http.HttpClient.<SendAsync>g__Core|83_0(HttpRequestMessage request, HttpCompletionOption completionOption, CancellationTokenSource cts, Boolean disposeCts, CancellationTokenSource pendingRequestsCts, CancellationToken originalCancellationToken)',
    '   --- End of inner exception stack trace ---',
    '   at Polly.Utils.ExceptionUtilities.TrySetStackTrace[T](T exception)',
    '   at Polly.Timeout.TimeoutResilienceStrategy.ExecuteCore[TResult,TState](Func`3 callback, ResilienceContext context, TState state)',
    '   at Polly.Outcome`1.GetResultOrRethrow()',
    '   at Polly.ResiliencePipeline.ExecuteAsync[TResult,TState](Func`3 callback, ResilienceContext context, TState state)',
    '   at Microsoft.Extensions.Http.Resilience.ResilienceHandler.SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)',
    '   at System.Net.Http.HttpClient.<SendAsync>g__Core|83_0(HttpRequestMessage request, HttpCompletionOption completionOption, CancellationTokenSource cts, Boolean disposeCts, CancellationTokenSource pendingRequestsCts, CancellationToken originalCancellationToken)',
    '   at Invoices.Pdf.PdfRendererClient.RenderAsync(Guid invoiceId, CancellationToken ct) in /src/Invoices.Pdf/PdfRendererClient.cs:line 31', ...top].join('\n');
  return { type: 'Polly.Timeout.TimeoutRejectedException', message: "The operation didn't complete within the allowed timeout of '00:00:10'.", text };
};

/** Polly's telemetry for the timed-out attempt (Warning, the same failure). */
const attempt = (rng: Prng, t: number, rev: 0 | 1, family: string, trace?: string): Write => as(slog(rng, t, rev, 'Warning', 'Polly',
  "Execution attempt. Source: '{PipelineName}/{PipelineInstance}/{StrategyName}', Operation Key: '{OperationKey}', Result: '{Result}', Handled: '{Handled}', Attempt: '{Attempt}', Execution Time: {ExecutionTimeMs}ms",
  { PipelineName: 'PdfRenderer-standard', PipelineInstance: '', StrategyName: 'Standard-AttemptTimeout', OperationKey: '', Result: "The operation didn't complete within the allowed timeout of '00:00:10'.", Handled: true, Attempt: rng.int(0, 2), ExecutionTimeMs: rng.float(10000, 10030, 4) }, undefined, trace), family, 'WARNING');

// The PDF renderer (another Cloud Run service) cold-starts past the attempt timeout: the download fails.
const iaPdf = fam(`${IA}:pdf-download-render-timeout`, 'ERROR', [30, 70], ({ rng, t, rev }) => {
  const id = rng.uuid();
  const ex = pdfTimeout([`   at Invoices.Api.InvoiceEndpoints.PdfAsync(Guid id, PdfRendererClient pdf, CancellationToken ct) in /src/Invoices.Api/InvoiceEndpoints.cs:line 93`, ...RDF]);
  const trace = rng.hex(32);
  return [
    attempt(rng, t, rev, `${IA}:pdf-download-render-timeout`, trace),
    slog(rng, t + 2_000, rev, 'Error', 'Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware', 'An unhandled exception has occurred while executing the request.', {}, ex, trace),
    requestLog(rng, t + 3_000, rev, 'GET', `/invoices/${id}/pdf`, 500, rng.float(10000, 10090, 4), trace),
  ];
}, 0.3);

// The same renderer timeout from the reminder worker: another operation, logged by the app.
const iaReminder = fam(`${IA}:reminder-render-timeout`, 'ERROR', [20, 50], ({ rng, t, rev }) => {
  const ex = pdfTimeout(['   at Invoices.Reminders.ReminderWorker.SendAsync(Invoice invoice, CancellationToken ct) in /src/Invoices.Reminders/ReminderWorker.cs:line 72', '   at Invoices.Reminders.ReminderWorker.ExecuteAsync(CancellationToken stoppingToken) in /src/Invoices.Reminders/ReminderWorker.cs:line 41']);
  const inv = digits(rng, 6);
  return [
    attempt(rng, t, rev, `${IA}:reminder-render-timeout`),
    slog(rng, t + 1_000, rev, 'Error', 'Invoices.Reminders.ReminderWorker', 'Reminder for invoice {InvoiceId} not sent: PDF render failed', { InvoiceId: Number(inv) }, ex),
  ];
});

// Forms posted after the antiforgery cookie expired (frequent): the warning and the 400's request line.
const iaAntiforgery = fam(`${IA}:antiforgery-cookie-missing`, 'WARNING', [120, 260], ({ rng, t, rev }) => {
  const trace = rng.hex(32);
  const msg = `The required antiforgery cookie ".AspNetCore.Antiforgery.${rng.base64url(11)}" is not present.`;
  return [
    slog(rng, t, rev, 'Warning', 'Microsoft.AspNetCore.Antiforgery.DefaultAntiforgery', 'Antiforgery token validation failed. {Message}', { Message: msg }, undefined, trace),
    as(requestLog(rng, t + 400, rev, 'POST', `/invoices/${digits(rng, 6)}/send`, 400, rng.float(1, 9, 4), trace), `${IA}:antiforgery-cookie-missing`, 'WARNING'),
  ];
});

const iaChatter = fam(`noise:${IA}:chatter`, 'INFO', [240, 360], ({ rng, t, rev }) => {
  const trace = rng.hex(32);
  const roll = rng.next();
  if (roll < 0.05) return [slog(rng, t, rev, 'Information', 'Microsoft.Hosting.Lifetime', 'Now listening on: {address}', { address: 'http://[::]:8080' })];
  if (roll < 0.3) return [slog(rng, t, rev, 'Information', 'Invoices.Reminders.ReminderWorker', 'Reminder run finished: {Sent} sent, {Failed} failed', { Sent: rng.int(5, 80), Failed: 0 })];
  return [requestLog(rng, t, rev, rng.pick(['GET', 'GET', 'POST']), rng.pick(['/invoices', `/invoices/${rng.uuid()}`, '/healthz']), rng.pick([200, 200, 201, 204]), rng.float(1, 120, 4), trace)];
});

export const invoicesAspnet: ServiceDef = {
  name: IA, stack: '.NET 9, ASP.NET Core minimal APIs, Serilog 4.2 (Serilog.AspNetCore 9, Elastic.CommonSchema.Serilog 8), EF Core 9 on Npgsql 9, Microsoft.Extensions.Http.Resilience', splitRate: 0.65,
  families: [iaSave, iaPdf, iaReminder, iaAntiforgery, iaChatter],
};
