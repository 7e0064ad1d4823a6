// The LogSource over Cloud Logging: one explicit filter per sweep, pages read one at a time in time
// order (memory holds one page, whatever the window holds), read-quota back-off that resumes from the
// last page token, and a time budget that ends the read cleanly and says how far it got.
import { Logging, type Entry as LoggingEntry, type LoggingOptions } from '@google-cloud/logging';
import * as grpc from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { mayMatter } from '../normalize/index.js';
import { SourceError } from '../shared/errors.js';
import type { LogRead, LogSource, SourceQuery, SourceReadResult } from '../shared/ports.js';
import type { RawEntry } from '../shared/types.js';
import { buildFilter } from './build-filter.js';
import { followUpFilters, FollowUp } from './follow-up.js';
import { microTime } from './stdout-line.js';
import { toRawEntry } from './to-raw-entry.js';

export interface CloudLoggingSourceOptions {
  project: string;
  /** `host:port` of a Cloud Logging gRPC endpoint: plain-text, no credentials (LOGGING_EMULATOR_HOST). */
  emulatorHost?: string;
  /** Entries per page; 1000 is Cloud Logging's maximum. */
  pageSize: number;
  timeBudgetMs: number;
  /** Services never read: the gardener's own (its function name = its Cloud Run service name). */
  excludeServices?: string[];
  /**
   * A log view to read through (`projects/P/locations/L/buckets/B/views/V`), for an identity that may
   * read that view only (roles/logging.viewAccessor on it) rather than every log of the project.
   * Unset: the project's logs.
   */
  logView?: string;
  logger?: Logger;
  /** Test hooks. */
  backoff?: { initialMs: number; maxMs: number; maxTries: number };
  clock?: () => number;
}

// The read quota is counted per minute per project, so waits grow to tens of seconds before giving up.
const DEFAULT_BACKOFF = { initialMs: 2_000, maxMs: 32_000, maxTries: 6 };

const CODE = { NOT_FOUND: 5, PERMISSION_DENIED: 7, RESOURCE_EXHAUSTED: 8, UNAUTHENTICATED: 16, DEADLINE_EXCEEDED: 4 } as const;

export function createCloudLoggingSource(options: CloudLoggingSourceOptions): LogSource {
  const logging = createClient(options);
  const clock = options.clock ?? Date.now;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const where = options.emulatorHost ? ` via ${options.emulatorHost}` : '';
  const target = readTarget(options);

  return {
    description: `Cloud Logging ${target.what}${where}`,
    read(query: SourceQuery): LogRead {
      const filter = buildFilter(query, options.excludeServices ? { excludeServices: options.excludeServices } : {});
      const state: SourceReadResult = { filtered: 0, skippedBy: {}, complete: true };
      let count = 0;
      let lastTimestamp = '';
      const stopAt = (why: string): void => {
        state.complete = false;
        const at = lastTimestamp || new Date(query.window.start).toISOString();
        state.readUntil = Date.parse(at);
        state.note = `read stopped at ${at} after ${count} entries (${why})`;
        options.logger?.warn({ entries: count, lastTimestamp: at }, state.note);
      };

      async function* entries(): AsyncGenerator<RawEntry> {
        const started = clock();
        const budgetLeft = (): number => options.timeBudgetMs - (clock() - started);
        const budgetNote = `time budget ${Math.round(options.timeBudgetMs / 1000)}s`;
        options.logger?.debug({ filter, pageSize: options.pageSize }, 'reading Cloud Logging');
        let pageToken: string | undefined;
        let pages = 0;
        const follow = new FollowUp();
        for (;;) {
          if (budgetLeft() <= 0) return stopAt(budgetNote);
          let page: { entries: LoggingEntry[]; nextPageToken?: string };
          try {
            page = await fetchWithBackoff(filter, pageToken, budgetLeft);
          } catch (error) {
            if (error instanceof StopRead) return stopAt(error.message === 'budget' ? budgetNote : error.message);
            throw error;
          }
          pages++;
          const kept: RawEntry[] = [];
          for (const entry of page.entries) {
            const raw = toRawEntry(entry);
            count++;
            if (typeof raw.timestamp === 'string') lastTimestamp = raw.timestamp;
            // The filter selects entries without a severity by a loose pattern; they are judged here
            // exactly as the file source judges them (a record head is read whatever it says).
            if (!follow.note(raw, microTime(raw), mayMatter(raw, query.severityFloor))) {
              state.filtered++;
              continue;
            }
            kept.push(raw);
          }
          // The lines the page's record heads pull in, read in one more read per batch of heads.
          for (const followFilter of followUpFilters(follow.takeHeads(), query.window.end)) {
            let token: string | undefined;
            do {
              let more: { entries: LoggingEntry[]; nextPageToken?: string };
              try {
                more = await fetchWithBackoff(followFilter, token, budgetLeft);
              } catch (error) {
                if (error instanceof StopRead) return stopAt(error.message === 'budget' ? budgetNote : error.message);
                throw error;
              }
              follow.fetched(more.entries.map(toRawEntry), (raw) => mayMatter(raw, query.severityFloor));
              token = more.nextPageToken || undefined;
            } while (token);
          }
          yield* follow.merge(kept, !page.nextPageToken);
          pageToken = page.nextPageToken || undefined;
          if (!pageToken) break;
        }
        if (follow.counts.pulled + follow.counts.heads + follow.counts.reads > 0) state.followed = { ...follow.counts };
        options.logger?.info({ entries: count, pages, ...(state.followed ?? {}) }, 'Cloud Logging read complete');
      }

      async function fetchWithBackoff(
        filter: string,
        pageToken: string | undefined,
        budgetLeft: () => number,
      ): Promise<{ entries: LoggingEntry[]; nextPageToken?: string }> {
        for (let attempt = 1; ; attempt++) {
          try {
            const [page, , response] = await logging.getEntries({
              resourceNames: [target.resourceName],
              filter,
              orderBy: 'timestamp asc',
              pageSize: options.pageSize,
              ...(pageToken ? { pageToken } : {}),
              autoPaginate: false,
              gaxOptions: { timeout: Math.max(1_000, Math.min(60_000, budgetLeft())) },
            });
            const raw = response as { nextPageToken?: string | null; entries?: unknown[] } | undefined;
            const next = raw?.nextPageToken ?? undefined;
            return { entries: withExactTimes(page, raw?.entries), ...(next ? { nextPageToken: next } : {}) };
          } catch (error) {
            const code = (error as { code?: unknown }).code;
            if (code === CODE.DEADLINE_EXCEEDED && budgetLeft() <= 0) throw new StopRead('budget');
            if (code !== CODE.RESOURCE_EXHAUSTED) throw describeFailure(error, target);
            if (attempt >= backoff.maxTries) {
              if (count === 0) throw describeFailure(error, target);
              throw new StopRead(`read quota exhausted: RESOURCE_EXHAUSTED ${attempt} times`);
            }
            const wait = jittered(backoff, attempt);
            if (wait >= budgetLeft()) throw new StopRead('budget');
            options.logger?.warn({ attempt, waitMs: wait }, 'Cloud Logging read quota exhausted; backing off');
            await sleep(wait);
          }
        }
      }

      return { entries: entries(), result: () => ({ ...state, skippedBy: { ...state.skippedBy } }) };
    },
  };
}

/**
 * The page's entries with the timestamps the API sent. The client turns each entry's Timestamp into a
 * Date, which keeps milliseconds; the lines of one trace Cloud Run stored are microseconds apart, and
 * the reassembly reads their order and gaps from those microseconds, as it does in an export. The
 * response still holds each entry as it came, in the same order.
 */
function withExactTimes(page: LoggingEntry[], sent: unknown[] | undefined): LoggingEntry[] {
  if (sent === undefined || sent.length !== page.length) return page;
  page.forEach((entry, i) => {
    const timestamp = (sent[i] as { timestamp?: unknown } | null)?.timestamp;
    if (typeof timestamp === 'object' && timestamp !== null && 'seconds' in timestamp) {
      (entry.metadata as unknown as { timestamp: unknown }).timestamp = timestamp;
    }
  });
  return page;
}

/** What the read names as its resource, and how messages speak of it and of the grant it needs. */
interface ReadTarget {
  resourceName: string;
  what: string;
  grant: string;
  /** The settings that name it, to check when it is not found. */
  setBy: string;
}

function readTarget(options: CloudLoggingSourceOptions): ReadTarget {
  if (options.logView) {
    const grant = `roles/logging.viewAccessor on the view ${options.logView}`;
    return { resourceName: options.logView, what: `log view ${options.logView}`, grant, setBy: 'GOOGLE_CLOUD_PROJECT and LOGGING_VIEW' };
  }
  return { resourceName: `projects/${options.project}`, what: `project ${options.project}`, grant: 'roles/logging.viewer on the project', setBy: 'GOOGLE_CLOUD_PROJECT' };
}

function createClient(options: CloudLoggingSourceOptions): Logging {
  if (!options.emulatorHost) return new Logging({ projectId: options.project });
  const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(options.emulatorHost.trim());
  if (!match) throw new SourceError(`LOGGING_EMULATOR_HOST must be host:port, got ${JSON.stringify(options.emulatorHost)}`);
  // `port` and `sslCreds` are google-gax client options the Logging constructor passes through; with
  // `sslCreds` set, gax uses them as the channel's credentials and never asks for Google credentials.
  // A stated universe domain spares the auth library its credential search (and metadata-server probe).
  const local: LoggingOptions & { port: number; sslCreds: grpc.ChannelCredentials } = {
    projectId: options.project,
    universeDomain: 'googleapis.com',
    apiEndpoint: match[1]!,
    port: Number(match[2]),
    sslCreds: grpc.credentials.createInsecure(),
  };
  return new Logging(local);
}

class StopRead extends Error {}

/** Full jitter over an exponential ceiling: retries from several instances do not fall in step. */
function jittered(backoff: { initialMs: number; maxMs: number }, attempt: number): number {
  const ceiling = Math.min(backoff.maxMs, backoff.initialMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function describeFailure(error: unknown, target: ReadTarget): SourceError {
  const code = (error as { code?: unknown }).code;
  const details = String((error as { details?: unknown }).details ?? (error as Error).message ?? error).split('\n')[0];
  switch (code) {
    case CODE.PERMISSION_DENIED:
    case CODE.UNAUTHENTICATED:
      return new SourceError(
        `Cloud Logging refused to read logs of ${target.what} (${code === CODE.PERMISSION_DENIED ? 'PERMISSION_DENIED' : 'UNAUTHENTICATED'}): grant the gardener's identity ${target.grant}`,
        { cause: error },
      );
    case CODE.NOT_FOUND:
      return new SourceError(
        `Cloud Logging found no ${target.what} (NOT_FOUND): check ${target.setBy}, that the Logging API is enabled, and that the gardener's identity has ${target.grant}`,
        { cause: error },
      );
    case CODE.RESOURCE_EXHAUSTED:
      return new SourceError(`Cloud Logging read quota of ${target.what} stayed exhausted (RESOURCE_EXHAUSTED): ${details}`, { cause: error });
    default:
      return new SourceError(`Cloud Logging read failed for ${target.what}: ${grpc.status[Number(code)] ?? 'error'}: ${details}`, { cause: error });
  }
}
