// catalog-helidon: Java 21, Helidon SE 4 on java.util.logging with HelidonConsoleHandler; the morning
// revision uses the pattern of Helidon's examples (`%1$tY.%1$tm.%1$td %1$tH:%1$tM:%1$tS %4$s %3$s
// !thread!: %5$s%6$s%n`), the later one an ISO pattern with the level padded and the logger bracketed.
// JUL's levels (SEVERE, WARNING, INFO); the access log goes through JUL too.
// pricing-zio: Scala 3, ZIO 2.1, zio-http. The morning revision keeps ZIO's default logger (logfmt
// `timestamp= level= thread= message="..." location= file= line= cause="..."`, the cause a multi-line
// trace inside quotes), the later one zio-logging's consoleJson (the trace under `cause`).
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { clf, isoMicros, julDots, julIso } from './clock.js';

const vthread = (rng: Prng): string => `VirtualThread[#${rng.int(40, 900)},[0x${rng.hex(8)} 0x${rng.hex(8)}] Helidon socket]/runnable@ForkJoinPool-1-worker-${rng.int(1, 4)}`;

function jul(rng: Prng, t: number, rev: 0 | 1, level: 'SEVERE' | 'WARNING' | 'INFO', logger: string, msg: string, thrown?: string): Write {
  const head = rev === 0
    ? `${julDots(t)} ${level} ${logger} ${vthread(rng)}: ${msg}`
    : `${julIso(t)} ${level.padEnd(7)} [${logger}] ${msg}`;
  return { stream: 'stderr', text: thrown ? `${head}\n${thrown}` : head };
}

const PSQL_SLOTS = 'FATAL: remaining connection slots are reserved for non-replication superuser connections';
const PSQL_FRAMES = [
  'org.postgresql.core.v3.ConnectionFactoryImpl.doAuthentication(ConnectionFactoryImpl.java:693)',
  'org.postgresql.core.v3.ConnectionFactoryImpl.tryConnect(ConnectionFactoryImpl.java:203)',
  'org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:258)',
  'org.postgresql.core.ConnectionFactory.openConnection(ConnectionFactory.java:54)',
  'org.postgresql.jdbc.PgConnection.<init>(PgConnection.java:263)',
  'org.postgresql.Driver.makeConnection(Driver.java:443)',
];

/** DbClientException over PSQLException, thrown where `caller` ran statement `stmt`. */
function dbClientTrace(stmt: string, caller: string[]): string {
  return [
    `io.helidon.dbclient.DbClientException: Failed to execute statement ${stmt}`,
    '\tat io.helidon.dbclient.jdbc.JdbcStatement.prepareStatement(JdbcStatement.java:142)',
    '\tat io.helidon.dbclient.jdbc.JdbcStatementQuery.execute(JdbcStatementQuery.java:61)',
    ...caller.map((c) => `\tat ${c}`),
    `Caused by: org.postgresql.util.PSQLException: ${PSQL_SLOTS}`,
    ...PSQL_FRAMES.map((c) => `\tat ${c}`),
    '\t... 14 more',
  ].join('\n');
}

export const catalogHelidon: ServiceDef = {
  name: 'catalog-helidon', stack: 'Java 21, Helidon SE 4.1, Helidon DB Client (JDBC), PostgreSQL', splitRate: 0.7,
  families: [
    {
      // One DbClientException from the product route ...
      name: 'catalog-helidon:product-query-no-slots', level: 'ERROR', perDay: [10, 35], burst: 0.3,
      emit: ({ rng, t, rev }) => [jul(rng, t, rev, 'SEVERE', 'com.acme.catalog.ProductService', `Failed to load product ${rng.int(10000, 99999)}`, dbClientTrace('select-product', [
        'com.acme.catalog.ProductService.getProduct(ProductService.java:74)',
        'io.helidon.webserver.http.HttpRoutingImpl$RoutingExecutor.doRoute(HttpRoutingImpl.java:181)',
        'io.helidon.webserver.http1.Http1Connection.route(Http1Connection.java:418)',
      ]))],
    },
    {
      // ... and from the scheduled price refresh: the same exception, another operation.
      name: 'catalog-helidon:price-refresh-no-slots', level: 'ERROR', perDay: [4, 12],
      emit: ({ rng, t, rev }) => [jul(rng, t, rev, 'SEVERE', 'com.acme.catalog.PriceRefreshTask', 'Price refresh failed', dbClientTrace('select-prices', [
        'com.acme.catalog.PriceRefreshTask.run(PriceRefreshTask.java:39)',
        'io.helidon.scheduling.FixedRateTask.run(FixedRateTask.java:97)',
        'java.base/java.util.concurrent.Executors$RunnableAdapter.call(Executors.java:572)',
      ]))],
    },
    {
      name: 'catalog-helidon:inventory-timeout', level: 'WARNING', perDay: [50, 140],
      emit: ({ rng, t, rev }) => [jul(rng, t, rev, 'WARNING', 'com.acme.catalog.InventoryClient', `Inventory lookup for ${rng.int(1, 40)} SKUs timed out after 2000 ms, serving cached stock levels`)],
    },
    {
      // Jackson refusing a product document; the message carries the field and the JSON location.
      name: 'catalog-helidon:product-json-unrecognized-field', level: 'ERROR', perDay: [3, 10],
      emit: ({ rng, t, rev }) => {
        const field = rng.pick(['colour', 'weightGrams', 'tags_v2']);
        return [jul(rng, t, rev, 'SEVERE', 'com.acme.catalog.ImportHandler', 'Product import rejected', [
          `com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException: Unrecognized field "${field}" (class com.acme.catalog.Product), not marked as ignorable (7 known properties: "sku", "name", "price", "currency", "stock", "images", "category"])`,
          ` at [Source: REDACTED (\`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION\` disabled); line: 1, column: ${rng.int(40, 900)}] (through reference chain: com.acme.catalog.Product["${field}"])`,
          '\tat com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException.from(UnrecognizedPropertyException.java:61)',
          '\tat com.fasterxml.jackson.databind.DeserializationContext.handleUnknownProperty(DeserializationContext.java:1153)',
          '\tat com.acme.catalog.ImportHandler.handle(ImportHandler.java:52)',
        ].join('\n'))];
      },
    },
    {
      name: 'noise:catalog-helidon:access', level: 'INFO', perDay: [200, 420],
      emit: ({ rng, t, rev }) => {
        const s = rng.weighted([[200, 30], [404, 2], [500, 1]] as const);
        return [jul(rng, t, rev, 'INFO', 'io.helidon.webserver.AccessLog', `169.254.1.1 - [${clf(t)}] "GET /products/${rng.int(10000, 99999)} HTTP/1.1" ${s} ${rng.int(40, 4000)} ${rng.int(1, 80)}`)];
      },
    },
    {
      name: 'noise:catalog-helidon:lifecycle', level: 'INFO', perDay: [6, 20],
      emit: ({ rng, t, rev }) => [jul(rng, t, rev, 'INFO', rng.pick(['io.helidon.webserver.LoomServer', 'com.acme.catalog.SyncJob']), rng.pick([
        `Started all channels in ${rng.int(9, 40)} milliseconds. ${rng.int(500, 1400)} milliseconds since JVM startup. Java 21.0.5+11-LTS`,
        `Catalog sync finished: ${rng.int(800, 3000)} products updated, 0 errors`,
      ]))],
    },
  ],
};

// ---- pricing-zio ----

const fiber = (rng: Prng): string => `zio-fiber-${rng.int(20, 99999)}`;

function zio(rng: Prng, t: number, rev: 0 | 1, level: 'ERROR' | 'WARN' | 'INFO', msg: string, where: [string, string, number], cause?: (f: string) => string): Write {
  const th = fiber(rng);
  if (rev === 1) {
    const json: Record<string, unknown> = { timestamp: isoMicros(t), level, thread: th, message: msg };
    if (cause) json.cause = cause(th);
    return { stream: 'stdout', json };
  }
  const base = `timestamp=${isoMicros(t)} level=${level} thread=#${th} message="${msg}" location=${where[0]} file=${where[1]} line=${where[2]}`;
  return { stream: 'stdout', text: cause ? `${base} cause="${cause(th)}"` : base };
}

const connectRefused = (host: string) => (th: string): string => [
  `Exception in thread "${th}" java.net.ConnectException: Connection refused: ${host}`,
  '\tat sun.nio.ch.Net.pollConnect(Native Method)',
  '\tat sun.nio.ch.Net.pollConnectNow(Net.java:682)',
  '\tat sun.nio.ch.SocketChannelImpl.finishConnect(SocketChannelImpl.java:973)',
  '\tat io.netty.channel.socket.nio.NioSocketChannel.doFinishConnect(NioSocketChannel.java:337)',
  '\tat com.acme.pricing.RulesClient.fetch(RulesClient.scala:31)',
  '\tat com.acme.pricing.QuoteService.quote(QuoteService.scala:52)',
  '\tat com.acme.pricing.QuoteRoutes.routes(QuoteRoutes.scala:27)',
].join('\n');

export const pricingZio: ServiceDef = {
  name: 'pricing-zio', stack: 'Scala 3.5, ZIO 2.1, zio-http 3, zio-logging', splitRate: 0.7,
  families: [
    {
      name: 'pricing-zio:rules-connect-refused', level: 'ERROR', perDay: [10, 30], burst: 0.3,
      emit: ({ rng, t, rev }) => [zio(rng, t, rev, 'ERROR', `Quote ${rng.alnum(10)} failed`, ['com.acme.pricing.QuoteRoutes.routes', 'QuoteRoutes.scala', 29],
        connectRefused(`pricing-rules.internal/10.8.${rng.int(0, 9)}.${rng.int(2, 250)}:8080`))],
    },
    {
      // A varying list in the message: which currencies the rate table lacks.
      name: 'pricing-zio:missing-rates', level: 'ERROR', perDay: [10, 30],
      emit: ({ rng, t, rev }) => {
        const all = ['CHF', 'NOK', 'SEK', 'DKK', 'PLN', 'CZK', 'HUF'];
        const some = all.filter(() => rng.chance(0.45));
        const list = some.length > 0 ? some : [rng.pick(all)];
        return [zio(rng, t, rev, 'ERROR', `Quote rejected: no rates for currencies [${list.join(', ')}] in rate table eu-${rng.int(100, 999)}`, ['com.acme.pricing.QuoteService.quote', 'QuoteService.scala', 61])];
      },
    },
    {
      name: 'pricing-zio:rate-cache-stale', level: 'WARNING', perDay: [60, 150],
      emit: ({ rng, t, rev }) => [zio(rng, t, rev, 'WARN', `Rate table cache is stale by ${rng.int(300, 1800)}s, serving the previous table`, ['com.acme.pricing.RateCache.get', 'RateCache.scala', 44])],
    },
    {
      name: 'noise:pricing-zio:quote', level: 'INFO', perDay: [220, 480],
      emit: ({ rng, t, rev }) => [zio(rng, t, rev, 'INFO', `Quote ${rng.alnum(10)} computed in ${rng.int(2, 90)}ms (${rng.int(1, 12)} lines, errors=0)`, ['com.acme.pricing.QuoteService.quote', 'QuoteService.scala', 70])],
    },
  ],
};
