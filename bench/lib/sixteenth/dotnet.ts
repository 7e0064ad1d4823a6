// An ASP.NET Core minimal API logging through Google.Cloud.Logging.Console's formatter: one JSON object a
// line, `message`, `category`, `severity` (which Cloud Run lifts), `exception` as the exception's
// ToString(), `format_parameters` when the template had any. The rollout turns on `IncludeScopes` and
// `TraceGoogleCloudProjectId`, adding `scopes` and the trace fields.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { PROJECT } from './shared.js';

/** `params` holds the template's values and, as `{OriginalFormat}`, the template. */
interface Rec { severity: 'ERROR' | 'WARNING' | 'INFO' | 'CRITICAL'; category: string; message: string; exception?: string; params?: Record<string, string> }

function gcf(rng: Prng, rev: 0 | 1, r: Rec, path: string): Write {
  const json: Record<string, unknown> = { message: r.message, category: r.category, severity: r.severity };
  if (r.exception) json.exception = r.exception;
  if (r.params) json.format_parameters = r.params;
  if (rev === 1) {
    const trace = rng.hex(32);
    json.scopes = [{ SpanId: rng.hex(16), TraceId: trace, ParentId: '0000000000000000' }, { ConnectionId: `0HN8${rng.upperAlnum(9)}` }, { RequestId: `0HN8${rng.upperAlnum(9)}:0000000${rng.int(1, 9)}`, RequestPath: path }];
    json['logging.googleapis.com/trace'] = `projects/${PROJECT}/traces/${trace}`;
    json['logging.googleapis.com/spanId'] = rng.hex(16);
    json['logging.googleapis.com/trace_sampled'] = rng.chance(0.1);
  }
  return { stream: 'stdout', json };
}
const conn = (rng: Prng): Record<string, string> => {
  const id = `0HN8${rng.upperAlnum(9)}`;
  return { ConnectionId: id, TraceIdentifier: `${id}:0000000${rng.int(1, 9)}`, '{OriginalFormat}': 'Connection id "{ConnectionId}", Request id "{TraceIdentifier}": An unhandled exception was thrown by the application.' };
};
const kestrel = (p: Record<string, string>): string => `Connection id "${p.ConnectionId}", Request id "${p.TraceIdentifier}": An unhandled exception was thrown by the application.`;
const FIRESTORE_EX = 'Grpc.Core.RpcException: Status(StatusCode="DeadlineExceeded", Detail="Deadline Exceeded")\n   at Google.Api.Gax.Grpc.ApiServerStreamingCall`2.<>c__DisplayClass0_0.<Create>b__0(TRequest req, CallSettings cs)\n   at Google.Cloud.Firestore.WatchStream.GetNextResponse(CancellationToken cancellationToken)\n   at Google.Cloud.Firestore.Query.StreamResponsesAsync(ByteString transactionId, CancellationToken cancellationToken, Boolean allowLimitToLast)\n   at Google.Cloud.Firestore.Query.GetSnapshotAsync(ByteString transactionId, CancellationToken cancellationToken)\n   at Orders.Api.OrderStore.ListOpenAsync(String customerId) in /src/Orders.Api/OrderStore.cs:line 48\n   at Microsoft.AspNetCore.Http.RequestDelegateFactory.ExecuteTaskResult[T](Task`1 task, HttpContext httpContext)\n   at Microsoft.AspNetCore.Server.Kestrel.Core.Internal.Http.HttpProtocol.ProcessRequests[TContext](IHttpApplication`1 application)';
const TIER_EX = 'System.InvalidOperationException: Sequence contains no elements\n   at System.Linq.ThrowHelper.ThrowNoElementsException()\n   at System.Linq.Enumerable.First[TSource](IEnumerable`1 source)\n   at Orders.Api.Pricing.ResolveTier(Customer customer) in /src/Orders.Api/Pricing.cs:line 22\n   at Orders.Api.Endpoints.<>c.<<MapOrders>b__0_2>d.MoveNext() in /src/Orders.Api/Endpoints.cs:line 57\n--- End of stack trace from previous location ---\n   at Microsoft.AspNetCore.Http.RequestDelegateFactory.ExecuteTaskResult[T](Task`1 task, HttpContext httpContext)\n   at Microsoft.AspNetCore.Server.Kestrel.Core.Internal.Http.HttpProtocol.ProcessRequests[TContext](IHttpApplication`1 application)';
const STORAGE_MSG = `The service storage has thrown an exception. HttpStatusCode is Forbidden. orders-api@${PROJECT}.iam.gserviceaccount.com does not have storage.objects.create access to the Google Cloud Storage object. Permission 'storage.objects.create' denied on resource (or it may not exist).`;
const STORAGE_EX = `Google.GoogleApiException: ${STORAGE_MSG}\n   at Google.Apis.Upload.ResumableUpload.InitiateSessionAsync(CancellationToken cancellationToken)\n   at Google.Apis.Upload.ResumableUpload.UploadAsync(CancellationToken cancellationToken)\n   at Google.Cloud.Storage.V1.StorageClientImpl.UploadHelper.ExecuteAsync()\n   at Orders.Api.Invoices.StoreAsync(Order order) in /src/Orders.Api/Invoices.cs:line 31`;
const HOST_EX = 'Npgsql.NpgsqlException (0x80004005): Failed to connect to 10.20.0.3:5432\n ---> System.TimeoutException: Timeout during connection attempt\n   at Npgsql.Internal.NpgsqlConnector.Connect(NpgsqlTimeout timeout)\n   at Npgsql.Internal.NpgsqlConnector.RawOpen(SslMode sslMode, NpgsqlTimeout timeout, Boolean async, CancellationToken cancellationToken)\n   --- End of inner exception stack trace ---\n   at Npgsql.Internal.NpgsqlConnector.Open(NpgsqlTimeout timeout, Boolean async, CancellationToken cancellationToken)\n   at Orders.Api.OutboxWorker.ExecuteAsync(CancellationToken stoppingToken) in /src/Orders.Api/OutboxWorker.cs:line 29\n   at Microsoft.Extensions.Hosting.Internal.Host.TryExecuteBackgroundServiceAsync(BackgroundService backgroundService)';

export const ordersDotnet: ServiceDef = {
  name: 'orders-dotnet', stack: '.NET 8, ASP.NET Core minimal APIs (Kestrel), Google.Cloud.Logging.Console 1.x, Google.Cloud.Firestore 3, Google.Cloud.Storage.V1 4, Npgsql 8', splitRate: 0.7,
  families: [
    {
      name: 'orders-dotnet:list-orders-firestore-deadline', level: 'ERROR', perDay: [33, 77], burst: 0.3,
      emit: ({ rng, rev }) => {
        const p = conn(rng);
        return [gcf(rng, rev, { severity: 'ERROR', category: 'Microsoft.AspNetCore.Server.Kestrel', message: kestrel(p), exception: FIRESTORE_EX, params: p }, `/v1/customers/${rng.int(1000, 99999)}/orders`)];
      },
    },
    {
      name: 'orders-dotnet:pricing-tier-no-elements', level: 'ERROR', perDay: [22, 66],
      emit: ({ rng, rev }) => {
        const p = conn(rng);
        return [gcf(rng, rev, { severity: 'ERROR', category: 'Microsoft.AspNetCore.Server.Kestrel', message: kestrel(p), exception: TIER_EX, params: p }, '/v1/orders/quote')];
      },
    },
    {
      name: 'orders-dotnet:invoice-upload-forbidden', level: 'ERROR', perDay: [18, 44],
      emit: ({ rng, rev }) => {
        const id = String(rng.int(10000, 999999));
        return [gcf(rng, rev, { severity: 'ERROR', category: 'Orders.Api.Invoices', message: `Invoice upload failed for order ${id}`, exception: STORAGE_EX, params: { OrderId: id, '{OriginalFormat}': 'Invoice upload failed for order {OrderId}' } }, `/v1/orders/${id}/invoice`)];
      },
    },
    {
      name: 'orders-dotnet:outbox-worker-stopped-host', level: 'CRITICAL', perDay: [1, 3],
      emit: ({ rng, rev }): Write[] => [
        { ...gcf(rng, rev, { severity: 'ERROR', category: 'Microsoft.Extensions.Hosting.Internal.Host', message: 'BackgroundService failed', exception: HOST_EX }, '/'), as: { family: 'orders-dotnet:outbox-worker-stopped-host', level: 'ERROR' } },
        gcf(rng, rev, { severity: 'CRITICAL', category: 'Microsoft.Extensions.Hosting.Internal.Host', message: 'The HostOptions.BackgroundServiceExceptionBehavior is configured to StopHost. A BackgroundService has thrown an unhandled exception, and the IHost instance is stopping. To avoid this behavior, configure this to Ignore; however the BackgroundService will not be restarted.', exception: HOST_EX }, '/'),
        { ...gcf(rng, rev, { severity: 'INFO', category: 'Microsoft.Hosting.Lifetime', message: 'Application is shutting down...' }, '/'), as: { family: 'noise:orders-dotnet:lifetime', level: 'INFO' } },
      ],
    },
    {
      name: 'orders-dotnet:https-port-undetermined', level: 'WARNING', perDay: [330, 660],
      emit: ({ rng, rev }) => [gcf(rng, rev, { severity: 'WARNING', category: 'Microsoft.AspNetCore.HttpsPolicy.HttpsRedirectionMiddleware', message: 'Failed to determine the https port for redirect.' }, '/v1/orders')],
    },
    {
      name: 'noise:orders-dotnet:lifetime', level: 'INFO', perDay: [168, 265],
      emit: ({ rng, rev }) => [rng.weighted<Write>([
        [gcf(rng, rev, { severity: 'INFO', category: 'Microsoft.Hosting.Lifetime', message: 'Now listening on: http://[::]:8080', params: { address: 'http://[::]:8080', '{OriginalFormat}': 'Now listening on: {address}' } }, '/'), 1],
        [gcf(rng, rev, { severity: 'INFO', category: 'Microsoft.Hosting.Lifetime', message: 'Application started. Press Ctrl+C to shut down.' }, '/'), 1],
        [gcf(rng, rev, { severity: 'INFO', category: 'Orders.Api.Endpoints', message: `Quoted order with ${rng.int(1, 20)} lines (warnings: 0, errors: 0)` }, '/v1/orders/quote'), 20],
      ])],
    },
  ],
};
