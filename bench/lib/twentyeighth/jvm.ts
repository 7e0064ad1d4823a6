// The day's Java service: Spring Boot 3.4 on Undertow, Boot's console pattern, then Boot's own
// structured logging in the logstash format.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { isoMillis } from './clock.js';
import { digits, fam } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// shop-undertow: Java 21, Spring Boot 3.4 with spring-boot-starter-undertow (Undertow 2.3, worker
// threads `XNIO-1 task-N`), Spring Data JDBC over HikariCP 5 to Cloud SQL for PostgreSQL, a scheduled
// merchant-feed export through RestClient. Morning revision: Boot's console pattern
// (`2026-12-08T10:00:00.123Z ERROR 1 --- [shop-undertow] [  XNIO-1 task-3] logger : msg`, the stack
// trace after a blank line). From the rollout `logging.structured.format.console=logstash` (Boot
// 3.4's own: `@timestamp`, `@version`, `message`, `logger_name`, `thread_name`, `level`, `level_value`,
// `stack_trace`; no severity). An exception that leaves a controller reaches Undertow, which logs
// `UT005023: Exception handling request to /path` on `io.undertow.request` with the ServletException's
// trace (`Request processing failed: …`, then `Caused by:`), whatever the cause.
const SU = 'shop-undertow';
const LV: Record<string, number> = { ERROR: 40000, WARN: 30000, INFO: 20000 };

function boot(t: number, rev: 0 | 1, level: 'ERROR' | 'WARN' | 'INFO', thread: string, short: string, full: string, msg: string, stack?: string): Write {
  if (rev === 0) {
    const head = `${isoMillis(t)} ${level.padStart(5)} 1 --- [${SU}] [${thread.slice(-15).padStart(15)}] ${short.padEnd(40)} : ${msg}`;
    return { stream: 'stdout', text: stack ? `${head}\n\n${stack}` : head };
  }
  const json: Record<string, unknown> = { '@timestamp': isoMillis(t), '@version': '1', message: msg, logger_name: full, thread_name: thread, level, level_value: LV[level] };
  if (stack) json.stack_trace = stack;
  return { stream: 'stdout', json };
}

const worker = (rng: Prng): string => `XNIO-1 task-${rng.int(1, 16)}`;

const SERVLET = (method: 'Get' | 'Post'): string => `\tat org.springframework.web.servlet.FrameworkServlet.processRequest(FrameworkServlet.java:1022)\n\tat org.springframework.web.servlet.FrameworkServlet.do${method}(FrameworkServlet.java:${method === 'Get' ? 903 : 914})\n\tat jakarta.servlet.http.HttpServlet.service(HttpServlet.java:527)\n\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)\n\tat jakarta.servlet.http.HttpServlet.service(HttpServlet.java:614)\n\tat io.undertow.servlet.handlers.ServletHandler.handleRequest(ServletHandler.java:74)\n\tat io.undertow.servlet.handlers.FilterHandler$FilterChainImpl.doFilter(FilterHandler.java:129)\n\tat org.springframework.web.filter.RequestContextFilter.doFilterInternal(RequestContextFilter.java:100)\n\tat org.springframework.web.filter.OncePerRequestFilter.doFilter(OncePerRequestFilter.java:116)\n\tat io.undertow.servlet.handlers.ServletInitialHandler.handleFirstRequest(ServletInitialHandler.java:275)\n\tat io.undertow.server.Connectors.executeRootHandler(Connectors.java:393)\n\tat io.undertow.server.HttpServerExchange$1.run(HttpServerExchange.java:859)\n\tat org.jboss.threads.EnhancedQueueExecutor$Task.doRunWith(EnhancedQueueExecutor.java:2651)\n\tat org.jboss.threads.EnhancedQueueExecutor$ThreadBody.run(EnhancedQueueExecutor.java:1592)\n\tat java.base/java.lang.Thread.run(Thread.java:1583)`;

// Orders without a shipping address (pick-up orders) reach the tax step: a helpful NPE, 500.
const suCheckoutNpe = fam(`${SU}:checkout-tax-npe`, 'ERROR', [30, 70], ({ rng, t, rev }) => {
  const npe = 'java.lang.NullPointerException: Cannot invoke "com.quillwort.shop.order.Address.country()" because "shipping" is null';
  const stack = `jakarta.servlet.ServletException: Request processing failed: ${npe}\n${SERVLET('Post')}\nCaused by: ${npe}\n\tat com.quillwort.shop.checkout.TaxService.rateFor(TaxService.java:41)\n\tat com.quillwort.shop.checkout.CheckoutService.price(CheckoutService.java:88)\n\tat com.quillwort.shop.checkout.CheckoutController.checkout(CheckoutController.java:52)\n\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)\n\t... ${rng.int(44, 52)} common frames omitted`;
  return [boot(t, rev, 'ERROR', worker(rng), 'io.undertow.request', 'io.undertow.request', 'UT005023: Exception handling request to /api/checkout', stack)];
});

// The pool is exhausted by a slow catalog query: the same Undertow record over another cause.
const suHikari = fam(`${SU}:catalog-connection-not-available`, 'ERROR', [30, 80], ({ rng, t, rev }) => {
  const waiting = rng.int(1, 14);
  const hik = `HikariPool-1 - Connection is not available, request timed out after 300${rng.int(0, 9)}${rng.int(0, 9)}ms (total=10, active=10, idle=0, waiting=${waiting})`;
  const stack = `jakarta.servlet.ServletException: Request processing failed: org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection\n${SERVLET('Get')}\nCaused by: org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection\n\tat org.springframework.jdbc.datasource.DataSourceUtils.getConnection(DataSourceUtils.java:84)\n\tat org.springframework.jdbc.core.JdbcTemplate.execute(JdbcTemplate.java:653)\n\tat org.springframework.data.jdbc.core.JdbcAggregateTemplate.findById(JdbcAggregateTemplate.java:263)\n\tat com.quillwort.shop.catalog.ProductController.product(ProductController.java:37)\n\t... ${rng.int(44, 52)} common frames omitted\nCaused by: java.sql.SQLTransientConnectionException: ${hik}\n\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:686)\n\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:179)\n\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:144)\n\tat com.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:99)\n\tat org.springframework.jdbc.datasource.DataSourceUtils.fetchConnection(DataSourceUtils.java:160)\n\tat org.springframework.jdbc.datasource.DataSourceUtils.doGetConnection(DataSourceUtils.java:118)\n\t... ${rng.int(50, 58)} common frames omitted`;
  return [boot(t, rev, 'ERROR', worker(rng), 'io.undertow.request', 'io.undertow.request', `UT005023: Exception handling request to /api/catalog/products/${digits(rng, 6)}`, stack)];
}, 0.4);

// The nightly-and-hourly merchant feed upload times out; Spring's scheduler logs what the task threw.
const suFeedExport = fam(`${SU}:merchant-feed-export-timeout`, 'ERROR', [10, 30], ({ rng, t, rev }) => {
  const stack = `org.springframework.web.client.ResourceAccessException: I/O error on PUT request for "https://feeds.merchant-partner.example/v1/merchants/${digits(rng, 6)}/feed.xml": Read timed out\n\tat org.springframework.web.client.DefaultRestClient.createResourceAccessException(DefaultRestClient.java:676)\n\tat org.springframework.web.client.DefaultRestClient.readWithMessageConverters(DefaultRestClient.java:222)\n\tat org.springframework.web.client.DefaultRestClient$DefaultResponseSpec.toBodilessEntity(DefaultRestClient.java:847)\n\tat com.quillwort.shop.feed.FeedExport.upload(FeedExport.java:64)\n\tat com.quillwort.shop.feed.FeedExport.run(FeedExport.java:40)\n\tat org.springframework.scheduling.support.ScheduledMethodRunnable.run(ScheduledMethodRunnable.java:130)\n\tat org.springframework.scheduling.support.DelegatingErrorHandlingRunnable.run(DelegatingErrorHandlingRunnable.java:54)\n\tat java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1144)\n\tat java.base/java.lang.Thread.run(Thread.java:1583)\nCaused by: java.net.SocketTimeoutException: Read timed out\n\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:278)\n\tat java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:304)\n\tat java.base/java.net.Socket$SocketInputStream.read(Socket.java:1099)\n\t... 31 common frames omitted`;
  return [boot(t, rev, 'ERROR', 'scheduling-1', 'o.s.s.s.TaskUtils$LoggingErrorHandler', 'org.springframework.scheduling.support.TaskUtils$LoggingErrorHandler', 'Unexpected error occurred in scheduled task', stack)];
});

// Scanners probing for other apps' files: Spring 6.1 resolves them to 404 and logs at WARN (frequent).
const suNoResource = fam(`${SU}:scanner-no-static-resource`, 'WARNING', [120, 240], ({ rng, t, rev }) => {
  const p = rng.pick(['wp-login.php', '.env', 'wp-admin/setup-config.php', 'actuator/gateway/routes', '.git/config', 'vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php', 'cgi-bin/luci/;stok=/locale']);
  return [boot(t, rev, 'WARN', worker(rng), '.m.m.a.ExceptionHandlerExceptionResolver', 'org.springframework.web.servlet.mvc.method.annotation.ExceptionHandlerExceptionResolver', `Resolved [org.springframework.web.servlet.resource.NoResourceFoundException: No static resource ${p}.]`)];
});

const suChatter = fam(`noise:${SU}:chatter`, 'INFO', [220, 320], ({ rng, t, rev }) => {
  if (rng.chance(0.1)) return [boot(t, rev, 'INFO', 'main', rng.pick(['o.s.b.w.e.undertow.UndertowWebServer', 'c.q.shop.ShopApplication']), 'org.springframework.boot.web.embedded.undertow.UndertowWebServer', rng.pick(["Undertow started on port 8080 (http) with context path '/'", `Started ShopApplication in ${(rng.next() * 6 + 3).toFixed(3)} seconds (process running for ${(rng.next() * 6 + 4).toFixed(3)})`, 'HikariPool-1 - Start completed.']))];
  return [boot(t, rev, 'INFO', worker(rng), 'c.q.shop.checkout.CheckoutService', 'com.quillwort.shop.checkout.CheckoutService', rng.pick([`order ${digits(rng, 7)} placed: ${rng.int(1, 9)} lines, tax ${rng.pick(['DE', 'FR', 'NL'])}, 0 errors`, `cart ${digits(rng, 7)} priced in ${rng.int(3, 90)}ms`, `feed export: ${rng.int(1000, 9000)} products written, 0 failed`]))];
});

export const shopUndertow: ServiceDef = {
  name: SU, stack: 'Java 21, Spring Boot 3.4 on Undertow 2.3, Spring Data JDBC, HikariCP 5, RestClient', splitRate: 0.65,
  families: [suCheckoutNpe, suHikari, suFeedExport, suNoResource, suChatter],
};
