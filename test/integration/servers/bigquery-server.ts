// A BigQuery endpoint for tests: the REST calls the @google-cloud/bigquery client makes for a query
// (jobs.insert, jobs.query, jobs.getQueryResults with jobComplete false until the job is done, page
// tokens, jobs.get, jobs.cancel), answered by running the SQL it receives on DuckDB over a table of
// Log Analytics rows (the _AllLogs columns) made from LogEntry JSON. It keeps a journal of the
// requests, honours dryRun and maximumBytesBilled, and fails on demand with BigQuery's error shape.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, LIST, listValue, VARCHAR, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { DIALECT_MACROS, toDuckDb } from './bigquery-dialect.js';
import { ALL_LOGS_COLUMNS, toAllLogsRow } from './bigquery-rows.js';

export type LogEntryJson = Record<string, unknown>;

export interface BigQueryFault {
  /** Which call fails: creating a job (jobs.insert / jobs.query) or reading its results. */
  on: 'insert' | 'results';
  status: number;
  reason: string;
  message: string;
  /** Fail only dry runs (true), only real runs (false), or both (undefined). */
  dryRun?: boolean;
}

export interface JournalEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
}

export interface BigQueryServer {
  /** host:port, for BIGQUERY_EMULATOR_HOST / source.analytics.emulatorHost. */
  host: string;
  journal: JournalEntry[];
  /** Jobs run (not dry runs), with the SQL they ran and the rows they answered. */
  jobs: Array<{ id: string; sql: string; rows: number; maximumBytesBilled: number | null; ms: number }>;
  fail(fault: BigQueryFault): void;
  /** Rows of the Log Analytics view, straight from DuckDB (for a test that counts on its own). */
  sql(text: string): Promise<Array<Record<string, unknown>>>;
  stop(): Promise<void>;
}

export interface BigQueryServerOptions {
  entries?: LogEntryJson[];
  /** A table already built (the bench's); `entries` is then ignored. */
  connection?: DuckDBConnection;
  /** getQueryResults calls answered `jobComplete: false` before a job is done. */
  pendingPolls?: number;
  /** Rows per result page when the client asks for more. */
  pageRows?: number;
  /** What a query scans, in bytes (dry run and billing). Default: the rows' JSON size. */
  bytesScanned?: number;
}

interface Job {
  id: string;
  projectId: string;
  location: string;
  dryRun: boolean;
  schema: { fields: Array<{ name: string; type: string; mode: string }> };
  rows: Array<{ f: Array<{ v: unknown }> }>;
  polls: number;
  error?: { status: number; reason: string; message: string };
  bytes: number;
}

const BILLING_MINIMUM = 10 * 1024 * 1024;

export async function startBigQueryServer(options: BigQueryServerOptions = {}): Promise<BigQueryServer> {
  let connection = options.connection;
  let instance: DuckDBInstance | undefined;
  let bytes = options.bytesScanned ?? 0;
  if (!connection) {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    bytes = options.bytesScanned ?? (await loadEntries(connection, options.entries ?? []));
  }
  await connection.run(`SET TimeZone = 'UTC'`);
  for (const macro of DIALECT_MACROS) await connection.run(macro);
  const db = connection;

  const journal: JournalEntry[] = [];
  const jobs = new Map<string, Job>();
  const ran: BigQueryServer['jobs'] = [];
  const faults: BigQueryFault[] = [];
  const pendingPolls = options.pendingPolls ?? 1;
  const pageRows = options.pageRows ?? 1000;

  const takeFault = (on: BigQueryFault['on'], dryRun: boolean): BigQueryFault | undefined => {
    const i = faults.findIndex((f) => f.on === on && (f.dryRun === undefined || f.dryRun === dryRun));
    return i < 0 ? undefined : faults.splice(i, 1)[0];
  };

  async function runJob(projectId: string, location: string, body: Record<string, unknown>, dryRun: boolean): Promise<Job> {
    const query = (body.query ?? {}) as Record<string, unknown>;
    const id = String((body.jobReference as Record<string, unknown> | undefined)?.jobId ?? randomUUID());
    const job: Job = { id, projectId, location, dryRun, schema: { fields: [] }, rows: [], polls: 0, bytes };
    const sql = String(query.query ?? '');
    const parameters = (query.queryParameters ?? []) as QueryParameter[];
    const limit = query.maximumBytesBilled === undefined ? null : Number(query.maximumBytesBilled);
    const { text, values, types } = bind(sql, parameters);
    if (dryRun) {
      await db.run(`EXPLAIN ${text}`, values, types); // a query DuckDB cannot plan fails like a bad query
      return job;
    }
    if (limit !== null && Math.max(bytes, BILLING_MINIMUM) > limit) {
      job.error = { status: 400, reason: 'bytesBilledLimitExceeded', message: `Query exceeded limit for bytes billed: ${limit}. ${Math.max(bytes, BILLING_MINIMUM)} or higher required.` };
      return job;
    }
    const started = performance.now();
    const result = await db.runAndReadAll(text, values, types);
    job.schema = { fields: result.columnNames().map((name, i) => field(name, String(result.columnTypes()[i]))) };
    job.rows = result.getRowObjectsJson().map((row) => ({ f: job.schema.fields.map((f) => ({ v: cell(row[f.name]) })) }));
    ran.push({ id, sql, rows: job.rows.length, maximumBytesBilled: limit, ms: performance.now() - started });
    return job;
  }

  function jobResource(job: Job): Record<string, unknown> {
    const done = job.dryRun || job.polls >= pendingPolls || job.error !== undefined;
    const billed = job.dryRun ? 0 : Math.max(job.bytes, BILLING_MINIMUM);
    return {
      kind: 'bigquery#job',
      id: `${job.projectId}:${job.location}.${job.id}`,
      jobReference: { projectId: job.projectId, jobId: job.id, location: job.location },
      status: done
        ? { state: 'DONE', ...(job.error ? { errorResult: { reason: job.error.reason, message: job.error.message }, errors: [{ reason: job.error.reason, message: job.error.message }] } : {}) }
        : { state: 'RUNNING' },
      statistics: {
        totalBytesProcessed: String(job.bytes),
        query: { totalBytesProcessed: String(job.bytes), totalBytesBilled: String(billed), cacheHit: false },
      },
    };
  }

  function results(job: Job, query: Record<string, string>): Record<string, unknown> {
    if (job.polls < pendingPolls) {
      job.polls++;
      return { kind: 'bigquery#getQueryResultsResponse', jobReference: { projectId: job.projectId, jobId: job.id, location: job.location }, jobComplete: false };
    }
    const start = query.pageToken ? Number(query.pageToken) : Number(query.startIndex ?? 0);
    const size = Math.min(Number(query.maxResults ?? pageRows), pageRows);
    const end = Math.min(job.rows.length, start + size);
    return {
      kind: 'bigquery#getQueryResultsResponse',
      jobReference: { projectId: job.projectId, jobId: job.id, location: job.location },
      jobComplete: true,
      schema: job.schema,
      totalRows: String(job.rows.length),
      rows: job.rows.slice(start, end),
      totalBytesProcessed: String(job.bytes),
      ...(end < job.rows.length ? { pageToken: String(end) } : {}),
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const body = req.method === 'POST' ? await readJson(req) : undefined;
    journal.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), ...(body !== undefined ? { body } : {}) });
    const path = url.pathname.replace(/^\/bigquery\/v2/, '');
    let m: RegExpExecArray | null;
    if (req.method === 'POST' && (m = /^\/projects\/([^/]+)\/jobs$/.exec(path))) {
      const config = (body as Record<string, unknown>).configuration as Record<string, unknown>;
      const dryRun = config.dryRun === true;
      const fault = takeFault('insert', dryRun);
      if (fault) return error(res, fault.status, fault.reason, fault.message);
      const reference = ((body as Record<string, unknown>).jobReference ?? {}) as Record<string, unknown>;
      const location = String(reference.location ?? 'US');
      const job = await runJob(m[1]!, location, { ...config, jobReference: reference }, dryRun);
      if (!dryRun) jobs.set(job.id, job);
      return send(res, 200, { ...jobResource(job), configuration: config });
    }
    if (req.method === 'POST' && (m = /^\/projects\/([^/]+)\/queries$/.exec(path))) {
      // jobs.query: the query and its first page in one call.
      const request = body as Record<string, unknown>;
      const fault = takeFault('insert', request.dryRun === true);
      if (fault) return error(res, fault.status, fault.reason, fault.message);
      const job = await runJob(m[1]!, String(request.location ?? 'US'), { query: request }, request.dryRun === true);
      jobs.set(job.id, job);
      job.polls = pendingPolls;
      return send(res, 200, { ...results(job, { maxResults: String(request.maxResults ?? pageRows) }), kind: 'bigquery#queryResponse' });
    }
    if (req.method === 'GET' && (m = /^\/projects\/([^/]+)\/queries\/([^/]+)$/.exec(path))) {
      const job = jobs.get(m[2]!);
      if (!job) return error(res, 404, 'notFound', `Not found: Job ${m[1]}:${m[2]}`);
      const fault = takeFault('results', false);
      if (fault) return error(res, fault.status, fault.reason, fault.message);
      if (job.error && job.polls >= pendingPolls) return error(res, job.error.status, job.error.reason, job.error.message);
      return send(res, 200, results(job, Object.fromEntries(url.searchParams)));
    }
    if (req.method === 'GET' && (m = /^\/projects\/([^/]+)\/jobs\/([^/]+)$/.exec(path))) {
      const job = jobs.get(m[2]!);
      return job ? send(res, 200, jobResource(job)) : error(res, 404, 'notFound', `Not found: Job ${m[1]}:${m[2]}`);
    }
    if (req.method === 'POST' && (m = /^\/projects\/([^/]+)\/jobs\/([^/]+)\/cancel$/.exec(path))) {
      const job = jobs.get(m[2]!);
      return job ? send(res, 200, { kind: 'bigquery#jobCancelResponse', job: jobResource(job) }) : error(res, 404, 'notFound', `Not found: Job ${m[2]}`);
    }
    return error(res, 404, 'notFound', `no such method: ${req.method} ${url.pathname}`);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => error(res, 400, 'invalidQuery', (e as Error).message.split('\n')[0]!));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    host: `127.0.0.1:${port}`,
    journal,
    jobs: ran,
    fail: (fault) => faults.push(fault),
    async sql(text) {
      return (await db.runAndReadAll(text)).getRowObjectsJson() as Array<Record<string, unknown>>;
    },
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (instance) {
        db.closeSync();
        instance.closeSync();
      }
    },
  };
}

interface QueryParameter {
  name: string;
  parameterType: { type: string; arrayType?: { type: string } };
  parameterValue: { value?: string; arrayValues?: Array<{ value: string }> };
}

/** The request's named parameters, bound as DuckDB values (see bigquery-dialect.ts for the text). */
function bind(sql: string, parameters: QueryParameter[]) {
  const timestamps = new Set(parameters.filter((p) => p.parameterType.type === 'TIMESTAMP').map((p) => p.name));
  const { sql: text } = toDuckDb(sql, timestamps);
  const values: Record<string, DuckDBValue> = {};
  const types: Record<string, ReturnType<typeof LIST>> = {};
  for (const p of parameters) {
    if (p.parameterType.type !== 'ARRAY' && p.parameterValue.value === undefined) throw new Error(`Query parameter '${p.name}' has no value`);
    if (p.parameterType.type === 'ARRAY') {
      values[p.name] = listValue((p.parameterValue.arrayValues ?? []).map((v) => v.value));
      types[p.name] = LIST(VARCHAR);
    } else if (p.parameterType.type === 'INT64') values[p.name] = Number(p.parameterValue.value);
    else values[p.name] = p.parameterValue.value ?? null;
  }
  return { text, values, types };
}

/** A DuckDB column type -> a BigQuery result field. */
function field(name: string, type: string): { name: string; type: string; mode: string } {
  const repeated = type.endsWith('[]');
  const base = repeated ? type.slice(0, -2) : type;
  const bq = /INT/.test(base) ? 'INTEGER' : /DOUBLE|FLOAT|DECIMAL/.test(base) ? 'FLOAT' : base === 'BOOLEAN' ? 'BOOLEAN' : 'STRING';
  return { name, type: bq, mode: repeated ? 'REPEATED' : 'NULLABLE' };
}

/** A value as BigQuery's REST rows carry it: every scalar a string, a repeated field a list of {v}. */
function cell(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((v) => ({ v: cell(v) }));
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Builds the Log Analytics table from LogEntry JSON; returns its size in bytes (what a query scans). */
async function loadEntries(connection: DuckDBConnection, entries: LogEntryJson[]): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'bq-rows-'));
  try {
    const file = join(dir, 'rows.jsonl');
    const text = entries.map((e) => JSON.stringify(toAllLogsRow(e))).join('\n');
    writeFileSync(file, text.length ? `${text}\n` : '');
    const columns = Object.entries(ALL_LOGS_COLUMNS).map(([name, type]) => `${name}: '${type}'`).join(', ');
    await connection.run(`SET TimeZone = 'UTC'`);
    if (entries.length === 0) {
      await connection.run(`CREATE TABLE all_logs (${Object.entries(ALL_LOGS_COLUMNS).map(([n, t]) => `${n} ${t}`).join(', ')})`);
    } else {
      await connection.run(`CREATE TABLE all_logs AS SELECT * FROM read_json('${file}', format = 'newline_delimited', columns = {${columns}})`);
    }
    return Buffer.byteLength(text);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify(body));
}

function error(res: ServerResponse, status: number, reason: string, message: string): void {
  send(res, status, { error: { code: status, message, errors: [{ message, domain: 'global', reason }], status: reason } });
}
