// pay-javalin: Java 21, Javalin 6 on Jetty 11, HikariCP 5 and pgjdbc, logging through slf4j-simple 2 on
// stderr (its default stream). The morning revision uses slf4j-simple's defaults (`[thread] LEVEL logger -
// msg`, no time), the later one sets `showDateTime` with `yyyy-MM-dd HH:mm:ss.SSS`. Javalin logs an
// exception no handler took as `Exception occurred while servicing http-request` + the stack (a header
// that names no error); the later revision maps the refund NPE itself and logs it on one line (the same
// problem printed another way).
import type { Ctx, ServiceDef, Write } from '../stranger/model.js';
import { ymdHmsMillis } from './clock.js';
import { familyOf } from './family.js';

const SERVICE = 'pay-javalin';
const fam = familyOf(SERVICE);

function rec(ctx: Ctx, thread: string, level: string, logger: string, text: string): Write {
  const time = ctx.rev === 0 ? '' : `${ymdHmsMillis(ctx.t)} `;
  return { stream: 'stderr', text: `${time}[${thread}] ${level} ${logger} - ${text}` };
}

const jetty = (ctx: Ctx): string => `JettyServerThreadPool-${ctx.rng.int(20, 60)}`;

const servletTail = `\tat io.javalin.http.servlet.JavalinServlet.handleSync(JavalinServlet.kt:85)
\tat io.javalin.http.servlet.JavalinServlet.service(JavalinServlet.kt:71)
\tat jakarta.servlet.http.HttpServlet.service(HttpServlet.java:587)
\tat io.javalin.jetty.JavalinJettyServlet.service(JavalinJettyServlet.kt:52)
\tat org.eclipse.jetty.servlet.ServletHolder.handle(ServletHolder.java:764)
\tat org.eclipse.jetty.servlet.ServletHandler$ChainEnd.doFilter(ServletHandler.java:1665)
\tat org.eclipse.jetty.server.handler.ScopedHandler.handle(ScopedHandler.java:122)
\tat org.eclipse.jetty.server.Server.handle(Server.java:563)
\tat org.eclipse.jetty.util.thread.QueuedThreadPool$Runner.run(QueuedThreadPool.java:1149)
\tat java.base/java.lang.Thread.run(Thread.java:1583)`;

const NPE = 'java.lang.NullPointerException: Cannot invoke "com.acme.pay.Refund.amount()" because "refund" is null';

export const payJavalin: ServiceDef = {
  name: SERVICE,
  stack: 'Java 21, Javalin 6, Jetty 11, HikariCP 5, slf4j-simple 2',
  splitRate: 0.72,
  families: [
    fam('request-log', 'INFO', [320, 500], (ctx) => {
      const status = ctx.rng.weighted([[200, 70], [201, 20], [402, 6], [500, 4]] as const);
      const path = ctx.rng.pick(['/v1/charges', `/v1/charges/ch_${ctx.rng.alnum(14)}`, '/v1/refunds', '/health']);
      return [rec(ctx, jetty(ctx), 'INFO', 'com.acme.pay.RequestLog', `${ctx.rng.pick(['GET', 'POST'])} ${path} ${status} ${ctx.rng.int(2, 400)}ms`)];
    }),
    fam('settlement-batch', 'INFO', [30, 60], (ctx) => [rec(ctx, 'settlement-1', 'INFO', 'com.acme.pay.Settlement',
      `settlement batch ${ctx.rng.int(10000, 99999)} closed: ${ctx.rng.int(50, 900)} charges, 0 failed, declined_errors=0`)]),
    fam('hikari-connection-timeout', 'ERROR', [8, 22], (ctx) => [rec(ctx, jetty(ctx), 'ERROR', 'io.javalin.Javalin', `Exception occurred while servicing http-request
java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms (total=10, active=10, idle=0, waiting=${ctx.rng.int(1, 14)})
\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:686)
\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:179)
\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:144)
\tat com.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:127)
\tat com.acme.pay.ChargeRepository.insert(ChargeRepository.java:41)
\tat com.acme.pay.ChargeController.create(ChargeController.java:58)
\tat io.javalin.router.Endpoint.handle(Endpoint.kt:52)
${servletTail}`)], 0.35),
    // One problem printed two ways: Javalin's stack on the morning revision, the app's own one-line
    // exception handler after.
    fam('refund-npe', 'ERROR', [6, 16], (ctx) => ctx.rev === 0
      ? [rec(ctx, jetty(ctx), 'ERROR', 'io.javalin.Javalin', `Exception occurred while servicing http-request
${NPE}
\tat com.acme.pay.RefundController.create(RefundController.java:37)
\tat io.javalin.router.Endpoint.handle(Endpoint.kt:52)
${servletTail}`)]
      : [rec(ctx, jetty(ctx), 'ERROR', 'com.acme.pay.Errors', `POST /v1/refunds failed: ${NPE}`)]),
    // Frequent and real: connections dropped under the pool.
    fam('hikari-validate-failed', 'WARNING', [80, 200], (ctx) => [rec(ctx, 'HikariPool-1 housekeeper', 'WARN', 'com.zaxxer.hikari.pool.PoolBase',
      `HikariPool-1 - Failed to validate connection org.postgresql.jdbc.PgConnection@${ctx.rng.hex(8)} (This connection has been closed.). Possibly consider using a shorter maxLifetime value.`)]),
    fam('psp-timeout', 'WARNING', [15, 40], (ctx) => [rec(ctx, jetty(ctx), 'WARN', 'com.acme.pay.psp.PspClient',
      `PSP authorize timed out after ${ctx.rng.int(5000, 9000)}ms for charge ch_${ctx.rng.alnum(14)}, retrying (attempt ${ctx.rng.int(1, 3)}/3)`)]),
  ],
};
