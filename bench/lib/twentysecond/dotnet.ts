// The .NET service of the day: ASP.NET Core with Serilog 4 writing to the console through
// `new JsonFormatter(renderMessage: true)` (Timestamp, Level, MessageTemplate, RenderedMessage,
// Exception, TraceId, SpanId, Properties; no severity) on the morning revision, and through a
// Serilog.Expressions ExpressionTemplate shaped for Cloud Logging (timestamp, severity, message,
// exception, category, the trace) after. UseSerilogRequestLogging writes one record a request.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { isoTicksOffset } from './clock.js';
import { PROJECT, exitLine, fam } from './shared.js';

const SVC = 'billing-serilog';
const f = (name: string): string => `${SVC}:${name}`;
type SerilogLevel = 'Information' | 'Warning' | 'Error' | 'Fatal';
const SEVERITY: Record<SerilogLevel, string> = { Information: 'INFO', Warning: 'WARNING', Error: 'ERROR', Fatal: 'CRITICAL' };

interface Rec { level: SerilogLevel; template: string; rendered: string; category: string; exception?: string; props?: Record<string, unknown> }

const record = (rng: Prng, t: number, rev: 0 | 1, r: Rec): Write => {
  const traceId = rng.hex(32);
  if (rev === 0) {
    const json: Record<string, unknown> = { Timestamp: isoTicksOffset(t), Level: r.level, MessageTemplate: r.template, RenderedMessage: r.rendered };
    if (r.exception) json.Exception = r.exception;
    json.TraceId = traceId;
    json.SpanId = rng.hex(16);
    json.Properties = { ...r.props, SourceContext: r.category, RequestId: `0HN8${rng.upperAlnum(9)}:0000000${rng.int(1, 9)}`, ConnectionId: `0HN8${rng.upperAlnum(9)}` };
    return { stream: 'stdout', json };
  }
  const json: Record<string, unknown> = { timestamp: isoTicksOffset(t), severity: SEVERITY[r.level], message: r.rendered };
  if (r.exception) json.exception = r.exception;
  json.category = r.category;
  json['logging.googleapis.com/trace'] = `projects/${PROJECT}/traces/${traceId}`;
  return { stream: 'stdout', json };
};

const secretDenied = (): string => [
  "Grpc.Core.RpcException: Status(StatusCode=\"PermissionDenied\", Detail=\"Permission 'secretmanager.versions.access' denied for resource 'projects/wren-ledger-2291/secrets/psp-api-key/versions/latest' (or it may not exist).\")",
  '   at Google.Api.Gax.Grpc.ApiCall.GrpcCallAdapter`2.CallAsync[TRequest,TResponse](TRequest request, CallSettings callSettings)',
  '   at Google.Api.Gax.Grpc.ApiCallRetryExtensions.<>c__DisplayClass0_0`2.<<WithRetry>b__0>d.MoveNext()',
  '--- End of stack trace from previous location ---',
  '   at Billing.Payments.PspKeyProvider.GetAsync(CancellationToken ct) in /src/Billing/Payments/PspKeyProvider.cs:line 31',
  '   at Billing.Payments.PaymentService.ChargeAsync(Int32 invoiceId, CancellationToken ct) in /src/Billing/Payments/PaymentService.cs:line 44',
  '   at Program.<>c.<<<Main>$>b__0_3>d.MoveNext() in /src/Billing/Program.cs:line 71',
  '--- End of stack trace from previous location ---',
  '   at Microsoft.AspNetCore.Http.RequestDelegateFactory.<ExecuteTaskResult>g__ExecuteAwaited|58_0[T](Task`1 task, HttpContext httpContext, JsonTypeInfo`1 jsonTypeInfo)',
  '   at Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddlewareImpl.<Invoke>g__Awaited|10_0(ExceptionHandlerMiddlewareImpl middleware, HttpContext context, Task task)',
].join('\n');

const uploadForbidden = (): string =>
  "The service storage has thrown an exception. HttpStatusCode is Forbidden. billing-runner@wren-ledger-2291.iam.gserviceaccount.com does not have storage.objects.create access to the Google Cloud Storage object. Permission 'storage.objects.create' denied on resource (or it may not exist).";
const uploadException = (): string => [
  `Google.GoogleApiException: ${uploadForbidden()}`,
  '   at Google.Apis.Requests.ClientServiceRequest`1.ParseResponse(HttpResponseMessage response)',
  '   at Google.Apis.Upload.ResumableUpload.InitiateSessionAsync(CancellationToken cancellationToken)',
  '   at Google.Apis.Upload.ResumableUpload.UploadAsync(CancellationToken cancellationToken)',
  '   at Google.Cloud.Storage.V1.StorageClientImpl.UploadHelper.ExecuteAsync()',
  '   at Billing.Invoices.InvoicePdfStore.SaveAsync(Invoice invoice, Stream pdf, CancellationToken ct) in /src/Billing/Invoices/InvoicePdfStore.cs:line 38',
  '   at Billing.Invoices.InvoiceIssuer.IssueAsync(Int32 invoiceId, CancellationToken ct) in /src/Billing/Invoices/InvoiceIssuer.cs:line 57',
].join('\n');

const startupTimeout = (): string => [
  'Npgsql.NpgsqlException (0x80004005): Failed to connect to 10.40.0.3:5432',
  ' ---> System.TimeoutException: The operation has timed out.',
  '   at Npgsql.Internal.NpgsqlConnector.Connect(NpgsqlTimeout timeout)',
  '   at Npgsql.Internal.NpgsqlConnector.RawOpen(SslMode sslMode, NpgsqlTimeout timeout, Boolean async, CancellationToken cancellationToken)',
  '   --- End of inner exception stack trace ---',
  '   at Npgsql.Internal.NpgsqlConnector.Open(NpgsqlTimeout timeout, Boolean async, CancellationToken cancellationToken)',
  '   at Npgsql.PoolingDataSource.OpenNewConnector(NpgsqlConnection conn, NpgsqlTimeout timeout, Boolean async, CancellationToken cancellationToken)',
  '   at Npgsql.NpgsqlConnection.Open()',
  '   at Microsoft.EntityFrameworkCore.Migrations.Internal.Migrator.Migrate(String targetMigration)',
  '   at Program.<Main>$(String[] args) in /src/Billing/Program.cs:line 38',
].join('\n');

export const billingSerilog: ServiceDef = {
  name: SVC,
  stack: '.NET 8, ASP.NET Core minimal APIs, Serilog 4.1 (Serilog.AspNetCore 8, Serilog.Expressions 5 from the rollout), EF Core 8 on Npgsql 8, Google.Cloud.SecretManager.V1 2.5, Google.Cloud.Storage.V1 4.10',
  splitRate: 0.0,
  families: [
    // The payment endpoint cannot read its key: the exception handler's record and the request record.
    fam(f('pay-secret-denied'), 'ERROR', [15, 40], ({ rng, t, rev }) => {
      const id = rng.int(10000, 99999);
      const ms = rng.fixed(30, 900, 4);
      return [
        record(rng, t, rev, { level: 'Error', template: 'An unhandled exception has occurred while executing the request.', rendered: 'An unhandled exception has occurred while executing the request.', category: 'Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware', exception: secretDenied(), props: { EventId: { Id: 1, Name: 'UnhandledException' }, RequestPath: `/invoices/${id}/pay` } }),
        record(rng, t + 200, rev, { level: 'Error', template: 'HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms', rendered: `HTTP "POST" "/invoices/${id}/pay" responded 500 in ${ms} ms`, category: 'Serilog.AspNetCore.RequestLoggingMiddleware', props: { RequestMethod: 'POST', RequestPath: `/invoices/${id}/pay`, StatusCode: 500, Elapsed: Number(ms) } }),
      ];
    }),
    fam(f('invoice-pdf-upload-forbidden'), 'ERROR', [20, 50], ({ rng, t, rev }) => {
      const id = rng.int(10000, 99999);
      return [record(rng, t, rev, { level: 'Error', template: 'Invoice {InvoiceId} PDF upload failed', rendered: `Invoice ${id} PDF upload failed`, category: 'Billing.Invoices.InvoiceIssuer', exception: uploadException(), props: { InvoiceId: id } })];
    }),
    fam(f('webhook-signature-rejected'), 'WARNING', [100, 200], ({ rng, t, rev }) => {
      const ev = `evt_${rng.alnum(24)}`;
      return [record(rng, t, rev, { level: 'Warning', template: 'Webhook {EventId} rejected: {Reason}', rendered: `Webhook "${ev}" rejected: "signature timestamp outside tolerance"`, category: 'Billing.Webhooks.PspWebhookEndpoint', props: { EventId: ev, Reason: 'signature timestamp outside tolerance' } })];
    }),
    // Program.cs's try/catch of Serilog's ASP.NET Core template: migrations at start cannot reach the database.
    fam(f('startup-migrate-timeout'), 'CRITICAL', [2, 4], ({ rng, t, rev }) => [
      record(rng, t, rev, { level: 'Fatal', template: 'Application terminated unexpectedly', rendered: 'Application terminated unexpectedly', category: 'Program', exception: startupTimeout() }),
      exitLine(SVC, 0),
    ]),
    fam(`noise:${SVC}:requests`, 'INFO', [500, 700], ({ rng, t, rev }) => {
      const path = rng.pick(['/invoices', `/invoices/${rng.int(10000, 99999)}`, '/health']);
      const ms = rng.fixed(1, 90, 4);
      return [record(rng, t, rev, { level: 'Information', template: 'HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms', rendered: `HTTP "GET" "${path}" responded 200 in ${ms} ms`, category: 'Serilog.AspNetCore.RequestLoggingMiddleware', props: { RequestMethod: 'GET', RequestPath: path, StatusCode: 200, Elapsed: Number(ms) } })];
    }),
    fam(`noise:${SVC}:app`, 'INFO', [150, 250], ({ rng, t, rev }) => {
      const id = rng.int(10000, 99999);
      return [record(rng, t, rev, { level: 'Information', template: 'Invoice {InvoiceId} issued with {ErrorCount} errors', rendered: `Invoice ${id} issued with 0 errors`, category: 'Billing.Invoices.InvoiceIssuer', props: { InvoiceId: id, ErrorCount: 0 } })];
    }),
  ],
};
