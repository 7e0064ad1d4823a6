// .NET services. `portal-dotnet`: ASP.NET Core 8 with Microsoft.Extensions.Logging's console provider:
// the "simple" formatter's two-line records (`fail: Category[EventId]` then the message indented six
// spaces, exception after it) on the morning revision, the "json" console formatter after the rollout
// (neither sets a Cloud Logging severity). An exception at startup ends the process through the runtime's
// `Unhandled exception.` output. `audit-serilog`: a worker that writes Serilog's compact JSON (CLEF) on
// one revision and Serilog's console template `[HH:mm:ss LVL] message` + exception on the other.
import type { Prng } from '../prng.js';
import type { Ctx, Family, ServiceDef, Write } from '../stranger/model.js';
import { dotnetTime, hms } from './text.js';

// Source: https://learn.microsoft.com/dotnet/core/extensions/console-log-formatter (simple: `fail: X[0]`
// newline, six-space indent; json: EventId, LogLevel, Category, Message, Exception, State); Kestrel's
// `Connection id "..", Request id "..": An unhandled exception was thrown by the application.`
// (dotnet/aspnetcore#19476, aspnet/KestrelHttpServer#2615).
type MelLevel = 'info' | 'warn' | 'fail' | 'crit';
const MEL_JSON: Record<MelLevel, string> = { info: 'Information', warn: 'Warning', fail: 'Error', crit: 'Critical' };

function mel(ctx: Ctx, level: MelLevel, category: string, eventId: number, message: string, exception?: string, state: Record<string, unknown> = {}): Write {
  if (ctx.rev === 1) {
    const json: Record<string, unknown> = { EventId: eventId, LogLevel: MEL_JSON[level], Category: category, Message: message };
    if (exception !== undefined) json.Exception = exception;
    json.State = { Message: message, ...state };
    return { stream: 'stdout', json };
  }
  const pad = (s: string): string => s.split('\n').map((l) => `      ${l}`).join('\n');
  return { stream: 'stdout', text: `${level}: ${category}[${eventId}]\n${pad(message)}${exception === undefined ? '' : `\n${pad(exception)}`}` };
}

function netFrames(frames: readonly string[]): string {
  return frames.map((f) => `   at ${f}`).join('\n');
}

const accountMissing: Family = {
  name: 'portal-dotnet:account-sequence-empty', level: 'ERROR', perDay: [20, 55],
  emit(ctx) {
    const ex = `System.InvalidOperationException: Sequence contains no elements\n${netFrames([
      'System.Linq.ThrowHelper.ThrowNoElementsException()',
      'System.Linq.Enumerable.First[TSource](IEnumerable`1 source)',
      `Portal.Controllers.AccountsController.Get(Int32 id) in /src/Portal/Controllers/AccountsController.cs:line 42`,
      'lambda_method12(Closure, Object, Object[])',
      'Microsoft.AspNetCore.Mvc.Infrastructure.ActionMethodExecutor.SyncObjectResultExecutor.Execute(ActionContext actionContext, IActionResultTypeMapper mapper, ObjectMethodExecutor executor, Object controller, Object[] arguments)',
      'Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddlewareImpl.<Invoke>g__Awaited|10_0(ExceptionHandlerMiddlewareImpl middleware, HttpContext context, Task task)',
    ])}`;
    return [mel(ctx, 'fail', 'Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware', 1, 'An unhandled exception has occurred while executing the request.', ex)];
  },
};

const kestrelNullRef: Family = {
  name: 'portal-dotnet:export-null-reference', level: 'ERROR', perDay: [10, 35],
  emit(ctx) {
    const { rng } = ctx;
    const conn = `0HN${rng.upperAlnum(10)}`;
    const ex = `System.NullReferenceException: Object reference not set to an instance of an object.\n${netFrames([
      'Portal.Export.CsvExporter.WriteRow(Account account) in /src/Portal/Export/CsvExporter.cs:line 88',
      'Portal.Export.CsvExporter.WriteAsync(Stream output, CancellationToken ct) in /src/Portal/Export/CsvExporter.cs:line 51',
      'Microsoft.AspNetCore.Server.Kestrel.Core.Internal.Http.HttpProtocol.ProcessRequests[TContext](IHttpApplication`1 application)',
    ])}`;
    return [mel(ctx, 'fail', 'Microsoft.AspNetCore.Server.Kestrel', 13, `Connection id "${conn}", Request id "${conn}:0000000${rng.int(1, 9)}": An unhandled exception was thrown by the application.`, ex, { ConnectionId: conn })];
  },
};

const httpsPort: Family = {
  name: 'portal-dotnet:https-port-undetermined', level: 'WARNING', perDay: [40, 120],
  emit(ctx) {
    return [mel(ctx, 'warn', 'Microsoft.AspNetCore.HttpsPolicy.HttpsRedirectionMiddleware', 3, 'Failed to determine the https port for redirect.')];
  },
};

const dataProtection: Family = {
  name: 'portal-dotnet:antiforgery-key-not-found', level: 'ERROR', perDay: [15, 40],
  emit(ctx) {
    const key = ctx.rng.uuid();
    return [mel(ctx, 'fail', 'Microsoft.AspNetCore.Antiforgery.DefaultAntiforgery', 7, 'An exception was thrown while deserializing the token.',
      `Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException: The antiforgery token could not be decrypted.\n ---> System.Security.Cryptography.CryptographicException: The key {${key}} was not found in the key ring. For more information go to https://aka.ms/aspnet/dataprotectionwarning\n${netFrames([
        'Microsoft.AspNetCore.DataProtection.KeyManagement.KeyRingBasedDataProtector.UnprotectCore(Byte[] protectedData, Boolean allowOperationsOnRevokedKeys, UnprotectStatus& status)',
        'Microsoft.AspNetCore.Antiforgery.DefaultAntiforgeryTokenSerializer.Deserialize(String serializedToken)',
      ])}\n   --- End of inner exception stack trace ---\n${netFrames(['Microsoft.AspNetCore.Antiforgery.DefaultAntiforgeryTokenSerializer.Deserialize(String serializedToken)'])}`)];
  },
};

// Source: the .NET runtime's unhandled exception output (`Unhandled exception. Type: message`, inner
// exception with ` ---> `), as in aspnet/KestrelHttpServer#1082 and Npgsql's connection failures.
const startupCrash: Family = {
  name: 'portal-dotnet:startup-db-unreachable', level: 'CRITICAL', perDay: [2, 6],
  emit(ctx) {
    const ip = `10.20.${ctx.rng.int(0, 9)}.${ctx.rng.int(2, 250)}`;
    const text = `Unhandled exception. Npgsql.NpgsqlException (0x80004005): Failed to connect to ${ip}:5432\n ---> System.Net.Sockets.SocketException (110): Connection timed out\n${netFrames([
      'Npgsql.Internal.NpgsqlConnector.Connect(NpgsqlTimeout timeout)',
      'Npgsql.Internal.NpgsqlConnector.RawOpen(SslMode sslMode, NpgsqlTimeout timeout, Boolean async, CancellationToken cancellationToken)',
    ])}\n   --- End of inner exception stack trace ---\n${netFrames([
      'Npgsql.Internal.NpgsqlConnector.Open(NpgsqlTimeout timeout, Boolean async, CancellationToken cancellationToken)',
      'Microsoft.EntityFrameworkCore.Migrations.Internal.Migrator.Migrate(String targetMigration)',
      'Program.<Main>$(String[] args) in /src/Portal/Program.cs:line 61',
    ])}`;
    return [
      { stream: 'stderr', text },
      { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(134).', as: { family: 'portal-dotnet:container-exit', level: 'WARNING' } },
    ];
  },
};

const portalInfo: Family = {
  name: 'noise:portal-dotnet:chatter', level: 'INFO', perDay: [200, 350],
  emit(ctx) {
    const { rng } = ctx;
    return [rng.pick([
      mel(ctx, 'info', 'Microsoft.Hosting.Lifetime', 14, 'Now listening on: http://[::]:8080'),
      mel(ctx, 'info', 'Portal.Jobs.AccountSync', 0, `Account sync finished: ${rng.int(10, 900)} accounts, 0 errors, 0 warnings`),
      mel(ctx, 'info', 'Microsoft.AspNetCore.Hosting.Diagnostics', 2, `Request finished HTTP/1.1 GET http://portal/api/accounts/${rng.int(1, 9999)} - 200 - application/json;+charset=utf-8 ${rng.fixed(1, 300, 4)}ms`),
    ])];
  },
};

export const portalDotnet: ServiceDef = {
  name: 'portal-dotnet', stack: '.NET 8, ASP.NET Core, console logger', splitRate: 0.7,
  families: [accountMissing, kestrelNullRef, httpsPort, dataProtection, startupCrash, portalInfo],
};

// ---- audit-serilog -----------------------------------------------------------------------------

// Source: CLEF as CompactJsonFormatter writes it (`@t`, `@mt`, `@l` omitted at Information, `@x` the
// exception's ToString(), properties at top level), https://github.com/serilog/serilog-formatting-compact;
// the console sink's default template `[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}`
// (the `[13:17:38 ERR]` lines in dotnet/aspnetcore#19476).
function serilog(ctx: Ctx, level: 'Information' | 'Warning' | 'Error' | 'Fatal', template: string, props: Record<string, string | number>, exception?: string): Write {
  if (ctx.rev === 0) {
    const json: Record<string, unknown> = { '@t': dotnetTime(ctx.t), '@mt': template };
    if (level !== 'Information') json['@l'] = level;
    if (exception !== undefined) json['@x'] = exception;
    Object.assign(json, props, { SourceContext: 'Audit.Worker.BatchWriter' });
    return { stream: 'stdout', json };
  }
  const u3 = { Information: 'INF', Warning: 'WRN', Error: 'ERR', Fatal: 'FTL' }[level];
  const rendered = template.replace(/\{(\w+)\}/g, (_m, k: string) => { const v = props[k]; return typeof v === 'string' ? `"${v}"` : String(v); });
  return { stream: 'stdout', text: `[${hms(ctx.t)} ${u3}] ${rendered}${exception === undefined ? '' : `\n${exception}`}` };
}

function gcsError(rng: Prng, bucket: string): string {
  return `Google.GoogleApiException: The service storage has thrown an exception. HttpStatusCode is TooManyRequests. The object ${bucket}/batches/${rng.hex(16)}.json exceeded the rate limit for object mutation operations (create, update, and delete). Please reduce your request rate. See https://cloud.google.com/storage/docs/gcs429.\n${netFrames([
    'Google.Apis.Requests.ClientServiceRequest`1.ParseResponse(HttpResponseMessage response)',
    'Google.Cloud.Storage.V1.StorageClientImpl.UploadHelper.CheckFinalProgressAsync()',
    'Audit.Worker.BatchWriter.FlushAsync(AuditBatch batch, CancellationToken ct) in /src/Audit.Worker/BatchWriter.cs:line 73',
  ])}`;
}

const auditWriteFailed: Family = {
  name: 'audit-serilog:gcs-rate-limited', level: 'ERROR', perDay: [15, 50], burst: 0.3,
  emit(ctx) {
    const { rng } = ctx;
    const bucket = 'acme-audit-prod';
    return [serilog(ctx, 'Error', 'Failed to write audit batch {BatchId} to {Bucket}', { BatchId: rng.int(10000, 999999), Bucket: bucket }, gcsError(rng, bucket))];
  },
};

const auditRetry: Family = {
  name: 'audit-serilog:pubsub-ack-retry', level: 'WARNING', perDay: [40, 120],
  emit(ctx) {
    const { rng } = ctx;
    return [serilog(ctx, 'Warning', 'Retrying {Operation} after {DelayMs}ms (attempt {Attempt} of {MaxAttempts})', { Operation: 'Acknowledge', DelayMs: rng.int(100, 6400), Attempt: rng.int(1, 5), MaxAttempts: 5 })];
  },
};

const auditSchema: Family = {
  name: 'audit-serilog:event-schema-invalid', level: 'ERROR', perDay: [10, 30],
  emit(ctx) {
    const { rng } = ctx;
    const path = rng.pick(['$.actor.id', '$.resource.type', '$.occurredAt']);
    return [serilog(ctx, 'Error', 'Dropping audit event {MessageId}: {Reason}', { MessageId: String(rng.int(1e12, 9e12)), Reason: `Required property missing at ${path}` },
      `System.Text.Json.JsonException: Required property missing at ${path}. Path: ${path} | LineNumber: 0 | BytePositionInLine: ${rng.int(20, 400)}.\n${netFrames([
        'System.Text.Json.ThrowHelper.ThrowJsonException_JsonRequiredPropertyMissing(JsonTypeInfo parent, BitArray requiredPropertiesSet)',
        'Audit.Worker.EventParser.Parse(ReadOnlyMemory`1 data) in /src/Audit.Worker/EventParser.cs:line 29',
      ])}`)];
  },
};

const auditFatal: Family = {
  name: 'audit-serilog:host-terminated', level: 'CRITICAL', perDay: [1, 4],
  emit(ctx) {
    return [serilog(ctx, 'Fatal', 'Host terminated unexpectedly', {}, `System.InvalidOperationException: Unable to resolve service for type 'Audit.Worker.IAuditSink' while attempting to activate 'Audit.Worker.BatchWriter'.\n${netFrames([
      'Microsoft.Extensions.DependencyInjection.ServiceLookup.CallSiteFactory.CreateArgumentCallSites(ServiceIdentifier serviceIdentifier, Type implementationType, CallSiteChain callSiteChain, ParameterInfo[] parameters, Boolean throwIfCallSiteNotFound)',
      'Program.<Main>$(String[] args) in /src/Audit.Worker/Program.cs:line 40',
    ])}`)];
  },
};

const auditInfo: Family = {
  name: 'noise:audit-serilog:batches', level: 'INFO', perDay: [250, 400],
  emit(ctx) {
    const { rng } = ctx;
    return [rng.chance(0.6)
      ? serilog(ctx, 'Information', 'Wrote audit batch {BatchId} ({Count} events, {Errors} errors) in {Elapsed} ms', { BatchId: rng.int(10000, 999999), Count: rng.int(1, 500), Errors: 0, Elapsed: rng.int(5, 900) })
      : serilog(ctx, 'Information', 'Pulled {Count} messages from {Subscription}', { Count: rng.int(0, 1000), Subscription: 'audit-events-sub' })];
  },
};

export const auditSerilog: ServiceDef = {
  name: 'audit-serilog', stack: '.NET 8 worker, Serilog', splitRate: 0.75,
  families: [auditWriteFailed, auditRetry, auditSchema, auditFatal, auditInfo],
};
