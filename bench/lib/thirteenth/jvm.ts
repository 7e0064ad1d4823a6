// A Spring Batch service on Spring Boot: Boot's console pattern on the morning revision, Boot's
// structured logging in the Elastic Common Schema after (the exception under a nested `error` object).
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import type { Prng } from '../prng.js';
import { isoMillis, isoNanos } from './clock.js';

const SVC = 'jobs-batch';

/** Spring Boot's logger abbreviation to 39 characters, as `%-40.40logger{39}` prints it. */
const LOGGERS: Record<string, string> = {
  'org.springframework.batch.core.step.AbstractStep': 'o.s.batch.core.step.AbstractStep',
  'org.springframework.batch.core.launch.support.SimpleJobLauncher': 'o.s.b.c.l.support.SimpleJobLauncher',
  'org.springframework.batch.core.job.SimpleStepHandler': 'o.s.batch.core.job.SimpleStepHandler',
  'com.zaxxer.hikari.pool.HikariPool': 'com.zaxxer.hikari.pool.HikariPool',
  'com.example.jobs.ImportSummaryListener': 'c.e.jobs.ImportSummaryListener',
};

interface Thrown { type: string; message: string; trace: string }

/** One log event as either revision writes it. */
function record(t: number, rev: 0 | 1, level: 'INFO' | 'WARN' | 'ERROR', logger: string, thread: string, message: string, thrown?: Thrown): Write {
  if (rev === 0) {
    const head = `${isoMillis(t)} ${level.padStart(5)} 1 --- [${SVC}] [${thread.padStart(15).slice(-15)}] ${(LOGGERS[logger] ?? logger).padEnd(40)} : ${message}`;
    return { stream: 'stdout', text: thrown ? `${head}\n\n${thrown.trace}` : head };
  }
  const json: Record<string, unknown> = {
    '@timestamp': isoNanos(t), log: { level, logger }, process: { pid: 1, thread: { name: thread } }, service: { name: SVC }, message,
  };
  if (thrown) json.error = { type: thrown.type, message: thrown.message, stack_trace: thrown.trace };
  json.ecs = { version: '8.11' };
  return { stream: 'stdout', json };
}

const STEP_FRAMES = [
  '\tat org.springframework.batch.core.step.item.SimpleChunkProvider.doRead(SimpleChunkProvider.java:108)',
  '\tat org.springframework.batch.core.step.item.SimpleChunkProvider.read(SimpleChunkProvider.java:183)',
  '\tat org.springframework.batch.core.step.item.ChunkOrientedTasklet.execute(ChunkOrientedTasklet.java:69)',
  '\tat org.springframework.batch.core.step.tasklet.TaskletStep$ChunkTransactionCallback.doInTransaction(TaskletStep.java:388)',
  '\tat org.springframework.transaction.support.TransactionTemplate.execute(TransactionTemplate.java:140)',
  '\tat org.springframework.batch.core.step.AbstractStep.execute(AbstractStep.java:229)',
  '\tat org.springframework.batch.core.job.SimpleStepHandler.handleStep(SimpleStepHandler.java:153)',
  '\tat org.springframework.batch.core.job.AbstractJob.execute(AbstractJob.java:317)',
  '\tat org.springframework.batch.core.launch.support.SimpleJobLauncher$1.run(SimpleJobLauncher.java:157)',
];

/** FlatFileParseException: the line number and the input vary with every failure. */
function parseError(rng: Prng): Thrown {
  const line = rng.int(2, 48_000);
  const input = `${rng.int(100000, 999999)};${rng.pick(['DE', 'FR', 'NL', 'AT'])};${rng.fixed(1, 900, 2)}`;
  const message = `Parsing error at line: ${line} in resource=[URL [gs://tern-imports/orders/${rng.int(20261101, 20261204)}.csv]], input=[${input}]`;
  return {
    type: 'org.springframework.batch.item.file.FlatFileParseException', message,
    trace: [
      `org.springframework.batch.item.file.FlatFileParseException: ${message}`,
      '\tat org.springframework.batch.item.file.FlatFileItemReader.doRead(FlatFileItemReader.java:199)',
      '\tat org.springframework.batch.item.support.AbstractItemCountingItemStreamItemReader.read(AbstractItemCountingItemStreamItemReader.java:93)',
      ...STEP_FRAMES,
      'Caused by: org.springframework.batch.item.file.transform.IncorrectTokenCountException: Incorrect number of tokens found in record: expected 7 actual 3',
      '\tat org.springframework.batch.item.file.transform.AbstractLineTokenizer.tokenize(AbstractLineTokenizer.java:142)',
      '\tat org.springframework.batch.item.file.mapping.DefaultLineMapper.mapLine(DefaultLineMapper.java:43)',
      '\tat org.springframework.batch.item.file.FlatFileItemReader.doRead(FlatFileItemReader.java:195)',
      '\t... 24 common frames omitted',
    ].join('\n'),
  };
}

function duplicateSettlement(rng: Prng): Thrown {
  const invoice = rng.int(10000, 99999);
  const pg = `ERROR: duplicate key value violates unique constraint "settlement_invoice_id_key"\n  Detail: Key (invoice_id)=(${invoice}) already exists.`;
  const message = `PreparedStatementCallback; SQL [INSERT INTO settlement (invoice_id, amount, settled_at) VALUES (?, ?, ?)]; ${pg}`;
  return {
    type: 'org.springframework.dao.DuplicateKeyException', message,
    trace: [
      `org.springframework.dao.DuplicateKeyException: ${message}`,
      '\tat org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator.doTranslate(SQLErrorCodeSQLExceptionTranslator.java:254)',
      '\tat org.springframework.jdbc.core.JdbcTemplate.translateException(JdbcTemplate.java:1548)',
      '\tat org.springframework.batch.item.database.JdbcBatchItemWriter.write(JdbcBatchItemWriter.java:184)',
      '\tat org.springframework.batch.core.step.item.SimpleChunkProcessor.writeItems(SimpleChunkProcessor.java:203)',
      ...STEP_FRAMES.slice(2),
      `Caused by: org.postgresql.util.PSQLException: ${pg}`,
      '\tat org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2725)',
      '\tat org.postgresql.jdbc.PgPreparedStatement.executeBatch(PgPreparedStatement.java:1755)',
      '\tat com.zaxxer.hikari.pool.HikariProxyPreparedStatement.executeBatch(HikariProxyPreparedStatement.java)',
      '\t... 31 common frames omitted',
    ].join('\n'),
  };
}

const JOB_PARAMS = (rng: Prng): string => `[{'run.id':'{value=${rng.int(100, 9000)}, type=class java.lang.Long, identifying=true}'}]`;

export const jobsBatch: ServiceDef = {
  name: SVC, stack: 'Java 21, Spring Boot 3.5, Spring Batch 5.2, HikariCP, PostgreSQL', splitRate: 0.8,
  families: [
    {
      name: 'jobs-batch:import-orders-parse-error', level: 'ERROR', perDay: [15, 40],
      emit: ({ rng, t, rev }) => [record(t, rev, 'ERROR', 'org.springframework.batch.core.step.AbstractStep', 'main', 'Encountered an error executing step importOrdersStep in job importOrdersJob', parseError(rng))],
    },
    {
      name: 'jobs-batch:settle-invoices-duplicate-key', level: 'ERROR', perDay: [8, 22],
      emit: ({ rng, t, rev }) => [record(t, rev, 'ERROR', 'org.springframework.batch.core.step.AbstractStep', 'main', 'Encountered an error executing step settleInvoicesStep in job settleInvoicesJob', duplicateSettlement(rng))],
    },
    {
      name: 'jobs-batch:hikari-clock-leap', level: 'WARNING', perDay: [60, 160],
      emit: ({ rng, t, rev }) => [record(t, rev, 'WARN', 'com.zaxxer.hikari.pool.HikariPool', 'HikariPool-1 housekeeper', `HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=${rng.int(1, 3)}m${rng.int(0, 59)}s${rng.int(0, 999)}ms).`)],
    },
    {
      name: 'noise:jobs-batch:job-lifecycle', level: 'INFO', perDay: [150, 300],
      emit: ({ rng, t, rev }) => {
        const job = rng.pick(['importOrdersJob', 'settleInvoicesJob']);
        return [rng.pick([
          record(t, rev, 'INFO', 'org.springframework.batch.core.launch.support.SimpleJobLauncher', 'main', `Job: [SimpleJob: [name=${job}]] launched with the following parameters: ${JOB_PARAMS(rng)}`),
          record(t, rev, 'INFO', 'org.springframework.batch.core.job.SimpleStepHandler', 'main', `Executing step: [${job.replace('Job', 'Step')}]`),
          record(t, rev, 'INFO', 'org.springframework.batch.core.step.AbstractStep', 'main', `Step: [${job.replace('Job', 'Step')}] executed in ${rng.int(1, 40)}s${rng.int(0, 999)}ms`),
          // Spring Batch reports a failed job at INFO: chatter by its level.
          record(t, rev, 'INFO', 'org.springframework.batch.core.launch.support.SimpleJobLauncher', 'main', `Job: [SimpleJob: [name=${job}]] completed with the following parameters: ${JOB_PARAMS(rng)} and the following status: [${rng.pick(['COMPLETED', 'COMPLETED', 'FAILED'])}] in ${rng.int(1, 40)}s${rng.int(0, 999)}ms`),
          record(t, rev, 'INFO', 'com.example.jobs.ImportSummaryListener', 'main', `read=${rng.int(100, 48000)} written=${rng.int(100, 48000)} read_skip_count=0 write_skip_count=0 errors=0`),
        ])];
      },
    },
  ] satisfies Family[],
};
