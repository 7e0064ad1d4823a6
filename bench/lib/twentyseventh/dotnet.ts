// The day's .NET service: a Cloud Run job on the generic host with the console logger's default
// (multi-line) simple format, then its JSON formatter; an unhandled exception ends a task.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { containerExit, digits, fam } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// jobs-invoices: .NET 8 console app on `Host.CreateApplicationBuilder` run as a Cloud Run job (ten
// tasks, nightly and hourly catch-ups), Google.Cloud.BigQuery.V2 3.10, Google.Cloud.Storage.V1 4.10,
// an HttpClient to the invoicing partner with Microsoft.Extensions.Http.Resilience 8.10 (Polly 8's
// standard pipeline, its retries logged at Warning). Morning revision: the console logger's default simple formatter on stdout
// (`fail: Category[EventId]`, then the message and the exception's ToString() six spaces in). From the
// rollout `AddJsonConsole()` (`EventId`, `LogLevel`, `Category`, `Message`, `Exception`, `State`; no
// timestamp, no severity). An exception that leaves `Main` is the runtime's `Unhandled exception. …` on
// stderr, and the process aborts (exit 134).
const JI = 'jobs-invoices';
const LVL: Record<string, [string, string]> = { INFO: ['info', 'Information'], WARNING: ['warn', 'Warning'], ERROR: ['fail', 'Error'], CRITICAL: ['crit', 'Critical'] };

function rec(rev: 0 | 1, level: string, category: string, eventId: number, msg: string, exception?: string, state: Record<string, unknown> = {}): Write {
  const [short, long] = LVL[level]!;
  if (rev === 0) {
    const body = [msg, ...(exception ? exception.split('\n') : [])].map((l) => `      ${l}`).join('\n');
    return { stream: 'stdout', text: `${short}: ${category}[${eventId}]\n${body}` };
  }
  const json: Record<string, unknown> = { EventId: eventId, LogLevel: long, Category: category, Message: msg };
  if (exception) json.Exception = exception;
  json.State = { Message: msg, ...state };
  return { stream: 'stdout', json };
}

const EXPORTER = 'Larkspur.Invoices.Jobs.InvoiceExporter';
const batchOf = (rng: Prng): string => `${rng.int(0, 9)}-${digits(rng, 4)}`;

// The export bucket's IAM binding lost the job's account: each batch's PDF upload fails, the task goes on.
const jiUpload403 = fam(`${JI}:pdf-upload-forbidden`, 'ERROR', [30, 80], ({ rng, rev }) => {
  const batch = batchOf(rng);
  const ex = `Google.GoogleApiException: The service storage has thrown an exception. HttpStatusCode is Forbidden. jobs-invoices@larkspur-run-prod.iam.gserviceaccount.com does not have storage.objects.create access to the Google Cloud Storage object. Permission 'storage.objects.create' denied on resource (or it may not exist).\n   at Google.Apis.Upload.ResumableUpload.InitiateSessionAsync(CancellationToken cancellationToken)\n   at Google.Apis.Upload.ResumableUpload.UploadAsync(CancellationToken cancellationToken)\n   at Google.Cloud.Storage.V1.StorageClientImpl.UploadHelper.ExecuteAsync()\n   at Larkspur.Invoices.Jobs.InvoiceExporter.UploadPdfAsync(InvoiceBatch batch, CancellationToken ct) in /src/Jobs/InvoiceExporter.cs:line 88`;
  return [rec(rev, 'ERROR', EXPORTER, 0, `Upload of invoice batch ${batch} failed`, ex, { batch, '{OriginalFormat}': 'Upload of invoice batch {batch} failed' })];
});

// Polly's standard retry: the strategy's telemetry at Warning for each handled 503 (frequent).
const jiRetry = fam(`${JI}:partner-503-retry`, 'WARNING', [120, 260], ({ rng, rev }) => {
  const attempt = rng.int(0, 2);
  const msg = `Execution attempt. Source: 'partner-api-standard/(null)/Standard-Retry', Operation Key: '(null)', Result: '503', Handled: 'True', Attempt: '${attempt}', Execution Time: ${(rng.next() * 900 + 40).toFixed(4)}ms`;
  return [rec(rev, 'WARNING', 'Polly', 3, msg, undefined, { '{OriginalFormat}': 'Execution attempt. Source: \'{PipelineName}/{PipelineInstance}/{StrategyName}\', Operation Key: \'{OperationKey}\', Result: \'{Result}\', Handled: \'{Handled}\', Attempt: \'{Attempt}\', Execution Time: {ExecutionTimeMs}ms' })];
});

// A new month's table does not exist yet when a task queries it: the exception leaves Main, the task
// aborts (two problems: the exception, and Cloud Run's exit line).
const jiTableMissing = fam(`${JI}:bq-month-table-not-found`, 'ERROR', [15, 40], ({ rng }) => {
  const table = `invoices_2026${rng.pick(['11', '12'])}`;
  return [{ stream: 'stderr', text: `Unhandled exception. Google.GoogleApiException: The service bigquery has thrown an exception. HttpStatusCode is NotFound. Not found: Table larkspur-run-prod:billing.${table} was not found in location EU\n   at Google.Apis.Requests.ClientServiceRequest\`1.ParseResponse(HttpResponseMessage response)\n   at Google.Apis.Requests.ClientServiceRequest\`1.ExecuteAsync(CancellationToken cancellationToken)\n   at Google.Cloud.BigQuery.V2.BigQueryClientImpl.GetQueryResultsAsync(JobReference jobReference, GetQueryResultsOptions options, CancellationToken cancellationToken)\n   at Larkspur.Invoices.Jobs.InvoiceQuery.ForTaskAsync(Int32 taskIndex, Int32 taskCount, CancellationToken ct) in /src/Jobs/InvoiceQuery.cs:line 34\n   at Program.<Main>$(String[] args) in /src/Program.cs:line 27\n   at Program.<Main>(String[] args)` }, containerExit(JI, 134)];
});

const jiChatter = fam(`noise:${JI}:chatter`, 'INFO', [200, 320], ({ rng, rev }) => {
  if (rng.chance(0.15)) return [rec(rev, 'INFO', 'Microsoft.Hosting.Lifetime', 0, rng.pick(['Application started. Press Ctrl+C to shut down.', 'Hosting environment: Production', 'Content root path: /app', 'Application is shutting down...']))];
  const task = rng.int(0, 9);
  return [rec(rev, 'INFO', EXPORTER, 0, rng.pick([
    `Task ${task}/10 attempt ${rng.int(1, 3)}: ${rng.int(10, 900)} invoices to export`,
    `Task ${task}/10: exported ${rng.int(10, 900)} invoices (failed=0)`,
    `Invoice batch ${batchOf(rng)} sent (${rng.int(1, 200)} invoices, 0 errors)`,
  ]))];
});

export const jobsInvoices: ServiceDef = {
  name: JI, stack: '.NET 8 console app (generic host) as a Cloud Run job, Google.Cloud.BigQuery.V2 3.10, Google.Cloud.Storage.V1 4.10, Microsoft.Extensions.Http.Resilience 8.10', splitRate: 0.7,
  families: [jiUpload403, jiRetry, jiTableMissing, jiChatter],
};
