// A sweep in Log Analytics mode over windows of growing size: time, and the function's own memory,
// against the number of entries in the window. Prints figures; asserts nothing.
//
//   npm run bench:analytics                  100k, 1M and 10M entries
//   npm run bench:analytics -- 50000 500000  other sizes
//
// The entries are generated inside the local engine (DuckDB, a database file under bench/out/), three
// hours of three Cloud Run services: mostly INFO and DEBUG noise, and about a dozen problem families
// (text, JSON payloads, a traceback logged as one entry, failing requests, plain stdout with a level in
// its header) whose values vary entry by entry. The local BigQuery server of the tests answers the
// product's query over that table. The sweep itself runs in a child process (the function), so its
// peak memory is its own: the engine's memory, which in production is BigQuery's, is not counted.
// For each size: the engine's query time, the child's sweep time (which waits for the query) and its
// own CPU time, its peak RSS and heap, the rows and
// shapes it read, and the problems it found with their total count (exact: it must equal the number
// of entries at NOTICE or above, or without a severity and stating one, counted by the engine alone).
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { startBigQueryServer } from '../test/integration/servers/bigquery-server.js';
import { ALL_LOGS_COLUMNS } from '../test/integration/servers/bigquery-rows.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT_DIR = join(ROOT, 'bench', 'out');
const HOURS = 3;

// Problem families and noise, by share of entries (per mille of i's hash). Values vary with a second hash.
const FAMILIES = `
  CASE
    WHEN f < 600 THEN struct_pack(sev := 'INFO', text := 'GET /api/items/' || v % 100000 || ' served in ' || v % 900 || ' ms', json := NULL::JSON, status := NULL::BIGINT)
    WHEN f < 700 THEN struct_pack(sev := 'DEBUG', text := 'cache lookup key=item:' || v % 100000 || ' hit=' || (v % 2 = 0), json := NULL, status := NULL)
    WHEN f < 740 THEN struct_pack(sev := 'WARNING', text := 'slow query on table orders took ' || (1000 + v % 9000) || ' ms', json := NULL, status := NULL)
    WHEN f < 770 THEN struct_pack(sev := 'ERROR', text := 'payment ' || v % 1000000 || ' declined by gateway: insufficient funds', json := NULL, status := NULL)
    WHEN f < 795 THEN struct_pack(sev := 'ERROR', text := NULL, json := json_object('message', 'Failed to connect to redis at 10.0.' || v % 255 || '.' || v % 200 || ':6379: connection refused', 'logger', 'cache.client'), status := NULL)
    WHEN f < 815 THEN struct_pack(sev := NULL, text := '2025-09-11 10:00:01,234 ERROR [worker-' || v % 8 || '] app.sync - order ' || md5(v::VARCHAR)[1:12] || ' sync failed: timeout after ' || v % 60 || 's', json := NULL, status := NULL)
    WHEN f < 830 THEN struct_pack(sev := 'ERROR', text := 'Traceback (most recent call last):' || chr(10) || '  File "/app/orders/sync.py", line 88, in sync' || chr(10) || '    row = rows[' || v % 10 || ']' || chr(10) || 'IndexError: list index out of range', json := NULL, status := NULL)
    WHEN f < 860 THEN struct_pack(sev := 'ERROR', text := NULL, json := NULL, status := 500)
    WHEN f < 880 THEN struct_pack(sev := 'WARNING', text := NULL, json := json_object('message', 'Rate limit approaching for tenant ' || uuid(), 'level', 'warn'), status := NULL)
    WHEN f < 895 THEN struct_pack(sev := 'NOTICE', text := 'Instance scaled: ' || v % 50 || ' active', json := NULL, status := NULL)
    WHEN f < 905 THEN struct_pack(sev := 'CRITICAL', text := 'Memory limit of 512 MiB exceeded with ' || (512 + v % 200) || ' MiB used', json := NULL, status := NULL)
    WHEN f < 960 THEN struct_pack(sev := NULL, text := 'health ok, connections=' || v % 500, json := NULL, status := NULL)
    ELSE struct_pack(sev := NULL, text := 'WARN cache miss ratio high: 0.' || v % 100, json := NULL, status := NULL)
  END`;

async function buildTable(entries: number): Promise<string> {
  mkdirSync(OUT_DIR, { recursive: true });
  const file = join(OUT_DIR, `analytics-${entries}.duckdb`);
  if (existsSync(file)) return file;
  const db = await DuckDBInstance.create(file);
  const c = await db.connect();
  await c.run(`SET TimeZone = 'UTC'`);
  const columns = Object.entries(ALL_LOGS_COLUMNS).map(([n, t]) => `${n} ${t}`).join(', ');
  await c.run(`CREATE TABLE all_logs (${columns})`);
  await c.run(`
    INSERT INTO all_logs (timestamp, receive_timestamp, log_name, insert_id, severity, text_payload, json_payload, http_request, resource, labels)
    SELECT ts, ts, 'projects/bench-proj/logs/run.googleapis.com%2Fstdout', 'i' || i, e.sev, e.text, e.json,
      CASE WHEN e.status IS NULL THEN NULL ELSE struct_pack(request_method := 'GET', request_url := 'https://' || svc || '.run.app/api/threads/' || v % 100000, status := e.status, user_agent := 'curl/8', remote_ip := '203.0.113.9', protocol := 'HTTP/1.1', latency := struct_pack(seconds := 0::BIGINT, nanos := (v % 999999999)::BIGINT)) END,
      struct_pack(type := 'cloud_run_revision', labels := json_object('service_name', svc, 'revision_name', svc || '-0000' || (1 + (i * 3) // ${entries}), 'project_id', 'bench-proj', 'location', 'us-central1')),
      json_object('instanceId', 'inst-' || i % 7)
    FROM (
      SELECT i, ts, svc, f, v, ${FAMILIES} AS e
      FROM (
        SELECT i,
          TIMESTAMPTZ '2025-09-11 09:00:00+00' + to_milliseconds((i * ${HOURS * 3600_000}::HUGEINT // ${entries})::BIGINT) AS ts,
          ['api', 'worker', 'billing'][1 + (hash(i + 1) % 3)::INT] AS svc,
          (hash(i) % 1000)::INT AS f,
          (hash(i * 31 + 7) % 1000000007)::BIGINT AS v
        FROM range(${entries}) t(i)
      )
    )`);
  c.closeSync();
  db.closeSync();
  return file;
}

type ChildReport = { ms: number; cpuMs: number; peakRss: number; peakHeap: number; read: number; problems: number; counted: number; shapes: number; split: number; errors: string[] };

async function runChild(host: string): Promise<ChildReport> {
  const proc = fork(fileURLToPath(new URL('./lib/analytics-sweep-child.js', import.meta.url)), [host], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolvePromise, reject) => {
    proc.once('message', (m) => resolvePromise(m as ChildReport));
    proc.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`child exited ${code}`))));
  });
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const list = sizes.length > 0 ? sizes : [100_000, 1_000_000, 10_000_000];
  console.log(`Log Analytics sweep, ${HOURS} h window, 3 services; the function runs in its own process\n`);
  console.log('| entries | build table | engine query | sweep (function) | function CPU | peak RSS | peak heap | rows read | shapes | problems | entries counted | split shapes |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const entries of list) {
    const built = performance.now();
    const file = await buildTable(entries);
    const buildMs = performance.now() - built;
    const db = await DuckDBInstance.create(file, { memory_limit: '6GB' });
    const connection = await db.connect();
    const server = await startBigQueryServer({ connection, pendingPolls: 1, pageRows: 10_000, bytesScanned: entries * 180 });
    try {
      const report = await runChild(server.host);
      // What the engine alone says a full read keeps: every entry at NOTICE or above, and the plain
      // lines whose header states a level at or above it (ERROR, WARN); never the 'health ok' lines.
      const [expected] = await server.sql(`SELECT count(*)::BIGINT AS n FROM all_logs WHERE severity IN ('NOTICE', 'WARNING', 'ERROR', 'CRITICAL') OR text_payload LIKE 'WARN cache%' OR text_payload LIKE '2025-09-11 10:00:01,234 ERROR%'`);
      if (report.errors.length) console.error(report.errors.join('\n'));
      const job = server.jobs[0]!;
      console.log(`| ${entries.toLocaleString('en')} | ${(buildMs / 1000).toFixed(1)} s | ${(job.ms / 1000).toFixed(1)} s | ${(report.ms / 1000).toFixed(1)} s | ${(report.cpuMs / 1000).toFixed(1)} s | ${mb(report.peakRss)} | ${mb(report.peakHeap)} | ${job.rows} | ${report.shapes} | ${report.problems} | ${report.counted.toLocaleString('en')} (read ${report.read.toLocaleString('en')}, engine ${Number(expected!.n).toLocaleString('en')}) | ${report.split} |`);
    } finally {
      await server.stop();
      connection.closeSync();
      db.closeSync();
    }
  }
  if (process.env.BENCH_KEEP !== '1') for (const entries of list) rmSync(join(OUT_DIR, `analytics-${entries}.duckdb`), { force: true });
}

await main();
