// JVM services: Dropwizard 4 (its default console pattern `%-5p [%d{ISO8601,UTC}] %c: %m%n%rEx`, with
// the `! ` prefixed, root-cause-first exceptions, on the morning revision; its JSON layout after) and a
// standalone Jetty 12 (the StdErrAppender's `time:LEVEL :logger:thread: msg`, logger names condensed
// on the morning revision and in full after `NAME_CONDENSE=false`).
import type { Prng } from '../prng.js';
import type { Ctx, Family, ServiceDef, Write } from '../stranger/model.js';
import { clf, commaMillis, dotMillis, epochMillis } from './clock.js';

// ---- catalog-dropwizard -------------------------------------------------------------------------

interface Thrown { cls: string; msg: string; frames: string[] }

/** `%rEx` with Dropwizard's prefix: root cause first, each wrapper after as `! Causing:`. */
function rootCauseFirst(chain: Thrown[]): string {
  const out: string[] = [];
  chain.forEach((e, i) => {
    out.push(`! ${i === 0 ? '' : 'Causing: '}${e.cls}: ${e.msg}`);
    for (const f of e.frames) out.push(`! at ${f}`);
    if (i > 0) out.push(`! ... ${40 + i * 3} common frames omitted`);
  });
  return out.join('\n');
}

/** Throwable as logback's `%ex` prints it, outermost first (the JSON layout's `exception`). */
function outermostFirst(chain: Thrown[]): string {
  const out: string[] = [];
  [...chain].reverse().forEach((e, i) => {
    out.push(`${i === 0 ? '' : 'Caused by: '}${e.cls}: ${e.msg}`);
    for (const f of e.frames) out.push(`\tat ${f}`);
    if (i > 0) out.push(`\t... ${40 + i * 3} common frames omitted`);
  });
  return out.join('\n');
}

function dropwizard(ctx: Ctx, level: 'INFO' | 'WARN' | 'ERROR', thread: string, logger: string, msg: string, chain?: Thrown[]): Write {
  if (ctx.rev === 0) {
    return { stream: 'stdout', text: `${level.padEnd(5)} [${commaMillis(ctx.t)}] ${logger}: ${msg}${chain ? `\n${rootCauseFirst(chain)}` : ''}` };
  }
  const json: Record<string, unknown> = { level, logger, thread, message: msg, timestamp: epochMillis(ctx.t) };
  if (chain) json.exception = outermostFirst(chain);
  return { stream: 'stdout', json };
}

const statementTimeout = (rng: Prng, dao: string[], sql: string): Thrown[] => [
  {
    cls: 'org.postgresql.util.PSQLException', msg: 'ERROR: canceling statement due to statement timeout',
    frames: [
      'org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2733)',
      'org.postgresql.core.v3.QueryExecutorImpl.processResults(QueryExecutorImpl.java:2420)',
      'org.postgresql.jdbc.PgStatement.executeInternal(PgStatement.java:517)',
      'org.postgresql.jdbc.PgPreparedStatement.execute(PgPreparedStatement.java:167)',
      'com.zaxxer.hikari.pool.HikariProxyPreparedStatement.execute(HikariProxyPreparedStatement.java)',
      'org.jdbi.v3.core.statement.SqlStatement.internalExecute(SqlStatement.java:1794)',
    ],
  },
  {
    cls: 'org.jdbi.v3.core.statement.UnableToExecuteStatementException',
    msg: `org.postgresql.util.PSQLException: ERROR: canceling statement due to statement timeout [statement:"${sql}", arguments:{positional:{0:${rng.int(1, 999)}}, named:{}, finder:[]}]`,
    frames: ['org.jdbi.v3.core.statement.SqlStatement.internalExecute(SqlStatement.java:1800)', 'org.jdbi.v3.core.result.ResultProducers.lambda$getResultSet$2(ResultProducers.java:67)', ...dao],
  },
];

const catalogSearchTimeout: Family = {
  name: 'catalog-dropwizard:search-statement-timeout', level: 'ERROR', perDay: [10, 35], burst: 0.3,
  emit: (ctx) => [dropwizard(ctx, 'ERROR', `dw-${ctx.rng.int(20, 90)} - GET /items?q=${ctx.rng.lower(5)}`, 'io.dropwizard.jersey.errors.LoggingExceptionMapper', `Error handling a request: ${ctx.rng.hex(16)}`,
    statementTimeout(ctx.rng, [
      'com.tidewater.catalog.db.ItemDao.search(ItemDao.java:58)',
      'com.tidewater.catalog.resources.ItemResource.search(ItemResource.java:71)',
      'java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)',
      'org.glassfish.jersey.server.model.internal.ResourceMethodInvocationHandlerFactory.lambda$static$0(ResourceMethodInvocationHandlerFactory.java:52)',
    ], 'SELECT * FROM items WHERE search_vector @@ plainto_tsquery(:q) ORDER BY rank DESC LIMIT 50'))],
};

// The same statement timeout from the nightly reindex: another operation, another problem.
const catalogReindexTimeout: Family = {
  name: 'catalog-dropwizard:reindex-statement-timeout', level: 'ERROR', perDay: [3, 9],
  emit: (ctx) => [dropwizard(ctx, 'ERROR', `pool-3-thread-${ctx.rng.int(1, 4)}`, 'com.tidewater.catalog.jobs.ReindexJob', `reindex batch ${ctx.rng.int(1, 400)} failed, will retry at next run`,
    statementTimeout(ctx.rng, [
      'com.tidewater.catalog.db.ItemDao.refreshSearchVectors(ItemDao.java:131)',
      'com.tidewater.catalog.jobs.ReindexJob.runBatch(ReindexJob.java:64)',
      'com.tidewater.catalog.jobs.ReindexJob.run(ReindexJob.java:41)',
      'java.base/java.util.concurrent.Executors$RunnableAdapter.call(Executors.java:572)',
    ], 'UPDATE items SET search_vector = to_tsvector(title || \' \' || body) WHERE id BETWEEN :from AND :to'))],
};

const catalogPriceFallback: Family = {
  name: 'catalog-dropwizard:price-lookup-fallback', level: 'WARNING', perDay: [100, 260],
  emit: (ctx) => [dropwizard(ctx, 'WARN', `dw-${ctx.rng.int(20, 90)} - GET /items/${ctx.rng.int(1000, 99999)}`, 'com.tidewater.catalog.pricing.PriceClient',
    `price lookup for sku ${ctx.rng.upperAlnum(8)} failed, serving cached price: java.net.SocketTimeoutException: Read timed out`)],
};

const catalogOom: Family = {
  name: 'catalog-dropwizard:export-heap-oom', level: 'ERROR', perDay: [1, 4],
  emit: (ctx) => [dropwizard(ctx, 'ERROR', `dw-${ctx.rng.int(20, 90)} - GET /items/export.csv`, 'io.dropwizard.jersey.errors.LoggingExceptionMapper', `Error handling a request: ${ctx.rng.hex(16)}`, [
    {
      cls: 'java.lang.OutOfMemoryError', msg: 'Java heap space',
      frames: [
        'java.base/java.util.Arrays.copyOf(Arrays.java:3541)',
        'java.base/java.lang.AbstractStringBuilder.ensureCapacityInternal(AbstractStringBuilder.java:242)',
        'java.base/java.lang.StringBuilder.append(StringBuilder.java:179)',
        'com.tidewater.catalog.resources.ExportResource.csv(ExportResource.java:39)',
      ],
    },
  ])],
};

const catalogRequests: Family = {
  name: 'noise:catalog-dropwizard:request-log', level: 'INFO', perDay: [400, 800],
  emit: (ctx) => {
    const status = ctx.rng.weighted([[200, 30], [404, 2], [500, 1]] as const);
    return [{ stream: 'stdout', text: `169.254.${ctx.rng.int(1, 8)}.${ctx.rng.int(1, 254)} - - [${clf(ctx.t)}] "GET /items?q=${ctx.rng.lower(5)} HTTP/1.1" ${status} ${ctx.rng.int(80, 9000)} "-" "okhttp/4.12.0" ${ctx.rng.int(2, 400)}` }];
  },
};

const catalogReindexDone: Family = {
  name: 'noise:catalog-dropwizard:reindex-done', level: 'INFO', perDay: [100, 200],
  emit: (ctx) => [dropwizard(ctx, 'INFO', `pool-3-thread-${ctx.rng.int(1, 4)}`, 'com.tidewater.catalog.jobs.ReindexJob', `reindex batch ${ctx.rng.int(1, 400)} done: ${ctx.rng.int(100, 2000)} items, 0 errors`)],
};

export const catalogDropwizard: ServiceDef = {
  name: 'catalog-dropwizard', stack: 'Java 21, Dropwizard 4.0, Jdbi 3, PostgreSQL JDBC', splitRate: 0.75,
  families: [catalogSearchTimeout, catalogReindexTimeout, catalogPriceFallback, catalogOom, catalogRequests, catalogReindexDone],
};

// ---- tiles-jetty --------------------------------------------------------------------------------

const CONDENSED: Record<string, string> = {
  'org.eclipse.jetty.ee10.servlet.ServletChannel': 'oejes.ServletChannel',
  'org.eclipse.jetty.server.Server': 'oejs.Server',
  'com.tidewater.tiles.TileCache': 'ctt.TileCache',
};

function jetty(ctx: Ctx, level: 'INFO' | 'WARN', logger: string, thread: string, msg: string): Write {
  const name = ctx.rev === 0 ? (CONDENSED[logger] ?? logger) : logger;
  return { stream: 'stderr', text: `${dotMillis(ctx.t)}:${level.padEnd(5)}:${name}:${thread}: ${msg}` };
}

const qtp = (rng: Prng): string => `qtp${1_937_348_256}-${rng.int(30, 60)}`;
const tilePath = (rng: Prng): string => `/tiles/${rng.int(3, 16)}/${rng.int(0, 40000)}/${rng.int(0, 40000)}.png`;
const servletFrames = [
  '\tat org.eclipse.jetty.ee10.servlet.ServletHolder.handle(ServletHolder.java:736)',
  '\tat org.eclipse.jetty.ee10.servlet.ServletHandler$ChainEnd.doFilter(ServletHandler.java:1614)',
  '\tat org.eclipse.jetty.ee10.servlet.ServletHandler.doHandle(ServletHandler.java:599)',
  '\tat org.eclipse.jetty.ee10.servlet.ServletChannel.handle(ServletChannel.java:505)',
  '\tat org.eclipse.jetty.util.thread.QueuedThreadPool.runJob(QueuedThreadPool.java:979)',
  '\tat java.base/java.lang.Thread.run(Thread.java:1583)',
];

const tilesNullStyle: Family = {
  name: 'tiles-jetty:render-style-null', level: 'WARNING', perDay: [8, 30],
  emit: (ctx) => {
    const style = ctx.rng.pick(['outdoor', 'transit', 'winter']);
    return [jetty(ctx, 'WARN', 'org.eclipse.jetty.ee10.servlet.ServletChannel', qtp(ctx.rng), [
      `handleException ${tilePath(ctx.rng)}?style=${style}`,
      `java.lang.NullPointerException: Cannot invoke "com.tidewater.tiles.Style.layer(String)" because "style" is null`,
      '\tat com.tidewater.tiles.Renderer.paint(Renderer.java:118)',
      '\tat com.tidewater.tiles.TileServlet.doGet(TileServlet.java:54)',
      '\tat jakarta.servlet.http.HttpServlet.service(HttpServlet.java:527)',
      '\tat jakarta.servlet.http.HttpServlet.service(HttpServlet.java:614)',
      ...servletFrames,
    ].join('\n'))];
  },
};

// An I/O failure is logged on one line, the exception's toString after the URI, with no stack.
const tilesIdleTimeout: Family = {
  name: 'tiles-jetty:idle-timeout', level: 'WARNING', perDay: [100, 240],
  emit: (ctx) => [jetty(ctx, 'WARN', 'org.eclipse.jetty.ee10.servlet.ServletChannel', qtp(ctx.rng),
    `handleException ${tilePath(ctx.rng)} java.io.IOException: java.util.concurrent.TimeoutException: Idle timeout expired: 30000/30000 ms`)],
};

// -XX:+ExitOnOutOfMemoryError: the JVM prints one line and exits with 3.
const tilesOomExit: Family = {
  name: 'tiles-jetty:heap-oom-exit', level: 'CRITICAL', perDay: [1, 4],
  emit: () => [
    { stream: 'stderr', text: 'Terminating due to java.lang.OutOfMemoryError: Java heap space' },
    { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(3).', as: { family: 'tiles-jetty:container-exit', level: 'WARNING' } },
  ],
};

const tilesCacheMiss: Family = {
  name: 'noise:tiles-jetty:cache-stats', level: 'INFO', perDay: [100, 200],
  emit: (ctx) => [jetty(ctx, 'INFO', 'com.tidewater.tiles.TileCache', `Scheduler-${ctx.rng.int(100000, 999999)}-1`, `cache stats: hits=${ctx.rng.int(1000, 90000)} misses=${ctx.rng.int(10, 900)} evictions=${ctx.rng.int(0, 50)} load_errors=0`)],
};

const tilesStarted: Family = {
  name: 'noise:tiles-jetty:started', level: 'INFO', perDay: [4, 12],
  emit: (ctx) => [jetty(ctx, 'INFO', 'org.eclipse.jetty.server.Server', 'main', `Started oejs.Server@${ctx.rng.hex(8)}{STARTING}[12.0.14,sto=0] @${ctx.rng.int(900, 3000)}ms`)],
};

const tilesRequests: Family = {
  name: 'noise:tiles-jetty:request-log', level: 'INFO', perDay: [500, 900],
  emit: (ctx) => {
    const status = ctx.rng.weighted([[200, 40], [304, 5], [500, 1]] as const);
    return [{ stream: 'stderr', text: `169.254.${ctx.rng.int(1, 8)}.${ctx.rng.int(1, 254)} - - [${clf(ctx.t)}] "GET ${tilePath(ctx.rng)} HTTP/1.1" ${status} ${ctx.rng.int(0, 60000)} "-" "${ctx.rng.pick(['Mozilla/5.0 (X11; Linux x86_64)', 'okhttp/4.12.0'])}"` }];
  },
};

export const tilesJetty: ServiceDef = {
  name: 'tiles-jetty', stack: 'Java 21, Jetty 12 standalone (ee10), jetty-slf4j-impl', splitRate: 0.8,
  families: [tilesNullStyle, tilesIdleTimeout, tilesOomExit, tilesCacheMiss, tilesStarted, tilesRequests],
};
