// hr-nlog: .NET 8 worker service (generic host), NLog 5, EF Core with Npgsql, SSH.NET. NLog's default
// layout `${longdate}|${level:uppercase=true}|${logger}|${message:withexception=true}` (the exception's
// ToString after a space) on the morning revision, a JsonLayout after (`time`, `level`, `logger`,
// `message`, `exception`). The host's own `BackgroundService failed` and its StopHost line (.NET 6+).
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { nlogTime } from './clock.js';

function nlog(rev: 0 | 1, t: number, level: 'Info' | 'Warn' | 'Error' | 'Fatal', logger: string, message: string, exception?: string): Write {
  const lv = level.toUpperCase();
  if (rev === 0) return { stream: 'stdout', text: `${nlogTime(t)}|${lv}|${logger}|${message}${exception ? ` ${exception}` : ''}` };
  return { stream: 'stdout', json: { time: nlogTime(t), level: lv, logger, message, ...(exception ? { exception } : {}) } };
}

const sftpTimeout = [
  'Renci.SshNet.Common.SshOperationTimeoutException: Socket read operation has timed out after 30000 milliseconds.',
  '   at Renci.SshNet.Abstractions.SocketAbstraction.Read(Socket socket, Byte[] buffer, Int32 offset, Int32 size, TimeSpan readTimeout)',
  '   at Renci.SshNet.Session.ReceiveMessage(Socket socket)',
  '   at Renci.SshNet.Sftp.SftpSession.RequestOpen(String path, Flags flags, Boolean noWait)',
  '   at Renci.SshNet.SftpClient.InternalUploadFile(Stream input, String path, Flags flags, SftpUploadAsyncResult asyncResult, Action`1 uploadCallback)',
  '   at Hr.Payroll.Export.SftpExporter.UploadAsync(PayrollBatch batch, CancellationToken ct) in /src/Hr.Payroll/Export/SftpExporter.cs:line 48',
  '   at Hr.Payroll.ExportJob.ExecuteAsync(CancellationToken stoppingToken) in /src/Hr.Payroll/ExportJob.cs:line 39',
].join('\n');

const dbUpdate = (rng: Prng): string => [
  'Microsoft.EntityFrameworkCore.DbUpdateException: An error occurred while saving the entity changes. See the inner exception for details.',
  ' ---> Npgsql.PostgresException (0x80004005): 23503: insert or update on table "payslips" violates foreign key constraint "FK_payslips_employees_EmployeeId"',
  '',
  `DETAIL: Key (EmployeeId)=(${rng.int(1000, 99999)}) is not present in table "employees".`,
  '   at Npgsql.Internal.NpgsqlConnector.ReadMessageLong(Boolean async, DataRowLoadingMode dataRowLoadingMode, Boolean readingNotifications, Boolean isReadingPrependedMessage)',
  '   at Npgsql.NpgsqlDataReader.NextResult(Boolean async, Boolean isConsuming, CancellationToken cancellationToken)',
  '   at Microsoft.EntityFrameworkCore.Update.ReaderModificationCommandBatch.ExecuteAsync(IRelationalConnection connection, CancellationToken cancellationToken)',
  '  Exception data:',
  '    Severity: ERROR',
  '    SqlState: 23503',
  '    ConstraintName: FK_payslips_employees_EmployeeId',
  '   --- End of inner exception stack trace ---',
  '   at Microsoft.EntityFrameworkCore.Update.ReaderModificationCommandBatch.ExecuteAsync(IRelationalConnection connection, CancellationToken cancellationToken)',
  '   at Microsoft.EntityFrameworkCore.DbContext.SaveChangesAsync(Boolean acceptAllChangesOnSuccess, CancellationToken cancellationToken)',
  '   at Hr.Payroll.PayslipStore.SaveAsync(IReadOnlyList`1 payslips, CancellationToken ct) in /src/Hr.Payroll/PayslipStore.cs:line 62',
].join('\n');

const nlogFamilies: Family[] = [
  {
    name: 'hr-nlog:payroll-sftp-timeout', level: 'ERROR', perDay: [10, 30],
    emit: ({ rng, rev, t }) => [nlog(rev, t, 'Error', 'Hr.Payroll.ExportJob', `Export of payroll batch ${rng.int(2026_0001, 2026_9999)} to SFTP failed`, sftpTimeout)],
  },
  {
    name: 'hr-nlog:payslip-fk-violation', level: 'ERROR', perDay: [15, 45],
    emit: ({ rng, rev, t }) => [nlog(rev, t, 'Error', 'Hr.Payroll.PayslipStore', `Saving ${rng.int(1, 400)} payslips failed`, dbUpdate(rng))],
  },
  {
    name: 'hr-nlog:directory-graph-throttled', level: 'WARNING', perDay: [120, 300],
    emit: ({ rng, rev, t }) => [nlog(rev, t, 'Warn', 'Hr.Sync.DirectoryClient', `Graph API throttled (429 TooManyRequests) on /v1.0/users?$top=999&$skiptoken=${rng.alnum(24)}, retrying after ${rng.pick([5, 10, 30, 60])}s`)],
  },
  // The host stops when a BackgroundService throws: its error, then its critical line.
  {
    name: 'hr-nlog:background-service-di-failure', level: 'ERROR', perDay: [1, 4],
    emit: ({ rev, t }) => [
      nlog(rev, t, 'Error', 'Microsoft.Extensions.Hosting.Internal.Host', 'BackgroundService failed', [
        "System.InvalidOperationException: Unable to resolve service for type 'Hr.Payroll.IPayslipStore' while attempting to activate 'Hr.Payroll.ReconcileJob'.",
        '   at Microsoft.Extensions.DependencyInjection.ActivatorUtilities.GetService(IServiceProvider sp, Type type, Type requiredBy, Boolean isDefaultParameterRequired)',
        '   at Hr.Payroll.ReconcileJob.ExecuteAsync(CancellationToken stoppingToken) in /src/Hr.Payroll/ReconcileJob.cs:line 27',
        '   at Microsoft.Extensions.Hosting.Internal.Host.TryExecuteBackgroundServiceAsync(BackgroundService backgroundService)',
      ].join('\n')),
      { ...nlog(rev, t + 400, 'Fatal', 'Microsoft.Extensions.Hosting.Internal.Host', 'The HostOptions.BackgroundServiceExceptionBehavior is configured to StopHost. A BackgroundService has thrown an unhandled exception, and the IHost instance is stopping. To avoid this behavior, configure this to Ignore; however the BackgroundService will not be restarted.'), as: { family: 'hr-nlog:host-stopping', level: 'CRITICAL' } },
    ],
  },
  {
    name: 'noise:hr-nlog:sync-finished', level: 'INFO', perDay: [150, 300],
    emit: ({ rng, rev, t }) => [nlog(rev, t, 'Info', 'Hr.Sync.DirectorySync', `Directory sync finished: ${rng.int(100, 4000)} employees, ${rng.int(0, 30)} changed, 0 errors`)],
  },
  {
    name: 'noise:hr-nlog:lifetime', level: 'INFO', perDay: [3, 10],
    emit: ({ rev, t }) => [
      nlog(rev, t, 'Info', 'Microsoft.Hosting.Lifetime', 'Application started. Press Ctrl+C to shut down.'),
      nlog(rev, t + 200, 'Info', 'Microsoft.Hosting.Lifetime', 'Hosting environment: Production'),
    ],
  },
];

export const hrNlog: ServiceDef = { name: 'hr-nlog', stack: '.NET 8 worker, NLog 5, EF Core, SSH.NET', splitRate: 0.75, families: nlogFamilies };
