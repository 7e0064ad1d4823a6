// JVM services: a Jakarta EE ledger on WildFly, and a Kotlin Spring WebFlux pricing API.
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import type { Prng } from '../prng.js';
import { epochSecondsMillis, isoMillis, jbossJsonTime, jbossTime } from './clock.js';

// ---- ledger-wildfly: WildFly 31, RESTEasy, Hibernate, IronJacamar datasource ---------------------
// The morning revision logs with WildFly's CONSOLE handler (`%d{HH:mm:ss,SSS} %-5p [%c] (%t) %s%e%n`);
// the afternoon one switches the console handler to the logging subsystem's json-formatter
// (`timestamp`, `sequence`, `loggerClassName`, `loggerName`, `level`, `message`, `threadName`, …,
// `stackTrace` with exception-output-type=formatted). An application's printStackTrace() goes through
// System.err, which WildFly logs line by line as `ERROR [stderr] (thread) <line>`: one record per line,
// header on every line. Shapes from Bedework/bedework#143, RestComm/sip-servlets#67 (UT005023 with its
// module-qualified frames), Drill4J/drill4j#249 ([stderr] lines).
type JLevel = 'INFO' | 'WARN' | 'ERROR';

function jboss(rng: Prng, t: number, rev: 0 | 1, level: JLevel, category: string, thread: string, message: string, trace?: string): Write {
  if (rev === 1) {
    const json: Record<string, unknown> = {
      timestamp: jbossJsonTime(t), sequence: rng.int(10_000, 99_999), loggerClassName: 'org.jboss.logging.Logger', loggerName: category, level, message,
      threadName: thread, threadId: rng.int(120, 260), mdc: {}, ndc: '', hostName: 'localhost', processName: 'jboss-modules.jar', processId: 1,
    };
    if (trace !== undefined) json.stackTrace = trace;
    return { stream: 'stdout', json };
  }
  const head = `${jbossTime(t)} ${level.padEnd(5)} [${category}] (${thread}) ${message}`;
  return { stream: 'stdout', text: trace === undefined ? head : `${head}: ${trace}` };
}

const US = 'io.undertow.core@2.3.10.Final//';
const USV = 'io.undertow.servlet@2.3.10.Final//';

export const ledgerWildfly: ServiceDef = {
  name: 'ledger-wildfly', stack: 'Java 17, WildFly 31 (Undertow, RESTEasy, Hibernate 6, IronJacamar), Postgres', splitRate: 0.72,
  families: [
    {
      name: 'ledger-wildfly:no-managed-connections', level: 'ERROR', perDay: [10, 30],
      emit: ({ rng, t, rev }) => {
        const path = rng.pick(['/ledger/api/entries', `/ledger/api/accounts/${rng.int(1000, 9999)}/balance`]);
        const trace = [
          'org.jboss.resteasy.spi.UnhandledException: jakarta.persistence.PersistenceException: org.hibernate.exception.JDBCConnectionException: Unable to acquire JDBC Connection [IJ031084: Unable to create connection]',
          '\tat org.jboss.resteasy.resteasy-core@6.2.7.Final//org.jboss.resteasy.core.ExceptionHandler.handleApplicationException(ExceptionHandler.java:107)',
          '\tat org.jboss.resteasy.resteasy-core@6.2.7.Final//org.jboss.resteasy.core.ExceptionHandler.handleException(ExceptionHandler.java:344)',
          '\tat org.jboss.resteasy.resteasy-core@6.2.7.Final//org.jboss.resteasy.core.SynchronousDispatcher.writeException(SynchronousDispatcher.java:205)',
          `\tat ${USV}io.undertow.servlet.handlers.ServletHandler.handleRequest(ServletHandler.java:74)`,
          `\tat ${US}io.undertow.server.handlers.PredicateHandler.handleRequest(PredicateHandler.java:43)`,
          `\tat ${US}io.undertow.server.Connectors.executeRootHandler(Connectors.java:393)`,
          '\tat java.base/java.lang.Thread.run(Thread.java:840)',
          'Caused by: jakarta.persistence.PersistenceException: org.hibernate.exception.JDBCConnectionException: Unable to acquire JDBC Connection [IJ031084: Unable to create connection]',
          '\tat org.hibernate@6.4.4.Final//org.hibernate.internal.ExceptionConverterImpl.convert(ExceptionConverterImpl.java:165)',
          '\tat deployment.ledger.war//com.example.ledger.EntryRepository.findByAccount(EntryRepository.java:58)',
          '\t... 61 more',
          'Caused by: java.sql.SQLException: IJ031084: Unable to create connection',
          '\tat org.jboss.ironjacamar.jdbcadapters@3.0.5.Final//org.jboss.jca.adapters.jdbc.WrapperDataSource.getConnection(WrapperDataSource.java:159)',
          '\t... 74 more',
          `Caused by: jakarta.resource.ResourceException: IJ000655: No managed connections available within configured blocking timeout (30000 [ms])`,
          '\tat org.jboss.ironjacamar.impl@3.0.5.Final//org.jboss.jca.core.connectionmanager.pool.mcp.SemaphoreConcurrentLinkedDequeManagedConnectionPool.getConnection(SemaphoreConcurrentLinkedDequeManagedConnectionPool.java:570)',
          '\t... 79 more',
        ].join('\n');
        return [jboss(rng, t, rev, 'ERROR', 'io.undertow.request', `default task-${rng.int(1, 64)}`, `UT005023: Exception handling request to ${path}`, trace)];
      },
    },
    {
      // The import resource's catch block calls e.printStackTrace(): each line is its own record.
      name: 'ledger-wildfly:import-amount-number-format', level: 'ERROR', perDay: [8, 20],
      emit: ({ rng, t, rev }) => {
        const thread = `default task-${rng.int(1, 64)}`;
        const lines = [
          `java.lang.NumberFormatException: For input string: "${rng.int(1, 999)},${rng.int(10, 99)}"`,
          '\tat java.base/jdk.internal.math.FloatingDecimal.readJavaFormatString(FloatingDecimal.java:2054)',
          '\tat java.base/jdk.internal.math.FloatingDecimal.parseDouble(FloatingDecimal.java:110)',
          '\tat java.base/java.lang.Double.parseDouble(Double.java:792)',
          '\tat deployment.ledger.war//com.example.ledger.imports.CsvImport.parseAmount(CsvImport.java:112)',
          '\tat deployment.ledger.war//com.example.ledger.imports.CsvImport.importFile(CsvImport.java:71)',
          '\tat deployment.ledger.war//com.example.ledger.ImportResource.upload(ImportResource.java:39)',
        ];
        return lines.map((l, i) => jboss(rng, t + i * 40, rev, 'ERROR', 'stderr', thread, l));
      },
    },
    {
      name: 'ledger-wildfly:transaction-reaper-timeout', level: 'WARNING', perDay: [100, 250],
      emit: ({ rng, t, rev }) => {
        const tx = `0:ffff0a2c0005:${rng.hex(7)}:${rng.hex(8)}:${rng.hex(3)}`;
        const out = [jboss(rng, t, rev, 'WARN', 'com.arjuna.ats.arjuna', 'Transaction Reaper', `ARJUNA012117: TransactionReaper::check timeout for TX ${tx} in state  RUN`)];
        // The reaper's worker then aborts it: another record, another message, its own problem.
        if (rng.chance(0.5)) {
          out.push({ ...jboss(rng, t + 900, rev, 'WARN', 'com.arjuna.ats.arjuna', 'Transaction Reaper Worker 0', `ARJUNA012095: Abort of action id ${tx} invoked while multiple threads active within it.`), as: { family: 'ledger-wildfly:transaction-abort-multiple-threads', level: 'WARNING' } });
        }
        return out;
      },
    },
    {
      name: 'noise:ledger-wildfly:entry-posted', level: 'INFO', perDay: [300, 600],
      emit: ({ rng, t, rev }) => [jboss(rng, t, rev, 'INFO', 'com.example.ledger.EntryResource', `default task-${rng.int(1, 64)}`, `posted entry ${rng.int(100000, 999999)} to account ${rng.int(1000, 9999)} (errors: 0)`)],
    },
    {
      name: 'noise:ledger-wildfly:boot', level: 'INFO', perDay: [4, 10],
      emit: ({ rng, t, rev }) => [rng.pick([
        () => jboss(rng, t, rev, 'INFO', 'org.jboss.as', 'Controller Boot Thread', `WFLYSRV0025: WildFly 31.0.1.Final (WildFly Core 23.0.3.Final) started in ${rng.int(8000, 14000)}ms - Started 540 of 760 services (350 services are lazy, passive or on-demand) - Server configuration file in use: standalone.xml`),
        () => jboss(rng, t, rev, 'INFO', 'org.wildfly.extension.undertow', 'ServerService Thread Pool -- 80', "WFLYUT0021: Registered web context: '/ledger' for server 'default-server'"),
        () => jboss(rng, t, rev, 'INFO', 'org.jboss.as.connector.subsystems.datasources', 'MSC service thread 1-2', 'WFLYJCA0001: Bound data source [java:jboss/datasources/LedgerDS]'),
      ])()],
    },
  ] satisfies Family[],
};

// ---- pricing-webflux: Kotlin, Spring Boot 3.4 WebFlux on Reactor Netty, WebClient ----------------
// The morning revision logs with Spring Boot's console pattern (`ISO time LEVEL PID --- [app] [thread]
// logger : msg` + the exception); the afternoon one sets `logging.structured.format.console=gelf`
// (Spring Boot 3.4's GELF: `version`, `short_message`, `timestamp`, syslog `level`, `_level_name`,
// `_process_pid`, `_process_thread_name`, `_log_logger`, `full_message` and `_error_*` for an exception).
// Messages: AbstractErrorWebExceptionHandler's `[id] 500 Server Error for HTTP GET "..."` with Reactor's
// checkpoint suppression, WebClientResponseException's `503 Service Unavailable from GET url`,
// Operators' `Operator called default onErrorDropped` (reactor/reactor-core#2677, #2931), and
// reactor-netty's `The connection observed an error` (scalecube/scalecube-services#691 for the shapes).
type SLevel = 'INFO' | 'WARN' | 'ERROR';
const GELF_LEVEL: Record<SLevel, number> = { INFO: 6, WARN: 4, ERROR: 3 };

function spring(t: number, rev: 0 | 1, level: SLevel, thread: string, logger: string, abbrev: string, message: string, error?: { type: string; message: string; trace: string }): Write {
  if (rev === 1) {
    const json: Record<string, unknown> = {
      version: '1.1', host: 'pricing-webflux', short_message: message, timestamp: epochSecondsMillis(t), level: GELF_LEVEL[level], _level_name: level,
      _process_pid: 1, _process_thread_name: thread, _log_logger: logger,
    };
    if (error) Object.assign(json, { full_message: `${message}\n\n${error.trace}`, _error_type: error.type, _error_stack_trace: error.trace, _error_message: error.message });
    return { stream: 'stdout', json };
  }
  const th = thread.length > 15 ? thread.slice(-15) : thread.padStart(15);
  const head = `${isoMillis(t)} ${level.padStart(5)} 1 --- [pricing] [${th}] ${abbrev.padEnd(40)} : ${message}`;
  return { stream: 'stdout', text: error ? `${head}\n${error.trace}` : head };
}

const reqId = (rng: Prng): string => `${rng.hex(8)}-${rng.int(1, 900)}`;
const netty = (rng: Prng): string => `reactor-http-epoll-${rng.int(1, 4)}`;

export const pricingWebflux: ServiceDef = {
  name: 'pricing-webflux', stack: 'Kotlin 2.0, Spring Boot 3.4 WebFlux, Reactor Netty, WebClient', splitRate: 0.75,
  families: [
    {
      name: 'pricing-webflux:tax-rates-503', level: 'ERROR', perDay: [10, 30],
      emit: ({ rng, t, rev }) => {
        const sku = `SKU-${rng.int(10000, 99999)}`;
        const country = rng.pick(['DE', 'FR', 'NL', 'IT']);
        const msg = `503 Service Unavailable from GET http://tax-rates.internal/v1/rates/${country}`;
        const trace = [
          `org.springframework.web.reactive.function.client.WebClientResponseException$ServiceUnavailable: ${msg}`,
          '\tat org.springframework.web.reactive.function.client.WebClientResponseException.create(WebClientResponseException.java:336) ~[spring-webflux-6.2.1.jar:6.2.1]',
          '\tSuppressed: reactor.core.publisher.FluxOnAssembly$OnAssemblyException: ',
          'Error has been observed at the following site(s):',
          `\t*__checkpoint ⇢ 503 SERVICE_UNAVAILABLE from GET http://tax-rates.internal/v1/rates/${country} [DefaultWebClient]`,
          '\t*__checkpoint ⇢ Handler com.example.pricing.PriceController#price(String, Continuation) [DispatcherHandler]',
          `\t*__checkpoint ⇢ HTTP GET "/prices/${sku}" [ExceptionHandlingWebHandler]`,
          'Original Stack Trace:',
          '\t\tat org.springframework.web.reactive.function.client.WebClientResponseException.create(WebClientResponseException.java:336) ~[spring-webflux-6.2.1.jar:6.2.1]',
          '\t\tat org.springframework.web.reactive.function.client.DefaultClientResponse.lambda$createException$1(DefaultClientResponse.java:214) ~[spring-webflux-6.2.1.jar:6.2.1]',
          '\t\tat reactor.core.publisher.FluxMap$MapSubscriber.onNext(FluxMap.java:106) ~[reactor-core-3.7.1.jar:3.7.1]',
          '\t\tat com.example.pricing.TaxClient.rate(TaxClient.kt:31) ~[!/:na]',
        ].join('\n');
        return [spring(t, rev, 'ERROR', netty(rng), 'org.springframework.boot.autoconfigure.web.reactive.error.AbstractErrorWebExceptionHandler', 'a.w.r.e.AbstractErrorWebExceptionHandler',
          `[${reqId(rng)}]  500 Server Error for HTTP GET "/prices/${sku}"`, { type: 'org.springframework.web.reactive.function.client.WebClientResponseException$ServiceUnavailable', message: msg, trace })];
      },
    },
    {
      // The scheduled FX cache refresh subscribes with no error consumer: Reactor's dropped error.
      name: 'pricing-webflux:fx-refresh-error-dropped', level: 'ERROR', perDay: [8, 20],
      emit: ({ rng, t, rev }) => {
        const inner = "Did not observe any item or terminal signal within 5000ms in 'flatMap' (and no fallback has been configured)";
        const trace = [
          `reactor.core.Exceptions$ErrorCallbackNotImplemented: java.util.concurrent.TimeoutException: ${inner}`,
          `Caused by: java.util.concurrent.TimeoutException: ${inner}`,
          '\tat reactor.core.publisher.FluxTimeout$TimeoutMainSubscriber.handleTimeout(FluxTimeout.java:296) ~[reactor-core-3.7.1.jar:3.7.1]',
          '\tat reactor.core.publisher.FluxTimeout$TimeoutMainSubscriber.doTimeout(FluxTimeout.java:281) ~[reactor-core-3.7.1.jar:3.7.1]',
          '\tat reactor.core.publisher.FluxTimeout$TimeoutTimeoutSubscriber.onNext(FluxTimeout.java:420) ~[reactor-core-3.7.1.jar:3.7.1]',
          '\tat reactor.core.scheduler.SchedulerTask.call(SchedulerTask.java:68) ~[reactor-core-3.7.1.jar:3.7.1]',
          '\tat java.base/java.util.concurrent.FutureTask.run(FutureTask.java:317) ~[na:na]',
          '\tat java.base/java.lang.Thread.run(Thread.java:1583) ~[na:na]',
        ].join('\n');
        return [spring(t, rev, 'ERROR', `parallel-${rng.int(1, 2)}`, 'reactor.core.publisher.Operators', 'reactor.core.publisher.Operators', 'Operator called default onErrorDropped',
          { type: 'reactor.core.Exceptions$ErrorCallbackNotImplemented', message: `java.util.concurrent.TimeoutException: ${inner}`, trace })];
      },
    },
    {
      name: 'pricing-webflux:connection-reset-by-peer', level: 'WARNING', perDay: [100, 250],
      emit: ({ rng, t, rev }) => {
        const trace = 'io.netty.channel.unix.Errors$NativeIoException: recvAddress(..) failed: Connection reset by peer';
        return [spring(t, rev, 'WARN', netty(rng), 'reactor.netty.channel.ChannelOperationsHandler', 'r.netty.channel.ChannelOperationsHandler',
          `[${rng.hex(8)}-${rng.int(1, 40)}, L:/169.254.8.1:8080 - R:/169.254.8.129:${rng.int(30000, 60000)}] The connection observed an error`,
          { type: 'io.netty.channel.unix.Errors$NativeIoException', message: 'recvAddress(..) failed: Connection reset by peer', trace })];
      },
    },
    {
      name: 'noise:pricing-webflux:rate-cache', level: 'INFO', perDay: [300, 600],
      emit: ({ rng, t, rev }) => [spring(t, rev, 'INFO', netty(rng), 'com.example.pricing.RateCache', 'com.example.pricing.RateCache', `rate cache hit for ${rng.pick(['DE', 'FR', 'NL', 'IT'])}: ${rng.int(1000, 3000)} entries, 0 errors`)],
    },
    {
      name: 'noise:pricing-webflux:startup', level: 'INFO', perDay: [4, 10],
      emit: ({ rng, t, rev }) => [rng.pick([
        spring(t, rev, 'INFO', 'main', 'org.springframework.boot.web.embedded.netty.NettyWebServer', 'o.s.b.web.embedded.netty.NettyWebServer', 'Netty started on port 8080 (http)'),
        spring(t, rev, 'INFO', 'main', 'com.example.pricing.PricingApplicationKt', 'c.e.pricing.PricingApplicationKt', `Started PricingApplicationKt in ${rng.fixed(2, 6, 3)} seconds (process running for ${rng.fixed(3, 7, 3)})`),
      ])],
    },
  ] satisfies Family[],
};
