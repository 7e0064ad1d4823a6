// The day's .NET service: ASP.NET Core minimal APIs with the console logger's simple formatter on one
// line with UTC timestamps, scopes switched on at the rollout.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { isoMillis } from './clock.js';
import { digits, fam } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// pay-dotnet: .NET 8, ASP.NET Core minimal APIs (Kestrel), Stripe.net 46 webhooks, Npgsql 8 with Dapper
// to Cloud SQL for PostgreSQL, Google.Cloud.Firestore 3.9. `AddSimpleConsole(o => { o.SingleLine = true;
// o.UseUtcTimestamp = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ "; })` on stdout: one line a
// record, `fail: Category[EventId]`, the message, the exception's ToString() with its line breaks
// turned into spaces. From the rollout `IncludeScopes = true`: between the category and the message the
// request's scopes (` => SpanId:…, TraceId:…, ParentId:… => ConnectionId:… => RequestPath:… RequestId:…`)
// on records written inside a request, none on the others.
const PD = 'pay-dotnet';
const LVL: Record<string, string> = { INFO: 'info', WARNING: 'warn', ERROR: 'fail', CRITICAL: 'crit' };

interface Req { path: string; conn: string; n: number; trace: string; span: string }
const request = (rng: Prng, path: string): Req => ({ path, conn: `0HN8${rng.upperAlnum(9)}`, n: rng.int(1, 40), trace: rng.hex(32), span: rng.hex(16) });

function line(t: number, rev: 0 | 1, level: string, category: string, eventId: number, msg: string, req?: Req, exception?: string): Write {
  const scopes = rev === 1 && req
    ? ` => SpanId:${req.span}, TraceId:${req.trace}, ParentId:0000000000000000 => ConnectionId:${req.conn} => RequestPath:${req.path} RequestId:${req.conn}:${req.n.toString(16).toUpperCase().padStart(8, '0')}`
    : '';
  const ex = exception ? ` ${exception.replace(/\r?\n/g, ' ')}` : '';
  return { stream: 'stdout', text: `${isoMillis(t)} ${LVL[level]}: ${category}[${eventId}]${scopes} ${msg}${ex}` };
}

const UNHANDLED = 'Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware';
const KESTREL_TAIL = '\n   at Microsoft.AspNetCore.Http.RequestDelegateFactory.<ExecuteTaskResult>g__ExecuteAwaited|129_0[T](Task`1 task, HttpContext httpContext, JsonTypeInfo`1 jsonTypeInfo)\n   at Microsoft.AspNetCore.Routing.EndpointMiddleware.<Invoke>g__AwaitRequestTask|7_0(Endpoint endpoint, Task requestTask, ILogger logger)\n   at Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddlewareImpl.<Invoke>g__Awaited|10_0(ExceptionHandlerMiddlewareImpl middleware, HttpContext context, Task task)';

const pdSignature = fam(`${PD}:stripe-signature-mismatch`, 'WARNING', [80, 200], ({ rng, t, rev }) => [line(t, rev, 'WARNING', 'Payments.Webhooks.StripeWebhook', 0, 'Stripe webhook rejected', request(rng, '/webhooks/stripe'),
  `Stripe.StripeException: The signature for the webhook is not present in the Stripe-Signature header.\n   at Stripe.EventUtility.ValidateSignature(String json, String stripeSignatureHeader, String secret, Int64 tolerance, Int64 utcNow)\n   at Stripe.EventUtility.ConstructEvent(String json, String stripeSignatureHeader, String secret, Int64 tolerance, Int64 utcNow, Boolean throwOnApiVersionMismatch)\n   at Payments.Webhooks.StripeWebhook.HandleAsync(HttpRequest request, ILogger\`1 logger) in /src/Payments/Webhooks/StripeWebhook.cs:line ${rng.pick([31, 32])}`)]);

const pdNpgsql = fam(`${PD}:ledger-read-timeout`, 'ERROR', [40, 100], ({ rng, t, rev }) => {
  const id = `pi_${rng.alnum(24)}`;
  return [line(t, rev, 'ERROR', UNHANDLED, 1, 'An unhandled exception has occurred while executing the request.', request(rng, `/payments/${id}/ledger`),
    `Npgsql.NpgsqlException (0x80004005): Exception while reading from stream\n ---> System.TimeoutException: Timeout during reading attempt\n   at Npgsql.Internal.NpgsqlConnector.<ReadMessage>g__ReadMessageLong|233_0(NpgsqlConnector connector, Boolean async, DataRowLoadingMode dataRowLoadingMode, Boolean readingNotifications, Boolean isReadingPrependedMessage)\n   --- End of inner exception stack trace ---\n   at Npgsql.Internal.NpgsqlConnector.<ReadMessage>g__ReadMessageLong|233_0(NpgsqlConnector connector, Boolean async, DataRowLoadingMode dataRowLoadingMode, Boolean readingNotifications, Boolean isReadingPrependedMessage)\n   at Npgsql.NpgsqlDataReader.NextResult(Boolean async, Boolean isConsuming, CancellationToken cancellationToken)\n   at Npgsql.NpgsqlCommand.ExecuteReader(Boolean async, CommandBehavior behavior, CancellationToken cancellationToken)\n   at Dapper.SqlMapper.QueryAsync[T](IDbConnection cnn, Type effectiveType, CommandDefinition command) in /_/Dapper/SqlMapper.Async.cs:line 434\n   at Payments.Ledger.LedgerRepository.EntriesAsync(String paymentIntentId) in /src/Payments/Ledger/LedgerRepository.cs:line 27\n   at Payments.Ledger.LedgerEndpoints.<>c.<<MapLedger>b__0_0>d.MoveNext() in /src/Payments/Ledger/LedgerEndpoints.cs:line 14${KESTREL_TAIL}`)];
}, 0.3);

const pdFirestore = fam(`${PD}:receipt-firestore-deadline`, 'ERROR', [30, 70], ({ rng, t, rev }) => {
  const id = `pi_${rng.alnum(24)}`;
  return [line(t, rev, 'ERROR', UNHANDLED, 1, 'An unhandled exception has occurred while executing the request.', request(rng, `/payments/${id}/receipt`),
    `Grpc.Core.RpcException: Status(StatusCode="DeadlineExceeded", Detail="Deadline Exceeded")\n   at Google.Api.Gax.Grpc.ApiCallRetryExtensions.<>c__DisplayClass0_0\`2.<<WithRetry>b__0>d.MoveNext()\n--- End of stack trace from previous location ---\n   at Google.Cloud.Firestore.DocumentReference.GetSnapshotAsync(ByteString transactionId, CancellationToken cancellationToken)\n   at Payments.Receipts.ReceiptStore.GetAsync(String paymentIntentId) in /src/Payments/Receipts/ReceiptStore.cs:line 22\n   at Payments.Receipts.ReceiptEndpoints.<>c.<<MapReceipts>b__0_0>d.MoveNext() in /src/Payments/Receipts/ReceiptEndpoints.cs:line 17${KESTREL_TAIL}`)];
});

// Every fresh instance: keys in the container's file system, written unencrypted (two records at start,
// one problem: the keys are not kept).
const pdKeys = fam(`${PD}:dataprotection-keys-ephemeral`, 'WARNING', [10, 25], ({ rng, t, rev }) => [
  line(t, rev, 'WARNING', 'Microsoft.AspNetCore.DataProtection.Repositories.FileSystemXmlRepository', 60, "Storing keys in a directory '/root/.aspnet/DataProtection-Keys' that may not be persisted outside of the container. Protected data will be unavailable when container is destroyed. For more information go to https://aka.ms/aspnet/dataprotectionwarning"),
  line(t + 3000, rev, 'WARNING', 'Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager', 35, `No XML encryptor configured. Key {${rng.uuid()}} may be persisted to storage in unencrypted form.`),
]);

const pdChatter = fam(`noise:${PD}:chatter`, 'INFO', [260, 380], ({ rng, t, rev }) => {
  const r = rng.next();
  if (r < 0.08) return [line(t, rev, 'INFO', 'Microsoft.Hosting.Lifetime', rng.pick([14, 0]), rng.pick(['Now listening on: http://[::]:8080', 'Application started. Press Ctrl+C to shut down.', 'Hosting environment: Production', 'Content root path: /app']))];
  const req = request(rng, rng.pick(['/webhooks/stripe', `/payments/pi_${rng.alnum(24)}/capture`]));
  return [line(t, rev, 'INFO', rng.pick(['Payments.Webhooks.StripeWebhook', 'Payments.Capture.CaptureEndpoint']), 0, rng.pick([`Handled ${rng.pick(['payment_intent.succeeded', 'charge.refunded', 'invoice.paid'])} evt_${rng.alnum(24)}`, `Captured pi_${rng.alnum(24)} (${rng.int(100, 90000)} minor units, 0 errors)`]), req)];
});

export const payDotnet: ServiceDef = {
  name: PD, stack: '.NET 8, ASP.NET Core minimal APIs, Stripe.net 46, Npgsql 8 + Dapper, Google.Cloud.Firestore 3.9, simple console on one line', splitRate: 0.6,
  families: [pdSignature, pdNpgsql, pdFirestore, pdKeys, pdChatter],
};
