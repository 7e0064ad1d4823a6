// .NET service of the seventh day: a report renderer on .NET 8 with log4net 2. Morning revision: the
// PatternLayout `%date [%thread] %-5level %logger - %message%newline%exception`; after the rollout
// log4net.Ext.Json's serialized layout (`date`, `level`, `logger`, `thread`, `message`, `exception`; no
// `severity`). An exception nobody catches ends the process with .NET's `Unhandled exception.` text.
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { commaMillis, dotnetRoundTrip } from './clock.js';

type Log4netLevel = 'ERROR' | 'WARN' | 'INFO';

function log4net(t: number, rev: 0 | 1, thread: number, level: Log4netLevel, logger: string, msg: string, exception?: string): Write {
  if (rev === 0) {
    const head = `${commaMillis(t)} [${thread}] ${level.padEnd(5)} ${logger} - ${msg}`;
    return { stream: 'stdout', text: exception ? `${head}\n${exception}` : head };
  }
  const json: Record<string, unknown> = { date: dotnetRoundTrip(t), level, logger, thread: String(thread), message: msg };
  if (exception) json.exception = exception;
  return { stream: 'stdout', json };
}

const at = (frames: readonly string[]): string => frames.map((f) => `   at ${f}`).join('\n');
const thread = (rng: Prng): number => rng.int(4, 40);

const blobRefused: Family = {
  name: 'reports-log4net:export-upload-connection-refused', level: 'ERROR', perDay: [15, 45], burst: 0.3,
  emit: ({ rng, t, rev }) => {
    const ex = [
      'System.Net.Http.HttpRequestException: Connection refused (storage.internal.example:443)',
      ' ---> System.Net.Sockets.SocketException (111): Connection refused',
      at(['System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.ThrowException(SocketError error, CancellationToken cancellationToken)',
        'System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.System.Threading.Tasks.Sources.IValueTaskSource.GetResult(Int16 token)',
        'System.Net.Sockets.Socket.<ConnectAsync>g__WaitForConnectWithCancellation|285_0(AwaitableSocketAsyncEventArgs saea, ValueTask connectTask, CancellationToken cancellationToken)',
        'System.Net.Http.HttpConnectionPool.ConnectToTcpHostAsync(String host, Int32 port, HttpRequestMessage initialRequest, Boolean async, CancellationToken cancellationToken)']),
      '   --- End of inner exception stack trace ---',
      at(['System.Net.Http.HttpConnectionPool.ConnectToTcpHostAsync(String host, Int32 port, HttpRequestMessage initialRequest, Boolean async, CancellationToken cancellationToken)',
        'System.Net.Http.HttpConnectionPool.ConnectAsync(HttpRequestMessage request, Boolean async, CancellationToken cancellationToken)',
        'System.Net.Http.HttpClient.<SendAsync>g__Core|83_0(HttpRequestMessage request, HttpCompletionOption completionOption, CancellationTokenSource cts, Boolean disposeCts, CancellationTokenSource pendingRequestsCts, CancellationToken originalCancellationToken)',
        'Acme.Reports.Storage.BlobClient.UploadAsync(String path, Stream content, CancellationToken ct) in /src/Acme.Reports/Storage/BlobClient.cs:line 47',
        'Acme.Reports.ExportService.ExportAsync(Int32 tenantId, CancellationToken ct) in /src/Acme.Reports/ExportService.cs:line 88']),
    ].join('\n');
    return [log4net(t, rev, thread(rng), 'ERROR', 'Acme.Reports.ExportService', `export failed for tenant ${rng.int(1, 400)}`, ex)];
  },
};

const npgsqlTimeout: Family = {
  name: 'reports-log4net:report-query-read-timeout', level: 'ERROR', perDay: [10, 30],
  emit: ({ rng, t, rev }) => {
    const ex = [
      'Npgsql.NpgsqlException (0x80004005): Exception while reading from stream',
      ' ---> System.TimeoutException: Timeout during reading attempt',
      at(['Npgsql.Internal.NpgsqlReadBuffer.<Ensure>g__EnsureLong|55_0(NpgsqlReadBuffer buffer, Int32 count, Boolean async, Boolean readingNotifications)',
        'Npgsql.Internal.NpgsqlConnector.ReadMessageLong(Boolean async, DataRowLoadingMode dataRowLoadingMode, Boolean readingNotifications, Boolean isReadingPrependedMessage)']),
      '   --- End of inner exception stack trace ---',
      at(['Npgsql.Internal.NpgsqlConnector.ReadMessageLong(Boolean async, DataRowLoadingMode dataRowLoadingMode, Boolean readingNotifications, Boolean isReadingPrependedMessage)',
        'Npgsql.NpgsqlDataReader.NextResult(Boolean async, Boolean isConsuming, CancellationToken cancellationToken)',
        'Npgsql.NpgsqlCommand.ExecuteReader(Boolean async, CommandBehavior behavior, CancellationToken cancellationToken)',
        'Dapper.SqlMapper.QueryAsync[T](IDbConnection cnn, Type effectiveType, CommandDefinition command) in /_/Dapper/SqlMapper.Async.cs:line 434',
        'Acme.Reports.Data.ReportQueries.LoadRowsAsync(Int32 reportId) in /src/Acme.Reports/Data/ReportQueries.cs:line 63']),
    ].join('\n');
    return [log4net(t, rev, thread(rng), 'ERROR', 'Acme.Reports.Data.ReportQueries', `report query failed report=${rng.int(1000, 99999)}`, ex)];
  },
};

const renderSlow: Family = {
  name: 'reports-log4net:render-over-budget', level: 'WARNING', perDay: [150, 350],
  emit: ({ rng, t, rev }) => [log4net(t, rev, thread(rng), 'WARN', 'Acme.Reports.Renderer', `report ${rng.int(1000, 99999)} render took ${rng.fixed(30.5, 90, 1)}s (budget 30s)`)],
};

// A missing template at start-up: the host never runs; .NET prints the exception and aborts (134).
const unhandled: Family = {
  name: 'reports-log4net:startup-template-not-found', level: 'CRITICAL', perDay: [2, 5],
  emit: () => [{
    stream: 'stderr',
    text: [
      "Unhandled exception. System.IO.FileNotFoundException: Could not find file '/app/templates/invoice-v3.frx'.",
      "File name: '/app/templates/invoice-v3.frx'",
      at(['Microsoft.Win32.SafeHandles.SafeFileHandle.Open(String fullPath, FileMode mode, FileAccess access, FileShare share, FileOptions options, Int64 preallocationSize, UnixFileMode openPermissions, Int64& fileLength, UnixFileMode& filePermissions, Boolean failForSymlink, Boolean& wasSymlink, Func`4 createOpenException)',
        'System.IO.File.ReadAllText(String path)',
        'Acme.Reports.Templates.TemplateCache.Preload(String directory) in /src/Acme.Reports/Templates/TemplateCache.cs:line 22',
        'Program.<Main>$(String[] args) in /src/Acme.Reports/Program.cs:line 31']),
    ].join('\n'),
  }, { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(134).', as: { family: 'reports-log4net:container-exit', level: 'WARNING' } }],
};

const queued: Family = {
  name: 'noise:reports-log4net:queued', level: 'INFO', perDay: [300, 600],
  emit: ({ rng, t, rev }) => [log4net(t, rev, thread(rng), 'INFO', 'Acme.Reports.Scheduler', `${rng.int(0, 40)} reports queued, 0 failed, errorCount=0`)],
};

export const reportsLog4net: ServiceDef = {
  name: 'reports-log4net', stack: '.NET 8 worker + minimal API, log4net 2.0, Npgsql 8 + Dapper', splitRate: 0.75,
  families: [blobRefused, npgsqlTimeout, renderSlow, unhandled, queued],
};
