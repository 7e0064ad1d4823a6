// The day's JVM service: a Java Cloud Run job exporting BigQuery tables to Cloud Storage, logging with
// java.util.logging (the JDK's default two-line format, then a one-line SimpleFormatter.format).
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { dateTimeMillis, julTime } from './clock.js';
import { containerExit, digits, fam, PROJECT } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// jobs-javabq: Java 21 plain `main` as a Cloud Run job (eight tasks, hourly from Cloud Scheduler),
// google-cloud-bigquery 2.44, google-cloud-storage 2.45. Morning revision: JUL's ConsoleHandler with
// SimpleFormatter's default format (`%1$tb %1$td, %1$tY %1$tl:%1$tM:%1$tS %1$Tp %2$s%n%4$s: %5$s%6$s%n`:
// the date and source on one line, `SEVERE: msg` on the next, the throwable after) on stderr. From the
// rollout `-Djava.util.logging.SimpleFormatter.format=%1$tF %1$tT.%1$tL %4$s [%3$s] %5$s%6$s%n` (one line
// a record, the logger name in brackets). An uncaught error in main is the JVM's own
// `Exception in thread "main"` on System.err, then Cloud Run's exit line.
const JB = 'jobs-javabq';

function jul(t: number, rev: 0 | 1, level: string, cls: string, method: string, msg: string, thrown?: string): Write {
  const tail = thrown ? `\n${thrown}` : '';
  if (rev === 0) return { stream: 'stderr', text: `${julTime(t)} ${cls} ${method}\n${level}: ${msg}${tail}` };
  return { stream: 'stderr', text: `${dateTimeMillis(t)} ${level} [${cls}] ${msg}${tail}` };
}

const task = (rng: Prng): string => `task ${rng.int(0, 7)}/8`;
const EXPORT = 'com.tidewater.export.TableExporter';

const bqDenied = fam(`${JB}:extract-access-denied`, 'ERROR', [20, 50], ({ rng, t, rev }) => {
  const table = rng.pick(['orders_daily', 'refunds_daily', 'sessions_daily']);
  const msg = `Access Denied: Table ${PROJECT}:finance.${table}: Permission bigquery.tables.export denied on table ${PROJECT}:finance.${table} (or it may not exist).`;
  const thrown = `com.google.cloud.bigquery.BigQueryException: ${msg}\n\tat com.google.cloud.bigquery.spi.v2.HttpBigQueryRpc.translate(HttpBigQueryRpc.java:116)\n\tat com.google.cloud.bigquery.spi.v2.HttpBigQueryRpc.create(HttpBigQueryRpc.java:220)\n\tat com.google.cloud.bigquery.BigQueryImpl$5.call(BigQueryImpl.java:443)\n\tat com.google.cloud.bigquery.BigQueryImpl$5.call(BigQueryImpl.java:432)\n\tat com.google.api.gax.retrying.DirectRetryingExecutor.submit(DirectRetryingExecutor.java:103)\n\tat com.google.cloud.bigquery.BigQueryRetryHelper.run(BigQueryRetryHelper.java:86)\n\tat com.google.cloud.bigquery.BigQueryRetryHelper.runWithRetries(BigQueryRetryHelper.java:49)\n\tat com.google.cloud.bigquery.BigQueryImpl.create(BigQueryImpl.java:431)\n\tat ${EXPORT}.export(TableExporter.java:58)\n\tat com.tidewater.export.ExportJob.run(ExportJob.java:41)\n\tat com.tidewater.export.ExportJob.main(ExportJob.java:22)\nCaused by: com.google.api.client.googleapis.json.GoogleJsonResponseException: 403 Forbidden\nPOST https://www.googleapis.com/bigquery/v2/projects/${PROJECT}/jobs?prettyPrint=false\n{\n  "code": 403,\n  "errors": [\n    {\n      "domain": "global",\n      "message": "${msg}",\n      "reason": "accessDenied"\n    }\n  ],\n  "message": "${msg}",\n  "status": "PERMISSION_DENIED"\n}\n\tat com.google.api.client.googleapis.json.GoogleJsonResponseException.from(GoogleJsonResponseException.java:146)\n\tat com.google.cloud.bigquery.spi.v2.HttpBigQueryRpc.create(HttpBigQueryRpc.java:218)\n\t... 9 more`;
  return [jul(t, rev, 'SEVERE', EXPORT, 'export', `${task(rng)}: export of finance.${table} failed`, thrown)];
});

const gcsTimeout = fam(`${JB}:gcs-write-timeout`, 'ERROR', [25, 70], ({ rng, t, rev }) => {
  const obj = `exports/${rng.pick(['orders', 'refunds', 'sessions'])}/dt=2026-12-06/part-${digits(rng, 5)}.avro`;
  const thrown = `com.google.cloud.storage.StorageException: Read timed out\n\tat com.google.cloud.storage.StorageException.translate(StorageException.java:209)\n\tat com.google.cloud.storage.spi.v1.HttpStorageRpc.translate(HttpStorageRpc.java:331)\n\tat com.google.cloud.storage.spi.v1.HttpStorageRpc.open(HttpStorageRpc.java:1014)\n\tat com.google.cloud.storage.BlobWriteChannelV2$BlobWriteChannelV2State.lambda$getOrCreateUploadId$0(BlobWriteChannelV2.java:97)\n\tat com.google.cloud.storage.Retrying.run(Retrying.java:65)\n\tat com.google.cloud.storage.StorageImpl.writer(StorageImpl.java:656)\n\tat com.tidewater.export.ManifestWriter.write(ManifestWriter.java:33)\n\tat com.tidewater.export.ExportJob.run(ExportJob.java:47)\n\tat com.tidewater.export.ExportJob.main(ExportJob.java:22)\nCaused by: java.net.SocketTimeoutException: Read timed out\n\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:278)\n\tat java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:304)\n\tat java.base/sun.nio.ch.NioSocketImpl.read(NioSocketImpl.java:346)\n\tat java.base/java.net.Socket$SocketInputStream.read(Socket.java:1099)\n\tat java.base/sun.security.ssl.SSLSocketInputRecord.read(SSLSocketInputRecord.java:489)\n\t... 31 more`;
  return [jul(t, rev, 'SEVERE', 'com.tidewater.export.ManifestWriter', 'write', `${task(rng)}: could not write manifest gs://tidewater-exports/${obj}`, thrown)];
});

// BigQuery's per-table update quota; the job backs off and retries (a warning with no trace).
const rateLimit = fam(`${JB}:table-update-rate-limit`, 'WARNING', [60, 150], ({ rng, t, rev }) => {
  const s = rng.int(2, 64);
  return [jul(t, rev, 'WARNING', EXPORT, 'markExported', `${task(rng)}: Exceeded rate limits: too many table update operations for this table. For more information, see https://cloud.google.com/bigquery/docs/troubleshoot-quotas; retrying in ${s}s`)];
});

// One task's partition is larger than its heap: the JVM's own report on System.err, then Cloud Run's
// exit line (two problems).
const oom = fam(`${JB}:heap-out-of-memory`, 'ERROR', [4, 12], ({ rng }) => [
  { stream: 'stderr', text: `Exception in thread "main" java.lang.OutOfMemoryError: Java heap space\n\tat java.base/java.util.Arrays.copyOf(Arrays.java:3541)\n\tat java.base/java.io.ByteArrayOutputStream.ensureCapacity(ByteArrayOutputStream.java:100)\n\tat java.base/java.io.ByteArrayOutputStream.write(ByteArrayOutputStream.java:132)\n\tat org.apache.avro.file.DataFileWriter.writeBlock(DataFileWriter.java:${rng.pick([407, 408])})\n\tat org.apache.avro.file.DataFileWriter.writeIfBlockFull(DataFileWriter.java:351)\n\tat org.apache.avro.file.DataFileWriter.append(DataFileWriter.java:320)\n\tat com.tidewater.export.AvroSink.write(AvroSink.java:44)\n\tat com.tidewater.export.TableExporter.copyRows(TableExporter.java:91)\n\tat com.tidewater.export.ExportJob.run(ExportJob.java:44)\n\tat com.tidewater.export.ExportJob.main(ExportJob.java:22)` },
  containerExit(JB, 1),
]);

const chatter = fam(`noise:${JB}:chatter`, 'INFO', [140, 230], ({ rng, t, rev }) => [jul(t, rev, 'INFO', rng.chance(0.5) ? EXPORT : 'com.tidewater.export.ExportJob', rng.chance(0.5) ? 'export' : 'run', rng.pick([
  `${task(rng)}: exported ${rng.int(1000, 900000)} rows from finance.${rng.pick(['orders_daily', 'refunds_daily', 'sessions_daily'])} (errors=0)`,
  `${task(rng)}: starting, partition ${rng.int(0, 63)}`,
  `${task(rng)}: done in ${rng.int(4, 900)}s, failed files: 0`,
]))]);

export const jobsJavabq: ServiceDef = {
  name: JB, stack: 'Java 21 Cloud Run job, google-cloud-bigquery 2.44, google-cloud-storage 2.45, java.util.logging', splitRate: 0.65,
  families: [bqDenied, gcsTimeout, rateLimit, oom, chatter],
};
