// Camel's error handler reports every exchange it gave up on under one line (camel-delivery.ts): the
// exception it caught is the problem, not the ids, the attempt count or the message history table.
import { camelTrace, failedDeliveryLine, reportsCaught } from '../../../src/classify/camel-delivery.js';
import { problemText } from '../../../src/classify/problem-text.js';
import { stackSignature } from '../../../src/classify/stack-signature.js';

const RULER = '-'.repeat(135);

describe('failedDeliveryLine', () => {
  it.each([
    // Islandora/documentation#1029 (Camel 2.20 under Karaf, the dead letter channel's tail)
    [
      'Failed delivery for (MessageId: queue_islandora-connector-houdini_ID_94ca62ced546-38129-1641418608853-3_6_-1_1_5 on ExchangeId: ID-bea81bcc2a4e-1641418615223-3-11). Exhausted after delivery attempt: 11 caught: java.net.SocketTimeoutException: Read timed out. Processed by failure processor: FatalFallbackErrorHandler[Channel[Log(ca.islandora.alpaca.connector.derivative.DerivativeConnector)[Error connecting generating derivative with http://houdini:8000/convert: ${exception.message}',
      'java.net.SocketTimeoutException: Read timed out',
    ],
    // Camel 4's ids, camel-http's failure (the route's 503), after Spring Boot's console header
    [
      '2026-12-04T03:21:25.356Z ERROR 1 --- [orders] [         Gax-13] o.a.c.p.e.DefaultErrorHandler            : Failed delivery for (MessageId: 35CAA2AA380A706-0000000000008286 on ExchangeId: 35CAA2AA380A706-0000000000008286). Exhausted after delivery attempt: 4 caught: org.apache.camel.http.base.HttpOperationFailedException: HTTP operation failed invoking https://fulfilment.example/v1/shipments with statusCode: 503',
      'org.apache.camel.http.base.HttpOperationFailedException: HTTP operation failed invoking https://fulfilment.example/v1/shipments with statusCode: 503',
    ],
    // Camel 1's `exchangeId:` form, continued routing
    [
      'Failed delivery for exchangeId: ID-host-41234-1290000000000-0-2. Exhausted after delivery attempt: 1 caught: java.lang.IllegalArgumentException: Invalid order. Handled and continue routing.',
      'java.lang.IllegalArgumentException: Invalid order',
    ],
    // A masked template of the record, as a trace's header reads
    [
      'Failed delivery for (MessageId: <ID> on ExchangeId: <ID>). Exhausted after delivery attempt: <NUM> caught: java.util.concurrent.ExecutionException: com.google.api.gax.rpc.PermissionDeniedException: io.grpc.StatusRuntimeException: PERMISSION_DENIED: User not authorized to perform this action.',
      'java.util.concurrent.ExecutionException: com.google.api.gax.rpc.PermissionDeniedException: io.grpc.StatusRuntimeException: PERMISSION_DENIED: User not authorized to perform this action.',
    ],
  ])('%s', (line, inner) => {
    expect(failedDeliveryLine(line)).toBe(inner);
  });

  it.each([
    // A retry is another thing: the exchange is tried again.
    ['a retry', 'Failed delivery for (MessageId: A-1 on ExchangeId: A-1). On delivery attempt: 2 caught: java.net.ConnectException: Connection refused'],
    ['no exception caught', 'Failed delivery for (MessageId: A-1 on ExchangeId: A-1). Exhausted after delivery attempt: 1 caught: null. Handled and continue routing.'],
    ['an application line', 'Failed delivery for order 4411: courier rejected the parcel'],
    ['no ids', 'Failed delivery for (MessageId: ). Exhausted after delivery attempt: 1 caught: java.lang.Exception: x'],
  ])('leaves alone %s', (_name, line) => {
    expect(failedDeliveryLine(line)).toBe(line);
  });

  it('makes two failures of one error handler two problem texts, and one failure one', () => {
    const record = (caught: string) => `Failed delivery for (MessageId: 2D5E-01 on ExchangeId: 2D5E-01). Exhausted after delivery attempt: 1 caught: ${caught}`;
    const a = problemText(record('org.apache.camel.http.base.HttpOperationFailedException: HTTP operation failed invoking https://x.example/v1 with statusCode: 503'));
    const b = problemText(record('java.net.SocketTimeoutException: Read timed out'));
    expect(a).not.toBe(b);
    expect(b).toBe(problemText('java.net.SocketTimeoutException: Read timed out'));
  });

  it('bounds its scan of a long line', () => {
    const line = `Failed delivery for (MessageId: ${'a'.repeat(100_000)}`;
    expect(failedDeliveryLine(line)).toBe(line);
  });
});

describe('reportsCaught', () => {
  const header = 'Failed delivery for (MessageId: <ID> on ExchangeId: <ID>). Exhausted after delivery attempt: <NUM> caught: java.net.SocketTimeoutException: Read timed out';
  it('is the record of the trace it heads', () => {
    expect(reportsCaught(header, 'java.net.SocketTimeoutException')).toBe(true);
  });
  it('is not the record of another exception, nor of a longer name', () => {
    expect(reportsCaught(header, 'java.net.ConnectException')).toBe(false);
    expect(reportsCaught(header, 'java.net.Socket')).toBe(false);
    expect(reportsCaught('order sync failed', 'java.net.SocketTimeoutException')).toBe(false);
  });
});

// The DefaultErrorHandler's record as Camel 4 prints it (fabric8io/fabric8#2481 and Islandora/documentation#1029
// show the layout: the line, the message history table, `Stacktrace`, a ruler, the trace).
function record(caught: string, trace: string[]): string {
  return [
    `Failed delivery for (MessageId: 4A4C98A1B01A000-0000000000009665 on ExchangeId: 4A4C98A1B01A000-0000000000009665). Exhausted after delivery attempt: 1 caught: ${caught}`,
    '',
    'Message History (source location and message history is disabled)',
    RULER,
    'Source                                   ID                             Processor                                          Elapsed (ms)',
    '                                         persist/to1                    sql://INSERT INTO orders (order_id, customer_id, t          558',
    '',
    'Stacktrace',
    RULER,
    ...trace,
  ].join('\n');
}

const DUPLICATE = [
  'org.springframework.dao.DuplicateKeyException: PreparedStatementCallback; SQL [INSERT INTO orders (order_id) VALUES (?)]; ERROR: duplicate key value violates unique constraint "orders_pkey"',
  '  Detail: Key (order_id)=(ORD-400812) already exists.',
  '\tat org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator.doTranslate(SQLErrorCodeSQLExceptionTranslator.java:243)',
  '\tat org.springframework.jdbc.core.JdbcTemplate.execute(JdbcTemplate.java:677)',
  '\tat org.apache.camel.component.sql.SqlProducer.process(SqlProducer.java:97)',
  'Caused by: org.postgresql.util.PSQLException: ERROR: duplicate key value violates unique constraint "orders_pkey"',
  '  Detail: Key (order_id)=(ORD-400812) already exists.',
  '\tat org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2733)',
];
const TIMEOUT = [
  'java.net.SocketTimeoutException: Read timed out',
  '\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:278)',
  '\tat org.apache.camel.component.http.HttpProducer.process(HttpProducer.java:272)',
];

describe("a trace under Camel's failed-delivery record", () => {
  it('reads as the trace logged alone, whatever the server error lines under its message', () => {
    const [head, ...rest] = DUPLICATE;
    const recorded = stackSignature(record(`${head}\n${rest[0]}`, DUPLICATE));
    const alone = stackSignature(DUPLICATE.join('\n'));
    expect(recorded?.exceptionType).toBe('org.springframework.dao.DuplicateKeyException');
    expect(recorded?.exceptionType).toBe(alone?.exceptionType);
    expect(recorded?.frames).toEqual(alone?.frames);
    expect(recorded?.rootCause).toBe('org.postgresql.util.PSQLException');
    expect(recorded?.context).toBeUndefined();
  });

  it('keeps two exceptions the handler caught two signatures', () => {
    const a = stackSignature(record(DUPLICATE[0] as string, DUPLICATE));
    const b = stackSignature(record(TIMEOUT[0] as string, TIMEOUT));
    expect(a?.exceptionType).not.toBe(b?.exceptionType);
    expect(b?.exceptionType).toBe('java.net.SocketTimeoutException');
    expect(b?.context).toBeUndefined();
  });

  it('reads the record without its history table (logExhaustedMessageHistory off) as the trace alone', () => {
    const text = [`Failed delivery for (MessageId: A-1 on ExchangeId: A-1). Exhausted after delivery attempt: 1 caught: ${TIMEOUT[0]}`, ...TIMEOUT].join('\n');
    const read = stackSignature(text);
    expect(read?.exceptionType).toBe('java.net.SocketTimeoutException');
    expect(read?.context).toBeUndefined();
    expect(read?.reportedAs).toBeUndefined();
  });

  it('leaves a `Stacktrace` line with no ruler under it, and a trace with no such title, as they are', () => {
    const lines = ['Stacktrace', 'java.lang.IllegalStateException: x', '\tat com.acme.A.b(A.java:1)'];
    expect(camelTrace(lines)).toBe(lines);
    expect(camelTrace(TIMEOUT)).toBe(TIMEOUT);
  });
});
