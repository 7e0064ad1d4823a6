// The .NET service: a Hangfire 1.8 job server on .NET 8 with PostgreSQL storage.
import type { Prng } from '../prng.js';
import type { Level, ServiceDef, Write } from '../stranger/model.js';
import { dotnetStamp } from './clock.js';
import { fam } from './shared.js';

// Microsoft.Extensions.Logging's simple console formatter: `level: Category[EventId]` then the message
// and the exception indented six spaces (morning); after the rollout `SingleLine = true` with
// `TimestampFormat = "yyyy-MM-dd HH:mm:ss "`, which prints the exception on the same line, its newlines
// replaced by spaces. Hangfire logs through it (LibLog picks up Microsoft.Extensions.Logging).
const HF = 'jobs-hangfire';
type MelLevel = 'fail' | 'warn' | 'info';

function melWrite(rev: 0 | 1, t: number, level: MelLevel, category: string, message: string, exception?: string): Write {
  if (rev === 0) {
    const body = exception ? `${message}\n${exception}` : message;
    return { stream: 'stdout', text: `${level}: ${category}[0]\n${body.split('\n').map((l) => `      ${l}`).join('\n')}` };
  }
  const one = exception ? `${message} ${exception.split('\n').join(' ')}` : message;
  return { stream: 'stdout', text: `${dotnetStamp(t)} ${level}: ${category}[0] ${one}` };
}

const RETRY = 'Hangfire.AutomaticRetryAttribute';
const delay = (rng: Prng): string => `00:${String(rng.int(0, 9)).padStart(2, '0')}:${String(rng.int(10, 59))}`;

/** A job's failure: a warning for each retry scheduled, an error when the attempts are spent. */
function jobFailure(rng: Prng, rev: 0 | 1, t: number, family: string, exception: string): Write[] {
  const job = rng.int(10000, 999999);
  const attempt = rng.int(1, 10);
  if (attempt < 10) {
    return [{ ...melWrite(rev, t, 'warn', RETRY, `Failed to process the job '${job}': an exception occurred. Retry attempt ${attempt} of 10 will be performed in ${delay(rng)}.`, exception), as: { family, level: 'WARNING' as Level } }];
  }
  return [melWrite(rev, t, 'fail', RETRY, `Failed to process the job '${job}': an exception occurred.`, exception)];
}

const hfXero = fam(`${HF}:job-xero-sync-429`, 'ERROR', [40, 90], ({ rng, t, rev }) => jobFailure(rng, rev, t, `${HF}:job-xero-sync-429`, [
  'System.Net.Http.HttpRequestException: Response status code does not indicate success: 429 (Too Many Requests).',
  '   at System.Net.Http.HttpResponseMessage.EnsureSuccessStatusCode()',
  `   at Ledger.Jobs.XeroSyncJob.SyncInvoiceAsync(Int32 invoiceId) in /src/Ledger.Jobs/XeroSyncJob.cs:line ${rng.pick([57, 61])}`,
  '   at InvokeStub_TaskAwaiter.GetResult(Object, Object, IntPtr*)',
  '   at System.Reflection.MethodBaseInvoker.InvokeWithOneArg(Object obj, BindingFlags invokeAttr, Binder binder, Object[] parameters, CultureInfo culture)',
].join('\n')));

const hfReport = fam(`${HF}:job-monthly-report-timeout`, 'ERROR', [20, 45], ({ rng, t, rev }) => jobFailure(rng, rev, t, `${HF}:job-monthly-report-timeout`, [
  'Npgsql.NpgsqlException (0x80004005): Exception while reading from stream',
  ' ---> System.TimeoutException: Timeout during reading attempt',
  '   at Npgsql.Internal.NpgsqlReadBuffer.<Ensure>g__EnsureLong|55_0(NpgsqlReadBuffer buffer, Int32 count, Boolean async, Boolean readingNotifications)',
  '   at Npgsql.Internal.NpgsqlConnector.ReadMessageLong(Boolean async, DataRowLoadingMode dataRowLoadingMode, Boolean readingNotifications, Boolean isReadingPrependedMessage)',
  '   --- End of inner exception stack trace ---',
  '   at Npgsql.NpgsqlDataReader.NextResult(Boolean async, Boolean isConsuming, CancellationToken cancellationToken)',
  '   at Npgsql.NpgsqlCommand.ExecuteReader(Boolean async, CommandBehavior behavior, CancellationToken cancellationToken)',
  `   at Ledger.Jobs.MonthlyReportJob.RenderAsync(Int32 year, Int32 month) in /src/Ledger.Jobs/MonthlyReportJob.cs:line ${rng.pick([88, 93])}`,
].join('\n')));

// Cloud SQL's maintenance drops the storage connections: Hangfire's worker loop retries.
const hfStorage = fam(`${HF}:worker-storage-connection-terminated`, 'WARNING', [10, 30], ({ rng, t, rev }) => [melWrite(rev, t, 'warn', 'Hangfire.Processing.BackgroundExecution',
  `Error occurred during execution of 'Worker #${rng.hex(8)}' process. Execution will be retried (attempt ${rng.int(1, 4)} of 2147483647) in 00:00:0${rng.int(1, 9)} seconds.`, [
    'Npgsql.PostgresException (0x80004005): 57P01: terminating connection due to administrator command',
    '   at Npgsql.Internal.NpgsqlConnector.ReadMessageLong(Boolean async, DataRowLoadingMode dataRowLoadingMode, Boolean readingNotifications, Boolean isReadingPrependedMessage)',
    '   at Hangfire.PostgreSql.PostgreSqlJobQueue.Dequeue(String[] queues, CancellationToken cancellationToken)',
    '   at Hangfire.Server.Worker.Execute(BackgroundProcessContext context)',
  ].join('\n'))]);

const hfInfo = fam(`noise:${HF}:synced`, 'INFO', [250, 450], ({ rng, t, rev }) => [
  melWrite(rev, t, 'info', 'Ledger.Jobs.XeroSyncJob', `synced invoice ${rng.int(10000, 999999)} (lines=${rng.int(1, 40)}, errors=0)`),
]);

const hfStartup = fam(`noise:${HF}:startup`, 'INFO', [6, 16], ({ rng, t, rev }) => [
  melWrite(rev, t, 'info', 'Hangfire.BackgroundJobServer', `Starting Hangfire Server using job storage: 'PostgreSQL Server: Host: 10.20.0.3, DB: ledger, Schema: hangfire'`),
  melWrite(rev, t + 200, 'info', 'Hangfire.Server.BackgroundServerProcess', `Server ledger-jobs:1:${rng.hex(8)} successfully announced in ${rng.fixed(5, 90, 1)} ms`),
]);

export const jobsHangfire: ServiceDef = {
  name: HF, stack: '.NET 8 worker (always-on CPU), Hangfire 1.8 with Hangfire.PostgreSql, Npgsql 8, HttpClient to the Xero API', splitRate: 0.7,
  families: [hfXero, hfReport, hfStorage, hfInfo, hfStartup],
};
