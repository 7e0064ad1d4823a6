// A Java (Spring Boot) billing service: `Exception in thread` traces as plain text, logstash-logback JSON
// with `stack_trace` and `Caused by:` chains, and request logs. Not in the demo.
import type { EmitContext, FamilySpec, ServiceShape } from '../family-spec.js';
import { requestLog } from '../http-request.js';
import { platformFamilies } from './platform.js';

const account = (ctx: EmitContext): string => `acct_${ctx.rng.alnum(14)}`;

function logback(level: string, message: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { message, level, logger_name: 'com.netra.billing.service.InvoiceService', thread_name: 'http-nio-8080-exec-4', ...extra };
}

const HIKARI_TRACE = (ms: number): string => [
  'org.springframework.dao.DataAccessResourceFailureException: Unable to acquire JDBC Connection; nested exception is '
    + 'org.hibernate.exception.JDBCConnectionException: Unable to acquire JDBC Connection',
  '\tat org.springframework.orm.jpa.vendor.HibernateJpaDialect.convertHibernateAccessException(HibernateJpaDialect.java:277)',
  '\tat org.springframework.orm.jpa.vendor.HibernateJpaDialect.translateExceptionIfPossible(HibernateJpaDialect.java:233)',
  '\tat com.netra.billing.repo.InvoiceRepository.findByAccount(InvoiceRepository.java:57)',
  '\tat com.netra.billing.service.InvoiceService.listInvoices(InvoiceService.java:88)',
  '\tat com.netra.billing.web.InvoiceController.list(InvoiceController.java:41)',
  'Caused by: org.hibernate.exception.JDBCConnectionException: Unable to acquire JDBC Connection',
  '\tat org.hibernate.exception.internal.SQLStateConversionDelegate.convert(SQLStateConversionDelegate.java:98)',
  '\t... 87 common frames omitted',
  `Caused by: java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after ${ms}ms.`,
  '\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)',
  '\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:181)',
  '\t... 93 common frames omitted',
].join('\n');

const problems: FamilySpec[] = [
  {
    name: 'java-invoice-npe',
    per3k: 16,
    emit: (ctx) => ({
      stream: 'stderr', severity: 'ERROR', traced: false,
      textPayload: [
        `Exception in thread "invoice-worker-${ctx.rng.int(1, 16)}" java.lang.NullPointerException: Cannot invoke `
          + '"com.netra.billing.model.Customer.getTaxId()" because the return value of "com.netra.billing.model.Invoice.getCustomer()" is null',
        '\tat com.netra.billing.service.InvoiceService.render(InvoiceService.java:142)',
        '\tat com.netra.billing.service.InvoiceService.lambda$renderAll$0(InvoiceService.java:97)',
        '\tat java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1144)',
        '\tat java.base/java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:642)',
        '\tat java.base/java.lang.Thread.run(Thread.java:1583)',
      ].join('\n'),
    }),
  },
  {
    name: 'java-hikari-connection-timeout',
    per3k: 24,
    emit: (ctx) => {
      const acct = account(ctx);
      return {
        stream: 'stdout', severity: 'ERROR', traced: true,
        jsonPayload: logback('ERROR', `Failed to load invoices for account ${acct}`, { stack_trace: HIKARI_TRACE(30000 + ctx.rng.int(0, 40)) }),
      };
    },
  },
  {
    name: 'java-stripe-webhook-signature',
    per3k: 15,
    emit: (ctx) => ({
      stream: 'stdout', severity: 'WARNING', traced: true,
      jsonPayload: logback('WARN', `Webhook signature verification failed for event evt_${ctx.rng.alnum(24)}: No signatures found `
        + 'matching the expected signature for payload', { logger_name: 'com.netra.billing.web.StripeWebhookController' }),
    }),
  },
  {
    name: 'http-500-post-invoices',
    per3k: 18,
    emit: (ctx) => requestLog(ctx, { method: 'POST', status: 500, latency: [0.05, 31], pathAndQuery: `/v1/accounts/${account(ctx)}/invoices` }),
  },
];

const noise: FamilySpec[] = [
  {
    name: 'info-billing-invoice-rendered', per3k: 0, noiseWeight: 20,
    emit: (ctx) => ({ stream: 'stdout', severity: 'INFO', traced: true,
      jsonPayload: logback('INFO', `Invoice inv_${ctx.rng.alnum(14)} rendered in ${ctx.rng.int(4, 800)} ms`) }),
  },
  {
    name: 'info-billing-request-get-invoices-200', per3k: 0, noiseWeight: 15,
    emit: (ctx) => requestLog(ctx, { method: 'GET', status: 200, latency: [0.01, 0.6], pathAndQuery: `/v1/accounts/${account(ctx)}/invoices?page=${ctx.rng.int(1, 9)}` }),
  },
];

export const javaServiceShape: ServiceShape = {
  name: 'java-service',
  families: [
    ...problems,
    ...noise,
    ...platformFamilies({ memoryMiB: 2048, requestPath: (ctx) => ({ method: 'POST', path: `/v1/accounts/${account(ctx)}/invoices` }) }),
  ],
};
