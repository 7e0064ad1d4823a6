// Records one failure writes beside its error, through the real file source, sweep and `classify`:
// Hibernate's `SQL Error: 0, SQLState: 08S01` warning written a millisecond before each exception
// (Spring Boot's JSON layout on stdout) is counted under the exception, once, in the sweep and in
// `classify` alike; Cloud Run's platform message after the crash, and a warning written on its own by
// the same instance, stay problems of their own.
import { pino } from 'pino';
import { loadSettings } from '../../../src/config/load-settings.js';
import { classifyFile } from '../../../src/entry/classify-file.js';
import { createFileSource } from '../../../src/source/log-file.js';
import { runSweep } from '../../../src/sweep.js';
import { dayFiles } from './classified-ids.js';

const START = Date.parse('2026-12-05T10:00:00Z');
const INSTANCE = '00f1c2d3e4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3';
const resource = { type: 'cloud_run_revision', labels: { service_name: 'catalog', revision_name: 'catalog-00012-xyz', location: 'europe-west1', project_id: 'shop-prod' } };
const stdout = 'projects/shop-prod/logs/run.googleapis.com%2Fstdout';
const system = 'projects/shop-prod/logs/run.googleapis.com%2Fvarlog%2Fsystem';

const iso = (ms: number): string => new Date(ms).toISOString();
const TRACE = [
  'com.mysql.cj.jdbc.exceptions.CommunicationsException: Communications link failure',
  '',
  'The last packet successfully received from the server was 30,012 milliseconds ago.',
  '\tat com.mysql.cj.jdbc.exceptions.SQLError.createCommunicationsException(SQLError.java:175)',
  '\tat com.mysql.cj.jdbc.ConnectionImpl.execSQL(ConnectionImpl.java:1001)',
  '\tat com.shop.catalog.SearchRepository.search(SearchRepository.java:88)',
  '\tat com.shop.catalog.SearchController.search(SearchController.java:41)',
].join('\n');

function entries(): object[] {
  const out: object[] = [];
  for (let i = 0; i < 12; i++) {
    const t = START + i * 7 * 60_000;
    const labels = { instanceId: INSTANCE };
    out.push({ insertId: `w${i}`, timestamp: iso(t), severity: 'WARNING', logName: stdout, resource, labels,
      jsonPayload: { message: 'SQL Error: 0, SQLState: 08S01', logger: 'org.hibernate.engine.jdbc.spi.SqlExceptionHelper', thread: 'http-nio-8080-exec-3' } });
    out.push({ insertId: `e${i}`, timestamp: iso(t + 1), severity: 'ERROR', logName: stdout, resource, labels,
      jsonPayload: { message: `Servlet.service() for servlet [dispatcherServlet] threw exception\n${TRACE}`, logger: 'org.apache.catalina.core.ContainerBase', thread: 'http-nio-8080-exec-3' } });
    // Every third failure takes the instance down: Cloud Run says so, a millisecond later.
    if (i % 3 === 2) out.push({ insertId: `p${i}`, timestamp: iso(t + 2), severity: 'WARNING', logName: system, resource, labels, textPayload: 'Container called exit(1).' });
    // A warning the same instance writes on its own, seconds away from any failure.
    out.push({ insertId: `h${i}`, timestamp: iso(t + 90_000), severity: 'WARNING', logName: stdout, resource, labels,
      jsonPayload: { message: 'HikariPool-1 - Failed to validate connection com.mysql.cj.jdbc.ConnectionImpl@4b1d (No operations allowed after connection closed.).' } });
  }
  return out;
}

const write = dayFiles('companions-');
const file = write('day.jsonl', entries());

describe('a warning written beside each exception', () => {
  it('is counted under the exception by the sweep, which files the problem once', async () => {
    const settings = loadSettings('{}', {}).settings;
    const { report } = await runSweep(
      { source: createFileSource(file), store: null, logger: pino({ level: 'silent' }) },
      { runId: 'companions', window: { start: START - 3_600_000, end: START + 86_400_000 }, services: [], dryRun: true, settings },
    );
    const clusters = report.clusters.map((c) => ({ template: c.template, count: c.count, severity: c.severity }));
    const exception = clusters.find((c) => c.template.includes('Communications link failure'));
    expect(exception).toMatchObject({ count: 24, severity: 'ERROR' });
    expect(clusters.filter((c) => c.template.includes('SQL Error'))).toEqual([]);
    expect(clusters.find((c) => c.template.includes('Container called exit'))).toMatchObject({ count: 4 });
    expect(clusters.find((c) => c.template.includes('Failed to validate connection'))).toMatchObject({ count: 12 });
    expect(clusters).toHaveLength(3);
  });

  it('gets the exception\'s cluster from classify, as the sweep files it', async () => {
    const lines: Array<{ index: number; cluster: string }> = [];
    await classifyFile(file, 'gcp', (line) => lines.push(JSON.parse(line) as { index: number; cluster: string }));
    const all = entries() as Array<{ insertId: string }>;
    const clusterOf = (prefix: string): Set<string> => new Set(lines.filter((l) => all[l.index]!.insertId.startsWith(prefix)).map((l) => l.cluster));
    expect(clusterOf('w')).toEqual(clusterOf('e'));
    expect(clusterOf('e').size).toBe(1);
    expect(clusterOf('p').size).toBe(1);
    expect([...clusterOf('p')][0]).not.toBe([...clusterOf('e')][0]);
    expect([...clusterOf('h')][0]).not.toBe([...clusterOf('e')][0]);
  });
});
