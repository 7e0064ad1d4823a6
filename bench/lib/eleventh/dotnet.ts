// hooks-dotnet: .NET 8, ASP.NET Core minimal APIs on Kestrel, Npgsql 8, Polly 8 (Microsoft.Extensions.Http.
// Resilience), with the console logger's systemd formatter: `<N>Category[EventId] message exception` on
// one line, syslog's priority first (`<6>` information, `<4>` warning, `<3>` error, `<2>` critical) and
// every newline of the message and of the exception replaced by a space (SystemdConsoleFormatter). The
// morning revision has no time; the later one sets `TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ "`.
import type { Ctx, ServiceDef, Write } from '../stranger/model.js';
import { isoMillis } from './clock.js';
import { familyOf } from './family.js';

const SERVICE = 'hooks-dotnet';
const fam = familyOf(SERVICE);
const PRI = { INFO: '<6>', WARN: '<4>', ERROR: '<3>', CRIT: '<2>' } as const;

function rec(ctx: Ctx, level: keyof typeof PRI, category: string, eventId: number, message: string, exception?: string): Write {
  const time = ctx.rev === 0 ? '' : `${isoMillis(ctx.t)} `;
  const oneLine = (s: string): string => s.replace(/\n/g, ' ');
  return { stream: 'stdout', text: `${PRI[level]}${time}${category}[${eventId}] ${oneLine(message)}${exception === undefined ? '' : ` ${oneLine(exception)}`}` };
}

const kestrelId = (ctx: Ctx): string => `0HN8${ctx.rng.upperAlnum(9)}`;
const kestrel13 = (ctx: Ctx): string => {
  const id = kestrelId(ctx);
  return `Connection id "${id}", Request id "${id}:${String(ctx.rng.int(1, 40)).padStart(8, '0')}": An unhandled exception was thrown by the application.`;
};
const aspnetTail = `   at Microsoft.AspNetCore.Http.RequestDelegateFactory.ExecuteTaskResult[T](Task\`1 task, HttpContext httpContext)
   at Microsoft.AspNetCore.Routing.EndpointMiddleware.<Invoke>g__AwaitRequestTask|7_0(Endpoint endpoint, Task requestTask, ILogger logger)
   at Microsoft.AspNetCore.Server.Kestrel.Core.Internal.Http.HttpProtocol.ProcessRequests[TContext](IHttpApplication\`1 application)`;

export const hooksDotnet: ServiceDef = {
  name: SERVICE,
  stack: '.NET 8, ASP.NET Core 8 minimal APIs, Npgsql 8, Polly 8',
  splitRate: 0.7,
  families: [
    fam('request-finished', 'INFO', [320, 520], (ctx) => [rec(ctx, 'INFO', 'Microsoft.AspNetCore.Hosting.Diagnostics', 2,
      `Request finished HTTP/1.1 POST http://hooks-dotnet/v1/events - ${ctx.rng.weighted([[202, 90], [400, 6], [500, 4]] as const)} 0 - ${ctx.rng.fixed(0.5, 90, 4)}ms`)]),
    fam('dispatch-summary', 'INFO', [40, 80], (ctx) => [rec(ctx, 'INFO', 'Hooks.Api.Dispatch.WebhookDispatcher', 0,
      `Dispatched ${ctx.rng.int(1, 60)} events to ${ctx.rng.int(1, 20)} subscriptions, 0 errors`)]),
    // Two problems behind Kestrel's one message (event 13): Npgsql's read timeout and an empty sequence.
    fam('npgsql-read-timeout', 'ERROR', [8, 22], (ctx) => [rec(ctx, 'ERROR', 'Microsoft.AspNetCore.Server.Kestrel', 13, kestrel13(ctx),
      `Npgsql.NpgsqlException (0x80004005): Exception while reading from stream
 ---> System.TimeoutException: Timeout during reading attempt
   at Npgsql.Internal.NpgsqlReadBuffer.<Ensure>g__EnsureLong|55_0(NpgsqlReadBuffer buffer, Int32 count, Boolean async, Boolean readingNotifications)
   --- End of inner exception stack trace ---
   at Npgsql.Internal.NpgsqlConnector.ReadMessageLong(Boolean async, DataRowLoadingMode dataRowLoadingMode, Boolean readingNotifications, Boolean isReadingPrependedMessage)
   at Npgsql.NpgsqlDataReader.NextResult(Boolean async, Boolean isConsuming, CancellationToken cancellationToken)
   at Npgsql.NpgsqlCommand.ExecuteReader(Boolean async, CommandBehavior behavior, CancellationToken cancellationToken)
   at Hooks.Api.Data.EventStore.AppendAsync(WebhookEvent evt, CancellationToken ct) in /src/Hooks.Api/Data/EventStore.cs:line 47
   at Hooks.Api.Endpoints.Events.Post(WebhookEvent evt, EventStore store, CancellationToken ct) in /src/Hooks.Api/Endpoints/Events.cs:line 22
${aspnetTail}`)], 0.3),
    fam('subscription-no-elements', 'ERROR', [5, 14], (ctx) => [rec(ctx, 'ERROR', 'Microsoft.AspNetCore.Server.Kestrel', 13, kestrel13(ctx),
      `System.InvalidOperationException: Sequence contains no elements
   at System.Linq.ThrowHelper.ThrowNoElementsException()
   at System.Linq.Enumerable.First[TSource](IEnumerable\`1 source)
   at Hooks.Api.Endpoints.Subscriptions.Get(Int32 id, SubscriptionCache cache) in /src/Hooks.Api/Endpoints/Subscriptions.cs:line 31
${aspnetTail}`)]),
    // The dispatcher's delivery failures: the subscription id and host vary.
    fam('delivery-refused', 'ERROR', [10, 28], (ctx) => {
      const host = `${ctx.rng.lower(6)}.partner.example.com`;
      return [rec(ctx, 'ERROR', 'Hooks.Api.Dispatch.WebhookDispatcher', 0, `Delivery to subscription ${ctx.rng.int(100, 9999)} failed after 3 attempts`,
        `System.Net.Http.HttpRequestException: Connection refused (${host}:443)
 ---> System.Net.Sockets.SocketException (111): Connection refused
   at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.ThrowException(SocketError error, CancellationToken cancellationToken)
   at System.Net.Http.HttpConnectionPool.ConnectToTcpHostAsync(String host, Int32 port, HttpRequestMessage initialRequest, Boolean async, CancellationToken cancellationToken)
   --- End of inner exception stack trace ---
   at Hooks.Api.Dispatch.WebhookDispatcher.DeliverAsync(Subscription sub, WebhookEvent evt, CancellationToken ct) in /src/Hooks.Api/Dispatch/WebhookDispatcher.cs:line 88`)];
    }),
    // Frequent and real: partners answering 503 and Polly retrying.
    fam('polly-retry', 'WARNING', [80, 210], (ctx) => [rec(ctx, 'WARN', 'Polly', 3,
      `Execution attempt. Source: 'partner-delivery-standard//Standard-Retry', Operation Key: '', Result: '503', Handled: 'True', Attempt: '${ctx.rng.int(0, 2)}', Execution Time: ${ctx.rng.fixed(100, 3000, 4)}ms`)]),
  ],
};
