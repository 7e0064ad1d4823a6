// A JVM exception a JSON encoder wrote as an object reads as the trace its pattern layout prints.
import { exceptionObjectTrace } from '../../../src/normalize/exception-object.js';
import { jsonMessage } from '../../../src/normalize/json-message.js';

describe('exceptionObjectTrace', () => {
  it("reads Logback's JsonEncoder throwable with its cause as Java prints them", () => {
    const throwable = {
      className: 'java.lang.IllegalStateException', message: 'ledger closed',
      stepArray: [{ className: 'com.acme.Ledger', methodName: 'post', fileName: 'Ledger.kt', lineNumber: 41 }],
      cause: { className: 'java.io.IOException', message: 'disk full', stepArray: [{ className: 'com.acme.Store', methodName: 'write', fileName: 'Store.kt', lineNumber: 9 }], commonFramesCount: 3 },
    };
    expect(exceptionObjectTrace(throwable)).toBe(
      'java.lang.IllegalStateException: ledger closed\n\tat com.acme.Ledger.post(Ledger.kt:41)\nCaused by: java.io.IOException: disk full\n\tat com.acme.Store.write(Store.kt:9)',
    );
  });

  it("reads Log4j2's JsonLayout thrown and JBoss's frames without a file, and a cause that has no frames", () => {
    const thrown = { commonElementCount: 0, localizedMessage: 'test', message: 'test', name: 'java.lang.RuntimeException', extendedStackTrace: [{ class: 'logtest.Main', method: 'main', file: 'Main.java', line: 29, exact: true, location: 'classes/', version: '?' }] };
    expect(exceptionObjectTrace(thrown)).toBe('java.lang.RuntimeException: test\n\tat logtest.Main.main(Main.java:29)');
    const jboss = { refId: 1, exceptionType: 'jakarta.ws.rs.ProcessingException', 'error.message': 'timed out', frames: [{ class: 'com.acme.Rates', method: 'get', line: 12 }], causedBy: { exception: { refId: 2, exceptionType: 'io.vertx.core.http.impl.NoStackTraceTimeoutException', message: 'timed out', frames: [] } } };
    expect(exceptionObjectTrace(jboss)).toBe('jakarta.ws.rs.ProcessingException: timed out\n\tat com.acme.Rates.get(Unknown Source)\nCaused by: io.vertx.core.http.impl.NoStackTraceTimeoutException: timed out');
  });

  it('is no trace for an object that names no class or holds no frame object', () => {
    expect(exceptionObjectTrace({ className: 'java.lang.Exception', message: 'x', stepArray: [] })).toBeUndefined();
    expect(exceptionObjectTrace({ className: 'not a class', message: 'x', stepArray: [{ className: 'a.B', methodName: 'c' }] })).toBeUndefined();
    expect(exceptionObjectTrace({ message: 'x', frames: [{ class: 'a.B', method: 'c' }] })).toBeUndefined();
    expect(exceptionObjectTrace({ type: 'Error', frames: ['at x (y.js:1:2)'] })).toBeUndefined();
  });

  it('stops at a cause chain that loops', () => {
    const e: Record<string, unknown> = { className: 'a.E', message: 'm', stepArray: [{ className: 'a.B', methodName: 'c' }] };
    e.cause = e;
    expect(exceptionObjectTrace(e)!.split('\n').length).toBeLessThanOrEqual(2 * 9);
  });
});

describe('a JSON record with an exception object', () => {
  it("says its message, then the exception's trace", () => {
    const payload = { level: 'ERROR', loggerName: 'ktor.application', message: 'Unhandled: POST - /api/transfers', throwable: { className: 'java.lang.IllegalStateException', message: 'ledger closed', stepArray: [{ className: 'com.acme.Ledger', methodName: 'post', fileName: 'Ledger.kt', lineNumber: 41 }] } };
    expect(jsonMessage(payload)).toEqual({ text: 'Unhandled: POST - /api/transfers\njava.lang.IllegalStateException: ledger closed\n\tat com.acme.Ledger.post(Ledger.kt:41)', errorType: 'java.lang.IllegalStateException' });
  });
});
