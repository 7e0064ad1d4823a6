// A .NET 8 gRPC service (Grpc.AspNetCore) on Cloud Spanner: the console logger's default simple formatter
// (`fail: Category[EventId]`, the message and exception indented six spaces on the lines below) on the
// morning revision, `AddJsonConsole()` after (`EventId`, `LogLevel`, `Category`, `Message`, `Exception`,
// `State` with `{OriginalFormat}`; one line, no severity).
import type { Ctx, ServiceDef, Write } from '../stranger/model.js';
import { fam } from './shared.js';

const LEVELS = { Information: 'info', Warning: 'warn', Error: 'fail' } as const;
type NetLevel = keyof typeof LEVELS;

function netLog(c: Ctx, level: NetLevel, category: string, eventId: number, format: string, args: Record<string, string>, exception?: string): Write {
  const message = format.replace(/\{([\w:]+)\}/g, (_, k: string) => args[k] ?? '');
  if (c.rev === 0) {
    const body = [message, ...(exception ? exception.split('\n') : [])].map((l) => `      ${l}`).join('\n');
    return { stream: 'stdout', text: `${LEVELS[level]}: ${category}[${eventId}]\n${body}` };
  }
  return {
    stream: 'stdout',
    json: { EventId: eventId, LogLevel: level, Category: category, Message: message, ...(exception ? { Exception: exception } : {}), State: { Message: message, ...args, '{OriginalFormat}': format } },
  };
}

const finished = fam('noise:ledger-spanner:request-finished', 'INFO', [300, 500], (c) => {
  const method = c.rng.pick(['GetBalance', 'ListEntries', 'Transfer']);
  return [netLog(c, 'Information', 'Microsoft.AspNetCore.Hosting.Diagnostics', 2, 'Request finished {Protocol} {Method} {Scheme}://{Host}{PathBase}{Path}{QueryString} - {StatusCode} {ContentLength} {ContentType} {ElapsedMilliseconds}ms', {
    Protocol: 'HTTP/2', Method: 'POST', Scheme: 'https', Host: 'ledger-spanner-xk2-ew.a.run.app', PathBase: '', Path: `/ledger.v1.Ledger/${method}`, QueryString: '', StatusCode: '200', ContentLength: '-', ContentType: 'application/grpc', ElapsedMilliseconds: c.rng.fixed(1, 80, 4),
  })];
});

const SPANNER_FRAMES = [
  '   at Google.Cloud.Spanner.Data.SpannerTransaction.<>c__DisplayClass42_0.<<CommitAsync>b__0>d.MoveNext()',
  '--- End of stack trace from previous location ---',
  '   at Google.Cloud.Spanner.Data.SpannerConnection.RunWithRetriableTransactionAsync[TResult](Func`2 asyncWork, SpannerTransactionCreationOptions creationOptions, SpannerTransactionOptions transactionOptions, CancellationToken cancellationToken)',
];

const handler = (c: Ctx, method: string, exception: string): Write => netLog(c, 'Error', 'Grpc.AspNetCore.Server.ServerCallHandler', 6, "Error when executing service method '{MethodName}'.", { MethodName: method }, exception);

const alreadyExists = fam('ledger-spanner:transfer-row-exists', 'ERROR', [15, 35], (c) => {
  const key = `[${c.rng.uuid()}]`;
  return [handler(c, 'Transfer', [
    `Google.Cloud.Spanner.Data.SpannerException: Row ${key} in table Transfers already exists`,
    ` ---> Grpc.Core.RpcException: Status(StatusCode="AlreadyExists", Detail="Row ${key} in table Transfers already exists")`,
    '   at Google.Cloud.Spanner.V1.SpannerClientImpl.CommitAsync(CommitRequest request, CallSettings callSettings)',
    '   --- End of inner exception stack trace ---',
    ...SPANNER_FRAMES,
    '   at Ledger.Services.LedgerService.Transfer(TransferRequest request, ServerCallContext context) in /src/Ledger/Services/LedgerService.cs:line 71',
    '   at Grpc.Shared.Server.UnaryServerMethodInvoker`3.ResolvedInterceptorInvoker(TRequest resolvedRequest, ServerCallContext resolvedContext)',
  ].join('\n'))];
});

const deadline = fam('ledger-spanner:balance-deadline-exceeded', 'ERROR', [8, 25], (c) => [handler(c, 'GetBalance', [
  'Grpc.Core.RpcException: Status(StatusCode="DeadlineExceeded", Detail="Deadline Exceeded")',
  '   at Google.Api.Gax.Grpc.ApiServerStreamingCall`2.<>c__DisplayClass0_0.<Create>b__0(TRequest req, CallSettings cs)',
  '   at Google.Cloud.Spanner.Data.SpannerDataReader.ReadAsync(CancellationToken cancellationToken)',
  '   at Ledger.Services.LedgerService.GetBalance(BalanceRequest request, ServerCallContext context) in /src/Ledger/Services/LedgerService.cs:line 38',
  '   at Grpc.Shared.Server.UnaryServerMethodInvoker`3.ResolvedInterceptorInvoker(TRequest resolvedRequest, ServerCallContext resolvedContext)',
].join('\n'))], 0.3);

// Data Protection's two start-up warnings in a container with no key storage: they always come together
// and say different things.
const ephemeral = fam('ledger-spanner:dataprotection-in-memory-keys', 'WARNING', [12, 30], (c) => [
  netLog(c, 'Warning', 'Microsoft.AspNetCore.DataProtection.Repositories.EphemeralXmlRepository', 50, 'Using an in-memory repository. Keys will not be persisted to storage.', {}),
  { ...netLog(c, 'Warning', 'Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager', 35, 'No XML encryptor configured. Key {KeyId:B} may be persisted to storage in unencrypted form.', { 'KeyId:B': `{${c.rng.uuid()}}` }), as: { family: 'ledger-spanner:dataprotection-no-encryptor', level: 'WARNING' } },
]);

export const ledgerSpanner: ServiceDef = {
  name: 'ledger-spanner', stack: '.NET 8, Grpc.AspNetCore 2.66 (Kestrel, HTTP/2), Google.Cloud.Spanner.Data 5', splitRate: 0.7,
  families: [finished, alreadyExists, deadline, ephemeral],
};
