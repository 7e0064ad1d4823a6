// The day's .NET service: a Blazor Server portal (interactive server components over a SignalR circuit)
// on ASP.NET Core 8, EF Core 8 with Npgsql, and an HttpClient to the billing API.
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { digits } from './shared.js';

// portal-blazor: .NET 8, Blazor Web App with interactive server render mode, EF Core 8 (Npgsql 8), Cloud
// Run with session affinity. Morning revision: the console logger's simple format (`warn:
// Category[EventId]`, the message and exception six spaces in; no time); from the rollout
// `AddJsonConsole()` (`EventId`, `LogLevel`, `Category`, `Message`, `Exception`, `State`), no severity.
// An exception in a component is written twice: RemoteRenderer's warning `Unhandled exception rendering
// component: …` [100], then CircuitHost's error `Unhandled exception in circuit '…'.` [111].
const PB = 'portal-blazor';

const SHORT: Record<string, string> = { Critical: 'crit', Error: 'fail', Warning: 'warn', Information: 'info' };

interface Rec { level: 'Error' | 'Warning' | 'Information'; category: string; eventId: number; message: string; format: string; state?: Record<string, unknown>; exception?: string }

function rec(rev: 0 | 1, r: Rec): Write {
  if (rev === 0) {
    const body = r.exception ? `${r.message}\n${r.exception}` : r.message;
    return { stream: 'stdout', text: `${SHORT[r.level]}: ${r.category}[${r.eventId}]\n${body.split('\n').map((l) => `      ${l}`).join('\n')}` };
  }
  const json: Record<string, unknown> = { EventId: r.eventId, LogLevel: r.level, Category: r.category, Message: r.message };
  if (r.exception) json.Exception = r.exception;
  json.State = { Message: r.message, ...(r.state ?? {}), '{OriginalFormat}': r.format };
  return { stream: 'stdout', json };
}

const circuitId = (rng: Prng): string => rng.base64url(43);
const RENDERER = 'Microsoft.AspNetCore.Components.Server.Circuits.RemoteRenderer';
const CIRCUIT = 'Microsoft.AspNetCore.Components.Server.Circuits.CircuitHost';

/** The pair every unhandled component exception writes. */
function componentFailure(rng: Prng, rev: 0 | 1, message: string, exception: string): Write[] {
  const id = circuitId(rng);
  return [
    rec(rev, { level: 'Warning', category: RENDERER, eventId: 100, message: `Unhandled exception rendering component: ${message}`, format: 'Unhandled exception rendering component: {Message}', state: { Message: message }, exception }),
    rec(rev, { level: 'Error', category: CIRCUIT, eventId: 111, message: `Unhandled exception in circuit '${id}'.`, format: "Unhandled exception in circuit '{CircuitId}'.", state: { CircuitId: id }, exception }),
  ];
}

const COMPONENT_TAIL = '   at Microsoft.AspNetCore.Components.ComponentBase.RunInitAndSetParametersAsync()\n   at Microsoft.AspNetCore.Components.RenderTree.Renderer.GetErrorHandledTask(Task taskToHandle, ComponentState owningComponentState)';

const pbNullRef: Family = {
  name: `${PB}:invoices-null-reference`, level: 'ERROR', perDay: [30, 70],
  emit: ({ rng, rev }) => {
    const msg = 'Object reference not set to an instance of an object.';
    return componentFailure(rng, rev, msg, `System.NullReferenceException: ${msg}\n   at Portal.Components.Pages.Invoices.OnInitializedAsync() in /src/Portal/Components/Pages/Invoices.razor:line ${rev === 0 ? 58 : 61}\n${COMPONENT_TAIL}`);
  },
};

const NPGSQL_TIMEOUT = 'Npgsql.NpgsqlException (0x80004005): Exception while reading from stream\n ---> System.TimeoutException: Timeout during reading attempt\n   at Npgsql.Internal.NpgsqlReadBuffer.<Ensure>g__EnsureLong|55_0(NpgsqlReadBuffer buffer, Int32 count, Boolean async, Boolean readingNotifications)\n   --- End of inner exception stack trace ---\n   at Npgsql.Internal.NpgsqlReadBuffer.<Ensure>g__EnsureLong|55_0(NpgsqlReadBuffer buffer, Int32 count, Boolean async, Boolean readingNotifications)\n   at Npgsql.Internal.NpgsqlConnector.ReadMessageLong(Boolean async, DataRowLoadingMode dataRowLoadingMode, Boolean readingNotifications, Boolean isReadingPrependedMessage)\n   at Npgsql.NpgsqlDataReader.NextResult(Boolean async, Boolean isConsuming, CancellationToken cancellationToken)\n   at Npgsql.NpgsqlCommand.ExecuteReader(Boolean async, CommandBehavior behavior, CancellationToken cancellationToken)\n   at Microsoft.EntityFrameworkCore.Storage.RelationalCommand.ExecuteReaderAsync(RelationalCommandParameterObject parameterObject, CancellationToken cancellationToken)\n   at Microsoft.EntityFrameworkCore.Query.Internal.SingleQueryingEnumerable`1.AsyncEnumerator.InitializeReaderAsync(AsyncEnumerator enumerator, CancellationToken cancellationToken)\n   at Microsoft.EntityFrameworkCore.Query.Internal.SingleQueryingEnumerable`1.AsyncEnumerator.MoveNextAsync()';

const pbOrdersTimeout: Family = {
  name: `${PB}:orders-query-timeout`, level: 'ERROR', perDay: [15, 35], burst: 0.3,
  emit: ({ rng, rev }) => {
    const withPage = `${NPGSQL_TIMEOUT}\n   at Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync[TSource](IQueryable\`1 source, CancellationToken cancellationToken)\n   at Portal.Components.Pages.Orders.LoadAsync() in /src/Portal/Components/Pages/Orders.razor:line 112\n${COMPONENT_TAIL}`;
    const ef = "An exception occurred while iterating over the results of a query for context type 'Portal.Data.PortalDbContext'.";
    return [
      rec(rev, { level: 'Error', category: 'Microsoft.EntityFrameworkCore.Query', eventId: 10100, message: `${ef}\n${NPGSQL_TIMEOUT}`, format: "An exception occurred while iterating over the results of a query for context type '{contextType}'.{newline}{error}", state: { contextType: 'Portal.Data.PortalDbContext', newline: '\n', error: NPGSQL_TIMEOUT }, exception: NPGSQL_TIMEOUT }),
      ...componentFailure(rng, rev, 'Exception while reading from stream', withPage),
    ];
  },
};

const pbBilling: Family = {
  name: `${PB}:billing-api-503`, level: 'ERROR', perDay: [20, 50],
  emit: ({ rng, rev }) => {
    const msg = 'Response status code does not indicate success: 503 (Service Unavailable).';
    return componentFailure(rng, rev, msg, `System.Net.Http.HttpRequestException: ${msg}\n   at System.Net.Http.HttpResponseMessage.EnsureSuccessStatusCode()\n   at Portal.Services.BillingClient.RetryPaymentAsync(String invoiceId) in /src/Portal/Services/BillingClient.cs:line 47\n   at Portal.Components.Pages.InvoiceDetail.RetryPayment() in /src/Portal/Components/Pages/InvoiceDetail.razor:line 93\n   at Microsoft.AspNetCore.Components.ComponentBase.CallStateHasChangedOnAsyncCompletion(Task task)\n   at Microsoft.AspNetCore.Components.RenderTree.Renderer.GetErrorHandledTask(Task taskToHandle, ComponentState owningComponentState)`);
  },
};

// A chart disposes after its browser tab went away (an instance scaled in, a laptop lid closed).
const pbDisconnected: Family = {
  name: `${PB}:chart-dispose-js-disconnected`, level: 'ERROR', perDay: [40, 90],
  emit: ({ rng, rev }) => {
    const id = circuitId(rng);
    const exception = 'Microsoft.JSInterop.JSDisconnectedException: JavaScript interop calls cannot be issued at this time. This is because the circuit has disconnected and is being disposed.\n   at Microsoft.AspNetCore.Components.Server.Circuits.RemoteJSRuntime.BeginInvokeJS(Int64 asyncHandle, String identifier, String argsJson, JSCallResultType resultType, Int64 targetInstanceId)\n   at Microsoft.JSInterop.JSRuntime.InvokeAsync[TValue](Int64 targetInstanceId, String identifier, CancellationToken cancellationToken, Object[] args)\n   at Microsoft.JSInterop.JSRuntime.InvokeAsync[TValue](Int64 targetInstanceId, String identifier, Object[] args)\n   at Microsoft.JSInterop.JSObjectReference.DisposeAsync()\n   at Portal.Components.Shared.ChartPanel.DisposeAsync() in /src/Portal/Components/Shared/ChartPanel.razor:line 88\n   at Microsoft.AspNetCore.Components.RenderTree.Renderer.<>c__DisplayClass83_0.<<Dispose>g__HandleAsyncExceptions|1>d.MoveNext()';
    return [rec(rev, { level: 'Error', category: CIRCUIT, eventId: 111, message: `Unhandled exception in circuit '${id}'.`, format: "Unhandled exception in circuit '{CircuitId}'.", state: { CircuitId: id }, exception })];
  },
};

const pbPlaceholder: Family = {
  name: `${PB}:invoice-pdf-missing`, level: 'WARNING', perDay: [150, 300],
  emit: ({ rng, rev }) => {
    const inv = `INV-2026-${digits(rng, 5)}`;
    return [rec(rev, { level: 'Warning', category: 'Portal.Services.InvoicePdfService', eventId: 0, message: `Invoice ${inv} has no PDF yet; showing placeholder`, format: 'Invoice {InvoiceId} has no PDF yet; showing placeholder', state: { InvoiceId: inv } })];
  },
};

const pbHttp: Family = {
  name: `noise:${PB}:billing-calls`, level: 'INFO', perDay: [150, 250],
  emit: ({ rng, rev }) => {
    const url = `https://billing.internal.harbor.example/v1/invoices/INV-2026-${digits(rng, 5)}`;
    const ms = rng.fixed(8, 400, 4);
    return [
      rec(rev, { level: 'Information', category: 'System.Net.Http.HttpClient.billing.LogicalHandler', eventId: 100, message: `Start processing HTTP request GET ${url}`, format: 'Start processing HTTP request {HttpMethod} {Uri}', state: { HttpMethod: 'GET', Uri: url } }),
      rec(rev, { level: 'Information', category: 'System.Net.Http.HttpClient.billing.LogicalHandler', eventId: 101, message: `End processing HTTP request after ${ms}ms - 200`, format: 'End processing HTTP request after {ElapsedMilliseconds}ms - {StatusCode}', state: { ElapsedMilliseconds: Number(ms), StatusCode: 200 } }),
    ];
  },
};

const pbStart: Family = {
  name: `noise:${PB}:start`, level: 'INFO', perDay: [6, 16],
  emit: ({ rev }) => [
    rec(rev, { level: 'Information', category: 'Microsoft.Hosting.Lifetime', eventId: 14, message: 'Now listening on: http://[::]:8080', format: 'Now listening on: {address}', state: { address: 'http://[::]:8080' } }),
    rec(rev, { level: 'Information', category: 'Microsoft.Hosting.Lifetime', eventId: 0, message: 'Application started. Press Ctrl+C to shut down.', format: 'Application started. Press Ctrl+C to shut down.' }),
    rec(rev, { level: 'Information', category: 'Microsoft.Hosting.Lifetime', eventId: 0, message: 'Hosting environment: Production', format: 'Hosting environment: {EnvName}', state: { EnvName: 'Production' } }),
  ],
};

export const portalBlazor: ServiceDef = {
  name: PB, stack: '.NET 8, Blazor Server (interactive server components), EF Core 8 on Npgsql', splitRate: 0.6,
  families: [pbNullRef, pbOrdersTimeout, pbBilling, pbDisconnected, pbPlaceholder, pbHttp, pbStart],
};
