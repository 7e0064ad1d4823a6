// Node.js services. `catalog-node`: Node 22 with pino (numeric `level`, `err` serialised by
// pino-std-serializers with its causes folded into `message` and `stack`) and, on the morning revision
// and one old code path, `console.error` of the same errors, which prints the V8 stack and undici's
// `[cause]` block; an unhandled rejection ends the process. `search-winston`: winston's JSON format on
// the morning revision, then a Cloud Run-aware format that writes `severity`, `stack_trace`,
// `logging.googleapis.com/sourceLocation` and `logging.googleapis.com/trace`.
import type { Prng } from '../prng.js';
import type { Ctx, Family, ServiceDef, Write } from '../stranger/model.js';
import { epochMillis, isoMillis, traceName } from './text.js';
import { PROJECT } from './project.js';

const NODE = 'v22.11.0';

function v8Frames(frames: readonly string[], indent = '    '): string {
  return frames.map((f) => `${indent}at ${f}`).join('\n');
}

// Source: pino's record (`level` 30/40/50/60, `time` epoch ms, `pid`, `hostname`, `msg`), https://getpino.io
// (#/docs/api?id=logger); pino-std-serializers' `err` with `type`, `message`, `stack` and causes appended.
function pino(ctx: Ctx, level: 30 | 40 | 50 | 60, msg: string, fields: Record<string, unknown> = {}): Write {
  return { stream: 'stdout', json: { level, time: epochMillis(ctx.t), pid: 1, hostname: 'localhost', ...fields, msg } };
}

interface NodeErr { type: string; message: string; frames: string[]; cause?: { head: string; frames: string[]; props: Record<string, string | number> } }

/** util.inspect(err) as console.error prints it (Node 16.14+ shows `[cause]`), e.g. nodejs/undici#2182, #2362. */
function inspectError(e: NodeErr): string {
  const head = `${e.type}: ${e.message}\n${v8Frames(e.frames)}`;
  if (!e.cause) return head;
  const props = Object.entries(e.cause.props).map(([k, v]) => `    ${k}: ${typeof v === 'string' && !v.startsWith('{') ? `'${v}'` : v}`).join(',\n');
  return `${head} {\n  [cause]: ${e.cause.head}\n${v8Frames(e.cause.frames, '      ')} {\n${props}\n  }\n}`;
}

function pinoErr(e: NodeErr): Record<string, unknown> {
  const causeMsg = e.cause ? e.cause.head.replace(/^\w+: /, '') : '';
  const out: Record<string, unknown> = {
    type: e.type,
    message: e.cause ? `${e.message}: ${causeMsg}` : e.message,
    stack: `${e.type}: ${e.message}\n${v8Frames(e.frames)}${e.cause ? `\ncaused by: ${e.cause.head}\n${v8Frames(e.cause.frames)}` : ''}`,
  };
  return out;
}

const UNDICI = (rng: Prng): string => `node:internal/deps/undici/undici:${rng.pick([13178, 13484, 13502])}:13`;

function priceError(rng: Prng): NodeErr {
  return {
    type: 'TypeError', message: 'fetch failed',
    frames: [UNDICI(rng), 'process.processTicksAndRejections (node:internal/process/task_queues:105:5)', 'async getPrice (file:///app/src/pricing.js:22:15)', `async file:///app/src/routes/products.js:${rng.pick([41, 58])}:19`],
    cause: {
      head: `ConnectTimeoutError: Connect Timeout Error (attempted address: pricing.internal:443, timeout: ${rng.pick([10000, 5000])}ms)`,
      frames: ['onConnectTimeout (node:internal/deps/undici/undici:2602:28)', 'node:internal/deps/undici/undici:2558:50', 'Immediate._onImmediate (node:internal/deps/undici/undici:2589:13)', 'process.processImmediate (node:internal/timers:491:21)'],
      props: { code: 'UND_ERR_CONNECT_TIMEOUT' },
    },
  };
}

const priceTimeout: Family = {
  name: 'catalog-node:pricing-fetch-connect-timeout', level: 'ERROR', perDay: [25, 70], burst: 0.35,
  emit(ctx) {
    const { rng } = ctx;
    const e = priceError(rng);
    const sku = `SKU-${rng.upperAlnum(8)}`;
    if (ctx.rev === 1 && rng.chance(0.7)) return [pino(ctx, 50, 'price lookup failed', { reqId: `req-${rng.int(1, 9999).toString(36)}`, sku, err: pinoErr(e) })];
    // console.error('price lookup failed', sku, err) or, in the older handler, console.error(err).
    return [{ stream: 'stderr', text: rng.chance(0.5) ? `price lookup failed ${sku} ${inspectError(e)}` : inspectError(e) }];
  },
};

const inventoryClosed: Family = {
  name: 'catalog-node:inventory-socket-closed', level: 'ERROR', perDay: [10, 35],
  emit(ctx) {
    const { rng } = ctx;
    const e: NodeErr = {
      type: 'TypeError', message: 'fetch failed',
      frames: [UNDICI(rng), 'process.processTicksAndRejections (node:internal/process/task_queues:105:5)', 'async reserveStock (file:///app/src/inventory.js:37:17)'],
      cause: {
        head: 'SocketError: other side closed',
        frames: ['TLSSocket.onHttpSocketEnd (node:internal/deps/undici/undici:8903:26)', 'TLSSocket.emit (node:events:530:35)', 'endReadableNT (node:internal/streams/readable:1698:12)'],
        props: { code: 'UND_ERR_SOCKET', socket: `{ localAddress: '169.254.8.1', localPort: ${rng.int(30000, 60000)}, remoteAddress: '10.8.${rng.int(0, 9)}.${rng.int(2, 250)}', remotePort: 443 }` },
      },
    };
    if (ctx.rev === 1) return [pino(ctx, 50, 'stock reservation failed', { orderId: rng.uuid(), err: pinoErr(e) })];
    return [{ stream: 'stderr', text: `stock reservation failed ${inspectError(e)}` }];
  },
};

const cacheStale: Family = {
  name: 'catalog-node:cache-serving-stale', level: 'WARNING', perDay: [50, 140],
  emit(ctx) {
    const { rng } = ctx;
    const age = rng.int(61, 3600);
    if (ctx.rev === 1) return [pino(ctx, 40, 'serving stale catalog page', { page: rng.int(1, 80), ageSeconds: age })];
    // console.warn with an application prefix, as people write it.
    return [{ stream: 'stderr', text: `[catalog] WARN serving stale catalog page ${rng.int(1, 80)} (age ${age}s)` }];
  },
};

// Source: Node 22's crash on an unhandled rejection of a non-Error reason (node:internal/process/promises,
// `ERR_UNHANDLED_REJECTION`, then `Node.js v22...`).
const unhandledRejection: Family = {
  name: 'catalog-node:unhandled-rejection-redis-lost', level: 'CRITICAL', perDay: [2, 6],
  emit() {
    const text = `node:internal/process/promises:394\n    triggerUncaughtException(err, true /* fromPromise */);\n    ^\n\n[UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "Redis connection lost".] {\n  code: 'ERR_UNHANDLED_REJECTION'\n}\n\nNode.js ${NODE}`;
    return [
      { stream: 'stderr', text },
      { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(1).', as: { family: 'catalog-node:container-exit', level: 'WARNING' } },
    ];
  },
};

const catalogInfo: Family = {
  name: 'noise:catalog-node:requests', level: 'INFO', perDay: [250, 400],
  emit(ctx) {
    const { rng } = ctx;
    return [rng.chance(0.7)
      ? pino(ctx, 30, 'request completed', { reqId: `req-${rng.int(1, 9999).toString(36)}`, res: { statusCode: 200 }, responseTime: rng.int(1, 400) })
      : pino(ctx, 30, 'catalog refresh done', { products: rng.int(100, 9000), errors: 0, retries: 0, err: null })];
  },
};

export const catalogNode: ServiceDef = {
  name: 'catalog-node', stack: 'Node 22, pino, undici fetch', splitRate: 0.75,
  families: [priceTimeout, inventoryClosed, cacheStale, unhandledRejection, catalogInfo],
};

// ---- search-winston ----------------------------------------------------------------------------

// Source: winston's `format.combine(format.timestamp(), format.errors({ stack: true }), format.json())`
// (https://github.com/winstonjs/winston#formats); Cloud Logging's special JSON fields for the newer
// revision (https://cloud.google.com/logging/docs/structured-logging#special-payload-fields).
function winston(ctx: Ctx, level: 'info' | 'warn' | 'error', message: string, stack: string | undefined, extra: Record<string, unknown>, where: [string, number, string]): Write {
  if (ctx.rev === 0) {
    const json: Record<string, unknown> = { level, message, ...extra, timestamp: isoMillis(ctx.t) };
    if (stack !== undefined) json.stack = stack;
    return { stream: 'stdout', json };
  }
  const json: Record<string, unknown> = { severity: level === 'warn' ? 'WARNING' : level.toUpperCase(), message, ...extra };
  if (stack !== undefined) json.stack_trace = stack;
  json['logging.googleapis.com/sourceLocation'] = { file: where[0], line: String(where[1]), function: where[2] };
  json['logging.googleapis.com/trace'] = traceName(ctx.rng, PROJECT);
  return { stream: 'stdout', json };
}

// The Elasticsearch JS client v8's ResponseError message (type, then `Root causes:` with tabs).
const queryShard: Family = {
  name: 'search-winston:es-query-shard-exception', level: 'ERROR', perDay: [20, 60],
  emit(ctx) {
    const { rng } = ctx;
    const term = rng.pick(['abc', 'null', `${rng.lower(5)}`, '12x']);
    const msg = `search_phase_execution_exception\n\tRoot causes:\n\t\tquery_shard_exception: failed to create query: For input string: "${term}"`;
    const stack = `ResponseError: ${msg}\n${v8Frames(['SniffingTransport._request (/app/node_modules/@elastic/transport/lib/Transport.js:543:27)', 'process.processTicksAndRejections (node:internal/process/task_queues:105:5)', 'async Client.SearchApi [as search] (/app/node_modules/@elastic/elasticsearch/lib/api/api/search.js:72:12)', 'async searchProducts (/app/src/search.js:57:17)'])}`;
    return [winston(ctx, 'error', `search failed: ${msg.split('\n')[0]}`, stack, { query: { q: term, page: rng.int(1, 5) } }, ['/app/src/search.js', 57, 'searchProducts'])];
  },
};

const esRefused: Family = {
  name: 'search-winston:es-connection-refused', level: 'ERROR', perDay: [8, 25], burst: 0.4,
  emit(ctx) {
    const { rng } = ctx;
    const addr = `10.8.${rng.int(0, 9)}.${rng.int(2, 250)}:9200`;
    const stack = `ConnectionError: connect ECONNREFUSED ${addr}\n${v8Frames(['SniffingTransport._request (/app/node_modules/@elastic/transport/lib/Transport.js:603:31)', 'process.processTicksAndRejections (node:internal/process/task_queues:105:5)', 'async searchProducts (/app/src/search.js:57:17)'])}`;
    return [winston(ctx, 'error', `search failed: connect ECONNREFUSED ${addr}`, stack, {}, ['/app/src/search.js', 57, 'searchProducts'])];
  },
};

const slowSearch: Family = {
  name: 'search-winston:slow-search', level: 'WARNING', perDay: [50, 140],
  emit(ctx) {
    const { rng } = ctx;
    return [winston(ctx, 'warn', `slow search: took ${rng.int(1001, 9000)}ms`, undefined, { index: `products_v${rng.int(6, 7)}`, hits: rng.int(0, 4000) }, ['/app/src/search.js', 71, 'searchProducts'])];
  },
};

// Source: Error Reporting's ReportedErrorEvent in a JSON log line (`@type`, `message` holding the stack,
// `serviceContext`), https://cloud.google.com/error-reporting/docs/formatting-error-messages.
const reindexFailed: Family = {
  name: 'search-winston:reindex-alias-missing', level: 'ERROR', perDay: [4, 12],
  emit(ctx) {
    const { rng } = ctx;
    const idx = `products_v${rng.int(6, 7)}_${rng.int(20260301, 20260310)}`;
    return [{ stream: 'stdout', json: {
      '@type': 'type.googleapis.com/google.devtools.clouderrorreporting.v1beta1.ReportedErrorEvent', severity: 'ERROR',
      message: `ResponseError: index_not_found_exception\n\tRoot causes:\n\t\tindex_not_found_exception: no such index [${idx}]\n${v8Frames(['SniffingTransport._request (/app/node_modules/@elastic/transport/lib/Transport.js:543:27)', 'async Reindexer.swapAlias (/app/src/reindex.js:88:5)'])}`,
      serviceContext: { service: 'search-winston', version: ctx.rev === 0 ? '1.14.2' : '1.15.0' },
      context: { reportLocation: { filePath: '/app/src/reindex.js', lineNumber: 88, functionName: 'Reindexer.swapAlias' } },
    } }];
  },
};

const searchInfo: Family = {
  name: 'noise:search-winston:queries', level: 'INFO', perDay: [250, 400],
  emit(ctx) {
    const { rng } = ctx;
    return [winston(ctx, 'info', rng.pick(['search ok', 'suggest ok', 'bulk index ok']), undefined, { took: rng.int(2, 900), hits: rng.int(0, 4000), failed_shards: 0, errors: false }, ['/app/src/search.js', 63, 'searchProducts'])];
  },
};

export const searchWinston: ServiceDef = {
  name: 'search-winston', stack: 'Node 20, winston, Elasticsearch client 8', splitRate: 0.7,
  families: [queryShard, esRefused, slowSearch, reindexFailed, searchInfo],
};
