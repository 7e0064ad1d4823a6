// JVM services. `pricing-log4j`: Java 21 on Jetty with Log4j2. The morning revision logs through a
// PatternLayout `%d{yyyy-MM-dd HH:mm:ss.SSS} [%t] %-5level %logger{36} - %msg%n%xEx` (the extended stack
// trace, `~[jar:version]` after each frame); the revision rolled out later uses JsonLayout (compact,
// one event a line: `instant`, `thread`, `level`, `loggerName`, `message`, `thrown` with `name`,
// `message`, `extendedStackTrace` and `cause`). Neither writes `severity`. `stream-pekko`: Scala 3 with
// Apache Pekko 1.1 and its standard-out logger (`[LEVEL] [MM/dd/yyyy HH:mm:ss.SSS] [thread] [source]
// message`, the stack trace after the message when there is a cause).
//
// Sources: Log4j2's layouts, https://logging.apache.org/log4j/2.x/manual/layouts.html; the JsonLayout
// `thrown` object (`commonElementCount`, `localizedMessage`, `name`, `extendedStackTrace` items with
// `class`, `method`, `file`, `line`, `exact`, `location`, `version`), apache/logging-log4j2#1641 and
// #2162; the standard-out logger's line, akka/akka-core#23684 (Pekko keeps Akka's format); the pool's
// `Connection attempt failed. Backing off new connection attempts for at least N milliseconds.`,
// Akka HTTP's PoolGateway as quoted in public code; the `AskTimeoutException` wording, Pekko's
// `pattern.AskSupport`; HikariCP's `Connection is not available, request timed out after Nms
// (total=, active=, idle=, waiting=)`; Java's helpful NullPointerException messages (JEP 358).
import type { Prng } from '../prng.js';
import type { Ctx, Family, ServiceDef, Write } from '../stranger/model.js';
import { pekkoTime, ymdHmsMillis } from './text.js';

// ---- pricing-log4j ----------------------------------------------------------------------------

/** [class, method, file, line, jar, version] */
type JFrame = readonly [string, string, string, number, string, string];
interface Thrown { name: string; message: string; frames: readonly JFrame[]; cause?: Thrown }

const APP_JAR: [string, string] = ['pricing-2.14.0.jar', '2.14.0'];
const jetty = (n: number): JFrame => ['org.eclipse.jetty.server.handler.HandlerWrapper', 'handle', 'HandlerWrapper.java', 122 + n, 'jetty-server-12.0.14.jar', '12.0.14'];

function abbreviate(logger: string): string {
  // %logger{36}: shorten leading packages to one letter until the name fits 36 characters.
  const parts = logger.split('.');
  for (let i = 0; i < parts.length - 1 && parts.join('.').length > 36; i += 1) parts[i] = (parts[i] as string).slice(0, 1);
  return parts.join('.');
}

function patternTrace(t: Thrown, caused = false): string {
  const head = `${caused ? 'Caused by: ' : ''}${t.name}${t.message === '' ? '' : `: ${t.message}`}`;
  const frames = t.frames.map(([c, m, f, l, jar, v]) => `\tat ${c}.${m}(${f}:${l}) ~[${jar}:${v}]`);
  return [head, ...frames, ...(t.cause ? [patternTrace(t.cause, true)] : [])].join('\n');
}

function jsonThrown(t: Thrown): Record<string, unknown> {
  const out: Record<string, unknown> = {
    commonElementCount: 0, localizedMessage: t.message, message: t.message, name: t.name,
    extendedStackTrace: t.frames.map(([c, m, f, l, jar, v]) => ({ class: c, method: m, file: f, line: l, exact: false, location: jar, version: v })),
  };
  if (t.cause) out.cause = jsonThrown(t.cause);
  return out;
}

function log4j(ctx: Ctx, level: 'INFO' | 'WARN' | 'ERROR', logger: string, msg: string, thrown?: Thrown): Write {
  const thread = `qtp1789447862-${ctx.rng.int(20, 60)}`;
  if (ctx.rev === 0) {
    const line = `${ymdHmsMillis(ctx.t)} [${thread}] ${level.padEnd(5)} ${abbreviate(logger)} - ${msg}`;
    return { stream: 'stdout', text: thrown ? `${line}\n${patternTrace(thrown)}` : line };
  }
  const sec = Math.floor(ctx.t / 1e6);
  const json: Record<string, unknown> = {
    instant: { epochSecond: sec, nanoOfSecond: (ctx.t % 1e6) * 1000 }, thread, level, loggerName: logger, message: msg,
  };
  if (thrown) json.thrown = jsonThrown(thrown);
  Object.assign(json, { endOfBatch: false, loggerFqcn: 'org.apache.logging.slf4j.Log4jLogger', threadId: ctx.rng.int(20, 60), threadPriority: 5 });
  return { stream: 'stdout', json };
}

const redisTimeout: Family = {
  name: 'pricing-log4j:price-cache-redis-timeout', level: 'ERROR', perDay: [30, 90], burst: 0.3,
  emit(ctx) {
    const { rng } = ctx;
    const lettuce: [string, string] = ['lettuce-core-6.3.2.RELEASE.jar', '6.3.2.RELEASE/8941aea'];
    const t: Thrown = {
      name: 'io.lettuce.core.RedisCommandTimeoutException', message: `Command timed out after ${rng.pick([2, 2, 5])} second(s)`,
      frames: [
        ['io.lettuce.core.internal.ExceptionFactory', 'createTimeoutException', 'ExceptionFactory.java', 59, ...lettuce],
        ['io.lettuce.core.internal.Futures', 'awaitOrCancel', 'Futures.java', 246, ...lettuce],
        ['io.lettuce.core.FutureSyncInvocationHandler', 'handleInvocation', 'FutureSyncInvocationHandler.java', 75, ...lettuce],
        ['com.acme.pricing.cache.PriceCache', 'get', 'PriceCache.java', 58, ...APP_JAR],
        ['com.acme.pricing.api.PriceHandler', 'handle', 'PriceHandler.java', 41, ...APP_JAR],
        jetty(0),
      ],
    };
    return [log4j(ctx, 'ERROR', 'com.acme.pricing.cache.PriceCache', `price cache read failed for sku SKU-${rng.upperAlnum(8)}`, t)];
  },
};

const rulesNpe: Family = {
  name: 'pricing-log4j:discount-rule-npe', level: 'ERROR', perDay: [15, 45],
  emit(ctx) {
    const { rng } = ctx;
    const t: Thrown = {
      name: 'java.lang.NullPointerException', message: 'Cannot invoke "java.math.BigDecimal.multiply(java.math.BigDecimal)" because "discount" is null',
      frames: [
        ['com.acme.pricing.rules.PercentOffRule', 'apply', 'PercentOffRule.java', 33, ...APP_JAR],
        ['com.acme.pricing.rules.RuleEngine', 'evaluate', 'RuleEngine.java', 87, ...APP_JAR],
        ['com.acme.pricing.api.PriceHandler', 'handle', 'PriceHandler.java', 52, ...APP_JAR],
        jetty(0),
        jetty(1),
      ],
    };
    return [log4j(ctx, 'ERROR', 'com.acme.pricing.api.PriceHandler', `pricing failed for cart ${rng.uuid()} (${rng.int(1, 30)} lines)`, t)];
  },
};

// The same java.net.http timeout from two clients: two problems.
function httpTimeout(client: string, file: string, line: number): Thrown {
  const jdk: [string, string] = ['java.net.http', '?'];
  return {
    name: 'java.net.http.HttpTimeoutException', message: 'request timed out',
    frames: [
      ['jdk.internal.net.http.HttpClientImpl', 'send', 'HttpClientImpl.java', 951, ...jdk],
      ['jdk.internal.net.http.HttpClientFacade', 'send', 'HttpClientFacade.java', 133, ...jdk],
      [`com.acme.pricing.clients.${client}`, 'fetch', file, line, ...APP_JAR],
      ['com.acme.pricing.api.PriceHandler', 'handle', 'PriceHandler.java', 47, ...APP_JAR],
      jetty(0),
    ],
  };
}

const fxTimeout: Family = {
  name: 'pricing-log4j:fx-rates-timeout', level: 'ERROR', perDay: [15, 45],
  emit(ctx) {
    const { rng } = ctx;
    return [log4j(ctx, 'ERROR', 'com.acme.pricing.clients.FxRateClient', `fx rate fetch failed for ${rng.pick(['EUR', 'GBP', 'JPY', 'CHF'])}/USD`, httpTimeout('FxRateClient', 'FxRateClient.java', 64))];
  },
};

const taxTimeout: Family = {
  name: 'pricing-log4j:vat-lookup-timeout', level: 'ERROR', perDay: [10, 30],
  emit(ctx) {
    const { rng } = ctx;
    return [log4j(ctx, 'ERROR', 'com.acme.pricing.clients.VatClient', `VAT lookup failed for ${rng.pick(['DE', 'FR', 'IT', 'NL'])}`, httpTimeout('VatClient', 'VatClient.java', 39))];
  },
};

const hikari: Family = {
  name: 'pricing-log4j:db-pool-exhausted', level: 'ERROR', perDay: [8, 30], burst: 0.4,
  emit(ctx) {
    const { rng } = ctx;
    const hk: [string, string] = ['HikariCP-5.1.0.jar', '?'];
    const waiting = rng.int(1, 30);
    const t: Thrown = {
      name: 'java.sql.SQLTransientConnectionException', message: `HikariPool-1 - Connection is not available, request timed out after ${rng.int(30000, 30050)}ms (total=10, active=10, idle=0, waiting=${waiting})`,
      frames: [
        ['com.zaxxer.hikari.pool.HikariPool', 'createTimeoutException', 'HikariPool.java', 686, ...hk],
        ['com.zaxxer.hikari.pool.HikariPool', 'getConnection', 'HikariPool.java', 179, ...hk],
        ['com.zaxxer.hikari.HikariDataSource', 'getConnection', 'HikariDataSource.java', 100, ...hk],
        ['com.acme.pricing.store.PriceListRepository', 'load', 'PriceListRepository.java', 28, ...APP_JAR],
        ['com.acme.pricing.api.PriceHandler', 'handle', 'PriceHandler.java', 38, ...APP_JAR],
      ],
    };
    return [log4j(ctx, 'ERROR', 'com.acme.pricing.store.PriceListRepository', 'price list load failed', t)];
  },
};

const overlapping: Family = {
  name: 'pricing-log4j:overlapping-rules', level: 'WARNING', perDay: [50, 140],
  emit(ctx) {
    const { rng } = ctx;
    return [log4j(ctx, 'WARN', 'com.acme.pricing.rules.RuleLoader', `rule set v${rng.int(800, 899)} has ${rng.int(2, 9)} overlapping rules for segment ${rng.pick(['retail', 'b2b', 'staff'])}, using the first match`)];
  },
};

const pricingInfo: Family = {
  name: 'noise:pricing-log4j:chatter', level: 'INFO', perDay: [300, 450],
  emit(ctx) {
    const { rng } = ctx;
    return [rng.chance(0.7)
      ? log4j(ctx, 'INFO', 'com.acme.pricing.api.PriceHandler', `priced ${rng.int(1, 40)} items in ${rng.int(2, 300)} ms (errors=0, cache hits=${rng.int(0, 40)})`)
      : log4j(ctx, 'INFO', 'com.zaxxer.hikari.pool.HikariPool', `HikariPool-1 - Pool stats (total=10, active=${rng.int(0, 10)}, idle=${rng.int(0, 10)}, waiting=0)`)];
  },
};

export const pricingLog4j: ServiceDef = {
  name: 'pricing-log4j', stack: 'Java 21, Jetty 12, Log4j2 PatternLayout then JsonLayout, Lettuce, HikariCP', splitRate: 0.75,
  families: [redisTimeout, rulesNpe, fxTimeout, taxTimeout, hikari, overlapping, pricingInfo],
};

// ---- stream-pekko -----------------------------------------------------------------------------

function pekko(ctx: Ctx, level: 'INFO' | 'WARN' | 'ERROR', source: string, msg: string, stack?: string): Write {
  const thread = `stream-pekko.actor.default-dispatcher-${ctx.rng.int(3, 24)}`;
  const line = `[${level}] [${pekkoTime(ctx.t)}] [${thread}] [${source}] ${msg}`;
  return { stream: 'stdout', text: stack === undefined ? line : `${line}\n${stack}` };
}

const scalaFrames = (rng: Prng, frames: readonly string[]): string => frames.map((f) => `\tat ${f}`).join('\n')
  + `\n\tat org.apache.pekko.actor.ActorCell.invoke(ActorCell.scala:${rng.pick([587, 589])})\n\tat org.apache.pekko.dispatch.Mailbox.run(Mailbox.scala:273)\n\tat java.base/java.util.concurrent.ForkJoinTask.doExec(ForkJoinTask.java:387)`;

const parseFailure: Family = {
  name: 'stream-pekko:order-event-parse-failure', level: 'ERROR', perDay: [20, 60],
  emit(ctx) {
    const { rng } = ctx;
    const col = rng.int(20, 400);
    const msg = `Unexpected character ('}' (code 125)): was expecting double-quote to start field name\n at [Source: REDACTED (\`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION\` disabled); line: 1, column: ${col}]`;
    // The supervisor logs the failure with the exception's message, then restarts the actor.
    return [pekko(ctx, 'ERROR', `pekko://stream/user/orders/shard-${rng.int(0, 15)}`, msg, `com.fasterxml.jackson.core.JsonParseException: ${msg}\n${scalaFrames(rng, [
      'com.fasterxml.jackson.core.JsonParser._constructReadException(JsonParser.java:2648)',
      'com.fasterxml.jackson.core.base.ParserMinimalBase._reportUnexpectedChar(ParserMinimalBase.java:685)',
      'com.acme.stream.OrderEvents$.decode(OrderEvents.scala:41)',
      'com.acme.stream.OrderShard$$anonfun$receive$1.applyOrElse(OrderShard.scala:58)',
    ])}`)];
  },
};

const askTimeout: Family = {
  name: 'stream-pekko:inventory-ask-timeout', level: 'ERROR', perDay: [20, 70], burst: 0.3,
  emit(ctx) {
    const { rng } = ctx;
    const ref = `Actor[pekko://stream/user/inventory#${rng.int(-2147483647, 2147483647)}]`;
    const msg = `Ask timed out on [${ref}] after [5000 ms]. Message of type [com.acme.stream.Inventory$Reserve]. A typical reason for \`AskTimeoutException\` is that the recipient actor didn't send a reply.`;
    return [pekko(ctx, 'ERROR', 'com.acme.stream.ReservationFlow(pekko://stream)', `reservation for order ORD-${rng.int(100000, 999999)} failed`, `org.apache.pekko.pattern.AskTimeoutException: ${msg}\n\tat org.apache.pekko.pattern.PromiseActorRef$.$anonfun$defaultOnTimeout$1(AskSupport.scala:699)\n\tat org.apache.pekko.actor.Scheduler$$anon$7.run(Scheduler.scala:479)\n\tat scala.concurrent.ExecutionContext$parasitic$.execute(ExecutionContext.scala:222)`)];
  },
};

const poolBackoff: Family = {
  name: 'stream-pekko:http-pool-connect-backoff', level: 'WARNING', perDay: [50, 150],
  emit(ctx) {
    const { rng } = ctx;
    return [pekko(ctx, 'WARN', 'org.apache.pekko.http.impl.engine.client.PoolGateway(pekko://stream)', `[${rng.int(0, 7)} (Unconnected)] Connection attempt failed. Backing off new connection attempts for at least ${rng.pick([100, 200, 400, 800, 1600])} milliseconds.`)];
  },
};

const pekkoInfo: Family = {
  name: 'noise:stream-pekko:chatter', level: 'INFO', perDay: [250, 400],
  emit(ctx) {
    const { rng } = ctx;
    const r = rng.next();
    if (r < 0.6) return [pekko(ctx, 'INFO', `pekko://stream/user/orders/shard-${rng.int(0, 15)}`, `committed offset ${rng.int(100000, 9999999)} (${rng.int(1, 500)} events, 0 failed)`)];
    if (r < 0.85) return [pekko(ctx, 'INFO', 'pekko://stream/deadLetters', `Message [com.acme.stream.Inventory$Reserved] from Actor[pekko://stream/user/inventory#${rng.int(1, 2147483647)}] to Actor[pekko://stream/deadLetters] was not delivered. [${rng.int(1, 10)}] dead letters encountered. If this is not an expected behavior then Actor[pekko://stream/deadLetters] may have terminated unexpectedly. This logging can be turned off or adjusted with configuration settings 'pekko.log-dead-letters' and 'pekko.log-dead-letters-during-shutdown'.`)];
    return [pekko(ctx, 'INFO', 'pekko.actor.ActorSystemImpl(stream)', `health ok, errors=0, shards=${rng.int(8, 16)}`)];
  },
};

export const streamPekko: ServiceDef = {
  name: 'stream-pekko', stack: 'Scala 3, Apache Pekko 1.1 (actors, HTTP), Jackson', splitRate: 0.7,
  families: [parseFailure, askTimeout, poolBackoff, pekkoInfo],
};
