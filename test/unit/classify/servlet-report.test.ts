// Tomcat's report of an exception a servlet let through (servlet-report.ts): the exception in its
// brackets is the problem, not the servlet, the path or Spring's `Request processing failed` wrapper.
import { servletReportLine } from '../../../src/classify/servlet-report.js';
import { problemText } from '../../../src/classify/problem-text.js';

describe('servletReportLine', () => {
  it.each([
    // spring-projects/spring-boot#22028 (Spring 5's wrapper, Boot's header before it)
    [
      '2020-06-19 17:17:27.517 ERROR 76924 --- [nio-9081-exec-3] o.a.c.c.C.[.[.[/].[dispatcherServlet] : Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed; nested exception is java.lang.NullPointerException] with root cause',
      'java.lang.NullPointerException',
    ],
    // wosyingjun/beauty_ssm#2 (java.util.logging's level line, another servlet's name)
    [
      '严重: Servlet.service() for servlet [spring-dispatcher] in context with path [] threw exception [Request processing failed; nested exception is java.lang.NullPointerException] with root cause',
      'java.lang.NullPointerException',
    ],
    // Spring 6's wrapper, as Boot 3 prints it
    [
      'Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed: org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection] with root cause',
      'org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection',
    ],
    // An exception thrown outside Spring's dispatcher (no wrapper), and a report without its root cause
    [
      'Servlet.service() for servlet [jsp] in context with path [/shop] threw exception [java.lang.IllegalStateException: getOutputStream() has already been called for this response] with root cause',
      'java.lang.IllegalStateException: getOutputStream() has already been called for this response',
    ],
    [
      'Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed: java.lang.IndexOutOfBoundsException: Index 9999 out of bounds for length 3]',
      'java.lang.IndexOutOfBoundsException: Index 9999 out of bounds for length 3',
    ],
  ])('%s', (line, inner) => {
    expect(servletReportLine(line)).toBe(inner);
  });

  it.each([
    ['a line that mentions the servlet', 'Initializing Servlet.service() for servlet [dispatcherServlet]'],
    ['another report', 'Exception Processing ErrorPage[errorCode=0, location=/error]'],
    ['an empty exception', 'Servlet.service() for servlet [a] in context with path [] threw exception [] with root cause'],
    // A ServletException's own message, no exception's type: the report names what failed itself.
    ['a message with no type', 'Servlet.service() for servlet [reportServlet] in context with path [] threw exception [report 61733 failed] with root cause'],
  ])('leaves alone %s', (_name, line) => {
    expect(servletReportLine(line)).toBe(line);
  });

  it('makes two failures behind one servlet two problem texts, and one failure one', () => {
    const report = (inner: string) => `Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed: ${inner}] with root cause`;
    const a = problemText(report('org.springframework.dao.DataIntegrityViolationException: could not execute statement'));
    const b = problemText(report('org.springframework.web.client.HttpServerErrorException$ServiceUnavailable: 503 Service Unavailable'));
    expect(a).not.toBe(b);
    expect(a).toBe(problemText('org.springframework.dao.DataIntegrityViolationException: could not execute statement'));
  });
});
