// A .NET 8 Worker Service on Serilog: the console sink's default template on the morning revision
// (`[HH:mm:ss LVL] message` then the exception), the compact JSON formatter (CLEF) after.
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import type { Prng } from '../prng.js';
import { hmsOnly, isoTicks } from './clock.js';

type SLevel = 'Information' | 'Warning' | 'Error' | 'Fatal';
const SHORT: Record<SLevel, string> = { Information: 'INF', Warning: 'WRN', Error: 'ERR', Fatal: 'FTL' };

/** A Serilog event from a message template and its properties (rendered in the template's order). */
function serilog(t: number, rev: 0 | 1, level: SLevel, template: string, props: Record<string, string | number>, source: string, exception?: string): Write {
  if (rev === 0) {
    const msg = template.replace(/\{(\w+)\}/g, (_m, k: string) => {
      const v = props[k];
      return typeof v === 'string' ? `"${v}"` : String(v);
    });
    return { stream: 'stdout', text: `[${hmsOnly(t)} ${SHORT[level]}] ${msg}${exception ? `\n${exception}` : ''}` };
  }
  const json: Record<string, unknown> = { '@t': isoTicks(t), '@mt': template };
  if (level !== 'Information') json['@l'] = level;
  if (exception) json['@x'] = exception;
  return { stream: 'stdout', json: { ...json, ...props, SourceContext: source } };
}

const deadlock = (): string => [
  'Npgsql.PostgresException (0x80004005): 40P01: deadlock detected',
  '',
  "DETAIL: Detail redacted as it may contain sensitive data. Specify 'Include Error Detail' in the connection string to include this information.",
  '   at Npgsql.Internal.NpgsqlConnector.ReadMessageLong(Boolean async, DataRowLoadingMode dataRowLoadingMode, Boolean readingNotifications, Boolean isReadingPrependedMessage)',
  '   at System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder`1.StateMachineBox`1.System.Threading.Tasks.Sources.IValueTaskSource<TResult>.GetResult(Int16 token)',
  '   at Npgsql.NpgsqlDataReader.NextResult(Boolean async, Boolean isConsuming, CancellationToken cancellationToken)',
  '   at Npgsql.NpgsqlCommand.ExecuteReader(Boolean async, CommandBehavior behavior, CancellationToken cancellationToken)',
  '   at Npgsql.NpgsqlCommand.ExecuteNonQuery(Boolean async, CancellationToken cancellationToken)',
  '   at Reports.Worker.Storage.ReportStore.MarkRenderedAsync(Int64 reportId, CancellationToken ct) in /src/Reports.Worker/Storage/ReportStore.cs:line 73',
  '   at Reports.Worker.ReportRenderer.RenderAsync(ReportJob job, CancellationToken ct) in /src/Reports.Worker/ReportRenderer.cs:line 58',
  '  Exception data:',
  '    Severity: ERROR',
  '    SqlState: 40P01',
  '    MessageText: deadlock detected',
  '    Detail: Detail redacted as it may contain sensitive data. Specify \'Include Error Detail\' in the connection string to include this information.',
  '    Hint: See server log for query details.',
  '    File: deadlock.c',
  '    Line: 1135',
  '    Routine: DeadLockReport',
].join('\n');

const uploadRefused = (rng: Prng): string => {
  const host = rng.pick(['storage-gw.internal:443', 'storage-gw-b.internal:443']);
  return [
    `System.Net.Http.HttpRequestException: Connection refused (${host})`,
    ' ---> System.Net.Sockets.SocketException (111): Connection refused',
    '   at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.ThrowException(SocketError error, CancellationToken cancellationToken)',
    '   at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.System.Threading.Tasks.Sources.IValueTaskSource.GetResult(Int16 token)',
    '   at System.Net.Http.HttpConnectionPool.ConnectToTcpHostAsync(String host, Int32 port, HttpRequestMessage initialRequest, Boolean async, CancellationToken cancellationToken)',
    '   --- End of inner exception stack trace ---',
    '   at System.Net.Http.HttpConnectionPool.ConnectToTcpHostAsync(String host, Int32 port, HttpRequestMessage initialRequest, Boolean async, CancellationToken cancellationToken)',
    '   at System.Net.Http.HttpClient.<SendAsync>g__Core|83_0(HttpRequestMessage request, HttpCompletionOption completionOption, CancellationTokenSource cts, Boolean disposeCts, CancellationTokenSource pendingRequestsCts, CancellationToken originalCancellationToken)',
    '   at Reports.Worker.Storage.PdfUploader.UploadAsync(Int64 reportId, Stream pdf, CancellationToken ct) in /src/Reports.Worker/Storage/PdfUploader.cs:line 31',
  ].join('\n');
};

const noElements = (): string => [
  'System.InvalidOperationException: Sequence contains no elements',
  '   at System.Linq.ThrowHelper.ThrowNoElementsException()',
  '   at System.Linq.Enumerable.First[TSource](IEnumerable`1 source)',
  '   at Reports.Worker.ReportQueueWorker.ExecuteAsync(CancellationToken stoppingToken) in /src/Reports.Worker/ReportQueueWorker.cs:line 48',
  '   at Microsoft.Extensions.Hosting.Internal.Host.TryExecuteBackgroundServiceAsync(BackgroundService backgroundService)',
].join('\n');

export const reportsWorker: ServiceDef = {
  name: 'reports-worker', stack: '.NET 8 Worker Service, Serilog (console, then compact JSON), Npgsql 8', splitRate: 0.75,
  families: [
    {
      // The report id varies in the rendered message.
      name: 'reports-worker:render-deadlock', level: 'ERROR', perDay: [15, 40], burst: 0.3,
      emit: ({ rng, t, rev }) => [serilog(t, rev, 'Error', 'Failed to render report {ReportId}', { ReportId: rng.int(10000, 999999) }, 'Reports.Worker.ReportRenderer', deadlock())],
    },
    {
      // Retried, but the storage gateway refuses: a real problem logged at Warning, frequent.
      name: 'reports-worker:upload-connection-refused', level: 'WARNING', perDay: [80, 200],
      emit: ({ rng, t, rev }) => [serilog(t, rev, 'Warning', 'Upload of report {ReportId} failed, retry {Attempt} of {MaxAttempts}', { ReportId: rng.int(10000, 999999), Attempt: rng.int(1, 3), MaxAttempts: 3 }, 'Reports.Worker.Storage.PdfUploader', uploadRefused(rng))],
    },
    {
      // The host's two records when a BackgroundService throws: they say different things, two problems.
      name: 'reports-worker:background-service-failed', level: 'ERROR', perDay: [2, 6],
      emit: ({ t, rev }) => [
        serilog(t, rev, 'Error', 'BackgroundService failed', {}, 'Microsoft.Extensions.Hosting.Internal.Host', noElements()),
        { ...serilog(t + 1500, rev, 'Fatal', 'The HostOptions.BackgroundServiceExceptionBehavior is configured to StopHost. A BackgroundService has thrown an unhandled exception, and the IHost instance is stopping. To avoid this behavior, configure this to Ignore; however the BackgroundService will not be restarted.', {}, 'Microsoft.Extensions.Hosting.Internal.Host'), as: { family: 'reports-worker:host-stopping', level: 'CRITICAL' } },
      ],
    },
    {
      name: 'noise:reports-worker:rendered', level: 'INFO', perDay: [200, 400],
      emit: ({ rng, t, rev }) => [serilog(t, rev, 'Information', 'Rendered report {ReportId} in {Elapsed} ms ({Pages} pages, {ErrorCount} errors)', { ReportId: rng.int(10000, 999999), Elapsed: rng.int(80, 9000), Pages: rng.int(1, 60), ErrorCount: 0 }, 'Reports.Worker.ReportRenderer')],
    },
    {
      name: 'noise:reports-worker:lifetime', level: 'INFO', perDay: [4, 12],
      emit: ({ rng, t, rev }) => [serilog(t, rev, 'Information', rng.pick(['Application started. Press Ctrl+C to shut down.', 'Hosting environment: {EnvName}', 'Content root path: {ContentRoot}']), { EnvName: 'Production', ContentRoot: '/app' }, 'Microsoft.Hosting.Lifetime')],
    },
  ] satisfies Family[],
};
