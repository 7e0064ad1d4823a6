// A Spring Boot service logging through logstash-logback-encoder with a `severity` field: Cloud Run's
// agent lifts it into the entry, and an export may spell it as the logger did (`WARN`). Hibernate's
// `SQL Error: 0, SQLState: 40P01` warning and its `deadlock detected` error are written beside the
// scheduled task's exception, and a request's `Resolved [...]` warning stands alone. The server holds
// each warning as WARNING, as the export's reader reads it: the same problems through Cloud Logging,
// read with the real client over gRPC, as through the export, each counted where the export counts it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '../../../src/config/load-settings.js';
import { createLogger } from '../../../src/shared/logger.js';
import type { LogSource } from '../../../src/shared/ports.js';
import { createCloudLoggingSource } from '../../../src/source/cloud-logging.js';
import { createFileSource } from '../../../src/source/log-file.js';
import { runSweep } from '../../../src/sweep.js';
import { startLoggingServer, type LoggingServer } from '../servers/logging/server.js';
import { runEntry } from './entries.js';

const START = Date.parse('2026-03-02T06:00:00Z');
const END = Date.parse('2026-03-02T12:00:00Z');

let server: LoggingServer;
beforeEach(async () => {
  server = await startLoggingServer();
});
afterEach(async () => {
  await server.stop();
});

const DETAIL = [
  '  Detail: Process 9950 waits for ShareLock on transaction 194881; blocked by process 1565.',
  'Process 1565 waits for ShareLock on transaction 488049; blocked by process 9950.',
  '  Hint: See server log for query details.',
  '  Where: while updating tuple (8,24) in relation "stock"',
].join('\n');

const TRACE = [
  'org.springframework.dao.CannotAcquireLockException: could not execute statement [ERROR: deadlock detected',
  `${DETAIL}] [update stock set reserved=? where sku=?]; SQL [update stock set reserved=? where sku=?]`,
  '\tat org.springframework.orm.jpa.vendor.HibernateJpaDialect.convertHibernateAccessException(HibernateJpaDialect.java:286)',
  '\tat org.springframework.orm.jpa.JpaTransactionManager.doCommit(JpaTransactionManager.java:566)',
  '\tat com.example.orders.stock.ReservationSweeper.sweep(ReservationSweeper.java:42)',
  'Caused by: org.postgresql.util.PSQLException: ERROR: deadlock detected',
  DETAIL,
  '\tat org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2733)',
  '\t... 26 more',
  '',
].join('\n');

/** One logstash-logback-encoder record on stdout, `us` microseconds into `ms`, its level lifted as written. */
function record(ms: number, us: number, instance: string, level: 'WARN' | 'ERROR', logger: string, message: string, stack?: string) {
  const at = `${new Date(ms).toISOString().slice(0, -1)}${String(us).padStart(3, '0')}Z`;
  const json = {
    '@timestamp': at, '@version': '1', message, logger_name: logger, thread_name: 'scheduling-1',
    level_value: level === 'WARN' ? 30000 : 40000, ...(stack === undefined ? {} : { stack_trace: stack }),
  };
  const entry = runEntry({ at, json, service: 'orders', severity: level });
  return { ...entry, logName: 'projects/demo/logs/run.googleapis.com%2Fstdout', labels: { instanceId: instance } };
}

function day() {
  const out = [];
  for (let k = 0; k < 6; k++) {
    const t = START + k * 1800_000;
    const instance = `inst-${k % 2}`;
    out.push(record(t, 100, instance, 'WARN', 'org.hibernate.engine.jdbc.spi.SqlExceptionHelper', 'SQL Error: 0, SQLState: 40P01'));
    out.push(record(t + 1, 300, instance, 'ERROR', 'org.hibernate.engine.jdbc.spi.SqlExceptionHelper', `ERROR: deadlock detected\n${DETAIL}`));
    out.push(record(t + 1, 500, instance, 'ERROR', 'org.springframework.scheduling.support.TaskUtils$LoggingErrorHandler', 'Unexpected error occurred in scheduled task', TRACE));
    out.push(record(t + 900_000, 0, instance, 'WARN', 'org.springframework.web.servlet.mvc.support.DefaultHandlerExceptionResolver',
      "Resolved [org.springframework.web.HttpMediaTypeNotSupportedException: Content-Type 'text/plain;charset=UTF-8' is not supported]"));
  }
  return out;
}

async function sweep(source: LogSource) {
  const { settings } = loadSettings(readFileSync('config/gardener.yaml', 'utf8'), {});
  const result = await runSweep(
    { source, store: null, logger: createLogger({ level: 'silent' }) },
    { runId: 'severity-spelling', window: { start: START, end: END }, services: ['orders'], dryRun: true, settings: { ...settings, severityFloor: 'WARNING' } },
  );
  return { read: result.report.entries.read, clusters: result.report.clusters.map((c) => ({ id: c.id, count: c.count, severity: c.severity })).sort((x, y) => (x.id < y.id ? -1 : 1)) };
}

test('warnings whose severity an export spells WARN give the same problems through Cloud Logging as through the export', async () => {
  const entries = day();
  server.seed(entries);
  const path = join(mkdtempSync(join(tmpdir(), 'severity-spelling-')), 'day.jsonl');
  writeFileSync(path, entries.map((e) => JSON.stringify(e)).join('\n'));

  const cloud = await sweep(createCloudLoggingSource({
    project: 'demo', emulatorHost: server.address, pageSize: 1000, timeBudgetMs: 240_000, excludeServices: [], backoff: { initialMs: 5, maxMs: 20, maxTries: 4 },
  }));
  const file = await sweep(createFileSource(path));

  expect(cloud).toEqual(file);
  // Every entry read from both, the warnings too.
  expect(cloud.read).toBe(24);
  expect(cloud.clusters.map((c) => c.severity)).toContain('WARNING');
});
