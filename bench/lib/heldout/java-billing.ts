// billing: a Spring Boot 3 / Java 17 service; logstash-logback JSON (`message`, `stack_trace`,
// `logger_name`) for the application and Spring's plain console pattern from a side job.
import type { Family, Payload, Tools } from './spec.js';
import { iso } from './spec.js';

const SERVICE = 'billing';

function logback(t: Tools, severity: string, logger: string, message: string, stack?: string): Payload {
  const body: Record<string, unknown> = {
    '@timestamp': iso(t.time), '@version': '1', message, logger_name: logger,
    thread_name: `http-nio-8080-exec-${t.rng.int(1, 10)}`, level: severity === 'WARNING' ? 'WARN' : severity, level_value: severity === 'ERROR' ? 40000 : 30000,
  };
  if (stack !== undefined) body.stack_trace = stack;
  return { stream: 'stdout', severity, jsonPayload: body };
}

const SPRING_TAIL = [
  '\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)',
  '\tat jakarta.servlet.http.HttpServlet.service(HttpServlet.java:658)',
  '\tat org.apache.catalina.core.ApplicationFilterChain.internalDoFilter(ApplicationFilterChain.java:205)',
  '\tat java.base/java.lang.Thread.run(Thread.java:1583)',
];

function console(t: Tools, level: string, thread: string, logger: string, message: string): string {
  return `${iso(t.time)}  ${level.padStart(5)} 1 --- [billing] [${thread}] ${logger.padEnd(40)} : ${message}`;
}

export const billing: Family[] = [
  {
    name: 'jv-invoice-npe', service: SERVICE, count: 64,
    emit: (t) => logback(t, 'ERROR', 'org.apache.catalina.core.ContainerBase.[Tomcat].[localhost].[/].[dispatcherServlet]',
      'Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception',
      ['java.lang.NullPointerException: Cannot invoke "com.acme.billing.model.Customer.getTaxId()" because "customer" is null',
        '\tat com.acme.billing.invoice.InvoiceRenderer.render(InvoiceRenderer.java:142)',
        '\tat com.acme.billing.invoice.InvoiceService.finalizeInvoice(InvoiceService.java:88)',
        `\tat com.acme.billing.web.InvoiceController.finalize(InvoiceController.java:${t.rng.pick([51, 53])})`,
        '\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)',
        ...SPRING_TAIL].join('\n')),
  },
  {
    name: 'jv-deadlock', service: SERVICE, count: 30,
    emit: (t) => {
      const p1 = t.rng.int(1000, 9000);
      return logback(t, 'ERROR', 'com.acme.billing.ledger.PostingJob', `posting run ${t.rng.uuid()} failed`, [
        'org.springframework.dao.CannotAcquireLockException: could not execute statement [ERROR: deadlock detected',
        `  Detail: Process ${p1} waits for ShareLock on transaction ${t.rng.int(1e5, 9e5)}; blocked by process ${p1 + 2}.`,
        `Process ${p1 + 2} waits for ShareLock on transaction ${t.rng.int(1e5, 9e5)}; blocked by process ${p1}.] [update invoice set status=? where id=?]`,
        '\tat org.springframework.orm.jpa.vendor.HibernateJpaDialect.convertHibernateAccessException(HibernateJpaDialect.java:256)',
        '\tat com.acme.billing.ledger.PostingJob.post(PostingJob.java:77)',
        '\tat com.acme.billing.ledger.PostingJob.run(PostingJob.java:40)',
        'Caused by: org.postgresql.util.PSQLException: ERROR: deadlock detected',
        '\tat org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2725)',
        '\tat org.postgresql.jdbc.PgStatement.executeInternal(PgStatement.java:517)',
        `\t... ${t.rng.int(30, 60)} more`].join('\n'));
    },
  },
  {
    name: 'jv-hikari-timeout', service: SERVICE, count: 80,
    emit: (t) => logback(t, 'ERROR', 'com.acme.billing.web.GlobalExceptionHandler', 'Could not open JPA EntityManager for transaction', [
      `org.springframework.transaction.CannotCreateTransactionException: Could not open JPA EntityManager for transaction`,
      '\tat org.springframework.orm.jpa.JpaTransactionManager.doBegin(JpaTransactionManager.java:466)',
      '\tat com.acme.billing.invoice.InvoiceService$$SpringCGLIB$$0.listOpen(<generated>)',
      '\tat com.acme.billing.web.InvoiceController.list(InvoiceController.java:33)',
      `Caused by: java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after ${t.rng.pick([30000, 30001, 30004])}ms (total=10, active=10, idle=0, waiting=${t.rng.int(1, 40)})`,
      '\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:686)',
      `\t... ${t.rng.int(60, 90)} common frames omitted`].join('\n')),
  },
  {
    name: 'jv-currency-unknown', service: SERVICE, count: 26,
    emit: (t) => logback(t, 'ERROR', 'com.acme.billing.web.GlobalExceptionHandler', 'Request processing failed', [
      `java.lang.IllegalArgumentException: Unknown currency: ${t.rng.pick(['XBT', 'ZWL', 'VEF', 'usd'])}`,
      '\tat java.base/java.util.Currency.getInstance(Currency.java:313)',
      '\tat com.acme.billing.fx.CurrencyConverter.convert(CurrencyConverter.java:29)',
      '\tat com.acme.billing.invoice.InvoiceService.total(InvoiceService.java:120)',
      ...SPRING_TAIL].join('\n')),
  },
  {
    // Same exception type, thrown by the tax code: another problem.
    name: 'jv-tax-region', service: SERVICE, count: 22,
    emit: (t) => logback(t, 'ERROR', 'com.acme.billing.web.GlobalExceptionHandler', 'Request processing failed', [
      `java.lang.IllegalArgumentException: No tax rate for region ${t.rng.pick(['GB-SCT', 'US-PR', 'CA-QC', 'ES-CN'])}`,
      '\tat com.acme.billing.tax.TaxTable.rateFor(TaxTable.java:64)',
      '\tat com.acme.billing.invoice.InvoiceService.total(InvoiceService.java:124)',
      ...SPRING_TAIL].join('\n')),
  },
  {
    name: 'jv-finalize-conflict', service: SERVICE, count: 58,
    emit: (t) => ({
      stream: 'stdout', severity: 'WARNING',
      textPayload: console(t, 'WARN', `nio-8080-exec-${t.rng.int(1, 10)}`, 'c.a.b.web.GlobalExceptionHandler',
        `Request failed: POST /api/invoices/INV-2025-${String(t.rng.int(1, 99999)).padStart(6, '0')}/finalize -> 409 CONFLICT (invoice already finalized at ${iso(t.time - t.rng.int(1e5, 1e8))})`),
    }),
  },
  {
    name: 'jv-kafka-commit', service: SERVICE, count: 34,
    emit: (t) => ({
      stream: 'stdout', severity: 'WARNING',
      textPayload: console(t, 'WARN', `org.springframework.kafka.KafkaListenerEndpointContainer#0-0-C-1`, 'o.a.k.c.c.internals.ConsumerCoordinator',
        `[Consumer clientId=consumer-billing-${t.rng.int(1, 4)}, groupId=billing] Offset commit failed on partition invoices-${t.rng.int(0, 11)} at offset ${t.rng.int(1e4, 9e6)}: The coordinator is not aware of this member.`),
    }),
  },
  {
    name: 'jv-tax-call', service: SERVICE, count: 27,
    emit: (t) => logback(t, 'WARNING', 'com.acme.billing.tax.TaxClient',
      `Retry budget exhausted calling POST https://tax.example.com/v2/quote after ${t.rng.int(3, 6)} attempts (elapsed PT${t.rng.fixed(2, 40, 3)}S); headers={Authorization=Bearer ${t.plant.secret(t.rng.alnum(40))}, X-Request-Id=${t.rng.uuid()}}`),
  },
  {
    name: 'jv-session-cookie', service: SERVICE, count: 15,
    emit: (t) => logback(t, 'NOTICE', 'com.acme.billing.web.CsrfAudit',
      `CSRF token mismatch for ${t.plant.email(t.rng.pick(['accounts.payable', 'f.nakamura', 'billing-admin']), 'customer.example')} (Cookie: SESSION=${t.plant.secret(t.rng.base64url(32))}; XSRF-TOKEN=${t.plant.secret(t.rng.hex(32))})`),
  },
  {
    name: 'jv-noise-invoice', service: SERVICE, count: 400, noise: true,
    emit: (t) => logback(t, 'INFO', 'com.acme.billing.invoice.InvoiceService', `Invoice INV-2025-${String(t.rng.int(1, 99999)).padStart(6, '0')} finalized for ${t.rng.fixed(5, 900, 2)} EUR`),
  },
];
