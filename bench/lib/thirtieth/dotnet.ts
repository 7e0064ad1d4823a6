// The day's .NET service: an ASP.NET Core 9 minimal API on the framework's default console logger
// (the simple formatter: `fail: Category[EventId]`, the message and the exception six spaces in), then
// `AddJsonConsole` with scopes, and the HttpLogging middleware's response records.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { isoMillis } from './clock.js';
import { as, digits, fam } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// pay-aspnet: .NET 9, ASP.NET Core minimal APIs with no exception handler (Kestrel logs what escapes
// a request and answers 500), HttpClientFactory to the card acquirer, EF Core 9 on Npgsql 9 (command
// timeout 30 s), JwtBearer auth, `app.UseHttpsRedirection()` as the template has it, `AddHttpLogging`
// with `ResponseStatusCode | ResponseHeaders`. Morning revision: the default console logger as the
// container image leaves it (the simple formatter, no timestamp, each record several lines); from the
// rollout `AddJsonConsole(o => o.IncludeScopes = true)` (`EventId`, `LogLevel`, `Category`,
// `Message`, `Exception`, `State`, `Scopes`: the span, the connection, the request path; no severity).
const PA = 'pay-aspnet';
const LV: Record<string, readonly [string, string]> = { Information: ['info', 'Information'], Warning: ['warn', 'Warning'], Error: ['fail', 'Error'] };

interface Req { connection: string; requestId: string; path: string }

function alog(rng: Prng, rev: 0 | 1, level: 'Information' | 'Warning' | 'Error', category: string, eventId: number, message: string, format: string, state: Record<string, unknown>, exception?: string, req?: Req): Write {
  if (rev === 0) {
    // The simple formatter pads every line of the message and of the exception six spaces in.
    const body = [...message.split('\n'), ...(exception ? exception.split('\n') : [])].map((l) => `      ${l}`).join('\n');
    return { stream: 'stdout', text: `${LV[level]?.[0]}: ${category}[${eventId}]\n${body}` };
  }
  const json: Record<string, unknown> = { EventId: eventId, LogLevel: level, Category: category, Message: message };
  if (exception) json.Exception = exception;
  json.State = { Message: message, ...state, '{OriginalFormat}': format };
  if (req) {
    const trace = rng.hex(32);
    const span = rng.hex(16);
    json.Scopes = [
      { Message: `SpanId:${span}, TraceId:${trace}, ParentId:0000000000000000`, SpanId: span, TraceId: trace, ParentId: '0000000000000000' },
      { Message: `ConnectionId:${req.connection}`, ConnectionId: req.connection },
      { Message: `RequestPath:${req.path} RequestId:${req.requestId}`, RequestId: req.requestId, RequestPath: req.path },
    ];
  } else json.Scopes = [];
  return { stream: 'stdout', json };
}

const newReq = (rng: Prng, path: string): Req => {
  const connection = `0HN8${rng.upperAlnum(9)}`;
  return { connection, requestId: `${connection}:${String(rng.int(1, 40)).padStart(8, '0')}`, path };
};

/** What escapes a request: Kestrel's record, then HttpLogging's response record. */
function unhandled(rng: Prng, t: number, rev: 0 | 1, req: Req, exception: string): Write[] {
  const message = `Connection id "${req.connection}", Request id "${req.requestId}": An unhandled exception was thrown by the application.`;
  const headers = [`Content-Length: 0`, `Date: ${new Date(Math.floor(t / 1000)).toUTCString()}`, 'Server: Kestrel'];
  return [
    alog(rng, rev, 'Error', 'Microsoft.AspNetCore.Server.Kestrel', 13, message, 'Connection id "{ConnectionId}", Request id "{TraceIdentifier}": An unhandled exception was thrown by the application.', { ConnectionId: req.connection, TraceIdentifier: req.requestId }, exception, req),
    alog(rng, rev, 'Information', 'Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware', 2, ['Response:', 'StatusCode: 500', ...headers].join('\n'), 'Response', { StatusCode: 500 }, undefined, req),
  ];
}

const ACQUIRER_503 = (site: string[]): string => ['System.Net.Http.HttpRequestException: Response status code does not indicate success: 503 (Service Unavailable).',
  '   at System.Net.Http.HttpResponseMessage.EnsureSuccessStatusCode()', '   at System.Net.Http.Json.HttpClientJsonExtensions.<FromJsonAsyncCore>g__Core|12_0[TValue,TJsonOptions](HttpClient client, Task`1 responseTask, Boolean usingResponseHeadersTimeout, CancellationTokenSource linkedCTS, Func`4 deserializeMethod, TJsonOptions jsonOptions, CancellationToken cancellationToken)',
  ...site.map((s) => (s.startsWith('---') ? s : `   at ${s}`))].join('\n');

// The acquirer sheds load at peak: authorisations fail (burst)...
const paAuthorise = fam(`${PA}:authorise-acquirer-503`, 'ERROR', [40, 90], ({ rng, t, rev }) =>
  unhandled(rng, t, rev, newReq(rng, '/payments'), ACQUIRER_503(['Pay.Acquirer.AcquirerClient.AuthoriseAsync(PaymentRequest request, CancellationToken ct) in /src/Pay/Acquirer/AcquirerClient.cs:line 38', 'Program.<>c.<<<Main>$>b__0_2>d.MoveNext() in /src/Pay/Program.cs:line 61', '--- End of stack trace from previous location ---', 'Microsoft.AspNetCore.Http.RequestDelegateFactory.<ExecuTaskOfTResult>g__ExecuteAwaited|133_0[T](Task`1 task, HttpContext httpContext, JsonTypeInfo`1 jsonTypeInfo)', 'Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware.InvokeInternal(HttpContext context)', 'Microsoft.AspNetCore.Server.Kestrel.Core.Internal.Http.HttpProtocol.ProcessRequests[TContext](IHttpApplication`1 application)'])), 0.35);

// ...and the settlement worker's batch (a second call site, no request).
const paSettle = fam(`${PA}:settlement-acquirer-503`, 'ERROR', [10, 30], ({ rng, rev }) => {
  const batch = `STL-${digits(rng, 8)}`;
  return [alog(rng, rev, 'Error', 'Pay.Settlement.SettlementWorker', 0, `Settlement batch ${batch} failed`, 'Settlement batch {BatchId} failed', { BatchId: batch },
    ACQUIRER_503(['Pay.Acquirer.AcquirerClient.SettleAsync(SettlementBatch batch, CancellationToken ct) in /src/Pay/Acquirer/AcquirerClient.cs:line 72', 'Pay.Settlement.SettlementWorker.ExecuteAsync(CancellationToken stoppingToken) in /src/Pay/Settlement/SettlementWorker.cs:line 44']))];
});

// The refunds listing scans without the merchant index: EF's command record, its query record, then
// Kestrel's and the response record.
const paRefunds = fam(`${PA}:refunds-statement-timeout`, 'ERROR', [30, 70], ({ rng, t, rev }) => {
  const req = newReq(rng, `/merchants/${rng.uuid()}/refunds`);
  const ms = `30,${String(rng.int(1, 400)).padStart(3, '0')}`;
  const sql = 'SELECT r.id, r.amount, r.created_at, r.payment_id, r.status\nFROM refunds AS r\nWHERE r.merchant_id = @__merchantId_0\nORDER BY r.created_at DESC';
  const pgEx = ['Npgsql.PostgresException (0x80004005): 57014: canceling statement due to statement timeout',
    '   at Npgsql.Internal.NpgsqlConnector.ReadMessageLong(Boolean async, DataRowLoadingMode dataRowLoadingMode, Boolean readingNotifications, Boolean isReadingPrependedMessage)',
    '   at Npgsql.NpgsqlDataReader.NextResult(Boolean async, Boolean isConsuming, CancellationToken cancellationToken)',
    '   at Npgsql.NpgsqlCommand.ExecuteReader(Boolean async, CommandBehavior behavior, CancellationToken cancellationToken)',
    '   at Microsoft.EntityFrameworkCore.Storage.RelationalCommand.ExecuteReaderAsync(RelationalCommandParameterObject parameterObject, CancellationToken cancellationToken)',
    '   at Microsoft.EntityFrameworkCore.Query.Internal.SingleQueryingEnumerable`1.AsyncEnumerator.MoveNextAsync()',
    '  Exception data:', '    Severity: ERROR', '    SqlState: 57014', '    MessageText: canceling statement due to statement timeout', '    File: postgres.c', `    Line: ${rng.pick([3312, 3345])}`, '    Routine: ProcessInterrupts'].join('\n');
  const site = ['Pay.Refunds.RefundQueries.ListAsync(Guid merchantId, CancellationToken ct) in /src/Pay/Refunds/RefundQueries.cs:line 23', 'Program.<>c.<<<Main>$>b__0_5>d.MoveNext() in /src/Pay/Program.cs:line 88'];
  return [
    alog(rng, rev, 'Error', 'Microsoft.EntityFrameworkCore.Database.Command', 20102, `Failed executing DbCommand (${ms}ms) [Parameters=[@__merchantId_0='?' (DbType = Guid)], CommandType='Text', CommandTimeout='30']\n${sql}`, "Failed executing DbCommand ({elapsed}ms) [Parameters=[{parameters}], CommandType='{commandType}', CommandTimeout='{commandTimeout}']{newLine}{commandText}", { elapsed: ms, commandType: 'Text', commandTimeout: 30 }, undefined, req),
    alog(rng, rev, 'Error', 'Microsoft.EntityFrameworkCore.Query', 10100, "An exception occurred while iterating over the results of a query for context type 'Pay.Data.PayDbContext'.", "An exception occurred while iterating over the results of a query for context type '{contextType}'.{newline}{error}", { contextType: 'Pay.Data.PayDbContext' }, pgEx, req),
    ...unhandled(rng, t + 2000, rev, req, [...pgEx.split('\n').slice(0, 6), ...site.map((s) => `   at ${s}`)].join('\n')),
  ];
});

// Cloud Run terminates TLS, so the template's HTTPS redirection never finds a port (frequent).
const paHttps = fam(`${PA}:https-port-undetermined`, 'WARNING', [120, 240], ({ rng, rev }) =>
  [alog(rng, rev, 'Warning', 'Microsoft.AspNetCore.HttpsPolicy.HttpsRedirectionMiddleware', 3, 'Failed to determine the https port for redirect.', 'Failed to determine the https port for redirect.', {}, undefined, newReq(rng, rng.pick(['/payments', '/health', '/refunds'])))]);

const paChatter = fam(`noise:${PA}:chatter`, 'INFO', [240, 380], ({ rng, t, rev }) => {
  const roll = rng.next();
  const req = newReq(rng, rng.pick(['/payments', '/health', `/payments/${rng.uuid()}`]));
  if (roll < 0.5) return [alog(rng, rev, 'Information', 'Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware', 2, ['Response:', 'StatusCode: 200', 'Content-Type: application/json; charset=utf-8', `Date: ${new Date(Math.floor(t / 1000)).toUTCString()}`, 'Server: Kestrel', 'Transfer-Encoding: chunked'].join('\n'), 'Response', { StatusCode: 200 }, undefined, req)];
  // An expired token is logged at Information by the handler: the client's error, not the service's.
  if (roll < 0.75) return [as(alog(rng, rev, 'Information', 'Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler', 1, 'Failed to validate the token.', 'Failed to validate the token.', {},
    `Microsoft.IdentityModel.Tokens.SecurityTokenExpiredException: IDX10223: Lifetime validation failed. The token is expired. ValidTo (UTC): '${isoMillis(t - rng.int(60, 9000) * 1_000_000).replace('T', ' ').slice(0, 19)}', Current time (UTC): '${isoMillis(t).replace('T', ' ').slice(0, 19)}'.\n   at Microsoft.IdentityModel.Tokens.Validators.ValidateLifetime(Nullable\`1 notBefore, Nullable\`1 expires, SecurityToken securityToken, TokenValidationParameters validationParameters)`, req), `noise:${PA}:chatter`, 'INFO')];
  return [alog(rng, rev, 'Information', 'Pay.Settlement.SettlementWorker', 0, `Settlement batch STL-${digits(rng, 8)} closed: ${rng.int(10, 900)} payments, 0 failures`, 'Settlement batch {BatchId} closed: {Count} payments, {Failures} failures', { Count: 1, Failures: 0 })];
});

export const payAspnet: ServiceDef = {
  name: PA, stack: '.NET 9, ASP.NET Core minimal APIs, HttpLogging, EF Core 9 on Npgsql 9, JwtBearer, Microsoft.Extensions.Logging.Console', splitRate: 0.6,
  families: [paAuthorise, paSettle, paRefunds, paHttps, paChatter],
};
