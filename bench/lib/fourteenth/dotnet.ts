// accounts-aspnet: ASP.NET Core 8 with EF Core 8 on Npgsql, logging through Microsoft.Extensions.Logging's
// Simple console formatter with `SingleLine = true` and `TimestampFormat = "yyyy-MM-dd HH:mm:ss "`: every
// record one line, the exception's line breaks turned into spaces. The rollout turns on `IncludeScopes`,
// which puts the request's scopes (`=> SpanId:..., TraceId:...`) between the category and the message.
// EF Core's SaveChanges failure carries the exception text in its message and again as the exception.
import type { Ctx, Family, ServiceDef } from '../stranger/model.js';
import { ymdHms } from './clock.js';

const SVC = 'accounts-aspnet';

/** The single-line record; scopes only after the rollout and only inside a request. */
function single(ctx: Ctx, level: string, category: string, eventId: number, msg: string, exception?: string, request?: { path: string; action?: string }): string {
  let line = `${ymdHms(ctx.t)} ${level}: ${category}[${eventId}]`;
  if (ctx.rev === 1 && request) {
    const conn = `0HN8${ctx.rng.upperAlnum(9)}`;
    line += ` => SpanId:${ctx.rng.hex(16)}, TraceId:${ctx.rng.hex(32)}, ParentId:0000000000000000 => ConnectionId:${conn} => RequestPath:${request.path} RequestId:${conn}:0000000${ctx.rng.int(1, 9)}`;
    if (request.action) line += ` => ${request.action}`;
  }
  line += ` ${msg.replace(/\r?\n/g, ' ')}`;
  if (exception) line += ` ${exception.replace(/\r?\n/g, ' ')}`;
  return line;
}

const duplicateEmail = (): string => [
  'Microsoft.EntityFrameworkCore.DbUpdateException: An error occurred while saving the entity changes. See the inner exception for details.',
  ' ---> Npgsql.PostgresException (0x80004005): 23505: duplicate key value violates unique constraint "IX_Users_NormalizedEmail"',
  '',
  'DETAIL: Detail redacted as it may contain sensitive data. Specify \'Include Error Detail\' in the connection string to include this information.',
  '   at Npgsql.Internal.NpgsqlConnector.ReadMessageLong(Boolean async, DataRowLoadingMode dataRowLoadingMode, Boolean readingNotifications, Boolean isReadingPrependedMessage)',
  '   at Npgsql.NpgsqlDataReader.NextResult(Boolean async, Boolean isConsuming, CancellationToken cancellationToken)',
  '   at Npgsql.NpgsqlCommand.ExecuteReader(Boolean async, CommandBehavior behavior, CancellationToken cancellationToken)',
  '   at Microsoft.EntityFrameworkCore.Update.ReaderModificationCommandBatch.ExecuteAsync(IRelationalConnection connection, CancellationToken cancellationToken)',
  '  Exception data:',
  '    Severity: ERROR',
  '    SqlState: 23505',
  '    MessageText: duplicate key value violates unique constraint "IX_Users_NormalizedEmail"',
  '    SchemaName: public',
  '    TableName: Users',
  '    ConstraintName: IX_Users_NormalizedEmail',
  '   --- End of inner exception stack trace ---',
  '   at Microsoft.EntityFrameworkCore.Update.ReaderModificationCommandBatch.ExecuteAsync(IRelationalConnection connection, CancellationToken cancellationToken)',
  '   at Microsoft.EntityFrameworkCore.Update.Internal.BatchExecutor.ExecuteAsync(IEnumerable`1 commandBatches, IRelationalConnection connection, CancellationToken cancellationToken)',
  '   at Microsoft.EntityFrameworkCore.DbContext.SaveChangesAsync(Boolean acceptAllChangesOnSuccess, CancellationToken cancellationToken)',
  '   at Accounts.Api.Controllers.AccountsController.Register(RegisterRequest request) in /src/Accounts.Api/Controllers/AccountsController.cs:line 58',
].join('\n');

const registerDuplicate: Family = {
  name: `${SVC}:register-duplicate-email`, level: 'ERROR', perDay: [20, 60], burst: 0.2,
  emit: (ctx) => {
    const ex = duplicateEmail();
    return [{
      stream: 'stdout',
      text: single(ctx, 'fail', 'Microsoft.EntityFrameworkCore.Update', 10000, `An exception occurred in the database while saving changes for context type 'Accounts.Data.AccountsContext'.\n${ex}`, ex,
        { path: '/api/accounts/register', action: 'Accounts.Api.Controllers.AccountsController.Register (Accounts.Api)' }),
    }];
  },
};

const readTimeout: Family = {
  name: `${SVC}:unhandled-npgsql-read-timeout`, level: 'ERROR', perDay: [15, 45],
  emit: (ctx) => {
    const path = ctx.rng.pick(['/api/accounts/me', `/api/accounts/${ctx.rng.int(10000, 99999)}/sessions`]);
    return [{
      stream: 'stdout',
      text: single(ctx, 'fail', 'Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware', 1, 'An unhandled exception has occurred while executing the request.', [
        'Npgsql.NpgsqlException (0x80004005): Exception while reading from stream',
        ' ---> System.TimeoutException: Timeout during reading attempt',
        '   at Npgsql.Internal.NpgsqlReadBuffer.<Ensure>g__EnsureLong|55_0(NpgsqlReadBuffer buffer, Int32 count, Boolean async, Boolean readingNotifications)',
        '   --- End of inner exception stack trace ---',
        '   at Npgsql.Internal.NpgsqlReadBuffer.<Ensure>g__EnsureLong|55_0(NpgsqlReadBuffer buffer, Int32 count, Boolean async, Boolean readingNotifications)',
        '   at Npgsql.Internal.NpgsqlConnector.ReadMessageLong(Boolean async, DataRowLoadingMode dataRowLoadingMode, Boolean readingNotifications, Boolean isReadingPrependedMessage)',
        '   at Npgsql.NpgsqlDataReader.NextResult(Boolean async, Boolean isConsuming, CancellationToken cancellationToken)',
        '   at Microsoft.EntityFrameworkCore.Query.Internal.SingleQueryingEnumerable`1.AsyncEnumerator.MoveNextAsync()',
        '   at Accounts.Api.Services.SessionService.ListAsync(Int64 accountId) in /src/Accounts.Api/Services/SessionService.cs:line 37',
        '   at Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddlewareImpl.<Invoke>g__Awaited|10_0(ExceptionHandlerMiddlewareImpl middleware, HttpContext context, Task task)',
      ].join('\n'), { path }),
    }];
  },
};

const startupAuth: Family = {
  name: `${SVC}:startup-migration-password-authentication-failed`, level: 'CRITICAL', perDay: [2, 5],
  emit: (ctx) => [
    {
      stream: 'stdout',
      text: single(ctx, 'crit', 'Microsoft.AspNetCore.Hosting.Diagnostics', 6, 'Application startup exception', [
        'Npgsql.PostgresException (0x80004005): 28P01: password authentication failed for user "accounts"',
        '   at Npgsql.Internal.NpgsqlConnector.ReadMessageLong(Boolean async, DataRowLoadingMode dataRowLoadingMode, Boolean readingNotifications, Boolean isReadingPrependedMessage)',
        '   at Npgsql.Internal.NpgsqlConnector.AuthenticateSASLSha256(String username, NpgsqlTimeout timeout, Boolean async, CancellationToken cancellationToken)',
        '   at Npgsql.Internal.NpgsqlConnector.Open(NpgsqlTimeout timeout, Boolean async, CancellationToken cancellationToken)',
        '   at Microsoft.EntityFrameworkCore.Migrations.Internal.Migrator.Migrate(String targetMigration)',
        '   at Program.<Main>$(String[] args) in /src/Accounts.Api/Program.cs:line 41',
      ].join('\n')),
    },
    { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(1).', as: { family: `${SVC}:container-exit-1`, level: 'WARNING' } },
  ],
};

const httpsWarn: Family = {
  name: `${SVC}:https-port-undetermined`, level: 'WARNING', perDay: [150, 300],
  emit: (ctx) => [{ stream: 'stdout', text: single(ctx, 'warn', 'Microsoft.AspNetCore.HttpsPolicy.HttpsRedirectionMiddleware', 3, 'Failed to determine the https port for redirect.', undefined, { path: ctx.rng.pick(['/api/accounts/me', '/api/accounts/register', '/healthz']) }) }],
};

const finished: Family = {
  name: `noise:${SVC}:request-finished`, level: 'INFO', perDay: [350, 600],
  emit: (ctx) => {
    const path = ctx.rng.pick(['/api/accounts/me', '/api/accounts/register', '/healthz']);
    const status = path === '/api/accounts/register' ? ctx.rng.pick([201, 400]) : 200;
    return [{ stream: 'stdout', text: single(ctx, 'info', 'Microsoft.AspNetCore.Hosting.Diagnostics', 2, `Request finished HTTP/1.1 ${path === '/api/accounts/register' ? 'POST' : 'GET'} http://${ctx.host}${path} - ${status} null application/json; charset=utf-8 ${ctx.rng.fixed(0.5, 300, 4)}ms`, undefined, { path }) }];
  },
};

const syncChatter: Family = {
  name: `noise:${SVC}:sync`, level: 'INFO', perDay: [60, 140],
  emit: (ctx) => [{ stream: 'stdout', text: single(ctx, 'info', 'Accounts.Api.Jobs.DirectorySync', 0, `Synced ${ctx.rng.int(10, 900)} accounts with 0 errors`) }],
};

export const accountsAspnet: ServiceDef = {
  name: SVC, stack: '.NET 8, ASP.NET Core, EF Core 8, Npgsql 8', splitRate: 0.7,
  families: [registerDuplicate, readTimeout, startupAuth, httpsWarn, finished, syncChatter],
};
