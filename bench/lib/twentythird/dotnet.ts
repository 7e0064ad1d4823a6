// The .NET service of the twenty-third day: ASP.NET Core 8 with Serilog's compact JSON formats. Formats
// follow Serilog.Formatting.Compact's source and the reports cited in README.md.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { isoTicks } from './clock.js';
import { fam } from './shared.js';

// pay-compact: .NET 8 minimal APIs, Serilog 4 with Serilog.AspNetCore 8, EF Core 8 on Npgsql 8,
// Google.Cloud.PubSub.V1 3. Morning: `CompactJsonFormatter` (`@t`, `@mt`, `@l` left out at
// Information, `@x`, `@tr`/`@sp`, then the properties); after the rollout `RenderedCompactJsonFormatter`
// (`@m`, the rendered message, and `@i`, the template's event id, instead of `@mt`). No severity.
// UseSerilogRequestLogging writes `HTTP {RequestMethod} {RequestPath} responded {StatusCode} in
// {Elapsed:0.0000} ms`, at Error for a 500.
const SVC = 'pay-compact';

interface Ev { level?: 'Warning' | 'Error'; template: string; rendered: string; props: Record<string, unknown>; x?: string }

/** The template's event id as `@i` prints it: eight hex digits from the template text. */
function eventId(template: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < template.length; i += 1) h = Math.imul(h ^ template.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

function compact(rng: Prng, t: number, rev: 0 | 1, e: Ev, traced: boolean): Write {
  const json: Record<string, unknown> = { '@t': isoTicks(t) };
  if (rev === 0) json['@mt'] = e.template;
  else { json['@m'] = e.rendered; json['@i'] = eventId(e.template); }
  if (e.level) json['@l'] = e.level;
  if (e.x) json['@x'] = e.x;
  if (traced) { json['@tr'] = rng.hex(32); json['@sp'] = rng.hex(16); }
  Object.assign(json, e.props);
  return { stream: 'stdout', json };
}

const REQ_TEMPLATE = 'HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms';
const requestRecord = (rng: Prng, t: number, rev: 0 | 1, method: string, path: string, status: number, ids: Record<string, string>): Write => {
  const elapsed = rng.float(2, 900, 4);
  return compact(rng, t, rev, {
    level: status >= 500 ? 'Error' : undefined, template: REQ_TEMPLATE, rendered: `HTTP "${method}" "${path}" responded ${status} in ${elapsed.toFixed(4)} ms`,
    props: { RequestMethod: method, RequestPath: path, StatusCode: status, Elapsed: elapsed, SourceContext: 'Serilog.AspNetCore.RequestLoggingMiddleware', ...ids },
  }, true);
};

const connId = (rng: Prng): string => `0HN8${rng.upperAlnum(9)}`;

const refundFk = fam(`${SVC}:refund-fk-violation`, 'ERROR', [20, 45], ({ rng, t, rev }) => {
  const payment = rng.int(100000, 999999);
  const path = `/payments/${payment}/refunds`;
  const conn = connId(rng);
  const ids = { RequestId: `${conn}:0000000${rng.int(1, 9)}`, ConnectionId: conn };
  const x = [
    'Microsoft.EntityFrameworkCore.DbUpdateException: An error occurred while saving the entity changes. See the inner exception for details.',
    ' ---> Npgsql.PostgresException (0x80004005): 23503: insert or update on table "refunds" violates foreign key constraint "FK_refunds_payments_PaymentId"',
    '',
    "DETAIL: Detail redacted as it may contain sensitive data. Specify 'Include Error Detail' in the connection string to include this information.",
    '   at Npgsql.Internal.NpgsqlConnector.ReadMessageLong(Boolean async, DataRowLoadingMode dataRowLoadingMode, Boolean readingNotifications, Boolean isReadingPrependedMessage)',
    '   at Npgsql.NpgsqlDataReader.NextResult(Boolean async, Boolean isConsuming, CancellationToken cancellationToken)',
    '   at Microsoft.EntityFrameworkCore.Update.ReaderModificationCommandBatch.ExecuteAsync(IRelationalConnection connection, CancellationToken cancellationToken)',
    '  Exception data:',
    '    Severity: ERROR',
    '    SqlState: 23503',
    '    MessageText: insert or update on table "refunds" violates foreign key constraint "FK_refunds_payments_PaymentId"',
    '    SchemaName: public',
    '    TableName: refunds',
    '    ConstraintName: FK_refunds_payments_PaymentId',
    '    File: ri_triggers.c',
    '    Line: 2608',
    '    Routine: ri_ReportViolation',
    '   --- End of inner exception stack trace ---',
    '   at Microsoft.EntityFrameworkCore.Update.ReaderModificationCommandBatch.ExecuteAsync(IRelationalConnection connection, CancellationToken cancellationToken)',
    '   at Microsoft.EntityFrameworkCore.DbContext.SaveChangesAsync(Boolean acceptAllChangesOnSuccess, CancellationToken cancellationToken)',
    '   at Pay.Api.Refunds.RefundEndpoints.CreateAsync(Int64 paymentId, RefundRequest body, PayDbContext db, CancellationToken ct) in /src/Pay.Api/Refunds/RefundEndpoints.cs:line 57',
    '   at Microsoft.AspNetCore.Http.RequestDelegateFactory.ExecuteTaskResult[T](Task`1 task, HttpContext httpContext)',
    '   at Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddlewareImpl.<Invoke>g__Awaited|10_0(ExceptionHandlerMiddlewareImpl middleware, HttpContext context, Task task)',
  ].join('\n');
  const msg = 'An unhandled exception has occurred while executing the request.';
  return [
    compact(rng, t, rev, { level: 'Error', template: msg, rendered: msg, x, props: { EventId: { Id: 1, Name: 'UnhandledException' }, SourceContext: 'Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware', RequestPath: path, ...ids } }, true),
    requestRecord(rng, t + 1000, rev, 'POST', path, 500, ids),
  ];
});

const publishUnavailable = fam(`${SVC}:capture-publish-unavailable`, 'ERROR', [15, 40], ({ rng, t, rev }) => {
  const payment = rng.int(100000, 999999);
  const x = [
    'Grpc.Core.RpcException: Status(StatusCode="Unavailable", Detail="Error starting gRPC call. HttpRequestException: Connection refused (pubsub.googleapis.com:443) SocketException: Connection refused", DebugException="System.Net.Http.HttpRequestException: Connection refused (pubsub.googleapis.com:443)")',
    ' ---> System.Net.Http.HttpRequestException: Connection refused (pubsub.googleapis.com:443)',
    ' ---> System.Net.Sockets.SocketException (111): Connection refused',
    '   at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.ThrowException(SocketError error, CancellationToken cancellationToken)',
    '   at System.Net.Http.HttpConnectionPool.ConnectToTcpHostAsync(String host, Int32 port, HttpRequestMessage initialRequest, Boolean async, CancellationToken cancellationToken)',
    '   --- End of inner exception stack trace ---',
    '   at Grpc.Net.Client.Internal.GrpcCall`2.RunCall(HttpRequestMessage request, Nullable`1 timeout)',
    '   --- End of inner exception stack trace ---',
    '   at Google.Cloud.PubSub.V1.PublisherClientImpl.PublishAsync(String orderingKey, PubsubMessage message)',
    '   at Pay.Api.Outbox.OutboxDispatcher.DispatchAsync(OutboxMessage message, CancellationToken ct) in /src/Pay.Api/Outbox/OutboxDispatcher.cs:line 64',
  ].join('\n');
  return [compact(rng, t, rev, { level: 'Error', template: 'Publishing {EventType} for payment {PaymentId} failed', rendered: `Publishing "PaymentCaptured" for payment ${payment} failed`, x, props: { EventType: 'PaymentCaptured', PaymentId: payment, SourceContext: 'Pay.Api.Outbox.OutboxDispatcher' } }, false)];
});

const keyReused = fam(`${SVC}:idempotency-key-reused`, 'WARNING', [120, 260], ({ rng, t, rev }) => {
  const key = rng.uuid();
  return [compact(rng, t, rev, { level: 'Warning', template: 'Idempotency key {IdempotencyKey} reused with a different body', rendered: `Idempotency key "${key}" reused with a different body`, props: { IdempotencyKey: key, SourceContext: 'Pay.Api.Idempotency.IdempotencyFilter' } }, true)];
});

const captured = fam(`noise:${SVC}:captured`, 'INFO', [330, 605], ({ rng, t, rev }) => {
  const payment = rng.int(100000, 999999);
  const conn = connId(rng);
  return [
    compact(rng, t, rev, { template: 'Payment {PaymentId} captured with {ErrorCount} errors', rendered: `Payment ${payment} captured with 0 errors`, props: { PaymentId: payment, ErrorCount: 0, SourceContext: 'Pay.Api.Payments.CaptureService' } }, true),
    requestRecord(rng, t + 500, rev, 'POST', `/payments/${payment}/capture`, 200, { RequestId: `${conn}:00000001`, ConnectionId: conn }),
  ];
});

export const payCompact: ServiceDef = {
  name: SVC, stack: '.NET 8, ASP.NET Core minimal APIs, Serilog 4 (Serilog.AspNetCore 8, Serilog.Formatting.Compact 3), EF Core 8 on Npgsql 8, Google.Cloud.PubSub.V1 3', splitRate: 0.6,
  families: [refundFk, publishUnavailable, keyReused, captured],
};
