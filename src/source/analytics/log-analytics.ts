// The LogSource over Log Analytics: one query on the linked dataset's view groups the window's
// entries by shape server-side; the function reads one row per shape, revision and time bucket,
// whatever the window holds. A dry run first says what the query would scan; the real one runs
// with maximumBytesBilled and a deadline inside the sweep's time budget, and the bytes billed are
// reported. The BigQuery client is loaded only here, on first use: file and API sweeps never load it.
import type { Logger } from 'pino';
import { SourceError } from '../../shared/errors.js';
import type { EntryGroup, GroupedLogRead, GroupedLogSource, SourceQuery, SourceReadResult } from '../../shared/ports.js';
import { describeQueryError, queryFailure, type QueryContext } from './describe-query-error.js';
import { ShapeFolder, type ShapeRow } from './fold-rows.js';
import { buildCountQuery, buildShapeQuery, type ParamType, type ShapeQuery } from './shape-query.js';
import type { BigQuery, Job, Query } from '@google-cloud/bigquery';

export interface LogAnalyticsOptions {
  /** The project query jobs run in and are billed to (the sweep's project). */
  jobProject: string;
  /** PROJECT.DATASET.VIEW of the linked dataset. */
  table: string;
  maximumBytesBilled: number;
  /** How long the query may take; the caller keeps it within the sweep's time budget. */
  queryTimeoutMs: number;
  location?: string;
  /** `host:port` of a BigQuery REST endpoint, plain HTTP, no credentials. */
  emulatorHost?: string;
  excludeServices: string[];
  /** The classifier's time bucket (BUCKET_MS): the chart's buckets come back already counted. */
  bucketMs: number;
  logger?: Logger;
  clock?: () => number;
}

/** Rows asked for per page: a page of shape rows is a few MB at most. */
const PAGE_ROWS = 5_000;

export interface LogAnalyticsSource extends GroupedLogSource {
  /** Entries of the window the Logging API would page through, at most (`auto` decides on it). */
  countEntries(query: SourceQuery): Promise<number>;
}

export function createLogAnalyticsSource(options: LogAnalyticsOptions): LogAnalyticsSource {
  const clock = options.clock ?? Date.now;
  const where = options.emulatorHost ? ` via ${options.emulatorHost}` : '';
  const context: QueryContext = { jobProject: options.jobProject, table: options.table, maximumBytesBilled: options.maximumBytesBilled };
  let client: Promise<BigQuery> | null = null;

  const bigquery = (): Promise<BigQuery> => (client ??= createClient(options));

  return {
    description: `Log Analytics view ${options.table}${where}`,
    async countEntries(query: SourceQuery): Promise<number> {
      const q = buildCountQuery(query, { table: options.table, excludeServices: options.excludeServices });
      const [job] = await guarded(async () => (await bigquery()).createQueryJob({
        ...request(q, options),
        maximumBytesBilled: String(options.maximumBytesBilled),
        jobTimeoutMs: options.queryTimeoutMs,
      }), context);
      let entries = 0;
      for await (const page of resultPages(job, clock() + options.queryTimeoutMs, clock, context)) {
        for (const row of page) entries += Number((row as { entries: number | string }).entries);
      }
      return entries;
    },
    readGroups(query: SourceQuery): GroupedLogRead {
      const state: SourceReadResult = { filtered: 0, skippedBy: {}, complete: true };
      const shapeQuery = buildShapeQuery(query, { table: options.table, excludeServices: options.excludeServices, bucketMs: options.bucketMs });

      async function* groups(): AsyncGenerator<EntryGroup> {
        const deadline = clock() + options.queryTimeoutMs;
        const client = await bigquery();
        const job = await guarded(() => startQuery(client, shapeQuery, options, deadline - clock()), context);
        const folder = new ShapeFolder(query.severityFloor);
        let rows = 0;
        for await (const page of resultPages(job, deadline, clock, context)) {
          for (const row of page) folder.add(row as ShapeRow);
          rows += page.length;
        }
        const cost = await billedBytes(job);
        state.analytics = { ...cost, shapes: folder.size - folder.lines, lines: folder.lines, splitShapes: 0, splitEntries: 0 };
        state.filtered += folder.filtered;
        if (folder.followed.pulled + folder.followed.heads > 0) state.followed = { ...folder.followed };
        options.logger?.info({ rows, groups: folder.size, ...cost }, 'Log Analytics query done');
        yield* folder.groups();
        if (folder.unsampled > 0) state.skippedBy['shape without a readable sample'] = folder.unsampled;
      }

      return { groups: groups(), result: () => state };
    },
  };
}

/** A dry run (bytes it would scan, checked against the limit), then the query itself. */
function request(q: ShapeQuery, options: LogAnalyticsOptions): Query {
  return {
    query: q.sql,
    // The client sends a TIMESTAMP parameter's value only when it is given a Date.
    params: Object.fromEntries(Object.entries(q.params).map(([name, v]) => [name, q.types[name] === 'TIMESTAMP' ? new Date(String(v)) : v])),
    types: clientTypes(q.types),
    useLegacySql: false,
    ...(options.location ? { location: options.location } : {}),
  };
}

async function startQuery(bigquery: BigQuery, q: ShapeQuery, options: LogAnalyticsOptions, timeLeftMs: number): Promise<Job> {
  const [dry] = await bigquery.createQueryJob({ ...request(q, options), dryRun: true });
  const wouldScan = Number(dry.metadata?.statistics?.totalBytesProcessed ?? 0);
  options.logger?.info({ bytes: wouldScan, limit: options.maximumBytesBilled }, 'Log Analytics dry run');
  if (wouldScan > options.maximumBytesBilled) {
    throw new SourceError(
      `the Log Analytics query would scan ${wouldScan} bytes, more than source.analytics.maximumBytesBilled (${options.maximumBytesBilled}); raise it or sweep a shorter window`,
    );
  }
  const [job] = await bigquery.createQueryJob({
    ...request(q, options),
    maximumBytesBilled: String(options.maximumBytesBilled),
    jobTimeoutMs: Math.max(1_000, Math.floor(timeLeftMs)),
  });
  return job;
}

/** Result pages, polling while the job runs (jobComplete: false), until the deadline. */
async function* resultPages(job: Job, deadline: number, clock: () => number, context: QueryContext): AsyncGenerator<unknown[]> {
  let next: Record<string, unknown> | null = { maxResults: PAGE_ROWS, autoPaginate: false };
  while (next !== null) {
    if (clock() > deadline) {
      await job.cancel().catch(() => undefined);
      throw new SourceError(`the Log Analytics query did not finish within source.analytics.queryTimeoutSeconds; it was cancelled (raise the timeout, or sweep a shorter window)`);
    }
    const asked: Record<string, unknown> = next;
    const [rows, nextQuery] = await guarded(() => job.getQueryResults(asked), context);
    yield rows;
    next = (nextQuery as Record<string, unknown> | null) ?? null;
  }
}

async function billedBytes(job: Job): Promise<{ bytesProcessed: number; bytesBilled: number }> {
  const [metadata] = await job.getMetadata();
  const stats = metadata?.statistics?.query ?? {};
  return { bytesProcessed: Number(stats.totalBytesProcessed ?? 0), bytesBilled: Number(stats.totalBytesBilled ?? 0) };
}

async function guarded<T>(call: () => Promise<T>, context: QueryContext): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw new SourceError(describeQueryError(queryFailure(error), context), { cause: error });
  }
}

function clientTypes(types: Record<string, ParamType>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(types).map(([name, t]) => [name, t === 'ARRAY<STRING>' ? ['STRING'] : t]));
}

async function createClient(options: LogAnalyticsOptions): Promise<BigQuery> {
  const { BigQuery } = await import('@google-cloud/bigquery');
  if (!options.emulatorHost) {
    return new BigQuery({ projectId: options.jobProject, ...(options.location ? { location: options.location } : {}) });
  }
  const host = options.emulatorHost.trim();
  if (!/^\[?[A-Za-z0-9.:-]+\]?:\d+$/.test(host)) throw new SourceError(`BIGQUERY_EMULATOR_HOST must be host:port, got ${JSON.stringify(host)}`);
  // A local endpoint takes no credentials: a fixed token keeps the client from looking for any.
  const { OAuth2Client } = await import('google-auth-library');
  const auth = new OAuth2Client();
  auth.setCredentials({ access_token: 'local', expiry_date: Number.MAX_SAFE_INTEGER });
  return new BigQuery({ projectId: options.jobProject, apiEndpoint: `http://${host}`, authClient: auth, ...(options.location ? { location: options.location } : {}) });
}
