// The OpenTelemetry Java SDK's logging exporter line (system-out-record.ts), bare or under the Java
// agent's own INFO line: read as the log record it prints, its level and body and exception.
import { systemOutRecord } from '../../../src/normalize/system-out-record.js';
import { normalizeEntry } from '../../../src/normalize/normalize-entry.js';
import type { Entry } from '../../../src/shared/types.js';

// The shape open-telemetry/opentelemetry-java's SystemOutLogRecordExporter.formatLog writes (see its
// SystemOutLogRecordExporterTest and #8712, which quotes the line), with the agent's logger line before
// it as `otel.javaagent.logging=simple` prints it.
const AGENT = '[otel.javaagent 2026-12-12 09:25:06:929 +0000] [http-nio-8080-exec-1] INFO io.opentelemetry.exporter.logging.SystemOutLogRecordExporter - ';
const BARE = "1970-08-07T10:00:00Z ERROR3 'message' : 00000000000000010000000000000002 0000000000000003 [scopeInfo: logTest:1.0] {amount=1, cheese=\"cheddar\"}";
const WITH_EXCEPTION = `${AGENT}2026-12-12T09:25:06.928Z ERROR 'Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed: org.springframework.transaction.CannotCreateTransactionException: Could not open JPA EntityManager for transaction] with root cause' : df842a41e0abf78349d406e7c41d77e1 ef6e8dcc9549fa15 [scopeInfo: org.apache.catalina.core.ContainerBase.[Tomcat].[localhost].[/].[dispatcherServlet]:] {exception.message="Could not open JPA EntityManager for transaction", exception.stacktrace="org.springframework.transaction.CannotCreateTransactionException: Could not open JPA EntityManager for transaction
\tat org.springframework.orm.jpa.JpaTransactionManager.doBegin(JpaTransactionManager.java:466)
\tat org.springframework.transaction.support.AbstractPlatformTransactionManager.startTransaction(AbstractPlatformTransactionManager.java:532)", exception.type="org.springframework.transaction.CannotCreateTransactionException"}`;

describe('systemOutRecord', () => {
  it('reads the SDK line: its severity, body and no exception', () => {
    expect(systemOutRecord(BARE)).toEqual({ severityText: 'ERROR', body: 'message' });
  });

  it("reads the record under the agent's INFO line, with its exception's attributes", () => {
    const record = systemOutRecord(WITH_EXCEPTION)!;
    expect(record.severityText).toBe('ERROR');
    expect(record.body).toMatch(/^Servlet\.service\(\).* with root cause$/);
    expect(record['exception.type']).toBe('org.springframework.transaction.CannotCreateTransactionException');
    expect(record['exception.message']).toBe('Could not open JPA EntityManager for transaction');
    expect(String(record['exception.stacktrace']).split('\n')).toHaveLength(3);
  });

  it('reads a body over several lines and quotes inside it', () => {
    const text = `${AGENT}2026-12-12T09:51:27.693Z ERROR 'ERROR: duplicate key value violates unique constraint "uk_orders_external_ref"\n  Detail: Key (external_ref)=(ext-axmGeLgUBU) already exists.' : 9baadeed1a69450af90a3689716c7516 61d800cd66b30ab0 [scopeInfo: org.hibernate.engine.jdbc.spi.SqlExceptionHelper:] {}`;
    expect(systemOutRecord(text)).toEqual({
      severityText: 'ERROR',
      body: 'ERROR: duplicate key value violates unique constraint "uk_orders_external_ref"\n  Detail: Key (external_ref)=(ext-axmGeLgUBU) already exists.',
    });
  });

  it('reads the level of a line cut before its span context', () => {
    expect(systemOutRecord(`${AGENT}2026-12-12T09:25:06.928Z WARN 'SQL Error: 0, SQLState: 23505`)).toBeNull();
    expect(systemOutRecord(`${AGENT}2026-12-12T09:25:06.928Z WARN 'SQL Error: 0, SQLState: 23505' : 0e36e404c0f0f29c130c01820e692401 e2d61226120a305b [scopeInfo: org.hibernate:`)).toMatchObject({ severityText: 'WARN' });
  });

  it.each([
    ['a log line that quotes a time', "2026-12-12T09:25:06.928Z ERROR 'x' failed"],
    ['a scope word in another line', 'INFO loaded [scopeInfo: x] from cache'],
    ['the record far into a long line', `${'x'.repeat(500)} 2026-12-12T09:25:06.928Z ERROR 'm' : 00000000000000000000000000000000 0000000000000000 [scopeInfo: a:] {}`],
  ])('reads no record from %s', (_name, text) => {
    expect(systemOutRecord(text)).toBeNull();
  });

  it("gives the entry the record's level, not the agent's", () => {
    const entry = normalizeEntry({ textPayload: WITH_EXCEPTION, timestamp: '2026-12-12T09:25:06.929Z' }) as Entry;
    expect(entry.severity).toBe('ERROR');
    expect(entry.text).toContain('CannotCreateTransactionException: Could not open JPA EntityManager for transaction');
    expect(entry.text).not.toContain('otel.javaagent');
  });
});
