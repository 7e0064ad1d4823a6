// billing: Spring Boot 3 (Logback's default console pattern, Tomcat, Hikari, Java stack traces).
// accounts: Rails 7.1 (Ruby's Logger::Formatter with request-id tags). inventory: ASP.NET Core 8 with
// the simple console formatter (multi-line records). orders: a structured Python service (one JSON
// line with `severity`, which Cloud Run lifts into the entry). Cloud Run's own messages, each given
// to one service.
import type { Prng } from '../prng.js';
import { dotnet, rubyLogger, spring, time } from './formats.js';
import type { Family, ServiceDef, Write } from './model.js';
import { javaTrace, pyTraceback } from './traces.js';

const thread = (rng: Prng): string => `http-nio-8080-exec-${rng.int(1, 10)}`;
const out = (text: string): Write => ({ stream: 'stdout', text });

function hikariTrace(rng: Prng): string {
  return javaTrace('org.springframework.dao.DataAccessResourceFailureException: Unable to acquire JDBC Connection [HikariPool-1 - Connection is not available, request timed out after 30000ms (total=10, active=10, idle=0, waiting=' + rng.int(1, 40) + ')] [n/a]', [
    'org.springframework.orm.jpa.vendor.HibernateJpaDialect.convertHibernateAccessException(HibernateJpaDialect.java:277)',
    'org.springframework.orm.jpa.vendor.HibernateJpaDialect.translateExceptionIfPossible(HibernateJpaDialect.java:241)',
    'com.example.billing.service.InvoiceService.listOpen(InvoiceService.java:54)',
    'com.example.billing.web.InvoiceController.open(InvoiceController.java:39)',
  ], [
    { head: 'org.hibernate.exception.JDBCConnectionException: Unable to acquire JDBC Connection [HikariPool-1 - Connection is not available, request timed out after 30000ms (total=10, active=10, idle=0, waiting=' + rng.int(1, 40) + ')] [n/a]', frames: ['org.hibernate.exception.internal.SQLStateConversionDelegate.convert(SQLStateConversionDelegate.java:100)'], more: rng.int(80, 96) },
    { head: 'java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms (total=10, active=10, idle=0, waiting=' + rng.int(1, 40) + ')', frames: ['com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:686)', 'com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:179)'], more: rng.int(100, 120) },
  ]);
}

const billingFamilies: Family[] = [
  {
    name: 'billing:invoice-already-settled', level: 'ERROR', perDay: [15, 45], burst: 0.2,
    emit: ({ rng, t, pid }) => {
      const inv = `INV-${rng.int(10000, 99999)}`;
      const head = spring(t, 'ERROR', pid, thread(rng), 'org.apache.catalina.core.ContainerBase.[Tomcat].[localhost].[/].[dispatcherServlet]',
        `Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed: java.lang.IllegalStateException: Invoice ${inv} already settled] with root cause`);
      const trace = javaTrace(`java.lang.IllegalStateException: Invoice ${inv} already settled`, [
        'com.example.billing.service.InvoiceService.settle(InvoiceService.java:88)',
        'com.example.billing.web.InvoiceController.settle(InvoiceController.java:61)',
        'java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)',
        'org.springframework.web.method.support.InvocableHandlerMethod.doInvoke(InvocableHandlerMethod.java:255)',
        'org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)',
      ]);
      return out(`${head}\n\n${trace}`);
    },
  },
  {
    name: 'billing:hikari-timeout', level: 'ERROR', perDay: [20, 50], spans: [[0.65, 0.8]], burst: 0.25,
    emit: ({ rng, t, pid }) => {
      const trace = hikariTrace(rng);
      return rng.chance(0.7)
        ? out(`${spring(t, 'ERROR', pid, thread(rng), 'com.example.billing.web.ApiExceptionHandler', `Unhandled error on GET /api/invoices/open${rng.chance(0.5) ? ` (tenant=${rng.pick(['acme', 'globex', 'hooli'])})` : ''}`)}\n${trace}`)
        : out(trace);
    },
  },
  {
    name: 'billing:sql-error-warn', level: 'WARNING', perDay: [20, 50], spans: [[0.65, 0.8]],
    emit: ({ rng, t, pid }) => out(spring(t, 'WARN', pid, thread(rng), 'org.hibernate.engine.jdbc.spi.SqlExceptionHelper', 'SQL Error: 0, SQLState: 08003')),
  },
  {
    name: 'billing:housekeeper-clock-leap', level: 'WARNING', perDay: [60, 150],
    emit: ({ rng, t, pid }) => out(spring(t, 'WARN', pid, 'HikariPool-1 housekeeper', 'com.zaxxer.hikari.pool.HikariPool', `HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=${rng.int(1, 9)}m${rng.int(0, 59)}s${rng.int(0, 999)}ms).`)),
  },
  {
    name: 'billing:webhook-signature', level: 'ERROR', perDay: [10, 25],
    emit: ({ rng, t, pid }) => out(`${spring(t, 'ERROR', pid, thread(rng), 'com.example.billing.web.StripeWebhookController', 'Webhook signature verification failed')}\n${javaTrace('com.stripe.exception.SignatureVerificationException: No signatures found matching the expected signature for payload', [
      'com.stripe.net.Webhook$Signature.verifyHeader(Webhook.java:' + rng.pick([134, 134, 137]) + ')',
      'com.stripe.net.Webhook.constructEvent(Webhook.java:60)',
      'com.example.billing.web.StripeWebhookController.receive(StripeWebhookController.java:34)',
    ])}`),
  },
  {
    name: 'noise:billing-startup', level: 'INFO', perDay: [5, 15],
    emit: ({ rng, t, pid }) => out(spring(t, 'INFO', pid, 'main', 'com.example.billing.BillingApplication', `Started BillingApplication in ${rng.fixed(4, 12, 3)} seconds (process running for ${rng.fixed(5, 14, 3)})`)),
  },
  {
    name: 'noise:billing-requests', level: 'INFO', perDay: [300, 600],
    emit: ({ rng, t, pid }) => out(spring(t, 'INFO', pid, thread(rng), 'com.example.billing.web.RequestLogFilter', `GET /api/invoices/${rng.int(1, 99999)} -> 200 in ${rng.int(3, 400)}ms (errors=0)`)),
  },
  {
    name: 'noise:billing-debug', level: 'DEBUG', perDay: [100, 200],
    emit: ({ rng, t, pid }) => out(spring(t, 'DEBUG', pid, thread(rng), 'org.springframework.web.servlet.DispatcherServlet', `Completed 200 OK in ${rng.int(1, 90)}ms`)),
  },
];

// ---- accounts: Rails --------------------------------------------------------------------------------

const reqId = (rng: Prng): string => rng.uuid();

const accountsFamilies: Family[] = [
  {
    name: 'accounts:record-not-found', level: 'CRITICAL', perDay: [30, 80],
    // ActionDispatch::DebugExceptions logs at FATAL: a blank tagged line, the exception, then the
    // application trace joined with the tags, in one write.
    emit: ({ rng, t, pid }) => {
      const r = `[${reqId(rng)}] `;
      const id = rng.int(1, 99999);
      const lines = [
        rubyLogger(t, 'FATAL', pid, `${r}  `),
        `${r}ActiveRecord::RecordNotFound (Couldn't find Account with 'id'=${id}):`,
        `${r}  `,
        `${r}app/controllers/accounts_controller.rb:${rng.pick([12, 12, 13])}:in \`set_account'`,
      ];
      if (rng.chance(0.5)) lines.push(`${r}app/controllers/concerns/audited.rb:8:in \`block in around_action'`);
      return out(lines.join('\n'));
    },
  },
  {
    name: 'accounts:pg-too-many-clients', level: 'ERROR', perDay: [15, 40], spans: [[0.1, 0.25]],
    emit: ({ rng, t, pid }) => out(rubyLogger(t, 'ERROR', pid, `[${reqId(rng)}] balance sync failed: PG::ConnectionBad: connection to server at "10.30.0.${rng.int(2, 9)}", port 5432 failed: FATAL:  sorry, too many clients already`)),
  },
  {
    name: 'accounts:deprecation', level: 'WARNING', perDay: [40, 100],
    emit: ({ t, pid }) => out(rubyLogger(t, 'WARN', pid, 'DEPRECATION WARNING: `ActiveRecord::Base.connection` is deprecated and will be removed in Rails 8.0. Use `with_connection` or `lease_connection` instead. (called from block in <class:Account> at /app/app/models/account.rb:14)')),
  },
  {
    name: 'noise:accounts-requests', level: 'INFO', perDay: [400, 800],
    emit: ({ rng, t, pid }) => {
      const r = `[${reqId(rng)}] `;
      return out(rng.chance(0.5)
        ? rubyLogger(t, 'INFO', pid, `${r}Started GET "/accounts/${rng.int(1, 99999)}" for 169.254.169.126 at ${time.railsAt(t)}`)
        : rubyLogger(t, 'INFO', pid, `${r}Completed 200 OK in ${rng.int(3, 300)}ms (Views: ${rng.fixed(0, 20, 1)}ms | ActiveRecord: ${rng.fixed(0, 40, 1)}ms | Allocations: ${rng.int(1000, 90000)})`));
    },
  },
  {
    name: 'noise:accounts-puma', level: 'INFO', perDay: [5, 10],
    emit: ({ rng }) => out(rng.pick(['Puma starting in single mode...', '* Listening on http://0.0.0.0:8080', 'Use Ctrl-C to stop', '* Min threads: 5, max threads: 5'])),
  },
];

// ---- inventory: ASP.NET Core --------------------------------------------------------------------------

const inventoryFamilies: Family[] = [
  {
    name: 'inventory:sequence-empty', level: 'ERROR', perDay: [15, 40], burst: 0.2,
    emit: ({ rng }) => out(dotnet('fail', 'Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware', 1, [
      'An unhandled exception has occurred while executing the request.',
      'System.InvalidOperationException: Sequence contains no elements',
      '   at System.Linq.ThrowHelper.ThrowNoElementsException()',
      '   at System.Linq.Enumerable.First[TSource](IEnumerable`1 source)',
      `   at Inventory.Api.StockService.Reserve(String sku, Int32 qty) in /src/Inventory.Api/StockService.cs:line ${rng.pick([42, 42, 44])}`,
      '   at Inventory.Api.Program.<>c.<<Main>$>b__0_2(StockService svc, ReserveRequest req) in /src/Inventory.Api/Program.cs:line 31',
      '   at Microsoft.AspNetCore.Http.RequestDelegateFactory.ExecuteTaskResult[T](Task`1 task, HttpContext httpContext)',
    ].join('\n'))),
  },
  {
    name: 'inventory:https-port', level: 'WARNING', perDay: [60, 150],
    emit: () => out(dotnet('warn', 'Microsoft.AspNetCore.HttpsPolicy.HttpsRedirectionMiddleware', 3, 'Failed to determine the https port for redirect.')),
  },
  {
    name: 'inventory:dataprotection-keys', level: 'WARNING', perDay: [3, 8],
    emit: () => out(dotnet('warn', 'Microsoft.AspNetCore.DataProtection.Repositories.EphemeralXmlRepository', 50, 'Using an in-memory repository. Keys will not be persisted to storage.')),
  },
  {
    name: 'noise:inventory-lifetime', level: 'INFO', perDay: [10, 25],
    emit: ({ rng }) => out(dotnet('info', 'Microsoft.Hosting.Lifetime', rng.pick([14, 0]), rng.pick(['Now listening on: http://[::]:8080', 'Application started. Press Ctrl+C to shut down.', 'Hosting environment: Production']))),
  },
  {
    name: 'noise:inventory-requests', level: 'INFO', perDay: [200, 400],
    emit: ({ rng }) => out(dotnet('info', 'Inventory.Api.StockService', 2, `Reserved ${rng.int(1, 9)} of ${rng.upperAlnum(3)}-${rng.int(100, 999)}; errors: none`)),
  },
];

// ---- orders: structured Python ---------------------------------------------------------------------

const structured = (severity: string, message: string, extra: Record<string, unknown> = {}): Write =>
  ({ stream: 'stdout', severity, json: { message, ...extra } });

const ordersFamilies: Family[] = [
  {
    name: 'orders:inventory-timeout', level: 'ERROR', perDay: [20, 60],
    emit: ({ rng }) => {
      const tb = pyTraceback([
        ['/app/orders/reserve.py', 33, 'reserve', 'resp = await client.post(url, json=body, timeout=2.0)'],
        ['/app/.venv/lib/python3.12/site-packages/httpx/_transports/default.py', 84, 'map_httpcore_exceptions', 'raise mapped_exc(message) from exc'],
      ], 'httpx.ReadTimeout: timed out');
      return structured('ERROR', `inventory reservation timed out for order ${rng.int(1e5, 9e5)}${rng.chance(0.5) ? '\n' + tb : ''}`, { logger: 'orders.reserve', ...(rng.chance(0.5) ? { exc_info: tb } : {}) });
    },
  },
  {
    name: 'orders:fraud-hold', level: 'NOTICE', perDay: [20, 50],
    emit: ({ rng }) => structured('NOTICE', `order ${rng.int(1e5, 9e5)} held for fraud review (score ${rng.fixed(0.8, 1, 2)})`, { logger: 'orders.fraud' }),
  },
  {
    name: 'orders:stale-price', level: 'WARNING', perDay: [60, 140],
    emit: ({ rng }) => structured('WARNING', `price for ${rng.upperAlnum(3)}-${rng.int(100, 999)} is ${rng.int(2, 48)}h old; using cached value`, { logger: 'orders.pricing' }),
  },
  {
    name: 'noise:orders-info', level: 'INFO', perDay: [300, 600],
    emit: ({ rng }) => structured('INFO', `order ${rng.int(1e5, 9e5)} placed (${rng.int(1, 9)} items, error: none)`, { logger: 'orders.api' }),
  },
];

// ---- Cloud Run's own messages ------------------------------------------------------------------------

const system = (severity: string, text: string): Write => ({ stream: 'varlog/system', severity, text });

export const platformFamilies: Record<string, Family[]> = {
  'catalog-api': [
    {
      name: 'platform:catalog-memory-limit', level: 'ERROR', perDay: [2, 6], spans: [[0.3, 0.45]],
      emit: ({ rng }) => system('ERROR', `Memory limit of 512 MiB exceeded with ${rng.int(513, 560)} MiB used. Consider increasing the memory limit, see https://cloud.google.com/run/docs/configuring/memory-limits`),
    },
    {
      name: 'noise:catalog-startup-probe', level: 'INFO', perDay: [3, 10],
      emit: () => system('INFO', 'Default STARTUP TCP probe succeeded after 1 attempt for container "catalog-api-1" on port 8080.'),
    },
  ],
  storefront: [
    {
      name: 'platform:storefront-no-instance', level: 'ERROR', perDay: [10, 30], spans: [[0.2, 0.3]],
      emit: ({ rng }) => ({
        stream: 'requests', severity: 'ERROR',
        text: 'The request was aborted because there was no available instance. Additional troubleshooting documentation can be found at: https://cloud.google.com/run/docs/troubleshooting#abort-request',
        httpRequest: { requestMethod: 'GET', requestUrl: `https://storefront-x7k2p9q3ba-uc.a.run.app/api/products?page=${rng.int(1, 9)}`, status: 429, latency: `${rng.fixed(0, 0.02, 6)}s`, protocol: 'HTTP/1.1', remoteIp: rng.publicIpv4(), userAgent: 'Mozilla/5.0' },
      }),
    },
  ],
  ledger: [
    {
      name: 'platform:ledger-exit', level: 'WARNING', perDay: [2, 5],
      emit: () => system('WARNING', 'Container called exit(2).'),
    },
  ],
};

export const billing: ServiceDef = { name: 'billing', stack: 'Java 17, Spring Boot 3, Logback console pattern', splitRate: 0.8, rollout: 0.5, families: billingFamilies };
export const accounts: ServiceDef = { name: 'accounts', stack: 'Ruby 3.3, Rails 7.1, Logger::Formatter', splitRate: 0.9, rollout: 0.5, families: accountsFamilies };
export const inventory: ServiceDef = { name: 'inventory', stack: '.NET 8, ASP.NET Core, simple console formatter', splitRate: 0.9, rollout: 0.5, families: inventoryFamilies };
export const orders: ServiceDef = { name: 'orders', stack: 'Python 3.12, structured JSON logs with severity', splitRate: 0, rollout: 0.5, families: ordersFamilies };
