// A Cloud Logging endpoint for tests: google.logging.v2.LoggingServiceV2/ListLogEntries over plain-text
// gRPC, from the protos the client library ships. It evaluates the filter it receives over seeded
// entries (JSON LogEntry form), pages with page_size/page_token, keeps a journal of the requests, and
// fails on demand (RESOURCE_EXHAUSTED, PERMISSION_DENIED, ...). Log views are served as Cloud Logging
// serves them: a request naming `projects/P/locations/L/buckets/B/views/V` sees only the entries the
// view's filter selects, an unknown view is NOT_FOUND, and a server started with `projectRead: false`
// refuses project-wide reads (an identity that may read one view only).
import * as grpc from '@grpc/grpc-js';
import { loadGrpcService } from '../load-grpc-service.js';
import { matches, parseFilter, FilterSyntaxError } from './filter.js';
import { entryProto, storedEntry, timestampProto } from './to-proto.js';

export type LogEntryJson = Record<string, unknown>;

export interface ListRequest {
  resourceNames: string[];
  filter: string;
  orderBy: string;
  pageSize: number;
  pageToken: string;
}

export interface Fault {
  /** gRPC status code, e.g. grpc.status.RESOURCE_EXHAUSTED (8). */
  code: grpc.status;
  message?: string;
  /** How many requests in a row fail (default 1; Infinity: until clearFaults). */
  times?: number;
  /** Let this many requests succeed first (default 0). */
  after?: number;
}

export interface LoggingServer {
  /** `host:port`, for LOGGING_EMULATOR_HOST. */
  readonly address: string;
  /** Adds entries (JSON LogEntry form, as `gcloud logging read --format=json` prints them). */
  seed(entries: LogEntryJson[]): void;
  clear(): void;
  /** Queues a fault; faults apply in order to the requests that follow. */
  fail(fault: Fault): void;
  clearFaults(): void;
  /** Every ListLogEntries request received, failed ones included, in order. */
  readonly requests: ListRequest[];
  /** Entries the server would return for a filter (all pages): the oracle for "read == matching". */
  matching(filter: string): LogEntryJson[];
  /** Makes each response wait this long (ms), e.g. to let a time budget run out. */
  delayMs: number;
  /**
   * Holds every response until the returned release is called: keeps a read in flight for as long as a
   * test needs, however slow the machine (a delay only keeps it in flight for so many milliseconds).
   */
  hold(): () => void;
  stop(): Promise<void>;
}

const MAX_PAGE = 1000;
const DEFAULT_PAGE = 50;

export interface LoggingServerOptions {
  entries?: LogEntryJson[];
  /** Log views by resource name, each with its filter (in the query language the server evaluates). */
  views?: Record<string, string>;
  /** False: a read that names a project is PERMISSION_DENIED (default true). */
  projectRead?: boolean;
}

const VIEW_NAME = /^projects\/[^/]+\/locations\/[^/]+\/buckets\/[^/]+\/views\/[^/]+$/;

export async function startLoggingServer(options: LoggingServerOptions = {}): Promise<LoggingServer> {
  const entries: LogEntryJson[] = (options.entries ?? []).map(storedEntry);
  const views = new Map(Object.entries(options.views ?? {}).map(([name, filter]) => [name, parseFilter(filter)]));
  const faults: Array<Required<Omit<Fault, 'message'>> & { message: string }> = [];
  const requests: ListRequest[] = [];
  let held: Promise<void> | null = null;
  const server = new grpc.Server();

  // Each page re-runs the query; remembering the last answer keeps a many-page read linear.
  let cached: { filter: string; descending: boolean; version: number; result: LogEntryJson[] } | undefined;
  let version = 0;
  const sortKeys = new WeakMap<LogEntryJson, string>();
  const sortKey = (e: LogEntryJson): string => {
    let key = sortKeys.get(e);
    if (key === undefined) {
      const t = timestampProto(String(e.timestamp));
      key = `${String(Number(t.seconds) + 1e12).padStart(14, '0')}.${String(t.nanos).padStart(9, '0')}|${String(e.insertId ?? '')}`;
      sortKeys.set(e, key);
    }
    return key;
  };

  function select(filter: string, orderBy: string, view?: string): LogEntryJson[] {
    const descending = /timestamp\s+desc/i.test(orderBy) || orderBy.trim() === '';
    const key = `${view ?? ''}\n${filter}`;
    if (cached && cached.filter === key && cached.descending === descending && cached.version === version) return cached.result;
    const node = parseFilter(filter);
    const within = view === undefined ? undefined : views.get(view);
    const selected = entries.filter((entry) => (within === undefined || matches(within, entry)) && matches(node, entry));
    const result = selected.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0) * (descending ? -1 : 1));
    cached = { filter: key, descending, version, result };
    return result;
  }

  const handle: grpc.handleUnaryCall<Record<string, unknown>, unknown> = (call, callback) => {
    const r = call.request;
    const request: ListRequest = {
      resourceNames: (r.resourceNames as string[]) ?? [],
      filter: String(r.filter ?? ''),
      orderBy: String(r.orderBy ?? ''),
      pageSize: Number(r.pageSize ?? 0),
      pageToken: String(r.pageToken ?? ''),
    };
    requests.push(request);
    const fail = (code: grpc.status, details: string): void => callback({ code, details, metadata: new grpc.Metadata() });

    const fault = faults[0];
    if (fault) {
      if (fault.after > 0) fault.after--;
      else {
        if (--fault.times <= 0) faults.shift();
        return fail(fault.code, fault.message);
      }
    }
    const named = request.resourceNames;
    if (named.length !== 1 || !(/^projects\/[^/]+$/.test(named[0]!) || VIEW_NAME.test(named[0]!))) {
      return fail(grpc.status.INVALID_ARGUMENT, 'resource_names must name one project or one log view');
    }
    const view = VIEW_NAME.test(named[0]!) ? named[0]! : undefined;
    if (view !== undefined && !views.has(view)) return fail(grpc.status.NOT_FOUND, `log view ${view} not found`);
    if (view === undefined && options.projectRead === false) {
      return fail(grpc.status.PERMISSION_DENIED, `Permission 'logging.logEntries.list' denied on resource ${named[0]}`);
    }
    let selected: LogEntryJson[];
    try {
      selected = select(request.filter, request.orderBy, view);
    } catch (error) {
      if (error instanceof FilterSyntaxError) return fail(grpc.status.INVALID_ARGUMENT, `invalid filter: ${error.message}`);
      throw error;
    }
    let offset = 0;
    if (request.pageToken) {
      const token = decodeToken(request.pageToken);
      if (!token || token.filter !== request.filter || token.orderBy !== request.orderBy) {
        return fail(grpc.status.INVALID_ARGUMENT, 'page_token does not belong to this query');
      }
      offset = token.offset;
    }
    const size = Math.min(request.pageSize > 0 ? request.pageSize : DEFAULT_PAGE, MAX_PAGE);
    const page = selected.slice(offset, offset + size);
    const next = offset + size < selected.length ? encodeToken({ offset: offset + size, filter: request.filter, orderBy: request.orderBy }) : '';
    const respond = (): void => callback(null, { entries: page.map(entryProto), nextPageToken: next });
    const send = (): void => void (api.delayMs > 0 ? setTimeout(respond, api.delayMs) : respond());
    if (held !== null) void held.then(send);
    else send();
  };

  server.addService(loadGrpcService('@google-cloud/logging', 'google/logging/v2/logging.proto', 'google.logging.v2.LoggingServiceV2'), { ListLogEntries: handle } as grpc.UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );

  const api: LoggingServer = {
    address: `127.0.0.1:${port}`,
    seed: (more) => {
      for (const entry of more) entries.push(storedEntry(entry));
      version++;
    },
    clear: () => {
      entries.splice(0);
      version++;
    },
    fail: (fault) => void faults.push({ code: fault.code, message: fault.message ?? grpc.status[fault.code] ?? 'fault', times: fault.times ?? 1, after: fault.after ?? 0 }),
    clearFaults: () => void faults.splice(0),
    requests,
    matching: (filter) => [...select(filter, 'timestamp asc')],
    delayMs: 0,
    hold: () => {
      let release!: () => void;
      held = new Promise<void>((resolve) => (release = resolve));
      return () => {
        held = null;
        release();
      };
    },
    stop: async () => server.forceShutdown(),
  };
  return api;
}

interface Token { offset: number; filter: string; orderBy: string }

function encodeToken(token: Token): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeToken(text: string): Token | null {
  try {
    const token = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Token;
    return typeof token.offset === 'number' ? token : null;
  } catch {
    return null;
  }
}
