// java.util.logging's OneLineFormatter (Tomcat's catalina log) prints a record's throwable indented under
// its line: the exception line one tab (or a space) in, its frames deeper. The exception is the record's,
// whether the record is SEVERE or Tomcat's INFO about a malformed request.
import { describe, it } from '@jest/globals';
import { expectWhole } from '../../support/expect-whole.js';

// As pasted (a servlet's NullPointerException, the level localised), and Tomcat 10's records as it writes them.
const LOGOUT = [
  '04-Jan-2018 15:49:13.902 严重 [http-nio-8080-exec-8] org.apache.catalina.core.StandardWrapperValve.invoke Servlet.service() for servlet [LogOutServlet] in context with path [/GuestOrderApp] threw exception',
  ' java.lang.NullPointerException',
  '\tat controller.LogOutServlet.doGet(LogOutServlet.java:27)',
  '\tat javax.servlet.http.HttpServlet.service(HttpServlet.java:622)',
  '\tat org.apache.catalina.core.ApplicationFilterChain.internalDoFilter(ApplicationFilterChain.java:230)',
].join('\n');
const ROOT_CAUSE = [
  '05-Dec-2026 10:00:00.123 SEVERE [http-nio-8080-exec-3] org.apache.catalina.core.StandardWrapperValve.invoke Servlet.service() for servlet [reportServlet] in context with path [] threw exception [report 4711 failed] with root cause',
  '\torg.apache.tomcat.jdbc.pool.PoolExhaustedException: [http-nio-8080-exec-3] Timeout: Pool empty. Unable to fetch a connection in 30 seconds, none available[size:20; busy:20; idle:0; lastwait:30000].',
  '\t\tat org.apache.tomcat.jdbc.pool.ConnectionPool.borrowConnection(ConnectionPool.java:716)',
  '\t\tat org.apache.tomcat.jdbc.pool.ConnectionPool.getConnection(ConnectionPool.java:198)',
].join('\n');
const HEADER_PARSE = [
  '05-Dec-2026 10:00:00.123 INFO [http-nio-8080-exec-5] org.apache.coyote.http11.Http11Processor.service Error parsing HTTP request header',
  ' Note: further occurrences of HTTP request parsing errors will be logged at DEBUG level.',
  '\tjava.lang.IllegalArgumentException: Invalid character found in method name [0x160x030x010x00...]. HTTP method names must be tokens',
  '\t\tat org.apache.coyote.http11.Http11InputBuffer.parseRequestLine(Http11InputBuffer.java:406)',
  '\t\tat org.apache.coyote.http11.Http11Processor.service(Http11Processor.java:264)',
].join('\n');

const OTHERS = ['05-Dec-2026 10:00:00.123 INFO [http-nio-8080-exec-9] com.acme.reports.ReportServlet.doGet report 4711 rendered in 55 ms, errors=0'];

describe('reassemble: a throwable indented under its record (OneLineFormatter)', () => {
  it.each([
    ['a servlet exception, indented by a space', LOGOUT],
    ['a root cause, indented by a tab, its frames by two', ROOT_CAUSE],
    ["Tomcat's INFO record of a malformed request, with its note and its exception", HEADER_PARSE],
  ])('%s comes back whole', (_name, record) => {
    expectWhole(record, OTHERS);
  });
});
